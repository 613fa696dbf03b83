"""The generic grid model: every table of every format, edits, paste, clear, undo."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from gui.document import ReportDocument
from gui.findings_panel import FindingsModel
from gui.table_model import CELL_ID_ROLE, SEVERITY_ROLE, GridTableModel, parse_tsv
from report.formats import FORMATS
from report.model import Report

NATURAL = "applications.new_received.natural"
ROW_TOTAL = "applications.new_received.total"


@pytest.fixture
def doc(app):
    return ReportDocument(Report.new(2021, "某县人民政府办公室"))


@pytest.mark.parametrize("format_id,table_key", [(f, t.key) for f, fmt in FORMATS.items() for t in fmt.tables])
def test_qtmodeltester_on_every_table(app, qtmodeltester, format_id, table_key):
    year = FORMATS[format_id].first_year
    doc = ReportDocument(Report.new(year, "某县", format_id))
    model = GridTableModel(doc, table_key)
    qtmodeltester.check(model)
    # The model shows exactly the format's cells, each once, at the official places.
    assert sorted(model.cell_ids()) == sorted(c.id for c in FORMATS[format_id].table(table_key).cells)


def test_qtmodeltester_on_findings_model(app, qtmodeltester, doc):
    doc.report.set(NATURAL, 5)  # E1 on two columns
    doc.recheck()
    model = FindingsModel(doc)
    assert model.rowCount() > 0
    qtmodeltester.check(model)


def test_labels_come_from_the_format(doc):
    model = GridTableModel(doc, "applications")
    spec = doc.format.table("applications")
    texts = {model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())}
    for row in spec.rows:
        assert row.label in texts
    for col in spec.columns:
        assert col.label in texts


def test_edit_updates_totals_and_findings(doc, qtbot):
    model = GridTableModel(doc, "applications")
    idx = model.index_of(NATURAL)
    total_idx = model.index_of(ROW_TOTAL)
    assert model.flags(idx) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(total_idx) & Qt.ItemFlag.ItemIsEditable
    with qtbot.waitSignal(
        model.dataChanged,
        check_params_cb=lambda tl, br, roles=(): (
            tl == total_idx
            or (tl.row() <= total_idx.row() <= br.row() and tl.column() <= total_idx.column() <= br.column())
        ),
    ):
        assert model.setData(idx, "12")
    assert doc.report.values[NATURAL] == 12
    assert total_idx.data() == "12"
    # 12 new applications and nothing processed: the balance rule fires on those cells.
    assert any(f.code == "E1" for f in doc.result.errors)
    assert idx.data(SEVERITY_ROLE) == "error"
    assert doc.result.errors[0].message in idx.data(Qt.ItemDataRole.ToolTipRole)


def test_bad_input_is_refused_with_the_parsers_message(doc, qtbot):
    model = GridTableModel(doc, "applications")
    idx = model.index_of(NATURAL)
    model.setData(idx, "7")
    with qtbot.waitSignal(model.inputRefused) as blocker:
        assert not model.setData(idx, "十二")
    assert "不是数字" in blocker.args[1]
    assert doc.report.values[NATURAL] == 7
    assert idx.data() == "7"
    assert doc.undo_stack.count() == 1


def test_full_width_and_unit_input_are_accepted(doc):
    model = GridTableModel(doc, "active")
    fees = model.index_of("active.fees.amount")
    assert model.setData(fees, "３４１５.８９１万元")
    assert doc.report.values["active.fees.amount"] == Decimal("3415.891")


def test_paste_block_is_one_undo_step(doc):
    model = GridTableModel(doc, "applications")
    start = model.index_of(NATURAL)
    outcome = model.paste_text(start, "1\t2\t3\r\n4\t5\t6\r\n")
    assert outcome.ok, outcome.message
    v = doc.report.values
    assert [v[f"applications.new_received.{c}"] for c in ("natural", "corp", "research")] == [1, 2, 3]
    assert [v[f"applications.carried_over.{c}"] for c in ("natural", "corp", "research")] == [4, 5, 6]
    assert v[ROW_TOTAL] == 6
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert v[NATURAL] == 0 and v[ROW_TOTAL] == 0
    doc.undo_stack.redo()
    assert v["applications.carried_over.research"] == 6


def test_bad_paste_changes_nothing_and_names_the_cell(doc):
    model = GridTableModel(doc, "applications")
    start = model.index_of(NATURAL)
    outcome = model.paste_text(start, "1\t2\n3\tabc\n")
    assert not outcome.ok
    assert "第 2 行第 2 列" in outcome.message
    assert doc.format.cells["applications.carried_over.corp"].display in outcome.message
    assert doc.report.values[NATURAL] == 0
    assert doc.undo_stack.count() == 0


def test_paste_onto_labels_or_outside_is_refused(doc):
    model = GridTableModel(doc, "applications")
    label = model.index(model.index_of(NATURAL).row(), 0)
    assert not model.paste_text(label, "1").ok
    last = model.index_of("applications.carried_forward.other_org")
    outcome = model.paste_text(last, "1\t2\t3")
    assert not outcome.ok and "超出" in outcome.message
    assert doc.undo_stack.count() == 0


def test_paste_over_a_total_keeps_the_computed_total(doc):
    model = GridTableModel(doc, "applications")
    start = model.index_of("applications.new_received.other_org")
    outcome = model.paste_text(start, "3\t999")
    assert outcome.ok and "自动计算" in outcome.message
    assert doc.report.values[ROW_TOTAL] == 3


def test_clear_sets_zero_in_one_step(doc):
    model = GridTableModel(doc, "applications")
    model.paste_text(model.index_of(NATURAL), "5\t6")
    cleared = model.clear_cells(
        [model.index_of(NATURAL), model.index_of("applications.new_received.corp"), model.index_of(ROW_TOTAL)]
    )
    assert cleared == 2
    assert doc.report.values[ROW_TOTAL] == 0
    doc.undo_stack.undo()
    assert doc.report.values[ROW_TOTAL] == 11


def test_copy_gives_tab_separated_block(doc):
    model = GridTableModel(doc, "applications")
    model.paste_text(model.index_of(NATURAL), "1\t2\n3\t4")
    indexes = [
        model.index_of(c)
        for c in (
            NATURAL,
            "applications.new_received.corp",
            "applications.carried_over.natural",
            "applications.carried_over.corp",
        )
    ]
    assert model.copy_text(indexes) == "1\t2\n3\t4"


def test_cell_ids_round_trip(doc):
    model = GridTableModel(doc, "appeals")
    for cid in model.cell_ids():
        assert model.index_of(cid).data(CELL_ID_ROLE) == cid


def test_parse_tsv_handles_excel_line_endings():
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_tsv("\n") == []
