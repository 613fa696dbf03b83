import dataclasses
import os

import pytest

# Qt aborts the process without a platform; tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def province_format(monkeypatch):
    """A third format built from data alone (the 2021 format plus one row under （六）), registered for the test."""
    from report.formats import FORMATS, common
    from report.schema import RowSpec

    base = FORMATS["2021"]
    t3 = base.table("applications")
    extra = RowSpec("other_extra", "4.省定其他情形", ("三、本年度办理结果", "（六）其他处理"))
    rows = list(t3.rows)
    rows.insert([r.key for r in rows].index("total_processed"), extra)
    province_t3 = dataclasses.replace(t3, rows=tuple(rows))
    province = dataclasses.replace(
        base,
        id="test-province",
        name="某省格式",
        tables=(base.table("active"), province_t3, base.table("appeals")),
        sums=common.applications_sums(province_t3) + common.appeals_sums(),
        relations=tuple(common.applications_balance(province_t3)),
    )
    monkeypatch.setitem(FORMATS, "test-province", province)
    return province
