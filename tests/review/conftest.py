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
