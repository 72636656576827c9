"""Catalogue area: the analyst role (sign-in, the password command)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- the analyst role ----------------------------------------------------------------------------------
    "auth.cli.prompt": ("Mật khẩu vai trò phân tích: ", "Analyst password: "),
    "auth.cli.again": ("Nhập lại mật khẩu: ", "Password again: "),
    "auth.cli.mismatch": ("Hai lần nhập không khớp.", "The two entries differ."),
    "auth.cli.too_short": ("Mật khẩu cần ít nhất {n} ký tự.", "The password needs at least {n} characters."),
    "auth.cli.no_password_option": (
        "--password không còn được nhận: mật khẩu gõ trên dòng lệnh nằm lại trong lịch sử của shell. Hãy chạy "
        "`python -m analytics hash-password` rồi gõ mật khẩu khi được hỏi (không hiện chữ), hoặc đưa mật khẩu "
        "vào từ đầu vào chuẩn, ví dụ `python -m analytics hash-password < tep-mat-khau`.",
        "--password is no longer accepted: a password typed on the command line stays in the shell's history. "
        "Run `python -m analytics hash-password` and type the password when asked (nothing is shown), or give "
        "it on standard input, e.g. `python -m analytics hash-password < password-file`.",
    ),
    "auth.cli.bad_name": (
        "Tên “{name}” không dùng được: cần ít nhất một ký tự, không có dấu ngoặc kép hay ký tự điều khiển.",
        "The name “{name}” cannot be used: it needs at least one character and no quotes or control characters.",
    ),
    "auth.cli.paste": (
        "Dán các dòng sau vào .streamlit/secrets.toml (đừng đưa tệp này lên git):",
        "Paste these lines into .streamlit/secrets.toml (keep that file out of git):",
    ),
    "auth.open_notice": (
        "**Ai mở ứng dụng này cũng nhập và sửa được dữ liệu**, vì chưa cấu hình vai trò phân tích. Cách này chỉ "
        "hợp khi chạy trên máy của một người. Trước khi chia sẻ ứng dụng, hãy đặt mật khẩu: chạy "
        "`python -m analytics hash-password` rồi dán kết quả vào `.streamlit/secrets.toml`.",
        "**Anyone who opens this app can import and edit data**: no analyst role is configured. That suits one "
        "person on their own computer only. Before sharing the app, set a password: run "
        "`python -m analytics hash-password` and paste its output into `.streamlit/secrets.toml`.",
    ),
    "auth.bad_hash": (
        "Giá trị `password_hash` trong secrets.toml không phải mã băm do `python -m analytics hash-password` tạo "
        "ra, nên chưa ai ghi được dữ liệu. Hãy tạo lại mã băm.",
        "The `password_hash` in secrets.toml is not a hash made by `python -m analytics hash-password`, so nobody "
        "can write yet. Make the hash again.",
    ),
    "auth.viewer_title": ("Bạn đang xem ở chế độ chỉ đọc", "You are viewing read-only"),
    "auth.viewer_help": (
        "Nhập dữ liệu, hoàn tác và sửa chỉ tiêu cần vai trò phân tích.",
        "Importing, undoing and editing targets need the analyst role.",
    ),
    "auth.password": ("Mật khẩu phân tích", "Analyst password"),
    "auth.account": ("Tên cán bộ phân tích", "Analyst name"),
    "auth.sign_in": ("Đăng nhập", "Sign in"),
    "auth.sign_in_sso": ("Đăng nhập bằng tài khoản tổ chức", "Sign in with your organisation account"),
    "auth.sign_out": ("Đăng xuất", "Sign out"),
    "auth.signed_in": ("Đã đăng nhập với vai trò phân tích.", "Signed in as an analyst."),
    "auth.signed_in_as": ("Đã đăng nhập: {who} (vai trò phân tích).", "Signed in: {who} (analyst)."),
    "auth.not_listed": (
        "Tài khoản {who} chưa có trong danh sách người phân tích ([analyst] emails).",
        "The account {who} is not on the analysts list ([analyst] emails).",
    ),
    "auth.wrong": ("Mật khẩu không đúng.", "Wrong password."),
    "auth.wrong_account": ("Tên hoặc mật khẩu không đúng.", "Wrong name or password."),
    "auth.locked": (
        "Sai mật khẩu quá nhiều lần. Thử lại sau {seconds} giây.",
        "Too many wrong passwords. Try again in {seconds} seconds.",
    ),
    "auth.denied": (
        "Không ghi được: thao tác này cần vai trò phân tích.",
        "Nothing was written: this needs the analyst role.",
    ),
}
