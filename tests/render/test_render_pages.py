"""The unusual reports a clerk produces, laid out by a real word processor (LibreOffice -> PDF).

One LibreOffice run converts every document of this module.  Under CI=true a
missing LibreOffice fails these tests instead of skipping them.
"""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
from render_helpers import convert_to_pdf, load_sample, pdf_text

from report.model import Report
from report.render import render_docx, signer_lines, title_lines

pytestmark = pytest.mark.libreoffice

LONG_ORG = "中共四川省攀枝花市米易县委员会机构编制委员会办公室和米易县人民政府政务服务管理局"  # 40 字
#: Words no line break may cut, in the title or the 署名.
WORDS = ("机构编制委员会", "办公室", "委员会", "政务服务管理局", "人民政府", "政府信息公开", "年度报告")


def _long_section_one() -> str:
    para = (
        "坚持以人民为中心的发展思想，围绕中心工作，进一步健全政府信息公开工作机制，"
        "推进决策、执行、管理、服务、结果公开，及时回应社会关切，保障人民群众知情权、参与权、表达权和监督权。"
    )
    lines = []
    for n in "一二三":
        lines.append(f"（{n}）第{n}方面的工作。")
        lines += [f"{lead}{para}" for lead in ("一是", "二是", "三是")]
        lines += [f"{k}.{para[:60]}" for k in (1, 2, 3)]
    # 20 paragraphs: without kept groups, table 三 of the 2021 report then breaks inside （三）不予公开.
    return "\n".join(lines[:20])


def _big_numbers(report: Report) -> Report:
    n = 123456789
    for cid, spec in report.format.cells.items():
        if not spec.derived and cid.startswith(("applications.", "appeals.")):
            n += 7919
            report.values[cid] = n
    report.texts["overview_lead"] = _long_section_one()
    report.recompute()
    return report


def _reports() -> dict[str, Report]:
    long_org = load_sample("2021")
    long_org.header.org_name = LONG_ORG
    long_org.header.signer = ""
    long_org.header.sealed = False
    long_org.header.sign_date = dt.date(2022, 1, 14)
    unbalanced = load_sample("2021")
    unbalanced.values["applications.carried_forward.natural"] += 1  # E1: rendered only with force
    return {
        "sample-2021": load_sample("2021"),
        "forced-2021": unbalanced,
        "long-org": long_org,
        "big-2021": _big_numbers(load_sample("2021")),
        "big-2019": _big_numbers(load_sample("2019")),
        "new-2021": Report.new(2021, "某某县某某局", "2021"),
    }


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("lo-pages")
    reports = _reports()
    docx = []
    for name, report in reports.items():
        path = workdir / f"{name}.docx"
        render_docx(report, path, force=True)  # the 9-digit reports break E1/E7 on purpose
        docx.append(path)
    converted = convert_to_pdf(docx, workdir)
    return {name: (reports[name], pdf) for name, pdf in zip(reports, converted)}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _pages(pdf) -> list[str]:
    return pdf_text(pdf, layout=True).split("\f")


def _assert_words_whole(lines: list[str]) -> None:
    text = "".join(lines)
    ends = {sum(len(x) for x in lines[: i + 1]) for i in range(len(lines) - 1)}
    for word in WORDS:
        for m in re.finditer(word, text):
            assert not any(m.start() < e < m.end() for e in ends), (word, lines)


def test_long_agency_name_title_and_signature_lines_as_planned(pdfs):
    report, pdf = pdfs["long-org"]
    printed = [_squash(line) for line in pdf_text(pdf).splitlines() if line.strip()]
    # The title: LibreOffice prints exactly the planned lines (none wraps again), words whole.
    planned = title_lines(report.title, LONG_ORG)
    assert len(planned) >= 3
    start = printed.index(_squash(planned[0]))
    assert printed[start : start + len(planned)] == [_squash(x) for x in planned]
    _assert_words_whole(planned)
    # The 署名 in lines of whole words, then the date on one line closing the document.
    lines = signer_lines(report.signer)
    assert len(lines) >= 2
    tail = [x for x in printed if not re.fullmatch(r"—\d+—", x)][-(len(lines) + 1) :]
    assert tail == [_squash(x) for x in lines] + ["2022年1月14日"]
    _assert_words_whole(lines)


@pytest.mark.parametrize("name", ["big-2021", "big-2019"])
def test_nine_digit_figures_print_whole_in_tables_three_and_four(pdfs, name):
    report, pdf = pdfs[name]
    text = pdf_text(pdf, layout=True)
    tokens = set(re.findall(r"\d+", text))
    expected = {
        report.display_value(cid) for cid in report.format.cells if cid.startswith(("applications.", "appeals."))
    }
    assert all(len(v) >= 9 for v in expected)
    missing = sorted(v for v in expected if v not in tokens)
    assert not missing, f"{len(missing)} figures broken across lines, e.g. {missing[:3]}"


@pytest.mark.parametrize("name", ["big-2021", "big-2019", "new-2021"])
def test_table_three_groups_are_not_cut_by_a_page_break(pdfs, name):
    report, pdf = pdfs[name]
    pages = [_squash(p) for p in _pages(pdf)]
    cells, _, _ = report.format.table("applications").grid
    checked = 0
    for group in (c for c in cells if c.role == "label" and c.rowspan > 1 and c.col > 0):
        rows = range(group.row, group.row + group.rowspan)
        subs = [c.text for c in cells if c.role == "label" and c.row in rows and c.col == group.col + 1]
        first = [i for i, p in enumerate(pages) if _squash(subs[0]) in p]
        last = [i for i, p in enumerate(pages) if _squash(subs[-1]) in p]
        if len(first) == 1 and len(last) == 1:  # labels that wrap inside their cell are not found whole
            assert first == last, (group.text, subs[0], subs[-1])
            checked += 1
    assert checked >= 2


@pytest.mark.parametrize("name", ["new-2021", "big-2019"])
def test_no_page_ends_with_a_table_two_caption(pdfs, name):
    report, pdf = pdfs[name]
    captions = {_squash(c.text) for c in report.format.table("active").grid[0] if c.role == "caption"}
    for number, page in enumerate(_pages(pdf), 1):
        lines = [_squash(x) for x in page.splitlines() if x.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", x)]
        if lines:
            assert lines[-1] not in captions, f"page {number} ends with {lines[-1]}"


def _body_lines(page: str) -> list[str]:
    return [_squash(x) for x in page.splitlines() if x.strip() and not _squash(x).startswith("草稿")]


def test_forced_draft_paginates_like_the_final_report(pdfs):
    _, final = pdfs["sample-2021"]
    _, forced = pdfs["forced-2021"]
    final_pages, forced_pages = _pages(final), _pages(forced)
    assert len(forced_pages) == len(final_pages)
    for a, b in zip(final_pages, forced_pages):
        # Same first and last line on every page: the mark takes no room in the 版心.
        assert _body_lines(a)[:1] == _body_lines(b)[:1] and _body_lines(a)[-1:] == _body_lines(b)[-1:]


def test_forced_draft_mark_is_on_every_page_above_the_text(pdfs):
    _, pdf = pdfs["big-2021"]
    pages = [p for p in _pages(pdf) if p.strip()]
    assert len(pages) >= 6
    for page in pages:
        first = next(_squash(x) for x in page.splitlines() if x.strip())
        assert first.startswith("草稿"), first
    report = copy.deepcopy(pdfs["new-2021"][0])
    assert report.header.org_name  # the plain new draft has no errors: no mark
    assert "草稿" not in pdf_text(pdfs["new-2021"][1])
