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
_BREAKS = _BLOCK | {"br"}  # elements that end the line of text before them
_CELLS = frozenset(("td", "th"))
_SECTIONS = frozenset(("thead", "tbody", "tfoot"))
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
#: Every other character ``str.split`` takes for a space (the ideographic space among them): text
#: without them is put on one line by ``split`` and ``join`` (in C), which then does what
#: ``_SPACE`` and ``strip`` do.
_OTHER_SPACE = re.compile("[\x0b\x1c-\x1f\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def one_line(text: str) -> str:
    """Runs of spaces, tabs, line breaks and no-break spaces as one space; no space at the ends."""
    if _OTHER_SPACE.search(text) is None:
        return " ".join(text.split())
    return _SPACE.sub(" ", text).strip()


class _Deep(Exception):
    pass


class _Builder:
    """lxml parser target: the page's items as it streams in, skipped parts left out, bounds enforced.

    Outside tables, text goes straight into the current line and a block's start and end
    end it (a paragraph).  A table is kept as a small tree (``[tag, child, ...]``, a child a
    string or a node) until it closes, since only then is it known whether it holds another
    table (page layout, read as text) or is a data table (read as rows).  The stack keeps
    start and end events paired and measures the nesting depth: a tag for an element read as
    text, a node inside a table, None for an element of a skipped part.  (lxml's HTML parser
    gives tag names in lower case.)
    """

    def __init__(self) -> None:
        self.stack: list = ["#root"]
        self.skip = 0
        self.elements = 0
        self.titles: list[str] = []  # <title> and <meta name="ArticleTitle"> texts, for the agency
        self._title: list[str] | None = None
        self.items: list[Item] = []
        self.line: list[str] = []  # text of the paragraph being read
        self.top: list = self.line  # where text goes: the line, or the innermost open node of a table
        self.table: list | None = None  # the outermost open table
        self.open_tables: list[list] = []
        self.layout: set[int] = set()  # ids of the table nodes holding another table

    def start(self, tag: str, attrib) -> None:
        if tag == "meta":
            if str(attrib.get("name", "")).lower() in _TITLE_META:
                self.titles.append(str(attrib.get("content", ""))[:500])
        elif tag == "title":
            if self._title is None and len(self.titles) < 8:
                self._title = []
        elif tag == "body" and self.skip:
            self.skip = 0  # a page that never closes its <head>
            self.top = self._container()
        stack = self.stack
        if self.skip or tag in _SKIP:
            self.skip += 1
            stack.append(None)  # keeps start and end events paired
            return
        self.elements += 1
        if self.elements > MAX_HTML_ELEMENTS:
            raise _Deep(f"网页中的元素超过 {MAX_HTML_ELEMENTS} 个")
        if len(stack) > MAX_NESTING_DEPTH:
            raise _Deep(f"网页的嵌套层数超过 {MAX_NESTING_DEPTH} 层")
        if self.table is None:
            if tag != "table":
                if self.line and tag in _BREAKS:
                    self.flush()
                stack.append(tag)
                return
            self.flush()
            node = self.table = ["table"]
            self.open_tables.append(node)
        else:
            node = [tag]
            self.top.append(node)
            if tag == "table":
                self.layout.add(id(self.open_tables[-1]))
                self.open_tables.append(node)
        stack.append(node)
        self.top = node

    def end(self, tag: str) -> None:
        if self._title is not None and tag == "title":
            self.titles.append("".join(self._title)[:500])
            self._title = None
        stack = self.stack
        if len(stack) <= 1:
            return
        entry = stack.pop()
        if entry.__class__ is str:
            if self.line and entry in _BLOCK:
                self.flush()
        elif entry is None:
            if self.skip:
                self.skip -= 1
        else:
            self._close(entry)

    def _close(self, node: list) -> None:
        """A node of a table closes; the outermost table is read."""
        if node[0] == "table":
            self.open_tables.pop()
            if node is self.table:
                self.table = None
                self.top = self.line
                if id(node) in self.layout:
                    self.walk(node)
                    self.flush()
                else:
                    self.items.extend(_rows(node))
                self.layout.clear()  # ids of this tree's nodes only, which may now be freed
                return
        top = self.stack[-1]
        self.top = top if top.__class__ is list else self._container()

    def _container(self) -> list:
        """Where text goes now: the innermost open node of a table, else the line."""
        for entry in reversed(self.stack):
            if entry is not None:
                return entry if entry.__class__ is list else self.line
        return self.line

    def data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if not self.skip and len(self.stack) > 1:  # text outside <html> (a doctype's leftovers) is no content
            self.top.append(data)

    def comment(self, text) -> None:
        pass

    def pi(self, target, data=None) -> None:
        pass

    def doctype(self, *args) -> None:
        pass

    def close(self) -> tuple[list[Item], list[str]]:
        while len(self.stack) > 1:  # elements left open at the end of the page
            self.end("")
        self.flush()
        return self.items, [t.strip() for t in self.titles if t.strip()]

    # --- paragraphs -------------------------------------------------------------

    def flush(self) -> None:
        line = self.line
        if not line:
            return
        text = one_line("".join(line))
        line.clear()  # the same list: ``top`` may point to it
        if text:
            self.items.append(Para(text))

    def walk(self, node: list) -> None:
        """A layout table's content in document order: its data tables as rows, the rest as paragraphs."""
        line = self.line
        for c in node[1:]:
            if c.__class__ is str:
                line.append(c)
                continue
            tag = c[0]
            if tag == "br":
                self.flush()
            elif tag == "table" and id(c) not in self.layout:
                self.flush()
                self.items.extend(_rows(c))
            elif tag in _BLOCK:
                self.flush()
                self.walk(c)
                self.flush()
            else:
                self.walk(c)


def _gather(node: list, parts: list[str]) -> None:
    for c in node[1:]:
        if c.__class__ is str:
            parts.append(c)
        elif c[0] == "br" or c[0] in _BLOCK:
            parts.append(" ")
            _gather(c, parts)
            parts.append(" ")
        else:
            _gather(c, parts)


def _rows(table: list) -> list[Row]:
    """A data table's rows (of the table itself and its thead/tbody/tfoot), one text per td/th.

    A cell's text is on one line (``one_line``): line breaks and blocks become spaces.
    """
    raw: list[str] = []
    widths: list[int] = []

    def walk(n: list) -> None:
        for c in n[1:]:
            if c.__class__ is str:
                continue
            if c[0] == "tr":
                width = 0
                for cell in c[1:]:
                    if cell.__class__ is list and cell[0] in _CELLS:
                        parts: list[str] = []
                        _gather(cell, parts)
                        raw.append("".join(parts))
                        width += 1
                if width:
                    widths.append(width)
            elif c[0] in _SECTIONS:
                walk(c)

    walk(table)
    if not widths:
        return []
    if _OTHER_SPACE.search("".join(raw)) is None:
        texts = [" ".join(t.split()) for t in raw]
    else:
        texts = [_SPACE.sub(" ", t).strip() for t in raw]
    rows, at = [], 0
    for width in widths:
        rows.append(Row(texts[at:at + width]))
        at += width
    return rows


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
        return parser.close()
    except _Deep as exc:
        raise UserError(f"网页文件无法读取：{exc}，不像一份年度报告，已拒绝读取。") from None
    except (etree.LxmlError, ValueError) as exc:
        raise UserError(f"网页文件无法解析：{exc}") from exc


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
