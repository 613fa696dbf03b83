"""``xxgk check``: the checks of one draft (exit 0 no errors, 1 errors, 2 cannot read)."""

from __future__ import annotations

import sys

from .. import draft
from ..checks import check
from .common import EXIT_FINDINGS, EXIT_OK, print_json


def register(sub) -> None:
    p = sub.add_parser("check", help="检查草稿的勾稽关系", description="检查草稿中的合计和勾稽关系。退出码：0 无错误，1 有错误，2 无法读取。")
    p.add_argument("draft", help="草稿文件（.json）")
    p.add_argument("--last-year", help="上年度草稿，用于跨年度核对")
    p.add_argument("--json", action="store_true", help="以 JSON 输出检查结果")
    p.set_defaults(handler=cmd_check)


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
