"""PDF import: PDFs LibreOffice makes from our .docx and from the real-report fixtures, turned, two-up, and none."""

import pytest

from report.errors import UserError
from report.importer import import_file

from .conftest import FIXTURES, REAL, libreoffice
from .pdfmake import rotated, two_up, without_text
from .test_real_reports import appeals, table_values
from .test_variants import APPEALS, APPLICATIONS_2021

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def sample_pdfs(rendered, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    return {name: (original, libreoffice(path, folder / name, "pdf", "MS Word 2007 XML"))
            for name, (original, path, _) in rendered.items()}


def never_wrong(report, expected_values):
    """Every value equals the expected one, or is missing with a reason, or carries its assumption."""
    wrong = {}
    for cid, expected in expected_values.items():
        value = report.values.get(cid)
        origin = report.origins.get(cid)
        if value is None:
            assert origin is not None and origin.missing and origin.reason, cid
        elif value != expected and not (origin and origin.reason):
            wrong[cid] = (expected, value)
    assert wrong == {}


def assert_same_report(report, summary, original, name):
    assert report.format_id == original.format_id, name
    assert not summary.missing, (name, [m.display for m in summary.missing])
    wrong = {c: (original.values[c], report.values[c]) for c in original.format.cells if report.values[c] != original.values[c]}
    assert wrong == {}, name
    assert not summary.assumed, (name, [a.what for a in summary.assumed])
    h, o = report.header, original.header
    assert (h.org_name, h.year, h.sign_date, h.doc_number) == (o.org_name, o.year, o.sign_date, o.doc_number), name
    for key in ("overview_active", "overview_on_request", "problems", "improvements"):
        assert report.texts[key] == original.texts[key], (name, key)  # 𬌗 (outside the BMP) in overview_active


def test_our_pdf_gives_back_every_number_header_and_text(sample_pdfs):
    """Tables over page breaks with repeated headers, labels wrapped over lines, page numbers in the footer."""
    for name, (original, pdf) in sample_pdfs.items():
        report, summary = import_file(pdf)
        assert summary.kind.startswith("PDF")
        assert_same_report(report, summary, original, name)


def test_a_character_outside_the_bmp_survives_and_the_draft_saves(sample_pdfs, tmp_path):
    """PDFium counts 𬌗 as two character indices (a surrogate pair): one character, never two halves."""
    from report import draft

    original, pdf = sample_pdfs["sample-2021"]
    assert "𬌗" in original.texts["overview_active"]
    report, _ = import_file(pdf)
    assert "𬌗" in report.texts["overview_active"]
    draft.save(report, tmp_path / "d.json")
    assert draft.load(tmp_path / "d.json").texts["overview_active"] == original.texts["overview_active"]


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_pages_drawn_turned_are_read_upright(sample_pdfs, tmp_path, degrees):
    for name, (original, pdf) in sample_pdfs.items():
        turned = rotated(pdf, tmp_path / f"{name}-{degrees}.pdf", degrees)
        report, summary = import_file(turned)
        assert_same_report(report, summary, original, f"{name} turned {degrees}")


def test_two_pages_side_by_side_are_read_column_by_column(sample_pdfs, tmp_path):
    for name, (original, pdf) in sample_pdfs.items():
        report, summary = import_file(two_up(pdf, tmp_path / f"{name}-2up.pdf"))
        assert_same_report(report, summary, original, f"{name} two-up")


def test_real_reports_rendered_and_printed_to_pdf(tmp_path):
    """Each real-report fixture imported, written as our .docx, printed to PDF by LibreOffice, imported again."""
    from report.render import render_docx

    for key, source in REAL.items():
        first, _ = import_file(source)
        docx = tmp_path / f"{key}.docx"
        render_docx(first, docx, force=True)
        pdf = libreoffice(docx, tmp_path / key, "pdf", "MS Word 2007 XML")
        report, summary = import_file(pdf)
        assert report.format_id == first.format_id, key
        printed = {c: v for c, v in first.values.items() if v is not None}
        never_wrong(report, printed)
        found = [c for c in printed if report.values[c] == printed[c]]
        assert len(found) == len(printed), (key, sorted(set(printed) - set(found))[:5])
        assert (report.header.org_name, report.header.year) == (first.header.org_name, first.header.year), key


def test_web_page_printed_to_pdf_by_libreoffice(tmp_path):
    """Another program's table drawing (HTML layout): merged header cells, blank cells, 无."""
    pdf = libreoffice(FIXTURES / "web-2021-chrome.html", tmp_path, "pdf", "HTML (StarWriter)")
    report, summary = import_file(pdf)
    assert report.format_id == "2021"
    assert table_values(report, "applications") == APPLICATIONS_2021
    assert appeals(report) == APPEALS
    assert report.values["active.licensing.decisions"] == 1520
    assert not summary.missing
    blank = report.origins["applications.deny_law.total"]
    assert blank.was_blank and not blank.missing  # a blank cell is a position, read as 0 and said so
    assert (report.header.org_name, report.header.year) == ("某某县自然资源局", 2021)


def test_pdf_without_text_layer_says_so(tmp_path):
    with pytest.raises(UserError, match="没有文字层.*OCR"):
        import_file(without_text(tmp_path / "扫描件.pdf"))


@pytest.mark.parametrize("data, words", [
    (b"%PDF-1.4\n%garbage that is no PDF", "不是有效的 PDF"),
    (b"plain text named .pdf", "不是有效的 PDF"),
])
def test_broken_pdf_is_refused_in_chinese(tmp_path, data, words):
    path = tmp_path / "坏文件.pdf"
    path.write_bytes(data)
    with pytest.raises(UserError, match=words):
        import_file(path)


def test_pdf_with_too_many_pages_is_refused(tmp_path):
    import pypdfium2 as pdfium

    from report.limits import MAX_PDF_PAGES

    pdf = pdfium.PdfDocument.new()
    for _ in range(MAX_PDF_PAGES + 1):
        pdf.new_page(100, 100)
    path = tmp_path / "长.pdf"
    pdf.save(str(path))
    with pytest.raises(UserError, match=f"超过 {MAX_PDF_PAGES} 页"):
        import_file(path)


def test_lone_number_at_the_foot_of_a_page_is_no_value():
    from report.importer.pdf import Chunk, Line, _without_page_numbers

    body = [Line([Chunk("规章", 80, 100), Chunk("2", 220, 225)], 100 + 15 * i, 110 + 15 * i) for i in range(5)]
    footer = Line([Chunk("3", 300, 305)], 400, 410)
    assert _without_page_numbers(body + [footer], 10) == body
    close = Line([Chunk("3", 300, 305)], 176, 186)  # right under the text: a value, kept
    assert _without_page_numbers(body + [close], 10) == body + [close]


def test_running_header_and_footer_are_no_words_of_the_report(rendered, tmp_path):
    """A PDF printed from a browser or a Word file with a running head: date, title, address on every page.

    Glued to the paragraphs they interrupt, they became the report's words; they are page furniture.
    """
    import docx as python_docx

    original, _, stripped = rendered["sample-2021"]
    document = python_docx.Document(str(stripped))
    for section in document.sections:
        section.header.paragraphs[0].text = "2022/1/20 09:30      " + original.title
        section.footer.add_paragraph("http://www.scmiyi.gov.cn/xxgk/zfxxgknb/202201/t20220120_123.html")
    source = tmp_path / "running.docx"
    document.save(str(source))
    pdf = libreoffice(source, tmp_path / "pdf", "pdf", "MS Word 2007 XML")
    report, summary = import_file(pdf)
    assert_same_report(report, summary, original, "running")
    for key, text in original.texts.items():
        assert "".join(report.texts[key].split()) == "".join(text.split()), key
    assert report.title == original.title
