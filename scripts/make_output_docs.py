"""Regenerate docs/outputs/: both 一图读懂, the web page in headless Chromium (desktop and phone), PDF pages.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_output_docs.py

Needs LibreOffice and poppler-utils (PDF pages) and /usr/bin/chromium (screenshots).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from report import draft  # noqa: E402
from report.html_page import render_html  # noqa: E402
from report.infographic import build  # noqa: E402
from report.pdf import render_pdf  # noqa: E402
from report.resources import resource_path  # noqa: E402

OUT = ROOT / "docs" / "outputs"


def chromium_shot(page: Path, target: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        subprocess.run(
            ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
             "--hide-scrollbars", f"--window-size={width},{height}", f"--screenshot={target}", page.as_uri()],
            check=True, capture_output=True, timeout=180,
        )


def main() -> None:
    from gui.app import create_application
    from gui.infographic_painter import write_png

    create_application([sys.argv[0]], install_hook=False)
    OUT.mkdir(parents=True, exist_ok=True)
    r2021 = draft.load(resource_path("samples", "sample-2021.json"))
    r2019 = draft.load(resource_path("samples", "sample-2019.json"))
    # The 2021 sample compared with the 2020 one (a different format: only matching figures get 较上年).
    write_png(build(r2021, r2019), OUT / "infographic-2021.png")
    write_png(build(r2019), OUT / "infographic-2019.png")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        page = render_html(r2021, tmp / "sample-2021.html")
        chromium_shot(page, OUT / "web-2021-desktop.png", 1100, 2600)
        chromium_shot(page, OUT / "web-2021-phone.png", 390, 2000)
        pdf = render_pdf(r2021, tmp / "sample-2021.pdf").path
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp / "pdf")], check=True)
        for png in sorted(tmp.glob("pdf-*.png")):
            shutil.copyfile(png, OUT / f"pdf-2021-{int(png.stem.split('-')[-1])}.png")
    print("\n".join(sorted(p.name for p in OUT.iterdir())))


if __name__ == "__main__":
    main()
