"""The guard every machine-dependent test goes through (``tests/needs.py``): skip locally, fail under CI."""

import pytest

from tests import needs


def test_a_missing_tool_fails_under_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(needs.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="soffice is not installed"):
        needs.tool_or_fail("soffice")
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="soffice is not installed"):
        needs.tool_or_fail("soffice")


def test_a_present_tool_is_its_path(monkeypatch):
    monkeypatch.setattr(needs.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setenv("CI", "true")
    assert needs.tool_or_fail("pdftotext") == "/usr/bin/pdftotext"


def test_a_missing_bundle_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "TRUE")
    with pytest.raises(pytest.fail.Exception, match="make dist"):
        needs.unavailable("dist/xxgk-report 不存在：CI 中必须先 make dist")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        needs.unavailable("dist/xxgk-report 不存在")


def test_libreoffice_guard_of_the_render_tests_uses_it(monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "render"))
    import render_helpers

    monkeypatch.setattr(needs.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="not installed"):
        render_helpers.libreoffice_or_fail()
