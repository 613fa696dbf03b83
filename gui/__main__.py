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
    return parser


def main(argv: list[str] | None = None) -> int:
    from report.stdio import configure_std_streams

    configure_std_streams()
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
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
