"""Layout decisions a clerk's unusual report depends on, read from the .docx (no word processor).

Long agency names in the title and the 署名, 9-digit figures in narrow columns,
the 2019 table 二 grid, rows kept together, and a clerk's text that happens to
contain the renderer's internal stand-in character.  The same cases are looked
at on real pages in test_render_pages.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn
from render_helpers import load_sample

from report.formats import FORMATS
from report.model import Report
from report.render import plan, render_bytes, signer_lines, title_lines
from report.render.docx_context import build as _build
from report.render.docx_context import signature_block as _signature_block
from report.render.geometry import CHAR_PITCH, TEXT_WIDTH, run_twips
from report.render.typeset import signature_layout
from report.render.typeset import width as _width


def build_context(report, draft_mark=False):
    return _build(plan(report, draft_mark=draft_mark))


def signature_block(signer, date, sealed):
    from types import SimpleNamespace

    return _signature_block(SimpleNamespace(signature=signature_layout(signer, date, sealed)))

SUFFIX = "2021年政府信息公开工作年度报告"
#: Real and plausible agency names; the first is real report 000's.
LONG_NAMES = (
    "攀枝花市米易县集体土地征收补偿安置中心",
    "中共四川省攀枝花市米易县委员会机构编制委员会办公室和米易县人民政府政务服务管理局",  # 40 字
    "某某省某某市某某县某某乡镇人民政府某某办公室某某中心某某站某某所",
    "杭州市市场监督管理局",
    "某某县人力资源和社会保障局",
)
#: Words no line break may cut.
WORDS = (
    "安置中心",
    "机构编制委员会",
    "政务服务管理局",
    "中心",
    "办公室",
    "委员会",
    "管理局",
    "人民政府",
    "政府信息公开",
    "年度报告",
    "市场",
    "社会保障局",
    "2021年",
)


def _assert_words_whole(lines: list[str]) -> None:
    text = "".join(lines)
    ends = {sum(len(x) for x in lines[: i + 1]) for i in range(len(lines) - 1)}
    for word in WORDS:
        for m in re.finditer(re.escape(word), text):
            assert not any(m.start() < e < m.end() for e in ends), (word, lines)


def _assert_symmetric(lines: list[str]) -> None:
    widths = [_width(x) for x in lines]
    assert max(widths) <= 20, lines
    # 梯形 or 菱形: no line shorter than both of its neighbours (an hourglass).
    for k in range(1, len(widths) - 1):
        assert not (widths[k] < widths[k - 1] and widths[k] < widths[k + 1]), lines
    if len(lines) > 1:
        assert max(widths) - min(widths) <= 8, lines


@pytest.mark.parametrize("org", LONG_NAMES)
def test_long_agency_title_wraps_between_words_symmetrically(org):
    lines = title_lines(org + SUFFIX, org)
    assert "".join(lines) == org + SUFFIX
    _assert_words_whole(lines)
    _assert_symmetric(lines)
    assert len(lines) <= 4


def test_real_report_000_title_breaks_after_the_agency_name():
    org = "攀枝花市米易县集体土地征收补偿安置中心"
    assert title_lines(org + SUFFIX, org) == [org, SUFFIX]


@pytest.mark.parametrize(
    "title",
    [
        "2021年度米易县人民政府办公室政府信息公开工作年度报告",  # a clerk's override, year first
        "某某县某某局2021年政府信息公开工作年度报告",
        "关于某某县某某局2021年度政府信息公开工作年度报告（修订稿）",
    ],
)
def test_title_override_and_short_names_keep_words_whole(title):
    lines = title_lines(title)
    assert "".join(lines) == title and len(lines) == 2
    _assert_words_whole(lines)
    assert not lines[1].startswith(("（", "）")) or lines[1].startswith("（修订稿")


def _placed(signer, date, sealed):
    """(text, first character's x, right edge) of each 落款 line, twips from the text's left edge."""
    out = []
    for line in signature_layout(signer, date, sealed).lines:
        w = run_twips(line.text)
        if line.align == "left":
            x = line.left_twips
        elif line.align == "right":
            x = TEXT_WIDTH - line.right_twips - w
        else:
            x = line.left_twips + (TEXT_WIDTH - line.right_twips - line.left_twips - w) / 2
        out.append((line.text, x, x + w))
    return out


def test_long_signer_is_set_in_balanced_lines_with_the_date_offset():
    signer = LONG_NAMES[1]
    lines = signer_lines(signer)
    assert "".join(lines) == signer and len(lines) >= 2
    assert all(_width(x) <= 20 for x in lines)
    _assert_words_whole(lines)
    date = "2022年1月14日"
    for sealed in (False, True):
        placed = _placed(signer, date, sealed)
        assert [t for t, _, _ in placed] == lines + [date]
        *sig, (_, dx, dr) = placed
        # Every line, the date included, fits the 28-字 line: no line wraps a second time.
        assert all(x >= 0 and r <= TEXT_WIDTH for _, x, r in placed)
        if sealed:
            assert abs(TEXT_WIDTH - dr - 4 * CHAR_PITCH) <= 1
            # Centred over the date as far as the right margin lets a line longer than the date go.
            assert all(abs((x + r) / 2 - (dx + dr) / 2) <= 1 or abs(r - TEXT_WIDTH) <= 1 for _, x, r in sig)
        else:
            # The 署名 block is left-aligned; the date starts two 字 right of it (§9.4).
            assert len({round(x) for _, x, _ in sig}) == 1
            assert abs(dx - sig[0][1] - 2 * CHAR_PITCH) <= 1


def test_signer_of_one_line_keeps_the_formulas():
    (_, sx, sr), (_, dx, _) = _placed("米易县人民政府办公室", "2022年1月14日", sealed=False)
    # 署名 右空二字; the date's first character 2 字 right of the 署名's: rd = ws − wd, measured as set.
    assert abs(TEXT_WIDTH - sr - 2 * CHAR_PITCH) <= 1
    assert abs(dx - sx - 2 * CHAR_PITCH) <= 1


def _report_with_big_numbers(format_id: str) -> Report:
    report = load_sample(format_id)
    n = 123456789
    for cid, spec in report.format.cells.items():
        if not spec.derived and cid.startswith(("applications.", "appeals.")):
            n += 1111
            report.values[cid] = n
    report.recompute()
    return report


def _cell_runs(doc, table_index: int):
    for tc in doc.tables[table_index]._tbl.iter(qn("w:tc")):
        text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
        yield text, [r for r in tc.iter(qn("w:r")) if r.find(qn("w:t")) is not None]


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_nine_digit_figures_are_narrowed_to_fit_their_cells(format_id):
    report = _report_with_big_numbers(format_id)  # E1/E7 errors: a forced draft
    doc = Document(io.BytesIO(render_bytes(report, force=True)))
    for table_index in (1, 2):  # 三 and 四
        numbers = 0
        for text, runs in _cell_runs(doc, table_index):
            if re.fullmatch(r"\d{9,}", text):
                numbers += 1
                scales = [r.find(qn("w:rPr")).find(qn("w:w")) for r in runs]
                assert all(s is not None and 50 <= int(s.get(qn("w:val"))) < 100 for s in scales), text
        assert numbers > 10


def test_ordinary_figures_are_left_alone(sample):
    doc = Document(io.BytesIO(render_bytes(sample)))
    for table_index in range(3):
        for text, runs in _cell_runs(doc, table_index):
            assert all(r.find(qn("w:rPr")) is None or r.find(qn("w:rPr")).find(qn("w:w")) is None for r in runs), text


def _row_spans(tr) -> list[int]:
    spans = []
    for tc in tr.iterchildren(qn("w:tc")):
        span = tc.find(qn("w:tcPr")).find(qn("w:gridSpan"))
        spans.append(int(span.get(qn("w:val"))) if span is not None else 1)
    return spans


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_table_two_value_cells_of_a_row_are_equally_wide(format_id):
    report = Report.new(FORMATS[format_id].first_year, "某局", format_id)
    doc = Document(io.BytesIO(render_bytes(report)))
    tbl = doc.tables[0]._tbl
    grid = [int(gc.get(qn("w:w"))) for gc in tbl.tblGrid.findall(qn("w:gridCol"))]
    for tr in tbl.tr_lst:
        spans = _row_spans(tr)
        if len(spans) < 3:  # caption rows and rows of a single value
            continue
        widths, col = [], 0
        for span in spans:
            widths.append(sum(grid[col : col + span]))
            col += span
        values = widths[1:]
        assert max(values) - min(values) <= 3, (format_id, spans, widths)


def _kept(tr) -> bool:
    paragraphs = list(tr.iter(qn("w:p")))
    return all(p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None for p in paragraphs)


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_table_two_blocks_and_table_three_groups_keep_together(format_id):
    fmt = FORMATS[format_id]
    doc = Document(io.BytesIO(render_bytes(Report.new(fmt.first_year, "某局", format_id))))
    # 二: every row but the last of its block (the row before a caption) keeps with the next.
    cells, nrows, _ = fmt.tables[0].grid
    captions = {c.row for c in cells if c.role == "caption"}
    rows = doc.tables[0]._tbl.tr_lst
    for i in range(nrows):
        assert _kept(rows[i]) == (i < nrows - 1 and i + 1 not in captions), i
    # 三: the rows under an inner vertical label (（三）不予公开 …) stay together.
    cells, _, _ = fmt.tables[1].grid
    rows = doc.tables[1]._tbl.tr_lst
    groups = [c for c in cells if c.role == "label" and c.rowspan > 1 and c.col > 0]
    assert groups
    for g in groups:
        assert all(_kept(rows[r]) for r in range(g.row, g.row + g.rowspan - 1)), g.text


def test_clerk_text_containing_the_internal_stand_in_prints_as_typed():
    report = load_sample("2021")
    typed = "\ue000xxgk\ue001 与 {_{ 原样"
    report.set_text("problems", typed)
    report.header.addressee = "\ue000xxgk\ue001"
    doc = Document(io.BytesIO(render_bytes(report)))
    texts = [p.text for p in doc.paragraphs]
    assert typed in texts and "\ue000xxgk\ue001：" in texts


def test_no_signer_and_no_date_leave_no_signature():
    report = Report.new(2021, "", "2021")
    report.header.sign_date = None
    doc = Document(io.BytesIO(render_bytes(report, force=True)))
    texts = [p.text for p in doc.paragraphs]
    assert texts[-1] == "六、其他需要报告的事项"  # nothing written, no 署名, no date: the heading closes it
    report.header.sign_date = dt.date(2022, 1, 14)
    texts = [p.text for p in Document(io.BytesIO(render_bytes(report, force=True))).paragraphs]
    assert texts[-1] == "2022年1月14日"


def _runs_of(paragraph) -> list[tuple[str, str | None]]:
    out = []
    for r in paragraph._p.iter(qn("w:r")):
        text = "".join(t.text or "" for t in r.iter(qn("w:t")))
        style = r.find(qn("w:rPr")).find(qn("w:rStyle")) if r.find(qn("w:rPr")) is not None else None
        if text:
            out.append((text, style.get(qn("w:val")) if style is not None else None))
    return out


def test_a_clerks_ordinals_take_the_level_they_occupy_never_the_top_level():
    """Directly under 一、总体情况, the clerk's outermost numbering is the second level (楷体), whatever its form."""
    report = load_sample("2021")
    lines = [
        "二、主要做法",  # report 003 numbers its parts 「一、」 inside section 一: level 2, not a seventh section
        "三、结合工作，提高质量。全年发布信息87条。",
        "（一）第一方面的工作。本年度，我局坚持以人民为中心。",  # below 「二、」 here: level 3, 仿宋
        "一是聚焦重点领域。在门户网站发布信息。",
        "1.属于国家秘密的不予公开。",
        "A&B <c> {{ x }}",
    ]
    report.set_text("overview_lead", "\n".join(lines))
    doc = Document(io.BytesIO(render_bytes(report)))
    paragraphs = {p.text: p for p in doc.paragraphs}
    assert all(line in paragraphs for line in lines)  # the text itself is unchanged
    assert _runs_of(paragraphs[lines[0]]) == [(lines[0], "RunInHeading")]
    assert _runs_of(paragraphs[lines[1]]) == [("三、结合工作，提高质量。", "RunInHeading"), ("全年发布信息87条。", None)]
    for line in lines[2:]:
        assert all(style is None for _, style in _runs_of(paragraphs[line])), line
    # No paragraph of the clerk's is ever a heading style; the run-in style is 楷体, the second level's font.
    assert all(paragraphs[line].style.style_id == "Normal" for line in lines)
    styles = {s.style_id: s for s in doc.styles}
    fonts = styles["RunInHeading"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert "RunInHeading1" not in styles


def test_the_clerks_numbering_under_a_part_heading_stays_body_text():
    report = load_sample("2021")
    report.set_text("overview_active", "（一）公开重点领域信息。全年公开1200条。\n1.财政预决算。")
    doc = Document(io.BytesIO(render_bytes(report)))
    paragraphs = {p.text: p for p in doc.paragraphs}
    # Under 「（一）主动公开」 (level 2) the clerk's （一） is the third level: 仿宋, like the body.
    assert _runs_of(paragraphs["（一）公开重点领域信息。全年公开1200条。"]) == [("（一）公开重点领域信息。全年公开1200条。", None)]
    assert paragraphs["（一）主动公开"].style.style_id == "Heading2"


def test_only_the_outer_system_of_a_block_is_level_two():
    report = load_sample("2021")
    report.set_text("other_matters", "（一）关于建议提案办理。共办理28件。\n（二）关于政务公开要点。已全部落实。\n（1）其中一项。")
    doc = Document(io.BytesIO(render_bytes(report)))
    paragraphs = {p.text: p for p in doc.paragraphs}
    assert _runs_of(paragraphs["（一）关于建议提案办理。共办理28件。"])[0] == ("（一）关于建议提案办理。", "RunInHeading")
    assert all(style is None for _, style in _runs_of(paragraphs["（1）其中一项。"]))


def test_a_space_in_the_title_is_where_it_breaks_and_does_not_print():
    # Real report 004: 「2020年度平安区新农村建设服务中心 政府信息公开工作年度报告」.
    title = "2020年度平安区新农村建设服务中心 政府信息公开工作年度报告"
    assert title_lines(title) == ["2020年度平安区新农村建设服务中心", "政府信息公开工作年度报告"]
    org = "海东市平安区新农村建设服务中心"
    assert title_lines(f"{org} 2020年政府信息公开工作年度报告", org) == [org, "2020年政府信息公开工作年度报告"]


def test_draft_suffix_joins_the_titles_last_line_when_it_fits():
    org = "米易县人民政府办公室"
    report = load_sample("2021")
    assert build_context(report, draft_mark=True)["title_lines"] == [org, SUFFIX + "（草稿）"]
    report.header.org_name = "某局"
    assert build_context(report, draft_mark=True)["title_lines"] == ["某局" + SUFFIX, "（草稿）"]
    assert build_context(report)["title_lines"] == ["某局" + SUFFIX]
