"""Reading the three tables into cell values.

The table part of the document becomes a stream of tokens (label text and
numbers; a blank table cell is a number token with empty text), cut into
segments: the label text since the last number, then a run of numbers.
Each segment's label picks the row (see ``labels``); the run fills that
row's columns in official order.  Table 四 is read as its fixed run of 15
numbers whatever its header looks like (§11 #11).

A cell is filled only from a number the document printed for it.  A row
that cannot be found, or whose count of numbers does not fit, leaves its
cells missing with the reason; a row found only by its position is
filled and reported as assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..limits import MAX_NUMBER_DIGITS
from ..parse import parse_printed
from ..schema import FormatSpec, Layout, TableSpec, ValueKind
from .labels import (
    fragment,
    fuzzy,
    last_exact,
    row_groups,
    rows_in,
    split_rows,
    strip_noise,
    table_labels,
    without_notes,
)
from .normalise import change_in_words, is_blank_word, is_page_mark, is_sentence, label_key, number_token
from .stream import Item, Row

_SPLIT = re.compile(r"[\s|｜]+")
#: A label with digits glued to its end (the separator lost in copying): the label, then the digits.
_GLUED_DIGITS = re.compile(r"^(.*[\u3400-\u9fff”）)])(\d+)$")
_OPEN = "(（[【〔"
_CLOSE = ")）]】〕"


@dataclass
class Token:
    kind: str  # "label" | "num" | "break"
    text: str
    item: int
    in_row: bool = False  # from a table row (a cell of its own), not from a line of text


@dataclass
class Segment:
    label: str  # label_key of the label text before the numbers
    numbers: list[str]
    item: int  # index of the item where the segment starts
    # The numbers continue past a line that held a label and numbers: the row's line may have lost
    # a number and the next line's number been taken for it, so their order is not certain.
    spread: bool = False
    # The label cells of the table row that holds the first number (label_key form): a row's own
    # label, which wins over label text left over from the lines before it.
    own: str = ""


@dataclass
class CellRead:
    raw: str
    value: object
    was_blank: bool
    assumed: str = ""  # why the row was taken by position


@dataclass
class TableResult:
    cells: dict[str, CellRead] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # cell id -> reason
    notes: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # tables with at least one recognised segment


def tokens(items: list[Item], start: int, end: int, skip: set[int]) -> list[Token]:
    out: list[Token] = []
    for i in range(start, end):
        if i in skip:
            out.append(Token("break", "", i))  # a section heading ends the run before it
            continue
        item = items[i]
        if isinstance(item, Row):
            # An empty cell is a printed blank (0) when it stands where values go: in a row with
            # numbers, or after the row's label (S9 leaves whole rows blank).  Empty cells before
            # any label are the merged label area of the grid.
            # A row without any label (table 四's values) keeps every blank as a position.
            parts = [c.split() for c in item.cells]
            numeric = [bool(p) and all(map(number_token, p)) for p in parts]  # a cell of numbers only
            has_number = any(numeric)
            has_label = any(p and not n for p, n in zip(parts, numeric))
            seen_label = False
            for cell, split, is_number in zip(item.cells, parts, numeric):
                if is_number:
                    out.extend(Token("num", x, i) for x in split)
                elif not split:  # blank (``split`` and ``strip`` agree on what is a space)
                    if seen_label or (has_number and not has_label):
                        out.append(Token("num", "", i))
                else:
                    out.append(Token("label", cell, i, True))
                    seen_label = True
        elif is_page_mark(item.text):
            continue  # a page break inside a table
        else:
            depth = 0  # a number inside brackets belongs to a label: （单位：万元，保留 4 位小数）
            parts = [p for p in _SPLIT.split(item.text) if p]
            trailing = len(parts)
            while trailing > 0 and number_token(parts[trailing - 1]):
                trailing -= 1
            sentence = is_sentence(item.text)
            if sentence and any(map(number_token, parts[:trailing])):
                continue  # a sentence naming a year or a count (2020 年，我单位…) holds no cell
            # ... except the run of numbers ending a line whose bracket closes on the next one
            # (（二）部分公开（区分处理的，只计这一情  102  123 …  927 / 形，不计其他情形）).
            run_from = trailing if len(parts) - trailing >= 2 else len(parts)
            if parts and not number_token(parts[-1]):
                glued = _GLUED_DIGITS.match(parts[-1])
                if glued and not sentence:
                    # 「行政许可707」, 「规章000」: digits printed right after the label, no separator
                    parts = parts[:-1] + [glued.group(1), glued.group(2)]
                    run_from = len(parts) - 1
            for n, part in enumerate(parts):
                if n == 0 and _ordinal_before_label(parts):
                    out.append(Token("label", part, i))
                elif (depth == 0 or n >= run_from) and number_token(part):
                    out.append(Token("num", part, i))
                else:
                    out.append(Token("label", part, i))
                    depth = max(0, depth + sum(part.count(c) for c in _OPEN) - sum(part.count(c) for c in _CLOSE))
    return out


def _ordinal_before_label(parts: list[str]) -> bool:
    """``6 属于四类过程性信息 …``: a line opening with a small whole number and then words numbers an item."""
    if len(parts) < 2 or not parts[0].isdigit() or int(parts[0]) > 20 or number_token(parts[1]):
        return False
    return re.match(r"[\u3400-\u9fff（(]", parts[1]) is not None


def segments(toks: list[Token]) -> list[Segment]:
    out: list[Segment] = []
    label: list[Token] = []
    numbers: list[str] = []
    number_items: list[int] = []
    start = toks[0].item if toks else 0

    def close() -> None:
        label_items = {t.item for t in label}
        spread = len(set(number_items)) > 1 and number_items[0] in label_items
        own = "".join(t.text for t in label if t.in_row and number_items and t.item == number_items[0])
        out.append(Segment(label_key("".join(t.text for t in label)), _line_positions(numbers, number_items),
                           start, spread, label_key(own)))

    for t in toks:
        if t.kind == "break":
            if label or numbers:
                close()
            label, numbers, number_items, start = [], [], [], t.item
            continue
        if t.kind == "label":
            if numbers:
                close()
                label, numbers, number_items = [], [], []
            if not label:
                start = t.item
            label.append(t)
        else:
            if not label and not numbers:
                start = t.item
            numbers.append(t.text)
            number_items.append(t.item)
    if label or numbers:
        close()
    return out


def _line_positions(numbers: list[str], items: list[int]) -> list[str]:
    """The positions of a run of numbers; blanks count only within one line.

    A blank is a position of the line it stands in.  When a row's numbers come one
    per line (「\t0」 / 「\t7」 / 「\t0」), each line's leading blank is its indent
    (the label column), not a cell: counted as positions, the blanks of two lines
    would make room for a lost number and place the others one column off.
    """
    if len(set(items)) <= 1:
        return numbers
    kept = []
    for k, (text, item) in enumerate(zip(numbers, items)):
        later_in_line = any(items[j] == item and numbers[j].strip() for j in range(k + 1, len(numbers)))
        if text.strip() or not later_in_line:
            kept.append(text)
    return kept


class _Reader:
    def __init__(self, fmt: FormatSpec, result: TableResult) -> None:
        self.fmt = fmt
        self.result = result
        self.tables = {t.layout: t for t in fmt.tables}
        self.active = self.tables.get(Layout.BLOCKS)
        self.matrix = self.tables.get(Layout.MATRIX)
        self.strip = self.tables.get(Layout.STRIP)
        self.order = [t for t in (self.active, self.matrix, self.strip) if t is not None]
        self.matrix_rows = [r.key for r in self.matrix.rows] if self.matrix is not None else []
        self.block = None
        self.done_rows: dict[str, set[str]] = {}
        self.last_matrix_row = -1
        self.strip_numbers: list[str] = []
        self.ambiguous: dict[tuple[str, str], tuple[list[str], list[list[str]]]] = {}  # run-together rows
        self.merged: dict[str, list[str]] = {}  # group label -> the numbers of the one row printed for it
        self.parts: dict[str, list[tuple[str, list[str]]]] = {}  # our row -> (other format's row, numbers)

    # --- assignment --------------------------------------------------------

    def _assign(self, table: TableSpec, row: str, numbers: list[str], assumed: str = "") -> None:
        done = self.done_rows.setdefault(table.key, set())
        label, columns, cells = _row_specs(table)[row]
        if row in done:
            self.result.notes.append(f"表{table.section}「{label}」一行出现了不止一次，取第一次的数字。")
            return
        done.add(row)
        placed, how = align(self.fmt, cells, numbers)
        if placed is None:
            splits = run_together(self.fmt, cells, numbers)
            if splits is not None and len(splits) == 1:
                placed = splits[0]
                assumed = assumed or _RUN_TOGETHER.format("、".join(n for n in numbers if len(n) > 1))
            elif splits:
                self.ambiguous[(table.key, row)] = (numbers, splits)
        if placed is None:
            entered = [c for c in columns if not c.derived]
            printed = [n for n in numbers if n.strip()]
            if (
                len(entered) < len(columns) and len(numbers) == len(entered) and len(printed) == len(numbers)
                and _adds_up_the_others(numbers, columns[-1].kind) and columns[-1].derived
            ):
                # The last number is the sum of the others: it is the 总计, and one of the other cells
                # was lost; which one is not known.
                for cid in cells:
                    self.result.missing[cid] = (
                        f"「{label}」一行少一个数字；最后一个数 {numbers[-1]} 正是前面各数之和，像是{columns[-1].label}，"
                        "无法确定缺的是哪一栏")
                return
            if len(entered) < len(columns) and len(numbers) == len(entered) and len(printed) == len(numbers):
                # Most likely an empty 总计 cell lost in copying; a lost middle number would look the same.
                pairs = list(zip(entered, numbers))
                assumed = assumed or f"该行少一个数字，按「{'、'.join(c.label for c in columns if c.derived)}」栏为空对应"
                for c in columns:
                    if c.derived:
                        self.result.missing[f"{table.key}.{row}.{c.key}"] = f"「{label}」一行的{c.label}栏没有数字"
            else:
                for cid in cells:
                    self.result.missing[cid] = f"「{label}」一行{how}"
                return
        else:
            pairs = list(zip(columns, placed))
        result = self.result
        for col, raw in pairs:
            cid = f"{table.key}.{row}.{col.key}"
            value = read_number(raw, col.kind)
            if value is None:
                result.missing[cid] = _not_a_number(raw)
                continue
            result.cells[cid] = CellRead(raw, value, is_blank_word(raw), assumed)

    # --- table 二 ------------------------------------------------------------

    def active_segment(self, seg: Segment) -> bool:
        """Read a segment as table 二; False when it belongs to table 三 instead."""
        tl = table_labels(self.active)
        caption_at = -1
        for b in tl.blocks:
            pos = seg.label.rfind(b.caption)
            if pos > caption_at:
                caption_at, self.block = pos, b
        self.result.seen.add(self.active.key)
        if not seg.numbers:
            return True
        label = seg.label[caption_at:] if caption_at >= 0 else seg.label
        residue = without_notes(strip_noise(label, tl.noise)) or strip_noise(label, tl.noise)
        pool = self.block.candidates if self.block else tuple(c for b in tl.blocks for c in b.candidates)
        everywhere = tuple(c for b in tl.blocks for c in b.candidates)
        # Row labels are unique across blocks: the one ending last is the row, even of another block
        # (a PDF printed the captions out of place, or a caption line was lost after a row lost its number).
        own = without_notes(strip_noise(seg.own, tl.noise)) if seg.own else ""
        exact = (last_exact(own, everywhere) if own else None) or last_exact(residue, everywhere)
        if exact is None and self.matrix is not None and last_exact(seg.label, table_labels(self.matrix).candidates):
            return False
        match = exact or fragment(residue, pool) or fuzzy(residue, pool)
        if match is None and self.matrix is not None and self._matrix_match(seg.label):
            return False
        if match is not None:
            if self.block is None or match.row not in self.block.rows:
                self.block = next(b for b in tl.blocks if match.row in b.rows)
            self._assign(self.active, match.row, seg.numbers, "该行的数字不在同一行，按先后顺序对应" if seg.spread else "")
            return True
        if self.block is not None and len(seg.numbers) == self.block.width and _printed(seg.numbers):
            done = self.done_rows.get(self.active.key, set())
            left = [r for r in self.block.rows if r not in done]
            if left:
                self._assign(self.active, left[0], seg.numbers, assumed="按位置推断：该行的标签未能识别")
        return True

    # --- table 三 ------------------------------------------------------------

    def _matrix_match(self, label: str):
        tl = table_labels(self.matrix)
        plain = without_notes(label)
        return (
            last_exact(plain, tl.candidates) or last_exact(label, tl.candidates)
            or fuzzy(plain, tl.candidates) or fuzzy(label, tl.candidates)
        )

    def matrix_segment(self, seg: Segment) -> None:
        self.result.seen.add(self.matrix.key)
        if not seg.numbers:
            return
        rows = self.matrix_rows
        width = len(self.matrix.columns)
        # A label printed after its own numbers (a row taken by position) is not a second label here.
        done = self.done_rows.get(self.matrix.key, set())
        own = last_exact(seg.own, table_labels(self.matrix).candidates) if seg.own else None
        several = [r for r in rows_in(seg.label, table_labels(self.matrix).candidates) if r not in done]
        if own is None and len(several) > 1:
            self._several_rows(several, seg.numbers, rows, width)
            return
        match = own or self._matrix_match(seg.label)
        if self._merged_or_split(seg, match, rows):
            return
        assumed = ""
        if match is not None:
            index = rows.index(match.row)
        else:
            index = self.last_matrix_row + 1
            if index >= len(rows) or len(seg.numbers) not in (width, width - 1) or not _printed(seg.numbers):
                return
            assumed = "按位置推断：该行的标签未能识别"
        numbers = seg.numbers
        if seg.spread and not assumed:
            assumed = "该行的数字不在同一行，按先后顺序对应"
        chunks = [numbers]
        if len(numbers) > width and len(numbers) % width == 0:
            chunks = [numbers[k:k + width] for k in range(0, len(numbers), width)]
        for n, chunk in enumerate(chunks):
            if index + n >= len(rows):
                self.result.notes.append(f"表三末尾多出 {len(chunk)} 个数字，已忽略。")
                break
            self._assign(self.matrix, rows[index + n], chunk, assumed if n == 0 else "按位置推断：紧接在上一行数字之后，未见本行标签")
        self.last_matrix_row = index + len(chunks) - 1

    def _merged_or_split(self, seg: Segment, match, rows: list[str]) -> bool:
        """A row printed for a group of the format's rows, or for a part of one of its rows.

        Decided by which label ends last in the segment: a group label (（六）其他处理 printed as
        one row of a 2021-format table), or another format's row whose group is a row of this
        format (2021's three sub-rows in a 2019-format table); the row's own label otherwise.
        """
        label = seg.own or seg.label
        end = -1
        if match is not None:
            end = label.rfind(match.key) + len(match.key) if label.rfind(match.key) >= 0 else -1
        best = None
        tail = len(label.rstrip("。:：.,，、")) - 1  # a group or part label must end the label text
        for g in row_groups(self.matrix):
            pos = label.rfind(g.key)
            if pos >= 0 and pos + len(g.key) > max(end, tail):
                best, end = ("group", g), pos + len(g.key)
        for cand, target in split_rows(self.matrix):
            pos = label.rfind(cand.key)
            if pos >= 0 and pos + len(cand.key) > max(end, tail):
                best, end = ("part", (cand, target)), pos + len(cand.key)
        if best is None:
            return False
        kind, what = best
        if kind == "group":
            self.merged.setdefault(what.label, list(seg.numbers))
            self.done_rows.setdefault(self.matrix.key, set()).update(what.rows)
            self.last_matrix_row = max(self.last_matrix_row, rows.index(what.rows[-1]))
        else:
            cand, target = what
            self.parts.setdefault(target, []).append((cand.row, list(seg.numbers)))
            self.last_matrix_row = max(self.last_matrix_row, rows.index(target))
        return True

    def finish_matrix(self) -> None:
        """Rows merged or split by the report, resolved through the format's sums; rows whose digits
        ran together and split several ways within the row, resolved through the column relations."""
        t = self.matrix
        if t is None:
            return
        for (table_key, row), (numbers, splits) in self.ambiguous.items():
            cells = [f"{table_key}.{row}.{c.key}" for c in t.columns]
            known = {cid: read.value for cid, read in self.result.cells.items()}
            holding = [sp for sp in splits if _relations_hold(self.fmt, known, cells, sp)]
            if len(holding) == 1:
                reason = _RUN_TOGETHER.format("、".join(n for n in numbers if len(n) > 1)) + "（并与各列合计核对）"
                for cid, c, raw in zip(cells, t.columns, holding[0]):
                    self.result.missing.pop(cid, None)
                    self.result.cells[cid] = CellRead(raw, read_number(raw, c.kind), False, reason)
            else:
                for cid in cells:
                    self.result.missing[cid] = (
                        f"原文数字连在一起（「{'、'.join(n for n in numbers if len(n) > 1)}」），"
                        f"有 {len(splits)} 种拆法都符合该行的合计，" + (
                            "其中不止一种也符合各列的合计" if holding else "与各列的合计对照也无法确定") + "，无法确定各栏的数字")
        for group in row_groups(t):
            numbers = self.merged.get(group.label)
            if numbers is None:
                continue
            cells = [f"{t.key}.{group.rows[0]}.{c.key}" for c in t.columns]
            placed, how = align(self.fmt, cells, numbers)
            values = [read_number(n, c.kind) if n.strip() else 0 for n, c in zip(placed or [], t.columns)]
            for row in group.rows:
                for c, value in zip(t.columns, values or [None] * len(t.columns)):
                    cid = f"{t.key}.{row}.{c.key}"
                    if placed is not None and all(v == 0 for v in values):
                        self.result.cells[cid] = CellRead("", 0, False, (
                            f"原文把「{group.label}」的 {len(group.rows)} 项合为一行印出，该行全为 0；"
                            "各项不会为负数，均按 0 计"))
                    else:
                        self.result.missing[cid] = (
                            f"原文把「{group.label}」的 {len(group.rows)} 项合为一行印出" + (
                                f"（{how}）" if placed is None else "，只有合计数，无法分到各项"))
        for target, parts in self.parts.items():
            label = next(r.label for r in t.rows if r.key == target)
            expected = [c.row for c, tgt in split_rows(t) if tgt == target]
            expected = list(dict.fromkeys(expected))
            cells = [f"{t.key}.{target}.{c.key}" for c in t.columns]
            done = self.done_rows.setdefault(t.key, set())
            if target in done:
                continue
            done.add(target)
            sums = [0] * len(t.columns)
            ok = sorted({row for row, _ in parts}) == sorted(expected) and len(parts) == len(expected)
            for _, numbers in parts if ok else ():
                placed, _how = align(self.fmt, cells, numbers)
                values = [read_number(n, c.kind) if n.strip() else 0 for n, c in zip(placed or [], t.columns)]
                if placed is None or any(v is None for v in values):
                    ok = False
                    break
                sums = [a + b for a, b in zip(sums, values)]
            for cid, value in zip(cells, sums):
                if ok:
                    self.result.cells[cid] = CellRead("", value, False, (
                        f"原文把「{label}」分为 {len(expected)} 项印出（另一种格式的写法），已按各项之和填入"))
                else:
                    self.result.missing[cid] = (
                        f"原文把「{label}」分为几项印出，但只找到 {len(parts)} 项（应有 {len(expected)} 项），无法相加")

    def _several_rows(self, found: list[str], numbers: list[str], rows: list[str], width: int) -> None:
        """Several row labels before one run of numbers (a PDF's label column printed before its numbers).

        Paired in order only when that is proven: the run holds a whole row for each label, the
        labels are neighbouring rows of the format in its order, and every row's own sum (its
        总计) holds for the numbers it would get.  Otherwise which numbers belong to which row
        cannot be known, and those rows stay missing with the reason.
        """
        t = self.matrix
        count = len(numbers) // width
        indexes = [rows.index(r) for r in found]
        order = list(found)
        problem = ""
        if len(numbers) % width or count < len(found):
            problem = f"其后只有 {len(numbers)} 个数字"
        elif indexes != list(range(indexes[0], indexes[0] + len(found))):
            problem = "这些行在文中的顺序与表格不同或中间缺行"
        else:
            order += rows[indexes[-1] + 1:indexes[-1] + 1 + count - len(found)]
            if len(order) < count:
                problem = f"其后的 {len(numbers)} 个数字多于这些行"
            else:
                for n, row in enumerate(order):
                    cells = [f"{t.key}.{row}.{c.key}" for c in t.columns]
                    if not _row_sums_hold(self.fmt, cells, numbers[n * width:(n + 1) * width]):
                        problem = "按先后顺序对应时各行的合计对不上"
                        break
        if problem:
            for row in order:
                label = next(r.label for r in t.rows if r.key == row)
                for c in t.columns:
                    cid = f"{t.key}.{row}.{c.key}"
                    if cid not in self.result.cells:
                        self.result.missing[cid] = (
                            f"「{label}」与另外 {len(found) - 1} 行的标签连在一起，{problem}，无法确定对应关系")
            return
        for n, row in enumerate(order):
            reason = "标签与数字分开排列，按先后顺序对应" if n < len(found) else "按位置推断：紧接在上一行数字之后，未见本行标签"
            self._assign(t, row, numbers[n * width:(n + 1) * width], reason)
        self.last_matrix_row = rows.index(order[-1])

    # --- table 四 ------------------------------------------------------------

    def finish_strip(self) -> None:
        t = self.strip
        if t is None or t.key not in self.result.seen:
            return
        cells = t.cells
        entered = [c for c in cells if not c.derived]
        numbers = self.strip_numbers
        assumed = ""
        placed, how = align(self.fmt, [c.id for c in cells], numbers)
        printed = [n for n in numbers if n.strip()]
        if placed is None:
            splits = run_together(self.fmt, [c.id for c in cells], numbers)
            if splits is not None and len(splits) == 1:
                placed = splits[0]
                assumed = _RUN_TOGETHER.format("、".join(n for n in numbers if len(n) > 1))
        cut = _cut_short(self.fmt, [c.id for c in cells], numbers) if placed is None else 0
        if placed is not None:
            pairs = list(zip(cells, placed))
        elif cut:
            # The numbers stand in order and every group they complete adds up: the row was cut
            # short (a table wider than the page, printed from a browser), not printed without totals.
            pairs = list(zip(cells[:cut], numbers[:cut]))
            for c in cells[cut:]:
                self.result.missing[c.id] = (
                    f"表{t.section}只有 {len(numbers)} 个数字，前面各组的总计都对得上，后面的栏没有印出（可能打印时被截掉）")
        elif len(numbers) == len(entered) and len(printed) == len(numbers):
            pairs = list(zip(entered, numbers))
            assumed = f"表{t.section}只有 {len(numbers)} 个数字，按三个「总计」栏为空对应"
            for c in cells:
                if c.derived:
                    self.result.missing[c.id] = f"表{t.section}的「{c.row_label}·总计」栏没有数字"
        else:
            reason = f"表{t.section}{how}"
            for c in cells:
                self.result.missing[c.id] = reason
            return
        for c, raw in pairs:
            value = read_number(raw, c.kind)
            if value is None:
                self.result.missing[c.id] = _not_a_number(raw)
            else:
                self.result.cells[c.id] = CellRead(raw, value, is_blank_word(raw), assumed)


def align(fmt: FormatSpec, cells: list[str], numbers: list[str]) -> tuple[list[str] | None, str]:
    """The printed text of each of ``cells`` (a row in column order) from the positions a document gave it.

    ``numbers`` holds one entry per printed position, an empty string for a blank
    cell (a tab with nothing between, a column of a PDF table with nothing in it).
    The row is placed only when that is proven: the positions are exactly the
    row's cells; or, when there are more positions than cells (blank positions of
    the label area or of a merged cell), every way of choosing the cells that
    keeps the printed values in order and in neighbouring positions gives the same
    row, or exactly one of them satisfies the format's sums within the row.
    Otherwise (None, why) says why it cannot be placed.
    """
    width = len(cells)
    if len(numbers) == width:
        return list(numbers), ""
    filled = [i for i, n in enumerate(numbers) if n.strip()]
    found = f"应有 {width} 个数字，文件中找到 {len(filled)} 个"
    if len(numbers) < width or not filled:
        return None, found + "，无法对应" if len(numbers) == len(filled) else found + f"（共 {len(numbers)} 个位置），无法对应"
    if len(filled) == width:
        return [numbers[i] for i in filled], ""
    if len(filled) > width:
        return None, found + "，无法对应"
    # windows of ``width`` neighbouring positions holding every printed value
    first, last = filled[0], filled[-1]
    if last - first + 1 > width:
        return None, found + f"，其间有空白位置，共 {len(numbers)} 个位置，无法确定各数字所在的栏"
    options = []
    for start in range(max(0, last - width + 1), min(first, len(numbers) - width) + 1):
        window = numbers[start:start + width]
        if window not in options:
            options.append(window)
    if len(options) == 1:
        return options[0], ""
    holding = [w for w in options if _row_sums_hold(fmt, cells, w)]
    if len(holding) == 1 or (holding and len({tuple(_values(fmt, cells, w)) for w in holding}) == 1):
        return holding[0], ""  # one placing, or several that give every cell the same value
    return None, found + f"，另有空白位置（共 {len(numbers)} 个位置），有 {len(options)} 种对应方式" + (
        "都符合该行的合计关系" if holding else "都不符合该行的合计关系") + "，无法确定各数字所在的栏"


_RUN_TOGETHER = "原文数字连在一起（「{}」），按合计关系只有一种拆法，据此拆分（推定）"
#: Digits of a row run together that are tried at most (a row of 7 counts has at most 63).
MAX_RUN_DIGITS = 64
MAX_SPLITS = 20_000


def run_together(fmt: FormatSpec, cells: list[str], numbers: list[str]) -> list[list[str]] | None:
    """The ways to cut a row's printed digit runs into one number per cell that satisfy the row's sums.

    ``5200007`` for a row of seven is 5 2 0 0 0 0 7.  A part never has a leading zero; a row
    without a sum of its own is cut only when its digits are all zeros (then the cut is the only
    one).  None when the row is not a case of digits run together.
    """
    width = len(cells)
    if len(numbers) >= width or not numbers or any(not n.isdigit() for n in numbers):
        return None
    if sum(len(n) for n in numbers) > MAX_RUN_DIGITS or sum(len(n) for n in numbers) < width:
        return None
    has_sum = any(s.target in cells and all(a in cells for a in s.addends) for s in fmt.sums)
    if not has_sum and any(set(n) != {"0"} for n in numbers):
        return None
    out: list[list[str]] = []

    def cuts(token: str, parts: int):
        if parts == 1:
            if token == "0" or (not token.startswith("0") and len(token) <= 9):
                yield [token]
            return
        for i in range(1, min(9, len(token) - parts + 1) + 1):
            head = token[:i]
            if head.startswith("0") and head != "0":
                break
            for rest in cuts(token[i:], parts - 1):
                yield [head, *rest]

    def walk(k: int, left: int, acc: list[str]) -> bool:
        if len(out) > MAX_SPLITS:
            return False
        if k == len(numbers):
            if left == 0 and (not has_sum or _row_sums_hold(fmt, cells, acc)):
                out.append(list(acc))
            return True
        token = numbers[k]
        rest_min = len(numbers) - k - 1
        for parts in range(1, min(len(token), left - rest_min) + 1):
            for piece in cuts(token, parts):
                if not walk(k + 1, left - parts, acc + piece):
                    return False
        return True

    if not walk(0, width, []):
        return None
    return out


def _relations_hold(fmt: FormatSpec, known: dict, cells: list[str], texts: list[str]) -> bool:
    """Whether the sums and the balance that involve these cells hold with the rest of the table read."""
    values = dict(known)
    for cid, raw in zip(cells, texts):
        values[cid] = read_number(raw, fmt.cells[cid].kind)
    mine = set(cells)
    checked = False
    for s in fmt.sums:
        names = (s.target, *s.addends)
        if mine.intersection(names) and all(values.get(n) is not None for n in names):
            checked = True
            if sum(values[a] for a in s.addends) != values[s.target]:
                return False
    for rel in fmt.relations:
        if rel.code != "E1" or rel.op != "==" or rel.needs_last_year:
            continue
        names = [t.cell for t in (*rel.lhs, *rel.rhs)]
        if mine.intersection(names) and all(values.get(n) is not None for n in names):
            checked = True
            if sum(t.coef * values[t.cell] for t in rel.lhs) != sum(t.coef * values[t.cell] for t in rel.rhs):
                return False
    return checked


def _not_a_number(raw: str) -> str:
    digits = sum(ch.isdigit() for ch in raw)
    if digits > MAX_NUMBER_DIGITS:
        return f"原文此处是一串 {digits} 位的数字（「{raw[:12]}…」），不是表格中能有的数字"
    return f"「{raw}」不是这一栏能有的数字" if change_in_words(raw) else f"「{raw}」不是数字"


def _adds_up_the_others(numbers: list[str], kind) -> bool:
    """Whether the last of ``numbers`` is the (non-zero) sum of the others."""
    values = [read_number(n, kind) for n in numbers]
    return None not in values and values[-1] != 0 and sum(values[:-1]) == values[-1]


def _cut_short(fmt: FormatSpec, cells: list[str], numbers: list[str]) -> int:
    """How many of ``cells`` the ``numbers`` fill in order when the row was cut short, else 0.

    Proven only when every group of the format's sums the numbers complete adds up from at
    least two non-zero parts: 「1 0 0 0 1」 may as well be four results and the next group's
    first, printed without totals (a coincidence small counts make likely; 「63 62 61 60 246」
    is none).  The cells after the last complete group are left out.
    """
    if not numbers or len(numbers) >= len(cells) or not all(n.strip() for n in numbers):
        return 0
    values = {}
    for cid, raw in zip(cells, numbers):
        value = read_number(raw, fmt.cells[cid].kind)
        if value is None:
            return 0
        values[cid] = value
    complete = [s for s in fmt.sums if s.target in values and all(a in values for a in s.addends)]
    if not complete or any(sum(values[a] for a in s.addends) != values[s.target] for s in complete):
        return 0
    if any(sum(1 for a in s.addends if values[a]) < 2 for s in complete):
        return 0
    return max(cells.index(s.target) for s in complete) + 1


def _values(fmt: FormatSpec, cells: list[str], texts: list[str]) -> list:
    return [read_number(raw, fmt.cells[cid].kind) if raw.strip() else 0 for cid, raw in zip(cells, texts)]


def _row_sums_hold(fmt: FormatSpec, cells: list[str], texts: list[str]) -> bool:
    """Whether the sums of the format that lie within these cells hold for the printed texts (blank = 0)."""
    values = {}
    for cid, raw in zip(cells, texts):
        value = read_number(raw, fmt.cells[cid].kind) if raw.strip() else 0
        if value is None:
            return False
        values[cid] = value
    checked = False
    for s in fmt.sums:
        if s.target in values and all(a in values for a in s.addends):
            checked = True
            if sum(values[a] for a in s.addends) != values[s.target]:
                return False
    return checked


@lru_cache(maxsize=8192)
def read_number(raw: str, kind: ValueKind):
    """A printed cell's value; a change in words (减4) only where the column holds a signed change.

    A run of more than ``MAX_NUMBER_DIGITS`` digits is no figure of a report (and is never
    converted, however long): None.
    """
    if sum(ch.isdigit() for ch in raw) > MAX_NUMBER_DIGITS:
        return None
    change = change_in_words(raw)
    if change is not None:
        return parse_printed(change, kind) if kind is ValueKind.SIGNED else None
    return parse_printed(raw, kind)


def _printed(numbers: list[str]) -> bool:
    """Whether a run holds at least one printed value (a number or a word such as 无), not only empty cells."""
    return any(n.strip() for n in numbers)


def read_tables(fmt: FormatSpec, items: list[Item], start: int, end: int, headings: dict[str, int]) -> TableResult:
    """Fill ``fmt``'s cells from ``items[start:end]``; ``headings`` maps section numbers to item indices."""
    result = TableResult()
    reader = _Reader(fmt, result)
    by_section = {t.section: t for t in fmt.tables}
    marks = sorted((i, by_section[n]) for n, i in headings.items() if n in by_section and start <= i < end)
    toks = tokens(items, start, end, skip={i for i, _ in marks})
    if not toks:
        return result
    state: TableSpec | None = None
    mark_index = 0
    for seg in segments(toks):
        while mark_index < len(marks) and marks[mark_index][0] <= seg.item:
            state = marks[mark_index][1]
            mark_index += 1
        state = _advance(reader, state, seg)
        if state is None:
            continue
        if state.layout is Layout.BLOCKS:
            if not reader.active_segment(seg):
                state = reader.matrix
                reader.matrix_segment(seg)
        elif state.layout is Layout.MATRIX:
            reader.matrix_segment(seg)
        else:
            result.seen.add(state.key)
            if _printed(seg.numbers):  # a run of empty header cells is not the data row
                reader.strip_numbers.extend(seg.numbers)
    reader.finish_matrix()
    reader.finish_strip()
    return result


def _advance(reader: _Reader, state: TableSpec | None, seg: Segment) -> TableSpec | None:
    """Move to a later table when the segment's labels announce it (headings may be lost)."""
    order = reader.order
    position = _index(order, state)
    strip = reader.strip
    if strip is not None and position < _index(order, strip):
        markers = table_labels(strip).markers
        if markers and all(m in seg.label for m in markers):
            return strip
    if reader.matrix is not None and position < _index(order, reader.matrix):
        tl = table_labels(reader.matrix)
        corner = label_key(reader.matrix.corner) if reader.matrix.corner else ""
        if (corner and corner in seg.label) or (state is None and last_exact(seg.label, tl.candidates)):
            return reader.matrix
    if (
        state is None and reader.active is not None
        and any(b.caption in seg.label for b in table_labels(reader.active).blocks)
    ):
        return reader.active
    return state


def _index(order: list[TableSpec], table: TableSpec | None) -> int:
    """The position of ``table`` in ``order`` (the same declaration objects), -1 if absent."""
    for n, t in enumerate(order):
        if t is table:
            return n
    return -1


_ROW_SPECS: dict[int, tuple[TableSpec, dict]] = {}


def _row_specs(table: TableSpec) -> dict[str, tuple[str, tuple, tuple[str, ...]]]:
    """Row key -> (label, columns, cell ids) of a table (memoised on the declaration's identity)."""
    hit = _ROW_SPECS.get(id(table))
    if hit is None or hit[0] is not table:
        specs = {}
        for _, r in table.iter_rows():
            if r.key not in specs:  # the first row of a key, as a search in official order finds
                columns = table.columns_of(r.key)
                specs[r.key] = (r.label, columns, tuple(f"{table.key}.{r.key}.{c.key}" for c in columns))
        hit = _ROW_SPECS[id(table)] = (table, specs)
    return hit[1]
