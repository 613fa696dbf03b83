"""The rendered .docx: content fidelity, escaping, refusal, atomic writes, embedded draft."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from decimal import Decimal

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_helpers import load_sample

from report import draft
from report.errors import UserError
from report.formats import FORMATS
from report.model import Report
from report.render import RenderRefused, plan, preflight, render_bytes, render_docx, suggested_filename, title_lines
from report.render.document import cell_text
from report.render.docx_context import build as _build
from report.render.docx_context import signature_block as _signature_block
from report.render.geometry import CHAR_PITCH, TEXT_WIDTH, run_twips
from report.render.package import embed_draft, extract_draft
from report.render.preflight import Cleaner
from report.render.typeset import signature_layout


def build_context(report, draft_mark=False):
    return _build(plan(report, draft_mark=draft_mark))


def signature_block(signer, date, sealed):
    from types import SimpleNamespace

    return _signature_block(SimpleNamespace(signature=signature_layout(signer, date, sealed)))


def _xml_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def _paragraph_texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def _grid_text(cell) -> str:
    return cell.text.replace("\n", "")


def assert_tables_match(doc, report: Report) -> None:
    fmt = report.format
    assert len(doc.tables) == len(fmt.tables)
    for table_spec, table in zip(fmt.tables, doc.tables):
        cells, nrows, ncols = table_spec.grid
        assert len(table.rows) == nrows and len(table.columns) == ncols
        grid = table._cells  # every grid position, merged cells repeated (table.cell() rebuilds this per call)
        for g in cells:
            text = _grid_text(grid[g.row * ncols + g.col])
            if g.role == "value":
                assert text == cell_text(report, g.cell_id), g.cell_id
            else:
                assert text == g.text, (table_spec.key, g.row, g.col)


def test_sample_renders_with_every_value_label_and_text(sample):
    data = render_bytes(sample)
    doc = Document(io.BytesIO(data))
    assert_tables_match(doc, sample)
    paragraphs = _paragraph_texts(doc)
    body = "\n".join(paragraphs)
    for section in sample.format.sections:
        assert section.heading in paragraphs
    for key, text in sample.texts.items():
        for line in filter(None, (x.strip() for x in text.split("\n"))):
            # Each line the clerk typed is a paragraph of its own.
            assert line in paragraphs, (key, line)
    assert sample.header.doc_number in paragraphs
    assert f"{sample.header.addressee}：" in paragraphs
    assert sample.header.opening in paragraphs
    assert sample.signer in paragraphs
    assert (
        f"{sample.header.sign_date.year}年{sample.header.sign_date.month}月{sample.header.sign_date.day}日"
        in paragraphs
    )
    assert "草稿" not in body


def test_every_value_cell_distinct_in_sample(sample):
    # The sample is the fixture of the order tests: entered figures must be distinct and non-zero.
    entered = [sample.values[c] for c in sample.format.entered_cells]
    assert all(entered) and len(set(entered)) == len(entered)


def test_no_template_markup_left_in_any_part(sample):
    for name, xml in _xml_parts(render_bytes(sample)).items():
        assert "{{" not in xml and "{%" not in xml and "{#" not in xml, name


@pytest.mark.parametrize("format_id", sorted(FORMATS))
def test_new_empty_report_renders_with_zeros_and_no_invented_text(format_id):
    year = FORMATS[format_id].first_year
    report = Report.new(year, "某某县某某局", format_id)
    doc = Document(io.BytesIO(render_bytes(report)))
    assert_tables_match(doc, report)
    paragraphs = _paragraph_texts(doc)
    assert f"某某县某某局{year}年政府信息公开工作年度报告" in "".join(paragraphs).replace("\n", "")
    # Nothing was written: no 「无。」 and no sub-heading is invented; the six headings stand.
    assert "无。" not in paragraphs and "None" not in "\n".join(paragraphs)
    assert not any(p.startswith("（") for p in paragraphs)
    assert [p for p in paragraphs if p in {s.heading for s in report.format.sections}] == [
        s.heading for s in report.format.sections
    ]
    # The preflight tells the clerk which sections stand without content.
    notes = preflight(report)
    assert sum("只有标题" in n for n in notes) == 3  # 一、五、六


def test_embedded_draft_equals_input(sample):
    data = render_bytes(sample)
    back = extract_draft(data)
    assert back is not None
    assert draft.to_dict(back) == draft.to_dict(sample)


def test_embedding_twice_keeps_one_draft(sample):
    data = render_bytes(sample)
    other = load_sample("2019" if sample.format_id == "2021" else "2021")
    again = embed_draft(data, other)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        before = sorted(z.namelist())
        types_before = z.read("[Content_Types].xml")
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        ours = [n for n in z.namelist() if b"urn:xxgk-report:draft" in z.read(n)[:400]]
        # The earlier draft's item, properties and overrides went; nothing else was touched.
        assert sorted(z.namelist()) == before
        assert z.read("[Content_Types].xml").count(b"customXmlProperties") == types_before.count(b"customXmlProperties")
    assert len([n for n in ours if re.fullmatch(r"customXml/item\d+\.xml", n)]) == 1
    assert draft.to_dict(extract_draft(again)) == draft.to_dict(other)
    Document(io.BytesIO(again))  # still a valid package


def test_plain_docx_has_no_draft_and_garbage_is_refused(tmp_path):
    buf = io.BytesIO()
    Document().save(buf)
    assert extract_draft(buf.getvalue()) is None
    with pytest.raises(UserError, match="不是有效的 Word 文档"):
        extract_draft(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="找不到"):
        extract_draft(tmp_path / "missing.docx")
    with pytest.raises(UserError, match="是文件夹"):
        extract_draft(tmp_path)


def test_damaged_embedded_draft_is_a_user_error(sample):
    data = render_bytes(sample)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if re.fullmatch(r"customXml/item\d+\.xml", info.filename):
                content = content.replace(b'{"app"', b'{"app" broken', 1)
            dst.writestr(info, content)
    with pytest.raises(UserError, match="草稿数据"):
        extract_draft(out.getvalue())


TRICKY = [
    "收费<5元 & 办理时限>3天，引号\"双\"'单'",
    "模板标记 {{ title }} 与 {% if x %} 以及 {# 注释 #} 原样印出",
    "CDATA 结束符 ]]> 和实体 &amp; &lt; 原样",
    "制表\t符与 <w:p> 标签",
]


def test_clerk_text_prints_literally_with_autoescape():
    report = load_sample("2021")
    report.set_text("problems", "\n".join(TRICKY))
    report.header.addressee = "市政府办公室<&>"
    doc = Document(io.BytesIO(render_bytes(report)))
    paragraphs = _paragraph_texts(doc)
    for line in TRICKY:
        assert line in paragraphs
    assert "市政府办公室<&>：" in paragraphs
    # Nothing after the tricky text was swallowed.
    assert report.texts["improvements"].split("\n")[0] in paragraphs
    assert_tables_match(doc, report)


def test_xml_illegal_characters_never_reach_the_file():
    report = load_sample("2019")
    # Bypass set_text on purpose: a draft edited by hand may carry them.
    report.texts["other_matters"] = "第一段\x01含控制符\x0b\x0c\x1f\n第二段\x07\x08结束"
    report.header.org_name = "海东市\x00平安区新农村建设服务中心"
    report.header.signer = "海东市平安区\x1b新农村建设服务中心"
    data = render_bytes(report)
    for name, xml in _xml_parts(data).items():
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml), name
    paragraphs = _paragraph_texts(Document(io.BytesIO(data)))
    assert "第一段含控制符" in paragraphs and "第二段结束" in paragraphs
    assert "海东市平安区新农村建设服务中心" in paragraphs


def test_errors_refuse_unless_forced_and_force_marks_draft():
    report = load_sample("2021")
    report.values["applications.carried_forward.natural"] += 1  # breaks E1
    report.header.org_name = ""  # E8
    with pytest.raises(RenderRefused) as info:
        render_bytes(report)
    message = str(info.value)
    assert "E1" in message and "机关名称" in message and "--force" in message
    data = render_bytes(report, force=True)
    doc = Document(io.BytesIO(data))
    header_text = doc.sections[0].header.paragraphs[0].text + doc.sections[0].even_page_header.paragraphs[0].text
    assert header_text.count("草稿") == 2
    # On odd and even pages a diagonal 「草稿」 behind the text, taking no room in the 版心.
    headers = [n for n in _xml_parts(data) if n.startswith("word/header")]
    assert sum('string="草稿"' in _xml_parts(data)[n] for n in headers) == 2
    # The title says so too, on its last line: 「（草稿）」, as drafts are marked in practice.
    assert [t for t in _paragraph_texts(doc) if "草稿" in t] == ["2021年政府信息公开工作年度报告（草稿）"]


def test_force_without_errors_carries_no_mark(sample):
    data = render_bytes(sample, force=True)
    doc = Document(io.BytesIO(data))
    assert "草稿" not in "".join(_paragraph_texts(doc))
    assert doc.sections[0].header.paragraphs[0].text == ""
    assert not any("草稿" in xml for name, xml in _xml_parts(data).items() if name != "word/styles.xml")


def test_render_docx_writes_atomically_and_reports_gb2312(tmp_path, sample):
    out = tmp_path / suggested_filename(sample)
    result = render_docx(sample, out)
    assert result.path == out and out.exists()
    assert any("𬌗" in w and "GB2312" in w for w in result.warnings)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp file left


def test_unwritable_target_is_a_user_error_and_changes_nothing(tmp_path, sample, monkeypatch):
    out = tmp_path / "report.docx"
    out.write_bytes(b"the clerk's old report")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    # What Windows does when Word holds the file open.
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(UserError, match="正在 Word/WPS 中打开"):
        render_docx(sample, out)
    monkeypatch.undo()
    assert out.read_bytes() == b"the clerk's old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx"]
    with pytest.raises(UserError, match="无法写入"):
        render_docx(sample, tmp_path / "no-such-folder" / "report.docx")
    folder = tmp_path / "a-folder.docx"
    folder.mkdir()
    with pytest.raises(UserError, match="无法写入"):
        render_docx(sample, folder)
    assert folder.is_dir() and not any(folder.iterdir())


def test_preflight_quiet_without_rare_characters():
    report = load_sample("2021")
    for key, text in report.texts.items():
        report.texts[key] = text.replace("𬌗", "石").replace("䶮", "岩")
    assert preflight(report) == []
    report.header.signer = "朱镕基纪念馆"
    warnings = preflight(report)
    assert len(warnings) == 1 and "「落款机关」" in warnings[0] and "镕" in warnings[0]


def test_preflight_for_a_template_without_gb2312_fonts_that_leaves_content_out(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ title }}")
    doc.add_paragraph("{{ c_applications__new_received__total }}")
    doc.add_paragraph("{{p signature_block }}")
    template = tmp_path / "plain.docx"
    doc.save(template)
    report = load_sample("2021")
    report.header.sign_date = None
    warnings = preflight(report, template)
    assert not any("GB2312" in w for w in warnings)
    cells = len(report.format.cells) - 1
    assert any(f"没有放入 {cells} 个表格数字" in w and "二、规章·本年制发件数" in w for w in warnings)
    assert any("没有放入已填写的文字" in w and "五、存在的主要问题及改进情况存在的主要问题" in w for w in warnings)
    assert "未填写成文日期：文末只有落款，没有日期。" in warnings


def test_preflight_of_the_default_template_warns_only_about_rare_characters(sample):
    warnings = preflight(sample)
    assert len(warnings) == 1 and "GB2312" in warnings[0]


def test_suggested_filename():
    assert suggested_filename(load_sample("2021")) == "米易县人民政府办公室2021年政府信息公开工作年度报告.docx"
    report = Report.new(2021, "某局")
    report.header.title = 'A/B:C*D?"E"<F>|G\\H.'
    assert suggested_filename(report) == "A_B_C_D__E__F__G_H.docx"
    report.header.title = "CON"
    assert suggested_filename(report) == "_CON.docx"


def test_long_titles_wrap_symmetrically():
    assert title_lines("某局2021年政府信息公开工作年度报告", "某局") == ["某局2021年政府信息公开工作年度报告"]
    lines = title_lines("米易县人民政府办公室2021年政府信息公开工作年度报告", "米易县人民政府办公室")
    assert lines == ["米易县人民政府办公室", "2021年政府信息公开工作年度报告"]
    org = "攀枝花市米易县集体土地征收补偿安置中心"
    lines = title_lines(f"{org}2021年政府信息公开工作年度报告", org)
    assert "".join(lines) == f"{org}2021年政府信息公开工作年度报告"
    assert all(len(line) <= 20 for line in lines)
    assert not any(line.endswith("202") for line in lines)  # digits stay together
    very_long = "某某省某某市某某县某某乡镇人民政府某某办公室某某中心某某站某某所"
    lines = title_lines(very_long + "2021年政府信息公开工作年度报告", very_long)
    assert len(lines) == 3 and "".join(lines).startswith(very_long)


def _placed(signer, date, sealed):
    """(text, first character's x, last character's right edge) of each 落款 line, twips from the text's left edge."""
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


def test_signature_placement_rules():
    # Unsealed, date shorter than the 署名: 署名 右空二字, the date's first character two 字 further right.
    (_, sx, sr), (_, dx, dr) = _placed("米易县人民政府办公室", "2022年1月14日", sealed=False)
    assert abs(TEXT_WIDTH - sr - 2 * CHAR_PITCH) <= 1 and abs(dx - sx - 2 * CHAR_PITCH) <= 1
    # Unsealed, date longer: date 右空二字, the 署名 moves left to keep the 2-字 offset.
    (_, sx, sr), (_, dx, dr) = _placed("某局", "2022年12月14日", sealed=False)
    assert abs(TEXT_WIDTH - dr - 2 * CHAR_PITCH) <= 1 and abs(dx - sx - 2 * CHAR_PITCH) <= 1
    # Sealed: date 右空四字, 署名 centred over it.
    (_, sx, sr), (_, dx, dr) = _placed("某某县人民政府", "2022年1月14日", sealed=True)
    assert abs(TEXT_WIDTH - dr - 4 * CHAR_PITCH) <= 1 and abs((sx + sr) / 2 - (dx + dr) / 2) <= 1
    # The first character fixed by a rule is fixed by a left-aligned line: space a word processor
    # adds between Chinese and digits cannot move it.
    layout = signature_layout("米易县人民政府办公室", "2022年1月14日", sealed=False)
    assert layout.lines[-1].align == "left"
    assert signature_block("", "", sealed=False) == ""
    assert signature_block("某局", "", sealed=False).count("<w:p>") == 2  # blank line + 署名
    escaped = signature_block("A&B<局>", "2022年1月1日", sealed=False)
    assert "A&amp;B&lt;局&gt;" in escaped


def test_rendering_leaves_the_report_unchanged(sample):
    before = draft.to_dict(sample)
    render_bytes(sample)
    assert draft.to_dict(sample) == before


def test_context_has_no_none_and_flat_names(sample):
    ctx = build_context(sample)
    assert all(v is not None for v in ctx.values())
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in ctx)


def test_wan_amount_printed_as_entered():
    report = load_sample("2021")
    report.set("active.fees.amount", Decimal("12.3400"))
    report.header.sign_date = dt.date(2022, 1, 5)
    doc = Document(io.BytesIO(render_bytes(report)))
    assert "12.3400" in [c.text for row in doc.tables[0].rows for c in row.cells]
    assert "2022年1月5日" in _paragraph_texts(doc)


def test_docxtpl_brace_escapes_in_clerk_text_print_as_typed():
    report = load_sample("2021")
    lines = ["写法 {_{ 与 }_} 以及 {_% 和 %_} 原样", "下划线_{ 和 }_ 与 a_b 不变"]
    report.set_text("problems", "\n".join(lines))
    paragraphs = _paragraph_texts(Document(io.BytesIO(render_bytes(report))))
    for line in lines:
        assert line in paragraphs


_clerk_text = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("<>&\"'{}%#_\n\t\u3000𬌗䶮")),
    ),
    max_size=80,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_clerk_text, org=_clerk_text)
def test_anything_the_clerk_types_renders_and_prints_as_typed(text, org):
    report = load_sample("2019")
    report.texts["other_matters"] = text  # unchecked on purpose: a hand-edited draft
    report.header.addressee = org
    data = render_bytes(report, force=True)
    doc = Document(io.BytesIO(data))
    paragraphs = _paragraph_texts(doc)
    expected = Cleaner().paragraphs("六", text)
    start = paragraphs.index("六、其他需要报告的事项") + 1
    # What was typed, or nothing (the blank line before the 署名 follows the heading).
    printed = expected or [""]
    assert paragraphs[start : start + len(printed)] == printed
    addressee = Cleaner().line("主送机关", org).rstrip("：:")
    if addressee:
        assert f"{addressee}：" in "\n".join(paragraphs)
    assert_tables_match(doc, report)
