"""Edit an XML part of the package where an XML parser says its elements are, and nowhere else.

Other programs write the same SpreadsheetML differently: attributes in another order, single
quotes, namespace prefixes (``<x:sheets>``), whitespace between elements, empty elements as
``<a/>``. A text pattern holds for one writer only. Here expat parses the part (namespaces
resolved, DTDs refused) and reports where each element starts; edits are spliced in at those
byte offsets, so every byte not edited stays as it was (prefixes, declarations that
``mc:Ignorable`` names, comments), which no serializer of a parsed tree guarantees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from .xml_text import escape

_ATTRIBUTE = re.compile(rb"""\s([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')""")
_SEPARATOR = "\x01"
"""Between namespace, local name and prefix in expat's names (a character XML names never hold)."""


class XmlShapeError(ValueError):
    """The part is no well-formed XML, or carries a DTD."""


@dataclass(eq=False)
class Element:
    """One element as it stands in the part: its name, attributes and byte positions."""

    tag: str
    """``{namespace}local`` (or ``local`` without a namespace)."""
    qname: str
    """The name as written, with its prefix."""
    attrs: dict[str, str]
    """Attribute values by ``{namespace}local`` (prefixed) or ``local`` name."""
    scope: dict[str, str]
    """Namespace prefix → URI in scope here (``""`` is the default namespace)."""
    start: int
    head: int = 0
    """Offset just after the start tag's ``>``."""
    close: int = 0
    """Offset of the end tag (``head`` for an empty element)."""
    end: int = 0
    empty: bool = False
    """Written as ``<name/>``."""
    children: list[Element] = field(default_factory=list)

    @property
    def local(self) -> str:
        return self.tag.rpartition("}")[2]

    def iter(self, local: str) -> Iterator[Element]:
        """Descendants (and itself) with this local name, in document order."""
        if self.local == local:
            yield self
        for child in self.children:
            yield from child.iter(local)

    def child(self, local: str) -> Element | None:
        return next((c for c in self.children if c.local == local), None)


_TAG = re.compile(rb"""<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""")
"""A tag up to its closing ``>``; quoted attribute values may hold ``>``. One regex match instead
of a loop over bytes: that loop took 27 of the 41 ms a refresh of the shipped workbook spent writing."""


def _tag_end(data: bytes, start: int) -> int:
    """Offset after the ``>`` closing the tag that starts at ``start``."""
    match = _TAG.match(data, start)
    if match is None:
        raise XmlShapeError("onafgesloten tag")
    return match.end()


class XmlPart:
    """A parsed part and the edits waiting to be spliced into it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._removed: list[Element] = []
        self._before: list[tuple[Element, str]] = []
        self._appended: dict[int, tuple[Element, list[str]]] = {}
        self._attributes: dict[int, tuple[Element, dict[str, str]]] = {}
        self.root = self._parse()

    def _parse(self) -> Element:
        parser = expat.ParserCreate(namespace_separator=_SEPARATOR)
        parser.namespace_prefixes = True
        stack: list[Element] = []
        pending: dict[str, str] = {}
        found: list[Element] = []

        def declare(prefix: str | None, uri: str | None) -> None:
            pending[prefix or ""] = uri or ""

        def start(name: str, attrs: dict[str, str]) -> None:
            scope = dict(stack[-1].scope if stack else {"xml": "http://www.w3.org/XML/1998/namespace"})
            scope.update(pending)
            pending.clear()
            namespace, local, prefix = [*name.split(_SEPARATOR), "", ""][:3] if _SEPARATOR in name else ("", name, "")
            offset = parser.CurrentByteIndex
            head = _tag_end(self.data, offset)
            element = Element(f"{{{namespace}}}{local}" if namespace else local, f"{prefix}:{local}" if prefix else local,
                              {_clark(key): value for key, value in attrs.items()}, scope, offset, head)
            if self.data[head - 2:head] == b"/>":
                element.empty = True
                element.close = element.end = head
            (stack[-1].children if stack else found).append(element)
            stack.append(element)

        def end(name: str) -> None:
            element = stack.pop()
            if not element.empty:
                element.close = parser.CurrentByteIndex
                element.end = _tag_end(self.data, element.close)

        def refuse(*_: object) -> None:
            raise XmlShapeError("DTD (<!DOCTYPE>) in een onderdeel")

        parser.StartNamespaceDeclHandler = declare
        parser.StartElementHandler, parser.EndElementHandler = start, end
        parser.StartDoctypeDeclHandler = refuse
        try:
            parser.Parse(self.data, True)
        except expat.ExpatError as error:
            raise XmlShapeError(str(error)) from error
        return found[0]

    # -- naming -------------------------------------------------------------------------------
    @staticmethod
    def prefix(element: Element, namespace: str) -> str | None:
        """A prefix bound to ``namespace`` where ``element`` stands (``""``: the default), or None."""
        if element.scope.get("") == namespace:
            return ""
        return next((p for p, uri in element.scope.items() if p and uri == namespace), None)

    def markup(self, parent: Element, local: str, attrs: dict[str, str], namespace: str | None = None,
               text: str | None = None, content: str = "") -> str:
        """A child element of ``parent``, its names bound as the part binds them there: empty, or
        holding ``text`` (escaped here) or ``content`` (markup made by this method).

        ``namespace`` defaults to the parent's; attribute keys may be ``{namespace}local``. A
        namespace not bound there is declared on the new element.
        """
        declared: dict[str, str] = {}

        def name(ns: str, base: str, is_attribute: bool) -> str:
            prefix = next((p for p, uri in declared.items() if uri == ns), None)
            if prefix is None:
                prefix = self.prefix(parent, ns)
                if prefix == "" and is_attribute:  # attributes never take the default namespace
                    prefix = next((p for p, uri in parent.scope.items() if p and uri == ns), None)
            if prefix is None:
                prefix = "" if not is_attribute and "" not in parent.scope else _free_prefix(parent.scope, declared)
                declared[prefix] = ns
            return f"{prefix}:{base}" if prefix else base

        own = namespace if namespace is not None else parent.tag[1:].partition("}")[0] if parent.tag.startswith("{") else ""
        tag = name(own, local, False) if own else local
        parts = []
        for key, value in attrs.items():
            ns, _, base = key[1:].partition("}") if key.startswith("{") else ("", "", key)
            parts.append(f" {name(ns, base, True) if ns else base}={attribute(value)}")
        declarations = "".join(f' xmlns{":" + p if p else ""}={attribute(uri)}' for p, uri in declared.items())
        inner = escape(text) if text is not None else content
        if inner:
            return f"<{tag}{declarations}{''.join(parts)}>{inner}</{tag}>"
        return f"<{tag}{declarations}{''.join(parts)}/>"

    # -- editing ------------------------------------------------------------------------------
    def append(self, parent: Element, markup: str) -> None:
        """Add ``markup`` as the last child of ``parent``."""
        self._appended.setdefault(id(parent), (parent, []))[1].append(markup)

    def insert_before(self, element: Element, markup: str) -> None:
        """Add ``markup`` just before ``element`` (as its preceding sibling)."""
        self._before.append((element, markup))

    def insert_child(self, parent: Element, markup: str, after: tuple[str, ...]) -> None:
        """Add ``markup`` as a child of ``parent`` right after the last child named in ``after`` (the
        schema's order), or first when there is none of them."""
        children = parent.children
        last = max((i for i, child in enumerate(children) if child.local in after), default=-1)
        if last + 1 < len(children):
            self.insert_before(children[last + 1], markup)
        else:
            self.append(parent, markup)

    def remove(self, element: Element) -> None:
        self._removed.append(element)

    def set(self, element: Element, name: str, value: str) -> None:
        """Set an unprefixed attribute, in place if present, else at the end of the start tag."""
        self._attributes.setdefault(id(element), (element, {}))[1][name] = value
        element.attrs[name] = value

    @property
    def edited(self) -> bool:
        return bool(self._removed or self._before or self._appended or self._attributes)

    def _head(self, element: Element, expand: bool) -> bytes:
        head = self.data[element.start:element.head]
        for name, value in self._attributes.get(id(element), (None, {}))[1].items():
            written = attribute(value).encode()
            match = next((m for m in _ATTRIBUTE.finditer(head) if m[1] == name.encode()), None)
            if match:
                head = head[:match.start(2)] + written + head[match.end(2):]
            else:
                cut = len(head) - (2 if head.endswith(b"/>") else 1)
                head = head[:cut].rstrip() + f" {name}=".encode() + written + head[cut:]
        if expand:  # an empty element about to get children
            head = head[:-2].rstrip() + b">"
        return head

    def bytes(self) -> bytes:
        """The part with every edit spliced in."""
        splices: list[tuple[int, int, bytes]] = [(e.start, e.end, b"") for e in self._removed]
        splices += [(e.start, e.start, markup.encode()) for e, markup in self._before]
        heads = set(self._attributes)
        for key, (parent, children) in self._appended.items():
            added = "".join(children).encode()
            if parent.empty:
                splices.append((parent.start, parent.end,
                                self._head(parent, True) + added + f"</{parent.qname}>".encode()))
                heads.discard(key)
            else:
                splices.append((parent.close, parent.close, added))
        for key in heads:
            element = self._attributes[key][0]
            splices.append((element.start, element.head, self._head(element, False)))
        data = self.data
        for start, end, text in sorted(splices, key=lambda s: (s[0], s[1]), reverse=True):
            data = data[:start] + text + data[end:]
        return data


def attribute(value: str) -> str:
    """An attribute value, quoted and escaped (always double quotes, as Excel writes them)."""
    return '"' + escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}) + '"'


def _clark(name: str) -> str:
    """expat's ``namespace␁local␁prefix`` as ``{namespace}local``."""
    if _SEPARATOR not in name:
        return name
    namespace, local = name.split(_SEPARATOR)[:2]
    return f"{{{namespace}}}{local}"


def _free_prefix(scope: dict[str, str], declared: dict[str, str]) -> str:
    number = 0
    while (candidate := f"ns{number}") in scope or candidate in declared:
        number += 1
    return candidate
