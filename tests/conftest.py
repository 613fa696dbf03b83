import dataclasses
import os
import re
import sys
import zipfile
from pathlib import Path

import pytest

# The project root, for ``tests.needs`` and ``bench`` (pytest runs with --import-mode=importlib).
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

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


#: What two renders of one report may differ in, by design: the embedded draft's item has a fresh GUID
#: per document (report/render/package.py), and the properties hold the second it was rendered.
PER_RENDER = (
    (re.compile(rb'ds:itemID="\{[0-9A-F-]{36}\}"'), b'ds:itemID="{GUID}"'),
    (re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]+(</dcterms:)"), rb"\1TIME\2"),
)


def _docx_parts(path) -> dict[str, bytes]:
    """Every part of a .docx, with the per-render GUID and render time blanked (both checked to be there)."""
    parts = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            data = z.read(name)
            for pattern, blank in PER_RENDER:
                data, n = pattern.subn(blank, data)
                assert n == 0 or name.startswith(("customXml/itemProps", "docProps/core.xml")), name
            parts[name] = data
    assert any(b'ds:itemID="{GUID}"' in v for v in parts.values()) and b"TIME" in parts["docProps/core.xml"]
    return parts


@pytest.fixture
def docx_parts():
    """Compare two renders of one report part for part (two bundles, or a bundle and the source)."""
    return _docx_parts
