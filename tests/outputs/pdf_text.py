"""Reading a PDF's text as a reader sees it: pages, and the text of each table cell (poppler's word boxes)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from lxml import etree

from tests.needs import tool_or_fail  # noqa: F401 - the outputs tests take it from here

_NS = "{http://www.w3.org/1999/xhtml}"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def raw_text(pdf: Path) -> str:
    """The text in reading order, without the page numbers 「— 1 —」 that interrupt a paragraph across pages."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "\n".join(x for x in text.replace("\f", "\n").splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", x))


def cell_texts(pdf: Path, tmp: Path) -> list[str]:
    """Texts of lines stacked over each other (a wrapped table cell, left-aligned or centred, reads as one)."""
    out_file = tmp / f"{pdf.stem}-bbox.html"
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(out_file)], check=True)
    tree = etree.parse(str(out_file))
    chains: list[str] = []
    for page in tree.iter(_NS + "page"):
        lines = []
        for word in page.iter(_NS + "word"):  # words, not lines: two cells side by side make one line
            x0, x1 = float(word.get("xMin")), float(word.get("xMax"))
            lines.append((x0, x1, float(word.get("yMin")), float(word.get("yMax")), word.text or ""))
        open_chains: list[list] = []  # [x0, x1, last yMax, texts]
        for x0, x1, y0, y1, words in sorted(lines, key=lambda t: (t[2], t[0])):
            for chain in open_chains:
                overlap = min(chain[1], x1) - max(chain[0], x0)
                if overlap > 0.5 * min(chain[1] - chain[0], x1 - x0) and 0 <= y0 - chain[2] < (y1 - y0) * 0.9:
                    chain[0], chain[1], chain[2] = min(chain[0], x0), max(chain[1], x1), y1
                    chain[3].append(words)
                    break
            else:
                open_chains.append([x0, x1, y1, [words]])
        chains.extend("".join(c[3]) for c in open_chains)
    return chains


def found_in_cells(text: str, chains: list[str]) -> bool:
    """``text`` is one cell's text, or a cell cut by a page break (its end on one page, the rest on the next)."""
    s = squash(text)
    if any(s in c for c in chains):
        return True
    return any(
        any(c.endswith(s[:i]) for c in chains) and any(c.startswith(s[i:]) for c in chains) for i in range(1, len(s))
    )
