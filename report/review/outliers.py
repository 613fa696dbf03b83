"""Rates a reviewer watches, against the batch's median and fixed limits (W32, W33).

纠错率 = 行政复议·结果纠正 / 行政复议·总计 and 实质公开率 = (予以公开 + 部分公开) /
（七）总计, read only where the count is large enough to mean something; the
limits are in ``report/thresholds.py`` and quoted by the rules.
"""

from __future__ import annotations

from statistics import median

from .. import thresholds as t
from ..findings import cell_refs, make_finding

CORRECTION = ("appeals.review.correct", ("appeals.review.total",))
DISCLOSURE = (("applications.granted.total", "applications.partial.total"), "applications.total_processed.total")


def _rate(values, parts, whole) -> tuple[float, int, int] | None:
    part = [values.get(c) for c in parts]
    total = values.get(whole)
    if total is None or any(v is None for v in part):
        return None
    return (100.0 * sum(part) / total if total else 0.0), sum(part), total


def check_rates(review, counted: list) -> None:
    corrections = {}
    disclosures = {}
    for r in counted:
        v = r.report.values
        c = _rate(v, (CORRECTION[0],), CORRECTION[1][0])
        if c is not None and c[2] >= t.CORRECTION_MIN_REVIEWS:
            corrections[r.name] = (r, c)
        d = _rate(v, DISCLOSURE[0], DISCLOSURE[1])
        if d is not None and d[2] >= t.DISCLOSURE_MIN_PROCESSED:
            disclosures[r.name] = (r, d)
    _flag(review, corrections, high=True)
    _flag(review, disclosures, high=False)


def _flag(review, rates: dict, high: bool) -> None:
    if not rates:
        return
    mid = median(rate for _, (rate, _, _) in rates.values()) if len(rates) >= t.MEDIAN_MIN_REPORTS else None
    for r, (rate, part, total) in rates.values():
        refs = cell_refs(r.report.format)
        if high:
            if rate <= t.CORRECTION_RATE_HIGH or (mid is not None and rate < mid + t.CORRECTION_ABOVE_MEDIAN):
                continue
            cells = [refs["appeals.review.correct"], refs["appeals.review.total"]]
            what = f"纠错率 {rate:.1f}%（结果纠正 {part} 件 ÷ 行政复议 {total} 件）"
            code, limit = "W32", f"高于 {t.CORRECTION_RATE_HIGH}%"
        else:
            if rate >= t.DISCLOSURE_RATE_LOW or (mid is not None and rate > mid - t.DISCLOSURE_BELOW_MEDIAN):
                continue
            cells = [refs["applications.granted.total"], refs["applications.partial.total"],
                     refs["applications.total_processed.total"]]
            what = f"实质公开率 {rate:.1f}%（予以公开与部分公开 {part} 件 ÷（七）总计 {total} 件）"
            code, limit = "W33", f"低于 {t.DISCLOSURE_RATE_LOW}%"
        against = f"，本批次 {len(rates)} 份可比报告的中位数为 {mid:.1f}%" if mid is not None else \
            f"（可比报告不足 {t.MEDIAN_MIN_REPORTS} 份，只与固定界限比较）"
        review.findings.append(make_finding(code, f"「{r.display}」{what}，{limit}{against}", cells, reports=(r.name,)))
