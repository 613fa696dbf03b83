"""What a clerk and a reviewer met walking through the wizard with the keyboard only."""

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from gui.document import ReportDocument
from gui.importing import ImportSummaryDialog, import_advice
from gui.review_window import ReviewWindow
from gui.widgets import ERROR_COLOR, WARNING_COLOR
from report.importer import import_file
from report.model import Report

#: The real reports, as committed for the importer's tests.
REAL = Path(__file__).parents[1] / "importer" / "fixtures"
REPORT_001 = next(REAL.glob("001_*.txt"))
REPORT_004 = next(REAL.glob("004_*.txt"))


def _page(window, key):
    return next((row, page) for row, page in enumerate(window.steps) if page.key == key)


def test_an_opened_report_has_the_focus_on_its_first_field(open_sample, qtbot):
    # The start page's button had the focus; without this nothing had it and typing went nowhere.
    basic = open_sample.steps[0]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is basic.fields["org_name"])


def test_ctrl_pgdown_puts_the_focus_in_the_next_step(open_sample, qtbot):
    w = open_sample
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.steps[0].fields["org_name"])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    _, section_1 = _page(w, "一")
    assert w.current_step() is section_1
    first_editor = next(iter(section_1.editors.values())).editor
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first_editor)


def test_changing_the_format_from_the_keyboard_rebuilds_the_steps_cleanly(open_sample, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    w = open_sample
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    combo = w.steps[0].format_combo
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    combo.setCurrentIndex(combo.findData("2019"))
    # The old page lost the focus to a table of the old format, which looked up
    # cells the new format does not have (KeyError in the event loop).
    combo.activated.emit(combo.currentIndex())
    assert w.document.report.format_id == "2019"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.steps[0].fields["org_name"])


def test_a_warning_under_a_text_box_is_amber_and_an_error_red(open_sample):
    w = open_sample
    row, page = _page(w, "一")
    w.go_step(row)
    w.document.edit_text("overview_on_request", "本年度共收到政府信息公开申请1件。")
    label = page.editors["overview_on_request"].findings_label
    findings = w.document.by_text["overview_on_request"]
    assert findings and all(f.severity == "warning" for f in findings)
    assert label.isVisibleTo(page) and "［提示］" in label.text()
    assert WARNING_COLOR in label.styleSheet() and ERROR_COLOR not in label.styleSheet()


def test_an_empty_acknowledgement_reason_is_asked_again(open_sample, monkeypatch):
    w = open_sample
    w.document.edit_text("overview_on_request", "本年度共收到政府信息公开申请1件。")
    panel = w.findings_panel
    row = next(i for i, f in enumerate(panel.model.findings) if f.severity == "warning")
    warning = panel.model.findings[row]
    panel.list.setCurrentIndex(panel.model.index(row))
    answers = [("  ", True), ("经核实，数字无误", True)]
    prompts = []

    def get_text(parent, title, label, *args, **kwargs):
        prompts.append(label)
        return answers.pop(0)

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    panel.acknowledge_current()
    assert len(prompts) == 2 and "理由不能为空" in prompts[1] and warning.code in prompts[0]
    assert w.document.report.acknowledged[warning.key] == "经核实，数字无误"


def test_an_unsaved_report_is_named_by_its_title(window):
    report = Report.new(2021, "某镇人民政府")
    window.set_document(ReportDocument(report))
    assert window.windowTitle().startswith("某镇人民政府2021年政府信息公开工作年度报告[*]")
    window.document.edit_header("org_name", "某街道办事处")
    assert window.windowTitle().startswith("某街道办事处2021年")


def test_review_window_opens_a_row_with_enter(app, qtbot, tmp_path):
    folder = tmp_path / "各单位报告"
    folder.mkdir()
    shutil.copy(REPORT_001, folder)
    opened = []
    review = ReviewWindow(open_report=lambda report, path: opened.append(path))
    qtbot.addWidget(review)
    review.show()
    assert not review.progress.isVisible()  # no 「0 / 100」 before anything was reviewed
    with qtbot.waitSignal(review.review_finished, timeout=30000):
        review.start_review(folder)
    assert review.progress.isVisible()
    review.table.setFocus()
    review.table.selectRow(0)
    qtbot.keyClick(review.table, Qt.Key.Key_Return)
    assert opened == [folder / REPORT_001.name]
    assert "Enter" in review.status.text()


def test_import_summary_explains_every_number_of_its_headline(app, qtbot):
    _report, summary = import_file(REPORT_004)
    assert summary.missing and summary.assumed
    advice = import_advice(summary)
    assert f"{len(summary.missing)} 个单元格已留空" in advice
    assert f"「推定」的 {len(summary.assumed)} 处" in advice
    dialog = ImportSummaryDialog(summary)
    qtbot.addWidget(dialog)
    assert advice in [label.text() for label in dialog.findChildren(type(dialog.headline))]
    _, complete = import_file(REPORT_001)
    assert "全部单元格都已找到" in import_advice(complete)


def test_a_small_window_narrows_the_side_panels_so_table_three_fits(open_sample, qtbot):
    from gui.constants import STEP_LIST_NARROW, STEP_LIST_WIDTH

    w = open_sample
    row, page = _page(w, "三")
    w.go_step(row)
    view = page.tables["applications"]
    assert w.step_list.width() == STEP_LIST_WIDTH
    w.resize(1024, 600)
    qtbot.waitUntil(lambda: w.step_list.width() == STEP_LIST_NARROW)
    # Every column of 三 is visible at once: no scrolling sideways on every row.
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    widths = [view.columnWidth(c) for c in range(view.model().columnCount())]
    assert sum(widths) <= view.viewport().width()
    w.resize(1366, 768)
    qtbot.waitUntil(lambda: w.step_list.width() == STEP_LIST_WIDTH)


def test_a_draft_with_errors_is_named_and_announced_as_a_draft(open_sample, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    w = open_sample
    w.document.edit_cells({"applications.new_received.natural": 1}, "t")
    assert w.document.result.errors
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes))
    proposals = []
    target = tmp_path / "报告.docx"

    def save_dialog(parent, title, proposal, filter_):
        proposals.append(Path(proposal).name)
        return str(target), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    row, page = _page(w, "finish")
    w.go_step(row)
    with qtbot.waitSignal(page.generated, timeout=20000):
        page.generate()
    assert proposals == ["米易县人民政府办公室2021年政府信息公开工作年度报告（草稿）.docx"]
    text = page.message.text()
    assert "带「草稿」标记" in text and "不能作为正式报告" in text
    assert WARNING_COLOR in page.message.styleSheet()


def test_the_format_note_belongs_to_the_window_not_to_the_replaced_page(open_sample, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    w = open_sample
    parents = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, *a, **k: parents.append(parent)))
    old_basic = w.steps[0]
    combo = old_basic.format_combo
    combo.setCurrentIndex(combo.findData("2019"))
    combo.activated.emit(combo.currentIndex())
    # The old 基本信息 page is scheduled for deletion: a message box parented to it
    # was destroyed with it when its event loop ran the deletion (a crash).
    assert old_basic not in w.steps
    assert parents == [w]


def test_the_error_dialog_says_truthfully_where_the_work_is(open_sample, monkeypatch):
    from gui import error_dialog, errors
    from gui.autosave import autosave_path

    w = open_sample
    shown = []
    monkeypatch.setattr(error_dialog.ErrorDetailsDialog, "exec", lambda self: shown.append(self.intro.text()) or 0)
    monkeypatch.setattr(errors, "dialog_possible", lambda: True)  # as if a clerk watched a real screen
    hook = errors._Hook()
    hook(RuntimeError, RuntimeError("boom"), None)
    assert "没有未保存的修改" in shown[-1] and "备份" not in shown[-1]
    # Just typed: the timed autosave has not run yet; the error saves it before promising it.
    w.document.edit_cells({"applications.new_received.natural": 4321}, "t")
    assert not autosave_path().exists()
    hook(RuntimeError, RuntimeError("boom"), None)
    assert "已自动保存到备份文件" in shown[-1]
    assert "4321" in autosave_path().read_text(encoding="utf-8")
    # An autosave that fails is not called a backup.
    monkeypatch.setattr("gui.autosave.write_atomic", lambda *a, **k: (_ for _ in ()).throw(OSError("磁盘已满")))
    autosave_path().unlink()
    w.document.edit_cells({"applications.new_received.natural": 4322}, "t")
    hook(RuntimeError, RuntimeError("boom"), None)
    assert "自动保存没有成功" in shown[-1]


def test_a_carried_draft_names_the_texts_that_still_speak_of_last_year(window, sample_2021, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from report import draft

    sample_2021.texts["overview_active"] = "2021年，本机关主动公开政府信息100条。"
    last = tmp_path / "2021.json"
    draft.save(sample_2021, last)
    shown = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(last), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: shown.append(a[2])))
    window.from_last_year()
    assert window.document.report.header.year == 2022
    heading = window.document.format.section_of_text("overview_active").heading
    title = window.document.format.text_field("overview_active").title
    assert "写着「2021年」" in shown[0]
    # the opening's year moves on by itself (report.carry), so it is not listed
    assert "· 开头语" not in shown[0]
    assert "2022年度" in window.document.report.header.opening
    assert f"· {heading}{title}" in shown[0]


def _mnemonics(window):
    import re

    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWidget

    keys = {}
    texts = [a.text() for a in window.menuBar().actions()]
    for w in window.findChildren(QWidget):
        if w.isVisible() and isinstance(w, (QAbstractButton, QLabel)):
            texts.append(w.text())
        elif w.isVisible() and isinstance(w, QGroupBox):
            texts.append(w.title())
    for text in texts:
        match = re.search(r"&([^&])", text or "")
        if match:
            keys.setdefault(match.group(1).upper(), []).append(text)
    return {key: found for key, found in keys.items() if len(found) > 1}


def test_no_two_alt_keys_clash_on_any_step(open_sample):
    # Alt+G on 检查并生成 only moved the focus between 生成报告 and the panel's 转到;
    # Alt+F on 基本信息 no longer opened the 文件 menu.
    w = open_sample
    clashes = {}
    for row, page in enumerate(w.steps):
        w.go_step(row)
        found = _mnemonics(w)
        if found:
            clashes[page.key] = found
    assert not clashes


def test_a_full_width_input_method_commit_replaces_the_cell(open_sample, qtbot, ime_type):
    # Full-width mode commits 「１」 with no composition: Qt used to open the editor on the
    # old value and drop the character, so 「１２」 was stored as 2.
    w = open_sample
    row, page = _page(w, "三")
    w.go_step(row)
    view = page.tables["applications"]
    cell = "applications.new_received.natural"
    view.setCurrentIndex(view.model().index_of(cell))
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    ime_type(view, "１")
    editor = QApplication.focusWidget()
    assert editor is not view and editor.text() == "１"
    ime_type(editor, "２")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.document.report.values[cell] == 12)
    view.setCurrentIndex(view.model().index_of(cell))
    view.setFocus()
    ime_type(view, "无")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.document.report.values[cell] == 0)


def test_importing_our_own_docx_says_it_was_restored_exactly(app, sample_2021, tmp_path):
    from report.render import render_docx

    path = tmp_path / "米易县2021年报.docx"
    render_docx(sample_2021, path)
    _report, summary = import_file(path)
    assert summary.exact
    advice = import_advice(summary)
    # Not 「报告自己印的合计数已保留」: our document's totals are the program's own.
    assert "原样恢复" in advice and "印的合计数" not in advice


def test_review_window_keeps_the_note_column_readable_in_a_small_window(app, qtbot):
    from gui.review_window import COLUMNS, NOTE_MIN

    review = ReviewWindow()
    qtbot.addWidget(review)
    review.show()
    review.resize(1024, 600)
    note = len(COLUMNS) - 1
    # 说明 used to be squeezed to a few characters behind fixed-width 文件 and 机关名称 columns.
    qtbot.waitUntil(lambda: review.table.columnWidth(note) >= NOTE_MIN - 2)
    widths = sum(review.table.columnWidth(c) for c in range(len(COLUMNS)))
    assert widths <= review.table.viewport().width() + 2
