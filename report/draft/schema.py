"""The draft's layout, both ways: ``to_dict`` writes it, ``from_dict`` validates every field and builds the report.

The schema is the format declaration itself (``FormatSpec``: its cells with
their kinds, text fields, fee fields, sections) and the header declaration
(``HEADER_FIELDS``), read by a small validator, rather than a pydantic
model: the cells and texts differ per format and are already declared
once, every failure must be a Chinese sentence naming the field (pydantic
speaks English), and pydantic-core would add a compiled ~5 MB dependency to
each of the three frozen bundles.  Each top-level key has one reader in
``_TOP_LEVEL``; a key the validator does not know is refused rather than
dropped on the next save.

Numbers go through ``report.parse.read_stored`` (NaN, Infinity, over-long
numbers and wrong types are refused here); whether a number fits its cell or
fee field (a negative count, 1.5 收费通知) is for the checks (E7), so that an
imported report whose printed figures are wrong still opens and is flagged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import UserError
from ..formats import FORMATS, get_format
from ..formats.header import HEADER_FIELDS, HeaderFieldSpec, HeaderKind
from ..limits import MAX_NUMBER_DIGITS, MAX_PARAGRAPH_CHARS, MAX_TEXT_CHARS, STORED_YEAR_MAX
from ..model import CellOrigin, Header, LastYear, PrintedHeading, Report
from ..parse import StoredValueError, read_stored
from ..schema import FormatSpec

APP = "xxgk-report"
KIND = "draft"
VERSION = 2


class DraftError(UserError):
    pass


class Invalid(Exception):
    """One field that does not validate: ``where`` names it (Chinese and key path), ``problem`` says why."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}{problem}")
        self.where = where
        self.problem = problem


class RefusedNumber:
    """A JSON number literal the reader would not turn into a value (``NaN``, ``Infinity``, too many digits)."""

    __slots__ = ("digits", "literal")

    def __init__(self, literal: str) -> None:
        self.digits = sum(ch.isdigit() for ch in literal)
        self.literal = literal if len(literal) <= 20 else literal[:20] + "…"

    def __repr__(self) -> str:
        return self.literal


# --- values ----------------------------------------------------------------------


def _dump_value(v):
    if v is None or isinstance(v, bool):
        return None
    if hasattr(v, "as_tuple"):  # Decimal: kept as a string so no digit is lost to floating point
        return format(v, "f")
    return int(v)


def _value(v, where: str):
    if isinstance(v, RefusedNumber):
        if v.digits > MAX_NUMBER_DIGITS:
            raise Invalid(where, f"的数值有 {v.digits:,} 位数字（上限 {MAX_NUMBER_DIGITS} 位），不是表格中的数字。")
        raise Invalid(where, f"的数值「{v.literal}」不是有限的数字。")
    try:
        return read_stored(v)
    except StoredValueError as exc:
        raise Invalid(where, f"的数值{exc}。") from None


def _object(v, where: str, what: str = "一组键值") -> dict:
    if not isinstance(v, dict):
        raise Invalid(where, f"应为{what}，不是{_type_name(v)}。")
    return v


def _text(v, where: str, limit: int, *, allow_none: bool = True) -> str:
    if v is None and allow_none:
        return ""
    if not isinstance(v, str):
        raise Invalid(where, f"应为文字，不是{_type_name(v)}。")
    if len(v) > limit:
        raise Invalid(where, f"有 {len(v):,} 个字，超过上限 {limit:,} 字。")
    return v


def _flag(v, where: str) -> bool:
    if v is None:
        return False
    if not isinstance(v, bool):
        raise Invalid(where, f"应为 true 或 false，不是{_type_name(v)}。")
    return v


def _year(v, where: str) -> int:
    if v is None:
        return 0
    if not isinstance(v, int) or isinstance(v, bool):
        raise Invalid(where, f"应为整数，不是{_type_name(v)}。")
    if not 0 <= v <= STORED_YEAR_MAX:
        raise Invalid(where, "不是一个年份。")
    return v


def _type_name(v) -> str:
    if v is None:
        return "空值"
    if isinstance(v, bool):
        return "true/false"
    if isinstance(v, str):
        return "文字"
    if isinstance(v, (int, float)) or hasattr(v, "as_tuple"):
        return "数字"
    if isinstance(v, dict):
        return "一组键值（对象）"
    if isinstance(v, list):
        return "列表"
    return "无法识别的数据"  # e.g. a number the JSON reader refused


def _unknown(keys, known, where: str, what: str) -> None:
    extra = [k for k in keys if k not in known]
    if extra:
        raise Invalid(where, f"中有本程序不认识的{what}「{str(extra[0])[:40]}」（可能由较新版本的程序保存，或文件已被改动）。")


# --- tables -------------------------------------------------------------------------


def _nest(fmt: FormatSpec, values: dict) -> dict:
    tables: dict[str, dict] = {}
    for cid, spec in fmt.cells.items():
        if cid in values:
            tables.setdefault(spec.table, {}).setdefault(spec.row, {})[spec.column] = _dump_value(values[cid])
    return tables


def _tables(tables: Any, fmt: FormatSpec, where: str) -> dict:
    """``{"table": {"row": {"column": value}}}`` -> ``{cell id: value}``; every cell known and a bounded number."""
    out = {}
    for t, rows in _object(tables, f"表格（{where}）", "表格数据").items():
        for r, cols in _object(rows, f"表格（{where}.{t}）", "表格数据").items():
            for c, v in _object(cols, f"表格（{where}.{t}.{r}）", "表格数据").items():
                cid = f"{t}.{r}.{c}"
                spec = fmt.cells.get(cid)
                if spec is None:
                    raise Invalid(f"表格（{where}）", f"中有不认识的单元格「{cid[:80]}」（{fmt.name}中没有这一格）。")
                out[cid] = _value(v, f"表格单元格「{spec.display}」（{where}.{cid}）")
    return out


# --- header -----------------------------------------------------------------------


def _dump_header_value(spec: HeaderFieldSpec, value):
    if spec.kind is HeaderKind.DATE:
        return value.isoformat() if value else None
    return value


def _header_value(spec: HeaderFieldSpec, v):
    where = f"基本信息「{spec.label}」（header.{spec.key}）"
    if spec.is_text:
        return _text(v, where, spec.max_chars)
    if spec.kind is HeaderKind.YEAR:
        return _year(v, where)
    if spec.kind is HeaderKind.DATE:
        if v is None or v == "":
            return None
        if not isinstance(v, str) or len(v) > 10:
            raise Invalid(where, "应为「2022-01-14」这样的日期。")
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            raise Invalid(where, f"「{v}」不是有效的日期（应为「2022-01-14」这样的格式）。") from None
    return _flag(v, where)


def _header(hd: Any) -> Header:
    hd = _object(hd, "基本信息（header）")
    _unknown(hd, {f.key for f in HEADER_FIELDS}, "基本信息（header）", "项目")
    return Header(**{f.key: _header_value(f, hd.get(f.key, f.default)) for f in HEADER_FIELDS})


# --- report <-> dict ---------------------------------------------------------------


def to_dict(report: Report) -> dict:
    fmt = report.format
    h = report.header
    data = {
        "app": APP,
        "kind": KIND,
        "version": VERSION,
        "format": fmt.id,
        "header": {f.key: _dump_header_value(f, getattr(h, f.key)) for f in HEADER_FIELDS},
        "texts": {f.key: report.texts.get(f.key, "") for f in fmt.text_fields},
        "fees": {f.key: _dump_value(report.fees.get(f.key)) for f in fmt.fee_fields},
        "totals_as_printed": report.totals_as_printed,
        "tables": _nest(fmt, report.values),
        "acknowledged": dict(sorted(report.acknowledged.items())),
        "last_year": None,
        "origins": {
            cid: {k: v for k, v in o.__dict__.items() if v}
            for cid, o in sorted(report.origins.items())
        },
        "missing_sections": list(report.missing_sections),
        "headings": {k: {"text": h.text, "run_in": h.run_in} for k, h in report.headings.items()},
    }
    if report.last_year is not None:
        ly = report.last_year
        data["last_year"] = {
            "format": ly.format_id,
            "year": ly.year,
            "tables": _nest(get_format(ly.format_id), ly.values) if ly.format_id in FORMATS else {},
        }
    return data


def _texts(v: Any, fmt: FormatSpec) -> dict[str, str]:
    texts = _object(v if v is not None else {}, "正文（texts）")
    _unknown(texts, {f.key for f in fmt.text_fields}, "正文（texts）", "部分")
    out = {}
    for f in fmt.text_fields:
        section = fmt.section_of_text(f.key)
        label = f"{section.heading}{f.title}" if f.title else section.heading
        out[f.key] = _text(texts.get(f.key, ""), f"正文「{label}」（texts.{f.key}）", MAX_TEXT_CHARS)
    return out


def _fees(v: Any, fmt: FormatSpec) -> dict:
    fees = _object(v if v is not None else {}, "信息处理费（fees）")
    _unknown(fees, {f.key for f in fmt.fee_fields}, "信息处理费（fees）", "项目")
    return {f.key: _value(fees.get(f.key), f"信息处理费「{f.label}」（fees.{f.key}）") for f in fmt.fee_fields}


def _acknowledged(v: Any) -> dict[str, str]:
    out = {}
    for key, reason in _object(v if v is not None else {}, "已确认的提示（acknowledged）").items():
        where = f"已确认的提示「{key[:40]}」（acknowledged）"
        _text(key, where, MAX_PARAGRAPH_CHARS, allow_none=False)
        out[key] = _text(reason, where, MAX_PARAGRAPH_CHARS, allow_none=False)
    return out


def _last_year(v: Any) -> LastYear | None:
    if v is None:
        return None
    where = "上年参考数据（last_year）"
    ly = _object(v, where)
    _unknown(ly, {"format", "year", "tables"}, where, "项目")
    format_id = ly.get("format")
    if not isinstance(format_id, str) or format_id not in FORMATS:
        raise Invalid(where, f"使用了本程序不认识的报告格式「{str(format_id)[:20]}」。")
    year = _year(ly.get("year"), f"{where}的年度")
    return LastYear(format_id, year, _tables(ly.get("tables") or {}, get_format(format_id), "last_year.tables"))


def _origins(v: Any, fmt: FormatSpec) -> dict[str, CellOrigin]:
    out = {}
    for cid, o in _object(v if v is not None else {}, "数字来源（origins）").items():
        where = f"数字来源（origins.{cid[:80]}）"
        o = _object(o, where)
        _unknown(o, {"raw", "was_blank", "missing", "reason"}, where, "项目")
        origin = CellOrigin(
            raw=_text(o.get("raw"), where, MAX_PARAGRAPH_CHARS),
            was_blank=_flag(o.get("was_blank"), where),
            missing=_flag(o.get("missing"), where),
            reason=_text(o.get("reason"), where, MAX_PARAGRAPH_CHARS),
        )
        if cid in fmt.cells:  # the provenance of a cell the format does not have means nothing
            out[cid] = origin
    return out


def _missing_sections(v: Any, fmt: FormatSpec) -> list[str]:
    if v is None:
        return []
    where = "缺少的部分（missing_sections）"
    if not isinstance(v, list):
        raise Invalid(where, f"应为列表，不是{_type_name(v)}。")
    numbers = {s.number for s in fmt.sections}
    for s in v:
        if not isinstance(s, str) or s not in numbers:
            raise Invalid(where, f"中的「{str(s)[:20]}」不是{fmt.name}的部分编号。")
    return list(v)


def _headings(v: Any, fmt: FormatSpec) -> dict[str, PrintedHeading]:
    """Headings as an imported report printed them, keyed by section number or text field."""
    if not v:
        return {}
    where = "原报告的标题（headings）"
    known = {s.number for s in fmt.sections} | {f.key for f in fmt.text_fields}
    out = {}
    for key, h in _object(v, where).items():
        here = f"{where}中的「{str(key)[:20]}」"
        h = _object(h, here)
        _unknown(h, {"text", "run_in"}, here, "项目")
        text = _text(h.get("text"), here, MAX_PARAGRAPH_CHARS)
        if key in known:  # a heading of a part the format does not have means nothing
            out[key] = PrintedHeading(text, _flag(h.get("run_in"), here))
    return out


def _check_identity(data: Any) -> None:
    if not isinstance(data, dict) or data.get("app") != APP:
        raise DraftError("这不是本程序保存的草稿文件（缺少 xxgk-report 标记）。请选择 .json 草稿文件。")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DraftError("草稿文件已损坏：版本号不正确。")
    if version > VERSION:
        raise DraftError(
            f"此草稿由较新版本的程序保存（草稿版本 {version}，本程序只支持到 {VERSION}）。请升级本程序后再打开。"
        )
    if data.get("kind", KIND) != KIND:
        raise DraftError("这不是本程序的草稿文件（kind 不是 draft）。")


#: Every top-level key of a version-``VERSION`` draft.  The readers of the values are in ``from_dict``.
TOP_LEVEL_KEYS = (
    "app", "kind", "version", "format", "header", "texts", "fees", "totals_as_printed", "tables",
    "acknowledged", "last_year", "origins", "missing_sections", "headings",
)


def from_dict(data: Any) -> Report:
    """The report a (JSON-decoded) draft describes; ``DraftError`` (Chinese, naming the field) otherwise."""
    from .migrations import migrate

    _check_identity(data)
    data = migrate(data)
    try:
        return _build(data)
    except Invalid as exc:
        raise DraftError(f"草稿文件已损坏：{exc}") from None


def _build(data: dict) -> Report:
    _unknown(data, TOP_LEVEL_KEYS, "草稿文件", "内容")
    fmt_id = data.get("format")
    if not isinstance(fmt_id, str):
        raise Invalid("报告格式（format）", f"应为文字（如「2021」），不是{_type_name(fmt_id)}。")
    if fmt_id not in FORMATS:
        raise Invalid("报告格式（format）", f"「{fmt_id[:20]}」是本程序不认识的报告格式。")
    fmt = get_format(fmt_id)
    if not isinstance(data.get("header"), dict):
        raise Invalid("草稿文件", "缺少基本信息（header）。")
    header = _header(data["header"])
    values = _tables(data.get("tables", {}), fmt, "tables")
    report = Report(format_id=fmt.id, header=header, texts=_texts(data.get("texts"), fmt), fees=_fees(data.get("fees"), fmt))
    report.totals_as_printed = _flag(data.get("totals_as_printed"), "「按文档中印出的合计」标记（totals_as_printed）")
    # Cells absent from the file are missing, not zero: the checks say so.
    report.values = {cid: values.get(cid) for cid in fmt.cells}
    report.acknowledged = _acknowledged(data.get("acknowledged"))
    report.last_year = _last_year(data.get("last_year"))
    report.origins = _origins(data.get("origins"), fmt)
    report.missing_sections = _missing_sections(data.get("missing_sections"), fmt)
    report.headings = _headings(data.get("headings"), fmt)
    if not report.totals_as_printed:
        report.recompute()
    return report
