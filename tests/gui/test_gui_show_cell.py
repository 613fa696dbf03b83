"""Show the cell: undo, redo, 转到 and a click in 检查结果 scroll to and select exactly the cells concerned."""

from PySide6.QtCore import Qt

COLUMN = ("new_received", "carried_over", "total_processed", "carried_forward")


def _table_step(w, table="applications"):
    return next((r, p) for r, p in enumerate(w.steps) if table in getattr(p, "tables", {}))


def _selected_ids(view):
    return {i.data(Qt.ItemDataRole.UserRole + 1) for i in view.selectionModel().selectedIndexes()}


def _visible(view, cell_id):
    rect = view.visualRect(view.model().index_of(cell_id))
    return view.viewport().rect().intersects(rect)


def test_goto_an_e1_finding_selects_the_four_cells_of_its_column(open_sample, qtbot):
    w = open_sample
    w.go_step(0)
    bottom = "applications.carried_forward.natural"
    w.document.edit_cells({bottom: w.document.report.values[bottom] + 3}, "t")  # the bottom row: E1 on 自然人
    panel = w.findings_panel
    row = next(i for i, f in enumerate(panel.model.findings) if f.code == "E1")
    panel.list.setCurrentIndex(panel.model.index(row))
    panel.goto_button.click()
    _, page = _table_step(w)
    assert w.current_step() is page
    view = page.tables["applications"]
    assert _selected_ids(view) == {f"applications.{r}.natural" for r in COLUMN}
    # The cursor is the cell that was changed, and it is in view (the table scrolled to it).
    assert view.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == bottom
    assert _visible(view, bottom)
    assert view.hasFocus()


def test_a_click_in_the_findings_list_does_the_same(open_sample, qtbot):
    w = open_sample
    w.go_step(0)
    w.document.edit_cells({"applications.new_received.corp": w.document.report.values["applications.new_received.corp"] + 2}, "t")
    panel = w.findings_panel
    row = next(i for i, f in enumerate(panel.model.findings) if f.code == "E1")
    index = panel.model.index(row)
    panel.list.scrollTo(index)
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=panel.list.visualRect(index).center())
    _, page = _table_step(w)
    assert w.current_step() is page
    assert _selected_ids(page.tables["applications"]) == {f"applications.{r}.corp" for r in COLUMN}


def test_undo_and_redo_go_to_the_cell_and_select_it(open_sample, qtbot):
    w = open_sample
    _, page = _table_step(w)
    view = page.tables["applications"]
    cell = "applications.carried_forward.legal"  # far down the table
    w.document.edit_cells({cell: 5}, "t")
    w.go_step(0)  # the clerk has moved on to 基本信息
    view.scrollToTop()
    w.undo_action.trigger()
    assert w.current_step() is page
    assert _selected_ids(view) == {cell}
    assert _visible(view, cell)
    w.go_step(0)
    view.scrollToTop()
    w.redo_action.trigger()
    assert w.current_step() is page and _selected_ids(view) == {cell} and _visible(view, cell)
    assert w.document.report.values[cell] == 5


def test_undo_of_a_paste_selects_exactly_the_pasted_block(open_sample):
    w = open_sample
    row, page = _table_step(w)
    w.go_step(row)
    view = page.tables["applications"]
    view.setCurrentIndex(view.model().index_of("applications.granted.natural"))
    view.paste_text("1\t2\n3\t4")
    w.go_step(0)
    w.undo_action.trigger()
    assert _selected_ids(view) == {
        "applications.granted.natural", "applications.granted.corp",
        "applications.partial.natural", "applications.partial.corp",
    }


def test_undo_of_a_text_edit_shows_its_box(open_sample, qtbot, ime_type):
    w = open_sample
    row, page = next((r, p) for r, p in enumerate(w.steps) if p.key == "五")
    w.go_step(row)
    editor = page.editors["problems"].editor
    editor.setFocus()
    ime_type(editor, "再加一句")
    w.go_step(0)
    w.undo_action.trigger()
    assert w.current_step() is page
    qtbot.waitUntil(editor.hasFocus)
    assert not w.document.report.texts["problems"].endswith("再加一句")


def test_undo_of_a_header_edit_shows_its_field(open_sample, qtbot):
    w = open_sample
    w.document.edit_header("doc_number", "某〔2022〕9号")
    row, _ = _table_step(w)
    w.go_step(row)
    w.undo_action.trigger()
    assert w.current_step() is w.steps[0]
    qtbot.waitUntil(lambda: w.steps[0].fields["doc_number"].hasFocus())
