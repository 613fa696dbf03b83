"""The report as one web page for the 政府信息公开专栏: self-contained HTML5, built with lxml.

The page prints what the .docx prints: it is drawn from the same ``Document``
(``plan(report)``, ``report/render/document.py``) — the same title, front matter,
sections (an imported report's own headings, a section it lacked left out),
the parts with their numbered sub-headings only where they have text, the
run-in headings, 「无。」 only where the clerk confirmed it, every cell as
printed (with its unit) and the 落款 (none when the report is not signed).

``html_bytes(report)`` gives a UTF-8 HTML5 document: ``lang="zh-CN"``, the
title as ``h1``, the sections as ``h2`` with their part headings as ``h3``,
the paragraphs, the tables drawn from each ``TableSpec.grid`` (``thead``,
``th scope``, ``rowspan``/``colspan`` exactly as the official drawing, every
value cell naming its header cells in ``headers``, and a ``caption`` for
screen readers, visually hidden because the printed report has none), the
落款.  No script, no external resource: the styles sit in one ``<style>``
element and, for the tables, on the elements themselves (a CMS editor that
drops ``<style>`` on paste keeps the rules and borders).  On a phone the
tables scroll sideways inside their box instead of shrinking.

The preview of 检查并生成 uses the same page with ``marks`` (findings shown
at their cells and paragraphs); the published page never carries them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml.html import builder as E
from lxml.html import tostring

from ..atomic import write_atomic
from ..model import Report
from ..schema import GridCell, Layout, TableSpec
from .document import DRAFT_NOTICE, Document, Paragraph, plan

#: Shared page styles (one place); tables also carry theirs inline, see ``_CELL_STYLE``.
PAGE_CSS = """
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: #fff; color: #1b1b1b; }
.xxgk-report { max-width: 52em; margin: 0 auto; padding: 1.5em 1em 3em;
  font: 17px/1.85 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
.xxgk-report h1 { font-size: 1.5em; line-height: 1.45; text-align: center; margin: 0.6em 0 1em; }
.xxgk-report h2 { font-size: 1.15em; margin: 1.4em 0 0.4em; }
.xxgk-report h3 { font-size: 1em; margin: 1em 0 0.3em; }
.xxgk-report p { margin: 0.3em 0; text-indent: 2em; overflow-wrap: anywhere; }
.xxgk-report p.doc-number { text-align: center; text-indent: 0; }
.xxgk-report p.addressee { text-indent: 0; }
.xxgk-report p.signature { text-align: right; text-indent: 0; }
.xxgk-report p.draft { text-indent: 0; color: #b42318; font-weight: bold; border: 1px solid #b42318; padding: 0.3em 0.6em; }
.xxgk-report .table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 0.6em 0 1em; }
.xxgk-report caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.xxgk-report .finding-error { background: #fde8e7; outline: 2px solid #b42318; }
.xxgk-report .finding-warning { background: #fff4d6; outline: 2px solid #b7791f; }
@media (max-width: 600px) { .xxgk-report { font-size: 16px; padding: 1em 0.75em 2em; } }
@media print {
  .xxgk-report { max-width: none; padding: 0; font-size: 12pt; }
  .xxgk-report .table-wrap { overflow: visible; }
  /* A page is narrower than a table's screen minimum: the whole table on the paper, never a column cut off. */
  .xxgk-report table { min-width: 0 !important; font-size: 9pt !important; }
  .xxgk-report th, .xxgk-report td { padding: 2px 3px !important; }
  .xxgk-report tr { break-inside: avoid; }
}
""".strip()

#: A caption read by screen readers, not shown: the printed report names no table (inline for a CMS paste).
_CAPTION_STYLE = "position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;"
_TABLE_STYLE = "border-collapse:collapse;width:100%;font-size:14px;line-height:1.45;"
_CELL_STYLE = "border:1px solid #333;padding:4px 6px;vertical-align:middle;"
#: Below these widths (px) a table scrolls sideways rather than squeezing its words one character a line.
_MIN_WIDTH = {Layout.BLOCKS: 560, Layout.MATRIX: 760, Layout.STRIP: 900}
_MARK_STYLE = {"error": "background-color:#fde8e7;outline:2px solid #b42318;",
               "warning": "background-color:#fff4d6;outline:2px solid #b7791f;"}
_MARK_COLOR = {"error": "#b42318", "warning": "#8a5a00"}
_QT_BACKGROUND = {"error": "#f8c9c5", "warning": "#ffe7a3"}


def _codes(marks) -> str:
    return " ".join(dict.fromkeys(m.text.split("]")[0].lstrip("[") for m in marks))


@dataclass(frozen=True)
class Mark:
    """A finding shown in the preview where it applies."""

    severity: str  # "error" | "warning"
    text: str


@dataclass
class Marks:
    cells: dict[str, list[Mark]] = field(default_factory=dict)
    texts: dict[str, list[Mark]] = field(default_factory=dict)  # text field, or a header field key

    @classmethod
    def from_findings(cls, findings) -> Marks:
        marks = cls()
        for f in findings:
            if f.acknowledged is not None:
                continue
            mark = Mark("error" if f.severity == "error" else "warning", f"[{f.code}] {f.title}：{f.message}")
            for c in f.cells:
                marks.cells.setdefault(c.id, []).append(mark)
            for key in (*f.text_fields, *f.header_fields):
                marks.texts.setdefault(key, []).append(mark)
        return marks


# --- tables ------------------------------------------------------------------------


def _cell_id(table: TableSpec, cell: GridCell) -> str:
    return f"{table.key}-r{cell.row}c{cell.col}"


def _covers_col(cell: GridCell, col: int) -> bool:
    return cell.col <= col < cell.col + cell.colspan


def _covers_row(cell: GridCell, row: int) -> bool:
    return cell.row <= row < cell.row + cell.rowspan


def _headers_of(table: TableSpec, cells: tuple[GridCell, ...], value: GridCell) -> list[str]:
    """The header cells of a value cell: every column header above it (up to its block's caption), every row label."""
    above = sorted((c for c in cells if c.role in ("header", "caption") and c.row < value.row
                    and _covers_col(c, value.col)), key=lambda c: -c.row)
    ids = []
    for c in above:
        ids.append(_cell_id(table, c))
        if c.role == "caption":
            break  # a block table: headers above the caption belong to the block before
    left = sorted((c for c in cells if c.role == "label" and c.col < value.col and _covers_row(c, value.row)),
                  key=lambda c: c.col)
    ids.extend(_cell_id(table, c) for c in left)
    return ids


def _scope(cell: GridCell, table: TableSpec) -> str:
    if cell.role == "caption":
        return "rowgroup"
    if cell.role == "header":
        return "colgroup" if cell.colspan > 1 else "col"
    return "rowgroup" if cell.rowspan > 1 else "row"


def _table(table: TableSpec, caption: str, texts: dict[str, str], marks: Marks | None, qt: bool = False):
    cells, nrows, _ncols = table.grid
    by_row: dict[int, list[GridCell]] = {}
    for c in cells:
        by_row.setdefault(c.row, []).append(c)
    head_rows = table.header_rows
    el_table = E.TABLE(style=_TABLE_STYLE + f"min-width:{_MIN_WIDTH[table.layout]}px;")
    el_table.set("class", f"xxgk-table xxgk-table-{table.key}")
    if qt:  # Qt's rich text draws rules from the HTML 4 attributes, not from CSS borders
        el_table.set("border", "1")
        el_table.set("cellspacing", "0")
        el_table.set("cellpadding", "4")
    if not qt:  # the preview shows what is printed; Qt would show the caption
        el_caption = E.CAPTION(caption)
        el_caption.set("style", _CAPTION_STYLE)
        el_table.append(el_caption)
    thead = E.THEAD() if head_rows else None
    bodies = []
    body = None
    for r in range(nrows):
        row_cells = sorted(by_row.get(r, ()), key=lambda c: c.col)
        tr = E.TR()
        for c in row_cells:
            attrs = {}
            if c.rowspan > 1:
                attrs["rowspan"] = str(c.rowspan)
            if c.colspan > 1:
                attrs["colspan"] = str(c.colspan)
            if c.role == "value":
                text = texts.get(c.cell_id, "")
                style = _CELL_STYLE + "text-align:center;"
                td = E.TD(text, **attrs)
                headers = _headers_of(table, cells, c)
                if headers:
                    td.set("headers", " ".join(headers))
                if marks is not None:
                    td.set("data-cell", c.cell_id)  # the preview finds a finding's cell by it
                found = marks.cells.get(c.cell_id) if marks else None
                if found:
                    worst = "error" if any(m.severity == "error" for m in found) else "warning"
                    td.set("class", f"finding-{worst}")
                    td.set("title", "\n".join(m.text for m in found))
                    style += _MARK_STYLE[worst]
                    if qt:
                        sup = etree.SubElement(td, "sup")
                        sup.text = " " + _codes(found)
                        sup.set("style", f"color:{_MARK_COLOR[worst]};")
                td.set("style", style)
                tr.append(td)
            elif c.role == "corner":
                td = E.TD(c.text, **attrs)
                td.set("style", _CELL_STYLE + "font-size:12px;text-align:left;")
                tr.append(td)
            else:
                th = E.TH(c.text, **attrs)
                th.set("id", _cell_id(table, c))
                th.set("scope", _scope(c, table))
                align = "left" if c.role == "label" and table.layout is not Layout.BLOCKS else "center"
                weight = "bold" if c.role == "caption" else "normal"
                th.set("style", _CELL_STYLE + f"text-align:{align};font-weight:{weight};")
                tr.append(th)
        if r < head_rows:
            thead.append(tr)
            continue
        if table.layout is Layout.BLOCKS and any(c.role == "caption" for c in row_cells):
            body = None  # each block of table 二 is a row group of its own, headed by its caption
        if body is None:
            body = E.TBODY()
            bodies.append(body)
        body.append(tr)
    if thead is not None:
        el_table.append(thead)
    for b in bodies:
        el_table.append(b)
    wrap = E.DIV(el_table)
    wrap.set("class", "table-wrap")
    wrap.set("style", "overflow-x:auto;")
    return wrap


# --- the page ------------------------------------------------------------------------


def _p(text: str, cls: str | None = None, marks: list[Mark] | None = None):
    el = E.P(text)
    if cls:
        el.set("class", cls)
    if marks:
        worst = "error" if any(m.severity == "error" for m in marks) else "warning"
        el.set("class", " ".join(filter(None, (cls, f"finding-{worst}"))))
        el.set("title", "\n".join(m.text for m in marks))
        el.set("style", _MARK_STYLE[worst])
    return el


def _paragraph(par: Paragraph, marks: list[Mark] | None):
    """One printed paragraph; a run-in heading (``head``) in bold, a line break inside it as ``br``."""
    el = _p("", marks=marks)
    tail = el
    if par.head:
        strong = etree.SubElement(el, "strong")
        strong.text = par.head
        tail = strong
    lines = par.text.split("\n")
    if tail is el:
        el.text = lines[0]
    else:
        strong.tail = lines[0]
    for line in lines[1:]:
        br = etree.SubElement(el, "br")
        br.tail = line
    return el


def _notes(marks: list[Mark] | None):
    """Below a marked paragraph in the preview: what is wrong there."""
    out = []
    for m in marks or ():
        el = E.P(("错误 " if m.severity == "error" else "提示 ") + m.text)
        el.set("class", f"finding-note finding-{m.severity}")
        el.set("style", f"color:{_MARK_COLOR[m.severity]};font-size:13px;text-indent:0;")
        out.append(el)
    return out


def build_page(doc: Document, *, marks: Marks | None = None, qt: bool = False):
    """The page's element tree for a ``Document`` (``plan(report)``): exactly what the .docx prints."""
    fmt = doc.format
    head = E.HEAD(
        E.META(charset="utf-8"),
        E.META(name="viewport", content="width=device-width, initial-scale=1"),
        E.META(name="generator", content="xxgk-report"),
        E.TITLE(doc.title),
        E.STYLE(PAGE_CSS),
    )
    article = E.E.article()
    article.set("class", "xxgk-report")
    if doc.draft_mark:
        article.append(_p(DRAFT_NOTICE, "draft"))
    if doc.doc_number:
        article.append(_p(doc.doc_number, "doc-number"))
    article.append(E.H1(doc.title))
    if qt and marks:
        # Findings on the header (机关名称, 成文日期 …) and the structure: under the title.
        text_keys = {f.key for f in fmt.text_fields} | {"opening"}
        article.extend(_notes([m for key, ms in marks.texts.items() if key not in text_keys for m in ms]))
    if doc.addressee:
        article.append(_p(doc.addressee + "：", "addressee"))
    opening_marks = marks.texts.get("opening") if marks else None
    for par in doc.opening:
        article.append(_paragraph(par, opening_marks))
    if qt:
        article.extend(_notes(opening_marks))
    printed = {p.key for s in doc.sections for p in s.parts}
    for section in doc.sections:
        sec = E.E.section(E.H2(section.heading))
        for part in section.parts:
            part_marks = marks.texts.get(part.key) if marks else None
            if part.heading:
                sec.append(E.H3(part.heading))
            for par in part.paragraphs:
                sec.append(_paragraph(par, part_marks))
            if qt:
                sec.extend(_notes(part_marks))
        if qt and marks:
            # A finding on a part that prints nothing (left empty): under its section's heading.
            keys = next(s.text_fields for s in fmt.sections if s.number == section.number)
            sec.extend(_notes([m for key in keys if key not in printed for m in marks.texts.get(key, ())]))
        for key in section.tables:
            table = fmt.table(key)
            sec.append(_table(table, table.name, doc.cells, marks, qt))
        article.append(sec)
    for line in doc.signature.lines:
        article.append(_p(line.text, "signature"))
    html = E.HTML(head, E.BODY(article))
    html.set("lang", "zh-CN")
    if qt:
        _for_qt(html)
    return html


def _for_qt(html) -> None:
    """Qt's rich text parses CSS slowly and applies little of it: keep only the marks' colours.

    (About half of the preview's opening time is Qt parsing styles it then ignores; bench/outputs.py.)
    """
    for style in html.iter("style"):
        style.getparent().remove(style)
    for el in html.iter():
        cls = el.get("class") or ""
        if el.tag in ("td", "th") and "text-align:center" in (el.get("style") or ""):
            el.set("align", "center")
        if "finding-" in cls and el.tag in ("td", "p"):
            worst = "error" if "finding-error" in cls else "warning"
            el.set("style", f"background-color:{_QT_BACKGROUND[worst]};" if el.tag == "td" else
                   f"color:{_MARK_COLOR[worst]};" + ("font-size:13px;" if "finding-note" in cls else
                                                      f"background-color:{_QT_BACKGROUND[worst]};"))
        elif el.tag != "sup":
            el.attrib.pop("style", None)


def html_text(report: Report, *, draft_mark: bool = False, marks: Marks | None = None, qt: bool = False,
              result=None) -> str:
    """The page as text; ``marks`` for the preview, ``qt`` for Qt's rich-text subset (the preview widget).

    ``result`` is the report's ``CheckResult`` when the caller has it (the plan reads the
    acknowledged warnings); otherwise the report is checked here.
    """
    page = build_page(plan(report, draft_mark=draft_mark, result=result), marks=marks, qt=qt)
    return tostring(page, doctype="<!DOCTYPE html>", encoding="unicode", method="html", pretty_print=True)


def html_bytes(report: Report, *, force: bool = False) -> bytes:
    """The published page; refused (Chinese) while the report has errors unless ``force`` (marked 草稿)."""
    from ..checks import check
    from . import RenderRefused, _error_summary

    result = check(report)
    errors = result.errors
    if errors and not force:
        raise RenderRefused(
            f"报告还有 {len(errors)} 个错误，不能生成供发布的网页。请先改正：\n{_error_summary(errors)}\n"
            "如只需核对用的草稿，请加 --force，网页将带有「草稿」标记。"
        )
    return html_text(report, draft_mark=bool(errors), result=result).encode("utf-8")


def render_html(report: Report, output_path: str | os.PathLike, *, force: bool = False) -> Path:
    path = Path(output_path)
    write_atomic(path, html_bytes(report, force=force))
    return path
