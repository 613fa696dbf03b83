"""``xxgk new / check / next-year / export``."""

from __future__ import annotations

import sys
from pathlib import Path

from . import carry, draft, export
from .checks import check
from .cli import EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, print_json
from .errors import UserError
from .formats import FORMATS
from .model import Report


def register(sub) -> None:
    p = sub.add_parser("new", help="新建一份空白草稿", description="新建一份空白的年度报告草稿（JSON）。")
    p.add_argument("--year", type=int, required=True, help="报告年度，如 2021")
    p.add_argument("--org", required=True, help="机关名称，如 米易县人民政府办公室")
    p.add_argument("--format", choices=sorted(FORMATS), help="报告格式（默认按年度自动选择）")
    p.add_argument("-o", "--output", required=True, help="草稿文件路径（.json）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_new)

    p = sub.add_parser("check", help="检查草稿的勾稽关系", description="检查草稿中的合计和勾稽关系。退出码：0 无错误，1 有错误，2 无法读取。")
    p.add_argument("draft", help="草稿文件（.json）")
    p.add_argument("--last-year", help="上年度草稿，用于跨年度核对")
    p.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("next-year", help="由本年草稿生成下一年草稿", description="生成下一年度草稿：上年结转取本年结转下年度数，文字保留作起点，其他数字清零。")
    p.add_argument("draft", help="本年度草稿（.json）")
    p.add_argument("-o", "--output", required=True, help="下一年度草稿路径（.json）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_next_year)

    p = sub.add_parser("export", help="导出全部单元格为 CSV 或 Excel", description="把每个单元格导出为（表、行、列、值）；.xlsx 另有一张按官方表样排版的工作表。")
    p.add_argument("draft", help="草稿文件（.json）")
    p.add_argument("-o", "--output", required=True, help="输出文件（.csv 或 .xlsx）")
    p.set_defaults(handler=cmd_export)


def _refuse_overwrite(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise UserError(f"「{path}」已存在。如要覆盖，请加 --force。")


def cmd_new(args) -> int:
    out = Path(args.output)
    _refuse_overwrite(out, args.force)
    if not args.org.strip():
        raise UserError("机关名称不能为空。")
    if not 2000 <= args.year <= 2100:
        raise UserError(f"报告年度 {args.year} 不正确。")
    report = Report.new(args.year, args.org, args.format)
    report.header.opening = report.default_opening()
    draft.save(report, out)
    print(f"已新建 {args.year} 年度草稿（{report.format.name}，{report.format.document}）：{out}")
    return EXIT_OK


def cmd_check(args) -> int:
    report = draft.load(args.draft)
    last = draft.load(args.last_year) if args.last_year else None
    result = check(report, last)
    if args.json:
        print_json(result.as_json())
    else:
        print_findings(report, result)
    return EXIT_FINDINGS if result.errors else EXIT_OK


def print_findings(report, result, stream=None) -> None:
    stream = stream or sys.stdout
    print(f"{report.title}（{report.format.name}）", file=stream)
    if not result.findings:
        print("检查通过：没有发现错误或提示。", file=stream)
        return
    for f in result.findings:
        ack = f"（已确认：{f.acknowledged}）" if f.acknowledged else ""
        print(f"[{f.severity_name} {f.code}] {f.title}：{f.message}{ack}", file=stream)
        print(f"    处理建议：{f.what_to_do}", file=stream)
    print(f"共 {len(result.errors)} 个错误，{len(result.warnings)} 个提示。", file=stream)


def cmd_next_year(args) -> int:
    out = Path(args.output)
    _refuse_overwrite(out, args.force)
    report = draft.load(args.draft)
    carried = carry.next_year(report)
    draft.save(carried.report, out)
    new = carried.report
    print(f"已生成 {new.header.year} 年度草稿（{new.format.name}）：{out}")
    for note in carried.notes:
        print(f"注意：{note}")
    return EXIT_OK


def cmd_export(args) -> int:
    report = draft.load(args.draft)
    export.export(report, args.output)
    print(f"已导出 {len(report.format.cells)} 个单元格：{args.output}")
    return EXIT_OK


__all__ = ["EXIT_INPUT", "register"]
