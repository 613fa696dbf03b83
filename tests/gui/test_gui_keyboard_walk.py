"""The keyboard walk: every step filled by keys alone, every word found where it was typed.

Ctrl+PgDown moves from step to step; Tab goes from field to field.  A word is typed
(as an input method commits Chinese) into whatever has the focus, so a Tab that landed
on a button would lose the word, and a Tab order that is not the reading order would put
it into the wrong box: both fail here.
"""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from gui.document import ReportDocument
from report.formats.header import HEADER_FIELDS, HeaderKind
from report.model import Report
from report.steps import BASIC, FINISH


def focused():
    return QApplication.focusWidget()


@pytest.mark.parametrize("year,format_id", [(2021, "2021"), (2020, "2019")])
def test_every_step_by_keyboard_alone_keeps_every_word(window, qtbot, ime_type, year, format_id):
    w = window
    w.set_document(ReportDocument(Report.new(year, "", format_id)))
    fmt = w.document.report.format
    expected_header: dict[str, object] = {}
    expected_texts: dict[str, str] = {}
    expected_fees: dict[str, str] = {}
    expected_cells: dict[str, int] = {}

    def tab():
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)

    # 基本信息: every declared field in order, Tab between them.
    assert w.current_step().key == BASIC
    for n, spec in enumerate(HEADER_FIELDS):
        if spec.kind in (HeaderKind.LINE, HeaderKind.TEXT):
            word = f"第{n}项{spec.label}"
            ime_type(focused(), word)
            expected_header[spec.key] = word
        elif spec.kind is HeaderKind.YEAR:
            qtbot.keyClicks(focused(), str(year))  # the box's text is selected when Tab arrives
            expected_header[spec.key] = year
        elif spec.kind is HeaderKind.DATE:
            qtbot.keyClick(focused(), Qt.Key.Key_Space)  # 已确定
            tab()  # the date itself (its proposal is kept); Tab walks its 年/月/日 before leaving it
            date = focused()
            for _ in range(3):
                if focused() is not date:
                    break
                tab()
            assert focused() is not date
            expected_header[spec.key] = "a date"
            continue
        elif spec.kind is HeaderKind.FLAG:
            qtbot.keyClick(focused(), Qt.Key.Key_Space)
            expected_header[spec.key] = True
        tab()
        if spec.kind is HeaderKind.YEAR:
            tab()  # the format follows the year; it is kept

    # Each section: its text boxes in reading order, then its fee fields, then its table's first cell.
    for section in fmt.sections:
        qtbot.keyClick(w, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        page = w.current_step()
        assert page.key == section.number
        for n, key in enumerate(section.text_fields):
            word = f"{section.number}之{n}"
            ime_type(focused(), word)
            expected_texts[key] = word
            tab()
        if fmt.fee_fields and fmt.fee_text_field in section.text_fields:
            for n, field in enumerate(fmt.fee_fields):
                assert isinstance(focused(), QLineEdit), f"Tab left the fee fields for {focused()!r}"
                qtbot.keyClicks(focused(), str(n + 1))
                expected_fees[field.key] = str(n + 1)
                tab()
        for table_key in section.tables:
            assert focused() is page.tables[table_key]
            first = page.tables[table_key].currentIndex().data(Qt.ItemDataRole.UserRole + 1)
            qtbot.keyClicks(focused(), "7")
            qtbot.keyClick(focused(), Qt.Key.Key_Return)
            expected_cells[first] = 7
            qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)  # leave the table
    qtbot.keyClick(w, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert w.current_step().key == FINISH

    report = w.document.report
    for key, value in expected_header.items():
        got = getattr(report.header, key)
        assert (got is not None) if value == "a date" else got == value, (key, got)
    assert {k: report.texts[k] for k in expected_texts} == expected_texts
    assert {k: str(report.fees[k]) for k in expected_fees} == expected_fees
    assert {k: report.values[k] for k in expected_cells} == expected_cells
    # Every text field of the format was reached, none skipped.
    assert set(expected_texts) == {f.key for f in fmt.text_fields}


def test_buttons_come_after_the_boxes_or_by_their_alt_key(open_sample):
    """In 一、总体情况 the 插入表格数字 buttons are reached only after the last text box."""
    w = open_sample
    row, page = next((r, p) for r, p in enumerate(w.steps) if p.key == "一")
    w.go_step(row)
    editors = [e.editor for e in page.editors.values()]
    chain, widget = [], editors[0]
    for _ in range(40):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is editors[0]:
            break
    boxes = [chain.index(e) for e in editors]
    assert boxes == sorted(boxes)
    buttons = [chain.index(e.insert_button) for e in page.editors.values() if e.insert_button in chain]
    assert buttons and min(buttons) > max(boxes)
