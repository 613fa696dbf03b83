"""The registry of official formats.

Each module in this package declares one ``FORMAT`` (a ``FormatSpec``);
they are found automatically, so a new format (a province's variant) is
one new module and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil

from ..schema import FormatSpec

# Imported by name as well as discovered, so that a frozen build that cannot
# list package contents still has the national formats.
_KNOWN = ("f2019", "f2021", "f2021_henan")


def _load() -> dict[str, FormatSpec]:
    names = set(_KNOWN)
    names.update(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("f"))
    found: dict[str, FormatSpec] = {}
    for name in sorted(names):
        module = importlib.import_module(f"{__name__}.{name}")
        spec = getattr(module, "FORMAT", None)
        if isinstance(spec, FormatSpec):
            found[spec.id] = spec
    return found


FORMATS: dict[str, FormatSpec] = _load()


def get_format(format_id: str) -> FormatSpec:
    try:
        return FORMATS[format_id]
    except KeyError:
        known = "、".join(sorted(FORMATS))
        raise KeyError(f"未知的报告格式「{format_id}」（可用：{known}）") from None


def national_formats() -> list[FormatSpec]:
    """The formats of the national notices (a province's variant is chosen, never assumed)."""
    return [f for f in FORMATS.values() if not f.variant_of]


def format_for_year(year: int) -> FormatSpec:
    """The national format in force for a report year (newest that covers it)."""
    national = national_formats()
    candidates = [f for f in national if f.covers_year(year)]
    if not candidates:
        # Before 2019 the regime differed; the oldest format is the closest fit.
        return min(national, key=lambda f: f.first_year)
    return max(candidates, key=lambda f: f.first_year)
