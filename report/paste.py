"""A block copied from Excel or WPS, placed into one of the official tables.

A spreadsheet user copies what they see: numbers only, or numbers with the
row names on the left (「一、本年新收政府信息公开申请数量⇥10⇥0…」) and/or the
column names on top.  ``plan_paste`` works out where every number goes and
returns the changes, or raises ``PasteRefused`` with a Chinese reason; it
never half-applies anything (the GUI pushes the changes as one undo step).

- Numbers only: laid out from the cursor cell, as a spreadsheet does.
- A label column: each row goes to the declared row its label names (the
  importer's matcher, ``report.importer.labels``), wherever the cursor is;
  the label cells themselves are skipped.  A label that names no row of the
  table refuses the paste and is quoted.
- Header rows: each column goes to the declared column its header names
  (compared in the importer's ``label_key`` form), so a block of a few
  columns needs no careful cursor placement.

Nothing here knows Qt: the grid is the declaration's (``TableSpec.grid``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UserError
from .importer.labels import Candidate, fuzzy, last_exact, table_labels
from .importer.normalise import label_key
from .model import Report
from .parse import CellInputError, Value, parse_cell
from .schema import GridCell, Layout, TableSpec, ValueKind

_CJK = re.compile(r"[\u3400-\u9fff]")
_EMPTY, _NUMBER, _LABEL, _JUNK = range(4)


class PasteRefused(UserError):
    """The block cannot be placed; ``str()`` is the Chinese reason.  Nothing was changed."""


@dataclass(frozen=True)
class PastePlan:
    changes: dict[str, Value]
    #: Computed cells (总计) the block covered: their pasted values are not used.
    skipped_derived: int = 0
    #: Rows placed by their label (a label column was pasted).
    by_label: bool = False
    #: Columns placed by their header (header rows were pasted).
    by_header: bool = False

    def summary(self) -> str:
        how = "按栏目名称" if self.by_label or self.by_header else ""
        note = f"已{how}粘贴 {len(self.changes)} 个单元格。"
        if self.skipped_derived:
            note += f"其中 {self.skipped_derived} 个合计单元格由程序自动计算，粘贴的值未采用。"
        return note


def parse_tsv(text: str) -> list[list[str]]:
    """Excel / WPS clipboard text: rows by newline, cells by tab, trailing newline dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removesuffix("\n")
    if not text.strip():
        return []
    return [line.split("\t") for line in text.split("\n")]


def _kind(raw: str) -> int:
    s = raw.strip()
    if not s:
        return _EMPTY
    for kind in (ValueKind.SIGNED, ValueKind.AMOUNT):
        try:
            parse_cell(s, kind)
            return _NUMBER
        except CellInputError:
            pass
    return _LABEL if _CJK.search(s) else _JUNK


class _Grid:
    """The table's drawing, indexed for placing a block."""

    def __init__(self, table: TableSpec):
        cells, self.rows, self.cols = table.grid
        self.table = table
        self.anchor: dict[tuple[int, int], GridCell] = {}
        self.cover: dict[tuple[int, int], GridCell] = {}
        for cell in cells:
            self.anchor[(cell.row, cell.col)] = cell
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    self.cover[(r, c)] = cell
        self.row_of_key: dict[str, int] = {}
        self.value_cells: dict[int, list[GridCell]] = {}
        for cell in sorted(cells, key=lambda g: (g.row, g.col)):
            if cell.role == "value" and cell.cell_id:
                self.row_of_key.setdefault(cell.cell_id.split(".")[1], cell.row)
                self.value_cells.setdefault(cell.row, []).append(cell)

    def first_value_col(self, row: int) -> int:
        return self.value_cells[row][0].col

    def header_paths(self, row: int) -> dict[int, str]:
        """Grid column -> its header texts top to bottom (``label_key`` form), for value row ``row``."""
        band: list[int] = []
        r = row - 1
        while r >= 0 and not self._has_header(r):
            r -= 1
        while r >= 0 and self._has_header(r):
            band.insert(0, r)
            r -= 1
        paths = {}
        for c in range(self.first_value_col(row), self.cols):
            seen: list[GridCell] = []
            for hr in band:
                cell = self.cover.get((hr, c))
                if cell is not None and cell.role == "header" and cell not in seen:
                    seen.append(cell)
            paths[c] = label_key("".join(g.text for g in seen))
        return paths

    def _has_header(self, r: int) -> bool:
        return any(self.cover.get((r, c)) is not None and self.cover[(r, c)].role == "header" for c in range(self.cols))


def _row_candidates(table: TableSpec) -> tuple[Candidate, ...]:
    labels = table_labels(table)
    if table.layout is Layout.BLOCKS:
        return tuple(c for b in labels.blocks for c in b.candidates)
    return labels.candidates


def _fill_headers(rows: list[list[str]], start: int) -> list[str]:
    """One header text per block column: the header rows joined top to bottom, a merged
    cell's text carried right over the empty cells it covered (not past a new parent)."""
    width = max(len(r) for r in rows) if rows else 0
    grid = [[(r[j].strip() if j < len(r) else "") for j in range(width)] for r in rows]
    filled = [row[:] for row in grid]
    for h, row in enumerate(grid):
        for j in range(start + 1, width):
            if row[j] or not filled[h][j - 1]:
                continue
            # Carried only while every row above is itself carried here (same parent).
            if all(not grid[a][j] and filled[a][j] == filled[a][j - 1] for a in range(h)):
                filled[h][j] = filled[h][j - 1]
    return ["".join(filled[h][j] for h in range(len(rows))) for j in range(width)]


def _quote(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return f"「{text[:limit]}…」" if len(text) > limit else f"「{text}」"


def plan_paste(report: Report, table_key: str, text: str, anchor: tuple[int, int] | None) -> PastePlan:
    """Where every number of ``text`` goes in table ``table_key``; ``anchor`` is the cursor's grid cell."""
    block = parse_tsv(text)
    if not block:
        raise PasteRefused("剪贴板中没有可粘贴的内容。")
    fmt = report.format
    table = fmt.table(table_key)
    grid = _Grid(table)
    kinds = [[_kind(c) for c in row] for row in block]
    data_rows = [i for i, ks in enumerate(kinds) if any(k in (_NUMBER, _JUNK) for k in ks)]
    if not data_rows:
        raise PasteRefused("剪贴板中只有文字，没有数字，未粘贴任何内容。")
    label_width = min(next(j for j, k in enumerate(kinds[i]) if k in (_NUMBER, _JUNK)) for i in data_rows)
    noise = set(table_labels(table).noise) | {label_key(g.text) for g in grid.anchor.values() if g.role == "corner"}

    def is_noise(row: list[str]) -> bool:
        keys = [label_key(c) for c in row if c.strip()]
        return bool(keys) and all(k in noise for k in keys)

    header_rows: list[int] = []
    rows: list[int] = []  # the block rows that carry values
    for i, row in enumerate(block):
        ks = kinds[i]
        if i < data_rows[0] and any(k == _LABEL for k in ks[label_width:]):
            header_rows.append(i)
        elif i in data_rows:
            rows.append(i)
        elif all(k == _EMPTY for k in ks):
            if label_width == 0:
                rows.append(i)  # numbers only: an empty row is a row of zeros, as before
        elif is_noise(row):
            continue  # a caption or a repeated header row of the official drawing
        elif label_width and all(k == _EMPTY for k in ks[label_width:]):
            rows.append(i)  # a labelled row left blank
        elif i < data_rows[0]:
            header_rows.append(i)
        else:
            rows.append(i)  # text among the numbers: refused below with the parser's reason
    if header_rows and table.layout is Layout.BLOCKS:
        # Block tables repeat their headers per block; rows are placed by label, columns in order.
        strange = next((i for i in header_rows if not is_noise(block[i])), None)
        if strange is not None:
            text = next(c for c in block[strange][label_width:] if c.strip())
            raise PasteRefused(f"粘贴内容第 {strange + 1} 行的{_quote(text)}不是{table.name}的栏目名称，未粘贴任何内容。")
        header_rows = []
    by_header = bool(header_rows)
    headers = _fill_headers([block[i] for i in header_rows], label_width) if by_header else []

    # --- the grid row of every block row ------------------------------------------------
    targets: list[tuple[int, int]] = []  # (block row, grid row)
    if label_width:
        candidates = _row_candidates(table)
        if not candidates:
            raise PasteRefused(
                f"{table.name}没有行栏目名称，请只复制数字（可连同表头），未粘贴任何内容。"
            )
        placed: dict[int, int] = {}
        for i in rows:
            label = "".join(c.strip() for c in block[i][:label_width])
            key = label_key(label)
            match = (last_exact(key, candidates) or fuzzy(key, candidates)) if key else None
            if match is None:
                what = _quote(label) if label.strip() else "（空白）"
                raise PasteRefused(
                    f"粘贴内容第 {i + 1} 行的栏目名称{what}与{table.name}的任何一行都对不上，未粘贴任何内容。"
                )
            r = grid.row_of_key[match.row]
            if r in placed:
                raise PasteRefused(
                    f"粘贴内容第 {placed[r] + 1} 行和第 {i + 1} 行是同一行{_quote(label)}，未粘贴任何内容。"
                )
            placed[r] = i
            targets.append((i, r))
    else:
        if anchor is not None:
            first_row = anchor[0]
        elif len(grid.value_cells) == 1:  # a one-row strip: there is only one place to go
            first_row = next(iter(grid.value_cells))
        else:
            raise PasteRefused("请先选中要粘贴到的单元格。")
        for n, i in enumerate(rows):
            targets.append((i, first_row + n))

    # --- the grid column of every value ---------------------------------------------------
    changes: dict[str, Value] = {}
    where_of: dict[str, tuple[int, int]] = {}
    skipped = 0
    for i, r in targets:
        values = block[i][label_width:]
        where = f"粘贴内容第 {i + 1} 行"
        if r >= grid.rows or r not in grid.value_cells:
            if r >= grid.rows:
                raise PasteRefused(f"{where}超出了表格范围，未粘贴任何内容。")
            raise PasteRefused(f"{where}会落在表头或栏目名称上，未粘贴任何内容。请从第一个数字单元格开始粘贴。")
        try:
            columns = _columns(grid, r, values, headers[label_width:] if by_header else None, label_width, anchor,
                               bool(label_width), where)
        except PasteRefused:
            # A value that is no number explains a row that does not fit better than the count does.
            for j, raw in enumerate(values):
                if kinds[i][j + label_width] in (_JUNK, _LABEL):
                    kind = fmt.cells[grid.value_cells[r][0].cell_id].kind
                    try:
                        parse_cell(raw, kind, fmt.signed_labels)
                    except CellInputError as exc:
                        pos = f"粘贴内容第 {i + 1} 行第 {j + label_width + 1} 列"
                        raise PasteRefused(f"{pos}：{exc}。未粘贴任何内容。") from None
            raise
        for j, c in columns:
            raw = values[j]
            pos = f"粘贴内容第 {i + 1} 行第 {j + label_width + 1} 列"
            if c >= grid.cols:
                raise PasteRefused(f"{pos}超出了表格范围，未粘贴任何内容。")
            cell = grid.anchor.get((r, c))
            if cell is None or cell.role != "value":
                covering = grid.cover.get((r, c))
                if covering is not None and covering.role == "value" and not raw.strip():
                    continue  # the empty rest of a merged cell, as Excel copies it
                raise PasteRefused(
                    f"{pos}会落在表头或栏目名称上，未粘贴任何内容。请从第一个数字单元格开始粘贴。"
                )
            spec = fmt.cells[cell.cell_id]
            if spec.derived and not report.totals_as_printed:
                skipped += 1
                continue
            if cell.cell_id in where_of and raw.strip():
                a, b = where_of[cell.cell_id]
                raise PasteRefused(
                    f"粘贴内容第 {a + 1} 行第 {b + 1} 列和{pos}都对应「{spec.display}」，未粘贴任何内容。"
                )
            try:
                value = parse_cell(raw, spec.kind, fmt.signed_labels).value
            except CellInputError as exc:
                raise PasteRefused(f"{pos}（{spec.display}）：{exc}。未粘贴任何内容。") from None
            if cell.cell_id not in where_of or raw.strip():
                changes[cell.cell_id] = value
                where_of[cell.cell_id] = (i, j + label_width)
    return PastePlan(changes, skipped, bool(label_width), by_header)


def _columns(grid: _Grid, r: int, values: list[str], headers: list[str] | None, label_width: int,
             anchor: tuple[int, int] | None, labelled: bool, where: str) -> list[tuple[int, int]]:
    """(index in ``values``, grid column) for one block row placed on grid row ``r``."""
    if headers is not None:
        paths = grid.header_paths(r)
        out = []
        for j, raw in enumerate(values):
            head = label_key(headers[j]) if j < len(headers) else ""
            if not head:
                if raw.strip():
                    raise PasteRefused(f"粘贴内容第 {label_width + j + 1} 列没有栏目名称，未粘贴任何内容。")
                continue
            exact = [c for c, p in paths.items() if p == head]
            ending = exact or [c for c, p in paths.items() if p.endswith(head)]
            if len(ending) == 1:
                out.append((j, ending[0]))
                continue
            name = _quote(headers[j])
            if ending:
                raise PasteRefused(
                    f"粘贴内容的栏目名称{name}在{grid.table.name}中有 {len(ending)} 处，"
                    "请连同上面的表头行一起复制，未粘贴任何内容。"
                )
            raise PasteRefused(f"粘贴内容的栏目名称{name}与{grid.table.name}的任何一列都对不上，未粘贴任何内容。")
        return out
    if labelled:
        cells = grid.value_cells[r]
        first = grid.first_value_col(r)
        if len(values) == len(cells):
            return [(j, cell.col) for j, cell in enumerate(cells)]
        if len(values) == grid.cols - first:
            return [(j, first + j) for j in range(len(values))]
        if anchor is not None and anchor[1] >= first:
            return [(j, anchor[1] + j) for j in range(len(values))]
        raise PasteRefused(
            f"{where}有 {len(values)} 个数，与这一行的 {len(cells)} 个栏目对不上；"
            "请连同表头一起复制，或先选中要粘贴到的第一个单元格，未粘贴任何内容。"
        )
    if anchor is None:
        raise PasteRefused("请先选中要粘贴到的单元格。")
    return [(j, anchor[1] + j) for j in range(len(values))]
