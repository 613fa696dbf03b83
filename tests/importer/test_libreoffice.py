"""Documents made by other programs: a Word file saved by LibreOffice, and text copied out of a PDF."""

import subprocess

import pytest

from report.importer import import_file
from tests.needs import tool_or_fail

from .conftest import FIXTURES, libreoffice
from .test_real_reports import appeals, table_values
from .test_variants import APPEALS, APPLICATIONS_2021

pytestmark = pytest.mark.libreoffice


def test_word_file_written_by_another_program(tmp_path):
    """The web page saved as .docx by LibreOffice: real merged cells (gridSpan, vMerge), no embedded draft."""
    docx = libreoffice(FIXTURES / "web-2021-chrome.html", tmp_path, "docx:MS Word 2007 XML", "HTML (StarWriter)")
    report, summary = import_file(docx)
    assert not summary.exact and summary.found == 200 and not summary.missing
    assert table_values(report, "applications") == APPLICATIONS_2021
    assert appeals(report) == APPEALS
    assert report.values["active.licensing.decisions"] == 1520
    assert (report.header.org_name, report.header.year) == ("某某县自然资源局", 2021)


@pytest.mark.parametrize("layout", [False, True], ids=["pdftotext", "pdftotext-layout"])
def test_text_copied_from_our_pdf_gives_back_every_number(rendered, tmp_path, layout):
    """Our .docx printed to PDF and its text extracted: label columns and numbers come apart, nothing is wrong."""
    pdftotext = tool_or_fail("pdftotext")
    for name, (original, path, _) in rendered.items():
        pdf = libreoffice(path, tmp_path / name, "pdf", "MS Word 2007 XML")
        text = tmp_path / f"{name}.txt"
        subprocess.run([pdftotext, *(["-layout"] if layout else []), str(pdf), str(text)], check=True)
        report, summary = import_file(text)
        assert report.format_id == original.format_id
        assert not summary.missing, (name, [m.display for m in summary.missing])
        wrong = {c: (original.values[c], report.values[c]) for c in original.format.cells
                 if report.values[c] != original.values[c]}
        assert wrong == {}, name
        assert (report.header.org_name, report.header.year) == (original.header.org_name, original.header.year)
        assert report.header.sign_date == original.header.sign_date
