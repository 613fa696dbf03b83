"""Valid OOXML: every document the renderer writes passes openxml-audit with 0 errors; its properties are the report's.

openxml-audit (a test dependency) validates each part against the ECMA-376 schemas and the
checks Word applies before it offers to repair a file (「Word 在文档中发现无法读取的内容」).
The cases: both samples, a forced draft with its watermark, a 40-字 agency name, 9-digit
figures, a report with every optional part empty, the third format (河南), a province format
built from data alone, and the real reports imported and rendered again.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from render_helpers import THIRD_FORMAT, audit, load_sample

from report.importer import import_file
from report.model import Report
from report.render import builder, render_bytes
from report.render.package import NAMESPACE
from report.resources import template_path

LONG_ORG = "中共四川省攀枝花市米易县委员会机构编制委员会办公室和米易县人民政府政务服务管理局"  # 40 字
REAL = Path(__file__).parents[1] / "importer" / "fixtures"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: CT_TblPr's children in the schema's order.
TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
    "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption",
    "tblDescription",
)


def _big_numbers(report: Report) -> Report:
    n = 123456789
    for cid, spec in report.format.cells.items():
        if not spec.derived and cid.startswith(("applications.", "appeals.")):
            n += 7919
            report.values[cid] = n
    report.recompute()
    return report


def _cases(tmp_path: Path, province_format) -> dict[str, tuple[Report, bytes]]:
    forced = load_sample("2021")
    forced.values["applications.carried_forward.natural"] += 1  # E1: a forced draft with its watermark
    long_org = load_sample("2021")
    long_org.header.org_name, long_org.header.signer = LONG_ORG, ""
    empty = Report.new(2021, "某某县某某局", "2021")  # no 文号, 主送, opening, texts, 署名 or date
    empty.header.sign_date = None
    province = Report.new(2022, "某县", province_format.id)
    province.set("applications.other_extra.natural", 7)
    province.set("applications.new_received.natural", 7)
    template = tmp_path / "report-province.docx"
    template.write_bytes(builder.build(province_format))
    cases = {
        "sample-2021": (load_sample("2021"), {}),
        "sample-2019": (load_sample("2019"), {}),
        "forced-draft": (forced, {"force": True}),
        "long-agency": (long_org, {}),
        "nine-digits": (_big_numbers(load_sample("2021")), {"force": True}),
        "all-optional-empty": (empty, {}),
        "third-format": (load_sample(THIRD_FORMAT), {}),
        "province-from-data": (province, {"template": template}),
    }
    for fixture in sorted(REAL.glob("00[0-4]_*.txt")):
        cases[f"imported-{fixture.name[:3]}"] = (import_file(fixture).report, {"force": True})
    return {name: (report, render_bytes(report, **kw)) for name, (report, kw) in cases.items()}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    import dataclasses

    from report.formats import FORMATS, common
    from report.schema import RowSpec

    # The conftest's province_format, built here so the module renders once (a module-scoped fixture).
    base = FORMATS["2021"]
    t3 = base.table("applications")
    rows = list(t3.rows)
    rows.insert([r.key for r in rows].index("total_processed"), RowSpec("other_extra", "4.省定其他情形", t3.rows[-3].groups))
    t3 = dataclasses.replace(t3, rows=tuple(rows))
    province = dataclasses.replace(
        base, id="test-province", name="某省格式", tables=(base.table("active"), t3, base.table("appeals")),
        sums=common.applications_sums(t3) + common.appeals_sums(), relations=tuple(common.applications_balance(t3)),
    )
    FORMATS["test-province"] = province
    try:
        tmp = tmp_path_factory.mktemp("ooxml")
        before = dt.datetime.now(dt.UTC).replace(microsecond=0)
        cases = _cases(tmp, province)
        after = dt.datetime.now(dt.UTC)
        for name, (_, data) in cases.items():
            (tmp / f"{name}.docx").write_bytes(data)
        yield {"dir": tmp, "cases": cases, "window": (before, after)}
    finally:
        FORMATS.pop("test-province", None)


def test_every_generated_document_passes_openxml_audit(rendered):
    # The 13 rendered cases, the template built for the province format and the shipped templates.
    shipped = sorted(template_path().glob("*.docx"))
    paths = sorted(rendered["dir"].glob("*.docx")) + shipped
    assert len(paths) == 14 + 3
    errors = audit(paths)
    assert errors == {p.name: [] for p in paths}


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name).decode("utf-8")


def test_properties_are_the_reports_and_the_render_time(rendered):
    from docx import Document

    before, after = rendered["window"]
    for name, (report, data) in rendered["cases"].items():
        core = Document(io.BytesIO(data)).core_properties
        assert core.title.startswith(report.title.strip() or "") and core.title, name
        assert core.author == report.header.org_name == core.last_modified_by, name
        created = core.created.replace(tzinfo=dt.UTC)
        assert before - dt.timedelta(seconds=1) <= created <= after and core.modified == core.created, name
        app = _part(data, "docProps/app.xml")
        assert f"<Company>{report.header.org_name}</Company>" in app
        # Nothing of the program's workings: no script, file or template names.
        for part in ("docProps/core.xml", "docProps/app.xml"):
            text = _part(data, part)
            assert not re.search(r"build_templates|templates/|\.py|模板|Macintosh|Normal\.dotm", text), (name, part)


def test_a_forced_drafts_title_property_says_draft(rendered):
    from docx import Document

    report, data = rendered["cases"]["forced-draft"]
    assert Document(io.BytesIO(data)).core_properties.title == report.title + "（草稿）"


def test_a_fresh_item_id_per_document(rendered):
    ids = []
    for _, data in rendered["cases"].values():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            props = [n for n in z.namelist() if re.fullmatch(r"customXml/itemProps\d+\.xml", n)]
            assert len(props) == 1  # our draft only: python-docx's bibliography item is gone
            ids.append(re.search(r'ds:itemID="(\{[0-9A-F-]{36}\})"', z.read(props[0]).decode()).group(1))
    again = render_bytes(load_sample("2021"))
    with zipfile.ZipFile(io.BytesIO(again)) as z:
        ids.append(re.search(r'ds:itemID="([^"]+)"', z.read("customXml/itemProps1.xml").decode()).group(1))
    assert len(set(ids)) == len(ids)


def test_no_styles_with_effects_no_thumbnail_and_chinese_theme_fonts(rendered):
    for name, (_, data) in rendered["cases"].items():
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            assert names[0] == "[Content_Types].xml"
            assert "word/stylesWithEffects.xml" not in names and "docProps/thumbnail.jpeg" not in names, name
            rels = z.read("word/_rels/document.xml.rels").decode() + z.read("_rels/.rels").decode()
            assert "stylesWithEffects" not in rels and "thumbnail" not in rels
            settings = z.read("word/settings.xml").decode()
            assert 'w:eastAsia="zh-CN"' in settings and 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
            items = [n for n in names if re.fullmatch(r"customXml/item\d+\.xml", n)]
            assert sum(NAMESPACE.encode() in z.read(n)[:400] for n in items) == len(items) == 1


def test_table_properties_in_schema_order_without_duplicates(rendered):
    from lxml import etree

    for name, (_, data) in rendered["cases"].items():
        root = etree.fromstring(_part(data, "word/document.xml").encode())
        tables = list(root.iter(W + "tbl"))
        assert tables, name
        for tbl in tables:
            children = [etree.QName(c).localname for c in tbl.find(W + "tblPr")]
            assert len(children) == len(set(children)), (name, children)
            assert children == sorted(children, key=TBLPR_ORDER.index), (name, children)
