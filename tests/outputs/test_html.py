"""The web page: valid HTML5, self-contained, the official grids cell for cell, read back to the same report."""

import subprocess
import sys

import html5lib
import pytest
from lxml import html as lxml_html

from report import draft
from report.errors import UserError
from report.html_page import Marks, html_bytes, html_text, render_html
from report.importer import import_file
from report.schema import Layout


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
    titles = [f.title for f in sample.format.text_fields if f.title]
    assert [h.text_content() for h in page.xpath("//h3")] == titles
    tables = page.xpath("//table")
    assert len(tables) == 3
    for table, spec in zip(tables, sample.format.tables):
        assert table.findtext("caption") == spec.name
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
    for table, spec in zip(page.xpath("//table"), sample.format.tables):
        cells, _, _ = spec.grid
        expected = sorted(
            (c.row, c.col, c.rowspan, c.colspan, sample.display_value(c.cell_id) if c.role == "value" else c.text)
            for c in cells
        )
        assert _positions(table) == expected


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
