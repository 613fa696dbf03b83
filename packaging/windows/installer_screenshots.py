"""Screenshots of the installer's first two pages, run under Wine on a virtual screen (after make dist-windows).

    .venv/bin/python packaging/windows/installer_screenshots.py   ->  docs/screenshots/40-*.png, 41-*.png

Nothing is installed: the installer is stopped on its second page.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import winebox

GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv)
QGuiApplication.primaryScreen().grabWindow(0).copy(212, 113, 600, 492).save(sys.argv[1])
"""


def main() -> int:
    import report

    setup = winebox.ROOT / "dist" / f"xxgk-report-{report.__version__}-setup.exe"
    out = winebox.ROOT / "docs" / "screenshots"
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x700x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    display = ":" + os.fdopen(read).readline().strip()
    screen = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    installer = None
    try:
        winebox.kill_server()
        winebox.start_server(display)
        installer = subprocess.Popen(["wine", str(setup)], env=winebox.wine_env(936, display),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(12)
        subprocess.run([sys.executable, "-c", GRAB, str(out / "40-installer-welcome.png")], env=screen, check=True)
        subprocess.run(["xdotool", "key", "Return"], env=screen, check=True)  # 下一步
        time.sleep(3)
        subprocess.run([sys.executable, "-c", GRAB, str(out / "41-installer-folder.png")], env=screen, check=True)
    finally:
        winebox.kill_server()  # ends the installer on its folder page, before 安装
        if installer is not None:
            installer.wait(timeout=60)
        xvfb.terminate()
    return 0


if __name__ == "__main__":
    sys.exit(main())
