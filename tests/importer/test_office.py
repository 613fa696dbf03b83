""".doc, .wps, .rtf and .odt through the word processor on the machine (LibreOffice here), and what happens without one."""

import os
import stat

import pytest

from report import office
from report.errors import UserError
from report.importer import IMPORTABLE, file_filter, import_file

from .conftest import FIXTURES, libreoffice
from .test_real_reports import appeals, table_values
from .test_variants import APPEALS, APPLICATIONS_2021


@pytest.fixture(scope="module")
def old_formats(tmp_path_factory):
    """The web-page fixture saved by LibreOffice as .doc, .rtf and .odt, and the .doc renamed .wps (Kingsoft's format)."""
    folder = tmp_path_factory.mktemp("old")
    docx = libreoffice(FIXTURES / "web-2021-chrome.html", folder, "docx:MS Word 2007 XML", "HTML (StarWriter)")
    out = {}
    for ext, filter_name in (("doc", "doc:MS Word 97"), ("rtf", "rtf:Rich Text Format"), ("odt", "odt:writer8")):
        out[ext] = libreoffice(docx, folder / ext, filter_name, "MS Word 2007 XML")
    wps = folder / "wps" / "报告.wps"
    wps.parent.mkdir()
    wps.write_bytes(out["doc"].read_bytes())
    out["wps"] = wps
    return out


@pytest.mark.libreoffice
@pytest.mark.parametrize("ext", ["doc", "wps", "rtf", "odt"])
def test_old_documents_are_read_through_libreoffice(old_formats, ext):
    report, summary = import_file(old_formats[ext])
    assert "LibreOffice" in summary.kind
    assert report.format_id == "2021"
    assert table_values(report, "applications") == APPLICATIONS_2021
    assert appeals(report) == APPEALS
    assert report.values["active.licensing.decisions"] == 1520
    assert not summary.missing
    assert (report.header.org_name, report.header.year) == ("某某县自然资源局", 2021)


@pytest.mark.libreoffice
def test_a_doc_that_is_really_a_web_page_is_read_as_one(tmp_path):
    """Offices publish web pages saved with a .doc name: the content decides the reader, no converter needed."""
    path = tmp_path / "年报.doc"
    path.write_bytes((FIXTURES / "web-2021-chrome.html").read_bytes())
    report, summary = import_file(path)
    assert summary.kind == "网页文件" and summary.found == 200
    assert any("内容实为网页" in n for n in summary.notes)


def test_without_a_word_processor_the_message_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv(office.SOFFICE_ENV, "")
    monkeypatch.setattr(office, "_windows_progids", lambda: [])
    path = tmp_path / "旧报告.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(UserError) as caught:
        import_file(path)
    message = str(caught.value)
    assert "没有找到" in message and "WPS" in message and "LibreOffice" in message and "另存为" in message
    assert office.describe() == "未找到"


def _fake_soffice(tmp_path, body: str):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for soffice")
def test_a_converter_that_exits_0_without_writing_is_a_failure(tmp_path):
    source = tmp_path / "a.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    fake = office.Converter("libreoffice", "LibreOffice", _fake_soffice(tmp_path, "exit 0"))
    with pytest.raises(office.ConversionError, match="没有生成文件"):
        office.convert(source, "docx", tmp_path / "out", converters=[fake])
    assert not (tmp_path / "out" / "a.docx").exists()


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for soffice")
def test_a_converter_that_hangs_is_stopped_after_the_timeout(tmp_path):
    import time

    source = tmp_path / "a.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    pid_file = tmp_path / "child.pid"
    # the hanging program starts a child of its own: the whole process group must go
    fake = office.Converter("libreoffice", "LibreOffice", _fake_soffice(
        tmp_path, f"sleep 60 &\necho $! > {pid_file}\nsleep 60"))
    started = time.monotonic()
    with pytest.raises(office.ConversionError, match="超过 1 秒"):
        office.convert(source, "docx", tmp_path / "out", converters=[fake], timeout=1)
    assert time.monotonic() - started < 15
    child = int(pid_file.read_text())
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the converter's child process outlived the timeout")


@pytest.mark.libreoffice
def test_docx_to_pdf_for_the_export_direction(rendered, tmp_path):
    """The same module makes the PDF of a .docx (issue 9 builds export on it): the file exists and reads back."""
    from tests.needs import tool_or_fail

    tool_or_fail("soffice")
    original, path, _ = rendered["sample-2021"]
    pdf = office.convert(path, "pdf", tmp_path, pdfa=True)
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")
    report, summary = import_file(pdf)
    assert summary.found == 200 and report.values == original.values


def test_importable_list_and_dialog_filter():
    assert {".docx", ".doc", ".wps", ".rtf", ".odt", ".pdf", ".html", ".htm", ".txt"} == set(IMPORTABLE)
    text = file_filter()
    first = text.split(";;")[0]
    assert first.startswith("年度报告 (") and all(f"*{ext}" in first for ext in IMPORTABLE)
    assert "WPS 文字文档 (*.wps)" in text and "网页 (*.html *.htm)" in text
