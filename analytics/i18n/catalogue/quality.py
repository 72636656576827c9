"""Catalogue area: the Quality and pipeline page, the Overview's headlines, the import check and the report's
quality section (the figures' own texts, metric.quality_*, are in the metrics area with every metric.*)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "quality.title": ("Chất lượng & tiến trình: đằng sau con số", "Quality and pipeline: behind the count"),
    "quality.sample_note": (
        "Dữ liệu minh họa: một số hồ sơ trùng lặp, nhân rộng và giá trị làm lợi bất thường được cài sẵn để minh "
        "họa cách trang này hoạt động.",
        "Illustrative data: some duplicate records, spreads and implausible benefits were planted to show how "
        "this page works.",
    ),
    "quality.tab.funnel": ("Tiến trình công nhận", "Recognition funnel"),
    "quality.tab.freshness": ("Cập nhật của đơn vị", "Units' updating"),
    "quality.tab.duplicates": ("Trùng lặp", "Duplicates"),
    "quality.tab.benefit": ("Giá trị bất thường", "Implausible benefits"),
    # --- funnel ---
    "quality.backlog_days": ("Tồn đọng: chờ công nhận quá (ngày)", "Backlog: waiting longer than (days)"),
    "quality.silent_days": ("Chưa cập nhật quá (ngày)", "Silent for more than (days)"),
    "quality.funnel.heading": ("Đăng ký → công nhận → áp dụng", "Registered → recognised → applied"),
    "quality.funnel.levels": ("Đã công nhận theo cấp", "Recognised by level"),
    "quality.funnel.by_period": ("Theo {period}", "By {period}"),
    "quality.funnel.by_unit": ("Theo đơn vị (nhiều tồn đọng nhất trước)", "By unit (largest backlog first)"),
    "quality.link": ("Xem hồ sơ", "See the records"),
    "quality.links": (
        "Hồ sơ đứng sau mỗi con số: [đã đăng ký]({registered}) · [đã công nhận]({recognized}) · "
        "[đã áp dụng]({applied}) · [tồn đọng]({backlog})",
        "The records behind each number: [registered]({registered}) · [recognised]({recognized}) · "
        "[applied]({applied}) · [backlog]({backlog})",
    ),
    "quality.levels_note": (
        "Trang Tra cứu hồ sơ chưa lọc theo cấp công nhận: liên kết mở các hồ sơ đã công nhận, cột “Cấp” cho biết cấp.",
        "The Records page has no level filter: the link opens the recognised records; their “Level” column says which.",
    ),
    "quality.col.unit": ("Đơn vị", "Unit"),
    "quality.col.period": ("Kỳ", "Period"),
    "quality.col.records": ("Hồ sơ", "Records"),
    "quality.col.oldest": ("Chờ lâu nhất từ", "Waiting since"),
    "quality.col.newest": ("Hồ sơ mới nhất", "Newest record"),
    "quality.col.last_import": ("Lần nạp gần nhất", "Last import"),
    "quality.col.silent": ("Chưa cập nhật", "Silent"),
    "quality.col.link": ("Danh sách", "List"),
    # the funnel's tables on a phone: four columns that fit 390 px, the full names in the header's tooltip
    "quality.col.registered_short": ("Đăng ký", "Registered"),
    "quality.col.recognized_short": ("Công nhận", "Recognised"),
    "quality.col.backlog_short": ("Tồn đọng", "Backlog"),
    "quality.col.code": ("Mã hồ sơ", "Code"),
    "quality.col.code_a": ("Hồ sơ A", "Record A"),
    "quality.col.code_b": ("Hồ sơ B", "Record B"),
    "quality.col.title_a": ("Tên A", "Title A"),
    "quality.col.title_b": ("Tên B", "Title B"),
    "quality.col.unit_a": ("Đơn vị A", "Unit A"),
    "quality.col.unit_b": ("Đơn vị B", "Unit B"),
    "quality.col.reasons": ("Lý do", "Reasons"),
    "quality.col.mark": ("Đánh dấu", "Mark"),
    "quality.col.marked_by": ("Người đánh dấu", "Marked by"),
    "quality.col.marked_at": ("Lúc", "When"),
    "quality.col.title": ("Tên", "Title"),
    "quality.col.basis": ("Xác nhận", "Basis"),
    "quality.col.with_benefit": ("Hồ sơ có giá trị", "Records with a value"),
    "quality.yes": ("có", "yes"),
    "quality.never": ("chưa có", "none"),
    # --- freshness ---
    "quality.fresh.heading": (
        "{n} đơn vị chưa cập nhật {days} ngày (tính đến {day})",
        "{n} units silent for {days} days (as of {day})",
    ),
    "quality.fresh.none": (
        "Mọi đơn vị đều có hồ sơ trong {days} ngày qua (tính đến {day}).",
        "Every unit has a record in the last {days} days (as of {day}).",
    ),
    # --- duplicates ---
    "quality.dup.heading": (
        "{n} cặp hồ sơ có thể là cùng một {noun_one}, chờ xem xét ({scanned} hồ sơ đã quét)",
        "{n} pairs of records that may be the same {noun_one}, to review ({scanned} records scanned)",
    ),
    "quality.dup.min": ("Độ giống tối thiểu", "Minimum similarity"),
    "quality.dup.scope": ("Phạm vi", "Where"),
    "quality.dup.pick": ("Chọn một cặp để đánh dấu", "Pick a pair to mark"),
    "quality.dup.viewer": (
        "Cán bộ phân tích (đăng nhập ở trang Dữ liệu) đánh dấu các cặp; người xem chỉ xem.",
        "Analysts (signed in on the Data page) mark the pairs; viewers only see them.",
    ),
    "quality.dup.mark.same": ("Cùng một {noun_one}", "Same {noun_one}"),
    "quality.dup.mark.spread": ("Nhân rộng sang đơn vị khác", "Spread to another unit"),
    "quality.dup.mark.different": ("Khác nhau", "Different"),
    "quality.dup.marked": ("Đã đánh dấu “{mark}”: {a} – {b}.", "Marked “{mark}”: {a} – {b}."),
    "quality.dup.undo": ("Hoàn tác", "Undo"),
    "quality.dup.undone": ("Đã hoàn tác đánh dấu {a} – {b}.", "Mark of {a} – {b} undone."),
    "quality.dup.same_heading": ("Cùng một {noun_one} (tính một lần)", "Same {noun_one} (counted once)"),
    "quality.dup.spread_heading": ("Nhân rộng (tính ở cả hai đơn vị)", "Spread (counted in both units)"),
    "quality.dup.count_change": (
        "Tính một lần: {registered} → {counted} ({n} hồ sơ đăng ký sau không tính lại), giảm ở: {units}.",
        "Counted once: {registered} → {counted} ({n} later records not counted again), lower in: {units}.",
    ),
    "quality.dup.spread_note": (
        "{n} {noun} được nhân rộng, ở đơn vị nhận: {units}.",
        "{n} {noun} spread, in the receiving units: {units}.",
    ),
    "quality.dup.none": ("Không có cặp nào chờ xem xét.", "No pair to review."),
    "quality.dup.marks_kept": (
        "Đánh dấu lưu theo mã hồ sơ (ai, lúc nào), có thể hoàn tác, và được áp dụng lại sau khi nạp lại tệp.",
        "Marks are kept by record code (who, when), can be undone, and apply again after a re-import.",
    ),
    "quality.scope.same_unit": ("trong một đơn vị", "within a unit"),
    "quality.scope.other_unit": ("giữa hai đơn vị", "across units"),
    "quality.scope.other_program": ("giữa hai chương trình", "across programs"),
    "quality.reason.same_title": ("cùng tên", "same title"),
    "quality.reason.similar_title": ("tên gần giống", "similar title"),
    "quality.reason.same_authors": ("cùng tác giả", "same authors"),
    "quality.reason.shared_authors": ("chung tác giả", "shared authors"),
    "quality.reason.same_field": ("cùng lĩnh vực", "same field"),
    "quality.reason.same_unit": ("cùng đơn vị", "same unit"),
    "quality.reason.other_unit": ("khác đơn vị", "other unit"),
    "quality.reason.other_program": ("khác chương trình", "other program"),
    # --- implausible benefits ---
    "quality.benefit.heading": (
        "{n} hồ sơ có giá trị làm lợi vượt xa lịch sử của đơn vị hoặc lĩnh vực",
        "{n} records whose benefit is far outside their unit's or field's history",
    ),
    "quality.benefit.rules": ("Quy tắc", "Rules"),
    "quality.benefit.mark_pick": ("Chọn hồ sơ để xác nhận", "Pick a record to mark"),
    "quality.benefit.mark": ("Giá trị làm lợi", "Benefit"),
    "quality.benefit.save": ("Lưu", "Save"),
    "quality.benefit.saved": ("Đã lưu: {code} – {basis}.", "Saved: {code} – {basis}."),
    # --- a mark refused when written: the data changed since the page showed it (analytics.quality.MarkRefused)
    "quality.refused.gone": (
        "Chưa đánh dấu: cặp {a} – {b} không còn, vì hồ sơ {missing} không còn trong dữ liệu (một phiên khác vừa "
        "nhập tệp hoặc hoàn tác một lần nhập). Không cặp nào được đánh dấu; danh sách đã được cập nhật, hãy xem lại.",
        "Not marked: the pair {a} – {b} is gone, since record {missing} is no longer in the data (another session "
        "has just imported or undone an import). No pair was marked; the list is up to date, review it again.",
    ),
    "quality.refused.marked": (
        "Chưa đánh dấu: cặp {a} – {b} vừa được {by} đánh dấu “{mark}” trong một phiên khác. Danh sách đã được "
        "cập nhật; muốn đổi, hãy hoàn tác đánh dấu đó rồi đánh dấu lại.",
        "Not marked: the pair {a} – {b} has just been marked “{mark}” by {by} in another session. The list is up "
        "to date; to change it, undo that mark, then mark the pair again.",
    ),
    "quality.refused.undone": (
        "Chưa đánh dấu: đánh dấu của cặp {a} – {b} vừa được hoàn tác trong một phiên khác. Danh sách đã được "
        "cập nhật, hãy xem lại.",
        "Not marked: the mark of the pair {a} – {b} has just been undone in another session. The list is up to "
        "date, review it again.",
    ),
    "quality.refused.unmarked": (
        "Chưa hoàn tác: đánh dấu của cặp {a} – {b} vừa được hoàn tác trong một phiên khác. Danh sách đã được "
        "cập nhật.",
        "Not undone: the mark of the pair {a} – {b} has just been undone in another session. The list is up to "
        "date.",
    ),
    "quality.refused.remarked": (
        "Chưa hoàn tác: cặp {a} – {b} vừa được {by} đánh dấu lại “{mark}” trong một phiên khác. Danh sách đã "
        "được cập nhật, hãy xem lại trước khi hoàn tác.",
        "Not undone: the pair {a} – {b} has just been marked again “{mark}” by {by} in another session. The list "
        "is up to date, review it before undoing.",
    ),
    "quality.refused.record_gone": (
        "Chưa lưu: hồ sơ {code} không còn trong dữ liệu (một phiên khác vừa nhập tệp hoặc hoàn tác một lần "
        "nhập). Không hồ sơ nào được đánh dấu; danh sách đã được cập nhật, hãy xem lại.",
        "Not saved: record {code} is no longer in the data (another session has just imported or undone an "
        "import). No record was marked; the list is up to date, review it again.",
    ),
    "quality.benefit.top_heading": (
        "Phần giá trị làm lợi do 1% hồ sơ lớn nhất của đơn vị mang lại",
        "Share of a unit's benefit brought by its top 1% of records",
    ),
    "quality.basis.council": ("Hội đồng đã xác nhận", "Confirmed by the council"),
    "quality.basis.self": ("Đơn vị tự khai", "Self-declared"),
    "quality.basis.none": ("Chưa đánh dấu (tự khai)", "Not marked (self-declared)"),
    "quality.rule.over_unit_p99": ("> 10 × P99 của đơn vị", "> 10 × the unit's P99"),
    "quality.rule.over_unit_p99.help": (
        "Giá trị làm lợi lớn hơn 10 lần phân vị 99 của các hồ sơ có giá trị khác của cùng đơn vị (cả kho, mọi "
        "chương trình, không kể hồ sơ lớn nhất của đơn vị; cần ít nhất 30 hồ sơ).",
        "A benefit above 10 times the 99th percentile of the unit's other records with a benefit (the whole "
        "store, every program, the unit's largest record left out; at least 30 records).",
    ),
    "quality.rule.over_field_p99": ("> 10 × P99 của lĩnh vực", "> 10 × the field's P99"),
    "quality.rule.over_field_p99.help": (
        "Giá trị làm lợi lớn hơn 10 lần phân vị 99 của các hồ sơ có giá trị khác cùng lĩnh vực (cả kho, không "
        "kể hồ sơ lớn nhất của lĩnh vực; cần ít nhất 30 hồ sơ).",
        "A benefit above 10 times the 99th percentile of the other records with a benefit in the same field "
        "(the whole store, the field's largest record left out; at least 30 records).",
    ),
    "quality.rule.over_prev_year": ("> cả năm trước của đơn vị", "> the unit's whole previous year"),
    "quality.rule.over_prev_year.help": (
        "Một hồ sơ có giá trị làm lợi lớn hơn tổng giá trị làm lợi của cả đơn vị trong năm dương lịch trước năm "
        "đăng ký (năm trước cần ít nhất 10 hồ sơ có giá trị).",
        "One record's benefit above the unit's whole benefit of the calendar year before its registration "
        "(that year needs at least 10 records with a benefit).",
    ),
    "quality.rule.before_applied": ("Khai khi chưa áp dụng", "Claimed before applied"),
    "quality.rule.before_applied.help": (
        "Hồ sơ ghi giá trị làm lợi nhưng chưa áp dụng (không có ngày áp dụng, hoặc ngày áp dụng sau ngày tính "
        "số liệu): giá trị mới là ước tính.",
        "A record with a benefit that was not applied (no application date, or one after the as-of day): the "
        "value can only be an estimate.",
    ),
    "quality.rule.top_share": ("1% lớn nhất > 50%", "Top 1% > 50%"),
    "quality.rule.top_share.help": (
        "Đơn vị có 1% hồ sơ lớn nhất (ít nhất 1 hồ sơ) mang lại hơn 50% tổng giá trị làm lợi của đơn vị.",
        "A unit whose top 1% of records (at least one) bring more than 50% of its whole benefit.",
    ),
    # --- Overview headline ---
    "quality.headline": (
        "Chất lượng số liệu: **{silent} đơn vị chưa cập nhật {silent_days} ngày** · {backlog} hồ sơ chờ công "
        "nhận quá {backlog_days} ngày · {pairs} cặp có thể trùng · {implausible} giá trị làm lợi bất thường · "
        "[xem chi tiết](quality{query})",
        "Data quality: **{silent} units silent for {silent_days} days** · {backlog} records waiting over "
        "{backlog_days} days for recognition · {pairs} possible duplicate pairs · {implausible} implausible "
        "benefits · [details](quality{query})",
    ),
    # --- CLI ---
    "quality.cli.pairs": (
        "{n} cặp (độ giống ≥ {min}), {scanned} hồ sơ đã quét.",
        "{n} pairs (similarity ≥ {min}), {scanned} records scanned.",
    ),
    "quality.cli.pairs_limited": (
        "{n} cặp tốt nhất trong {total} cặp (độ giống ≥ {min}), {scanned} hồ sơ đã quét.",
        "The best {n} of {total} pairs (similarity ≥ {min}), {scanned} records scanned.",
    ),
    "quality.cli.bad_limit": (
        "--limit phải là số nguyên từ 0 trở lên (ví dụ 500), không phải “{value}”.",
        "--limit must be a whole number, 0 or more (e.g. 500), not “{value}”.",
    ),
    "quality.cli.bad_similarity": (
        "--min-similarity phải là số từ 0 đến 1 (ví dụ 0.8), không phải “{value}”.",
        "--min-similarity must be a number from 0 to 1 (e.g. 0.8), not “{value}”.",
    ),
    # --- report ---
    "quality.import.duplicates": (
        "{n} hồ sơ mới có thể trùng với hồ sơ đã có (cùng tên sau khi chuẩn hóa, hoặc gần giống): xem và "
        "đánh dấu ở [Chất lượng & tiến trình → Trùng lặp]({link}).",
        "{n} of the new records are probably the same initiative as a record already there (the same title "
        "once normalised, or nearly): review and mark them in [Quality and pipeline → Duplicates]({link}).",
    ),
    "quality.import.duplicates_cli": (
        "{n} hồ sơ mới có thể trùng với hồ sơ đã có (xem: python -m analytics duplicates)",
        "{n} of the new records are probably duplicates of records already there (see: python -m analytics "
        "duplicates)",
    ),
    "quality.report.heading": ("Chất lượng số liệu", "Data quality"),
    "quality.report.funnel": (
        "Đã công nhận {recognized} trên {registered} {noun} ({rate}); {backlog} hồ sơ chờ công nhận quá "
        "{backlog_days} ngày.",
        "{recognized} of {registered} {noun} recognised ({rate}); {backlog} records waiting over "
        "{backlog_days} days for recognition.",
    ),
    "quality.report.silent": (
        "{n} đơn vị chưa cập nhật {days} ngày: {units}.",
        "{n} units silent for {days} days: {units}.",
    ),
    "quality.report.duplicates": (
        "{pairs} cặp hồ sơ có thể trùng chờ xem xét; {not_counted} hồ sơ đã được xác định trùng và tính một lần.",
        "{pairs} possible duplicate pairs to review; {not_counted} records found to be duplicates and counted "
        "once.",
    ),
    "quality.report.benefit": (
        "Giá trị làm lợi hội đồng đã xác nhận: {council}; đơn vị tự khai: {self}; {implausible} hồ sơ có giá "
        "trị bất thường cần kiểm tra.",
        "Benefit confirmed by the council: {council}; self-declared: {self}; {implausible} records with an "
        "implausible benefit to check.",
    ),
}
