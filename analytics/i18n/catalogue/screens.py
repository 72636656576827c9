"""Texts of the screens themselves rather than of one page: Streamlit's own widget texts in the page's
language (ui.widgets writes them over Streamlit's English through the stylesheet), the projector mode, and
the line naming the units in view."""

TEXT: dict[str, tuple[str, str]] = {
    # Streamlit's own widget texts (its bundle has them in English only)
    "st.enter_to_apply": ("Nhấn Enter để áp dụng", "Press Enter to apply"),
    "st.enter_to_submit": ("Nhấn Enter để gửi", "Press Enter to submit"),
    "st.upload": ("Tải tệp lên", "Upload"),
    "st.upload_limit": ("Tối đa {mb} MB mỗi tệp", "Up to {mb} MB per file"),
    "st.drop_here": ("Thả tệp vào đây", "Drop the file here"),
    "st.no_results": ("Không tìm thấy", "No results"),
    "st.choose": ("Chọn", "Choose"),
    "st.more_pages": ("Trang khác", "More pages"),
    # Plotly's toolbar and hover texts (analytics.charts.PLOTLY_TEXTS)
    "plotly.download_png": ("Tải biểu đồ (PNG)", "Download the chart (PNG)"),
    "plotly.download": ("Tải biểu đồ", "Download the chart"),
    "plotly.zoom": ("Phóng to vùng chọn", "Zoom"),
    "plotly.pan": ("Kéo biểu đồ", "Pan"),
    "plotly.zoom_in": ("Phóng to", "Zoom in"),
    "plotly.zoom_out": ("Thu nhỏ", "Zoom out"),
    "plotly.reset_axes": ("Về tỷ lệ ban đầu", "Reset axes"),
    "plotly.reset_view": ("Về góc nhìn ban đầu", "Reset view"),
    "plotly.autoscale": ("Tự co giãn trục", "Autoscale"),
    "plotly.hover_closest": ("Hiện điểm gần nhất khi rê chuột", "Show closest data on hover"),
    "plotly.hover_compare": ("So sánh khi rê chuột", "Compare data on hover"),
    "plotly.double_click": ("Bấm đúp để thu nhỏ lại", "Double-click to zoom back out"),
    "plotly.snapshot_ok": ("Đã tải ảnh biểu đồ", "Snapshot succeeded"),
    "plotly.snapshot_wait": (
        "Đang tạo ảnh biểu đồ, xin chờ vài giây",
        "Taking snapshot - this may take a few seconds",
    ),
    # A period's standing on the as-of day, read against the time elapsed (analytics.metrics.standing_of)
    "standing.not_started": ("chưa bắt đầu", "not started"),
    "standing.ahead": ("vượt tiến độ", "ahead of pace"),
    "standing.behind": ("chậm tiến độ", "behind pace"),
    "standing.met": ("đã hoàn thành", "target met"),
    "standing.missed": ("không đạt", "missed"),
    "standing.no_target": ("chưa có chỉ tiêu", "no target"),
    "standing.ahead_delta": ("vượt tiến độ {n}", "{n} ahead of pace"),
    "standing.on_line_delta": ("đúng tiến độ", "on pace"),
    "standing.behind_delta": ("chậm tiến độ {n}", "{n} behind pace"),
    "standing.line.ahead": (
        "{scope}: vượt tiến độ {n} (lộ trình đến nay: {expected})",
        "{scope}: {n} ahead of pace (path to date: {expected})",
    ),
    "standing.line.behind": (
        "{scope}: chậm tiến độ {n} (lộ trình đến nay: {expected})",
        "{scope}: {n} behind pace (path to date: {expected})",
    ),
    "standing.line.not_started": ("{scope}: chưa bắt đầu", "{scope}: not started"),
    "standing.help": (
        "Đang thực hiện: so với lộ trình thời gian (đường thẳng từ 0 ngày đầu đến chỉ tiêu ngày cuối), "
        "đến ngày số liệu lộ trình là {expected}. Chưa bắt đầu: ngày số liệu trước ngày đầu của {period}.",
        "While running: against the time path (a straight line from 0 on the first day to the target on "
        "the last), which stands at {expected} on the as-of day. Not started: the as-of day is before the "
        "{period}'s first day.",
    ),
    # The units in view (the line under every title)
    "view.units": ("Đơn vị: {names}", "Units: {names}"),
}
