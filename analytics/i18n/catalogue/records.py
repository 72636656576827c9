"""Catalogue area: the Records page and the record columns' headers (also the download's)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- records (data explorer) --------------------------------------------------------------------------
    "records.title": ("Tra cứu hồ sơ {noun}", "Records: {noun}"),
    "records.search": ("Tìm theo tên, mã hồ sơ, tác giả, đơn vị", "Search titles, codes, authors, units"),
    "records.search.placeholder": ("Ví dụ: bơm, BSR, Nguyễn", "e.g. pump, BSR, Nguyen"),
    "records.search.placeholder_from": ("Ví dụ: {word}, {code}, {unit}", "e.g. {word}, {code}, {unit}"),
    "records.search.help": (
        "Tìm theo tên, mã hồ sơ, tác giả hoặc đơn vị (mã, tên viết tắt, tên đầy đủ), không phân biệt dấu "
        "và chữ hoa. Áp dụng ngay khi ngừng gõ hoặc khi nhấn Enter; liên kết của trang giữ nội dung tìm.",
        "Search titles, record codes, authors or units (code, short or full name), whatever the accents "
        "and case. Applied when you pause typing or press Enter; the page's link keeps the search.",
    ),
    "records.order": ("Sắp xếp", "Sort by"),
    "records.order.registered_desc": ("Mới đăng ký trước", "Newest first"),
    "records.order.registered_asc": ("Cũ trước", "Oldest first"),
    "records.order.benefit_desc": ("Làm lợi lớn nhất", "Largest benefit"),
    "records.order.code_asc": ("Mã hồ sơ", "Record code"),
    "records.order.unit_asc": ("Đơn vị", "Unit"),
    "records.count": ("{n} hồ sơ khớp bộ lọc", "{n} records match"),
    "records.page": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "records.download_csv": ("Tải CSV ({n} hồ sơ)", "Download CSV ({n} records)"),
    "records.download_xlsx": ("Tải Excel ({n} hồ sơ)", "Download Excel ({n} records)"),
    "records.download.help": (
        "Đúng các hồ sơ đang xem (bộ lọc, tìm kiếm, thứ tự); mở được bằng Excel, tiếng Việt giữ nguyên.",
        "Exactly the records in view (filters, search, order); opens in Excel with Vietnamese intact.",
    ),
    "records.too_many": (
        "Có {n} hồ sơ: tải xuống giới hạn ở {limit} hồ sơ đầu tiên. Hãy lọc bớt để tải đủ.",
        "{n} records: downloads hold the first {limit}. Filter further to download them all.",
    ),
    "records.unit.help": (
        "Mã đơn vị như các nguồn dùng; tên đầy đủ ở cột bên cạnh.",
        "The unit's code as sources write it; its full name is in the next column.",
    ),
    "records.file": ("ho-so-sang-kien", "initiative-records"),
    "records.sheet": ("Hồ sơ", "Records"),
    "col.code": ("Mã hồ sơ", "Code"),
    "col.title": ("Tên sáng kiến", "Title"),  # the downloads' header, one every import recognises
    "col.title.shown": ("Tên {noun_one}", "Title of the {noun_one}"),  # on screen: what the program counts
    "col.unit": ("Đơn vị", "Unit"),
    "col.unit_name": ("Tên đơn vị", "Unit name"),
    "col.field": ("Lĩnh vực", "Field"),
    "col.status": ("Trạng thái", "Status"),
    "col.level": ("Cấp công nhận", "Recognition level"),
    "col.authors": ("Tác giả", "Authors"),
    "col.author_count": ("Số tác giả", "Authors (n)"),
    "col.registered_on": ("Ngày đăng ký", "Registered on"),
    "col.recognized_on": ("Ngày công nhận", "Recognised on"),
    "col.applied_on": ("Ngày áp dụng", "Applied on"),
    "col.benefit_vnd": ("Giá trị làm lợi (đồng)", "Benefit (VND)"),
    "col.reward_vnd": ("Tiền thưởng (đồng)", "Reward (VND)"),
    "col.phase": ("Giai đoạn", "Phase"),
    "col.min_remuneration": ("Thù lao tối thiểu/năm (ước tính, đồng)", "Min. remuneration/year (est., VND)"),
}
