"""Catalogue area: the Trends page."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- trends -------------------------------------------------------------------------------------------
    "trends.title": ("Xu hướng và tiến độ", "Trends and pace"),
    "trends.cumulative": ("Đã đăng ký (tích lũy)", "Registered (cumulative)"),
    "trends.target_path": ("Lộ trình chỉ tiêu", "Target path"),
    "trends.projection": ("Dự báo theo tốc độ gần đây", "Projection at the recent rate"),
    "trends.milestones": ("Mốc phấn đấu", "Milestones"),
    "trends.axis_cumulative": ("{Noun} (tích lũy)", "{Noun} (cumulative)"),
    "trends.chart.ahead": (
        "Tích lũy {registered} {noun}, vượt lộ trình chỉ tiêu {ahead} (đến {date})",
        "{registered} {noun} registered, {ahead} ahead of the target path ({date})",
    ),
    "trends.chart.behind": (
        "Tích lũy {registered} {noun}, chậm {behind} so với lộ trình chỉ tiêu (đến {date})",
        "{registered} {noun} registered, {behind} behind the target path ({date})",
    ),
    "trends.pace.header": ("Tiến độ {phase} (đến {end})", "{phase} pace (to {end})"),
    "trends.pace.state": ("Đánh giá", "Assessment"),
    "trends.pace.ended_note": ("{phase} đã kết thúc ngày {end}.", "{phase} ended on {end}."),
    "trends.pace.units": ("Tiến độ từng đơn vị trong {phase}", "Each unit's pace in {phase}"),
    "trends.pace.reason": ("Lý do", "Reason"),
    "trends.reason.done": ("Đã đạt {pct} chỉ tiêu.", "Already at {pct} of target."),
    "trends.reason.ended": (
        "{phase} đã kết thúc ở mức {pct} chỉ tiêu.",
        "{phase} ended at {pct} of target.",
    ),
    "trends.reason.pace": (
        "Dự báo đạt {projected}: cần {needed}/tuần, 8 tuần gần đây {recent}/tuần.",
        "Projected {projected}: needs {needed}/week, last 8 weeks {recent}/week.",
    ),
    "trends.reason.no_target": ("Không có chỉ tiêu.", "No target."),
    "trends.period": ("Nhịp đăng ký", "Registrations per period"),
    "trends.weekly": ("Theo tuần", "Weekly"),
    "trends.monthly": ("Theo tháng", "Monthly"),
    "trends.period.title_w": (
        "Tuần cao nhất: {value} {noun} (tuần bắt đầu {date})",
        "Busiest week: {value} {noun} (week of {date})",
    ),
    "trends.period.title_m": (
        "Tháng cao nhất: {value} {noun} ({date})",
        "Busiest month: {value} {noun} ({date})",
    ),
    "trends.week_of": ("Tuần từ", "Week of"),
    "trends.month": ("Tháng", "Month"),
    "trends.axis_per_week": ("{Noun} / tuần", "{Noun} / week"),
    "trends.axis_per_month": ("{Noun} / tháng", "{Noun} / month"),
    "trends.heatmap.title": ("Đơn vị nào đăng ký vào tháng nào", "Which unit registered in which month"),
    "trends.fields.title": (
        "Cơ cấu lĩnh vực theo tháng: {field} chiếm nhiều nhất ({pct})",
        "Fields by month: {field} is the largest ({pct})",
    ),
    "trends.recognition.title": (
        "Thời gian từ đăng ký đến công nhận: trung vị {median} ngày",
        "Time from registration to recognition: median {median} days",
    ),
    "trends.recognition.censored": (
        "Các tháng gần ngày đang xem chưa đủ thời gian: hồ sơ chậm còn chưa được công nhận nên thời gian ở đó trông ngắn hơn thực tế.",
        "The months just before the as-of day are incomplete: slow records are not recognised yet, so times there look shorter than they are.",
    ),
    "trends.of_target": ("trên chỉ tiêu {target}", "of a {target} target"),
    "trends.median": ("Trung vị (ngày)", "Median (days)"),
    "trends.p90": ("90% hồ sơ được công nhận trong (ngày)", "90% recognised within (days)"),
    "trends.axis_days": ("Ngày", "Days"),
    "trends.needed_met": ("Đã đạt chỉ tiêu", "Target met"),
}
