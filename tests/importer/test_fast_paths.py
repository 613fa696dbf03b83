"""The importer's fast paths give exactly what the plain code they replace gives (issue 13, speed)."""

import random
import re

import pytest

from report.importer.html import _OTHER_SPACE, _SPACE, one_line, parse_page
from report.importer.normalise import _CJK_GAP, clean_line, has_traditional, traditional_characters
from report.importer.stream import Para, Row

_ALL = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]


def test_other_spaces_are_every_space_that_split_knows_and_the_page_pattern_does_not():
    """``one_line`` uses ``split``/``join`` only for text free of these: the list must be complete."""
    spaces = {c for c in _ALL if c.isspace()}
    assert {c for c in spaces if _OTHER_SPACE.fullmatch(c)} == {c for c in spaces if not _SPACE.fullmatch(c)}
    assert "\u3000" in spaces and _OTHER_SPACE.fullmatch("\u3000")


def test_one_line_is_the_space_pattern_then_strip():
    rng = random.Random(13)
    pool = [" ", "\t", "\n", "\r", "\f", "\u00a0", "\u3000", "\x0b", "\u2003", "\x85", "字", "a", "1", "（", "\x00"]
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 12)))
        assert one_line(text) == _SPACE.sub(" ", text).strip(), repr(text)


def test_has_traditional_is_the_character_table_for_every_character():
    table = traditional_characters()
    assert len(table) > 3000
    assert [c for c in _ALL if has_traditional(c) != (c in table)] == []
    astral = sorted(c for c in table if ord(c) >= 0x10000)
    assert astral, "the table has characters beyond the BMP: the set branch is exercised"
    assert has_traditional("简体文字" + astral[0]) and not has_traditional("简体文字")


def test_clean_line_skips_the_gap_pattern_only_where_it_cannot_match():
    rng = random.Random(7)
    pool = [" ", "\t", "\u3000", "\u00a0", "字", "（", "）", "(", "a", "1", "#", "[bookmark:x]"]
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 10)))
        s = re.sub(r"^\s*#{1,6}\s*", "", re.sub(r"\[bookmark:[^\]]*\]", "", text)).replace("\u00a0", " ").strip()
        assert clean_line(text) == _CJK_GAP.sub("", s), repr(text)


def test_a_paragraph_cleans_its_line_once_and_equality_stays_its_text():
    para = Para("  ## 一、总体情况 ")
    assert para.line == clean_line(para.text) == "一、总体情况"
    assert para.line is para.line and not para.line_is_page_mark and Para("- 3 -").line_is_page_mark
    assert para == Para("  ## 一、总体情况 ") and repr(para) == "Para(text='  ## 一、总体情况 ')"


@pytest.mark.parametrize("skipped", ["noscript", "select", "object", "template"])
def test_a_head_left_open_inside_a_skipped_element_still_reads_the_body(skipped):
    """Before: <body> reset the skip count under a skipped element and the reader crashed (AttributeError)."""
    items, titles = parse_page(f"<html><head><title>标题</title><{skipped}><body><p>一、总体情况</p>"
                               "<table><tr><td>规章<td>1</table><p>尾</p></body></html>")
    assert items == [Para("一、总体情况"), Row(["规章", "1"]), Para("尾")]
    assert titles == ["标题"]


def test_page_text_is_streamed_and_tables_kept_whole():
    """Paragraphs end at blocks and line breaks; a table holding a table is layout, read as text."""
    page = (
        "<p>前<b>文</b><br>次行</p><div>甲<span>乙<br>丙</span></div>"
        "<table><tr><td>导航<table><tr><td>规章</td><td>1</td></tr></table>说明</td></tr></table>"
        "<table><caption>表</caption><thead><tr><th>信息内容</th><th>数量</th></tr></thead>"
        "<tbody><tr><td><p>行政</p><p>许可</p></td><td> 12 </td></tr><tr></tr></tbody></table>尾"
    )
    items, _ = parse_page(page)
    assert items == [
        Para("前文"), Para("次行"), Para("甲乙"), Para("丙"), Para("导航"), Row(["规章", "1"]), Para("说明"),
        Row(["信息内容", "数量"]), Row(["行政 许可", "12"]), Para("尾"),
    ]
