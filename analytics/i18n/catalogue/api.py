"""Catalogue area: the HTTP API (analytics.api: its errors, tokens), the Data page's API tab and the
command line's `token` command and `--server` option."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- the API's errors (`{"error": code, "message": ...}`) -------------------------------------------
    "api.error.token_missing": (
        "Cần một mã truy cập API: gửi tiêu đề “Authorization: Bearer <mã>”. Cán bộ phân tích tạo mã ở trang "
        "Dữ liệu, thẻ API.",
        "An API token is needed: send the header “Authorization: Bearer <token>”. Analysts make tokens on the "
        "Data page, API tab.",
    ),
    "api.error.token_unknown": (
        "Mã truy cập không đúng. Hãy kiểm tra mã, hoặc xin cán bộ phân tích một mã mới.",
        "The token is not known. Check it, or ask an analyst for a new one.",
    ),
    "api.error.token_revoked": (
        "Mã truy cập này đã bị thu hồi. Hãy xin cán bộ phân tích một mã mới.",
        "This token has been revoked. Ask an analyst for a new one.",
    ),
    "api.error.token_expired": (
        "Mã truy cập này đã hết hạn. Hãy xin cán bộ phân tích một mã mới.",
        "This token has expired. Ask an analyst for a new one.",
    ),
    "api.error.scope": (
        "Mã “{name}” có quyền {scope}, chỉ để đọc: việc này cần một mã quyền ghi (write).",
        "The token “{name}” is a {scope} token: this needs a write token.",
    ),
    "api.error.rate": (
        "Quá nhiều yêu cầu: tối đa {n} yêu cầu mỗi phút cho mỗi mã. Hãy thử lại sau ít giây (xem Retry-After).",
        "Too many calls: at most {n} a minute per token. Try again in a few seconds (see Retry-After).",
    ),
    "api.error.store": (
        "Kho dữ liệu chưa dùng được ({detail}). Xem /api/v1/health hoặc trang Dữ liệu.",
        "The store cannot be used now ({detail}). See /api/v1/health or the Data page.",
    ),
    "api.error.read_only": ("Không ghi được lúc này: {detail}", "Nothing can be written now: {detail}"),
    "api.error.unknown_parameter": (
        "Tham số không có trong API: {names}. Xem /api/v1/openapi.json.",
        "Parameters the API does not have: {names}. See /api/v1/openapi.json.",
    ),
    "api.error.bad_value": (
        "Giá trị không hợp lệ: {names}. Hãy sửa hoặc bỏ các giá trị đó (mã đơn vị, chương trình, kỳ, ngày "
        "YYYY-MM-DD... phải có trong kho).",
        "Values that are not valid: {names}. Correct or remove them (unit codes, programs, periods, dates "
        "YYYY-MM-DD... must exist in the store).",
    ),
    "api.error.bad_page": (
        "page phải từ 1 trở lên và per_page từ 1 đến {limit}.",
        "page must be 1 or more and per_page from 1 to {limit}.",
    ),
    "api.error.too_large": (
        "Tệp lớn hơn giới hạn tải lên {size} của trang Dữ liệu. Hãy chia tệp, hoặc dừng máy chủ rồi nhập bằng "
        "dòng lệnh trên máy chủ (python -m analytics import, không có --server).",
        "The file is larger than the Data page's upload limit of {size}. Split it, or stop the server and import "
        "it with the command line on the server (python -m analytics import, without --server).",
    ),
    "api.error.bad_form": (
        "Yêu cầu không phải multipart/form-data hợp lệ ({detail}). Gửi tệp trong trường “file”.",
        "The request is not valid multipart/form-data ({detail}). Send the file in the field “file”.",
    ),
    "api.error.no_file": (
        "Thiếu tệp: gửi tệp trong trường “file” (multipart/form-data).",
        "No file: send it in the field “file” (multipart/form-data).",
    ),
    "api.error.not_found": (
        "API không có {route}. Các đường dẫn dưới /api/v1: {routes} (xem /api/v1/openapi.json).",
        "The API has no {route}. The routes under /api/v1: {routes} (see /api/v1/openapi.json).",
    ),
    "api.error.unit_needs_replace": (
        "“unit” chỉ dùng với mode=replace.",
        "“unit” is for mode=replace only.",
    ),
    # --- tokens -------------------------------------------------------------------------------------------
    "api.token.bad_name": (
        "Tên mã “{name}” không hợp lệ: 1–64 ký tự chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới, @.",
        "The token name “{name}” is not valid: 1–64 letters without accents, digits, dots, hyphens, "
        "underscores, @.",
    ),
    "api.token.bad_scope": (
        "Quyền “{scope}” không có: chọn read hoặc write.",
        "No scope “{scope}”: read or write.",
    ),
    "api.token.bad_days": (
        "Số ngày hiệu lực phải từ 1 đến {max}.",
        "The days of validity must be 1 to {max}.",
    ),
    "api.token.exists": (
        "Đã có mã tên “{name}” (kể cả mã đã thu hồi): hãy chọn tên khác.",
        "A token named “{name}” exists (revoked ones count): choose another name.",
    ),
    "api.token.unknown": ("Không có mã nào tên “{name}”.", "No token is named “{name}”."),
    "api.token.already_revoked": (
        "Mã “{name}” đã bị thu hồi trước đó.",
        "The token “{name}” was already revoked.",
    ),
    "api.token.created": (
        "Đã tạo mã “{name}” (quyền {scope}, hết hạn {expires}). Mã chỉ hiện một lần này: hãy chép ngay.",
        "The token “{name}” was made ({scope}, expires {expires}). It is shown this once: copy it now.",
    ),
    "api.token.revoked": ("Đã thu hồi mã “{name}”.", "The token “{name}” is revoked."),
    # --- the Data page's API tab ------------------------------------------------------------------------
    "api.tab": ("API", "API"),
    "api.tab.intro": (
        "Mã truy cập cho các hệ thống khác (trang web của công đoàn, báo cáo của tập đoàn, cổng sangkien.gov.vn) "
        "đọc số liệu hoặc nhập dữ liệu qua API /api/v1 (xem README, mục API). Mỗi lần gọi được ghi vào nhật ký "
        "với tên mã.",
        "Tokens for other systems (the union's website, the group's reporting, the sangkien.gov.vn portal) to "
        "read figures or import through the API at /api/v1 (see README, section API). Every call is logged "
        "with the token's name.",
    ),
    "api.tab.viewer": (
        "Chỉ cán bộ phân tích tạo và thu hồi mã truy cập API.",
        "Only analysts make and revoke API tokens.",
    ),
    "api.tab.name": ("Tên mã (ai dùng, để làm gì)", "Token name (who uses it, for what)"),
    "api.tab.scope": ("Quyền", "Scope"),
    "api.tab.scope.read": ("read: chỉ đọc số liệu", "read: figures only"),
    "api.tab.scope.write": ("write: đọc và nhập, hoàn tác", "write: read, import, undo"),
    "api.tab.days": ("Hiệu lực (ngày)", "Valid for (days)"),
    "api.tab.create": ("Tạo mã", "Make token"),
    "api.tab.none": ("Chưa có mã truy cập nào.", "No token yet."),
    "api.tab.revoke": ("Thu hồi mã", "Revoke token"),
    "api.tab.revoke_pick": ("Mã cần thu hồi", "Token to revoke"),
    "api.tab.state.active": ("đang dùng", "active"),
    "api.tab.state.revoked": ("đã thu hồi", "revoked"),
    "api.tab.state.expired": ("hết hạn", "expired"),
    "api.col.name": ("Tên", "Name"),
    "api.col.scope": ("Quyền", "Scope"),
    "api.col.state": ("Trạng thái", "State"),
    "api.col.created_at": ("Tạo lúc", "Made"),
    "api.col.created_by": ("Người tạo", "Made by"),
    "api.col.expires_at": ("Hết hạn", "Expires"),
    "api.col.revoked_at": ("Thu hồi lúc", "Revoked"),
    "api.col.revoked_by": ("Người thu hồi", "Revoked by"),
    # --- the command line -------------------------------------------------------------------------------
    "api.cli.held": (
        "Kho dữ liệu {path} đang được máy chủ bảng điều hành giữ để ghi. Hãy làm việc này qua máy chủ: thêm "
        "--server URL (ví dụ --server http://127.0.0.1:8501) và một mã truy cập (--token hoặc biến môi trường "
        "SANGKIEN_TOKEN), hoặc dừng máy chủ trước.",
        "The store {path} is held for writing by the running dashboard server. Do this through the server: add "
        "--server URL (for example --server http://127.0.0.1:8501) and a token (--token or the environment "
        "variable SANGKIEN_TOKEN), or stop the server first.",
    ),
    "api.cli.held_other": (
        "Kho dữ liệu {path} đang được một tiến trình khác (máy chủ bảng điều hành) giữ để ghi. Hãy dừng máy chủ "
        "rồi chạy lại lệnh, hoặc làm việc này trên trang Dữ liệu.",
        "The store {path} is held for writing by another process (the dashboard server). Stop the server and "
        "run the command again, or do this on the Data page.",
    ),
    "api.cli.no_token": (
        "--server cần một mã truy cập: --token MÃ hoặc biến môi trường SANGKIEN_TOKEN.",
        "--server needs a token: --token TOKEN or the environment variable SANGKIEN_TOKEN.",
    ),
    "api.cli.unreachable": (
        "Không kết nối được máy chủ {url}: {detail}",
        "Could not reach the server {url}: {detail}",
    ),
    "api.cli.not_through_server": (
        "Qua --server chỉ dùng được --mode, --unit, --program, --dry-run, --json; bỏ {options} hoặc chạy "
        "lệnh trên máy chủ khi máy chủ dừng.",
        "Through --server only --mode, --unit, --program, --dry-run, --json are available; drop {options} or "
        "run the command on the server while it is stopped.",
    ),
    "api.cli.token_line": (
        "Mã “{name}” ({scope}, hết hạn {expires}); đây là lần duy nhất mã được in ra:",
        "Token “{name}” ({scope}, expires {expires}); this is the only time it is printed:",
    ),
}
