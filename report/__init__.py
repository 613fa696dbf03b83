"""xxgk-report: the Qt-free core of the 政府信息公开工作年度报告 assistant."""

__version__ = "0.1.0"
