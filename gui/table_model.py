"""One table model for every official table: a thin adapter over ``TableSpec.grid``.

The model is the table's official drawing: header and label cells are
rows and columns of the model (not Qt header views), so merged cells are
reproduced with ``QTableView.setSpan`` from ``spans()``.  A third format
therefore needs no change here.  Value cells read and write the core
``Report`` through the document's undo commands; the core parser decides
what is acceptable and its Chinese message is passed on unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from report.parse import CellInputError, parse_cell
from report.paste import PasteRefused, parse_tsv, plan_paste
from report.rules import ERROR
from report.schema import GridCell

from . import constants as k
from .document import ReportDocument

CELL_ID_ROLE = Qt.ItemDataRole.UserRole + 1
GRID_ROLE = Qt.ItemDataRole.UserRole + 2  # "corner" | "caption" | "header" | "label" | "value"
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 3  # "error" | "warning" | None

ERROR_BRUSH = QBrush(QColor(k.CELL_ERROR_BACKGROUND))
WARNING_BRUSH = QBrush(QColor(k.CELL_WARNING_BACKGROUND))
DERIVED_BRUSH = QBrush(QColor(k.CELL_DERIVED_BACKGROUND))
HEADER_BRUSH = QBrush(QColor(k.CELL_HEADER_BACKGROUND))
ENTERED_BRUSH = QBrush(QColor(k.CELL_ENTERED_BACKGROUND))
TEXT_BRUSH = QBrush(QColor(k.CELL_TEXT))
DERIVED_TEXT_BRUSH = QBrush(QColor(k.CELL_DERIVED_TEXT))

__all__ = ["CELL_ID_ROLE", "GRID_ROLE", "SEVERITY_ROLE", "GridTableModel", "PasteOutcome", "parse_tsv"]


@dataclass(frozen=True)
class PasteOutcome:
    ok: bool
    message: str
    changed: int = 0
    cells: tuple[str, ...] = ()  # where the numbers went (the view selects them)


class GridTableModel(QAbstractTableModel):
    #: A value typed into a cell was refused: (index, the parser's Chinese message).
    inputRefused = Signal(QModelIndex, str)
    #: A value typed into a cell was accepted (even when it equals the old one).
    inputAccepted = Signal(QModelIndex)

    def __init__(self, document: ReportDocument, table_key: str, parent=None):
        super().__init__(parent)
        self.document = document
        self.table_key = table_key
        self._build()
        document.cellsChanged.connect(self._on_cells_changed)
        document.checked.connect(self._on_checked)
        document.reportReplaced.connect(self._on_report_replaced)

    # --- layout -------------------------------------------------------------------

    def _build(self) -> None:
        self.spec = self.document.format.table(self.table_key)
        cells, self._rows, self._cols = self.spec.grid
        self._anchor: dict[tuple[int, int], GridCell] = {}
        self._cover: dict[tuple[int, int], GridCell] = {}
        self._position: dict[str, tuple[int, int]] = {}
        for cell in cells:
            self._anchor[(cell.row, cell.col)] = cell
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    self._cover[(r, c)] = cell
            if cell.cell_id:
                self._position[cell.cell_id] = (cell.row, cell.col)
        self._cell_specs = self.document.format.cells
        self._flagged = {
            cid: tuple(self.document.by_cell[cid]) for cid in self._position if cid in self.document.by_cell
        }

    def spans(self) -> list[GridCell]:
        """Merged cells, for ``QTableView.setSpan``."""
        return [c for c in self._anchor.values() if c.rowspan > 1 or c.colspan > 1]

    def grid_cell(self, index: QModelIndex) -> GridCell | None:
        if not index.isValid():
            return None
        return self._anchor.get((index.row(), index.column()))

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self._position.get(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def cell_ids(self) -> list[str]:
        return list(self._position)

    def label_columns(self) -> int:
        """How many leading grid columns hold row labels (0 for strip tables)."""
        value_cols = [c for (_, c), cell in self._anchor.items() if cell.role == "value"]
        return min(value_cols) if value_cols else 0

    def is_editable_cell(self, cell_id: str | None) -> bool:
        if cell_id is None:
            return False
        return not self._cell_specs[cell_id].derived or self.document.report.totals_as_printed

    # --- Qt model interface ---------------------------------------------------

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else self._rows

    def columnCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else self._cols

    def flags(self, index):
        cell = self.grid_cell(index)
        if cell is None or cell.role != "value":
            # Labels are part of the drawing, not of the data: arrows and Tab skip them.
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable_cell(cell.cell_id):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        cell = self.grid_cell(index)
        if cell is None:
            return None
        if cell.role != "value":
            return self._label_data(cell, role)
        cid = cell.cell_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.document.report.display_value(cid)
        if role == CELL_ID_ROLE:
            return cid
        if role == GRID_ROLE:
            return cell.role
        findings = self.document.by_cell.get(cid, ())
        open_findings = [f for f in findings if f.acknowledged is None or f.severity == ERROR]
        if role == SEVERITY_ROLE:
            return self._severity(open_findings)
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = self._severity(open_findings)
            if severity == ERROR:
                return ERROR_BRUSH
            if severity:
                return WARNING_BRUSH
            return DERIVED_BRUSH if self._cell_specs[cid].derived else ENTERED_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole:
            return DERIVED_TEXT_BRUSH if self._cell_specs[cid].derived else TEXT_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            spec = self._cell_specs[cid]
            lines = [spec.display]
            if spec.derived and not self.document.report.totals_as_printed:
                lines.append("自动计算，不需填写。")
            if spec.help:
                lines.append(spec.help)
            for f in findings:
                mark = f"［{f.severity_name}·已确认］" if f.acknowledged is not None else f"［{f.severity_name}］"
                lines.append(f"{mark}{f.message}")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._cell_specs[cid].display}：{self.document.report.display_value(cid)}"
        return None

    @staticmethod
    def _severity(findings) -> str | None:
        if any(f.severity == ERROR for f in findings):
            return ERROR
        return findings[0].severity if findings else None

    def _label_data(self, cell: GridCell, role):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role == GRID_ROLE:
            return cell.role
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(t for t in (cell.text, cell.help) if t) or None
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADER_BRUSH
        if role == Qt.ItemDataRole.ForegroundRole:
            return TEXT_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.role == "label":
                # A tall merged group label stays visible at the top while the table scrolls.
                vertical = Qt.AlignmentFlag.AlignTop if cell.rowspan > 2 else Qt.AlignmentFlag.AlignVCenter
                return int(Qt.AlignmentFlag.AlignLeft | vertical)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and cell.role in ("header", "caption"):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        cid = self.grid_cell(index).cell_id
        spec = self._cell_specs[cid]
        try:
            parsed = parse_cell("" if value is None else str(value), spec.kind, self.document.format.signed_labels)
        except CellInputError as exc:
            self.inputRefused.emit(QModelIndex(index), f"{spec.display}：{exc}")
            return False
        self.document.edit_cells({cid: parsed.value}, f"修改 {spec.display}")
        self.inputAccepted.emit(QModelIndex(index))
        return True

    # --- block operations -------------------------------------------------------

    def copy_text(self, indexes: list[QModelIndex]) -> str:
        """Selected value cells as tab-separated text, laid out as on screen."""
        cells = [i for i in indexes if (c := self.grid_cell(i)) is not None and c.role == "value"]
        if not cells:
            return ""
        rows = sorted({i.row() for i in cells})
        cols = sorted({i.column() for i in cells})
        chosen = {(i.row(), i.column()) for i in cells}
        lines = []
        for r in rows:
            line = [self.data(self.index(r, c)) if (r, c) in chosen else "" for c in cols]
            lines.append("\t".join(line))
        return "\n".join(lines)

    def paste_text(self, start: QModelIndex, text: str) -> PasteOutcome:
        """Paste a block (from Excel, WPS or this program) at ``start``: all or nothing, one undo step.

        Where each number goes is the core's decision (``report.paste``): from the
        cursor, or by the row labels and column headers pasted with the numbers.
        """
        anchor = (start.row(), start.column()) if start.isValid() else None
        try:
            plan = plan_paste(self.document.report, self.table_key, text, anchor)
        except PasteRefused as exc:
            return PasteOutcome(False, str(exc))
        changed = self.document.edit_cells(plan.changes, f"粘贴 {len(plan.changes)} 个单元格")
        note = plan.summary() if changed else "粘贴的数值与原来相同。"
        return PasteOutcome(True, note, len(plan.changes) if changed else 0, tuple(plan.changes))

    def clear_cells(self, indexes: list[QModelIndex]) -> int:
        """Set the selected entered cells to 0 (one undo step); returns how many changed."""
        changes = {}
        for i in indexes:
            cell = self.grid_cell(i)
            if cell is not None and cell.role == "value" and self.is_editable_cell(cell.cell_id):
                kind = self._cell_specs[cell.cell_id].kind
                changes[cell.cell_id] = parse_cell("0", kind).value
        if not changes:
            return 0
        self.document.edit_cells(changes, f"清除 {len(changes)} 个单元格")
        return len(changes)

    # --- document signals ---------------------------------------------------------

    def _on_cells_changed(self, cell_ids: list) -> None:
        for cid in cell_ids:
            pos = self._position.get(cid)
            if pos:
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx)

    def _on_checked(self, _result) -> None:
        # Repaint only the cells whose findings appeared, changed or went away.
        flagged = {cid: tuple(self.document.by_cell[cid]) for cid in self._position if cid in self.document.by_cell}
        touched = {cid for cid in flagged.keys() | self._flagged.keys() if flagged.get(cid) != self._flagged.get(cid)}
        self._flagged = flagged
        roles = [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole, SEVERITY_ROLE]
        for cid in touched:
            idx = self.index(*self._position[cid])
            self.dataChanged.emit(idx, idx, roles)

    def _on_report_replaced(self) -> None:
        if self.table_key not in {t.key for t in self.document.format.tables}:
            return  # the page holding this model is rebuilt by the window
        self.beginResetModel()
        self._build()
        self.endResetModel()

