"""Catalogue area: programs and their periods (issue 15): comparisons, the three rankings, and the setting up
of periods, programs, targets, campaigns, milestones and the units over time (the Data page's Programs tab)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- comparisons (Overview, Units, Trends) ---------------------------------------------------------------
    "compare.header": ("So sánh", "Comparison"),
    "compare.period.title": (
        "{current} so với cùng kỳ {previous}",
        "{current} against {previous} at the same point",
    ),
    "compare.period.now": ("{current} (đến {day})", "{current} (to {day})"),
    "compare.period.before": ("Cùng kỳ {previous} (đến {day})", "{previous} at the same point (to {day})"),
    "compare.period.none": (
        "Chưa có kỳ trước để so sánh ({current} là kỳ đầu tiên của chương trình).",
        "No earlier period to compare with ({current} is the program's first).",
    ),
    "compare.program.title": (
        "So với “{other}” sau cùng tỷ lệ thời gian",
        "Against “{other}” after the same share of its time",
    ),
    "compare.program.now": ("Sau {share} thời gian (đến {day})", "After {share} of the time (to {day})"),
    "compare.program.then": ("“{other}” sau {share} (đến {day})", "“{other}” after {share} (to {day})"),
    "compare.program.value": ("{registered} · {pct}", "{registered} · {pct}"),
    "compare.program.help": (
        "Số đã đăng ký và tỷ lệ đạt chỉ tiêu của mỗi chương trình khi đã trôi qua cùng một tỷ lệ thời gian "
        "của chính nó: chương trình dài hay ngắn đều so được.",
        "Each program's registrations and % of its own target once the same share of its own time had passed: "
        "long and short programs compare fairly.",
    ),
    "compare.change_delta": ("{sign}{n} ({pct})", "{sign}{n} ({pct})"),
    "compare.units.caption": (
        "Mỗi đơn vị: {current} đến {day} so với {previous} đến {previous_day}.",
        "Each unit: {current} to {day} against {previous} to {previous_day}.",
    ),
    "compare.units.now": ("{current}", "{current}"),
    "compare.units.before": ("Cùng kỳ {previous}", "{previous} (same point)"),
    "compare.chart.periods": (
        "{current} so với {previous} trên cùng lịch: {now} so với {before} cùng kỳ",
        "{current} against {previous} on the same calendar: {now} against {before} at the same point",
    ),
    "compare.chart.programs": (
        "Sau {share} thời gian: {pct} chỉ tiêu, so với {other_pct} của “{other}”",
        "After {share} of the time: {pct} of target, against {other_pct} for “{other}”",
    ),
    "compare.axis.share": ("Tỷ lệ thời gian chương trình đã trôi qua", "Share of the program's time passed"),
    "compare.axis.pct": ("Tỷ lệ đạt chỉ tiêu chương trình", "% of the program's target"),
    "compare.today": ("Ngày đang xem", "As-of day"),
    # --- the three rankings (Units) ------------------------------------------------------------------------
    "ranking.tab": ("Ba tiêu chí", "Three categories"),
    "ranking.caption": (
        "Xếp hạng như chương trình xét khen thưởng: theo tỷ lệ đạt chỉ tiêu, theo số {noun} đăng ký và theo "
        "giá trị làm lợi, đặt cạnh nhau ({scope}).",
        "Ranked as the program's awards are: by % of target, by the number of {noun} registered and by value "
        "benefited, side by side ({scope}).",
    ),
    "ranking.leader.pct": ("Dẫn đầu tỷ lệ đạt", "First by % of target"),
    "ranking.leader.registered": ("Dẫn đầu số đăng ký", "First by number registered"),
    "ranking.leader.benefit_vnd": ("Dẫn đầu giá trị làm lợi", "First by value benefited"),
    "ranking.compare_tab": ("So với cùng kỳ", "Against the same point before"),
    # --- the Data page's Programs tab (ui/program_setup.py) --------------------------------------------------
    "setup.tab": ("Chương trình", "Programs"),
    "setup.intro": (
        "Các chương trình Công đoàn đang và đã theo dõi, các kỳ của từng chương trình (giai đoạn, năm…), chỉ tiêu "
        "cho kỳ mới, chiến dịch, mốc phấn đấu và những thay đổi của đơn vị theo thời gian. Mọi thay đổi đều được "
        "ghi vào lịch sử.",
        "The programs the union follows and has followed, each program's periods (phases, years…), targets for "
        "a new period, campaigns, milestones and the units' changes over time. Every change is kept in the history.",
    ),
    "setup.programs": ("Các chương trình", "Programs"),
    "setup.program_form": ("Thêm hoặc sửa một chương trình", "Add or change a program"),
    "setup.program_pick": ("Chương trình", "Program"),
    "setup.program_new": ("Chương trình mới…", "A new program…"),
    "setup.col.code": ("Mã", "Code"),
    "setup.col.code.help": (
        "Dùng trong liên kết (?program=…) và dòng lệnh (--program …): chữ thường không dấu, số, dấu gạch ngang.",
        "Used in links (?program=…) and commands (--program …): lower-case letters, digits, hyphens.",
    ),
    "setup.col.name": ("Tên", "Name"),
    "setup.col.name_en": ("Tên tiếng Anh", "Name in English"),
    "setup.col.start_on": ("Bắt đầu", "Start"),
    "setup.col.end_on": ("Kết thúc", "End"),
    "setup.col.target": ("Chỉ tiêu riêng", "Own target"),
    "setup.col.target.help": (
        "Để trống: chỉ tiêu chương trình là tổng chỉ tiêu các kỳ.",
        "Empty: the program's target is the sum of its periods' targets.",
    ),
    "setup.col.noun_vi": ("Đếm cái gì (tiếng Việt)", "What it counts (Vietnamese)"),
    "setup.col.noun_en": ("Đếm cái gì (tiếng Anh, số nhiều)", "What it counts (English, plural)"),
    "setup.col.period_word_vi": ("Tên gọi kỳ (tiếng Việt)", "Period word (Vietnamese)"),
    "setup.col.period_word_en": ("Tên gọi kỳ (tiếng Anh)", "Period word (English)"),
    "setup.col.period_word.help": (
        "Ví dụ Giai đoạn (Giai đoạn 1, 2), Năm (Năm 2025), Đợt.",
        "E.g. Phase (Phase 1, 2), Year (Year 2025), Round.",
    ),
    "setup.col.organizer": ("Cơ quan phát động", "Launched by"),
    "setup.col.organizer_en": ("Cơ quan phát động (tiếng Anh)", "Launched by (English)"),
    "setup.col.period": ("Số kỳ", "Number"),
    "setup.col.period.help": (
        "1, 2… cho các giai đoạn; 2024, 2025… cho các năm: là giá trị phase trong liên kết.",
        "1, 2… for phases; 2024, 2025… for years: the link's phase value.",
    ),
    "setup.col.theme": ("Chủ đề", "Theme"),
    "setup.save_program": ("Lưu chương trình", "Save the program"),
    "setup.periods": ("Các kỳ của chương trình “{program_name}”", "The periods of “{program_name}”"),
    "setup.period_form": ("Thêm kỳ mới hoặc sửa một kỳ", "Add the next period or change one"),
    "setup.period_form.help": (
        "Điền sẵn kỳ tiếp theo; để sửa một kỳ đã có, nhập đúng số kỳ đó. Hồ sơ đã đăng ký trong thời gian của kỳ "
        "được tính vào kỳ.",
        "The next period is filled in; to change an existing one, enter its number. Records registered in its "
        "dates count in it.",
    ),
    "setup.save_period": ("Lưu kỳ", "Save the period"),
    "setup.targets": ("Chỉ tiêu các đơn vị cho một kỳ", "Units' targets for a period"),
    "setup.targets.help": (
        "Chép chỉ tiêu kỳ trước và tăng theo tỷ lệ, hoặc đề xuất theo kết quả kỳ trước trên 100 đoàn viên của "
        "từng đơn vị; sửa từng số trong bảng rồi lưu. Nhập tay hoặc tải tệp: ở thẻ Chỉ tiêu.",
        "Copy the period before's targets raised by a percentage, or propose them from each unit's results per "
        "100 members in the period before; edit any number in the table, then save. By hand or from a file: "
        "the Targets tab.",
    ),
    "setup.targets.period": ("Kỳ", "Period"),
    "setup.targets.method": ("Cách lập", "How"),
    "setup.method.propose": ("Đề xuất theo tỷ lệ / 100 đoàn viên", "Proposed from the rate per 100 members"),
    "setup.method.copy": ("Chép kỳ trước, tăng %", "Copy the period before, + %"),
    "setup.growth": ("Tăng thêm (%)", "Raise by (%)"),
    "setup.basis": (
        "Tính từ kết quả {basis} của từng đơn vị. Sửa cột Đề xuất trước khi lưu.",
        "Computed from each unit's {basis} results. Edit the Proposed column before saving.",
    ),
    "setup.no_basis": (
        "Chưa có kỳ trước để tính: nhập chỉ tiêu ở thẻ Chỉ tiêu.",
        "No period before to compute from: enter the targets on the Targets tab.",
    ),
    "setup.col.members": ("Đoàn viên", "Members"),
    "setup.col.basis_registered": ("Đăng ký kỳ trước", "Registered, period before"),
    "setup.col.basis_target": ("Chỉ tiêu kỳ trước", "Target, period before"),
    "setup.col.rate": ("Trên 100 đoàn viên", "Per 100 members"),
    "setup.col.proposed": ("Đề xuất", "Proposed"),
    "setup.col.formula": ("Cách tính", "Formula"),
    "setup.save_targets": ("Lưu chỉ tiêu {period}", "Save the {period} targets"),
    "setup.campaigns": ("Chiến dịch thi đua", "Emulation campaigns"),
    "setup.milestones": ("Mốc phấn đấu", "Milestones"),
    "setup.col.on_date": ("Ngày", "Date"),
    "setup.col.cumulative_target": ("Chỉ tiêu lũy kế", "Cumulative target"),
    "setup.col.label": ("Nội dung", "Label"),
    "setup.save_campaigns": ("Lưu chiến dịch", "Save the campaigns"),
    "setup.save_milestones": ("Lưu mốc phấn đấu", "Save the milestones"),
    "setup.units_over_time": ("Đơn vị qua thời gian", "Units over time"),
    "setup.units_over_time.help": (
        "Đổi tên (ghi tên cũ), sáp nhập hoặc chia tách (ghi đơn vị tiếp nhận hồ sơ), thành lập hay tham gia (ngày "
        "bắt đầu), kèm ngày hiệu lực. Thanh bên chọn xem số liệu kỳ trước theo đơn vị hiện nay hay khi đó.",
        "Renamed (with the old name), merged or split (with the unit taking over the records), added (from "
        "when), each with its effective date. The sidebar shows past figures under today's units or as then.",
    ),
    "setup.kind.rename": ("đổi tên", "rename"),
    "setup.kind.merge": ("sáp nhập vào", "merged into"),
    "setup.kind.split": ("chia tách, tiếp nhận:", "split, taken over by"),
    "setup.kind.add": ("thành lập / tham gia", "added"),
    "setup.col.kind": ("Thay đổi", "Change"),
    "setup.col.unit_code": ("Đơn vị", "Unit"),
    "setup.col.successor_code": ("Đơn vị tiếp nhận", "Successor"),
    "setup.col.old_name": ("Tên cũ", "Old name"),
    "setup.col.old_short_name": ("Tên viết tắt cũ", "Old short name"),
    "setup.col.note": ("Ghi chú", "Note"),
    "setup.save_changes": ("Lưu thay đổi đơn vị", "Save the unit changes"),
    "setup.union_names": ("Tên của Công đoàn theo thời gian", "The union's names over time"),
    "setup.col.valid_from": ("Từ ngày", "From"),
    "setup.col.parent_name": ("Trực thuộc", "Under"),
    "setup.col.parent_name_en": ("Trực thuộc (tiếng Anh)", "Under (English)"),
    "setup.save_union": ("Lưu tên Công đoàn", "Save the union's names"),
}
