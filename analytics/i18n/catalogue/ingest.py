"""Catalogue area: the importer: field names, refusals, results, reasons a row is rejected, the template, the import command and the reference tables."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- canonical fields (template headers, mapping choices) --------------------------------------------
    "ingest.field.code": ("Mã sáng kiến", "Initiative code"),
    "ingest.field.title": ("Tên sáng kiến", "Title"),
    "ingest.field.authors": ("Tác giả", "Authors"),
    "ingest.field.coauthors": ("Đồng tác giả", "Co-authors"),
    "ingest.field.author_count": ("Số tác giả", "Number of authors"),
    "ingest.field.author_shares": ("Tỷ lệ đóng góp (%)", "Authors' shares (%)"),
    "ingest.field.unit": ("Đơn vị", "Unit"),
    "ingest.field.field": ("Lĩnh vực", "Field"),
    "ingest.field.status": ("Trạng thái", "Status"),
    "ingest.field.level": ("Cấp công nhận", "Recognition level"),
    "ingest.field.registered_on": ("Ngày đăng ký", "Registered on"),
    "ingest.field.recognized_on": ("Ngày công nhận", "Recognised on"),
    "ingest.field.applied_on": ("Ngày áp dụng", "Applied on"),
    "ingest.field.benefit_vnd": ("Giá trị làm lợi (đồng)", "Benefit (VND)"),
    "ingest.field.reward_vnd": ("Tiền thưởng (đồng)", "Reward (VND)"),
    "ingest.field._row": ("Cả dòng", "Whole row"),
    "ingest.required": ("Bắt buộc", "Required"),
    "ingest.optional": ("Không bắt buộc", "Optional"),
    "ingest.col.row": ("Dòng", "Row"),
    "ingest.col.column": ("Cột", "Column"),
    "ingest.col.value": ("Giá trị", "Value"),
    "ingest.col.reason": ("Lý do", "Reason"),
    "ingest.col.field": ("Trường dữ liệu", "Field"),
    "ingest.col.required": ("Bắt buộc?", "Required?"),
    "ingest.col.sheet": ("Trang tính", "Sheet"),
    "ingest.sheet_row": ("{sheet} dòng {row}", "{sheet} row {row}"),
    "ingest.rows": ("dòng {rows}", "rows {rows}"),
    "ingest.col.headers": ("Tên cột được nhận ra", "Headers recognised"),
    "ingest.mb": ("{n} MB", "{n} MB"),
    # --- whole-file refusals ------------------------------------------------------------------------------
    "ingest.refuse.empty": (
        "Tệp rỗng: không có dòng dữ liệu nào. Không có gì được ghi.",
        "The file is empty: it holds no rows. Nothing was written.",
    ),
    "ingest.refuse.not_table": (
        "Tệp không phải bảng dữ liệu (có thể là ảnh, PDF hay tệp nén đổi đuôi). Hãy xuất lại danh sách ra CSV "
        "hoặc Excel (.xlsx). Không có gì được ghi.",
        "The file is not a table (it may be a picture, a PDF or an archive renamed). Export the list again as CSV "
        "or Excel (.xlsx). Nothing was written.",
    ),
    "ingest.refuse.html": (
        "Tệp này thực chất là một trang web (HTML) mang đuôi Excel, như nhiều phần mềm vẫn xuất. Hãy mở nó bằng "
        "Excel rồi lưu lại dạng .xlsx hoặc CSV. Không có gì được ghi.",
        "This file is really a web page (HTML) with an Excel name, as many systems export. Open it in Excel and "
        "save it again as .xlsx or CSV. Nothing was written.",
    ),
    "ingest.refuse.too_large": (
        "Tệp quá lớn ({size}, giới hạn {limit}). Hãy chia nhỏ tệp, hoặc nạp bằng dòng lệnh "
        "`python -m analytics import`. Không có gì được ghi.",
        "The file is too large ({size}; the limit is {limit}). Split it, or load it with the command "
        "`python -m analytics import`. Nothing was written.",
    ),
    "ingest.refuse.too_many_rows": (
        "Tệp có {rows} dòng dữ liệu, vượt giới hạn {max_rows} dòng cho một lần tải lên trang này. Hãy chia nhỏ tệp, "
        "hoặc nạp bằng dòng lệnh `python -m analytics import` (không giới hạn số dòng). Không có gì được ghi.",
        "The file holds {rows} data rows, more than the limit of {max_rows} rows for one upload on this page. Split "
        "it, or load it with the command `python -m analytics import` (no row limit). Nothing was written.",
    ),
    "ingest.refuse.store_write": (
        "Không ghi được vào kho dữ liệu ({detail}): ổ đĩa có thể đã đầy hoặc không cho ghi, hoặc máy chủ thiếu bộ "
        "nhớ (biến SANGKIEN_DUCKDB_MEMORY). Không có gì được ghi, số liệu trong kho vẫn như trước lần nhập này. "
        "Hãy báo quản trị máy chủ, rồi nhập lại tệp.",
        "The store could not be written ({detail}): the disk may be full or not writable, or the server short of "
        "memory (variable SANGKIEN_DUCKDB_MEMORY). Nothing was written; the store holds what it held before this "
        "import. Tell the server's administrator, then import again.",
    ),
    "ingest.refuse.zip_bomb": (
        "Tệp Excel khi giải nén lớn bất thường ({size}): có thể là tệp hỏng hoặc độc hại, nên không được mở. "
        "Không có gì được ghi.",
        "The Excel file would unpack to an abnormal size ({size}): it may be damaged or hostile, so it was not "
        "opened. Nothing was written.",
    ),
    "ingest.refuse.unreadable": (
        "Không đọc được tệp ({detail}). Hãy mở tệp bằng Excel, lưu lại dạng .xlsx hoặc CSV UTF-8 rồi thử lại. "
        "Không có gì được ghi.",
        "The file could not be read ({detail}). Open it in Excel, save it again as .xlsx or UTF-8 CSV and retry. "
        "Nothing was written.",
    ),
    "ingest.refuse.encrypted": (
        "Tệp Excel có đặt mật khẩu. Hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc) rồi tải lên lại. "
        "Không có gì được ghi.",
        "The Excel file is password-protected. Remove the password (File › Info › Protect Workbook) and upload "
        "it again. Nothing was written.",
    ),
    "ingest.refuse.no_sheet": (
        "Không có trang tính tên “{sheet}” trong tệp. Các trang tính của tệp: {sheets}.",
        "The workbook has no sheet named “{sheet}”. Its sheets: {sheets}.",
    ),
    "ingest.refuse.bad_encoding": (
        "Bảng mã “{encoding}” không được hỗ trợ.",
        "The encoding “{encoding}” is not supported.",
    ),
    "ingest.refuse.mojibake": (
        "Chữ tiếng Việt trong tệp bị vỡ dù đọc theo bảng mã nào (Unicode, Windows-1258, TCVN3, VNI), ví dụ "
        "“{example}”: nhiều khả năng tệp là {likely}. Hãy mở tệp gốc bằng phần mềm đã tạo ra nó, lưu lại dạng "
        ".xlsx hoặc CSV UTF-8 (nếu dùng phông .VnTime hay VNI-Times, hãy chuyển mã sang Unicode bằng Unikey), "
        "rồi nhập lại. Không có gì được ghi.",
        "The Vietnamese text in the file is broken under every reading (Unicode, Windows-1258, TCVN3, VNI), "
        "e.g. “{example}”: the file is most likely {likely}. Open the original in the program that made it, "
        "save it as .xlsx or UTF-8 CSV (for .VnTime or VNI-Times fonts, convert it to Unicode with Unikey), "
        "and import it again. Nothing was written.",
    ),
    "ingest.enc.utf-8-twice": (
        "một tệp UTF-8 bị mở nhầm bằng Windows-1252 rồi lưu lại (mã hóa hai lần)",
        "a UTF-8 file opened as Windows-1252 and saved again (encoded twice)",
    ),
    "ingest.enc.cp1258": (
        "Windows-1258 bị hỏng hoặc một bảng mã khác",
        "damaged Windows-1258 or another encoding",
    ),
    "ingest.enc.tcvn3": ("TCVN3 (ABC, phông .VnTime) bị hỏng", "damaged TCVN3 (ABC, .VnTime fonts)"),
    "ingest.enc.vni": ("VNI-Windows (phông VNI-Times) bị hỏng", "damaged VNI-Windows (VNI-Times fonts)"),
    "ingest.refuse.mixed_date_order": (
        "Cột “{column}” ghi ngày theo cả hai cách: có ngày chỉ đọc được theo ngày/tháng/năm ({dmy_rows}, ví dụ "
        "“{dmy_example}”) và có ngày chỉ đọc được theo tháng/ngày/năm ({mdy_rows}, ví dụ “{mdy_example}”). "
        "Không thể đoán ngày nào đúng: hãy sửa cột về một cách ghi (nên là ngày/tháng/năm), hoặc chọn cách đọc "
        "(--date-order dmy|mdy trên dòng lệnh). Không có gì được ghi.",
        "Column “{column}” writes dates both ways: some read only as day/month/year ({dmy_rows}, e.g. "
        "“{dmy_example}”) and some only as month/day/year ({mdy_rows}, e.g. “{mdy_example}”). Which is right "
        "cannot be guessed: write the column one way (day/month/year is best), or choose how it is read "
        "(--date-order dmy|mdy on the command line). Nothing was written.",
    ),
    "ingest.refuse.sheet_no_table": (
        "Trang tính “{sheet}” không có bảng sáng kiến (cần ít nhất cột Mã sáng kiến và Tên sáng kiến). "
        "Không có gì được ghi.",
        "Sheet “{sheet}” holds no table of initiatives (it needs at least an initiative code and a title "
        "column). Nothing was written.",
    ),
    "ingest.refuse.no_table_in_sheets": (
        "Không trang tính nào có bảng sáng kiến (cần ít nhất cột Mã sáng kiến và Tên sáng kiến). Không có gì "
        "được ghi.",
        "No sheet holds a table of initiatives (it needs at least an initiative code and a title column). "
        "Nothing was written.",
    ),
    "ingest.refuse.header_beyond": (
        "Dòng tiêu đề {row} nằm ngoài phần đầu tệp: hãy chọn một dòng trong 30 dòng đầu.",
        "Header row {row} is past the top of the file: choose a row among the first 30.",
    ),
    "ingest.refuse.backup_failed": (
        "Không ghi được vào kho dữ liệu: chưa tạo được bản sao lưu trước khi thay đổi (thư mục {folder}: "
        "{detail}). Không có gì được ghi. Hãy giải phóng chỗ trống ở đó (hoặc đặt SANGKIEN_BACKUP_DIR sang "
        "ổ khác) rồi thử lại.",
        "Could not write to the store: the snapshot taken before every change could not be made (folder "
        "{folder}: {detail}). Nothing was written. Free some space there (or point SANGKIEN_BACKUP_DIR at "
        "another disk) and try again.",
    ),
    "ingest.refuse.too_many_columns": (
        "Tệp có {n} cột, vượt giới hạn {limit}: có thể đã chọn sai dấu phân cách.",
        "The file has {n} columns, more than the limit of {limit}: the delimiter may be wrong.",
    ),
    "ingest.refuse.missing_columns": (
        "Thiếu cột bắt buộc: {columns}. Các cột tìm thấy: {found}. Hãy chỉ ra cột tương ứng trong bảng "
        "“Ghép cột”, hoặc đổi tên cột trong tệp. Không có gì được ghi.",
        "Required columns are missing: {columns}. Columns found: {found}. Point to the matching columns in "
        "the “Column mapping” table, or rename them in the file. Nothing was written.",
    ),
    "ingest.refuse.header_only": (
        "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào. Không có gì được ghi.",
        "The file holds only a header row and no data. Nothing was written.",
    ),
    "ingest.refuse.unknown_replace_unit": (
        "Không có đơn vị “{unit}” để thay dữ liệu. Dùng mã đơn vị, ví dụ PVEP.",
        "There is no unit “{unit}” to replace. Use a unit code, e.g. PVEP.",
    ),
    "ingest.refuse.undo_unknown": ("Không có lần nhập số {id}.", "There is no import #{id}."),
    "ingest.refuse.undo_done": ("Lần nhập số {id} đã được hoàn tác rồi.", "Import #{id} was already undone."),
    "ingest.refuse.duplicate_codes": (
        "Lần nhập bị từ chối: mã {codes} sẽ được ghi cho hơn một hồ sơ, mà mỗi mã chỉ được có một hồ sơ. "
        "Không có gì được ghi. Hãy sửa tệp để mỗi mã chỉ có trên một dòng, rồi nhập lại.",
        "The import was refused: the code(s) {codes} would be written to more than one record, and each code "
        "may have one record only. Nothing was written. Correct the file so that each code is on one row, "
        "then import it again.",
    ),
    "ingest.refuse.undo_duplicates": (
        "Chưa hoàn tác được lần nhập số {id}: hồ sơ mã {codes} mà lần nhập này đã xóa nay lại có trong kho "
        "(một lần nhập sau đã thêm lại), nên khôi phục sẽ tạo hai hồ sơ cùng mã. Không có gì được ghi. Hãy "
        "hoàn tác lần nhập sau đó trước.",
        "Import #{id} cannot be undone yet: the record(s) {codes} it deleted are in the store again (a later "
        "import added them back), so restoring them would make two records with one code. Nothing was "
        "written. Undo that later import first.",
    ),
    "ingest.refuse.undo_blocked": (
        "Chưa hoàn tác được lần nhập số {id}: các lần nhập sau ({imports}) đã sửa chính những hồ sơ này. "
        "Hãy hoàn tác các lần nhập đó trước (mới nhất trước).",
        "Import #{id} cannot be undone yet: later imports ({imports}) changed the same records. Undo those "
        "first (newest first).",
    ),
    # --- results ------------------------------------------------------------------------------------------
    "ingest.msg.dry_run": (
        "Sẽ thêm mới {inserted}, cập nhật {updated}, giữ nguyên {unchanged}; loại {rejected} dòng lỗi; "
        "bỏ qua {skipped} dòng không phải sáng kiến (dòng trống, dòng tổng…).",
        "Would insert {inserted}, update {updated}, leave {unchanged} unchanged; {rejected} rows rejected; "
        "{skipped} rows that are not initiatives skipped (blank, totals…).",
    ),
    "ingest.msg.done": (
        "Đã thêm mới {inserted}, cập nhật {updated}, giữ nguyên {unchanged}; loại {rejected} dòng lỗi; "
        "bỏ qua {skipped} dòng không phải sáng kiến (dòng trống, dòng tổng…).",
        "Inserted {inserted}, updated {updated}, {unchanged} unchanged; {rejected} rows rejected; "
        "{skipped} rows that are not initiatives skipped (blank, totals…).",
    ),
    "ingest.msg.deleted": (
        "Xóa {n} hồ sơ của {units} không còn trong tệp.",
        "{n} records of {units} that are no longer in the file are removed.",
    ),
    "ingest.msg.kept": (
        "{n} mã đã có trong kho được giữ nguyên (chế độ chỉ thêm mới).",
        "{n} codes already in the store were left as they are (insert-only mode).",
    ),
    "ingest.msg.import_id": ("Lần nhập số {id}.", "Import #{id}."),
    "ingest.msg.errors_cut": (
        "(Chỉ liệt kê {n} lỗi đầu tiên; tệp các dòng bị loại có đủ.)",
        "(Only the first {n} errors are listed; the rejected-rows file has them all.)",
    ),
    "ingest.warn.bad_bytes": (
        "Một số ký tự không đúng mã UTF-8 đã được thay bằng “�”: hãy kiểm tra bảng mã của tệp.",
        "Some bytes were not valid UTF-8 and were replaced by “�”: check the file's encoding.",
    ),
    # --- notes after the counts ---------------------------------------------------------------------------
    "ingest.note.skipped_by": ("Dòng bỏ qua: {reasons}.", "Rows skipped: {reasons}."),
    "ingest.skip.blank": ("{n} dòng trống", "{n} blank"),
    "ingest.skip.total": ("{n} dòng tổng", "{n} total rows"),
    "ingest.skip.numbering": ("{n} dòng đánh số cột (1), (2)…", "{n} column-numbering row (1), (2)…"),
    "ingest.skip.signature": ("{n} dòng chữ ký", "{n} signature-block rows"),
    "ingest.skip.continuation": (
        "{n} dòng đồng tác giả đã gộp vào sáng kiến phía trên",
        "{n} co-author rows joined to the initiative above",
    ),
    "ingest.note.cleaned.legacy_cells": (
        "Đã chuyển {n} ô viết bằng phông cũ (TCVN3/VNI) sang Unicode.",
        "{n} cells written in an old font encoding (TCVN3/VNI) converted to Unicode.",
    ),
    "ingest.note.cleaned.invisible_cells": (
        "Đã xóa ký tự vô hình (khoảng trắng độ rộng 0, BOM, khoảng trắng không ngắt…) ở {n} ô.",
        "Invisible characters (zero-width spaces, BOMs, no-break spaces…) removed from {n} cells.",
    ),
    "ingest.note.cleaned.controls": (
        "Đã xóa {n} ký tự điều khiển (NUL…) trong tệp.",
        "{n} control characters (NUL…) removed from the file.",
    ),
    "ingest.note.cleaned.codes": (
        "Đã xóa ký tự vô hình trong {n} mã sáng kiến.",
        "Invisible characters removed from {n} initiative codes.",
    ),
    "ingest.note.date_order": (
        "Cột “{column}” được đọc theo tháng/ngày/năm trong cả cột, vì có ngày chỉ đọc được như vậy (dòng {rows}, "
        "ví dụ “{example}”) và không ngày nào chỉ đọc được theo ngày/tháng/năm.",
        "Column “{column}” is read month/day/year throughout: some dates read only that way (row {rows}, e.g. "
        "“{example}”) and none only as day/month/year.",
    ),
    "ingest.note.date_order_forced.mdy": (
        "{column}: đọc theo tháng/ngày/năm (đã chọn).",
        "{column}: read month/day/year (as chosen).",
    ),
    "ingest.note.date_order_forced.dmy": (
        "{column}: đọc theo ngày/tháng/năm (đã chọn).",
        "{column}: read day/month/year (as chosen).",
    ),
    "ingest.note.shares": (
        "Tỷ lệ đóng góp của tác giả không cộng lại 100% ở {n} sáng kiến: {rows}. Sáng kiến vẫn được nhập; hãy "
        "kiểm tra lại tỷ lệ.",
        "Authors' shares do not add up to 100% for {n} initiatives: {rows}. They are imported all the same; "
        "check the shares.",
    ),
    "ingest.note.share_row": ("{row} ({total}%)", "{row} ({total}%)"),
    "ingest.note.more": ("… và {n} sáng kiến khác.", "… and {n} more."),
    "ingest.note.sheets": ("Theo trang tính: {sheets}.", "By sheet: {sheets}."),
    "ingest.note.sheet": (
        "{sheet}: {rows} dòng, thêm mới {inserted}, loại {rejected}",
        "{sheet}: {rows} rows, {inserted} new, {rejected} rejected",
    ),
    "ingest.note.skipped_sheets": ("Trang tính bỏ qua: {sheets}.", "Sheets skipped: {sheets}."),
    "ingest.sheet_skip.summary": ("trang tổng hợp", "summary sheet"),
    "ingest.sheet_skip.empty": ("trống", "empty"),
    "ingest.sheet_skip.no_table": ("không có bảng sáng kiến", "no table of initiatives"),
    "ingest.undo.done": (
        "Đã hoàn tác lần nhập số {id}: gỡ {deleted} hồ sơ đã thêm, khôi phục {restored} hồ sơ về trạng thái trước.",
        "Import #{id} undone: {deleted} added records removed, {restored} records restored to their previous state.",
    ),
    # --- reasons a row is rejected ------------------------------------------------------------------------
    "ingest.reason.missing": ("bỏ trống (bắt buộc phải có)", "empty (required)"),
    "ingest.reason.too_long": (
        "quá dài: {n} ký tự, tối đa {max}; hãy rút gọn",
        "too long: {n} characters, at most {max}; shorten it",
    ),
    "ingest.reason.open_quote": (
        "thiếu dấu ngoặc kép đóng: ô này đã nuốt {n} dòng phía sau của tệp; hãy đóng ngoặc kép rồi nhập lại",
        "a quote left open: this cell swallowed the next {n} lines of the file; close the quote and import "
        "again",
    ),
    "ingest.reason.unknown_unit": (
        "không khớp đơn vị nào (theo mã, tên viết tắt, tên đầy đủ hay tên gọi khác); nếu đúng là một đơn vị, "
        "hãy thêm tên gọi này ở thẻ Đơn vị",
        "matches no unit (by code, short name, full name or alias); if it is one, add this name as an alias "
        "on the Units tab",
    ),
    "ingest.reason.outside_replace": (
        "thuộc đơn vị không nằm trong các đơn vị đang được thay dữ liệu",
        "belongs to a unit outside the units being replaced",
    ),
    "ingest.reason.bad_date": (
        "ngày không hợp lệ (dùng ngày/tháng/năm, ví dụ 31/05/2022)",
        "not a valid date (use day/month/year, e.g. 31/05/2022)",
    ),
    "ingest.reason.not_number": (
        "không phải số (ví dụ hợp lệ: 1.250.000.000 hoặc 1,5 tỷ)",
        "not a number (valid examples: 1.250.000.000 or 1,5 tỷ)",
    ),
    "ingest.reason.negative": (
        "là số âm (số trong ngoặc đơn như (50.000.000) là số âm theo cách ghi kế toán)",
        "is negative (an amount in brackets such as (50.000.000) is negative, as accountants write it)",
    ),
    "ingest.reason.too_large": (
        "lớn bất thường (trên 1 triệu tỷ đồng)",
        "abnormally large (over 1 million billion VND)",
    ),
    "ingest.reason.unknown_status": (
        "trạng thái không nhận ra (dùng: Đã đăng ký, Đã công nhận, Đã áp dụng, Không công nhận)",
        "status not recognised (use: Đã đăng ký, Đã công nhận, Đã áp dụng, Không công nhận)",
    ),
    "ingest.reason.unknown_level": (
        "cấp công nhận không nhận ra (dùng: Cơ sở, Ngành, Toàn quốc)",
        "recognition level not recognised (use: Cơ sở, Ngành, Toàn quốc)",
    ),
    "ingest.reason.extra_cells": (
        "dòng có nhiều ô hơn dòng tiêu đề (thường do dấu phân cách nằm trong nội dung mà không có ngoặc kép)",
        "the row has more cells than the header (usually a delimiter inside a cell without quotes)",
    ),
    "ingest.reason.duplicate": (
        "mã trùng với một dòng phía trên trong cùng tệp",
        "the code repeats a row above in the same file",
    ),
    # --- template -----------------------------------------------------------------------------------------
    "ingest.template.title": (
        "Cải tiến quy trình bảo dưỡng máy nén khí",
        "Improved maintenance procedure for gas compressors",
    ),
    "ingest.template.status": ("Đã công nhận", "Recognised"),
    "ingest.template.level": ("Cấp cơ sở", "Unit level"),
    "ingest.template.sheet": ("Sáng kiến", "Initiatives"),
    # --- command line -------------------------------------------------------------------------------------
    "ingest.cli.unit_needs_replace": (
        "--unit chỉ dùng cùng --mode replace.",
        "--unit is only used with --mode replace.",
    ),
    "ingest.cli.no_file": ("Không tìm thấy tệp: {files}", "No such file: {files}"),
    "ingest.cli.error_line": (
        "dòng {row}, cột {column} = “{value}”: {reason}",
        "row {row}, {column} = “{value}”: {reason}",
    ),
    "ingest.cli.more_errors": ("… và {n} lỗi khác (xem --json).", "… and {n} more errors (see --json)."),
    "ingest.cli.bad_map": (
        '--map “{value}”: hãy viết “Tên cột=trường”, ví dụ --map "Số hồ sơ=code".',
        '--map “{value}”: write “Column name=field”, e.g. --map "Số hồ sơ=code".',
    ),
    "ingest.cli.bad_header_row": (
        "--header-row {value}: dòng tiêu đề bắt đầu từ 1.",
        "--header-row {value}: rows count from 1.",
    ),
    "ingest.cli.bad_encoding": (
        "--encoding {value}: không có bảng mã này. Dùng một trong: {known}.",
        "--encoding {value}: no such encoding. Use one of: {known}.",
    ),
    "ingest.map.no_column": (
        "{file}: không có cột “{column}”. Các cột của tệp: {columns} (cũng có thể chỉ cột bằng số thứ tự 1, 2... "
        "hoặc chữ cái A, B...).",
        "{file}: there is no column “{column}”. The file's columns: {columns} (a column may also be named by its "
        "number 1, 2... or its letter A, B...).",
    ),
    "ingest.map.ambiguous_column": (
        "{file}: “{column}” là tên của nhiều cột ({columns}): hãy chỉ cột bằng tên đầy đủ hoặc số thứ tự.",
        "{file}: “{column}” names several columns ({columns}): name the column in full or by its number.",
    ),
    "ingest.map.no_field": (
        "{file}: không có trường “{field}”. Các trường: {fields} (hoặc “bỏ qua” để bỏ cột).",
        "{file}: there is no field “{field}”. The fields: {fields} (or “ignore” to leave the column out).",
    ),
    "ingest.describe.detected": ("Đã nhận ra: {what}", "Detected: {what}"),
    "ingest.describe.encoding": ("bảng mã {encoding}", "encoding {encoding}"),
    "ingest.describe.delimiter": ("dấu phân cách {delimiter}", "delimiter {delimiter}"),
    "ingest.describe.sheet": ("trang tính “{sheet}”", "sheet “{sheet}”"),
    "ingest.describe.sheets": ("các trang tính {sheets}", "sheets {sheets}"),
    "ingest.describe.header_row": ("tiêu đề ở dòng {n} ({rows} dòng)", "header on row {n} ({rows} rows)"),
    "ingest.describe.mapping": ("Ghép cột: {pairs}", "Columns: {pairs}"),
    "ingest.describe.alternatives": (
        "{field}: dùng cột “{used}”; các cột cũng dùng được: {columns} (--benefit-column hoặc --map để đổi)",
        "{field}: column “{used}” is used; columns that could be: {columns} (--benefit-column or --map to switch)",
    ),
    "ingest.describe.legacy": (
        "Cột viết bằng phông cũ, đã chuyển sang Unicode: {columns}",
        "Columns in an old font encoding, converted to Unicode: {columns}",
    ),
    # --- reference tables (targets, units) -----------------------------------------------------------------
    "ingest.ref.unit_missing": ("thiếu đơn vị", "the unit is missing"),
    "ingest.ref.unit_unknown": ("không có đơn vị này", "no such unit"),
    "ingest.ref.phase_unknown": ("không có kỳ này trong chương trình", "not a period of the program"),
    "ingest.ref.not_whole": ("phải là số nguyên không âm", "must be a whole number, 0 or more"),
    "ingest.ref.repeated": (
        "đơn vị này đã có chỉ tiêu giai đoạn {phase} ở dòng trên",
        "this unit already has a phase {phase} target above",
    ),
    "ingest.ref.code_missing": ("thiếu mã đơn vị", "the unit code is missing"),
    "ingest.ref.code_repeated": ("mã đơn vị trùng với dòng {row}", "the unit code repeats row {row}"),
    "ingest.ref.name_missing": ("thiếu tên đơn vị", "the unit name is missing"),
    "ingest.ref.alias_clash": (
        "tên gọi này đã dùng cho đơn vị {unit}",
        "this name already belongs to unit {unit}",
    ),
    "ingest.ref.layout": (
        "Không nhận ra bảng chỉ tiêu: cần cột Đơn vị và hoặc cột Giai đoạn + Chỉ tiêu, hoặc các cột "
        "“Giai đoạn 1”, “Giai đoạn 2”.",
        "Not a targets table: it needs a Unit column and either Phase + Target columns or “Phase 1”, "
        "“Phase 2” columns.",
    ),
    # --- programs (issue 15): which program each record belongs to ---------------------------------------
    "ingest.refuse.program_ambiguous": (
        "{records} hồ sơ có ngày đăng ký nằm trong thời gian của nhiều chương trình cùng lúc ({programs}). Hãy chọn "
        "chương trình cho tệp này (trên trang Dữ liệu, hoặc --program MÃ ở dòng lệnh) rồi kiểm tra lại; chưa "
        "ghi gì.",
        "{records} records have a registration date inside the dates of more than one program ({programs}). Choose "
        "the program for this file (on the Data page, or --program CODE on the command line) and check it "
        "again; nothing was written.",
    ),
    "ingest.refuse.unknown_program": (
        "Không có chương trình mã “{program}”. Các chương trình: {known}.",
        "There is no program with the code “{program}”. The programs: {known}.",
    ),
    "ingest.warn.program_split": (
        "Tệp có hồ sơ của {n} chương trình ({parts}): mỗi hồ sơ được tính vào chương trình có thời gian chứa "
        "ngày đăng ký của nó.",
        "The file holds records of {n} programs ({parts}): each record counts in the program whose dates hold "
        "its registration date.",
    ),
    "ingest.warn.program_outside": (
        "{n} hồ sơ có ngày đăng ký ngoài thời gian của mọi chương trình; chúng được tính vào {programs}.",
        "{n} records have a registration date outside every program's dates; they count in {programs}.",
    ),
    # --- setting up programs and periods (analytics.ingest.setup) ---------------------------------------
    "ingest.ref.name_needed": ("thiếu tên", "the name is missing"),
    "ingest.ref.markup_characters": (
        "không được chứa ký tự định dạng như < > [ ] * _ ` # | $ ~ (trên trang chúng hiện thành định dạng hoặc "
        "liên kết): hãy bỏ chúng đi",
        "may not hold formatting characters such as < > [ ] * _ ` # | $ ~ (they would show as formatting or links "
        "on the pages): remove them",
    ),
    "ingest.ref.old_name_needed": ("đổi tên thì cần tên cũ", "a rename needs the old name"),
    "ingest.ref.program_code": (
        "mã chương trình chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ dmst-dau-khi)",
        "a program code is lower-case letters without accents, digits and hyphens (e.g. dmst-dau-khi)",
    ),
    "ingest.ref.date_bad": ("không phải ngày (dùng dd/mm/yyyy)", "not a date (use dd/mm/yyyy)"),
    "ingest.ref.dates_order": ("ngày kết thúc trước ngày bắt đầu", "the end is before the start"),
    "ingest.ref.date_repeated": ("ngày này đã có ở dòng khác", "this date is on another row already"),
    "ingest.ref.period_outside_program": (
        "kỳ {period} của chương trình nằm ngoài khoảng thời gian này: sửa kỳ đó trước",
        "the program's period {period} falls outside these dates: change that period first",
    ),
    "ingest.ref.period_outside_window": (
        "nằm ngoài thời gian của chương trình ({start} – {end})",
        "outside the program's dates ({start} – {end})",
    ),
    "ingest.ref.period_overlap": ("trùng thời gian với kỳ {period}", "overlaps period {period}"),
    "ingest.ref.change_kind": (
        "loại thay đổi phải là một trong: {kinds}",
        "the kind must be one of: {kinds}",
    ),
    "ingest.ref.successor_unknown": (
        "sáp nhập hoặc chia tách cần mã đơn vị tiếp nhận (một đơn vị khác, đã có)",
        "a merge or split needs the code of the unit taking over (another, existing unit)",
    ),
    "ingest.setup.no_program": ("Chưa có chương trình này.", "There is no such program."),
    "ingest.setup.formula": (
        "{members} đoàn viên × {rate}/100 (kỳ trước {done}) × (1 + {growth}%) = {result}",
        "{members} members × {rate}/100 (last period {done}) × (1 + {growth}%) = {result}",
    ),
    "ingest.setup.formula_no_members": (
        "chưa có số đoàn viên: nhập chỉ tiêu bằng tay",
        "no member count: enter the target by hand",
    ),
}
