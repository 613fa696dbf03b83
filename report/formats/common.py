"""Pieces shared by the national formats, and helpers to declare sums.

Everything here is data (labels verbatim from the official templates,
see shared/official-format.md §2–§4).  A format module picks the pieces
it uses and adds its own.
"""

from __future__ import annotations

from ..schema import (
    ColumnSpec,
    Layout,
    ProsePattern,
    RelationSpec,
    RowSpec,
    SectionSpec,
    SumSpec,
    TableSpec,
    Term,
    TextFieldSpec,
    ValueKind,
)

# --- sections and text fields ---------------------------------------------

TEXT_FIELDS = (
    TextFieldSpec("overview_lead", "", "总体情况的开头一段（可不填），概括本年度政府信息公开工作。"),
    TextFieldSpec("overview_active", "（一）主动公开", "主动公开政府信息的数量、重点领域、解读回应等情况。", "无。"),
    TextFieldSpec("overview_on_request", "（二）依申请公开", "收到和办理政府信息公开申请的情况，与表三一致。", "无。"),
    TextFieldSpec("overview_management", "（三）政府信息管理", "政府信息公开审查、动态调整、制度建设等情况。", "无。"),
    TextFieldSpec("overview_platform", "（四）政府信息公开平台建设", "门户网站、公开专栏、政务新媒体等平台建设情况。", "无。"),
    TextFieldSpec(
        "overview_supervision", "（五）监督保障",
        "培训、考核、社会评议、责任追究等情况（各级人民政府应包括工作考核、社会评议和责任追究结果）。", "无。",
    ),
    TextFieldSpec("problems", "存在的主要问题", "本年度政府信息公开工作存在的主要问题，可写「一是……二是……」。", "无。"),
    TextFieldSpec("improvements", "改进情况", "针对上述问题的改进情况和下一步措施，以及上年问题的整改情况。", "无。"),
    TextFieldSpec("other_matters", "", "其他需要报告的事项，如落实政务公开工作要点、建议提案办理公开等情况。", None),
)

OVERVIEW_ASPECTS = (
    "overview_active", "overview_on_request", "overview_management", "overview_platform", "overview_supervision",
)


def sections(table2: str, table3: str, table4: str) -> tuple[SectionSpec, ...]:
    # Aliases: other wordings real reports print for a section title (matched like the title,
    # with a small edit distance when the heading carries its ordinal, see importer.sections).
    return (
        SectionSpec("一", "总体情况", ("overview_lead",) + OVERVIEW_ASPECTS, aliases=("概述", "基本情况", "总体工作情况")),
        SectionSpec(
            "二", "主动公开政府信息情况", tables=(table2,),
            aliases=("主动公开情况", "主动公开政府信息工作情况"),
        ),
        SectionSpec(
            "三", "收到和处理政府信息公开申请情况", tables=(table3,),
            aliases=("依申请公开政府信息情况", "收到和处理政府信息公开申请的情况", "依申请公开情况"),
        ),
        SectionSpec(
            "四", "政府信息公开行政复议、行政诉讼情况", tables=(table4,),
            aliases=("因政府信息公开工作被申请行政复议、提起行政诉讼情况", "政府信息公开行政复议、行政诉讼的情况"),
        ),
        SectionSpec(
            "五", "存在的主要问题及改进情况", ("problems", "improvements"),
            aliases=(
                "政府信息公开工作存在的主要问题及改进情况", "存在问题及改进情况", "存在的主要问题及整改措施",
                "存在的主要问题及改进措施", "存在的问题及改进措施", "存在的主要问题和下一步工作打算",
                "存在的问题和下一步工作打算", "下一步工作打算", "存在的不足及改进措施",
            ),
        ),
        SectionSpec("六", "其他需要报告的事项", ("other_matters",), aliases=("其他需要说明的事项",)),
    )


DEFAULT_OPENING = (
    "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定，现将{org}{year}年度"
    "政府信息公开工作情况报告如下。"
)

# --- 条例 第二十条 item texts (tooltips for table 二) -------------------------

ART20 = {
    "一": "条例第二十条第（一）项：行政法规、规章和规范性文件。",
    "五": "条例第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果。",
    "六": "条例第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定。",
    "八": "条例第二十条第（八）项：行政事业性收费项目及其依据、标准。",
    "九": "条例第二十条第（九）项：政府集中采购项目的目录、标准及实施情况。",
}

# --- table 三: applications ----------------------------------------------------

APPLICANT_GROUP = "申请人情况"
ORG_GROUP = "法人或其他组织"

APPLICANT_COLUMNS = (
    ColumnSpec("natural", "自然人", groups=(APPLICANT_GROUP,), help="以个人名义提出申请的。"),
    ColumnSpec("corp", "商业企业", groups=(APPLICANT_GROUP, ORG_GROUP)),
    ColumnSpec("research", "科研机构", groups=(APPLICANT_GROUP, ORG_GROUP)),
    ColumnSpec("welfare", "社会公益组织", groups=(APPLICANT_GROUP, ORG_GROUP)),
    ColumnSpec("legal", "法律服务机构", groups=(APPLICANT_GROUP, ORG_GROUP)),
    ColumnSpec("other_org", "其他", groups=(APPLICANT_GROUP, ORG_GROUP), help="其他法人或其他组织（注意：不是「3.其他」处理结果）。"),
    ColumnSpec("total", "总计", derived=True, groups=(APPLICANT_GROUP,), help="自动计算：自然人与各类法人或其他组织之和。"),
)
APPLICANT_KEYS = tuple(c.key for c in APPLICANT_COLUMNS if not c.derived)

RESULTS = "三、本年度办理结果"
DENY = "（三）不予公开"
UNABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"

APPLICATIONS_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def application_rows(other_rows: tuple[RowSpec, ...]) -> tuple[RowSpec, ...]:
    return (
        RowSpec("new_received", "一、本年新收政府信息公开申请数量", help="本年度新收到的政府信息公开申请数量。"),
        RowSpec("carried_over", "二、上年结转政府信息公开申请数量", help="上年度报告「四、结转下年度继续办理」的数量。"),
        RowSpec("granted", "（一）予以公开", (RESULTS,)),
        RowSpec(
            "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", (RESULTS,),
            help="区分处理的，只计这一情形，不计其他情形。",
        ),
        RowSpec("deny_secret", "1.属于国家秘密", (RESULTS, DENY)),
        RowSpec("deny_law", "2.其他法律行政法规禁止公开", (RESULTS, DENY)),
        RowSpec("deny_safety", "3.危及“三安全一稳定”", (RESULTS, DENY), help="危及国家安全、公共安全、经济安全和社会稳定。"),
        RowSpec("deny_third", "4.保护第三方合法权益", (RESULTS, DENY)),
        RowSpec("deny_internal", "5.属于三类内部事务信息", (RESULTS, DENY), help="人事管理、后勤管理、内部工作流程等内部事务信息。"),
        RowSpec("deny_process", "6.属于四类过程性信息", (RESULTS, DENY), help="讨论记录、过程稿、磋商信函、请示报告等过程性信息。"),
        RowSpec("deny_enforce", "7.属于行政执法案卷", (RESULTS, DENY)),
        RowSpec("deny_query", "8.属于行政查询事项", (RESULTS, DENY)),
        RowSpec("unable_none", "1.本机关不掌握相关政府信息", (RESULTS, UNABLE)),
        RowSpec("unable_create", "2.没有现成信息需要另行制作", (RESULTS, UNABLE)),
        RowSpec("unable_unclear", "3.补正后申请内容仍不明确", (RESULTS, UNABLE)),
        RowSpec("np_complaint", "1.信访举报投诉类申请", (RESULTS, NOT_PROCESSED)),
        RowSpec("np_repeat", "2.重复申请", (RESULTS, NOT_PROCESSED)),
        RowSpec("np_publication", "3.要求提供公开出版物", (RESULTS, NOT_PROCESSED)),
        RowSpec("np_massive", "4.无正当理由大量反复申请", (RESULTS, NOT_PROCESSED)),
        RowSpec("np_confirm", "5.要求行政机关确认或重新出具已获取信息", (RESULTS, NOT_PROCESSED)),
        *other_rows,
        RowSpec("total_processed", "（七）总计", (RESULTS,), derived=True, help="自动计算：（一）至（六）各项之和。"),
        RowSpec(
            "carried_forward", "四、结转下年度继续办理",
            help="年底尚未办结、转入下年度办理的申请数量；下一年度报告的「上年结转」应与之相同。",
        ),
    )


APPLICATION_SHORT_NAMES = (
    ("new_received", "一"),
    ("carried_over", "二"),
    ("total_processed", "（七）总计"),
    ("carried_forward", "四"),
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开"),
)


def applications_table(other_rows: tuple[RowSpec, ...]) -> TableSpec:
    rows = application_rows(other_rows)
    short = dict(APPLICATION_SHORT_NAMES)
    for r in rows:
        if r.key not in short and r.groups and r.groups[-1] != RESULTS:
            short[r.key] = f"{r.groups[-1]}{r.label}"
    return TableSpec(
        key="applications",
        section="三",
        name="申请情况表",
        layout=Layout.MATRIX,
        rows=rows,
        columns=APPLICANT_COLUMNS,
        corner=APPLICATIONS_CORNER,
        short_row_names=tuple(short.items()),
    )


def result_item_keys(table: TableSpec) -> tuple[str, ...]:
    """Rows counted in （七）总计: everything under 三 except the total itself."""
    return tuple(r.key for r in table.rows if r.groups and r.groups[0] == RESULTS and not r.derived)


def applications_sums(table: TableSpec) -> tuple[SumSpec, ...]:
    t = table.key
    sums = []
    # Row totals first, then the （七） row; the (七)·总计 cell is checked both ways.
    for row in table.rows:
        sums.append(
            SumSpec("E2", f"{t}.{row.key}.total", tuple(f"{t}.{row.key}.{c}" for c in APPLICANT_KEYS), "各申请人之和")
        )
    items = result_item_keys(table)
    for col in table.columns:
        sums.append(
            SumSpec("E3", f"{t}.total_processed.{col.key}", tuple(f"{t}.{r}.{col.key}" for r in items), "（一）至（六）各项之和")
        )
    return tuple(sums)


def applications_balance(table: TableSpec) -> tuple[RelationSpec, ...]:
    t = table.key
    return tuple(
        RelationSpec(
            "E1",
            (Term(f"{t}.new_received.{c.key}"), Term(f"{t}.carried_over.{c.key}")),
            "==",
            (Term(f"{t}.total_processed.{c.key}"), Term(f"{t}.carried_forward.{c.key}")),
            left_name="一+二",
            right_name="（七）+四",
            subject=f"{c.label}列",
        )
        for c in table.columns
    )


def applications_cross_year(table: TableSpec) -> tuple[RelationSpec, ...]:
    t = table.key
    return tuple(
        RelationSpec(
            "W1",
            (Term(f"{t}.carried_over.{c.key}"),),
            "==",
            (Term(f"{t}.carried_forward.{c.key}", last_year=True),),
            left_name="本年二、上年结转",
            right_name="上年报告四、结转下年度",
            subject=f"{c.label}列",
        )
        for c in table.columns
    )


def applications_carry_over(table: TableSpec) -> tuple[tuple[str, str], ...]:
    t = table.key
    return tuple((f"{t}.carried_over.{c.key}", f"{t}.carried_forward.{c.key}") for c in table.columns if not c.derived)


# --- table 四: administrative review and litigation -------------------------

OUTCOME_COLUMNS = (
    ColumnSpec("maintain", "结果维持"),
    ColumnSpec("correct", "结果纠正"),
    ColumnSpec("other", "其他结果"),
    ColumnSpec("pending", "尚未审结"),
    ColumnSpec("total", "总计", derived=True, help="自动计算：四项结果之和。"),
)

APPEALS_TABLE = TableSpec(
    key="appeals",
    section="四",
    name="复议诉讼表",
    layout=Layout.STRIP,
    rows=(
        RowSpec("review", "行政复议", help="因政府信息公开工作被申请行政复议的情况。"),
        RowSpec("direct", "未经复议直接起诉", ("行政诉讼",), help="未经行政复议直接提起行政诉讼的情况。"),
        RowSpec("after_review", "复议后起诉", ("行政诉讼",), help="经行政复议后又提起行政诉讼的情况。"),
    ),
    columns=OUTCOME_COLUMNS,
)

_APPEAL_CODES = {"review": "E4", "direct": "E5", "after_review": "E6"}


def appeals_sums(table: TableSpec = APPEALS_TABLE) -> tuple[SumSpec, ...]:
    t = table.key
    parts = tuple(c.key for c in table.columns if not c.derived)
    return tuple(
        SumSpec(_APPEAL_CODES[r.key], f"{t}.{r.key}.total", tuple(f"{t}.{r.key}.{p}" for p in parts), "四项结果之和")
        for r in table.rows
    )


APPEALS_RELATIONS = (
    RelationSpec(
        "W7",
        (Term("appeals.after_review.total"),),
        "<=",
        (Term("appeals.review.total"),),
        left_name="复议后起诉总计",
        right_name="行政复议总计",
        subject="表四",
    ),
)

# --- section 一 prose vs tables (W10) -------------------------------------------

_N = r"([0-9０-９]+)"
PROSE_PATTERNS = (
    ProsePattern(rf"(?:收到|接到|新收|受理)[^。；，,]{{0,16}}?申请[^。；0-9０-９]{{0,6}}?{_N}\s*件", ("applications.new_received.total",), "新收申请数"),
    ProsePattern(rf"申请[^。；0-9０-９]{{0,12}}?(?:收到|接到|新收|受理)[^。；0-9０-９]{{0,4}}?{_N}\s*件", ("applications.new_received.total",), "新收申请数"),
    ProsePattern(rf"行政复议[^。；，,0-9０-９]{{0,6}}?{_N}\s*(?:件|起|宗)", ("appeals.review.total",), "行政复议数"),
    ProsePattern(rf"行政诉讼[^。；，,0-9０-９]{{0,6}}?{_N}\s*(?:件|起|宗)", ("appeals.direct.total", "appeals.after_review.total"), "行政诉讼数"),
)

FEE_WORDS = ("信息处理费", "收费通知", "收取费用", "处理费")


def count_rows_relation_ge(code: str, table: str, row: str, big: str, small_plus: tuple[tuple[str, int], ...],
                           subject: str, left: str, right: str) -> RelationSpec:
    """``row.big >= Σ coef·row.col``: a one-row plausibility relation."""
    return RelationSpec(
        code,
        (Term(f"{table}.{row}.{big}"),),
        ">=",
        tuple(Term(f"{table}.{row}.{col}", coef) for col, coef in small_plus),
        left_name=left,
        right_name=right,
        subject=subject,
    )


COUNT = ValueKind.COUNT
SIGNED = ValueKind.SIGNED
WAN = ValueKind.WAN
AMOUNT = ValueKind.AMOUNT


def cross_format_cells(application_rows, renamed_rows=(), active_cells=()) -> tuple[tuple[str, str], ...]:
    """Cell pairs (this format, other format) for converting a report between formats."""
    pairs = []
    for row in application_rows:
        for col in APPLICANT_COLUMNS:
            pairs.append((f"applications.{row}.{col.key}",) * 2)
    for mine, theirs in renamed_rows:
        for col in APPLICANT_COLUMNS:
            pairs.append((f"applications.{mine}.{col.key}", f"applications.{theirs}.{col.key}"))
    for row in APPEALS_TABLE.rows:
        for col in APPEALS_TABLE.columns:
            pairs.append((f"appeals.{row.key}.{col.key}",) * 2)
    pairs.extend(active_cells)
    return tuple(pairs)


NO_APPLICATION_WORDS = ("无依申请", "未收到", "没有收到", "未接到", "没有接到", "未发生依申请")


#: Written to match PROSE_PATTERNS, so an inserted sentence never raises W10 itself.
#: A template is offered only when every cell it names exists in the format.
SENTENCES = (
    ("overview_active", (
        "本年度制发规章{active.regs.made}件、行政规范性文件{active.norm_docs.made}件。",
        "本年度新制作规章{active.regs.new_made}件、规范性文件{active.norm_docs.new_made}件。",
    )),
    ("overview_on_request", (
        (
            "本年度共收到政府信息公开申请{applications.new_received.total}件，"
            "上年结转{applications.carried_over.total}件，办结{applications.total_processed.total}件，"
            "结转下年度继续办理{applications.carried_forward.total}件。"
        ),
        (
            "因政府信息公开工作被申请行政复议{appeals.review.total}件，"
            "被提起行政诉讼{appeals.direct.total+appeals.after_review.total}件。"
        ),
    )),
)
