"""The one error policy of the wizard.

A ``UserError`` is shown as-is (its message is a complete Chinese
sentence); anything unexpected is logged and shown once in a details
dialog with a copy button; nothing dies silently (``sys.excepthook``).

A modal dialog nobody can click hangs the program forever, so the hook
opens one only when a person can answer it: a window is visible on a
real screen and the run is not headless (``--self-test``,
``--quit-after-show``, the offscreen platform). Otherwise it logs, writes
the details to stderr and ends the process with exit code 3.
"""

from __future__ import annotations

import functools
import logging
import os
import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from report.errors import UserError

log = logging.getLogger("gui")

#: The exit code of a bug, as for the command line (report/cli/common.py: EXIT_BUG).
EXIT_BUG = 3
#: Platforms where no person sees a window.
HEADLESS_PLATFORMS = ("offscreen", "minimal")
_headless = False


def set_headless(value: bool = True) -> None:
    """Declare a run nobody watches (the self-test, a timing run): errors never open a dialog."""
    global _headless
    _headless = value


def dialog_possible() -> bool:
    """Whether a person can answer a dialog now: a visible window on a real screen, not a headless run."""
    if _headless or QApplication.instance() is None:
        return False
    if QGuiApplication.platformName() in HEADLESS_PLATFORMS:
        return False
    return any(w.isVisible() for w in QApplication.topLevelWidgets())


def exit_headless(details: str) -> None:
    """Log, tell stderr, and end the process: nothing may wait for a click that never comes."""
    stream = sys.stderr
    if stream is not None:
        try:
            stream.write(f"xxgk-gui：程序内部出错，已退出（退出码 {EXIT_BUG}）。\n{details}")
            stream.flush()
        except (OSError, ValueError):
            pass
    logging.shutdown()  # flush and close the log file
    os._exit(EXIT_BUG)  # from inside Qt's event loop a SystemExit would be swallowed


def show_user_error(parent: QWidget | None, exc: BaseException, title: str = "无法完成") -> None:
    from PySide6.QtWidgets import QMessageBox  # not at import: the first window does not need it (start-up)

    QMessageBox.warning(parent, title, str(exc))


class _Hook:
    """``sys.excepthook``: log, then show the details dialog (one at a time), or exit when headless."""

    def __init__(self, exit=exit_headless) -> None:
        self.showing = False
        self.previous = sys.excepthook
        self.exit = exit

    def __call__(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        import traceback

        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("未处理的异常\n%s", details)
        if not dialog_possible():
            self.exit(details)
            return
        if isinstance(exc, UserError):
            show_user_error(QApplication.activeWindow(), exc)
            return
        if self.showing:
            if sys.stderr is not None:
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
