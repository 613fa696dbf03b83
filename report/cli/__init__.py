"""The ``xxgk`` command line (every message in Chinese).

One module per sub-command, each defining ``register(subparsers)``;
``COMMAND_MODULES`` lists them in the order ``--help`` shows them.
``main`` is the one place errors are turned into exit codes: a
``UserError`` prints its Chinese sentence and exits 2; so does an error of a
kind ``report.errors.describe`` knows (an ``OSError``, a damaged zip or XML,
over-deep nesting, an over-long number: the input or the disk, said in
Chinese); anything else is a bug, logged with its traceback, and the user
gets a Chinese apology with the log's path and exit 3 — never a bare
traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from .. import __version__
from ..errors import UserError, describe
from ..stdio import configure_std_streams
from . import argparse_zh
from .common import EXIT_BUG, EXIT_FINDINGS, EXIT_INPUT, EXIT_OK, print_json

#: Each module defines ``register(subparsers)``; the order is the order of ``--help``.
COMMAND_MODULES = tuple(
    f"{__name__}.{name}"
    for name in ("new", "check", "next_year", "export", "render", "infographic", "open_docx", "import_report", "review")
)

__all__ = ["EXIT_BUG", "EXIT_FINDINGS", "EXIT_INPUT", "EXIT_OK", "build_parser", "main", "print_json"]


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = argparse.ArgumentParser(
        prog="xxgk",
        description="政府信息公开工作年度报告填报助手：新建、检查、结转和导出年度报告草稿。",
        epilog="每个命令的详细说明：xxgk 命令 --help",
    )
    parser.add_argument("--version", action="version", version=f"xxgk-report {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    configure_std_streams()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place a bug becomes an apology instead of a traceback
        text = _describe_input_error(exc, args)
        if text is None:
            return _report_bug(args)
        print(f"错误：{text}", file=sys.stderr)
        if not isinstance(exc, OSError):  # a reader without its bound: worth a look, though the user is told
            _write_log(f"xxgk {args.command} (input refused)\n{_traceback()}")
        return EXIT_INPUT


#: The arguments that name a command's inputs: any of them, and those that can be a zip package (.docx).
_INPUT_ARGS = ("file", "docx", "draft", "folder")
_PACKAGE_ARGS = ("template", "docx", "file")
_OUTPUT_ARGS = ("output",)


def _describe_input_error(exc: BaseException, args) -> str | None:
    """Chinese for an error of a known kind (``report.errors.describe``), naming the file it concerns."""
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError

    if isinstance(exc, OSError) and getattr(exc, "filename", None) is not None:
        outputs = {str(getattr(args, a)) for a in _OUTPUT_ARGS if getattr(args, a, None)}
        return describe(exc, exc.filename, writing=str(exc.filename) in outputs)
    package = isinstance(exc, (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ParseError))
    names = _PACKAGE_ARGS if package else _INPUT_ARGS
    path = next((getattr(args, a) for a in names if getattr(args, a, None)), None)
    return describe(exc, path)


def _traceback() -> str:
    import traceback

    return traceback.format_exc()


def _report_bug(args) -> int:
    import traceback

    details = traceback.format_exc()
    where = _write_log(f"xxgk {args.command}\n{details}")
    place = f"详细信息已记录在「{where}」，请把该文件发给信息化人员。" if where else "详细信息无法写入日志文件。"
    print(f"抱歉，程序内部出错，本次操作没有完成，您的文件没有被改动。{place}", file=sys.stderr)
    return EXIT_BUG


def _write_log(text: str):
    import datetime as dt

    from ..userdata import log_path

    try:
        path = log_path("xxgk")
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"--- {dt.datetime.now().isoformat(timespec='seconds')} ---\n{text}\n")
        return path
    except OSError:
        return None
