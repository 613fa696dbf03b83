"""Spreadsheet habits in a real table view: type, Enter/Tab, Delete, copy/paste, refusals."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QApplication

from gui.document import ReportDocument
from gui.table_model import GridTableModel
from gui.table_view import ReportTableView
from report.model import Report

NATURAL = "applications.new_received.natural"


@pytest.fixture
def view(app, qtbot):
    doc = ReportDocument(Report.new(2021, "某县人民政府办公室"))
    model = GridTableModel(doc, "applications")
    v = ReportTableView(model)
    qtbot.addWidget(v)
    v.resize(1000, 700)
    v.show()
    qtbot.waitExposed(v)
    return v


def _type(qtbot, view, cell_id, text, key=Qt.Key.Key_Return):
    idx = view.model().index_of(cell_id)
    view.setCurrentIndex(idx)
    view.setFocus()
    qtbot.keyClicks(view, text[0])  # the first key opens the editor and replaces the value
    assert view.state() == QAbstractItemView.State.EditingState
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, text[1:])  # the rest goes where the keyboard now is
    qtbot.keyClick(editor, key)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def _doc(view):
    return view.model().document


def test_typing_replaces_and_enter_moves_down(qtbot, view):
    _doc(view).report.set(NATURAL, 99)
    _type(qtbot, view, NATURAL, "12")
    values = _doc(view).report.values
    assert values[NATURAL] == 12
    assert values["applications.new_received.total"] == 12
    assert view.currentIndex() == view.model().index_of("applications.carried_over.natural")


def test_tab_moves_right(qtbot, view):
    _type(qtbot, view, NATURAL, "3", Qt.Key.Key_Tab)
    assert _doc(view).report.values[NATURAL] == 3
    assert view.currentIndex() == view.model().index_of("applications.new_received.corp")


def test_arrows_move_between_value_cells(qtbot, view):
    view.setCurrentIndex(view.model().index_of(NATURAL))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.currentIndex() == view.model().index_of("applications.new_received.corp")
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex() == view.model().index_of("applications.carried_over.corp")


def test_bad_value_is_refused_next_to_the_cell(qtbot, view):
    messages = []
    view.message.connect(lambda text, is_error: messages.append((text, is_error)))
    _doc(view).report.set(NATURAL, 4)
    _type(qtbot, view, NATURAL, "-2")
    assert _doc(view).report.values[NATURAL] == 4
    assert messages and messages[-1][1] is True
    assert "负数" in messages[-1][0]
    # The cursor stays on the refused cell so the clerk can retype.
    assert view.currentIndex() == view.model().index_of(NATURAL)


def test_delete_clears_selection(qtbot, view):
    model = view.model()
    model.paste_text(model.index_of(NATURAL), "5\t6")
    view.selectionModel().select(model.index_of(NATURAL), view.selectionModel().SelectionFlag.Select)
    view.selectionModel().select(
        model.index_of("applications.new_received.corp"), view.selectionModel().SelectionFlag.Select
    )
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _doc(view).report.values["applications.new_received.total"] == 0


def test_ctrl_c_and_ctrl_v_through_the_clipboard(qtbot, view):
    model = view.model()
    QGuiApplication.clipboard().setText("7\t8\n9\t10\n")  # as Excel puts it
    view.setCurrentIndex(model.index_of(NATURAL))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    values = _doc(view).report.values
    assert values["applications.carried_over.corp"] == 10
    assert _doc(view).undo_stack.count() == 1
    view.selectionModel().clearSelection()
    for cid in (NATURAL, "applications.new_received.corp"):
        view.selectionModel().select(model.index_of(cid), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "7\t8"


def test_bad_paste_reports_and_changes_nothing(qtbot, view):
    messages = []
    view.message.connect(lambda text, is_error: messages.append((text, is_error)))
    view.setCurrentIndex(view.model().index_of(NATURAL))
    view.paste_text("1\t2\tx")
    assert messages[-1][1] is True and "第 1 行第 3 列" in messages[-1][0]
    assert _doc(view).report.values[NATURAL] == 0


def test_merged_cells_follow_the_grid(view):
    model = view.model()
    for cell in model.spans():
        assert view.rowSpan(cell.row, cell.col) == cell.rowspan
        assert view.columnSpan(cell.row, cell.col) == cell.colspan
