"""河南省: the 2021 format with the province's own wording of table 二's fee heading.

Henan's offices print 「本年收费金额（单位：万元，保留4位小数）」 where the national
table says 「本年收费金额（单位：万元）」 (real report 003, 民权县; official-format.md
§3.1, §11 #6).  Everything else is the national 2021 format, so a report converts to
and from it exactly.  The importer recognises the variant by that wording.
"""

import dataclasses

from ..schema import CarryMap, TableSpec
from . import f2021

_HEADING = "本年收费金额（单位：万元，保留4位小数）"


def _with_fee_heading(table: TableSpec) -> TableSpec:
    blocks = []
    for block in table.blocks:
        columns = tuple(
            dataclasses.replace(c, label=_HEADING, help="单位为万元，保留 4 位小数。") if c.key == "amount" else c
            for c in block.columns
        )
        blocks.append(dataclasses.replace(block, columns=columns))
    return dataclasses.replace(table, blocks=tuple(blocks))


_BASE = f2021.FORMAT

FORMAT = dataclasses.replace(
    _BASE,
    id="2021-henan",
    name="2021年格式（河南省）",
    tables=(_with_fee_heading(_BASE.table("active")), *(t for t in _BASE.tables if t.key != "active")),
    carry_from=(
        CarryMap("2021", tuple((cid, cid) for cid in _BASE.cells), ()),
        *(dataclasses.replace(m, notes=m.notes) for m in _BASE.carry_from),
    ),
    # Never chosen by the national labels alone: the variant's own wording decides (importer).
    signature_labels=(),
    variant_of=_BASE.id,
    variant_labels=(_HEADING,),
)
