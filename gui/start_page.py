"""The first screen: new, open, recent, carry over from last year, import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from . import files
from .app import APP_TITLE
from .constants import MAX_LINE_CHARS, PLAIN_COLOR, YEAR_MAX, YEAR_MIN
from .widgets import MessageLabel, StackLineEdit


class StartPage(QWidget):
    newRequested = Signal()
    openRequested = Signal()
    recentRequested = Signal(Path)
    carryRequested = Signal()
    importRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(60, 40, 60, 40)
        title = QLabel(f"<h2>{APP_TITLE}</h2>")
        outer.addWidget(title)
        intro = QLabel(
            "按官方格式填写政府信息公开工作年度报告：表格合计自动计算，填写时随时检查前后是否一致，"
            "最后生成符合公文格式的 Word 文档。"
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        buttons = (
            ("新建报告(&N)…", "填写机关名称和报告年度，从空白报告开始。", self.newRequested),
            ("打开(&O)…", "继续填写以前保存的报告草稿（.json）；也可以直接打开 Word 文档等年度报告。", self.openRequested),
            (
                "从上年报告生成(&L)…",
                "以上一年度的草稿或本程序生成的 Word 文档为基础，自动带入结转数等。",
                self.carryRequested,
            ),
            ("导入已有报告(&I)…", "读取已经写好的 Word 年度报告，转为可检查、可修改的草稿。", self.importRequested),
        )
        self.buttons: dict[str, QPushButton] = {}
        for row, (text, hint, signal) in enumerate(buttons):
            button = QPushButton(text)
            button.setMinimumHeight(36)
            button.setMinimumWidth(200)
            button.clicked.connect(signal.emit)
            grid.addWidget(button, row, 0)
            label = QLabel(hint)
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {PLAIN_COLOR};")
            grid.addWidget(label, row, 1)
            self.buttons[text.split("(")[0]] = button
        grid.setColumnStretch(1, 1)
        outer.addLayout(grid)
        recent_title = QLabel("最近打开(&R)：")
        outer.addSpacing(16)
        outer.addWidget(recent_title)
        self.recent = QListWidget()
        self.recent.setAccessibleName("最近打开")
        recent_title.setBuddy(self.recent)
        # The first window touches no ``Qt`` namespace enum (start-up time): paths are kept by row.
        self._recent_paths: list[Path] = []
        self.recent.itemActivated.connect(self._recent_activated)
        outer.addWidget(self.recent, 1)
        self.no_recent = QLabel("（还没有打开过的报告）")
        self.no_recent.setStyleSheet(f"color: {PLAIN_COLOR};")
        outer.addWidget(self.no_recent)
        outer.addStretch(1)
        self.refresh_recent()

    def refresh_recent(self) -> None:
        self.recent.clear()
        self._recent_paths = files.recent_files()
        for path in self._recent_paths:
            item = QListWidgetItem(f"{path.name}    （{path.parent}）")
            item.setToolTip(str(path))
            self.recent.addItem(item)
        self.recent.setVisible(bool(self._recent_paths))
        self.no_recent.setVisible(not self._recent_paths)

    def _recent_activated(self, item: QListWidgetItem) -> None:
        row = self.recent.row(item)
        if 0 <= row < len(self._recent_paths):
            self.recentRequested.emit(self._recent_paths[row])

    def focus_first(self) -> None:
        self.buttons["新建报告"].setFocus()


class NewReportDialog(QDialog):
    """The header fields declared ``asked_first`` (机关名称, 报告年度); the format follows the year
    until the clerk picks another."""

    def __init__(self, parent=None):
        from report.formats import FORMATS
        from report.formats.header import HEADER_FIELDS, HeaderKind

        super().__init__(parent)
        self.setWindowTitle("新建报告")
        form = QFormLayout(self)
        self.asked = [f for f in HEADER_FIELDS if f.asked_first]
        self.inputs: dict[str, QWidget] = {}
        self.year: QSpinBox | None = None
        for spec in self.asked:
            label = f"{spec.label}(&{spec.mnemonic})：" if spec.mnemonic else f"{spec.label}："
            if spec.kind is HeaderKind.YEAR:
                box = QSpinBox()
                box.setRange(YEAR_MIN, YEAR_MAX)
                box.setValue(dt.date.today().year - 1)
                box.setSuffix(" 年度")
                self.year = box
                widget = box
            else:
                edit = StackLineEdit()
                edit.setPlaceholderText(spec.hint)
                edit.setMinimumWidth(320)
                edit.setMaxLength(MAX_LINE_CHARS)
                widget = edit
            form.addRow(label, widget)
            self.inputs[spec.key] = widget
        #: The first text field (机关名称): focused first, named in the refusal when empty.
        self.org = next(w for w in self.inputs.values() if isinstance(w, StackLineEdit))
        self.format_combo = QComboBox()
        for fmt in sorted(FORMATS.values(), key=lambda f: -f.first_year):
            self.format_combo.addItem(f"{fmt.name}（{fmt.document}）", fmt.id)
        form.addRow("格式(&F)：", self.format_combo)
        self._format_chosen = False
        self.format_combo.activated.connect(lambda _i: setattr(self, "_format_chosen", True))
        self.year.valueChanged.connect(self._follow_year)
        self._follow_year(self.year.value())
        self.message = MessageLabel()
        form.addRow(self.message)
        buttons = QDialogButtonBox()
        buttons.addButton("创建", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _follow_year(self, year: int) -> None:
        from report.formats import format_for_year

        if not self._format_chosen:
            self.format_combo.setCurrentIndex(self.format_combo.findData(format_for_year(year).id))

    def accept(self) -> None:
        for spec in self.asked:
            widget = self.inputs[spec.key]
            if isinstance(widget, StackLineEdit) and not widget.text().strip():
                self.message.show_message(f"请填写{spec.label}。", True)
                widget.setFocus()
                return
        super().accept()

    def report(self):
        from report.model import Report

        report = Report.new(self.year.value(), "", self.format_combo.currentData())
        for key, widget in self.inputs.items():
            if isinstance(widget, StackLineEdit):
                setattr(report.header, key, widget.text().strip())
        return report
