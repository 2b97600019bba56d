"""Append the report's cell formats to a workbook's ``styles.xml`` without renumbering anything.

Existing fonts, fills, borders, number formats and cell formats keep their indices, so every
cell of the analyst's sheets keeps its look. A format already present (for instance from the
previous refresh, or written by another program with its attributes in another order) is found
and reused, so refreshing twice gives identical sheets. The part is parsed (:mod:`.xml_edit`),
and the new formats are spliced in with the prefix the part uses for SpreadsheetML.
"""

from __future__ import annotations

from ..layout import Style
from .opc import MAIN_NS
from .xml_edit import Element, XmlPart, XmlShapeError, attribute

BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}
FIRST_CUSTOM_FORMAT = 164
"""Number format ids below this are Excel's built-in ones."""

Canonical = tuple[str, tuple[tuple[str, str], ...], tuple]
"""An element as compared: local name, sorted attributes, children (prefixes and order of attributes ignored)."""


class StylesError(ValueError):
    """The styles part has a shape this writer does not recognise (it then refuses to write)."""


def _canonical(element: Element) -> Canonical:
    attrs = tuple(sorted((key.rpartition("}")[2], value) for key, value in element.attrs.items()))
    return element.local, attrs, tuple(_canonical(child) for child in element.children)


class StyleBook:
    """The styles part, with the report's formats appended on demand."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        try:
            self._root = XmlPart(data).root
        except XmlShapeError as error:
            raise StylesError(f"styles.xml is geen geldige XML ({error})") from error
        fonts = self._root.child("fonts")
        if fonts is None or not fonts.children or self._root.child("cellXfs") is None:
            raise StylesError("styles.xml: geen lettertypen of celopmaken gevonden")
        prefix = XmlPart.prefix(self._root, MAIN_NS)
        if prefix is None or self._root.tag != f"{{{MAIN_NS}}}styleSheet":
            raise StylesError("styles.xml: geen SpreadsheetML-stijlen")
        self._p = f"{prefix}:" if prefix else ""
        first = fonts.children[0]
        size, name = first.child("sz"), first.child("name")
        self._font_size = size.attrs.get("val", "11") if size is not None else "11"
        self._font_name = name.attrs.get("val", "Calibri") if name is not None else "Calibri"
        self._cache: dict[Style, int] = {}
        self._children: dict[str, list[Canonical]] = {}
        """Each section's children as compared, parsed once; appended ones included."""
        self._added: dict[str, list[str]] = {}
        self._found: dict[tuple[str, str], int] = {}
        """(section, markup) → index: the sheets ask for the same font or fill over and over."""
        formats = self._root.child("numFmts")
        self._formats = {e.attrs.get("formatCode", ""): int(e.attrs["numFmtId"]) for e in (formats.children if formats else [])
                         if e.attrs.get("numFmtId", "").isdigit()}

    @property
    def xml(self) -> bytes:
        """The styles part, with whatever was appended."""
        if not self._added:
            return self._data
        part = XmlPart(self._data)
        for section, markups in self._added.items():
            element = part.root.child(section)
            if element is None:  # only numFmts may be absent: it goes before the fonts
                fonts = part.root.child("fonts")
                assert fonts is not None
                part.insert_before(fonts, f'<{self._p}{section} count="{len(markups)}">{"".join(markups)}</{self._p}{section}>')
                continue
            for markup in markups:
                part.append(element, markup)
            part.set(element, "count", str(len(element.children) + len(markups)))
        return part.bytes()

    def index(self, style: Style) -> int:
        """The ``s`` attribute for cells of this style (appending the format if needed)."""
        if style not in self._cache:
            self._cache[style] = self._ensure("cellXfs", self._xf(style))
        return self._cache[style]

    def _ensure(self, section: str, markup: str) -> int:
        """Index of the element ``markup`` in ``section``; appended (and the count updated) when absent."""
        if (section, markup) not in self._found:
            self._found[section, markup] = self._find_or_append(section, markup)
        return self._found[section, markup]

    def _find_or_append(self, section: str, markup: str) -> int:
        if section not in self._children:
            found = self._root.child(section)
            if found is None:
                raise StylesError(f"styles.xml: sectie {section} ontbreekt")
            self._children[section] = [_canonical(child) for child in found.children]
        children = self._children[section]
        declared = f'xmlns="{MAIN_NS}"' + (f' xmlns:{self._p[:-1]}="{MAIN_NS}"' if self._p else "")
        wanted = _canonical(XmlPart(f"<w {declared}>{markup}</w>".encode()).root.children[0])
        if wanted in children:
            return children.index(wanted)
        children.append(wanted)
        self._added.setdefault(section, []).append(markup)
        return len(children) - 1

    def _number_format(self, code: str | None) -> int:
        if code is None:
            return 0
        if code in BUILTIN_FORMATS:
            return BUILTIN_FORMATS[code]
        if code not in self._formats:
            self._formats[code] = max([FIRST_CUSTOM_FORMAT - 1, *self._formats.values()]) + 1
            self._added.setdefault("numFmts", []).append(
                f'<{self._p}numFmt numFmtId="{self._formats[code]}" formatCode={attribute(code)}/>')
        return self._formats[code]

    def _xf(self, style: Style) -> str:
        p = self._p
        font = self._ensure("fonts", self._font(style))
        fill = self._ensure("fills", self._fill(style.fill)) if style.fill else 0
        number = self._number_format(style.number_format)
        align = self._alignment(style)
        applied = ' applyNumberFormat="1" applyFont="1" applyFill="1"' + (' applyAlignment="1"' if align else "")
        head = f'<{p}xf numFmtId="{number}" fontId="{font}" fillId="{fill}" borderId="0" xfId="0"{applied}'
        return f"{head}>{align}</{p}xf>" if align else f"{head}/>"

    def _alignment(self, style: Style) -> str:
        """Indent (left aligned) and wrapping, or nothing."""
        if not style.indent and not style.wrap and not style.align:
            return ""
        indent = f' horizontal="left" indent="{style.indent}"' if style.indent else (
            f' horizontal="{style.align}"' if style.align else "")
        wrap = ' wrapText="1"' if style.wrap else ""
        return f"<{self._p}alignment{indent}{wrap}/>"

    def _font(self, style: Style) -> str:
        """The workbook's first font, bold or italic, in its own size and colour unless the style says."""
        p = self._p
        size = f"{style.size:g}" if style.size else self._font_size
        color = f'<{p}color rgb="FF{style.color}"/>' if style.color else f'<{p}color theme="1"/>'
        return (f"<{p}font>{f'<{p}b/>' if style.bold else ''}{f'<{p}i/>' if style.italic else ''}<{p}sz val=\"{size}\"/>"
                f"{color}<{p}name val={attribute(self._font_name)}/><{p}family val=\"2\"/></{p}font>")

    def _fill(self, rgb: str) -> str:
        p = self._p
        return (f'<{p}fill><{p}patternFill patternType="solid"><{p}fgColor rgb="FF{rgb}"/><{p}bgColor indexed="64"/>'
                f'</{p}patternFill></{p}fill>')
