"""The five real reports: every printed number, hand-copied from the files, comes back; lost rows stay missing."""

from decimal import Decimal

import pytest

from report.checks import check
from report.importer import import_file

from .conftest import REAL

ZERO7 = [0] * 7


def table_values(report, table):
    """{row key: [values in the format's column order]} for one table."""
    t = report.format.table(table)
    out = {}
    for _, row in t.iter_rows():
        out[row.key] = [report.values[f"{table}.{row.key}.{c.key}"] for c in t.columns_of(row.key)]
    return out


def applications(report, nonzero):
    rows = table_values(report, "applications")
    expected = {key: nonzero.get(key, ZERO7) for key in rows}
    return rows, expected


def appeals(report):
    t = report.format.table("appeals")
    return [report.values[c.id] for c in t.cells]


def test_000_2021_county_centre_pdf_text():
    report, summary = import_file(REAL["000"])
    assert report.format_id == "2021"
    assert report.totals_as_printed
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [1, 0, 1], "licensing": [0], "penalty": [0], "coercion": [0], "fees": [0],
    }
    rows, expected = applications(report, {})
    assert rows == expected
    assert appeals(report) == [0] * 15
    assert summary.found == summary.cells_total == 200 and not summary.missing
    h = report.header
    assert (h.org_name, h.year) == ("攀枝花市米易县集体土地征收补偿安置中心", 2021)
    assert h.signer == "米易县集体土地征收补偿安置中心"
    assert h.sign_date.isoformat() == "2022-01-14"
    assert report.texts["overview_active"].startswith("2021年米易县集体土地征收补偿安置中心信息公开累计41条")
    assert report.texts["overview_on_request"] == "2021年我单位无依申请公开情况。"
    assert report.texts["problems"].startswith("一是信息的时效性")
    assert report.texts["improvements"].startswith("2022年，我中心将从以下方面进行改进")
    assert report.texts["other_matters"] == "无。"
    assert report.missing_sections == []
    assert not check(report).errors


def test_001_traditional_web_page_with_pipes():
    report, summary = import_file(REAL["001"])
    assert report.format_id == "2021"
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [9, 0, 75], "licensing": [9544], "penalty": [937], "coercion": [36],
        "fees": [Decimal("3415.891")],
    }
    rows, expected = applications(report, {
        "new_received": [10, 0, 0, 0, 0, 0, 10],
        "granted": [10, 0, 0, 0, 0, 0, 10],
        "total_processed": [10, 0, 0, 0, 0, 0, 10],
    })
    assert rows == expected
    assert appeals(report) == [1, 0, 0, 0, 1] + [0] * 10
    assert summary.found == 200 and not summary.missing
    assert any("繁体" in n for n in summary.notes)
    h = report.header
    # a 本级政府 report: the title names the place, its 办公室 signs; the agency is the government
    assert (h.org_name, h.year) == ("米易县人民政府", 2021)
    assert h.signer == "米易县人民政府办公室"
    assert h.title == "攀枝花市米易县2021年政府信息公开工作年度报告"  # the title as printed is kept
    assert any(a.what == "机关名称" and "办公室" in a.reason for a in summary.assumed)
    assert h.sign_date.isoformat() == "2022-02-08"
    assert h.opening.startswith("根据《中华人民共和国政府信息公开条例》的规定")
    assert report.texts["overview_lead"] == ""
    assert report.texts["overview_platform"].startswith("常态化推进门户网站平台集约化建设")
    assert report.texts["other_matters"].startswith("本年度我县无依据《政府信息公开信息处理费管理办法》")
    assert not check(report).errors


def test_002_2021_report_in_2019_tables():
    report, summary = import_file(REAL["002"])
    assert report.format_id == "2019"  # from the labels, not the year
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [0, 0, 0], "other_services": [0, 7, 0],
        "penalty": [0, 0, 0], "coercion": [0, 0, 0], "fees": [0, 0], "procurement": [0, 0],
    }
    rows, expected = applications(report, {})
    assert rows == expected
    assert "other_processing" in rows
    assert appeals(report) == [0] * 15
    assert summary.found == 198 and not summary.missing
    assert report.header.year == 2021
    assert any(a.what == "报告年度" for a in summary.assumed)
    codes = {f.code for f in check(report).findings}
    assert "W8" in codes
    assert report.texts["overview_lead"].startswith("2021年,我局坚持")
    assert report.texts["improvements"].startswith("针对以上问题")
    assert report.texts["other_matters"] == "无其他需要报告的事项。"


def test_003_tab_separated_local_header():
    report, summary = import_file(REAL["003"])
    assert report.format_id == "2021-henan"  # the province's own 「保留4位小数」 wording (report/formats/f2021_henan.py)
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [21], "penalty": [0], "coercion": [0], "fees": [0],
    }
    rows, expected = applications(report, {})
    assert rows == expected
    assert appeals(report) == [0] * 15
    assert summary.found == 200 and not summary.missing
    assert any("保留4位小数" in n for n in summary.notes)
    assert (report.header.org_name, report.header.year) == ("城乡规划编制研究中心", 2021)
    # 一、二、三、 inside section 一 are not top-level sections
    assert "高度重视" in report.texts["overview_lead"] and "结合工作" in report.texts["overview_lead"]
    assert report.texts["problems"].startswith("一是对政务公开意识还不够强")
    assert report.texts["improvements"].startswith("一是切实提高")
    assert report.texts["other_matters"] == "无"
    assert report.missing_sections == []


def test_004_rows_lost_in_extraction_are_missing_not_zero():
    report, summary = import_file(REAL["004"])
    assert report.format_id == "2019"
    active = table_values(report, "active")
    assert all(v is None for values in active.values() for v in values)
    rows = table_values(report, "applications")
    lost = {"new_received", "carried_over", "granted", "partial"}
    for key, values in rows.items():
        assert values == ZERO7, key
    # the four lost rows follow from the zero totals (（七）总计 = 0 and 一+二 = （七）+四): flagged, never silent
    for key in lost:
        for col in report.format.table("applications").columns:
            origin = report.origins[f"applications.{key}.{col.key}"]
            assert not origin.missing and "按 0 计" in origin.reason
    assert appeals(report) == [0] * 15
    t4 = report.format.table("appeals").cells
    assert all(report.origins[c.id].was_blank and report.origins[c.id].raw == "无" for c in t4)
    assert summary.found == 198 - 22
    assert {m.cell_id for m in summary.missing} == {c for c, v in report.values.items() if v is None}
    assert all(report.origins[m.cell_id].missing and report.origins[m.cell_id].reason for m in summary.missing)
    assert report.missing_sections == ["三"]
    h = report.header
    assert h.doc_number == "平新农字〔2021〕2号"
    assert h.addressee == "区政府办公室"
    assert (h.org_name, h.year) == ("平安区新农村建设服务中心", 2020)
    assert h.title == "2020年度平安区新农村建设服务中心政府信息公开工作年度报告"
    assert h.signer == "海东市平安区新农村建设服务中心"
    assert h.sign_date.isoformat() == "2021-01-18"
    assert report.texts["other_matters"] == "暂无其他需报告事项。"
    result = check(report)
    assert {f.code for f in result.errors} == {"E7", "E8"}  # missing cells and the lost heading, nothing invented
    e7_cells = {c.id for f in result.errors if f.code == "E7" for c in f.cells}
    assert e7_cells == {m.cell_id for m in summary.missing}


@pytest.mark.parametrize("key", sorted(REAL))
def test_every_real_report_is_recognised_as_a_report(key):
    _report, summary = import_file(REAL[key])
    assert summary.format_id in ("2019", "2021", "2021-henan")
    assert "识别为" in summary.as_text()
