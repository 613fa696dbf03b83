"""GB/T 9704 measured on the printed page: LibreOffice lays out the .docx, pdftotext gives every word's box.

28 characters a line and 22 lines a page; the title's lines at their own 35 pt; the 成文日期 placed
against the 署名 as §7.3.5 says; table headings broken between words; every amount with its unit.
One LibreOffice run converts every document of this module.  Under CI=true a missing LibreOffice
fails these tests instead of skipping them.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

import pytest
from render_helpers import convert_to_pdf, load_sample, pdf_lines

from report.model import Report
from report.render import geometry as g
from report.render import render_docx
from report.render.builder import _chars_in, _column_widths_mm
from report.render.typeset import heading_lines

pytestmark = pytest.mark.libreoffice

PT = 1 / g.TWIPS_PER_PT  # points per twip
LEFT = g.MARGIN_LEFT * PT
RIGHT = (g.MARGIN_LEFT + g.TEXT_WIDTH) * PT  # the text's right edge, in points from the page's left
PITCH = g.CHAR_PITCH * PT  # one 字: 15.75 pt
PARAGRAPH = (
    "坚持以人民为中心的发展思想围绕中心工作进一步健全政府信息公开工作机制推进决策执行管理服务结果公开"
    "及时回应社会关切保障人民群众知情权参与权表达权和监督权"
)
CJK = re.compile(r"[\u4e00-\u9fff]+")


def _reports() -> dict[str, Report]:
    long_text = load_sample("2021")
    long_text.set_text("overview_lead", "\n".join([PARAGRAPH * 8] * 3))
    sealed_short = load_sample("2021")
    sealed_short.header.signer, sealed_short.header.sealed = "某某县人民政府", True
    short_signer = load_sample("2021")
    short_signer.header.signer, short_signer.header.sign_date = "某局", dt.date(2022, 12, 14)
    return {
        "sample-2021": load_sample("2021"),
        "sample-2019": load_sample("2019"),
        "long-text": long_text,
        "sealed-short": sealed_short,
        "short-signer": short_signer,
    }


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("measure")
    reports = _reports()
    docx = []
    for name, report in reports.items():
        path = workdir / f"{name}.docx"
        render_docx(report, path, force=True)  # the short signer's December date breaks nothing, W9 only
        docx.append(path)
    pdfs = convert_to_pdf(docx, workdir)
    return {name: (reports[name], pdf_lines(pdf)) for name, pdf in zip(reports, pdfs)}


def _body(page: list[dict]) -> list[dict]:
    """A page's lines inside the 版心 (the page number below it left out)."""
    bottom = (g.PAGE_H - g.MARGIN_BOTTOM) * PT
    return [line for line in page if line["y1"] <= bottom + 1]


def test_28_characters_a_line_and_22_lines_a_page(printed):
    _, pages = printed["long-text"]
    # Pages 2 and 3 hold nothing but section 一's long paragraphs.
    for page in pages[1:3]:
        lines = _body(page)
        assert len(lines) == g.LINES_PER_PAGE, [x["text"] for x in lines]
        all_cjk = [x["text"] for x in lines if CJK.fullmatch(x["text"])]
        assert len(all_cjk) >= 20
        assert max(len(t) for t in all_cjk) == g.CHARS_PER_LINE
        # Every line that is not a paragraph's first (indented 2 字) or last holds exactly 28.
        full = [x for x in lines if CJK.fullmatch(x["text"]) and abs(x["x0"] - LEFT) < 1 and x["x1"] > RIGHT - PITCH]
        assert full and all(len(x["text"]) == 28 for x in full)
        # The line pitch of the grid: 28.95 pt.
        tops = [x["y0"] for x in lines]
        assert all(abs((b - a) - g.LINE_PITCH * PT) < 0.2 for a, b in pairwise(tops))


def test_the_title_lines_stand_at_35_pt(printed):
    _, pages = printed["sample-2021"]
    first = pages[0]
    title = ["米易县人民政府办公室", "2021年政府信息公开工作年度报告"]
    tops = [next(x["y0"] for x in first if x["text"] == t) for t in title]
    assert abs((tops[1] - tops[0]) - g.TITLE_LINE * PT) < 0.3
    # Centred on the 版心.
    for t in title:
        line = next(x for x in first if x["text"] == t)
        assert abs((line["x0"] + line["x1"]) / 2 - (LEFT + RIGHT) / 2) < 1.5


def _last_lines(pages, *texts):
    lines = _body(pages[-1])
    return [next(x for x in lines if x["text"] == t) for t in texts]


def test_the_date_starts_two_characters_right_of_the_signer(printed):
    _, pages = printed["sample-2021"]
    signer, date = _last_lines(pages, "米易县人民政府办公室", "2022年1月14日")
    assert abs((RIGHT - signer["x1"]) - 2 * PITCH) < 0.6  # 署名 右空二字
    assert abs((date["x0"] - signer["x0"]) - 2 * PITCH) < 0.6  # the date's first character 2 字 further right
    assert date["y0"] > signer["y0"]


def test_a_date_longer_than_the_signer_stands_two_characters_from_the_margin(printed):
    _, pages = printed["short-signer"]
    signer, date = _last_lines(pages, "某局", "2022年12月14日")
    assert abs((RIGHT - date["x1"]) - 2 * PITCH) < 0.6  # the date 右空二字
    # The 署名 2 字 left of where the date begins as Word sets it (no extra space between Chinese
    # and digits; LibreOffice adds some, which moves the date's first character, not the 署名).
    word_start = RIGHT - 2 * PITCH - g.run_twips("2022年12月14日") * PT
    assert abs((word_start - signer["x0"]) - 2 * PITCH) < 0.6


def test_under_a_seal_the_date_is_four_characters_from_the_margin_and_the_signer_centred(printed):
    _, pages = printed["sealed-short"]
    signer, date = _last_lines(pages, "某某县人民政府", "2022年1月14日")
    assert abs((RIGHT - date["x1"]) - 4 * PITCH) < 0.6  # 右空四字
    word_centre = RIGHT - 4 * PITCH - g.run_twips("2022年1月14日") * PT / 2
    assert abs((signer["x0"] + signer["x1"]) / 2 - word_centre) < 0.6
    # Two blank lines above the 署名 leave room for the seal.
    body = _body(pages[-1])
    above = body[body.index(signer) - 1]
    assert signer["y0"] - above["y0"] > 2.9 * g.LINE_PITCH * PT


@pytest.mark.parametrize("name", ["sample-2021", "sample-2019"])
def test_table_headings_break_between_words(printed, name):
    report, pages = printed[name]
    words = [w for page in pages for line in page for w in line["words"]]
    texts = {w["text"] for w in words}
    table = report.format.table("applications")
    cells, _, ncols = table.grid
    widths = _column_widths_mm(table, ncols)
    checked = 0
    for cell in cells:
        if cell.role != "header" or len(cell.text) > 8:
            continue
        lines = heading_lines(cell.text, _chars_in(sum(widths[cell.col : cell.col + cell.colspan]), g.TABLE_SMALL_PT))
        if len(lines) < 2:
            continue
        # Each line is a word of its own in the PDF, stacked in one column: 社会 / 公益 / 组织.
        tops = [w for w in words if w["text"] == lines[0]]
        assert tops, (cell.text, lines)
        top = tops[0]
        for below in lines[1:]:
            assert any(w["text"] == below and abs(w["x0"] - top["x0"]) < 3 and w["y0"] > top["y0"] for w in words), below
        checked += 1
    assert checked >= 4
    for broken in ("社会公", "益组织", "法律服", "务机构"):
        assert broken not in texts


def test_every_amount_prints_with_its_unit(printed):
    report, pages = printed["sample-2019"]
    text = "".join(line["text"] for page in pages for line in page)
    assert f"{report.display_value('active.procurement.amount')}万元" in text
