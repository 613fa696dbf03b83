"""The templates: built reproducibly from the formats, their variables documented, bad ones refused."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document
from docxtpl import DocxTemplate
from jinja2 import Environment
from render_helpers import load_sample

from report.formats import FORMATS
from report.model import Report
from report.render import TemplateError, default_template, plan, render_bytes, template_variables
from report.render import builder as build_templates
from report.render.docx_context import build as build_context
from report.resources import template_path


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_template_is_what_the_builder_makes(format_id):
    # A stale template (format changed, builder not rerun) fails here: run scripts/build_templates.py.
    assert default_template(FORMATS[format_id]).read_bytes() == build_templates.build(FORMATS[format_id])


def test_every_format_has_its_template_and_nothing_else_lies_in_templates():
    names = sorted(p.name for p in template_path().iterdir())
    assert names == sorted([f"report-{f}.docx" for f in FORMATS] + ["README.md"])  # no generator script among the data


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_template_variables_are_all_provided(format_id):
    fmt = FORMATS[format_id]
    report = Report.new(fmt.first_year, "某局", format_id)
    context = build_context(plan(report))
    tpl = DocxTemplate(str(default_template(fmt)))
    assert tpl.get_undeclared_template_variables(jinja_env=Environment(), context=context) == set()
    used = tpl.get_undeclared_template_variables(jinja_env=Environment())
    # One placeholder per value cell; the texts through each section's printed parts; nothing else but header variables.
    assert {v for v in used if v.startswith("c_")} == {v for v in template_variables(fmt) if v.startswith("c_")}
    assert {v for v in used if v.startswith("parts_")} == {
        f"parts_{i}" for i, s in enumerate(fmt.sections, 1) if s.text_fields
    }
    assert {v for v in used if v.startswith("section_")} == {f"section_{i}" for i in range(1, len(fmt.sections) + 1)}
    assert not {v for v in used if v.startswith("t_")}  # the fixed-structure variables are for the clerk's templates
    assert set(context) == set(template_variables(fmt))


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_readme_lists_every_variable(format_id):
    readme = template_path("README.md").read_text(encoding="utf-8")
    assert readme == build_templates.readme()
    for name in template_variables(FORMATS[format_id]):
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_template_typesetting(format_id):
    doc = Document(str(default_template(FORMATS[format_id])))
    section = doc.sections[0]
    mm = 36000
    assert (section.page_width // mm, section.page_height // mm) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m / mm) for m in margins) == (37, 35, 28, 26)
    assert doc.settings.odd_and_even_pages_header_footer
    assert "PAGE" in section.footer._element.xml and "PAGE" in section.even_page_footer._element.xml
    styles = doc.styles.element.xml
    for east_asia in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "宋体"):
        assert f'w:eastAsia="{east_asia}"' in styles
    assert 'w:ascii="Times New Roman"' in styles
    with zipfile.ZipFile(default_template(FORMATS[format_id])) as z:
        fonts = z.read("word/fontTable.xml").decode()
    # The fallback Word and WPS use where the GB2312 fonts are not installed.
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts
    body = doc.element.body.xml
    assert "<w:tblHeader/>" in body and "<w:cantSplit/>" in body
    assert 'w:sz="4"' in body  # 0.5 pt borders
    widths = [
        sum(int(g.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for g in t._tbl.tblGrid)
        for t in doc.tables
    ]
    assert all(abs(w - 156 * 1440 / 25.4) < 2 for w in widths)  # every table exactly the 156 mm text width


def _template_with(tmp_path, *paragraphs: str):
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / "custom.docx"
    doc.save(path)
    return path


def test_custom_template_renders(tmp_path):
    path = _template_with(
        tmp_path,
        "{{ title }}",
        "{{ c_applications__new_received__total }}",
        "{%p for line in t_problems %}",
        "{{ line }}",
        "{%p endfor %}",
        "{{p signature_block }}",
    )
    report = load_sample("2021")
    doc = Document(io.BytesIO(render_bytes(report, template=path)))
    texts = [p.text for p in doc.paragraphs]
    assert report.display_value("applications.new_received.total") in texts
    assert report.texts["problems"].split("\n")[0] in texts
    # A template without our styles still gets a right-aligned 落款.
    signer = next(p for p in doc.paragraphs if p.text == report.signer)
    assert signer.paragraph_format.alignment == 2 and signer.paragraph_format.right_indent > 0


def test_broken_jinja_is_a_chinese_template_error_quoting_the_place(tmp_path):
    path = _template_with(tmp_path, "第一段", "报告标题：{{ title ", "{% if sealed %}盖章", "最后一段")
    with pytest.raises(TemplateError) as info:
        render_bytes(load_sample("2021"), template=path)
    message = str(info.value)
    assert "模板「custom.docx」有误" in message and "报告标题" in message
    assert re.search("[\u4e00-\u9fff]", message)


def test_unclosed_block_is_a_template_error(tmp_path):
    path = _template_with(tmp_path, "{%p if sealed %}", "盖章")
    with pytest.raises(TemplateError, match="模板标记写法有误"):
        render_bytes(load_sample("2021"), template=path)


def test_unknown_variable_is_named(tmp_path):
    path = _template_with(tmp_path, "{{ title }}", "{{ c_applications__no_such_row__natural }}", "{{ orgname }}")
    with pytest.raises(TemplateError) as info:
        render_bytes(load_sample("2021"), template=path)
    assert "c_applications__no_such_row__natural" in str(info.value) and "orgname" in str(info.value)
    assert "不认识的变量" in str(info.value)


def test_unknown_filter_is_a_template_error(tmp_path):
    path = _template_with(tmp_path, "{{ title|shout }}")
    with pytest.raises(TemplateError, match="模板"):
        render_bytes(load_sample("2021"), template=path)


def test_not_a_docx_template(tmp_path):
    path = tmp_path / "letterhead.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0 old binary Word")
    with pytest.raises(TemplateError, match="不是 Word 文档"):
        render_bytes(load_sample("2021"), template=path)
    with pytest.raises(TemplateError, match="找不到模板"):
        render_bytes(load_sample("2021"), template=tmp_path / "missing.docx")


def test_template_file_is_a_valid_package_without_rendered_text(tmp_path):
    with zipfile.ZipFile(default_template(FORMATS["2021"])) as z:
        document = z.read("word/document.xml").decode()
    assert "{{ c_active__regs__made }}" in document
    assert "{{p signature_block }}" in document


def test_a_third_format_gets_its_template_from_the_builder(province_format, tmp_path):
    """A province variant: the builder draws its extra row; the renderer fills it."""
    province = province_format
    template = tmp_path / "report-test-province.docx"
    template.write_bytes(build_templates.build(province))
    report = Report.new(2022, "某县", "test-province")
    report.set("applications.other_extra.natural", 7)
    report.set("applications.new_received.natural", 7)
    doc = Document(io.BytesIO(render_bytes(report, template=template)))
    table = doc.tables[1]
    texts = [c.text for c in table._cells]
    assert "4.省定其他情形" in texts
    cells, nrows, ncols = province.table("applications").grid
    g = next(c for c in cells if c.cell_id == "applications.other_extra.natural")
    assert table._cells[g.row * ncols + g.col].text == "7"
    assert len(table.rows) == nrows
