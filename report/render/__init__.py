"""The report as a document: ``Report`` → checks → plan → template → fitted numbers → embedded draft → atomic write.

One package for everything that turns a report into its official-format
.docx, the PDF made from that .docx and the web page, all from the same ``Document``:

- ``geometry``: the GB/T 9704 page, fonts and pitches, declared once;
- ``typeset``: Chinese line breaking (titles, 署名, table headings), the
  署名 / 成文日期 layout, the level of a paragraph that opens with an ordinal;
- ``document``: ``plan(report)``, the format-neutral ``Document`` (what is printed);
- ``docx_context``: that plan as the flat variables of a .docx template;
- ``engine``: docxtpl with autoescape, the compiled-template cache and the underscore guard;
- ``fit``: table numbers narrowed to their cells;
- ``preflight``: characters no .docx can hold, text limits, the 提示 before generating;
- ``package``: the embedded draft, the document's properties and the one zip
  writer, all through python-docx's OPC layer; bounded reading of a .docx;
- ``builder``: the templates in ``templates/``, built from the format declarations;
- ``web``: the web page for the 政府信息公开专栏 (and the preview of 检查并生成);
- ``pdf``: the .docx converted by the word processor found (``report.office``);
- ``pdf_check``: the PDF's text read back and compared with the plan (what it lacks, as 提示).

Rendering is a pure function of the report (and the render time, which goes into the
document's properties).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..atomic import write_atomic
from ..checks import check
from ..errors import UserError
from ..model import Report
from ..schema import FormatSpec
from . import docx_context, engine, fit, package
from .document import Document, plan
from .docx_context import HEADER_VARIABLES, cell_variable, signature_block, template_variables, text_variable
from .engine import TemplateError, default_template
from .package import extract_draft
from .preflight import Cleaner, TextTooLong, preflight
from .typeset import signer_lines, title_lines, width

_WINDOWS_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class RenderRefused(UserError):
    """The report has hard errors and ``force`` was not given."""


class RenderIncomplete(RuntimeError):
    """A bug: the rendered document lacks paragraphs, tables or text the template and the report ask for.

    Raised instead of writing the file, so a truncated document is never reported as 「已生成」.
    """


@dataclass
class RenderResult:
    path: Path | None
    warnings: list[str] = field(default_factory=list)
    #: What the document prints (the PDF is checked against it).
    document: Document | None = None


def _error_summary(errors) -> str:
    lines = [f"{i}. [{f.code}] {f.title}：{f.message}" for i, f in enumerate(errors[:10], 1)]
    more = f"\n……另有 {len(errors) - 10} 个错误" if len(errors) > 10 else ""
    return "\n".join(lines) + more


@lru_cache(maxsize=16)
def _template_tables(data: bytes) -> int:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").count(b"<w:tbl>")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _printed_lines(ctx: dict, used: frozenset[str]) -> list[str]:
    """Every paragraph text the context hands to the variables the template uses, in document order."""
    out: list[str] = []

    def add(value) -> None:
        text = str(value)
        if isinstance(value, engine.Markup):
            text = html.unescape(re.sub(r"<[^>]+>", "", text))
        if _squash(text):
            out.append(_squash(text))

    for name, value in ctx.items():
        if name not in used or name in ("signature_block", "title"):
            continue
        if name.startswith("parts_"):
            for part in value:
                add(part["heading"])
                for line in part["lines"]:
                    add(line)
        elif name.startswith(("t_", "opening_lines", "title_lines")) and isinstance(value, list):
            if name.startswith("t_") and any(v.startswith("parts_") for v in used):
                continue  # the same texts, printed through the parts
            for line in value:
                add(line)
        elif name.startswith("section_") and value:
            add(value)
    return out


def _check_complete(doc, document: Document, ctx: dict, data: bytes, name: str, default: bool) -> None:
    """Raise ``RenderIncomplete`` when paragraphs, tables or texts went missing on the way (never ship them)."""
    body = doc.element.body
    tables = len(body.findall(_W + "tbl"))
    expected_tables = _template_tables(data)
    problems = []
    if tables != expected_tables:
        problems.append(f"{tables} of {expected_tables} tables")
    if default:
        paragraphs = len(body.findall(_W + "p"))
        if paragraphs != document.paragraph_count:
            problems.append(f"{paragraphs} of {document.paragraph_count} paragraphs")
    text = _squash("".join(t.text or "" for t in body.iter(_W + "t")))
    at = 0
    used = engine.used_variables(data, name)
    for line in _printed_lines(ctx, used):
        found = text.find(line, at)
        if found < 0:
            problems.append(f"text missing: {line[:30]!r}")
            break
        at = found + len(line)
    if problems:
        raise RenderIncomplete(f"rendering {name} lost content: {'; '.join(problems)}")


def _render(report: Report, template, force: bool, when: dt.datetime | None) -> tuple[bytes, Document]:
    result = check(report)
    errors = result.errors
    if errors and not force:
        raise RenderRefused(
            f"报告还有 {len(errors)} 个错误，不能生成正式文档。请先改正：\n{_error_summary(errors)}\n"
            "如只需生成供核对的草稿，请选择「强制生成草稿」（命令行加 --force），文档将带有「草稿」标记。"
        )
    document = plan(report, draft_mark=bool(errors), result=result)
    data, name = engine.template_bytes(template, report.format)
    ctx = docx_context.build(document)
    doc = engine.fill(data, name, ctx)
    fit.fit_numbers_in_cells(doc.element.body, doc.styles.element)
    _check_complete(doc, document, ctx, data, name, default=template is None)
    package.embed(doc, report)
    package.set_properties(doc, title=document.title, author=document.org_name, when=when)
    return package.write_package(doc), document


def render_bytes(
    report: Report, *, template: str | os.PathLike | None = None, force: bool = False, when: dt.datetime | None = None
) -> bytes:
    """The finished .docx (with the draft embedded) as bytes; see ``render_docx``."""
    return _render(report, template, force, when)[0]


def render_docx(
    report: Report, output_path: str | os.PathLike, *, template: str | os.PathLike | None = None, force: bool = False
) -> RenderResult:
    """Render ``report`` to ``output_path`` atomically.

    Raises ``RenderRefused`` when the report has hard errors and ``force`` is
    false; ``TemplateError`` for a broken template; ``TextTooLong`` for a text
    over the limits; ``UserError`` when the target cannot be written (the file
    open in Word): nothing changes then.  The result's warnings are the preflight's.
    """
    data, document = _render(report, template, force, None)
    warnings = preflight(report, template, document)
    path = Path(output_path)
    write_atomic(path, data)
    return RenderResult(path=path, warnings=warnings, document=document)


def suggested_filename(report: Report) -> str:
    """「米易县人民政府办公室2021年政府信息公开工作年度报告.docx」, safe on Windows."""
    name = _WINDOWS_ILLEGAL.sub("_", Cleaner().line("标题", report.title))
    name = name.strip().rstrip(". ") or "政府信息公开工作年度报告"
    if name.split(".")[0].upper() in {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }:
        name = "_" + name
    return name[:150] + ".docx"


def empty_part_note(fmt: FormatSpec, key: str) -> str:
    """What the document prints for text field ``key`` when the clerk leaves it empty (the GUI's text box says it).

    A part the format requires (the notice's aspects of 总体情况, W11; section 五, W17) prints 「无。」
    only when the clerk confirms the warning that it is missing; any other empty part is left out, and a
    section of a single text part then stands with its heading alone.
    """
    from ..content import PROBLEMS_SECTION
    from ..rules import RULES_BY_CODE

    spec = fmt.text_field(key)
    section = fmt.section_of_text(key)
    if spec.empty_text and key in fmt.expected_aspects:
        rule = RULES_BY_CODE["W11"]
        return (
            f"不填则报告中不印此项；本单位确无此项工作的，请在检查结果中确认「{rule.title}」的提示并写明理由，"
            f"报告中此项印「{spec.empty_text}」。"
        )
    if spec.empty_text and section.number == PROBLEMS_SECTION:
        rule = RULES_BY_CODE["W17"]
        return (
            "可不填；不填则报告中不印此项。此部分都不填时，检查会提示「"
            f"{rule.title}」；确实没有的，请确认该提示并写明理由，报告中此部分印「{spec.empty_text}」。"
        )
    if len(section.text_fields) == 1 and not section.tables:
        return f"不填则报告中「{section.heading}」只有标题；没有需要报告的事项时，请写「无。」。"
    return "可不填；不填则报告中不印此项。"


__all__ = [
    "HEADER_VARIABLES",
    "Document",
    "RenderIncomplete",
    "RenderRefused",
    "RenderResult",
    "TemplateError",
    "TextTooLong",
    "cell_variable",
    "default_template",
    "empty_part_note",
    "extract_draft",
    "plan",
    "preflight",
    "render_bytes",
    "render_docx",
    "signature_block",
    "signer_lines",
    "suggested_filename",
    "template_variables",
    "text_variable",
    "title_lines",
    "width",
]
