"""``xxgk.exe`` under Wine: new, check, render, import and review on the samples and the real-report fixtures.

What the Windows program writes must be what the Linux program writes: every part of every
.docx byte for byte (but the GUID and the render time every render makes afresh), every imported draft value for value, the review workbook cell for cell.
The programs run in the Chinese code page (936) a clerk's PC has, their output redirected
into a pipe (where Windows would write the ANSI code page unless the program says otherwise).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from winebox import winpath

pytestmark = pytest.mark.windows

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "resources" / "samples").glob("sample-*.json"))
REAL_DRAFTS = sorted((ROOT / "tests" / "core" / "fixtures").glob("real_*.json"))
LINUX_XXGK = str(Path(sys.executable).with_name("xxgk"))
REAL_REPORTS = sorted((ROOT / "tests" / "importer" / "fixtures").glob("00*.txt")) + [
    ROOT / "tests" / "importer" / "fixtures" / "shanghai-2019-real.html",
    ROOT / "tests" / "importer" / "fixtures" / "traditional-2019.txt",
]


def _xxgk(wine, bundle, *args, codepage=936, cwd=None):
    proc = wine([bundle / "xxgk.exe", *args], codepage=codepage, cwd=cwd)
    assert "\ufffd" not in proc.stdout + proc.stderr, "output not UTF-8:\n" + proc.stdout + proc.stderr
    return proc




def test_version_and_chinese_help(wine, bundle):
    import report

    out = _xxgk(wine, bundle, "--version")
    assert out.returncode == 0 and out.stdout.strip() == f"xxgk-report {report.__version__}"
    # In code page 1252 nothing Chinese is encodable: the redirected output must still be whole (UTF-8).
    helped = _xxgk(wine, bundle, "render", "--help", codepage=1252)
    linux = subprocess.run([LINUX_XXGK, "render", "--help"], capture_output=True, text=True)
    assert helped.returncode == 0 and "公文格式" in helped.stdout
    assert helped.stdout.replace("\r\n", "\n") == linux.stdout


def test_new_then_check(wine, bundle, work):
    target = work / "新建草稿.json"
    made = _xxgk(wine, bundle, "new", "--year", "2021", "--org", "米易县𬌗鱼乡人民政府", "-o", winpath(target))
    assert made.returncode == 0, made.stdout + made.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["header"]["org_name"] == "米易县𬌗鱼乡人民政府" and data["format"] == "2021"
    checked = _xxgk(wine, bundle, "check", winpath(target), codepage=1252)
    assert checked.returncode in (0, 1), checked.stdout + checked.stderr
    assert "米易县𬌗鱼乡人民政府" in checked.stdout


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_check_sample_passes(wine, bundle, sample):
    out = _xxgk(wine, bundle, "check", winpath(sample))
    assert out.returncode == 0, out.stdout + out.stderr
    assert "检查通过" in out.stdout


def _broken_copy(work: Path) -> Path:
    data = json.loads(SAMPLES[0].read_text(encoding="utf-8"))
    data["tables"]["applications"]["new_received"]["natural"] += 7  # E1, E2 and more
    path = work / "有错误的草稿.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_check_findings_match_linux(wine, bundle, work):
    for source in (REAL_DRAFTS[-1], _broken_copy(work)):
        out = _xxgk(wine, bundle, "check", "--json", winpath(source))
        linux = subprocess.run([LINUX_XXGK, "check", "--json", str(source)], capture_output=True, text=True)
        assert out.returncode == linux.returncode, out.stdout + out.stderr
        assert json.loads(out.stdout) == json.loads(linux.stdout)
        assert json.loads(out.stdout)["findings"], "a source without findings proves nothing"


@pytest.mark.parametrize("source", SAMPLES + REAL_DRAFTS, ids=lambda p: p.stem)
def test_render_is_the_linux_document_part_for_part(wine, bundle, work, source, docx_parts):
    from report import draft
    from report.render import render_docx

    target = work / f"{source.stem}-报告.docx"
    out = _xxgk(wine, bundle, "render", "--force", winpath(source), "-o", winpath(target))
    assert out.returncode == 0, out.stdout + out.stderr
    linux = work / f"{source.stem}-linux.docx"
    render_docx(draft.load(source), linux, force=True)
    windows_parts, linux_parts = docx_parts(target), docx_parts(linux)
    assert list(windows_parts) == list(linux_parts)
    differing = [name for name in linux_parts if windows_parts[name] != linux_parts[name]]
    assert not differing, f"parts that differ from the Linux render: {differing}"


@pytest.mark.parametrize("source", REAL_REPORTS, ids=lambda p: p.stem)
def test_import_reads_what_linux_reads(wine, bundle, work, source):
    from report import draft
    from report.importer import import_file

    target = work / f"{source.stem}.json"
    out = _xxgk(wine, bundle, "import", winpath(source), "-o", winpath(target))
    assert out.returncode == 0, out.stdout + out.stderr
    report, _summary = import_file(source)
    linux = work / f"{source.stem}-linux.json"
    draft.save(report, linux)
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(linux.read_text(encoding="utf-8"))


def test_review_of_a_folder_matches_linux(wine, bundle, work):
    import openpyxl

    from report.review import review_folder, write_workbook

    folder = work / "各单位报告"
    folder.mkdir()
    for source in REAL_REPORTS[:3]:
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "损坏的文件.docx").write_bytes(b"not a zip")
    target = work / "审核结果.xlsx"
    out = _xxgk(wine, bundle, "review", winpath(folder), "-o", winpath(target))
    assert out.returncode == 1, out.stdout + out.stderr  # the damaged file is listed, not fatal
    assert "共审核 4 个文件" in out.stdout
    linux = work / "审核结果-linux.xlsx"
    write_workbook(review_folder(folder, exclude=(target, linux)), linux)
    windows_book, linux_book = openpyxl.load_workbook(target), openpyxl.load_workbook(linux)
    assert windows_book.sheetnames == linux_book.sheetnames
    for name in linux_book.sheetnames:
        w_rows = list(windows_book[name].iter_rows(values_only=True))
        l_rows = list(linux_book[name].iter_rows(values_only=True))
        assert w_rows == l_rows, name
