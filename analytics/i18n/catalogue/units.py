"""Catalogue area: the Units page and a unit's detail."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- units --------------------------------------------------------------------------------------------
    "units.title": ("Kết quả các đơn vị", "Units' results"),
    "units.scope_all": ("cả chương trình", "whole program"),
    "units.scope_phase": ("{period} {n}", "{period} {n}"),
    "units.metric": ("Xếp hạng theo", "Rank by"),
    "units.tier_counts": ("Số đơn vị theo mức hoàn thành ({scope})", "Units by tier ({scope})"),
    "units.title.pct": (
        "{met}/{total} đơn vị hoàn thành chỉ tiêu {scope}",
        "{met} of {total} units met their {scope} target",
    ),
    "units.title.registered": (
        "{leader} dẫn đầu số {noun} đăng ký {scope}: {value}",
        "{leader} registered the most {noun} ({scope}): {value}",
    ),
    "units.title.benefit_vnd": (
        "{leader} dẫn đầu giá trị làm lợi {scope}: {value}",
        "{leader} leads the value benefited ({scope}): {value}",
    ),
    "units.title.per_100_members": (
        "{leader} có nhiều {noun} nhất trên 100 đoàn viên: {value}",
        "{leader} has the most {noun} per 100 members: {value}",
    ),
    "units.title.authors_per_100": (
        "{leader} có tỷ lệ đoàn viên tham gia cao nhất: {value} tác giả/100 đoàn viên",
        "{leader} has the highest participation: {value} authors per 100 members",
    ),
    "units.click_hint": (
        "Bấm vào một cột (hoặc một dòng trong bảng) để mở chi tiết đơn vị.",
        "Click a bar (or a table row) to open that unit's detail.",
    ),
    "units.pick": ("Xem chi tiết đơn vị", "Open a unit's detail"),
    "units.pick.placeholder": ("Chọn đơn vị…", "Choose a unit…"),
    "units.tab.chart": ("Biểu đồ xếp hạng", "Ranking chart"),
    "units.tab.table": ("Bảng xếp hạng", "Ranking table"),
    "units.tab.tree": ("Theo khối", "By group"),
    "units.table.unit": ("Đơn vị", "Unit"),
    "units.table.name": ("Tên đầy đủ", "Full name"),
    "units.table.group": ("Khối", "Group"),
    "units.table.download": ("Tải bảng xếp hạng (CSV)", "Download the ranking (CSV)"),
    "units.tree.title": (
        "Quy mô đăng ký theo khối và đơn vị (màu theo mức hoàn thành)",
        "Registrations by group and unit (colour = tier)",
    ),
    "units.tree.root": ("{union}", "{union}"),
    "units.rank_up": ("▲ {n}", "▲ {n}"),
    "units.rank_down": ("▼ {n}", "▼ {n}"),
    "units.rank_same": ("=", "="),
    "units.file": ("xep-hang-don-vi", "unit-ranking"),
    # unit detail
    "detail.title": ("Chi tiết đơn vị {unit}", "Unit detail: {unit}"),
    "detail.facts": (
        "{name} · Khối {group} · {members} đoàn viên",
        "{name} · {group} group · {members} members",
    ),
    "detail.curve": (
        "{unit}: tích lũy đăng ký so với lộ trình chỉ tiêu của đơn vị",
        "{unit}: cumulative registrations against its own target path",
    ),
    "detail.fields": ("Lĩnh vực", "Fields"),
    "detail.statuses": ("Trạng thái", "Statuses"),
    "detail.top": ("{Noun} làm lợi lớn nhất", "{Noun} with the largest benefit"),
    "detail.records": ("Hồ sơ của đơn vị ({n})", "The unit's records ({n})"),
    "detail.records_note": (
        "Hiển thị {shown} hồ sơ mới nhất; xem đầy đủ ở trang Tra cứu hồ sơ.",
        "Showing the {shown} newest records; see them all on the Records page.",
    ),
    "detail.close": ("Đóng", "Close"),
    "detail.filter": ("Lọc cả ứng dụng theo đơn vị này", "Filter the whole app to this unit"),
    "detail.no_records": (
        "Đơn vị chưa có hồ sơ nào trong phạm vi đang xem.",
        "The unit has no record in the current view.",
    ),
}
