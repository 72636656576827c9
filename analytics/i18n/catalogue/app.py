"""Catalogue area: the app, navigation, notices and store messages."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- app and navigation -------------------------------------------------------------------------------
    "app.title": (
        "1 triệu sáng kiến – Công đoàn Dầu khí Việt Nam",
        "1 Million Initiatives – Petrovietnam Trade Union",
    ),
    "app.short_title": ("Sáng kiến Dầu khí", "PV initiatives"),
    "app.org": ("Công đoàn Dầu khí Việt Nam", "Petrovietnam Trade Union"),
    "app.program": ('Chương trình "1 triệu sáng kiến"', 'The "1 million initiatives" program'),
    "nav.overview": ("Tổng quan", "Overview"),
    "nav.units": ("Đơn vị", "Units"),
    "nav.trends": ("Xu hướng", "Trends"),
    "nav.benefit": ("Hiệu quả", "Benefit"),
    "nav.explorer": ("Tra cứu hồ sơ", "Records"),
    "nav.data": ("Dữ liệu", "Data"),
    "nav.report": ("Báo cáo", "Report"),
    "nav.section.analysis": ("Phân tích", "Analysis"),
    "nav.section.manage": ("Quản lý", "Manage"),
    "lang.label": ("Ngôn ngữ", "Language"),
    "as_of.caption": ("Số liệu tính đến ngày {date}", "Figures as of {date}"),
    "as_of.caption_filtered": (
        "Số liệu tính đến ngày {date} · đang lọc: {filters}",
        "Figures as of {date} · filtered by: {filters}",
    ),
    "sample.banner": (
        "**Dữ liệu minh họa.** Các con số tổng hợp khớp với số liệu Công đoàn Dầu khí Việt Nam đã công bố, "
        "nhưng từng hồ sơ (tên sáng kiến, tác giả, ngày, giá trị làm lợi) là dữ liệu dựng lại để minh họa. "
        "Để dùng số liệu thật: vào trang **Dữ liệu**, tải lên tệp xuất CSV hoặc Excel, rồi xóa dữ liệu minh họa.",
        "**Illustrative data.** The totals match the figures the Petrovietnam Trade Union published, but each "
        "record (title, authors, dates, benefit) is invented for illustration. To use real data: open **Data**, "
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
    # --- filters ------------------------------------------------------------------------------------------
    "filter.header": ("Bộ lọc", "Filters"),
    "filter.phase": ("Giai đoạn", "Phase"),
    "filter.phase.all": ("Tất cả", "All"),
    "filter.phase.n": ("GĐ {n}", "Phase {n}"),
    "filter.as_of.latest": ("Để trống: số liệu mới nhất ({date})", "Empty: latest figures ({date})"),
    "filter.phase.help": (
        "Chỉ tính các sáng kiến đăng ký trong giai đoạn đã chọn, so với chỉ tiêu của giai đoạn đó.",
        "Counts only initiatives registered in the chosen phase, against that phase's target.",
    ),
    "filter.units": ("Đơn vị", "Units"),
    "filter.units.placeholder": ("Tất cả đơn vị", "All units"),
    "filter.units.help": (
        "Chọn một hay nhiều đơn vị; chỉ tiêu khi đó là tổng chỉ tiêu của các đơn vị đã chọn.",
        "Pick one or more units; the target is then the sum of their targets.",
    ),
    "filter.groups": ("Khối", "Groups"),
    "filter.groups.placeholder": ("Tất cả các khối", "All groups"),
    "filter.groups.help": (
        "Chọn cả khối đơn vị (ví dụ Điện, Khí); cộng thêm vào các đơn vị đã chọn.",
        "Pick whole groups (e.g. Power, Gas); added to the units picked.",
    ),
    "filter.fields": ("Lĩnh vực", "Field"),
    "filter.fields.placeholder": ("Tất cả lĩnh vực", "All fields"),
    "filter.statuses": ("Trạng thái", "Status"),
    "filter.statuses.placeholder": ("Mọi trạng thái", "Any status"),
    "filter.dates": ("Đăng ký trong khoảng", "Registered between"),
    "filter.date_from": ("Từ ngày", "From"),
    "filter.date_to": ("Đến ngày", "To"),
    "filter.as_of": ("Tính đến ngày", "As of"),
    "filter.as_of.help": (
        "Xem chương trình như tại ngày này: chỉ tính hồ sơ đăng ký đến hết ngày đó. Để trống là ngày mới nhất.",
        "See the program as it stood on this day: only records registered up to and including it. Empty means latest.",
    ),
    "filter.more": ("Lọc thêm", "More filters"),
    "filter.reset": ("Đặt lại bộ lọc", "Reset filters"),
    "filter.share": (
        "Liên kết trên thanh địa chỉ giữ nguyên bộ lọc: sao chép để chia sẻ đúng góc nhìn này.",
        "The address bar link keeps these filters: copy it to share exactly this view.",
    ),
    "filter.summary.phase": ("giai đoạn {n}", "phase {n}"),
    "filter.summary.units": ("{n} đơn vị", "{n} units"),
    "filter.summary.fields": ("{n} lĩnh vực", "{n} fields"),
    "filter.summary.statuses": ("{n} trạng thái", "{n} statuses"),
    "filter.summary.dates": ("ngày đăng ký {start}–{end}", "registered {start}–{end}"),
    # --- metrics: label and definition (hover) ------------------------------------------------------------
    "metric.registered": ("Đã đăng ký", "Registered"),
    "metric.registered.help": (
        "Số sáng kiến đã đăng ký trên hệ thống (mỗi mã hồ sơ tính một lần), có ngày đăng ký đến hết ngày "
        '"tính đến" và khớp bộ lọc. Mọi trạng thái đều được tính, kể cả hồ sơ chưa được công nhận.',
        "Initiatives registered on the system (each record code once), registered up to and including the "
        "as-of day and matching the filters. Every status counts, including records not yet recognised.",
    ),
    "metric.target": ("Chỉ tiêu", "Target"),
    "metric.target.help": (
        "Số sáng kiến phải đăng ký. Toàn chương trình: chỉ tiêu giai đoạn do Công đoàn giao (cộng các giai đoạn "
        "đang xem). Khi lọc theo đơn vị: tổng chỉ tiêu của các đơn vị đã chọn.",
        "Initiatives to be registered. Whole program: the phase targets set by the union (summed over the phases "
        "in view). When units are filtered: the sum of those units' targets.",
    ),
    "metric.pct": ("Tỷ lệ đạt", "% of target"),
    "metric.pct.help": (
        "Đã đăng ký ÷ chỉ tiêu × 100, làm tròn xuống 0,1 (nên 100% luôn có nghĩa là đã hoàn thành). "
        "Không có chỉ tiêu thì không tính tỷ lệ.",
        "Registered ÷ target × 100, rounded down to 0.1 (so 100% always means met). No target, no percentage.",
    ),
    "metric.gap": ("Còn thiếu", "Still to go"),
    "metric.gap.help": (
        "Chỉ tiêu − đã đăng ký, khi chưa đạt; bằng 0 khi đã hoàn thành.",
        "Target − registered while short of it; 0 once met.",
    ),
    "metric.surplus": ("Vượt chỉ tiêu", "Above target"),
    "metric.surplus.help": (
        "Đã đăng ký − chỉ tiêu, khi đã vượt; bằng 0 khi chưa đạt.",
        "Registered − target once above it; 0 while short.",
    ),
    "metric.benefit_vnd": ("Giá trị làm lợi", "Value benefited"),
    "metric.benefit_vnd.help": (
        "Tổng giá trị làm lợi (tiền làm lợi) ghi trong hồ sơ các sáng kiến khớp bộ lọc, theo đồng; hồ sơ "
        "không ghi giá trị được tính là 0.",
        "Sum of the value benefited recorded on the matching initiatives, in VND; records without a value count as 0.",
    ),
    "metric.authors": ("Tác giả", "Authors"),
    "metric.authors.help": (
        "Số người khác nhau đứng tên tác giả hoặc đồng tác giả. Cùng họ tên trong cùng đơn vị tính là một "
        "người; cùng họ tên ở hai đơn vị tính là hai người.",
        "Distinct people named as author or co-author. The same name in one unit is one person; the same name in "
        "two units is two people.",
    ),
    "metric.units_met": ("Đơn vị hoàn thành", "Units that met target"),
    "metric.units_met.help": (
        "Số đơn vị có số đăng ký đạt từ 100% chỉ tiêu của mình trở lên (trên tổng số đơn vị đang xem).",
        "Units whose registrations reached 100% or more of their own target (out of the units in view).",
    ),
    "metric.per_100_members": ("Sáng kiến / 100 đoàn viên", "Initiatives per 100 members"),
    "metric.per_100_members.help": (
        "Đã đăng ký × 100 ÷ số đoàn viên trong diện tham gia của đơn vị.",
        "Registered × 100 ÷ the unit's eligible members.",
    ),
    "metric.authors_per_100": ("Tác giả / 100 đoàn viên", "Authors per 100 members"),
    "metric.authors_per_100.help": (
        "Tỷ lệ tham gia: số tác giả × 100 ÷ số đoàn viên trong diện tham gia.",
        "Participation rate: authors × 100 ÷ eligible members.",
    ),
    "metric.benefit_per_member": ("Làm lợi / đoàn viên", "Benefit per member"),
    "metric.benefit_per_member.help": (
        "Giá trị làm lợi ÷ số đoàn viên trong diện tham gia.",
        "Value benefited ÷ eligible members.",
    ),
    "metric.rank": ("Hạng", "Rank"),
    "metric.rank.help": (
        "Thứ hạng theo tỷ lệ đạt chỉ tiêu, rồi theo số đã đăng ký (1 là cao nhất).",
        "Rank by % of target, then by registered (1 is best).",
    ),
    "metric.rank_change": ("Thay đổi hạng GĐ1→GĐ2", "Rank change P1→P2"),
    "metric.rank_change.help": (
        "Hạng giai đoạn 1 − hạng giai đoạn 2: số dương là tăng hạng.",
        "Phase-1 rank − phase-2 rank: positive means moved up.",
    ),
    "metric.tier": ("Mức hoàn thành", "Tier"),
    "metric.tier.help": (
        "Hoàn thành: từ 100% chỉ tiêu; Trên 50%: từ 50% đến dưới 100%; Dưới 50%: có đăng ký nhưng dưới 50%; "
        "Chưa có: chưa đăng ký sáng kiến nào. Đơn vị không được giao chỉ tiêu mà có đăng ký được xem là hoàn thành.",
        "Met: 100% of target or more; Over half: 50% to under 100%; Under half: something registered but under 50%; "
        "None: nothing registered. A unit with no target that registered something counts as met.",
    ),
    "metric.weekly_recent": ("Tốc độ gần đây (/tuần)", "Recent rate (/week)"),
    "metric.weekly_recent.help": (
        "Số đăng ký bình quân mỗi tuần trong 8 tuần gần nhất (tính đến ngày đang xem).",
        "Average registrations per week over the last 8 weeks up to the as-of day.",
    ),
    "metric.weekly_needed": ("Cần mỗi tuần", "Needed per week"),
    "metric.weekly_needed.help": (
        "Số còn thiếu ÷ số tuần còn lại đến hết giai đoạn.",
        "Still to go ÷ weeks left until the phase ends.",
    ),
    "metric.projected": ("Dự báo cuối giai đoạn", "Projected at phase end"),
    "metric.projected.help": (
        "Đã đăng ký + tốc độ 8 tuần gần nhất × số tuần còn lại: nếu giữ nhịp hiện tại thì cuối giai đoạn đạt bao nhiêu.",
        "Registered + the last 8 weeks' rate × weeks left: where the current pace leads by the phase end.",
    ),
    "metric.projected_pct": ("Dự báo tỷ lệ đạt", "Projected % of target"),
    "metric.projected_pct.help": (
        "Dự báo cuối giai đoạn ÷ chỉ tiêu × 100.",
        "Projected at phase end ÷ target × 100.",
    ),
    "metric.campaign_registered": ("Đăng ký trong chiến dịch", "Registered in the campaign"),
    "metric.campaign_registered.help": (
        "Số sáng kiến đăng ký trong thời gian chiến dịch (đến ngày đang xem), tỷ lệ trên tổng số đã đăng ký đến "
        "cuối chiến dịch, và nhịp đăng ký mỗi ngày trong chiến dịch so với nhịp mỗi ngày trước chiến dịch.",
        "Initiatives registered during the campaign (up to the as-of day), their share of all registered by its "
        "end, and the daily rate during the campaign against the daily rate before it.",
    ),
    "metric.recognition_days": ("Thời gian đến khi công nhận (ngày)", "Days to recognition"),
    "metric.recognition_days.help": (
        "Số ngày từ ngày đăng ký đến ngày công nhận, với các hồ sơ đã được công nhận; trung vị và bách phân vị 90.",
        "Days from registration to recognition for recognised records; median and 90th percentile.",
    ),
    "metric.min_remuneration": (
        "Thù lao tối thiểu cho tác giả (ước tính)",
        "Minimum author remuneration (estimate)",
    ),
    "metric.min_remuneration.help": (
        "Ước tính theo Nghị định 13/2012/NĐ-CP: ít nhất 7% giá trị làm lợi mỗi năm, trong 3 năm đầu áp dụng. "
        "Chỉ tính các sáng kiến đã áp dụng, giả định giá trị ghi trong hồ sơ là của một năm.",
        "Estimate under Decree 13/2012/ND-CP: at least 7% of each year's benefit for the first 3 years of "
        "application. Applied initiatives only; assumes the recorded value is one year's.",
    ),
    "metric.reward_vnd": ("Tiền thưởng", "Reward"),
    "metric.reward_vnd.help": (
        "Tổng tiền thưởng ghi trong hồ sơ.",
        "Sum of the rewards recorded on the records.",
    ),
    "metric.applied_rate": ("Tỷ lệ đã áp dụng", "Applied rate"),
    "metric.applied_rate.help": (
        "Số sáng kiến đã áp dụng ÷ đã đăng ký × 100.",
        "Applied ÷ registered × 100.",
    ),
    "metric.recognized_rate": ("Tỷ lệ được công nhận", "Recognition rate"),
    "metric.recognized_rate.help": (
        "Số sáng kiến đã được công nhận (kể cả đã áp dụng) ÷ đã đăng ký × 100.",
        "Recognised (including applied) ÷ registered × 100.",
    ),
    # --- value labels -------------------------------------------------------------------------------------
    "tier.met": ("Hoàn thành", "Met"),
    "tier.over_half": ("Trên 50%", "Over half"),
    "tier.under_half": ("Dưới 50%", "Under half"),
    "tier.none": ("Chưa đăng ký", "None registered"),
    "tier.met.long": ("Hoàn thành, vượt chỉ tiêu", "Met or exceeded the target"),
    "tier.over_half.long": ("Đạt trên 50% chỉ tiêu", "Above half of the target"),
    "tier.under_half.long": ("Đạt dưới 50% chỉ tiêu", "Below half of the target"),
    "tier.none.long": ("Chưa đăng ký sáng kiến nào", "Nothing registered yet"),
    "status.registered": ("Đã đăng ký, chờ công nhận", "Registered, awaiting recognition"),
    "status.recognized": ("Đã được công nhận", "Recognised"),
    "status.applied": ("Đã áp dụng", "Applied"),
    "status.not_recognized": ("Không được công nhận", "Not recognised"),
    "level.unit": ("Cấp cơ sở", "Unit level"),
    "level.sector": ("Cấp ngành", "Sector level"),
    "level.national": ("Toàn quốc", "National"),
    "pace.done": ("Đã hoàn thành", "Target met"),
    "pace.on_track": ("Đúng tiến độ", "On track"),
    "pace.at_risk": ("Có nguy cơ chậm", "At risk"),
    "pace.behind": ("Chậm tiến độ", "Behind"),
    "pace.ended": ("Đã kết thúc, chưa đạt", "Ended short"),
    "field.Kỹ thuật – Công nghệ": ("Kỹ thuật – Công nghệ", "Engineering & technology"),
    "field.Sản xuất – Vận hành": ("Sản xuất – Vận hành", "Production & operations"),
    "field.An toàn – Môi trường": ("An toàn – Môi trường", "Safety & environment"),
    "field.Tiết kiệm năng lượng": ("Tiết kiệm năng lượng", "Energy saving"),
    "field.Quản lý – Quản trị": ("Quản lý – Quản trị", "Management & administration"),
    "field.Chuyển đổi số": ("Chuyển đổi số", "Digital transformation"),
    "field.Kinh doanh – Thị trường": ("Kinh doanh – Thị trường", "Sales & markets"),
    "field.Đào tạo – Nghiên cứu": ("Đào tạo – Nghiên cứu", "Training & research"),
    "field.none": ("(Không ghi lĩnh vực)", "(No field given)"),
    "group.Lọc hóa dầu": ("Lọc hóa dầu", "Refining & petrochemicals"),
    "group.Khoa học – Đào tạo": ("Khoa học – Đào tạo", "Science & training"),
    "group.Phân bón – Hóa chất": ("Phân bón – Hóa chất", "Fertilisers & chemicals"),
    "group.Khí": ("Khí", "Gas"),
    "group.Điện": ("Điện", "Power"),
    "group.Thương mại – Phân phối": ("Thương mại – Phân phối", "Trading & distribution"),
    "group.Thăm dò – Khai thác": ("Thăm dò – Khai thác", "Exploration & production"),
    "group.Dịch vụ kỹ thuật": ("Dịch vụ kỹ thuật", "Technical services"),
    "group.Cơ quan": ("Cơ quan", "Head office & media"),
    "group.none": ("(Chưa xếp khối)", "(No group)"),
    "word.phase": ("Giai đoạn", "Phase"),
    "word.program": ("Cả chương trình", "Whole program"),
    "word.unit": ("Đơn vị", "Unit"),
    "word.units": ("đơn vị", "units"),
    "word.initiatives": ("sáng kiến", "initiatives"),
    "word.and": ("và", "and"),
    "word.none": ("không có", "none"),
    # --- overview -----------------------------------------------------------------------------------------
    "overview.title": ("Tổng quan “1 triệu sáng kiến”", "“1 million initiatives”: overview"),
    "overview.program_card": ("Cả chương trình ({start} – {end})", "Whole program ({start} – {end})"),
    "overview.phase_card": ("{name} ({start} – {end})", "{name} ({start} – {end})"),
    "overview.phase_name": ("Giai đoạn {n}", "Phase {n}"),
    "overview.surplus_delta": ("vượt {n}", "+{n}"),
    "overview.gap_delta": ("thiếu {n}", "−{n}"),
    "overview.units_met_value": ("{met}/{total}", "{met}/{total}"),
    "overview.chart_title": (
        "Kết quả đăng ký so với chỉ tiêu: {verdict}",
        "Registrations against target: {verdict}",
    ),
    "overview.verdict.all_met": ("mọi giai đoạn đều vượt chỉ tiêu", "every phase above target"),
    "overview.verdict.some": ("{met}/{total} giai đoạn đạt chỉ tiêu", "{met} of {total} phases met"),
    "overview.summary": ("Tóm tắt", "Summary"),
    "overview.tiers": ("Kết quả các đơn vị", "Units' results"),
    "overview.tiers.caption": (
        "Xếp theo mức hoàn thành chỉ tiêu của từng đơn vị ({scope}).",
        "Grouped by how far each unit is past its own target ({scope}).",
    ),
    "overview.tier_scope": ("Phạm vi", "Scope"),
    "overview.more_units": ("Xem xếp hạng chi tiết ở trang Đơn vị", "See the detailed ranking on Units"),
    "overview.target_mark": ("Chỉ tiêu", "Target"),
    "overview.registered_bar": ("Đã đăng ký", "Registered"),
    "overview.units_count": ("{n} đơn vị", "{n} units"),
    "overview.benefit_billions": ("Làm lợi (tỷ đồng)", "Benefit (VND bn)"),
    # --- narrative (issue 2: the summary paragraph) -------------------------------------------------------
    "narr.phase_result": (
        "{phase} ghi nhận {registered} sáng kiến, đạt {pct} chỉ tiêu ({target})",
        "{phase} recorded {registered} initiatives, {pct} of its target ({target})",
    ),
    "narr.phase_result_no_target": (
        "{phase} ghi nhận {registered} sáng kiến",
        "{phase} recorded {registered} initiatives",
    ),
    "narr.phase_running": (
        "{phase} (đang thực hiện, đến {date}) ghi nhận {registered} sáng kiến, đạt {pct} chỉ tiêu ({target})",
        "{phase} (running, to {date}) recorded {registered} initiatives, {pct} of its target ({target})",
    ),
    "narr.met_list": (
        "các đơn vị hoàn thành vượt mức chỉ tiêu gồm {units}",
        "the units that exceeded their target were {units}",
    ),
    "narr.met_one": (
        "đơn vị hoàn thành vượt mức chỉ tiêu là {units}",
        "the unit that exceeded its target was {units}",
    ),
    "narr.met_none": ("chưa có đơn vị nào hoàn thành chỉ tiêu", "no unit has met its target yet"),
    "narr.over_half_list": (
        "các đơn vị đạt trên 50% chỉ tiêu gồm {units}",
        "the units above half of their target were {units}",
    ),
    "narr.over_half_one": (
        "đơn vị đạt trên 50% chỉ tiêu là {units}",
        "the unit above half of its target was {units}",
    ),
    "narr.rest_under_half": ("{n} đơn vị còn lại đạt dưới 50%", "the other {n} units were below half"),
    "narr.rest_under_half_one": ("1 đơn vị còn lại đạt dưới 50%", "the one other unit was below half"),
    "narr.rest_none_one": ("1 đơn vị chưa đăng ký sáng kiến nào", "1 unit has registered nothing yet"),
    "narr.next_phase": (
        "{phase} ({start} – {end}) cần đăng ký {target} sáng kiến.",
        "{phase} ({start} – {end}) needs {target} initiatives registered.",
    ),
    "narr.rest_none": ("{n} đơn vị chưa đăng ký sáng kiến nào", "{n} units have registered nothing yet"),
    "narr.program": (
        "Tính đến ngày {date}, toàn chương trình ghi nhận {registered} sáng kiến, đạt {pct} chỉ tiêu hai giai đoạn ({target}); "
        "{authors} tác giả tham gia, giá trị làm lợi {benefit}; {met}/{total} đơn vị hoàn thành chỉ tiêu.",
        "As of {date}, the program recorded {registered} initiatives, {pct} of the two-phase target ({target}); "
        "{authors} authors took part, benefiting {benefit}; {met} of {total} units met their target.",
    ),
    "narr.campaign": (
        "Trong {name} ({start} – {end}): {n} sáng kiến, {share} số đăng ký đến {date}, nhịp đăng ký gấp {lift} lần trước chiến dịch.",
        "In the {name} ({start} – {end}): {n} initiatives, {share} of all registered by {date}, at {lift} times the earlier daily rate.",
    ),
    "narr.remaining": (
        "Còn {gap} sáng kiến nữa để hoàn thành chỉ tiêu {phase} ({target}) trước ngày {end}.",
        "{gap} more initiatives are needed to meet the {phase} target ({target}) by {end}.",
    ),
    "narr.remaining_program": (
        "Để hoàn thành chỉ tiêu cả chương trình ({target}) còn cần {gap} sáng kiến.",
        "{gap} more initiatives are needed to meet the program target ({target}).",
    ),
    # --- command line -------------------------------------------------------------------------------------
    "cli.summary.title": ("Tổng hợp chương trình, tính đến ngày {date}", "Program summary as of {date}"),
    "cli.summary.program": ("Cả chương trình", "Whole program"),
    "cli.summary.units_header": ("Các đơn vị", "Units"),
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
