"""Every rule of the catalogue, broken on purpose, names its cells and numbers."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from report.checks import acknowledge, check
from report.formats import get_format
from report.model import LastYear, Report
from report.rules import NAMES, RULES



def codes(report, last=None):
    return [f.code for f in check(report, last).findings]


def only(report, code, last=None):
    found = [f for f in check(report, last).findings if f.code == code]
    assert found, f"{code} not raised: {codes(report, last)}"
    return found


def balanced(report, fill):
    """A filled report that satisfies E1 in every column."""
    fill(report)
    fmt = report.format
    for col in ("natural", "corp", "research", "welfare", "legal", "other_org"):
        t = report.values
        target = t[f"applications.total_processed.{col}"] + t[f"applications.carried_forward.{col}"]
        report.set(f"applications.new_received.{col}", target - t[f"applications.carried_over.{col}"])
    assert not [f for f in check(report).findings if f.code == "E1"], fmt.id
    return report


def test_catalogue_is_complete_and_chinese():
    report_rules = [r.code for r in RULES if r.scope == "report"]
    batch_rules = [r.code for r in RULES if r.scope == "batch"]
    assert report_rules == [f"E{i}" for i in range(1, 9)] + [f"W{i}" for i in range(1, 27)]
    assert batch_rules == ["E9", "E10"] + [f"W{i}" for i in range(27, 35)]
    for r in RULES:
        assert r.title and r.explanation and r.what_to_do
        assert r.severity in ("error", "warning")
        assert r.code.startswith("E") == (r.severity == "error")
        assert r.names and set(r.names) <= set(NAMES), r.code


def test_new_reports_have_no_errors(report2021, report2019):
    assert not check(report2021).errors
    assert not check(report2019).errors


def test_e1_names_the_column_and_both_sides(report2021):
    report2021.set("applications.new_received.natural", 12)
    report2021.set("applications.granted.natural", 10)
    report2021.set("applications.carried_forward.natural", 1)
    natural = [f for f in only(report2021, "E1") if "自然人列" in f.message][0]
    assert natural.message == "自然人列：一+二=12，（七）+四=11，相差 1"
    assert {c.id for c in natural.cells} == {
        "applications.new_received.natural", "applications.carried_over.natural",
        "applications.total_processed.natural", "applications.carried_forward.natural",
    }
    assert natural.cells[0].row_label == "一、本年新收政府信息公开申请数量"
    assert natural.cells[0].column_label == "自然人"


def test_e2_row_total_mismatch_in_an_imported_report(report2021):
    report2021.totals_as_printed = True
    report2021.set_many({"applications.granted.natural": 5, "applications.granted.corp": 2})
    report2021.values["applications.granted.total"] = 6
    f = [f for f in only(report2021, "E2") if f.cells[0].row == "granted"][0]
    assert f.message == "三、（一）予以公开·总计：各申请人之和为 7，表中为 6"


def test_e3_processed_total_mismatch(report2021):
    report2021.totals_as_printed = True
    report2021.values["applications.granted.natural"] = 12
    report2021.values["applications.granted.total"] = 12
    report2021.values["applications.total_processed.natural"] = 10
    report2021.values["applications.total_processed.total"] = 10
    found = {f.cells[0].id: f.message for f in only(report2021, "E3")}
    assert found["applications.total_processed.natural"] == "三、（七）总计·自然人：（一）至（六）各项之和为 12，表中为 10"


@pytest.mark.parametrize("row,code", [("review", "E4"), ("direct", "E5"), ("after_review", "E6")])
def test_e4_e6_appeal_totals(report2021, row, code):
    report2021.totals_as_printed = True
    report2021.values[f"appeals.{row}.maintain"] = 2
    report2021.values[f"appeals.{row}.pending"] = 1
    report2021.values[f"appeals.{row}.total"] = 2
    f = only(report2021, code)[0]
    assert f.cells[0].id == f"appeals.{row}.total"
    assert "四项结果之和为 3，表中为 2" in f.message


def test_computed_totals_cannot_break_e2_to_e6(report2021, fill_distinct):
    fill_distinct(report2021)
    assert not {"E2", "E3", "E4", "E5", "E6"} & set(codes(report2021))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_property_computed_reports_never_violate_e2_e6(data):
    fmt_id = data.draw(st.sampled_from(["2019", "2021"]))
    report = Report.new(2021 if fmt_id == "2021" else 2020, "某局", fmt_id)
    changes = {}
    for cid in report.format.entered_cells:
        kind = report.format.cells[cid].kind
        if kind.is_decimal:
            changes[cid] = data.draw(st.decimals(min_value=0, max_value=10**6, places=4))
        elif kind.value == "signed":
            changes[cid] = data.draw(st.integers(-1000, 1000))
        else:
            changes[cid] = data.draw(st.integers(0, 10**6))
    report.set_many(changes)
    assert not {"E2", "E3", "E4", "E5", "E6", "E7"} & set(codes(report))


def test_e7_type_and_range(report2021):
    report2021.values["applications.granted.corp"] = -2
    report2021.values["active.regs.made"] = Decimal("1.5")
    report2021.values["appeals.review.other"] = None
    report2021.values["active.fees.amount"] = Decimal("-1")
    messages = [f.message for f in only(report2021, "E7")]
    assert "三、（一）予以公开·商业企业：件数不能为负数，表中为 -2" in messages
    assert "二、规章·本年制发件数：件数应为整数，表中为 1.5" in messages
    assert any(m.startswith("四、行政复议·其他结果：没有数值") for m in messages)
    assert any("金额不能为负数" in m for m in messages)


def test_e7_signed_delta_may_be_negative(report2019):
    report2019.set("active.licensing.prev_items", 10)
    report2019.set("active.licensing.delta", -3)
    assert "E7" not in codes(report2019)


def test_e8_structure(report2021):
    report2021.header.org_name = ""
    report2021.header.year = 0
    report2021.missing_sections = ["五"]
    report2021.values["applications.no_such_row.natural"] = 1
    messages = [f.message for f in only(report2021, "E8")]
    assert "基本信息：机关名称未填写" in messages
    assert any("报告年度" in m for m in messages)
    assert "报告缺少「五、存在的主要问题及改进情况」部分" in messages
    assert any("不属于2021年格式" in m for m in messages)


def test_w1_cross_year_carry_over(report2021):
    last = Report.new(2020, "测试县人民政府办公室")
    last.set("applications.carried_forward.natural", 3)
    report2021.set("applications.carried_over.natural", 2)
    report2021.set("applications.granted.natural", 2)
    f = [f for f in only(report2021, "W1", last) if f.cells[0].column == "natural"][0]
    assert f.message == "自然人列：本年二、上年结转=2，上年报告四、结转下年度=3，相差 1"
    assert "W1" not in codes(report2021)  # no last year, no cross-year finding
    report2021.last_year = LastYear("2019", 2020, dict(last.values))
    assert "W1" in codes(report2021)  # the stored reference counts too


def test_w2_valid_documents(report2021):
    report2021.set_many({"active.regs.made": 5, "active.regs.repealed": 1, "active.regs.valid": 2})
    f = only(report2021, "W2")[0]
    assert f.message == "规章：现行有效件数为 2，小于本年制发−本年废止（4）"
    last = Report.new(2020, "x", "2021")
    last.set("active.regs.valid", 10)
    cross = [f for f in check(report2021, last).findings if f.code == "W2" and "上年现行有效" in f.message]
    assert cross and cross[0].message == "规章：现行有效件数=2，上年现行有效+本年制发−本年废止=14，相差 12"


def test_w3_items_and_delta(report2019):
    report2019.set_many({"active.penalty.prev_items": 2, "active.penalty.delta": -5})
    assert only(report2019, "W3")[0].message == "行政处罚：上一年项目数量+本年增/减为 -3，小于0（0）"
    last = Report.new(2019, "x")
    last.set_many({"active.licensing.prev_items": 10, "active.licensing.delta": 2})
    report2019.set("active.licensing.prev_items", 11)
    cross = [f for f in check(report2019, last).findings if f.code == "W3" and f.cells[0].row == "licensing"]
    assert "上年报告的上一年项目数量+本年增/减=12" in cross[0].message


def test_w4_published_totals(report2019):
    report2019.set_many({"active.regs.new_published": 5, "active.regs.total_published": 3})
    assert only(report2019, "W4")[0].message == "规章：对外公开总数量为 3，小于本年新公开数量（5）"


def test_w5_amount_decimals_and_size(report2021):
    report2021.set("active.fees.amount", Decimal("24252.311082"))
    assert "有 6 位小数" in only(report2021, "W5")[0].message
    report2021.set("active.fees.amount", Decimal("34158910"))
    assert "请确认单位是万元" in only(report2021, "W5")[0].message
    report2021.set("active.fees.amount", Decimal("3415.891"))
    assert "W5" not in codes(report2021)


def test_w6_fee_notices_without_fee_text(report2021):
    report2021.set("applications.other_nofee.natural", 2)
    report2021.texts["other_matters"] = "本年度建议提案办理结果均已公开。"
    assert only(report2021, "W6")[0].cells[0].id == "applications.other_nofee.total"
    report2021.texts["other_matters"] = "无。"  # a bare 「无」 with fees is W18's
    assert "W6" not in codes(report2021) and "W18" in codes(report2021)
    report2021.texts["other_matters"] = "本年度发出收费通知2件，收取信息处理费200元。"
    assert "W6" not in codes(report2021)
    report2021.texts["other_matters"] = ""
    report2021.fees = {"notices": 2, "notice_amount": Decimal(200), "collected": Decimal(200)}
    assert "没有相应的句子" in only(report2021, "W6")[0].message  # fields filled, sentence not in the text
    report2021.texts["other_matters"] = report2021.fee_sentence()
    assert "W6" not in codes(report2021)


def test_w7_after_review_exceeds_review(report2021):
    report2021.set("appeals.after_review.maintain", 2)
    assert only(report2021, "W7")[0].message == "表四：复议后起诉总计为 2，大于行政复议总计（0）"


def test_w8_format_year_mismatch():
    report = Report.new(2021, "某局", "2019")
    assert "应使用2021年格式" in only(report, "W8")[0].message


def test_w9_sign_date():
    report = Report.new(2021, "某县自然资源局")
    report.header.sign_date = dt.date(2022, 2, 8)
    assert "晚于政府部门年度报告的公布期限 1月31日" in only(report, "W9")[0].message
    report.header.org_name = "某县人民政府"
    assert "W9" not in codes(report)
    # The title's subject decides, not the signer: the government's report signed by its office.
    report.header.org_name = "某县人民政府办公室"
    report.header.title = "某县人民政府2021年政府信息公开工作年度报告"
    assert "W9" not in codes(report)
    report.header.title = "某县人民政府办公室2021年政府信息公开工作年度报告"
    assert "晚于政府部门" in only(report, "W9")[0].message
    report.header.sign_date = dt.date(2021, 12, 30)
    assert "不在 2022 年" in only(report, "W9")[0].message


def test_w10_prose_numbers_against_tables(report2021):
    report2021.set_many({"applications.new_received.natural": 9, "applications.granted.natural": 9})
    report2021.texts["overview_on_request"] = "年内共接到申请10件，办理10件。因政府信息公开申请引发行政复议1件。"
    messages = [f.message for f in only(report2021, "W10")]
    assert "一、总体情况·（二）依申请公开写新收申请数为 10（「年内共接到申请10件，办理10件。」），但三、一·总计为 9" in messages
    assert any("行政复议数为 1" in m for m in messages)
    report2021.set_many({"applications.new_received.natural": 10, "applications.granted.natural": 10})
    report2021.set("appeals.review.maintain", 1)
    assert "W10" not in codes(report2021)


def test_w11_overview_aspects(report2021):
    assert set(only(report2021, "W11")[0].text_fields) == {
        "overview_active", "overview_on_request", "overview_management", "overview_platform", "overview_supervision",
    }
    for key in report2021.format.expected_aspects:
        report2021.texts[key] = "有内容。"
    assert "W11" not in codes(report2021)


def test_w12_prose_and_table_disagree_on_applications(report2021):
    report2021.texts["overview_on_request"] = "本年度共收到申请3件。"
    assert "W12" in codes(report2021)
    report2021.texts["overview_on_request"] = "2021年我单位无依申请公开情况。"
    report2021.set_many({"applications.new_received.natural": 2, "applications.granted.natural": 2})
    assert "无依申请" in only(report2021, "W12")[0].message


def test_warnings_can_be_acknowledged_errors_cannot(report2021):
    finding = only(report2021, "W11")[0]
    acknowledge(report2021, finding, "本单位无此项工作")
    again = only(report2021, "W11")[0]
    assert again.acknowledged == "本单位无此项工作"
    report2021.set("applications.new_received.natural", 1)
    with pytest.raises(ValueError):
        acknowledge(report2021, only(report2021, "E1")[0], "理由")


def test_real_reports_give_exactly_the_findings_their_content_implies(real_draft):
    assert check(real_draft("001")).findings == ()
    # 000 and 003 say only 「无」 in section 六: the 2021 format asks for the 信息处理费 statement.
    assert codes(real_draft("000")) == ["W19"]
    # 003 has no errors; its section 一 really lacks four of the five aspects.
    assert codes(real_draft("003")) == ["W11", "W19"]


def test_findings_json_shape(report2021):
    report2021.set("applications.new_received.natural", 1)
    data = check(report2021).as_json()
    assert data["errors"] == 2 and set(data) == {"errors", "warnings", "findings"}
    first = data["findings"][0]
    assert set(first) >= {"code", "severity", "title", "message", "cells"}
    assert first["severity"] == "错误"
    assert set(first["cells"][0]) == {"table", "row", "column", "row_label", "column_label"}


def test_every_rule_is_exercised():
    """Guards the suite: each catalogue code appears in a test here or in tests/review (the rules of issue 10)."""
    from pathlib import Path

    tests = Path(__file__).resolve().parents[1]
    source = "".join(p.read_text(encoding="utf-8") for p in [Path(__file__), *sorted((tests / "review").glob("test_*.py"))])
    for r in RULES:
        assert f'"{r.code}"' in source, r.code


def test_format_specific_relations_only_apply_to_their_format(report2019, fill_distinct):
    assert not [r for r in get_format("2019").relations if r.code == "W2"]
    assert not [r for r in get_format("2021").relations if r.code in ("W3", "W4")]
    assert balanced(report2019, fill_distinct)
