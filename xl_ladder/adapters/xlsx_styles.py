"""Append the report's cell formats to a workbook's ``styles.xml`` without renumbering anything.

Existing fonts, fills, borders, number formats and cell formats keep their indices, so every
cell of the analyst's sheets keeps its look. A format already present (for instance from the
previous refresh) is found and reused, so refreshing twice gives identical sheets.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from ..layout import Style

BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}
_SECTIONS = {"fonts": "font", "fills": "fill", "cellXfs": "xf"}


class StylesError(ValueError):
    """The styles part has a shape this writer does not recognise (it then refuses to write)."""


class StyleBook:
    """The styles part as text, with the report's formats appended on demand."""

    def __init__(self, xml: str) -> None:
        self._xml = xml
        self._cache: dict[Style, int] = {}
        self._parsed: dict[str, tuple[re.Match[str], list[str]]] = {}
        """Each section's children, parsed once until the text changes."""
        font = re.search(r"<fonts\b[^>]*>\s*<font\b[^>]*>(.*?)</font>", xml, re.S)
        if font is None or "<cellXfs" not in xml:
            raise StylesError("styles.xml: geen lettertypen of celopmaken gevonden")
        size = re.search(r'<sz val="([^"]+)"', font.group(1))
        name = re.search(r'<name val="([^"]+)"', font.group(1))
        self._font_size = size.group(1) if size else "11"
        self._font_name = name.group(1) if name else "Calibri"

    @property
    def xml(self) -> str:
        """The styles part, with whatever was appended."""
        return self._xml

    @xml.setter
    def xml(self, text: str) -> None:
        self._xml = text
        self._parsed.clear()

    def index(self, style: Style) -> int:
        """The ``s`` attribute for cells of this style (appending the format if needed)."""
        if style not in self._cache:
            self._cache[style] = self._ensure("cellXfs", self._xf(style))
        return self._cache[style]

    def _section(self, section: str) -> re.Match[str]:
        match = re.search(rf"(<{section}\b[^>]*?)(?:/>|>(.*?)</{section}>)", self.xml, re.S)
        if match is None:
            raise StylesError(f"styles.xml: sectie {section} ontbreekt")
        return match

    def _replace(self, match: re.Match[str], section: str, body: str, count: int) -> None:
        """Rewrite one section with a new body, keeping its other attributes."""
        start = re.sub(r'\scount="\d*"', "", match.group(1)) + f' count="{count}"'
        self.xml = self.xml[: match.start()] + f"{start}>{body}</{section}>" + self.xml[match.end():]

    def _ensure(self, section: str, element: str) -> int:
        """Index of ``element`` in ``section``; appended (and the count updated) when absent."""
        if section not in self._parsed:
            match = self._section(section)
            tag = _SECTIONS[section]
            self._parsed[section] = (match, re.findall(rf"<{tag}\b[^>]*?(?:/>|>.*?</{tag}>)", match.group(2) or "", re.S))
        match, children = self._parsed[section]
        if element in children:
            return children.index(element)
        self._replace(match, section, (match.group(2) or "") + element, len(children) + 1)
        return len(children)

    def _number_format(self, code: str | None) -> int:
        if code is None:
            return 0
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        attr = escape(code, {'"': "&quot;"})
        pattern = r'<numFmt\b[^>]*?numFmtId="(\d+)"[^>]*?formatCode="([^"]*)"'
        section = self._section("numFmts").group(2) or "" if "<numFmts" in self.xml else ""
        existing = re.findall(pattern, section)
        for number, found in existing:
            if found == attr:
                return int(number)
        new_id = max([163] + [int(n) for n, _ in re.findall(pattern, self.xml)]) + 1
        element = f'<numFmt numFmtId="{new_id}" formatCode="{attr}"/>'
        if "<numFmts" not in self.xml:
            at = self.xml.index("<fonts")
            self.xml = self.xml[:at] + f'<numFmts count="1">{element}</numFmts>' + self.xml[at:]
        else:
            match = self._section("numFmts")
            self._replace(match, "numFmts", (match.group(2) or "") + element, len(existing) + 1)
        return new_id

    def _xf(self, style: Style) -> str:
        font = self._ensure("fonts", self._font(style))
        fill = self._ensure("fills", self._fill(style.fill)) if style.fill else 0
        number = self._number_format(style.number_format)
        align = f'<alignment horizontal="left" indent="{style.indent}"/>' if style.indent else ""
        applied = ' applyNumberFormat="1" applyFont="1" applyFill="1"' + (' applyAlignment="1"' if align else "")
        head = f'<xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"{applied}'
        return f"{head}>{align}</xf>" if align else f"{head}/>"

    def _font(self, style: Style) -> str:
        return (f"<font>{'<b/>' if style.bold else ''}<sz val=\"{self._font_size}\"/>"
                f'<color theme="1"/><name val={quoteattr(self._font_name)}/><family val="2"/></font>')

    @staticmethod
    def _fill(rgb: str) -> str:
        return f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/><bgColor indexed="64"/></patternFill></fill>'
