"""Draft files: a report as versioned, readable JSON.

Layout (version 2)::

    {"app": "xxgk-report", "kind": "draft", "version": 2, "format": "2021",
     "header": {...}, "texts": {...}, "fees": {...},
     "tables": {"applications": {"new_received": {"natural": 3, ...}, ...}, ...},
     "totals_as_printed": false, "acknowledged": {...},
     "last_year": {"format": "2021", "year": 2021, "tables": {...}} | null,
     "origins": {...}, "missing_sections": [...],
     "headings": {"五": {"text": "五、…", "run_in": false}, ...}}

Counts are JSON integers; amounts are strings ("3415.891") so no digit is
ever lost to floating point; a missing value is null.  Keys follow the
format declaration's order, so diffs between two drafts stay readable.

- ``schema``: the layout both ways; every field validated in one place,
  every failure a Chinese ``DraftError`` naming the field;
- ``migrations``: older versions step by step (a newer version, a foreign
  or damaged file is refused and nothing on disk changes);
- ``files``: the bounded JSON reader, ``save`` (atomic, previous version as
  ``.bak``, refusing what ``load`` would refuse) and ``load``.
"""

from .files import dumps, encode, json_text, load, loads, read_json, save
from .migrations import MIGRATIONS, migrate
from .schema import APP, KIND, TOP_LEVEL_KEYS, VERSION, DraftError, RefusedNumber, from_dict, to_dict

__all__ = [
    "APP", "KIND", "MIGRATIONS", "TOP_LEVEL_KEYS", "VERSION", "DraftError", "RefusedNumber", "dumps", "encode",
    "from_dict", "json_text", "load", "loads", "migrate", "read_json", "save", "to_dict",
]
