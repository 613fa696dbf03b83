"""A county and its departments, with and without a roster: missing units, the hierarchy, the 汇总, the batch rules."""

import io

import openpyxl
import pytest

from report.model import Report
from report.review import review_folder, workbook_bytes

from .conftest import COUNTY, ROSTER_ROWS, TEXTS, unit_report, write_report, write_roster


def _codes(review):
    return [f.code for f in review.findings]


def _rows(wb, sheet):
    return [row for row in wb[sheet].iter_rows(values_only=True) if any(v is not None for v in row)]


def test_with_a_roster_missing_unit_hierarchy_and_rollup(county):
    folder, roster, _ = county
    review = review_folder(folder, roster=roster)
    by_name = {r.name: r for r in review.reports}
    assert by_name["自然资源局/攀枝花市米易县自然资源局.docx"].unit.name == "米易县自然资源局"  # city prefix
    assert by_name["米易县人民政府.docx"].unit.name == COUNTY  # the title's subject, not the signing office

    status = {line.unit.name: line.status for line in review.roster_lines}
    assert status == {COUNTY: "已报送", "米易县自然资源局": "已报送", "米易县教育局": "已报送", "米易县卫生健康局": "未报送"}
    w27 = [f for f in review.findings if f.code == "W27"]
    assert [f.message for f in w27] == ["名单第 5 行「米易县卫生健康局」（上级机关：米易县人民政府）没有报告"]
    w28 = [f for f in review.findings if f.code == "W28"]
    assert len(w28) == 1 and w28[0].reports == ("米易县文化广播电视和旅游局.docx",)
    assert [u.report.name for u in review.unlisted] == ["米易县文化广播电视和旅游局.docx"]

    # The county (全辖区) says 20 new applications; its departments 12 + 10: the cells that differ, not their totals.
    e9 = [f for f in review.findings if f.code == "E9"]
    assert [f.cells[0].id for f in e9] == ["applications.new_received.natural", "applications.granted.natural"]
    assert e9[0].message == "三、一·自然人：「米易县人民政府」（全辖区）为 20，所属单位之和为 22（米易县自然资源局 12、米易县教育局 10）"
    assert e9[0].severity == "error" and "米易县人民政府.docx" in e9[0].reports
    assert review.has_errors

    # The 汇总 counts the county once and the unit not on the roster; never the county with its departments.
    (rollup,) = review.rollups
    assert rollup.included == ["米易县人民政府.docx", "米易县文化广播电视和旅游局.docx"]
    assert rollup.report.values["applications.new_received.total"] == 20 + 3
    reasons = dict(review.left_out)
    assert reasons["米易县教育局.docx"] == "已包含在「米易县人民政府」的全辖区报告（米易县人民政府.docx）中，不重复相加"
    assert any("「米易县人民政府」是全辖区报告，已包含所属单位" in n for n in review.rollup_notes)

    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(review)))
    assert wb.sheetnames == ["报告清单", "问题清单", "批量问题", "名单核对", "汇总"]
    roster_rows = _rows(wb, "名单核对")
    assert roster_rows[4][1:5] == ("米易县卫生健康局", COUNTY, "本机关", "未报送")
    assert any(r[1] == "米易县文化广播电视和旅游局.docx" for r in roster_rows)
    batch = _rows(wb, "批量问题")
    assert [r[1] for r in batch[1:]] == ["E9", "E9", "W27", "W28"]
    flat = [v for row in _rows(wb, "汇总") for v in row if v is not None]
    assert "政府信息公开工作年度报告汇总（2021年度，2021年格式，共 2 份报告）" in flat
    assert any(str(v).startswith("「米易县人民政府」是全辖区报告") for v in flat)
    assert "已包含在「米易县人民政府」的全辖区报告（米易县人民政府.docx）中，不重复相加" in flat
    listing = {r[1]: r for r in _rows(wb, "报告清单")[1:]}
    assert listing["米易县文化广播电视和旅游局.docx"][3] == "（不在名单中）"


def test_without_a_roster_the_sum_is_as_before_and_says_it_may_count_twice(county):
    folder, _, _ = county
    review = review_folder(folder)
    assert _codes(review) == ["W34"]
    assert review.findings[0].reports[0] == "米易县人民政府.docx"
    (rollup,) = review.rollups
    assert len(rollup.included) == 4 and rollup.report.values["applications.new_received.total"] == 45
    assert any("没有名单说明口径" in n for n in review.rollup_notes)
    assert review.roster_lines == [] and review.unlisted == []


def test_children_and_own_report_must_add_up_exactly(tmp_path):
    folder = tmp_path / "报告"
    write_report(unit_report(COUNTY, 30, review_total=2), folder / "县政府全辖区.docx")
    write_report(unit_report("米易县人民政府（本级）", 8, title="米易县人民政府（本级）2021年政府信息公开工作年度报告"),
                 folder / "县政府本级.docx")
    write_report(unit_report("米易县自然资源局", 12, review_total=1), folder / "自然资源局.docx")
    write_report(unit_report("米易县教育局", 10, review_total=1), folder / "教育局.docx")
    roster = write_roster(tmp_path / "名单.csv", [
        (COUNTY, "", "全辖区"), ("米易县人民政府（本级）", COUNTY, "本机关"),
        ("米易县自然资源局", COUNTY, "本机关"), ("米易县教育局", COUNTY, "本机关"),
    ])
    review = review_folder(folder, roster=roster)
    assert _codes(review) == []  # 8 + 12 + 10 = 30, reviews 1 + 1 = 2
    (rollup,) = review.rollups
    assert rollup.included == ["县政府全辖区.docx"]

    write_report(unit_report(COUNTY, 31, review_total=2), folder / "县政府全辖区.docx")
    review = review_folder(folder, roster=roster)
    e10 = [f for f in review.findings if f.code == "E10"]
    assert [f.cells[0].id for f in e10] == ["applications.new_received.natural", "applications.granted.natural"]
    assert e10[0].message == (
        "三、一·自然人：「米易县人民政府」（全辖区）为 31，所属单位与本级之和为 30"
        "（米易县自然资源局 12、米易县教育局 10、米易县人民政府（本级） 8）"
    )
    assert "E9" not in _codes(review)  # 31 is at least 30: only the exact rule can tell


def test_a_whole_area_child_stands_for_its_own_units(tmp_path):
    folder = tmp_path / "报告"
    write_report(unit_report(COUNTY, 15), folder / "县.docx")
    write_report(unit_report("米易县丙谷镇人民政府", 10), folder / "镇.docx")  # 全辖区: holds its 村's report
    write_report(unit_report("米易县丙谷镇便民服务中心", 4), folder / "镇中心.docx")
    write_report(unit_report("米易县教育局", 5), folder / "教育局.docx")
    roster = write_roster(tmp_path / "名单.xlsx", [
        (COUNTY, "", "全辖区"), ("米易县丙谷镇人民政府", COUNTY, "全辖区"),
        ("米易县丙谷镇便民服务中心", "米易县丙谷镇人民政府", "本机关"), ("米易县教育局", COUNTY, "本机关"),
    ])
    review = review_folder(folder, roster=roster)
    assert _codes(review) == []  # the county 15 = 镇 10 (which holds 中心 4) + 教育局 5
    assert review.rollups[0].included == ["县.docx"]
    assert "已包含在「米易县人民政府」" in dict(review.left_out)["镇中心.docx"]


def test_a_whole_area_report_that_cannot_be_summed_leaves_its_children_in(tmp_path, county):
    folder, roster, reports = county
    county_report = reports["米易县人民政府.docx"]
    county_report.values["applications.new_received.corp"] = None
    county_report.totals_as_printed = True
    write_report(county_report, folder / "米易县人民政府.docx")
    review = review_folder(folder, roster=roster)
    reasons = dict(review.left_out)
    assert reasons["米易县人民政府.docx"].startswith("表三、表四有单元格没有数字")
    assert sorted(review.rollups[0].included) == sorted(
        ["米易县教育局.docx", "米易县文化广播电视和旅游局.docx", "自然资源局/攀枝花市米易县自然资源局.docx"])


def test_roster_scope_unknown_with_children_is_w34(tmp_path, county):
    folder, _, _ = county
    rows = [(COUNTY, "", "")] + list(ROSTER_ROWS[1:3])
    review = review_folder(folder, roster=write_roster(tmp_path / "无口径.xlsx", rows))
    w34 = [f for f in review.findings if f.code == "W34"]
    assert len(w34) == 1 and "名单没有写明「米易县人民政府」的口径" in w34[0].message
    assert len(review.rollups[0].included) == 4  # summed as before


def test_duplicates_wrong_year_wrong_format_and_unreadable_files(tmp_path):
    folder = tmp_path / "报告"
    write_report(unit_report("米易县教育局", 5), folder / "教育局.docx")
    write_report(unit_report("米易县教育局", 5), folder / "教育局（修改稿）.docx")
    write_report(unit_report("米易县自然资源局", 4, year=2020), folder / "自然资源局2020.docx")
    old_format = Report.new(2021, "米易县卫生健康局", "2019")  # a 2021 report in the 2019 tables
    old_format.texts.update(TEXTS)
    write_report(old_format, folder / "卫健局.docx")
    (folder / "米易县交通运输局2021年政府信息公开工作年度报告.docx").write_bytes(b"PK\x03\x04broken")
    rows = [("米易县教育局", "", ""), ("米易县自然资源局", "", ""), ("米易县卫生健康局", "", ""), ("米易县交通运输局", "", "")]
    review = review_folder(folder, roster=write_roster(tmp_path / "名单.xlsx", rows))
    status = {line.unit.name: (line.status, line.note) for line in review.roster_lines}
    assert status["米易县教育局"] == ("重复", "有 2 份，汇总只计「教育局.docx」")
    assert status["米易县自然资源局"] == ("年度不符", "只有2020年度的报告")
    assert status["米易县卫生健康局"][0] == "格式不符"
    assert status["米易县交通运输局"][0] == "无法导入"  # matched by its file name; it did send something
    codes = _codes(review)
    assert codes.count("W29") == 1 and codes.count("W30") == 1 and codes.count("W31") == 1
    assert "W27" not in codes
    w29 = next(f for f in review.findings if f.code == "W29")
    assert w29.reports == ("教育局.docx", "教育局（修改稿）.docx")
    assert dict(review.left_out)["教育局（修改稿）.docx"] == "与「教育局.docx」是同一机关同一年度的报告，只计一次"


@pytest.mark.parametrize("rates,fired", [
    ([(10, 1), (10, 1), (10, 5)], ["局3"]),  # 50 % against a median of 10 %
    ([(10, 3), (10, 3), (10, 3)], []),  # 30 % everywhere: above 20 % but not above the median
    ([(4, 4), (10, 1), (10, 1)], []),  # 4 reviews are too few to mean anything
])
def test_w32_correction_rate_against_the_batch(tmp_path, rates, fired):
    folder = tmp_path / "报告"
    for n, (total, corrected) in enumerate(rates, start=1):
        report = unit_report(f"某县第{n}局", 10)
        report.set_many({"appeals.review.correct": corrected, "appeals.review.maintain": total - corrected})
        report.texts["overview_supervision"] = f"本年度被申请行政复议{total}件。"
        write_report(report, folder / f"局{n}.docx")
    review = review_folder(folder)
    w32 = [f for f in review.findings if f.code == "W32"]
    assert [f.reports[0].removesuffix(".docx") for f in w32] == fired
    if fired:
        assert "纠错率 50.0%（结果纠正 5 件 ÷ 行政复议 10 件），高于 20%，本批次 3 份可比报告的中位数为 10.0%" in w32[0].message


def test_w33_disclosure_rate_low_with_few_reports_uses_the_fixed_limit(tmp_path):
    folder = tmp_path / "报告"
    low = unit_report("某县第1局", 20)
    low.set_many({"applications.granted.natural": 4, "applications.unable_none.natural": 16})
    low.texts["overview_on_request"] = "本年度共收到政府信息公开申请20件。"
    write_report(low, folder / "局1.docx")
    write_report(unit_report("某县第2局", 20), folder / "局2.docx")
    review = review_folder(folder)
    (w33,) = [f for f in review.findings if f.code == "W33"]
    assert w33.message == (
        "「某县第1局」实质公开率 20.0%（予以公开与部分公开 4 件 ÷（七）总计 20 件），低于 30%"
        "（可比报告不足 3 份，只与固定界限比较）"
    )


def test_last_years_folder_is_matched_by_name_for_the_cross_year_rules(tmp_path):
    this, last = tmp_path / "2021", tmp_path / "2020"
    report = unit_report("米易县教育局", 100)
    report.set("applications.carried_over.natural", 1)
    report.set("applications.new_received.natural", 99)
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请99件，同比增长10%，上年结转1件，办结100件。"
    write_report(report, this / "教育局.docx")
    write_report(unit_report("米易县自然资源局", 5), this / "自然资源局.docx")
    before = unit_report("攀枝花市米易县教育局", 15, year=2020)  # last year with the city prefix
    write_report(before, last / "2020年教育局.docx", text_only=True)
    review = review_folder(this, last_year=last)
    by_name = {r.name: r for r in review.reports}
    assert by_name["教育局.docx"].last_year_name == "2020年教育局.docx"
    assert by_name["自然资源局.docx"].last_year_name == ""
    codes = [f.code for f in by_name["教育局.docx"].result.findings]
    assert {"W1", "W16", "W24"} <= set(codes)  # 上年结转 1 ≠ 0; 99 is no 10 % rise on 15; 99 is 6.6 × 15
    assert [r.name for r in review.reports] == ["教育局.docx", "自然资源局.docx"]


def test_a_last_year_folder_inside_this_years_is_not_reviewed_twice(tmp_path):
    this = tmp_path / "2021"
    write_report(unit_report("米易县教育局", 5), this / "教育局.docx")
    write_report(unit_report("米易县教育局", 5, year=2020), this / "上年" / "教育局2020.docx")
    review = review_folder(this, last_year=this / "上年")
    assert [r.name for r in review.reports] == ["教育局.docx"]
    assert review.reports[0].last_year_name == "教育局2020.docx"
