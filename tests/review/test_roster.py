"""The roster: read from .xlsx and .csv, names matched with and without their place prefix, bad rosters refused in Chinese."""

import pytest

from report.errors import UserError
from report.names import best_match, is_government, report_subject, same_agency, title_subject
from report.review import OWN, WHOLE, read_roster

from .conftest import ROSTER_ROWS, write_roster


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_roster_columns_parents_and_scopes(tmp_path, suffix):
    roster = read_roster(write_roster(tmp_path / f"名单{suffix}", ROSTER_ROWS))
    assert [u.name for u in roster.units] == [r[0] for r in ROSTER_ROWS]
    county, land, school, health = roster.units
    assert county.scope == WHOLE and land.scope == OWN
    assert land.parent_unit is county and county.children == [land, school, health]
    assert [u.row for u in roster.units] == [2, 3, 4, 5]
    assert roster.notes == []


def test_roster_header_order_and_words_are_free(tmp_path):
    path = write_roster(
        tmp_path / "名单.csv",
        [("全县", "某县人民政府", ""), ("本级", "某县人民政府（本级）", "某县人民政府"), ("", "某县教育局", "某县")],
        header=("统计口径", "单位名称", "上级单位"),
    )
    roster = read_roster(path)
    gov, own, school = roster.units
    assert (gov.scope, own.scope, school.scope) == (WHOLE, OWN, "")
    assert school.parent_unit is gov  # 「某县」 is 某县人民政府
    assert roster.own_unit_of(gov) is own


def test_a_gbk_csv_from_an_old_excel_is_read(tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes("机关名称,上级机关\r\n某县教育局,某县人民政府\r\n某县人民政府,\r\n".encode("gbk"))
    roster = read_roster(path)
    assert [u.name for u in roster.units] == ["某县教育局", "某县人民政府"]
    assert roster.units[0].parent_unit is roster.units[1]


@pytest.mark.parametrize("name,expected", [
    ("攀枝花市米易县自然资源局", "米易县自然资源局"),  # with the city prefix
    ("米易县自然资源局", "米易县自然资源局"),
    ("攀枝花市米易县", "米易县人民政府"),  # a bare place is its government
    ("米易县人民政府", "米易县人民政府"),
    ("教育局", "米易县教育局"),  # without the county prefix: the only 教育局 on the roster
    ("米易县 教育局", "米易县教育局"),  # spaces and punctuation do not count
    ("米易县人民政府办公室", None),  # the office is not the government
    ("米易县交通运输局", None),
    ("盐边县自然资源局", None),  # another county's bureau
])
def test_names_match_with_and_without_the_place_prefix(tmp_path, name, expected):
    roster = read_roster(write_roster(tmp_path / "名单.xlsx", ROSTER_ROWS))
    unit = roster.match(name)
    assert (unit.name if unit else None) == expected


def test_a_near_miss_is_suggested_not_matched(tmp_path):
    roster = read_roster(write_roster(tmp_path / "名单.xlsx", ROSTER_ROWS))
    assert roster.match("米易县卫生建康局") is None  # a typo
    assert roster.similar("米易县卫生建康局").name == "米易县卫生健康局"
    assert roster.similar("某某大学") is None


@pytest.mark.parametrize("content,message", [
    ("单位\n", "没有机关名称"),
    ("名字,上级\n甲,\n", "找不到「机关名称」列"),
    ("机关名称,口径\n某县人民政府,部分\n", "第 2 行的口径「部分」无法识别"),
    ("机关名称\n某县教育局\n某县教育局\n", "「某县教育局」出现了两次（第 2 行和第 3 行）"),
    ("机关名称,上级机关\n甲局,乙局\n乙局,甲局\n", "上级机关形成了循环"),
])
def test_bad_rosters_are_refused_in_chinese(tmp_path, content, message):
    path = tmp_path / "名单.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as e:
        read_roster(path)
    assert message in str(e.value)


def test_wrong_files_are_refused(tmp_path):
    fake = tmp_path / "名单.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="不是有效的 .xlsx 文件"):
        read_roster(fake)
    doc = tmp_path / "名单.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(UserError, match="只能是 .xlsx 或 .csv"):
        read_roster(doc)
    with pytest.raises(UserError, match="找不到名单文件"):
        read_roster(tmp_path / "没有.xlsx")
    binary = tmp_path / "二进制.csv"
    binary.write_bytes(b"\x00\xff\xfe\x00" * 50)
    with pytest.raises(UserError):
        read_roster(binary)


def test_a_parent_not_on_the_roster_is_a_note(tmp_path):
    roster = read_roster(write_roster(tmp_path / "名单.xlsx", [("某县教育局", "某市教育局", "")]))
    assert roster.units[0].parent_unit is None
    assert "上级机关「某市教育局」不在名单中" in roster.notes[0]


def test_subjects_and_governments():
    assert title_subject("2020年度平安区新农村建设服务中心政府信息公开工作年度报告") == "平安区新农村建设服务中心"
    assert title_subject("攀枝花市米易县2021年政府信息公开工作年度报告") == "攀枝花市米易县"
    assert is_government("某县人民政府") and is_government("攀枝花市米易县") and is_government("某某镇人民政府")
    assert not is_government("某县人民政府办公室") and not is_government("城乡规划编制研究中心")
    assert same_agency("米易县人民政府", "攀枝花市米易县") and not same_agency("自然资源局", "米易县自然资源局")
    assert best_match(["甲县教育局", "乙县教育局"], "教育局") is None  # two bureaus of that name: no guess


def test_report_subject_is_the_titles_not_the_signers():
    from report.model import Report

    report = Report.new(2021, "某县人民政府办公室")
    report.header.signer = "某县人民政府办公室"
    report.header.title = "某县人民政府2021年政府信息公开工作年度报告"
    assert report_subject(report) == "某县人民政府"
    report.header.title = ""
    assert report_subject(report) == "某县人民政府办公室"
