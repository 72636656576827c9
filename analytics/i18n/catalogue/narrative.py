"""Catalogue area: the summary paragraph's sentences (the Overview and the report)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- narrative (issue 2: the summary paragraph) -------------------------------------------------------
    "narr.phase_result": (
        "{phase} ghi nhận {registered} {noun}, đạt {pct} chỉ tiêu ({target})",
        "{phase} recorded {registered} {noun}, {pct} of its target ({target})",
    ),
    "narr.phase_result_no_target": (
        "{phase} ghi nhận {registered} {noun}",
        "{phase} recorded {registered} {noun}",
    ),
    "narr.phase_running": (
        "{phase} (đang thực hiện, đến {date}) ghi nhận {registered} {noun}, đạt {pct} chỉ tiêu ({target})",
        "{phase} (running, to {date}) recorded {registered} {noun}, {pct} of its target ({target})",
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
    "narr.rest_none_one": ("1 đơn vị chưa đăng ký {noun} nào", "1 unit has registered no {noun} yet"),
    "narr.next_phase": (
        "{phase} ({start} – {end}) cần đăng ký {target} {noun}.",
        "{phase} ({start} – {end}) needs {target} {noun} registered.",
    ),
    "narr.rest_none": ("{n} đơn vị chưa đăng ký {noun} nào", "{n} units have registered no {noun} yet"),
    "narr.program": (
        "Tính đến ngày {date}, toàn chương trình ghi nhận {registered} {noun}, đạt {pct} {target_name} ({target}); "
        "{authors} tác giả tham gia, giá trị làm lợi {benefit}; {met}/{total} đơn vị hoàn thành chỉ tiêu.",
        "As of {date}, the program recorded {registered} {noun}, {pct} of {target_name} ({target}); "
        "{authors} authors took part, benefiting {benefit}; {met} of {total} units met their target.",
    ),
    "narr.campaign": (
        "Trong {name} ({start} – {end}): {n} {noun}, {share} số đăng ký đến {date}, nhịp đăng ký gấp {lift} lần trước chiến dịch.",
        "In the {name} ({start} – {end}): {n} {noun}, {share} of all registered by {date}, at {lift} times the earlier daily rate.",
    ),
    "narr.remaining": (
        "Còn {gap} {noun} nữa để hoàn thành chỉ tiêu {phase} ({target}) trước ngày {end}.",
        "{gap} more {noun} are needed to meet the {phase} target ({target}) by {end}.",
    ),
    "narr.remaining_program": (
        "Để hoàn thành chỉ tiêu cả chương trình ({target}) còn cần {gap} {noun}.",
        "{gap} more {noun} are needed to meet the program target ({target}).",
    ),
    "narr.target_span": ("chỉ tiêu {n} {period}", "the {n}-{period} target"),
    "narr.target_program": ("chỉ tiêu cả chương trình", "the program target"),
    # a running period read against its time path (issue 17)
    "narr.pace_program": (
        "Theo lộ trình thời gian, đến ngày {date} cần {expected} {noun}: chương trình {standing} {n}.",
        "On the time path, {expected} {noun} were due by {date}: the program is {n} {standing}.",
    ),
    "narr.pace_phase": (
        "{standing} {n} so với lộ trình ({expected})",
        "{n} {standing} against the path ({expected})",
    ),
}
