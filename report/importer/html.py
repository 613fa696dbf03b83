"""A saved government web page, read with the standard library's parser.

``html.parser`` only tokenises: no script runs, nothing is fetched, no
entity beyond the fixed HTML set is expanded.  Block elements become
paragraphs; tables become rows with merged (rowspan/colspan) cells given
once, like the .docx reader.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..errors import UserError
from .stream import Item, Para, Row
from .text import decode, read_bytes

_BLOCK = frozenset(
    ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer", "nav", "main", "aside", "blockquote", "pre", "dd", "dt", "dl", "form", "center", "address", "figure", "figcaption", "hr", "title"]
)
_SKIP = frozenset(("script", "style", "noscript", "template", "svg", "head", "select", "option", "button", "iframe"))
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[Item] = []
        self._buf: list[str] = []
        self._skip = 0
        self._tables: list[dict] = []  # nested tables: the innermost is read, outer cells flattened

    # --- text -------------------------------------------------------------

    def _flush(self) -> None:
        text = "".join(self._buf)
        self._buf = []
        for line in text.split("\n"):
            if line.strip():
                self.items.append(Para(line.strip()))

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        data = re.sub(r"[ \t\r\n\f]+", " ", data)
        if self._tables and self._tables[-1]["cell"] is not None:
            self._tables[-1]["cell"].append(data)
        else:
            self._buf.append(data)

    # --- structure --------------------------------------------------------

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if self._skip:
            return
        if tag == "br":
            self._newline()
        elif tag == "table":
            self._flush()
            self._tables.append({"rows": [], "row": None, "cell": None})
        elif self._tables and tag == "tr":
            t = self._tables[-1]
            self._end_row(t)
            t["row"] = []
        elif self._tables and tag in ("td", "th"):
            t = self._tables[-1]
            self._end_cell(t)
            if t["row"] is None:
                t["row"] = []
            a = dict(attrs)
            t["cell"] = []
            t["span"] = (_span(a.get("rowspan")), _span(a.get("colspan")))
        elif tag in _BLOCK:
            self._newline()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br" and not self._skip:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if self._tables and tag in ("td", "th"):
            self._end_cell(self._tables[-1])
        elif self._tables and tag == "tr":
            self._end_row(self._tables[-1])
        elif self._tables and tag == "table":
            t = self._tables.pop()
            self._end_row(t)
            rows = _lay_out(t["rows"])
            if self._tables and self._tables[-1]["cell"] is not None:
                # A table inside a cell (layout tables): keep its text in the outer cell.
                self._tables[-1]["cell"].append(" ".join(" ".join(r.cells) for r in rows))
            else:
                self.items.extend(rows)
        elif tag in _BLOCK:
            self._newline()

    def _newline(self) -> None:
        if self._tables and self._tables[-1]["cell"] is not None:
            self._tables[-1]["cell"].append("\n")
        else:
            self._buf.append("\n")

    @staticmethod
    def _end_cell(t: dict) -> None:
        if t["cell"] is None:
            return
        text = " ".join(part.strip() for part in "".join(t["cell"]).split("\n") if part.strip())
        t["row"].append((text, *t["span"]))
        t["cell"] = None

    def _end_row(self, t: dict) -> None:
        self._end_cell(t)
        if t["row"] is not None:
            t["rows"].append(t["row"])
        t["row"] = None

    def close(self) -> None:
        super().close()
        while self._tables:
            t = self._tables.pop()
            self._end_row(t)
            self.items.extend(_lay_out(t["rows"]))
        self._flush()


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 100))
    except (TypeError, ValueError):
        return 1


def _lay_out(rows: list[list[tuple[str, int, int]]]) -> list[Row]:
    """Rows with each merged cell once, in reading order (rowspans occupy no new cell)."""
    return [Row([text for text, _rs, _cs in row]) for row in rows if row]


def read_html(path: Path) -> list[Item]:
    data = read_bytes(path)
    m = _CHARSET.search(data[:4096])
    text = None
    if m:
        try:
            text = data.decode(m.group(1).decode("ascii", "replace").lower().replace("gb2312", "gb18030"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode(data, path.name)
    return parse_html(text)


def parse_html(text: str) -> list[Item]:
    reader = _Reader()
    try:
        reader.feed(text)
        reader.close()
    except Exception as exc:  # html.parser is lenient; anything left is a broken file
        raise UserError(f"网页文件无法解析：{exc}") from exc
    return reader.items
