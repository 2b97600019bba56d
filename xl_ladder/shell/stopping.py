"""Ctrl-C and SIGTERM end the command with a Dutch message, never a traceback.

SIGTERM (what ``kill`` and service managers send) is turned into the same exception as Ctrl-C,
so the writer's cleanup (the temporary file beside the workbook) runs for both.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

STOPPED_BY: list[int] = []
"""The signal that stopped the command (empty while it runs)."""
NAMES: dict[int, str] = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}


def _stop(signum: int, frame: FrameType | None) -> None:
    STOPPED_BY.append(signum)
    raise KeyboardInterrupt


@contextmanager
def stoppable() -> Iterator[None]:
    """Within this block Ctrl-C and SIGTERM raise KeyboardInterrupt (see :func:`message`)."""
    previous = {signum: signal.signal(signum, _stop) for signum in NAMES}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def stopped() -> Iterator[None]:
    """Outside the command proper (while it loads): a stop prints the Dutch message and exits."""
    try:
        yield
    except KeyboardInterrupt:
        text, code = message()
        print(f"fout: {text}", file=sys.stderr)
        sys.exit(code)


def ignore() -> None:
    """Ignore further stops: the command is done and the process exits."""
    for signum in NAMES:
        signal.signal(signum, signal.SIG_IGN)


def message() -> tuple[str, int]:
    """The Dutch message and exit code (128 + signal number, as shells report it) after a stop."""
    signum = STOPPED_BY[-1] if STOPPED_BY else signal.SIGINT
    return (f"afgebroken ({NAMES[signum]}): er is niets geschreven, de werkmap is ongewijzigd",
            128 + signum)
