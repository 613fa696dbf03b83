"""A saved government web page, read with the standard library's parser.

``html.parser`` only tokenises: no script runs, nothing is fetched, no
entity beyond the fixed HTML set is expanded.  The page becomes a small
tree; a table holding other tables is page layout (its cells are read as
ordinary text), any other table becomes rows with each merged
(rowspan/colspan) cell given once, like the .docx reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..errors import UserError
from .stream import Item, Para, Row
from .text import decode, read_bytes

_BLOCK = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
    "nav", "main", "aside", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "blockquote", "pre",
    "dd", "dt", "dl", "form", "center", "address", "figure", "figcaption", "hr",
))
_SKIP = frozenset((
    "script", "style", "noscript", "template", "svg", "head", "select", "option", "button", "iframe", "object",
))
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"))
# Opening one of these closes an open element of the same family (HTML's optional end tags).
_CLOSES = {"p": {"p"}, "li": {"li"}, "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"},
           "dt": {"dt", "dd"}, "dd": {"dt", "dd"}}
_STOP_AT = frozenset(("table", "ul", "ol", "dl"))  # optional end tags never close past these
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


@dataclass
class _Node:
    tag: str
    children: list = field(default_factory=list)  # _Node or str


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#root")
        self.stack = [self.root]
        self.skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "body":
            self.skip = 0  # a page that never closes its <head>
        if self.skip or tag in _SKIP:
            if tag in _SKIP and tag not in _VOID:
                self.skip += 1
            return
        for closer in _CLOSES.get(tag, ()):
            self._close_optional(closer)
        node = _Node(tag)
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if not self.skip and tag not in _SKIP:
            self.stack[-1].children.append(_Node(tag))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip or tag in _VOID:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def _close_optional(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            current = self.stack[depth].tag
            if current == tag:
                del self.stack[depth:]
                return
            if current in _STOP_AT:
                return

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.stack[-1].children.append(data)


def _has_table(node: _Node) -> bool:
    return any(isinstance(c, _Node) and (c.tag == "table" or _has_table(c)) for c in node.children)


def _text(node: _Node) -> str:
    """A cell's text on one line: line breaks and blocks become spaces."""
    parts: list[str] = []

    def walk(n: _Node) -> None:
        for c in n.children:
            if isinstance(c, str):
                parts.append(c)
            elif c.tag == "br" or c.tag in _BLOCK:
                parts.append(" ")
                walk(c)
                parts.append(" ")
            else:
                walk(c)

    walk(node)
    return _SPACE.sub(" ", "".join(parts)).strip()


def _rows(table: _Node) -> list[Row]:
    rows: list[Row] = []

    def walk(n: _Node) -> None:
        for c in n.children:
            if not isinstance(c, _Node):
                continue
            if c.tag == "tr":
                rows.append(Row([_text(cell) for cell in c.children if isinstance(cell, _Node) and cell.tag in ("td", "th")]))
            elif c.tag in ("thead", "tbody", "tfoot"):
                walk(c)

    walk(table)
    return [r for r in rows if r.cells]


class _Flow:
    """Document order: paragraphs from running text, rows from data tables."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.line: list[str] = []

    def flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.line)).strip()
        self.line = []
        if text:
            self.items.append(Para(text))

    def walk(self, node: _Node) -> None:
        for c in node.children:
            if isinstance(c, str):
                self.line.append(c)
            elif c.tag == "br":
                self.flush()
            elif c.tag == "table" and not _has_table(c):
                self.flush()
                self.items.extend(_rows(c))
            elif c.tag in _BLOCK:
                self.flush()
                self.walk(c)
                self.flush()
            else:
                self.walk(c)


def parse_html(text: str) -> list[Item]:
    builder = _TreeBuilder()
    try:
        builder.feed(text)
        builder.close()
    except Exception as exc:
        raise UserError(f"网页文件无法解析：{exc}") from exc
    flow = _Flow()
    flow.walk(builder.root)
    flow.flush()
    return flow.items


def read_html(path: Path) -> list[Item]:
    data = read_bytes(path)
    try:
        # Valid UTF-8 is UTF-8 whatever the page claims (saved pages often keep a stale gb2312 tag).
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
        m = _CHARSET.search(data[:4096])
        if m:
            encoding = m.group(1).decode("ascii", "replace").lower()
            if encoding in ("gb2312", "gbk", "x-gbk"):
                encoding = "gb18030"
            try:
                text = data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                text = None
        if text is None:
            text = decode(data, path.name)
    return parse_html(text)
