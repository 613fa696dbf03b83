"""Application set-up: Chinese everywhere, CJK fonts, start-up flags, the error policy."""

import os
import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from gui import error_dialog, errors, files
from gui.app import APP_TITLE, UI_FONTS, ui_font_family
from report.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
#: Latin words a Chinese clerk meets in Chinese software.
ALLOWED_LATIN = {
    "Excel",
    "WPS",
    "Word",
    "Ctrl",
    "Enter",
    "Tab",
    "Delete",
    "Shift",
    "PgUp",
    "PgDown",
    "json",
    "docx",
    "PDF",  # the format itself (导出 PDF), as clerks know it
    "PNG",
    "html",
    "LibreOffice",
    "Esc",
    "F8",
}


def test_qt_own_buttons_are_chinese(app):
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"确定", "取消"}


def test_cjk_font_is_used(app):
    from PySide6.QtGui import QFontInfo

    family = ui_font_family()
    assert family in UI_FONTS
    assert QFontInfo(QApplication.font()).family() == family  # the font actually drawn


def _visible_strings(root: QWidget):
    for w in [root, *root.findChildren(QWidget)]:
        yield w.toolTip()
        yield w.accessibleName()
        if isinstance(w, QLabel):
            yield re.sub(r"<[^>]+>", "", w.text())
        elif isinstance(w, QAbstractButton):
            yield w.text()
        elif isinstance(w, (QLineEdit, QPlainTextEdit)):
            yield w.placeholderText()
        elif isinstance(w, QGroupBox):
            yield w.title()
    for action in root.findChildren(QAction):
        yield action.text()
        yield action.toolTip()


def test_nothing_visible_is_english(open_sample):
    w = open_sample
    seen = set()
    for row in range(len(w.steps)):
        w.go_step(row)
        for text in _visible_strings(w):
            for word in re.findall(r"[A-Za-z][A-Za-z0-9]+", text or ""):
                if word not in ALLOWED_LATIN:
                    seen.add((word, text[:60]))
    # The sample's own prose (e.g. 「H5」) lives in editors, which are not scanned.
    assert not seen, sorted(seen)
    assert w.windowTitle().endswith(APP_TITLE)


def _run_gui(*args, data_dir):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XXGK_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "gui", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_quit_after_show_exits_cleanly(data_dir):
    done = _run_gui("--quit-after-show", data_dir=data_dir)
    assert done.returncode == 0, done.stderr


def test_help_is_chinese(data_dir):
    done = _run_gui("--help", data_dir=data_dir)
    assert done.returncode == 0
    assert "用法：" in done.stdout and "主窗口显示后立即退出" in done.stdout
    bad = _run_gui("--no-such-option", data_dir=data_dir)
    assert bad.returncode == 2 and "命令行参数有误" in bad.stderr


def test_parser_knows_self_test_and_a_file():
    from gui.__main__ import build_parser

    args = build_parser().parse_args(["--self-test", "草稿.json"])
    assert args.self_test and args.file == Path("草稿.json")
    assert not build_parser().parse_args([]).self_test


def test_unexpected_exception_is_logged_and_shown_once(app, monkeypatch):
    shown = []
    monkeypatch.setattr(error_dialog.ErrorDetailsDialog, "exec", lambda self: shown.append(self.details) or 0)
    monkeypatch.setattr(errors, "dialog_possible", lambda: True)  # as if a clerk watched a real screen
    hook = errors._Hook()
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert len(shown) == 1 and "RuntimeError: boom" in shown[0]


def test_user_error_from_the_hook_is_a_plain_message(app, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(a[2])))
    monkeypatch.setattr(errors, "dialog_possible", lambda: True)
    hook = errors._Hook()
    hook(UserError, UserError("文件正在 WPS 中打开。"), None)
    assert warnings == ["文件正在 WPS 中打开。"]


def test_details_dialog_copies(app, qtbot):
    dialog = error_dialog.ErrorDetailsDialog("Traceback: 细节")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "Traceback: 细节"
    assert dialog.copy_button.text() == "已复制"


def test_main_opens_the_draft_named_on_the_command_line(app, tmp_path, sample_2021, no_dialogs):
    from PySide6.QtCore import QTimer

    from gui.__main__ import main
    from gui.main_window import MainWindow
    from report import draft

    path = tmp_path / "命令行.json"
    draft.save(sample_2021, path)
    seen = {}

    def inspect():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
        seen["path"] = window.document.path if window.document else None
        window.close()  # the last window: the event loop of main() ends

    QTimer.singleShot(300, inspect)
    assert main([str(path)]) == 0
    assert seen["path"] == path


def test_window_geometry_is_remembered(app, qtbot, no_dialogs):
    from gui.main_window import MainWindow

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    first.resize(1100, 700)
    first.move(30, 20)
    qtbot.waitUntil(lambda: first.width() == 1100)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert files.settings().value("geometry")
    # The offscreen screen is 800 pixels wide, so Qt narrows a restored window to fit
    # (then to the minimum width); the height shows that the saved geometry was used.
    assert second.height() == 700
