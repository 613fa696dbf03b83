"""The one error policy of the wizard.

A ``UserError`` is shown as-is (its message is a complete Chinese
sentence); anything unexpected is logged and shown once in a details
dialog with a copy button; nothing dies silently (``sys.excepthook``).
"""

from __future__ import annotations

import functools
import logging
import sys

from PySide6.QtWidgets import QApplication, QWidget

from report.errors import UserError

log = logging.getLogger("gui")


def show_user_error(parent: QWidget | None, exc: BaseException, title: str = "无法完成") -> None:
    from PySide6.QtWidgets import QMessageBox  # not at import: the first window does not need it (start-up)

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
        import traceback

        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("未处理的异常\n%s", details)
        if isinstance(exc, UserError):
            if QApplication.instance() is not None:
                show_user_error(QApplication.activeWindow(), exc)
            return
        if self.showing or QApplication.instance() is None:
            sys.stderr.write(details)
            return
        from .error_dialog import ErrorDetailsDialog

        self.showing = True
        try:
            safety = secure_open_reports()
            ErrorDetailsDialog(details, QApplication.activeWindow(), safety).exec()
        finally:
            self.showing = False


def secure_open_reports() -> str:
    """Autosave every open report now; returns the sentence that tells the clerk where the work is.

    The details dialog used to promise 「已自动保存到备份文件」 whatever the state:
    an autosave only runs seconds after the last edit, and may have failed.
    """
    from .autosave import autosave_path

    windows = [
        w
        for w in QApplication.topLevelWidgets()
        if getattr(w, "document", None) is not None and getattr(w, "autosaver", None) is not None
    ]
    modified = [w for w in windows if w.document.is_modified()]
    if not windows:
        return ""
    if not modified:
        return "您的报告没有未保存的修改，不会丢失。"
    safe = True
    for w in modified:
        try:
            w.autosaver.save_now()
        except Exception:  # the program is already in trouble: say so, do not raise again
            log.exception("autosave after an unexpected error failed")
            safe = False
    if safe and autosave_path().exists():
        return "您已填写的内容仍在窗口中，并已自动保存到备份文件；建议立即保存草稿（Ctrl+S）。"
    return "您已填写的内容仍在窗口中，但自动保存没有成功，请立即保存草稿（Ctrl+S）。"


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
