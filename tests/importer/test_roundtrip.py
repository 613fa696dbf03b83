"""Our own .docx: restored exactly from the embedded draft, and every number back through the text path."""

from report import draft
from report.importer import import_file


def test_embedded_draft_is_restored_exactly(rendered):
    for name, (original, path, _) in rendered.items():
        report, summary = import_file(path)
        assert summary.exact, name
        assert draft.to_dict(report) == draft.to_dict(original)


def test_text_path_gives_back_every_number_and_text(rendered):
    for name, (original, _, stripped) in rendered.items():
        report, summary = import_file(stripped)
        assert not summary.exact
        assert report.format_id == original.format_id
        assert summary.found == len(original.format.cells) and not summary.missing, name
        for cid in original.format.cells:
            assert report.values[cid] == original.values[cid], (name, cid)
        for key, text in original.texts.items():
            assert report.texts[key] == text, (name, key)
        h, o = report.header, original.header
        assert (h.org_name, h.year, h.doc_number, h.addressee, h.opening, h.sign_date) == (
            o.org_name, o.year, o.doc_number, o.addressee, o.opening, o.sign_date)
        assert report.signer == original.signer


def test_report_built_through_the_core_api_round_trips(tmp_path):
    """A report with zeros, a decimal fee and a long org name, rendered and read back as text."""
    from decimal import Decimal

    from report.model import Report
    from report.render import render_docx

    from .conftest import strip_embedded

    report = Report.new(2022, "某某自治州某某县某某乡人民政府")
    fmt = report.format
    for n, cid in enumerate(fmt.entered_cells):
        if fmt.cells[cid].kind.is_decimal:
            report.set(cid, Decimal("0.0125"))
        else:
            report.set(cid, (n * 7) % 5)
    path = tmp_path / "own.docx"
    render_docx(report, path, force=True)
    stripped = tmp_path / "own-text.docx"
    stripped.write_bytes(strip_embedded(path.read_bytes()))
    back, summary = import_file(stripped)
    assert not summary.missing
    assert {c: back.values[c] for c in fmt.cells} == {c: report.values[c] for c in fmt.cells}
    assert (back.header.org_name, back.header.year) == ("某某自治州某某县某某乡人民政府", 2022)


def test_damaged_embedded_draft_falls_back_to_the_text(rendered, tmp_path):
    import io
    import zipfile

    from report.render.package import NAMESPACE

    original, path, _ = rendered["sample-2021"]
    zin = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if NAMESPACE.encode() in blob[:400]:
                blob = blob[: len(blob) // 2]  # cut in the middle of the JSON
            z.writestr(info, blob)
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(out.getvalue())
    report, summary = import_file(damaged)
    assert not summary.exact
    assert "草稿数据已损坏" in summary.notes[0] and "按文档文字识别" in summary.notes[0]
    assert all(report.values[c] == original.values[c] for c in original.format.cells)


def test_document_edited_after_rendering_is_read_from_its_text(rendered, tmp_path):
    """A clerk changed a number in Word after generating: the stale embedded draft must not win."""
    import io
    import zipfile

    original, path, _ = rendered["sample-2021"]
    cid = "applications.granted.natural"
    old = original.display_value(cid)
    zin = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "word/document.xml":
                assert blob.count(f">{old}<".encode()) == 1
                blob = blob.replace(f">{old}<".encode(), b">777<")
            z.writestr(info, blob)
    edited = tmp_path / "edited.docx"
    edited.write_bytes(out.getvalue())
    report, summary = import_file(edited)
    assert not summary.exact
    assert report.values[cid] == 777
    assert "与文档内保存的草稿不同" in summary.notes[0] and f"草稿为 {old}，文档中为 777" in summary.notes[0]
    assert report.totals_as_printed  # the printed totals are kept, so the checks show the edit broke them
    from report.checks import check

    flagged = {c.id for f in check(report).errors for c in f.cells}
    assert {"applications.granted.total", "applications.total_processed.natural"} <= flagged


def test_embedded_draft_wins_when_the_text_is_not_a_report(rendered, tmp_path):
    """A clerk's own template may print nothing the text reader knows; the embedded draft still opens."""
    import io
    import re
    import zipfile

    original, path, _ = rendered["sample-2019"]
    zin = zipfile.ZipFile(path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if info.filename == "word/document.xml":
                blob = re.sub(rb"<w:body>.*</w:body>", b"<w:body><w:p><w:r><w:t>\xe8\x87\xaa\xe5\xae\x9a\xe4\xb9\x89</w:t></w:r></w:p></w:body>",
                              blob, flags=re.DOTALL)
            z.writestr(info, blob)
    custom = tmp_path / "custom.docx"
    custom.write_bytes(out.getvalue())
    report, summary = import_file(custom)
    assert summary.exact
    assert draft.to_dict(report) == draft.to_dict(original)
