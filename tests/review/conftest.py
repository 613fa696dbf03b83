"""Shared pieces of the review tests: a clean report to break, the real-report fixtures, folders of drafts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from report.checks import check
from report.model import Report

TESTS = Path(__file__).resolve().parents[1]
IMPORTER_FIXTURES = TESTS / "importer" / "fixtures"
CORE_FIXTURES = TESTS / "core" / "fixtures"
SAMPLES = TESTS.parent / "resources" / "samples"
REAL = {
    "000": IMPORTER_FIXTURES / "000_bc8117d118ec5b85.txt",
    "001": IMPORTER_FIXTURES / "001_6f6c780c05ed1855.txt",
    "002": IMPORTER_FIXTURES / "002_360e8e9c0ceb8934.txt",
    "003": IMPORTER_FIXTURES / "003_c5e4a961ff6a8cdb.txt",
    "004": IMPORTER_FIXTURES / "004_17b4a8c95a9d1412.txt",
}

TEXTS = {
    "overview_lead": "2021年，本局认真贯彻《中华人民共和国政府信息公开条例》。",
    "overview_active": "本年度主动公开政府信息120条。",
    "overview_on_request": "本年度共收到政府信息公开申请10件，上年结转0件，办结10件，结转下年度继续办理0件。",
    "overview_management": "严格落实保密审查制度。",
    "overview_platform": "以政府门户网站为第一平台。",
    "overview_supervision": "组织业务培训2次。",
    "problems": "一是公开内容不够全面。二是解读形式单一。",
    "improvements": "一是逐项梳理公开事项。二是丰富解读形式。",
    "other_matters": "本年度，本机关未依据《政府信息公开信息处理费管理办法》收取信息处理费。",
}


def clean_report(org: str = "某县自然资源局", year: int = 2021, new: int = 10) -> Report:
    """A 2021-format report with no finding at all: ``new`` applications, all granted, texts that agree."""
    report = Report.new(year, org)
    report.header.sign_date = dt.date(year + 1, 1, 20)
    report.texts.update(TEXTS)
    report.texts["overview_on_request"] = TEXTS["overview_on_request"].replace("10件", f"{new}件")
    report.set_many({"applications.new_received.natural": new, "applications.granted.natural": new})
    assert check(report).findings == (), [f.message for f in check(report).findings]
    return report


def codes(report, last=None) -> list[str]:
    return [f.code for f in check(report, last).findings]


def only(report, code, last=None):
    found = [f for f in check(report, last).findings if f.code == code]
    assert found, f"{code} not raised: {[(f.code, f.message) for f in check(report, last).findings]}"
    return found


def real_report_files() -> list[Path]:
    """Every real-report fixture: the importer's (text, web pages, found fragments) and the core's drafts."""
    files = [p for p in sorted(IMPORTER_FIXTURES.rglob("*")) if p.suffix.lower() in (".txt", ".html", ".htm", ".docx", ".pdf")]
    files += sorted(CORE_FIXTURES.glob("real_*.json"))
    return files


@pytest.fixture
def report():
    return clean_report()


# --- folders of reports and rosters ------------------------------------------------------


def write_report(report: Report, path: Path, text_only: bool = False) -> Path:
    """``report`` rendered to .docx as a clerk would send it (``text_only``: without the embedded draft)."""
    from report.render import render_docx

    path.parent.mkdir(parents=True, exist_ok=True)
    render_docx(report, path, force=True)
    if text_only:
        path.write_bytes(strip_embedded(path.read_bytes()))
    return path


def strip_embedded(data: bytes) -> bytes:
    """The .docx with our embedded draft replaced by an unrelated custom XML item (read by its text only)."""
    import io
    import zipfile

    from report.render.package import NAMESPACE

    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if NAMESPACE.encode() in blob[:400]:
                blob = b'<?xml version="1.0" encoding="UTF-8"?><other/>'
            z.writestr(info, blob)
    return out.getvalue()


def write_roster(path: Path, rows, header=("机关名称", "上级机关", "口径")) -> Path:
    """A roster as a clerk keeps it: .xlsx (openpyxl) or .csv (UTF-8 with BOM), by ``path``'s suffix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        import csv

        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(header)
            writer.writerows(rows)
        return path
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(header)
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def unit_report(org: str, new: int, *, title: str = "", year: int = 2021, review_total: int = 0, **cells) -> Report:
    """A clean report of ``org``: ``new`` applications granted; ``review_total`` reviews maintained; more cells."""
    report = clean_report(org, year, new)
    if title:
        report.header.title = title
    if review_total:
        report.set("appeals.review.maintain", review_total)
        report.texts["overview_supervision"] = f"本年度被申请行政复议{review_total}件。"
    if cells:
        report.set_many(cells)
    return report


COUNTY = "米易县人民政府"
ROSTER_ROWS = (
    (COUNTY, "", "全辖区"),
    ("米易县自然资源局", COUNTY, "本机关"),
    ("米易县教育局", COUNTY, "本机关"),
    ("米易县卫生健康局", COUNTY, "本机关"),
)


@pytest.fixture
def county(tmp_path):
    """A county (全辖区, signed by its office) with two of its three departments, one unit not on the roster.

    The county's 新收 (20) is less than its departments' (12 + 10): E9.  Its one 行政复议 is a
    department's.  The roster lists 卫生健康局, which sent nothing (W27); 文旅局 is not on it (W28).
    """
    folder = tmp_path / "2021年度报告"
    reports = {
        "米易县人民政府.docx": unit_report(
            "米易县人民政府办公室", 20, title="米易县人民政府2021年政府信息公开工作年度报告", review_total=1),
        "自然资源局/攀枝花市米易县自然资源局.docx": unit_report("攀枝花市米易县自然资源局", 12, review_total=1),
        "米易县教育局.docx": unit_report("米易县教育局", 10),
        "米易县文化广播电视和旅游局.docx": unit_report("米易县文化广播电视和旅游局", 3),
    }
    for name, report in reports.items():
        write_report(report, folder / name)
    roster = write_roster(tmp_path / "名单.xlsx", ROSTER_ROWS)
    return folder, roster, reports


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Both sample drafts rendered: {name: (report, docx path, docx without the embedded draft)}."""
    from report import draft

    folder = tmp_path_factory.mktemp("rendered")
    out = {}
    for name in ("sample-2021", "sample-2019"):
        report = draft.load(SAMPLES / f"{name}.json")
        path = write_report(report, folder / f"{name}.docx")
        stripped = folder / f"{name}-text.docx"
        stripped.write_bytes(strip_embedded(path.read_bytes()))
        out[name] = (report, path, stripped)
    return out
