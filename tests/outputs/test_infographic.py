"""一图读懂: the layout object holds the model's figures; the painter draws exactly those; the CLI hands off."""

import copy
import struct
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from report import draft
from report.infographic import CASE_UNIT, build, prepare, short_label
from report.model import LastYear

RESULT_CATEGORIES = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]


def _figures_by_cell(ig):
    out = {}
    for f in ig.figures():
        if len(f.cells) == 1:
            out.setdefault(f.cells[0], f)
    return out


def test_short_labels_come_from_the_declarations():
    assert short_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "部分公开"
    assert short_label("一、本年新收政府信息公开申请数量") == "本年新收政府信息公开申请数量"
    assert short_label("3.其他") == "其他"


def test_every_value_of_table_two_is_shown_with_its_label(sample):
    ig = build(sample)
    active = ig.panel("active")
    table = sample.format.table("active")
    shown = {p.cells[0]: p for g in active.groups for p in g.parts}
    assert set(shown) == {c.id for c in table.cells}
    for cid, figure in shown.items():
        assert figure.value == sample.values[cid]
        assert figure.text == sample.display_value(cid)
        assert figure.label in sample.format.cells[cid].column_label
    assert [g.label for g in active.groups] == [r.label for _, r in table.iter_rows()]


def test_applications_flow_and_results_are_the_models(sample):
    ig = build(sample)
    v = sample.values
    flow = ig.panel("applications").figures
    assert [f.value for f in flow] == [
        v["applications.new_received.total"],
        v["applications.carried_over.total"],
        v["applications.total_processed.total"],
        v["applications.carried_forward.total"],
    ]
    assert all(f.unit == CASE_UNIT for f in flow)
    results = ig.panel("results")
    assert [f.label for f in results.figures] == RESULT_CATEGORIES
    assert results.total.value == v["applications.total_processed.total"]
    assert sum(f.value for f in results.figures) == results.total.value
    deny = next(f for f in results.figures if f.label == "不予公开")
    assert deny.value == sum(v[f"applications.{r}.total"] for r in (
        "deny_secret", "deny_law", "deny_safety", "deny_third", "deny_internal", "deny_process", "deny_enforce",
        "deny_query"))
    applicants = ig.panel("applicants")
    assert [f.value for f in applicants.figures] == [
        v[f"applications.new_received.{c}"] for c in ("natural", "corp", "research", "welfare", "legal", "other_org")
    ]
    assert "法人或其他组织" in applicants.note


def test_appeals_and_fees_are_the_models(sample):
    ig = build(sample)
    appeals = ig.panel("appeals")
    for group, row in zip(appeals.groups, ("review", "direct", "after_review")):
        assert group.total.value == sample.values[f"appeals.{row}.total"]
        assert [p.value for p in group.parts] == [
            sample.values[f"appeals.{row}.{c}"] for c in ("maintain", "correct", "other", "pending")
        ]
    if sample.format.fee_fields:
        fees = ig.panel("fees")
        assert [f.value for f in fees.figures] == [sample.fees[f.key] for f in sample.format.fee_fields]
        assert [f.unit for f in fees.figures] == ["件", "元", "元"]
    else:
        with pytest.raises(KeyError):
            ig.panel("fees")


def test_an_empty_category_is_zero_not_hidden(sample_2021):
    report = sample_2021
    for row in ("deny_secret", "deny_law", "deny_safety", "deny_third", "deny_internal", "deny_process",
                "deny_enforce", "deny_query"):
        for col in ("natural", "corp", "research", "welfare", "legal", "other_org"):
            report.values[f"applications.{row}.{col}"] = 0
    report.recompute()
    results = build(report).panel("results")
    deny = next(f for f in results.figures if f.label == "不予公开")
    assert deny.value == 0 and deny.text == "0"
    assert [f.label for f in results.figures] == RESULT_CATEGORIES


def test_a_missing_value_is_a_dash_never_zero(sample_2021):
    report = sample_2021
    report.totals_as_printed = True
    report.values["applications.granted.natural"] = None
    report.values["appeals.review.pending"] = None
    ig = build(report)
    by_cell = _figures_by_cell(ig)
    assert by_cell["appeals.review.pending"].text == "—"
    granted = next(f for f in ig.panel("results").figures if f.label == "予以公开")
    assert granted.value == report.values["applications.granted.total"]  # the printed row total is held
    assert any("未填写" in n for n in ig.notes)


def test_changes_against_last_year(sample_2021):
    last = copy.deepcopy(sample_2021)
    last.header.year = 2020
    last.values["applications.new_received.total"] -= 12
    last.values["appeals.review.total"] += 3
    ig = build(sample_2021, last)
    assert ig.last_year == 2020
    new = ig.panel("applications").figures[0]
    assert new.change == 12 and new.change_text == "较上年 +12 件"
    review = ig.panel("appeals").groups[0].total
    assert review.change_text == "较上年 \u22123 件"
    same = ig.panel("applications").figures[1]
    assert same.change_text == "与上年持平"
    amount = next(p for g in ig.panel("active").groups for p in g.parts if p.kind.is_decimal)
    assert amount.change == Decimal(0)


def test_last_year_in_another_format_compares_only_what_matches(sample_2021, sample_2019):
    ig = build(sample_2021, sample_2019)
    flow = ig.panel("applications").figures
    assert all(f.has_last for f in flow)
    assert flow[0].change == sample_2021.values["applications.new_received.total"] - sample_2019.values[
        "applications.new_received.total"]
    # Table 二's columns differ between the formats: no 较上年 rather than a wrong one.
    assert not any(p.has_last for g in ig.panel("active").groups for p in g.parts)
    other = next(f for f in ig.panel("results").figures if f.label == "其他处理")
    assert other.change == other.value - sample_2019.values["applications.other_processing.total"]


def test_carried_reference_is_used_by_default(sample_2021):
    values = dict(sample_2021.values)
    values["applications.new_received.total"] -= 5
    sample_2021.last_year = LastYear("2021", 2020, values)
    assert build(sample_2021).panel("applications").figures[0].change_text == "较上年 +5 件"


def test_a_report_with_errors_is_refused_unless_forced(sample_2021):
    from report.errors import UserError

    sample_2021.values["applications.granted.natural"] += 1  # （七）总计 no longer matches 一+二
    with pytest.raises(UserError, match="错误"):
        prepare(sample_2021)
    assert prepare(sample_2021, force=True).draft_mark


# --- the painter -------------------------------------------------------------------------


@pytest.fixture
def qt_app(qapp):
    return qapp


@pytest.mark.parametrize("with_last", [False, True])
def test_painter_draws_exactly_the_layouts_figures(qt_app, sample, with_last):
    from gui.infographic_painter import WIDTH, font_family, paint

    last = None
    if with_last:
        last = copy.deepcopy(sample)
        last.header.year -= 1
        for cid, value in last.values.items():
            if value:
                last.values[cid] = value - 1
    ig = build(sample, last)
    image, drawn = paint(ig)
    assert image.width() == WIDTH == 1080
    assert 3000 < image.height() < 12000
    assert font_family() in ("Noto Sans CJK SC", "Microsoft YaHei", "微软雅黑", "Source Han Sans SC")
    values = {(d.figure_key, d.text) for d in drawn if d.role == "value"}
    changes = {(d.figure_key, d.text) for d in drawn if d.role == "change"}
    for f in ig.figures():
        assert (f.key, f.text) in values, f.key
        if with_last and f.has_last:
            assert f.change_text and (f.key, f.change_text) in changes, f.key
    by_key = {f.key: f for f in ig.figures()}
    for d in drawn:
        if d.role == "value":
            assert by_key[d.figure_key].text == d.text  # nothing drawn as a number that the model does not hold
    titles = [d.text for d in drawn if d.role == "title"]
    assert "".join(titles[0].split("\n")) == sample.title
    # The header band is the red of the design, the page beyond it the light paper colour.
    assert image.pixelColor(5, 5).name() == "#b71c1c"
    assert image.pixelColor(5, image.height() - 5).name() == "#f3f5f9"


def test_painter_marks_a_forced_draft(qt_app, sample_2021):
    from gui.infographic_painter import paint

    sample_2021.values["applications.granted.natural"] += 1
    _, drawn = paint(prepare(sample_2021, force=True))
    assert any("草稿" in d.text for d in drawn)


# --- the command line ----------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _xxgk(*args, cwd):
    return subprocess.run([sys.executable, "-m", "report", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", timeout=180, cwd=cwd)


def test_cli_draws_through_the_gui_program(tmp_path, sample_2021):
    src = tmp_path / "本年.json"
    draft.save(sample_2021, src)
    last = copy.deepcopy(sample_2021)
    last.header.year = 2020
    last.values["applications.new_received.total"] -= 12
    last_path = tmp_path / "上年.json"
    draft.save(last, last_path)
    out = tmp_path / "一图读懂.png"
    done = _xxgk("infographic", src, "-o", out, "--last-year", last_path, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "已生成一图读懂" in done.stdout
    width, height = _png_size(out)
    assert width == 1080 and height > 3000
    again = _xxgk("infographic", src, "-o", out, cwd=tmp_path)
    assert again.returncode == 2 and "已存在" in again.stderr


def test_cli_refuses_a_report_with_errors(tmp_path, sample_2021):
    sample_2021.values["applications.granted.natural"] += 1
    src = tmp_path / "有错.json"
    draft.save(sample_2021, src)
    out = tmp_path / "图.png"
    refused = _xxgk("infographic", src, "-o", out, cwd=tmp_path)
    assert refused.returncode == 2 and "错误" in refused.stderr and "Traceback" not in refused.stderr
    assert not out.exists()
    forced = _xxgk("infographic", src, "-o", out, "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "草稿" in forced.stdout and _png_size(out)[0] == 1080


def test_cli_help_says_who_draws(tmp_path):
    shown = _xxgk("infographic", "--help", cwd=tmp_path)
    assert shown.returncode == 0 and "xxgk-gui --infographic" in " ".join(shown.stdout.split())


def test_gui_program_job_needs_an_output(tmp_path, sample_2021):
    src = tmp_path / "本年.json"
    draft.save(sample_2021, src)
    done = subprocess.run([sys.executable, "-m", "gui", "--infographic", str(src)], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, cwd=tmp_path)
    assert done.returncode == 2 and "-o" in done.stderr
