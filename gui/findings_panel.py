"""The live list of findings: code, title, message, what to do; jump and acknowledge."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from report.checks import Finding
from report.rules import ERROR

from .constants import DONE_COLOR, ERROR_COLOR, OK_COLOR, PLAIN_COLOR, WARNING_COLOR
from .document import ReportDocument

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
_ERROR_TEXT = QBrush(QColor(ERROR_COLOR))
_WARNING_TEXT = QBrush(QColor(WARNING_COLOR))
_DONE_TEXT = QBrush(QColor(DONE_COLOR))


class FindingsModel(QAbstractListModel):
    """The document's current findings, in the core's order (errors first)."""

    def __init__(self, document: ReportDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.findings: tuple[Finding, ...] = document.result.findings
        document.checked.connect(self._on_checked)

    def _on_checked(self, result) -> None:
        if result.findings == self.findings:
            return
        self.beginResetModel()
        self.findings = result.findings
        self.endResetModel()

    def rowCount(self, parent=None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.findings)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.findings):
            return None
        f = self.findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            state = "（已确认）" if f.acknowledged is not None else ""
            return f"［{f.severity_name}］{f.code} {f.title}{state}\n{f.message}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.message}\n怎么办：{f.what_to_do}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if f.acknowledged is not None:
                return _DONE_TEXT
            return _ERROR_TEXT if f.severity == ERROR else _WARNING_TEXT
        if role == FINDING_ROLE:
            return f
        return None


class FindingsPanel(QWidget):
    #: The clerk wants to see where a finding is.
    findingActivated = Signal(object)

    def __init__(self, document: ReportDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.model = FindingsModel(document, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformItemSizes(False)
        self.list.setAccessibleName("检查结果")
        self.list.clicked.connect(self._activate)
        self.list.activated.connect(self._activate)
        layout.addWidget(self.list, 3)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        layout.addWidget(self.details, 2)
        buttons = QHBoxLayout()
        self.goto_button = QPushButton("转到(&Z)")
        self.goto_button.clicked.connect(lambda: self._activate(self.list.currentIndex()))
        self.ack_button = QPushButton("确认此提示(&K)…")
        self.ack_button.setToolTip("数字确实如此时，填写理由后确认；确认的理由保存在草稿中。")
        self.ack_button.clicked.connect(self.acknowledge_current)
        buttons.addWidget(self.goto_button)
        buttons.addWidget(self.ack_button)
        layout.addLayout(buttons)
        self._current_key: str | None = None
        self.list.selectionModel().currentChanged.connect(self._show_details)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    def current_finding(self) -> Finding | None:
        idx = self.list.currentIndex()
        return self.model.data(idx, FINDING_ROLE) if idx.isValid() else None

    def _remember_current(self) -> None:
        f = self.current_finding()
        self._current_key = f.key if f else None

    def _after_reset(self) -> None:
        if self._current_key:
            for row, f in enumerate(self.model.findings):
                if f.key == self._current_key:
                    self.list.setCurrentIndex(self.model.index(row))
                    break
        result = self.document.result
        errors = len(result.errors)
        warnings = len(result.open_warnings)
        done = len(result.warnings) - warnings
        if not result.findings:
            self.summary.setText(f"<b style='color:{OK_COLOR}'>未发现问题。</b>")
        else:
            extra = f"，已确认提示 {done} 个" if done else ""
            self.summary.setText(f"<b>错误 {errors} 个，提示 {warnings} 个</b>{extra}。点击一项可转到相应位置。")
        self._show_details()

    def _show_details(self, *_args) -> None:
        f = self.current_finding()
        if f is None:
            self.details.setHtml(f"<p style='color:{PLAIN_COLOR}'>选中一项查看说明。</p>")
            self.ack_button.setEnabled(False)
            self.goto_button.setEnabled(False)
            return
        ack = f"<p><b>已确认：</b>{_esc(f.acknowledged)}</p>" if f.acknowledged is not None else ""
        self.details.setHtml(
            f"<p><b>{f.code} {_esc(f.title)}</b>（{f.severity_name}）</p><p>{_esc(f.message)}</p>"
            f"<p><b>怎么办：</b>{_esc(f.what_to_do)}</p>{ack}"
        )
        self.goto_button.setEnabled(True)
        self.ack_button.setEnabled(f.severity != ERROR)
        self.ack_button.setText("取消确认(&K)" if f.acknowledged is not None else "确认此提示(&K)…")

    def _activate(self, index: QModelIndex) -> None:
        f = self.model.data(index, FINDING_ROLE) if index.isValid() else None
        if f is not None:
            self.findingActivated.emit(f)

    def acknowledge_current(self) -> None:
        f = self.current_finding()
        if f is None or f.severity == ERROR:
            return
        if f.acknowledged is not None:
            self.document.acknowledge(f, None)
            return
        ask = "请填写确认的理由（将保存在草稿中，如「经核实，数字无误」）："
        while True:
            reason, ok = QInputDialog.getText(self, "确认提示", f"{f.code} {f.title}\n{f.message}\n\n{ask}")
            if not ok:
                return
            if reason.strip():
                break
            # An empty reason used to close the box and change nothing, without a word.
            ask = "理由不能为空。请写明为什么数字是对的（如「经核实，数字无误」），或点「取消」："
        self.document.acknowledge(f, reason)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
