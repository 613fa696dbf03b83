"""Which wizard step shows a finding: decided in the core, without Qt."""

from report.checks import check
from report.model import Report
from report.steps import BASIC, FINISH, counts_by_step, step_of, steps


def test_steps_follow_the_format():
    report = Report.new(2021, "某局")
    keys = [s.key for s in steps(report.format)]
    assert keys == [BASIC, *[s.number for s in report.format.sections], FINISH]
    assert steps(report.format)[0].title == "基本信息"


def test_findings_go_to_the_step_of_their_cells_texts_or_header():
    report = Report.new(2021, "")  # E8: no 机关名称 -> 基本信息
    report.set("applications.new_received.natural", 3)  # E1 -> 三
    report.texts["overview_lead"] = "本年共收到政府信息公开申请 9 件。"
    findings = check(report).findings
    steps_of = {(f.code, step_of(report.format, f)) for f in findings}
    assert ("E1", "三") in steps_of
    assert ("E8", BASIC) in steps_of
    assert ("W11", "一") in steps_of  # text fields only: their section
    assert ("W10", "三") in steps_of  # a table cell and a text: the cell's table, where it is corrected
    counts = counts_by_step(report.format, findings)
    assert counts["三"][0] >= 1 and counts[BASIC][0] == 1


def test_acknowledged_warnings_are_not_counted():
    report = Report.new(2021, "某局")
    warning = next(f for f in check(report).findings if f.code == "W11")
    assert counts_by_step(report.format, check(report).findings)["一"] == (0, 1)
    report.acknowledged[warning.key] = "经核实无误"
    assert counts_by_step(report.format, check(report).findings).get("一", (0, 0))[1] == 0
