"""Messages go away when their cause does, name only what the format has, and a computed cell says what it is."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit

from gui.document import ReportDocument
from report.model import Report

NATURAL = "applications.new_received.natural"


def _table(w, table="applications"):
    row, page = next((r, p) for r, p in enumerate(w.steps) if table in getattr(p, "tables", {}))
    w.go_step(row)
    view = page.tables[table]
    view.setFocus()
    return page, view


def _type_into(qtbot, view, cell_id, text):
    view.setCurrentIndex(view.model().index_of(cell_id))
    qtbot.keyClicks(view, text[0])
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)  # Qt commits Return queued


def test_a_refusal_goes_away_once_a_value_is_accepted_elsewhere(open_sample, qtbot):
    w = open_sample
    page, view = _table(w)
    message = page.table_messages["applications"]
    _type_into(qtbot, view, NATURAL, "abc")
    assert message.isVisibleTo(page) and "不是数字" in message.text()
    _type_into(qtbot, view, "applications.new_received.corp", "3")  # corrected elsewhere
    assert message.text() == "" and not message.isVisibleTo(page)


def test_a_refusal_goes_away_when_the_same_value_is_typed_correctly(open_sample, qtbot):
    w = open_sample
    page, view = _table(w)
    message = page.table_messages["applications"]
    old = w.document.report.display_value(NATURAL)
    _type_into(qtbot, view, NATURAL, "x1")
    assert message.text()
    _type_into(qtbot, view, NATURAL, old)  # the stored value again: no change, but the cause is gone
    assert message.text() == ""


def test_the_negative_number_message_names_only_the_formats_columns(window, qtbot):
    w = window
    w.set_document(ReportDocument(Report.new(2021, "某局")))
    page, view = _table(w)
    _type_into(qtbot, view, NATURAL, "-3")
    text = page.table_messages["applications"].text()
    assert "件数不能为负数" in text and "本年增" not in text
    w.set_document(ReportDocument(Report.new(2020, "某局", "2019")))
    page, view = _table(w, "active")
    _type_into(qtbot, view, "active.licensing.prev_items", "-3")
    assert "只有「本年增/减」可以填负数" in page.table_messages["active"].text()
    w.document.undo_stack.setClean()


def test_typing_into_a_computed_cell_says_it_is_computed_and_from_what(open_sample, qtbot):
    w = open_sample
    page, view = _table(w)
    total = "applications.new_received.total"
    before = w.document.report.values[total]
    view.setCurrentIndex(view.model().index_of(total))
    qtbot.keyClicks(view, "9")
    text = page.table_messages["applications"].text()
    assert "「三、一·总计」是自动计算的合计，等于各申请人之和" in text and "「三、一·自然人」至「三、一·其他」" in text
    assert w.document.report.values[total] == before
    assert not isinstance(QApplication.focusWidget(), QLineEdit)  # no editor opened for nothing
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "自动计算" in page.table_messages["applications"].text()


def test_a_refused_fee_text_and_its_message_go_together(open_sample, qtbot):
    w = open_sample
    row, page = next((r, p) for r, p in enumerate(w.steps) if getattr(p, "fee_edits", None))
    w.go_step(row)
    field = w.document.format.fee_fields[0]
    edit = page.fee_edits[field.key]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "abc")
    assert "不是数字" in page.fee_message.text()
    edit.editingFinished.emit()  # the clerk leaves the box: the stored value is shown again
    assert page.fee_message.text() == ""
