"""One validated way in: every field of a draft checked in one place, every failure Chinese and naming the field."""

import copy
import errno
import json
from decimal import Decimal

import pytest

from report import draft
from report.checks import check
from report.errors import UserError, describe, describe_os_error
from report.parse import CellInputError, StoredValueError, parse_cell, parse_printed, read_stored, value_problem
from report.schema import ValueKind

COUNT, SIGNED, WAN, AMOUNT = ValueKind.COUNT, ValueKind.SIGNED, ValueKind.WAN, ValueKind.AMOUNT


@pytest.fixture
def data(report2021):
    return draft.to_dict(report2021)


def refused(data) -> str:
    with pytest.raises(draft.DraftError) as exc:
        draft.from_dict(data)
    return str(exc.value)


def loads_refused(text: str) -> str:
    with pytest.raises(draft.DraftError) as exc:
        draft.loads(text)
    return str(exc.value)


@pytest.mark.parametrize(
    "change,words",
    [
        (lambda d: d["header"].__setitem__("org_name", 5), "基本信息「机关名称」（header.org_name）应为文字，不是数字"),
        (lambda d: d["header"].__setitem__("title", "长" * 501), "基本信息「标题」（header.title）有 501 个字，超过上限 500 字"),
        (lambda d: d["header"].__setitem__("year", True), "基本信息「报告年度」（header.year）应为整数"),
        (lambda d: d["header"].__setitem__("year", 100_000), "不是一个年份"),
        (lambda d: d["header"].__setitem__("sign_date", "2022-13-40"), "「成文日期」（header.sign_date）「2022-13-40」不是有效的日期"),
        (lambda d: d["header"].__setitem__("sealed", "yes"), "「加盖印章」（header.sealed）应为 true 或 false"),
        (lambda d: d["header"].__setitem__("colour", "red"), "基本信息（header）中有本程序不认识的项目「colour」"),
        (lambda d: d.__setitem__("format", ["2021"]), "报告格式（format）应为文字（如「2021」），不是列表"),
        (lambda d: d.__setitem__("format", {"id": 1}), "报告格式（format）应为文字"),
        (lambda d: d.__setitem__("texts", []), "正文（texts）应为一组键值，不是列表"),
        (lambda d: d["texts"].__setitem__("overview_active", ["a"]), "正文「一、总体情况（一）主动公开」（texts.overview_active）应为文字"),
        (lambda d: d["texts"].__setitem__("nope", "x"), "正文（texts）中有本程序不认识的部分「nope」"),
        (lambda d: d["fees"].__setitem__("notices", [1]), "信息处理费「发出收费通知件数」（fees.notices）的数值应为数字，不是一个列表"),
        (lambda d: d["fees"].__setitem__("collected", "1e400"), "信息处理费「实际收取总金额（元）」（fees.collected）的数值「1e400」不是数字"),
        (lambda d: d["fees"].__setitem__("collected", float("nan")), "（fees.collected）的数值「nan」不是有限的数字"),
        (lambda d: d["fees"].__setitem__("notice_amount", 10**400), "（fees.notice_amount）的数值位数太多"),
        (lambda d: d["tables"]["applications"]["granted"].__setitem__("natural", True), "（tables.applications.granted.natural）的数值应为数字"),
        (lambda d: d["tables"]["applications"].__setitem__("granted", [1, 2]), "表格（tables.applications.granted）应为表格数据，不是列表"),
        (lambda d: d["tables"]["applications"]["granted"].__setitem__("natural", "9" * 31), "位数太多"),
        (lambda d: d.__setitem__("acknowledged", {"W1|x": 5}), "已确认的提示「W1|x」（acknowledged）应为文字"),
        (lambda d: d.__setitem__("origins", {"active.regs.made": {"raw": 5}}), "数字来源（origins.active.regs.made）应为文字"),
        (lambda d: d.__setitem__("missing_sections", ["七"]), "「七」不是2021年格式的部分编号"),
        (lambda d: d.__setitem__("missing_sections", "一"), "缺少的部分（missing_sections）应为列表"),
        (lambda d: d.__setitem__("last_year", {"format": "1999", "year": 2020, "tables": {}}), "上年参考数据（last_year）使用了本程序不认识的报告格式"),
        (lambda d: d.__setitem__("last_year", {"format": "2021", "year": 2020, "tables": {"a": {"b": {"c": 1}}}}), "不认识的单元格「a.b.c」"),
        (lambda d: d.__setitem__("totals_as_printed", "no"), "（totals_as_printed）应为 true 或 false"),
        (lambda d: d.__setitem__("extra", 1), "草稿文件中有本程序不认识的内容「extra」"),
        (lambda d: d.__setitem__("kind", "autosave"), "kind 不是 draft"),
        (lambda d: d.__setitem__("version", True), "版本号不正确"),
    ],
)
def test_every_field_is_validated_and_named(data, change, words):
    change(data)
    message = refused(data)
    assert words in message, message
    assert message.startswith(("草稿文件已损坏：", "这不是本程序", "此草稿"))


def test_the_json_reader_refuses_nan_infinity_and_long_numbers_before_converting_them(report2021):
    text = draft.dumps(report2021)
    cell = '"natural": 0'
    assert cell in text
    assert "「NaN」不是有限的数字" in loads_refused(text.replace(cell, '"natural": NaN', 1))
    assert "「-Infinity」不是有限的数字" in loads_refused(text.replace(cell, '"natural": -Infinity', 1))
    assert "「1e309」不是有限的数字" in loads_refused(text.replace(cell, '"natural": 1e309', 1))
    # 5,000 digits: int() would raise ValueError (Python's 4,300-digit limit); the reader never calls it.
    assert "有 5,000 位数字（上限 30 位）" in loads_refused(text.replace(cell, '"natural": ' + "9" * 5000, 1))
    assert "嵌套超过 200 层" in loads_refused(text.replace(cell, '"natural": ' + "[" * 201 + "]" * 201, 1))
    assert "嵌套超过 200 层" in loads_refused(text.replace(cell, '"natural": ' + "[" * 100_000 + "]" * 100_000, 1))
    # Nesting under the limit reaches the validator, which wants a number there.
    assert "应为数字，不是一个列表" in loads_refused(text.replace(cell, '"natural": ' + "[" * 150 + "]" * 150, 1))


def test_exact_numbers_from_hand_edited_json_are_kept(report2021):
    text = draft.dumps(report2021).replace('"amount": "0"', '"amount": 3415.891', 1)
    assert draft.loads(text).values["active.fees.amount"] == Decimal("3415.891")


def test_a_lone_surrogate_survives_save_and_load(tmp_path, report2021):
    report2021.texts["overview_lead"] = "本机关\ud800坚持"
    path = tmp_path / "d.json"
    draft.save(report2021, path)
    assert "\\ud800" in path.read_text(encoding="utf-8")  # UTF-8 cannot hold it: escaped, not dropped
    assert draft.load(path).texts["overview_lead"] == "本机关\ud800坚持"


def test_fees_go_through_e7_and_w6_never_proposes_an_impossible_sentence(report2021):
    fmt = report2021.format
    report2021.texts[fmt.fee_text_field] = ""
    for fees, words in (
        ({"notices": 2, "notice_amount": Decimal(-5), "collected": Decimal(0)}, "「收费通知总金额（元）」：金额不能为负数，填写的是 -5"),
        ({"notices": Decimal("1.5"), "notice_amount": Decimal(5), "collected": Decimal(5)}, "「发出收费通知件数」：件数应为整数，填写的是 1.5"),
        ({"notices": 1, "notice_amount": Decimal("1.1234567"), "collected": None}, "最多保留 6 位小数"),
        ({"notices": 10**10, "notice_amount": None, "collected": None}, "超出上限"),
    ):
        report2021.fees = fees
        result = check(report2021)
        e7 = [f.message for f in result.errors if f.code == "E7"]
        assert any(words in m for m in e7), e7
        assert report2021.fee_sentence() == ""
        assert not any("-5元" in f.message or "收费通知1.5件" in f.message for f in result.findings)
    report2021.fees = {"notices": 2, "notice_amount": Decimal(200), "collected": Decimal(100)}
    assert not [f for f in check(report2021).errors if f.code == "E7"]
    assert "收费通知总金额200元" in report2021.fee_sentence()


def test_an_imported_report_with_impossible_printed_figures_still_opens_and_is_flagged(report2021):
    data = draft.to_dict(report2021)
    data["totals_as_printed"] = True
    data["tables"]["applications"]["granted"]["natural"] = -3
    data["tables"]["active"]["regs"]["made"] = "1.5"
    report = draft.from_dict(copy.deepcopy(data))
    messages = [f.message for f in check(report).errors if f.code == "E7"]
    assert any("件数不能为负数，表中为 -3" in m for m in messages)
    assert any("件数应为整数，表中为 1.5" in m for m in messages)


def test_one_rule_for_every_way_in():
    assert value_problem(-1, COUNT) == "negative" and value_problem(-1, SIGNED) is None
    assert value_problem(Decimal("1.5"), COUNT) == "fraction"
    assert value_problem(Decimal("-0.1"), AMOUNT) == "negative"
    assert value_problem(10**9, COUNT) == "too_large"
    for text, kind in (("-1", COUNT), ("1.5", COUNT), ("1000000000", COUNT), ("-1", WAN), ("1.2345678", WAN)):
        with pytest.raises(CellInputError):
            parse_cell(text, kind)


def test_over_long_numbers_are_refused_before_int():
    with pytest.raises(CellInputError, match="位数太多"):
        parse_cell("9" * 5000, COUNT)
    assert parse_printed("合计 " + "7" * 5000 + " 件", COUNT) is None  # a run of digits, not a figure
    assert parse_printed("12", COUNT) == 12
    for bad in (float("nan"), float("inf"), True, [1], {"a": 1}, "1e5", "abc", 10**31, Decimal("1E+40")):
        with pytest.raises(StoredValueError):
            read_stored(bad)
    assert read_stored("3415.891") == Decimal("3415.891") and read_stored(7) == 7 and read_stored(None) is None


@pytest.mark.parametrize(
    "code,writing,words",
    [
        (errno.ENOSPC, True, "磁盘空间不足"),
        (errno.EISDIR, True, "是一个文件夹"),
        (errno.EISDIR, False, "是一个文件夹，不是文件"),
        (errno.ENOENT, False, "找不到文件"),
        (errno.ENOENT, True, "所在的文件夹不存在"),
        (errno.EACCES, True, "正在 Word/WPS 中打开"),
        (errno.EACCES, False, "没有权限读取"),
        (errno.EROFS, True, "只读"),
        (errno.EBUSY, False, "正被其他程序"),
        (errno.ENAMETOOLONG, True, "太长"),
        (errno.EIO, False, "设备出错"),
        (errno.ELOOP, False, "系统错误代码"),
    ],
)
def test_os_errors_in_chinese(code, writing, words):
    exc = OSError(code, "English strerror that must not show", "/tmp/报告.docx")
    text = describe_os_error(exc, "/tmp/报告.docx", writing=writing)
    assert words in text and "English" not in text and "/tmp/报告.docx" in text


def test_a_file_locked_by_word_on_windows():
    exc = PermissionError(13, "The process cannot access the file")
    exc.winerror = 32
    assert "正被其他程序（如 Word、WPS）占用" in describe(exc, "报告.docx", writing=True)


def test_zip_xml_and_python_limits_in_chinese():
    import zipfile
    from xml.etree.ElementTree import ParseError

    assert "不是有效的 Word 文档" in describe(zipfile.BadZipFile("File is not a zip file"), "a.docx")
    assert "XML 数据已损坏" in describe(ParseError("not well-formed"), "a.docx")
    assert "嵌套过深" in describe(RecursionError("maximum recursion depth exceeded"), "a.html")
    try:
        int("9" * 5000)
    except ValueError as exc:
        assert "位数过多" in describe(exc, "a.txt")
    assert describe(KeyError("bug"), "a") is None  # a bug stays a bug
    assert describe(UserError("原话"), "a") == "原话"


def test_check_exits_2_on_anything_it_cannot_read_and_suggests_import(tmp_path, capsys):
    from report.cli import main

    cases = {
        "报告.txt": "一、总体情况\n本年度……".encode(),
        "报告.html": "<html><body>报告</body></html>".encode(),
        "报告.docx": b"PK\x03\x04" + b"\0" * 100,
        "报告.pdf": b"%PDF-1.4\n",
        "坏.json": b'{"app": "xxgk-report", "version": 2, "format": "2021", "hea',
    }
    for name, content in cases.items():
        (tmp_path / name).write_bytes(content)
        assert main(["check", str(tmp_path / name)]) == 2, name
        err = capsys.readouterr().err
        assert err.startswith("错误：")
        if name.endswith(".json"):
            assert "损坏或不完整" in err and "没有备份" in err
        else:
            assert "xxgk import" in err and ".bak" not in err, err
    (tmp_path / "坏.json.bak").write_bytes(b"{}")
    assert main(["check", str(tmp_path / "坏.json")]) == 2
    assert "「坏.json.bak」是上一次保存的版本" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 2
    assert "是一个文件夹" in capsys.readouterr().err


def test_cli_os_errors_exit_2_in_chinese(tmp_path, capsys, report2021):
    from report.cli import main

    d = tmp_path / "d.json"
    draft.save(report2021, d)
    (tmp_path / "out.csv").mkdir()
    assert main(["export", str(d), "-o", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert "是一个文件夹" in err and "directory" not in err.lower()
    assert main(["export", str(d), "-o", str(tmp_path / "没有" / "out.csv")]) == 2
    assert "所在的文件夹不存在" in capsys.readouterr().err


def test_cli_turns_an_escaped_os_error_into_chinese(monkeypatch, capsys, tmp_path):
    """An OSError no reader wrapped still reaches the user in Chinese, exit 2 (not the bug apology)."""
    from report.cli import check as check_cmd
    from report.cli import main

    def boom(path):
        raise OSError(errno.EIO, "Input/output error", str(path))

    monkeypatch.setattr(check_cmd.draft, "load", boom)
    assert main(["check", str(tmp_path / "d.json")]) == 2
    err = capsys.readouterr().err
    assert "设备出错" in err and "Input/output" not in err


def test_round_trip_of_the_samples_is_exact():
    from report.resources import resource_path

    for name in ("sample-2021.json", "sample-2019.json"):
        path = resource_path("samples", name)
        text = path.read_text(encoding="utf-8")
        assert json.loads(draft.dumps(draft.loads(text))) == json.loads(text)
