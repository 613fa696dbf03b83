"""What an import found, what it could not find and what it assumed, in Chinese."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class MissingCell:
    cell_id: str
    display: str
    reason: str


@dataclass(frozen=True)
class Assumption:
    what: str  # a cell's display name or a header field name
    reason: str
    cell_id: str | None = None


@dataclass
class ImportSummary:
    source: str  # the file name
    kind: str  # how it was read, e.g. 「Word 文档（文字识别）」
    format_id: str
    format_name: str
    format_reason: str
    cells_total: int = 0
    found: int = 0
    missing: list[MissingCell] = field(default_factory=list)
    assumed: list[Assumption] = field(default_factory=list)
    missing_sections: list[str] = field(default_factory=list)  # headings, e.g. 三、收到和处理政府信息公开申请情况
    notes: list[str] = field(default_factory=list)
    exact: bool = False  # restored from our own embedded data
    missing_fields: list[str] = field(default_factory=list)  # header fields not found, e.g. 机关名称 (缺失项)

    @property
    def complete(self) -> bool:
        return not self.missing and not self.missing_sections and not self.missing_fields

    def headline(self) -> str:
        parts = [f"识别为{self.format_name}", f"找到 {self.found}/{self.cells_total} 个单元格"]
        if self.missing:
            parts.append(f"缺 {len(self.missing)} 个")
        if self.assumed:
            parts.append(f"推定 {len(self.assumed)} 处")
        if self.missing_sections:
            parts.append(f"缺少 {len(self.missing_sections)} 个部分")
        if self.missing_fields:
            parts.append("缺" + "、".join(self.missing_fields))
        return "，".join(parts)

    def as_text(self) -> str:
        lines = [f"导入「{self.source}」（{self.kind}）：{self.headline()}。", f"格式判断：{self.format_reason}"]
        for note in self.notes:
            lines.append(f"说明：{note}")
        if self.missing_fields:
            lines.append("缺失项（原文中没有，请在基本信息中填写）：" + "、".join(self.missing_fields))
        if self.missing_sections:
            lines.append("缺少的部分：" + "、".join(self.missing_sections))
        if self.missing:
            lines.append(f"没有找到的单元格（{len(self.missing)} 个，已留空，不按 0 计）：")
            lines.extend(f"  {m.display}：{m.reason}" for m in self.missing)
        if self.assumed:
            lines.append(f"推定的内容（{len(self.assumed)} 处，请核对）：")
            lines.extend(f"  {a.what}：{a.reason}" for a in self.assumed)
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "kind": self.kind,
            "format": self.format_id,
            "format_reason": self.format_reason,
            "cells_total": self.cells_total,
            "found": self.found,
            "missing": [{"cell": m.cell_id, "display": m.display, "reason": m.reason} for m in self.missing],
            "assumed": [{"what": a.what, "cell": a.cell_id, "reason": a.reason} for a in self.assumed],
            "missing_sections": list(self.missing_sections),
            "notes": list(self.notes),
            "exact": self.exact,
            "missing_fields": list(self.missing_fields),
        }
