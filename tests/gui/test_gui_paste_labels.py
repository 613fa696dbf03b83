"""Paste like a spreadsheet user, through the real table: Ctrl+V with labels and headers, one undo step."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

COLS = ("natural", "corp", "research", "welfare", "legal", "other_org")


def _table(w, table="applications"):
    row, page = next((r, p) for r, p in enumerate(w.steps) if table in getattr(p, "tables", {}))
    w.go_step(row)
    view = page.tables[table]
    view.setFocus()
    return page, view


def _ctrl_v(qtbot, view, text):
    QGuiApplication.clipboard().setText(text)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_a_row_copied_with_its_label_lands_on_the_row_it_names(open_sample, qtbot):
    w = open_sample
    page, view = _table(w)
    view.setCurrentIndex(view.model().index_of("applications.new_received.natural"))  # the cursor is on 一
    before = w.document.undo_stack.count()
    old_new = {c: w.document.report.values[f"applications.new_received.{c}"] for c in COLS}
    _ctrl_v(qtbot, view, "二、上年结转政府信息公开申请数量\t3\t1\t0\t0\t0\t2\t6\r\n")
    values = w.document.report.values
    assert [values[f"applications.carried_over.{c}"] for c in COLS] == [3, 1, 0, 0, 0, 2]
    assert {c: values[f"applications.new_received.{c}"] for c in COLS} == old_new
    assert w.document.undo_stack.count() == before + 1
    message = page.table_messages["applications"]
    assert "已按栏目名称粘贴 6 个单元格" in message.text() and "自动计算" in message.text()
    # The pasted cells are selected, so the clerk sees where they went.
    selected = {i.data(Qt.ItemDataRole.UserRole + 1) for i in view.selectionModel().selectedIndexes()}
    assert selected == {f"applications.carried_over.{c}" for c in COLS}
    w.undo_action.trigger()
    assert values["applications.carried_over.natural"] != 3 or values["applications.carried_over.corp"] != 1


def test_a_block_with_header_rows_and_labels(open_sample, qtbot):
    w = open_sample
    _page, view = _table(w)
    view.setCurrentIndex(view.model().index_of("applications.granted.natural"))
    _ctrl_v(qtbot, view, "\t商业企业\t其他\n（三）不予公开1．属于国家秘密\t4\t5\n四、结转下年度继续办理\t6\t7\n")
    v = w.document.report.values
    assert (v["applications.deny_secret.corp"], v["applications.deny_secret.other_org"]) == (4, 5)
    assert (v["applications.carried_forward.corp"], v["applications.carried_forward.other_org"]) == (6, 7)


def test_a_label_that_matches_nothing_refuses_and_names_it(open_sample, qtbot):
    w = open_sample
    page, view = _table(w)
    before = dict(w.document.report.values)
    count = w.document.undo_stack.count()
    _ctrl_v(qtbot, view, "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n本年新申请\t2\t0\t0\t0\t0\t0\t2\n")
    message = page.table_messages["applications"]
    assert "「本年新申请」" in message.text() and "未粘贴任何内容" in message.text()
    assert w.document.report.values == before and w.document.undo_stack.count() == count
