"""``xxgk export``: every cell as CSV or xlsx."""

from __future__ import annotations

from .. import draft, export
from .common import EXIT_OK


def register(sub) -> None:
    p = sub.add_parser("export", help="导出全部单元格为 CSV 或 Excel", description="把每个单元格导出为（表、行、列、值）；.xlsx 另有一张按官方表样排版的工作表。")
    p.add_argument("draft", help="草稿文件（.json）")
    p.add_argument("-o", "--output", required=True, help="输出文件（.csv 或 .xlsx）")
    p.set_defaults(handler=cmd_export)


def cmd_export(args) -> int:
    report = draft.load(args.draft)
    export.export(report, args.output)
    print(f"已导出 {len(report.format.cells)} 个单元格：{args.output}")
    return EXIT_OK
