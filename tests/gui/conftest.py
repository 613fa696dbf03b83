"""pytest-qt fixtures for the wizard: offscreen, a private data folder, no real dialogs."""

import copy
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from report import draft
from report.resources import resource_path


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Autosave, log and UI settings go to a fresh folder for every test."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv("XXGK_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def app(qapp):
    from gui.app import create_application

    return create_application([], install_hook=False)


@pytest.fixture(scope="session")
def _sample_2021():
    return draft.load(resource_path("samples", "sample-2021.json"))


@pytest.fixture(scope="session")
def _sample_2019():
    return draft.load(resource_path("samples", "sample-2019.json"))


@pytest.fixture
def sample_2021(_sample_2021):
    return copy.deepcopy(_sample_2021)


@pytest.fixture
def sample_2019(_sample_2019):
    return copy.deepcopy(_sample_2019)


@pytest.fixture
def no_dialogs(monkeypatch):
    """Fail loudly if a test reaches a real modal dialog it did not expect."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected dialog: {args[1:3] if len(args) > 2 else args}")

    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(refuse))
    monkeypatch.setattr("gui.dialogs.choose", refuse)


@pytest.fixture
def window(app, qtbot, no_dialogs):
    from gui.main_window import MainWindow

    def forget_changes(w):
        # A test that left changes must not stop the teardown with a question.
        if w.document is not None:
            w.document.undo_stack.setClean()

    w = MainWindow()
    qtbot.addWidget(w, before_close_func=forget_changes)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()  # shortcuts (Ctrl+S, Ctrl+Z …) only reach the active window
    qtbot.waitUntil(w.isActiveWindow)
    return w


@pytest.fixture
def open_sample(window, sample_2021, tmp_path):
    """The main window showing the 2021 sample, saved as a draft of its own."""
    path = tmp_path / "sample.json"
    draft.save(sample_2021, path)
    assert window.open_path(path)
    return window


@pytest.fixture
def ime_type(app):
    """Type Chinese as an input method does (QTest can only press ASCII keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    def commit(widget, text: str) -> None:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)

    return commit
