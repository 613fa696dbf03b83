"""One step per section of the format: its text boxes and/or tables, as declared."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from report.parse import CellInputError, format_value, parse_cell
from report.schema import SectionSpec

from ..constants import PLAIN_COLOR, WARNING_COLOR
from ..table_model import CELL_ID_ROLE, GridTableModel
from ..table_view import ReportTableView
from ..text_field_editor import TextFieldEditor
from ..widgets import MessageLabel, StackLineEdit
from .base import StepPage, scrolling_body


class SectionStep(StepPage):
    #: The help line's text for the current cell.
    helpChanged = Signal(str)

    def __init__(self, document, section: SectionSpec, parent=None):
        super().__init__(document, parent)
        self.section = section
        self.key = section.number
        self.title = section.heading
        fmt = document.format
        self.editors: dict[str, TextFieldEditor] = {}
        self.tables: dict[str, ReportTableView] = {}
        self.table_messages: dict[str, MessageLabel] = {}
        self.fee_edits: dict[str, StackLineEdit] = {}
        self.compute_totals_button: QPushButton | None = None
        self.fee_insert: QPushButton | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if section.tables:
            body, layout = self, outer
        else:
            body = scrolling_body(outer)
            layout = QVBoxLayout(body)
        for key in section.text_fields:
            editor = TextFieldEditor(document, key)
            self.editors[key] = editor
            layout.addWidget(editor, 1)
        if fmt.fee_fields and fmt.fee_text_field in section.text_fields:
            layout.addWidget(self._fee_box())
        if section.tables and document.report.totals_as_printed:
            layout.addWidget(self._printed_totals_banner())
        for table_key in section.tables:
            spec = fmt.table(table_key)
            model = GridTableModel(document, table_key, self)
            view = ReportTableView(model)
            view.setAccessibleName(f"{section.heading}表格")
            message = MessageLabel()
            view.message.connect(message.show_message)
            note = QLabel(
                "白色单元格可填写；灰蓝色为自动计算的合计。直接输入数字，Enter/Tab 换格，"
                "Delete 清为 0，可从 Excel/WPS 复制粘贴整块（Ctrl+C / Ctrl+V）；Ctrl+Tab 离开表格。"
            )
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {PLAIN_COLOR};")
            note.setToolTip(spec.name)
            layout.addWidget(note)
            layout.addWidget(view, 10)
            layout.addWidget(message)
            view.selectionModel().currentChanged.connect(self._cell_help)
            self.tables[table_key] = view
            self.table_messages[table_key] = message
        self.help_text = self._help()
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Tab goes from text box to text box in reading order, then the fee fields and the
        tables; the buttons come after all of them (or by their Alt keys), so a clerk typing
        on after Tab never lands on a button and loses the sentence."""
        chain: list[QWidget] = [e.editor for e in self.editors.values()]
        chain += list(self.fee_edits.values()) + list(self.tables.values())
        chain += [e.insert_button for e in self.editors.values()]
        chain += [b for b in (self.fee_insert, self.compute_totals_button) if b is not None]
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    def _help(self) -> str:
        if self.section.tables:
            return "按官方表格填写，合计自动计算；把鼠标停在栏目上，或选中单元格，可看说明。"
        if len(self.section.text_fields) > 1:
            return "分部分填写，段落会保留；只有填写了的部分才印出小标题和内容（各框中有说明）。Tab 键到下一部分。"
        return "段落会保留；Tab 键离开文本框。"

    def _printed_totals_banner(self) -> QWidget:
        """An imported report keeps its printed totals until the clerk lets the program compute them."""
        banner = QWidget()
        row = QHBoxLayout(banner)
        row.setContentsMargins(0, 0, 0, 0)
        text = QLabel("本报告的合计数是按原文导入的，可以直接修改；检查会指出与各项之和不符之处。")
        text.setWordWrap(True)
        text.setStyleSheet(f"color: {WARNING_COLOR};")
        row.addWidget(text, 1)
        self.compute_totals_button = QPushButton("改为自动计算合计(&U)")
        self.compute_totals_button.clicked.connect(self.use_computed_totals)
        row.addWidget(self.compute_totals_button)
        return banner

    def use_computed_totals(self) -> None:
        import copy

        new = copy.deepcopy(self.document.report)
        new.use_computed_totals()
        self.document.replace_report(new, "改为自动计算合计")

    def _cell_help(self, index, _previous=None) -> None:
        cell_id = index.data(CELL_ID_ROLE)
        if not cell_id:
            return
        spec = self.document.format.cells.get(cell_id)
        if spec is None:
            return  # a page of the previous format, about to be deleted
        parts = [spec.display]
        if spec.derived:
            parts.append("自动计算")
        if spec.help:
            parts.append(spec.help)
        self.helpChanged.emit("：".join(parts[:1]) + ("：" + " ".join(parts[1:]) if len(parts) > 1 else ""))

    # --- 信息处理费 (the format's fee fields) ------------------------------------------

    def _fee_box(self) -> QGroupBox:
        fmt = self.document.format
        box = QGroupBox("信息处理费")
        form = QFormLayout(box)
        for field in fmt.fee_fields:
            edit = StackLineEdit()
            edit.setPlaceholderText("不涉及可不填")
            edit.setAccessibleName(field.label)
            edit.textEdited.connect(lambda text, f=field: self._fee_typed(f, text))
            edit.editingFinished.connect(self._refresh_fees)
            form.addRow(field.label, edit)
            form.labelForField(edit).setBuddy(edit)
            self.fee_edits[field.key] = edit
        self.fee_message = MessageLabel()
        form.addRow("", self.fee_message)
        self.fee_sentence = QLabel()
        self.fee_sentence.setWordWrap(True)
        self.fee_sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow("标准说明：", self.fee_sentence)
        self.fee_insert = QPushButton("插入到正文(&J)")
        self.fee_insert.setToolTip("把上面的标准说明插入到正文光标处。")
        self.fee_insert.clicked.connect(self.insert_fee_sentence)
        insert_row = QHBoxLayout()
        insert_row.addWidget(self.fee_insert)
        insert_row.addStretch(1)
        form.addRow("", insert_row)
        self.document.feesChanged.connect(self._refresh_fees)
        self._refresh_fees()
        return box

    def _fee_typed(self, field, text: str) -> None:
        if not text.strip():
            self.fee_message.show_message("", False)
            self.document.edit_fee(field.key, None)
            return
        try:
            value = parse_cell(text, field.kind, self.document.format.signed_labels).value
        except CellInputError as exc:
            self.fee_message.show_message(f"{field.label}：{exc}", True)
            return
        self.fee_message.show_message("", False)
        self.document.edit_fee(field.key, value)

    def _refresh_fees(self) -> None:
        """Show the stored fees; an edit keeps its text while it means the stored value."""
        fees = self.document.report.fees
        for field in self.document.format.fee_fields:
            edit = self.fee_edits[field.key]
            stored = fees.get(field.key)
            try:
                typed = parse_cell(edit.text(), field.kind).value if edit.text().strip() else None
            except CellInputError:
                typed = object()  # refused text: show the stored value again
            if typed != stored:
                edit.setText(format_value(stored, field.kind))
        if all(not self._refused(f) for f in self.document.format.fee_fields):
            self.fee_message.show_message("", False)  # the refused text is gone: so is its message
        sentence = self.document.report.fee_sentence()
        self.fee_sentence.setText(sentence or "（填写上面的收费情况后生成）")
        self.fee_insert.setEnabled(bool(sentence))

    def _refused(self, field) -> bool:
        text = self.fee_edits[field.key].text()
        try:
            parse_cell(text, field.kind) if text.strip() else None
        except CellInputError:
            return True
        return False

    def insert_fee_sentence(self) -> None:
        sentence = self.document.report.fee_sentence()
        editor = self.editors.get(self.document.format.fee_text_field)
        if sentence and editor is not None:
            editor.insert_text(sentence)

    # --- StepPage -----------------------------------------------------------------

    def commit_pending(self) -> None:
        for view in self.tables.values():
            view.commit_pending()

    def focus_first(self) -> None:
        if self.editors:
            next(iter(self.editors.values())).editor.setFocus(Qt.FocusReason.OtherFocusReason)
        elif self.tables:
            view = next(iter(self.tables.values()))
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_place(self, where) -> bool:
        by_table: dict[str, list[str]] = {}
        for cid in where.cells:
            by_table.setdefault(cid.split(".", 1)[0], []).append(cid)
        for table_key, ids in by_table.items():
            view = self.tables.get(table_key)
            if view is not None:
                last = [c for c in self.document.last_cells if c in ids]
                view.select_cells(ids, current=last[-1] if last else None)
                return True
        widget = None
        if where.text_field in self.editors:
            widget = self.editors[where.text_field].editor
        elif where.fee_field in self.fee_edits:
            widget = self.fee_edits[where.fee_field]
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        scroll = _scroll_area_of(widget)
        if scroll is not None:
            scroll.ensureWidgetVisible(widget)
        return True


def _scroll_area_of(widget: QWidget) -> QScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent
