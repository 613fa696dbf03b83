"""The common form every reader produces: paragraphs and table rows in document order.

A .txt, .html or .docx report becomes a list of ``Para`` (one line or
paragraph of text) and ``Row`` (one table row, merged cells given once).
Everything after the readers works on this list only.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Para:
    text: str


@dataclass
class Row:
    cells: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c.strip())


Item = Para | Row
