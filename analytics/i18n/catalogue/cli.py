"""Catalogue area: the command line's own messages (the sample and summary commands)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- command line -------------------------------------------------------------------------------------
    "cli.summary.title": ("Tổng hợp chương trình, tính đến ngày {date}", "Program summary as of {date}"),
    "cli.summary.program_line": (
        "Chương trình “{program_name}” ({start} – {end}), đơn vị tính: {noun}",
        "The “{program_name}” program ({start} – {end}), counting {noun}",
    ),
    "cli.summary.program": ("Cả chương trình", "Whole program"),
    "cli.summary.units_header": ("Các đơn vị", "Units"),
    # the pace line under the period table: each part is the Trends page's own words
    "cli.summary.pace": (
        "{header}: {state} · {projected_label} {projected} {of_target} ({pct})",
        "{header}: {state} · {projected_label} {projected} {of_target} ({pct})",
    ),
    "cli.bad_date": (
        "Ngày không hợp lệ: {value}. Dùng dạng YYYY-MM-DD, ví dụ 2022-05-31.",
        "Not a valid date: {value}. Use YYYY-MM-DD, e.g. 2022-05-31.",
    ),
    "cli.sample.done": (
        "Đã nạp {n} hồ sơ minh họa vào {path}.",
        "Loaded {n} illustrative records into {path}.",
    ),
    "cli.sample.refused": (
        "Kho {path} đang có {n} hồ sơ không phải dữ liệu minh họa. Thêm --replace để thay toàn bộ bằng dữ liệu minh họa.",
        "The store {path} holds {n} records that are not illustrative. Add --replace to replace them all with the sample.",
    ),
}
