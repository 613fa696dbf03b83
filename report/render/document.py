"""What the document prints, decided once for every output (the .docx, the PDF made from it, the web page).

``plan(report)`` turns a ``Report`` into a ``Document``: plain data holding
the title lines, the front matter, each section with the parts it prints
(heading, paragraphs, run-in headings with their level), every table cell
as printed (with its unit) and the 落款 layout.  Nothing here knows
WordprocessingML; ``docx_context`` adapts a ``Document`` to the template.

The rules of what is printed (issue 15, "only what the report holds"):

- A part the clerk filled prints, under its heading: the standard one,
  numbered among the headed parts actually printed, or the heading an
  imported report printed (``Report.headings``: its own wording, none, or
  run into the first paragraph).
- A part left empty is left out.  Only where the format requires the part
  and the clerk confirmed that there is nothing (an acknowledged warning
  whose rule says so, W11) does it print its ``empty_text``, 「无。」.
- A section the format requires prints its heading even when it holds
  nothing (the preflight says so); a section an imported report lacked is
  left out altogether.
- The 署名 is the 落款机关 or the 机关名称, or nothing when the report is
  not signed (``header.unsigned``).
- A paragraph the clerk opens with an ordinal takes the font of the level
  it occupies: directly under a section heading the outermost numbering is
  the second level (楷体), never the first (黑体); under a part heading the
  clerk's numbering is the third level and stays 仿宋.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks import CheckResult, check
from ..draftmark import DRAFT_NOTICE, DRAFT_SUFFIX  # noqa: F401 - DRAFT_NOTICE is read from here by builder and web
from ..model import Report, format_date
from ..rules import RULES_BY_CODE
from ..schema import FormatSpec, SectionSpec
from . import typeset
from .preflight import Cleaner

_ORDINALS = "一二三四五六七八九十"
_DRAFT_SUFFIX = DRAFT_SUFFIX


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of body text; ``text`` may hold "\\n", a line break inside the paragraph."""

    text: str
    #: A heading that opens the paragraph, set in the font of ``head_level`` (2: 楷体).
    head: str = ""
    head_level: int = 0


@dataclass(frozen=True)
class Part:
    key: str  # the text field
    heading: str  # "" when the part prints without a heading of its own
    paragraphs: tuple[Paragraph, ...]
    confirmed_empty: bool = False  # printed as 「无。」 because the clerk confirmed it


@dataclass(frozen=True)
class Section:
    number: str
    heading: str
    parts: tuple[Part, ...]
    tables: tuple[str, ...]

    @property
    def empty(self) -> bool:
        """The heading stands alone: no text and no table."""
        return not self.parts and not self.tables


@dataclass(frozen=True)
class Document:
    format: FormatSpec
    title: str  # one line, as in the document's properties
    title_lines: tuple[str, ...]
    doc_number: str
    addressee: str  # without the colon
    opening: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    signer: str
    sign_date: str
    sealed: bool
    signature: typeset.SignatureLayout
    draft_mark: bool
    cells: dict[str, str]  # cell id -> the text printed in the cell
    org_name: str
    year: int
    #: Where the document differs from what a reader might expect (empty sections, removed characters).
    notes: tuple[str, ...] = ()

    def part(self, key: str) -> Part | None:
        for section in self.sections:
            for p in section.parts:
                if p.key == key:
                    return p
        return None

    @property
    def paragraph_count(self) -> int:
        """Paragraphs of the body outside the tables, as the default template lays them out."""
        n = bool(self.doc_number) + 1 + bool(self.addressee) + len(self.opening)
        for s in self.sections:
            n += 1 + sum(bool(p.heading) + len(p.paragraphs) for p in s.parts)
        if not self.signature.empty:
            n += self.signature.blank_lines + len(self.signature.lines)
        return n


def confirmed_empty(report: Report, result: CheckResult) -> set[str]:
    """Text fields the clerk confirmed have nothing to report (acknowledged warnings of an ``empty_part`` rule)."""
    out: set[str] = set()
    for f in result.warnings:
        if f.acknowledged is not None and RULES_BY_CODE[f.code].empty_part:
            out.update(k for k in f.text_fields if not report.texts.get(k, "").strip())
    return out


def _numbered(title: str, n: int) -> str:
    """A standard part title with its ordinal among the printed headed parts: （二）依申请公开."""
    m = typeset.ORDINAL_SYSTEMS[1][1].match(title)
    bare = title[m.end() :] if m else title
    return f"（{_ORDINALS[n - 1] if n <= len(_ORDINALS) else n}）{bare}"


def _paragraphs(lines: list[str], under_heading: bool) -> list[Paragraph]:
    """The clerk's paragraphs with the heading level their opening ordinal occupies."""
    second = None if under_heading else typeset.level_two_system(lines)
    out = []
    for line in lines:
        if second and typeset.ordinal_system(line) == second:
            head = typeset.run_in_head(line, second)
            if head:
                out.append(Paragraph(line[len(head) :], head, 2))
                continue
        out.append(Paragraph(line))
    return out


def _section(report: Report, section: SectionSpec, lines: dict[str, list[str]], confirmed: set[str]) -> Section:
    fmt = report.format
    heading = report.headings.get(section.number)
    title = heading.text if heading is not None and heading.text else section.heading
    parts: list[Part] = []
    keys = section.text_fields
    if keys and not any(lines[k] for k in keys):
        # Nothing written: one 「无。」 under the section heading if the clerk confirmed it, else nothing.
        done = [k for k in keys if k in confirmed and fmt.text_field(k).empty_text]
        if done:
            parts.append(Part(done[0], "", (Paragraph(fmt.text_field(done[0]).empty_text),), True))
        return Section(section.number, title, tuple(parts), section.tables)
    headed = 0
    for key in keys:
        spec = fmt.text_field(key)
        printed = report.headings.get(key)
        paras = lines[key]
        if not paras:
            if key in confirmed and spec.empty_text and spec.title and printed is None:
                headed += 1
                parts.append(Part(key, _numbered(spec.title, headed), (Paragraph(spec.empty_text),), True))
            continue
        run_in = ""
        if printed is not None:
            part_heading = "" if printed.run_in else printed.text
            run_in = printed.text if printed.run_in else ""
        else:
            part_heading = _numbered(spec.title, headed + 1) if spec.title else ""
        if part_heading or run_in:
            headed += 1
        body = _paragraphs(paras, under_heading=bool(part_heading or run_in))
        if run_in:
            first = body[0]
            body[0] = Paragraph(first.head + first.text, run_in, 2)
        parts.append(Part(key, part_heading, tuple(body)))
    return Section(section.number, title, tuple(parts), section.tables)


def cell_text(report: Report, cell_id: str) -> str:
    """A cell as printed: the value, and its unit where the column prints one.

    An imported report keeps the unit it printed (「251000元」, or none); a value the clerk
    entered or edited takes the column's unit.
    """
    spec = report.format.cells[cell_id]
    value = report.display_value(cell_id)
    if not spec.unit or not value:
        return value
    origin = report.origins.get(cell_id)
    if origin is not None and origin.raw.strip():
        raw = origin.raw.strip()
        unit = "万元" if "万元" in raw else ("元" if "元" in raw else "")
        return value + unit
    return value + spec.unit


def plan(report: Report, *, draft_mark: bool = False, result: CheckResult | None = None) -> Document:
    """The document ``report`` prints; ``draft_mark`` for a forced draft (「（草稿）」 after the title)."""
    fmt = report.format
    h = report.header
    result = result if result is not None else check(report)
    clean = Cleaner()
    org = clean.line("机关名称", h.org_name)
    title = clean.line("标题", report.title)
    lines_ = typeset.title_lines(title, org)
    if draft_mark and lines_:
        # 「（草稿）」 after the title, as drafts are marked in practice; on the last line when it
        # fits, so the title keeps the final report's lines.
        if typeset.width(lines_[-1] + _DRAFT_SUFFIX) <= typeset.g.TITLE_CHARS_PER_LINE:
            lines_[-1] += _DRAFT_SUFFIX
        else:
            lines_.append(_DRAFT_SUFFIX)
    signer = clean.line("落款机关", report.signer)
    date = format_date(h.sign_date)
    texts = {f.key: clean.paragraphs(fmt.section_of_text(f.key).heading + f.title, report.texts.get(f.key, ""))
             for f in fmt.text_fields}
    confirmed = confirmed_empty(report, result)
    missing = set(report.missing_sections)
    sections = []
    notes = []
    for section in fmt.sections:
        printed = _section(report, section, texts, confirmed)
        if section.number in missing and not printed.parts and not section.tables:
            continue  # the imported report had no such section: print none
        if printed.empty:
            notes.append(
                f"「{printed.heading}」没有填写内容，文档中此部分只有标题。"
                "确实没有需要报告的内容时，请在此部分写明「无。」。"
            )
        sections.append(printed)
    return Document(
        format=fmt,
        title=title + (_DRAFT_SUFFIX if draft_mark else ""),
        title_lines=tuple(lines_),
        doc_number=clean.line("文号", h.doc_number),
        addressee=clean.line("主送机关", h.addressee).rstrip("：:"),
        opening=tuple(Paragraph(x) for x in clean.paragraphs("开头语", h.opening)),
        sections=tuple(sections),
        signer=signer,
        sign_date=date,
        sealed=bool(h.sealed),
        signature=typeset.signature_layout(signer, date, bool(h.sealed)),
        draft_mark=bool(draft_mark),
        cells={cid: cell_text(report, cid) for cid in fmt.cells},
        org_name=org,
        year=h.year,
        notes=tuple(clean.notes + notes),
    )
