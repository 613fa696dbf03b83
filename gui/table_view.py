"""A table that behaves like a spreadsheet: type to replace, Enter/Tab/arrows move,
Delete clears, Ctrl+C / Ctrl+V copy and paste blocks (Excel, WPS)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QToolTip,
)

from .table_model import CELL_ID_ROLE, GridTableModel


class CellDelegate(QStyledItemDelegate):
    """The cell editor; what it holds is told to the document as it is typed (autosave keeps it)."""

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell_id = index.data(CELL_ID_ROLE)
            editor.textEdited.connect(lambda text, c=cell_id: self.document.set_pending(c, text))
        return editor

    def destroyEditor(self, editor, index) -> None:
        self.document.set_pending(index.data(CELL_ID_ROLE), None)  # committed or abandoned: not pending
        super().destroyEditor(editor, index)


class ReportTableView(QTableView):
    #: A status line for the clerk: refusals, paste results.
    message = Signal(str, bool)  # text, is_error

    def __init__(self, model: GridTableModel, parent=None):
        super().__init__(parent)
        self._refused = False
        self._label_widths: list[int] = []  # the label columns' natural widths (apply_layout)
        self._message_shown = False
        self.setItemDelegate(CellDelegate(model.document, self))
        self.setModel(model)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTabKeyNavigation(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        model.inputRefused.connect(self._on_refused)
        model.inputAccepted.connect(self._clear_message)
        # A refusal or a note is about one moment: the next change of the report (an edit
        # here or elsewhere, an undo) takes it away, so no red line outlives its cause.
        model.document.cellsChanged.connect(self._clear_message)
        model.modelReset.connect(self.apply_layout)
        self.apply_layout()

    def model(self) -> GridTableModel:  # typed accessor
        return super().model()

    # --- layout -------------------------------------------------------------------

    def apply_layout(self) -> None:
        model = self.model()
        self.clearSpans()
        for cell in model.spans():
            self.setSpan(cell.row, cell.col, cell.rowspan, cell.colspan)
        label_cols = model.label_columns()
        header = self.horizontalHeader()
        metrics = self.fontMetrics()
        char = metrics.horizontalAdvance("中")
        # Outer group columns are narrow (their text wraps down a tall merged cell);
        # the innermost label column takes the long official row names.
        self._label_widths = [char * (4 if c < label_cols - 1 else 18) + 12 for c in range(label_cols)]
        for c, width in enumerate(self._label_widths):
            self.setColumnWidth(c, width)
        for c in range(label_cols, model.columnCount()):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(c, max(char * 4 + 10, 56))
        self.fit_row_heights()

    def fit_value_columns(self, available: int) -> None:
        """Share ``available`` pixels among the value columns (labels keep their width)."""
        model = self.model()
        label_cols = model.label_columns()
        n = model.columnCount() - label_cols
        if n <= 0 or available <= 0:
            return
        char = self.fontMetrics().horizontalAdvance("中")
        narrowest = char * 3 + 12
        labels = list(self._label_widths)
        # In a small window the row names give up width before the numbers do: a
        # name on two or three lines reads better than scrolling sideways on every row.
        short = sum(labels) + n * narrowest + 2 - available
        floors = [char * 2 + 12] * (label_cols - 1) + [char * 8 + 12] if label_cols else []
        for c in reversed(range(label_cols)):
            if short <= 0:
                break
            give = min(short, labels[c] - floors[c])
            if give > 0:
                labels[c] -= give
                short -= give
        for c, width in enumerate(labels):
            self.setColumnWidth(c, width)
        width = max(narrowest, min(char * 12, (available - sum(labels) - 2) // n))
        for c in range(label_cols, model.columnCount()):
            self.setColumnWidth(c, width)
        self.fit_row_heights()

    def fit_row_heights(self) -> None:
        """Row heights from the text of each cell, merged cells included.

        ``resizeRowsToContents`` gives a merged cell's whole height to its
        first row; here every row gets what its own cells need, and a merged
        cell that still lacks room grows its last row.
        """
        model = self.model()
        metrics = self.fontMetrics()
        bold = self.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        line = metrics.height() + 8
        heights = [line] * model.rowCount()
        merged = []
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                cell = model.grid_cell(model.index(r, c))
                if cell is None or not cell.text:
                    continue
                width = sum(self.columnWidth(c + i) for i in range(cell.colspan)) - 10
                fm = bold_metrics if cell.role in ("header", "caption") else metrics
                need = (
                    fm.boundingRect(0, 0, max(width, 10), 10_000, int(Qt.TextFlag.TextWordWrap), cell.text).height() + 8
                )
                if cell.rowspan == 1:
                    heights[r] = max(heights[r], need)
                else:
                    merged.append((r, cell.rowspan, need))
        for r, span, need in merged:
            have = sum(heights[r : r + span])
            if have < need:
                heights[r + span - 1] += need - have
        for r, h in enumerate(heights):
            self.setRowHeight(r, h)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_value_columns(self.viewport().width())

    # --- selection helpers --------------------------------------------------------

    def select_cells(self, cell_ids, current: str | None = None, focus: bool = True) -> None:
        """Select exactly ``cell_ids``, make ``current`` (else the first) the cursor, and scroll
        so that as many of them as fit are in view, the cursor always."""
        model = self.model()
        selection = self.selectionModel()
        indexes = [i for i in (model.index_of(cid) for cid in cell_ids) if i.isValid()]
        if not indexes:
            return
        cursor = model.index_of(current) if current else indexes[0]
        if not cursor.isValid():
            cursor = indexes[0]
        selection.setCurrentIndex(cursor, selection.SelectionFlag.NoUpdate)
        selection.clearSelection()
        for idx in indexes:
            selection.select(idx, selection.SelectionFlag.Select)
        hint = QAbstractItemView.ScrollHint.EnsureVisible
        ordered = sorted(indexes, key=lambda i: (i.row(), i.column()))
        self.scrollTo(ordered[-1], hint)
        self.scrollTo(ordered[0], hint)
        self.scrollTo(cursor, hint)
        if focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def first_value_index(self) -> QModelIndex:
        model = self.model()
        for r in range(model.rowCount()):
            for c in range(model.columnCount()):
                idx = model.index(r, c)
                if model.flags(idx) & Qt.ItemFlag.ItemIsEditable:
                    return idx
        return QModelIndex()

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() or not self.model().flags(self.currentIndex()):
            idx = self.first_value_index()
            if idx.isValid():
                self.setCurrentIndex(idx)

    def commit_pending(self) -> None:
        """Commit a value still being typed (Ctrl+S pressed before Enter)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex()) or QApplication.focusWidget()
        if editor is not None and editor.parent() is self.viewport():
            self.commitData(editor)
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    # --- keyboard -----------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if self._typed_into_computed(event):
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste_clipboard()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selection_values()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._move(QAbstractItemView.CursorAction.MoveDown)
                return
        super().keyPressEvent(event)

    def _typed_into_computed(self, event) -> bool:
        """A number typed (or Delete) on a computed total: say so and from what, instead of nothing."""
        index = self.currentIndex()
        cell_id = index.data(CELL_ID_ROLE) if index.isValid() else None
        if cell_id is None or self.model().is_editable_cell(cell_id):
            return False
        text = event.text()
        typing = bool(text) and text.isprintable() and not text.isspace() and not (
            event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        deleting = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers()
        if not (typing or deleting):
            return False
        selected = self.selectionModel().selectedIndexes()
        if deleting and any(self.model().is_editable_cell(i.data(CELL_ID_ROLE)) for i in selected):
            return False  # Delete over a block that also holds entered cells clears those
        self._tell_computed(index, cell_id)
        return True

    def _tell_computed(self, index: QModelIndex, cell_id: str) -> None:
        self._on_refused(index, self.model().document.format.derived_note(cell_id))

    def inputMethodEvent(self, event) -> None:
        # An input method in full-width mode commits 「１」 (or 「无」) with no composition
        # first. Qt then opened the editor with the old value and dropped the character, so
        # typing 「１２」 stored 2. Such a commit starts the edit and replaces the cell, as a key does.
        index = self.currentIndex()
        if (
            self.state() != QAbstractItemView.State.EditingState
            and event.commitString()
            and not event.preeditString()
            and index.isValid()
            and self.model().flags(index) & Qt.ItemFlag.ItemIsEditable
            and self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, None)
        ):
            editor = QApplication.focusWidget()
            if isinstance(editor, QLineEdit) and editor.parent() is self.viewport():
                editor.setText(event.commitString())
                self.model().document.set_pending(index.data(CELL_ID_ROLE), event.commitString())
                event.accept()
                return
        if (
            self.state() != QAbstractItemView.State.EditingState
            and event.commitString()
            and index.isValid()
            and index.data(CELL_ID_ROLE)
            and not self.model().is_editable_cell(index.data(CELL_ID_ROLE))
        ):
            self._tell_computed(index, index.data(CELL_ID_ROLE))
            event.accept()
            return
        super().inputMethodEvent(event)

    def closeEditor(self, editor, hint) -> None:
        # Like a spreadsheet: Enter / Tab commit and move on without opening the next editor;
        # a refused value keeps the cursor where it was so the clerk can retype.
        refused, self._refused = self._refused, False
        moves = {
            QAbstractItemDelegate.EndEditHint.SubmitModelCache: QAbstractItemView.CursorAction.MoveDown,
            QAbstractItemDelegate.EndEditHint.EditNextItem: QAbstractItemView.CursorAction.MoveNext,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem: QAbstractItemView.CursorAction.MovePrevious,
        }
        move = moves.get(hint)
        if move is None:
            super().closeEditor(editor, hint)
            return
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if not refused:
            self._move(move)

    def _move(self, action) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        nxt = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if nxt.isValid() and nxt != current:
            self.setCurrentIndex(nxt)

    # --- actions ------------------------------------------------------------------

    def copy_selection(self) -> None:
        text = self.model().copy_text(self.selectionModel().selectedIndexes() or [self.currentIndex()])
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.emit("已复制，可粘贴到 Excel 或 WPS 表格。", False)
            self._message_shown = True

    def paste_clipboard(self) -> None:
        self.paste_text(QGuiApplication.clipboard().text())

    def paste_text(self, text: str) -> None:
        start = self.currentIndex()
        selected = self.selectionModel().selectedIndexes()
        if selected:
            start = min(selected, key=lambda i: (i.row(), i.column()))
        outcome = self.model().paste_text(start, text)
        self.message.emit(outcome.message, not outcome.ok)
        self._message_shown = True
        if outcome.ok and outcome.cells:
            self.select_cells(outcome.cells, focus=False)  # labelled rows may have gone elsewhere: show where

    def clear_selection_values(self) -> None:
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        count = self.model().clear_cells(indexes)
        if count:
            self.message.emit(f"已将 {count} 个单元格清为 0。", False)
            self._message_shown = True

    def _on_refused(self, index: QModelIndex, text: str) -> None:
        self._refused = True
        self.message.emit(text, True)
        self._message_shown = True
        rect = self.visualRect(index)
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), text, self.viewport(), rect, 6000)

    def _clear_message(self, *_args) -> None:
        if self._message_shown:
            self._message_shown = False
            self.message.emit("", False)
            QToolTip.hideText()
