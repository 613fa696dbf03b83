"""Write the sample drafts ``sample-2021.json`` and ``sample-2019.json``.

Run with the project's venv from the project root: ``.venv/bin/python scripts/make_samples.py``
(writes ``resources/samples/``).

Each sample is a fully filled report: a distinct non-zero number in every
entered cell (so a test can find every figure in table order), totals
consistent so the checks find no error, and prose that exercises what a
renderer must survive: full-width punctuation, ``&``, ``<``, quotes, line
breaks and characters outside GB2312 (𬌗, 䶮).
"""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from report import draft
from report.checks import check
from report.model import Report
from report.schema import ValueKind

HERE = ROOT / "resources" / "samples"


def _fill_applications(report: Report, first: int) -> int:
    """Distinct item counts per column, then 一/二/四 so that 一+二 = （七）+四 holds."""
    fmt = report.format
    table = fmt.table("applications")
    entered_cols = [c.key for c in table.columns if not c.derived]
    items = [r.key for r in table.rows if r.groups and not r.derived]
    n = first
    for col in entered_cols:
        for row in items:
            report.values[f"applications.{row}.{col}"] = n
            n += 1
    for j, col in enumerate(entered_cols):
        processed = sum(report.values[f"applications.{row}.{col}"] for row in items)
        carried_over = 500 + 7 * j + 1
        carried_forward = 600 + 7 * j + 3
        report.values[f"applications.carried_over.{col}"] = carried_over
        report.values[f"applications.carried_forward.{col}"] = carried_forward
        report.values[f"applications.new_received.{col}"] = processed + carried_forward - carried_over
    return n


def _fill_appeals(report: Report, first: int) -> int:
    # Filled from the last cell backwards so 行政复议 gets the largest numbers:
    # fewer suits after review than reviews keeps W7 quiet.
    cells = [cid for cid, spec in report.format.cells.items() if spec.table == "appeals" and not spec.derived]
    n = first
    for cid in reversed(cells):
        report.values[cid] = n
        n += 1
    return n


def _fill_active(report: Report, values: dict[str, object]) -> None:
    for cid, v in values.items():
        spec = report.format.cells[cid]
        report.values[cid] = Decimal(str(v)) if spec.kind.is_decimal else int(v)


def _common_texts(report: Report, place: str, applications: int, reviews: int, suits: int) -> None:
    report.set_text(
        "overview_lead",
        f"{report.header.year}年，本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻《中华人民共和国政府信息公开条例》"
        "（以下简称《条例》），围绕“公开为常态、不公开为例外”的原则，推进决策、执行、管理、服务、结果“五公开”。",
    )
    report.set_text(
        "overview_active",
        "一是聚焦重点领域。在门户网站“政府信息公开”专栏集中发布财政预决算、重大建设项目、公共资源配置等信息，"
        f"并在{place}设立政务公开专区，方便群众就近查阅。\n"
        "二是加强政策解读。对出台的行政规范性文件做到“应解读尽解读”，采用图文、H5&短视频等形式解读政策，"
        "解读材料与文件同步发布、同步关联。\n"
        "三是回应社会关切。对网民留言实行“首问负责”，一般咨询办理时限<5个工作日。",
    )
    report.set_text(
        "overview_on_request",
        f"本年度共收到政府信息公开申请{applications}件，均在法定期限内答复。申请内容主要集中在征地拆迁、"
        "社会保障、规划建设等方面。\n"
        "对申请内容不明确的，及时告知申请人补正；对需要征求第三方意见的，依法书面征求意见。",
    )
    report.set_text(
        "overview_management",
        "严格落实《政府信息公开保密审查办法》，坚持“先审查、后公开”和“一事一审”，全年未发生泄密事件。\n"
        "对现行有效的行政规范性文件进行全面清理，及时更新政策文件库。",
    )
    report.set_text(
        "overview_platform",
        "以政府门户网站为第一平台，同步运用政务微博、微信公众号“{我们的家园}”等新媒体发布信息；"
        "完成网站适老化、无障碍改造，政务新媒体做到“<24小时”回复留言。",
    )
    report.set_text(
        "overview_supervision",
        "将政府信息公开工作纳入年度目标考核，组织业务培训3次，参训人员120人次。\n"
        "聘请社会监督员对公开工作进行评议，本年度未发生因政府信息公开工作引起的责任追究。"
        f"本年度被申请行政复议{reviews}件，被提起行政诉讼{suits}件。",
    )
    report.set_text(
        "problems",
        "一是基层公开标准化规范化建设仍有差距，部分乡镇公开内容不够全面。\n"
        "二是政策解读形式较为单一，群众喜闻乐见的解读产品偏少。\n"
        "三是依申请公开答复文书的规范性有待提高。",
    )
    report.set_text(
        "improvements",
        "一是对照基层政务公开标准目录，逐项梳理公开事项，做到应公开尽公开。\n"
        "二是丰富解读形式，推出“图说政策”“政策问答”等栏目。\n"
        "三是加强业务培训和法律顾问审核，提高答复质量；对上年度指出的问题已全部整改到位。",
    )


def sample_2021() -> Report:
    report = Report.new(2021, "米易县人民政府办公室", "2021")
    h = report.header
    h.doc_number = "米府办函〔2022〕3号"
    h.addressee = "攀枝花市人民政府办公室"
    h.opening = (
        "根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
        "政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现将米易县人民政府办公室2021年度"
        "政府信息公开工作情况报告如下。"
    )
    h.signer = "米易县人民政府办公室"
    h.sign_date = dt.date(2022, 1, 14)
    h.sealed = False
    _fill_active(
        report,
        {
            "active.regs.made": 2,
            "active.regs.repealed": 1,
            "active.regs.valid": 12,
            "active.norm_docs.made": 9,
            "active.norm_docs.repealed": 4,
            "active.norm_docs.valid": 75,
            "active.licensing.decisions": 9544,
            "active.penalty.decisions": 937,
            "active.coercion.decisions": 36,
            "active.fees.amount": "3415.891",
        },
    )
    _fill_applications(report, 101)
    _fill_appeals(report, 52)
    report.recompute()
    report.fees.update({"notices": 3, "notice_amount": Decimal(450), "collected": Decimal(300)})
    applications = report.values["applications.new_received.total"]
    reviews = report.values["appeals.review.total"]
    suits = report.values["appeals.direct.total"] + report.values["appeals.after_review.total"]
    _common_texts(report, "丙谷镇𬌗坪村、白马镇䶮山社区便民服务中心", applications, reviews, suits)
    report.set_text(
        "other_matters",
        report.fee_sentence() + "\n本年度办理人大代表建议和政协委员提案共28件，已全部按要求公开办理结果。"
        "\n《2021年政务公开工作要点》确定的各项任务均已落实。",
    )
    return report


def sample_2019() -> Report:
    report = Report.new(2020, "海东市平安区新农村建设服务中心", "2019")
    h = report.header
    h.doc_number = "平新农字〔2021〕2号"
    h.addressee = "区政府办公室"
    h.opening = (
        "根据《中华人民共和国政府信息公开条例》的要求，结合我中心工作实际，现将海东市平安区新农村建设服务中心"
        "2020年政府信息公开工作情况报告如下。"
    )
    h.signer = ""
    h.sign_date = dt.date(2021, 1, 18)
    h.sealed = True
    _fill_active(
        report,
        {
            "active.regs.new_made": 3,
            "active.regs.new_published": 4,
            "active.regs.total_published": 27,
            "active.norm_docs.new_made": 14,
            "active.norm_docs.new_published": 13,
            "active.norm_docs.total_published": 88,
            "active.licensing.prev_items": 46,
            "active.licensing.delta": -5,
            "active.licensing.decisions": 1266,
            "active.other_services.prev_items": 31,
            "active.other_services.delta": 7,
            "active.other_services.decisions": 852,
            "active.penalty.prev_items": 19,
            "active.penalty.delta": -2,
            "active.penalty.decisions": 73,
            "active.coercion.prev_items": 8,
            "active.coercion.delta": 6,
            "active.coercion.decisions": 11,
            "active.fees.prev_items": 5,
            "active.fees.delta": -1,
            "active.procurement.projects": 17,
            "active.procurement.amount": "251.3608",
        },
    )
    _fill_applications(report, 101)
    _fill_appeals(report, 52)
    report.recompute()
    applications = report.values["applications.new_received.total"]
    reviews = report.values["appeals.review.total"]
    suits = report.values["appeals.direct.total"] + report.values["appeals.after_review.total"]
    _common_texts(report, "平安镇𬌗沟村、古城乡䶮家庄村村务公开栏", applications, reviews, suits)
    report.set_text(
        "other_matters",
        "本年度未收取信息处理费。\n本年度承办人大代表建议&政协委员提案12件，办理结果均已公开。",
    )
    return report


def _check_sample(report: Report) -> None:
    result = check(report)
    if result.errors:
        raise SystemExit("样例有错误：" + "；".join(f.message for f in result.errors))
    entered = [report.values[c] for c in report.format.entered_cells]
    if any(v == 0 for v in entered) or len(set(entered)) != len(entered):
        raise SystemExit("样例的每个填报单元格都应是互不相同的非零数")
    for cid, spec in report.format.cells.items():
        if spec.kind is ValueKind.COUNT and report.values[cid] < 0:
            raise SystemExit(f"{cid} 为负数")


def main() -> int:
    for name, build in (("sample-2021.json", sample_2021), ("sample-2019.json", sample_2019)):
        report = build()
        _check_sample(report)
        draft.save(report, HERE / name)
        warnings = check(report).warnings
        print(f"{name}: {len(warnings)} 个提示" + "".join(f"\n  {w.code} {w.message}" for w in warnings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
