"""Regenerate the page images of the sample reports shown in docs/pages/.

Run from the project root: ``.venv/bin/python scripts/make_pages.py`` (writes ``docs/pages/``).
Renders each sample draft, converts it with LibreOffice headless (the
project's fontconfig maps the Windows 公文 fonts to Noto CJK), and writes
one small PNG per page with ``pdftoppm -r 60``.  A few pages of unusual
reports follow (``edge-*.png``): a 40-字 agency name, a forced draft,
9-digit figures.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "docs" / "pages"
sys.path.insert(0, str(ROOT))

from report import draft
from report.render import render_docx
from report.resources import resource_path

LONG_ORG = "中共四川省攀枝花市米易县委员会机构编制委员会办公室和米易县人民政府政务服务管理局"


def _edge_reports() -> dict:
    """Unusual reports made from the 2021 sample, and which of their pages to show ("first", "last", or a text)."""
    sample = resource_path("samples", "sample-2021.json")
    long_org = draft.load(sample)
    long_org.header.org_name, long_org.header.signer = LONG_ORG, ""
    long_org.header.doc_number = long_org.header.addressee = long_org.header.opening = ""
    forced = draft.load(sample)
    forced.values["applications.carried_forward.natural"] += 1  # E1: only a forced draft renders
    big = draft.load(sample)
    n = 123456789
    for cid, spec in big.format.cells.items():
        if not spec.derived and cid.startswith(("applications.", "appeals.")):
            n += 7919
            big.values[cid] = n
    big.recompute()
    from report.importer import import_file

    # Real report 000 imported from its text: its own run-in headings, its 署名; nothing added.
    imported = import_file(ROOT / "tests" / "importer" / "fixtures" / "000_bc8117d118ec5b85.txt").report
    return {
        "edge-long-name": (long_org, ("first", "last")),
        "edge-draft": (forced, ("first",)),
        "edge-big-numbers": (big, ("（七）总计",)),
        "edge-imported-000": (imported, ("first",)),
    }


def _page_numbers(pdf: Path, which: tuple[str, ...]) -> list[tuple[str, int]]:
    """(name, page number) of each page asked for; names stay the same when the pagination changes."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, stdout=subprocess.PIPE).stdout.decode()
    pages = text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")
    out = []
    for w in which:
        if w == "first":
            out.append(("first", 1))
        elif w == "last":
            out.append(("last", len(pages)))
        else:
            out.append(("table", next(i for i, p in enumerate(pages, 1) if w in "".join(p.split()))))
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docs = []
        for format_id in ("2021", "2019"):
            path = work / f"sample-{format_id}.docx"
            render_docx(draft.load(resource_path("samples", f"sample-{format_id}.json")), path)
            docs.append(path)
        edges = _edge_reports()
        for name, (report, _) in edges.items():
            path = work / f"{name}.docx"
            render_docx(report, path, force=True)
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
        for old in [*HERE.glob("sample-*.png"), *HERE.glob("edge-*.png")]:
            old.unlink()
        for doc in docs:
            pdf = doc.with_suffix(".pdf")
            if not pdf.exists():
                raise SystemExit(f"LibreOffice wrote no PDF for {doc.name}")
            if doc.stem in edges:
                for label, n in _page_numbers(pdf, edges[doc.stem][1]):
                    args = ["-f", str(n), "-l", str(n), "-singlefile"]
                    subprocess.run(
                        ["pdftoppm", "-r", "60", "-png", *args, str(pdf), str(HERE / f"{doc.stem}-{label}")], check=True
                    )
            else:
                subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(HERE / doc.stem)], check=True)
    for png in sorted([*HERE.glob("sample-*.png"), *HERE.glob("edge-*.png")]):
        print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
