"""``xxgk import`` as a clerk runs it (``xxgk review``: tests/review/test_cli_review.py)."""

import json

from report import draft
from report.cli import main

from .conftest import REAL


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
