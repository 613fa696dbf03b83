"""打开 accepts drafts, our .docx and every importable report; one save question per action; readable dialogs."""

import time
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDialog, QFileDialog

from gui import file_dialogs, files, importing
from report.importer import IMPORTABLE

NATURAL = "applications.new_received.natural"
FIXTURES = Path(__file__).resolve().parents[1] / "importer" / "fixtures"


def test_the_open_filter_lists_drafts_and_every_importable_extension():
    text = files.open_filter()
    first = text.split(";;")[0]
    assert "*.json" in first and all(f"*{ext}" in first for ext in IMPORTABLE)
    assert files.DRAFT_FILTER in text


def test_opening_our_docx_restores_it_without_a_question(open_sample, tmp_path, monkeypatch):
    from report.render import render_docx

    w = open_sample
    report = w.document.report
    expected = dict(report.values)
    docx = tmp_path / "报告.docx"
    render_docx(report, docx, force=True)
    asked = []
    monkeypatch.setattr("gui.dialogs.choose", lambda *a, **k: asked.append(a[1]) or "不保存")
    w.document.edit_cells({NATURAL: 77}, "t")
    assert w.open_path(docx)
    assert asked == ["保存修改"]  # once
    assert w.document.path is None and w.isWindowModified()  # never written over the .docx
    assert w.document.report.values == expected  # the embedded draft, exactly
    assert "已从「报告.docx」中恢复" in w.statusBar().currentMessage()


def test_opening_an_importable_report_goes_through_the_import_summary(window, monkeypatch):
    shown = []
    monkeypatch.setattr(importing.ImportSummaryDialog, "exec", lambda d: shown.append(d) or QDialog.DialogCode.Accepted)
    source = next(FIXTURES.glob("001_*.txt"))
    assert window.open_path(source)
    assert len(shown) == 1 and window.document is not None and window.document.path is None
    assert window.document.report.values["active.licensing.decisions"] == 9544


def test_import_asks_to_save_once(open_sample, monkeypatch, sample_2019):
    import sys
    import types

    w = open_sample
    w.document.edit_cells({NATURAL: 1}, "t")
    asked = []
    monkeypatch.setattr("gui.dialogs.choose", lambda *a, **k: asked.append(a[1]) or "不保存")
    fake = types.ModuleType("gui.importing")
    fake.import_report_interactive = lambda parent: (sample_2019, types.SimpleNamespace(source="旧报告.docx"))
    monkeypatch.setitem(sys.modules, "gui.importing", fake)
    w.import_report()
    assert asked == ["保存修改"]
    assert w.document.report.format_id == "2019"


def test_the_file_dialog_shows_kb_and_chinese_dates_in_readable_columns(app, qtbot, tmp_path):
    (tmp_path / "草稿.json").write_bytes(b"x" * 12_000)
    (tmp_path / "子文件夹").mkdir()
    dialog = QFileDialog(None, "打开", str(tmp_path), files.open_filter())
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    with file_dialogs.readable():
        dialog.show()
    model = dialog.proxyModel()
    assert isinstance(model, file_dialogs.ReadableModel)
    root = model.mapFromSource(model.sourceModel().index(str(tmp_path)))
    deadline = time.monotonic() + 10
    while model.rowCount(root) < 2 and time.monotonic() < deadline:
        app.processEvents()
    rows = {model.index(r, 0, root).data(): r for r in range(model.rowCount(root))}
    draft_row = rows["草稿.json"]
    assert model.index(draft_row, file_dialogs.SIZE_COLUMN, root).data() == "12 KB"
    date = model.index(draft_row, file_dialogs.DATE_COLUMN, root).data()
    now = QDateTime.currentDateTime()
    assert date.startswith(f"{now.date().year()}年{now.date().month()}月")
    assert model.index(rows["子文件夹"], file_dialogs.SIZE_COLUMN, root).data() == ""
    header = dialog.findChild(file_dialogs.QTreeView, "treeView").header()
    assert [header.sectionSize(c) for c in range(4)] == list(file_dialogs.COLUMN_WIDTHS)


def test_sizes_read_like_explorer():
    assert file_dialogs.format_size(0) == "0 KB"
    assert file_dialogs.format_size(1) == "1 KB"
    assert file_dialogs.format_size(1536) == "2 KB"
    assert file_dialogs.format_size(25 * 1024 * 1024) == "25.0 MB"
