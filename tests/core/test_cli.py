"""The xxgk command line, run as a real process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from report import draft

ROOT = Path(__file__).resolve().parents[2]


def xxgk(*args, cwd=None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "report", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=60,
    )


def test_help_is_chinese():
    out = xxgk("--help")
    assert out.returncode == 0
    assert "用法" in out.stdout and "显示本帮助并退出" in out.stdout
    assert "usage" not in out.stdout and "show this help" not in out.stdout
    sub = xxgk("check", "--help")
    assert "退出码" in sub.stdout and "选项" in sub.stdout


def test_new_check_next_year_export(tmp_path):
    d = tmp_path / "d.json"
    out = xxgk("new", "--year", 2021, "--org", "米易县人民政府办公室", "-o", d)
    assert out.returncode == 0, out.stderr
    assert "国办公开办函〔2021〕30号" in out.stdout
    assert xxgk("new", "--year", 2021, "--org", "x", "-o", d).returncode == 2  # refuses to overwrite

    ok = xxgk("check", d)
    assert ok.returncode == 0 and "共 0 个错误" in ok.stdout

    report = draft.load(d)
    report.set("applications.new_received.natural", 12)
    report.set("applications.granted.natural", 10)
    report.set("applications.carried_forward.natural", 1)
    draft.save(report, d)
    bad = xxgk("check", d, "--json")
    assert bad.returncode == 1
    data = json.loads(bad.stdout)
    assert data["errors"] == 2
    e1 = [f for f in data["findings"] if f["code"] == "E1"]
    assert e1[0]["message"] == "自然人列：一+二=12，（七）+四=11，相差 1"
    assert {"table": "applications", "row": "new_received", "column": "natural",
            "row_label": "一、本年新收政府信息公开申请数量", "column_label": "自然人"} in e1[0]["cells"]
    text = xxgk("check", d)
    assert "[错误 E1]" in text.stdout and "处理建议" in text.stdout

    nxt = tmp_path / "n.json"
    assert xxgk("next-year", d, "-o", nxt).returncode == 0
    new = draft.load(nxt)
    assert new.header.year == 2022 and new.values["applications.carried_over.natural"] == 1
    last_check = xxgk("check", nxt, "--last-year", d, "--json")
    assert not [f for f in json.loads(last_check.stdout)["findings"] if f["code"] == "W1"]

    csv_path = tmp_path / "o.csv"
    assert xxgk("export", d, "-o", csv_path).returncode == 0
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "表,行,列,值"
    assert len(lines) == 1 + 200
    assert "三、收到和处理政府信息公开申请情况,一、本年新收政府信息公开申请数量,自然人,12" in lines

    xlsx_path = tmp_path / "o.xlsx"
    assert xxgk("export", d, "-o", xlsx_path).returncode == 0
    wb = load_workbook(xlsx_path)
    assert wb.sheetnames == ["报告表格", "全部单元格"]
    sheet = wb["报告表格"]
    texts = {c.value for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {"申请人情况", "法人或其他组织", "（七）总计", "复议后起诉", "第二十条第（八）项"} <= texts
    assert any(r.min_col == 4 and r.max_col == 10 for r in sheet.merged_cells.ranges)  # 申请人情况 spans 7


@pytest.mark.parametrize("content", [b"not json", b'{"app": "other"}'])
def test_unreadable_input_exits_2(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    out = xxgk("check", bad)
    assert out.returncode == 2
    assert out.stderr.startswith("错误：")
    assert "Traceback" not in out.stderr


def test_export_refuses_unknown_suffix(tmp_path):
    d = tmp_path / "d.json"
    xxgk("new", "--year", 2020, "--org", "某局", "-o", d)
    out = xxgk("export", d, "-o", tmp_path / "o.pdf")
    assert out.returncode == 2 and "不支持导出" in out.stderr


def test_next_year_from_a_generated_docx_warns_about_last_years_text(tmp_path):
    from report.render import render_docx
    from report.resources import resource_path

    report = draft.load(resource_path("samples", "sample-2021.json"))
    report.texts["problems"] = f"{report.header.year}年存在的问题：……"
    docx = tmp_path / "上年报告.docx"
    render_docx(report, docx, force=True)
    out_path = tmp_path / "明年.json"
    out = xxgk("next-year", docx, "-o", out_path)
    assert out.returncode == 0, out.stderr
    assert f"写着「{report.header.year}年」" in out.stdout and "存在的主要问题" in out.stdout
    new = draft.load(out_path)
    assert new.header.year == report.header.year + 1
    forward = "applications.carried_forward.natural"
    assert new.values["applications.carried_over.natural"] == report.values[forward]


def test_next_year_refuses_a_file_it_cannot_read_in_chinese(tmp_path):
    bad = tmp_path / "上年.xlsx"
    bad.write_bytes(b"PK")
    out = xxgk("next-year", bad, "-o", tmp_path / "n.json")
    assert out.returncode == 2 and "无法导入" in out.stderr and "Traceback" not in out.stderr
