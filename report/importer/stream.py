"""The common form every reader produces: paragraphs and table rows in document order.

A .txt, .html or .docx report becomes a list of ``Para`` (one line or
paragraph of text) and ``Row`` (one table row, merged cells given once).
Everything after the readers works on this list only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .normalise import clean_line, is_page_mark


@dataclass
class Para:
    text: str

    # Several readings of the same item (headings, header, each section's prose) need its line of
    # prose; it is computed once per item.  Items are not changed once made.
    @cached_property
    def line(self) -> str:
        """The text as a line of prose (``normalise.clean_line``)."""
        return clean_line(self.text)

    @cached_property
    def line_is_page_mark(self) -> bool:
        """Whether the line of prose is only a page number or a page viewer's header."""
        return is_page_mark(self.line)


@dataclass
class Row:
    cells: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c.strip())


Item = Para | Row
