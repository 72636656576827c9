"""Catalogue area: the Data page."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
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
    "data.tab.backups": ("Sao lưu", "Backups"),
    "data.tab.audit": ("Nhật ký", "Audit log"),
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
    "data.enc.tcvn3": ("TCVN3 (ABC, phông .VnTime)", "TCVN3 (ABC, .VnTime fonts)"),
    "data.enc.vni": ("VNI-Windows (phông VNI-Times)", "VNI-Windows (VNI-Times fonts)"),
    "data.enc.utf-8+tcvn3": (
        "UTF-8, chữ TCVN3 (ABC, phông .VnTime)",
        "UTF-8 holding TCVN3 text (.VnTime fonts)",
    ),
    "data.enc.utf-8+vni": (
        "UTF-8, chữ VNI-Windows (phông VNI-Times)",
        "UTF-8 holding VNI-Windows text (VNI-Times)",
    ),
    "data.enc.layered": ("{base}, chữ {legacy}", "{base} holding {legacy} text"),
    "data.enc.cp1252": ("Windows-1252", "Windows-1252"),
    "data.enc.latin-1": ("Latin-1", "Latin-1"),
    "data.delim.comma": ("dấu phẩy ( , )", "comma ( , )"),
    "data.delim.semicolon": ("dấu chấm phẩy ( ; )", "semicolon ( ; )"),
    "data.delim.tab": ("dấu tab", "tab"),
    "data.delim.pipe": ("gạch đứng ( | )", "pipe ( | )"),
    "data.detected": ("Đã nhận ra: {what}", "Detected: {what}"),
    "data.detected.sheet": ("trang tính “{sheet}”", "sheet “{sheet}”"),
    "data.detected.header_row": ("tiêu đề ở dòng {n}", "header on row {n}"),
    "data.detected.header_rows": ("tiêu đề {rows} dòng từ dòng {n}", "a {rows}-row header from row {n}"),
    "data.detected.numbering": ("(dòng {n} đánh số cột, bỏ qua)", "(row {n} numbers the columns: skipped)"),
    "data.detected.sheets": (
        "{n} trang tính, đơn vị theo tên trang ({sheets})",
        "{n} sheets, the unit from each sheet's name ({sheets})",
    ),
    "data.detected.legacy": (
        "chữ {legacy} ở {n} cột, đã chuyển sang Unicode",
        "{legacy} text in {n} columns, converted to Unicode",
    ),
    "data.detected.date_order.dmy": ("ngày đọc theo ngày/tháng/năm", "dates read day/month/year"),
    "data.detected.date_order.mdy": ("ngày đọc theo tháng/ngày/năm", "dates read month/day/year"),
    "data.adjust.sheet.all": (
        "Mọi trang có bảng (đơn vị theo tên trang)",
        "Every sheet with a table (unit from its name)",
    ),
    "data.adjust.date_order": ("Thứ tự ngày tháng", "Date order"),
    "data.adjust.date_order.auto": ("Tự nhận ra", "Detect"),
    "data.adjust.date_order.dmy": ("Ngày/tháng/năm", "Day/month/year"),
    "data.adjust.date_order.mdy": ("Tháng/ngày/năm", "Month/day/year"),
    "data.adjust.date_order.help": (
        "Mặc định mỗi cột ngày được đọc theo ngày/tháng/năm; một cột chỉ có ngày đọc được theo tháng/ngày/năm "
        "(như 05/25/2022) được đọc như vậy và trang nói rõ. Cột có cả hai cách ghi bị từ chối, kèm các dòng "
        "chứng minh.",
        "Each date column is read day/month/year by default; a column whose dates read only month/day/year "
        "(such as 05/25/2022) is read that way and the page says so. A column written both ways is refused, "
        "with the rows that prove each.",
    ),
    "data.alternative": ("{field} lấy từ cột", "{field} comes from column"),
    "data.alternative.help": (
        "Tệp có nhiều cột cùng cho trường này (ví dụ giá trị làm lợi ước tính và thực tế): chọn cột dùng.",
        "Several columns of the file can supply this field (e.g. estimated and actual benefit): choose one.",
    ),
    "data.sheets.sheet": ("Trang tính", "Sheet"),
    "data.sheets.rows": ("Số dòng", "Rows"),
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
        "Nhận CSV/TXT (UTF-8, UTF-16, Windows-1258, cả chữ gõ bằng phông cũ TCVN3/.VnTime và VNI; dấu , ; tab |) "
        "và Excel (.xlsx, .xls). Tệp chưa được ghi cho đến khi bạn bấm nút Nhập ở cuối.",
        "Accepts CSV/TXT (UTF-8, UTF-16, Windows-1258, and text typed in the old TCVN3/.VnTime and VNI fonts; "
        ", ; tab |) and Excel (.xlsx, .xls). Nothing is written until you press Import at the bottom.",
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
        "Tệp rất lớn (vượt giới hạn tải lên) nạp bằng dòng lệnh trên máy chủ khi bảng điều hành đã dừng (trong lúc "
        "nó chạy, kho dữ liệu do nó giữ), với cùng cách kiểm tra:",
        "Very large files (above the upload limit) load from the command line on the server while the dashboard "
        "is stopped (while it runs, it holds the store), with the same checks:",
    ),
    "data.ref.saved": (
        "Đã lưu: {changed} ô sửa, {added} dòng thêm, {removed} chỉ tiêu xóa. Lịch sử thay đổi được ghi lại.",
        "Saved: {changed} cells changed, {added} rows added, {removed} targets removed. The change history is kept.",
    ),
    "data.ref.issues": ("{n} ô chưa hợp lệ, chưa lưu gì:", "{n} cells are not valid; nothing was saved:"),
    "data.targets.help": (
        "Chỉ tiêu số {noun} phải đăng ký của từng đơn vị theo {period}, chương trình “{program_name}” (chọn "
        "chương trình ở thanh bên). Sửa trực tiếp trong bảng (để trống = "
        "không giao chỉ tiêu) rồi bấm Lưu; hoặc tải lên tệp chỉ tiêu.",
        "Each unit's target of {noun} to register, per {period}, for the “{program_name}” program (chosen in "
        "the sidebar). Edit the table (empty = no target) and "
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
    # --- programs (issue 15) ----------------------------------------------------------------------------
    "data.program_choice": ("Chương trình nhận các hồ sơ này", "The program these records belong to"),
    "data.program_choice.placeholder": ("Chọn chương trình…", "Choose the program…"),
    "data.program_choice.help": (
        "Một số hồ sơ có ngày đăng ký nằm trong thời gian của nhiều chương trình: chọn chương trình nhận chúng. "
        "Các hồ sơ khác vẫn thuộc chương trình có thời gian chứa ngày đăng ký của chúng.",
        "Some records' registration dates fall in the dates of more than one program: choose the one they "
        "belong to. The others still belong to the program whose dates hold their registration date.",
    ),
}
