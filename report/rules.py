"""The rule catalogue: every check's code, severity and Chinese wording.

Codes follow the official-format spec (§6): E = 错误 (hard error; blocks the
final document), W = 提示 (plausibility warning; never blocks).  A rule is
an error only where the arithmetic is certain.  Per-report rules are
evaluated in ``report/checks.py`` (with ``prose``, ``content``, ``trends``);
batch rules (``scope=BATCH``) in ``report/review/``.  The wording lives only
here; README's rule tables are generated from it (``readme_block``).
"""

from __future__ import annotations

from . import thresholds as t
from .limits import MAX_DECIMALS
from .schema import RuleInfo

ERROR = "error"
WARNING = "warning"

SEVERITY_NAMES = {ERROR: "错误", WARNING: "提示"}
REPORT = "report"
BATCH = "batch"
#: What a finding can point at (``RuleInfo.names``), in Chinese.
NAMES = {"cells": "单元格", "sentences": "句子", "text": "文字部分", "header": "基本信息", "reports": "报告文件"}
_CELLS = ("cells",)
_TEXT = ("text",)
_HEADER = ("header",)
_SENTENCES = ("sentences", "text")

RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        "E1", ERROR, "申请数量前后不平衡",
        "表三注明的勾稽关系：第一项（本年新收）加第二项（上年结转）之和，"
        "应等于第三项（本年度办理结果（七）总计）加第四项（结转下年度继续办理）之和。",
        "核对该列的本年新收、上年结转、各项办理结果和结转下年度数量，使两边相等。",
    ),
    RuleInfo(
        "E2", ERROR, "总计列与各申请人之和不符",
        "表三每一行的「总计」应等于自然人与五类法人或其他组织之和。",
        "核对该行各申请人类型的数量；由本程序填写时总计自动计算，可点「重新计算合计」。",
    ),
    RuleInfo(
        "E3", ERROR, "（七）总计与各项办理结果之和不符",
        "表三「（七）总计」应等于（一）至（六）各项办理结果（含各小项）之和。",
        "核对该列各项办理结果；由本程序填写时（七）总计自动计算。",
    ),
    RuleInfo(
        "E4", ERROR, "行政复议总计不符",
        "表四行政复议的「总计」应等于结果维持、结果纠正、其他结果、尚未审结之和。",
        "核对行政复议四项数量。",
    ),
    RuleInfo(
        "E5", ERROR, "未经复议直接起诉总计不符",
        "表四行政诉讼「未经复议直接起诉」的「总计」应等于四项结果之和。",
        "核对未经复议直接起诉的四项数量。",
    ),
    RuleInfo(
        "E6", ERROR, "复议后起诉总计不符",
        "表四行政诉讼「复议后起诉」的「总计」应等于四项结果之和。",
        "核对复议后起诉的四项数量。",
    ),
    RuleInfo(
        "E7", ERROR, "数值类型或范围不对",
        f"件数应为不小于 0 的整数；金额不能为负，最多 {MAX_DECIMALS} 位小数；只有标明可增可减的栏目（如 2019 年格式的「本年增/减」）可以为负数；"
        "表中不能有空格子。第六部分的信息处理费（收费通知件数、金额）同样如此。",
        "改正该单元格或信息处理费的数值；没有发生的填 0。",
    ),
    RuleInfo(
        "E8", ERROR, "报告结构不完整",
        "报告应包含六个部分，表格的行列应与所选格式一致，机关名称和报告年度不能为空。",
        "补全缺少的部分；如格式选错，请在基本信息中改选。",
        names=_HEADER,
    ),
    RuleInfo(
        "W1", WARNING, "上年结转与上年报告的结转下年度不一致",
        "本年「二、上年结转」应等于上一年度报告中「四、结转下年度继续办理」的同一列。",
        "对照上年报告核对；确有差异（如上年报告有误）可确认并说明原因。",
        cross_year=True,
    ),
    RuleInfo(
        "W2", WARNING, "现行有效件数前后对不上",
        "现行有效件数一般不小于本年制发件数减本年废止件数；与上年相比，"
        "一般等于上年现行有效件数加本年制发减本年废止（修改的文件会使之不完全相等）。",
        "核对规章、行政规范性文件的制发、废止和现行有效件数。",
    ),
    RuleInfo(
        "W3", WARNING, "项目数量增减对不上",
        "上一年项目数量加本年增/减不应为负；本年的「上一年项目数量」一般等于上年报告的"
        "「上一年项目数量」加「本年增/减」。",
        "核对项目数量和本年增减。",
    ),
    RuleInfo(
        "W4", WARNING, "对外公开总数量偏小",
        "对外公开总数量一般不小于本年新公开数量；一般约等于上年对外公开总数量加本年新公开数量。",
        "核对规章、规范性文件的公开数量。",
    ),
    RuleInfo(
        "W5", WARNING, "金额的小数位或数量级可疑",
        "收费金额、采购总金额以万元为单位，一般保留不超过 4 位小数；数额特别大时，可能把「元」误当成「万元」。",
        "确认金额单位为万元，并保留至多 4 位小数。",
    ),
    RuleInfo(
        "W6", WARNING, "有收费情形但第六部分未说明信息处理费",
        "表三显示有申请人逾期未按收费通知缴纳费用，但「六、其他需要报告的事项」没有说明信息处理费情况。",
        "在第六部分填写发出收费通知件数、金额和实际收取金额。",
        names=("cells", "text"),
    ),
    RuleInfo(
        "W7", WARNING, "复议后起诉多于行政复议",
        "复议后起诉的总计大于本年行政复议总计；复议发生在往年时可能如此，但较少见。",
        "确认数字无误；属实可确认并说明原因。",
    ),
    RuleInfo(
        "W8", WARNING, "格式与报告年度不符",
        "2021 年及以后的年度报告应使用 2021 年格式（国办公开办函〔2021〕30号），"
        "2019、2020 年度使用 2019 年格式（国办公开办函〔2019〕60号）。",
        "在基本信息中改选与年度相符的格式。",
        names=_HEADER,
    ),
    RuleInfo(
        "W9", WARNING, "成文日期不在规定期限内",
        "年度报告应在次年形成；部门报告一般于 1 月 31 日前、本级政府报告于 3 月 31 日前公布（条例第四十九条）。"
        "是哪一级的报告按标题的主语判断：「某县人民政府……年度报告」是本级政府的报告，即使由其办公室落款。",
        "核对成文日期和报告年度。",
        names=_HEADER,
    ),
    RuleInfo(
        "W10", WARNING, "正文数字与表格不一致",
        "正文（开头段和各部分）写到的本年新收、上年结转、办结（答复、办理）、结转下年度的申请数，或行政复议、行政诉讼数，"
        "与表三、表四不同；两种语序都识别（「收到申请 12 件」「共收到 12 件申请」），只读讲依申请公开和复议诉讼的句子，"
        "写往年或「其中」分项的句子不比较。",
        "核对正文或表格，使两者一致。",
        names=("cells", "sentences", "text"),
    ),
    RuleInfo(
        "W11", WARNING, "总体情况缺少规定方面",
        "2021 年格式要求总体情况包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个方面。",
        "补写缺少的方面；本单位确无此项工作的，确认此提示并写明理由，报告中该方面的标题下印「无。」（不确认则不印该方面）。",
        empty_part=True,
        names=_TEXT,
    ),
    RuleInfo(
        "W12", WARNING, "正文与表三是否有申请不一致",
        "表三全部为 0，但正文写到收到了申请；或表三有申请，正文却写没有申请。",
        "核对正文和表三。",
        names=("cells", "sentences", "text"),
    ),
    RuleInfo(
        "W13", WARNING, "正文结论与表格不符",
        "正文写「均获维持」而表四有结果纠正；写「全部办结」「无结转」而表三结转下年度大于 0；"
        "或写「未发生行政复议（行政诉讼）」而表四有行政复议（行政诉讼）。",
        "核对正文的结论和表三、表四，使两者一致。",
        names=("cells", "sentences", "text"),
    ),
    RuleInfo(
        "W14", WARNING, "正文分项之和与合计不符",
        "正文按申请方式（网上、信函、当面……）或申请人（自然人、法人或其他组织）分列的件数，"
        "加起来应等于同一句写的新收申请数；同一句没有写合计时，应等于表三本年新收的总计。",
        "核对各分项的件数和合计。",
        names=("cells", "sentences", "text"),
    ),
    RuleInfo(
        "W15", WARNING, "正文中的占比算不出来",
        "正文写「N 件，占 X%」，但按同一句写的合计，或表三的本年新收、（七）总计、新收加上年结转计算，"
        "都得不到 X%（允许末位的误差）。只读讲依申请公开和复议诉讼的句子，「满意率」之类不读。",
        "重新计算百分比，或写明以哪个数为基数。",
        names=_SENTENCES,
    ),
    RuleInfo(
        "W16", WARNING, "同比变化与上年报告不符",
        "正文写某个数字「同比增长（下降）X%」，但按上年报告的同一数字计算不是 X%（允许末位的误差）。需要上年报告。",
        "按上年报告重新计算，或核对本年数字。",
        cross_year=True, names=("cells", "sentences", "text"),
    ),
    RuleInfo(
        "W17", WARNING, "存在的主要问题及改进情况没有写",
        "「五、存在的主要问题及改进情况」为空或只写「无」；条例第五十条要求年度报告写明存在的主要问题及改进情况。",
        "写明本年度工作存在的主要问题和改进措施；确实没有的，确认此提示并写明理由，"
        "报告中此部分都没有填写时，标题下印「无。」（不确认则只有标题）。",
        empty_part=True,
        names=_TEXT,
    ),
    RuleInfo(
        "W18", WARNING, "有收费但第六部分只写「无」",
        "表二有行政事业性收费金额，或表三有「申请人逾期未按收费通知要求缴纳费用」的申请，"
        "但「六、其他需要报告的事项」只写「无」，没有说明收费情况。",
        "在第六部分说明信息处理费的收取情况（发出收费通知件数、金额、实际收取金额）。",
        names=("cells", "text"),
    ),
    RuleInfo(
        "W19", WARNING, "第六部分没有写信息处理费情况",
        "2021 年格式要求在「六、其他需要报告的事项」中说明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，"
        "没有收取也应写明。",
        "写明「本年度未收取信息处理费」或发出收费通知件数、金额和实际收取金额（第六部分有现成的句子可用）。",
        names=_TEXT,
    ),
    RuleInfo(
        "W20", WARNING, "正文写的年份不是报告年度",
        "叙述已做工作的句子以往年开头（如 2021 年度报告中的「2020年度主动公开……」），可能沿用了上年报告的文字。"
        "写计划（「2022年，我局将……」）、与往年比较、写期间（「2020年以来」）和引用文件的句子不算。",
        "核对年份，改为本报告年度。",
        names=_SENTENCES,
    ),
    RuleInfo(
        "W21", WARNING, "词语重复",
        "标题或正文中同一个词连写了两遍（如「审核审核」），多为录入或复制时的错误。",
        "删去重复的字。",
        names=_SENTENCES,
    ),
    RuleInfo(
        "W22", WARNING, "表三、表四多处为「/」或空白",
        f"表三、表四有 {t.BLANK_CELLS_MIN} 个或更多单元格印为「/」「-」或空白，导入时按 0 读取；"
        "审核时应确认这些单元格确实为 0。",
        "核对原文；确为 0 的请填写 0。",
    ),
    RuleInfo(
        "W23", WARNING, "段落序号不连续或混用",
        "正文各段开头的序号应连续（一、二、三、……），同一层级不应混用「一、」「（一）」「1.」「（1）」等不同的序号。",
        "核对并改正序号。",
        names=_SENTENCES,
    ),
    RuleInfo(
        "W24", WARNING, "申请数量与上年相差悬殊",
        f"本年新收申请数是上年报告的 {t.APPLICATION_FACTOR} 倍以上，或不到上年的 1/{t.APPLICATION_FACTOR}"
        f"（两年中较多的一年不少于 {t.APPLICATION_MIN} 件时才比较）。需要上年报告。",
        "确认数字无误；属实（如机构调整、集中申请）可确认并说明原因。",
        cross_year=True,
    ),
    RuleInfo(
        "W25", WARNING, "行政许可、行政处罚数量与上年相差悬殊",
        f"表二行政许可或行政处罚的处理决定数量是上年报告的 {t.DECISION_FACTOR} 倍以上，或不到上年的 1/{t.DECISION_FACTOR}"
        f"（两年中较多的一年不少于 {t.DECISION_MIN} 件时才比较）。需要上年报告。",
        "确认数字无误，注意是否把其他事项计入或漏计。",
        cross_year=True,
    ),
    RuleInfo(
        "W26", WARNING, "收费金额约为上年的一千倍或千分之一",
        f"表二收费金额（万元）是上年报告的 {t.FEE_RATIO_LOW}–{t.FEE_RATIO_HIGH} 倍，"
        f"或只有上年的 1/{t.FEE_RATIO_HIGH}–1/{t.FEE_RATIO_LOW}，很可能有一年按「元」填进了「万元」栏。需要上年报告。",
        "确认两年的金额都以万元为单位。",
        cross_year=True,
    ),
    # --- batch rules: a folder of reports, with or without a roster (report/review/) ---------
    RuleInfo(
        "E9", ERROR, "全辖区报告小于所属单位之和",
        "名单中口径为「全辖区」的报告，表三、表四的每个单元格都应不小于本批次中其所属单位"
        "（名单中上级机关为它的单位）报告的同一单元格之和。",
        "核对全辖区报告和所属单位的报告；全辖区报告只统计了本机关的，请在名单中把口径改为「本机关」。",
        scope=BATCH, names=("cells", "reports"),
    ),
    RuleInfo(
        "E10", ERROR, "全辖区报告不等于所属单位与本级之和",
        "所属单位的报告都已报送、又有本级报告（名单中上级机关为它、口径为「本机关」、名称相同或带「本级」的单位）时，"
        "全辖区报告表三、表四的每个单元格都应等于所属单位与本级报告之和。",
        "核对全辖区报告、本级报告和所属单位的报告。",
        scope=BATCH, names=("cells", "reports"),
    ),
    RuleInfo(
        "W27", WARNING, "名单中的单位没有报告",
        "名单中的单位在本批次中没有找到报告（按机关名称比对，带不带市、县名称前缀都算同一单位；"
        "无法导入的文件按文件名比对）。",
        "催报，或核对报告中的机关名称。",
        scope=BATCH, names=("reports",),
    ),
    RuleInfo(
        "W28", WARNING, "报告单位不在名单中",
        "报告的机关名称与名单中的单位都对不上；名单中有相近的名称时一并列出。",
        "核对报告的机关名称，或把该单位补入名单。",
        scope=BATCH, names=("reports",),
    ),
    RuleInfo(
        "W29", WARNING, "同一单位有多份报告",
        "名单中的同一单位（或没有名单时同一机关名称）在本批次中有两份或更多报告；汇总只计其中一份。",
        "保留正式的一份，移走其余的。",
        scope=BATCH, names=("reports",),
    ),
    RuleInfo(
        "W30", WARNING, "报告年度与本次审核不符",
        "报告的年度与本批次审核的年度（指定的年度，或多数报告的年度）不同；该报告不计入汇总。",
        "核对是否放错了年度的报告。",
        scope=BATCH, names=("reports",),
    ),
    RuleInfo(
        "W31", WARNING, "报告格式与审核年度不符",
        "报告使用的表格格式不是本批次审核年度应使用的格式（2021 年度起为 2021 年格式）；不同格式的报告分别汇总。",
        "请该单位按规定格式重新制作报告。",
        scope=BATCH, names=("reports",),
    ),
    RuleInfo(
        "W32", WARNING, "行政复议纠错率明显偏高",
        f"纠错率（表四行政复议「结果纠正」÷ 行政复议总计）高于 {t.CORRECTION_RATE_HIGH}%，"
        f"且比本批次的中位数高 {t.CORRECTION_ABOVE_MEDIAN} 个百分点以上。只计算行政复议不少于 "
        f"{t.CORRECTION_MIN_REVIEWS} 件的报告；这样的报告不足 {t.MEDIAN_MIN_REPORTS} 份时只与 "
        f"{t.CORRECTION_RATE_HIGH}% 比较。",
        "了解被纠正的原因，核对表四数字。",
        scope=BATCH, names=("cells", "reports"),
    ),
    RuleInfo(
        "W33", WARNING, "实质公开率明显偏低",
        f"实质公开率（表三「予以公开」加「部分公开」÷（七）总计）低于 {t.DISCLOSURE_RATE_LOW}%，"
        f"且比本批次的中位数低 {t.DISCLOSURE_BELOW_MEDIAN} 个百分点以上。只计算（七）总计不少于 "
        f"{t.DISCLOSURE_MIN_PROCESSED} 件的报告；这样的报告不足 {t.MEDIAN_MIN_REPORTS} 份时只与 "
        f"{t.DISCLOSURE_RATE_LOW}% 比较。",
        "了解不予公开、无法提供的原因，核对表三数字。",
        scope=BATCH, names=("cells", "reports"),
    ),
    RuleInfo(
        "W34", WARNING, "汇总可能重复计算",
        "本批次中有本级政府的报告和其所属部门的报告，但没有名单说明政府报告的口径（全辖区或本机关）。"
        "全辖区报告已包含所属部门，与部门报告相加会重复计算；汇总暂按各报告相加。",
        "提供名单并注明口径（口径列填「全辖区」或「本机关」）。",
        scope=BATCH, names=("reports",),
    ),
)

RULES_BY_CODE: dict[str, RuleInfo] = {r.code: r for r in RULES}


def rule(code: str) -> RuleInfo:
    return RULES_BY_CODE[code]


# --- README's rule table, generated from the catalogue (``python -m report.rules README.md``) ------

README_BEGIN = "<!-- 规则表：由 python -m report.rules README.md 从 report/rules.py 生成，请勿手改 -->"
README_END = "<!-- 规则表结束 -->"


def _table(rules) -> list[str]:
    lines = ["| 代码 | 级别 | 名称 | 说明 | 指出 |", "|---|---|---|---|---|"]
    for r in rules:
        names = "、".join(NAMES[n] for n in r.names)
        lines.append(f"| {r.code} | {SEVERITY_NAMES[r.severity]} | {r.title} | {r.explanation} | {names} |")
    return lines


def readme_block() -> str:
    """The README's rule tables: per-report rules, then the batch rules of ``xxgk review``."""
    lines = [README_BEGIN, ""]
    lines += _table(r for r in RULES if r.scope == REPORT)
    lines += ["", "批量审核（`xxgk review`）另有以下规则，针对一批报告和名单："]
    lines += ["", *_table(r for r in RULES if r.scope == BATCH), "", README_END]
    return "\n".join(lines)


def write_readme(path) -> bool:
    """Replace the rule tables in ``path``; True when the file changed."""
    from pathlib import Path

    p = Path(path)
    text = p.read_text(encoding="utf-8")
    start, end = text.index(README_BEGIN), text.index(README_END) + len(README_END)
    new = text[:start] + readme_block() + text[end:]
    if new != text:
        p.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1:
        print("已更新" if write_readme(sys.argv[1]) else "无变化", sys.argv[1])
    else:
        print(readme_block())
