"""The README's rule table is the catalogue; its first commands are make run / make test."""

from pathlib import Path

from report.rules import RULES, SEVERITY_NAMES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_rule_table_matches_the_catalogue():
    for r in RULES:
        assert f"| {r.code} | {SEVERITY_NAMES[r.severity]} | {r.title} | {r.explanation} |" in README, r.code


def test_first_two_commands():
    commands = [line.split("#")[0].strip() for line in README.splitlines() if line.startswith("make ")]
    assert commands[:2] == ["make run", "make test"]
