"""Catalogue area: the Report page, the generated documents and the report command."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- the document: letterhead and title (Nghị định 30/2020/NĐ-CP layout) ------------------------------
    "report.header.parent": ("TỔNG LĐLĐ VIỆT NAM", "VIETNAM GENERAL CONFEDERATION OF LABOUR"),
    "report.header.issuer": ("{union}", "{union}"),
    "report.header.number": ("Số: {number}", "No.: {number}"),
    "report.number.default": (".../BC-CĐDK", ".../BC-CĐDK"),
    "report.header.nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "report.header.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.header.place_date": ("{place}, {date}", "{place}, {date}"),
    "report.place.default": ("Hà Nội", "Hanoi"),
    "report.title": ("BÁO CÁO", "REPORT"),
    "report.subtitle": (
        "Kết quả thực hiện chương trình “{program_name}”",
        "Results of the “{program_name}” program",
    ),
    "report.scope_line": (
        "(Số liệu tính đến ngày {date}; phạm vi: {scope})",
        "(Figures as of {date}; scope: {scope})",
    ),
    "report.scope.all_units": ("{n} công đoàn trực thuộc", "all {n} affiliated unions"),
    "report.scope.unit": ("đơn vị {unit}", "the unit {unit}"),
    "report.scope.units": ("các đơn vị {units}", "the units {units}"),
    "report.scope.units_n": ("{n} đơn vị được chọn", "{n} chosen units"),
    "report.scope.program": ("cả chương trình", "the whole program"),
    "report.scope.phase": ("{phase} ({start} – {end})", "{phase} ({start} – {end})"),
    "report.scope.fields": ("lĩnh vực {items}", "fields {items}"),
    "report.scope.statuses": ("trạng thái {items}", "statuses {items}"),
    "report.scope.dates": ("ngày đăng ký {start} – {end}", "registered {start} – {end}"),
    "report.scope.filtered": ("chỉ tính {items}", "only {items}"),
    "report.note.sample": (
        "Ghi chú: báo cáo được lập từ dữ liệu minh họa của bảng điều hành. Các số tổng hợp khớp với số liệu "
        "{union} đã công bố; từng hồ sơ (tên {noun}, tác giả, ngày, giá trị làm lợi) là "
        "dữ liệu dựng lại để minh họa.",
        "Note: this report was written from the dashboard's illustrative data. The totals match the figures the "
        "{union} published; each record (title, authors, dates, benefit) of the {noun} is invented for "
        "illustration.",
    ),
    "report.note.empty": (
        "Không có dữ liệu: chưa có {noun_one} nào được đăng ký trong phạm vi báo cáo, nên báo cáo chỉ nêu chỉ tiêu.",
        "No data: no {noun_one} has been registered within the report's scope, so the report gives the targets "
        "only.",
    ),
    "report.note.charts_missing": (
        "Ghi chú: tệp này không kèm biểu đồ vì {reason}. Các bảng số liệu vẫn đầy đủ.",
        "Note: this file has no charts because {reason}. The tables are complete.",
    ),
    "report.intro": (
        "Thực hiện Chương trình “{program_name}” của {organizer}, {union} báo cáo kết quả thực hiện tính đến "
        "ngày {date} như sau:",
        "Under {organizer}'s “{program_name}” program, the {union} reports its results as of {date} as follows:",
    ),
    "report.intro_own": (
        "Thực hiện Chương trình “{program_name}”, {union} báo cáo kết quả thực hiện tính đến ngày {date} như sau:",
        "Under the “{program_name}” program, the {union} reports its results as of {date} as follows:",
    ),
    "report.closing": (
        "Trên đây là báo cáo kết quả thực hiện chương trình “{program_name}” của {union} tính đến ngày {date}./.",
        "This concludes the {union}'s report on the “{program_name}” program as of {date}.",
    ),
    "report.recipients.title": ("Nơi nhận:", "Recipients:"),
    "report.recipients": (
        "- Tổng LĐLĐ Việt Nam (để báo cáo);\n- Thường trực {union};\n- Các công đoàn trực thuộc;\n- Lưu: VT.",
        "- Vietnam General Confederation of Labour (for reporting);\n- Standing office of the {union};\n"
        "- Affiliated unions;\n- Filed: Office.",
    ),
    "report.signature": (
        "TM. BAN THƯỜNG VỤ\nCHỦ TỊCH\n(Ký tên, đóng dấu)\n\n\n[Họ và tên]",
        "FOR THE STANDING COMMITTEE\nCHAIR\n(Signature and seal)\n\n\n[Full name]",
    ),
    # --- sections --------------------------------------------------------------------------------------------
    "report.s.general": ("TÌNH HÌNH CHUNG", "GENERAL SITUATION"),
    "report.s.phases": ("KẾT QUẢ THEO {PERIOD}", "RESULTS BY {PERIOD}"),
    "report.s.ranking": ("XẾP HẠNG THEO BA TIÊU CHÍ", "RANKING IN THREE CATEGORIES"),
    "report.s.compare": ("SO SÁNH", "COMPARISON"),
    "report.s.units": ("KẾT QUẢ THEO ĐƠN VỊ", "RESULTS BY UNIT"),
    "report.s.trend": ("TIẾN ĐỘ VÀ DỰ BÁO", "PACE AND FORECAST"),
    "report.s.benefit": ("GIÁ TRỊ LÀM LỢI", "VALUE BENEFITED"),
    "report.s.proposals": ("ĐỀ XUẤT, KIẾN NGHỊ", "PROPOSALS AND RECOMMENDATIONS"),
    "report.no_data_section": (
        "Không có dữ liệu cho phần này trong phạm vi báo cáo.",
        "No data for this part within the report's scope.",
    ),
    "report.general.targets": (
        "Chương trình “{program_name}” của {union} gồm {n} {periods} với tổng chỉ tiêu {target} {noun}: {phases}.",
        "The {union}'s “{program_name}” program runs in {n} {periods} with a total target of {target} {noun}: "
        "{phases}.",
    ),
    "report.general.targets_units": (
        "Chỉ tiêu của các đơn vị trong phạm vi báo cáo là {target} {noun}: {phases}.",
        "The units in the report's scope have a target of {target} {noun}: {phases}.",
    ),
    "report.general.targets_one_unit": (
        "Chỉ tiêu của {unit} là {target} {noun}: {phases}.",
        "{unit}'s target is {target} {noun}: {phases}.",
    ),
    "report.general.target_one": ("Chỉ tiêu {phases}.", "Target for {phases}."),
    "report.general.phase_target": (
        "{phase} ({start} – {end}) {target} {noun}",
        "{phase} ({start} – {end}) {target} {noun}",
    ),
    "report.general.program_early": (
        "Tính đến ngày {date}, toàn chương trình ghi nhận {registered} {noun}, bằng {pct} {target_name} "
        "({target}); {authors} tác giả tham gia, giá trị làm lợi {benefit}.",
        "As of {date}, the program recorded {registered} {noun}, {pct} of {target_name} ({target}); "
        "{authors} authors took part, benefiting {benefit}.",
    ),
    "report.general.one_phase": (
        "Tính đến ngày {date}, {phase} ghi nhận {registered} {noun}, đạt {pct} chỉ tiêu ({target}); "
        "{authors} tác giả tham gia, giá trị làm lợi {benefit}; {met}/{total} đơn vị hoàn thành chỉ tiêu.",
        "As of {date}, {phase} recorded {registered} {noun}, {pct} of its target ({target}); {authors} "
        "authors took part, benefiting {benefit}; {met} of {total} units met their target.",
    ),
    "report.general.participation": (
        "{units}/{total} đơn vị có {noun} đăng ký, bình quân {per100} {noun} trên 100 đoàn viên; "
        "{recognized} số {noun} đã đăng ký đã được công nhận và {applied} đã được áp dụng.",
        "{units} of {total} units registered {noun}, {per100} {noun} per 100 eligible members; {recognized} of "
        "the registered {noun} have been recognised and {applied} applied.",
    ),
    "report.general.no_data": (
        "Tính đến ngày {date}, chưa có {noun_one} nào được đăng ký trong phạm vi báo cáo: không có dữ liệu "
        "để tổng hợp kết quả.",
        "As of {date}, no {noun_one} has been registered within the report's scope: there are no data to "
        "report results from.",
    ),
    "report.units.lead": (
        "Kết quả {scope} theo đơn vị ({n} đơn vị):",
        "Results for {scope} by unit ({n} units):",
    ),
    "report.units.tier_line": ("{tier} ({n} đơn vị): {units}.", "{tier} ({n} units): {units}."),
    "report.trend.ahead": (
        "Tính đến ngày {date}, số {noun} lũy kế là {registered}, cao hơn {n} {noun} so với lộ trình chỉ "
        "tiêu ({path} {noun} nếu đăng ký đều từ đầu mỗi {period} đến chỉ tiêu cuối {period}).",
        "As of {date}, {registered} {noun} had been registered, {n} {noun} ahead of the target path ({path} {noun} if "
        "registrations ran evenly from each {period}'s start to its target at the {period} end).",
    ),
    "report.trend.behind": (
        "Tính đến ngày {date}, số {noun} lũy kế là {registered}, thấp hơn {n} {noun} so với lộ trình chỉ "
        "tiêu ({path} {noun} nếu đăng ký đều từ đầu mỗi {period} đến chỉ tiêu cuối {period}).",
        "As of {date}, {registered} {noun} had been registered, {n} {noun} behind the target path ({path} {noun} if "
        "registrations ran evenly from each {period}'s start to its target at the {period} end).",
    ),
    "report.trend.campaign": (
        "Trong {name} ({start} – {end}) ghi nhận {n} {noun}, bằng {share} tổng số {noun} đăng ký đến "
        "ngày {date}.",
        "During {name} ({start} – {end}), {n} {noun} were registered, {share} of all {noun} registered up to "
        "{date}.",
    ),
    "report.trend.recent": (
        "{phase} đang thực hiện đến ngày {end}; bình quân 8 tuần gần nhất đăng ký {recent} {noun}/tuần",
        "{phase} runs until {end}; over the last 8 weeks {recent} {noun} were registered per week",
    ),
    "report.trend.needed": (
        "để hoàn thành chỉ tiêu ({target}) cần {needed} {noun}/tuần",
        "meeting its target ({target}) needs {needed} {noun} per week",
    ),
    "report.trend.projection": (
        "Nếu giữ nhịp độ này, đến ngày {end} {phase} dự kiến đạt {projected} {noun}, bằng {pct} chỉ tiêu "
        "(đánh giá: {state}).",
        "At this pace, {phase} is projected to reach {projected} {noun} by {end}, {pct} of its target "
        "(assessment: {state}).",
    ),
    "report.trend.units": (
        "Theo nhịp độ 8 tuần gần nhất, trong {phase} có {done} đơn vị đã hoàn thành chỉ tiêu, {on_track} đơn vị "
        "đúng tiến độ, {at_risk} đơn vị có nguy cơ chậm và {behind} đơn vị chậm tiến độ.",
        "At the last 8 weeks' pace, in {phase} {done} units have met their target, {on_track} are on track, "
        "{at_risk} are at risk and {behind} are behind.",
    ),
    "report.trend.units_at_risk": (
        "Có nguy cơ chậm (dự báo tỷ lệ đạt cuối {period}): {units}.",
        "At risk (projected % of target at the {period} end): {units}.",
    ),
    "report.trend.units_behind": (
        "Chậm tiến độ (dự báo tỷ lệ đạt cuối {period}): {units}.",
        "Behind (projected % of target at the {period} end): {units}.",
    ),
    "report.trend.milestone": (
        "Mốc phấn đấu tiếp theo là {target} {noun} lũy kế đến ngày {date} ({label}); còn cần {gap} {noun}.",
        "The next milestone is {target} {noun} in total by {date} ({label}); {gap} {noun} still to go.",
    ),
    "report.trend.milestone_passed": (
        "Mốc phấn đấu tiếp theo, {target} {noun} lũy kế đến ngày {date} ({label}), đã đạt.",
        "The next milestone, {target} {noun} in total by {date} ({label}), has already been reached.",
    ),
    "report.over_amount": ("trên {rounded} ({exact})", "over {rounded} ({exact})"),
    "report.benefit.total": (
        "Giá trị làm lợi của các {noun} đã đăng ký đạt {amount}, bình quân {per_member} trên mỗi đoàn viên.",
        "The registered {noun} benefited {amount}, {per_member} per eligible member.",
    ),
    "report.benefit.top_units": (
        "Các đơn vị có giá trị làm lợi lớn nhất: {items}.",
        "The units with the largest value benefited: {items}.",
    ),
    "report.benefit.top_field": (
        "Lĩnh vực mang lại giá trị làm lợi lớn nhất là {field} ({value}, chiếm {share}).",
        "The field bringing the most is {field} ({value}, {share} of the total).",
    ),
    "report.benefit.spread": (
        "10% {noun} có giá trị lớn nhất mang lại {top10} tổng giá trị làm lợi; giá trị làm lợi trung vị "
        "mỗi {noun} là {median}.",
        "The top 10% of {noun} bring {top10} of the value benefited; the median benefit among the {noun} is {median}.",
    ),
    "report.benefit.remuneration": (
        "Thù lao tối thiểu cho tác giả các {noun} đã áp dụng, ước tính theo Nghị định 13/2012/NĐ-CP (ít "
        "nhất 7% giá trị làm lợi mỗi năm, trong 3 năm đầu áp dụng): {per_year} mỗi năm, {three} trong 3 năm.",
        "Minimum remuneration owed to the authors of applied {noun}, estimated under Decree "
        "13/2012/ND-CP (at least 7% of each year's benefit for the first 3 years): {per_year} a year, "
        "{three} over 3 years.",
    ),
    "report.proposals.hint": (
        "[Phần do người lập báo cáo viết: các đề xuất, kiến nghị với Tổng Liên đoàn, Tập đoàn và các đơn vị, "
        "rút ra từ kết quả trên. Bảng điều hành không tự viết phần này.]",
        "[For the author to write: proposals and recommendations to the Confederation, the group and the units, "
        "drawn from the results above. The dashboard does not write this part.]",
    ),
    "report.proposals.blank": (
        "……………………………………………………………………………………",
        "……………………………………………………………………………………",
    ),
    # --- tables ---------------------------------------------------------------------------------------------
    "report.table.phases": ("Kết quả đăng ký {noun} theo {period}", "Registered {noun} by {period}"),
    "report.table.ranking": ("Xếp hạng theo ba tiêu chí ({scope})", "Ranking in three categories ({scope})"),
    "report.table.compare": ("So sánh cùng kỳ ({scope})", "Against the same point before ({scope})"),
    "report.table.units": ("Kết quả các đơn vị ({scope})", "Units' results ({scope})"),
    "report.table.fields": ("Giá trị làm lợi theo lĩnh vực", "Value benefited by field"),
    "report.table.caption": ("Bảng {n}. {caption}", "Table {n}. {caption}"),
    "report.col.period": ("Thời gian", "Period"),
    "report.col.units_met": ("Đơn vị hoàn thành", "Units met"),
    "report.col.benefit_bn": ("Làm lợi (tỷ đồng)", "Benefit (VND bn)"),
    "report.col.share": ("Tỷ trọng", "Share"),
    "report.col.start": ("Bắt đầu", "Start"),
    "report.col.end": ("Kết thúc", "End"),
    "report.fact.as_of": ("Số liệu tính đến ngày", "Figures as of"),
    "report.fact.units_registered": ("Đơn vị có đăng ký", "Units with registrations"),
    "report.fact.units_total": ("Tổng số đơn vị", "Units in scope"),
    "report.fact.scope": ("Phạm vi", "Scope"),
    # --- charts in documents ------------------------------------------------------------------------------
    "report.charts.no_browser": (
        "máy chủ không có trình duyệt Chromium hoặc Chrome để vẽ biểu đồ (cài gói chromium của Debian, hoặc "
        "đặt biến môi trường BROWSER_PATH trỏ tới trình duyệt)",
        "the server has no Chromium or Chrome browser to draw the charts with (install Debian's chromium "
        "package, or point the BROWSER_PATH environment variable at a browser)",
    ),
    "report.charts.failed": (
        "vẽ biểu đồ bằng trình duyệt không thành công ({detail})",
        "drawing the charts in the browser failed ({detail})",
    ),
    "report.charts.off": (
        "biểu đồ đã được tắt (SANGKIEN_REPORT_CHARTS=0)",
        "charts were switched off (SANGKIEN_REPORT_CHARTS=0)",
    ),
    # --- workbook -------------------------------------------------------------------------------------------
    "report.sheet.summary": ("Tổng hợp", "Summary"),
    "report.sheet.phases": ("{Period}", "{Period}"),
    "report.sheet.units": ("Đơn vị", "Units"),
    "report.sheet.records": ("Hồ sơ", "Records"),
    "report.xlsx.figures": ("Số liệu chính", "Key figures"),
    "report.xlsx.text": ("Nội dung báo cáo", "Report text"),
    "report.xlsx.chart.phases": ("Chỉ tiêu và kết quả theo {period}", "Target and registered by {period}"),
    "report.xlsx.chart.units": ("Tỷ lệ đạt chỉ tiêu theo đơn vị ({scope})", "% of target by unit ({scope})"),
    "report.xlsx.records_capped": (
        "Chỉ ghi {n} hồ sơ đầu tiên (giới hạn của một trang tính); xuất đầy đủ ở trang Tra cứu hồ sơ.",
        "Only the first {n} records are written (one sheet's limit); export them all from Records.",
    ),
    # --- the Report page ------------------------------------------------------------------------------------
    "report.page.title": ("Báo cáo kết quả chương trình", "Program report"),
    "report.page.intro": (
        "Báo cáo họp Ban chỉ đạo, viết từ chính số liệu của bảng điều hành: chọn phạm vi và ngày số liệu, xem "
        "trước bên dưới, rồi tải về bản Word (để sửa, ký và ban hành), PDF hoặc Excel.",
        "The steering-committee report, written from the dashboard's own figures: choose the scope and the "
        "as-of day, read the preview below, then download Word (to edit, sign and file), PDF or Excel.",
    ),
    "report.page.scope": ("Phạm vi báo cáo", "Report scope"),
    "report.page.phase": ("{Period}", "{Period}"),
    "report.page.phase.all": ("Cả chương trình", "Whole program"),
    "report.page.units": ("Đơn vị", "Units"),
    "report.page.units.placeholder": ("Tất cả đơn vị", "All units"),
    "report.page.as_of": ("Số liệu tính đến ngày", "Figures as of"),
    "report.page.as_of.help": (
        "Chỉ tính các {noun} đăng ký đến hết ngày này (mặc định: theo bộ lọc bên trái, hoặc hồ sơ mới nhất).",
        "Only {noun} registered up to and including this day (default: the sidebar's, or the newest record).",
    ),
    "report.page.document": ("Ngày ký, địa danh, số văn bản", "Date, place and number of the document"),
    "report.page.issued_on": ("Ngày ký báo cáo", "Date of the report"),
    "report.page.place": ("Địa danh", "Place"),
    "report.page.number": ("Số, ký hiệu", "Reference number"),
    "report.page.filters_note": (
        "Báo cáo còn theo các bộ lọc khác đang chọn bên trái: {filters}.",
        "The report also follows the other sidebar filters: {filters}.",
    ),
    "report.page.downloads": ("Tải báo cáo", "Download the report"),
    "report.page.docx": ("Word (.docx)", "Word (.docx)"),
    "report.page.pdf": ("PDF", "PDF"),
    "report.page.xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "report.page.docx.help": (
        "Văn bản hành chính theo thể thức, Times New Roman 13, có bảng và biểu đồ; sửa phần Đề xuất, kiến "
        "nghị rồi ký ban hành.",
        "An administrative document (Times New Roman 13) with tables and charts; write the proposals, then sign.",
    ),
    "report.page.pdf.help": (
        "Cùng nội dung, khổ A4, để gửi hoặc in.",
        "The same content on A4, to send or print.",
    ),
    "report.page.xlsx.help": (
        "Các trang Tổng hợp, {Period}, Đơn vị, Hồ sơ với biểu đồ Excel sửa được.",
        "Summary, {Period}, Units and Records sheets, with editable Excel charts.",
    ),
    "report.page.preparing": ("Đang lập báo cáo…", "Writing the report…"),
    "report.page.preview": ("Xem trước", "Preview"),
    "report.page.charts_note": (
        "Biểu đồ trong tệp tải về được vẽ bằng trình duyệt Chromium trên máy chủ (mất vài giây khi bấm tải).",
        "Charts in the downloads are drawn by the server's Chromium browser (a few seconds when you click).",
    ),
    "report.page.no_browser": (
        "Tệp tải về sẽ không có biểu đồ: {reason}. Các bảng số liệu vẫn đầy đủ.",
        "The downloads will have no charts: {reason}. The tables are complete.",
    ),
    "report.file": ("bao-cao-sang-kien", "initiatives-report"),
    # --- command line ------------------------------------------------------------------------------------------
    "report.cli.done": ("Đã ghi báo cáo {format} vào {path}.", "Wrote the {format} report to {path}."),
    "report.cli.charts_missing": (
        "Báo cáo không có biểu đồ: {reason}.",
        "The report has no charts: {reason}.",
    ),
    "report.cli.unknown_unit": (
        "Không có đơn vị mã {codes} trong kho. Các mã có: {known}.",
        "No unit with code {codes} in the store. Known codes: {known}.",
    ),
    "report.cli.unknown_phase": (
        "Không có {period} {phase} trong chương trình “{program_name}”. Các {periods} có: {known}.",
        "No {period} {phase} in the “{program_name}” program. Its {periods}: {known}.",
    ),
    "report.cli.unknown_program": (
        "Không có chương trình mã “{program}” trong kho. Các chương trình: {known}.",
        "No program with the code “{program}” in the store. The programs: {known}.",
    ),
    "report.cli.no_folder": (
        "Không có thư mục {path} để ghi báo cáo.",
        "There is no folder {path} to write the report in.",
    ),
    "report.cli.cannot_write": ("Không ghi được tệp {path}: {detail}", "Could not write {path}: {detail}"),
    # --- comparisons (issue 15) ------------------------------------------------------------------------------
    "report.compare.period": (
        "{current} đến ngày {day} ghi nhận {now} {noun}; cùng kỳ {previous} (đến ngày {previous_day}) là "
        "{before}: {change}.",
        "{current} up to {day} recorded {now} {noun}; at the same point of {previous} (to {previous_day}) "
        "{before}: {change}.",
    ),
    "report.compare.up": ("tăng {n} ({pct})", "up {n} ({pct})"),
    "report.compare.down": ("giảm {n} ({pct})", "down {n} ({pct})"),
    "report.compare.same": ("bằng cùng kỳ", "the same"),
    "report.compare.program": (
        "Sau {share} thời gian của chương trình (đến ngày {day}) đã ghi nhận {registered} {noun}, đạt {pct} "
        "chỉ tiêu; chương trình “{other}” sau cùng tỷ lệ thời gian (đến ngày {other_day}) ghi nhận "
        "{other_registered} {other_noun}, đạt {other_pct} chỉ tiêu của nó.",
        "After {share} of the program's time (to {day}), {registered} {noun} had been registered, {pct} of "
        "target; after the same share of its time (to {other_day}) the “{other}” program had "
        "{other_registered} {other_noun}, {other_pct} of its own target.",
    ),
}
