"""The format declarations: complete, verbatim, and extensible by one declaration."""


import pytest

from report import draft, export
from report.checks import check
from report.formats import FORMATS, format_for_year, get_format
from report.model import Report
from report.schema import Layout


def test_both_national_formats_are_declared():
    assert set(FORMATS) >= {"2019", "2021"}
    assert get_format("2021").document == "国办公开办函〔2021〕30号"
    assert get_format("2019").document == "国办公开办函〔2019〕60号"


@pytest.mark.parametrize("year,expected", [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2025, "2021")])
def test_format_follows_the_year(year, expected):
    assert format_for_year(year).id == expected


@pytest.mark.parametrize(
    "fmt_id,entered,applications_rows,active_values",
    [("2021", 166, 25, 10), ("2019", 166, 23, 22)],
)
def test_cell_counts_match_the_spec(fmt_id, entered, applications_rows, active_values):
    fmt = get_format(fmt_id)
    assert len(fmt.entered_cells) == entered
    assert len(fmt.table("applications").rows) == applications_rows
    assert len(fmt.table("active").cells) == active_values
    assert len(fmt.table("appeals").cells) == 15
    # 144 / 132 entered cells in table 三: 6 applicant columns x every row but （七）总计
    entered_t3 = [c for c in fmt.table("applications").cells if not c.derived]
    assert len(entered_t3) == (applications_rows - 1) * 6


def test_labels_are_verbatim():
    t3 = get_format("2021").table("applications")
    labels = [r.label for r in t3.rows]
    assert labels[0] == "一、本年新收政府信息公开申请数量"
    assert "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" in labels
    assert "3.危及“三安全一稳定”" in labels
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in labels
    assert labels[-1] == "四、结转下年度继续办理"
    assert "（六）其他处理" in [r.label for r in get_format("2019").table("applications").rows]
    t2 = get_format("2019").table("active")
    assert [c.label for c in t2.blocks[0].columns] == ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
    assert t2.blocks[-1].caption == "第二十条第（九）项"
    assert get_format("2021").table("active").blocks[3].columns[0].label == "本年收费金额（单位：万元）"


@pytest.mark.parametrize("fmt_id", ["2019", "2021"])
def test_every_grid_position_is_covered_exactly_once(fmt_id):
    for table in get_format(fmt_id).tables:
        cells, nrows, ncols = table.grid
        seen = {}
        for g in cells:
            for r in range(g.row, g.row + g.rowspan):
                for c in range(g.col, g.col + g.colspan):
                    assert (r, c) not in seen, (table.key, r, c, g, seen.get((r, c)))
                    seen[(r, c)] = g
        assert len(seen) == nrows * ncols, table.key
        value_ids = {g.cell_id for g in cells if g.role == "value"}
        assert value_ids == {c.id for c in table.cells}


def test_merged_headers_match_the_official_layout():
    t3 = get_format("2021").table("applications")
    cells, _, _ = t3.grid
    by_text = {g.text: g for g in cells if g.role != "value"}
    assert (by_text["申请人情况"].row, by_text["申请人情况"].colspan) == (0, 7)
    assert by_text["自然人"].rowspan == 2 and by_text["总计"].rowspan == 2
    assert by_text["法人或其他组织"].colspan == 5
    assert by_text["三、本年度办理结果"].rowspan == 22
    assert by_text["（三）不予公开"].rowspan == 8
    assert get_format("2019").table("applications").grid[0][0].rowspan == 3
    results_2019 = next(g for g in get_format("2019").table("applications").grid[0] if g.text == "三、本年度办理结果")
    assert results_2019.rowspan == 20
    t4 = get_format("2021").table("appeals")
    t4_text = {(g.text, g.row): g for g in t4.grid[0] if g.role == "header"}
    assert t4_text[("行政复议", 0)].colspan == 5
    assert t4_text[("行政诉讼", 0)].colspan == 10
    assert t4_text[("结果维持", 1)].rowspan == 2  # under 行政复议
    assert t4_text[("未经复议直接起诉", 1)].colspan == 5
    assert t4.layout is Layout.STRIP
    spans_2019 = [g.colspan for g in get_format("2019").table("active").grid[0] if g.row == 2 and g.role == "value"]
    assert spans_2019 == [1, 2, 1]


def test_help_texts_cover_article_20_items():
    t2 = get_format("2019").table("active")
    assert "政府集中采购项目的目录" in t2.blocks[-1].help
    partial = next(c for c in get_format("2021").cells.values() if c.row == "partial")
    assert "只计这一情形" in partial.help


def test_a_third_format_is_one_declaration(province_format):
    """A province variant built from data alone works through model, checks, drafts and export."""
    report = Report.new(2022, "某县", "test-province")
    report.set("applications.other_extra.natural", 5)
    assert report.get("applications.total_processed.natural") == 5
    report.set("applications.new_received.natural", 5)
    assert not check(report).errors
    assert draft.loads(draft.dumps(report)).values == report.values
    assert any("4.省定其他情形" in row[1] for row in export.cell_rows(report))
