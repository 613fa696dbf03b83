"""``xxgk-gui --self-test``: prove that this installation works end to end.

Runs offscreen from source or frozen: opens the main window with the bundled
sample, checks it, renders it to a temporary .docx, reads the document back
(the embedded draft and, separately, the printed tables) and compares every
number.  Touches no user file or setting: everything goes to a temp folder.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

SAMPLES = ("sample-2021.json", "sample-2019.json")


class _Log:
    def __init__(self):
        # A windowed Windows program may have no stdout; the exit code still tells.
        self.stream = sys.stdout if sys.stdout is not None else io.StringIO()
        self.failures = 0
        self.steps = 0

    def ok(self, text: str) -> None:
        self.steps += 1
        print(f"  [通过] {text}", file=self.stream, flush=True)

    def fail(self, text: str) -> None:
        self.steps += 1
        self.failures += 1
        print(f"  [失败] {text}", file=self.stream, flush=True)

    def expect(self, condition: bool, good: str, bad: str) -> bool:
        (self.ok if condition else self.fail)(good if condition else bad)
        return condition


def _compare(log: _Log, label: str, expected, actual) -> None:
    fmt = expected.format
    wrong = [cid for cid in fmt.cells if expected.values.get(cid) != actual.values.get(cid)]
    if wrong:
        first = wrong[0]
        log.fail(
            f"{label}：{len(wrong)} 个数字不一致，如「{fmt.cells[first].display}」应为 "
            f"{expected.display_value(first)}，读回 {actual.display_value(first)}"
        )
    else:
        log.ok(f"{label}：{len(fmt.cells)} 个数字全部一致")


def _check_sample(log: _Log, window, name: str, folder: Path) -> None:
    from report import draft
    from report.checks import check
    from report.importer.assemble import assemble
    from report.importer.docx import read_docx
    from report.render import render_docx
    from report.render.package import extract_draft
    from report.resources import resource_path

    from .document import ReportDocument

    path = resource_path("samples", name)
    report = draft.load(path)
    log.ok(f"读取样例 {name}（{report.format.name}，{len(report.format.cells)} 个单元格）")
    window.set_document(ReportDocument(report, None))
    steps = len(window.steps)
    log.expect(steps >= 8, f"主窗口打开报告，共 {steps} 个步骤", f"主窗口只有 {steps} 个步骤")
    result = check(report)
    log.expect(
        not result.errors,
        f"检查：{len(result.errors)} 个错误，{len(result.warnings)} 个提示",
        f"样例有 {len(result.errors)} 个错误：{result.errors[0].message if result.errors else ''}",
    )
    target = folder / f"自检-{report.format_id}.docx"
    rendered = render_docx(report, target)
    size = target.stat().st_size if target.exists() else 0
    if not log.expect(size > 0, f"生成 Word 文档 {target.name}（{size // 1024} KB）", "没有生成 Word 文档"):
        return
    embedded = extract_draft(target)
    if log.expect(embedded is not None, "文档内嵌草稿可以读回", "文档中没有内嵌草稿"):
        _compare(log, "内嵌草稿", report, embedded)
    printed, _summary = assemble(read_docx(target), target.name, "自检")
    _compare(log, "按文档表格读回", report, printed)
    for warning in rendered.warnings:
        print(f"  [提示] {warning}", file=log.stream)


def run() -> int:
    """Exit code 0 only if every step passed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    log = _Log()
    print("政府信息公开工作年度报告填报助手：自检开始", file=log.stream, flush=True)
    folder = Path(tempfile.mkdtemp(prefix="xxgk-selftest-"))
    # Settings, autosave and logs go to the temp folder, never to the clerk's.
    previous_data_dir = os.environ.get("XXGK_DATA_DIR")
    os.environ["XXGK_DATA_DIR"] = str(folder / "data")
    try:
        _run_checks(log, folder)
    finally:
        _restore_env("XXGK_DATA_DIR", previous_data_dir)
        _remove(log, folder)
    verdict = "自检通过" if log.failures == 0 else "自检失败"
    print(f"{verdict}：{log.steps - log.failures} 项通过，{log.failures} 项失败。", file=log.stream, flush=True)
    return 0 if log.failures == 0 else 1


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _remove(log: _Log, folder: Path) -> None:
    """Delete the temp folder; a file still open in it (Windows refuses: WinError 32) is a failure."""
    try:
        from .app import close_logging
    except ImportError:  # no Qt: no log was opened either
        pass
    else:
        close_logging()  # the log file lives in the temp folder's data/
    try:
        shutil.rmtree(folder)
    except OSError as exc:
        log.fail(f"无法删除自检的临时文件夹「{folder}」：{exc}（仍有文件未关闭）")


def _run_checks(log: _Log, folder: Path) -> None:
    try:
        from PySide6.QtCore import QCoreApplication

        from . import errors
        from .app import create_application
        from .main_window import MainWindow

        # Nobody watches a self-test: an unexpected error exits (code 3) instead of opening a dialog.
        errors.set_headless()
        app = create_application([sys.argv[0]])
        cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
        log.expect(cancel == "取消", "Qt 中文翻译已加载（Cancel → 取消）", f"Qt 中文翻译未加载（Cancel → {cancel}）")
        window = MainWindow()
        window.show()
        app.processEvents()
        log.expect(window.isVisible(), "主窗口已显示", "主窗口没有显示")
        for name in SAMPLES:
            _check_sample(log, window, name, folder)
        if window.document is not None:
            window.document.undo_stack.setClean()
        window.close()
        app.processEvents()
    except Exception:  # noqa: BLE001 - the self-test reports every failure instead of crashing
        log.fail("意外错误：\n" + traceback.format_exc())
