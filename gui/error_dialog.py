"""The details dialog of an unexpected error (loaded only when one happens)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class ErrorDetailsDialog(QDialog):
    """An unexpected error: a plain explanation, the details, a copy button."""

    def __init__(self, details: str, parent: QWidget | None = None, safety: str = ""):
        """``safety``: where the clerk's work is (``errors.secure_open_reports``)."""
        super().__init__(parent)
        self.setWindowTitle("程序出现意外错误")
        self.details = details
        layout = QVBoxLayout(self)
        self.intro = intro = QLabel(
            f"程序遇到了一个意外错误。{safety}\n如需反馈，请点「复制详细信息」，把内容发给技术支持人员。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setMinimumSize(560, 220)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton("复制详细信息")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.AcceptRole)
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("已复制")
