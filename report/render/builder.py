"""Build the official-format report templates, one per declared format.

``build(fmt)`` returns ``templates/report-<format id>.docx`` for a format:
a GB/T 9704 page (``geometry``: A4, margins 37/35/28/26 mm, 22 lines of 28
characters), styles that carry every font (East Asian slot included), the
six sections with their parts as Jinja loops over what the report prints,
every table drawn from ``TableSpec.grid`` with one placeholder per value
cell, and odd/even page-number footers.  Nothing here names a row or column
label: a new format declared in ``report/formats/`` gets its template from
this module unchanged.  ``scripts/build_templates.py`` writes the files.

The output is byte-for-byte reproducible (``package.write_package`` fixes
the zip times), so a rebuilt template shows in ``git diff`` only when
something really changed.
"""

from __future__ import annotations

import datetime as dt

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips

from ..formats import FORMATS
from ..schema import FormatSpec, Layout, TableSpec
from . import geometry as g
from . import package, typeset
from .docx_context import (
    HEADER_VARIABLES,
    RUN_IN_STYLE,
    cell_variable,
    parts_variable,
    section_variable,
    text_variable,
)

# Style ids: ASCII (they are XML attribute values); the names Word shows are Chinese.
STYLES = {
    "ReportTitle": "报告标题",
    "DocNumber": "发文字号",
    "Addressee": "主送机关",
    "DraftMark": "草稿标记",
    "Signature": "落款",
    "BodyKeepNext": "正文（与落款同页）",
    "TableText": "表格文字",
    "TableTextSmall": "表格文字（小五）",
    "PageNumber": "页码",
    RUN_IN_STYLE: "段首标题（二级）",
}


def _rfonts(east_asia: str, latin: str = g.LATIN) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}" w:hint="eastAsia"/>'


def _rpr_content(east_asia: str, size_pt: float, latin: str = g.LATIN, color: str = "000000", condense: int = 0) -> str:
    half = round(size_pt * 2)
    spacing = f'<w:spacing w:val="{condense}"/>' if condense else ""
    return (
        f'{_rfonts(east_asia, latin)}<w:b w:val="0"/><w:bCs w:val="0"/>'
        f'<w:color w:val="{color}"/>{spacing}<w:kern w:val="0"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    )


def _rpr(east_asia: str, size_pt: float, latin: str = g.LATIN, color: str = "000000", condense: int = 0) -> str:
    return f"<w:rPr {nsdecls('w')}>{_rpr_content(east_asia, size_pt, latin, color, condense)}</w:rPr>"


def _ppr(
    *,
    jc: str = "both",
    first_line: int = g.INDENT,
    left: int = 0,
    right: int = 0,
    line: int | None = g.LINE_PITCH,
    after: int = 0,
    snap: bool = True,
    keep_next: bool = False,
    auto_space: bool = True,
    outline: int | None = None,
) -> str:
    # Children in the schema's order (CT_PPrBase): keepNext … autoSpaceDE, autoSpaceDN … snapToGrid, spacing, ind … jc … outlineLvl.
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if not auto_space:
        # No extra space between Chinese and digits: the 成文日期 is exactly as wide as computed.
        parts.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if not snap:
        parts.append('<w:snapToGrid w:val="0"/>')
    if line:
        parts.append(f'<w:spacing w:before="0" w:after="{after}" w:line="{line}" w:lineRule="exact"/>')
    else:
        parts.append(f'<w:spacing w:before="0" w:after="{after}" w:line="240" w:lineRule="auto"/>')
    parts.append(f'<w:ind w:left="{left}" w:right="{right}" w:firstLine="{first_line}"/>')
    parts.append(f'<w:jc w:val="{jc}"/>')
    if outline is not None:
        parts.append(f'<w:outlineLvl w:val="{outline}"/>')
    return f"<w:pPr {nsdecls('w')}>{''.join(parts)}</w:pPr>"


def _set_style(style, ppr: str | None, rpr: str) -> None:
    el = style.element
    for tag in ("w:pPr", "w:rPr"):
        old = el.find(qn(tag))
        if old is not None:
            el.remove(old)
    if ppr:
        el.append(parse_xml(ppr))
    el.append(parse_xml(rpr))


def _paragraph_style(doc, style_id: str, ppr: str, rpr: str):
    style = doc.styles.add_style(STYLES[style_id], WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _set_style(style, ppr, rpr)
    return style


def _setup_styles(doc) -> None:
    body, condense = g.BODY_PT, g.CONDENSE
    # Document defaults: every run not otherwise styled is 仿宋 16 pt, Chinese.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        doc.styles.element.remove(defaults)
    doc.styles.element.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{_rpr_content(g.BODY_FONT, body)}</w:rPr>"
            f'</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{g.LINE_PITCH}" w:lineRule="exact"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    normal = doc.styles["Normal"]
    _set_style(normal, _ppr(), _rpr(g.BODY_FONT, body, condense=condense))
    h1 = doc.styles["Heading 1"]
    _set_style(h1, _ppr(keep_next=True, outline=0), _rpr(g.HEADING1_FONT, body, condense=condense))
    h2 = doc.styles["Heading 2"]
    _set_style(h2, _ppr(keep_next=True, outline=1), _rpr(g.HEADING2_FONT, body, condense=condense))
    for style in (h1, h2):
        style.base_style = normal
        link = style.element.find(qn("w:link"))
        if link is not None:  # the linked character style would carry Word's blue heading font
            style.element.remove(link)
    # The title's own exact pitch; off the line grid, which would otherwise round each line up to two.
    _paragraph_style(
        doc, "ReportTitle",
        _ppr(jc="center", first_line=0, line=g.TITLE_LINE, after=g.LINE_PITCH, snap=False, keep_next=True),
        _rpr(g.TITLE_FONT, g.TITLE_PT),
    )
    # One blank line between the 文号 and the title.
    _paragraph_style(doc, "DocNumber", _ppr(jc="center", first_line=0, after=g.LINE_PITCH), _rpr(g.BODY_FONT, body))
    _paragraph_style(doc, "Addressee", _ppr(jc="left", first_line=0), _rpr(g.BODY_FONT, body, condense=condense))
    _paragraph_style(
        doc, "DraftMark", _ppr(jc="center", first_line=0, snap=False), _rpr(g.HEADING1_FONT, body, color="C00000")
    )
    _paragraph_style(
        doc, "Signature", _ppr(jc="right", first_line=0, keep_next=True, auto_space=False),
        _rpr(g.BODY_FONT, body, condense=condense),
    )
    _paragraph_style(doc, "BodyKeepNext", _ppr(keep_next=True), _rpr(g.BODY_FONT, body, condense=condense))
    for style_id, size in (("TableText", g.TABLE_PT), ("TableTextSmall", g.TABLE_SMALL_PT)):
        _paragraph_style(doc, style_id, _ppr(jc="center", first_line=0, line=None, snap=False), _rpr(g.BODY_FONT, size))
    # A heading the clerk typed at the start of a paragraph (「（一）……。」 then text), at the second level: 楷体.
    style = doc.styles.add_style(STYLES[RUN_IN_STYLE], WD_STYLE_TYPE.CHARACTER)
    style.element.set(qn("w:styleId"), RUN_IN_STYLE)
    style.quick_style = True
    style.element.append(parse_xml(f"<w:rPr {nsdecls('w')}>{_rfonts(g.HEADING2_FONT)}</w:rPr>"))
    _paragraph_style(
        doc,
        "PageNumber",
        _ppr(jc="right", first_line=0, line=None, snap=False),
        _rpr(g.PAGE_NUMBER_FONT, g.PAGE_NUMBER_PT, latin=g.PAGE_NUMBER_FONT),
    )


def _setup_fonts(doc) -> None:
    """Declare the Chinese fonts with their substitutes in the font table."""
    from lxml import etree

    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    for name, alt in g.FONT_FALLBACKS.items():
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _setup_settings(doc) -> None:
    """Chinese theme fonts (python-docx's package says ja-JP) and Word 2013+ layout (no 兼容模式 in the title bar)."""
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    for cs in settings.iter(qn("w:compatSetting")):
        if cs.get(qn("w:name")) == "compatibilityMode":
            cs.set(qn("w:val"), "15")


#: Word's text-path shape type (the one its 水印 command writes); LibreOffice reads it as Fontwork.
_TEXT_PATH_FORMULAS = (
    "sum #0 0 10800;prod #0 2 1;sum 21600 0 @1;sum 0 0 @2;sum 21600 0 @3;if @0 @3 0;if @0 21600 @1;"
    "if @0 0 @2;if @0 @4 21600;mid @5 @6;mid @8 @5;mid @7 @8;mid @6 @7;sum @6 0 @5"
)
_TEXT_PATH_SHAPETYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(f'<v:f eqn="{eqn}"/>' for eqn in _TEXT_PATH_FORMULAS.split(";"))
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" '
    'o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>'
    '<v:textpath on="t" fitshape="t"/><o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
)


def _watermark_run(number: int) -> str:
    ns = f'{nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    return (
        f"<w:r {ns}><w:rPr><w:noProof/></w:rPr><w:pict>{_TEXT_PATH_SHAPETYPE}"
        f'<v:shape id="PowerPlusWaterMarkObject{number}" o:spid="_x0000_s{2048 + number}" type="#_x0000_t136" '
        'style="position:absolute;margin-left:0;margin-top:0;width:400pt;height:200pt;rotation:315;'
        "z-index:-251657216;mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
        'fillcolor="#C00000" stroked="f"><v:fill opacity=".25"/>'
        f'<v:textpath style="font-family:&quot;{g.HEADING1_FONT}&quot;;font-size:1pt" string="草稿"/>'
        "</v:shape></w:pict></w:r>"
    )


def _setup_page(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Twips(g.PAGE_W), Twips(g.PAGE_H)
    section.top_margin, section.bottom_margin = Twips(g.MARGIN_TOP), Twips(g.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Twips(g.MARGIN_LEFT), Twips(g.MARGIN_RIGHT)
    section.header_distance = Twips(g.mm_to_twips(g.HEADER_MM))
    section.footer_distance = Twips(g.mm_to_twips(g.FOOTER_MM))
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    # A line grid of 22 lines; the 28 characters come from the body styles' spacing (see geometry).
    sect.append(parse_xml(f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="{g.LINE_PITCH}"/>'))
    doc.settings.odd_and_even_pages_header_footer = True
    # Odd pages: number on the right, 右空一字; even pages: on the left, 左空一字 (§9.5).
    for footer, jc, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles[STYLES["PageNumber"]]
        ppr = p._p.get_or_add_pPr()
        # Schema order: w:ind before w:jc (Word rejects parts with misordered properties).
        ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:{side}="{int(g.PAGE_NUMBER_PT * g.TWIPS_PER_PT)}"/>'))
        ppr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="{jc}"/>'))
        p.add_run("— ")
        for xml in (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
            "<w:r><w:t>1</w:t></w:r>",
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        ):
            p._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)))
        p.add_run(" —")
    # The 草稿 mark repeats on every page when the report is rendered with errors: a line above
    # the 版心 and a large diagonal 「草稿」 behind the text (Word's own watermark shape), so a
    # forced draft paginates exactly like the final report.
    for number, header in enumerate((section.header, section.even_page_header), 1):
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.style = doc.styles[STYLES["DraftMark"]]
        p.add_run("{% if draft_mark %}")
        p._p.append(parse_xml(_watermark_run(number)))
        p.add_run("草稿：本稿有未改正的错误，不得作为正式报告印发{% endif %}")


# --- tables -------------------------------------------------------------------------


def _chars_in(width_mm: float, size_pt: float) -> int:
    return int((width_mm * g.TWIPS_PER_MM - 2 * g.TABLE_CELL_MARGIN) // (size_pt * g.TWIPS_PER_PT))


#: Table 三's value columns (official-format.md §9.6): three 小五 characters a line, so that the
#: headings break between words (商业/企业, 社会/公益/组织) and the row labels keep ~14 字 a line.
MATRIX_VALUE_MM = 12.0


def _column_widths_mm(table: TableSpec, ncols: int) -> list[float]:
    width = g.TEXT_WIDTH_MM
    if table.layout is Layout.BLOCKS:
        # As wide as the longest row label needs (one line), the value columns share the rest.
        pt = g.TABLE_PT
        longest = max(len(c.text) for c in table.grid[0] if c.role in ("label", "header") and c.col == 0)
        label = min(width / 3, longest * pt * 25.4 / 72 + 4)
        return [label] + _even_value_columns(table, ncols, width - label)
    if table.layout is Layout.MATRIX:
        cells, _, _ = table.grid
        label_cols = min(c.col for c in cells if c.role == "value")
        values = ncols - label_cols
        value_w = min(MATRIX_VALUE_MM, (width - 55) / values)
        label_area = width - value_w * values
        # Outer label levels are narrow (vertical group names); the innermost takes the rest.
        # The outermost group name stands one character per line, as in the official drawing.
        outer = [7.0] + [18.0] * (label_cols - 2) if label_cols > 1 else []
        return outer + [label_area - sum(outer)] + [value_w] * values
    return [width / ncols] * ncols


def _rows_kept_with_next(table: TableSpec) -> set[int]:
    """Rows that must share a page with the row below them.

    A block of a BLOCKS table (caption, heading row, values) stays together, so a
    caption never stands alone at a page foot.  In a MATRIX table every group under
    a vertical label (（三）不予公开 and its eight rows) stays together, so the label is
    not cut in two by a page break; the outermost label (三、本年度办理结果) spans
    most of the table and is left to break.
    """
    cells, nrows, _ = table.grid
    if table.layout is Layout.BLOCKS:
        captions = {c.row for c in cells if c.role == "caption"}
        return {i for i in range(nrows - 1) if i + 1 not in captions}
    keep: set[int] = set()
    for c in cells:
        if c.role == "label" and c.rowspan > 1 and c.col > 0:
            keep.update(range(c.row, c.row + c.rowspan - 1))
    return keep


def _even_value_columns(table: TableSpec, ncols: int, area: float) -> list[float]:
    """Widths of the value grid columns such that every row's value cells are equally wide.

    Blocks of one table have different numbers of values (2019 table 二: three in
    (一)(五)(六), two in (八)(九)) on one grid, by column spans (1, 2, 1) and (2, 2).
    Equal grid columns would print one value cell twice as wide as its neighbours;
    each grid line goes where the rows that use it want their cell boundary.
    """
    cells = table.grid[0]
    rows: dict[int, list] = {}
    for c in cells:
        if c.col >= 1 and c.role in ("value", "header"):
            rows.setdefault(c.row, []).append(c)
    wanted: dict[int, list[float]] = {}
    for row_cells in rows.values():
        row_cells.sort(key=lambda c: c.col)
        for i, c in enumerate(row_cells[:-1], 1):
            wanted.setdefault(c.col + c.colspan, []).append(area * i / len(row_cells))
    lines = {1: 0.0, ncols: area}
    lines.update({j: sum(v) / len(v) for j, v in wanted.items() if 1 < j < ncols})
    known = sorted(lines)
    for j in range(2, ncols):  # grid lines no row uses: spread evenly between their neighbours
        if j not in lines:
            lo = max(k for k in known if k < j)
            hi = min(k for k in known if k > j)
            lines[j] = lines[lo] + (lines[hi] - lines[lo]) * (j - lo) / (hi - lo)
    return [lines[j + 1] - lines[j] for j in range(1, ncols)]


def _heading_lines(text: str, width_mm: float, size_pt: float) -> list[str]:
    """A short column heading too wide for its cell, broken between words (商业/企业, 社会公益/组织)."""
    if len(text) > 8:
        return [text]  # a long heading wraps where the word processor breaks it
    return typeset.heading_lines(text, _chars_in(width_mm, size_pt))


def _table_properties_xml(width_twips: int) -> str:
    """``w:tblPr`` with its children in the schema's order (CT_TblPr): tblW, jc, tblBorders, tblLayout, tblCellMar."""
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    margin = g.TABLE_CELL_MARGIN
    return (
        f"<w:tblPr {nsdecls('w')}>"
        f'<w:tblW w:w="{width_twips}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{edges}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>"
    )


def _add_table(doc, table: TableSpec) -> None:
    cells, nrows, ncols = table.grid
    widths = _column_widths_mm(table, ncols)
    style = STYLES["TableText"] if table.layout is Layout.BLOCKS else STYLES["TableTextSmall"]
    size = g.TABLE_PT if table.layout is Layout.BLOCKS else g.TABLE_SMALL_PT
    t = doc.add_table(rows=nrows, cols=ncols)
    tbl = t._tbl
    tbl.replace(tbl.tblPr, parse_xml(_table_properties_xml(g.TEXT_WIDTH)))
    twips = [round(w * g.TWIPS_PER_MM) for w in widths]
    twips[-1] += g.TEXT_WIDTH - sum(twips)
    for gc, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), twips):
        gc.set(qn("w:w"), str(w))
    for row in t.rows:
        for j, cell in enumerate(row.cells):
            cell.width = twips[j] * g.EMU_PER_TWIP
    keep_rows = _rows_kept_with_next(table)
    for i, row in enumerate(t.rows):
        trPr = row._tr.get_or_add_trPr()
        # CT_TrPr: cantSplit, trHeight, tblHeader (a choice group, any order; this is Word's).
        trPr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        trPr.append(parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{g.mm_to_twips(g.TABLE_ROW_MM)}"/>'))
        if i < table.header_rows:
            trPr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
    # Cell objects taken once (t.cell() rebuilds the whole grid per call); merges never overlap,
    # so the corners of later merges are untouched by earlier ones.
    initial = t._cells
    for gcell in cells:
        top_left = initial[gcell.row * ncols + gcell.col]
        merged = top_left
        if gcell.rowspan > 1 or gcell.colspan > 1:
            bottom_right = initial[(gcell.row + gcell.rowspan - 1) * ncols + gcell.col + gcell.colspan - 1]
            merged = top_left.merge(bottom_right)
        tcPr = merged._tc.get_or_add_tcPr()
        tcPr.append(parse_xml(f'<w:vAlign {nsdecls("w")} w:val="center"/>'))
        p = merged.paragraphs[0]
        p.style = doc.styles[style]
        if gcell.role == "value":
            p.add_run(f"{{{{ {cell_variable(gcell.cell_id)} }}}}")
        elif gcell.role == "header":
            width = sum(widths[gcell.col : gcell.col + gcell.colspan])
            for i, line in enumerate(_heading_lines(gcell.text, width, size)):
                run = p.add_run(line)
                if i:
                    run._r.insert(0, parse_xml(f"<w:br {nsdecls('w')}/>"))
        else:
            p.add_run(gcell.text)
            if gcell.role == "caption":
                p._p.get_or_add_pPr().append(parse_xml(f'<w:jc {nsdecls("w")} w:val="left"/>'))
    # Every paragraph of a kept row, the empty ones of vertically merged cells too: Word and
    # LibreOffice keep a row with the next only when all its cells say so.
    for i in sorted(keep_rows):
        for p in t.rows[i]._tr.iter(qn("w:p")):
            ppr = p.get_or_add_pPr()
            style_el = ppr.find(qn("w:pStyle"))
            ppr.insert(0 if style_el is None else 1, parse_xml(f"<w:keepNext {nsdecls('w')}/>"))


# --- body -----------------------------------------------------------------------------


def _para(doc, text: str = "", style: str | None = None):
    p = doc.add_paragraph(style=doc.styles[style] if style else None)
    if text:
        p.add_run(text)
    return p


def _parts_loop(doc, variable: str) -> None:
    """The section's printed parts: each its heading (if any), then its paragraphs.

    The report's very last paragraph (``part.last``) stays on the page of the 落款, which
    must never stand alone on a page.
    """
    _para(doc, f"{{%p for part in {variable} %}}")
    _para(doc, "{%p if part.heading %}")
    _para(doc, "{{ part.heading }}", "Heading 2")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for line in part.lines %}")
    _para(doc, "{%p if part.last and loop.last %}")
    _para(doc, "{{ line }}", STYLES["BodyKeepNext"])
    _para(doc, "{%p else %}")
    _para(doc, "{{ line }}")
    _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")
    _para(doc, "{%p endfor %}")


def _build_body(doc, fmt: FormatSpec) -> None:
    _para(doc, "{%p if doc_number %}")
    _para(doc, "{{ doc_number }}", STYLES["DocNumber"])
    _para(doc, "{%p endif %}")
    _para(doc, "{{ title }}", STYLES["ReportTitle"])
    _para(doc, "{%p if addressee %}")
    _para(doc, "{{ addressee }}：", STYLES["Addressee"])
    _para(doc, "{%p endif %}")
    _para(doc, "{%p for line in opening_lines %}")
    _para(doc, "{{ line }}")
    _para(doc, "{%p endfor %}")
    for i, section in enumerate(fmt.sections, 1):
        _para(doc, f"{{%p if {section_variable(i)} %}}")
        _para(doc, f"{{{{ {section_variable(i)} }}}}", "Heading 1")
        _para(doc, "{%p endif %}")
        if section.text_fields:
            _parts_loop(doc, parts_variable(i))
        for table_key in section.tables:
            _add_table(doc, fmt.table(table_key))
    _para(doc, "{{p signature_block }}")


#: The template's own fixed date, so that the file is reproducible (a rendered report carries its render time).
_BUILT = dt.datetime(2021, 9, 29)


def build(fmt: FormatSpec) -> bytes:
    doc = Document()
    package.drop_inherited_parts(doc)
    _setup_styles(doc)
    _setup_fonts(doc)
    _setup_settings(doc)
    _setup_page(doc)
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    package.set_properties(doc, title=f"政府信息公开工作年度报告模板（{fmt.name}）", author="", when=_BUILT)
    _build_body(doc, fmt)
    return package.write_package(doc)


README_HEAD = """# 报告模板（templates/）

本文件夹的 `report-<格式>.docx` 是生成正式年度报告所用的 Word 模板，每种报告格式一个，
由 `report/render/builder.py` 按 `report/formats/` 中的格式声明生成（不要手工修改；改了格式后运行
`.venv/bin/python scripts/build_templates.py` 重新生成模板和本文件，测试会检查两者是否最新）。

版式按 GB/T 9704-2012（页面尺寸、字体、字号都只在 `report/render/geometry.py` 中声明一次）：
A4，上 37 mm、下 35 mm、左 28 mm、右 26 mm；正文 3 号仿宋_GB2312，固定行距 28.95 磅，
每页 22 行、每行 28 字（字距紧缩 0.25 磅，每字 15.75 磅），首行缩进 2 字；标题 2 号方正小标宋简体，
行距固定 35 磅；一级标题黑体、二级标题楷体_GB2312；数字和西文 Times New Roman；表格仿宋五号/小五、
0.5 磅框线，表头跨页重复、行不跨页断开，表头文字在词语之间换行（社会公益/组织）；页码「— 1 —」
4 号宋体，单页居右、双页居左。字体都在样式中设置（含东亚字体 `w:eastAsia`），缺字体时 Word/WPS
按字体表替换为仿宋、楷体、宋体、黑体。

文档只印报告中有的内容：各部分的小标题只在该部分有文字时印出（序号按实际印出的顺排）；没有填写的部分不印，
只有按格式必须具备、且填写人确认「本单位无此项」的部分才印「无。」；导入的报告保留它自己的标题措辞、
分段结构和署名（原文没有署名的不加）。填写的文字中以序号开头的段落，按它在本部分中所处的层级设置字体：
直接在部分标题下的最外层序号（「一、」或「（一）」）是二级标题，开头的标题（到第一个句号或冒号为止，
或不足 40 字的整段）用字符样式「段首标题（二级）」（楷体）；其下的「（一）」「1.」「（1）」和「一是」与正文相同，
绝不会用一级标题的黑体。带错误强制生成的草稿每页有一行红字页眉和衬在正文后的斜向「草稿」水印（都不占版心），
标题末尾加「（草稿）」。长标题和较长的落款机关名称在词语之间断行（县、局、委员会、中心等之后，年份前后），
各行长短对称；成文日期首字比署名首字右移二字（盖章时日期右空四字、署名居中），中文与数字之间不加自动间距。

## 自选模板

机关可以复制一份模板，改成本地的版式（如加版头、改字体），在程序中选择它生成报告
（命令行：`xxgk render 草稿.json -o 报告.docx --template 我的模板.docx`）。规则：

- 变量写作 `{{ 变量名 }}`，只能使用下表中的变量；写错的变量名或不成对的 `{{ }}`、`{% %}`
  会得到中文提示，指出出错位置附近的文字，不会生成残缺的文档。
- 各部分可以按报告实际印出的结构排版：`section_N` 是第 N 部分的标题（报告没有该部分时为空），
  `parts_N` 是该部分印出的各小部分，每个有 `heading`（小标题，可能为空）、`lines`（各段）和 `last`（是否为全文最后一部分）；
  见本程序模板中的写法。
- 也可以按固定结构排版：文字部分（`t_…`）是段落列表，每段一个自然段，用段落循环：
  `{%p for line in t_problems %}` / `{{ line }}` / `{%p endfor %}`（三段各占一段）；没有填写的部分为空列表。
- 落款用 `{{p signature_block }}` 单独占一段（程序按是否盖章计算署名和日期的位置），
  也可以用 `signer`、`sign_date` 自行排版。
- 填入的文字一律按原样印出（`<`、`&`、`{{ }}` 不会被当作标记）。
- 模板使用仿宋_GB2312 等 GB2312 字体时，生成前会提示不在 GB2312 字符集内的字（生僻字）。

## 变量

### 基本信息（所有格式）

| 变量 | 内容 |
|---|---|
"""


def readme() -> str:
    out = [README_HEAD]
    out += [f"| `{name}` | {desc.replace('|', '｜')} |\n" for name, desc in HEADER_VARIABLES.items()]
    first = next(iter(FORMATS.values()))
    out.append("\n### 各部分（所有格式）\n\n| 变量 | 内容 |\n|---|---|\n")
    for i, section in enumerate(first.sections, 1):
        out.append(f"| `{section_variable(i)}` | 第 {i} 部分的标题（如「{section.heading}」；导入的报告为原文措辞） |\n")
        if section.text_fields:
            out.append(f"| `{parts_variable(i)}` | 第 {i} 部分印出的各小部分（`heading`、`lines`、`last`） |\n")
    out.append(
        "\n### 文字部分（所有格式；每个变量是段落列表，未填写时为空列表，确认无此项时为「无。」）\n\n"
        "| 变量 | 所在部分 | 标题 |\n|---|---|---|\n"
    )
    for section in first.sections:
        for key in section.text_fields:
            spec = first.text_field(key)
            out.append(f"| `{text_variable(key)}` | {section.heading} | {spec.title or '（无标题，直接成段）'} |\n")
    for fmt in FORMATS.values():
        out.append(f"\n### 表格单元格：{fmt.name}（{fmt.document}），模板 `report-{fmt.id}.docx`\n\n")
        out.append("每个单元格一个变量，值为印出的文字（件数为整数，金额按填写的小数位，有单位的栏目带单位）。\n\n")
        out.append("| 变量 | 单元格 | 行 | 列 | 自动计算 |\n|---|---|---|---|---|\n")
        for cid, spec in fmt.cells.items():
            derived = "是" if spec.derived else ""
            out.append(
                f"| `{cell_variable(cid)}` | {spec.display} | {spec.row_label} | {spec.column_label} | {derived} |\n"
            )
    return "".join(out)


def write_all(folder) -> list:
    """Write every format's template and the README into ``folder``; returns the paths written."""
    from pathlib import Path

    folder = Path(folder)
    written = []
    for fmt in FORMATS.values():
        path = folder / f"report-{fmt.id}.docx"
        path.write_bytes(build(fmt))
        written.append(path)
    path = folder / "README.md"
    path.write_text(readme(), encoding="utf-8")
    written.append(path)
    return written
