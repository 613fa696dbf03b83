"""Autosave: while typing (a throttle), never over the clerk's file, failures shown, restore after a crash.

The kill-while-typing drill against the real program is tests/gui/test_gui_kill_drill.py.
"""

import json
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from gui import autosave
from gui.main_window import MainWindow
from report import draft
from report.errors import UserError

NATURAL = "applications.new_received.natural"


@pytest.fixture
def fast_autosave(monkeypatch):
    monkeypatch.setattr(autosave, "THROTTLE_MS", 20)


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
    w.autosaver.throttle.stop()
    w.autosaver.period.setInterval(30)
    w.document.edit_cells({NATURAL: 10}, "t")
    w.autosaver.throttle.stop()
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


def test_steady_typing_is_saved_within_the_throttle_not_after_a_pause(monkeypatch, open_sample, qtbot):
    """Edits every 20 ms never postpone the save: it comes THROTTLE_MS after the first one."""
    monkeypatch.setattr(autosave, "THROTTLE_MS", 150)
    w = open_sample
    saver = autosave.Autosaver(w.document, w)
    saves = []
    saver.saved.connect(lambda _t: saves.append(time.monotonic()))
    start = time.monotonic()
    n = 0
    while time.monotonic() - start < 1.0:
        n += 1
        w.document.edit_text("problems", "字" * n)
        qtbot.wait(20)
    saver.stop()
    assert saves, "no autosave while typing steadily for a second"
    assert saves[0] - start < 0.6  # 150 ms and a loaded machine's slack, far below a second
    assert len(saves) >= 2


def test_what_is_typed_in_an_open_cell_editor_is_autosaved_and_restored(app, qtbot, open_sample, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    w = open_sample
    row = next(i for i, p in enumerate(w.steps) if "applications" in getattr(p, "tables", {}))
    w.go_step(row)
    view = w.steps[row].tables["applications"]
    view.setCurrentIndex(view.model().index_of(NATURAL))
    view.setFocus()
    qtbot.keyClicks(view, "4")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "27")  # 427 in the editor, not committed (no Enter)
    assert w.document.pending == {NATURAL: "427"}
    assert not w.document.is_modified()  # nothing committed yet, but unsaved typing
    assert w.autosaver.save_now()
    data = json.loads(autosave.autosave_path().read_text(encoding="utf-8"))
    assert data["typing"] == {NATURAL: "427"}
    pending = autosave.find_pending()
    assert pending.report.values[NATURAL] == 427 and pending.typed == (NATURAL,)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # abandoned: no longer pending
    assert w.document.pending == {}


def test_a_draft_opened_by_a_relative_path_is_restored_and_saved_to_the_same_file(
    app, qtbot, window, sample_2021, tmp_path, monkeypatch
):
    clerk_folder = tmp_path / "办公室"
    clerk_folder.mkdir()
    draft.save(sample_2021, clerk_folder / "草稿.json")
    monkeypatch.chdir(clerk_folder)
    assert window.open_path(Path("草稿.json"))
    window.document.edit_cells({NATURAL: 4321}, "t")
    assert window.autosaver.save_now()
    window.autosaver.stop()  # the crash
    assert json.loads(autosave.autosave_path().read_text(encoding="utf-8"))["source"] == str(clerk_folder / "草稿.json")

    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr("gui.dialogs.choose", lambda *a, **k: "恢复")
    fresh = MainWindow()
    qtbot.addWidget(fresh, before_close_func=lambda w: w.document.undo_stack.setClean())
    assert fresh.offer_restore()
    assert fresh.save()  # Ctrl+S after a restore: the clerk's own file, not a new one here
    assert draft.load(clerk_folder / "草稿.json").values[NATURAL] == 4321
    assert not (elsewhere / "草稿.json").exists() and list(elsewhere.iterdir()) == []
