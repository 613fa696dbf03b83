"""The 审核 window with real widgets (offscreen): worker thread, sortable list, open a report, export."""

import shutil

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gui.review_window import COLUMNS, ReviewWindow

from .conftest import IMPORTER_FIXTURES as FIXTURES
from .conftest import REAL


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
    assert wb.sheetnames == ["报告清单", "问题清单", "批量问题", "汇总"]
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


# --- the roster, last year's folder, the batch tab, closing ---------------------------------------


def _texts(table, column):
    return [table.item(r, column).text() for r in range(table.rowCount())]


def test_roster_fills_the_batch_and_roster_tabs(qtbot, window, county):
    folder, roster, _ = county
    assert not window.tabs.isTabEnabled(2)
    assert window.set_roster(roster)
    assert "名单.xlsx（4 个单位）" in window.roster_label.text()
    _run(qtbot, window, folder)
    assert window.tabs.tabText(1) == "批量问题（4）" and window.tabs.tabText(2) == "名单核对（4）"
    assert window.tabs.isTabEnabled(2)
    assert _texts(window.batch_table, 1) == ["E9", "E9", "W27", "W28"]
    assert window.batch_table.item(0, 0).text() == "错误"
    assert _texts(window.roster_table, 3) == ["已报送", "已报送", "已报送", "未报送", "不在名单中"]
    assert "未报送 1 个" in window.status.text()

    # A batch finding leads to its report; so does a roster line.
    window.tabs.setCurrentIndex(1)
    window.batch_table.cellDoubleClicked.emit(3, 0)  # W28: the report not on the roster
    assert window.tabs.currentWidget() is window.table
    assert window.table.item(window.table.currentRow(), 0).text() == "米易县文化广播电视和旅游局.docx"
    window.roster_table.cellDoubleClicked.emit(1, 0)
    assert window.table.item(window.table.currentRow(), 0).text() == "自然资源局/攀枝花市米易县自然资源局.docx"

    # Without the roster again: the review runs again and the roster tab is off.
    with qtbot.waitSignal(window.review_finished, timeout=30000):
        window.clear_roster_button.click()
    assert not window.tabs.isTabEnabled(2) and _texts(window.batch_table, 1) == ["W34"]


def test_a_bad_roster_is_refused_and_nothing_changes(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "名单.csv"
    bad.write_text("名字\n甲\n", encoding="utf-8")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(bad), "")))
    window.choose_roster()
    assert "找不到「机关名称」列" in warnings[0]
    assert window.roster is None and window.roster_label.text().startswith("名单：未选择")


def test_last_years_folder_is_used(qtbot, window, tmp_path):
    from .conftest import unit_report, write_report

    this, last = tmp_path / "2021", tmp_path / "2020"
    report = unit_report("米易县教育局", 5)
    report.set_many({"applications.carried_over.natural": 1, "applications.granted.natural": 6})
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请5件，上年结转1件，办结6件。"
    write_report(report, this / "教育局.docx")
    write_report(unit_report("米易县教育局", 5, year=2020), last / "教育局.docx")
    window.set_last_year(last)
    assert window.last_year_label.text() == "上年报告：2020"
    _run(qtbot, window, this)
    assert window.review.reports[0].last_year_name == "教育局.docx"
    assert window.table.item(0, COLUMNS.index("提示")).text() == "2"  # W1 on 自然人 and on 总计


def test_escape_and_the_close_button_close_the_window(qtbot, window):
    assert window.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    window.show()
    qtbot.waitExposed(window)
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    assert not window.isVisible()


def test_name_columns_fit_the_names(qtbot, window, county):
    folder, roster, _ = county
    window.set_roster(roster)
    _run(qtbot, window, folder)
    from gui.review_window import CAPS, FLOORS, NOTE_MIN

    metrics = window.table.fontMetrics()
    longest = max(metrics.horizontalAdvance(t) for t in _texts(window.table, 0))
    note = len(COLUMNS) - 1
    window.resize(1100, 640)  # the window's own size on a screen of 1100 or more
    qtbot.wait(50)
    assert window.table.columnWidth(0) >= FLOORS[0] and window.table.columnWidth(note) >= NOTE_MIN - 2
    for table, column in ((window.roster_table, 0), (window.batch_table, 3), (window.roster_table, 4)):
        widest = max(metrics.horizontalAdvance(t) for t in _texts(table, column))
        assert table.columnWidth(column) >= min(widest, 320), (table, column)
    window.resize(1600, 700)
    qtbot.wait(50)
    assert window.table.columnWidth(0) >= min(longest, CAPS[0])  # room enough: the whole name shows


def test_a_bug_during_the_review_is_logged_and_told_in_chinese(qtbot, window, folder, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise KeyError("internal detail")

    monkeypatch.setattr("gui.review_window.review_folder", broken)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    window.start_review(folder)
    qtbot.waitUntil(lambda: not window.is_running() and bool(warnings), timeout=10000)
    assert "审核时程序内部出错" in warnings[0] and "复制诊断信息" in warnings[0]
    assert "internal detail" not in warnings[0] and "KeyError" not in warnings[0]
    assert window.status.text() == warnings[0]
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)
    assert window.choose_button.isEnabled()
