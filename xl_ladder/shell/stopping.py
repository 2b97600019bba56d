"""Ctrl-C and SIGTERM end the command with a Dutch message, never a traceback, at every moment
from the tool's first line on.

SIGTERM (what ``kill`` and service managers send) is turned into the same exception as Ctrl-C,
KeyboardInterrupt, so the writer's cleanup (the temporary file beside the workbook) runs for
both. A Python exception can be raised anywhere, and in two kinds of places it would be lost or
turned into another one; there the stop waits a moment:

- **during an import.** A C extension imports other modules from its own initialisation and
  reports any exception there as an ImportError (numpy: "Importing the numpy C-extensions
  failed"). The stop is raised when the outermost import is done.
- **in a finaliser** (``__del__``, a weakref callback). Python prints an exception raised there as
  "Exception ignored in …" and carries on. The stop is raised at the next call or return outside.

Once a refresh has put its new file in place (:func:`finished_when_replaced`), a stop is
ignored: the finished refresh counts, with its usual output. Only one stop counts; others
arriving while it ends the command are ignored, so its cleanup runs undisturbed.

Before the tool's first line — Python's own start, which ``bench/stops.py`` measures — no
program can catch a signal: SIGTERM then ends the process silently (status 143 in a shell) and
Ctrl-C shows Python's own ``KeyboardInterrupt`` lines; nothing has been read or written by then
(README, *Stopped*).
"""

from __future__ import annotations

import os
import signal
import sys

TYPE_CHECKING = False  # typing and pathlib would add milliseconds to the moments before the handlers are in place
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from types import CodeType, FrameType
    from typing import Any

NAMES: dict[int, str] = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "SIGTERM"}
IMPORT_SYSTEM = frozenset({"<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>"})
"""Where importlib's own frames come from: a frame from there means an import is under way."""


class _Stop:
    """The stop of this process: which signal came, whether it was raised, what counts as finished."""

    signum: int | None = None
    raised = False
    result: tuple[Path, tuple[int, int] | None] | None = None
    """A file the command replaces, and its identity (device, inode) when the command began."""
    reporter: CodeType | None = None
    """The code of the entry point that installed the handlers: it reports a stop, a stop is never raised in it."""


_STOP = _Stop()


def install() -> None:
    """Catch Ctrl-C and SIGTERM from here on: the first step of the command line's entry point (never of a
    library), which then reports a stop with :func:`end`."""
    _STOP.reporter = sys._getframe(1).f_code
    for signum in NAMES:
        signal.signal(signum, _on_stop)
    sys.unraisablehook = _on_unraisable


def finished_when_replaced(path: Path) -> None:
    """The command is finished once ``path`` is another file than now (the refresh renamed its new file
    over it, or created it): a stop after that is ignored."""
    _STOP.result = (path, _identity(path))


def came() -> bool:
    """Whether a stop came that ends the command (not one ignored because the command had finished)."""
    return _STOP.signum is not None and not _finished()


def end(code: int | None) -> int:
    """Ignore stops from now on (the process only exits), and tell the analyst if one ended the command.

    ``code``: the command's exit code, None if it ended with an exception (after a stop). Returns
    the exit code: after a stop 128 + the signal's number, as shells report it.
    """
    for signum in NAMES:
        signal.signal(signum, signal.SIG_IGN)
    sys.setprofile(None)
    if code is not None and not came():
        return code
    signum = _STOP.signum or signal.SIGINT
    print(f"fout: afgebroken ({NAMES[signum]}): er is niets geschreven, de werkmap is ongewijzigd", file=sys.stderr)
    return 128 + signum


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


def _finished() -> bool:
    return _STOP.result is not None and _identity(_STOP.result[0]) != _STOP.result[1]


def _on_stop(signum: int, frame: FrameType | None) -> None:
    if _STOP.signum is not None:
        return
    _STOP.signum = signum
    _raise_when_safe(frame)


def _on_unraisable(unraisable: Any) -> None:
    """Our KeyboardInterrupt, lost in a finaliser: raise it again at the next call or return outside."""
    if issubclass(unraisable.exc_type, KeyboardInterrupt) and _STOP.raised:
        _STOP.raised = False
        sys.setprofile(_waiting(None))
        return
    sys.__unraisablehook__(unraisable)


def _raise_when_safe(frame: FrameType | None) -> None:
    """Raise the stop here, or wait for a moment where raising it loses nothing (see the module's docstring)."""
    if _finished():
        return
    if frame is not None and _quiet(frame):
        sys.setprofile(_waiting(None))
        return
    importing = _outermost_import(frame)
    if importing is not None:
        sys.setprofile(_waiting(importing))
        return
    _STOP.raised = True
    raise KeyboardInterrupt


def _quiet(frame: FrameType) -> bool:
    """This module's own functions and the entry point's frame: they report a stop, it is not raised in them."""
    return frame.f_globals is globals() or frame.f_code is _STOP.reporter


def _outermost_import(frame: FrameType | None) -> FrameType | None:
    """The outermost of importlib's frames on the stack, if an import is under way."""
    outermost = None
    while frame is not None:
        if frame.f_code.co_filename in IMPORT_SYSTEM:
            outermost = frame
        frame = frame.f_back
    return outermost


def _waiting(importing: FrameType | None) -> Callable[[FrameType, str, Any], None]:
    """A profile function that raises the stop at the first call or return after ``importing`` returned
    (any, if None), outside an import and outside the quiet frames."""
    left = importing is None

    def wait(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal left
        if event == "return" and frame is importing:
            left = True
        elif left and event in ("call", "return") and not _quiet(frame):
            sys.setprofile(None)
            _raise_when_safe(frame)

    return wait
