"""Bombs for the reader: an XML bomb (billion laughs) in a part and zip bombs that unpack to far more
than they weigh, made from a workbook; and the check of one in a fresh interpreter, measured.
Used by ``test_faults.py`` (refused, in bounded memory) and ``bench/bombs.py`` (how fast)."""

from __future__ import annotations

import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

from .raw_cells import sheet_part

MEASURED = """
import resource, sys, time
from xl_ladder.shell.cli import main
started = time.perf_counter()
code = main(["check", sys.argv[1]])
print(f"{time.perf_counter() - started:.3f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
sys.exit(code)
"""
MAX_KIB = 300 * 1024
"""Peak memory of a refused bomb's check: bounded, whatever the bomb would unpack to."""


def measured_check(path: Path) -> tuple[subprocess.CompletedProcess[str], float, int]:
    """``xl-ladder check`` in a fresh interpreter: its result, seconds spent and peak memory (KiB)."""
    result = subprocess.run([sys.executable, "-c", MEASURED, str(path)], capture_output=True, text=True,
                            encoding="utf-8", timeout=120, check=False)
    seconds, kib = result.stderr.splitlines()[-1].split()
    return result, float(seconds), int(kib)


LAUGHS = "<!DOCTYPE worksheet [<!ENTITY lol \"lol\">" + "".join(
    f"<!ENTITY lol{i} \"{('&lol%s;' % (i - 1 if i > 1 else '')) * 10}\">" for i in range(1, 10)) + "]>"
"""Billion laughs: ``&lol9;`` expands to 10⁹ × 'lol', 3 GB."""


def with_parts(source: Path, target: Path, change: Callable[[str, str], str]) -> None:
    """Copy the package, passing every part's text through ``change(name, text)``."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        sheet = sheet_part(archive, "Maatregelen")
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename.endswith(".xml"):
                data = change(info.filename.replace(sheet, "SHEET"), data.decode()).encode()
            out.writestr(info.filename, data)


def laughs_in(part: str, before_doctype: str = "") -> Callable[[str, str], str]:
    def change(name: str, text: str) -> str:
        if name != part:
            return text
        declaration, rest = text.split("?>", 1)
        rest = rest.replace("<v>3050</v>", "<v>&lol9;</v>", 1).replace("<t>SINE</t>", "<t>&lol9;</t>", 1)
        return declaration + "?>" + before_doctype + LAUGHS + rest
    return change


def deflated(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def deflated_filler(prefix: bytes, chunk: bytes, times: int, suffix: bytes) -> tuple[bytes, int, int]:
    """``prefix + chunk × times + suffix`` deflated, with CRC and size, in milliseconds.

    After a full flush the compressor starts afresh, so each further chunk deflates to the same
    bytes: they are computed once and repeated (the CRC is still computed over everything).
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    body = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert body == compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(suffix) + compressor.flush()
    crc = zlib.crc32(prefix)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    return head + body * (times - 1) + tail, zlib.crc32(suffix, crc), len(prefix) + len(chunk) * times + len(suffix)


def write_zip(target: Path, members: list[tuple[str, bytes, int, int]]) -> None:
    """A zip of deflated members (name, data, CRC, size), written field by field (no zip64: < 4 GB)."""
    local, central = bytearray(), bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21, crc, len(data), size,
                               len(encoded), 0, 0, 0, 0, 0, len(local)) + encoded
        local += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        local += encoded + data
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(local), 0)
    target.write_bytes(bytes(local + central + end))


def zip_bomb(source: Path, target: Path, megabytes: int) -> None:
    """``source`` with its measure sheet padded (inside ``<sheetData>``) by ``megabytes`` MiB of spaces."""
    members = []
    with zipfile.ZipFile(source) as archive:
        sheet = sheet_part(archive, "Maatregelen")
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename == sheet:
                prefix, suffix = data.split(b"<sheetData>", 1)
                members.append((sheet, *deflated_filler(prefix + b"<sheetData>", b" " * (1 << 20), megabytes, suffix)))
            else:
                members.append((info.filename, deflated(data), zlib.crc32(data), len(data)))
    write_zip(target, members)
