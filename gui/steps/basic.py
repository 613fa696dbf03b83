"""Step 基本信息: the header of the report (机关名称, 年度, 格式, 文号 …)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from report.carry import convert_format
from report.formats import FORMATS, format_for_year
from report.formats.header import HEADER_FIELDS, HeaderKind, header_field
from report.limits import YEAR_MAX, YEAR_MIN

from ..widgets import MessageLabel, StackLineEdit, StackPlainTextEdit
from .base import StepPage, scrolling_body

#: The one-line header fields, each a line edit, in declaration order.
_LINE_FIELDS = tuple(f for f in HEADER_FIELDS if f.kind is HeaderKind.LINE)


def _label(key: str) -> str:
    spec = header_field(key)
    return f"{spec.label}(&{spec.mnemonic})" if spec.mnemonic else spec.label


class BasicStep(StepPage):
    key = "basic"
    title = "基本信息"
    help_text = "填写机关名称、报告年度和落款等；格式随年度自动确定，也可以更改。"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout(scrolling_body(outer))
        form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, MessageLabel] = {}

        def add_row(name: str, label: str, widget: QWidget, layout_item=None):
            form.addRow(label, layout_item or widget)
            form.labelForField(layout_item or widget).setBuddy(widget)
            message = MessageLabel()
            form.addRow("", message)
            self.fields[name], self.messages[name] = widget, message

        first = _LINE_FIELDS[0]
        add_row(first.key, _label(first.key), self._line_edit(first.key, first.hint))

        self.year = QSpinBox()
        self.year.setRange(YEAR_MIN, YEAR_MAX)
        self.year.setKeyboardTracking(False)
        self.year.setSuffix(" 年度")
        self.year.valueChanged.connect(lambda v: self.document.edit_header("year", v))
        add_row("year", _label("year"), self.year)

        self.format_combo = QComboBox()
        for fmt in sorted(FORMATS.values(), key=lambda f: -f.first_year):
            self.format_combo.addItem(f"{fmt.name}（{fmt.document}）", fmt.id)
        self.format_combo.activated.connect(self._format_chosen)
        add_row("format", "格式(&J)", self.format_combo)

        for spec in _LINE_FIELDS[1:]:
            add_row(spec.key, _label(spec.key), self._line_edit(spec.key, spec.hint))

        self.opening = StackPlainTextEdit()
        self.opening.setMaximumHeight(90)
        self.opening.setPlaceholderText(header_field("opening").hint)
        self.opening.textChanged.connect(lambda: self.document.edit_header("opening", self.opening.toPlainText()))
        self.opening_button = QPushButton("插入默认开头语(&I)")
        self.opening_button.clicked.connect(self.insert_default_opening)
        opening_box = QVBoxLayout()
        opening_box.addWidget(self.opening)
        opening_box.addWidget(self.opening_button, 0, Qt.AlignmentFlag.AlignLeft)
        holder = QWidget()
        holder.setLayout(opening_box)
        opening_box.setContentsMargins(0, 0, 0, 0)
        add_row("opening", _label("opening"), self.opening, holder)

        self.date_known = QCheckBox("已确定")
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_known.toggled.connect(self._date_changed)
        self.date_edit.dateChanged.connect(self._date_changed)
        date_row = QHBoxLayout()
        date_row.setContentsMargins(0, 0, 0, 0)
        date_row.addWidget(self.date_known)
        date_row.addWidget(self.date_edit, 1)
        date_holder = QWidget()
        date_holder.setLayout(date_row)
        add_row("sign_date", _label("sign_date"), self.date_known, date_holder)

        self.sealed = QCheckBox(header_field("sealed").hint)
        self.sealed.toggled.connect(lambda v: self.document.edit_header("sealed", v))
        add_row("sealed", _label("sealed"), self.sealed)

        self.unsigned = QCheckBox(header_field("unsigned").hint)
        self.unsigned.toggled.connect(lambda v: self.document.edit_header("unsigned", v))
        add_row("unsigned", _label("unsigned"), self.unsigned)

        self.other_messages = MessageLabel()
        form.addRow("", self.other_messages)

        document.headerChanged.connect(self.refresh)
        document.checked.connect(self._show_findings)
        self.refresh()
        self._show_findings(document.result)

    def _line_edit(self, name: str, hint: str) -> StackLineEdit:
        edit = StackLineEdit()
        edit.setPlaceholderText(hint)
        edit.textEdited.connect(lambda text, n=name: self.document.edit_header(n, text))
        return edit

    # --- document -> widgets ------------------------------------------------------

    def refresh(self, *_args) -> None:
        h = self.document.report.header
        for spec in _LINE_FIELDS:
            edit = self.fields[spec.key]
            if edit.text() != getattr(h, spec.key):
                edit.setText(getattr(h, spec.key))
        self.fields["title"].setPlaceholderText(f"不填则为「{self.document.report.title}」")
        self.fields["signer"].setPlaceholderText(f"不填则为「{h.org_name or '机关名称'}」")
        with _Blocked(self.year):
            self.year.setValue(h.year or dt.date.today().year - 1)
        with _Blocked(self.format_combo):
            self.format_combo.setCurrentIndex(self.format_combo.findData(self.document.report.format_id))
        self.opening.set_text_keeping_cursor(h.opening)
        with _Blocked(self.date_known), _Blocked(self.date_edit):
            self.date_known.setChecked(h.sign_date is not None)
            d = h.sign_date or dt.date((h.year or dt.date.today().year) + 1, 1, 15)
            self.date_edit.setDate(QDate(d.year, d.month, d.day))
            self.date_edit.setEnabled(h.sign_date is not None)
        with _Blocked(self.sealed):
            self.sealed.setChecked(h.sealed)
        with _Blocked(self.unsigned):
            self.unsigned.setChecked(h.unsigned)

    def _show_findings(self, _result) -> None:
        by_header = self.document.by_header
        for name, message in self.messages.items():
            message.show_findings(by_header.get(name, []))
        others = [f for key, fs in by_header.items() if key not in self.messages for f in fs]
        self.other_messages.show_findings(others)

    # --- widgets -> document --------------------------------------------------------

    def _date_changed(self, *_args) -> None:
        self.date_edit.setEnabled(self.date_known.isChecked())
        value = self.date_edit.date().toPython() if self.date_known.isChecked() else None
        self.document.edit_header("sign_date", value)

    def insert_default_opening(self) -> None:
        text = self.document.report.default_opening()
        if self.opening.toPlainText().strip():
            self.opening.textCursor().insertText(text)
        else:
            self.opening.setPlainText(text)
        self.opening.setFocus(Qt.FocusReason.OtherFocusReason)

    def _format_chosen(self, _index: int) -> None:
        format_id = self.format_combo.currentData()
        report = self.document.report
        if format_id == report.format_id:
            return
        carried = convert_format(report, format_id)
        # This page is replaced (and deleted later) by the new format's pages: the note
        # must belong to the window, or a nested event loop deletes it with the page.
        window = self.window()
        self.document.replace_report(carried.report, f"改用{carried.report.format.name}")
        notes = "\n".join(f"· {n}" for n in carried.notes)
        expected = format_for_year(report.header.year)
        hint = "" if expected.id == format_id else f"\n\n注意：{report.header.year} 年度报告一般应使用{expected.name}。"
        QMessageBox.information(
            window,
            "已更改格式",
            f"报告已改用{carried.report.format.name}，数据已按对应关系带入。"
            + (f"\n\n{notes}" if notes else "")
            + hint
            + "\n\n如需恢复，可按 Ctrl+Z 撤销。",
        )

    # --- StepPage -----------------------------------------------------------------

    def focus_first(self) -> None:
        self.fields["org_name"].setFocus(Qt.FocusReason.OtherFocusReason)

    def show_finding(self, finding) -> None:
        for name in finding.header_fields:
            widget = self.fields.get(name)
            if widget is not None:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.focus_first()


class _Blocked:
    """Set a widget from the document without echoing the change back."""

    def __init__(self, widget):
        self.widget = widget

    def __enter__(self):
        self.was = self.widget.blockSignals(True)

    def __exit__(self, *exc):
        self.widget.blockSignals(self.was)
