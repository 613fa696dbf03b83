"""``xxgk render`` and ``xxgk open-docx`` through the real entry point."""

from __future__ import annotations

import json
import shutil

from report import draft
from report.cli import main
from report.resources import resource_path


def _sample(tmp_path, format_id="2021"):
    path = tmp_path / f"sample-{format_id}.json"
    shutil.copy(resource_path("samples", f"sample-{format_id}.json"), path)
    return path


def test_render_then_open_docx_round_trip(tmp_path, capsys):
    src = _sample(tmp_path)
    out = tmp_path / "报告.docx"
    assert main(["render", str(src), "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "已生成" in captured.out and "GB2312" in captured.err
    back = tmp_path / "back.json"
    assert main(["open-docx", str(out), "-o", str(back)]) == 0
    assert json.loads(back.read_text("utf-8")) == json.loads(src.read_text("utf-8"))
    # An existing draft is not overwritten without --force.
    assert main(["open-docx", str(out), "-o", str(back)]) == 2
    assert "已存在" in capsys.readouterr().err
    assert main(["open-docx", str(out), "-o", str(back), "--force"]) == 0


def test_render_default_name_beside_the_draft(tmp_path):
    src = _sample(tmp_path, "2019")
    assert main(["render", str(src)]) == 0
    assert (tmp_path / "海东市平安区新农村建设服务中心2020年政府信息公开工作年度报告.docx").exists()


def test_render_refuses_errors_unless_forced(tmp_path, capsys):
    src = _sample(tmp_path)
    report = draft.load(src)
    report.values["applications.new_received.natural"] += 3
    draft.save(report, src)
    out = tmp_path / "out.docx"
    assert main(["render", str(src), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "错误" in err and "E1" in err and "--force" in err
    assert not out.exists()
    assert main(["render", str(src), "-o", str(out), "--force"]) == 0
    assert "草稿" in capsys.readouterr().out
    assert out.exists()


def test_open_docx_without_draft_and_bad_template(tmp_path, capsys):
    from docx import Document

    plain = tmp_path / "plain.docx"
    Document().save(plain)
    assert main(["open-docx", str(plain), "-o", str(tmp_path / "x.json")]) == 2
    assert "没有本程序嵌入的草稿数据" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()
    bad = tmp_path / "bad.docx"
    doc = Document()
    doc.add_paragraph("{{ title ")
    doc.save(bad)
    assert main(["render", str(_sample(tmp_path)), "-o", str(tmp_path / "o.docx"), "--template", str(bad)]) == 2
    assert "模板「bad.docx」有误" in capsys.readouterr().err
    assert main(["render", str(_sample(tmp_path)), "-o", str(tmp_path / "o.txt")]) == 2
