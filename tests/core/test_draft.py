"""Drafts: round trip, damaged files, migration, atomic writes."""

import datetime as dt
import json
import os
from decimal import Decimal

import pytest

from report import draft
from report.atomic import write_atomic
from report.errors import UserError
from report.model import CellOrigin, LastYear, Report


@pytest.fixture
def full_report(report2021, fill_distinct):
    r = fill_distinct(report2021)
    r.header.sign_date = dt.date(2022, 1, 14)
    r.header.doc_number = "测政办〔2022〕3号"
    r.header.sealed = True
    r.texts["overview_active"] = "第一段 & <b>\n第二段“引号”"
    r.fees = {"notices": 2, "notice_amount": Decimal("200.50"), "collected": None}
    r.acknowledged["W11|overview_platform"] = "本单位无平台"
    r.last_year = LastYear("2019", 2020, {"applications.carried_forward.natural": 4})
    r.origins["active.regs.made"] = CellOrigin(raw="无", was_blank=True)
    return r


def test_round_trip_is_exact(tmp_path, full_report):
    path = tmp_path / "d.json"
    draft.save(full_report, path)
    loaded = draft.load(path)
    assert loaded == full_report
    assert isinstance(loaded.values["active.fees.amount"], Decimal)
    # stable, readable output: saving again gives the same bytes
    first = path.read_bytes()
    draft.save(loaded, path)
    assert path.read_bytes() == first
    text = first.decode("utf-8")
    assert "测试县人民政府办公室" in text  # not \\u escaped
    assert json.loads(text)["tables"]["active"]["fees"]["amount"] == str(full_report.values["active.fees.amount"])


def test_previous_version_kept_as_bak(tmp_path, report2021):
    path = tmp_path / "d.json"
    draft.save(report2021, path)
    first = path.read_bytes()
    report2021.header.org_name = "改名后"
    draft.save(report2021, path)
    assert (tmp_path / "d.json.bak").read_bytes() == first
    assert draft.load(path).header.org_name == "改名后"


@pytest.mark.parametrize(
    "content,words",
    [
        (b"", "损坏"),
        (b'{"app": "xxgk-report", "version": 2, "format": "2021", "hea', "损坏或不完整"),
        (b'{"hello": 1}', "不是本程序"),
        (b"[1, 2]", "不是本程序"),
        (b'{"app": "xxgk-report", "version": 99}', "较新版本"),
        (b'{"app": "xxgk-report", "version": 2, "format": "1999", "header": {}}', "不认识的报告格式"),
        (b'{"app": "xxgk-report", "version": 2, "format": "2021", "header": {"year": "x"}}', "整数"),
        (
            b'{"app": "xxgk-report", "version": 2, "format": "2021", "header": {"year": 2021},'
            b' "tables": {"active": {"regs": {"made": "abc"}}}}',
            "不是数字",
        ),
        (
            b'{"app": "xxgk-report", "version": 2, "format": "2021", "header": {"year": 2021},'
            b' "tables": {"active": {"nope": {"made": 1}}}}',
            "不认识的单元格",
        ),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"PK\x03\x04rest-of-a-zip", "Word 文档"),
    ],
)
def test_damaged_or_foreign_files_are_refused_and_untouched(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = sorted(os.listdir(tmp_path))
    with pytest.raises(draft.DraftError) as exc:
        draft.load(path)
    assert words in str(exc.value)
    assert path.read_bytes() == content
    assert sorted(os.listdir(tmp_path)) == before


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(draft.DraftError, match="找不到文件"):
        draft.load(tmp_path / "none.json")
    with pytest.raises(draft.DraftError, match="文件夹"):
        draft.load(tmp_path)


def test_cells_absent_from_a_file_are_missing_not_zero(report2021):
    data = draft.to_dict(report2021)
    del data["tables"]["appeals"]["review"]["maintain"]
    loaded = draft.from_dict(data)
    assert loaded.values["appeals.review.maintain"] is None


def test_version_1_is_migrated(report2021, fill_distinct):
    fill_distinct(report2021)
    v2 = draft.to_dict(report2021)
    v1 = {k: v for k, v in v2.items() if k != "tables"}
    v1["version"] = 1
    v1["cells"] = {
        f"{t}.{r}.{c}": v for t, rows in v2["tables"].items() for r, cols in rows.items() for c, v in cols.items()
    }
    assert draft.from_dict(v1) == report2021
    assert draft.migrate(v1)["version"] == draft.VERSION


def test_failed_replace_keeps_the_old_file(tmp_path, report2021, monkeypatch):
    path = tmp_path / "d.json"
    draft.save(report2021, path)
    before = path.read_bytes()

    def boom(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", boom)
    report2021.header.org_name = "不会写入"
    with pytest.raises(UserError, match="正在 Word/WPS 中打开|没有写入权限"):
        draft.save(report2021, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_disk_full_is_explained(tmp_path, monkeypatch):
    import errno

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UserError, match="磁盘空间不足"):
        write_atomic(tmp_path / "x.json", b"data")
    monkeypatch.undo()
    assert not (tmp_path / "x.json").exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_posix(tmp_path, report2021):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="无法写入"):
            draft.save(report2021, folder / "d.json")
    finally:
        folder.chmod(0o700)


def test_read_only_folder_even_as_root(tmp_path, report2021, monkeypatch):
    """mkstemp failing the way a read-only folder makes it fail."""
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(UserError, match="无法写入"):
        draft.save(report2021, tmp_path / "d.json")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_new_report_is_zero_filled_and_defaults(report2021):
    assert all(v == 0 for v in report2021.values.values())
    assert report2021.title == "测试县人民政府办公室2021年政府信息公开工作年度报告"
    assert "测试县人民政府办公室2021年度" in report2021.default_opening()
    loaded = draft.loads(draft.dumps(report2021))
    assert loaded == report2021


def test_report_set_refuses_derived_cells(report2021):
    with pytest.raises(ValueError):
        report2021.set("applications.granted.total", 3)
    changed = report2021.set("applications.granted.corp", 3)
    assert set(changed) >= {
        "applications.granted.corp", "applications.granted.total",
        "applications.total_processed.corp", "applications.total_processed.total",
    }


def test_fee_sentence(report2021):
    assert report2021.fee_sentence() == ""
    report2021.fees = {"notices": 0, "notice_amount": 0, "collected": 0}
    assert "未依据《政府信息公开信息处理费管理办法》收取信息处理费" in report2021.fee_sentence()
    report2021.fees = {"notices": 3, "notice_amount": Decimal("300"), "collected": Decimal("200")}
    assert report2021.fee_sentence() == (
        "本年度，本机关依据《政府信息公开信息处理费管理办法》发出收费通知3件，收费通知总金额300元，实际收取信息处理费200元。"
    )
