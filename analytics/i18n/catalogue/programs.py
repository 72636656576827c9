"""Catalogue area: programs and their periods (issue 15): comparisons, the three rankings, and the setting up
of periods, programs, targets, campaigns, milestones and the units over time (the Data page's Programs tab)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- comparisons (Overview, Units, Trends) ---------------------------------------------------------------
    "compare.header": ("So sánh", "Comparison"),
    "compare.period.title": (
        "{current} so với cùng kỳ {previous}",
        "{current} against {previous} at the same point",
    ),
    "compare.period.now": ("{current} (đến {day})", "{current} (to {day})"),
    "compare.period.before": ("Cùng kỳ {previous} (đến {day})", "{previous} at the same point (to {day})"),
    "compare.period.none": (
        "Chưa có kỳ trước để so sánh ({current} là kỳ đầu tiên của chương trình).",
        "No earlier period to compare with ({current} is the program's first).",
    ),
    "compare.program.title": (
        "So với “{other}” sau cùng tỷ lệ thời gian",
        "Against “{other}” after the same share of its time",
    ),
    "compare.program.now": ("Sau {share} thời gian (đến {day})", "After {share} of the time (to {day})"),
    "compare.program.then": ("“{other}” sau {share} (đến {day})", "“{other}” after {share} (to {day})"),
    "compare.program.value": ("{registered} · {pct}", "{registered} · {pct}"),
    "compare.program.help": (
        "Số đã đăng ký và tỷ lệ đạt chỉ tiêu của mỗi chương trình khi đã trôi qua cùng một tỷ lệ thời gian "
        "của chính nó: chương trình dài hay ngắn đều so được.",
        "Each program's registrations and % of its own target once the same share of its own time had passed: "
        "long and short programs compare fairly.",
    ),
    "compare.change_delta": ("{sign}{n} ({pct})", "{sign}{n} ({pct})"),
    "compare.units.caption": (
        "Mỗi đơn vị: {current} đến {day} so với {previous} đến {previous_day}.",
        "Each unit: {current} to {day} against {previous} to {previous_day}.",
    ),
    "compare.units.now": ("{current}", "{current}"),
    "compare.units.before": ("Cùng kỳ {previous}", "{previous} (same point)"),
    "compare.chart.periods": (
        "{current} so với {previous} trên cùng lịch: {now} so với {before} cùng kỳ",
        "{current} against {previous} on the same calendar: {now} against {before} at the same point",
    ),
    "compare.chart.programs": (
        "Sau {share} thời gian: {pct} chỉ tiêu, so với {other_pct} của “{other}”",
        "After {share} of the time: {pct} of target, against {other_pct} for “{other}”",
    ),
    "compare.axis.share": ("Tỷ lệ thời gian chương trình đã trôi qua", "Share of the program's time passed"),
    "compare.axis.pct": ("Tỷ lệ đạt chỉ tiêu chương trình", "% of the program's target"),
    "compare.today": ("Ngày đang xem", "As-of day"),
    # --- the three rankings (Units) ------------------------------------------------------------------------
    "ranking.tab": ("Ba tiêu chí", "Three categories"),
    "ranking.caption": (
        "Xếp hạng như chương trình xét khen thưởng: theo tỷ lệ đạt chỉ tiêu, theo số {noun} đăng ký và theo "
        "giá trị làm lợi, đặt cạnh nhau ({scope}).",
        "Ranked as the program's awards are: by % of target, by the number of {noun} registered and by value "
        "benefited, side by side ({scope}).",
    ),
    "ranking.leader.pct": ("Dẫn đầu tỷ lệ đạt", "First by % of target"),
    "ranking.leader.registered": ("Dẫn đầu số đăng ký", "First by number registered"),
    "ranking.leader.benefit_vnd": ("Dẫn đầu giá trị làm lợi", "First by value benefited"),
    "ranking.compare_tab": ("So với cùng kỳ", "Against the same point before"),
}
