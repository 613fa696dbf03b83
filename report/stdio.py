"""Standard streams that never crash on Chinese: one policy for ``xxgk`` and ``xxgk-gui``."""

from __future__ import annotations

import sys


def configure_std_streams() -> None:
    """stdout and stderr: UTF-8 where redirected, ``errors="replace"`` on a console.

    Windows writes a redirected stream (a file, a pipe) in the ANSI code page: cp936 (GBK)
    cannot encode every character a report holds (𬌗, in 米易县𬌗鱼乡, is not in GBK) and
    cp1252 no Chinese at all, so the first such ``print`` raised UnicodeEncodeError — in the
    windowed ``xxgk-gui.exe --self-test > log.txt`` too, where PyInstaller's bootloader
    ignores ``PYTHONUTF8``. On a console Python writes UTF-16 to the console itself, which
    shows any character, so there only the error handler changes (a legacy console code
    page prints "?" rather than stopping the program).
    """
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name, None)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue  # None in a windowed program without a console, or a replaced stream
        try:
            console = stream.isatty()
        except (OSError, ValueError):
            console = False
        try:
            if console:
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8", errors="replace")
        except (OSError, ValueError):
            pass
