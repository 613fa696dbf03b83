"""The vocabulary in which an official report format is declared.

A format (see ``report/formats/``) is pure data built from these classes:
its sections, text fields, tables (with rows, columns and cell kinds), the
sums that define derived cells, and the relations the checks evaluate.
Everything else (model, checks, GUI, renderer, importer) reads a
``FormatSpec``; none of them names a row label of its own.

The visual grid of every table (merged header cells, row-label area) is
derived here from the logical declaration, once, so that the GUI and the
.docx templates draw exactly the same shape.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property


class ValueKind(enum.Enum):
    """What a cell holds; decides parsing, storage and rendering."""

    COUNT = "count"  # 件: integer >= 0
    SIGNED = "signed"  # 本年增/减: integer, may be negative
    WAN = "wan"  # 万元: decimal >= 0, up to 4 dp expected (6 accepted)
    AMOUNT = "amount"  # a money amount whose unit the clerk states (2019 采购总金额)

    @property
    def is_decimal(self) -> bool:
        return self in (ValueKind.WAN, ValueKind.AMOUNT)


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    kind: ValueKind = ValueKind.COUNT
    derived: bool = False
    #: Header groups above the label, outermost first (e.g. 申请人情况, 法人或其他组织).
    groups: tuple[str, ...] = ()
    help: str = ""
    #: Printed after the value in the cell (2019 采购总金额: 「251.3608万元」); "" when the label states it.
    unit: str = ""


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str
    #: Row-label groups to the left of the label, outermost first.
    groups: tuple[str, ...] = ()
    derived: bool = False
    help: str = ""


@dataclass(frozen=True)
class BlockSpec:
    """A block of table 二: a caption row, a header row and value rows."""

    key: str
    caption: str  # 第二十条第（一）项
    header_label: str  # 信息内容
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]
    help: str = ""  # the 条例 item text


class Layout(enum.Enum):
    BLOCKS = "blocks"  # table 二: stacked blocks with their own headers
    MATRIX = "matrix"  # table 三: rows x columns, grouped row labels
    STRIP = "strip"  # table 四: logical rows laid side by side in one data row


@dataclass(frozen=True)
class CellSpec:
    """One value cell, addressed by ``table.row.column``."""

    id: str
    table: str
    row: str
    column: str
    kind: ValueKind
    derived: bool
    row_label: str
    column_label: str
    #: A short official name, e.g. 「三、（七）总计·自然人」.
    display: str
    help: str = ""
    #: Printed after the value (``ColumnSpec.unit``).
    unit: str = ""


@dataclass(frozen=True)
class GridCell:
    """One (possibly merged) cell of a table's official drawing."""

    row: int
    col: int
    rowspan: int
    colspan: int
    role: str  # "corner" | "caption" | "header" | "label" | "value"
    text: str = ""
    cell_id: str | None = None  # for role == "value"
    help: str = ""


@dataclass(frozen=True)
class TableSpec:
    key: str
    section: str  # "二" / "三" / "四"
    name: str  # short name used in messages: 主动公开表, 申请情况表 ...
    layout: Layout
    blocks: tuple[BlockSpec, ...] = ()  # BLOCKS
    rows: tuple[RowSpec, ...] = ()  # MATRIX / STRIP
    columns: tuple[ColumnSpec, ...] = ()  # MATRIX / STRIP
    corner: str = ""  # MATRIX: the note in the top-left corner
    #: BLOCKS: how many grid columns the values share (label column not counted).
    value_grid_width: int = 0
    #: Short row names used in messages (一, 二, （七）, 四 ...), by row key.
    short_row_names: tuple[tuple[str, str], ...] = ()

    def iter_rows(self):
        """(block or None, row) for every value row, in official order."""
        if self.layout is Layout.BLOCKS:
            for block in self.blocks:
                for row in block.rows:
                    yield block, row
        else:
            for row in self.rows:
                yield None, row

    def columns_of(self, row_key: str) -> tuple[ColumnSpec, ...]:
        if self.layout is Layout.BLOCKS:
            for block in self.blocks:
                if any(r.key == row_key for r in block.rows):
                    return block.columns
            raise KeyError(row_key)
        return self.columns

    @cached_property
    def cells(self) -> tuple[CellSpec, ...]:
        short = dict(self.short_row_names)
        out = []
        for block, row in self.iter_rows():
            columns = block.columns if block else self.columns
            for col in columns:
                row_name = short.get(row.key, row.label)
                if self.layout is Layout.STRIP:
                    display = f"{self.section}、{row.label}·{col.label}"
                elif len(columns) == 1:
                    display = f"{self.section}、{row_name}"
                else:
                    display = f"{self.section}、{row_name}·{col.label}"
                help_text = row.help or (block.help if block else "")
                out.append(
                    CellSpec(
                        id=f"{self.key}.{row.key}.{col.key}",
                        table=self.key,
                        row=row.key,
                        column=col.key,
                        kind=col.kind,
                        derived=row.derived or col.derived,
                        row_label=row.label,
                        column_label=col.label,
                        display=display,
                        help=help_text,
                        unit=col.unit,
                    )
                )
        return tuple(out)

    @cached_property
    def grid(self) -> tuple[tuple[GridCell, ...], int, int]:
        """The official drawing: (cells, number of grid rows, number of grid columns)."""
        if self.layout is Layout.BLOCKS:
            return _blocks_grid(self)
        if self.layout is Layout.MATRIX:
            return _matrix_grid(self)
        return _strip_grid(self)

    @property
    def header_rows(self) -> int:
        """Grid rows that repeat on every page (0 for block tables)."""
        if self.layout is Layout.BLOCKS:
            return 0
        if self.layout is Layout.MATRIX:
            return max(len(c.groups) + 1 for c in self.columns)
        return max(len(r.groups) + 2 for r in self.rows)


@dataclass(frozen=True)
class TextFieldSpec:
    key: str
    title: str  # shown as a heading, e.g. （一）主动公开; "" for a lead paragraph
    help: str = ""
    #: Printed (under the part's heading) when the clerk confirmed that the part has nothing to
    #: report, by acknowledging the warning that says it is missing (W11); None: never printed.
    #: A part left empty and not confirmed is left out of the document.
    empty_text: str | None = None


@dataclass(frozen=True)
class SectionSpec:
    number: str  # 一 .. 六
    title: str  # 总体情况
    text_fields: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    #: Other titles real reports use for this section (importer).
    aliases: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class SumSpec:
    """``target`` is the sum of ``addends``: defines a derived cell and a check."""

    code: str  # the rule that checks it on reports carrying their own totals
    target: str
    addends: tuple[str, ...]
    addends_name: str  # for messages: 「各项之和」


@dataclass(frozen=True)
class Term:
    cell: str
    coef: int = 1
    last_year: bool = False  # read from last year's report


@dataclass(frozen=True)
class RelationSpec:
    """A linear relation between cells: sum(lhs) <op> sum(rhs).

    ``op`` is one of ``==``, ``>=``, ``<=``.  When it does not hold, the
    finding of rule ``code`` is raised on ``cells`` (default: every cell
    named).  ``left_name`` / ``right_name`` describe the two sides in the
    message, e.g. 「一+二」 and 「（七）+四」.
    """

    code: str
    lhs: tuple[Term, ...]
    op: str
    rhs: tuple[Term, ...]
    left_name: str
    right_name: str
    subject: str  # e.g. 自然人列, 规章
    tolerance: int = 0

    @property
    def needs_last_year(self) -> bool:
        return any(t.last_year for t in self.lhs + self.rhs)


@dataclass(frozen=True)
class ProsePattern:
    """A number clerks write in section 一 and the table cell it should match (W10)."""

    regex: str  # one capture group: the number
    cells: tuple[str, ...]  # the table figure is the sum of these
    what: str  # 收到申请数


@dataclass(frozen=True)
class FeeFieldSpec:
    key: str
    label: str
    kind: ValueKind


@dataclass(frozen=True)
class CarryMap:
    """How last year's report in another format maps onto this one."""

    from_format: str
    cells: tuple[tuple[str, str], ...]  # (this format's cell, other format's cell)
    notes: tuple[str, ...]  # Chinese warnings about what is lossy


@dataclass(frozen=True)
class FormatSpec:
    id: str
    name: str  # 2021年格式
    document: str  # 国办公开办函〔2021〕30号
    first_year: int
    last_year: int | None
    sections: tuple[SectionSpec, ...]
    text_fields: tuple[TextFieldSpec, ...]
    tables: tuple[TableSpec, ...]
    sums: tuple[SumSpec, ...]
    relations: tuple[RelationSpec, ...]
    #: This year's cell <- last year's cell, for next year's draft.
    carry_over: tuple[tuple[str, str], ...]
    carry_from: tuple[CarryMap, ...] = ()
    fee_fields: tuple[FeeFieldSpec, ...] = ()
    prose_patterns: tuple[ProsePattern, ...] = ()
    #: Text fields of section 一 that the notice expects (W11).
    expected_aspects: tuple[str, ...] = ()
    #: W6: a cell that counts fee notices; the words that show section 六 mentions fees.
    fee_notice_cell: str | None = None
    fee_words: tuple[str, ...] = ()
    fee_text_field: str | None = None
    #: The standard sentences of section 六, filled from ``fee_fields``.
    fee_sentence: str = ""
    fee_none_sentence: str = ""
    #: W12: the cell whose zero means "no applications".
    applications_total_cell: str | None = None
    no_application_words: tuple[str, ...] = ()
    #: Labels whose presence in a document identifies this format (importer).
    signature_labels: tuple[str, ...] = ()
    #: Sentences offered in the text boxes, filled from the tables: (text field, templates).
    #: ``{cell.id}`` or ``{a+b}`` is replaced by the value or the sum (see report/sentences.py).
    sentences: tuple[tuple[str, tuple[str, ...]], ...] = ()
    default_opening: str = ""
    #: A province's variant of a national format: the national format's id (the variant has
    #: the same cells; carry-over and conversion between the two are exact).  ``None``: national.
    variant_of: str | None = None
    #: Labels a document of the variant prints and the national format does not (importer).
    variant_labels: tuple[str, ...] = ()

    @cached_property
    def cells(self) -> dict[str, CellSpec]:
        return {c.id: c for t in self.tables for c in t.cells}

    @cached_property
    def entered_cells(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.cells.values() if not c.derived)

    @cached_property
    def derived_cells(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.cells.values() if c.derived)

    @cached_property
    def signed_labels(self) -> tuple[str, ...]:
        """The column labels of the cells that may hold a negative number (2019: 本年增/减)."""
        return tuple(dict.fromkeys(c.column_label for c in self.cells.values() if c.kind is ValueKind.SIGNED))

    def derived_note(self, cell_id: str) -> str:
        """Why a computed cell cannot be typed into, and what it is computed from (Chinese)."""
        cell = self.cells[cell_id]
        total = next((s for s in self.sums if s.target == cell_id), None)
        if total is None:  # pragma: no cover - every derived cell is the target of a sum
            return f"「{cell.display}」由程序自动计算，不能直接填写。"
        names = [self.cells[a].display for a in total.addends if a in self.cells]
        where = f"「{names[0]}」至「{names[-1]}」" if len(names) > 1 else f"「{names[0]}」"
        return f"「{cell.display}」是自动计算的合计，等于{total.addends_name}，不能直接填写；请修改{where}的数字。"

    @cached_property
    def compute_order(self) -> tuple[SumSpec, ...]:
        """One sum per derived cell, ordered so that addends are computed first."""
        by_target: dict[str, SumSpec] = {}
        for s in self.sums:
            by_target.setdefault(s.target, s)
        done: set[str] = set()
        order: list[SumSpec] = []

        def visit(s: SumSpec, path: tuple[str, ...] = ()) -> None:
            if s.target in done:
                return
            if s.target in path:
                raise ValueError(f"circular sums at {s.target}")
            for a in s.addends:
                if a in by_target:
                    visit(by_target[a], path + (s.target,))
            done.add(s.target)
            order.append(s)

        for s in by_target.values():
            visit(s)
        return tuple(order)

    def table(self, key: str) -> TableSpec:
        for t in self.tables:
            if t.key == key:
                return t
        raise KeyError(key)

    def text_field(self, key: str) -> TextFieldSpec:
        for f in self.text_fields:
            if f.key == key:
                return f
        raise KeyError(key)

    def section_of_table(self, key: str) -> SectionSpec:
        for s in self.sections:
            if key in s.tables:
                return s
        raise KeyError(key)

    def section_of_text(self, key: str) -> SectionSpec:
        for s in self.sections:
            if key in s.text_fields:
                return s
        raise KeyError(key)

    def covers_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


# --- grid construction ------------------------------------------------------


def _spans(width: int, n: int) -> list[int]:
    """Split ``width`` grid columns among ``n`` values, extra width in the middle."""
    base, extra = divmod(width, n)
    spans = [base] * n
    middle = n // 2
    for i in range(extra):
        spans[(middle + i) % n] += 1
    return spans


def _blocks_grid(t: TableSpec):
    width = t.value_grid_width or max(len(b.columns) for b in t.blocks)
    cells: list[GridCell] = []
    r = 0
    for b in t.blocks:
        cells.append(GridCell(r, 0, 1, width + 1, "caption", b.caption, help=b.help))
        r += 1
        cells.append(GridCell(r, 0, 1, 1, "header", b.header_label))
        c = 1
        spans = _spans(width, len(b.columns))
        for col, span in zip(b.columns, spans):
            cells.append(GridCell(r, c, 1, span, "header", col.label, help=col.help))
            c += span
        r += 1
        for row in b.rows:
            cells.append(GridCell(r, 0, 1, 1, "label", row.label, help=row.help or b.help))
            c = 1
            for col, span in zip(b.columns, spans):
                cells.append(
                    GridCell(r, c, 1, span, "value", cell_id=f"{t.key}.{row.key}.{col.key}")
                )
                c += span
            r += 1
    return tuple(cells), r, width + 1


def _merge_paths(paths: list[tuple[str, ...]], depth: int):
    """Lay out label paths along one axis.

    Returns (index, level, span_along, span_across, text) for every merged
    label: consecutive items sharing a prefix merge along the axis; an
    item's last label extends across the remaining levels.
    """
    out = []
    n = len(paths)
    for level in range(depth):
        i = 0
        while i < n:
            p = paths[i]
            if level >= len(p):
                i += 1
                continue
            last = level == len(p) - 1
            j = i + 1
            if not last:
                while (
                    j < n
                    and len(paths[j]) > level + 1
                    and paths[j][: level + 1] == p[: level + 1]
                ):
                    j += 1
            across = depth - level if last else 1
            out.append((i, level, j - i, across, p[level]))
            i = j
    return out


def _matrix_grid(t: TableSpec):
    col_paths = [c.groups + (c.label,) for c in t.columns]
    row_paths = [r.groups + (r.label,) for r in t.rows]
    hdepth = max(len(p) for p in col_paths)
    ldepth = max(len(p) for p in row_paths)
    cells = [GridCell(0, 0, hdepth, ldepth, "corner", t.corner)]
    for i, level, along, across, text in _merge_paths(col_paths, hdepth):
        help_text = t.columns[i].help if level == len(col_paths[i]) - 1 else ""
        cells.append(GridCell(level, ldepth + i, across, along, "header", text, help=help_text))
    for i, level, along, across, text in _merge_paths(row_paths, ldepth):
        help_text = t.rows[i].help if level == len(row_paths[i]) - 1 else ""
        cells.append(GridCell(hdepth + i, level, along, across, "label", text, help=help_text))
    for i, row in enumerate(t.rows):
        for j, col in enumerate(t.columns):
            cells.append(
                GridCell(hdepth + i, ldepth + j, 1, 1, "value", cell_id=f"{t.key}.{row.key}.{col.key}")
            )
    return tuple(cells), hdepth + len(t.rows), ldepth + len(t.columns)


def _strip_grid(t: TableSpec):
    paths = [r.groups + (r.label, c.label) for r in t.rows for c in t.columns]
    ids = [f"{t.key}.{r.key}.{c.key}" for r in t.rows for c in t.columns]
    depth = max(len(p) for p in paths)
    cells = [
        GridCell(level, i, across, along, "header", text)
        for i, level, along, across, text in _merge_paths(paths, depth)
    ]
    cells += [GridCell(depth, i, 1, 1, "value", cell_id=cid) for i, cid in enumerate(ids)]
    return tuple(cells), depth + 1, len(ids)


@dataclass(frozen=True)
class RuleInfo:
    """A catalogue entry: what a finding code means, in Chinese."""

    code: str
    severity: str  # "error" | "warning"
    title: str
    explanation: str
    what_to_do: str
    cross_year: bool = False
    #: The finding says that a part the format requires is empty; acknowledging it confirms
    #: that the part has nothing to report, and the document prints its ``empty_text`` (「无。」).
    empty_part: bool = False
