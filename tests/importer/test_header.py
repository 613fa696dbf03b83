"""Front and back matter variants seen in practice."""

import datetime as dt

import pytest

from report.importer.header import parse_date, read_end, read_front
from report.importer.text import lines_to_items


@pytest.mark.parametrize("lines, org, year", [
    (["某某县人民政府二〇二一年政府信息公开工作年度报告"], "某某县人民政府", 2021),
    (["某某县教育局", "2022 年政府信息公开工作年度报告"], "某某县教育局", 2022),
    (["2020年度某某区新农村建设服务中心 政府信息公开工作年度报告"], "某某区新农村建设服务中心", 2020),
    (["首页 > 信息公开 > 政府信息公开工作年度报告", "某某市(区)统计局2021年政府信息公开工作年度报告"], "某某市（区）统计局", 2021),
    (["附件：", "政府信息公开工作年度报告"], "", 0),
    # an opening wrapped in a PDF: one of its lines cites 《…年度报告格式》, the title is the line ending so
    (["米易县人民政府办公室2021年政府信息公开工作年度报告", "攀枝花市人民政府办公室：",
      "根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室",
      "关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕",
      "30号）要求，现将本年度政府信息公开工作情况报告如下。"], "米易县人民政府办公室", 2021),
    # a title broken inside its ending, as a centred title wraps in a PDF
    (["攀枝花市米易县集体土地征收补偿安置中心2021年政府信息公开工作", "年度报告"], "攀枝花市米易县集体土地征收补偿安置中心", 2021),
    # this program's own mark on a forced draft is not part of the title
    (["某某县统计局2022年政府信息公开工作年度报告（草稿）"], "某某县统计局", 2022),
])
def test_title_gives_org_and_year(lines, org, year):
    h = read_front(lines_to_items("\n".join(lines + ["一、总体情况"])), len(lines))
    assert (h.org, h.year) == (org, year)
    assert "草稿" not in h.title and "格式" not in h.title


def test_doc_number_addressee_and_opening():
    text = "某政办函〔2022〕7号\n某某县人民政府2021年政府信息公开工作年度报告\n县政府办公室：\n根据《条例》规定，现将有关情况报告如下。\n一、总体情况"
    h = read_front(lines_to_items(text), 4)
    assert (h.doc_number, h.addressee) == ("某政办函〔2022〕7号", "县政府办公室")
    assert h.opening == "根据《条例》规定，现将有关情况报告如下。"


@pytest.mark.parametrize("text, date", [
    ("2022 年 1 月 14 日", dt.date(2022, 1, 14)),
    ("二〇二二年一月二十日", dt.date(2022, 1, 20)),
    ("2022年2月30日", None),
    ("2022年1月14日印发的通知", None),
])
def test_dates(text, date):
    assert parse_date(text) == date


def test_signer_and_date_end_the_prose_before_a_page_footer():
    items = lines_to_items("六、其他需要报告的事项\n无。\n某某县统计局\n2022年1月20日\n网站标识码：123 版权所有")
    h = read_front(items, 0)
    read_end(items, 0, h)
    assert (h.signer, h.sign_date, h.end_at) == ("某某县统计局", dt.date(2022, 1, 20), 2)
