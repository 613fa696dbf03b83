"""Next year's draft, and conversion between formats."""

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
