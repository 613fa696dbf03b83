"""The exception hook never blocks a run nobody watches: no dialog, a log entry, exit code 3."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from gui import error_dialog, errors

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def no_details_dialog(monkeypatch):
    def refuse(self):
        raise AssertionError("the details dialog opened in a headless run")

    monkeypatch.setattr(error_dialog.ErrorDetailsDialog, "exec", refuse)


def _raise(hook, exc):
    try:
        raise exc
    except type(exc) as caught:
        hook(type(caught), caught, caught.__traceback__)


def test_no_visible_window_means_exit_not_dialog(app, no_details_dialog, monkeypatch):
    monkeypatch.setattr(errors.QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    monkeypatch.setattr(errors.QApplication, "topLevelWidgets", staticmethod(list))
    exits = []
    _raise(errors._Hook(exit=exits.append), RuntimeError("boom"))
    assert len(exits) == 1 and "RuntimeError: boom" in exits[0]


def test_offscreen_or_self_test_never_opens_a_dialog_even_with_a_window(app, qtbot, no_details_dialog, monkeypatch):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    assert window.isVisible()
    assert not errors.dialog_possible()  # the offscreen platform: nobody sees the window
    monkeypatch.setattr(errors.QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    assert errors.dialog_possible()
    monkeypatch.setattr(errors, "_headless", False)
    errors.set_headless()
    assert not errors.dialog_possible()
    exits = []
    _raise(errors._Hook(exit=exits.append), ValueError("崩溃"))
    assert len(exits) == 1 and "ValueError: 崩溃" in exits[0]


def test_an_error_inside_the_event_loop_ends_the_process_with_code_3(tmp_path):
    """A real process: an exception in a slot under the event loop, the hook installed as in xxgk-gui."""
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QMainWindow
        from gui.app import create_application

        app = create_application([sys.argv[0]])
        window = QMainWindow()
        window.show()

        def slot():
            raise RuntimeError("槽函数中的意外错误")

        QTimer.singleShot(0, slot)
        QTimer.singleShot(20000, lambda: app.exit(0))  # only if the hook failed to end the process
        sys.exit(app.exec())
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XXGK_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert out.returncode == errors.EXIT_BUG, out.stdout + out.stderr
    assert "程序内部出错" in out.stderr and "RuntimeError: 槽函数中的意外错误" in out.stderr
    log = (tmp_path / "xxgk-gui.log").read_text(encoding="utf-8")
    assert "未处理的异常" in log and "槽函数中的意外错误" in log
