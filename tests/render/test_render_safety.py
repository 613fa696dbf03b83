"""Nothing printed silently differently, nothing unpacked without bound (issue 12's render-side items).

Characters no .docx can hold are removed with a 提示 naming the field and the count; a vertical
tab is a line break; a paragraph over the limit is refused, not cut; a render that loses
content raises instead of reporting 「已生成」; the embedded draft is read within the limits of
``report.limits`` (a zip bomb is refused in Chinese with memory under 300 MB).
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from docx import Document
from render_helpers import load_sample

from report import draft
from report.cli import main
from report.errors import UserError
from report.limits import MAX_PARAGRAPH_CHARS
from report.render import RenderIncomplete, TextTooLong, engine, preflight, render_bytes, render_docx
from report.render.package import NAMESPACE, extract_draft

ROOT = Path(__file__).resolve().parents[2]


def test_a_lone_surrogate_is_removed_with_a_note_and_nothing_else_is_lost(tmp_path, capsys):
    report = load_sample("2021")
    report.texts["other_matters"] = "本年度无\ud800其他\ud800事项。"  # valid in JSON, not in a .docx
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(draft.to_dict(report), ensure_ascii=True), "utf-8")
    out = tmp_path / "out.docx"
    assert main(["render", str(path), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "已生成" in captured.out
    assert "「六、其他需要报告的事项」中有 2 个字符无法写入 Word 文档" in captured.err
    doc = Document(out)
    assert "本年度无其他事项。" in [p.text for p in doc.paragraphs]
    assert len(doc.tables) == 3  # every table there: a lone surrogate no longer truncates the document
    # open-docx and the importer read it back (the draft keeps what the clerk had).
    assert extract_draft(out).texts["other_matters"] == report.texts["other_matters"]


def test_every_kind_of_illegal_character_counted_per_field():
    report = load_sample("2019")
    report.header.addressee = "区政府\x00办公室\uffff"
    report.texts["overview_lead"] = "甲\x01乙\x1f丙\ufffe丁\ud83d"
    notes = preflight(report)
    assert any("「主送机关」中有 2 个字符" in n for n in notes)
    assert any("「一、总体情况」中有 4 个字符" in n for n in notes)
    texts = [p.text for p in Document(io.BytesIO(render_bytes(report))).paragraphs]
    assert "区政府办公室：" in texts and "甲乙丙丁" in texts


def test_a_paragraph_over_the_limit_is_refused_not_cut(tmp_path, capsys):
    report = load_sample("2021")
    report.texts["problems"] = "很" * (MAX_PARAGRAPH_CHARS + 1)
    with pytest.raises(TextTooLong, match="超过每段"):
        render_bytes(report)
    path = tmp_path / "draft.json"
    draft.save(report, path)
    out = tmp_path / "out.docx"
    assert main(["render", str(path), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "「五、存在的主要问题及改进情况存在的主要问题」中有一段" in err and "分成几段" in err
    assert not out.exists()
    report.texts["problems"] = "很" * MAX_PARAGRAPH_CHARS  # at the limit: printed whole
    doc = Document(io.BytesIO(render_bytes(report)))
    assert max(len(p.text) for p in doc.paragraphs) == MAX_PARAGRAPH_CHARS


def test_a_render_that_loses_content_is_caught_not_written(tmp_path, monkeypatch):
    real_fill = engine.fill

    def losing_fill(data, name, context):
        document = real_fill(data, name, context)
        body = document.element.body
        body.remove(body.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tbl")[1])
        return document

    monkeypatch.setattr(engine, "fill", losing_fill)
    out = tmp_path / "out.docx"
    with pytest.raises(RenderIncomplete, match="2 of 3 tables"):
        render_docx(load_sample("2021"), out)
    assert not out.exists()

    def text_losing_fill(data, name, context):
        document = real_fill(data, name, context)
        body = document.element.body
        p = next(p for p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p")
                 if "一是聚焦" in "".join(t.text or "" for t in p.iter()))
        p.getparent().remove(p)
        return document

    monkeypatch.setattr(engine, "fill", text_losing_fill)
    with pytest.raises(RenderIncomplete, match="paragraphs"):
        render_docx(load_sample("2021"), out)
    assert not out.exists()


# --- bounded reading of a .docx -------------------------------------------------------------


def _crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    """zlib's crc32_combine: the CRC of A+B from crc(A), crc(B) and len(B), without reading A or B."""

    def times(mat, vec):
        total, i = 0, 0
        while vec:
            if vec & 1:
                total ^= mat[i]
            vec >>= 1
            i += 1
        return total

    def square(mat):
        return [times(mat, mat[n]) for n in range(32)]

    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = square(odd)
    odd = square(even)
    while True:
        even = square(odd)
        if len2 & 1:
            crc1 = times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = square(even)
        if len2 & 1:
            crc1 = times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


def _bomb_member(prefix: bytes, expanded: int) -> tuple[bytes, int, int]:
    """(deflate data, crc32, size) of ``prefix`` followed by spaces up to ``expanded`` bytes, built in milliseconds."""
    chunk = b" " * (1 << 20)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = co.compress(prefix) + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)  # identical for every further chunk
    count = -(-(expanded - len(prefix)) // len(chunk))
    data = head + block * count + co.flush()
    crc, chunk_crc = zlib.crc32(prefix), zlib.crc32(chunk)
    for _ in range(count):
        crc = _crc32_combine(crc, chunk_crc, len(chunk))
    return data, crc, len(prefix) + count * len(chunk)


def _zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip archive from (name, data, method, crc, size) members, written by hand (sizes need not be small)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, data, method, crc, size in members:
        offset = out.tell()
        raw = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(raw), 0))
        out.write(raw + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                                  len(raw), 0, 0, 0, 0, 0, offset) + raw)
    cd = central.getvalue()
    out.write(cd + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(cd), out.tell(), 0))
    return out.getvalue()


def _content_types() -> tuple[str, bytes, int, int, int]:
    xml = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
    return ("[Content_Types].xml", xml, 0, zlib.crc32(xml), len(xml))


@pytest.fixture(scope="module")
def bomb(tmp_path_factory) -> Path:
    """A .docx of about 3 MB whose embedded draft expands to 3 GiB."""
    prefix = f'<?xml version="1.0" encoding="UTF-8"?>\n<draft xmlns="{NAMESPACE}" version="2">'.encode()
    data, crc, size = _bomb_member(prefix, 3 << 30)
    path = tmp_path_factory.mktemp("bomb") / "bomb.docx"
    path.write_bytes(_zip([_content_types(), ("customXml/item1.xml", data, 8, crc, size)]))
    with zipfile.ZipFile(path) as z:  # a well-formed archive that really expands to 3 GiB
        assert z.getinfo("customXml/item1.xml").file_size >= 3 << 30
    # The same construction, small enough to unpack here, is a valid archive (its CRC holds).
    small, small_crc, small_size = _bomb_member(prefix, 3 << 20)
    with zipfile.ZipFile(io.BytesIO(_zip([("x.xml", small, 8, small_crc, small_size)]))) as z:
        assert z.testzip() is None and len(z.read("x.xml")) == small_size
    return path


def _peak_mb(code: str) -> tuple[int, str, float]:
    """Run ``code`` in a fresh interpreter; (exit code, stderr, peak resident memory in MB)."""
    # VmHWM is the peak of this process image alone; ru_maxrss also counts the parent it was forked
    # from (Linux keeps it across exec), which inside a long pytest run is itself some 300 MB.
    probe = (
        "import resource, sys\n"
        "def _peak():\n"
        "    try:\n"
        "        with open('/proc/self/status') as fh:\n"
        "            return next(int(x.split()[1]) for x in fh if x.startswith('VmHWM:'))\n"
        "    except (OSError, StopIteration):\n"
        "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"try:\n{''.join('    ' + line + chr(10) for line in code.splitlines())}"
        "finally:\n"
        "    print('PEAK', _peak(), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    peak = int(done.stderr.rsplit("PEAK", 1)[1].split()[0]) / 1024
    return done.returncode, done.stderr, peak


def test_a_zip_bomb_is_refused_in_chinese_with_bounded_memory(bomb):
    code, err, peak = _peak_mb(
        "from report.render.package import extract_draft\n"
        "from report.errors import UserError\n"
        "try:\n"
        f"    extract_draft({str(bomb)!r})\n"
        "except UserError as exc:\n"
        "    print('REFUSED', exc, file=sys.stderr)\n"
    )
    assert "REFUSED" in err and "解压后过大" in err and "Traceback" not in err
    assert peak < 300, f"{peak:.0f} MB"
    # The command line the same way: exit 2, a Chinese sentence, nothing written.
    code, err, peak = _peak_mb(
        "from report.cli import main\n"
        f"sys.exit(main(['open-docx', {str(bomb)!r}, '-o', {str(bomb.with_suffix('.json'))!r}]))\n"
    )
    assert code == 2 and "解压后过大" in err and "Traceback" not in err and peak < 300
    assert not bomb.with_suffix(".json").exists()


def test_a_lying_size_header_unpacks_no_more_than_declared(tmp_path):
    prefix = f'<?xml version="1.0"?><draft xmlns="{NAMESPACE}" version="2">'.encode()
    data, crc, _ = _bomb_member(prefix, 64 << 20)
    path = tmp_path / "liar.docx"
    path.write_bytes(_zip([_content_types(), ("customXml/item1.xml", data, 8, crc, 1000)]))  # claims 1000 bytes
    with pytest.raises(UserError) as info:
        extract_draft(path)
    assert "已损坏" in str(info.value) or "无法读取" in str(info.value)


def test_a_deeply_nested_embedded_draft_is_refused():
    data = render_bytes(load_sample("2021"))
    deep = f'<?xml version="1.0"?><draft xmlns="{NAMESPACE}" version="2">{"[" * 100_000}{"]" * 100_000}</draft>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "customXml/item1.xml":
                content = deep.encode()
            dst.writestr(info, content)
    with pytest.raises(UserError, match="嵌入的草稿数据"):
        extract_draft(out.getvalue())


def test_too_many_members_are_refused():
    xml = b"<x/>"
    members = [_content_types()] + [(f"m{i}.xml", xml, 0, zlib.crc32(xml), len(xml)) for i in range(2_001)]
    with pytest.raises(UserError, match="过多文件"):
        extract_draft(_zip(members))
