"""What to tell the clerk before generating, and what cannot go into a .docx at all.

``preflight(report, template)`` is the core API the GUI and the CLI call
before rendering: a list of Chinese 提示 that never block (characters
removed, sections that stand empty, characters the GB2312 fonts lack,
content a chosen template leaves out, a missing 成文日期).  A text over the
limits of ``report.limits`` is refused (``TextTooLong``), never cut.

``Cleaner`` is where every text on its way into the document passes:
characters XML cannot hold (C0 controls, lone surrogates, U+FFFE/U+FFFF)
are removed and counted per field, line endings are normalised, and a
vertical tab (Word's manual line break, 「第一行\\x0b第二行」) becomes a line
break inside its paragraph.
"""

from __future__ import annotations

import os
import re

from ..errors import UserError
from ..formats.header import HEADER_FIELDS
from ..limits import MAX_LINE_CHARS, MAX_PARAGRAPH_CHARS, MAX_TEXT_CHARS
from ..model import Report

#: Not allowed in XML 1.0 (or docxtpl markup: \a new paragraph, \f page break); \t \n and \x0b are handled.
_NOT_IN_DOCX = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = "\x0b"
#: Characters Python's GB2312 codec maps differently from Windows (cp936) but that the fonts carry.
_GB2312_EXTRA = frozenset("\u2014\u00b7")


class TextTooLong(UserError):
    """A text over a limit of ``report.limits``: refused, never cut."""


def docx_safe(text: str) -> tuple[str, int]:
    """``text`` without the characters a .docx cannot hold, and how many were removed."""
    s = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return _NOT_IN_DOCX.subn("", s)


class Cleaner:
    """Cleans every printed text of one report, collecting a 提示 per field that lost characters."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def _clean(self, label: str, text: str | None) -> str:
        s, removed = docx_safe(text or "")
        if removed:
            self.notes.append(
                f"「{label}」中有 {removed} 个字符无法写入 Word 文档（控制字符或已损坏的字符），生成时已删去，请核对该处文字。"
            )
        return s

    def line(self, label: str, text: str | None) -> str:
        """A one-line field (标题, 文号, 落款机关 …)."""
        s = self._clean(label, text).replace(_LINE_BREAK, "").replace("\n", "").strip()
        if len(s) > MAX_LINE_CHARS:
            raise TextTooLong(f"「{label}」有 {len(s)} 个字，超过 {MAX_LINE_CHARS} 字的上限，无法生成。请改短后再生成。")
        return s

    def paragraphs(self, label: str, text: str | None) -> list[str]:
        """A text field as paragraphs: each non-blank line one, leading full-width spaces dropped (the style indents)."""
        s = self._clean(label, text)
        if len(s) > MAX_TEXT_CHARS:
            raise TextTooLong(
                f"「{label}」有 {len(s)} 个字，超过每部分 {MAX_TEXT_CHARS} 字的上限，无法生成。请删减后再生成。"
            )
        out = []
        for line in s.split("\n"):
            line = line.strip(" \t\u3000" + _LINE_BREAK)
            if not line:
                continue
            if len(line) > MAX_PARAGRAPH_CHARS:
                raise TextTooLong(
                    f"「{label}」中有一段 {len(line)} 字，超过每段 {MAX_PARAGRAPH_CHARS} 字的上限，无法生成。"
                    "请把这一段分成几段（按回车键分段）后再生成。"
                )
            out.append(line.replace(_LINE_BREAK, "\n"))
        return out


def _outside_gb2312(text: str) -> list[str]:
    found = []
    for ch in text:
        if ch.isascii() or ch in _GB2312_EXTRA or ch in found or ch.isspace():
            continue
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            found.append(ch)
    return found


def _named_texts(report: Report) -> list[tuple[str, str]]:
    fmt = report.format
    h = report.header
    # As printed: the title and the signer fall back to the 机关名称.
    printed = {"title": report.title, "signer": report.signer}
    out = [
        (spec.label, printed.get(spec.key, getattr(h, spec.key)))
        for spec in HEADER_FIELDS
        if spec.printed and spec.is_text and spec.key != "org_name"
    ]
    for section in fmt.sections:
        for key in section.text_fields:
            title = fmt.text_field(key).title
            out.append((f"{section.heading}{title}", report.texts.get(key, "")))
    return out


def preflight(report: Report, template: str | os.PathLike | None = None, document=None) -> list[str]:
    """提示 to show before rendering (never blocking).

    Characters removed because no .docx can hold them; sections that will stand empty
    under their heading; characters the template's GB2312 fonts lack; content a chosen
    template leaves out; a missing 成文日期.  Raises ``TextTooLong`` for a text over the
    limits and ``TemplateError`` for a template that cannot be used at all.
    """
    from . import engine
    from .document import plan
    from .docx_context import cell_variable, text_variable

    fmt = report.format
    document = document if document is not None else plan(report)
    data, name = engine.template_bytes(template, fmt)
    warnings = list(document.notes)
    if engine.uses_gb2312_fonts(data):
        for where, text in _named_texts(report):
            chars = _outside_gb2312(docx_safe(text or "")[0])
            if chars:
                shown = "、".join(chars[:12]) + ("等" if len(chars) > 12 else "")
                warnings.append(
                    f"「{where}」中有 {len(chars)} 个字不在 GB2312 字符集内：{shown}。"
                    "模板使用仿宋_GB2312 等字体，这些字打印时可能显示为方框或空白；"
                    "请在 Word 中检查，必要时把这些字单独设置为「仿宋」或「宋体」。"
                )
    used = engine.used_variables(data, name)
    missing_cells = [spec.display for cid, spec in fmt.cells.items() if cell_variable(cid) not in used]
    if missing_cells:
        warnings.append(
            f"模板「{name}」没有放入 {len(missing_cells)} 个表格数字（如 {'、'.join(missing_cells[:3])}），"
            "这些数字不会出现在生成的文档中。"
        )
    structural = any(v.startswith("parts_") for v in used)
    missing_texts = [
        f"{fmt.section_of_text(f.key).heading}{f.title}"
        for f in fmt.text_fields
        if text_variable(f.key) not in used and not structural and document.part(f.key) is not None
    ]
    if missing_texts:
        warnings.append(
            f"模板「{name}」没有放入已填写的文字：{'、'.join(missing_texts)}，这些文字不会出现在生成的文档中。"
        )
    if report.header.sign_date is None and ("signature_block" in used or "sign_date" in used):
        if document.signer:
            warnings.append("未填写成文日期：文末只有落款，没有日期。")
        else:
            warnings.append("没有落款机关和成文日期：文末不印落款。")
    return warnings
