"""Autosave: after edits, never over the clerk's file, failures shown, restore after a crash."""

import json

import pytest
from PySide6.QtWidgets import QApplication

from gui import autosave
from gui.main_window import MainWindow
from report import draft
from report.errors import UserError

NATURAL = "applications.new_received.natural"


@pytest.fixture
def fast_autosave(monkeypatch):
    monkeypatch.setattr(autosave, "IDLE_MS", 20)


def test_autosave_after_an_edit_goes_to_the_data_folder(fast_autosave, open_sample, qtbot, data_dir):
    w = open_sample
    clerk_file = w.document.path
    before = clerk_file.read_bytes()
    with qtbot.waitSignal(w.autosaver.saved, timeout=3000):
        w.document.edit_cells({NATURAL: 9}, "t")
    path = autosave.autosave_path()
    assert path.is_relative_to(data_dir)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["source"] == str(clerk_file)
    assert draft.from_dict(data["draft"]).values[NATURAL] == 9
    assert clerk_file.read_bytes() == before  # the clerk's own file is untouched
    assert "已自动保存" in w.autosave_label.text()


def test_saving_removes_the_autosave(fast_autosave, open_sample, qtbot):
    w = open_sample
    with qtbot.waitSignal(w.autosaver.saved, timeout=3000):
        w.document.edit_cells({NATURAL: 9}, "t")
    assert autosave.autosave_path().exists()
    assert w.save()
    assert not autosave.autosave_path().exists()


def test_periodic_autosave_without_further_edits(open_sample, qtbot):
    w = open_sample
    w.autosaver.idle.stop()
    w.autosaver.period.setInterval(30)
    w.document.edit_cells({NATURAL: 10}, "t")
    w.autosaver.idle.stop()
    with qtbot.waitSignal(w.autosaver.saved, timeout=3000):
        pass
    assert autosave.find_pending().report.values[NATURAL] == 10


def test_failed_autosave_is_shown(open_sample, monkeypatch):
    w = open_sample

    def locked(path, data, keep_backup=False):
        raise UserError(f"无法写入「{path}」：磁盘空间不足。")

    monkeypatch.setattr(autosave, "write_atomic", locked)
    w.document.edit_cells({NATURAL: 11}, "t")
    failures = []
    w.autosaver.failed.connect(failures.append)
    assert not w.autosaver.save_now()
    assert failures and "自动保存失败" in failures[0] and "磁盘空间不足" in failures[0]
    assert w.autosave_label.text() == "自动保存失败！"
    assert "磁盘空间不足" in w.statusBar().currentMessage()


def test_restore_after_a_simulated_crash(app, qtbot, open_sample, monkeypatch, no_dialogs):
    crashed = open_sample
    clerk_file = crashed.document.path
    crashed.document.edit_cells({NATURAL: 4321}, "t")
    crashed.document.edit_text("problems", "崩溃前写的一句。")
    assert crashed.autosaver.save_now()
    # The crash: the window goes away without closeEvent, nothing else runs.
    crashed.autosaver.stop()

    asked = []
    monkeypatch.setattr("gui.dialogs.choose", lambda *a, **k: asked.append(a[1]) or "恢复")
    fresh = MainWindow()
    qtbot.addWidget(fresh, before_close_func=lambda w: w.document.undo_stack.setClean())
    assert fresh.offer_restore()
    assert asked == ["恢复未保存的报告"]
    report = fresh.document.report
    assert report.values[NATURAL] == 4321
    assert report.texts["problems"] == "崩溃前写的一句。"
    assert fresh.document.path == clerk_file
    assert fresh.isWindowModified()
    assert draft.load(clerk_file).values[NATURAL] != 4321  # only a save writes the clerk's file


def test_declining_the_restore_discards_it(app, qtbot, open_sample, monkeypatch):
    open_sample.document.edit_cells({NATURAL: 1}, "t")
    assert open_sample.autosaver.save_now()
    monkeypatch.setattr("gui.dialogs.choose", lambda *a, **k: "放弃")
    fresh = MainWindow()
    qtbot.addWidget(fresh)
    assert not fresh.offer_restore()
    assert not autosave.autosave_path().exists()
    assert fresh.document is None


def test_clean_exit_leaves_no_autosave(open_sample, monkeypatch):
    w = open_sample
    w.document.edit_cells({NATURAL: 1}, "t")
    assert w.autosaver.save_now()
    monkeypatch.setattr("gui.dialogs.choose", lambda *a, **k: "不保存")
    assert w.close()
    assert autosave.find_pending() is None


def test_nothing_to_restore_asks_nothing(window):
    assert not window.offer_restore()  # no_dialogs would fail on any question


def test_unreadable_autosave_is_ignored(window, data_dir):
    path = autosave.autosave_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{broken", encoding="utf-8")
    assert autosave.find_pending() is None
    assert not window.offer_restore()
    assert QApplication.activeModalWidget() is None
