"""Review a folder of reports: import and check each, then the batch (roster, hierarchy, outliers), then sum.

``review_folder`` imports every report under a folder (subfolders too),
checks each (against last year's report when a last-year folder is given or
the report carries one), matches them to the roster, runs the batch checks
and sums tables 三 and 四 of the reports that can be summed, per format,
never adding a 全辖区 report to its own children.  A file that cannot be read
becomes a row with its error; it never stops the batch.  Nothing is written
anywhere but the workbook the caller asks for.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..checks import CheckResult, check
from ..errors import UserError, describe
from ..findings import Finding
from ..importer import IMPORTABLE, UNSUPPORTED_HINTS, ImportSummary, import_file
from ..model import Report
from ..names import NameIndex, normalise, report_subject, title_subject
from .roster import Roster, Unit, read_roster

Progress = Callable[[int, int, str], None]


@dataclass(eq=False)  # one file, one row: compared by identity
class ReviewedReport:
    path: Path
    name: str  # relative to the reviewed folder
    report: Report | None = None
    summary: ImportSummary | None = None
    result: CheckResult | None = None
    error: str = ""
    left_out: str = ""  # why it is not in the roll-up ("" when it is)
    unit: Unit | None = None  # the roster's unit it belongs to
    last_year_name: str = ""  # last year's report it was checked against (a file of the last-year folder)
    duplicate_of: ReviewedReport | None = field(default=None, repr=False)  # another report of the same unit
    covered_by: ReviewedReport | None = field(default=None, repr=False)  # the 全辖区 report that already holds it

    @property
    def ok(self) -> bool:
        return self.report is not None

    @property
    def errors(self) -> int:
        return len(self.result.errors) if self.result else 0

    @property
    def warnings(self) -> int:
        return len(self.result.warnings) if self.result else 0

    @property
    def missing(self) -> int:
        if self.report is None:
            return 0
        return sum(1 for v in self.report.values.values() if v is None)

    @property
    def org(self) -> str:
        return self.report.header.org_name if self.report else ""

    @property
    def subject(self) -> str:
        """Whose report it is (the title's subject, else the 机关名称; for a file not read, its name)."""
        if self.report is not None:
            return report_subject(self.report)
        return title_subject(Path(self.name).stem) or normalise(Path(self.name).stem)

    @property
    def display(self) -> str:
        """The name a reviewer knows it by: the roster's, else whose report the title says it is."""
        if self.unit is not None:
            return self.unit.name
        return self.subject or self.org or self.name

    @property
    def year(self) -> int | None:
        return self.report.header.year or None if self.report else None

    @property
    def format_name(self) -> str:
        return self.report.format.name if self.report else ""


@dataclass
class RosterLine:
    """One roster unit and what the batch holds for it."""

    unit: Unit
    status: str  # 已报送 / 未报送 / 重复 / 年度不符 / 格式不符 / 无法导入
    files: list[str] = field(default_factory=list)
    note: str = ""


@dataclass
class Unlisted:
    """A report whose unit is not on the roster, with the closest roster name if there is one."""

    report: ReviewedReport
    similar: Unit | None = None


@dataclass
class Review:
    folder: Path
    reports: list[ReviewedReport]
    skipped: list[tuple[str, str]]  # files not imported (unsupported type), with the reason
    rollups: list  # RollUp
    year: int | None = None  # the year under review
    roster: Roster | None = None
    roster_lines: list[RosterLine] = field(default_factory=list)
    unlisted: list[Unlisted] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # the batch's own findings
    last_year_folder: Path | None = None
    rollup_notes: list[str] = field(default_factory=list)  # what the 汇总 summed and why not more

    @property
    def left_out(self) -> list[tuple[str, str]]:
        return [(r.name, r.left_out) for r in self.reports if r.left_out] + self.skipped

    @property
    def batch_result(self) -> CheckResult:
        return CheckResult(tuple(self.findings))

    @property
    def has_errors(self) -> bool:
        return any(not r.ok or r.errors for r in self.reports) or bool(self.batch_result.errors)

    def as_json(self) -> dict:
        """Per-report and batch findings, each in the shape of ``xxgk check --json``."""
        reports = []
        for r in self.reports:
            entry = {"file": r.name, "org": r.org, "year": r.year, "format": r.report.format_id if r.ok else None}
            if self.roster is not None:
                entry["unit"] = r.unit.name if r.unit else None
            if r.last_year_name:
                entry["last_year_file"] = r.last_year_name
            entry["in_rollup"] = not r.left_out
            if r.left_out:
                entry["left_out"] = r.left_out
            if r.ok:
                entry.update(r.result.as_json())
            else:
                entry["error"] = r.error
            reports.append(entry)
        data = {
            "folder": str(self.folder),
            "year": self.year,
            "reports": reports,
            "skipped": [{"file": name, "reason": reason} for name, reason in self.skipped],
            "batch": self.batch_result.as_json(),
            "rollups": [
                {"format": r.format.id, "year": r.year, "included": list(r.included),
                 "cells": {c: _json_value(r.report.values[c]) for c in r.cells}}
                for r in self.rollups
            ],
            "rollup_notes": list(self.rollup_notes),
        }
        if self.roster is not None:
            data["roster"] = {
                "source": self.roster.source,
                "units": [
                    {"name": line.unit.name, "parent": line.unit.parent or None, "scope": line.unit.scope or None,
                     "status": line.status, "files": line.files, "note": line.note}
                    for line in self.roster_lines
                ],
                "not_on_roster": [
                    {"file": u.report.name, "org": u.report.display, "similar": u.similar.name if u.similar else None}
                    for u in self.unlisted
                ],
                "notes": list(self.roster.notes),
            }
        return data


def _json_value(v):
    from decimal import Decimal

    return str(v) if isinstance(v, Decimal) else v


def find_reports(folder: Path, exclude: tuple[Path, ...] = ()) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Report files under ``folder`` in a stable order, and the document files that cannot be read."""
    excluded = {p.resolve() for p in exclude}
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith((".", "~$")) or path.resolve() in excluded:
                continue
            suffix = path.suffix.lower()
            if suffix in IMPORTABLE:
                found.append(path)
            elif suffix in UNSUPPORTED_HINTS:
                skipped.append((path, UNSUPPORTED_HINTS[suffix]))
    return found, skipped


def _relative(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else path.name


def review_file(path: Path, folder: Path, last_year: LastYearIndex | None = None) -> ReviewedReport:
    """Import and check one file; any failure becomes the row's error, never an exception."""
    item = ReviewedReport(path=path, name=_relative(path, folder))
    try:
        report, summary = import_file(path)
        item.report, item.summary = report, summary
        last = last_year.find(report) if last_year is not None else None
        if last is not None:
            item.last_year_name = last[0]
        item.result = check(report, last[1] if last is not None else None)
    except UserError as exc:
        item.report = item.summary = item.result = None
        item.error = str(exc)
    except Exception as exc:  # noqa: BLE001 - a damaged file must not stop the batch
        item.report = item.summary = item.result = None
        item.error = describe(exc, path) or "读取时程序内部出错，已跳过该文件。请把该文件发给信息化人员以便改进。"
    return item


class LastYearIndex:
    """Last year's reports by whose they are, for the cross-year checks (W1–W4, W16, W24–W26)."""

    def __init__(self, folder: Path, items: list[tuple[str, Report]]):
        self.folder = folder
        self.items = items  # (file name, report)
        self._names = NameIndex([report_subject(r) for _, r in items])
        self._orgs = NameIndex([r.header.org_name for _, r in items])

    def find(self, report: Report) -> tuple[str, Report] | None:
        for index in (self._names, self._orgs):
            i = index.match(report_subject(report), report.header.org_name)
            if i is not None:
                return self.items[i]
        return None


def _read_last_year(folder: Path, exclude, progress, offset: int, total: int) -> LastYearIndex:
    paths, _ = find_reports(folder, exclude)
    items = []
    for n, path in enumerate(paths, start=1):
        try:
            report, _summary = import_file(path)
        except Exception:  # noqa: BLE001 - a last-year file that cannot be read is simply not compared
            report = None
        if report is not None:
            items.append((_relative(path, folder), report))
        if progress:
            progress(offset + n, total, f"上年：{_relative(path, folder)}")
    return LastYearIndex(folder, items)


def review_folder(
    folder: str | os.PathLike,
    progress: Progress | None = None,
    exclude: tuple[Path, ...] = (),
    roster: str | os.PathLike | Roster | None = None,
    last_year: str | os.PathLike | None = None,
    year: int | None = None,
) -> Review:
    """Review every report under ``folder``; ``roster`` (a file or a ``Roster``), ``last_year`` a folder."""
    from .checks import batch_checks
    from .rollup import roll_up

    root = Path(folder)
    if not root.is_dir():
        raise UserError(f"「{root}」不是文件夹。")
    if roster is not None and not isinstance(roster, Roster):
        roster = read_roster(roster)
    last_root = Path(last_year) if last_year is not None else None
    if last_root is not None:
        if not last_root.is_dir():
            raise UserError(f"上年报告「{last_root}」不是文件夹。")
        if last_root.resolve() == root.resolve():
            raise UserError("上年报告的文件夹不能与本年报告的文件夹相同。")
    paths, skipped = find_reports(root, exclude)
    last_paths = find_reports(last_root, exclude)[0] if last_root is not None else []
    if last_root is not None and last_root.resolve().is_relative_to(root.resolve()):
        inside = {p.resolve() for p in last_paths}
        paths = [p for p in paths if p.resolve() not in inside]  # last year's files are not this year's reports
    total = len(paths) + len(last_paths)
    index = _read_last_year(last_root, exclude, progress, 0, total) if last_root is not None else None
    reports: list[ReviewedReport] = []
    for n, path in enumerate(paths, start=len(last_paths) + 1):
        reports.append(review_file(path, root, index))
        if progress:
            progress(n, total, reports[-1].name)
    review = Review(
        root, reports, [(_relative(p, root), reason) for p, reason in skipped], [],
        year=year or _main_year(reports), roster=roster, last_year_folder=last_root,
    )
    batch_checks(review)
    review.rollups = roll_up(review)
    return review


def _main_year(reports: list[ReviewedReport]) -> int | None:
    years = Counter(r.year for r in reports if r.ok and r.year)
    return years.most_common(1)[0][0] if years else None
