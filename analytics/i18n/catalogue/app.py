"""Catalogue area: the app, navigation, notices shown on every page and the store's messages."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- app and navigation -------------------------------------------------------------------------------
    "app.title": (
        "1 triệu sáng kiến – Công đoàn Dầu khí Việt Nam",
        "1 Million Initiatives – Petrovietnam Trade Union",
    ),
    "app.short_title": ("Sáng kiến Dầu khí", "PV initiatives"),
    "app.org": ("{union}", "{union}"),
    "app.org_program": ("{union} · “{program_name}”", "{union} · “{program_name}”"),
    "app.program": ('Chương trình "1 triệu sáng kiến"', 'The "1 million initiatives" program'),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.units": ("Đơn vị", "Units"),
    "nav.trends": ("Xu hướng", "Trends"),
    "nav.benefit": ("Hiệu quả", "Benefit"),
    "nav.explorer": ("Tra cứu hồ sơ", "Records"),
    "nav.data": ("Dữ liệu", "Data"),
    "nav.report": ("Báo cáo", "Report"),
    # the page's short name in the top bar (its heading says the whole: "Chất lượng & tiến trình: ..."): the
    # eight Vietnamese names then fit the bar at 1280 px beside the sidebar, so no measure of the bar, however
    # early, draws one past it
    "nav.quality": ("Chất lượng", "Quality and pipeline"),
    "nav.section.analysis": ("Phân tích", "Analysis"),
    "nav.section.manage": ("Quản lý", "Manage"),
    "lang.label": ("Ngôn ngữ", "Language"),
    "as_of.caption": ("Số liệu tính đến ngày {date}", "Figures as of {date}"),
    "as_of.caption_filtered": (
        "Số liệu tính đến ngày {date} · đang lọc: {filters}",
        "Figures as of {date} · filtered by: {filters}",
    ),
    "sample.banner": (
        "**Dữ liệu minh họa.** Các con số tổng hợp khớp với số liệu {union} đã công bố, "
        "nhưng từng hồ sơ (tên {noun}, tác giả, ngày, giá trị làm lợi) là dữ liệu dựng lại để minh họa. "
        "Để dùng số liệu thật: vào trang **Dữ liệu**, tải lên tệp xuất CSV hoặc Excel, rồi xóa dữ liệu minh họa.",
        "**Illustrative data.** The totals match the figures the {union} published, but each record of the "
        "{noun} (title, authors, dates, benefit) is invented for illustration. To use real data: open **Data**, "
        "upload a CSV or Excel export, then remove the illustrative data.",
    ),
    "empty.store": (
        "Kho dữ liệu chưa có hồ sơ nào. Vào trang **Dữ liệu** để tải lên tệp xuất CSV hoặc Excel.",
        "The store holds no records yet. Open **Data** to upload a CSV or Excel export.",
    ),
    "empty.filtered": (
        "Không có hồ sơ nào khớp bộ lọc hiện tại. Hãy nới bộ lọc hoặc bấm **Đặt lại bộ lọc**.",
        "No record matches the current filters. Widen them or press **Reset filters**.",
    ),
    "chart.axis_billions": ("Tỷ đồng", "VND billion"),
    "chart.axis_millions": ("Triệu đồng", "VND million"),
    "chart.no_data": (
        "Không có dữ liệu cho biểu đồ này với bộ lọc hiện tại.",
        "No data for this chart under the current filters.",
    ),
    "url.dropped": (
        "Liên kết có giá trị không hợp lệ, đã bỏ qua: {items}",
        "The link held values that are not valid and were ignored: {items}",
    ),
    # --- store errors -------------------------------------------------------------------------------------
    "store.locked": (
        "Kho dữ liệu {path} đang bị một tiến trình khác mở để ghi (ví dụ lệnh nhập dữ liệu đang chạy). "
        "Hãy đợi tiến trình đó kết thúc rồi tải lại trang.",
        "The store {path} is held for writing by another process (an import running, for example). "
        "Wait for it to finish, then reload the page.",
    ),
    "store.read_only.requested": (
        "Kho dữ liệu được mở ở chế độ chỉ đọc: xem được mọi số liệu nhưng không nhập hay sửa được.",
        "The store is open read-only: every figure can be viewed, but nothing can be imported or edited.",
    ),
    "store.read_only.unwritable": (
        "Không ghi được vào tệp kho dữ liệu (ổ đĩa hoặc tệp chỉ cho phép đọc), nên ứng dụng chỉ cho xem: "
        "mọi số liệu vẫn đúng, nhưng chưa nhập hay sửa được. Hãy báo quản trị máy chủ cấp quyền ghi. ({detail})",
        "The store's file cannot be written (a read-only disk or file), so the app is view-only: every figure "
        "is right, but nothing can be imported or edited. Ask the server's administrator for write access. ({detail})",
    ),
    "store.read_only.locked": (
        "Kho dữ liệu đang bị một tiến trình khác giữ để ghi (ví dụ lệnh nhập dữ liệu từ dòng lệnh). Ứng dụng đang "
        "hiển thị bản sao chụp lúc {detail}, chỉ để xem; khi tiến trình kia xong, tải lại trang sau ít phút để "
        "xem số liệu mới và nhập dữ liệu được trở lại.",
        "The store is held for writing by another process (a command-line import, say). The app shows a copy "
        "taken at {detail}, view-only; once that process has finished, reload the page in a minute or two for "
        "the new figures and to import again.",
    ),
    "store.unreadable": (
        "Không mở được kho dữ liệu {path}: {detail}",
        "Could not open the store {path}: {detail}",
    ),
    "store.missing": ("Không tìm thấy kho dữ liệu {path}.", "The store {path} does not exist."),
    "store.outdated": (
        "Kho dữ liệu {path} dùng lược đồ cũ và đang mở chỉ đọc nên không nâng cấp được. Hãy mở nó một lần ở chế độ ghi.",
        "The store {path} has an older schema and is open read-only, so it cannot be upgraded. Open it once for writing.",
    ),
    "store.unwritable": (
        "Không tạo được kho dữ liệu {path}: {detail}",
        "Could not create the store {path}: {detail}",
    ),
    "store.loading_sample": ("Đang nạp dữ liệu minh họa…", "Loading the illustrative data…"),
    "store.damaged": (
        "Kho dữ liệu {path} bị hỏng nên không dùng được ({detail}). Ứng dụng không ghi gì vào tệp này.",
        "The store {path} is damaged and cannot be used ({detail}). The app writes nothing to that file.",
    ),
    "store.duplicates": (
        "Kho dữ liệu {path} bị hỏng: có mã hồ sơ ghi trên nhiều dòng ({detail}), điều ứng dụng không bao giờ "
        "ghi ra, nên có thể tệp đã bị sửa bằng công cụ khác. Ứng dụng không ghi gì vào tệp này.",
        "The store {path} is damaged: some record codes are held by more than one row ({detail}), which the "
        "app never writes, so the file may have been changed with another tool. The app writes nothing to "
        "that file.",
    ),
    "store.lost": (
        "Không còn kho dữ liệu {path}, nhưng kho này đã từng có dữ liệu thật (dấu hiệu trong {detail}), nên "
        "ứng dụng không tạo kho rỗng mới hay nạp dữ liệu minh họa vào đó. Nếu thật sự muốn bắt đầu một kho "
        "mới, hãy xóa thư mục đó trước.",
        "The store {path} is gone, but it has held real data (its marker is in {detail}), so the app makes no "
        "new empty store and loads no sample in its place. To really start a new store, delete that folder "
        "first.",
    ),
    "store.emptied": (
        "Kho dữ liệu {path} không còn lần nhập hay hồ sơ nào, nhưng đã từng có dữ liệu thật (dấu hiệu trong "
        "{detail}): có thể đây là một bản chép thiếu. Ứng dụng không nạp dữ liệu minh họa vào đó.",
        "The store {path} holds no import and no record, but it has held real data (its marker is in "
        "{detail}): it may be an incomplete copy. The app loads no sample into it.",
    ),
    "store.newer": (
        "Kho dữ liệu {path} do phiên bản mới hơn của ứng dụng tạo ra (lược đồ {detail}). Hãy cập nhật ứng dụng.",
        "The store {path} was made by a newer version of the app (schema {detail}). Update the app.",
    ),
    "store.read_only.replica": (
        "Máy chủ này là bản sao chỉ đọc: số liệu theo bản sao lưu lúc {detail} của máy chủ chính, tự cập nhật khi "
        "có bản mới. Nhập và sửa dữ liệu trên máy chủ chính.",
        "This server is a read-only replica: the figures are the main server's snapshot of {detail}, updated by "
        "themselves when a newer one appears. Import and edit on the main server.",
    ),
    "store.replica_empty": (
        "Máy chủ bản sao chưa thấy bản sao lưu đã kiểm tra nào trong {detail}. Hãy tạo một bản trên máy chủ chính "
        "(trang Dữ liệu, thẻ Sao lưu, hoặc lệnh backup) rồi tải lại trang.",
        "The replica has found no verified snapshot in {detail} yet. Take one on the main server (Data page, "
        "Backups tab, or the backup command), then reload the page.",
    ),
    "store.read_only.damaged": (
        "Kho dữ liệu bị hỏng nên ứng dụng đang hiển thị bản sao lưu mới nhất đã kiểm tra ({detail}), chỉ xem: "
        "chưa nhập hay sửa được. Cán bộ phân tích có thể khôi phục bản sao lưu này ở trang Dữ liệu.",
        "The store is damaged, so the app shows the newest verified snapshot ({detail}), view-only: nothing can "
        "be imported or edited yet. An analyst can restore that snapshot on the Data page.",
    ),
}
