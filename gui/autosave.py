"""Autosave into the user data folder, never over the clerk's own file.

A few seconds after the last edit, and every minute while there are
unsaved changes, the report is written (atomically) to
``<data dir>/autosave/autosave.json`` together with the name of the
clerk's file.  A clean exit or a save removes it; finding it at start-up
means the last session ended uncleanly, and the clerk is offered a restore.
A failed autosave is announced (``failed``), never swallowed.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from report import draft
from report.atomic import write_atomic
from report.errors import UserError
from report.model import Report

from .document import ReportDocument
from .paths import data_dir

log = logging.getLogger("gui.autosave")

IDLE_MS = 3000
PERIOD_MS = 60_000


def autosave_path() -> Path:
    return data_dir() / "autosave" / "autosave.json"


@dataclass(frozen=True)
class Pending:
    report: Report
    source: Path | None  # the clerk's file the autosave belongs to
    saved_at: dt.datetime


def find_pending() -> Pending | None:
    """The autosave left by an unclean exit, or None (an unreadable one is logged and kept)."""
    path = autosave_path()
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        report = draft.from_dict(data["draft"])
        source = Path(data["source"]) if data.get("source") else None
        saved_at = dt.datetime.fromisoformat(data["saved_at"])
    except (OSError, ValueError, KeyError, TypeError, UserError) as exc:
        log.warning("自动保存文件无法读取：%s", exc)
        return None
    return Pending(report, source, saved_at)


def discard() -> None:
    try:
        autosave_path().unlink(missing_ok=True)
    except OSError as exc:
        log.warning("无法删除自动保存文件：%s", exc)


class Autosaver(QObject):
    saved = Signal(str)  # time, for the status bar
    failed = Signal(str)  # Chinese message

    def __init__(self, document: ReportDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_MS)
        self.idle.timeout.connect(self.save_now)
        self.period = QTimer(self)
        self.period.setInterval(PERIOD_MS)
        self.period.timeout.connect(self.save_now)
        self.period.start()
        self._dirty = False
        document.undo_stack.indexChanged.connect(self._changed)
        document.undo_stack.cleanChanged.connect(self._clean_changed)

    def _changed(self, *_args) -> None:
        self._dirty = True
        self.idle.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            # Saved by the clerk (or undone back to the saved state): nothing to restore.
            self._dirty = False
            self.idle.stop()
            discard()

    def save_now(self) -> bool:
        if not self._dirty or not self.document.is_modified():
            return False
        doc = self.document
        payload = {
            "app": "xxgk-report",
            "kind": "autosave",
            "source": str(doc.path) if doc.path else None,
            "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
            "draft": draft.to_dict(doc.report),
        }
        try:
            path = autosave_path()
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))
        except (UserError, OSError) as exc:
            message = f"自动保存失败：{exc}。请尽快手动保存（Ctrl+S）。"
            log.error(message)
            self.failed.emit(message)
            return False
        self._dirty = False
        self.saved.emit(dt.datetime.now().strftime("%H:%M"))
        return True

    def stop(self) -> None:
        self.idle.stop()
        self.period.stop()
