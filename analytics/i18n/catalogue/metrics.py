"""Catalogue area: each metric's label (`metric.<key>`) and definition shown on hover (`metric.<key>.help`)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- metrics: label and definition (hover) ------------------------------------------------------------
    "metric.registered": ("Đã đăng ký", "Registered"),
    "metric.registered.help": (
        "Số {noun} đã đăng ký trên hệ thống (mỗi mã hồ sơ tính một lần), có ngày đăng ký đến hết ngày "
        '"tính đến" và khớp bộ lọc. Mọi trạng thái đều được tính, kể cả hồ sơ chưa được công nhận.',
        "The {noun} registered on the system (each record code once), registered up to and including the "
        "as-of day and matching the filters. Every status counts, including records not yet recognised.",
    ),
    "metric.target": ("Chỉ tiêu", "Target"),
    "metric.target.help": (
        "Số {noun} phải đăng ký. Toàn chương trình: chỉ tiêu riêng của chương trình nếu có, nếu không thì cộng "
        "chỉ tiêu các {period} do Công đoàn giao (chỉ tiêu một {period} không ghi thì là tổng chỉ tiêu các đơn "
        "vị). Khi lọc theo đơn vị: tổng chỉ tiêu của các đơn vị đã chọn.",
        "The {noun} to be registered. Whole program: its own target when it has one, else the sum of the {period} "
        "targets set by the union (a {period} without one: its units' targets summed). When units are filtered: "
        "the sum of those units' targets.",
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
        "Tổng giá trị làm lợi (tiền làm lợi) ghi trong hồ sơ các {noun} khớp bộ lọc, theo đồng; hồ sơ "
        "không ghi giá trị được tính là 0.",
        "Sum of the value benefited recorded on the matching {noun}, in VND; records without a value count as 0.",
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
    "metric.per_100_members": ("{Noun} / 100 đoàn viên", "{Noun} per 100 members"),
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
    "metric.rank_change": ("Thay đổi hạng", "Rank change"),
    "metric.rank_change.help": (
        "Hạng ở {period} trước − hạng ở {period} đang xem (giai đoạn 1 → giai đoạn 2; năm trước → năm nay): số "
        "dương là tăng hạng.",
        "Rank in the {period} before − rank in the {period} in view (phase 1 → phase 2; last year → this year): "
        "positive means moved up.",
    ),
    "metric.tier": ("Mức hoàn thành", "Tier"),
    "metric.tier.help": (
        "Hoàn thành: từ 100% chỉ tiêu; Trên 50%: từ 50% đến dưới 100%; Dưới 50%: có đăng ký nhưng dưới 50%; "
        "Chưa có: chưa đăng ký {noun} nào. Đơn vị không được giao chỉ tiêu mà có đăng ký được xem là hoàn thành.",
        "Met: 100% of target or more; Over half: 50% to under 100%; Under half: something registered but under 50%; "
        "None: no {noun} registered. A unit with no target that registered something counts as met.",
    ),
    "metric.weekly_recent": ("Tốc độ gần đây (/tuần)", "Recent rate (/week)"),
    "metric.weekly_recent.help": (
        "Số đăng ký bình quân mỗi tuần trong 8 tuần gần nhất (tính đến ngày đang xem).",
        "Average registrations per week over the last 8 weeks up to the as-of day.",
    ),
    "metric.weekly_needed": ("Cần mỗi tuần", "Needed per week"),
    "metric.weekly_needed.help": (
        "Số còn thiếu ÷ số tuần còn lại đến hết {period}.",
        "Still to go ÷ weeks left until the {period} ends.",
    ),
    "metric.projected": ("Dự báo cuối {period}", "Projected at {period} end"),
    "metric.projected.help": (
        "Đã đăng ký + tốc độ 8 tuần gần nhất × số tuần còn lại: nếu giữ nhịp hiện tại thì cuối {period} đạt bao nhiêu.",
        "Registered + the last 8 weeks' rate × weeks left: where the current pace leads by the {period} end.",
    ),
    "metric.projected_pct": ("Dự báo tỷ lệ đạt", "Projected % of target"),
    "metric.projected_pct.help": (
        "Dự báo cuối {period} ÷ chỉ tiêu × 100.",
        "Projected at {period} end ÷ target × 100.",
    ),
    "metric.campaign_registered": ("Đăng ký trong chiến dịch", "Registered in the campaign"),
    "metric.campaign_registered.help": (
        "Số {noun} đăng ký trong thời gian chiến dịch (đến ngày đang xem), tỷ lệ trên tổng số đã đăng ký đến "
        "cuối chiến dịch, và nhịp đăng ký mỗi ngày trong chiến dịch so với nhịp mỗi ngày trước chiến dịch.",
        "The {noun} registered during the campaign (up to the as-of day), their share of all registered by its "
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
        "Chỉ tính các {noun} đã áp dụng, giả định giá trị ghi trong hồ sơ là của một năm.",
        "Estimate under Decree 13/2012/ND-CP: at least 7% of each year's benefit for the first 3 years of "
        "application. Applied {noun} only; assumes the recorded value is one year's.",
    ),
    "metric.reward_vnd": ("Tiền thưởng", "Reward"),
    "metric.reward_vnd.help": (
        "Tổng tiền thưởng ghi trong hồ sơ.",
        "Sum of the rewards recorded on the records.",
    ),
    "metric.applied_rate": ("Tỷ lệ đã áp dụng", "Applied rate"),
    "metric.applied_rate.help": (
        "Số {noun} đã áp dụng ÷ đã đăng ký × 100.",
        "Applied {noun} ÷ registered × 100.",
    ),
    "metric.recognized_rate": ("Tỷ lệ được công nhận", "Recognition rate"),
    "metric.recognized_rate.help": (
        "Số {noun} đã được công nhận (kể cả đã áp dụng) ÷ đã đăng ký × 100.",
        "Recognised {noun} (including applied) ÷ registered × 100.",
    ),
    # --- programs (issue 15): rankings in three categories, comparisons ----------------------------------
    "metric.rank_pct": ("Hạng theo tỷ lệ đạt", "Rank by % of target"),
    "metric.rank_pct.help": (
        "Thứ hạng theo tỷ lệ đạt chỉ tiêu (bằng nhau thì đơn vị đăng ký nhiều hơn đứng trước).",
        "Rank by % of target (ties: the unit that registered more first).",
    ),
    "metric.rank_registered": ("Hạng theo số đăng ký", "Rank by number registered"),
    "metric.rank_registered.help": (
        "Thứ hạng theo số {noun} đã đăng ký (bằng nhau thì giá trị làm lợi lớn hơn đứng trước): một hạng "
        "mục khen thưởng của chương trình.",
        "Rank by the number of {noun} registered (ties: the larger value benefited first): one of the "
        "program's award categories.",
    ),
    "metric.rank_benefit": ("Hạng theo giá trị làm lợi", "Rank by value benefited"),
    "metric.rank_benefit.help": (
        "Thứ hạng theo tổng giá trị làm lợi (bằng nhau thì đăng ký nhiều hơn đứng trước): hạng mục khen "
        "thưởng thứ hai của chương trình.",
        "Rank by total value benefited (ties: the one that registered more first): the program's second "
        "award category.",
    ),
    "metric.change": ("Tăng/giảm so với cùng kỳ", "Change on the same point before"),
    "metric.change.help": (
        "Đã đăng ký trong kỳ đang xem đến ngày đang xem, trừ số đăng ký của kỳ trước tính đến cùng thời điểm "
        "(cùng ngày trong năm với các kỳ theo năm; cùng số ngày kể từ khi bắt đầu với các kỳ khác).",
        "Registered in the period in view up to the as-of day, minus the period before up to the same point "
        "(the same day of the year for yearly periods; as many days after its start otherwise).",
    ),
    "metric.change_pct": ("Tăng/giảm (%)", "Change (%)"),
    "metric.change_pct.help": (
        "(Kỳ này − cùng kỳ trước) ÷ cùng kỳ trước × 100; không tính khi kỳ trước chưa có đăng ký.",
        "(This period − the same point before) ÷ the same point before × 100; none when there was nothing "
        "before.",
    ),
    "metric.compare_period": ("Cùng kỳ trước", "Same point before"),
    "metric.compare_period.help": (
        "Số đăng ký của kỳ trước tính đến cùng thời điểm với ngày đang xem của kỳ này.",
        "Registrations of the period before up to the same point as this period's as-of day.",
    ),
    "metric.compare_program": (
        "Cùng thời điểm của chương trình trước",
        "The earlier program at the same point",
    ),
    "metric.compare_program.help": (
        "Chương trình kia khi đã trôi qua cùng tỷ lệ thời gian của nó (ví dụ sau 40% thời gian): số đăng ký "
        "và tỷ lệ đạt chỉ tiêu của chính nó tại thời điểm đó.",
        "The other program after the same share of its own time had passed (e.g. after 40% of it): its "
        "registrations and % of its own target at that point.",
    ),
    # --- quality and pipeline (issue 18): the Quality page's figures, on hover ---
    "metric.quality_registered": ("Đã đăng ký", "Registered"),
    "metric.quality_registered.help": (
        "Hồ sơ trong phạm vi đang xem (mọi trạng thái).",
        "Records in the view (every status).",
    ),
    "metric.quality_recognized": ("Đã công nhận", "Recognised"),
    "metric.quality_recognized.help": (
        "Hồ sơ có trạng thái “đã công nhận” hoặc “đã áp dụng” (sáng kiến được áp dụng sau khi công nhận). "
        "Tỷ lệ = đã công nhận ÷ đã đăng ký.",
        "Records with status recognised or applied (an initiative is applied after its recognition). Rate = "
        "recognised ÷ registered.",
    ),
    "metric.quality_applied": ("Đã áp dụng", "Applied"),
    "metric.quality_applied.help": (
        "Hồ sơ có trạng thái “đã áp dụng”. Tỷ lệ = đã áp dụng ÷ đã công nhận.",
        "Records with status applied. Rate = applied ÷ recognised.",
    ),
    "metric.quality_recognized_rate": ("Tỷ lệ công nhận", "Recognition rate"),
    "metric.quality_recognized_rate.help": (
        "Đã công nhận ÷ đã đăng ký × 100.",
        "Recognised ÷ registered × 100.",
    ),
    "metric.quality_applied_rate": ("Tỷ lệ áp dụng", "Application rate"),
    "metric.quality_applied_rate.help": ("Đã áp dụng ÷ đã công nhận × 100.", "Applied ÷ recognised × 100."),
    "metric.quality_days_to_recognition": ("Trung vị ngày đến công nhận", "Median days to recognition"),
    "metric.quality_days_to_recognition.help": (
        "Trung vị của (ngày công nhận − ngày đăng ký) các hồ sơ đã công nhận.",
        "Median of (recognition date − registration date) of the recognised records.",
    ),
    "metric.quality_days_to_application": ("Trung vị ngày đến áp dụng", "Median days to application"),
    "metric.quality_days_to_application.help": (
        "Trung vị của (ngày áp dụng − ngày công nhận) các hồ sơ đã áp dụng.",
        "Median of (application date − recognition date) of the applied records.",
    ),
    "metric.quality_backlog": ("Tồn đọng quá {days} ngày", "Backlog over {days} days"),
    "metric.quality_backlog.help": (
        "Hồ sơ vẫn ở trạng thái “đã đăng ký” (chưa công nhận, chưa bị từ chối) và đăng ký trước ngày tính số "
        "liệu quá N ngày (N chọn trên trang, mặc định 90).",
        "Records still “registered” (neither recognised nor refused) and registered more than N days before "
        "the as-of day (N set on the page, 90 by default).",
    ),
    "metric.quality_level_unit": ("Cấp cơ sở", "Grassroots (unit)"),
    "metric.quality_level_unit.help": (
        "Hồ sơ đã công nhận ở cấp cơ sở (kể cả hồ sơ không ghi cấp).",
        "Recognised at grassroots (unit) level (records without a level too).",
    ),
    "metric.quality_level_sector": ("Cấp ngành/tỉnh", "Sector / province"),
    "metric.quality_level_sector.help": (
        "Hồ sơ đã công nhận ở cấp ngành hoặc tỉnh.",
        "Recognised at sector or province level.",
    ),
    "metric.quality_level_national": ("Cấp toàn quốc", "National"),
    "metric.quality_level_national.help": (
        "Hồ sơ đã công nhận ở cấp toàn quốc.",
        "Recognised at national level.",
    ),
    "metric.quality_silent": ("Đơn vị chưa cập nhật", "Silent units"),
    "metric.quality_silent.help": (
        "Đơn vị tham gia chương trình (có hồ sơ trong chương trình) mà hồ sơ mới nhất trong phạm vi đang xem "
        "cũ hơn ngày tính số liệu (với một kỳ đã kết thúc: ngày cuối kỳ) quá N ngày (mặc định 30), hoặc không "
        "có hồ sơ nào trong phạm vi.",
        "Units taking part in the program (a record in it) whose newest record in the view is more than N "
        "days (30 by default) before the as-of day (for a finished period: its last day), or that have none "
        "in the view.",
    ),
    "metric.quality_silent_days": ("Số ngày chưa cập nhật", "Days silent"),
    "metric.quality_silent_days.help": (
        "Ngày tính số liệu − ngày đăng ký của hồ sơ mới nhất.",
        "As-of day − registration date of the newest record.",
    ),
    "metric.quality_recognition_lag": ("Độ trễ công nhận (trung vị, ngày)", "Recognition lag (median, days)"),
    "metric.quality_recognition_lag.help": (
        "Trung vị của (ngày công nhận − ngày đăng ký) các hồ sơ của đơn vị: đơn vị cập nhật, đánh giá chậm có "
        "độ trễ lớn.",
        "Median of (recognition date − registration date) of the unit's records: slow updating and "
        "evaluation shows as a long lag.",
    ),
    "metric.quality_similarity": ("Độ giống", "Similarity"),
    "metric.quality_similarity.help": (
        "0,8 × độ trùng tên + 0,2 × độ trùng tác giả. Độ trùng = số từ (người) chung ÷ số từ (người) của cả "
        "hai. Tên được chuẩn hóa: chữ thường, bỏ dấu, bỏ dấu câu, bỏ từ đệm (“giải pháp”, “sáng kiến”, “cải "
        "tiến”, “nâng cao hiệu quả”, “tại”, “cho”…), không kể thứ tự từ. Chỉ so các hồ sơ chung cả tên chuẩn "
        "hóa, hoặc tên bớt một từ.",
        "0.8 × title overlap + 0.2 × author overlap. Overlap = words (people) in common ÷ words (people) of "
        "both. Titles are normalised: lower case, accents and punctuation removed, filler words removed "
        "(“giải pháp”, “sáng kiến”, “cải tiến”, “nâng cao hiệu quả”, “tại”, “cho”…), word order ignored. Only "
        "records sharing the whole normalised title, or the title less one word, are compared.",
    ),
    "metric.quality_pending": ("Cặp trùng chờ xem xét", "Pairs to review"),
    "metric.quality_pending.help": (
        "Cặp hồ sơ có độ giống từ 0,8 trở lên, có ít nhất một hồ sơ trong phạm vi đang xem, chưa được đánh dấu.",
        "Pairs of records with a similarity of 0.8 or more, one of them at least in the view, not marked yet.",
    ),
    "metric.quality_counted_once": ("Đã đăng ký (tính một lần)", "Registered (counted once)"),
    "metric.quality_counted_once.help": (
        "Đã đăng ký trừ hồ sơ đăng ký sau của mỗi cặp đánh dấu “cùng một {noun_one}” (hồ sơ đăng ký trước giữ "
        "số, ở đơn vị và chương trình của nó). Cặp “nhân rộng” được tính ở cả hai đơn vị.",
        "Registered less the later record of each pair marked “same {noun_one}” (the earlier one keeps the "
        "count, in its own unit and program). “Spread” pairs count in both units.",
    ),
    "metric.quality_implausible": ("Giá trị làm lợi bất thường", "Implausible benefits"),
    "metric.quality_implausible.help": (
        "Hồ sơ có giá trị làm lợi lớn hơn 10 lần phân vị 99 của đơn vị hoặc của lĩnh vực, hoặc lớn hơn cả năm "
        "trước của đơn vị (quy tắc ở trang Chất lượng & tiến trình).",
        "Records whose benefit is above 10 times their unit's or field's 99th percentile, or above the unit's "
        "whole previous year (rules on the Quality and pipeline page).",
    ),
    "metric.quality_top1_share": ("Phần của 1% lớn nhất", "Top 1% share"),
    "metric.quality_top1_share.help": (
        "Giá trị làm lợi của 1% hồ sơ lớn nhất của đơn vị (ít nhất 1 hồ sơ) ÷ tổng giá trị làm lợi của đơn vị "
        "× 100.",
        "Benefit of the unit's top 1% of records (at least one) ÷ the unit's whole benefit × 100.",
    ),
    "metric.quality_benefit_council": ("Làm lợi: hội đồng đã xác nhận", "Benefit confirmed by the council"),
    "metric.quality_benefit_council.help": (
        "Tổng giá trị làm lợi của các hồ sơ được cán bộ phân tích đánh dấu “Hội đồng đã xác nhận”.",
        "Sum of the benefit of the records an analyst marked “confirmed by the council”.",
    ),
    "metric.quality_benefit_self": ("Làm lợi: đơn vị tự khai", "Benefit self-declared"),
    "metric.quality_benefit_self.help": (
        "Tổng giá trị làm lợi của các hồ sơ còn lại: đánh dấu “đơn vị tự khai” hoặc chưa đánh dấu.",
        "Sum of the benefit of the other records: marked “self-declared”, or not marked.",
    ),
}
