"""Helpers for the renderer tests: the sample drafts and a real LibreOffice."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from report import draft
from report.resources import resource_path
from tests.needs import tool_or_fail

SAMPLES = {"2021": "sample-2021.json", "2019": "sample-2019.json"}
#: The third format (a province's variant): the 2021 sample converted to it.
THIRD_FORMAT = "2021-henan"


def load_sample(format_id: str):
    if format_id not in SAMPLES:
        from report.carry import convert_format

        base = draft.load(resource_path("samples", SAMPLES["2021"]))
        return convert_format(base, format_id).report
    return draft.load(resource_path("samples", SAMPLES[format_id]))


def libreoffice_or_fail() -> str:
    """soffice's path; skips locally but FAILS under CI=true when LibreOffice is missing."""
    tool_or_fail("pdftotext")
    return tool_or_fail("soffice")


def convert(docx_files: list[Path], workdir: Path, target: str = "pdf") -> list[Path]:
    """Convert with LibreOffice headless: own profile, Word filter, CJK font mapping.

    ``target`` is ``pdf`` or ``docx`` (re-saved by LibreOffice as Word 2007 XML).
    """
    soffice = libreoffice_or_fail()
    outdir = workdir / target
    outdir.mkdir(exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(resource_path("fontconfig", "fonts.conf")))
    convert_to = "pdf" if target == "pdf" else "docx:MS Word 2007 XML"
    subprocess.run(
        [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}",
            "--infilter=MS Word 2007 XML",
            "--convert-to",
            convert_to,
            "--outdir",
            str(outdir),
            *map(str, docx_files),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=300,
        check=False,
    )
    outputs = [outdir / f"{p.stem}.{target}" for p in docx_files]
    missing = [p.name for p in outputs if not p.exists() or p.stat().st_size == 0]
    # soffice exits 0 even when it wrote nothing: the files are the only proof.
    assert not missing, f"LibreOffice wrote nothing for {missing}"
    return outputs


def convert_to_pdf(docx_files: list[Path], workdir: Path) -> list[Path]:
    return convert(docx_files, workdir, "pdf")


def pdf_text(pdf: Path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, stdout=subprocess.PIPE, check=True).stdout.decode("utf-8")


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], stdout=subprocess.PIPE, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def squash(text: str) -> str:
    import re

    return re.sub(r"\s+", "", text)


def audit(paths: list[Path]) -> dict[str, list[str]]:
    """openxml-audit's errors for each .docx (the OOXML schema and Word's own expectations)."""
    from openxml_audit import OpenXmlValidator

    validator = OpenXmlValidator()
    out = {}
    for path in paths:
        result = validator.validate(str(path))
        out[path.name] = [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors]
    return out


def pdf_lines(pdf: Path) -> list[list[dict]]:
    """Every text line of every page with its words' boxes (points, origin top left), from ``pdftotext -bbox-layout``."""
    import xml.etree.ElementTree as ET

    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], stdout=subprocess.PIPE, check=True).stdout
    root = ET.fromstring(out)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        lines = []
        for line in page.iter("{http://www.w3.org/1999/xhtml}line"):
            words = [
                {
                    "text": w.text or "",
                    "x0": float(w.get("xMin")),
                    "x1": float(w.get("xMax")),
                    "y0": float(w.get("yMin")),
                    "y1": float(w.get("yMax")),
                }
                for w in line.findall("h:word", ns)
            ]
            if words:
                lines.append(
                    {
                        "text": "".join(w["text"] for w in words),
                        "x0": min(w["x0"] for w in words),
                        "x1": max(w["x1"] for w in words),
                        "y0": min(w["y0"] for w in words),
                        "y1": max(w["y1"] for w in words),
                        "words": words,
                    }
                )
        pages.append(lines)
    return pages
