"""Batch review at the API level: per-format roll-ups, what is left out and why, a folder with nothing to sum."""

import io
import shutil

import openpyxl

from report.review import review_folder, workbook_bytes

from .conftest import REAL


def _sheet_rows(wb, name):
    return [row for row in wb[name].iter_rows(values_only=True) if any(v is not None for v in row)]


def test_reports_in_different_formats_are_summed_per_format(tmp_path):
    for key in ("001", "002", "003"):
        shutil.copy(REAL[key], tmp_path)
    progress = []
    review = review_folder(tmp_path, progress=lambda done, total, name: progress.append((done, total, name)))
    assert [p[:2] for p in progress] == [(1, 3), (2, 3), (3, 3)]
    by_format = {r.format.id: r for r in review.rollups}
    assert sorted(by_format) == ["2019", "2021"]
    assert by_format["2021"].included == ["001_6f6c780c05ed1855.txt", "003_c5e4a961ff6a8cdb.txt"]
    assert by_format["2019"].included == ["002_360e8e9c0ceb8934.txt"]  # a 2021 report in 2019 tables
    total = by_format["2021"].report
    assert total.values["applications.new_received.natural"] == 10
    assert total.values["applications.new_received.total"] == 10
    assert total.values["appeals.review.total"] == 1
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(review)))
    assert wb.sheetnames == ["报告清单", "问题清单", "汇总（2019年格式）", "汇总（2021年格式）"]
    rows = _sheet_rows(wb, "汇总（2021年格式）")
    assert rows[0][0] == "政府信息公开工作年度报告汇总（2021年度，2021年格式，共 2 份报告）"
    strip_header = next(i for i, r in enumerate(rows) if r[0] == "行政复议")
    assert list(rows[strip_header + 3][:15]) == [1, 0, 0, 0, 1] + [0] * 10


def test_folder_without_reports_still_gets_a_workbook(tmp_path):
    (tmp_path / "说明.txt").write_text("本文件夹用于存放各单位年报。\n", encoding="utf-8")
    (tmp_path / "扫描件.pdf").write_bytes(b"%PDF-1.4")
    review = review_folder(tmp_path)
    assert review.rollups == []
    assert sorted(name for name, _ in review.left_out) == sorted(["说明.txt", "扫描件.pdf"])
    wb = openpyxl.load_workbook(io.BytesIO(workbook_bytes(review)))
    rows = _sheet_rows(wb, "汇总")
    assert rows[0][0] == "没有可以汇总的报告。"
    assert any(r[0] == "扫描件.pdf" and "PDF" in r[1] for r in rows)


def test_a_report_of_another_year_is_left_out_of_the_sum(tmp_path):
    for key in ("000", "001", "004"):
        shutil.copy(REAL[key], tmp_path)
    review = review_folder(tmp_path)
    reasons = dict(review.left_out)
    assert "004_17b4a8c95a9d1412.txt" in reasons  # 2020, and its table 二 lost its numbers
    shutil.copy(REAL["002"], tmp_path)  # 2021 too: joins the sum (2019 tables)
    (tmp_path / "004_17b4a8c95a9d1412.txt").unlink()
    (tmp_path / "旧年报.txt").write_text(
        (tmp_path / "000_bc8117d118ec5b85.txt").read_text(encoding="utf-8").replace("2021 年政府", "2020 年政府"),
        encoding="utf-8")
    review = review_folder(tmp_path)
    assert dict(review.left_out) == {"旧年报.txt": "报告年度为2020年，与其他报告（2021年）不同"}
