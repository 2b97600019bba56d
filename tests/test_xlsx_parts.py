"""The part-level writer's pieces, element by element, against exact expected strings (XlsxWriter's habit)."""

from __future__ import annotations

import io
import zipfile

from xl_ladder.adapters.xlsx_package import _copy_compressed


def _archive(members: dict[str, bytes], copy: bool) -> bytes:
    """An archive of ``members`` written by ``writestr``, or copied member by member from one that was."""
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w", compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED)
    if not copy:
        return source.getvalue()
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source.getvalue())) as read, zipfile.ZipFile(target, "w") as archive:
        for info in read.infolist():
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            _copy_compressed(archive, info, source.getvalue()[start:start + info.compress_size])
    return target.getvalue()


def test_copying_compressed_members_gives_the_archive_writestr_gives() -> None:
    """``_copy_compressed`` does by hand what zipfile's private writer does (it has no public call for
    copying a compressed member): byte for byte the same archive. Should a Python release change those
    internals, this fails before any workbook is written wrongly."""
    members = {"[Content_Types].xml": b"<Types/>" * 50, "xl/workbook.xml": "<workbook>é</workbook>".encode() * 99,
               "xl/media/image1.png": bytes(range(256)) * 40}
    copied = _archive(members, copy=True)
    assert copied == _archive(members, copy=False)
    with zipfile.ZipFile(io.BytesIO(copied)) as archive:
        assert archive.testzip() is None
        assert {name: archive.read(name) for name in archive.namelist()} == members
