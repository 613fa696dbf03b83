"""Variants written for these tests: a web page with chrome and merged cells, Traditional text, a broken PDF text."""

from decimal import Decimal

from report.checks import check
from report.importer import import_file

from .conftest import FIXTURES
from .test_real_reports import appeals, table_values

APPLICATIONS_2021 = {
    "new_received": [120, 15, 2, 1, 3, 4, 145], "carried_over": [6, 1, 0, 0, 0, 0, 7],
    "granted": [60, 8, 1, 0, 1, 2, 72], "partial": [10, 2, 0, 0, 0, 0, 12],
    "deny_secret": [1, 0, 0, 0, 0, 0, 1], "deny_law": [0] * 7, "deny_safety": [0] * 7,
    "deny_third": [2, 0, 0, 0, 0, 0, 2], "deny_internal": [3, 0, 0, 0, 0, 0, 3], "deny_process": [4, 1, 0, 0, 0, 0, 5],
    "deny_enforce": [0] * 7, "deny_query": [1, 0, 0, 0, 0, 0, 1],
    "unable_none": [20, 2, 1, 0, 1, 1, 25], "unable_create": [5, 0, 0, 0, 0, 0, 5], "unable_unclear": [2, 0, 0, 0, 0, 0, 2],
    "np_complaint": [6, 0, 0, 0, 0, 0, 6], "np_repeat": [3, 0, 0, 0, 0, 0, 3], "np_publication": [1, 0, 0, 0, 0, 0, 1],
    "np_massive": [0] * 7, "np_confirm": [1, 0, 0, 0, 0, 0, 1],
    "other_nocorrect": [2, 0, 0, 0, 0, 0, 2], "other_nofee": [1, 0, 0, 0, 0, 0, 1], "other_other": [0] * 7,
    "total_processed": [122, 13, 2, 0, 2, 3, 142], "carried_forward": [4, 3, 0, 1, 1, 1, 10],
}
APPEALS = [3, 1, 0, 1, 5, 2, 0, 1, 0, 3, 1, 0, 0, 1, 2]


def test_web_page_with_chrome_rowspans_and_blank_cells():
    report, summary = import_file(FIXTURES / "web-2021-chrome.html")  # GB2312 page, script and footer included
    assert report.format_id == "2021"
    assert table_values(report, "active") == {
        "regs": [2, 1, 15], "norm_docs": [12, 3, 87], "licensing": [1520], "penalty": [233], "coercion": [12],
        "fees": [Decimal("125.6800")],
    }
    assert table_values(report, "applications") == APPLICATIONS_2021
    assert appeals(report) == APPEALS
    blank = report.origins["applications.deny_law.total"]
    assert blank.was_blank and blank.raw == "" and not blank.missing
    assert report.origins["appeals.review.other"].raw == "无"
    assert summary.found == 200 and len(summary.assumed) == 3
    h = report.header
    assert (h.org_name, h.year) == ("某某县自然资源局", 2021)
    assert h.sign_date.isoformat() == "2022-01-20"
    assert h.opening.startswith("根据《中华人民共和国政府信息公开条例》")
    assert report.texts["overview_active"] == "全年主动公开政府信息1200余条，其中土地出让信息85条。"
    assert report.texts["overview_supervision"] == "将政务公开纳入年度绩效考核，组织培训2次。"
    assert report.texts["other_matters"] == "本年度发出收费通知1件，收取信息处理费100元。"  # footer chrome left out
    assert report.texts["improvements"] == "一是丰富解读形式；二是加强答复文书审核。"
    assert not check(report).errors


def test_traditional_text_2019_with_negative_changes_and_amount_unit():
    report, summary = import_file(FIXTURES / "traditional-2019.txt")
    assert report.format_id == "2019"
    assert table_values(report, "active") == {
        "regs": [1, 1, 30], "norm_docs": [8, 8, 120], "licensing": [45, 3, 980], "other_services": [20, -2, 150],
        "penalty": [18, 0, 77], "coercion": [4, -1, 6], "fees": [6, -3], "procurement": [9, Decimal(251000)],
    }
    expected = {k: v for k, v in APPLICATIONS_2021.items() if not k.startswith("other_")}
    expected["other_processing"] = [3, 0, 0, 0, 0, 0, 3]
    assert table_values(report, "applications") == expected
    assert appeals(report) == APPEALS
    assert (report.header.org_name, report.header.year) == ("某某市民政局", 2020)
    assert report.texts["overview_lead"].startswith("2020年，我局坚持")  # stored in Simplified characters
    assert report.texts["improvements"] == "下一步，我局将继续加大公开力度。"
    assert not summary.missing


def test_pdf_text_with_broken_labels_typos_and_a_wrong_printed_total():
    report, summary = import_file(FIXTURES / "pdf-broken-2021.txt")
    assert report.format_id == "2021"
    assert table_values(report, "active") == {
        "regs": [0, 0, 3], "norm_docs": [2, 1, 14], "licensing": [356], "penalty": [41], "coercion": [0],
        "fees": [Decimal("12.5")],
    }
    rows = table_values(report, "applications")
    nonzero = {
        "new_received": [8, 1, 0, 0, 1, 0, 10], "carried_over": [1, 0, 0, 0, 0, 0, 1],
        "granted": [4, 1, 0, 0, 0, 0, 6], "partial": [1, 0, 0, 0, 0, 0, 1], "deny_third": [1, 0, 0, 0, 0, 0, 1],
        "unable_none": [1, 0, 0, 0, 1, 0, 2], "np_repeat": [1, 0, 0, 0, 0, 0, 1],
        "total_processed": [8, 1, 0, 0, 1, 0, 10], "carried_forward": [1, 0, 0, 0, 0, 0, 1],
    }
    assert rows == {k: nonzero.get(k, [0] * 7) for k in rows}
    assert appeals(report) == [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
    assert not summary.missing
    # The printed 6 in （一）予以公开·总计 is kept, so the check shows the report's own mistake.
    e2 = [f for f in check(report).errors if f.code == "E2"]
    assert [c.id for f in e2 for c in f.cells] == ["applications.granted.total"]
    assert (report.header.org_name, report.header.year) == ("某某镇人民政府", 2021)
    assert report.header.sign_date.isoformat() == "2022-01-14"
    assert report.texts["overview_platform"] == "维护好镇政务公开专栏。"
    assert report.texts["improvements"] == "一是拓展公开内容；二是丰富解读形式。"


def test_web_page_in_a_layout_table_with_optional_end_tags_left_out(tmp_path):
    """Older sites put the whole page in a layout table and omit </td>, </tr> and </p>: same figures."""
    import re

    page = (FIXTURES / "web-2021-chrome.html").read_bytes().decode("gb18030")
    head, body = page.split("<body>")
    body = body.replace("</body></html>", "")
    body = re.sub(r"</(td|tr|p)>", "", body)
    wrapped = (
        f"{head}<body><table width='100%'><tr><td class='nav'>首页 | 政务公开<tr><td class='main'>{body}"
        "</table></body></html>"
    )
    path = tmp_path / "layout.html"
    path.write_text(wrapped, encoding="utf-8")
    report, summary = import_file(path)
    assert summary.found == 200 and not summary.missing
    assert table_values(report, "applications") == APPLICATIONS_2021
    assert appeals(report) == APPEALS
    assert report.texts["overview_active"] == "全年主动公开政府信息1200余条，其中土地出让信息85条。"
    assert (report.header.org_name, report.header.sign_date.isoformat()) == ("某某县自然资源局", "2022-01-20")


def test_web_page_whose_merged_header_cells_are_empty_cells(tmp_path):
    """Some sites draw a merged header as empty cells instead of rowspan: those are not values."""
    page = (FIXTURES / "web-2021-chrome.html").read_bytes().decode("gb18030")
    t3_header = "<tr><td><p>商业企业</p></td>"
    t4_header = "<tr>" + "".join(f"<td><p>{w}</p></td>" for w in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计"))
    t4_header += "<td><p>结果维持</p>"
    assert page.count(t3_header) == 1 and page.count(t4_header) == 1
    page = page.replace(t3_header, "<tr><td></td><td><p>商业企业</p></td>").replace(
        "<td><p>其他</p></td></tr>", "<td><p>其他</p></td><td></td></tr>")
    page = page.replace(t4_header, "<tr>" + "<td></td>" * 5 + t4_header[4:].split("<td><p>总计</p></td>", 1)[1])
    path = tmp_path / "empty-cells.html"
    path.write_text(page, encoding="utf-8")
    report, summary = import_file(path)
    assert summary.found == 200 and not summary.missing
    assert table_values(report, "applications") == APPLICATIONS_2021
    assert appeals(report) == APPEALS


def test_numbers_ending_a_line_whose_bracket_closes_on_the_next_line():
    """pdftotext -layout: a row's label wraps inside its note, the row's numbers stand before the wrap."""
    from report.importer.stream import Para
    from report.importer.tables import tokens

    items = [
        Para("、   （二）部分公开（区分处理的，只计这一情    102     123        144    165    186     207   927"),
        Para("本        形，不计其他情形）"),
        Para("（单位：万元，保留 4 位小数）"),
    ]
    numbers = [t.text for t in tokens(items, 0, 3, set()) if t.kind == "num"]
    assert numbers == ["102", "123", "144", "165", "186", "207", "927"]  # the 4 of the note stays a label


def test_sentences_in_the_table_part():
    """A year in a sentence is no cell; a row label written with a comma keeps its numbers."""
    from report.importer.stream import Para
    from report.importer.tables import tokens

    items = [
        Para("2020 年，我单位对形成的政府信息实现了依法、有序公开，"),
        Para("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |"),
        Para("本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和"),
    ]
    toks = tokens(items, 0, 3, set())
    assert [t.text for t in toks if t.kind == "num"] == ["1", "0", "0", "0", "0", "0", "1"]
    assert not any(t.item == 0 for t in toks)
    assert any(t.item == 2 and t.kind == "label" for t in toks)  # the corner note still announces table 三
