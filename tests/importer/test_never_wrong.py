"""Damage a report's text at random: a value may go missing or be flagged as assumed, but never be silently wrong."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from report.errors import UserError
from report.importer.assemble import assemble
from report.importer.docx import read_docx
from report.importer.stream import Para
from report.importer.text import lines_to_items

damage = st.lists(
    st.tuples(st.sampled_from(["drop_token", "drop_line", "split_line"]), st.integers(0, 10_000), st.integers(0, 10_000)),
    min_size=1, max_size=8,
)


def _lines(rendered, name, sep):
    _, _, stripped = rendered[name]
    return [item.text if isinstance(item, Para) else sep.join(item.cells) for item in read_docx(stripped)]


def _damaged(lines, sep, edits):
    tokens = [line.split(sep) for line in lines]
    for kind, a, b in edits:
        i = a % len(tokens)
        if kind == "drop_line":
            tokens[i] = []
        elif kind == "drop_token" and tokens[i]:
            del tokens[i][b % len(tokens[i])]
        elif kind == "split_line" and len(tokens[i]) > 1:
            j = 1 + b % (len(tokens[i]) - 1)
            tokens[i:i + 1] = [tokens[i][:j], tokens[i][j:]]
    return "\n".join(sep.join(t) for t in tokens)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(["sample-2021", "sample-2019"]), sep=st.sampled_from(["\t", " "]), edits=damage)
# a row lost its first number and the next row all but its last, left on a line of its own
@example(name="sample-2019", sep="\t", edits=[("split_line", 63, 328), ("split_line", 23, 0), ("drop_token", 63, 1), ("drop_line", 4474, 0)])
# 行政强制 lost its number and the caption line of (八): the fee is no value of 行政强制
@example(name="sample-2021", sep=" ", edits=[("drop_line", 5723, 6295), ("drop_line", 9264, 7663), ("drop_token", 2441, 2134), ("drop_line", 3701, 3219), ("drop_token", 9492, 8807)])
def test_unflagged_values_are_always_right(rendered, name, sep, edits):
    original = rendered[name][0]
    text = _damaged(_lines(rendered, name, sep), sep, edits)
    try:
        report, summary = assemble(lines_to_items(text), "damaged.txt", "文本文件")
    except UserError:
        return  # so damaged that it is refused as not a report: nothing wrong was produced
    assert report.format_id == original.format_id
    for cid in original.format.cells:
        value = report.values[cid]
        origin = report.origins.get(cid)
        if value is None:
            assert origin is not None and origin.missing and origin.reason
        elif not (origin and origin.reason):
            assert value == original.values[cid], cid
    assert summary.found + len(summary.missing) == summary.cells_total


def test_a_lost_row_is_recomputed_from_the_balance_and_flagged(rendered):
    original = rendered["sample-2021"][0]
    lines = _lines(rendered, "sample-2021", "\t")
    label = original.format.table("applications").rows[0].label  # 一、本年新收…
    kept = [line for line in lines if not line.startswith(label)]
    assert len(kept) == len(lines) - 1
    report, summary = assemble(lines_to_items("\n".join(kept)), "lost.txt", "文本文件")
    assert not summary.missing
    for col in original.format.table("applications").columns:
        cid = f"applications.new_received.{col.key}"
        assert report.values[cid] == original.values[cid]
        assert "推算" in report.origins[cid].reason or "计算" in report.origins[cid].reason
    assert sum(1 for a in summary.assumed if a.cell_id and a.cell_id.startswith("applications.new_received.")) == 7


def test_two_lost_rows_of_a_column_stay_missing(rendered):
    original = rendered["sample-2021"][0]
    rows = original.format.table("applications").rows
    lines = [line for line in _lines(rendered, "sample-2021", "\t") if not line.startswith((rows[0].label, rows[1].label))]
    report, summary = assemble(lines_to_items("\n".join(lines)), "lost.txt", "文本文件")
    assert {m.cell_id.split(".")[1] for m in summary.missing} == {rows[0].key, rows[1].key}
    assert report.values["applications.new_received.natural"] is None
