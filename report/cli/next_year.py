"""``xxgk next-year``: next year's draft from this year's."""

from __future__ import annotations

from pathlib import Path

from .. import carry, draft
from .common import EXIT_OK, refuse_overwrite


def register(sub) -> None:
    p = sub.add_parser("next-year", help="由本年草稿生成下一年草稿", description="生成下一年度草稿：上年结转取本年结转下年度数，文字保留作起点，其他数字清零。")
    p.add_argument("draft", help="本年度草稿（.json）")
    p.add_argument("-o", "--output", required=True, help="下一年度草稿路径（.json）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_next_year)


def cmd_next_year(args) -> int:
    out = Path(args.output)
    refuse_overwrite(out, args.force)
    report = draft.load(args.draft)
    carried = carry.next_year(report)
    draft.save(carried.report, out)
    new = carried.report
    print(f"已生成 {new.header.year} 年度草稿（{new.format.name}）：{out}")
    for note in carried.notes:
        print(f"注意：{note}")
    return EXIT_OK
