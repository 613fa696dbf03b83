"""国办公开办函〔2021〕30号: the format for report years 2021 onward.

Labels verbatim from shared/official-format.md §3.
"""

from ..schema import (
    BlockSpec,
    CarryMap,
    ColumnSpec,
    FeeFieldSpec,
    FormatSpec,
    Layout,
    RelationSpec,
    RowSpec,
    TableSpec,
    Term,
)
from . import common as c

_DECISIONS = (ColumnSpec("decisions", "本年处理决定数量"),)

ACTIVE = TableSpec(
    key="active",
    section="二",
    name="主动公开表",
    layout=Layout.BLOCKS,
    value_grid_width=3,
    blocks=(
        BlockSpec(
            "art20_1", "第二十条第（一）项", "信息内容",
            (
                ColumnSpec("made", "本年制发件数", help="本年度制定并印发的件数。"),
                ColumnSpec("repealed", "本年废止件数", help="本年度宣布废止或失效的件数。"),
                ColumnSpec("valid", "现行有效件数", help="截至本年底现行有效的件数。"),
            ),
            (RowSpec("regs", "规章"), RowSpec("norm_docs", "行政规范性文件")),
            help=c.ART20["一"],
        ),
        BlockSpec("art20_5", "第二十条第（五）项", "信息内容", _DECISIONS, (RowSpec("licensing", "行政许可"),), help=c.ART20["五"]),
        BlockSpec(
            "art20_6", "第二十条第（六）项", "信息内容", _DECISIONS,
            (RowSpec("penalty", "行政处罚"), RowSpec("coercion", "行政强制")), help=c.ART20["六"],
        ),
        BlockSpec(
            "art20_8", "第二十条第（八）项", "信息内容",
            (ColumnSpec("amount", "本年收费金额（单位：万元）", kind=c.WAN, help="单位为万元，可保留至多 4 位小数。"),),
            (RowSpec("fees", "行政事业性收费"),), help=c.ART20["八"],
        ),
    ),
)

_OTHER_ROWS = (
    RowSpec(
        "other_nocorrect", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", (c.RESULTS, c.OTHER),
    ),
    RowSpec(
        "other_nofee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", (c.RESULTS, c.OTHER),
    ),
    RowSpec("other_other", "3.其他", (c.RESULTS, c.OTHER)),
)

APPLICATIONS = c.applications_table(_OTHER_ROWS)

FORMAT = FormatSpec(
    id="2021",
    name="2021年格式",
    document="国办公开办函〔2021〕30号",
    first_year=2021,
    last_year=None,
    sections=c.sections("active", "applications", "appeals"),
    text_fields=c.TEXT_FIELDS,
    tables=(ACTIVE, APPLICATIONS, c.APPEALS_TABLE),
    sums=c.applications_sums(APPLICATIONS) + c.appeals_sums(),
    relations=(
        *c.applications_balance(APPLICATIONS),
        *c.applications_cross_year(APPLICATIONS),
        c.APPEALS_RELATIONS[0],
        *(
            c.count_rows_relation_ge(
                "W2", "active", row, "valid", (("made", 1), ("repealed", -1)),
                subject=label, left="现行有效件数", right="本年制发−本年废止",
            )
            for row, label in (("regs", "规章"), ("norm_docs", "行政规范性文件"))
        ),
        *(
            RelationSpec(
                "W2",
                (Term(f"active.{row}.valid"),),
                "==",
                (
                    Term(f"active.{row}.valid", last_year=True),
                    Term(f"active.{row}.made"),
                    Term(f"active.{row}.repealed", -1),
                ),
                left_name="现行有效件数",
                right_name="上年现行有效+本年制发−本年废止",
                subject=label,
            )
            for row, label in (("regs", "规章"), ("norm_docs", "行政规范性文件"))
        ),
    ),
    carry_over=c.applications_carry_over(APPLICATIONS),
    carry_from=(
        CarryMap(
            "2019",
            c.cross_format_cells(
                application_rows=[r.key for r in APPLICATIONS.rows if not r.key.startswith("other_")],
                renamed_rows=(("other_other", "other_processing"),),
                active_cells=(
                    ("active.regs.made", "active.regs.new_made"),
                    ("active.norm_docs.made", "active.norm_docs.new_made"),
                    ("active.licensing.decisions", "active.licensing.decisions"),
                    ("active.penalty.decisions", "active.penalty.decisions"),
                    ("active.coercion.decisions", "active.coercion.decisions"),
                ),
            ),
            (
                "2019 年格式的「（六）其他处理」在 2021 年格式中分为三项，原有数据只能对应到「3.其他」，请核对。",
                "2019 年格式表二的「对外公开总数量」与 2021 年格式的「现行有效件数」含义不同，未自动带入。",
                "2019 年格式表二的（八）行政事业性收费项目数和（九）政府集中采购在 2021 年格式中没有对应项。",
            ),
        ),
    ),
    fee_fields=(
        FeeFieldSpec("notices", "发出收费通知件数", c.COUNT),
        FeeFieldSpec("notice_amount", "收费通知总金额（元）", c.AMOUNT),
        FeeFieldSpec("collected", "实际收取总金额（元）", c.AMOUNT),
    ),
    prose_patterns=c.PROSE_PATTERNS,
    expected_aspects=c.OVERVIEW_ASPECTS,
    fee_notice_cell="applications.other_nofee.total",
    fee_words=c.FEE_WORDS,
    fee_text_field="other_matters",
    fee_sentence=(
        "本年度，本机关依据《政府信息公开信息处理费管理办法》发出收费通知{notices}件，"
        "收费通知总金额{notice_amount}元，实际收取信息处理费{collected}元。"
    ),
    fee_none_sentence="本年度，本机关未依据《政府信息公开信息处理费管理办法》收取信息处理费。",
    applications_total_cell="applications.new_received.total",
    no_application_words=c.NO_APPLICATION_WORDS,
    signature_labels=("本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额"),
    default_opening=c.DEFAULT_OPENING,
    sentences=c.SENTENCES,
)
