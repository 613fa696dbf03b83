"""``xxgk review FOLDER -o 审核结果.xlsx``: a folder of reports reviewed and rolled up."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UserError
from .common import EXIT_FINDINGS, EXIT_OK, refuse_overwrite


def register(sub) -> None:
    p = sub.add_parser(
        "review", help="批量审核一个文件夹中的报告并汇总",
        description="导入并检查文件夹（含子文件夹）中的每份报告，生成审核结果工作簿：报告清单、问题清单，"
        "以及表三、表四的汇总。无法读取的文件列出原因，不影响其他文件。不会在报告所在文件夹写入任何文件。"
        "退出码：0 全部无错误，1 有错误或无法导入的文件，2 无法运行。",
    )
    p.add_argument("folder", help="存放报告的文件夹")
    p.add_argument("-o", "--output", required=True, help="审核结果工作簿（.xlsx）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件")
    p.set_defaults(handler=cmd_review)


class ProgressBar:
    """A one-line progress bar on stderr (one line per file when stderr is not a terminal)."""

    WIDTH = 30

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __call__(self, done: int, total: int, name: str) -> None:
        filled = self.WIDTH * done // max(total, 1)
        bar = "█" * filled + "░" * (self.WIDTH - filled)
        line = f"审核中 [{bar}] {done}/{total} {name}"
        if self.tty:
            self.stream.write("\r\x1b[2K" + line[:120])
            if done == total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def cmd_review(args) -> int:
    from ..review import review_folder, write_workbook

    out = Path(args.output)
    refuse_overwrite(out, args.force)
    if out.suffix.lower() != ".xlsx":
        raise UserError("审核结果只能保存为 .xlsx 文件。")
    folder = Path(args.folder)
    review = review_folder(folder, progress=ProgressBar(), exclude=(out,))
    write_workbook(review, out)
    reports = review.reports
    failed = [r for r in reports if not r.ok]
    with_errors = [r for r in reports if r.ok and r.errors]
    print(f"共审核 {len(reports)} 个文件：导入 {len(reports) - len(failed)} 份，无法导入 {len(failed)} 个；"
          f"{len(with_errors)} 份报告有错误。")
    for rollup in review.rollups:
        print(f"汇总（{rollup.format.name}）：计入 {len(rollup.included)} 份报告。")
    if review.left_out:
        print(f"未计入汇总：{len(review.left_out)} 个文件（原因见工作簿）。")
    print(f"已写入审核结果：{out}")
    return EXIT_FINDINGS if failed or with_errors else EXIT_OK
