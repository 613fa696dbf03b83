"""Step 基本信息: the header of the report, one row per declared header field.

Every row comes from ``report.formats.header.HEADER_FIELDS`` (its label, Alt
key, hint, kind, fallback and suggested text); this page names no field.  The
format, which follows the year, is chosen right after the year field.
"""

from __future__ import annotations

import datetime as dt
import itertools

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
from report.formats.header import HEADER_FIELDS, HeaderFieldSpec, HeaderKind
from report.steps import BASIC, BASIC_TITLE

from ..constants import MAX_LINE_CHARS, YEAR_MAX, YEAR_MIN
from ..widgets import MessageLabel, StackLineEdit, StackPlainTextEdit
from .base import StepPage, scrolling_body

#: The pseudo-field findings name when the tables do not fit the chosen format.
FORMAT_FIELD = "format"


def _label(spec: HeaderFieldSpec) -> str:
    return f"{spec.label}(&{spec.mnemonic})" if spec.mnemonic else spec.label


class BasicStep(StepPage):
    key = BASIC
    title = BASIC_TITLE
    help_text = "填写机关名称、报告年度和落款等；格式随年度自动确定，也可以更改。"

    def __init__(self, document, parent=None):
        super().__init__(document, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        column = QVBoxLayout(scrolling_body(outer))
        self.form = form = QFormLayout()
        column.addLayout(form)
        column.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        #: Field key -> the widget that takes the focus (and the typing) for it.
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, MessageLabel] = {}
        #: Field key -> the button inserting its suggested text.
        self.suggest_buttons: dict[str, QPushButton] = {}
        #: DATE fields: the 「已确定」 box beside the date.
        self.date_known: dict[str, QCheckBox] = {}
        self.dates: dict[str, QDateEdit] = {}
        self.buttons: list[QPushButton] = []  # after every field in the Tab order
        for spec in HEADER_FIELDS:
            widget, holder = self._editor(spec)
            self._add_row(spec.key, _label(spec), widget, holder)
            if spec.kind is HeaderKind.YEAR:
                self._add_format_row()
        self.other_messages = MessageLabel()
        form.addRow("", self.other_messages)
        self._set_tab_order()
        document.headerChanged.connect(self.refresh)
        document.checked.connect(self._show_findings)
        self.refresh()
        self._show_findings(document.result)

    # --- construction -------------------------------------------------------------

    def _add_row(self, key: str, label: str, widget: QWidget, holder: QWidget | None = None) -> None:
        self.form.addRow(label, holder or widget)
        self.form.labelForField(holder or widget).setBuddy(widget)
        message = MessageLabel()
        self.form.addRow("", message)
        self.fields[key], self.messages[key] = widget, message

    def _editor(self, spec: HeaderFieldSpec) -> tuple[QWidget, QWidget | None]:
        """The widget for one field by its kind, and the row holding it when there is more than one."""
        key = spec.key
        if spec.kind is HeaderKind.LINE:
            edit = StackLineEdit()
            edit.setPlaceholderText(spec.hint)
            edit.setMaxLength(MAX_LINE_CHARS)
            edit.textEdited.connect(lambda text, k=key: self.document.edit_header(k, text))
            return edit, None
        if spec.kind is HeaderKind.YEAR:
            box = QSpinBox()
            box.setRange(YEAR_MIN, YEAR_MAX)
            box.setKeyboardTracking(False)
            box.setSuffix(" 年度")
            box.valueChanged.connect(lambda v, k=key: self.document.edit_header(k, v))
            return box, None
        if spec.kind is HeaderKind.TEXT:
            text = StackPlainTextEdit()
            text.setMaximumHeight(90)
            text.setPlaceholderText(spec.hint)
            text.textChanged.connect(lambda k=key, t=text: self.document.edit_header(k, t.toPlainText()))
            if not spec.suggestion:
                return text, None
            button = QPushButton(f"插入默认{spec.label}(&I)")
            button.clicked.connect(lambda _checked=False, k=key: self.insert_suggestion(k))
            self.suggest_buttons[key] = button
            self.buttons.append(button)
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(text)
            box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            holder = QWidget()
            holder.setLayout(box)
            return text, holder
        if spec.kind is HeaderKind.DATE:
            known = QCheckBox("已确定")
            date = QDateEdit()
            date.setCalendarPopup(True)
            date.setDisplayFormat("yyyy年M月d日")
            known.toggled.connect(lambda _v, k=key: self._date_changed(k))
            date.dateChanged.connect(lambda _v, k=key: self._date_changed(k))
            self.date_known[key], self.dates[key] = known, date
            row = QHBoxLayout()
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(known)
            row.addWidget(date, 1)
            holder = QWidget()
            holder.setLayout(row)
            return known, holder
        box = QCheckBox(spec.hint)  # FLAG
        box.toggled.connect(lambda v, k=key: self.document.edit_header(k, v))
        return box, None

    def _add_format_row(self) -> None:
        self.format_combo = QComboBox()
        for fmt in sorted(FORMATS.values(), key=lambda f: -f.first_year):
            self.format_combo.addItem(f"{fmt.name}（{fmt.document}）", fmt.id)
        self.format_combo.activated.connect(self._format_chosen)
        self._add_row(FORMAT_FIELD, "格式(&J)", self.format_combo)

    def _set_tab_order(self) -> None:
        """Every field top to bottom (a date after its 「已确定」 box), then the buttons."""
        chain: list[QWidget] = []
        for key, widget in self.fields.items():
            chain.append(widget)
            if key in self.dates:
                chain.append(self.dates[key])
        chain += self.buttons
        for a, b in itertools.pairwise(chain):
            QWidget.setTabOrder(a, b)

    # --- document -> widgets ------------------------------------------------------

    def refresh(self, *_args) -> None:
        report = self.document.report
        h = report.header
        for spec in HEADER_FIELDS:
            widget, value = self.fields[spec.key], getattr(h, spec.key)
            if spec.kind is HeaderKind.LINE:
                if widget.text() != value:
                    widget.setText(value)
                if spec.fallback:
                    fallback = getattr(report, spec.fallback) if not value.strip() else ""
                    widget.setPlaceholderText(f"不填则为「{fallback}」" if fallback else spec.hint)
            elif spec.kind is HeaderKind.TEXT:
                widget.set_text_keeping_cursor(value)
            elif spec.kind is HeaderKind.YEAR:
                with _Blocked(widget):
                    widget.setValue(value or dt.date.today().year - 1)
            elif spec.kind is HeaderKind.DATE:
                date = self.dates[spec.key]
                with _Blocked(widget), _Blocked(date):
                    widget.setChecked(value is not None)
                    # Until it is known, the date a report is usually signed: mid-January of the next year.
                    d = value or dt.date((h.year or dt.date.today().year) + 1, 1, 15)
                    date.setDate(QDate(d.year, d.month, d.day))
                    date.setEnabled(value is not None)
            else:
                with _Blocked(widget):
                    widget.setChecked(bool(value))
        with _Blocked(self.format_combo):
            self.format_combo.setCurrentIndex(self.format_combo.findData(report.format_id))

    def _show_findings(self, _result) -> None:
        by_header = self.document.by_header
        for name, message in self.messages.items():
            message.show_findings(by_header.get(name, []))
        others = [f for key, fs in by_header.items() if key not in self.messages for f in fs]
        self.other_messages.show_findings(others)

    # --- widgets -> document --------------------------------------------------------

    def _date_changed(self, key: str) -> None:
        known, date = self.date_known[key], self.dates[key]
        date.setEnabled(known.isChecked())
        self.document.edit_header(key, date.date().toPython() if known.isChecked() else None)

    def insert_suggestion(self, key: str) -> None:
        """Insert the field's standard text (``HeaderFieldSpec.suggestion``), as if typed."""
        spec = next(s for s in HEADER_FIELDS if s.key == key)
        text = getattr(self.document.report, spec.suggestion)()
        editor = self.fields[key]
        if editor.toPlainText().strip():
            editor.textCursor().insertText(text)
        else:
            editor.setPlainText(text)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

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
        next(iter(self.fields.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def show_place(self, where) -> bool:
        widget = self.fields.get(where.header_field) if where.header_field else None
        if widget is None:
            return False
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class _Blocked:
    """Set a widget from the document without echoing the change back."""

    def __init__(self, widget):
        self.widget = widget

    def __enter__(self):
        self.was = self.widget.blockSignals(True)

    def __exit__(self, *exc):
        self.widget.blockSignals(self.was)
