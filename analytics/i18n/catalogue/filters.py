"""Catalogue area: the sidebar's filters and what the URL carries."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- filters ------------------------------------------------------------------------------------------
    "filter.header": ("Bộ lọc", "Filters"),
    "filter.phase": ("{Period}", "{Period}"),
    "filter.phase.all": ("Tất cả", "All"),
    "filter.phase.n": ("GĐ {n}", "Phase {n}"),
    "filter.period.n": ("{Period} {n}", "{Period} {n}"),
    "filter.program": ("Chương trình", "Program"),
    "filter.program.help": (
        "Mọi số liệu trên mọi trang là của chương trình này. Liên kết không ghi chương trình sẽ mở chương trình "
        "có thời gian chứa ngày “tính đến”, nếu không thì chương trình đang chạy.",
        "Every figure on every page is this program's. A link that names no program opens the one whose dates "
        "hold its as-of day, else the running one.",
    ),
    "filter.units_as": ("Đơn vị theo", "Units as"),
    "filter.units_as.today": ("Hiện nay", "Today"),
    "filter.units_as.then": ("Khi đó", "Then"),
    "filter.units_as.help": (
        "Hiện nay: số liệu các kỳ trước tính theo đơn vị ngày nay (đơn vị đã sáp nhập tính vào đơn vị tiếp nhận, "
        "tên hiện nay). Khi đó: theo đơn vị và tên gọi lúc ấy.",
        "Today: past figures under today's units (a merged unit counted under its successor, today's names). "
        "Then: under the units and names of that time.",
    ),
    "filter.as_of.latest": ("Để trống: số liệu mới nhất ({date})", "Empty: latest figures ({date})"),
    "filter.phase.help": (
        "Chỉ tính các {noun} đăng ký trong {period} đã chọn, so với chỉ tiêu của {period} đó.",
        "Counts only {noun} registered in the chosen {period}, against that {period}'s target.",
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
    "filter.summary.phase": ("{period} {n}", "{period} {n}"),
    "filter.summary.units": ("{n} đơn vị", "{n} units"),
    "filter.summary.fields": ("{n} lĩnh vực", "{n} fields"),
    "filter.summary.statuses": ("{n} trạng thái", "{n} statuses"),
    "filter.summary.dates": ("ngày đăng ký {start}–{end}", "registered {start}–{end}"),
}
