"""The LibreOffice guard itself: skip locally, fail under CI."""

import pytest
import render_helpers


def test_missing_libreoffice_fails_under_ci(monkeypatch):
    monkeypatch.setattr(render_helpers.shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="not installed"):
        render_helpers.libreoffice_or_fail()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        render_helpers.libreoffice_or_fail()
