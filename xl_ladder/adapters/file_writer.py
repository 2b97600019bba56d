"""Replace a file all or nothing: written beside it, synced, renamed over it.

Before a workbook is replaced, what would make that lose work refuses it: the lock file of a
program that has it open (Excel, LibreOffice), read-only, a hard link. The new file keeps the old
one's owner and mode; a refresh stopped half way leaves no temporary file behind.
"""

from __future__ import annotations

import glob
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

TEMPORARY = ".~"
"""Start of the temporary file's name, beside the workbook: ``.~<name>.<pid>.<random>.tmp``."""


class WriteError(Exception):
    """The workbook could not be written; the message is Dutch and the file is unchanged."""


def lock_file(path: Path) -> Path:
    """Excel's owner file for an open workbook: ``~$name`` beside it."""
    return path.with_name("~$" + path.name)


LOCKS = (("Excel", "~${}"), ("LibreOffice", ".~lock.{}#"))
"""The lock files programs leave beside a workbook they have open: writing it then loses their next save,
or ours."""


def refusal(target: Path) -> str | None:
    """Why the workbook may not be replaced now (open in a program, read-only, a directory, hard-linked), or None.

    Read-only is judged by the mode bits too: root may write any file, but a file without write bits
    is the analyst's ``Alleen-lezen``. A hard link would be broken by the rename: the workbook's other
    name would silently keep the old figures.
    """
    if target.is_dir():  # also '' and '.', which have no name to put a lock beside
        return f"{target.name or target} is een map, geen werkmap: geef de naam van een bestand op .xlsm"
    for path in {target, Path(os.path.realpath(target))}:
        for program, pattern in LOCKS:
            lock = path.with_name(pattern.format(path.name))
            if lock.exists():
                return f"{target.name} is geopend in {program} ({lock.name} bestaat): sluit de werkmap en probeer opnieuw"
    if not target.exists():
        return None
    status = target.stat()
    if not os.access(target, os.W_OK) or not status.st_mode & 0o222:  # a rename would replace it all the same
        return f"{target.name} is alleen-lezen: zet 'Alleen-lezen' uit en probeer opnieuw"
    if status.st_nlink > 1:
        return (f"{target.name} heeft nog {status.st_nlink - 1} andere naam op de schijf (een harde koppeling): "
                "vervangen zou de koppeling verbreken en de andere naam hield de oude cijfers; schrijf met --output "
                "naar een nieuw bestand, of maak van de werkmap een gewone kopie")
    return None


Stamp = tuple[int, int, int, int]


def stamp(path: Path) -> Stamp:
    """What changes when another program saves the file: device, inode, size, modification time."""
    status = path.stat()
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def _temporary_prefix(target: Path) -> str:
    return f"{TEMPORARY}{target.name}."


def remove_stale_temporaries(target: Path) -> None:
    """Remove temporary files a killed refresh left beside ``target`` (their process is gone).

    The writing process's id is in the name, so a refresh still running on the same file keeps
    its own. Without a way to ask whether a process lives (Windows), files older than a day go.
    """
    prefix = _temporary_prefix(target)
    for path in target.parent.glob(glob.escape(prefix) + "*.tmp"):
        pid = path.name[len(prefix):].partition(".")[0]
        try:
            windows_or_foreign = os.name == "nt" or not pid.isdigit()
            alive = time.time() - path.stat().st_mtime < 86400 if windows_or_foreign else _running(int(pid))
            if not alive:
                path.unlink()
        except OSError:
            continue  # not ours to remove, or already gone: never a reason to stop the refresh


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _keep_mode_and_owner(temporary: str, target: Path) -> None:
    """Give the new file the old one's owner and mode; a new file the usual mode (0666 less the umask)."""
    if not target.exists():
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        return
    status = target.stat()
    if hasattr(os, "chown") and (status.st_uid, status.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.chown(temporary, status.st_uid, status.st_gid)
        except PermissionError as error:
            raise WriteError(f"{target.name} is van een andere gebruiker: vervangen zou de eigenaar veranderen; "
                             "vernieuw als die gebruiker, of bewaar met --output een eigen kopie") from error
    os.chmod(temporary, status.st_mode & 0o7777)


def _remove_own_temporaries(final: Path) -> None:
    """Remove this process's temporary files beside ``final`` (its id is in their names)."""
    for path in final.parent.glob(glob.escape(f"{_temporary_prefix(final)}{os.getpid()}.") + "*.tmp"):
        path.unlink(missing_ok=True)


def write_atomically(target: Path, write: Callable[[BinaryIO], Any], unchanged: Callable[[], None] = lambda: None) -> None:
    """Write to a temporary file beside ``target``, sync, then rename over it (all or nothing).

    A symbolic link is followed: the file it points to is replaced and the link stays a link.
    ``unchanged`` is called just before the rename and may refuse it by raising. A stop (Ctrl-C,
    SIGTERM: KeyboardInterrupt) before the rename removes the temporary file, also one that arrives
    while ``mkstemp`` creates it, before its name is known; one arriving once the rename is done is
    swallowed: the finished refresh counts. The temporary file tells which (it is gone once renamed),
    not a blocked signal: numpy's own thread would take a signal the main thread blocks.
    """
    final = Path(os.path.realpath(target))
    remove_stale_temporaries(final)
    temporary = ""
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f"{_temporary_prefix(final)}{os.getpid()}.", suffix=".tmp",
                                                 dir=final.parent)
        with os.fdopen(descriptor, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode_and_owner(temporary, final)
        unchanged()
        os.replace(temporary, final)
    except KeyboardInterrupt:
        if temporary and not os.path.lexists(temporary):
            return
        _remove_own_temporaries(final)
        raise
    except BaseException:
        _remove_own_temporaries(final)
        raise


