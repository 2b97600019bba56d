"""Problems found in the input: where (``sheet!cell``), how bad, and what is wrong, in Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """An error stops a refresh; a warning is reported and the refresh goes on."""

    ERROR = "fout"
    WARNING = "waarschuwing"


@dataclass(frozen=True)
class Problem:
    """One finding, located as precisely as the input allows."""

    severity: Severity
    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


class InputError(Exception):
    """Raised when the input holds errors; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def has_errors(problems: list[Problem]) -> bool:
    """True if any problem is an error (warnings alone let the work go on)."""
    return any(p.severity is Severity.ERROR for p in problems)
