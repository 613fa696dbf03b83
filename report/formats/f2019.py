"""国办公开办函〔2019〕60号 (格式（试行）): the format for report years 2019–2020.

Labels verbatim from shared/official-format.md §4.
"""

from ..schema import BlockSpec, ColumnSpec, FormatSpec, Layout, RelationSpec, RowSpec, TableSpec, Term
from . import common as c

_ITEMS = (
    ColumnSpec("prev_items", "上一年项目数量", help="上一年度的项目数量。"),
    ColumnSpec("delta", "本年增/减", kind=c.SIGNED, help="本年增加填正数，减少填负数（如 -3）。"),
    ColumnSpec("decisions", "处理决定数量", help="本年度作出的处理决定数量。"),
)

ACTIVE = TableSpec(
    key="active",
    section="二",
    name="主动公开表",
    layout=Layout.BLOCKS,
    value_grid_width=4,
    blocks=(
        BlockSpec(
            "art20_1", "第二十条第（一）项", "信息内容",
            (
                ColumnSpec("new_made", "本年新制作数量"),
                ColumnSpec("new_published", "本年新公开数量"),
                ColumnSpec("total_published", "对外公开总数量"),
            ),
            (RowSpec("regs", "规章"), RowSpec("norm_docs", "规范性文件")),
            help=c.ART20["一"],
        ),
        BlockSpec(
            "art20_5", "第二十条第（五）项", "信息内容", _ITEMS,
            (RowSpec("licensing", "行政许可"), RowSpec("other_services", "其他对外管理服务事项")),
            help=c.ART20["五"],
        ),
        BlockSpec(
            "art20_6", "第二十条第（六）项", "信息内容", _ITEMS,
            (RowSpec("penalty", "行政处罚"), RowSpec("coercion", "行政强制")), help=c.ART20["六"],
        ),
        BlockSpec(
            "art20_8", "第二十条第（八）项", "信息内容", _ITEMS[:2],
            (RowSpec("fees", "行政事业性收费", help="行政事业性收费的项目数量（不是金额）。"),), help=c.ART20["八"],
        ),
        BlockSpec(
            "art20_9", "第二十条第（九）项", "信息内容",
            (
                ColumnSpec("projects", "采购项目数量"),
                # The official label names no unit; the cell prints its own (「251.3608万元」).
                ColumnSpec("amount", "采购总金额", kind=c.WAN, help="单位为万元，印在数字之后。", unit="万元"),
            ),
            (RowSpec("procurement", "政府集中采购"),), help=c.ART20["九"],
        ),
    ),
)

APPLICATIONS = c.applications_table(
    (RowSpec("other_processing", c.OTHER, (c.RESULTS,)),),
)

_ITEM_ROWS = (
    ("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"),
    ("penalty", "行政处罚"), ("coercion", "行政强制"), ("fees", "行政事业性收费"),
)
_DOC_ROWS = (("regs", "规章"), ("norm_docs", "规范性文件"))

FORMAT = FormatSpec(
    id="2019",
    name="2019年格式",
    document="国办公开办函〔2019〕60号",
    first_year=2019,
    last_year=2020,
    sections=c.sections("active", "applications", "appeals"),
    text_fields=c.TEXT_FIELDS,
    tables=(ACTIVE, APPLICATIONS, c.APPEALS_TABLE),
    sums=c.applications_sums(APPLICATIONS) + c.appeals_sums(),
    relations=(
        *c.applications_balance(APPLICATIONS),
        *c.applications_cross_year(APPLICATIONS),
        c.APPEALS_RELATIONS[0],
        *(
            RelationSpec(
                "W3", (Term(f"active.{row}.prev_items"), Term(f"active.{row}.delta")), ">=", (),
                left_name="上一年项目数量+本年增/减", right_name="0", subject=label,
            )
            for row, label in _ITEM_ROWS
        ),
        *(
            RelationSpec(
                "W3", (Term(f"active.{row}.prev_items"),), "==",
                (Term(f"active.{row}.prev_items", last_year=True), Term(f"active.{row}.delta", last_year=True)),
                left_name="上一年项目数量", right_name="上年报告的上一年项目数量+本年增/减", subject=label,
            )
            for row, label in _ITEM_ROWS
        ),
        *(
            c.count_rows_relation_ge(
                "W4", "active", row, "total_published", (("new_published", 1),),
                subject=label, left="对外公开总数量", right="本年新公开数量",
            )
            for row, label in _DOC_ROWS
        ),
        *(
            RelationSpec(
                "W4", (Term(f"active.{row}.total_published"),), ">=",
                (Term(f"active.{row}.total_published", last_year=True), Term(f"active.{row}.new_published")),
                left_name="对外公开总数量", right_name="上年对外公开总数量+本年新公开数量", subject=label,
            )
            for row, label in _DOC_ROWS
        ),
    ),
    carry_over=c.applications_carry_over(APPLICATIONS),
    prose_patterns=c.PROSE_PATTERNS,
    applications_total_cell="applications.new_received.total",
    no_application_words=c.NO_APPLICATION_WORDS,
    signature_labels=("本年新制作数量", "本年新公开数量", "对外公开总数量", "第二十条第（九）项", "政府集中采购"),
    default_opening=c.DEFAULT_OPENING,
    sentences=c.SENTENCES,
)
