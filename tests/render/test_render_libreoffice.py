"""A real word processor opens the rendered reports: LibreOffice headless -> PDF -> text.

One LibreOffice run converts all documents of this module (about 1.5 s each).
Under CI=true a missing LibreOffice fails these tests instead of skipping them.
"""

from __future__ import annotations

import re

import pytest
from render_helpers import SAMPLES, convert, convert_to_pdf, load_sample, pdf_pages, pdf_text

from report import draft
from report.docx_embed import extract_draft
from report.model import Report, format_date
from report.render import render_docx

pytestmark = pytest.mark.libreoffice


NEW = {"new-2021": ("2021", 2021), "new-2019": ("2019", 2020)}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("lo")
    reports = {f"sample-{f}": load_sample(f) for f in SAMPLES}
    for name, (format_id, year) in NEW.items():
        reports[name] = Report.new(year, "某某县某某局", format_id)
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
def test_new_report_prints_wu_for_empty_sections(pdfs, name):
    report, pdf, _ = pdfs[name]
    text = _squash(pdf_text(pdf))
    titled = [f for f in report.format.text_fields if f.title and f.empty_text]
    assert text.count("无。") == len(titled) + 1


def test_embedded_draft_survives_a_libreoffice_resave(pdfs, tmp_path):
    report, _, docx = pdfs["sample-2021"]
    (resaved,) = convert([docx], tmp_path, "docx")
    back = extract_draft(resaved)
    assert back is not None and draft.to_dict(back) == draft.to_dict(report)
