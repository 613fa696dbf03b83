"""Only what the report holds: its parts, its headings, its 署名; 「无。」 only where the report or the clerk says so.

Read from the .docx (python-docx), no word processor needed.  The imported real reports are
rendered again and every printed paragraph is looked for in the report's own text.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from render_helpers import load_sample

from report import draft
from report.checks import acknowledge, check
from report.formats import FORMATS
from report.importer import import_file
from report.importer.html import read_html
from report.importer.normalise import label_key, t2s
from report.importer.text import read_text
from report.model import PrintedHeading, Report
from report.render import empty_part_note, plan, preflight, render_bytes

FIXTURES = Path(__file__).parents[1] / "importer" / "fixtures"
SOURCES = sorted(FIXTURES.glob("*.txt")) + sorted(FIXTURES.glob("*.html")) + sorted((FIXTURES / "found").glob("*.txt"))
DRAFT_MARK = "（草稿）"


def _doc(report: Report, **kw):
    return Document(io.BytesIO(render_bytes(report, **kw)))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _styled(doc, style_id: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.style_id == style_id]


def test_sub_headings_only_for_parts_with_text_numbered_as_printed():
    report = Report.new(2021, "某某县某某局", "2021")
    report.set_text("overview_on_request", "全年收到申请3件。")
    report.set_text("overview_platform", "维护好政务公开专栏。")
    report.set_text("improvements", "下一步加强培训。")
    doc = _doc(report, force=True)
    # The printed parts are numbered as printed: （一）（二）, not the notice's （二）（四）.
    assert _styled(doc, "Heading2") == ["（一）依申请公开", "（二）政府信息公开平台建设", "（一）改进情况"]
    texts = _texts(doc)
    assert "无。" not in texts
    assert texts.index("（一）依申请公开") + 1 == texts.index("全年收到申请3件。")


def test_confirmed_aspects_print_wu_and_unconfirmed_ones_are_left_out():
    report = Report.new(2021, "某某县某某局", "2021")
    report.set_text("overview_active", "全年公开信息20条。")
    assert not any("无。" in t for t in _texts(_doc(report)))
    w11 = next(f for f in check(report).warnings if f.code == "W11")
    acknowledge(report, w11, "本单位没有单独的依申请公开、管理、平台和监督工作")
    texts = _texts(_doc(report))
    assert texts[texts.index("（二）依申请公开") + 1] == "无。"
    assert texts.count("无。") == 4  # the four confirmed aspects; 五 and 六 are not W11's
    assert texts[texts.index("五、存在的主要问题及改进情况") + 1] == "六、其他需要报告的事项"


def test_a_confirmed_empty_section_five_prints_wu_once():
    report = Report.new(2021, "某某县某某局", "2021")
    report.set_text("overview_active", "全年公开信息20条。")
    texts = _texts(_doc(report))
    assert texts[texts.index("五、存在的主要问题及改进情况") + 1] == "六、其他需要报告的事项"  # not confirmed
    w17 = next(f for f in check(report).warnings if f.code == "W17")
    acknowledge(report, w17, "本年度未发现需要报告的问题")
    texts = _texts(_doc(report))
    assert texts[texts.index("五、存在的主要问题及改进情况") + 1 : texts.index("六、其他需要报告的事项")] == ["无。"]
    report.set_text("improvements", "下一步加强培训。")  # something written: its own words, no 「无。」
    texts = _texts(_doc(report))
    assert texts[texts.index("五、存在的主要问题及改进情况") + 1 : texts.index("六、其他需要报告的事项")] == [
        "（一）改进情况", "下一步加强培训。"]


def test_the_gui_says_which_parts_print_wu():
    fmt = FORMATS["2021"]
    assert "「无。」" in empty_part_note(fmt, "overview_platform") and "确认" in empty_part_note(fmt, "overview_platform")
    assert "不印此项" in empty_part_note(fmt, "problems") and "「存在的主要问题及改进情况没有写」" in empty_part_note(fmt, "problems")
    assert "只有标题" in empty_part_note(fmt, "other_matters")
    assert "无。" not in empty_part_note(FORMATS["2019"], "overview_platform")  # the 2019 format requires no aspects


def test_an_imported_reports_own_headings_and_run_in_headings(tmp_path):
    report = import_file(FIXTURES / "000_bc8117d118ec5b85.txt").report
    doc = _doc(report, force=True)
    texts = _texts(doc)
    # Report 000 writes 「（一）主动公开政府信息情况。2021 年……」: heading run into the paragraph, in 楷体.
    para = next(p for p in doc.paragraphs if p.text.startswith("（一）主动公开政府信息情况。"))
    runs = [(r.text, r.style.style_id if r.style is not None else None) for r in para.runs if r.text]
    assert runs[0] == ("（一）主动公开政府信息情况。", "RunInHeading")
    assert not _styled(doc, "Heading2")  # no standard sub-heading added
    assert "存在的主要问题" not in texts and any(t.startswith("存在的主要问题：") for t in texts)
    # The draft keeps the headings: the reopened .docx renders the same.
    back = draft.loads(draft.dumps(report))
    assert back.headings == report.headings
    assert _texts(_doc(back, force=True)) == texts


def test_a_section_without_sub_headings_prints_none():
    report = import_file(FIXTURES / "004_17b4a8c95a9d1412.txt").report
    assert report.headings["problems"] == PrintedHeading("") == report.headings["improvements"]
    doc = _doc(report, force=True)
    texts = _texts(doc)
    start = texts.index("五、存在的主要问题及改进情况")
    assert texts[start + 1].startswith(report.texts["problems"].split("\n")[0][:10])
    assert not _styled(doc, "Heading2")


def test_no_signer_where_the_report_had_none():
    for name in ("002_360e8e9c0ceb8934.txt", "003_c5e4a961ff6a8cdb.txt"):
        report = import_file(FIXTURES / name).report
        assert report.header.unsigned and report.signer == ""
        doc = _doc(report, force=True)
        assert not _styled(doc, "Signature")
    signed = import_file(FIXTURES / "000_bc8117d118ec5b85.txt").report
    assert _styled(_doc(signed, force=True), "Signature") == ["米易县集体土地征收补偿安置中心", "2022年1月14日"]


def test_henan_report_keeps_its_table_heading_wording():
    report = import_file(FIXTURES / "003_c5e4a961ff6a8cdb.txt").report
    assert report.format_id == "2021-henan"
    doc = _doc(report, force=True)
    cells = {c.text for row in doc.tables[0].rows for c in row.cells}
    assert "本年收费金额（单位：万元，保留4位小数）" in cells and "本年收费金额（单位：万元）" not in cells
    # And the province's report converts to and from the national format exactly, next year too.
    from report.carry import convert_format, next_year

    national = convert_format(report, "2021").report
    assert national.values == report.values
    assert next_year(report).report.format_id == "2021-henan"


def _source_key(path: Path) -> str:
    items = read_text(path) if path.suffix == ".txt" else read_html(path)
    return label_key(t2s("".join(getattr(i, "text", "") or "".join(getattr(i, "cells", ())) for i in items)))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_imported_reports_print_no_line_they_do_not_hold(path):
    report, summary = import_file(path)
    source = _source_key(path)
    doc = _doc(report, force=True)
    complete = not summary.missing_sections and label_key(t2s(report.title)) in source
    checked = 0
    for p in doc.paragraphs:
        text = p.text.replace(DRAFT_MARK, "")  # the mark of a forced draft, which the program adds on purpose
        if not text.strip():
            continue
        style = p.style.style_id
        if not complete and style in ("ReportTitle", "Heading1"):
            continue  # a fragment (one page of a PDF): the document still has its title and six headings
        assert label_key(t2s(text)) in source, (path.name, style, text)
        checked += 1
    if complete:
        assert checked >= 10, path.name
    # Never an invented 「无。」 or sub-heading.
    assert all(label_key(t) in source for t in _styled(doc, "Heading2"))


def test_all_complete_real_reports_are_checked_line_by_line():
    complete = []
    for path in SOURCES:
        report, summary = import_file(path)
        if not summary.missing_sections and label_key(t2s(report.title)) in _source_key(path):
            complete.append(path.name)
    assert {"000_bc8117d118ec5b85.txt", "001_6f6c780c05ed1855.txt", "002_360e8e9c0ceb8934.txt",
            "003_c5e4a961ff6a8cdb.txt", "shanghai-2019-real.html"} <= set(complete)


def test_line_break_inside_a_paragraph_and_cleaned_characters():
    report = load_sample("2021")
    report.texts["problems"] = "第一行\x0b第二行\n第二段\ud800有\x01坏字\ufffe。"
    doc = _doc(report)
    para = next(p for p in doc.paragraphs if p.text.startswith("第一行"))
    assert para.text == "第一行\n第二行" and para._p.find(f".//{qn('w:br')}") is not None
    assert "第二段有坏字。" in _texts(doc)
    notes = preflight(report)
    assert any("五、存在的主要问题及改进情况存在的主要问题" in n and "3 个字符" in n for n in notes)
    assert set(plan(report).notes) <= set(notes)  # the GUI and the CLI show the same 提示 before generating


def test_an_amount_keeps_the_unit_it_was_printed_with():
    report = import_file(FIXTURES / "shanghai-2019-real.html").report
    doc = _doc(report, force=True)
    cells = {c.text for row in doc.tables[0].rows for c in row.cells}
    assert "251000元" in cells  # as the report printed it, never 251000万元
    report.set("active.procurement.amount", report.values["active.procurement.amount"] / 10000)
    cells = {c.text for row in _doc(report, force=True).tables[0].rows for c in row.cells}
    assert "25.1万元" in cells  # edited in the program: the column's unit
