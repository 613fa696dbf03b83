"""Older draft versions, migrated step by step to the current one (``MIGRATIONS[v]`` turns version v into v + 1)."""

from __future__ import annotations

from collections.abc import Callable

from .schema import VERSION, DraftError


def _v1_to_v2(data: dict) -> dict:
    """Version 1 kept cells flat ("cells": {"table.row.column": value}); version 2 nests them by table and row."""
    out = {k: v for k, v in data.items() if k != "cells"}
    tables: dict = {}
    cells = data.get("cells") or {}
    if not isinstance(cells, dict):
        raise DraftError("草稿文件已损坏：表格数据（cells）应为一组键值。")
    for cid, v in cells.items():
        parts = cid.split(".")
        if len(parts) != 3:
            raise DraftError(f"草稿文件已损坏：单元格编号「{cid[:80]}」不正确。")
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
