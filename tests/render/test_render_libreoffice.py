"""A real word processor opens the rendered reports: LibreOffice headless -> PDF -> text.

One LibreOffice run converts all documents of this module (about 1.5 s each).
Under CI=true a missing LibreOffice fails these tests instead of skipping them.
"""

from __future__ import annotations

import re

import pytest
from render_helpers import SAMPLES, convert, convert_to_pdf, load_sample, pdf_pages, pdf_text

from report import draft
from report.checks import acknowledge, check
from report.model import Report, format_date
from report.render import render_docx
from report.render.package import extract_draft

pytestmark = pytest.mark.libreoffice


NEW = {"new-2021": ("2021", 2021), "new-2019": ("2019", 2020)}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("lo")
    reports = {f"sample-{f}": load_sample(f) for f in SAMPLES}
    for name, (format_id, year) in NEW.items():
        reports[name] = Report.new(year, "某某县某某局", format_id)
    confirmed = Report.new(2021, "某某县某某局", "2021")
    confirmed.set_text("overview_active", "全年公开信息20条。")
    w11 = next(f for f in check(confirmed).warnings if f.code == "W11")
    acknowledge(confirmed, w11, "本单位无依申请公开、管理、平台和监督保障方面的单独工作")
    reports["confirmed-2021"] = confirmed
    docx = []
    for name, report in reports.items():
        path = workdir / f"{name}.docx"
        render_docx(report, path)
        docx.append(path)
    converted = convert_to_pdf(docx, workdir)
    return {name: (reports[name], pdf, path) for name, pdf, path in zip(reports, converted, docx)}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _words(text: str) -> str:
    """Letters and digits only, page numbers dropped: for prose that wraps across lines and pages."""
    return re.sub(r"\W+", "", re.sub(r"—\s*\d+\s*—", "", text))


def _find_loose(text: str, label: str, start: int, slack: int) -> int:
    """Start of ``label`` in ``text`` at or after ``start``, allowing ``slack`` foreign characters.

    In the PDF's text a wrapped cell's lines are separated by the other cells
    of the same physical lines (numbers, a vertical group name); the label's
    own characters still come in order.  Returns -1 when not found.
    """
    pos = text.find(label[0], start)
    while pos >= 0:
        i, j, extra = pos, 0, 0
        while j < len(label) and i < len(text) and extra <= slack:
            if text[i] == label[j]:
                j += 1
            else:
                extra += 1
            i += 1
        if j == len(label):
            return pos
        pos = text.find(label[0], pos + 1)
    return -1


def _numbers(text: str) -> list[str]:
    return re.findall(r"(?<![\d.])-?\d+(?:\.\d+)?", text)


def _is_subsequence(expected: list[str], tokens: list[str]) -> tuple[bool, str]:
    it = iter(tokens)
    for value in expected:
        if not any(tok == value for tok in it):
            return False, value
    return True, ""


def _row_labels(table) -> list[str]:
    """The labels that name a row of values (innermost label of each value row), top to bottom."""
    cells, _, _ = table.grid
    value_rows = {
        g.row: min(c.col for c in cells if c.role == "value" and c.row == g.row) for g in cells if g.role == "value"
    }
    return [
        g.text
        for g in sorted(cells, key=lambda c: (c.row, c.col))
        if g.role == "label" and g.rowspan == 1 and g.col + g.colspan == value_rows.get(g.row)
    ]


@pytest.mark.parametrize("name", [f"sample-{f}" for f in sorted(SAMPLES)] + sorted(NEW))
def test_pdf_has_every_label_and_number_in_table_order(pdfs, name):
    report, pdf, _ = pdfs[name]
    layout = pdf_text(pdf, layout=True)
    text = _squash(layout)
    fmt = report.format
    section_at = []
    for section in fmt.sections:
        at = text.find(_squash(section.heading), section_at[-1] if section_at else 0)
        assert at >= 0, section.heading
        section_at.append(at)
    for section, at in zip(fmt.sections, section_at):
        for table_key in section.tables:
            table = fmt.table(table_key)
            # Row labels in order, each after the one before.
            pos = at
            for label in _row_labels(table):
                found = _find_loose(text, _squash(label), pos, slack=80)
                assert found >= 0, (table_key, label)
                pos = found + 1
            # Every other label (captions, column headings, group names standing vertically).
            for g in table.grid[0]:
                if g.role != "value" and g.text:
                    assert _find_loose(text, _squash(g.text), at, slack=600) >= 0, (table_key, g.text)
    # Every value of every table, in grid order, as whole numbers of the PDF text.
    tokens = _numbers(layout[layout.find(fmt.sections[1].heading) :])
    expected = [
        report.display_value(g.cell_id)
        for table in fmt.tables
        for g in sorted(table.grid[0], key=lambda c: (c.row, c.col))
        if g.role == "value"
    ]
    ok, missing = _is_subsequence(expected, tokens)
    assert ok, f"{missing} not found in order"


@pytest.mark.parametrize("name", [f"sample-{f}" for f in sorted(SAMPLES)])
def test_pdf_text_and_layout(pdfs, name):
    report, pdf, _ = pdfs[name]
    raw = pdf_text(pdf)
    text = _squash(raw)
    words = _words(raw)
    pages = pdf_pages(pdf)
    assert 4 <= pages <= 8
    for n in range(1, pages + 1):
        assert f"—{n}—" in text  # page numbers 「— n —」
    # The clerk's text, escaping included, arrives in the PDF.
    for line in (x for t in report.texts.values() for x in t.split("\n") if x.strip()):
        assert _words(line) in words, line
    assert _squash(report.title) in text
    # The 落款 closes the document, on the same page as the last paragraph.
    tail = text[-200:]
    assert _squash(report.signer) in tail and format_date(report.header.sign_date) in tail
    assert "草稿" not in text and "None" not in text and "{{" not in text


@pytest.mark.parametrize("name", sorted(NEW))
def test_new_report_prints_nothing_it_does_not_hold(pdfs, name):
    report, pdf, _ = pdfs[name]
    text = _squash(pdf_text(pdf))
    # No 「无。」 and no sub-heading is invented: the empty sections' headings follow one another.
    assert "无。" not in text and "（一）" not in text.split("二、")[0]
    headings = [s.heading for s in report.format.sections]
    assert headings[4] + headings[5] in text


def test_confirmed_aspects_print_wu_under_their_heading(pdfs):
    _, pdf, _ = pdfs["confirmed-2021"]
    text = _squash(pdf_text(pdf))
    # The clerk wrote two aspects and confirmed (W11) that the other three have nothing: numbered as printed.
    assert "（一）主动公开全年公开信息20条。（二）依申请公开无。（三）政府信息管理无。" in text
    assert "（四）政府信息公开平台建设无。（五）监督保障无。" in text


def test_embedded_draft_survives_a_libreoffice_resave(pdfs, tmp_path):
    report, _, docx = pdfs["sample-2021"]
    (resaved,) = convert([docx], tmp_path, "docx")
    back = extract_draft(resaved)
    assert back is not None and draft.to_dict(back) == draft.to_dict(report)
