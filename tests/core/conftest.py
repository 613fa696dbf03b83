from pathlib import Path

import pytest

from report import draft
from report.model import Report

FIXTURES = Path(__file__).parent / "fixtures"


def _fill_distinct(report: Report) -> Report:
    """Distinct non-zero numbers in every entered cell; totals computed."""
    from decimal import Decimal

    changes = {}
    for i, cid in enumerate(report.format.entered_cells, start=1):
        kind = report.format.cells[cid].kind
        changes[cid] = Decimal(i) / 4 if kind.is_decimal else i
    report.set_many(changes)
    return report


@pytest.fixture
def report2021() -> Report:
    return Report.new(2021, "测试县人民政府办公室")


@pytest.fixture
def report2019() -> Report:
    return Report.new(2020, "测试县自然资源局")


@pytest.fixture
def real_draft():
    def load(name: str) -> Report:
        return draft.load(FIXTURES / f"real_{name}.json")

    return load


@pytest.fixture
def fill_distinct():
    return _fill_distinct
