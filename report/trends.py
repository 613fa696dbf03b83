"""This year's figures against last year's report (W24–W26): swings a reviewer asks about.

Read only when last year's figures are known (the draft's stored reference,
``--last-year``, or the review's last-year folder).  The thresholds are
declared in ``report/thresholds.py`` and quoted by the rules' explanations.
"""

from __future__ import annotations

from decimal import Decimal

from .findings import make_finding, num
from .thresholds import (
    APPLICATION_FACTOR,
    APPLICATION_MIN,
    DECISION_FACTOR,
    DECISION_MIN,
    FEE_RATIO_HIGH,
    FEE_RATIO_LOW,
)

APPLICATION_CELLS = ("applications.new_received.total",)
DECISION_CELLS = ("active.licensing.decisions", "active.penalty.decisions")


def _swing(this, last, factor, minimum) -> bool:
    if this is None or last is None:
        return False
    big, small = max(this, last), min(this, last)
    return big >= minimum and big >= factor * small


def check(fmt, values, refs, last_values, out) -> None:
    if last_values is None:
        return
    for cid in APPLICATION_CELLS:
        if cid in fmt.cells and _swing(values.get(cid), last_values.get(cid), APPLICATION_FACTOR, APPLICATION_MIN):
            out.append(make_finding("W24", _message(refs[cid], values[cid], last_values[cid]), [refs[cid]]))
    for cid in DECISION_CELLS:
        if cid in fmt.cells and _swing(values.get(cid), last_values.get(cid), DECISION_FACTOR, DECISION_MIN):
            out.append(make_finding("W25", _message(refs[cid], values[cid], last_values[cid]), [refs[cid]]))
    for cid, spec in fmt.cells.items():
        if spec.kind.name != "WAN":
            continue
        this, last = values.get(cid), last_values.get(cid)
        if not this or not last or this <= 0 or last <= 0:
            continue
        ratio = Decimal(this) / Decimal(last)
        if FEE_RATIO_LOW <= ratio <= FEE_RATIO_HIGH or FEE_RATIO_LOW <= 1 / ratio <= FEE_RATIO_HIGH:
            unit = "元误填为万元" if ratio > 1 else "万元误填为元"
            out.append(make_finding(
                "W26", f"{refs[cid].display}：本年 {num(this)} 万元，上年报告 {num(last)} 万元，约为上年的 "
                f"{_ratio(ratio)}，可能把{unit}", [refs[cid]],
            ))


def _ratio(ratio: Decimal) -> str:
    if ratio >= 1:
        return f"{ratio:.0f} 倍"
    return f"{1 / ratio:.0f} 分之一"


def _message(ref, this, last) -> str:
    if not last:
        how = "上年为 0"
    elif not this:
        how = "本年为 0"
    elif this >= last:
        how = f"是上年的 {this / last:.1f} 倍"
    else:
        how = f"只有上年的 {this / last:.0%}"
    return f"{ref.display}：本年 {num(this)}，上年报告 {num(last)}，{how}"
