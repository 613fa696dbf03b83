"""The 审核 window with real widgets (offscreen): worker thread, sortable list, open a report, export."""

import shutil

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.review_window import COLUMNS, ReviewWindow

from .conftest import FIXTURES, REAL


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XXGK_DATA_DIR", str(tmp_path / "userdata"))


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "各单位报告"
    folder.mkdir()
    for key in ("001", "003", "004"):
        shutil.copy(REAL[key], folder)
    shutil.copy(FIXTURES / "pdf-broken-2021.txt", folder)
    (folder / "损坏.docx").write_bytes(b"not a zip")
    return folder


@pytest.fixture
def window(qtbot):
    opened = []
    w = ReviewWindow(open_report=lambda report, path: opened.append((report, path)))
    w.opened = opened
    qtbot.addWidget(w)
    w.show()
    return w


def _run(qtbot, window, folder):
    with qtbot.waitSignal(window.review_finished, timeout=30000):
        window.start_review(folder)
    assert not window.is_running()


def _column(window, title):
    return COLUMNS.index(title)


def test_review_lists_reports_with_counts_and_sorts(qtbot, window, folder):
    progress = []
    window.progress.valueChanged.connect(progress.append)
    _run(qtbot, window, folder)
    assert window.table.rowCount() == 5
    assert progress[-1] == 5
    names = [window.table.item(r, 0).text() for r in range(5)]
    header = window.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.AscendingOrder)
    assert names[0] == "001_6f6c780c05ed1855.txt"  # file order (Qt collates the Chinese names itself)
    rows = {name: r for r, name in enumerate(names)}
    errors = _column(window, "错误")
    missing = _column(window, "缺失单元格")
    assert window.table.item(rows["004_17b4a8c95a9d1412.txt"], missing).text() == "22"  # table 三 inferred from its zeros
    assert window.table.item(rows["pdf-broken-2021.txt"], errors).text() == "2"
    assert window.table.item(rows["损坏.docx"], errors).text() == ""
    assert "不是有效的 Word 文档" in window.table.item(rows["损坏.docx"], _column(window, "说明")).text()

    window.table.sortItems(errors, Qt.SortOrder.DescendingOrder)
    assert window.table.item(0, 0).text() == "损坏.docx"  # unreadable counts as worst
    assert window.table.item(1, 0).text() == "004_17b4a8c95a9d1412.txt"  # 23 errors: 22 missing cells, the lost heading
    window.table.sortItems(errors, Qt.SortOrder.AscendingOrder)
    assert window.table.item(window.table.rowCount() - 1, 0).text() == "损坏.docx"
    assert "共 5 个文件" in window.status.text() and window.export_button.isEnabled()


def test_double_click_opens_the_report(qtbot, window, folder, monkeypatch):
    _run(qtbot, window, folder)
    row = next(r for r in range(window.table.rowCount()) if window.table.item(r, 0).text() == "001_6f6c780c05ed1855.txt")
    rect = window.table.visualItemRect(window.table.item(row, 1))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(window.opened) == 1
    report, path = window.opened[0]
    assert report.values["active.licensing.decisions"] == 9544
    assert path == folder / "001_6f6c780c05ed1855.txt"

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    broken = next(r for r in range(window.table.rowCount()) if window.table.item(r, 0).text() == "损坏.docx")
    window.table.cellDoubleClicked.emit(broken, 0)
    assert len(window.opened) == 1 and "不是有效的 Word 文档" in warnings[0]


def test_export_writes_the_workbook_where_the_clerk_chooses(qtbot, window, folder, tmp_path, monkeypatch):
    _run(qtbot, window, folder)
    target = tmp_path / "导出" / "县汇总"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    before = sorted(p.name for p in folder.iterdir())
    qtbot.mouseClick(window.export_button, Qt.MouseButton.LeftButton)
    written = target.with_suffix(".xlsx")
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == ["报告清单", "问题清单", "汇总"]
    assert sorted(p.name for p in folder.iterdir()) == before
    assert str(written) in window.status.text()


def test_choose_folder_uses_the_dialog_and_a_missing_folder_is_reported(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path / "不存在")))
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    window.choose_folder()
    qtbot.waitUntil(lambda: not window.is_running() and bool(warnings), timeout=10000)
    assert "不是文件夹" in warnings[0]
    assert window.choose_button.isEnabled() and not window.export_button.isEnabled()


def test_closing_during_a_review_stops_the_worker(qtbot, window, folder):
    for n in range(40):
        shutil.copy(REAL["001"], folder / f"copy-{n:02d}.txt")
    window.start_review(folder)
    assert window.is_running()
    window.close()
    assert not window.is_running()
    qtbot.wait(50)  # the worker's last signal arrives after the close without harm
    assert window.choose_button.isEnabled()
