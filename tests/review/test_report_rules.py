"""The per-report rules of issue 10 (W10 everywhere, W12–W26): each fires on a broken report and names what it read."""

from decimal import Decimal

import pytest

from report import draft
from report.checks import acknowledge, check
from report.importer import import_file
from report.model import CellOrigin, LastYear, Report

from .conftest import CORE_FIXTURES, REAL, clean_report, codes, only


def test_the_clean_report_is_clean(report):
    assert codes(report) == []


# --- W10: figures in any part, in both word orders ------------------------------------------


@pytest.mark.parametrize("key,sentence,quantity", [
    ("overview_on_request", "本年度共收到12件政府信息公开申请。", "新收申请数"),  # number before 申请
    ("overview_lead", "全年收到政府信息公开申请12件。", "新收申请数"),
    ("improvements", "针对收到的申请12件，逐件复盘。", "新收申请数"),
    ("overview_on_request", "上年结转申请2件。", "上年结转申请数"),
    ("overview_on_request", "办结政府信息公开申请7件。", "办结申请数"),
    ("overview_on_request", "依法答复8件。", "办结申请数"),
    ("overview_on_request", "结转下年度继续办理3件。", "结转下年度申请数"),
    ("overview_on_request", "另有3件结转至下年度办理。", "结转下年度申请数"),
    ("overview_supervision", "本年度被申请行政复议2件。", "行政复议数"),
    ("overview_supervision", "发生2起行政复议。", "行政复议数"),
    ("other_matters", "被提起行政诉讼1件。", "行政诉讼数"),
])
def test_w10_reads_every_part_and_both_word_orders(report, key, sentence, quantity):
    report.texts[key] = sentence
    found = only(report, "W10")
    f = next(f for f in found if quantity in f.message)
    assert f.sentences[0].text == sentence and f.sentences[0].field == key
    assert key in f.text_fields


def test_w10_reads_the_opening_paragraph(report):
    report.header.opening = "现将本局2021年度报告如下。本年度共收到申请11件。"
    f = only(report, "W10")[0]
    assert f.header_fields == ("opening",) and f.sentences[0].where == "开头语"
    assert "新收申请数为 11" in f.message and "三、一·总计为 10" in f.message


def test_w10_leaves_other_years_parts_and_other_procedures_alone(report):
    report.texts["overview_on_request"] = (
        "本年度共收到政府信息公开申请10件，较上年增加5件，与2020年收到申请5件相比翻了一番。"
        "其中，收到网上申请6件、信函申请4件。办理行政许可申请300件。办结10件。"
    )
    report.texts["other_matters"] = "本年度办理人大代表建议和政协提案28件。" + report.texts["other_matters"]
    assert "W10" not in codes(report)


def test_w10_a_later_sentence_is_counted_once_per_quantity(report):
    report.texts["overview_on_request"] = "收到申请11件。共收到12件申请。"
    f = only(report, "W10")
    assert len(f) == 1 and "另有 1 处" in f[0].message and len(f[0].sentences) == 2


def test_w10_acknowledgement_key_is_the_cells_as_before(report):
    report.texts["overview_on_request"] = "收到申请11件。"
    f = only(report, "W10")[0]
    assert f.key == "W10|applications.new_received.total"


# --- W12 ----------------------------------------------------------------------------


def test_w12_reads_every_part_for_a_stated_figure():
    report = clean_report(new=0)
    report.texts["overview_on_request"] = "无。"
    report.texts["problems"] = "本年度共收到申请3件，答复不够及时。"
    f = only(report, "W12")[0]
    assert f.sentences[0].field == "problems"


# --- W13 outcome words -----------------------------------------------------------------


def test_w13_maintained_with_a_corrected_review(report):
    report.set_many({"appeals.review.maintain": 1, "appeals.review.correct": 1})
    report.texts["overview_supervision"] = "本年度被申请行政复议2件，均获维持。"
    f = only(report, "W13")[0]
    assert f.message == "一、总体情况·（五）监督保障写「均获维持」，但四、行政复议·结果纠正为 1"
    assert [c.id for c in f.cells] == ["appeals.review.correct"]


def test_w13_all_done_with_cases_carried_forward(report):
    report.set_many({"applications.new_received.natural": 12, "applications.carried_forward.natural": 2})
    report.texts["overview_on_request"] = "本年度共收到申请12件，均已办结。"
    f = only(report, "W13")[0]
    assert f.message == "一、总体情况·（二）依申请公开写「均已办结」，但三、四·总计为 2"
    assert f.cells[0].id == "applications.carried_forward.total"
    report.texts["overview_on_request"] = "本年度共收到申请12件，上年结转的申请均已办结。"
    assert "W13" not in codes(report)  # last year's carried-over cases being done is no claim about this year's


def test_w13_no_review_but_table_four_has_one(report):
    report.set("appeals.review.maintain", 1)
    report.texts["overview_supervision"] = "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    f = only(report, "W13")
    assert len(f) == 1 and "没有行政复议" in f[0].message and "四、行政复议·总计为 1" in f[0].message
    report.set("appeals.direct.maintain", 1)
    assert len(only(report, "W13")) == 2


def test_w13_no_corrections_is_no_claim_about_the_number_of_reviews(report):
    report.set("appeals.review.maintain", 1)
    report.texts["overview_supervision"] = "本年度无行政复议被纠错的情况。"
    assert "W13" not in codes(report)


# --- W14 sub-totals ---------------------------------------------------------------------


def test_w14_parts_do_not_add_up_to_the_stated_total(report):
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请10件，其中网上申请5件、信函申请3件、当面申请1件。"
    f = only(report, "W14")[0]
    assert f.message == (
        "一、总体情况·（二）依申请公开按申请方式分列的 网上5件、信函3件、当面1件 合计 9 件，与同一句写的新收申请数 10 不符"
    )
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请10件，其中网上申请5件、信函申请3件、当面申请2件。"
    assert "W14" not in codes(report)


def test_w14_without_a_stated_total_the_table_counts(report):
    report.texts["overview_on_request"] = "受理的申请中，自然人申请8件，法人或其他组织申请3件。"
    assert "三、一·总计 10" in only(report, "W14")[0].message


# --- W15 / W16 percentages ---------------------------------------------------------------


def test_w15_share_that_no_total_gives(report):
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请10件，其中予以公开8件，占70%。"
    f = only(report, "W15")[0]
    assert "8 件「占70%」" in f.message
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请10件，其中予以公开8件，占80%。"
    assert "W15" not in codes(report)


def test_w15_rounding_and_unrelated_rates_are_left_alone(report):
    report.set_many({"applications.new_received.natural": 3, "applications.granted.natural": 3})
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请3件，其中予以公开2件，占66.7%。群众满意率99%。"
    report.texts["overview_supervision"] = "全年开展培训3次，覆盖率占95%。"
    report.set_many({"applications.granted.natural": 2, "applications.partial.natural": 1})
    assert "W15" not in codes(report)


def test_w16_year_on_year_against_last_years_report(report):
    last = Report.new(2020, "某县自然资源局", "2019")
    last.set_many({"applications.new_received.natural": 8, "applications.granted.natural": 8})
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请10件，同比增长20%。"
    f = only(report, "W16", last)[0]
    assert f.message.endswith("上年报告为 8 件，按此计算应为增长 25.0%")
    report.texts["overview_on_request"] = "本年度共收到政府信息公开申请10件，同比增长25%。"
    assert "W16" not in codes(report, last)
    assert "W16" not in codes(report)  # no last year, nothing to compare


# --- W17–W19 sections 五 and 六 ------------------------------------------------------------


def test_w17_section_five_empty_or_none(report):
    report.texts["problems"] = "无"
    report.texts["improvements"] = ""
    f = only(report, "W17")[0]
    assert f.message == "五、存在的主要问题及改进情况只写了「无」" and set(f.text_fields) == {"problems", "improvements"}
    report.missing_sections = ["五"]
    assert "W17" not in codes(report)  # a part not found at all is E8's


def test_w18_fees_but_section_six_says_none(report):
    report.set("active.fees.amount", Decimal("12.5"))
    report.texts["other_matters"] = "无。"
    f = only(report, "W18")[0]
    assert f.message == "二、行政事业性收费为 12.5，但六、其他需要报告的事项只写了「无。」"
    assert "W19" not in codes(report) and "W6" not in codes(report)
    report.set("applications.other_nofee.natural", 1)
    report.set("applications.new_received.natural", 11)
    assert {c.id for c in only(report, "W18")[0].cells} == {"active.fees.amount", "applications.other_nofee.total"}


def test_w19_no_fee_statement_in_the_2021_format(report):
    report.texts["other_matters"] = "本年度办理建议提案12件。"
    assert only(report, "W19")[0].text_fields == ("other_matters",)
    old = Report.new(2020, "某局")  # the 2019 format asks for no such statement
    assert "W19" not in codes(old)


# --- W20 another year ----------------------------------------------------------------------


def test_w20_a_past_year_in_a_statement_of_work(report):
    report.texts["overview_active"] = "2020年度主动公开政府信息120条，其中重点领域信息30条。"
    f = only(report, "W20")[0]
    assert "说的是 2020 年，本报告为 2021 年度" in f.message and f.sentences[0].field == "overview_active"


@pytest.mark.parametrize("text", [
    "2022年，我局将进一步加强政务公开工作。",
    "与2020年相比，主动公开信息增加20条。",
    "按照《2020年政务公开工作要点》要求开展工作。",
    "自2019年以来，累计公开信息500条。",
    "2020年12月，我局制定了公开目录。",
    "对2020年度报告指出的问题已全部整改。",
])
def test_w20_plans_comparisons_citations_are_not_slips(report, text):
    report.texts["overview_active"] = text
    assert "W20" not in codes(report)


# --- W21 doubled words ------------------------------------------------------------------


def test_w21_doubled_word(report):
    report.texts["overview_management"] = "严格落实信息发布审核审核制度。"
    f = only(report, "W21")[0]
    assert f.message == "一、总体情况·（三）政府信息管理有重复的词语：「审核审核」"
    report.texts["overview_management"] = "一个一个地研究研究，层层把关。"
    assert "W21" not in codes(report)


def test_w21_reads_the_title(report):
    report.header.title = "某县自然资源局2021年政府信息公开工作年度报告报告"
    assert only(report, "W21")[0].header_fields == ("title",)


# --- W22 「/」 or blank cells -------------------------------------------------------------


def test_w22_many_slashes_in_tables_three_and_four(report):
    fmt = report.format
    cells = [c.id for c in fmt.table("appeals").cells][:12]
    for cid in cells:
        report.origins[cid] = CellOrigin("/", True, False, "原文为「/」，按 0 计")
    f = only(report, "W22")[0]
    assert f.message.startswith("表三、表四有 12 个单元格印为「/」或「-」") and len(f.cells) == 12
    for cid in cells[3:]:
        report.origins[cid] = CellOrigin("无", True, False, "原文为「无」，按 0 计")  # 「无」 says 0 in words
    assert "W22" not in codes(report)


# --- W23 numbering -----------------------------------------------------------------------


def test_w23_numbering_out_of_order_and_mixed(report):
    report.texts["overview_lead"] = "一、加强领导\n内容。\n二、完善制度\n内容。\n四、强化监督\n内容。"
    assert "序号不连续" in only(report, "W23")[0].message
    report.texts["overview_lead"] = "（一）加强领导\n内容。\n2.完善制度\n内容。"
    assert "序号混用" in only(report, "W23")[0].message
    report.texts["overview_lead"] = "一、加强领导\n（一）组织\n（二）人员\n二、完善制度\n（一）制度\n1.细则\n2.流程\n（二）检查"
    assert "W23" not in codes(report)


def test_w23_fires_on_real_report_002_which_mixes_1_and_er():
    report = import_file(REAL["002"]).report
    f = only(report, "W23")[0]
    assert "「（二）」接在「（1）」式序号 1 之后" in f.message


# --- W24–W26 across years ------------------------------------------------------------------


def _last(report: Report, **cells) -> LastYear:
    values = dict(report.values)
    values.update(cells)
    return LastYear(report.format_id, report.header.year - 1, values)


def test_w24_applications_five_times_last_year():
    report = clean_report(new=100)
    report.last_year = _last(report, **{"applications.new_received.total": 15})
    assert only(report, "W24")[0].message == "三、一·总计：本年 100，上年报告 15，是上年的 6.7 倍"
    report.last_year = _last(report, **{"applications.new_received.total": 21})
    assert "W24" not in codes(report)
    small = clean_report(new=4)
    small.last_year = _last(small, **{"applications.new_received.total": 0})
    assert "W24" not in codes(small)  # 0 → 4 件 is below the minimum of 20


def test_w25_licensing_and_penalty_swings(report):
    report.set("active.penalty.decisions", 937)
    report.last_year = _last(report, **{"active.penalty.decisions": 12})
    assert only(report, "W25")[0].cells[0].id == "active.penalty.decisions"


def test_w26_fees_a_thousand_times_last_year(report):
    report.set("active.fees.amount", Decimal("3415.891"))
    report.last_year = _last(report, **{"active.fees.amount": Decimal("3.415891")})
    assert "可能把元误填为万元" in only(report, "W26")[0].message
    report.last_year = _last(report, **{"active.fees.amount": Decimal(3000)})
    assert "W26" not in codes(report)


# --- the real reports that do not raise them ----------------------------------------------


@pytest.mark.parametrize("code", [f"W{i}" for i in range(13, 27)] + ["W9", "W10", "W12"])
def test_real_report_001_raises_none_of_the_new_rules(code):
    """001 (米易县, a county government, fees 3415.891 万元, review 1 maintained) states all its figures."""
    report = import_file(REAL["001"]).report
    last = draft.load(CORE_FIXTURES / "real_001.json")  # the same figures as last year: no swing
    assert code not in codes(report, last)


def test_new_warnings_can_be_acknowledged_by_sentence(report):
    report.texts["overview_management"] = "审核审核制度。"
    report.texts["overview_platform"] = "公开公开平台。"
    first, second = only(report, "W21")
    assert first.key != second.key
    acknowledge(report, first, "原文如此")
    result = check(report)
    acked = [f for f in result.findings if f.code == "W21" and f.acknowledged]
    assert len(acked) == 1 and acked[0].text_fields == ("overview_management",)


def test_findings_json_adds_sentences_only_when_there_are_some(report):
    report.texts["overview_management"] = "审核审核制度。"
    data = check(report).as_json()
    f = data["findings"][0]
    assert f["sentences"] == [{"field": "overview_management", "where": "一、总体情况·（三）政府信息管理", "text": "审核审核制度。"}]
    report.texts["overview_management"] = "审核制度。"
    report.set("applications.carried_forward.natural", 1)
    e1 = check(report).as_json()["findings"][0]
    assert set(e1) == {"code", "severity", "title", "message", "what_to_do", "cells"}  # the shape it always had


@pytest.mark.parametrize("unit", [
    "收到申请行政复议审核审核2020年未发生", "收到申请12件", "，2020年共收到申请", "10件，占80%；", "\n3.内容\n1.内容",
    "收到申请，网上申请1件、信函申请2件、", "均获维持行政复议均已办结",
    "收到申请" + "7" * 5000 + "件，网上" + "1" * 5000 + "件、信函2件，占" + "9" * 5000 + "%，同比增长" + "3" * 5000 + "%。",
])
def test_a_huge_text_without_full_stops_gives_few_short_findings(report, unit):
    from report.limits import MAX_TEXT_CHARS

    report.texts["overview_lead"] = (unit * (MAX_TEXT_CHARS // len(unit)))[:MAX_TEXT_CHARS]
    result = check(report)
    assert len(result.findings) <= 10
    for f in result.findings:
        assert len(f.message) <= 300, f.message
        assert len(f.sentences) <= 3 and all(len(s.text) <= 200 for s in f.sentences)
