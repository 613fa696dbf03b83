"""``xxgk import`` and ``xxgk review`` as a clerk runs them."""

import json
import shutil

import openpyxl
import pytest

from report import draft
from report.cli import main

from .conftest import FIXTURES, REAL, strip_embedded


def test_import_writes_a_draft_and_prints_the_summary(tmp_path, capsys):
    out = tmp_path / "draft.json"
    assert main(["import", str(REAL["004"]), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "没有找到的单元格（22 个" in text and "已保存草稿" in text
    report = draft.load(out)
    # the lost rows of table 三 follow from its zero totals (flagged); table 二's lost rows stay missing
    assert report.values["applications.granted.natural"] == 0
    assert "按 0 计" in report.origins["applications.granted.natural"].reason
    assert report.values["active.regs.new_made"] is None
    assert report.origins["active.regs.new_made"].missing
    assert report.totals_as_printed
    assert report.header.doc_number == "平新农字〔2021〕2号"


def test_import_json_summary_and_refusals(tmp_path, capsys):
    out = tmp_path / "d.json"
    assert main(["import", str(REAL["001"]), "-o", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["format"] == "2021" and data["found"] == 200 and data["missing"] == []
    assert main(["import", str(REAL["001"]), "-o", str(out)]) == 2  # exists, no --force
    assert "已存在" in capsys.readouterr().err
    notice = tmp_path / "notice.txt"
    notice.write_text("关于放假的通知\n", encoding="utf-8")
    assert main(["import", str(notice), "-o", str(tmp_path / "n.json")]) == 2
    assert "不是政府信息公开工作年度报告" in capsys.readouterr().err
    assert not (tmp_path / "n.json").exists()


@pytest.fixture()
def mixed_folder(tmp_path, rendered):
    folder = tmp_path / "报告"
    (folder / "乡镇").mkdir(parents=True)
    for key in ("000", "001", "003", "004"):
        shutil.copy(REAL[key], folder)
    shutil.copy(FIXTURES / "pdf-broken-2021.txt", folder / "乡镇")
    shutil.copy(FIXTURES / "web-2021-chrome.html", folder / "乡镇")
    _, path, _ = rendered["sample-2021"]
    shutil.copy(path, folder / "乡镇" / "本程序生成.docx")
    (folder / "乡镇" / "文字版.docx").write_bytes(strip_embedded(path.read_bytes()))
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04garbage")
    (folder / "会议通知.txt").write_text("关于召开会议的通知\n", encoding="utf-8")
    (folder / "扫描件.pdf").write_bytes(b"%PDF-1.4")
    (folder / "照片.jpg").write_bytes(b"\xff\xd8")
    return folder


def _listing(folder):
    return sorted(p.relative_to(folder).as_posix() + f":{p.stat().st_size}" for p in folder.rglob("*"))


def test_review_mixed_folder(tmp_path, mixed_folder, rendered, capsys):
    before = _listing(mixed_folder)
    out = tmp_path / "审核结果.xlsx"
    code = main(["review", str(mixed_folder), "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 1  # broken files and reports with errors
    assert _listing(mixed_folder) == before  # nothing written beside the inputs
    assert "审核中 [" in captured.err and "11/11" in captured.err  # the PDF is read now, and refused
    assert "无法导入 3 个" in captured.out

    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["报告清单", "问题清单", "汇总"]
    rows = {r[1]: r for r in wb["报告清单"].iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {
        "000_bc8117d118ec5b85.txt", "001_6f6c780c05ed1855.txt", "003_c5e4a961ff6a8cdb.txt", "004_17b4a8c95a9d1412.txt",
        "乡镇/pdf-broken-2021.txt", "乡镇/web-2021-chrome.html", "乡镇/本程序生成.docx", "乡镇/文字版.docx",
        "损坏.docx", "会议通知.txt", "扫描件.pdf",
    }
    assert rows["004_17b4a8c95a9d1412.txt"][7] == 22 and rows["004_17b4a8c95a9d1412.txt"][8] == "否"
    assert rows["乡镇/pdf-broken-2021.txt"][5] == 2  # E2 and E3 from its wrong printed total
    assert rows["损坏.docx"][8] == "否" and "不是有效的 Word 文档" in rows["损坏.docx"][9]
    assert "不是政府信息公开工作年度报告" in rows["会议通知.txt"][9]
    assert "PDF" in rows["扫描件.pdf"][9]

    findings = list(wb["问题清单"].iter_rows(min_row=2, values_only=True))
    e2 = [f for f in findings if f[0] == "乡镇/pdf-broken-2021.txt" and f[3] == "E2"]
    assert len(e2) == 1 and e2[0][6] == "三、（一）予以公开·总计"
    assert any(f[0] == "损坏.docx" and f[2] == "无法导入" for f in findings)

    sheet = wb["汇总"]
    values = [row for row in sheet.iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert "政府信息公开工作年度报告汇总（2021年度，2021年格式，共 6 份报告）" in flat
    # The county roll-up of 一、本年新收: 001 + the PDF town + the web page + the sample (its text copy counted once).
    sample = rendered["sample-2021"][0]
    new_received = next(row for row in values if row[0] == "一、本年新收政府信息公开申请数量")
    columns = [c.key for c in sample.format.table("applications").columns]
    expected = [
        a + b + c + sample.values[f"applications.new_received.{col}"]
        for a, b, c, col in zip([10, 0, 0, 0, 0, 0, 10], [8, 1, 0, 0, 1, 0, 10], [120, 15, 2, 1, 3, 4, 145], columns)
    ]
    assert list(new_received[3:10]) == expected
    assert "未计入汇总的报告（5 份）" in flat
    assert "与「乡镇/文字版.docx」是同一机关同一年度的报告，只计一次" in flat  # 文 sorts before 本
    assert "004_17b4a8c95a9d1412.txt" in flat  # left out (2020; its table 二 lost its numbers)


def test_review_refuses_a_missing_folder(tmp_path, capsys):
    assert main(["review", str(tmp_path / "nope"), "-o", str(tmp_path / "x.xlsx")]) == 2
    assert "不是文件夹" in capsys.readouterr().err
