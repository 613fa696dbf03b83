"""The one error policy of the wizard.

A ``UserError`` is shown as-is (its message is a complete Chinese
sentence); anything unexpected is logged and shown once in a details
dialog with a copy button; nothing dies silently (``sys.excepthook``).
"""

from __future__ import annotations

import functools
import logging
import sys
import traceback

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from report.errors import UserError

log = logging.getLogger("gui")


class ErrorDetailsDialog(QDialog):
    """An unexpected error: a plain explanation, the details, a copy button."""

    def __init__(self, details: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("程序出现意外错误")
        self.details = details
        layout = QVBoxLayout(self)
        intro = QLabel(
            "程序遇到了一个意外错误。您已填写的内容仍在窗口中，并已自动保存到备份文件；"
            "建议立即保存草稿。\n如需反馈，请点「复制详细信息」，把内容发给技术支持人员。"
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


def show_user_error(parent: QWidget | None, exc: BaseException, title: str = "无法完成") -> None:
    QMessageBox.warning(parent, title, str(exc))


class _Hook:
    """``sys.excepthook``: log, then show the details dialog (one at a time)."""

    def __init__(self) -> None:
        self.showing = False
        self.previous = sys.excepthook

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("未处理的异常\n%s", details)
        if isinstance(exc, UserError):
            if QApplication.instance() is not None:
                show_user_error(QApplication.activeWindow(), exc)
            return
        if self.showing or QApplication.instance() is None:
            sys.stderr.write(details)
            return
        self.showing = True
        try:
            ErrorDetailsDialog(details, QApplication.activeWindow()).exec()
        finally:
            self.showing = False


def install_excepthook() -> None:
    if not isinstance(sys.excepthook, _Hook):
        sys.excepthook = _Hook()


def user_action(method):
    """Decorate a slot: a ``UserError`` becomes a Chinese message box, the rest goes to the hook."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UserError as exc:
            show_user_error(self if isinstance(self, QWidget) else None, exc)
            return None

    return wrapper
