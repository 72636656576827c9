"""Catalogue area: the Overview page."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- overview -----------------------------------------------------------------------------------------
    "overview.title": ("Tổng quan “{program_name}”", "“{program_name}”: overview"),
    "overview.program_card": ("Cả chương trình ({start} – {end})", "Whole program ({start} – {end})"),
    "overview.phase_card": ("{name} ({start} – {end})", "{name} ({start} – {end})"),
    "overview.phase_name": ("Giai đoạn {n}", "Phase {n}"),
    "overview.surplus_delta": ("vượt {n}", "+{n}"),
    "overview.gap_delta": ("thiếu {n}", "−{n}"),
    "overview.units_met_value": ("{met}/{total}", "{met}/{total}"),
    "overview.chart_title": (
        "Kết quả đăng ký so với chỉ tiêu: {verdict}",
        "Registrations against target: {verdict}",
    ),
    "overview.verdict.all_met": ("mọi {period} đều vượt chỉ tiêu", "every {period} above target"),
    "overview.verdict.some": ("{met}/{total} {periods} đạt chỉ tiêu", "{met} of {total} {periods} met"),
    "overview.summary": ("Tóm tắt", "Summary"),
    "overview.tiers": ("Kết quả các đơn vị", "Units' results"),
    "overview.tiers.caption": (
        "Xếp theo mức hoàn thành chỉ tiêu của từng đơn vị ({scope}).",
        "Grouped by how far each unit is past its own target ({scope}).",
    ),
    "overview.tier_scope": ("Phạm vi", "Scope"),
    "overview.more_units": ("Xem xếp hạng chi tiết ở trang Đơn vị", "See the detailed ranking on Units"),
    "overview.target_mark": ("Chỉ tiêu", "Target"),
    "overview.registered_bar": ("Đã đăng ký", "Registered"),
    "overview.units_count": ("{n} đơn vị", "{n} units"),
    "overview.benefit_billions": ("Làm lợi (tỷ đồng)", "Benefit (VND bn)"),
}
