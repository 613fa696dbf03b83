"""Pasting a spreadsheet block into an official table: numbers only, with labels, with headers."""

import pytest

from report.formats import get_format
from report.model import Report
from report.paste import PasteRefused, parse_tsv, plan_paste

COLS = ("natural", "corp", "research", "welfare", "legal", "other_org")


def at(fmt_id, table, cell):
    """The grid position of a cell (the cursor)."""
    cells, _, _ = get_format(fmt_id).table(table).grid
    return next((c.row, c.col) for c in cells if c.cell_id == cell)


@pytest.fixture
def r2021():
    return Report.new(2021, "某县人民政府办公室")


def test_numbers_only_go_from_the_cursor(r2021):
    plan = plan_paste(r2021, "applications", "1\t2\n3\t4", at("2021", "applications", "applications.new_received.natural"))
    assert plan.changes == {
        "applications.new_received.natural": 1, "applications.new_received.corp": 2,
        "applications.carried_over.natural": 3, "applications.carried_over.corp": 4,
    }
    assert not plan.by_label and not plan.by_header


def test_a_row_with_its_label_goes_to_the_row_it_names(r2021):
    # The cursor is on 一; the label says 二: the numbers go to 二, the label cell is skipped.
    text = "二、上年结转政府信息公开申请数量\t3\t1\t0\t0\t0\t2\t6"
    plan = plan_paste(r2021, "applications", text, at("2021", "applications", "applications.new_received.natural"))
    assert [plan.changes[f"applications.carried_over.{c}"] for c in COLS] == [3, 1, 0, 0, 0, 2]
    assert not any(cid.startswith("applications.new_received.") for cid in plan.changes)
    assert plan.skipped_derived == 1  # the pasted 总计 is computed, not taken
    assert plan.by_label and "按栏目名称" in plan.summary()


def test_labels_as_excel_copies_merged_cells(r2021):
    # Three label columns (三、 / （三） / 1.), the merged ones empty, full-width punctuation.
    text = (
        "三、本年度办理结果\t（一）予以公开\t\t5\t0\t0\t0\t0\t1\t6\n"
        "\t（三）不予公开\t1．属于国家秘密\t1\t0\t0\t0\t0\t0\t1\n"
        "\t（六）其他处理\t3．其他\t2\t0\t0\t0\t0\t0\t2\n"
    )
    plan = plan_paste(r2021, "applications", text, None)
    assert plan.changes["applications.granted.natural"] == 5
    assert plan.changes["applications.granted.other_org"] == 1
    assert plan.changes["applications.deny_secret.natural"] == 1
    assert plan.changes["applications.other_other.natural"] == 2
    assert len(plan.changes) == 18


def test_a_label_that_matches_nothing_refuses_and_is_named(r2021):
    with pytest.raises(PasteRefused, match="「本年新申请」与申请情况表的任何一行都对不上"):
        plan_paste(r2021, "applications", "本年新申请\t10\t0\t0\t0\t0\t0\t10", None)


def test_header_rows_place_the_columns(r2021):
    text = "\t其他\t商业企业\n四、结转下年度继续办理\t7\t2"
    plan = plan_paste(r2021, "applications", text, None)
    assert plan.changes == {"applications.carried_forward.other_org": 7, "applications.carried_forward.corp": 2}
    assert plan.by_header


def test_the_three_header_rows_of_table_three(r2021):
    text = (
        "申请人情况\t\t\t\t\t\t\n"
        "自然人\t法人或其他组织\t\t\t\t\t总计\n"
        "\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n"
        "5\t1\t0\t0\t0\t2\t8"
    )
    plan = plan_paste(r2021, "applications", text, at("2021", "applications", "applications.granted.natural"))
    assert [plan.changes[f"applications.granted.{c}"] for c in COLS] == [5, 1, 0, 0, 0, 2]


def test_an_ambiguous_header_asks_for_the_row_above(r2021):
    with pytest.raises(PasteRefused, match="「结果维持」在复议诉讼表中有 3 处"):
        plan_paste(r2021, "appeals", "结果维持\t结果纠正\n1\t2", None)
    text = (
        "行政复议\t\t\t\t\t行政诉讼\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\n"
        "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\n"
        "1\t2\t3\t4\t10\t5\t6\t7\t8\t26\t9"
    )
    plan = plan_paste(r2021, "appeals", text, None)
    assert plan.changes["appeals.direct.correct"] == 6 and plan.changes["appeals.after_review.maintain"] == 9
    assert plan.skipped_derived == 2


def test_block_table_copied_whole_with_captions_and_merged_cells(r2021):
    text = (
        "第二十条第（一）项\t\t\t\n"
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n"
        "规章\t1\t2\t3\n"
        "行政规范性文件\t4\t5\t6\n"
        "第二十条第（五）项\t\t\t\n"
        "信息内容\t本年处理决定数量\t\t\n"
        "行政许可\t7\t\t\n"
    )
    plan = plan_paste(r2021, "active", text, None)
    assert plan.changes == {
        "active.regs.made": 1, "active.regs.repealed": 2, "active.regs.valid": 3,
        "active.norm_docs.made": 4, "active.norm_docs.repealed": 5, "active.norm_docs.valid": 6,
        "active.licensing.decisions": 7,
    }


def test_a_bad_value_names_its_place_and_nothing_is_planned(r2021):
    with pytest.raises(PasteRefused, match=r"第 2 行第 2 列（三、二·商业企业）：「abc」不是数字"):
        plan_paste(r2021, "applications", "1\t2\n3\tabc", at("2021", "applications", "applications.new_received.natural"))
    with pytest.raises(PasteRefused, match="「1O」不是数字"):
        plan_paste(r2021, "applications", "一、本年新收政府信息公开申请数量\t1O\t0", None)


def test_the_same_row_twice_is_refused(r2021):
    text = "一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2"
    with pytest.raises(PasteRefused, match="第 1 行和第 2 行是同一行"):
        plan_paste(r2021, "applications", text, None)


def test_negative_numbers_name_only_the_current_formats_columns():
    r2019 = Report.new(2020, "某局")
    plan = plan_paste(r2019, "active", "行政许可\t5\t-3\t2", None)
    assert plan.changes["active.licensing.delta"] == -3
    with pytest.raises(PasteRefused, match="只有「本年增/减」可以填负数"):
        plan_paste(r2019, "active", "行政许可\t5\t-3\t-2", None)
    r2021 = Report.new(2021, "某局")
    with pytest.raises(PasteRefused) as refused:
        plan_paste(r2021, "applications", "-3", at("2021", "applications", "applications.new_received.natural"))
    assert "件数不能为负数" in str(refused.value) and "本年增" not in str(refused.value)


def test_outside_the_table_or_on_labels_is_refused(r2021):
    last = at("2021", "applications", "applications.carried_forward.other_org")
    with pytest.raises(PasteRefused, match="超出"):
        plan_paste(r2021, "applications", "1\t2\t3", last)
    with pytest.raises(PasteRefused, match="表头或栏目名称"):
        plan_paste(r2021, "applications", "1", (last[0], 0))
    with pytest.raises(PasteRefused, match="没有数字"):
        plan_paste(r2021, "applications", "自然人\t商业企业", None)


def test_parse_tsv_handles_excel_line_endings():
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_tsv("\n") == []
