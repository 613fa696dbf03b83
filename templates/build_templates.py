"""Build the official-format report templates, one per declared format.

Run with the project's venv from the project root::

    .venv/bin/python templates/build_templates.py

It writes ``templates/report-<format id>.docx`` for every format in
``report.formats.FORMATS``: a GB/T 9704 page (A4, margins 37/35/28/26 mm,
22 lines of 28 characters), styles that carry every font (East Asian slot
included), the six sections with the format's headings, every table drawn
from ``TableSpec.grid`` with one Jinja placeholder per value cell, and
odd/even page-number footers.  Nothing here names a row or column label:
a new format declared in ``report/formats/`` gets its template from this
script unchanged.

The output is byte-for-byte reproducible (fixed zip timestamps), so a
rebuilt template shows in ``git diff`` only when something really changed.

Variable names are flat (``c_applications__new_received__natural``) so that
``DocxTemplate.get_undeclared_template_variables`` is a meaningful contract
test; ``report.render`` builds the matching context and ``templates/README.md``
lists every variable.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report.formats import FORMATS
from report.render import HEADER_VARIABLES, cell_variable, text_variable
from report.resources import template_path
from report.schema import FormatSpec, Layout, TableSpec

# --- page geometry (official-format.md §9.1) ---------------------------------

PAGE_W, PAGE_H = 210, 297  # mm
TOP, BOTTOM, LEFT, RIGHT = 37, 35, 28, 26  # mm
TEXT_WIDTH_MM = PAGE_W - LEFT - RIGHT  # 156
FOOTER_MM = 23  # number's top about 28 mm above the page bottom (§9.5)
LINE_PITCH = 579  # twips: 225 mm / 22 lines
#: 156 mm / 28 characters = 15.8 pt: 16 pt characters condensed by 0.2 pt (in 1/20 pt).
CONDENSE = -4
TWIPS_PER_MM = 1440 / 25.4

# --- fonts (§9.2) ---------------------------------------------------------------

LATIN = "Times New Roman"
BODY = "仿宋_GB2312"
TITLE = "方正小标宋简体"
HEADING1 = "黑体"
HEADING2 = "楷体_GB2312"
PAGE_NUMBER = "宋体"
#: Names Word and WPS substitute when a font is missing (fontTable ``w:altName``).
FALLBACKS = {
    BODY: "仿宋",
    HEADING2: "楷体",
    TITLE: "宋体",
    HEADING1: "SimHei",
    PAGE_NUMBER: "SimSun",
}

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 10.5  # 五号: table 二
TABLE_SMALL_PT = 9  # 小五: the wide tables 三 and 四
INDENT_TWIPS = 2 * 320  # 2 characters of 16 pt

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
    "RunInHeading1": "段首标题（一、）",
    "RunInHeading2": "段首标题（（一））",
}


def _rfonts(east_asia: str, latin: str = LATIN) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" w:cs="{latin}" w:hint="eastAsia"/>'


def _rpr_content(east_asia: str, size_pt: float, latin: str = LATIN, color: str = "000000", condense: int = 0) -> str:
    half = round(size_pt * 2)
    spacing = f'<w:spacing w:val="{condense}"/>' if condense else ""
    return (
        f'{_rfonts(east_asia, latin)}<w:b w:val="0"/><w:bCs w:val="0"/>'
        f'<w:color w:val="{color}"/>{spacing}<w:kern w:val="0"/><w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    )


def _rpr(east_asia: str, size_pt: float, latin: str = LATIN, color: str = "000000", condense: int = 0) -> str:
    return f"<w:rPr {nsdecls('w')}>{_rpr_content(east_asia, size_pt, latin, color, condense)}</w:rPr>"


def _ppr(
    *,
    jc: str = "both",
    first_line: int = INDENT_TWIPS,
    left: int = 0,
    right: int = 0,
    line: int | None = LINE_PITCH,
    snap: bool = True,
    keep_next: bool = False,
    outline: int | None = None,
) -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if not snap:
        parts.append('<w:snapToGrid w:val="0"/>')
    if line:
        parts.append(f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>')
    else:
        parts.append('<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>')
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
    # Document defaults: every run not otherwise styled is 仿宋 16 pt, Chinese.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        doc.styles.element.remove(defaults)
    doc.styles.element.insert(
        0,
        parse_xml(
            f"<w:docDefaults {nsdecls('w')}><w:rPrDefault><w:rPr>{_rpr_content(BODY, BODY_PT)}</w:rPr>"
            f'</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{LINE_PITCH}" w:lineRule="exact"/>'
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
    )
    normal = doc.styles["Normal"]
    _set_style(normal, _ppr(), _rpr(BODY, BODY_PT, condense=CONDENSE))
    h1 = doc.styles["Heading 1"]
    _set_style(h1, _ppr(keep_next=True, outline=0), _rpr(HEADING1, BODY_PT, condense=CONDENSE))
    h2 = doc.styles["Heading 2"]
    _set_style(h2, _ppr(keep_next=True, outline=1), _rpr(HEADING2, BODY_PT, condense=CONDENSE))
    for style in (h1, h2):
        style.base_style = normal
        link = style.element.find(qn("w:link"))
        if link is not None:  # the linked character style would carry Word's blue heading font
            style.element.remove(link)
    _paragraph_style(
        doc, "ReportTitle", _ppr(jc="center", first_line=0, line=None, keep_next=True), _rpr(TITLE, TITLE_PT)
    )
    # The title's own spacing: 2号 lines need more than the body pitch.
    doc.styles["报告标题"].element.find(qn("w:pPr")).find(qn("w:spacing")).attrib.update(
        {qn("w:line"): "700", qn("w:lineRule"): "exact", qn("w:after"): str(LINE_PITCH)}
    )
    _paragraph_style(doc, "DocNumber", _ppr(jc="center", first_line=0), _rpr(BODY, BODY_PT))
    # One blank line between the 文号 and the title.
    doc.styles["发文字号"].element.find(qn("w:pPr")).find(qn("w:spacing")).set(qn("w:after"), str(LINE_PITCH))
    _paragraph_style(doc, "Addressee", _ppr(jc="left", first_line=0), _rpr(BODY, BODY_PT))
    _paragraph_style(doc, "DraftMark", _ppr(jc="center", first_line=0), _rpr(HEADING1, BODY_PT, color="C00000"))
    _paragraph_style(
        doc, "Signature", _ppr(jc="right", first_line=0, keep_next=True), _rpr(BODY, BODY_PT, condense=CONDENSE)
    )
    _paragraph_style(doc, "BodyKeepNext", _ppr(keep_next=True), _rpr(BODY, BODY_PT, condense=CONDENSE))
    _paragraph_style(doc, "TableText", _ppr(jc="center", first_line=0, line=None, snap=False), _rpr(BODY, TABLE_PT))
    _paragraph_style(
        doc, "TableTextSmall", _ppr(jc="center", first_line=0, line=None, snap=False), _rpr(BODY, TABLE_SMALL_PT)
    )
    # A heading the clerk typed at the start of a paragraph (「（一）……。」 then text): its own font only.
    for style_id, font in (("RunInHeading1", HEADING1), ("RunInHeading2", HEADING2)):
        style = doc.styles.add_style(STYLES[style_id], WD_STYLE_TYPE.CHARACTER)
        style.element.set(qn("w:styleId"), style_id)
        style.quick_style = True
        style.element.append(parse_xml(f"<w:rPr {nsdecls('w')}>{_rfonts(font)}</w:rPr>"))
    _paragraph_style(
        doc,
        "PageNumber",
        _ppr(jc="right", first_line=0, line=None, snap=False),
        _rpr(PAGE_NUMBER, PAGE_NUMBER_PT, latin=PAGE_NUMBER),
    )


def _setup_fonts(doc) -> None:
    """Declare the Chinese fonts with their substitutes in the font table."""
    for rel in doc.part.rels.values():
        if rel.reltype == RT.FONT_TABLE:
            part = rel.target_part
            break
    else:  # pragma: no cover - python-docx's default template has a font table
        return
    root = parse_xml(part.blob)
    for name, alt in FALLBACKS.items():
        root.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                '<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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
        f'<v:textpath style="font-family:&quot;{HEADING1}&quot;;font-size:1pt" string="草稿"/>'
        "</v:shape></w:pict></w:r>"
    )


def _setup_page(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(FOOTER_MM)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    sect.append(
        parse_xml(
            # A line grid only: LibreOffice and WPS spread characters apart on a character grid.
            f'<w:docGrid {nsdecls("w")} w:type="lines" w:linePitch="{LINE_PITCH}"/>'
        )
    )
    doc.settings.odd_and_even_pages_header_footer = True
    # Odd pages: number on the right, 右空一字; even pages: on the left, 左空一字 (§9.5).
    for footer, jc, side in ((section.footer, "right", "right"), (section.even_page_footer, "left", "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles[STYLES["PageNumber"]]
        ppr = p._p.get_or_add_pPr()
        # Schema order: w:ind before w:jc (Word rejects parts with misordered properties).
        ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:{side}="{int(PAGE_NUMBER_PT * 20)}"/>'))
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


def _column_widths_mm(table: TableSpec, ncols: int) -> list[float]:
    if table.layout is Layout.BLOCKS:
        # As wide as the longest row label needs (one line), the value columns share the rest.
        pt = TABLE_PT
        longest = max(len(c.text) for c in table.grid[0] if c.role in ("label", "header") and c.col == 0)
        label = min(TEXT_WIDTH_MM / 3, longest * pt * 25.4 / 72 + 4)
        return [label] + _even_value_columns(table, ncols, TEXT_WIDTH_MM - label)
    if table.layout is Layout.MATRIX:
        cells, _, _ = table.grid
        label_cols = min(c.col for c in cells if c.role == "value")
        values = ncols - label_cols
        value_w = min(12.0, (TEXT_WIDTH_MM - 60) / values)
        label_area = TEXT_WIDTH_MM - value_w * values
        # Outer label levels are narrow (vertical group names); the innermost takes the rest.
        # The outermost group name stands one character per line, as in the official drawing.
        outer = [7.0] + [18.0] * (label_cols - 2) if label_cols > 1 else []
        return outer + [label_area - sum(outer)] + [value_w] * values
    return [TEXT_WIDTH_MM / ncols] * ncols


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


def _balanced_lines(text: str, width_mm: float, size_pt: float) -> list[str]:
    """A short column heading too wide for its cell, broken into lines of equal length.

    Word would break 「商业企业」 as 商业企/业; the official tables read 商业/企业.
    """
    fit = max(1, int((width_mm - 1) * 72 / 25.4 // size_pt))
    if len(text) <= fit or len(text) > 8:
        return [text]
    lines = -(-len(text) // fit)
    per = -(-len(text) // lines)
    return [text[i : i + per] for i in range(0, len(text), per)]


def _table_borders_xml() -> str:
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    return f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"


def _add_table(doc, table: TableSpec) -> None:
    cells, nrows, ncols = table.grid
    widths = _column_widths_mm(table, ncols)
    style = STYLES["TableText"] if table.layout is Layout.BLOCKS else STYLES["TableTextSmall"]
    t = doc.add_table(rows=nrows, cols=ncols)
    t.autofit = False
    tbl = t._tbl
    tblPr = tbl.tblPr
    for tag in ("w:tblStyle", "w:tblW", "w:tblLook"):
        for old in tblPr.findall(qn(tag)):
            tblPr.remove(old)
    tblPr.append(parse_xml(f'<w:tblW {nsdecls("w")} w:w="{round(TEXT_WIDTH_MM * TWIPS_PER_MM)}" w:type="dxa"/>'))
    tblPr.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="center"/>'))
    tblPr.append(parse_xml(_table_borders_xml()))
    tblPr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    tblPr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:left w:w="28" w:type="dxa"/><w:right w:w="28" w:type="dxa"/></w:tblCellMar>'
        )
    )
    twips = [round(w * TWIPS_PER_MM) for w in widths]
    twips[-1] += round(TEXT_WIDTH_MM * TWIPS_PER_MM) - sum(twips)
    for gc, w in zip(tbl.tblGrid.findall(qn("w:gridCol")), twips):
        gc.set(qn("w:w"), str(w))
    for row in t.rows:
        for j, cell in enumerate(row.cells):
            cell.width = twips[j] * 635  # EMU per twip
    keep_rows = _rows_kept_with_next(table)
    for i, row in enumerate(t.rows):
        trPr = row._tr.get_or_add_trPr()
        trPr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
        if i < table.header_rows:
            trPr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
        trPr.append(parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{round(6 * TWIPS_PER_MM)}"/>'))
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
            size = TABLE_PT if table.layout is Layout.BLOCKS else TABLE_SMALL_PT
            for i, line in enumerate(_balanced_lines(gcell.text, width, size)):
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
            style = ppr.find(qn("w:pStyle"))
            ppr.insert(0 if style is None else 1, parse_xml(f"<w:keepNext {nsdecls('w')}/>"))


# --- body -----------------------------------------------------------------------------


def _para(doc, text: str = "", style: str | None = None):
    p = doc.add_paragraph(style=doc.styles[style] if style else None)
    if text:
        p.add_run(text)
    return p


def _text_loop(doc, key: str, keep_last_with_next: bool = False) -> None:
    """Each line the clerk typed becomes its own indented body paragraph.

    ``keep_last_with_next``: the report's last paragraph stays on the page of
    the 落款, which must never stand alone on a page.
    """
    _para(doc, f"{{%p for line in {text_variable(key)} %}}")
    if keep_last_with_next:
        _para(doc, "{%p if loop.last %}")
        _para(doc, "{{ line }}", STYLES["BodyKeepNext"])
        _para(doc, "{%p else %}")
    _para(doc, "{{ line }}")
    if keep_last_with_next:
        _para(doc, "{%p endif %}")
    _para(doc, "{%p endfor %}")


_ORDINALS = "一二三四五六七八九十"


def _build_body(doc, fmt: FormatSpec) -> None:
    last_text = next(k for s in reversed(fmt.sections) for k in reversed(s.text_fields))
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
    for section in fmt.sections:
        _para(doc, section.heading, "Heading 1")
        titled = [k for k in section.text_fields if fmt.text_field(k).title]
        for key in section.text_fields:
            spec = fmt.text_field(key)
            if spec.title:
                title = spec.title
                if not title.startswith("（"):
                    # 五's parts carry no ordinal in the format; number them as 9704 §7.3.3 does.
                    title = f"（{_ORDINALS[titled.index(key)]}）{title}"
                _para(doc, title, "Heading 2")
            _text_loop(doc, key, keep_last_with_next=key == last_text)
        for table_key in section.tables:
            _add_table(doc, fmt.table(table_key))
    _para(doc, "{{p signature_block }}")


def build(fmt: FormatSpec) -> bytes:
    doc = Document()
    _setup_styles(doc)
    _setup_fonts(doc)
    _setup_page(doc)
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        body.remove(p)
    core = doc.core_properties
    core.title = f"政府信息公开工作年度报告（{fmt.name}）模板"
    core.author = "xxgk-report"
    core.comments = f"{fmt.document}；由 templates/build_templates.py 生成，变量见 templates/README.md"
    core.last_modified_by = "xxgk-report"
    core.revision = 1
    import datetime as dt

    fixed = dt.datetime(2021, 9, 29)
    core.created = core.modified = fixed
    _build_body(doc, fmt)
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue())


#: python-docx's default package carries a thumbnail of an empty page; file managers would show it.
_DROP = "docProps/thumbnail.jpeg"


def _normalise_zip(data: bytes) -> bytes:
    """Same content -> same bytes: fixed timestamps and order in the zip; no stale thumbnail."""
    import re

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == _DROP:
                continue
            content = src.read(info.filename)
            if info.filename == "_rels/.rels":
                content = re.sub(rb'<Relationship [^>]*Target="docProps/thumbnail.jpeg"/>', b"", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, content)
    return out.getvalue()


README_HEAD = """# 报告模板（templates/）

本文件夹的 `report-<格式>.docx` 是生成正式年度报告所用的 Word 模板，每种报告格式一个，
由 `build_templates.py` 按 `report/formats/` 中的格式声明生成（不要手工修改；改了格式后运行
`.venv/bin/python templates/build_templates.py` 重新生成模板和本文件，测试会检查两者是否最新）。

版式按 GB/T 9704-2012：A4，上 37 mm、下 35 mm、左 28 mm、右 26 mm；正文 3 号仿宋_GB2312，
固定行距 28.95 磅（每页 22 行、每行 28 字），首行缩进 2 字；标题 2 号方正小标宋简体；
一级标题黑体、二级标题楷体_GB2312；数字和西文 Times New Roman；表格仿宋五号/小五、0.5 磅框线，
表头跨页重复、行不跨页断开；页码「— 1 —」4 号宋体，单页居右、双页居左。字体都在样式中设置
（含东亚字体 `w:eastAsia`），缺字体时 Word/WPS 按字体表替换为仿宋、楷体、宋体、黑体。
填写的文字中以「一、」或「（一）」开头的段落，开头的标题（到第一个句号或冒号为止，或不足 40 字的整段）
分别用字符样式「段首标题（一、）」（黑体）和「段首标题（（一））」（楷体）；「1.」「一是」开头的段落与正文相同。
带错误强制生成的草稿每页有一行红字页眉和衬在正文后的斜向「草稿」水印（都不占版心），标题末尾加「（草稿）」。
长标题和较长的落款机关名称在词语之间断行（县、局、委员会、中心等之后，年份前后），各行长短对称。

## 自选模板

机关可以复制一份模板，改成本地的版式（如加版头、改字体），在程序中选择它生成报告
（命令行：`xxgk render 草稿.json -o 报告.docx --template 我的模板.docx`）。规则：

- 变量写作 `{{ 变量名 }}`，只能使用下表中的变量；写错的变量名或不成对的 `{{ }}`、`{% %}`
  会得到中文提示，指出出错位置附近的文字，不会生成残缺的文档。
- 文字部分（`t_…`）是段落列表，每段一个自然段，用段落循环：
  `{%p for line in t_problems %}` / `{{ line }}` / `{%p endfor %}`（三段各占一段）。
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
    out.append(
        "\n### 文字部分（所有格式；每个变量是段落列表，未填写时为「无。」或空列表）\n\n| 变量 | 所在部分 | 标题 |\n|---|---|---|\n"
    )
    for section in first.sections:
        for key in section.text_fields:
            spec = first.text_field(key)
            out.append(f"| `{text_variable(key)}` | {section.heading} | {spec.title or '（无标题，直接成段）'} |\n")
    for fmt in FORMATS.values():
        out.append(f"\n### 表格单元格：{fmt.name}（{fmt.document}），模板 `report-{fmt.id}.docx`\n\n")
        out.append("每个单元格一个变量，值为印出的文字（件数为整数，金额按填写的小数位）。\n\n")
        out.append("| 变量 | 单元格 | 行 | 列 | 自动计算 |\n|---|---|---|---|---|\n")
        for cid, spec in fmt.cells.items():
            derived = "是" if spec.derived else ""
            out.append(
                f"| `{cell_variable(cid)}` | {spec.display} | {spec.row_label} | {spec.column_label} | {derived} |\n"
            )
    return "".join(out)


def main() -> int:
    for fmt in FORMATS.values():
        path = template_path(f"report-{fmt.id}.docx")
        path.write_bytes(build(fmt))
        print(f"{path}")
    path = template_path("README.md")
    path.write_text(readme(), encoding="utf-8")
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
