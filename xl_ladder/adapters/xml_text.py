"""Text escaped for XML as ``xml.sax.saxutils`` escapes it, byte for byte, without importing it.

``xml.sax.saxutils`` imports ``urllib.request`` and with it http, email, ssl and socket: a
third of numpy's import time, paid by every refresh for three string replacements (issue 13).
tests/test_imports.py checks both give the same text.
"""

from __future__ import annotations


def escape(text: str, entities: dict[str, str] | None = None) -> str:
    """``&``, ``<`` and ``>`` as entities, then each of ``entities``' keys replaced by its value."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        text = text.replace(key, value)
    return text


def quoteattr(text: str) -> str:
    """An attribute value, escaped and quoted: in double quotes unless it holds one and no single quote."""
    text = escape(text, {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})
    if '"' not in text:
        return f'"{text}"'
    if "'" not in text:
        return f"'{text}'"
    return '"{}"'.format(text.replace('"', "&quot;"))


Attributes = tuple[tuple[str, object], ...]


def _attributes(attrs: Attributes) -> str:
    return "".join(f' {name}="{escape(str(value), _ATTRIBUTE)}"' for name, value in attrs)


_ATTRIBUTE = {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


class XmlWriter:
    """Markup built element by element, one small call per element (XlsxWriter's habit): no blocks of
    XML in f-strings, so each element's writer can be tested against one exact expected string."""

    DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

    def __init__(self) -> None:
        self._pieces: list[str] = []

    def declaration(self) -> None:
        self._pieces.append(self.DECLARATION)

    def start(self, tag: str, *attrs: tuple[str, object]) -> None:
        self._pieces.append(f"<{tag}{_attributes(attrs)}>")

    def end(self, tag: str) -> None:
        self._pieces.append(f"</{tag}>")

    def empty(self, tag: str, *attrs: tuple[str, object]) -> None:
        self._pieces.append(f"<{tag}{_attributes(attrs)}/>")

    def data(self, tag: str, text: object, *attrs: tuple[str, object]) -> None:
        """An element holding only text."""
        self._pieces.append(f"<{tag}{_attributes(attrs)}>{escape(str(text))}</{tag}>")

    def raw(self, markup: str) -> None:
        """Markup made elsewhere (the cells of a row, built in one piece for speed)."""
        self._pieces.append(markup)

    @property
    def xml(self) -> str:
        return "".join(self._pieces)
