"""Autosave into the user data folder, never over the clerk's own file.

At most ``THROTTLE_MS`` after any change — however fast the clerk types: the
first unsaved change starts the timer and later ones do not postpone it (a
throttle, not a debounce) — and every minute while there are unsaved changes,
the report is written (atomically) to ``<data dir>/autosave/autosave.json``
with the absolute path of the clerk's file and whatever is still being typed
in an open cell editor (``ReportDocument.pending``).  A clean exit or a save
removes it; finding it at start-up means the last session ended uncleanly,
and the clerk is offered a restore (which then saves to the clerk's own
file).  A failed autosave is announced (``failed``), never swallowed.

The report is serialised in the GUI thread (about a millisecond); the write
itself — temp file, fsync, rename, the slow part on an office PC's disk —
runs in one background thread, so typing never waits for the disk.  Every
file operation (write, discard) goes through that one thread in order, so a
discard can never be overtaken by an older write.
"""

from __future__ import annotations

import datetime as dt
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from report import draft
from report.atomic import write_atomic
from report.errors import UserError, describe_os_error
from report.model import Report
from report.parse import CellInputError, parse_cell

from .constants import AUTOSAVE_PERIOD_MS, AUTOSAVE_THROTTLE_MS
from .document import ReportDocument
from .paths import data_dir

log = logging.getLogger("gui.autosave")

#: Read when an ``Autosaver`` is made (tests shorten them).
THROTTLE_MS = AUTOSAVE_THROTTLE_MS
PERIOD_MS = AUTOSAVE_PERIOD_MS


def autosave_path() -> Path:
    return data_dir() / "autosave" / "autosave.json"


@dataclass(frozen=True)
class Pending:
    report: Report  # with what was being typed in a cell editor put in its cell
    source: Path | None  # the clerk's file the autosave belongs to (absolute)
    saved_at: dt.datetime
    #: Cells whose half-typed text was restored into the report.
    typed: tuple[str, ...] = field(default=())


def payload(document: ReportDocument) -> bytes:
    """The autosave file's bytes for ``document`` (its report, its file, what an editor holds)."""
    data = {
        "app": "xxgk-report",
        "kind": "autosave",
        "source": str(document.path) if document.path else None,
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
        "typing": dict(document.pending),
        "draft": draft.to_dict(document.report),
    }
    # json_text: a lone surrogate (valid JSON, from a pasted or imported text) stays an escape, so UTF-8 holds it
    return draft.json_text(data, indent=None).encode("utf-8")


def find_pending() -> Pending | None:
    """The autosave left by an unclean exit, or None (an unreadable one is logged and kept)."""
    path = autosave_path()
    if not path.exists():
        return None
    try:
        data = draft.read_json(path.read_text(encoding="utf-8"))
        report = draft.from_dict(data["draft"])
        source = Path(data["source"]) if data.get("source") else None
        saved_at = dt.datetime.fromisoformat(data["saved_at"])
        typing = data.get("typing") or {}
        if not isinstance(typing, dict):
            raise TypeError("typing")
    except (OSError, ValueError, KeyError, TypeError, UserError) as exc:
        log.warning("自动保存文件无法读取：%s", exc)
        return None
    return Pending(report, source, saved_at, _apply_typing(report, typing))


def _apply_typing(report: Report, typing: dict) -> tuple[str, ...]:
    """Put the text an open cell editor held into its cell, where it is a valid value."""
    cells = report.format.cells
    changes = {}
    for cell_id, text in typing.items():
        spec = cells.get(cell_id)
        if spec is None or not isinstance(text, str) or (spec.derived and not report.totals_as_printed):
            continue
        try:
            changes[cell_id] = parse_cell(text, spec.kind, report.format.signed_labels).value
        except CellInputError:
            log.info("自动保存中未完成的输入「%s」（%s）不是有效数值，未恢复", text, cell_id)
    if changes:
        report.set_many(changes)
    return tuple(changes)


def discard() -> None:
    try:
        autosave_path().unlink(missing_ok=True)
    except OSError as exc:
        log.warning("无法删除自动保存文件：%s", exc)


class Autosaver(QObject):
    saved = Signal(str)  # time, for the status bar
    failed = Signal(str)  # Chinese message
    #: From the writer thread; delivered in the GUI thread (queued) and re-emitted as saved/failed.
    _written = Signal(str, str)  # time, error ("" when written)

    def __init__(self, document: ReportDocument, parent=None):
        super().__init__(parent)
        self.document = document
        self.throttle = QTimer(self)
        self.throttle.setSingleShot(True)
        self.throttle.setInterval(THROTTLE_MS)
        self.throttle.timeout.connect(self.save_in_background)
        self.period = QTimer(self)
        self.period.setInterval(PERIOD_MS)
        self.period.timeout.connect(self.save_in_background)
        self.period.start()
        self._dirty = False
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="autosave")
        self._last: Future | None = None
        self._stopped = False
        self._written.connect(self._report)
        document.undo_stack.indexChanged.connect(self._changed)
        document.undo_stack.cleanChanged.connect(self._clean_changed)
        document.pendingChanged.connect(self._changed)

    def _changed(self, *_args) -> None:
        self._dirty = True
        if not self.throttle.isActive():  # a change never postpones a save already due
            self.throttle.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean and not self.document.pending:
            # Saved by the clerk (or undone back to the saved state): nothing to restore.
            self._dirty = False
            self.throttle.stop()
            self._submit(discard)

    def has_unsaved(self) -> bool:
        return self.document.is_modified() or bool(self.document.pending)

    def save_now(self) -> bool:
        """Write the autosave now and wait for it; True when it was written."""
        if not self._dirty or not self.has_unsaved():
            return False
        data = payload(self.document)
        self._dirty = False
        self.flush()
        error = _write(data)
        self._report(_now(), error)
        return not error

    def save_in_background(self) -> bool:
        """Serialise now, write in the writer thread (what the timers do); True when a write was queued."""
        if not self._dirty or not self.has_unsaved():
            return False
        data = payload(self.document)
        self._dirty = False
        self._submit(self._write_and_tell, data)
        return True

    def _write_and_tell(self, data: bytes) -> None:  # in the writer thread
        self._written.emit(_now(), _write(data))

    def _report(self, time: str, error: str) -> None:
        if error:
            self._dirty = True  # try again with the next change or the next period
            message = f"自动保存失败：{error}。请尽快手动保存（Ctrl+S）。"
            log.error(message)
            self.failed.emit(message)
        else:
            self.saved.emit(time)

    def _submit(self, fn, *args) -> None:
        if self._stopped:  # after stop() (closing): nothing runs in the background any more
            fn(*args)
            return
        self._last = self._writer.submit(fn, *args)

    def flush(self) -> None:
        """Wait until every queued write or discard is done."""
        if self._last is not None:
            self._last.result()

    def stop(self) -> None:
        """Stop the timers and finish what the writer thread has queued (before the file is discarded)."""
        self.throttle.stop()
        self.period.stop()
        self.flush()
        self._stopped = True
        self._writer.shutdown(wait=True)


def _now() -> str:
    return dt.datetime.now().strftime("%H:%M:%S")


def _write(data: bytes) -> str:
    """Write the autosave file; "" on success, else the Chinese reason."""
    try:
        path = autosave_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except UserError as exc:
        return str(exc)
    except OSError as exc:
        return describe_os_error(exc, writing=True)
    return ""
