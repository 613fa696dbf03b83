"""The numbers the plausibility rules compare with, declared once.

The checks read them and the rule catalogue quotes them in its explanations
(so README's rule table states every minimum a rule needs).
"""

#: W22: cells of 三 and 四 printed as 「/」 or blank that make the reviewer confirm them.
BLANK_CELLS_MIN = 10

#: W24: 新收申请 this year against last year: ×5 or ÷5, the larger year at least 20 件.
APPLICATION_FACTOR = 5
APPLICATION_MIN = 20
#: W25: 行政许可 / 行政处罚 decisions: ×10 or ÷10, the larger year at least 100.
DECISION_FACTOR = 10
DECISION_MIN = 100
#: W26: a 万元 amount 500–2000 times (or 1/2000–1/500 of) last year's: 元 written as 万元 or back.
FEE_RATIO_LOW = 500
FEE_RATIO_HIGH = 2000

#: W32: 纠错率 = 结果纠正 / 行政复议总计, read where 行政复议 ≥ 5 件.
CORRECTION_MIN_REVIEWS = 5
CORRECTION_RATE_HIGH = 20  # %: above this, and …
CORRECTION_ABOVE_MEDIAN = 10  # … at least this many points above the batch's median
#: W33: 实质公开率 = (予以公开 + 部分公开) / （七）总计, read where （七）总计 ≥ 10 件.
DISCLOSURE_MIN_PROCESSED = 10
DISCLOSURE_RATE_LOW = 30  # %: below this, and …
DISCLOSURE_BELOW_MEDIAN = 20  # … at least this many points below the batch's median
#: A batch median needs this many reports with enough cases; with fewer, only the fixed limit applies.
MEDIAN_MIN_REPORTS = 3
