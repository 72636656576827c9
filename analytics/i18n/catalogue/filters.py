"""Catalogue area: the sidebar's filters and what the URL carries."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- filters ------------------------------------------------------------------------------------------
    "filter.header": ("Bộ lọc", "Filters"),
    "filter.phase": ("Giai đoạn", "Phase"),
    "filter.phase.all": ("Tất cả", "All"),
    "filter.phase.n": ("GĐ {n}", "Phase {n}"),
    "filter.as_of.latest": ("Để trống: số liệu mới nhất ({date})", "Empty: latest figures ({date})"),
    "filter.phase.help": (
        "Chỉ tính các sáng kiến đăng ký trong giai đoạn đã chọn, so với chỉ tiêu của giai đoạn đó.",
        "Counts only initiatives registered in the chosen phase, against that phase's target.",
    ),
    "filter.units": ("Đơn vị", "Units"),
    "filter.units.placeholder": ("Tất cả đơn vị", "All units"),
    "filter.units.help": (
        "Chọn một hay nhiều đơn vị; chỉ tiêu khi đó là tổng chỉ tiêu của các đơn vị đã chọn.",
        "Pick one or more units; the target is then the sum of their targets.",
    ),
    "filter.groups": ("Khối", "Groups"),
    "filter.groups.placeholder": ("Tất cả các khối", "All groups"),
    "filter.groups.help": (
        "Chọn cả khối đơn vị (ví dụ Điện, Khí); cộng thêm vào các đơn vị đã chọn.",
        "Pick whole groups (e.g. Power, Gas); added to the units picked.",
    ),
    "filter.fields": ("Lĩnh vực", "Field"),
    "filter.fields.placeholder": ("Tất cả lĩnh vực", "All fields"),
    "filter.statuses": ("Trạng thái", "Status"),
    "filter.statuses.placeholder": ("Mọi trạng thái", "Any status"),
    "filter.dates": ("Đăng ký trong khoảng", "Registered between"),
    "filter.date_from": ("Từ ngày", "From"),
    "filter.date_to": ("Đến ngày", "To"),
    "filter.as_of": ("Tính đến ngày", "As of"),
    "filter.as_of.help": (
        "Xem chương trình như tại ngày này: chỉ tính hồ sơ đăng ký đến hết ngày đó. Để trống là ngày mới nhất.",
        "See the program as it stood on this day: only records registered up to and including it. Empty means latest.",
    ),
    "filter.more": ("Lọc thêm", "More filters"),
    "filter.reset": ("Đặt lại bộ lọc", "Reset filters"),
    "filter.share": (
        "Liên kết trên thanh địa chỉ giữ nguyên bộ lọc: sao chép để chia sẻ đúng góc nhìn này.",
        "The address bar link keeps these filters: copy it to share exactly this view.",
    ),
    "filter.summary.phase": ("giai đoạn {n}", "phase {n}"),
    "filter.summary.units": ("{n} đơn vị", "{n} units"),
    "filter.summary.fields": ("{n} lĩnh vực", "{n} fields"),
    "filter.summary.statuses": ("{n} trạng thái", "{n} statuses"),
    "filter.summary.dates": ("ngày đăng ký {start}–{end}", "registered {start}–{end}"),
}
