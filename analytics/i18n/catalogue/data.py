"""Catalogue area: the Data page, the importer's messages, the import command and the analyst role."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- canonical fields (template headers, mapping choices) --------------------------------------------
    "ingest.field.code": ("Mã sáng kiến", "Initiative code"),
    "ingest.field.title": ("Tên sáng kiến", "Title"),
    "ingest.field.authors": ("Tác giả", "Authors"),
    "ingest.field.coauthors": ("Đồng tác giả", "Co-authors"),
    "ingest.field.author_count": ("Số tác giả", "Number of authors"),
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
        "Không có trang tính tên “{sheet}” trong tệp.",
        "The workbook has no sheet named “{sheet}”.",
    ),
    "ingest.refuse.bad_encoding": (
        "Bảng mã “{encoding}” không được hỗ trợ.",
        "The encoding “{encoding}” is not supported.",
    ),
    "ingest.refuse.header_beyond": (
        "Dòng tiêu đề {row} nằm ngoài phần đầu tệp: hãy chọn một dòng trong 30 dòng đầu.",
        "Header row {row} is past the top of the file: choose a row among the first 30.",
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
    "ingest.refuse.undo_blocked": (
        "Chưa hoàn tác được lần nhập số {id}: các lần nhập sau ({imports}) đã sửa chính những hồ sơ này. "
        "Hãy hoàn tác các lần nhập đó trước (mới nhất trước).",
        "Import #{id} cannot be undone yet: later imports ({imports}) changed the same records. Undo those "
        "first (newest first).",
    ),
    # --- results ------------------------------------------------------------------------------------------
    "ingest.msg.dry_run": (
        "Sẽ thêm mới {inserted}, cập nhật {updated}, giữ nguyên {unchanged}; loại {rejected} dòng lỗi; "
        "bỏ qua {skipped} dòng trống hoặc dòng tổng.",
        "Would insert {inserted}, update {updated}, leave {unchanged} unchanged; {rejected} rows rejected; "
        "{skipped} blank or total rows skipped.",
    ),
    "ingest.msg.done": (
        "Đã thêm mới {inserted}, cập nhật {updated}, giữ nguyên {unchanged}; loại {rejected} dòng lỗi; "
        "bỏ qua {skipped} dòng trống hoặc dòng tổng.",
        "Inserted {inserted}, updated {updated}, {unchanged} unchanged; {rejected} rows rejected; "
        "{skipped} blank or total rows skipped.",
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
    "ingest.undo.done": (
        "Đã hoàn tác lần nhập số {id}: gỡ {deleted} hồ sơ đã thêm, khôi phục {restored} hồ sơ về trạng thái trước.",
        "Import #{id} undone: {deleted} added records removed, {restored} records restored to their previous state.",
    ),
    # --- reasons a row is rejected ------------------------------------------------------------------------
    "ingest.reason.missing": ("bỏ trống (bắt buộc phải có)", "empty (required)"),
    "ingest.reason.too_long": (
        "quá dài (thường do thiếu dấu ngoặc kép đóng ở ô phía trước)",
        "too long (usually a quote left open in an earlier cell)",
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
    "ingest.reason.negative": ("là số âm", "is negative"),
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
    # --- reference tables (targets, units) -----------------------------------------------------------------
    "ingest.ref.unit_missing": ("thiếu đơn vị", "the unit is missing"),
    "ingest.ref.unit_unknown": ("không có đơn vị này", "no such unit"),
    "ingest.ref.phase_unknown": ("không có giai đoạn này", "no such phase"),
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
    # --- the analyst role ----------------------------------------------------------------------------------
    "auth.cli.prompt": ("Mật khẩu vai trò phân tích: ", "Analyst password: "),
    "auth.cli.again": ("Nhập lại mật khẩu: ", "Password again: "),
    "auth.cli.mismatch": ("Hai lần nhập không khớp.", "The two entries differ."),
    "auth.cli.too_short": ("Mật khẩu cần ít nhất {n} ký tự.", "The password needs at least {n} characters."),
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
    "auth.locked": (
        "Sai mật khẩu quá nhiều lần. Thử lại sau {seconds} giây.",
        "Too many wrong passwords. Try again in {seconds} seconds.",
    ),
    "auth.denied": (
        "Không ghi được: thao tác này cần vai trò phân tích.",
        "Nothing was written: this needs the analyst role.",
    ),
    # --- the Data page -------------------------------------------------------------------------------------
    "data.title": ("Dữ liệu", "Data"),
    "data.intro": (
        "Nạp danh sách sáng kiến từ tệp xuất của hệ thống đăng ký, phần mềm của đơn vị hay bảng Excel tự lập: "
        "CSV, TXT hoặc Excel, không cần sửa tệp trước. Mọi lần nhập đều được kiểm tra trước khi ghi, ghi trọn vẹn "
        "hoặc không ghi gì, và hoàn tác được.",
        "Load initiative lists from the registration system's exports, units' software or hand-kept Excel sheets: "
        "CSV, TXT or Excel, with no cleaning beforehand. Every import is checked before anything is written, is "
        "written whole or not at all, and can be undone.",
    ),
    "data.tab.import": ("Nhập dữ liệu", "Import"),
    "data.tab.history": ("Lịch sử nhập", "Import history"),
    "data.tab.targets": ("Chỉ tiêu", "Targets"),
    "data.tab.units": ("Đơn vị", "Units"),
    "data.tab.templates": ("Mẫu tệp và hướng dẫn", "Templates and help"),
    "data.viewer_import": (
        "Nhập dữ liệu cần vai trò phân tích. Bạn vẫn xem được lịch sử nhập, chỉ tiêu, đơn vị và tải mẫu tệp.",
        "Importing needs the analyst role. You can still view the import history, targets and units, and "
        "download the templates.",
    ),
    "data.enc.utf-8": ("UTF-8", "UTF-8"),
    "data.enc.utf-8-sig": ("UTF-8 (có BOM)", "UTF-8 (with BOM)"),
    "data.enc.utf-16-le": ("UTF-16 LE (Unicode Text của Excel)", "UTF-16 LE (Excel's Unicode Text)"),
    "data.enc.utf-16-be": ("UTF-16 BE", "UTF-16 BE"),
    "data.enc.cp1258": ("Windows-1258 (tiếng Việt)", "Windows-1258 (Vietnamese)"),
    "data.enc.cp1252": ("Windows-1252", "Windows-1252"),
    "data.enc.latin-1": ("Latin-1", "Latin-1"),
    "data.delim.comma": ("dấu phẩy ( , )", "comma ( , )"),
    "data.delim.semicolon": ("dấu chấm phẩy ( ; )", "semicolon ( ; )"),
    "data.delim.tab": ("dấu tab", "tab"),
    "data.delim.pipe": ("gạch đứng ( | )", "pipe ( | )"),
    "data.detected": ("Đã nhận ra: {what}", "Detected: {what}"),
    "data.detected.sheet": ("trang tính “{sheet}”", "sheet “{sheet}”"),
    "data.detected.header_row": ("tiêu đề ở dòng {n}", "header on row {n}"),
    "data.detected.columns": ("{n} cột", "{n} columns"),
    "data.adjust": ("Điều chỉnh cách đọc tệp", "Adjust how the file is read"),
    "data.adjust.help": (
        "Ứng dụng tự nhận ra bảng mã, dấu phân cách, trang tính và dòng tiêu đề. Nếu phần xem trước bị lỗi font "
        "hay lệch cột, hãy chọn lại ở đây.",
        "The app detects the encoding, delimiter, sheet and header row itself. If the preview shows garbled "
        "letters or shifted columns, choose again here.",
    ),
    "data.adjust.encoding": ("Bảng mã", "Encoding"),
    "data.adjust.delimiter": ("Dấu phân cách", "Delimiter"),
    "data.adjust.sheet": ("Trang tính", "Sheet"),
    "data.adjust.header_row": ("Dòng tiêu đề", "Header row"),
    "data.adjust.header_row.help": (
        "Số thứ tự của dòng chứa tên cột (các dòng tiêu đề báo cáo phía trên được bỏ qua).",
        "The row holding the column names (report titles above it are left out).",
    ),
    "data.map.title": ("Ghép cột", "Column mapping"),
    "data.map.help": (
        "Mỗi cột của tệp đưa vào trường dữ liệu nào. Cần có ít nhất Mã sáng kiến, Tên sáng kiến, Đơn vị và "
        "Ngày đăng ký; cột “bỏ qua” không được nhập.",
        "Which field each column of the file feeds. Initiative code, Title, Unit and Registered on are needed; "
        "“ignored” columns are not imported.",
    ),
    "data.map.column": ("Cột trong tệp", "Column in the file"),
    "data.map.example": ("Ví dụ", "Example"),
    "data.map.field": ("Trường dữ liệu", "Field"),
    "data.map.ignore": ("— bỏ qua —", "— ignored —"),
    "data.first_rows": ("Xem các dòng đầu của tệp", "First rows of the file"),
    "data.validating": ("Đang kiểm tra {name}…", "Checking {name}…"),
    "data.count.insert": ("Thêm mới", "New"),
    "data.count.insert.help": ("Mã chưa có trong kho: sẽ được thêm.", "Codes not in the store yet: added."),
    "data.count.update": ("Cập nhật", "Updated"),
    "data.count.update.help": (
        "Mã đã có nhưng nội dung khác: được cập nhật, giá trị cũ giữ trong lịch sử để hoàn tác.",
        "Codes already stored with different content: updated, the old values kept in the history for undo.",
    ),
    "data.count.unchanged": ("Giữ nguyên", "Unchanged"),
    "data.count.unchanged.help": (
        "Mã đã có với đúng nội dung này (hoặc được giữ ở chế độ chỉ thêm mới): không ghi gì.",
        "Codes already stored with this very content (or kept in insert-only mode): nothing written.",
    ),
    "data.count.reject": ("Bị loại", "Rejected"),
    "data.count.reject.help": (
        "Dòng có lỗi (thiếu mã, ngày sai, đơn vị lạ…): không nhập; tải danh sách để sửa rồi nhập lại.",
        "Rows with errors (no code, a wrong date, an unknown unit…): not imported; download them to fix and "
        "import again.",
    ),
    "data.count.skip": ("Bỏ qua", "Skipped"),
    "data.count.skip.help": ("Dòng trống và dòng tổng cộng.", "Blank rows and total rows."),
    "data.count.delete": ("Xóa", "Removed"),
    "data.count.delete.help": (
        "Chế độ thay dữ liệu: hồ sơ của các đơn vị được thay mà không còn trong tệp.",
        "Replace mode: records of the replaced units that are no longer in the file.",
    ),
    "data.ignored": ("Các cột không dùng (bỏ qua): {columns}", "Columns not used (ignored): {columns}"),
    "data.replace_scope": (
        "Thay toàn bộ hồ sơ của: {units}. {n} hồ sơ của các đơn vị này không có trong tệp sẽ bị xóa (hoàn tác được).",
        "Replaces every record of: {units}. {n} of their records that are not in the file will be removed "
        "(undoable).",
    ),
    "data.seen_before": (
        "Tệp này đã được nhập trước đây (lần nhập {ids}). Nhập lại sẽ không thay đổi gì nếu dữ liệu chưa đổi.",
        "This file was imported before (import {ids}). Importing it again changes nothing if the data are the same.",
    ),
    "data.rejected": (
        "{n} dòng có lỗi sẽ không được nhập. Các dòng còn lại vẫn nhập bình thường.",
        "{n} rows with errors will not be imported. The other rows are imported as usual.",
    ),
    "data.errors_cut": (
        "Đang hiện {shown} trên {n} lỗi; tệp tải về có đủ.",
        "Showing {shown} of {n} errors; the download has them all.",
    ),
    "data.download_rejects": (
        "Tải các dòng bị loại (CSV, có cột lý do)",
        "Download the rejected rows (CSV, with a reason column)",
    ),
    "data.rejects_file": ("dong-bi-loai", "rejected-rows"),
    "data.upload": ("Chọn hoặc kéo thả tệp (có thể nhiều tệp)", "Choose or drop files (several at once)"),
    "data.upload.help": (
        "Nhận CSV/TXT (UTF-8, UTF-16, Windows-1258; dấu , ; tab |) và Excel (.xlsx, .xls). Tệp chưa được ghi cho "
        "đến khi bạn bấm nút Nhập ở cuối.",
        "Accepts CSV/TXT (UTF-8, UTF-16, Windows-1258; , ; tab |) and Excel (.xlsx, .xls). Nothing is written "
        "until you press Import at the bottom.",
    ),
    "data.mode": ("Cách nhập", "Import mode"),
    "data.mode.upsert": ("Thêm mới và cập nhật", "Insert and update"),
    "data.mode.insert": ("Chỉ thêm mới", "Insert only"),
    "data.mode.replace": ("Thay dữ liệu đơn vị", "Replace units' records"),
    "data.mode.sample": ("Dữ liệu minh họa", "Illustrative data"),
    "data.mode_short.upsert": ("Thêm và cập nhật", "Upsert"),
    "data.mode_short.insert": ("Chỉ thêm mới", "Insert only"),
    "data.mode_short.replace": ("Thay đơn vị", "Replace units"),
    "data.mode_short.sample": ("Minh họa", "Sample"),
    "data.kb": ("{n} KB", "{n} KB"),
    "data.mode.help": (
        "Thêm mới và cập nhật: mã mới được thêm, mã đã có được cập nhật. Chỉ thêm mới: mã đã có giữ nguyên. "
        "Thay dữ liệu đơn vị: hồ sơ của các đơn vị trong tệp (hoặc đơn vị chọn dưới đây) không còn trong tệp sẽ bị xóa.",
        "Insert and update: new codes are added, known codes updated. Insert only: known codes are left as "
        "they are. Replace units' records: records of the units in the file (or chosen below) that are not in "
        "the file are removed.",
    ),
    "data.replace_units": ("Đơn vị được thay", "Units to replace"),
    "data.replace_units.placeholder": ("Để trống: các đơn vị có trong tệp", "Empty: the units in the file"),
    "data.nothing_ready": (
        "Chưa có tệp nào nhập được. Hãy sửa theo thông báo ở trên (ghép cột, cách đọc tệp) hoặc chọn tệp khác.",
        "No file can be imported yet. Follow the messages above (column mapping, how the file is read) or "
        "choose another file.",
    ),
    "data.commit": ("Nhập {n} tệp vào kho ({changes} thay đổi)", "Import {n} file(s) ({changes} changes)"),
    "data.progress.start": ("Bắt đầu nhập…", "Starting…"),
    "data.progress.read": ("Đang đọc {name}…", "Reading {name}…"),
    "data.progress.transcode": ("Đang chuyển bảng mã {name}…", "Converting the encoding of {name}…"),
    "data.progress.validate": ("Đang kiểm tra {name}…", "Checking {name}…"),
    "data.progress.write": ("Đang ghi {name}…", "Writing {name}…"),
    "data.progress.commit": ("Đang hoàn tất {name}…", "Committing {name}…"),
    "data.progress.index": ("Đang cập nhật chỉ số tác giả…", "Updating the author index…"),
    "data.progress.done": ("Xong.", "Done."),
    "data.results.undo_hint": (
        "Nhầm tệp? Vào thẻ Lịch sử nhập để hoàn tác đúng lần nhập đó.",
        "Wrong file? Undo that import on the Import history tab.",
    ),
    "data.results.dismiss": ("Ẩn thông báo", "Dismiss"),
    "data.history.empty": ("Chưa có lần nhập nào.", "No import yet."),
    "data.history.id": ("Lần nhập", "Import"),
    "data.history.when": ("Thời điểm", "When"),
    "data.history.file": ("Tệp", "File"),
    "data.history.by": ("Người nhập", "By"),
    "data.history.mode": ("Cách nhập", "Mode"),
    "data.history.state": ("Trạng thái", "State"),
    "data.history.active": ("Đang áp dụng", "In effect"),
    "data.history.undone": ("Đã hoàn tác {when}", "Undone {when}"),
    "data.undo.title": ("Hoàn tác một lần nhập", "Undo an import"),
    "data.undo.help": (
        "Khôi phục đúng trạng thái trước lần nhập: gỡ hồ sơ nó đã thêm, trả lại giá trị cũ của hồ sơ nó đã sửa, "
        "đưa lại hồ sơ nó đã xóa. Nếu lần nhập sau đã sửa cùng hồ sơ, hãy hoàn tác lần sau trước.",
        "Restores the exact state before the import: removes the records it added, gives back the old values "
        "of records it changed, brings back records it removed. If a later import changed the same records, "
        "undo that one first.",
    ),
    "data.undo.pick": ("Lần nhập", "Import"),
    "data.undo.button": ("Hoàn tác…", "Undo…"),
    "data.undo.confirm_text": (
        "Hoàn tác lần nhập #{id}? Các hồ sơ nó đã thêm, sửa hay xóa sẽ trở về như trước lần nhập.",
        "Undo import #{id}? The records it added, changed or removed return to how they were before it.",
    ),
    "data.undo.confirm": ("Xác nhận hoàn tác", "Confirm undo"),
    "data.undo.cancel": ("Hủy", "Cancel"),
    "data.sample.title": ("Kho đang chứa dữ liệu minh họa", "The store holds illustrative data"),
    "data.sample.help": (
        "{n} hồ sơ minh họa đang có trong kho để ứng dụng có gì hiển thị. Hãy xóa chúng trước khi làm việc với số "
        "liệu thật (có thể xóa trước hoặc sau khi nhập tệp thật; hồ sơ thật không bị ảnh hưởng).",
        "{n} illustrative records are in the store so that the app has something to show. Remove them before "
        "working with real figures (before or after importing real files; real records are not touched).",
    ),
    "data.sample.remove": ("Xóa dữ liệu minh họa…", "Remove the illustrative data…"),
    "data.sample.confirm_text": (
        "Xóa toàn bộ hồ sơ minh họa? Các trang sẽ chỉ còn số liệu thật bạn đã nhập (có thể chưa có gì).",
        "Remove every illustrative record? The pages will show only the real data you imported (maybe none yet).",
    ),
    "data.sample.confirm": ("Xác nhận xóa dữ liệu minh họa", "Confirm removal"),
    "data.templates.intro": (
        "Tệp mẫu có đủ tên cột chuẩn và một dòng ví dụ. Không bắt buộc dùng mẫu: tệp xuất sẵn có của hệ thống "
        "hay của đơn vị cũng nhập được, miễn có các cột bắt buộc (tên cột viết kiểu gì cũng được nhận ra).",
        "The templates have the standard column names and one example row. Using them is optional: existing "
        "exports import as they are, as long as they hold the required columns (however the headers are written).",
    ),
    "data.templates.csv": ("Mẫu CSV", "CSV template"),
    "data.templates.xlsx": ("Mẫu Excel", "Excel template"),
    "data.templates.file": ("mau-danh-sach-sang-kien", "initiatives-template"),
    "data.templates.rules": (
        "- **Ngày**: ngày trước tháng (31/05/2022, 1/6/2022, 31-05-2022, 31.05.2022), dạng 2022-05-31, hoặc ô ngày "
        "của Excel.\n"
        "- **Số tiền**: 1.250.000.000; 1,250,000,000; 1 250 000 000 đ; 1,5 tỷ; 850 triệu. Tiêu đề “(triệu đồng)” "
        "hay “(tỷ đồng)” nhân theo đơn vị đó.\n"
        "- **Đơn vị**: mã, tên viết tắt, tên đầy đủ hay tên gọi khác (thẻ Đơn vị), không phân biệt hoa thường, dấu.\n"
        "- **Trạng thái**: Đã đăng ký, Đã công nhận, Đã áp dụng, Không công nhận (có dấu hay không). Để trống thì "
        "suy ra từ ngày công nhận, ngày áp dụng.\n"
        "- Dòng trống và dòng “Tổng cộng” được bỏ qua; dòng tiêu đề báo cáo phía trên bảng không cần xóa.",
        "- **Dates**: day first (31/05/2022, 1/6/2022, 31-05-2022, 31.05.2022), 2022-05-31, or Excel date cells.\n"
        "- **Amounts**: 1.250.000.000; 1,250,000,000; 1 250 000 000 đ; 1,5 tỷ; 850 triệu. A “(triệu đồng)” or "
        "“(tỷ đồng)” header scales the amounts.\n"
        "- **Units**: code, short name, full name or alias (Units tab), ignoring case and accents.\n"
        "- **Status**: Đã đăng ký, Đã công nhận, Đã áp dụng, Không công nhận (with or without accents). Left empty, "
        "it follows the recognition and application dates.\n"
        "- Blank rows and “Tổng cộng” rows are skipped; report titles above the table need not be deleted.",
    ),
    "data.templates.cli": (
        "Tệp rất lớn (vượt giới hạn tải lên) nạp bằng dòng lệnh trên máy chủ, với cùng cách kiểm tra:",
        "Very large files (above the upload limit) load from the command line on the server, with the same checks:",
    ),
    "data.ref.saved": (
        "Đã lưu: {changed} ô sửa, {added} dòng thêm, {removed} chỉ tiêu xóa. Lịch sử thay đổi được ghi lại.",
        "Saved: {changed} cells changed, {added} rows added, {removed} targets removed. The change history is kept.",
    ),
    "data.ref.issues": ("{n} ô chưa hợp lệ, chưa lưu gì:", "{n} cells are not valid; nothing was saved:"),
    "data.targets.help": (
        "Chỉ tiêu số sáng kiến phải đăng ký của từng đơn vị theo giai đoạn. Sửa trực tiếp trong bảng (để trống = "
        "không giao chỉ tiêu) rồi bấm Lưu; hoặc tải lên tệp chỉ tiêu.",
        "Each unit's target of initiatives to register, per phase. Edit the table (empty = no target) and "
        "press Save; or upload a targets file.",
    ),
    "data.targets.unit": ("Mã đơn vị", "Unit code"),
    "data.targets.name": ("Tên đơn vị", "Unit name"),
    "data.targets.cell_help": (
        "Số nguyên từ 0 trở lên; để trống nếu không giao.",
        "A whole number, 0 or more; empty if none.",
    ),
    "data.targets.totals": ("Tổng chỉ tiêu các đơn vị — {totals}", "Sum of the units' targets — {totals}"),
    "data.targets.save": ("Lưu chỉ tiêu", "Save targets"),
    "data.targets.upload": ("Tải lên tệp chỉ tiêu", "Upload a targets file"),
    "data.targets.upload_help": (
        "CSV hoặc Excel với cột Đơn vị và hoặc cột Giai đoạn + Chỉ tiêu, hoặc các cột Giai đoạn 1, Giai đoạn 2.",
        "CSV or Excel with a Unit column and either Phase + Target columns or Phase 1, Phase 2 columns.",
    ),
    "data.targets.apply": ("Áp dụng {n} chỉ tiêu từ tệp", "Apply {n} targets from the file"),
    "data.units.help": (
        "Tên gọi khác giúp nhận ra đơn vị trong tệp xuất (ví dụ “Đạm Cà Mau” là PVCFC); cách nhau bằng dấu |. "
        "Số đoàn viên dùng cho các chỉ số trên 100 đoàn viên.",
        "Aliases let exports name a unit their own way (e.g. “Đạm Cà Mau” is PVCFC); separate them with |. "
        "Members feed the per-100-members figures.",
    ),
    "data.units.code": ("Mã", "Code"),
    "data.units.name": ("Tên đầy đủ", "Full name"),
    "data.units.short_name": ("Tên viết tắt", "Short name"),
    "data.units.group": ("Khối", "Group"),
    "data.units.members": ("Số đoàn viên", "Members"),
    "data.units.members_help": ("Số nguyên từ 0 trở lên.", "A whole number, 0 or more."),
    "data.units.aliases": ("Tên gọi khác", "Aliases"),
    "data.units.aliases_help": ("Cách nhau bằng dấu |", "Separated by |"),
    "data.units.save": ("Lưu đơn vị", "Save units"),
    "data.units.add": ("Thêm đơn vị mới", "Add a unit"),
    "data.units.add_button": ("Thêm", "Add"),
}
