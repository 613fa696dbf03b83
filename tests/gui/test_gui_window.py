"""The main window: steps, findings, acknowledgements, files, closing, format change, text steps."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from gui.document import ReportDocument
from gui.steps import BasicStep, FinishStep, SectionStep
from gui.table_model import SEVERITY_ROLE
from report import draft

NATURAL = "applications.new_received.natural"


def _step(window, key):
    for row, page in enumerate(window.steps):
        if page.key == key:
            return row, page
    raise KeyError(key)


def test_steps_follow_the_format(open_sample):
    w = open_sample
    fmt = w.document.format
    titles = [w.step_list.item(i).text().split("\n")[0].rstrip(" ✓") for i in range(w.step_list.count())]
    assert titles == ["基本信息", *(s.heading for s in fmt.sections), "检查并生成"]
    assert isinstance(w.steps[0], BasicStep) and isinstance(w.steps[-1], FinishStep)
    assert all(isinstance(p, SectionStep) for p in w.steps[1:-1])


def test_title_shows_file_and_modified_mark(open_sample):
    w = open_sample
    assert w.windowTitle().startswith("sample.json[*]")
    assert not w.isWindowModified()
    w.document.edit_cells({NATURAL: 1}, "t")
    assert w.isWindowModified()
    w.document.undo_stack.undo()
    assert not w.isWindowModified()


def test_back_next_and_free_jumping(open_sample, qtbot):
    w = open_sample
    w.go_step(0)
    qtbot.mouseClick(w.next_button, Qt.MouseButton.LeftButton)
    assert w.current_step().key == "一"
    w.step_list.setCurrentRow(len(w.steps) - 1)
    assert w.current_step().key == "finish"
    assert not w.next_button.isEnabled()
    qtbot.mouseClick(w.back_button, Qt.MouseButton.LeftButton)
    assert w.current_step().key == "六"


def test_counts_only_on_visited_steps(open_sample):
    w = open_sample
    w.document.edit_cells({NATURAL: w.document.report.values[NATURAL] + 1}, "t")  # breaks E1 / E3 in 三
    row3, _ = _step(w, "三")
    assert "错误" not in w.step_list.item(row3).text()
    w.go_step(row3)
    assert "错误" in w.step_list.item(row3).text()
    row5, _ = _step(w, "五")
    assert "错误" not in w.step_list.item(row5).text()


def test_errors_never_block_moving(open_sample):
    w = open_sample
    w.document.edit_cells({NATURAL: 123456}, "t")
    assert w.document.result.errors
    for row in range(len(w.steps)):
        w.go_step(row)
        assert w.step_list.currentRow() == row


def test_finding_jumps_to_its_cells(open_sample, qtbot):
    w = open_sample
    w.go_step(0)
    w.document.edit_cells({NATURAL: w.document.report.values[NATURAL] + 5}, "t")
    panel = w.findings_panel
    row = next(i for i, f in enumerate(panel.model.findings) if f.cells)
    finding = panel.model.findings[row]
    index = panel.model.index(row)
    rect = panel.list.visualRect(index)
    with qtbot.waitSignal(panel.findingActivated):
        qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    step = w.current_step()
    assert step.key == w.document.step_of(finding) == "三"
    view = step.tables["applications"]
    selected = {i.data(Qt.ItemDataRole.UserRole + 1) for i in view.selectionModel().selectedIndexes()}
    assert selected == {c.id for c in finding.cells}
    assert view.model().index_of(finding.cells[0].id).data(SEVERITY_ROLE) == "error"


def test_acknowledge_a_warning_with_a_reason(open_sample, monkeypatch):
    w = open_sample
    # A count that grows far beyond last year's stays a warning: find one, whatever it is.
    report = w.document.report
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请1件。"
    w.document.recheck()
    panel = w.findings_panel
    row = next(i for i, f in enumerate(panel.model.findings) if f.severity == "warning")
    warning = panel.model.findings[row]
    panel.list.setCurrentIndex(panel.model.index(row))
    assert panel.ack_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("经核实，数字无误", True)))
    panel.acknowledge_current()
    assert report.acknowledged[warning.key] == "经核实，数字无误"
    now = next(f for f in w.document.result.findings if f.key == warning.key)
    assert now.acknowledged == "经核实，数字无误"
    assert "已确认" in panel.model.index(row).data()
    # The acknowledgement is a change like any other: undoable, and saved with the draft.
    w.document.undo_stack.undo()
    assert warning.key not in report.acknowledged


def test_errors_cannot_be_acknowledged(open_sample):
    w = open_sample
    w.document.edit_cells({NATURAL: 1}, "t")
    panel = w.findings_panel
    panel.list.setCurrentIndex(panel.model.index(0))
    assert panel.current_finding().severity == "error"
    assert not panel.ack_button.isEnabled()


def test_undo_redo_shortcuts_reach_the_report_from_a_text_box(open_sample, qtbot, ime_type):
    w = open_sample
    row, page = _step(w, "五")
    w.go_step(row)
    editor = page.editors["problems"].editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    ime_type(editor, "新增一句")
    assert w.document.report.texts["problems"].endswith("新增一句")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not w.document.report.texts["problems"].endswith("新增一句")
    assert not editor.toPlainText().endswith("新增一句")
    qtbot.keyClick(editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText().endswith("新增一句")


def test_header_edits_and_undo_from_a_line_edit(open_sample, qtbot, ime_type):
    w = open_sample
    w.go_step(0)
    basic = w.steps[0]
    edit = basic.fields["org_name"]
    edit.setFocus()
    edit.selectAll()
    ime_type(edit, "某镇人民政府")
    assert w.document.report.header.org_name == "某镇人民政府"
    assert "某镇人民政府" in basic.fields["title"].placeholderText()
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.document.report.header.org_name == "米易县人民政府办公室"
    assert edit.text() == "米易县人民政府办公室"


def test_missing_org_name_is_shown_on_the_basic_step(open_sample, qtbot):
    w = open_sample
    basic = w.steps[0]
    w.document.edit_header("org_name", "")
    assert basic.messages["org_name"].isVisibleTo(basic)
    assert "机关名称" in basic.messages["org_name"].text()
    finding = next(f for f in w.document.result.errors if "org_name" in f.header_fields)
    w.go_step(3)
    w.show_finding(finding)
    assert w.current_step() is basic
    qtbot.waitUntil(lambda: QApplication.focusWidget() is basic.fields["org_name"])


def test_default_opening_inserted(open_sample):
    w = open_sample
    basic = w.steps[0]
    w.document.edit_header("opening", "")
    basic.insert_suggestion("opening")
    assert w.document.report.header.opening == w.document.report.default_opening()


def test_text_step_shows_prose_findings_and_inserts_numbers(open_sample):
    w = open_sample
    row, page = _step(w, "一")
    w.go_step(row)
    box = page.editors["overview_on_request"]
    box.editor.setPlainText("本年度共收到政府信息公开申请3件。")
    assert box.findings_label.isVisibleTo(page)
    assert "W10" in {f.code for f in w.document.by_text["overview_on_request"]}
    box.editor.setPlainText("")
    box.insert_sentence()
    total = w.document.report.values["applications.new_received.total"]
    assert f"收到政府信息公开申请{total}件" in w.document.report.texts["overview_on_request"]
    assert not [f for f in w.document.by_text.get("overview_on_request", []) if f.code == "W10"]
    assert "字" in box.count_label.text()


def test_paragraph_breaks_are_kept(open_sample):
    w = open_sample
    _, page = _step(w, "五")
    page.editors["improvements"].editor.setPlainText("第一段。\n第二段。")
    assert w.document.report.texts["improvements"] == "第一段。\n第二段。"


def test_fee_fields_and_sentence(open_sample):
    w = open_sample
    _, page = _step(w, "六")
    fmt = w.document.format
    assert set(page.fee_edits) == {f.key for f in fmt.fee_fields}
    notices = page.fee_edits["notices"]
    notices.setText("")
    notices.textEdited.emit("abc")
    assert page.fee_message.isVisibleTo(page) and "数字" in page.fee_message.text()
    assert w.document.report.fees["notices"] == 3
    notices.textEdited.emit("5")
    assert w.document.report.fees["notices"] == 5
    assert "发出收费通知5件" in page.fee_sentence.text()
    editor = page.editors[fmt.fee_text_field].editor
    editor.setPlainText("")
    page.insert_fee_sentence()
    assert w.document.report.texts[fmt.fee_text_field] == w.document.report.fee_sentence()


def test_changing_the_format_converts_and_shows_notes(open_sample, monkeypatch):
    w = open_sample
    shown = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: shown.append(a[2])))
    basic = w.steps[0]
    combo = basic.format_combo
    combo.setCurrentIndex(combo.findData("2019"))
    combo.activated.emit(combo.currentIndex())
    assert w.document.report.format_id == "2019"
    assert shown and "2019年格式" in shown[0]
    # The steps were rebuilt for the new format's tables.
    _, page = _step(w, "二")
    assert page.tables["active"].model().spec is w.document.format.table("active")
    w.document.undo_stack.undo()
    assert w.document.report.format_id == "2021"


def test_save_reopen_round_trip(open_sample, tmp_path, monkeypatch):
    w = open_sample
    w.document.edit_cells({NATURAL: 4242}, "t")
    target = tmp_path / "另存.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target.with_suffix("")), "")))
    assert w.save_as()
    assert target.exists() and w.document.path == target
    assert not w.isWindowModified()
    assert draft.load(target).values[NATURAL] == 4242
    assert w.open_path(target)
    assert w.document.report.values[NATURAL] == 4242
    from gui import files

    assert files.recent_files()[0] == target.resolve()


def test_ctrl_s_saves_over_the_open_file(open_sample, qtbot):
    w = open_sample
    w.document.edit_cells({NATURAL: 77}, "t")
    w.go_step(0)
    w.steps[0].fields["org_name"].setFocus()
    qtbot.keyClick(w.steps[0].fields["org_name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert draft.load(w.document.path).values[NATURAL] == 77
    assert not w.document.is_modified()


def test_save_failure_is_shown_and_keeps_changes(open_sample, monkeypatch, tmp_path):
    w = open_sample
    w.document.edit_cells({NATURAL: 5}, "t")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(a[2])))
    w.document.path = tmp_path / "no-such-folder" / "x.json"
    assert not w.save()
    assert warnings and "无法写入" in warnings[0]
    assert w.document.is_modified()


@pytest.mark.parametrize("answer,closes,saved", [("取消", False, False), ("不保存", True, False), ("保存", True, True)])
def test_close_with_unsaved_changes_asks(open_sample, monkeypatch, answer, closes, saved):
    w = open_sample
    path = w.document.path
    w.document.edit_cells({NATURAL: 31}, "t")
    asked = []

    def choose(parent, title, text, choices, default, escape):
        asked.append((choices, default))
        return answer

    monkeypatch.setattr("gui.dialogs.choose", choose)
    assert w.close() is closes
    assert asked == [(("保存", "不保存", "取消"), "取消")]
    assert (draft.load(path).values[NATURAL] == 31) is saved
    if not closes:
        assert w.isVisible()


def test_choose_defaults_to_the_safe_button(app, monkeypatch):
    from gui import dialogs

    seen = {}

    def fake_exec(box):
        seen["default"] = box.defaultButton().text()
        seen["escape"] = box.escapeButton().text()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        box.escapeButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert dialogs.choose(None, "t", "x", ("保存", "不保存", "取消"), "取消", "取消") == "取消"
    assert seen == {"default": "取消", "escape": "取消", "buttons": ["不保存", "保存", "取消"]}


def test_open_a_damaged_draft_shows_why(window, tmp_path, monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(a[2])))
    assert not window.open_path(bad)
    assert warnings and "损坏" in warnings[0]
    assert window.document is None


def test_new_report_dialog_follows_the_year(app, qtbot):
    from gui.start_page import NewReportDialog

    dialog = NewReportDialog()
    qtbot.addWidget(dialog)
    dialog.year.setValue(2020)
    assert dialog.format_combo.currentData() == "2019"
    dialog.year.setValue(2022)
    assert dialog.format_combo.currentData() == "2021"
    dialog.accept()
    assert dialog.result() == 0 and dialog.message.text()
    dialog.org.setText("某县人民政府")
    dialog.accept()
    report = dialog.report()
    assert (report.header.org_name, report.header.year, report.format_id) == ("某县人民政府", 2022, "2021")


def test_from_last_year_draft(window, sample_2021, tmp_path, monkeypatch):
    last = tmp_path / "2021.json"
    draft.save(sample_2021, last)
    shown = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(last), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: shown.append(a[2])))
    window.from_last_year()
    report = window.document.report
    assert report.header.year == 2022
    carried = sample_2021.values["applications.carried_forward.natural"]
    assert report.values["applications.carried_over.natural"] == carried
    assert window.document.path is None and window.isWindowModified()
    assert shown and "2022 年度草稿" in shown[0]


def test_from_last_year_generated_docx(window, sample_2021, tmp_path, monkeypatch):
    from report.render import render_docx

    docx = tmp_path / "2021.docx"
    render_docx(sample_2021, docx)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(docx), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    window.from_last_year()
    assert window.document.report.header.year == 2022
    assert (
        window.document.report.values["applications.carried_over.total"]
        == sample_2021.values["applications.carried_forward.total"]
    )


def test_a_docx_that_is_no_report_explains_and_opens_nothing(window, tmp_path, monkeypatch):
    import docx as python_docx

    plain = tmp_path / "plain.docx"
    python_docx.Document().save(plain)
    shown = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(plain), "")))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: shown.append(a[2])))
    window.from_last_year()
    assert window.document is None
    assert shown and "不是政府信息公开工作年度报告" in shown[0]


def test_any_importable_report_is_last_years_source(window, tmp_path, monkeypatch):
    """Last year's report as printed (here the text of a real one): read, carried, missing figures left empty."""
    source = next((Path(__file__).parents[1] / "importer" / "fixtures").glob("001_*.txt"))
    notes = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(source), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: notes.append(a[2])))
    window.from_last_year()
    assert window.document is not None and window.document.path is None
    assert notes and "按文字识别导入" in notes[0]


def test_import_button_without_importer_says_so(window, monkeypatch):
    import sys

    shown = []
    monkeypatch.setitem(sys.modules, "gui.importing", None)  # as in a build without the importer
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: shown.append(a[2])))
    window.start.buttons["导入已有报告"].click()
    assert shown == ["此版本暂不提供该功能。"]


def test_import_button_opens_the_imported_report(window, monkeypatch, sample_2019):
    import sys
    import types

    fake = types.ModuleType("gui.importing")
    fake.import_report_interactive = lambda parent: (sample_2019, types.SimpleNamespace(source="上年.docx"))
    monkeypatch.setitem(sys.modules, "gui.importing", fake)
    window.start.buttons["导入已有报告"].click()
    assert window.document.report is not sample_2019 or window.document.report.format_id == "2019"
    assert window.document.report.header.org_name == sample_2019.header.org_name
    assert window.document.path is None and window.isWindowModified()


def test_review_folder_menu_wiring(window, monkeypatch, sample_2021):
    import sys
    import types

    opened = {}

    class FakeReview:
        def __init__(self, parent=None, open_report=None):
            opened["callback"] = open_report

        def show(self):
            opened["shown"] = True

    fake = types.ModuleType("gui.review_window")
    fake.ReviewWindow = FakeReview
    monkeypatch.setitem(sys.modules, "gui.review_window", fake)
    window.review_folder()
    assert opened["shown"]
    opened["callback"](sample_2021, Path("/tmp/x.docx"))
    assert window.document.report.header.org_name == sample_2021.header.org_name
    assert window.document.path is None


def test_document_replacement_keeps_one_undo_stack_active(open_sample, sample_2019):
    w = open_sample
    w.set_document(ReportDocument(sample_2019))
    assert w.undo_group.activeStack() is w.document.undo_stack
    w.document.edit_cells({NATURAL: 1}, "t")
    assert w.undo_action.isEnabled()


def test_keyboard_only_new_report(window, qtbot, ime_type):
    """From the start page to a typed cell without the mouse."""
    w = window
    assert w.stack.currentWidget() is w.start
    button = w.start.buttons["新建报告"]
    button.setFocus()

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        ime_type(dialog.org, "某县人民政府办公室")
        qtbot.keyClick(dialog.org, Qt.Key.Key_Return)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, fill_dialog)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert w.document is not None
    assert w.document.report.header.org_name == "某县人民政府办公室"
    if not w.isActiveWindow():
        w.activateWindow()  # what the window manager does when a dialog closes; offscreen has none
        qtbot.waitUntil(w.isActiveWindow)
    qtbot.keyClick(w, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(w, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    page = w.current_step()
    assert page.key == "三"
    page.focus_first()
    view = page.tables["applications"]
    assert QApplication.focusWidget() is view
    assert view.currentIndex() == view.model().index_of(NATURAL)
    qtbot.keyClick(view, Qt.Key.Key_8)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.document.report.values[NATURAL] == 8)


def test_help_line_follows_the_current_cell(open_sample):
    w = open_sample
    row, page = _step(w, "三")
    w.go_step(row)
    view = page.tables["applications"]
    spec = w.document.format.cells["applications.carried_over.natural"]
    view.setCurrentIndex(view.model().index_of(spec.id))
    assert w.help_line.text().startswith(spec.display)
    assert spec.help in w.help_line.text() or not spec.help
    label = view.model().index(view.model().index_of(spec.id).row(), 0)
    assert spec.row_label in label.data()
    assert label.data(Qt.ItemDataRole.ToolTipRole)


def test_f9_then_enter_jumps_to_a_finding_by_keyboard(open_sample, qtbot):
    w = open_sample
    w.go_step(0)
    w.document.edit_cells({NATURAL: w.document.report.values[NATURAL] + 3}, "t")
    qtbot.keyClick(w.steps[0].fields["org_name"], Qt.Key.Key_F9)
    panel = w.findings_panel
    assert QApplication.focusWidget() is panel.list
    assert panel.list.currentIndex().row() == 0
    with qtbot.waitSignal(panel.findingActivated):
        qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    assert w.current_step().key == "三"


def test_ctrl_s_while_typing_in_a_cell_saves_the_typed_value(open_sample, qtbot):
    w = open_sample
    row, page = _step(w, "三")
    w.go_step(row)
    view = page.tables["applications"]
    view.setCurrentIndex(view.model().index_of(NATURAL))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_4)
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "56")
    qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert draft.load(w.document.path).values[NATURAL] == 456


def test_printed_totals_can_be_replaced_by_computed_ones(open_sample, sample_2021):
    w = open_sample
    imported = sample_2021
    imported.totals_as_printed = True
    imported.values["applications.new_received.total"] += 1  # a printed total that does not add up
    w.set_document(ReportDocument(imported))
    row, page = _step(w, "三")
    w.go_step(row)
    model = page.tables["applications"].model()
    total = model.index_of("applications.new_received.total")
    assert model.flags(total) & Qt.ItemFlag.ItemIsEditable
    assert any(f.code == "E2" for f in w.document.result.errors)
    page.compute_totals_button.click()
    report = w.document.report
    assert not report.totals_as_printed
    assert not [f for f in w.document.result.errors if f.code == "E2"]
    _, page = _step(w, "三")
    assert (
        not page.tables["applications"]
        .model()
        .flags(page.tables["applications"].model().index_of("applications.new_received.total"))
        & Qt.ItemFlag.ItemIsEditable
    )
    w.document.undo_stack.undo()
    assert w.document.report.totals_as_printed


def test_closing_while_generating_waits_for_the_render(open_sample, tmp_path, monkeypatch):
    w = open_sample
    _, page = _step(w, "finish")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(tmp_path / "r.docx"), "")))
    page.generate()
    assert page.generator.is_running()
    assert w.close()
    assert not page.generator.is_running()
