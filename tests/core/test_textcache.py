"""Memo caches of texts stay bounded in characters (report/textcache.py), and the checks use them."""

from report import content, prose
from report.limits import MAX_CACHED_CHARS
from report.model import Report
from report.textcache import text_cache


def test_results_are_the_functions_and_repeats_are_not_recomputed():
    calls = []

    @text_cache(maxsize=10, max_chars=1000)
    def upper(text, n):
        calls.append(text)
        return text.upper() * n

    assert upper("ab", 2) == "ABAB" and upper("ab", 2) == "ABAB" and calls == ["ab"]
    assert upper("ab", 3) == "ABABAB" and calls == ["ab", "ab"]


def test_eviction_by_characters_and_by_entries():
    @text_cache(maxsize=50, max_chars=100)
    def same(text):
        return text

    for i in range(40):
        same(f"{i:010d}")  # 10 characters each
    entries, chars = same.cache_chars()
    assert chars <= 100 and entries == 10
    same("x" * 13)  # more than an eighth of the room: computed, never held
    assert same.cache_chars() == (entries, chars)

    @text_cache(maxsize=5, max_chars=10_000)
    def same2(text):
        return text

    for i in range(40):
        same2(str(i))
    assert same2.cache_chars()[0] == 5


def test_the_most_recently_used_entry_survives():
    calls = []

    @text_cache(maxsize=2, max_chars=1000)
    def f(text):
        calls.append(text)
        return text

    f("a"), f("b"), f("a"), f("c")  # b is the least recently used
    f("a")
    assert calls == ["a", "b", "c"]


def test_a_clerk_typing_for_hours_piles_up_no_old_versions():
    from report.checks import check

    report = Report.new(2021, "某某县某某局", "2021")
    words = "本机关全年收到政府信息公开申请12件，均已按时答复。" * 400  # about 10,000 characters
    for n in range(len(words) - 1000, len(words), 7):  # one check per keystroke, as the wizard does: 3 MB of versions
        report.set_text("overview_on_request", words[: n + 1])
        report.set_text("problems", "无" + words[: n + 1])
        check(report)
    for cache in (prose.normalised, prose.sentences, prose.reading, content.is_bare_none, content._doubled):
        entries, chars = cache.cache_chars()
        assert chars <= MAX_CACHED_CHARS, cache.__name__
    assert prose.sentences.cache_chars()[1] > MAX_CACHED_CHARS // 2  # in use, and the bound is what held it


def test_long_texts_are_not_kept_by_the_importers_label_cache():
    from report.importer import normalise

    before = normalise._label_key_cached.cache_info().currsize
    key = normalise.label_key("一、总体情况" * 1000)
    assert key.startswith("一、总体情况") or key.startswith("一总体情况")
    assert normalise._label_key_cached.cache_info().currsize == before
    normalise.label_key("一、总体情况")
    assert normalise._label_key_cached.cache_info().currsize in (before, before + 1)
