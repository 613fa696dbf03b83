"""``xxgk-gui.exe --self-test`` under Wine on a virtual screen, in the Chinese (936) and Western (1252) code pages.

The windowed program's output is redirected into a pipe, where Windows writes the ANSI code
page unless the program reconfigures its streams: GBK cannot encode 𬌗 (in the samples) and
cp1252 no Chinese at all. The self-test's temp folder holds its log file; Windows refuses to
delete a folder with an open file (WinError 32). Either bug used to end in the exception
hook's modal dialog, which nobody clicks: the run hung. Always under a timeout.
"""

from __future__ import annotations

import pytest
import winebox

pytestmark = pytest.mark.windows


@pytest.mark.parametrize("codepage", [936, 1252])
def test_self_test_passes_on_the_windows_platform(wine, bundle, codepage):
    temp = winebox.user_folder("Temp")  # Wine takes %TEMP% from the prefix's registry, not from the host
    before = set(temp.glob("xxgk-selftest-*"))
    # The real Windows platform plugin (qwindows.dll) draws on the virtual screen through Wine.
    out = wine([bundle / "xxgk-gui.exe", "--self-test"], codepage=codepage, timeout=300,
               env={"QT_QPA_PLATFORM": "windows"})
    text = out.stdout + out.stderr
    assert out.returncode == 0, text
    assert "\ufffd" not in text, "output not UTF-8:\n" + text
    assert "自检通过" in out.stdout and "[失败]" not in out.stdout, text
    assert "内嵌草稿：200 个数字全部一致" in out.stdout
    assert "𬌗" in out.stdout  # the GB2312 warning names the character
    assert set(temp.glob("xxgk-selftest-*")) == before, "the self-test left its temp folder behind"
