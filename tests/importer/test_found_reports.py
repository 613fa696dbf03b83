"""Real reports found on the web (fixtures/found/SOURCES.md): every number hand-copied from the texts.

The stored copies stop in the middle of a table, so every cell the text never printed must be
missing; a cell read with an assumption must say so in its origin.
"""

import datetime as dt
from decimal import Decimal

import pytest

from report.checks import check
from report.formats import FORMATS
from report.importer import import_file
from report.importer.header import organ_of_place
from report.importer.normalise import has_traditional, t2s, t2s_phrases
from report.importer.sections import split_run_in_headings
from report.importer.stream import Para

from .conftest import FIXTURES, REAL
from .test_real_reports import table_values

FOUND = FIXTURES / "found"
ZERO7 = [0] * 7
NONE7 = [None] * 7


def rows_of(report, table, given):
    """{row key: expected values}: the given rows, every other row of the table missing."""
    t = report.format.table(table)
    return {row.key: given.get(row.key, [None] * len(t.columns_of(row.key))) for _, row in t.iter_rows()}


def inferred(report, cid):
    """A cell the importer filled from the table's sums, not from a printed number (flagged as assumed)."""
    origin = report.origins.get(cid)
    return bool(origin and not origin.missing and origin.reason.startswith("原文缺失"))


def printed_values(report, table):
    """``table_values`` with the cells inferred from the sums left out (None): what the copy printed."""
    out = table_values(report, table)
    t = report.format.table(table)
    for _, row in t.iter_rows():
        cols = t.columns_of(row.key)
        out[row.key] = [None if inferred(report, f"{table}.{row.key}.{c.key}") else v for c, v in zip(cols, out[row.key])]
    return out


def printed_found(report):
    return sum(1 for cid, v in report.values.items() if v is not None and not inferred(report, cid))


def appeals(report):
    return [None if inferred(report, c.id) else report.values[c.id] for c in report.format.table("appeals").cells]


def reason(report, cid):
    origin = report.origins.get(cid)
    return origin.reason if origin else ""


def assert_unflagged_except(report, flagged):
    """Every cell read without a note, except those named (which must carry one)."""
    for cid, value in report.values.items():
        origin = report.origins.get(cid)
        if value is None:
            assert origin is not None and origin.missing and origin.reason, cid
        elif cid in flagged or inferred(report, cid):
            assert origin is not None and origin.reason, cid
        else:
            assert origin is None or not origin.reason, (cid, origin)


def test_dongtou_2021_pipe_rows_with_empty_cells():
    report, summary = import_file(FOUND / "dongtou-nyj-2021.txt")
    assert report.format_id == "2021"
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [1, 0, 18], "licensing": [1240], "penalty": [191], "coercion": [0],
        "fees": [Decimal(51)],
    }
    assert printed_values(report, "applications") == rows_of(report, "applications", {})
    assert appeals(report) == [None] * 15
    assert printed_found(report) == 10
    assert report.header.year == 2021
    assert report.missing_sections == ["四", "五", "六"]
    assert report.texts["overview_lead"].startswith("2021年,温州市洞头区农业农村局")
    assert_unflagged_except(report, set())


def test_longgang_2024_nonzero_applications_and_a_cut_row():
    report, summary = import_file(FOUND / "longgang-2024.txt")
    assert report.format_id == "2021"
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [5, 1, 25], "licensing": [0], "penalty": [0], "coercion": [0],
        "fees": [Decimal(0)],
    }
    printed = {
        "new_received": [58, 7, 0, 0, 1, 0, 66],
        "carried_over": [2, 0, 0, 0, 0, 0, 2],
        "granted": [2, 1, 0, 0, 0, 0, 3],
        "partial": [16, 1, 0, 0, 0, 0, 17],
        "deny_secret": ZERO7, "deny_law": ZERO7, "deny_safety": ZERO7, "deny_third": ZERO7,
        "deny_internal": [1, 0, 0, 0, 0, 0, 1],
        "deny_process": ZERO7,
        # six zeros printed before the copy ends: read as the six entered columns (flagged), the 总计 then
        # computed from them (inferred, flagged too)
        "deny_enforce": [0] * 6 + [None],
    }
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    enforce = [f"applications.deny_enforce.{c.key}" for c in report.format.table("applications").columns]
    assert_unflagged_except(report, set(enforce))
    assert "总计" in reason(report, enforce[0])
    assert appeals(report) == [None] * 15
    assert report.header.year == 2024
    assert printed_found(report) == 10 + 11 * 7 - 1  # the 总计 of the cut row is inferred, not printed


def test_wuhan_2020_taiwan_phrases_local_notes_and_an_extra_row():
    report, summary = import_file(FOUND / "wuhan-sthjj-2020-tw.txt")
    assert report.format_id == "2019"
    assert table_values(report, "active") == {
        "regs": [0, 0, 0],
        "norm_docs": [2, 2, 19],  # 規範性檔案 (Taiwan phrase for 规范性文件), not the extra row 其他主動公開檔案 186/86/255
        "licensing": [8, 5, 93],
        "other_services": [117, 0, 165],  # its note names 行政许可 and 行政处罚: still this row
        "penalty": [90, 0, 22],
        "coercion": [4, 4, 0],  # printed 「-」
        "fees": [None, None],  # the row is printed with empty cells only
        "procurement": [None, None],
    }
    assert report.origins["active.coercion.decisions"].raw == "-"
    assert_unflagged_except(report, {"active.coercion.decisions"})
    assert printed_values(report, "applications") == rows_of(report, "applications", {})
    assert appeals(report) == [None] * 15
    assert any("繁体" in n for n in summary.notes)
    assert not any("不止一次" in n for n in summary.notes)
    # no title and no section 一: the year comes from the opening sentence, flagged
    assert report.header.year == 2020
    assert any(a.what == "报告年度" and "2020年" in a.reason for a in summary.assumed)


def test_mirror_2019_cell_per_line_change_in_words():
    report, summary = import_file(FOUND / "mirror-2019fmt-bureau.txt")
    assert report.format_id == "2019"
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0],
        "licensing": [6, -4, 2],  # 本年增/减 printed 「减4」
        "other_services": [0, 0, 0], "penalty": [2, 0, 2], "coercion": [0, 0, 0],
        "fees": [0, 0], "procurement": [6, Decimal("52.15")],
    }
    assert report.origins.get("active.licensing.delta") is None or report.origins["active.licensing.delta"].raw in ("", "减4")
    printed = {"new_received": ZERO7, "carried_over": ZERO7, "granted": ZERO7, "partial": ZERO7}
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert_unflagged_except(report, set())
    assert appeals(report) == [None] * 15
    assert printed_found(report) == 22 + 28


def test_xiongxian_2019_labels_without_numbers_stay_missing():
    report, summary = import_file(FOUND / "xiongxian-2019.txt")
    assert report.format_id == "2019"
    assert printed_found(report) == 0  # not even 规章, which kept one 「0」 of its three numbers
    assert all(v is None for v in report.values.values())
    assert_unflagged_except(report, set())
    assert report.header.year == 2019
    assert report.missing_sections == ["五", "六"]


def test_yueyang_2019_sparse_rows_are_not_guessed():
    report, summary = import_file(FOUND / "yueyang-nanhu-2019.txt")
    assert report.format_id == "2019"
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [0, 0, 0], "other_services": [0, 0, 0],
        "penalty": [0, 0, 0], "coercion": [0, 0, 0], "fees": [0, 0], "procurement": [0, Decimal(0)],
    }
    # 「3 | 3 |」 then empty cells: which two of the seven columns hold the 3s is lost
    assert printed_values(report, "applications") == rows_of(report, "applications", {})
    assert "7" in reason(report, "applications.new_received.natural")
    assert_unflagged_except(report, set())
    assert printed_found(report) == 22


@pytest.mark.parametrize("name", sorted(p.name for p in FOUND.glob("*.txt")))
def test_every_found_report_reads_without_inventing(name):
    report, summary = import_file(FOUND / name)
    assert summary.found == sum(1 for v in report.values.values() if v is not None)
    for cid, value in report.values.items():  # a value not printed is there only as an inference, said so
        if value is not None and inferred(report, cid):
            assert any(a.cell_id == cid for a in summary.assumed), cid
    assert {m.cell_id for m in summary.missing} == {c for c, v in report.values.items() if v is None}


def test_headings_run_into_one_line_are_cut():
    line = Para("一、总体情况 本机关依法公开。 二、主动公开政府信息情况 三、收到和处理政府信息公开申请情况 六、其他需要报告的事项 无。")
    out = [p.text for p in split_run_in_headings([line], FORMATS.values())]
    assert out == [
        "一、总体情况", "本机关依法公开。", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "六、其他需要报告的事项", "无。",
    ]
    mention = Para("详见二、主动公开政府信息情况的表格。")
    assert [p.text for p in split_run_in_headings([mention], FORMATS.values())] == [mention.text]


def test_taiwan_phrases_are_undone_for_labels_only():
    assert t2s_phrases("規範性檔案") == "规范性文件"
    assert t2s("市檔案館") == "市档案馆"  # prose keeps the plain conversion


def test_wendeng_audit_2020_flipbook_page_with_prose_in_table_part():
    report, summary = import_file(FOUND / "wendeng-sjj-2020-page9.txt")
    assert report.format_id == "2019"  # from the year in the text, flagged
    assert any(a.what == "报告格式" for a in summary.assumed)
    # 「四、结转下年度继续办理 0 0 0 0 0 0 0」 stands before 四's heading on this page
    assert printed_values(report, "applications") == rows_of(report, "applications", {"carried_forward": ZERO7})
    # the 「2020 年」 of the sentence between 四's heading and its table is no cell
    assert appeals(report) == [0] * 15
    assert all(v is None for k, v in report.values.items() if k.startswith("active."))
    assert_unflagged_except(report, set())
    assert report.header.year == 2020 and any(a.what == "报告年度" for a in summary.assumed)
    assert report.texts["problems"].startswith("2020年,在区政府及上级主管部门的大力指导支持")
    assert report.texts["problems"].endswith("中的重要作用。")
    assert "P." not in report.texts["problems"]


def test_wendeng_petitions_2022_viewer_prefix_before_title():
    report, summary = import_file(FOUND / "wendeng-xfj-2022-page8.txt")
    assert report.format_id == "2021"
    assert (report.header.org_name, report.header.year) == ("威海市文登区信访局", 2022)
    assert appeals(report) == [0] * 15
    assert printed_found(report) == 15
    assert_unflagged_except(report, set())
    assert report.texts["problems"].startswith("总结我局本年度政府信息公开工作")
    assert report.texts["improvements"].startswith("针对以上问题,我局从以下几个方面着手")


def test_shanghai_2022_page_start_header_and_overview_only():
    report, summary = import_file(FOUND / "shanghai-2022-start.txt")
    h = report.header
    assert (h.org_name, h.year) == ("上海市人民政府", 2022)  # the title names the place only: assumed, flagged
    assert h.title == "2022年上海市政府信息公开工作年度报告"
    assert h.opening.startswith("本年度报告根据《中华人民共和国政府信息公开条例》")
    assert "字号" not in h.opening
    assert report.format_id == "2021" and any(a.what == "报告格式" for a in summary.assumed)
    assert printed_found(report) == 0 and all(v is None for v in report.values.values())
    lead = report.texts["overview_lead"]
    assert lead.startswith("2022年,上海市坚持以习近平新时代中国特色社会主义思想为指导")
    assert "主动公开市政府规章13件" in lead and lead.endswith("全力做好浦东")
    assert report.missing_sections == ["二", "三", "四", "五", "六"]


def test_tongji_2023_slashes_and_rows_with_bare_empty_cells():
    report, summary = import_file(FOUND / "tongji-2023-slash.txt")
    assert report.format_id == "2021" and report.header.year == 2023
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [0], "penalty": [0], "coercion": [0],
        "fees": [Decimal(0)],
    }
    regs = {f"active.regs.{c}" for c in ("made", "repealed", "valid")}
    assert all(report.origins[c].raw == "/" and report.origins[c].was_blank for c in regs)
    assert_unflagged_except(report, regs)
    # 一 and 二 print six bare 「|」 cells and 总计 「0」: which cells the one number belongs to is not known
    assert printed_values(report, "applications") == rows_of(report, "applications", {})
    assert printed_found(report) == 10


def test_changchun_2023_markdown_rows():
    report, summary = import_file(FOUND / "changchun-2023-markdown.txt")
    assert report.format_id == "2021" and report.header.year == 2023
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [0], "penalty": [0], "coercion": [0],
        "fees": [Decimal(0)],
    }
    printed = {"new_received": [3, 0, 0, 0, 0, 0, 3], "carried_over": ZERO7}
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert_unflagged_except(report, set())
    assert printed_found(report) == 10 + 14


def test_hanyang_2022_a_row_with_an_empty_cell_and_counts_in_prose():
    report, summary = import_file(FOUND / "hanyang-2022.txt")
    assert report.format_id == "2021" and report.header.year == 2022
    assert table_values(report, "active") == {
        "regs": [None, None, None],  # 「0 | 0 | |」: which of the three cells is the empty one is lost
        "norm_docs": [5, 12, 8], "licensing": [0], "penalty": [0], "coercion": [0], "fees": [Decimal(0)],
    }
    # the sentence 「共收到8份…予以公开2件,部分公开2件…」 before the table is no row
    printed = {"new_received": [8, 0, 0, 0, 0, 0, 8], "carried_over": ZERO7}
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert_unflagged_except(report, set())
    assert printed_found(report) == 7 + 14


def test_sjzca_2023_title_twice_and_old_row_label():
    report, summary = import_file(FOUND / "sjzca-tongji-2023.txt")
    assert report.format_id == "2021"
    assert (report.header.org_name, report.header.year) == ("", 2023)  # the copy names no agency
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0],  # printed 「规范性文件」
        "licensing": [0], "penalty": [0], "coercion": [0], "fees": [None],
    }
    assert_unflagged_except(report, set())
    assert printed_found(report) == 9


def test_tianjin_hongqiao_2022_nonzero_tables_and_no_agency_in_the_copy():
    report, summary = import_file(FOUND / "tianjin-hongqiao-zwfwb-2022.txt")
    assert report.format_id == "2021" and report.header.year == 2022
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [1517], "penalty": [0], "coercion": [0],
        "fees": [Decimal(0)],
    }
    printed = {
        "new_received": [1, 0, 0, 0, 0, 3, 4],
        "carried_over": ZERO7,
        "granted": [1, 0, 0, 0, 0, 3, 4],
    }
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert_unflagged_except(report, set())
    assert summary.missing_fields == ["机关名称"]
    assert report.texts["overview_lead"].startswith("按照区委、区政府有关要求")


def test_chongqing_erlang_2022_street_office():
    report, summary = import_file(FOUND / "chongqing-jlp-erlang-2022.txt")
    assert (report.header.org_name, report.header.year) == ("重庆市九龙坡区二郎街道办事处", 2022)
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [4, 0, 4], "licensing": [0], "penalty": [0], "coercion": [0],
        "fees": [None],  # the copy stops inside the block's header
    }
    assert printed_found(report) == 9
    assert_unflagged_except(report, set())
    assert report.texts["overview_on_request"] == "全年新收政府信息公开申请数量0件,上年结转政府信息公开申请数量0件。"


def test_yangling_2022_aspects_and_zero_table_two():
    report, summary = import_file(FOUND / "yangling-sjj-2022.txt")
    assert report.format_id == "2021" and report.header.year == 2022
    assert all(v == [0] or v == [0, 0, 0] or v == [Decimal(0)] for v in table_values(report, "active").values())
    assert printed_found(report) == 10
    assert_unflagged_except(report, set())
    assert report.texts["overview_active"] == "2022年,我局通过示范区管委会网站审计信息栏目公开信息20条。"
    assert report.texts["overview_platform"].startswith("本单位无部门网站")


def test_changchun_erdao_2022_bare_cells_are_not_guessed():
    report, summary = import_file(FOUND / "changchun-erdao-fwzs-2022.txt")
    assert report.format_id == "2021"
    assert all(v in ([0], [0, 0, 0], [Decimal(0)]) for v in table_values(report, "active").values())
    # 「56 |」 then five bare 「|」 lines then 「56 |」: the columns of the numbers are not provable
    assert all(v is None for v in printed_values(report, "applications")["new_received"])
    assert_unflagged_except(report, set())
    assert printed_found(report) == 10


def test_xinjiang_town_2023_cells_between_bare_pipes():
    report, summary = import_file(FOUND / "xinjiang-nlk-town-2023.txt")
    assert report.format_id == "2021" and report.header.year == 2023
    assert table_values(report, "active")["regs"] == [0, 0, 6]
    printed = {k: ZERO7 for k in ("new_received", "carried_over", "granted", "partial", "deny_secret", "deny_law",
                                  "deny_safety", "deny_third", "deny_internal")}
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert_unflagged_except(report, set())
    assert summary.missing_fields == ["机关名称"]


def test_guizhou_yelang_2023_in_the_2019_format():
    report, summary = import_file(FOUND / "guizhou-tongzi-yelang-2023.txt")
    assert report.format_id == "2019" and report.header.year == 2023
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [0, 0, 0], "other_services": [0, 0, 0],
        "penalty": [0, 0, 0], "coercion": [0, 0, 0], "fees": [2, 0], "procurement": [0, Decimal(0)],
    }
    assert report.header.org_name == "桐梓县夜郎镇人民政府"
    assert any(a.what == "机关名称" and "本级政府" in a.reason for a in summary.assumed)
    assert printed_found(report) == 22
    assert_unflagged_except(report, set())


def test_hunan_yanglin_2023_short_title_and_empty_rows():
    report, summary = import_file(FOUND / "hunan-hengdong-yanglin-2023.txt")
    assert report.format_id == "2019" and report.header.year == 2023
    assert report.header.title == "衡阳市衡东县杨林镇2023年政府信息公开年度报告"
    assert report.header.org_name == "衡阳市衡东县杨林镇人民政府"
    active = table_values(report, "active")
    assert active["regs"] == [1, 1, 1] and active["norm_docs"] == [22, 22, 22]
    assert active["procurement"] == [0, Decimal(0)]
    for row in ("licensing", "other_services", "penalty", "coercion", "fees"):
        assert all(v is None for v in active[row]), row  # printed as empty cells only
    assert printed_found(report) == 8
    assert_unflagged_except(report, set())


def test_liaoning_qijiazi_2023_garbled_title_and_a_penalty_count():
    report, summary = import_file(FOUND / "liaoning-changtu-qijiazi-2023.txt")
    assert report.format_id == "2021" and report.header.year == 2023
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [0], "penalty": [30], "coercion": [0],
        "fees": [Decimal(0)],
    }
    printed = {"new_received": ZERO7, "carried_over": ZERO7}
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert_unflagged_except(report, set())


def test_henan_xinye_2021_digits_run_into_their_labels():
    report, summary = import_file(FOUND / "henan-xinye-wjw-2021.txt")
    # 「（单位:万元,保留4位小数）」: the 河南 variant of the 2021 format, recognised by its own wording
    assert report.format_id == "2021-henan" and report.header.year == 2021
    assert report.header.org_name == "新野县卫生健康委员会"
    active = table_values(report, "active")
    assert active["licensing"] == [707] and active["penalty"] == [6] and active["coercion"] == [0]
    assert active["regs"] == [0, 0, 0]  # 「规章000」: the only split, flagged
    assert all("连在一起" in reason(report, f"active.regs.{c}") for c in ("made", "repealed", "valid"))
    assert active["norm_docs"] == [None, None, None]  # 「040」: nothing proves 0/4/0
    rows = table_values(report, "applications")
    assert rows["new_received"] == [2, 0, 0, 0, 0, 0, 2] and rows["granted"] == [1, 0, 0, 0, 0, 0, 1]
    assert "推定" in reason(report, "applications.new_received.natural")
    split = {c for c in report.values if c.startswith(("applications.new_received", "applications.carried_over",
                                                         "applications.granted", "applications.partial",
                                                         "applications.deny_secret", "applications.deny_law",
                                                         "applications.deny_safety"))} | {
        f"active.regs.{c}" for c in ("made", "repealed", "valid")}
    assert_unflagged_except(report, split)


def test_liaoning_jianping_2020_negative_changes_one_cell_per_line():
    report, summary = import_file(FOUND / "liaoning-jianping-wjj-2020.txt")
    assert report.format_id == "2019" and report.header.year == 2020
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [13, 0, 847], "other_services": [0, 0, 0],
        "penalty": [72, -3, 322], "coercion": [8, -1, 0], "fees": [0, 0], "procurement": [0, Decimal(0)],
    }
    assert printed_found(report) == 22
    assert_unflagged_except(report, set())
    assert summary.missing_fields == ["机关名称"]


def test_jiangxi_hukou_2022_bar_lines_between_rows():
    report, summary = import_file(FOUND / "jiangxi-hukou-wjw-2022.txt")
    assert report.format_id == "2021" and report.header.year == 2022
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [325], "penalty": [49], "coercion": [0],
        "fees": [None],
    }
    assert printed_found(report) == 9
    assert_unflagged_except(report, set())


def test_hunan_hengnan_2020_nonzero_2019_table_and_blank_row():
    report, summary = import_file(FOUND / "hunan-hengnan-wjj-2020.txt")
    assert report.format_id == "2019" and report.header.year == 2020
    assert report.header.org_name == "衡南县卫生健康局"
    active = table_values(report, "active")
    assert active["regs"] == [6, 2, 10] and active["norm_docs"] == [198, 7, 21]
    assert active["licensing"] == [18, 0, 1625] and active["other_services"] == [None, None, None]
    assert active["penalty"] == [137, 0, 112] and active["coercion"] == [12, 0, 21]
    assert printed_found(report) == 15
    assert_unflagged_except(report, set())


def test_shenyang_yingbinlu_2021_street_office_and_a_review_told_in_prose():
    report, summary = import_file(FOUND / "shenyang-yuhong-yingbinlu-2021.txt")
    assert report.format_id == "2021" and report.header.year == 2021
    # the title names the 街道 only: its organ is the 街道办事处 (a 街道 has no 人民政府), assumed and said so
    assert report.header.org_name == "迎宾路街道办事处"
    assert report.header.title == "2021年迎宾路街道政府信息公开工作年度报告"
    assert any(a.what == "机关名称" and "街道办事处" in a.reason for a in summary.assumed)
    # 「信息公开类行政复议1起,正在办理中」 is prose: table 四 is not in the copy and stays missing, not 1
    assert report.texts["overview_on_request"].endswith("信息公开类行政复议1起,正在办理中。")
    assert appeals(report) == [None] * 15
    assert all(reason(report, c.id) for c in report.format.table("appeals").cells)
    assert printed_found(report) == 0 and summary.found == 0
    assert report.missing_sections == ["二", "三", "四", "五", "六"]
    assert_unflagged_except(report, set())
    result = check(report)
    assert not [f for f in result.errors if f.code in ("E1", "E2", "E3", "E4", "E5", "E6")]


def test_xining_chengzhong_2025_regulations_made_but_none_valid():
    report, summary = import_file(FOUND / "xining-chengzhong-cxjsj-2025.txt")
    assert report.format_id == "2021" and report.header.year == 2025
    assert summary.missing_fields == ["机关名称"]  # 「区城乡建设局」 only: the copy names no agency
    assert table_values(report, "active") == {
        "regs": [2, 0, 0],  # printed so: 2 made, none repealed, none in force (a 区 bureau printing 规章 at all)
        "norm_docs": [0, 0, 0], "licensing": [85], "penalty": [4], "coercion": [0], "fees": [Decimal(0)],
    }
    printed = {
        "new_received": [1, 0, 0, 0, 0, 11, 12],  # 11 of the 12 from 其他 organisations; the row adds up
        "carried_over": ZERO7, "granted": ZERO7, "partial": ZERO7,
    }
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert printed_found(report) == 10 + 4 * 7
    # 「也无因信息公开导致行政复议以及行政诉讼的情况」 is prose: table 四 is not in the copy, no 0 is made up
    assert appeals(report) == [None] * 15
    assert report.missing_sections == ["四", "五", "六"]
    assert_unflagged_except(report, set())

    result = check(report)
    w2 = [f for f in result.warnings if f.code == "W2"]
    assert len(w2) == 1 and "规章" in w2[0].message and "0" in w2[0].message and "（2）" in w2[0].message
    assert {c.id for c in w2[0].cells} == {"active.regs.valid", "active.regs.made", "active.regs.repealed"}
    assert not [f for f in result.warnings if f.code == "W2" and "行政规范性文件" in f.message]
    # the rows printed add up: no hard arithmetic error on them (E7/E8 name only what the copy lost)
    assert not [f for f in result.errors if f.code in ("E1", "E2", "E3", "E4", "E5", "E6")]
    assert {f.code for f in result.errors} <= {"E7", "E8"}


@pytest.mark.parametrize("title, signer, org", [
    ("某某街道2022年政府信息公开工作年度报告", "", "某某街道办事处"),
    ("某某街道2022年政府信息公开工作年度报告", "某某街道办事处", "某某街道办事处"),
    ("某某县某某镇2022年政府信息公开工作年度报告", "", "某某县某某镇人民政府"),
    ("某某县2022年政府信息公开工作年度报告", "某某县人民政府办公室", "某某县人民政府"),
])
def test_a_place_named_alone_reports_through_its_organ(tmp_path, title, signer, org):
    """A title naming only a place: a 县/镇 reports as its 人民政府, a 街道 as its 街道办事处 (it has no government)."""
    end = f"{signer}\n2023年1月20日\n" if signer else ""
    text = f"{title}\n一、总体情况\n本年度依法公开政府信息。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n{end}"
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    report, _summary = import_file(path)
    assert report.header.org_name == org
    assert organ_of_place("某某街道") == "某某街道办事处" and organ_of_place("某某乡") == "某某乡人民政府"


def test_jinshan_town_2019_tables_published_as_images():
    report, summary = import_file(FOUND / "jinshan-town-2019-tables-as-images.txt")
    # the page begins at 三's heading; 三 and 四 are headings with nothing under them (the tables were pictures)
    assert report.missing_sections == ["一", "二"]
    assert all(v is None for v in report.values.values()) and summary.found == 0
    # 「全年未出现因政府信息公开申请行政复议、提起行政诉讼的情况」 in 六 is prose: no 0 is put into table 四
    assert appeals(report) == [None] * 15
    assert "全年未出现因政府信息公开申请行政复议、提起行政诉讼的情况。" in report.texts["other_matters"]
    assert_unflagged_except(report, set())
    h = report.header
    assert (h.org_name, h.sign_date) == ("金山镇人民政府", dt.date(2020, 1, 23))
    assert h.year == 2019 and any(a.what == "报告年度" and "2020" in a.reason for a in summary.assumed)
    assert report.format_id == "2019" and any(a.what == "报告格式" for a in summary.assumed)
    assert report.texts["problems"].startswith("2019年我镇信息公开工作对进一步规范权力运行")
    assert report.texts["improvements"].startswith("一是进一步梳理所掌握的政府信息")
    assert "金山镇人民政府" not in report.texts["other_matters"]  # the 落款 is back matter
    result = check(report)
    assert {f.code for f in result.errors} <= {"E7", "E8"}


def _simplified_fixtures():
    paths = sorted(FOUND.glob("*.txt")) + [REAL[k] for k in sorted(REAL)]
    return [p for p in paths if not has_traditional(p.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("path", _simplified_fixtures(), ids=lambda p: p.name)
def test_traditional_characters_with_mainland_words_read_as_the_simplified_text(tmp_path, path):
    """Web mirrors convert characters only (行政規範性文件, 8.屬於行政查詢事項); the Taiwan-phrase map
    read their mainland words as Taiwan ones (文件 → 文档) and lost the row labels: every number of
    the Simplified text must come out the same, with no cell read by position only."""
    import opencc

    simplified, s_summary = import_file(path)
    mirror = tmp_path / path.name
    mirror.write_text(opencc.OpenCC("s2t").convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    traditional, t_summary = import_file(mirror)
    assert traditional.format_id == simplified.format_id
    assert traditional.values == simplified.values
    assert {a.cell_id for a in t_summary.assumed if a.cell_id} == {a.cell_id for a in s_summary.assumed if a.cell_id}


def test_lueyang_2021_mirror_in_traditional_characters_with_mainland_words():
    report, summary = import_file(FOUND / "shaanxi-lueyang-zrzyj-2021-tw.txt")
    # a 2021 report in the 2019 format (上一年项目数量 / 本年增/减), the year from the opening
    assert report.format_id == "2019" and report.header.year == 2021
    assert table_values(report, "active") == {
        "regs": [0, 0, 0],
        "norm_docs": [0, 0, 0],  # 「規范性文件」: mainland word in Traditional characters, read by its label
        "licensing": [61, 36, 97], "other_services": [0, 0, 0], "penalty": [0, 1, 1], "coercion": [0, 0, 0],
        "fees": [0, 0], "procurement": [0, Decimal(0)],
    }
    assert printed_found(report) == 22
    assert_unflagged_except(report, set())  # no row read 「按位置推断」
    assert summary.missing_fields == ["机关名称"]
    assert report.texts["overview_lead"].startswith("2021年我局通过“略阳县人民政府网站”公开政务信息111条")
    result = check(report)
    assert any(f.code == "W8" for f in result.warnings)
    assert {f.code for f in result.errors} <= {"E7", "E8"}


def test_fuyuan_2022_traditional_mirror_pipe_rows_and_a_fee_amount():
    report, summary = import_file(FOUND / "heilongjiang-fuyuan-zrzyj-2022-tw.txt")
    assert report.format_id == "2021" and report.header.year == 2022
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0],  # 「行政規范性文件」
        "licensing": [76], "penalty": [2], "coercion": [0], "fees": [Decimal("26.55")],
    }
    printed = {k: ZERO7 for k in ("new_received", "carried_over", "granted", "partial", "deny_secret")}
    # 「2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 」: the copy ends inside the row, which stays unread
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert printed_found(report) == 10 + 5 * 7
    assert appeals(report) == [None] * 15
    assert_unflagged_except(report, set())
    assert summary.missing_fields == ["机关名称"]
    assert report.texts["overview_lead"].startswith("2022年,抚远市自然资源局不断强化宣传信息报送工作")


def test_jurong_2022_traditional_mirror_with_246_applications():
    report, _summary = import_file(FOUND / "jiangsu-jurong-zjj-2022-tw.txt")
    assert report.format_id == "2021" and report.header.year == 2022
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 11], "licensing": [231], "penalty": [16], "coercion": [0],
        "fees": [Decimal(0)],
    }
    printed = {"new_received": [244, 2, 0, 0, 0, 0, 246], "carried_over": ZERO7}
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert printed_found(report) == 10 + 14
    assert_unflagged_except(report, set())
    # 「其中97件准予公开」 is prose: (一)予以公开 is not in the copy and stays missing
    assert report.texts["overview_on_request"] == "2022年,我局收到政府信息公开申请246件。其中97件准予公开,已按期办结。"
    assert report.values["applications.granted.total"] is None
    assert {f.code for f in check(report).errors} <= {"E7", "E8"}


def test_liwan_qiaozhong_2023_street_office_with_four_applications():
    report, summary = import_file(FOUND / "guangzhou-liwan-qiaozhong-2023.txt")
    assert report.format_id == "2021" and report.header.year == 2023
    assert any(a.what == "报告年度" and "2023年" in a.reason for a in summary.assumed)
    assert summary.missing_fields == ["机关名称"]  # the copy starts at 「一、总体情况」: no title, no agency
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0], "licensing": [0], "penalty": [123], "coercion": [0],
        "fees": [Decimal(0)],
    }
    printed = {
        "new_received": [4, 0, 0, 0, 0, 0, 4],
        "carried_over": ZERO7,
        "granted": ZERO7,
        "partial": [1, 0, 0, 0, 0, 0, 1],
        "deny_secret": ZERO7, "deny_law": ZERO7, "deny_safety": ZERO7,
    }
    # the copy ends at 「4.保护第」: the rest of the table was never printed. The 自然人 and 总计 columns
    # stay missing (4 applications, 1 partly granted: the other 3 — 无法提供 in the prose — have no row
    # in the copy); the organisation columns follow from their zero totals (inferred, flagged)
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert report.values["applications.unable_none.natural"] is None
    assert report.values["applications.total_processed.total"] is None
    assert report.values["applications.unable_none.corp"] == 0
    assert inferred(report, "applications.unable_none.corp")
    assert printed_found(report) == 10 + 7 * 7
    # 「其中予以公开0件,部分公开1件,无法提供3件」 is prose: no table row is made from it
    assert report.texts["overview_lead"].startswith("2023年,我街按照《中华人民共和国政府信息公开条例》")
    assert "无法提供3件" in report.texts["overview_lead"]
    assert appeals(report) == [None] * 15
    assert report.missing_sections == ["四", "五", "六"]
    assert_unflagged_except(report, set())
    result = check(report)
    assert not [f for f in result.errors if f.code in ("E1", "E2", "E3", "E4", "E5", "E6")]
    assert {f.code for f in result.errors} <= {"E7", "E8"}


def test_haizhu_jiangnanzhong_2020_blank_lines_between_cells_and_an_amount_in_wan():
    report, summary = import_file(FOUND / "guangzhou-haizhu-jiangnanzhong-2020.txt")
    assert report.format_id == "2019" and report.header.year == 2020
    # the title names the 街道 only: its organ is the 街道办事处, assumed and said so
    assert report.header.org_name == "广州市海珠区江南中街道办事处"
    assert any(a.what == "机关名称" and "街道办事处" in a.reason for a in summary.assumed)
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0],
        "licensing": [1, 0, 24], "other_services": [0, 0, 0],  # header 「本年增/」 cut short
        "penalty": [1, 0, 44], "coercion": [0, 0, 0],
        "fees": [1, 1],
        "procurement": [1, Decimal(240)],  # printed 「  240万元」: the column's own unit
    }
    assert report.origins["active.procurement.amount"].raw == "240万元"
    # the copy stops at 「二、上年结转政府信息公」: only row 一 (all zero) of table 三 is printed
    assert printed_values(report, "applications") == rows_of(report, "applications", {"new_received": ZERO7})
    assert printed_found(report) == 22 + 7
    assert appeals(report) == [None] * 15
    assert report.missing_sections == ["四", "五", "六"]
    assert report.texts["overview_lead"].startswith("2020年,在区委、区政府的正确领导下")
    assert_unflagged_except(report, set())
    assert not [f for f in check(report).errors if f.code in ("E1", "E2", "E3", "E4", "E5", "E6")]


def test_shaoxing_donghu_2023_year_in_the_header_and_reviews_told_in_prose():
    report, summary = import_file(FOUND / "shaoxing-yuecheng-donghu-2023.txt")
    # 「本年(2023)制发件数」 「本年(2023)废止件数」: the year inside the 2021 headers; 「规范性文件」 (not 行政…)
    assert report.format_id == "2021" and report.header.year == 2023
    assert summary.missing_fields == ["机关名称"]
    values = table_values(report, "active")
    assert values["regs"] == [0, 0, 0] and values["norm_docs"] == [0, 1, 0]
    # the copy stops inside 「本年(2023)处理决定」: nothing after it is read
    assert values["licensing"] == [None] and values["penalty"] == [None] and values["fees"] == [None]
    assert printed_found(report) == 6
    # 「因信息公开引起的行政复议31件,行政诉讼0件」 is prose: table 四 is not in the copy, 31 is not put in it
    assert "因信息公开引起的行政复议31件,行政诉讼0件。" in report.texts["overview_on_request"]
    # the five aspects under headings in the street's own words: four hold the aspect's words
    # ((二)规范依申请公开办理, (四)加强公开平台建设 …), and (一)加大公开力度 is placed by its ordinal;
    # each keeps its wording as the printed heading
    assert report.texts["overview_lead"] == "根据《中华人民共和国政府信息公开条例》的要求,绍兴市越城区东湖街道特编制2023年政府信息公开年度报告。"
    assert report.texts["overview_active"].startswith("2023年,东湖街道办事处在越城区政府信息公开系统上主动公开政府信息47条")
    assert report.texts["overview_supervision"].endswith("2023年度未发生需要责任追究的情况。")
    assert [report.headings[k].text for k in ("overview_active", "overview_on_request", "overview_management",
                                              "overview_platform", "overview_supervision")] == [
        "(一)加大公开力度", "(二)规范依申请公开办理", "(三)完善政府信息管理", "(四)加强公开平台建设", "(五)加强监督保障工作"]
    assert not [f for f in check(report).warnings if f.code == "W11"]
    assert appeals(report) == [None] * 15
    assert report.missing_sections == ["三", "四", "五", "六"]
    assert_unflagged_except(report, set())
    result = check(report)
    assert not [f for f in result.warnings if f.code == "W2"]  # 0 made, 1 repealed, 0 in force: consistent
    assert not [f for f in result.errors if f.code in ("E1", "E2", "E3", "E4", "E5", "E6")]


def test_liwan_nanyuan_2020_a_signed_increase_in_the_2019_format():
    report, summary = import_file(FOUND / "guangzhou-liwan-nanyuan-2020.txt")
    assert report.format_id == "2019" and report.header.year == 2020
    assert report.header.org_name == "广州市荔湾区人民政府南源街道办事处"
    assert summary.missing_fields == []
    assert table_values(report, "active") == {
        "regs": [0, 0, 0], "norm_docs": [0, 0, 0],
        "licensing": [21, 19, 40],  # 本年增/减 printed 「+19」
        "other_services": [0, 0, 0], "penalty": [0, 0, 0], "coercion": [0, 0, 0],
        "fees": [0, 0],
        "procurement": [None, None],  # the copy stops at 「第二十条」 before (九)
    }
    assert printed_found(report) == 20
    assert printed_values(report, "applications") == rows_of(report, "applications", {})
    assert appeals(report) == [None] * 15
    assert report.missing_sections == ["三", "四", "五", "六"]
    # the paragraph on 回应解读 (a 2019-era local addition) stays in the opening, word for word
    assert "通过新闻媒体等其他方式回应事件3次。" in report.texts["overview_lead"]
    assert_unflagged_except(report, set())
    assert {f.code for f in check(report).errors} <= {"E7", "E8"}


def test_xuancheng_qxj_2020_a_lost_row_label_a_decrease_in_words_and_an_amount_in_wan():
    report, summary = import_file(FOUND / "anhui-xuancheng-qxj-2020.txt")
    assert report.format_id == "2019" and report.header.year == 2020
    assert summary.missing_fields == ["机关名称"]  # the copy begins with the site's menu: no title
    assert table_values(report, "active") == {
        # 「对外公开总数量 / 0 / 规范性文件」: the 规章 label is lost and 规范性文件 has no number: the lone 0
        # belongs to no row the copy names, so neither row is filled
        "regs": [None, None, None], "norm_docs": [None, None, None],
        "licensing": [6, -3, 3],  # 本年增/减 printed 「减3」
        "other_services": [None, None, None], "penalty": [None, None, None], "coercion": [None, None, None],
        "fees": [None, None],  # labels only, no numbers
        "procurement": [4, Decimal("0.37")],  # 「0.37万元」
    }
    assert report.origins["active.procurement.amount"].raw == "0.37万元"
    assert printed_found(report) == 5
    assert printed_values(report, "applications") == rows_of(report, "applications", {})
    assert appeals(report) == [None] * 15
    assert report.texts["overview_lead"].startswith("2020年,宣城市气象局认真贯彻落实《条例》精神")
    assert_unflagged_except(report, set())
    assert {f.code for f in check(report).errors} <= {"E7", "E8"}


def test_wendeng_zjj_2019_negative_change_and_a_row_cut_after_two_numbers():
    report, summary = import_file(FOUND / "shandong-wendeng-zjj-2019.txt")
    assert report.format_id == "2019" and report.header.year == 2019
    assert summary.missing_fields == ["机关名称"]  # 「文登区住建局」 in the prose only; the copy has no title
    assert table_values(report, "active") == {
        "regs": [0, 0, 0],
        "norm_docs": [0, 8, 8],  # printed so: none made this year, 8 published
        "licensing": [716, -417, 298],  # 「-417」; 716 − 417 = 299 ≠ 298 is no rule (处理决定 counts cases)
        "other_services": [0, 0, 0],
        "penalty": [3, 6, 9], "coercion": [0, 0, 0],
        "fees": [0, 0], "procurement": [0, Decimal(0)],
    }
    # 「二、上年结转政府信息公开申请数量  | 0 | 0 |」: the copy ends after two of seven numbers; the row stays
    # missing rather than being filled by position
    printed = {"new_received": [2, 0, 0, 0, 0, 0, 2]}
    assert printed_values(report, "applications") == rows_of(report, "applications", printed)
    assert report.values["applications.carried_over.natural"] is None
    assert printed_found(report) == 22 + 7
    assert appeals(report) == [None] * 15
    assert report.missing_sections == ["四", "五", "六"]
    assert report.texts["overview_lead"].startswith("文登区住建局高度重视政府信息公开工作")
    assert_unflagged_except(report, set())
    result = check(report)
    assert {f.code for f in result.errors} <= {"E7", "E8"}
