"""``xxgk new``: a blank draft."""

from __future__ import annotations

from pathlib import Path

from .. import draft
from ..errors import UserError
from ..formats import FORMATS
from ..limits import YEAR_MAX, YEAR_MIN
from ..model import Report
from .common import EXIT_OK, refuse_overwrite


def register(sub) -> None:
    p = sub.add_parser("new", help="新建一份空白草稿", description="新建一份空白的年度报告草稿（JSON）。")
    p.add_argument("--year", type=int, required=True, help="报告年度，如 2021")
    p.add_argument("--org", required=True, help="机关名称，如 米易县人民政府办公室")
    p.add_argument("--format", choices=sorted(FORMATS), help="报告格式（默认按年度自动选择）")
    p.add_argument("-o", "--output", required=True, help="草稿文件路径（.json）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_new)


def cmd_new(args) -> int:
    out = Path(args.output)
    refuse_overwrite(out, args.force)
    if not args.org.strip():
        raise UserError("机关名称不能为空。")
    if not YEAR_MIN <= args.year <= YEAR_MAX:
        raise UserError(f"报告年度 {args.year} 不正确。")
    report = Report.new(args.year, args.org, args.format)
    report.header.opening = report.default_opening()
    draft.save(report, out)
    print(f"已新建 {args.year} 年度草稿（{report.format.name}，{report.format.document}）：{out}")
    return EXIT_OK
