"""The general classes of real-report trouble, each fixed at the mechanism (issue 13, item 3).

Texts are the real tab-separated fixture 003 (every figure 0) and the text of our rendered
samples, changed the way real reports differ.
"""

import pytest

from report.checks import check
from report.errors import UserError
from report.importer import import_file
from report.importer.assemble import assemble
from report.importer.docx import read_docx
from report.importer.stream import Para
from report.importer.text import lines_to_items

from .conftest import FIXTURES, REAL
from .test_real_reports import appeals, table_values

ZERO7 = [0] * 7
COLS = ("natural", "corp", "research", "welfare", "legal", "other_org", "total")


def real_003_lines():
    return REAL["003"].read_text(encoding="utf-8").split("\n")


def replace_line(lines, startswith, new):
    hits = [i for i, line in enumerate(lines) if line.lstrip("\t").startswith(startswith)]
    assert len(hits) == 1, (startswith, hits)
    out = list(lines)
    out[hits[0]:hits[0] + 1] = new if isinstance(new, list) else [new]
    return out


def read(lines, name="damaged.txt"):
    return assemble(lines_to_items("\n".join(lines)), name, "文本文件")


def sample_lines(rendered, name):
    _, _, stripped = rendered[name]
    return [item.text if isinstance(item, Para) else "\t".join(item.cells) for item in read_docx(stripped)]


def reason(report, cid):
    origin = report.origins.get(cid)
    return origin.reason if origin else ""


# --- cell positions ------------------------------------------------------------------


def test_tab_row_with_blank_cells_keeps_its_positions():
    """``12⇥3⇥⇥⇥1⇥1⇥17``: seven positions, two blank (read as 0 and said so), not five numbers."""
    lines = replace_line(real_003_lines(), "一、本年新收", "一、本年新收政府信息公开申请数量\t\t12\t3\t\t\t1\t1\t17\t")
    report, summary = read(lines)
    assert table_values(report, "applications")["new_received"] == [12, 3, 0, 0, 1, 1, 17]
    for col in ("research", "welfare"):
        origin = report.origins[f"applications.new_received.{col}"]
        assert origin.was_blank and "原文为空" in origin.reason
    assert report.origins.get("applications.new_received.natural") is None or not report.origins["applications.new_received.natural"].reason


def test_blank_positions_that_fit_two_ways_are_decided_by_the_row_sum():
    """Blank label-area and trailing cells around ``⇥3⇥⇥⇥⇥⇥3``: only one placing has 总计 = the sum of its parts."""
    lines = replace_line(real_003_lines(), "一、本年新收", "一、本年新收政府信息公开申请数量\t\t\t3\t\t\t\t\t3\t\t")
    report, _ = read(lines)
    assert table_values(report, "applications")["new_received"] == [0, 3, 0, 0, 0, 0, 3]


def test_blank_positions_that_fit_no_way_are_not_placed():
    """``⇥3⇥⇥⇥⇥3``: wherever the seven cells are taken, 总计 is not the sum of the parts: not placed."""
    lines = replace_line(real_003_lines(), "一、本年新收", "一、本年新收政府信息公开申请数量\t\t3\t\t\t\t3\t\t")
    report, summary = read(lines)
    # not placed from the line; the balance of table 三 (all else 0) then gives the row, flagged as inferred
    for col in COLS:
        cid = f"applications.new_received.{col}"
        assert report.values[cid] is None or reason(report, cid)


# --- headings ------------------------------------------------------------------------


def test_heading_typos_and_other_wordings_are_the_sections():
    lines = real_003_lines()
    lines = replace_line(lines, "四、政府信息公开行政复议", "四、政府信息公开行政复x议、行政诉讼情况")
    lines = replace_line(lines, "五、存在的主要问题及改进情况", "五、存在的主要问题及整改措施")
    lines = replace_line(lines, "六、其他需要报告的事项", "六、其他需要报告事项")
    report, summary = read(lines)
    assert report.missing_sections == [] and not summary.missing_sections
    assert report.texts["other_matters"] == "无"
    assert appeals(report) == [0] * 15
    assert not [f for f in check(report).errors if f.code == "E8"]


def test_a_sub_heading_with_another_ordinal_is_not_a_section():
    lines = replace_line(real_003_lines(), "二、下一步整改措施", "三、下一步工作打算")
    report, _ = read(lines)
    assert report.missing_sections == []
    assert report.texts["improvements"].startswith("一是切实提高")


# --- rows merged or split --------------------------------------------------------------


def test_a_group_printed_as_one_zero_row_gives_its_rows_zero():
    """A 2021-format table printing （六）其他处理 as one row, all zeros: its three rows are 0 (flagged)."""
    lines = real_003_lines()
    lines = replace_line(lines, "(六) 其他处理", "\t(六) 其他处理\t0\t0\t0\t0\t0\t0\t0")
    lines = replace_line(lines, "2.申请人逾期未按收费通知", [])
    lines = replace_line(lines, "3.其他\t", [])
    report, summary = read(lines)
    assert not summary.missing, [m.display for m in summary.missing]
    for row in ("other_nocorrect", "other_nofee", "other_other"):
        assert table_values(report, "applications")[row] == ZERO7
        assert "合为一行" in reason(report, f"applications.{row}.natural")
    assert not check(report).errors


def test_a_group_printed_as_one_nonzero_row_leaves_its_rows_missing(rendered):
    original = rendered["sample-2021"][0]
    lines = sample_lines(rendered, "sample-2021")
    sums = [sum(original.values[f"applications.{r}.{c}"] for r in ("other_nocorrect", "other_nofee", "other_other")) for c in COLS]
    first = next(i for i, line in enumerate(lines) if "1.申请人无正当理由逾期不补正" in line)
    merged = lines[:first] + ["（六）其他处理\t" + "\t".join(map(str, sums))] + lines[first + 3:]
    report, summary = read(merged)
    for row in ("other_nocorrect", "other_nofee", "other_other"):
        for col in COLS:
            cid = f"applications.{row}.{col}"
            assert report.values[cid] is None and "合为一行" in reason(report, cid)
    others = {c for c in original.format.cells if not c.startswith("applications.other_")}
    assert all(report.values[c] == original.values[c] for c in others)


def test_rows_split_the_other_format_s_way_are_added_up(rendered):
    """A 2019-format table printing 2021's three sub-rows of （六）其他处理: their sum, flagged."""
    original = rendered["sample-2019"][0]
    lines = sample_lines(rendered, "sample-2019")
    target = [original.values[f"applications.other_processing.{c}"] for c in COLS]
    parts = [[v // 3 for v in target], [v // 3 for v in target]]
    parts.append([t - a - b for t, a, b in zip(target, *parts)])
    labels = ("（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
              "\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "\t3.其他")
    at = next(i for i, line in enumerate(lines) if line.startswith("（六）其他处理"))
    split = lines[:at] + [f"{label}\t" + "\t".join(map(str, p)) for label, p in zip(labels, parts)] + lines[at + 1:]
    report, summary = read(split)
    assert table_values(report, "applications")["other_processing"] == target
    assert "分为 3 项" in reason(report, "applications.other_processing.natural")
    assert all(report.values[c] == original.values[c] for c in original.format.cells)
    assert not summary.missing


# --- constraints ------------------------------------------------------------------------


def test_digits_run_together_are_split_only_when_one_split_fits():
    lines = replace_line(real_003_lines(), "一、本年新收", "一、本年新收政府信息公开申请数量 5200007")
    lines = replace_line(lines, "0\t0\t0\t0\t0\t0\t0\t0\t0\t0", "000000000000000")  # table 四 run together
    report, summary = read(lines)
    assert table_values(report, "applications")["new_received"] == [5, 2, 0, 0, 0, 0, 7]
    assert "推定" in reason(report, "applications.new_received.natural")
    assert appeals(report) == [0] * 15
    assert all("推定" in reason(report, c.id) for c in report.format.table("appeals").cells)


def test_digits_that_split_no_way_stay_missing():
    lines = replace_line(real_003_lines(), "一、本年新收", "一、本年新收政府信息公开申请数量 12300215")
    report, _ = read(lines)
    assert table_values(report, "applications")["new_received"][0] in (None, 0)
    for col in COLS:
        cid = f"applications.new_received.{col}"
        assert report.values[cid] is None or reason(report, cid)


def test_labels_listed_before_their_numbers_are_paired_only_when_the_sums_hold(rendered):
    original = rendered["sample-2021"][0]
    lines = sample_lines(rendered, "sample-2021")
    i = next(k for k, line in enumerate(lines) if "1.本机关不掌握" in line)
    rows = [lines[i + k].split("\t") for k in range(3)]
    labels = [" ".join(r[:-7]) for r in rows]
    numbers = [r[-7:] for r in rows]
    good = lines[:i] + labels + ["\t".join(n) for n in numbers] + lines[i + 3:]
    report, _ = read(good)
    for key in ("unable_none", "unable_create", "unable_unclear"):
        assert table_values(report, "applications")[key] == [original.values[f"applications.{key}.{c}"] for c in COLS]
    # one row's numbers lost and the next shifted up: the sums no longer hold, nothing is placed
    shifted = lines[:i] + labels + ["\t".join(numbers[1]), "\t".join(numbers[2]), "\t".join(numbers[2])] + lines[i + 3:]
    report, _ = read(shifted)
    for key in ("unable_none", "unable_create", "unable_unclear"):
        for col in COLS:
            cid = f"applications.{key}.{col}"
            value = report.values[cid]
            assert value is None or value == original.values[cid] or reason(report, cid), cid


# --- the agency --------------------------------------------------------------------------


def _without_title_and_signer():
    lines = [line for line in real_003_lines() if "城乡规划编制研究中心" not in line]
    assert not any("年度报告" in line for line in lines)
    return lines


def test_agency_from_the_file_name_is_flagged():
    report, summary = read(_without_title_and_signer(), "某某县自然资源局2021年政府信息公开工作年度报告.txt")
    assert report.header.org_name == "某某县自然资源局"
    assert any(a.what == "机关名称" and "文件名" in a.reason for a in summary.assumed)
    assert not summary.missing_fields


def test_no_agency_anywhere_is_an_item_to_fill_not_a_structural_error():
    report, summary = read(_without_title_and_signer(), "年报.txt")
    assert report.header.org_name == ""
    assert summary.missing_fields == ["机关名称"] and "缺失项" in summary.as_text()
    assert not [f for f in check(report).errors if f.code == "E8" and "机关名称" in f.message]
    assert summary.found == 200  # the values are all there


def test_agency_from_the_web_page_title(tmp_path):
    page = (FIXTURES / "web-2021-chrome.html").read_bytes().decode("gb18030")
    assert "某某县自然资源局" in page
    body = page.replace("某某县自然资源局", "")
    body = body.replace("<head>", "<head><title>某某县林业局2021年政府信息公开工作年度报告_某某县人民政府</title>", 1)
    path = tmp_path / "index.html"
    path.write_text(body, encoding="utf-8")
    report, summary = import_file(path)
    assert report.header.org_name == "某某县林业局"
    assert any(a.what == "机关名称" and "网页标题" in a.reason for a in summary.assumed)


def test_a_traditional_link_does_not_make_a_page_traditional(tmp_path):
    page = (FIXTURES / "web-2021-chrome.html").read_bytes().decode("gb18030")
    page = page.replace("<body>", "<body><div class='nav'><a href='/big5/'>繁體版</a> | <a>無障礙</a></div>", 1)
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    report, summary = import_file(path)
    assert not any("繁体" in n for n in summary.notes)
    assert summary.found == 200


def test_a_government_report_signed_by_its_office(tmp_path):
    lines = real_003_lines()
    lines = replace_line(lines, "城乡规划编制研究中心2021年", "民权县2021年政府信息公开工作年度报告")
    lines += ["", "民权县人民政府办公室", "2022年1月20日"]
    report, summary = read(lines)
    assert report.header.org_name == "民权县人民政府"
    assert report.header.signer == "民权县人民政府办公室"
    assert report.header.title == "民权县2021年政府信息公开工作年度报告"


def test_one_part_of_a_report_is_refused_saying_what_was_found():
    try:
        read(["一、总体情况", "本机关坚持公开为常态、不公开为例外。", "全年收到行政复议1件，尚未审结。"])
    except UserError as exc:
        message = str(exc)
    else:
        raise AssertionError("one part was read as a report")
    assert "只找到「一、总体情况」1 个部分的标题" in message and "没有找到「一、总体情况」" not in message
    assert "不是政府信息公开工作年度报告，或只是报告的一部分" in message


def test_not_a_report_is_still_refused():
    try:
        read(["关于召开会议的通知", "请各单位参加。"])
    except UserError as exc:
        assert "不是政府信息公开工作年度报告" in str(exc)
    else:
        raise AssertionError("a notice was read as a report")


def test_a_sub_heading_line_takes_no_line_after_it():
    """Section 六's 「（二）…情况」 (20 characters, no 。) stayed open as a wrapped line and swallowed its paragraph."""
    from report.importer.sections import paragraphs

    lines = [
        "（一）收取信息处理费情况", "", "本年度未收取信息处理费。", "",
        "（二）人大代表建议和政协委员提案办理情况", "", "本年度共办理人大代表建议3件、政协委员提案2件，",
        "均已按期办结。",
    ]
    assert paragraphs(lines_to_items("\n".join(lines))) == [
        "（一）收取信息处理费情况", "本年度未收取信息处理费。", "（二）人大代表建议和政协委员提案办理情况",
        "本年度共办理人大代表建议3件、政协委员提案2件，均已按期办结。",
    ]
    # A numbered line that is a wrapped sentence still takes its continuation.
    wrapped = ["（三）依申请公开方面，全年共收到政府信息公开申请", "12件，均按时答复。"]
    assert paragraphs(lines_to_items("\n".join(wrapped))) == ["（三）依申请公开方面，全年共收到政府信息公开申请12件，均按时答复。"]


def _overview(*headings):
    from report.formats import FORMATS
    from report.importer.sections import split_overview

    paras = ["2023年，本局认真落实《条例》。"]
    for n, heading in enumerate(headings):
        paras += [heading, f"第{n + 1}段正文。"]
    return split_overview(FORMATS["2021"], paras)


def test_overview_aspects_under_headings_in_their_own_words():
    texts = _overview("(一)加大公开力度", "(二)规范依申请公开办理", "(三)完善政府信息管理", "(四)加强公开平台建设",
                      "(五)加强监督保障工作")
    assert texts == {
        "overview_lead": "2023年，本局认真落实《条例》。", "overview_active": "第1段正文。",
        "overview_on_request": "第2段正文。", "overview_management": "第3段正文。",
        "overview_platform": "第4段正文。", "overview_supervision": "第5段正文。",
    }


def test_an_ordinal_alone_places_nothing_until_three_aspects_are_proven():
    # Only two headings hold an aspect's words: the structure is not proven, nothing is placed by ordinal.
    texts = _overview("(一)加大公开力度", "(二)规范依申请公开办理", "(三)创新工作方式", "(四)加强公开平台建设")
    assert list(texts) == ["overview_lead"]
    # A numbered sentence with the ordinal is no heading: it stays in the text before it.
    texts = _overview("(一)今年以来，我局持续加大公开力度", "(二)依申请公开", "(三)政府信息管理", "(四)平台建设")
    assert "overview_active" not in texts
    assert texts["overview_lead"].endswith("(一)今年以来，我局持续加大公开力度\n第1段正文。")


# --- rows short of numbers ---------------------------------------------------------------


def _appeals_line(numbers):
    zeros = "\t".join(["0"] * 15)
    return replace_line(real_003_lines(), zeros, "\t".join(str(n) for n in numbers))


def test_a_strip_cut_short_keeps_the_groups_whose_totals_hold():
    """Table 四 printed from a browser with its last columns cut off: 12 numbers, the first two groups add up."""
    report, _ = read(_appeals_line([5, 2, 1, 0, 8, 3, 1, 0, 0, 4, 1, 0]))
    assert appeals(report) == [5, 2, 1, 0, 8, 3, 1, 0, 0, 4, None, None, None, None, None]
    assert "截掉" in reason(report, "appeals.after_review.maintain")
    assert not reason(report, "appeals.review.maintain")  # read as printed, no guess


@pytest.mark.parametrize("numbers", [
    [5, 2, 1, 0, 3, 1, 0, 0, 1, 0, 0, 0],  # the groups do not add up as five
    [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0],  # they do, but from one part each: no proof of a cut
], ids=["no-sums", "weak-sums"])
def test_a_strip_without_its_totals_is_still_read_that_way(numbers):
    """12 numbers read as the three 总计 cells left blank (flagged), unless the sums prove a cut."""
    report, _ = read(_appeals_line(numbers))
    assert appeals(report)[:4] == numbers[:4] and appeals(report)[5:9] == numbers[4:8]
    assert "总计" in reason(report, "appeals.review.maintain")


def test_a_row_short_of_one_number_whose_last_is_the_sum_is_not_guessed():
    """「4 0 0 0 0 4」 for seven cells: the last is the 总计, one applicant cell is lost; which one is unknown.

    Read as 「总计 blank」 it would give 其他 = 4 and a 总计 of 8.  The row is not placed; the balance
    of the table (4 granted, nothing carried) then gives each of its cells, flagged as worked out.
    """
    lines = real_003_lines()
    lines = replace_line(lines, "一、本年新收", "一、本年新收政府信息公开申请数量\t4\t0\t0\t0\t0\t4")
    lines = replace_line(lines, "三、本年度办理结果", "三、本年度办理结果\t(一) 予以公开\t4\t0\t0\t0\t0\t0\t4")
    lines = replace_line(lines, "(七) 总计", "\t(七) 总计\t\t4\t0\t0\t0\t0\t0\t4")
    report, summary = read(lines)
    assert table_values(report, "applications")["new_received"] == [4, 0, 0, 0, 0, 0, 4]
    for col in COLS:
        assert "推算" in reason(report, f"applications.new_received.{col}"), col
    # six numbers that do not add up that way: the 总计 cell was blank (the old reading, flagged)
    lines = replace_line(real_003_lines(), "一、本年新收", "一、本年新收政府信息公开申请数量\t4\t1\t0\t0\t0\t2")
    report, _ = read(lines)
    assert table_values(report, "applications")["new_received"][:6] == [4, 1, 0, 0, 0, 2]
    assert "总计" in reason(report, "applications.new_received.natural")
