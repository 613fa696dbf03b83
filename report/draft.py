"""Draft files: a report as versioned, readable JSON.

Layout (version 2)::

    {"app": "xxgk-report", "kind": "draft", "version": 2, "format": "2021",
     "header": {...}, "texts": {...}, "fees": {...},
     "tables": {"applications": {"new_received": {"natural": 3, ...}, ...}, ...},
     "totals_as_printed": false, "acknowledged": {...},
     "last_year": {"format": "2021", "year": 2021, "tables": {...}} | null,
     "origins": {...}, "missing_sections": [...],
     "headings": {"五": {"text": "五、…", "run_in": false}, ...}}

Counts are JSON integers; amounts are strings ("3415.891") so no digit is
ever lost to floating point; a missing value is null.  Keys follow the
format declaration's order, so diffs between two drafts stay readable.

Older versions are migrated step by step (``MIGRATIONS``); a newer version,
a foreign or damaged file is refused with a Chinese ``DraftError`` and
nothing on disk changes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .atomic import write_atomic
from .errors import UserError
from .formats import FORMATS, get_format
from .formats.header import HEADER_FIELDS, HeaderFieldSpec, HeaderKind
from .limits import MAX_DRAFT_BYTES
from .model import CellOrigin, Header, LastYear, PrintedHeading, Report
from .schema import FormatSpec

APP = "xxgk-report"
KIND = "draft"
VERSION = 2


class DraftError(UserError):
    pass


# --- values ----------------------------------------------------------------


def _dump_value(v):
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, Decimal):
        return format(v, "f")
    return int(v)


def _load_value(v, where: str):
    if v is None:
        return None
    if isinstance(v, bool):
        raise DraftError(f"草稿文件已损坏：{where} 的数值「{v}」不是数字。")
    if isinstance(v, int):
        return v
    if isinstance(v, str):
        try:
            d = Decimal(v)
        except InvalidOperation:
            raise DraftError(f"草稿文件已损坏：{where} 的数值「{v[:20]}」不是数字。") from None
        if not d.is_finite():
            raise DraftError(f"草稿文件已损坏：{where} 的数值「{v[:20]}」不是数字。")
        return d
    if isinstance(v, float):
        # Written by hand or by another tool; keep the digits as printed.
        return Decimal(repr(v))
    raise DraftError(f"草稿文件已损坏：{where} 的数值类型不对。")


def _nest(fmt: FormatSpec, values: dict) -> dict:
    tables: dict[str, dict] = {}
    for cid, spec in fmt.cells.items():
        if cid in values:
            tables.setdefault(spec.table, {}).setdefault(spec.row, {})[spec.column] = _dump_value(values[cid])
    return tables


def _flatten(tables: Any, where: str) -> dict[str, Any]:
    if not isinstance(tables, dict):
        raise DraftError(f"草稿文件已损坏：{where} 不是表格数据。")
    flat = {}
    for t, rows in tables.items():
        if not isinstance(rows, dict):
            raise DraftError(f"草稿文件已损坏：{where}.{t} 不是表格数据。")
        for r, cols in rows.items():
            if not isinstance(cols, dict):
                raise DraftError(f"草稿文件已损坏：{where}.{t}.{r} 不是表格数据。")
            for c, v in cols.items():
                flat[f"{t}.{r}.{c}"] = _load_value(v, f"{t}.{r}.{c}")
    return flat


# --- header ------------------------------------------------------------------------


def _dump_header_value(spec: HeaderFieldSpec, value):
    if spec.kind is HeaderKind.DATE:
        return value.isoformat() if value else None
    return value


def _load_header_value(spec: HeaderFieldSpec, hd: dict):
    v = hd.get(spec.key, spec.default)
    where = f"基本信息中的「{spec.label}」（header.{spec.key}）"
    if spec.is_text:
        if v is None:
            return ""
        if not isinstance(v, str):
            raise DraftError(f"草稿文件已损坏：{where}应为文字。")
        return v
    if spec.kind is HeaderKind.YEAR:
        if v is None:
            return 0
        if not isinstance(v, int) or isinstance(v, bool):
            raise DraftError(f"草稿文件已损坏：{where}应为整数。")
        return v
    if spec.kind is HeaderKind.DATE:
        if not v:
            return None
        try:
            return dt.date.fromisoformat(v)
        except (TypeError, ValueError):
            raise DraftError(f"草稿文件已损坏：{where}「{str(v)[:20]}」格式不对。") from None
    return bool(v)


# --- report <-> dict ---------------------------------------------------------


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


def _str(data: dict, key: str, where: str) -> str:
    v = data.get(key, "")
    if v is None:
        return ""
    if not isinstance(v, str):
        raise DraftError(f"草稿文件已损坏：{where}.{key} 应为文字。")
    return v


def from_dict(data: Any) -> Report:
    if not isinstance(data, dict) or data.get("app") != APP:
        raise DraftError("这不是本程序保存的草稿文件（缺少 xxgk-report 标记）。请选择 .json 草稿文件。")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise DraftError("草稿文件已损坏：版本号不正确。")
    if version > VERSION:
        raise DraftError(
            f"此草稿由较新版本的程序保存（草稿版本 {version}，本程序只支持到 {VERSION}）。请升级本程序后再打开。"
        )
    data = migrate(data)
    fmt_id = data.get("format")
    if fmt_id not in FORMATS:
        raise DraftError(f"草稿使用了本程序不认识的报告格式「{fmt_id}」。")
    fmt = get_format(fmt_id)
    hd = data.get("header")
    if not isinstance(hd, dict):
        raise DraftError("草稿文件已损坏：缺少基本信息（header）。")
    header = Header(**{f.key: _load_header_value(f, hd) for f in HEADER_FIELDS})
    values = _flatten(data.get("tables", {}), "tables")
    unknown = [cid for cid in values if cid not in fmt.cells]
    if unknown:
        raise DraftError(f"草稿文件与{fmt.name}不符：有不认识的单元格 {unknown[0]}。")
    texts_in = data.get("texts", {})
    if not isinstance(texts_in, dict):
        raise DraftError("草稿文件已损坏：texts 不是文字段落。")
    texts = {f.key: _str(texts_in, f.key, "texts") for f in fmt.text_fields}
    fees_in = data.get("fees") or {}
    if not isinstance(fees_in, dict):
        raise DraftError("草稿文件已损坏：fees 格式不对。")
    fees = {f.key: _load_value(fees_in.get(f.key), f"fees.{f.key}") for f in fmt.fee_fields}
    report = Report(format_id=fmt.id, header=header, texts=texts, fees=fees)
    report.totals_as_printed = bool(data.get("totals_as_printed", False))
    # Cells absent from the file are missing, not zero: the checks say so.
    report.values = {cid: values.get(cid) for cid in fmt.cells}
    ack = data.get("acknowledged") or {}
    if not isinstance(ack, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in ack.items()):
        raise DraftError("草稿文件已损坏：acknowledged 格式不对。")
    report.acknowledged = dict(ack)
    ly = data.get("last_year")
    if ly:
        if not isinstance(ly, dict) or ly.get("format") not in FORMATS:
            raise DraftError("草稿文件已损坏：上年参考数据（last_year）格式不对。")
        report.last_year = LastYear(ly["format"], int(ly.get("year") or 0), _flatten(ly.get("tables", {}), "last_year"))
    origins = data.get("origins") or {}
    if not isinstance(origins, dict):
        raise DraftError("草稿文件已损坏：origins 格式不对。")
    for cid, o in origins.items():
        if cid in fmt.cells and isinstance(o, dict):
            report.origins[cid] = CellOrigin(
                raw=str(o.get("raw", "")), was_blank=bool(o.get("was_blank")),
                missing=bool(o.get("missing")), reason=str(o.get("reason", "")),
            )
    missing = data.get("missing_sections") or []
    report.missing_sections = [str(s) for s in missing] if isinstance(missing, list) else []
    report.headings = _load_headings(data.get("headings"), fmt)
    if not report.totals_as_printed:
        report.recompute()
    return report


def _load_headings(data: Any, fmt: FormatSpec) -> dict[str, PrintedHeading]:
    """Headings as an imported report printed them, keyed by section number or text field."""
    if not data:
        return {}
    if not isinstance(data, dict):
        raise DraftError("草稿文件已损坏：headings 格式不对。")
    known = {s.number for s in fmt.sections} | {f.key for f in fmt.text_fields}
    out = {}
    for key, h in data.items():
        if not isinstance(h, dict) or not isinstance(h.get("text", ""), str):
            raise DraftError(f"草稿文件已损坏：headings.{str(key)[:20]} 格式不对。")
        if key in known:
            out[key] = PrintedHeading(h.get("text", ""), bool(h.get("run_in")))
    return out


# --- migrations --------------------------------------------------------------


def _v1_to_v2(data: dict) -> dict:
    """Version 1 kept cells flat ("cells": {"table.row.column": value}); version 2 nests them by table and row."""
    out = {k: v for k, v in data.items() if k != "cells"}
    tables: dict = {}
    cells = data.get("cells") or {}
    if not isinstance(cells, dict):
        raise DraftError("草稿文件已损坏：cells 不是表格数据。")
    for cid, v in cells.items():
        parts = cid.split(".")
        if len(parts) != 3:
            raise DraftError(f"草稿文件已损坏：单元格编号「{cid}」不正确。")
        t, r, c = parts
        tables.setdefault(t, {}).setdefault(r, {})[c] = v
    out["tables"] = tables
    out["version"] = 2
    return out


#: version -> step that turns it into version + 1
MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2}


def migrate(data: dict) -> dict:
    version = data["version"]
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version = data["version"]
    return data


# --- files -------------------------------------------------------------------


def dumps(report: Report) -> str:
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"


def loads(text: str) -> Report:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DraftError(
            f"草稿文件已损坏或不完整（第 {exc.lineno} 行第 {exc.colno} 列无法读取）。"
            "可尝试打开同一文件夹中的 .bak 备份文件。"
        ) from None
    return from_dict(data)


def save(report: Report, path: str | os.PathLike) -> None:
    """Write the draft atomically; the previous version is kept as ``.bak``."""
    write_atomic(path, dumps(report).encode("utf-8"), keep_backup=True)


def load(path: str | os.PathLike) -> Report:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_DRAFT_BYTES:
            raise DraftError(f"「{p.name}」太大（{size // 1024 // 1024} MB），不是本程序的草稿文件。")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DraftError(f"找不到文件「{p}」。") from None
    except IsADirectoryError:
        raise DraftError(f"「{p}」是文件夹，不是草稿文件。") from None
    except PermissionError:
        raise DraftError(f"没有权限读取「{p}」。") from None
    except OSError as exc:
        raise DraftError(f"无法读取「{p}」：{exc.strerror or exc}") from None
    if raw.startswith(b"PK\x03\x04"):
        raise DraftError(f"「{p.name}」是 Word 文档，不是草稿。请用「导入已有报告」或「从上年报告生成」打开。")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DraftError(f"「{p.name}」不是 UTF-8 编码的草稿文件，可能已损坏或不是本程序的文件。") from None
    return loads(text)
