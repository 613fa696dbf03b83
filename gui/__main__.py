"""``xxgk-gui`` / ``python -m gui``: start the clerk's wizard."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：")


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：命令行参数有误（{message}），用 -h 查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line; other modules may add options before ``main`` parses it."""
    parser = _Parser(
        prog="xxgk-gui",
        description="政府信息公开工作年度报告填报助手（图形界面）",
        add_help=False,
        formatter_class=_ChineseHelp,
    )
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    parser.add_argument("-h", "--help", action="help", help="显示本帮助并退出")
    parser.add_argument("file", nargs="?", type=Path, help="要打开的报告草稿（.json）")
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="主窗口显示后立即退出（用于测量启动时间）",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="自检：打开主窗口，检查并生成内置样例报告，读回核对全部数字；全部通过时退出码为 0",
    )
    job = parser.add_argument_group("一图读懂（不打开窗口）")
    job.add_argument("--infographic", metavar="草稿", type=Path, help="把草稿画成一图读懂（PNG，宽 1080 像素）后退出")
    job.add_argument("-o", "--output", metavar="图片", type=Path, help="--infographic 输出的图片（.png）")
    job.add_argument("--last-year", metavar="上年草稿", type=Path, help="--infographic 用于「较上年」的上年度草稿")
    job.add_argument("--force", action="store_true", help="--infographic：报告有错误时仍生成，图上带「草稿」标记")
    job.add_argument("--message-file", type=Path, help=argparse.SUPPRESS)
    return parser


#: Said instead of a traceback when the GUI's extra (PySide6) is not installed (``pip install .`` without ``[gui]``).
QT_MISSING = (
    "xxgk-gui：图形界面需要 PySide6，当前 Python 环境没有安装。\n"
    "请安装图形界面组件：pip install \"xxgk-report[gui]\"（从源代码安装时：pip install \".[gui]\"）。\n"
    "不安装也可以使用命令行工具 xxgk（xxgk --help 查看用法）。\n"
)


def _qt_available() -> bool:
    try:
        import PySide6.QtWidgets  # noqa: F401
    except ImportError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    from report.stdio import configure_std_streams

    configure_std_streams()
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if not _qt_available():
        sys.stderr.write(QT_MISSING)
        return 2
    if args.infographic is not None:
        from .infographic_painter import run_job

        if args.output is None:
            print("xxgk-gui：--infographic 需要用 -o 指定输出的图片（.png）。", file=sys.stderr)
            return 2
        return run_job(args.infographic, args.output, args.last_year, args.force, args.message_file)
    if args.self_test:
        from .selftest import run

        return run()
    from PySide6.QtCore import QTimer

    from .app import create_application
    from .main_window import MainWindow

    app = create_application([sys.argv[0]])
    window = MainWindow()
    window.show()
    if args.quit_after_show:
        # With a file, it is opened first, so start-up and memory can be measured with a report loaded.
        if args.file is not None and not window.open_path(args.file):
            return 1
        QTimer.singleShot(0, app.quit)
        return app.exec()
    # An autosave left by a crash comes first; the file asked for opens if it is declined.
    QTimer.singleShot(0, lambda: window.offer_restore() or (args.file is not None and window.open_path(args.file)))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
