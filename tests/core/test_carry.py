"""Next year's draft, and conversion between formats."""

import pytest

from report.carry import convert_format, next_year
from report.checks import check
from report.model import Report


def test_next_year_carries_forward_and_keeps_reference(report2021, fill_distinct):
    fill_distinct(report2021)
    report2021.texts["problems"] = "一是……"
    report2021.header.doc_number = "某〔2022〕1号"
    carried = next_year(report2021)
    new = carried.report
    assert new.header.year == 2022 and new.format_id == "2021"
    assert new.header.org_name == report2021.header.org_name
    assert new.header.doc_number == "" and new.header.sign_date is None
    assert new.texts["problems"] == "一是……"
    for col in ("natural", "corp", "research", "welfare", "legal", "other_org", "total"):
        assert new.values[f"applications.carried_over.{col}"] == report2021.values[f"applications.carried_forward.{col}"]
    others = [cid for cid in new.format.entered_cells if not cid.startswith("applications.carried_over.")]
    assert all(new.values[c] == 0 for c in others)
    assert new.last_year.year == 2021 and new.last_year.values == report2021.values
    assert carried.notes == ()
    # the cross-year check now holds: 上年结转 == last year's 结转下年度
    assert "W1" not in {f.code for f in check(new).findings}


def test_2019_to_2021_carry_over_warns_about_lossy_mapping(report2019, fill_distinct):
    fill_distinct(report2019)
    carried = next_year(report2019)
    assert carried.report.format_id == "2021"
    assert any("（六）其他处理" in n for n in carried.notes)
    assert carried.report.values["applications.carried_over.natural"] == report2019.values[
        "applications.carried_forward.natural"
    ]


def test_convert_2019_tables_to_2021(fill_distinct):
    old = fill_distinct(Report.new(2021, "某局", "2019"))
    carried = convert_format(old, "2021")
    new = carried.report
    assert new.format_id == "2021"
    assert new.values["applications.other_other.natural"] == old.values["applications.other_processing.natural"]
    assert new.values["active.regs.made"] == old.values["active.regs.new_made"]
    assert new.values["active.regs.valid"] == 0  # 对外公开总数量 is not 现行有效件数
    assert any("没有对应项" in n for n in carried.notes)
    # and back again: the reverse of the declared map
    back = convert_format(new, "2019").report
    assert back.values["applications.other_processing.natural"] == new.values["applications.other_other.natural"]


def test_opening_follows_the_year_and_format():
    report = Report.new(2021, "某县人民政府办公室")
    report.header.opening = report.default_opening()
    carried = next_year(report).report
    assert carried.header.opening == carried.default_opening()
    assert "2022年度" in carried.header.opening
    report.header.opening = "根据规定，现将本办2021年政府信息公开工作报告如下。"
    assert next_year(report).report.header.opening == "根据规定，现将本办2022年政府信息公开工作报告如下。"


def test_next_year_names_the_texts_still_speaking_of_last_year(report2021):
    from report.carry import stale_parts

    report2021.texts["problems"] = "2021年存在的问题……"
    report2021.texts["overview_active"] = "主动公开情况（未写年份）"
    report2021.header.opening = "根据条例，现将2021年工作报告如下。"  # renumbered by the carry
    report2021.header.addressee = "县政府（2021年）"
    carried = next_year(report2021)
    fmt = carried.report.format
    field = fmt.text_field("problems")
    problems = fmt.section_of_text("problems").heading + field.title
    assert carried.stale == ("主送机关", problems)
    warning = carried.stale_warning()
    assert "「2021年」" in warning and f"· {problems}" in warning and "· 主送机关" in warning
    assert stale_parts(carried.report, 0) == ()
    report2021.texts["problems"] = "问题……"
    report2021.header.addressee = ""
    assert next_year(report2021).stale == () and next_year(report2021).stale_warning() == ""


def test_a_missing_carried_figure_stays_missing_with_its_reason(report2021):
    report2021.values["applications.carried_forward.corp"] = None  # an import that could not read it
    carried = next_year(report2021)
    new = carried.report
    assert new.values["applications.carried_over.corp"] is None
    assert "没有数值" in new.origins["applications.carried_over.corp"].reason
    assert any("1 个结转数没有数值" in n for n in carried.notes)
    e7 = [f for f in check(new).findings if f.code == "E7"]
    assert e7 and "上年报告的「三、四·商业企业」没有数值" in e7[0].message


def test_last_years_report_from_a_draft_our_docx_or_an_imported_text(tmp_path, report2021, fill_distinct):
    from report import draft
    from report.carry import load_last_year
    from report.errors import UserError
    from report.render import render_docx

    fill_distinct(report2021)
    path = tmp_path / "上年.json"
    draft.save(report2021, path)
    assert load_last_year(path).report.values == report2021.values
    docx = tmp_path / "上年.docx"
    render_docx(report2021, docx, force=True)
    source = load_last_year(docx)  # our own .docx: its embedded draft, exactly
    assert source.report.values == report2021.values and source.notes == ()
    text = tmp_path / "上年.txt"
    text.write_text("这不是年度报告。", encoding="utf-8")
    with pytest.raises(UserError):
        load_last_year(text)
    with pytest.raises(UserError):
        load_last_year(tmp_path / "没有这个文件.json")
