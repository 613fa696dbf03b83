"""The web page: valid HTML5, self-contained, the official grids cell for cell, read back to the same report.

It prints exactly what the .docx prints: both are drawn from one plan (report/render/document.py), and
the tests compare the page with the rendered .docx itself, for the samples and for imported real
reports (their own headings, parts left out, no 署名), a part left empty and a forced draft.
"""

import copy
import io
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from docx import Document
from lxml import html as lxml_html

from report import draft
from report.checks import check
from report.errors import UserError
from report.importer import import_file
from report.render import plan, render_bytes
from report.render.document import DRAFT_NOTICE
from report.render.web import Marks, html_bytes, html_text, render_html
from report.schema import Layout

FIXTURES = Path(__file__).parents[1] / "importer" / "fixtures"


def _page(report, **kw):
    return lxml_html.document_fromstring(html_bytes(report, **kw))


def test_valid_html5(sample):
    text = html_bytes(sample).decode("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    # html5lib in strict mode raises on every parse error of the HTML5 parsing algorithm.
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def test_self_contained_and_accessible(sample):
    page = _page(sample)
    assert page.get("lang") == "zh-CN"
    assert page.find("head/meta").get("charset") == "utf-8"
    assert page.findtext("head/title") == sample.title
    for tag in ("script", "link", "img", "iframe", "object", "embed", "base", "form"):
        assert not page.xpath(f"//{tag}"), tag
    for el in page.iter():
        for name in el.attrib:
            assert not name.startswith("on") and name not in ("src", "href", "srcset", "action"), (el.tag, name)
    css = page.findtext("head/style")
    assert "url(" not in css and "@import" not in css
    assert page.xpath("//h1")[0].text_content() == sample.title
    assert [h.text_content() for h in page.xpath("//h2")] == [s.heading for s in sample.format.sections]
    headings = [p.heading for s in plan(sample).sections for p in s.parts if p.heading]
    assert [h.text_content() for h in page.xpath("//h3")] == headings
    tables = page.xpath("//table")
    assert len(tables) == 3
    for table, spec in zip(tables, sample.format.tables):
        caption = table.find("caption")
        assert caption.text == spec.name and "clip:rect(0 0 0 0)" in caption.get("style")  # read, not shown
        wrap = table.getparent()
        assert wrap.tag == "div" and "overflow-x:auto" in wrap.get("style")
        assert "min-width" in table.get("style")  # a phone scrolls the table instead of squeezing it
        if spec.layout is not Layout.BLOCKS:
            assert table.find("thead") is not None
            assert len(table.findall("thead/tr")) == spec.header_rows
        for th in table.iter("th"):
            assert th.get("scope") in ("col", "colgroup", "row", "rowgroup")
        ids = {th.get("id") for th in table.iter("th")}
        for td in table.xpath(".//td[@headers]"):
            assert set(td.get("headers").split()) <= ids


def _positions(table):
    """(row, col, rowspan, colspan, text) of every cell, by the HTML table model."""
    taken: set[tuple[int, int]] = set()
    out = []
    rows = table.xpath("./thead/tr | ./tbody/tr")
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr:
            while (r, c) in taken:
                c += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            for i in range(rs):
                for j in range(cs):
                    taken.add((r + i, c + j))
            out.append((r, c, rs, cs, cell.text_content()))
            c += cs
    return sorted(out)


def test_tables_are_the_official_drawing(sample):
    page = _page(sample)
    printed = plan(sample).cells  # as the .docx prints them: 「251.3608万元」 where the column has a unit
    assert any(v.endswith("元") for v in printed.values()) or sample.format_id == "2021"
    for table, spec in zip(page.xpath("//table"), sample.format.tables):
        cells, _, _ = spec.grid
        expected = sorted(
            (c.row, c.col, c.rowspan, c.colspan, printed[c.cell_id] if c.role == "value" else c.text)
            for c in cells
        )
        assert _positions(table) == expected


# --- the page prints what the .docx prints -------------------------------------------------------------


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_words(report, force: bool):
    """The .docx's body paragraphs (non-empty) and the texts of its tables' cells."""
    doc = Document(io.BytesIO(render_bytes(report, force=force)))
    paragraphs = [_squash(p.text) for p in doc.paragraphs if _squash(p.text)]
    tables = [sorted({_squash(c.text) for row in t.rows for c in row.cells} - {""}) for t in doc.tables]
    return paragraphs, tables


def _page_words(report, force: bool):
    page = lxml_html.document_fromstring(html_bytes(report, force=force))
    blocks = page.xpath("//article/*[self::p or self::h1][not(@class='draft')] | //article/section/*[not(self::div)]")
    paragraphs = [_squash(b.text_content()) for b in blocks if _squash(b.text_content())]
    tables = [sorted({_squash(c.text_content()) for c in t.xpath(".//td | .//th")} - {""}) for t in page.xpath("//table")]
    return page, paragraphs, tables


def _variants():
    from report.resources import resource_path

    out = {}
    for fid in ("2021", "2019"):
        out[f"sample-{fid}"] = (draft.load(resource_path("samples", f"sample-{fid}.json")), False)
    emptied = draft.load(resource_path("samples", "sample-2021.json"))
    emptied.texts["overview_platform"] = ""
    emptied.texts["problems"] = ""
    out["parts-left-empty"] = (emptied, True)
    wrong = draft.load(resource_path("samples", "sample-2019.json"))
    wrong.values["applications.granted.natural"] += 1
    out["forced-draft"] = (wrong, True)
    # Imported real reports: their own headings, run-in headings, no sub-headings, no 署名, the Henan table.
    for name in ("000_bc8117d118ec5b85.txt", "002_360e8e9c0ceb8934.txt", "003_c5e4a961ff6a8cdb.txt",
                 "004_17b4a8c95a9d1412.txt"):
        out[f"imported-{name[:3]}"] = (import_file(FIXTURES / name).report, True)
    return out


VARIANTS = _variants()


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_the_page_prints_exactly_what_the_docx_prints(name):
    report, force = VARIANTS[name]
    report = copy.deepcopy(report)
    docx_paragraphs, docx_tables = _docx_words(report, force)
    page, page_paragraphs, page_tables = _page_words(report, force)
    assert page_paragraphs == docx_paragraphs
    assert page_tables == docx_tables
    draft_banner = page.xpath("//p[@class='draft']")
    has_errors = bool(check(report).errors)
    assert [p.text_content() for p in draft_banner] == ([DRAFT_NOTICE] if has_errors else [])
    if name.startswith("sample") or name == "forced-draft":
        assert has_errors == (name == "forced-draft")


def test_the_variants_differ_where_the_plan_says():
    texts = {name: _docx_words(copy.deepcopy(r), f)[0] for name, (r, f) in VARIANTS.items()}
    assert "（四）政府信息公开平台建设" in texts["sample-2021"]
    assert not any("政府信息公开平台建设" in t for t in texts["parts-left-empty"])
    assert "（二）改进情况" in texts["sample-2021"] and "（一）改进情况" in texts["parts-left-empty"]
    assert VARIANTS["imported-002"][0].header.unsigned
    assert texts["imported-002"][-1] != _squash(VARIANTS["imported-002"][0].header.org_name)


def test_value_cells_name_their_headers(sample_2021):
    page = _page(sample_2021)
    table = page.xpath("//table")[1]
    by_id = {th.get("id"): th.text_content() for th in table.iter("th")}
    value = sample_2021.display_value("applications.deny_secret.corp")
    cell = next(td for td in table.iter("td") if td.text_content() == value)
    names = [by_id[i] for i in cell.get("headers").split()]
    assert names == ["商业企业", "法人或其他组织", "申请人情况", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"]
    appeals = page.xpath("//table")[2]
    by_id = {th.get("id"): th.text_content() for th in appeals.iter("th")}
    first = appeals.xpath(".//tbody//td")[0]
    assert [by_id[i] for i in first.get("headers").split()] == ["结果维持", "行政复议"]
    active = page.xpath("//table")[0]
    by_id = {th.get("id"): th.text_content() for th in active.iter("th")}
    licensing = next(td for td in active.iter("td") if td.text_content() == sample_2021.display_value(
        "active.licensing.decisions"))
    assert [by_id[i] for i in licensing.get("headers").split()] == ["本年处理决定数量", "第二十条第（五）项", "行政许可"]


def test_the_importer_reads_it_back_exactly(sample, tmp_path):
    path = render_html(sample, tmp_path / "报告.html")
    back, summary = import_file(path)
    assert back.format_id == sample.format_id
    assert not summary.missing
    assert {c: back.values.get(c) for c in sample.format.cells} == {c: sample.values[c] for c in sample.format.cells}
    assert back.texts == {k: v for k, v in sample.texts.items()}
    for name in ("org_name", "year", "doc_number", "addressee", "opening", "sign_date"):
        assert getattr(back.header, name) == getattr(sample.header, name), name
    assert back.title == sample.title and back.signer == sample.signer


def test_text_is_text(sample_2021):
    sample_2021.texts["overview_lead"] = "<script>alert(1)</script> & {{x}} <b>粗</b>\n第二段"
    page = _page(sample_2021)
    assert not page.xpath("//script") and not page.xpath("//b")
    lead = page.xpath("//section[1]/p[1]")[0]
    assert lead.text_content() == "<script>alert(1)</script> & {{x}} <b>粗</b>"
    assert page.xpath("//section[1]/p[2]")[0].text_content() == "第二段"


def test_errors_refuse_or_mark_a_draft(sample_2021):
    sample_2021.values["applications.granted.natural"] += 1
    with pytest.raises(UserError, match="错误"):
        html_bytes(sample_2021)
    page = _page(sample_2021, force=True)
    assert "草稿" in page.xpath("//p[@class='draft']")[0].text_content()
    assert page.findtext("head/title").endswith("（草稿）")


def test_preview_marks_findings_where_they_are(sample_2021):
    from report.checks import check

    sample_2021.set("applications.new_received.natural", sample_2021.values["applications.new_received.natural"] + 1)
    result = check(sample_2021)
    page = lxml_html.document_fromstring(html_text(sample_2021, draft_mark=True, marks=Marks.from_findings(result.findings)))
    marked = {td.get("data-cell"): td for td in page.xpath("//td[contains(@class,'finding-error')]")}
    named = {c.id for f in result.errors for c in f.cells}
    assert "applications.new_received.natural" in named and set(marked) == named
    assert all("[E" in td.get("title") for td in marked.values())


def test_cli_writes_html_by_extension(tmp_path, sample_2019):
    src = tmp_path / "草稿.json"
    draft.save(sample_2019, src)
    out = tmp_path / "报告.html"
    done = subprocess.run([sys.executable, "-m", "report", "render", str(src), "-o", str(out)], capture_output=True,
                          text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "已生成网页" in done.stdout
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(out.read_text(encoding="utf-8"))
    bad = subprocess.run([sys.executable, "-m", "report", "render", str(src), "-o", str(tmp_path / "x.txt")],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert bad.returncode == 2 and ".html" in bad.stderr and not (tmp_path / "x.txt").exists()
