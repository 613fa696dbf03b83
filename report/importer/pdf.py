"""A PDF's text layer, laid out again from the characters' positions (what ``pdftotext -layout`` does).

PDFium (pypdfium2) gives every character and its box.  Characters become
lines by their vertical position, lines become chunks at the gaps a table
cell or a run of spaces leaves, and a run of lines that holds numbers at the
same x positions becomes a table: its columns are the x intervals its
numbers occupy, and each line with numbers becomes a ``Row`` whose cells are
those columns in order, a column with nothing printed in it an empty cell (a
blank cell is a position, not nothing).  Everything else becomes ``Para``
lines for the common reader (labels spread over several lines are joined
there, as for any text).

Rotated text (a landscape table on a portrait page, a page with /Rotate) is
turned upright first, each direction on its own; a page laid out in two
columns of text is read column by column; a page number on a line of its
own at a page's top or bottom margin is dropped, so that it never becomes
a value of a table that runs across the page break.

A PDF without a text layer (a scan) or whose fonts map no characters is
refused with a Chinese message: there is no OCR here.
"""

from __future__ import annotations

import ctypes
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError, describe_os_error
from ..limits import MAX_PDF_BYTES, MAX_PDF_PAGES
from .normalise import compact, is_page_mark, is_sentence, number_token
from .stream import Item, Para, Row

#: A gap wider than this many font sizes separates two cells (pdftotext -layout shows it as several spaces).
CELL_GAP = 0.9
#: A gap wider than this (and narrower than CELL_GAP) is a space inside a chunk (「培训 3 次」).
WORD_GAP = 0.22
#: A label-only line this many line heights from a row's values (or closer) is part of that row's label.
ATTACH = 0.35
#: A lone number on a page's first or last line, this many line heights away from the text, is a page number.
PAGE_NUMBER_GAP = 1.5
_PAGE_NUMBER = re.compile(r"^[-—－–\s]*(?:第\s*)?\d{1,3}(?:\s*页)?[-—－–\s]*$")
#: At most this share of characters without a Unicode mapping (private use, replacement) is tolerated.
MAX_UNMAPPED = 0.2


class Glyph:
    """One character in reading coordinates (y grows downwards)."""

    __slots__ = ("ch", "x0", "x1", "top", "bottom", "size", "middle")

    def __init__(self, ch: str, x0: float, x1: float, top: float, bottom: float) -> None:
        self.ch, self.x0, self.x1, self.top, self.bottom = ch, x0, x1, top, bottom
        self.size = bottom - top
        self.middle = (top + bottom) / 2


@dataclass
class Chunk:
    text: str
    x0: float
    x1: float

    @property
    def numeric(self) -> bool:
        return number_token(self.text)


@dataclass
class Line:
    chunks: list[Chunk]
    top: float
    bottom: float

    @property
    def text(self) -> str:
        return "   ".join(c.text for c in self.chunks)


@dataclass
class _Table:
    columns: list[list[float]] = field(default_factory=list)  # [x0, x1] of each column
    lines: list[int] = field(default_factory=list)  # indexes into the page's line list


def read_pdf(path: Path) -> list[Item]:
    """Paragraph lines and table rows of every page, in reading order."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise UserError(describe_os_error(exc, path)) from exc
    if size > MAX_PDF_BYTES:
        raise UserError(f"「{path.name}」有 {size // (1024 * 1024)} MB，太大，不像一份年度报告，已拒绝读取。")
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise UserError(f"「{path.name}」是受密码保护的 PDF，无法读取；请先用密码打开并另存一份不加密的 PDF。") from exc
        raise UserError(f"「{path.name}」不是有效的 PDF 文件，文件可能已损坏。") from exc
    try:
        pages = len(pdf)
        if pages > MAX_PDF_PAGES:
            raise UserError(f"「{path.name}」有 {pages} 页，超过 {MAX_PDF_PAGES} 页的上限，不像一份年度报告，已拒绝读取。")
        by_page: list[list[Item]] = []
        counted = unmapped = 0
        for index in range(pages):
            page = pdf[index]
            try:
                glyphs, bad = _glyphs(page)
                segments = _segments(page) if glyphs else []
                height = page.get_height()
            finally:
                page.close()
            counted += len(glyphs) + bad
            unmapped += bad
            page_list: list[Item] = []
            for direction, group in glyphs_by_direction(glyphs):
                page_list.extend(page_items(group, *_rules(segments, direction, height)))
            by_page.append(page_list)
    finally:
        pdf.close()
    items = [item for page_list in without_running_lines(by_page) for item in page_list]
    if counted < 20 * max(1, min(pages, 3)) or unmapped > MAX_UNMAPPED * counted:
        why = "没有文字层（可能是扫描件或图片）" if counted - unmapped < 20 else "文字层的字体没有字符对应关系，读出的是乱码"
        raise UserError(
            f"「{path.name}」{why}，无法读取其中的文字和数字。本程序不做文字识别（OCR）："
            "请向发文机关索取 Word 文档或可复制文字的 PDF，或新建报告后手工录入。"
        )
    return items


#: Lines at each end of a page where a running header or footer stands (one may wrap).
RUNNING_LINES = 3
_DIGITS = re.compile(r"\d+")


def without_running_lines(pages: list[list[Item]]) -> list[list[Item]]:
    """The pages without their running header and footer: a line at the top or foot of (nearly) every page.

    A browser prints the date, the page's title, its address and 「1/4」 on every page; Word
    prints a running head.  Glued to the paragraph they interrupt, they would become its words.
    Numbers are compared as 「#」 (the page number changes).  Word may print it on odd pages
    only, and not on the first: half the pages suffice, and at least two.
    """
    if len(pages) < 2:
        return pages

    def key(item: Item) -> str | None:
        return _DIGITS.sub("#", compact(item.text)) if isinstance(item, Para) and item.text.strip() else None

    def tops(page: list[Item]) -> range:
        return range(min(RUNNING_LINES, len(page)))

    def feet(page: list[Item]) -> range:
        return range(max(0, len(page) - RUNNING_LINES), len(page))

    # A header stands at the top of its pages, a footer at the foot: counted apart, so the title's
    # first line and the 落款 (the same agency name, at the top of page 1 and the foot of the last)
    # are never taken for one.
    need = max(2, (len(pages) + 1) // 2)
    running: dict[str, set[str]] = {}
    for end, where in (("top", tops), ("foot", feet)):
        seen: dict[str, int] = {}
        for page in pages:
            for k in {key(page[i]) for i in where(page)} - {None}:
                seen[k] = seen.get(k, 0) + 1
        running[end] = {k for k, n in seen.items() if n >= need}
    if not running["top"] and not running["foot"]:
        return pages
    return [
        [
            item for i, item in enumerate(page)
            if not (i in tops(page) and key(item) in running["top"]) and not (i in feet(page) and key(item) in running["foot"])
        ]
        for page in pages
    ]


# --- characters ----------------------------------------------------------------------


_DIRECTIONS = 4
_QUARTER = math.pi / 2


def _glyphs(page) -> tuple[list[tuple[int, Glyph]], int]:
    """(direction, glyph) of every visible character, and how many had no Unicode mapping."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        count = raw.FPDFText_CountChars(textpage)
        if count <= 0:
            return [], 0
        buffer = ctypes.create_string_buffer((count + 1) * 2)
        raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        units = memoryview(buffer.raw[: count * 2]).cast("H")  # one UTF-16 code unit per character index
        height = page.get_height()
        rect = raw.FS_RECTF()
        out: list[tuple[int, Glyph]] = []
        bad = 0
        skip = -1
        loose_box, char_angle = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharAngle  # bound once: hot loop
        for i in range(count):
            if i == skip:
                continue
            code = units[i]
            if 0xD800 <= code < 0xDC00 and i + 1 < count and 0xDC00 <= units[i + 1] < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (units[i + 1] - 0xDC00)  # 𬌗 and the like
                skip = i + 1
            elif 0xD800 <= code < 0xE000:
                bad += 1  # half of a pair: no character
                continue
            ch = chr(code)
            if code <= 0x20 or ch.isspace():
                continue
            if 0xE000 <= code <= 0xF8FF or code == 0xFFFD:
                bad += 1
                continue
            if 0x2E80 <= code <= 0x2FDF:  # Kangxi radicals and supplements some fonts map instead of 一, 二, 工 …
                ch = unicodedata.normalize("NFKC", ch)
            if not loose_box(textpage, i, rect):
                continue
            angle = char_angle(textpage, i)
            direction = round(angle / _QUARTER) % _DIRECTIONS if angle > 0.1 else 0
            if direction == 0:
                out.append((0, Glyph(ch, rect.left, rect.right, height - rect.top, height - rect.bottom)))
            else:
                out.append((direction, _upright(ch, rect.left, rect.right, rect.bottom, rect.top, height, direction)))
        return out, bad
    finally:
        textpage.close()


def _upright(ch: str, left: float, right: float, bottom: float, top: float, height: float, direction: int) -> Glyph:
    """The glyph in the coordinates of a reader who turned the page so that its text runs left to right."""
    # PDF coordinates have y upwards; PDFium measures the angle clockwise.
    corners = [(left, bottom), (right, top)]
    if direction == 0:
        pts = [(x, height - y) for x, y in corners]
    elif direction == 1:  # text running downwards (the page turned clockwise): lines follow from right to left
        pts = [(-y, -x) for x, y in corners]
    elif direction == 2:  # upside down
        pts = [(-x, y) for x, y in corners]
    else:  # text running upwards (the page turned counter-clockwise): lines follow from left to right
        pts = [(y, x) for x, y in corners]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return Glyph(ch, min(xs), max(xs), min(ys), max(ys))


def glyphs_by_direction(glyphs: list[tuple[int, Glyph]]) -> list[tuple[int, list[Glyph]]]:
    """The page's glyphs grouped by text direction, the direction with most text first."""
    groups: dict[int, list[Glyph]] = {}
    for direction, g in glyphs:
        groups.setdefault(direction, []).append(g)
    return [(d, groups[d]) for d in sorted(groups, key=lambda d: (-len(groups[d]), d))]


# --- ruling lines --------------------------------------------------------------------

#: A drawn line or filled rectangle thinner than this (points) is a rule (a table border).
RULE_WIDTH = 2.5
#: Segments read from one path object at most (a whole grid drawn as one path).
MAX_PATH_SEGMENTS = 2000


def _segments(page) -> list[tuple[float, float, float, float]]:
    """Straight thin strokes of the page (x0, y0, x1, y1 in PDF coordinates): table borders."""
    import pypdfium2.raw as raw

    out: list[tuple[float, float, float, float]] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    x, y = ctypes.c_float(), ctypes.c_float()
    handle = page.raw
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = raw.FPDFPage_GetObject(handle, i)
        if raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if h <= RULE_WIDTH or w <= RULE_WIDTH:
            out.append((left.value, (bottom.value + top.value) / 2, right.value, (bottom.value + top.value) / 2)
                       if h <= RULE_WIDTH else
                       ((left.value + right.value) / 2, bottom.value, (left.value + right.value) / 2, top.value))
            continue
        count = raw.FPDFPath_CountSegments(obj)
        if count <= 0 or count > MAX_PATH_SEGMENTS:
            continue
        matrix = raw.FS_MATRIX()
        if not raw.FPDFPageObj_GetMatrix(obj, matrix):
            continue
        previous = None
        for k in range(count):
            seg = raw.FPDFPath_GetPathSegment(obj, k)
            if not raw.FPDFPathSegment_GetPoint(seg, x, y):
                previous = None
                continue
            px = matrix.a * x.value + matrix.c * y.value + matrix.e
            py = matrix.b * x.value + matrix.d * y.value + matrix.f
            if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_LINETO and previous is not None:
                qx, qy = previous
                if abs(py - qy) <= 0.5 or abs(px - qx) <= 0.5:
                    out.append((min(px, qx), min(py, qy), max(px, qx), max(py, qy)))
            previous = (px, py)
    return out


def _rules(segments, direction: int, height: float) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """The strokes in the reading coordinates of ``direction``: across the text (y, x0, x1), along it (x, top, bottom)."""
    across, along = [], []
    for x0, y0, x1, y1 in segments:
        g = _upright("", x0, x1, y0, y1, height, direction)
        if g.bottom - g.top <= RULE_WIDTH and g.x1 - g.x0 > RULE_WIDTH:
            across.append((g.middle, g.x0, g.x1))
        elif g.x1 - g.x0 <= RULE_WIDTH and g.bottom - g.top > RULE_WIDTH:
            along.append(((g.x0 + g.x1) / 2, g.top, g.bottom))
    along.sort()
    return across, along


# --- lines and chunks ----------------------------------------------------------------------


def build_lines(glyphs: list[Glyph], borders=()) -> list[Line]:
    """Glyphs on the same text line (vertical centres within half a glyph height), top to bottom."""
    if not glyphs:
        return []
    ordered = sorted(glyphs, key=lambda g: (g.middle, g.x0))
    rows: list[list[Glyph]] = []
    middle = size = 0.0
    for g in ordered:
        if rows and abs(g.middle - middle) <= 0.45 * max(size, g.size):
            rows[-1].append(g)
            n = len(rows[-1])
            middle += (g.middle - middle) / n
            size = max(size, g.size)
        else:
            rows.append([g])
            middle, size = g.middle, g.size
    return [_line(r, borders) for r in rows]


def _line(glyphs: list[Glyph], borders=()) -> Line:
    glyphs.sort(key=lambda g: g.x0)
    size = sorted(g.size for g in glyphs)[len(glyphs) // 2] or 1.0
    chunks: list[Chunk] = []
    text: list[str] = []
    start = end = glyphs[0].x0
    previous: Glyph | None = None
    for g in glyphs:
        if previous is not None:
            if g.x0 < previous.x0 + 0.2 * size and g.ch == previous.ch:
                continue  # the same character drawn twice (fake bold)
            gap = g.x0 - end
            if gap > CELL_GAP * size or (gap > 0 and borders and _border_between(borders, end, g)):
                chunks.append(Chunk("".join(text), start, end))
                text, start = [], g.x0
            elif gap > WORD_GAP * size:
                text.append(" ")
        text.append(g.ch)
        end = max(end, g.x1)
        previous = g
    chunks.append(Chunk("".join(text), start, end))
    return Line(chunks, min(g.top for g in glyphs), max(g.bottom for g in glyphs))


def _border_between(borders, x0: float, g: Glyph) -> bool:
    """Whether a drawn cell border runs between ``x0`` and glyph ``g`` at its height (two cells, however close)."""
    import bisect

    i = bisect.bisect_left(borders, (x0 - 0.5,))
    while i < len(borders) and borders[i][0] <= g.x0 + 0.5:
        _, top, bottom = borders[i]
        if top <= g.middle <= bottom:
            return True
        i += 1
    return False


# --- two text columns ----------------------------------------------------------------------


def _gutter(lines: list[Line]) -> float | None:
    """The x of the gap between two columns of a page (two columns of prose, or two tables side by side).

    A gutter lies in the middle half of the text's width, is crossed by at most
    one line in thirty, has text on both sides, and right of it seven lines in ten
    begin with words, not numbers (a table's value columns
    also leave gaps, but its lines continue there with numbers).
    """
    if len(lines) < 8:
        return None
    left = min(ln.chunks[0].x0 for ln in lines)
    right = max(ln.chunks[-1].x1 for ln in lines)
    width = int(right - left) + 2
    if width < 100:
        return None
    crossing = [0] * (width + 1)
    for ln in lines:
        for c in ln.chunks:
            crossing[int(c.x0 - left)] += 1
            crossing[int(c.x1 - left) + 1] -= 1
    total = 0
    for x in range(width + 1):
        total += crossing[x]
        crossing[x] = total
    allowed = len(lines) // 30
    best: tuple[int, int] | None = None  # (length, start) of the widest clear run in the middle half
    run = 0
    for x in range(width // 4, 3 * width // 4):
        run = run + 1 if crossing[x] <= allowed else 0
        if run and (best is None or run > best[0]):
            best = (run, x - run + 1)
    if best is None or best[0] < 6:
        return None
    x = left + best[1] + best[0] / 2
    on_left = sum(1 for ln in lines if ln.chunks[0].x1 < x)
    on_right = [ln for ln in lines if ln.chunks[-1].x0 > x]
    if on_left < 2 or len(on_right) < 2:
        return None
    worded = sum(1 for ln in on_right if not next(c for c in ln.chunks if c.x0 > x).numeric)
    return x if worded >= 0.7 * len(on_right) else None


# --- tables ------------------------------------------------------------------------------


def _value_chunks(line: Line) -> list[Chunk]:
    """The chunks of a line that are cell values: numbers after the line's last label chunk."""
    if is_page_mark(line.text) or is_sentence(line.text):
        return []
    last_label = max((i for i, c in enumerate(line.chunks) if not c.numeric), default=-1)
    return [c for c in line.chunks[last_label + 1:] if c.text.strip()]


def _column_of(columns: list[list[float]], chunk: Chunk, tolerance: float) -> int:
    for i, (x0, x1) in enumerate(columns):
        if chunk.x0 <= x1 + tolerance and chunk.x1 >= x0 - tolerance:
            return i
    return -1


def _place(table: _Table, values: list[Chunk], tolerance: float) -> list[int] | None:
    """The column of each value in ``table`` (new columns numbered after the existing ones), or None when the
    line does not fit: two of its values in one column, or new columns in a table whose columns are settled."""
    out: list[int] = []
    fresh = len(table.columns)
    for c in values:
        k = _column_of(table.columns, c, tolerance)
        if k < 0:
            k, fresh = fresh, fresh + 1
        elif k in out:
            return None
        out.append(k)
    added = fresh - len(table.columns)
    if table.columns and added and (added > 1 or len(table.lines) >= 2 or added == len(values)):
        return None
    return out


def find_tables(lines: list[Line], size: float) -> list[_Table]:
    """Runs of lines whose numbers stand in the same columns.

    A line whose numbers mostly miss the current columns starts another table
    (table 三 after table 二's blocks, table 四 after table 三).
    """
    tables: list[_Table] = []
    current: _Table | None = None
    tolerance = 0.3 * size
    for i, line in enumerate(lines):
        values = _value_chunks(line)
        if not values:
            continue
        placed = _place(current, values, tolerance) if current is not None else None
        if placed is None:
            current = _Table()
            tables.append(current)
            placed = _place(current, values, tolerance)
        for c, k in zip(values, placed):
            if k < len(current.columns):
                current.columns[k][0] = min(current.columns[k][0], c.x0)
                current.columns[k][1] = max(current.columns[k][1], c.x1)
            else:
                current.columns.append([c.x0, c.x1])
        current.lines.append(i)
    for t in tables:
        t.columns.sort()
        merged: list[list[float]] = []
        for col in t.columns:  # two intervals that grew into each other are one column
            if merged and col[0] <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], col[1])
            else:
                merged.append(list(col))
        t.columns = merged
    return tables


def _row(line: Line, columns: list[list[float]], size: float, wrapped: list[Line] = ()) -> Row:
    values = _value_chunks(line)
    own = line.chunks[: len(line.chunks) - len(values)]
    cells = [""] * len(columns)
    for c in values:
        k = _column_of(columns, c, 0.3 * size)
        if k < 0:  # between columns: the nearest one
            k = min(range(len(columns)), key=lambda j: abs((columns[j][0] + columns[j][1]) / 2 - (c.x0 + c.x1) / 2))
        cells[k] = f"{cells[k]} {c.text}".strip()
    label = _label_text([(line.top, c) for c in own] + [(w.top, c) for w in wrapped for c in w.chunks])
    return Row(([label] if label else []) + cells)


def _label_text(pieces: list[tuple[float, Chunk]]) -> str:
    """Label pieces read column by column (a group label left of the row label), top to bottom in each."""
    columns: list[list[float]] = []
    for _, c in sorted(pieces, key=lambda p: p[1].x0):
        if columns and c.x0 <= columns[-1][1]:
            columns[-1][1] = max(columns[-1][1], c.x1)
        else:
            columns.append([c.x0, c.x1])

    def column(c: Chunk) -> int:
        return next(k for k, (x0, x1) in enumerate(columns) if x0 <= c.x0 <= x1)

    ordered = sorted(pieces, key=lambda p: (column(p[1]), p[0], p[1].x0))
    return " ".join(c.text for _, c in ordered).strip()


# --- one page ------------------------------------------------------------------------------


def page_items(glyphs: list[Glyph], rules=(), borders=()) -> list[Item]:
    """The items of one page (one text direction); ``rules`` and ``borders`` are its drawn strokes across and
    along the text, which separate table rows and cells."""
    lines = build_lines(glyphs, borders)
    if not lines:
        return []
    gutter = _gutter(lines)
    if gutter is not None:
        left = [g for g in glyphs if g.x1 <= gutter]
        right = [g for g in glyphs if g.x1 > gutter]
        lines = build_lines(left, borders) + build_lines(right, borders)
    size = sorted(ln.bottom - ln.top for ln in lines)[len(lines) // 2]
    lines = _without_page_numbers(lines, size)
    rows: dict[int, Row] = {}
    absorbed: set[int] = set()
    for table in find_tables(lines, size):
        if len(table.lines) == 1 and _lone_word(lines[table.lines[0]]):
            continue  # 「无」 alone under 六's heading is its text, not a table
        labels = _wrapped_labels(lines, table, size, rules)
        absorbed.update(j for extra in labels.values() for j in extra)
        for i in table.lines:
            rows[i] = _row(lines[i], table.columns, size, [lines[j] for j in labels.get(i, ())])
    return [rows.get(i) or Para(line.text) for i, line in enumerate(lines) if i not in absorbed]


def _lone_word(line: Line) -> bool:
    """A line that is one word standing for 0 (无, 暂无), with no label and no other value."""
    chunks = [c for c in line.chunks if c.text.strip()]
    return len(chunks) == 1 and chunks[0].numeric and not any(ch.isdigit() for ch in chunks[0].text)


def _wrapped_labels(lines: list[Line], table: _Table, size: float, rules=()) -> dict[int, list[int]]:
    """Label-only lines inside a table's label area, each given to the row it belongs to.

    A label wrapped over two or three lines prints its numbers on the middle line (or
    between the lines).  Where the table has drawn borders, a line belongs to the
    nearest row with no border between them (the same cell); without borders, to a
    row whose values lie within ``ATTACH`` line heights.  A line in a cell of its own
    (a row printed without any value) is left alone, so that it never lends its
    label to a neighbour.
    """
    if not table.columns:
        return {}
    limit = table.columns[0][0]
    rows = table.lines
    out: dict[int, list[int]] = {}
    first, last = rows[0], rows[-1]
    top, bottom = lines[first].top - 3 * size, lines[last].bottom + 3 * size
    ruled = [r for r in rules if top <= r[0] <= bottom and r[1] < limit]
    for j in range(max(0, first - 2), min(len(lines), last + 3)):
        if j in rows:
            continue
        line = lines[j]
        if _value_chunks(line) or any(c.x1 > limit for c in line.chunks) or is_page_mark(line.text):
            continue
        x0, x1 = line.chunks[0].x0, line.chunks[-1].x1
        nearest = min(rows, key=lambda i: abs(_middle(lines[i]) - _middle(line)))
        target = lines[nearest]
        if len(ruled) >= 3:
            a, b = sorted((_middle(line), _middle(target)))
            if any(a < y < b and r0 < x1 and r1 > x0 for y, r0, r1 in ruled):
                continue
        else:
            gap = max(target.top - line.bottom, line.top - target.bottom)
            if gap > ATTACH * size:
                continue
        out.setdefault(nearest, []).append(j)
    return out


def _middle(line: Line) -> float:
    return (line.top + line.bottom) / 2


def _without_page_numbers(lines: list[Line], size: float) -> list[Line]:
    """Lines without a page number alone on the first or last line of a page, set apart from the text."""
    if len(lines) < 2:
        return lines
    out = list(lines)
    if _PAGE_NUMBER.match(out[-1].text) and out[-1].top - out[-2].bottom > PAGE_NUMBER_GAP * size:
        out.pop()
    if len(out) > 1 and _PAGE_NUMBER.match(out[0].text) and out[1].top - out[0].bottom > PAGE_NUMBER_GAP * size:
        out.pop(0)
    return out
