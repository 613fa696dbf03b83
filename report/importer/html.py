"""A saved government web page, parsed by lxml's HTML parser (libxml2) into a small tree of our own.

The parser runs with a *target*: lxml tokenises and repairs the page (implied
end tags, a head left open, stray tags) and hands us start/end/data events;
no tree of lxml's is built, no script runs, nothing is fetched
(``no_network``), and only HTML's own character references are expanded (an
entity a page declares stays text).  Our builder keeps only what the report
needs, skips script/style/head content, and stops a hostile page at the
bounds of ``report.limits`` (nesting depth, number of elements) with a
Chinese message.  A table holding other tables is page layout (its cells are
read as ordinary text); any other table becomes rows with each merged
(rowspan/colspan) cell given once, like the .docx reader.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import UserError
from ..limits import MAX_HTML_ELEMENTS, MAX_NESTING_DEPTH
from .stream import Item, Para, Row
from .text import decode, read_bytes

_BLOCK = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer",
    "nav", "main", "aside", "table", "tr", "td", "th", "tbody", "thead", "tfoot", "caption", "blockquote", "pre",
    "dd", "dt", "dl", "form", "center", "address", "figure", "figcaption", "hr",
))
_SKIP = frozenset((
    "script", "style", "noscript", "template", "svg", "head", "select", "option", "button", "iframe", "object",
    "title", "textarea", "math",
))
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
#: A DOCTYPE with an internal subset (entity declarations): HTML has none, libxml2 would leave its tail as text.
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[.*?\]\s*>", re.IGNORECASE | re.DOTALL)
_TITLE_META = frozenset(("articletitle", "title", "dc.title", "og:title"))
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")


class _Node:
    __slots__ = ("tag", "children")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.children: list = []  # _Node or str


class _Deep(Exception):
    pass


class _Builder:
    """lxml parser target: our tree, skipped parts left out, bounds enforced as the page streams in."""

    def __init__(self) -> None:
        self.root = _Node("#root")
        self.stack = [self.root]
        self.skip = 0
        self.elements = 0
        self.titles: list[str] = []  # <title> and <meta name="ArticleTitle"> texts, for the agency
        self._title: list[str] | None = None

    def start(self, tag, attrib) -> None:
        if not isinstance(tag, str):
            return
        tag = tag.lower()
        if tag == "meta" and str(attrib.get("name", "")).lower() in _TITLE_META:
            self.titles.append(str(attrib.get("content", ""))[:500])
        elif tag == "title" and self._title is None and len(self.titles) < 8:
            self._title = []
        if tag == "body":
            self.skip = 0  # a page that never closes its <head>
        if self.skip or tag in _SKIP:
            self.skip += 1
            self.stack.append(None)  # keeps start and end events paired
            return
        self.elements += 1
        if self.elements > MAX_HTML_ELEMENTS:
            raise _Deep(f"网页中的元素超过 {MAX_HTML_ELEMENTS} 个")
        if len(self.stack) > MAX_NESTING_DEPTH:
            raise _Deep(f"网页的嵌套层数超过 {MAX_NESTING_DEPTH} 层")
        node = _Node(tag)
        self.stack[-1].children.append(node)
        self.stack.append(node)

    def end(self, tag) -> None:
        if isinstance(tag, str) and tag.lower() == "title" and self._title is not None:
            self.titles.append("".join(self._title)[:500])
            self._title = None
        if len(self.stack) <= 1:
            return
        if self.stack.pop() is None:
            self.skip = max(0, self.skip - 1)

    def data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if not self.skip and len(self.stack) > 1:  # text outside <html> (a doctype's leftovers) is no content
            self.stack[-1].children.append(data)

    def comment(self, text) -> None:
        pass

    def pi(self, target, data=None) -> None:
        pass

    def doctype(self, *args) -> None:
        pass

    def close(self) -> _Node:
        return self.root


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
    return parse_page(text)[0]


def parse_page(text: str) -> tuple[list[Item], list[str]]:
    """The page's items, and its <title> and title meta texts (where the agency may be named)."""
    from lxml import etree

    head = text[:65536]
    if "[" in head:
        text = _INTERNAL_SUBSET.sub("<!DOCTYPE html>", head, count=1) + text[65536:]
    builder = _Builder()
    parser = etree.HTMLParser(
        target=builder, no_network=True, recover=True, remove_comments=True, remove_pis=True, huge_tree=False,
    )
    try:
        parser.feed(text)
        root = parser.close()
    except _Deep as exc:
        raise UserError(f"网页文件无法读取：{exc}，不像一份年度报告，已拒绝读取。") from None
    except (etree.LxmlError, ValueError) as exc:
        raise UserError(f"网页文件无法解析：{exc}") from exc
    flow = _Flow()
    flow.walk(root)
    flow.flush()
    return flow.items, [t.strip() for t in builder.titles if t.strip()]


def read_html(path: Path) -> list[Item]:
    return read_page(path)[0]


def read_page(path: Path) -> tuple[list[Item], list[str]]:
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
    return parse_page(text)
