"""Regenerate the page images of the sample reports shown in docs/pages/.

Run from the project root: ``.venv/bin/python docs/pages/make_pages.py``.
Renders each sample draft, converts it with LibreOffice headless (the
project's fontconfig maps the Windows 公文 fonts to Noto CJK), and writes
one small PNG per page with ``pdftoppm -r 60``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from report import draft
from report.render import render_docx
from report.resources import resource_path


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = []
        for format_id in ("2021", "2019"):
            path = work / f"sample-{format_id}.docx"
            render_docx(draft.load(resource_path("samples", f"sample-{format_id}.json")), path)
            docs.append(path)
        env = dict(os.environ, FONTCONFIG_FILE=str(resource_path("fontconfig", "fonts.conf")))
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--norestore",
                f"-env:UserInstallation={(work / 'profile').as_uri()}",
                "--infilter=MS Word 2007 XML",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work),
                *map(str, docs),
            ],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for old in HERE.glob("sample-*.png"):
            old.unlink()
        for doc in docs:
            pdf = doc.with_suffix(".pdf")
            if not pdf.exists():
                raise SystemExit(f"LibreOffice wrote no PDF for {doc.name}")
            subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(HERE / doc.stem)], check=True)
    for png in sorted(HERE.glob("sample-*.png")):
        print(png.relative_to(HERE.parents[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
