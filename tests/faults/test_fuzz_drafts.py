"""Mutated drafts (types, NaN, Infinity, over-long numbers, depth, size, truncation): refused in Chinese, never a traceback.

``xxgk check`` runs in this process (``report.cli.main``, whose only way to
fail is exit 3 with an apology), so hypothesis can try hundreds of drafts;
the damaged drafts of ``bench.drills.DAMAGED`` also go through next-year,
export and render.
"""

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.drills import (
    ALWAYS_REFUSED,
    MAYBE_ACCEPTED,
    check_in_process,
    draft_matrix,
    leaf_paths,
    message_problems,
    outcome_problems,
    run_in_process,
    run_problems,
    sample_dict,
)
from report import draft
from report.limits import MAX_DRAFT_BYTES

SAMPLE = sample_dict()
PATHS = leaf_paths(SAMPLE)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def mutate(path, fragment):
    from bench.drills import mutate as _mutate

    return _mutate(SAMPLE, path, fragment)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@SETTINGS
@given(path=st.sampled_from(PATHS), fragment=st.sampled_from(ALWAYS_REFUSED))
@example(path=("tables", "applications", "new_received", "natural"), fragment="NaN")
@example(path=("fees", "notice_amount"), fragment="1" + "0" * 400)
@example(path=("format",), fragment="[" * 5000 + "]" * 5000)
@example(path=("origins",), fragment=json.dumps("字" * (MAX_DRAFT_BYTES // 3 + 1)))  # size: over 20 MB
def test_a_value_no_field_accepts_is_refused_wherever_it_is(path, fragment, folder):
    code, output = check_in_process(mutate(path, fragment), folder)
    assert outcome_problems(code, output, True, folder) == [], output
    assert code == 2


_NUMBERS = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: json.dumps(f)),
    st.decimals(allow_nan=False, allow_infinity=False).map(lambda d: str(d) if "E" not in str(d) else "0"),
)
_TYPES = st.one_of(
    st.sampled_from(MAYBE_ACCEPTED),
    _NUMBERS,
    st.text(max_size=20).map(lambda t: json.dumps(t)),
    st.lists(st.integers(), max_size=3).map(json.dumps),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2).map(json.dumps),
    st.integers(min_value=1, max_value=400).map(lambda n: "[" * n + "]" * n),
)


@SETTINGS
@given(path=st.sampled_from(PATHS), fragment=_TYPES)
@example(path=("format",), fragment='["2021"]')
@example(path=("fees", "notices"), fragment="1.5")
@example(path=("texts", "overview_lead"), fragment='"\\ud800"')
def test_any_value_anywhere_opens_or_is_refused_in_chinese(path, fragment, folder):
    code, output = check_in_process(mutate(path, fragment), folder)
    assert outcome_problems(code, output, False, folder) == [], output


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(json.dumps(SAMPLE, ensure_ascii=False).encode())),
       junk=st.binary(max_size=8))
def test_a_truncated_or_garbled_draft_is_refused_in_chinese(cut, junk, folder):
    whole = json.dumps(SAMPLE, ensure_ascii=False).encode("utf-8")
    code, output = check_in_process(whole[:cut] + junk, folder)
    assert outcome_problems(code, output, False, folder) == [], output
    if cut < len(whole) - 2:
        assert code == 2


@SETTINGS
@given(key=st.sampled_from([p for p in PATHS if len(p) <= 2]))
def test_a_missing_field_opens_or_is_refused_in_chinese(key, folder):
    import copy

    d = copy.deepcopy(SAMPLE)
    node = d
    for k in key[:-1]:
        node = node[k]
    del node[key[-1]]
    code, output = check_in_process(json.dumps(d, ensure_ascii=False), folder)
    assert outcome_problems(code, output, key[0] in ("app", "version"), folder) == [], output


def test_a_draft_over_the_size_limit_is_refused_by_load_and_never_written_by_save(folder, sample_report):
    big = mutate(("texts", "overview_lead"), json.dumps("字" * (MAX_DRAFT_BYTES // 3 + 10)))
    code, output = check_in_process(big, folder)
    assert code == 2 and "太大" in output and "20 MB" in output

    target = folder / "大草稿.json"
    # Every field under its own limit, together over the file's (a control character is written as \u0001).
    for f in sample_report.format.text_fields:
        sample_report.texts[f.key] = "\x01" * 199_000
    for n in range(90):
        sample_report.acknowledged[f"W11|第{n}条"] = "理由" * 24_000
    with pytest.raises(draft.DraftError) as exc:
        draft.save(sample_report, target)
    assert "太大" in str(exc.value) and "20 MB" in str(exc.value) and "最长的是" in str(exc.value)
    assert not target.exists()
    assert not message_problems(str(exc.value))


def test_save_refuses_what_load_would_refuse(folder, sample_report):
    target = folder / "长标题.json"
    sample_report.header.title = "标题" * 300
    with pytest.raises(draft.DraftError) as exc:
        draft.save(sample_report, target)
    assert str(exc.value).startswith("草稿无法保存：基本信息「标题」（header.title）有 600 个字")
    assert not target.exists()
    sample_report.header.title = "标题" * 250
    draft.save(sample_report, target)
    assert draft.load(target).header.title == "标题" * 250


def _damaged_cases():
    from pathlib import Path

    from bench.drills import DAMAGED

    for label, _argv, codes in draft_matrix({n: Path("/d") / n for n in DAMAGED}, Path("/out")):
        yield pytest.param(label, codes, id=label)


@pytest.mark.parametrize("label,codes", list(_damaged_cases()))
def test_damaged_drafts_through_every_command(label, codes, damaged, tmp_path):
    argv = {lab: a for lab, a, _ in draft_matrix(damaged, tmp_path)}[label]
    run = run_in_process(argv)
    assert run_problems(run, codes, paths=[tmp_path, next(iter(damaged.values())).parent]) == [], run.output
