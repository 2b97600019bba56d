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
