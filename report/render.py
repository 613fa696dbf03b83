"""Render a report to its official-format .docx (GB/T 9704 page, official tables).

Rendering is a pure function of the report: the context built here fills a
docxtpl template (``templates/report-<format>.docx``, made by
``templates/build_templates.py``, or a template the clerk chose), with
autoescape always on, and the draft JSON is embedded in the result
(``report.docx_embed``) so the .docx can be reopened as a draft.

Variable names are flat: ``c_<table>__<row>__<column>`` for every cell,
``t_<text field>`` (a list of paragraphs) for every text field, plus the
header variables in ``HEADER_VARIABLES``.  ``templates/README.md`` lists
them all.
"""

from __future__ import annotations

import io
import math
import os
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from pathlib import Path

from .atomic import write_atomic
from .checks import check
from .docx_embed import embed_draft
from .errors import UserError
from .model import Report, format_date
from .parse import clean_text
from .resources import template_path
from .schema import FormatSpec

#: Header variables every template may use (besides cells and text fields).
HEADER_VARIABLES = {
    "title": "报告标题；较长时已按对称原则断行（换行符在模板中成为行内换行）",
    "title_lines": "报告标题的各行（列表）",
    "org_name": "机关名称",
    "year": "报告年度（数字，如 2021）",
    "doc_number": "文号，如 米府办函〔2022〕3号；未填写时为空",
    "addressee": "主送机关（不含冒号）；未填写时为空",
    "opening_lines": "开头语的各段（列表）；未填写时为空列表",
    "signer": "落款机关（未填写时为机关名称）",
    "sign_date": "成文日期，如 2022年1月14日；未填写时为空",
    "sealed": "是否加盖印章（真/假）",
    "signature_block": "落款和成文日期的整段排版（按 GB/T 9704 §7.3.5 计算缩进），用 {{p signature_block }} 放在单独一段",
    "draft_mark": "是否为带错误强制生成的草稿（真/假）；真时应显示「草稿」标记",
    "format_name": "报告格式名称，如 2021年格式",
    "format_document": "格式依据文号，如 国办公开办函〔2021〕30号",
}

#: Characters Python's GB2312 codec maps differently from Windows (cp936) but that the fonts carry.
_GB2312_EXTRA = frozenset("\u2014\u00b7")
_TITLE_CHARS_PER_LINE = 20  # 156 mm of 22 pt characters
_CHAR_TWIPS = 316  # one 字 on the 28-per-line grid: 156 mm / 28
_WINDOWS_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def cell_variable(cell_id: str) -> str:
    """``applications.new_received.natural`` -> ``c_applications__new_received__natural``."""
    return "c_" + cell_id.replace(".", "__")


def text_variable(key: str) -> str:
    return "t_" + key


def template_variables(fmt: FormatSpec) -> list[str]:
    """Every variable the renderer provides for ``fmt``, in document order."""
    return (
        list(HEADER_VARIABLES)
        + [text_variable(f.key) for f in fmt.text_fields]
        + [cell_variable(cid) for cid in fmt.cells]
    )


class RenderRefused(UserError):
    """The report has hard errors and ``force`` was not given."""


class TemplateError(UserError):
    """A (possibly user-chosen) template that cannot be rendered; the message quotes where."""


@dataclass
class RenderResult:
    path: Path | None
    warnings: list[str] = field(default_factory=list)


# --- context ------------------------------------------------------------------


def _clean(text: str | None) -> str:
    return clean_text(text or "").text


def _lines(text: str | None) -> list[str]:
    """Each non-blank line as a paragraph; leading full-width spaces go (the style indents)."""
    return [line.strip(" \t\u3000") for line in _clean(text).split("\n") if line.strip(" \t\u3000")]


def _width(text: str) -> float:
    """Width in 字: half-width characters count ½."""
    return sum(0.5 if ord(ch) < 0x2000 or "\uff61" <= ch <= "\uffdc" else 1.0 for ch in text)


def title_lines(title: str, org_name: str = "") -> list[str]:
    """Split a long title into lines of at most 20 字, symmetric (GB/T 9704 §7.3.1).

    Words stay whole: no break inside a run of digits or Latin letters; a
    break between the agency name and the year is preferred.
    """
    title = title.strip()
    if _width(title) <= _TITLE_CHARS_PER_LINE:
        return [title] if title else []
    breaks = [
        i
        for i in range(1, len(title))
        if not (title[i - 1].isascii() and title[i - 1].isalnum() and title[i].isascii() and title[i].isalnum())
    ]
    org_break = len(org_name) if org_name and title.startswith(org_name) else -1
    total = _width(title)
    best = None
    for i in breaks:
        w1, w2 = _width(title[:i]), _width(title[i:])
        if w1 > _TITLE_CHARS_PER_LINE or w2 > _TITLE_CHARS_PER_LINE:
            continue
        # Balanced lines, the upper one not longer (梯形); the agency/year break is worth a little imbalance.
        cost = abs(w1 - w2) + (0.5 if w1 > w2 else 0) - (4 if i == org_break else 0)
        if best is None or cost < best[0]:
            best = (cost, i)
    if best is not None:
        return [title[: best[1]], title[best[1] :]]
    # Very long names: as many lines as needed, each close to the average width.
    count = math.ceil(total / _TITLE_CHARS_PER_LINE)
    target = total / count
    lines, start, acc = [], 0, 0.0
    for i, ch in enumerate(title):
        acc += _width(ch)
        if acc >= target * (len(lines) + 1) and i + 1 in breaks and len(lines) < count - 1:
            lines.append(title[start : i + 1])
            start = i + 1
    lines.append(title[start:])
    return lines


def _signature_indents(signer: str, date: str, sealed: bool) -> tuple[float, float]:
    """Right indents in 字 of the 署名 and the 成文日期 (official-format.md §9.4)."""
    ws, wd = _width(signer), _width(date)
    if not signer or not date:
        return (4.0 if sealed else 2.0), (4.0 if sealed else 2.0)
    if sealed:
        return max(0.0, 4 + (wd - ws) / 2), 4.0
    rs, rd = 2.0, ws - wd
    if rd < 2:
        rd, rs = 2.0, wd - ws + 4
    return rs, rd


class _Markup(str):
    """Pre-built WordprocessingML that autoescape must leave alone."""

    def __html__(self) -> str:
        return str(self)


def _paragraph_xml(text: str, style: str, right_twips: int | None = None) -> str:
    # Alignment and indents are spelled out so a user template without our styles still places the 落款 right.
    layout = (
        f'<w:ind w:left="0" w:right="{right_twips}" w:firstLine="0"/><w:jc w:val="right"/>'
        if right_twips is not None
        else ""
    )
    run = f'<w:r><w:t xml:space="preserve">{escape(text, quote=False)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/>{layout}</w:pPr>{run}</w:p>'


def signature_block(signer: str, date: str, sealed: bool) -> str:
    """The 落款 paragraphs: a blank line (two with a seal), the 署名, the 成文日期."""
    if not signer and not date:
        return _Markup("")
    rs, rd = _signature_indents(signer, date, sealed)
    parts = [_paragraph_xml("", "BodyKeepNext")] * (2 if sealed else 1)
    if signer:
        parts.append(_paragraph_xml(signer, "Signature", round(rs * _CHAR_TWIPS)))
    if date:
        parts.append(_paragraph_xml(date, "Signature", round(rd * _CHAR_TWIPS)))
    return _Markup("".join(parts))


def build_context(report: Report, *, draft_mark: bool = False) -> dict:
    """The template context: every name in ``template_variables(report.format)``."""
    fmt = report.format
    h = report.header
    title = _clean(report.title).replace("\n", "")
    lines = title_lines(title, _clean(h.org_name).strip())
    signer = _clean(report.signer).replace("\n", "")
    date = format_date(h.sign_date)
    ctx: dict = {
        "title": "\n".join(lines),
        "title_lines": lines,
        "org_name": _clean(h.org_name).strip(),
        "year": h.year,
        "doc_number": _clean(h.doc_number).replace("\n", "").strip(),
        "addressee": _clean(h.addressee).replace("\n", "").strip().rstrip("：:"),
        "opening_lines": _lines(h.opening),
        "signer": signer,
        "sign_date": date,
        "sealed": bool(h.sealed),
        "signature_block": signature_block(signer, date, bool(h.sealed)),
        "draft_mark": bool(draft_mark),
        "format_name": fmt.name,
        "format_document": fmt.document,
    }
    for section in fmt.sections:
        printed_any = False
        for key in section.text_fields:
            spec = fmt.text_field(key)
            lines_ = _lines(report.texts.get(key, ""))
            if not lines_ and spec.empty_text:
                lines_ = [spec.empty_text]
            ctx[text_variable(key)] = lines_
            printed_any = printed_any or bool(lines_)
        if section.text_fields and not section.tables and not printed_any:
            # A section must never stand empty under its heading.
            ctx[text_variable(section.text_fields[0])] = ["无。"]
    for cid in fmt.cells:
        ctx[cell_variable(cid)] = report.display_value(cid)
    return ctx


# --- templates ------------------------------------------------------------------


def default_template(fmt: FormatSpec) -> Path:
    return template_path(f"report-{fmt.id}.docx")


@lru_cache(maxsize=16)
def _read_template(path: str, mtime: float, size: int) -> bytes:
    del mtime, size  # part of the cache key: a template edited on disk is read again
    with open(path, "rb") as fh:
        return fh.read()


def _template_bytes(template: str | os.PathLike | None, fmt: FormatSpec) -> tuple[bytes, str]:
    path = Path(template) if template else default_template(fmt)
    try:
        st = path.stat()
        data = _read_template(str(path), st.st_mtime, st.st_size)
    except FileNotFoundError:
        raise TemplateError(f"找不到模板文件「{path}」。") from None
    except OSError as exc:
        raise TemplateError(f"无法读取模板文件「{path}」：{exc.strerror or exc}") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError(
            f"模板「{path.name}」不是 Word 文档（.docx）。请选择 .docx 格式的模板（.doc 需先在 Word 中另存为 .docx）。"
        )
    return data, path.name


def _uses_gb2312_fonts(template_data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(template_data)) as z:
        for name in ("word/styles.xml", "word/document.xml"):
            try:
                if b"GB2312" in z.read(name):
                    return True
            except KeyError:
                continue
    return False


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
    out = [
        ("报告标题", report.title),
        ("文号", h.doc_number),
        ("主送机关", h.addressee),
        ("开头语", h.opening),
        ("落款", report.signer),
    ]
    for section in fmt.sections:
        for key in section.text_fields:
            title = fmt.text_field(key).title
            out.append((f"{section.heading}{title}", report.texts.get(key, "")))
    return out


def preflight(report: Report, template: str | os.PathLike | None = None) -> list[str]:
    """提示 to show before rendering (never blocking).

    Characters the template's GB2312 fonts lack; content a user-chosen
    template leaves out; a missing 成文日期.  Raises ``TemplateError`` for a
    template that cannot be used at all.
    """
    fmt = report.format
    data, name = _template_bytes(template, fmt)
    warnings = []
    if _uses_gb2312_fonts(data):
        for where, text in _named_texts(report):
            chars = _outside_gb2312(_clean(text))
            if chars:
                shown = "、".join(chars[:12]) + ("等" if len(chars) > 12 else "")
                warnings.append(
                    f"「{where}」中有 {len(chars)} 个字不在 GB2312 字符集内：{shown}。"
                    "模板使用仿宋_GB2312 等字体，这些字打印时可能显示为方框或空白；"
                    "请在 Word 中检查，必要时把这些字单独设置为「仿宋」或「宋体」。"
                )
    used = _used_variables(data, name)
    missing_cells = [spec.display for cid, spec in fmt.cells.items() if cell_variable(cid) not in used]
    if missing_cells:
        warnings.append(
            f"模板「{name}」没有放入 {len(missing_cells)} 个表格数字（如 {'、'.join(missing_cells[:3])}），"
            "这些数字不会出现在生成的文档中。"
        )
    missing_texts = [
        f"{fmt.section_of_text(f.key).heading}{f.title}"
        for f in fmt.text_fields
        if text_variable(f.key) not in used and _lines(report.texts.get(f.key, ""))
    ]
    if missing_texts:
        warnings.append(
            f"模板「{name}」没有放入已填写的文字：{'、'.join(missing_texts)}，这些文字不会出现在生成的文档中。"
        )
    if report.header.sign_date is None and ("signature_block" in used or "sign_date" in used):
        warnings.append("未填写成文日期：文末只有落款，没有日期。")
    return warnings


def _error_summary(errors) -> str:
    lines = [f"{i}. [{f.code}] {f.title}：{f.message}" for i, f in enumerate(errors[:10], 1)]
    more = f"\n……另有 {len(errors) - 10} 个错误" if len(errors) > 10 else ""
    return "\n".join(lines) + more


_JINJA_HINTS = (
    ("end of print statement", "「{{」没有对应的「}}」"),
    ("unexpected end of template", "有未结束的 {% if %} 或 {% for %}（缺少 endif / endfor）"),
    ("unexpected '}'", "多出了「}」"),
    ("Encountered unknown tag", "有本程序不认识的 {% %} 标记"),
    ("No filter named", "使用了不存在的过滤器（| 后面的名称）"),
    ("No test named", "使用了不存在的判断（is 后面的名称）"),
    ("unexpected char", "标记里有不允许的字符"),
)


def _template_error(name: str, exc: Exception) -> TemplateError:
    from jinja2 import TemplateSyntaxError, UndefinedError

    context = [line.strip() for line in getattr(exc, "docx_context", None) or [] if line.strip()]
    where = " / ".join(context[:7])
    quoted = f"出错位置附近的文字：「{where[:240]}」。" if where else ""
    detail = getattr(exc, "message", None) or str(exc)
    hint = next((h for key, h in _JINJA_HINTS if key.lower() in detail.lower()), "")
    if isinstance(exc, TemplateSyntaxError):
        what = f"模板标记写法有误{('：' + hint) if hint else ''}（{detail}）"
    elif isinstance(exc, UndefinedError):
        what = f"模板使用了不存在的内容（{detail}）"
    else:
        what = f"模板无法填充{('：' + hint) if hint else ''}（{detail}）"
    return TemplateError(
        f"模板「{name}」有误：{what}。{quoted}请检查 {{{{ }}}} 和 {{% %}} 标记是否成对、拼写是否正确。"
    )


class _CachingEnvironment:
    """Builds the Jinja environment once; compiled document parts are reused.

    docxtpl compiles the whole document XML on every render; for the same
    template the patched XML is identical, so compiling once saves most of
    the rendering time (see bench/render.py).
    """

    _env = None

    @classmethod
    def get(cls):
        if cls._env is None:
            from jinja2 import Environment, StrictUndefined

            class Env(Environment):
                def __init__(self, **kw):
                    super().__init__(**kw)
                    self._compiled: dict[str, object] = {}

                def from_string(self, source, globals=None, template_class=None):
                    if globals is not None or template_class is not None or not isinstance(source, str):
                        return super().from_string(source, globals, template_class)
                    compiled = self._compiled.get(source)
                    if compiled is None:
                        if len(self._compiled) > 64:
                            self._compiled.clear()
                        compiled = self._compiled[source] = super().from_string(source)
                    return compiled

            cls._env = Env(autoescape=True, undefined=StrictUndefined)
        return cls._env


@lru_cache(maxsize=16)
def _patched_xml(src_xml: str) -> str:
    from docxtpl import DocxTemplate

    # patch_xml is a pure function of the XML text (it never touches the instance).
    return DocxTemplate.patch_xml(None, src_xml)


#: Stands for "_" next to a brace or % while docxtpl renders: after rendering it turns
#: the template escapes {_{ }_} {_% %_} into {{ }} {% %} in every text, the clerk's too.
_UNDERSCORE = "\ue000xxgk\ue001"
_BRACE_UNDERSCORE = re.compile(r"(?<=[{}%])_|_(?=[{}%])")


def _protect(value):
    if isinstance(value, _Markup):
        return _Markup(_BRACE_UNDERSCORE.sub(_UNDERSCORE, value))
    if isinstance(value, str):
        return _BRACE_UNDERSCORE.sub(_UNDERSCORE, value)
    if isinstance(value, list):
        return [_protect(v) for v in value]
    if isinstance(value, dict):
        return {k: _protect(v) for k, v in value.items()}
    return value


def _docx_template(data: bytes):
    from docxtpl import DocxTemplate

    class CachedTemplate(DocxTemplate):
        def patch_xml(self, src_xml):
            return _patched_xml(src_xml)

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            return super().render_xml_part(src_xml, part, context, jinja_env).replace(_UNDERSCORE, "_")

    return CachedTemplate(io.BytesIO(data))


@lru_cache(maxsize=16)
def _template_variables_used(data: bytes) -> frozenset[str]:
    """Every variable a template uses (independent of the report, so computed once per template)."""
    return frozenset(_docx_template(data).get_undeclared_template_variables(jinja_env=_CachingEnvironment.get()))


def _used_variables(data: bytes, name: str, context: dict | None = None) -> frozenset[str]:
    """The template's variables, or ``TemplateError`` quoting where its markup broke."""
    from jinja2 import TemplateError as JinjaTemplateError

    try:
        return _template_variables_used(data)
    except JinjaTemplateError as exc:
        # Only rendering records where in the document it broke (docx_context): ask it.
        try:
            _docx_template(data).render(context or {}, jinja_env=_CachingEnvironment.get(), autoescape=True)
        except JinjaTemplateError as located:
            raise _template_error(name, located) from exc
        raise _template_error(name, exc) from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"模板「{name}」不是有效的 Word 文档：{exc}") from exc


def _render_template(data: bytes, name: str, context: dict) -> bytes:
    from jinja2 import TemplateError as JinjaTemplateError

    env = _CachingEnvironment.get()
    undeclared = _used_variables(data, name, context) - set(context)
    if undeclared:
        names = "、".join(sorted(undeclared)[:10])
        raise TemplateError(
            f"模板「{name}」使用了本程序不认识的变量：{names}。"
            "可用的变量见 templates/README.md；请改正拼写或删除这些标记。"
        )
    try:
        tpl = _docx_template(data)
        tpl.render(_protect(context), jinja_env=env, autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
    except JinjaTemplateError as exc:
        raise _template_error(name, exc) from exc
    return out.getvalue()


def render_bytes(report: Report, *, template: str | os.PathLike | None = None, force: bool = False) -> bytes:
    """The finished .docx (with the draft embedded) as bytes; see ``render_docx``."""
    errors = check(report).errors
    if errors and not force:
        raise RenderRefused(
            f"报告还有 {len(errors)} 个错误，不能生成正式文档。请先改正：\n{_error_summary(errors)}\n"
            "如只需生成供核对的草稿，请选择「强制生成草稿」（命令行加 --force），文档将带有「草稿」标记。"
        )
    data, name = _template_bytes(template, report.format)
    docx = _render_template(data, name, build_context(report, draft_mark=bool(errors)))
    return embed_draft(docx, report)


def render_docx(
    report: Report, output_path: str | os.PathLike, *, template: str | os.PathLike | None = None, force: bool = False
) -> RenderResult:
    """Render ``report`` to ``output_path`` atomically.

    Raises ``RenderRefused`` when the report has hard errors and ``force`` is
    false; ``TemplateError`` for a broken template; ``UserError`` when the
    target cannot be written (the file open in Word): nothing changes then.
    """
    warnings = preflight(report, template)
    data = render_bytes(report, template=template, force=force)
    path = Path(output_path)
    write_atomic(path, data)
    return RenderResult(path=path, warnings=warnings)


def suggested_filename(report: Report) -> str:
    """「米易县人民政府办公室2021年政府信息公开工作年度报告.docx」, safe on Windows."""
    name = _WINDOWS_ILLEGAL.sub("_", _clean(report.title).replace("\n", ""))
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
