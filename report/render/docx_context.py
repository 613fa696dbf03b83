"""The template context: a ``Document`` in the flat variables a .docx template uses.

Variable names are flat, so that ``DocxTemplate.get_undeclared_template_variables``
is a meaningful contract test: ``c_<table>__<row>__<column>`` for every cell,
``t_<text field>`` (a list of paragraphs) for every text field, ``section_<n>``
and ``parts_<n>`` for the n-th section's heading and printed parts, plus the
header variables in ``HEADER_VARIABLES``.  ``templates/README.md`` lists them all.
"""

from __future__ import annotations

from html import escape

from ..schema import FormatSpec
from .document import Document, Paragraph
from .engine import Markup

#: Header variables every template may use (besides cells, text fields and sections).
HEADER_VARIABLES = {
    "title": "报告标题；较长时已按对称原则断行（换行符在模板中成为行内换行）；强制生成的草稿末尾加「（草稿）」",
    "title_lines": "报告标题的各行（列表）",
    "org_name": "机关名称",
    "year": "报告年度（数字，如 2021）",
    "doc_number": "文号，如 米府办函〔2022〕3号；未填写时为空",
    "addressee": "主送机关（不含冒号）；未填写时为空",
    "opening_lines": "开头语的各段（列表）；未填写时为空列表",
    "signer": "落款机关（未填写时为机关名称；不署名的报告为空）",
    "sign_date": "成文日期，如 2022年1月14日；未填写时为空",
    "sealed": "是否加盖印章（真/假）",
    "signature_block": "落款和成文日期的整段排版（按 GB/T 9704 §7.3.5 计算缩进），用 {{p signature_block }} 放在单独一段",
    "draft_mark": "是否为带错误强制生成的草稿（真/假）；真时应显示「草稿」标记",
    "format_name": "报告格式名称，如 2021年格式",
    "format_document": "格式依据文号，如 国办公开办函〔2021〕30号",
}

RUN_IN_STYLE = "RunInHeading"


def cell_variable(cell_id: str) -> str:
    """``applications.new_received.natural`` -> ``c_applications__new_received__natural``."""
    return "c_" + cell_id.replace(".", "__")


def text_variable(key: str) -> str:
    return "t_" + key


def section_variable(index: int) -> str:
    """The heading of the ``index``-th section (1-based); "" when the report has no such section."""
    return f"section_{index}"


def parts_variable(index: int) -> str:
    """The printed parts of the ``index``-th section: each ``heading``, ``lines``, ``last``."""
    return f"parts_{index}"


def template_variables(fmt: FormatSpec) -> list[str]:
    """Every variable the renderer provides for ``fmt``, in document order."""
    sections = []
    for i, s in enumerate(fmt.sections, 1):
        sections.append(section_variable(i))
        if s.text_fields:
            sections.append(parts_variable(i))
    return (
        list(HEADER_VARIABLES)
        + sections
        + [text_variable(f.key) for f in fmt.text_fields]
        + [cell_variable(cid) for cid in fmt.cells]
    )


def _line(p: Paragraph):
    """A paragraph as the template prints it: plain text, or markup giving its opening heading its level's font."""
    if not p.head:
        return p.text
    # Ends the template's run, prints the heading in its own run, reopens a run for the rest.
    return Markup(
        f'</w:t></w:r><w:r><w:rPr><w:rStyle w:val="{RUN_IN_STYLE}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(p.head, quote=False)}</w:t></w:r>'
        f'<w:r><w:t xml:space="preserve">{escape(p.text, quote=False)}'
    )


def _paragraph_xml(text: str, style: str, line=None) -> str:
    # Alignment and indents are spelled out so a user template without our styles still places the 落款 right.
    layout = ""
    if line is not None:
        layout = (
            f'<w:ind w:left="{line.left_twips}" w:right="{line.right_twips}" w:firstLine="0"/>'
            f'<w:jc w:val="{line.align}"/>'
        )
    run = f'<w:r><w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/>{layout}</w:pPr>{run}</w:p>'


def signature_block(document: Document) -> Markup:
    """The 落款 paragraphs: a blank line (two with a seal), the 署名 lines, the 成文日期."""
    layout = document.signature
    if layout.empty:
        return Markup("")
    parts = [_paragraph_xml("", "BodyKeepNext")] * layout.blank_lines
    parts += [_paragraph_xml(line.text, "Signature", line) for line in layout.lines]
    return Markup("".join(parts))


def build(document: Document) -> dict:
    """The template context: every name in ``template_variables(document.format)``."""
    fmt = document.format
    ctx: dict = {
        "title": "\n".join(document.title_lines),
        "title_lines": list(document.title_lines),
        "org_name": document.org_name,
        "year": document.year,
        "doc_number": document.doc_number,
        "addressee": document.addressee,
        "opening_lines": [_line(p) for p in document.opening],
        "signer": document.signer,
        "sign_date": document.sign_date,
        "sealed": document.sealed,
        "signature_block": signature_block(document),
        "draft_mark": document.draft_mark,
        "format_name": fmt.name,
        "format_document": fmt.document,
    }
    printed = {s.number: s for s in document.sections}
    last_part = next(((s.number, s.parts[-1].key) for s in reversed(document.sections) if s.parts), None)
    for i, spec in enumerate(fmt.sections, 1):
        section = printed.get(spec.number)
        ctx[section_variable(i)] = section.heading if section else ""
        if spec.text_fields:
            ctx[parts_variable(i)] = [
                {
                    "heading": p.heading,
                    "lines": [_line(x) for x in p.paragraphs],
                    "last": (spec.number, p.key) == last_part,
                }
                for p in (section.parts if section else ())
            ]
    for f in fmt.text_fields:
        part = document.part(f.key)
        ctx[text_variable(f.key)] = [_line(x) for x in part.paragraphs] if part else []
    for cid in fmt.cells:
        ctx[cell_variable(cid)] = document.cells[cid]
    return ctx
