"""A further real report: 2019年上海市人民政府办公厅政府信息公开工作年度报告 (spec S9), tables transcribed cell by cell.

Its 总计 column is blank except in rows 一, 二, （七） and 四, and most cells are blank for 0: the blanks
read as 0 (flagged), and the checks then show every row whose printed total does not match.
"""

from decimal import Decimal

from report.checks import check
from report.importer import import_file

from .conftest import FIXTURES
from .test_real_reports import appeals, table_values

_ = 0  # a blank cell, read as 0
EXPECTED = {
    "new_received": [821, 35, _, _, 2, 1, 859],
    "carried_over": [18, _, _, _, _, _, 18],
    "granted": [258, 12, _, _, 1, 1, _],
    "partial": [3, _, _, _, _, _, _],
    "deny_secret": [14, _, _, _, _, _, _],
    "deny_law": [_] * 7,
    "deny_safety": [_] * 7,
    "deny_third": [_] * 7,
    "deny_internal": [5, _, _, _, _, _, _],
    "deny_process": [3, 1, _, _, _, _, _],
    "deny_enforce": [_] * 7,
    "deny_query": [10, 2, _, _, _, _, _],
    "unable_none": [252, 12, _, _, 1, _, _],
    "unable_create": [44, 3, _, _, _, _, _],
    "unable_unclear": [25, _, _, _, _, _, _],
    "np_complaint": [148, 1, _, _, _, _, _],
    "np_repeat": [5, 4, _, _, _, _, _],
    "np_publication": [_] * 7,
    "np_massive": [_] * 7,
    "np_confirm": [_] * 7,
    "other_processing": [_] * 7,
    "total_processed": [767, 35, _, _, 2, 1, 805],
    "carried_forward": [72, _, _, _, _, _, 72],
}


def test_shanghai_2019_every_number_and_every_blank():
    report, summary = import_file(FIXTURES / "shanghai-2019-real.html")
    assert report.format_id == "2019"
    assert table_values(report, "active") == {
        "regs": [13, 13, 524], "norm_docs": [60, 60, 368], "licensing": [0, 0, 0], "other_services": [0, 0, 0],
        "penalty": [0, 0, 0], "coercion": [0, 0, 0], "fees": [0, 0], "procurement": [6, Decimal(251000)],
    }
    assert table_values(report, "applications") == EXPECTED
    assert appeals(report) == [5, 0, 0, 2, 7, 8, 0, 0, 1, 9, 0, 0, 0, 0, 0]
    assert summary.found == 198 and not summary.missing
    blanks = {a.cell_id for a in summary.assumed if a.reason == "原文为空，按 0 计"}
    assert "applications.deny_law.natural" in blanks and "applications.granted.total" in blanks
    assert "applications.new_received.natural" not in blanks
    h = report.header
    assert (h.org_name, h.year) == ("上海市人民政府办公厅", 2019)
    assert h.opening.startswith("本年度报告根据《中华人民共和国政府信息公开条例》")
    assert report.texts["overview_on_request"].startswith("市政府办公厅代表市政府共受理政府信息公开申请859件")
    assert report.texts["problems"].startswith("一是新《条例》实施后")
    assert report.texts["improvements"].startswith("一是深入做好《条例》的贯彻落实")

    result = check(report)
    e2 = {c.id for f in result.errors if f.code == "E2" for c in f.cells}
    rows_with_items = {k for k, v in EXPECTED.items() if sum(v[:6]) != v[6]}
    assert e2 == {f"applications.{k}.total" for k in rows_with_items}
    # E1 holds in every column (859+18 = 805+72); the blank 总计 cells break only E2/E3.
    assert not [f for f in result.errors if f.code == "E1"]


def test_shanghai_2019_real_errors_are_reported_as_printed():
    """What the published report itself gets wrong is reported, not mended on import.

    Its 总计 column is blank in every result row although the applicants' columns are not
    (E2 on those rows, E3 on （七）总计·总计 = 805 against a blank sum), and its prose says
    「予以公开及部分公开258件，占33.9%」: 258 of 805, 859 or 877 is 32.0%, 30.0% or 29.4%.
    """
    report, _ = import_file(FIXTURES / "shanghai-2019-real.html")
    result = check(report)
    e3 = [f for f in result.errors if f.code == "E3"]
    assert [f.message for f in e3] == ["三、（七）总计·总计：（一）至（六）各项之和为 0，表中为 805"]
    w15 = [f for f in result.warnings if f.code == "W15"]
    assert len(w15) == 1 and "258 件「占33.9%」" in w15[0].message
    assert report.values["applications.total_processed.total"] == 805  # as printed, never recomputed
