"""The README's limits table is report/limits.py (one fact, one place)."""

from pathlib import Path

from report import limits

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _shown(value: int) -> str:
    if value >= limits.MB and value % limits.MB == 0:
        return f"{value // limits.MB} MB"
    return f"{value:,}"


def test_every_bound_of_limits_py_is_in_the_readme_with_its_value():
    names = [n for n in vars(limits) if n.startswith("MAX_")]
    assert len(names) >= 14
    for name in names:
        assert f"| `{name}` | {_shown(getattr(limits, name))} |" in README, name


def test_the_readme_states_the_drill_counts():
    from bench.drills import BENCH_CASES, BENCH_KILLS, SUITE_KILLS

    assert f"| {SUITE_KILLS} kills | {BENCH_KILLS} kills |" in README
    assert f"{BENCH_CASES:,} cases" in README
