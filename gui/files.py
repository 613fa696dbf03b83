"""File chores: UI settings, recent files, the Documents folder, opening and printing results."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from report.errors import describe_os_error

from .constants import MAX_RECENT
from .paths import data_dir

DRAFT_FILTER = "报告草稿 (*.json)"


def importable_patterns() -> str:
    """``*.docx *.txt …``: every extension the importer reads (``report.importer.IMPORTABLE``)."""
    from report.importer import IMPORTABLE

    return " ".join(f"*{ext}" for ext in IMPORTABLE)


def import_filter() -> str:
    """The file dialog filter of 导入已有报告: all report files, then one entry per kind (named by the core)."""
    from report.importer import file_filter

    return file_filter()


def open_filter(name: str = "报告草稿或年度报告") -> str:
    """打开 / 从上年报告生成: drafts, our .docx and every importable report file."""
    return f"{name} (*.json {importable_patterns()});;{DRAFT_FILTER};;{import_filter()}"


def settings() -> QSettings:
    """UI state only (geometry, recent files, last folder), beside the autosave."""
    return QSettings(str(data_dir() / "ui-settings.ini"), QSettings.Format.IniFormat)


def recent_files() -> list[Path]:
    value = settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [Path(p) for p in (value or []) if p]


def remember_recent(path: Path) -> None:
    path = Path(path).resolve()
    items = [p for p in recent_files() if p != path]
    items.insert(0, path)
    settings().setValue("recent_files", [str(p) for p in items[:MAX_RECENT]])


def forget_recent(path: Path) -> None:
    settings().setValue("recent_files", [str(p) for p in recent_files() if p != Path(path)])


def last_folder() -> Path:
    value = settings().value("last_folder", "")
    if value and Path(value).is_dir():
        return Path(value)
    return documents_dir()


def remember_folder(path: Path) -> None:
    settings().setValue("last_folder", str(Path(path).parent))


def documents_dir() -> Path:
    """The Documents folder; the home folder when there is none (a file dialog
    given a missing folder opens in the program's working folder instead)."""
    from PySide6.QtCore import QStandardPaths

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if location and Path(location).is_dir():
        return Path(location)
    return Path.home()


def open_with_system(path: Path) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def print_document(path: Path) -> tuple[bool, str]:
    """Send a .docx to the printer: Windows' print verb, else LibreOffice, else explain."""
    import shutil
    import subprocess

    if sys.platform == "win32":
        try:
            os.startfile(str(path), "print")  # type: ignore[attr-defined]
        except OSError as exc:
            return False, f"无法打印：{describe_os_error(exc)}请用 Word 或 WPS 打开文档后打印。"
        return True, "已发送到默认打印机。"
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return False, "本机没有可用于直接打印的程序。请点「打开文档」，在 WPS 或 LibreOffice 中打印。"
    try:
        subprocess.Popen([office, "--headless", "-p", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as exc:
        return False, f"无法启动 LibreOffice 打印：{describe_os_error(exc)}请打开文档后手动打印。"
    return True, "已通过 LibreOffice 发送到默认打印机。"
