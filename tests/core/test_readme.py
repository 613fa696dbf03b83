"""The README's rule tables are generated from the catalogue; its first commands are make run / make test."""

from pathlib import Path

from report.rules import README_BEGIN, README_END, RULES, SEVERITY_NAMES, readme_block

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_rule_tables_are_the_generated_ones():
    start, end = README.index(README_BEGIN), README.index(README_END) + len(README_END)
    assert README[start:end] == readme_block(), "run: python -m report.rules README.md"


def test_every_rule_has_its_row():
    for r in RULES:
        assert f"| {r.code} | {SEVERITY_NAMES[r.severity]} | {r.title} | {r.explanation} |" in README, r.code


def test_first_two_commands():
    commands = [line.split("#")[0].strip() for line in README.splitlines() if line.startswith("make ")]
    assert commands[:2] == ["make run", "make test"]
