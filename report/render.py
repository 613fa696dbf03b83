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
from itertools import combinations, pairwise
from pathlib import Path

from .atomic import write_atomic
from .checks import check
from .docx_embed import embed_draft
from .errors import UserError
from .formats.header import HEADER_FIELDS
from .model import Report, format_date
from .parse import clean_text
from .resources import template_path
from .schema import FormatSpec

#: Header variables every template may use (besides cells and text fields).
HEADER_VARIABLES = {
    "title": "报告标题；较长时已按对称原则断行（换行符在模板中成为行内换行）；强制生成的草稿末尾加「（草稿）」",
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
_DRAFT_SUFFIX = "（草稿）"
_SIGNER_CHARS_PER_LINE = 20  # a 署名 line leaves room for the 2-字 offsets of §9.4
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


class _Markup(str):
    """Pre-built WordprocessingML that autoescape must leave alone."""

    def __html__(self) -> str:
        return str(self)


#: A clerk's paragraph that opens with a structural ordinal (GB/T 9704 §7.3.3): 「一、」 is set in
#: 黑体, 「（一）」 in 楷体, up to the heading's full stop (「（一）主动公开情况。2021年……」, report 000);
#: 「1.」 and 「一是」 stay 仿宋 like the body.
_RUN_IN = (
    (re.compile(r"[一二三四五六七八九十]{1,3}、"), "RunInHeading1"),
    (re.compile(r"[（(][一二三四五六七八九十]{1,3}[）)]"), "RunInHeading2"),
)
_RUN_IN_MAX = 40  # 字: a longer opening without a full stop is prose, not a heading


def _run_in_heading(line: str):
    """The line as it prints: plain text, or markup giving its opening heading the heading font."""
    for pattern, style in _RUN_IN:
        m = pattern.match(line)
        if not m:
            continue
        stop = min((line.find(p, m.end()) for p in "。：:" if line.find(p, m.end()) >= 0), default=-1)
        if 0 <= stop < _RUN_IN_MAX:
            head, rest = line[: stop + 1], line[stop + 1 :]
        elif len(line) <= _RUN_IN_MAX:
            head, rest = line, ""
        else:
            return line
        # Ends the template's run, prints the heading in its own run, reopens a run for the rest.
        return _Markup(
            f'</w:t></w:r><w:r><w:rPr><w:rStyle w:val="{style}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(head, quote=False)}</w:t></w:r>'
            f'<w:r><w:t xml:space="preserve">{escape(rest, quote=False)}'
        )
    return line


def _width(text: str) -> float:
    """Width in 字: half-width characters count ½."""
    return sum(0.5 if ord(ch) < 0x2000 or "\uff61" <= ch <= "\uffdc" else 1.0 for ch in text)


#: Words an agency name ends with: a title or 署名 may break after them (GB/T 9704 §7.3.1: words stay whole).
_UNIT_ENDING_WORDS = (
    "省 市 县 区 州 盟 旗 镇 乡 街道 村 社区 政府 办公室 办公厅 委员会 委 局 厅 署 中心 处 所 站 院 馆 队 部 室 办 "
    "公司 集团 党组 和 与 及 、 年 年度 公开 工作"
)
_UNIT_ENDINGS = tuple(_UNIT_ENDING_WORDS.split())
#: Words a break must never split although a unit ending sits inside them.
_WHOLE_WORD_LIST = (
    "市场 城市 区域 县域 市域 乡村 村民 村镇 社会 委员 县委 市委 区委 省委 办公 办理 办事 处理 处置 所属 所有 "
    "会计 部门 局面 和平 和谐 政府信息 年度报告"
)
_WHOLE_WORDS = tuple(_WHOLE_WORD_LIST.split())
_ADMIN_CHARS = "省市县区州盟旗镇乡"
#: A line never starts with these (closing punctuation) nor ends with opening punctuation.
_NO_LINE_START = "）)」』》〉】〕”’，、。；：！？,.;:!?%"
_NO_LINE_END = "（(「『《〈【〔“‘"
_CONNECTORS = "和与及"
_MAX_LAYOUTS = 1500  # line layouts tried per line count (a few ms)


def _break_ok(text: str, i: int) -> bool:
    """May a line end before ``text[i]``? Never inside a number, a Latin word or a protected word."""
    a, b = text[i - 1], text[i]
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return False
    if a.isdigit() and b in ".．" or a in ".．" and b.isdigit():
        return False
    if b.isspace() or b in _NO_LINE_START or a in _NO_LINE_END:
        return False
    if b in _CONNECTORS and text[i : i + 2] not in _WHOLE_WORDS:
        return False  # 「和」「与」「及」 end a line, never start one
    for word in _WHOLE_WORDS:
        start = text.find(word, max(0, i - len(word) + 1))
        while 0 <= start < i:
            if start + len(word) > i:
                return False
            start = text.find(word, start + 1)
    return True


def _word_breaks(text: str) -> list[int]:
    """Positions between words: after an agency-unit word, around a year, before a full-width bracket."""
    out = []
    for i in range(1, len(text)):
        if not _break_ok(text, i):
            continue
        a, b = text[i - 1], text[i]
        year_end = a == "年" and text[:i].rstrip("年")[-1:].isdigit()
        year_edge = (b.isdigit() and not a.isdigit()) or year_end
        unit = any(text.endswith(w, 0, i) for w in _UNIT_ENDINGS) and not (a in _ADMIN_CHARS and b in _ADMIN_CHARS)
        if year_edge or unit or b in "（(" or a.isspace():
            out.append(i)
    return out


def _shape_cost(widths: list[float]) -> float:
    """Balanced lines in a 梯形 or 菱形: never an hourglass, a short line between longer ones."""
    cost = max(widths) - min(widths)
    for k in range(1, len(widths) - 1):
        if widths[k] < widths[k - 1] and widths[k] < widths[k + 1]:
            cost += 8
    if widths[0] > widths[-1]:
        cost += 0.5  # 正梯形 (upper line shorter) reads better than 倒梯形
    return cost


def _best_partition(text: str, breaks: list[int], max_width: float, count: int, bonus: dict[int, float]):
    best = None
    for cut in combinations(breaks, count - 1):
        bounds = (0, *cut, len(text))
        widths = [_width(text[s:e]) for s, e in pairwise(bounds)]
        if max(widths) > max_width:
            continue
        cost = _shape_cost(widths) - sum(bonus.get(c, 0) for c in cut)
        if best is None or cost < best[0]:
            best = (cost, bounds)
    return best


def wrap_balanced(text: str, max_width: float, prefer: int = -1) -> list[str]:
    """Break ``text`` into as few lines of at most ``max_width`` 字 as whole words allow, symmetric.

    Lines break between words (after an agency-unit word such as 县、局、委员会、中心, around the
    year); only when no word break fits does a line break between any two characters
    (still never inside a number).  ``prefer`` is a break worth a little imbalance (the end
    of the agency name, before the year).
    """
    text = text.strip()
    if _width(text) <= max_width:
        return [text] if text else []
    bonus = {prefer: 5.0} if prefer > 0 else {}
    fewest = math.ceil(_width(text) / max_width)
    for breaks in (_word_breaks(text), [i for i in range(1, len(text)) if _break_ok(text, i)]):
        for count in range(fewest, fewest + 3):
            if count - 1 > len(breaks):
                break
            while math.comb(len(breaks), count - 1) > _MAX_LAYOUTS:  # an unusual text: keep the search small
                breaks = breaks[::2]
            best = _best_partition(text, breaks, max_width, count, bonus)
            if best is not None and (best[0] < 8 or count == fewest + 2):
                # A space the clerk typed (report 004's title) ends a line and does not print.
                return [text[s:e].strip() for s, e in pairwise(best[1])]
    # Nothing fits (a run of digits longer than a line): cut at the width.
    lines, line = [], ""
    for ch in text:
        if line and _width(line + ch) > max_width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def title_lines(title: str, org_name: str = "") -> list[str]:
    """Split a long title into lines of at most 20 字, symmetric (GB/T 9704 §7.3.1, 梯形/菱形).

    Words stay whole: the agency name breaks only after a unit word (县、局、中心…), never
    inside a number; a break between the agency name and the year is preferred.
    """
    title = title.strip()
    prefer = len(org_name) if org_name and title.startswith(org_name) else -1
    while 0 < prefer < len(title) and title[prefer].isspace():
        prefer += 1
    return wrap_balanced(title, _TITLE_CHARS_PER_LINE, prefer)


def signer_lines(signer: str) -> list[str]:
    """A 署名 too long for one line, in balanced lines of whole words."""
    return wrap_balanced(signer, _SIGNER_CHARS_PER_LINE)


def _signature_indents(signer: str, date: str, sealed: bool) -> tuple[float, float]:
    """Right indents in 字 of the 署名 (its longest line) and the 成文日期 (official-format.md §9.4)."""
    ws, wd = max((_width(line) for line in signer_lines(signer)), default=0.0), _width(date)
    if not signer or not date:
        return (4.0 if sealed else 2.0), (4.0 if sealed else 2.0)
    if sealed:
        return max(0.0, 4 + (wd - ws) / 2), 4.0
    rs, rd = 2.0, ws - wd
    if rd < 2:
        rd, rs = 2.0, wd - ws + 4
    return rs, rd


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
    """The 落款 paragraphs: a blank line (two with a seal), the 署名, the 成文日期.

    A 署名 longer than a line is set in balanced lines: left-aligned as a block
    without a seal (the date's offset counts from its first character), each line
    centred over the date with one.
    """
    if not signer and not date:
        return _Markup("")
    rs, rd = _signature_indents(signer, date, sealed)
    lines = signer_lines(signer)
    ws, wd = max((_width(line) for line in lines), default=0.0), _width(date)
    parts = [_paragraph_xml("", "BodyKeepNext")] * (2 if sealed else 1)
    for line in lines:
        if sealed and date:
            right = max(0.0, 4 + (wd - _width(line)) / 2)
        else:
            right = rs + ws - _width(line)
        parts.append(_paragraph_xml(line, "Signature", round(right * _CHAR_TWIPS)))
    if date:
        parts.append(_paragraph_xml(date, "Signature", round(rd * _CHAR_TWIPS)))
    return _Markup("".join(parts))


def build_context(report: Report, *, draft_mark: bool = False) -> dict:
    """The template context: every name in ``template_variables(report.format)``."""
    fmt = report.format
    h = report.header
    title = _clean(report.title).replace("\n", "")
    lines = title_lines(title, _clean(h.org_name).strip())
    if draft_mark and lines:
        # 「（草稿）」 after the title, as drafts are marked in practice; on the last line when it
        # fits, so the title keeps the final report's lines.
        if _width(lines[-1] + _DRAFT_SUFFIX) <= _TITLE_CHARS_PER_LINE:
            lines[-1] += _DRAFT_SUFFIX
        else:
            lines.append(_DRAFT_SUFFIX)
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
            lines_ = [_run_in_heading(line) for line in _lines(report.texts.get(key, ""))]
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


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _placeholder(context: dict) -> str:
    """A stand-in for "_" that no text of this report contains (a clerk may type anything)."""
    texts = list(_strings(context))
    token, n = _UNDERSCORE, 0
    while any(token in t for t in texts):
        n += 1
        token = f"\ue000xxgk{n}\ue001"
    return token


def _protect(value, token: str = _UNDERSCORE):
    if isinstance(value, _Markup):
        return _Markup(_BRACE_UNDERSCORE.sub(token, value))
    if isinstance(value, str):
        return _BRACE_UNDERSCORE.sub(token, value)
    if isinstance(value, list):
        return [_protect(v, token) for v in value]
    if isinstance(value, dict):
        return {k: _protect(v, token) for k, v in value.items()}
    return value


def _docx_template(data: bytes, token: str = _UNDERSCORE):
    from docxtpl import DocxTemplate

    class CachedTemplate(DocxTemplate):
        def patch_xml(self, src_xml):
            return _patched_xml(src_xml)

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            return super().render_xml_part(src_xml, part, context, jinja_env).replace(token, "_")

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


# --- numbers that must not wrap ------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NUMBER_TEXT = re.compile(r"[-+\u2212]?\d[\d,]*(?:\.\d+)?")
#: Advance widths in em of Times New Roman (and its metric twin Liberation Serif).
_GLYPH_EM = {",": 0.25, ".": 0.25, "-": 0.333, "+": 0.564, "\u2212": 0.564}
#: WordprocessingML's order of run properties (Word refuses a part with misordered ones).
_RPR_ORDER = (
    *("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow"),
    *("emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern"),
    *("position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs"),
    *("em", "lang", "eastAsianLayout", "specVanish", "oMath"),
)
_MIN_SCALE = 50  # percent: narrower digits stop being legible; the size shrinks below that
_WORD_CELL_MARGIN = 108  # twips: Word's default left and right cell margin


def _twips(el, attr: str = "w") -> int | None:
    if el is None:
        return None
    try:
        return int(float(el.get(_W + attr)))
    except (TypeError, ValueError):
        return None


class _FontSizes:
    """Font size (half-points) a run gets from its own properties, its paragraph style or the defaults."""

    def __init__(self, styles_root):
        self.styles: dict[str, tuple[int | None, str | None]] = {}
        self.default = 20
        if styles_root is None:
            return
        sz = styles_root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
        self.default = _twips(sz, "val") or 20
        for style in styles_root.iter(_W + "style"):
            based = style.find(_W + "basedOn")
            self.styles[style.get(_W + "styleId")] = (
                _twips(style.find(f"{_W}rPr/{_W}sz"), "val"),
                based.get(_W + "val") if based is not None else None,
            )

    def of(self, run, paragraph) -> int:
        own = _twips(run.find(f"{_W}rPr/{_W}sz"), "val")
        if own:
            return own
        pstyle = paragraph.find(f"{_W}pPr/{_W}pStyle") if paragraph is not None else None
        style_id, seen = (pstyle.get(_W + "val") if pstyle is not None else None), set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            size, style_id = self.styles.get(style_id, (None, None))
            if size:
                return size
        return self.default


def _set_run_property(run, tag: str, value: str) -> None:
    from lxml import etree

    rpr = run.find(_W + "rPr")
    if rpr is None:
        rpr = etree.SubElement(run, _W + "rPr")
        run.remove(rpr)
        run.insert(0, rpr)
    old = rpr.find(_W + tag)
    if old is not None:
        rpr.remove(old)
    el = etree.Element(_W + tag)
    el.set(_W + "val", value)
    rank = _RPR_ORDER.index(tag)
    for i, child in enumerate(rpr):
        name = etree.QName(child).localname
        if name in _RPR_ORDER and _RPR_ORDER.index(name) > rank:
            rpr.insert(i, el)
            return
    rpr.append(el)


def _cell_margins(tbl) -> int:
    mar = tbl.find(f"{_W}tblPr/{_W}tblCellMar")
    total = 0
    for side in (("left", "start"), ("right", "end")):
        found = None
        for name in side:
            found = _twips(mar.find(_W + name)) if mar is not None else None
            if found is not None:
                break
        total += _WORD_CELL_MARGIN if found is None else found
    return total


def fit_numbers_in_cells(body, styles_root) -> int:
    """Narrow the digits of every table number wider than its cell; returns how many cells changed.

    A word processor breaks a number too wide for its column between digits
    (「12807780 / 823」); a clerk's 9-digit figure in a 12 mm column of table 三
    must stay on one line.  The digits are scaled horizontally (``w:w``) down to
    half width, and only below that made smaller too.
    """
    sizes = _FontSizes(styles_root)
    changed = 0
    for tbl in body.iter(_W + "tbl"):
        grid = [_twips(gc) or 0 for gc in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
        margins = _cell_margins(tbl)
        for tr in tbl.iterchildren(_W + "tr"):
            col = _twips(tr.find(f"{_W}trPr/{_W}gridBefore"), "val") or 0
            for tc in tr.iterchildren(_W + "tc"):
                span = _twips(tc.find(f"{_W}tcPr/{_W}gridSpan"), "val") or 1
                width = sum(grid[col : col + span]) or (_twips(tc.find(f"{_W}tcPr/{_W}tcW")) or 0)
                col += span
                texts = [t.text or "" for t in tc.iter(_W + "t")]
                text = "".join(texts).strip()
                if not text or width <= 0 or not _NUMBER_TEXT.fullmatch(text):
                    continue
                own = tc.find(f"{_W}tcPr/{_W}tcMar")
                if own is not None:
                    inner = width - (_twips(own.find(_W + "left")) or 0) - (_twips(own.find(_W + "right")) or 0)
                else:
                    inner = width - margins
                runs = [r for r in tc.iter(_W + "r") if r.find(_W + "t") is not None]
                if not runs or inner <= 0:
                    continue
                paragraph = runs[0].getparent()
                half_points = sizes.of(runs[0], paragraph)
                need = sum(_GLYPH_EM.get(ch, 0.5) for ch in text) * half_points * 10  # twips
                room = inner * 0.94  # rounding in the word processor's own metrics
                if need <= room:
                    continue
                scale = room / need
                percent = max(_MIN_SCALE, int(scale * 100))
                for run in runs:
                    _set_run_property(run, "w", str(percent))
                    if scale * 100 < _MIN_SCALE:
                        smaller = str(max(8, int(half_points * scale * 100 / _MIN_SCALE)))
                        _set_run_property(run, "sz", smaller)
                        _set_run_property(run, "szCs", smaller)
                changed += 1
    return changed


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
        token = _placeholder(context)
        tpl = _docx_template(data, token)
        tpl.render(_protect(context, token), jinja_env=env, autoescape=True)
        fit_numbers_in_cells(tpl.docx.element.body, tpl.docx.styles.element)
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
