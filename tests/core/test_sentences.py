"""Sentences offered in the text boxes: filled from the tables, never contradicting them."""

import pytest

from report.checks import check
from report.model import Report
from report.sentences import sentence_for


@pytest.mark.parametrize("fmt_id,year", [("2021", 2021), ("2019", 2020)])
def test_inserted_sentences_match_the_tables(fmt_id, year, fill_distinct):
    report = fill_distinct(Report.new(year, "某县", fmt_id))
    for key in ("overview_active", "overview_on_request"):
        text = sentence_for(report, key)
        assert text, key
        report.texts[key] = text
    total = report.values["applications.new_received.total"]
    assert f"收到政府信息公开申请{total}件" in report.texts["overview_on_request"]
    litigation = report.values["appeals.direct.total"] + report.values["appeals.after_review.total"]
    assert f"被提起行政诉讼{litigation}件" in report.texts["overview_on_request"]
    assert not [f for f in check(report).findings if f.code in ("W10", "W12")]


def test_only_sentences_whose_cells_exist_are_offered():
    r2019 = Report.new(2020, "某局")
    assert "新制作规章" in sentence_for(r2019, "overview_active")
    assert "制发规章" not in sentence_for(r2019, "overview_active")
    assert sentence_for(r2019, "problems") == ""
