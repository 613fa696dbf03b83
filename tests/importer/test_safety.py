"""Oversized, bomb-like, entity-laden and non-report files are refused with a Chinese message."""

import io
import zipfile

import pytest

from report.errors import UserError
from report.importer import import_file
from report.importer.docx import read_docx
from report.limits import MAX_INPUT_BYTES
from report.importer.html import parse_html


def _minimal_docx(document_xml: bytes) -> bytes:
    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    zin = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            z.writestr(info, document_xml if info.filename == "word/document.xml" else zin.read(info.filename))
    return out.getvalue()


def test_docx_over_50_mb_is_refused(tmp_path):
    path = tmp_path / "big.docx"
    with open(path, "wb") as fh:
        fh.truncate(MAX_INPUT_BYTES + 1)
    with pytest.raises(UserError, match="50 MB"):
        import_file(path)


def test_docx_whose_parts_expand_past_200_mb_is_refused(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        with z.open("word/media/zeros.bin", "w") as fh:
            chunk = b"\0" * (1 << 20)
            for _ in range(201):
                fh.write(chunk)
    assert path.stat().st_size < 5 * 1024 * 1024
    with pytest.raises(UserError, match="200 MB"):
        import_file(path)


def test_xml_entities_are_not_expanded(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY boom "展开了的实体文字">]>'
        f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>一、总体情况&boom;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()
    path = tmp_path / "entity.docx"
    path.write_bytes(_minimal_docx(xml))
    items = read_docx(path)
    assert [item.text for item in items] == ["一、总体情况"]  # the reference stays a reference


def test_html_scripts_are_read_never_run_and_their_text_ignored():
    items = parse_html(
        "<html><head><script>document.title='一、总体情况'</script></head><body>"
        "<script>alert('二、主动公开政府信息情况')</script><p>正文</p><iframe src='http://x'>三</iframe></body></html>"
    )
    assert [i.text for i in items] == ["正文"]


def test_html_head_left_open_does_not_hide_the_body():
    # (an unclosed <title> swallows the rest of the page in browsers and in libxml2 alike)
    items = parse_html("<html><head><meta charset=utf-8><title>标题</title><body><p>一、总体情况</p><table><tr><td>规章<td>1</table>")
    assert [getattr(i, "text", None) for i in items] == ["一、总体情况", "规章 1"]


def test_old_word_file_gets_a_save_as_hint(tmp_path):
    path = tmp_path / "renamed.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(UserError, match="另存为"):
        import_file(path)


@pytest.mark.parametrize("name, data, words", [
    ("notice.txt", "关于召开年度工作会议的通知\n请各单位于下周一上午九时参加会议。\n".encode(), "不是政府信息公开工作年度报告"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)), "不是文本文件"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "不是有效的 Word 文档"),
    ("page.html", "<html><body><p>欢迎访问</p></body></html>".encode(), "不是政府信息公开工作年度报告"),
    ("summary.txt", "某某局2021年工作总结\n一、总体情况\n今年完成各项任务。\n二、下一步工作\n继续努力。\n".encode(),
     "不是政府信息公开工作年度报告"),
    ("report.pdf", b"%PDF-1.4", "PDF"),
])
def test_files_that_are_not_reports_say_so(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UserError, match=words):
        import_file(path)


def test_gbk_text_is_decoded(tmp_path):
    from .conftest import REAL

    path = tmp_path / "gbk.txt"
    path.write_bytes(REAL["003"].read_text(encoding="utf-8").encode("gb18030"))
    report, summary = import_file(path)
    assert summary.found == 200 and report.values["active.licensing.decisions"] == 21


def test_docx_content_controls_around_tables_are_read(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    cell = "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>"
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>'
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>二、主动公开政府信息情况</w:t></w:r></w:p>"
        f"<w:tbl><w:tr>{cell.format('规章')}{cell.format('3')}</w:tr></w:tbl></w:sdtContent></w:sdt>"
        "</w:body></w:document>"
    ).encode()
    path = tmp_path / "controls.docx"
    path.write_bytes(_minimal_docx(xml))
    assert [item.text for item in read_docx(path)] == ["二、主动公开政府信息情况", "规章 3"]


def test_docx_legacy_horizontal_merge_is_one_cell(tmp_path):
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def cell(text, merge=""):
        pr = f'<w:tcPr><w:hMerge w:val="{merge}"/></w:tcPr>' if merge == "restart" else (
            "<w:tcPr><w:hMerge/></w:tcPr>" if merge else "")
        return f"<w:tc>{pr}<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    row = cell("一、本年新收政府信息公开申请数量", "restart") + cell("", "continue") + cell("", "continue") + cell("5")
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body><w:tbl><w:tr>{row}</w:tr></w:tbl></w:body></w:document>'
    path = tmp_path / "hmerge.docx"
    path.write_bytes(_minimal_docx(xml.encode()))
    assert [item.cells for item in read_docx(path)] == [["一、本年新收政府信息公开申请数量", "5"]]


def _run_import(source, out):
    """``xxgk import`` in a fresh process: (exit code, stderr+stdout, its own peak memory in MB).

    Through bench.drills' launcher, not RUSAGE_CHILDREN of this runner: that is the largest child the
    runner ever waited for (a GUI test's, a fault drill's), so the figure depended on the tests before.
    """
    from bench.drills import run_xxgk

    run = run_xxgk(["import", source, "-o", out])
    return run.returncode, run.output, run.peak_mb


def test_page_nested_100000_levels_is_refused_in_chinese_with_little_memory(tmp_path):
    page = tmp_path / "深.html"
    page.write_text("<html><body>" + "<div>" * 100_000 + "一、总体情况" + "</div>" * 100_000 + "</body></html>",
                    encoding="utf-8")
    code, output, peak = _run_import(page, tmp_path / "d.json")
    assert code == 2 and "嵌套层数超过" in output and "Traceback" not in output
    assert 0 < peak < 300
    assert not (tmp_path / "d.json").exists()


def test_a_5000_digit_number_is_no_value_and_nothing_breaks(tmp_path):
    from .conftest import REAL

    text = REAL["003"].read_text(encoding="utf-8")
    assert "行政许可\t21" in text
    path = tmp_path / "长数字.txt"
    path.write_text(text.replace("行政许可\t21", "行政许可\t" + "7" * 5000, 1), encoding="utf-8")
    report, summary = import_file(path)
    assert report.values["active.licensing.decisions"] is None
    assert "5000 位的数字" in report.origins["active.licensing.decisions"].reason
    assert summary.found == 199
    code, output, peak = _run_import(path, tmp_path / "d.json")
    assert code == 0 and "Traceback" not in output and 0 < peak < 300


def test_html_with_too_many_elements_is_refused():
    from report.limits import MAX_HTML_ELEMENTS

    with pytest.raises(UserError, match="元素超过"):
        parse_html("<html><body>" + "<b>x</b>" * (MAX_HTML_ELEMENTS + 1) + "</body></html>")


def test_html_declared_entities_are_not_expanded():
    items = parse_html('<!DOCTYPE html [<!ENTITY boom "展开了的实体文字">]><html><body><p>一、总体情况&boom;&amp;</p></body></html>')
    assert [i.text for i in items] == ["一、总体情况&boom;&"]


def test_a_header_field_over_its_limit_is_left_empty_and_said():
    """What the reader took for a title but holds 600 characters cannot be saved: it is dropped, with a note."""
    from report import draft
    from report.importer.assemble import _within_limits
    from report.limits import MAX_LINE_CHARS
    from report.model import Report

    report = Report.new(2021, "某县人民政府办公室")
    report.header.title = "某" * (MAX_LINE_CHARS + 100)
    notes: list[str] = []
    _within_limits(report, notes)
    assert report.header.title == "" and report.header.org_name == "某县人民政府办公室"
    assert len(notes) == 1 and "「标题」" in notes[0] and "600" in notes[0]
    draft.loads(draft.dumps(report))  # savable and loadable again


def test_a_part_over_the_text_limit_refuses_the_import():
    from report.errors import UserError
    from report.importer.assemble import _within_limits
    from report.limits import MAX_TEXT_CHARS
    from report.model import Report

    report = Report.new(2021, "某县人民政府办公室")
    report.texts["problems"] = "字" * (MAX_TEXT_CHARS + 1)
    with pytest.raises(UserError, match="五、存在的主要问题及改进情况.*超过 200,000 字"):
        _within_limits(report, [])
