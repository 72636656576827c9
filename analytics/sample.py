"""The illustrative data set: the union's units and the records of its two programs, reproducing the
published checkpoints of both ("1 triệu sáng kiến" 2021-2023 below, "Đổi mới sáng tạo Dầu khí" 2024-2028
further down).

Published facts it must reproduce (see README, "Dữ liệu minh họa"): 1,458 registered by 31/05/2022 against
a phase-1 target of 1,400 (BSR, VPI, PVCFC, PVU at or above their target; PVFCCo, PV GAS, Ban QLDA NMNĐ
Thái Bình 2 above half; PVOIL above zero; PVEP 22); 3,516 by 14/04/2023; 7,085 at the end against 5,400;
1,062 authors; over 9,000 tỷ đồng benefited; all 33 units registered and 18 met their two-phase target;
PVEP 395 against 210. Everything else (titles, names, dates within a day, benefit values) is invented,
deterministically, from one seed, and every page says the data are illustrative.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analytics.store import Store

SEED = 20210901
FIRST_PROGRAM = "1-trieu-sang-kien"
PROGRAM_START = dt.date(2021, 9, 1)
PHASE1_END = dt.date(2022, 5, 31)
CAMPAIGN_START = dt.date(2022, 4, 22)  # 40 days up to and including 31/05/2022
PHASE2_START = dt.date(2022, 6, 1)
CHECKPOINT = dt.date(2023, 4, 14)  # 3,516 registered by this day (congdoandaukhi.vn)
LAST_DAY = dt.date(2023, 8, 31)  # 7,085 at the end of August 2023

PHASE1_TOTAL = 1458
CHECKPOINT_TOTAL = 3516
FINAL_TOTAL = 7085
AUTHORS_TOTAL = 1062
CAMPAIGN_SHARE = 0.44  # share of phase-1 registrations made in the 40-day campaign
BENEFIT_TOTAL_VND = 9_126_400_000_000  # "over 9,000 tỷ đồng"

# Registrations per unit: (code, registered by 31/05/2022, registered at the end).
PLAN: tuple[tuple[str, int, int], ...] = (
    ("BSR", 470, 960),
    ("VPI", 135, 390),
    ("PVCFC", 300, 830),
    ("PVU", 55, 190),
    ("PVFCCo", 85, 520),
    ("PV GAS", 120, 841),
    ("QLDA TB2", 13, 75),
    ("PVOIL", 9, 330),
    ("PVEP", 22, 395),
    ("PV Power", 40, 420),
    ("PTSC", 38, 440),
    ("PV Drilling", 21, 230),
    ("VSP", 44, 470),
    ("PVTrans", 12, 130),
    ("PVC", 10, 105),
    ("PVChem", 8, 90),
    ("Petrosetco", 7, 85),
    ("PV Shipyard", 6, 66),
    ("PVMachino", 3, 31),
    ("BĐPOC", 5, 40),
    ("PVEP POC", 6, 48),
    ("PVPCM", 8, 62),
    ("QLDA LPSH", 2, 14),
    ("PVTex", 1, 9),
    ("PVE", 5, 38),
    ("CQ TĐ", 7, 52),
    ("PVMTC", 4, 36),
    ("PetroTimes", 1, 6),
    ("RVP", 2, 22),
    ("KCM", 6, 55),
    ("NSRP", 8, 70),
    ("PV Coating", 3, 20),
    ("PVD Training", 2, 15),
)

FIELDS: tuple[str, ...] = (
    "Kỹ thuật – Công nghệ",
    "Sản xuất – Vận hành",
    "An toàn – Môi trường",
    "Tiết kiệm năng lượng",
    "Quản lý – Quản trị",
    "Chuyển đổi số",
    "Kinh doanh – Thị trường",
    "Đào tạo – Nghiên cứu",
)
_FIELD_WEIGHTS_DEFAULT = (26, 24, 10, 12, 11, 9, 4, 4)
_FIELD_WEIGHTS_BY_GROUP = {
    "Khoa học – Đào tạo": (18, 4, 6, 4, 10, 16, 2, 40),
    "Thương mại – Phân phối": (8, 10, 8, 6, 24, 16, 26, 2),
    "Cơ quan": (4, 2, 4, 4, 46, 30, 4, 6),
}
# Benefit scale by group: refineries, gas and production save most per initiative.
_BENEFIT_SCALE_BY_GROUP = {
    "Lọc hóa dầu": 2.2,
    "Khí": 2.0,
    "Thăm dò – Khai thác": 2.4,
    "Phân bón – Hóa chất": 1.6,
    "Điện": 1.5,
    "Dịch vụ kỹ thuật": 0.8,
    "Thương mại – Phân phối": 0.7,
    "Khoa học – Đào tạo": 0.3,
    "Cơ quan": 0.2,
}

FAMILY_NAMES = (
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Trịnh",
    "Đinh",
    "Mai",
    "Lương",
)
MIDDLE_NAMES = (
    "Văn",
    "Thị",
    "Đức",
    "Minh",
    "Quốc",
    "Thanh",
    "Hữu",
    "Ngọc",
    "Thu",
    "Xuân",
    "Công",
    "Anh",
    "Hồng",
    "Kim",
    "Hoài",
    "Đình",
    "Bảo",
    "Trọng",
)
GIVEN_NAMES = (
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tâm",
    "Thắng",
    "Thành",
    "Thảo",
    "Trang",
    "Trung",
    "Tuấn",
    "Tùng",
    "Vân",
    "Việt",
    "Yến",
    "Đạt",
    "Hiền",
    "Huy",
    "Khoa",
    "Lâm",
    "Lộc",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Thủy",
    "Toàn",
    "Vinh",
    "Bảo",
    "Châu",
    "Định",
    "Hậu",
    "Kiên",
    "Luân",
    "Nghĩa",
    "Tài",
    "Thịnh",
    "Uyên",
    "Xuyến",
)

_TITLE_ACTIONS = (
    "Cải tiến",
    "Tối ưu hóa",
    "Giải pháp nâng cao hiệu quả",
    "Ứng dụng công nghệ mới cho",
    "Thiết kế, chế tạo",
    "Hoàn thiện quy trình",
    "Số hóa",
    "Giảm tiêu hao năng lượng của",
    "Nâng cao độ tin cậy của",
    "Tự động hóa",
)
_TITLE_OBJECTS = {
    "Kỹ thuật – Công nghệ": (
        "hệ thống bơm tuần hoàn",
        "cụm trao đổi nhiệt",
        "van điều khiển áp suất",
        "thiết bị đo lưu lượng",
        "máy nén khí",
        "lò gia nhiệt",
        "tháp chưng cất",
    ),
    "Sản xuất – Vận hành": (
        "quy trình vận hành phân xưởng",
        "chế độ khởi động tổ máy",
        "dây chuyền đóng bao",
        "công tác bảo dưỡng định kỳ",
        "lịch sửa chữa thiết bị quay",
        "quy trình xuất hàng",
    ),
    "An toàn – Môi trường": (
        "hệ thống xử lý nước thải",
        "công tác ứng phó sự cố tràn dầu",
        "hệ thống phát hiện rò rỉ khí",
        "trang bị bảo hộ lao động",
        "kiểm soát khí thải",
    ),
    "Tiết kiệm năng lượng": (
        "hệ thống chiếu sáng",
        "thu hồi nhiệt khói thải",
        "biến tần cho động cơ",
        "mạng hơi nước",
        "hệ thống điều hòa trung tâm",
    ),
    "Quản lý – Quản trị": (
        "công tác lập kế hoạch",
        "quy trình mua sắm vật tư",
        "quản lý hợp đồng",
        "công tác kiểm kê",
        "quy chế phối hợp giữa các phòng ban",
    ),
    "Chuyển đổi số": (
        "phần mềm quản lý sáng kiến",
        "cổng thông tin nội bộ",
        "hệ thống báo cáo trực tuyến",
        "quản lý hồ sơ điện tử",
        "ứng dụng di động cho công nhân",
    ),
    "Kinh doanh – Thị trường": (
        "mạng lưới cửa hàng xăng dầu",
        "công tác chăm sóc khách hàng",
        "kênh phân phối sản phẩm",
        "chính sách bán hàng",
    ),
    "Đào tạo – Nghiên cứu": (
        "chương trình đào tạo vận hành viên",
        "phòng thí nghiệm phân tích mẫu",
        "giáo trình an toàn",
        "mô hình mô phỏng vận hành",
    ),
}
_TITLE_PLACES = (
    "tại nhà máy",
    "tại giàn khai thác",
    "tại kho cảng",
    "tại phân xưởng",
    "tại trạm phân phối",
    "tại văn phòng",
    "tại công trường",
    "",
)


def _largest_remainder(total: int, weights: Sequence[float], minimum: int, caps: Sequence[int]) -> list[int]:
    """Split `total` in proportion to `weights`, each share between `minimum` and its cap, summing exactly."""
    shares = [
        max(minimum, min(cap, math.floor(total * w / sum(weights))))
        for w, cap in zip(weights, caps, strict=True)
    ]
    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    while sum(shares) != total:
        step = 1 if sum(shares) < total else -1
        for i in order:
            if sum(shares) == total:
                break
            if minimum <= shares[i] + step <= caps[i]:
                shares[i] += step
    return shares


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def _day_weight(day: dt.date, ramp_start: dt.date, ramp_end: dt.date, ramp: float) -> float:
    """Weekdays carry the registrations, Tết holidays almost none; activity grows along the segment."""
    if day.weekday() == 6:
        weight = 0.08
    elif day.weekday() == 5:
        weight = 0.3
    else:
        weight = 1.0
    if dt.date(2022, 1, 29) <= day <= dt.date(2022, 2, 6) or dt.date(2023, 1, 19) <= day <= dt.date(
        2023, 1, 26
    ):
        weight *= 0.05
    span = max((ramp_end - ramp_start).days, 1)
    return weight * (1 + ramp * (day - ramp_start).days / span)


def _draw_dates(rng: random.Random, start: dt.date, end: dt.date, count: int, ramp: float) -> list[dt.date]:
    days = _days(start, end)
    weights = [_day_weight(d, start, end, ramp) for d in days]
    return rng.choices(days, weights=weights, k=count)


def registration_dates(rng: random.Random) -> tuple[list[dt.date], list[dt.date]]:
    """Phase-1 and phase-2 dates, with exact counts in each published window, shuffled."""
    in_campaign = round(PHASE1_TOTAL * CAMPAIGN_SHARE)
    phase1 = _draw_dates(
        rng, PROGRAM_START, CAMPAIGN_START - dt.timedelta(days=1), PHASE1_TOTAL - in_campaign, 1.2
    )
    phase1 += _draw_dates(rng, CAMPAIGN_START, PHASE1_END, in_campaign, 0.8)
    phase2_early = CHECKPOINT_TOTAL - PHASE1_TOTAL
    phase2 = _draw_dates(rng, PHASE2_START, CHECKPOINT, phase2_early, 1.5)
    phase2 += _draw_dates(
        rng, CHECKPOINT + dt.timedelta(days=1), LAST_DAY, FINAL_TOTAL - CHECKPOINT_TOTAL, 1.0
    )
    rng.shuffle(phase1)
    rng.shuffle(phase2)
    return phase1, phase2


def _author_names(rng: random.Random, count: int) -> list[str]:
    names: set[str] = set()
    ordered: list[str] = []
    while len(ordered) < count:
        name = f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"
        if name not in names:
            names.add(name)
            ordered.append(name)
    return ordered


def _title(rng: random.Random, field: str) -> str:
    place = rng.choice(_TITLE_PLACES)
    title = f"{rng.choice(_TITLE_ACTIONS)} {rng.choice(_TITLE_OBJECTS[field])}"
    return f"{title} {place}".strip()


def _status_and_dates(
    rng: random.Random, registered: dt.date, last_day: dt.date = LAST_DAY
) -> tuple[str, dt.date | None, dt.date | None]:
    """Recognition follows registration by weeks; the newest records are still waiting."""
    if rng.random() < 0.04:
        return "not_recognized", None, None
    recognized = registered + dt.timedelta(days=max(3, int(rng.lognormvariate(math.log(28), 0.6))))
    if recognized > last_day:
        return "registered", None, None
    if rng.random() < 0.62:
        applied = recognized + dt.timedelta(days=int(rng.lognormvariate(math.log(20), 0.8)))
        if applied <= last_day:
            return "applied", recognized, applied
    return "recognized", recognized, None


@dataclass(frozen=True)
class _Draw:
    """How one program's records are drawn: the odds of a team's size and of a recognition's level, and
    the last day anything can have happened."""

    team_weights: tuple[int, int, int, int]
    level_weights: tuple[int, int, int]
    last_day: dt.date


def _unit_records(
    rng: random.Random, unit: str, group: str, dates: list[dt.date], pool: list[str], draw: _Draw
) -> list[dict]:
    """One unit's records, one per registration date (in order), its authors drawn from its own pool."""
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(len(pool))]
    field_weights = _FIELD_WEIGHTS_BY_GROUP.get(group, _FIELD_WEIGHTS_DEFAULT)
    # Every author leads at least one record, placed at random along the unit's timeline, so the
    # number of authors grows through the program instead of all appearing in its first weeks.
    first_records = dict(zip(rng.sample(range(len(dates)), len(pool)), pool, strict=True))
    records = []
    for index, registered in enumerate(dates):
        lead = first_records.get(index) or rng.choices(pool, weights=popularity)[0]
        team_size = min(len(pool), rng.choices((1, 2, 3, 4), weights=draw.team_weights)[0])
        team = [lead] + [a for a in rng.sample(pool, team_size) if a != lead][: team_size - 1]
        field = rng.choices(FIELDS, weights=field_weights)[0]
        status, recognized, applied = _status_and_dates(rng, registered, draw.last_day)
        levels = ("unit", "sector", "national")
        level = rng.choices(levels, weights=draw.level_weights)[0] if recognized else None
        records.append(
            {
                "unit_code": unit,
                "registered_on": registered,
                "title": _title(rng, field),
                "authors": "; ".join(team),
                "author_count": len(team),
                "field": field,
                "status": status,
                "level": level,
                "recognized_on": recognized,
                "applied_on": applied,
                "raw_benefit": _raw_benefit(rng, status, level, group),
            }
        )
    return records


_FIRST_DRAW = _Draw(team_weights=(45, 30, 17, 8), level_weights=(85, 13, 2), last_day=LAST_DAY)


def build_records(units: pd.DataFrame) -> pd.DataFrame:
    """All 7,085 sample records as a DataFrame in the `initiatives` column layout (without phase)."""
    rng = random.Random(SEED)
    group_of = dict(zip(units["code"], units["group_name"], strict=True))
    phase1_dates, phase2_dates = registration_dates(rng)
    finals = [final for _, _, final in PLAN]
    author_counts = _largest_remainder(AUTHORS_TOTAL, finals, 1, finals)
    names = iter(_author_names(rng, AUTHORS_TOTAL))

    records: list[dict] = []
    for (unit, by_phase1, final), pool_size in zip(PLAN, author_counts, strict=True):
        pool = [next(names) for _ in range(pool_size)]
        dates = [phase1_dates.pop() for _ in range(by_phase1)] + [
            phase2_dates.pop() for _ in range(final - by_phase1)
        ]
        records += _unit_records(rng, unit, group_of[unit], sorted(dates), pool, _FIRST_DRAW)
    frame = pd.DataFrame.from_records(records).sort_values(["registered_on", "unit_code"], kind="stable")
    frame = frame.reset_index(drop=True)
    frame.insert(0, "code", [f"SKDK-{d.year}-{i + 1:05d}" for i, d in enumerate(frame["registered_on"])])
    vary_titles(frame)
    scale = BENEFIT_TOTAL_VND / frame["raw_benefit"].sum()
    benefit = (frame["raw_benefit"] * scale / 1_000_000).round() * 1_000_000
    frame["benefit_vnd"] = benefit.where(frame["raw_benefit"] > 0).astype("Int64")
    reward = (benefit * 0.01).clip(lower=2_000_000, upper=200_000_000).round(-5)
    frame["reward_vnd"] = reward.where(frame["raw_benefit"] > 0).astype("Int64")
    return frame.drop(columns=["raw_benefit"])


def _raw_benefit(rng: random.Random, status: str, level: str | None, group: str) -> float:
    """A long-tailed value benefited: most initiatives save little, a few save hundreds of tỷ."""
    if status not in ("recognized", "applied"):
        return 0.0
    level_factor = {"unit": 1.0, "sector": 3.0, "national": 8.0}[level or "unit"]
    return rng.lognormvariate(0.0, 1.7) * level_factor * _BENEFIT_SCALE_BY_GROUP.get(group, 1.0)


# ---------------------------------------------------------------------------------------------------------
# The second program: "Đổi mới sáng tạo Dầu khí" 2024-2028 (doimoisangtaodaukhi.pvn.vn), yearly rounds,
# counting "sản phẩm sáng tạo". Published facts it reproduces (program-facts.md, second part): 2024 more than
# 3,400 products worth about 8,000 tỷ đồng; 2025 BSR target 68, 869 registered (1.277,9% rounded down),
# over 34.893 tỷ đồng benefited, first in both categories, then by number PVFCCo 643, PVComBank 221,
# Vietsovpetro 184, PV Power 179; PVComBank takes part from 2025. 2026 runs up to SECOND_LAST_DAY, a fixed
# day (the sample never depends on today's date). Unit targets other than BSR's 68 are invented.

SECOND_PROGRAM = "dmst-dau-khi"
SECOND_SEED = 20240101
SECOND_START, SECOND_END = dt.date(2024, 1, 1), dt.date(2028, 12, 31)
SECOND_LAST_DAY = dt.date(2026, 6, 30)  # the as-of day of the sample's 2026
_SECOND_DRAW = _Draw(team_weights=(40, 30, 20, 10), level_weights=(82, 15, 3), last_day=SECOND_LAST_DAY)
SECOND_YEARS = (2024, 2025, 2026)
SECOND_THEMES = {2024: "Thi đua sáng tạo – Về đích thành công"}
SECOND_BENEFIT_VND = {2024: 8_046_300_000_000, 2025: 41_512_800_000_000, 2026: 5_214_800_000_000}
BSR_2025_BENEFIT_VND = 34_893_400_000_000  # "trên 34.893 tỷ đồng"
SECOND_AUTHORS = 2480
# Each unit's target is its members x this rate (BSR, 1,520 members: 68 in 2025, as published).
TARGET_RATE = {2024: 0.04, 2025: 0.045, 2026: 0.05}
PVCOMBANK = {
    "code": "PVComBank",
    "name": "Ngân hàng TMCP Đại chúng Việt Nam",
    "short_name": "PVComBank",
    "group_name": "Tài chính – Ngân hàng",
    "members": 4200,
    "aliases": ["PVcomBank", "Ngân hàng Đại chúng", "PV Com Bank", "Ngân hàng TMCP Đại chúng"],
}
PVCOMBANK_JOINED = dt.date(2025, 1, 1)
# The group was renamed by Quyết định 733/QĐ-TTg of 09/04/2025; its head office unit with it.
HEAD_OFFICE_RENAME = (
    dt.date(2025, 4, 9),
    "CQ TĐ",
    "Cơ quan Tập đoàn Dầu khí Quốc gia Việt Nam",
    "Cơ quan Tập đoàn Công nghiệp – Năng lượng Quốc gia Việt Nam",
)
# Registrations per unit: (code, 2024, 2025, 2026 up to SECOND_LAST_DAY).
SECOND_PLAN: tuple[tuple[str, int, int, int], ...] = (
    ("BSR", 600, 869, 380),
    ("PVFCCo", 380, 643, 290),
    ("PVComBank", 0, 221, 104),
    ("VSP", 220, 184, 88),
    ("PV Power", 210, 179, 82),
    ("PV GAS", 280, 176, 84),
    ("PVCFC", 270, 172, 80),
    ("PTSC", 237, 160, 74),
    ("VPI", 180, 150, 70),
    ("PVEP", 170, 140, 66),
    ("PVOIL", 150, 120, 55),
    ("PV Drilling", 110, 95, 43),
    ("PVTrans", 70, 60, 28),
    ("PVC", 55, 48, 22),
    ("PVChem", 45, 40, 18),
    ("Petrosetco", 42, 38, 17),
    ("NSRP", 50, 44, 20),
    ("QLDA TB2", 25, 20, 9),
    ("PVU", 70, 55, 25),
    ("PV Shipyard", 35, 30, 14),
    ("PVMachino", 16, 14, 6),
    ("BĐPOC", 20, 18, 8),
    ("PVEP POC", 24, 22, 10),
    ("PVPCM", 30, 26, 12),
    ("QLDA LPSH", 7, 6, 3),
    ("PVTex", 5, 4, 2),
    ("PVE", 20, 17, 8),
    ("CQ TĐ", 28, 25, 11),
    ("PVMTC", 18, 15, 7),
    ("PetroTimes", 3, 3, 1),
    ("RVP", 12, 10, 5),
    ("KCM", 27, 24, 11),
    ("PV Coating", 11, 9, 4),
    ("PVD Training", 8, 7, 3),
)
SECOND_TOTAL = sum(sum(counts) for _, *counts in SECOND_PLAN)  # 8,732 records up to SECOND_LAST_DAY
SAMPLE_TOTAL = FINAL_TOTAL + SECOND_TOTAL  # both programs: what a store holding the sample counts
_TET = {2024: (dt.date(2024, 2, 8), dt.date(2024, 2, 14)), 2025: (dt.date(2025, 1, 27), dt.date(2025, 2, 2)),
        2026: (dt.date(2026, 2, 15), dt.date(2026, 2, 21))}  # fmt: skip


def second_targets(members: dict[str, int]) -> list[tuple[str, int, int]]:
    """(unit, year, target): members x TARGET_RATE, at least 5; PVComBank from 2025."""
    rows = []
    for code, *_ in SECOND_PLAN:
        for year in SECOND_YEARS:
            if code == PVCOMBANK["code"] and year < PVCOMBANK_JOINED.year:
                continue
            rows.append((code, year, max(5, round(members[code] * TARGET_RATE[year]))))
    return rows


def _year_weight(day: dt.date) -> float:
    """Weekdays carry the registrations, Tết almost none, and the year ends in a rush (the system closes
    at 24h on 31/12)."""
    weight = {5: 0.3, 6: 0.08}.get(day.weekday(), 1.0)
    tet = _TET.get(day.year)
    if tet and tet[0] <= day <= tet[1]:
        weight *= 0.05
    if day.month == 12:
        weight *= 2.6
    elif day.month == 11:
        weight *= 1.6
    return weight * (1 + 0.5 * (day.timetuple().tm_yday / 366))


def _second_dates(rng: random.Random, year: int, count: int) -> list[dt.date]:
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), SECOND_LAST_DAY)
    days = _days(start, end)
    return sorted(rng.choices(days, weights=[_year_weight(d) for d in days], k=count))


def _scaled_benefit(raw: pd.Series, total: int) -> pd.Series:
    """Raw values scaled to sum to `total`, in whole millions (the largest takes the rounding's rest)."""
    benefit = (raw * (total / raw.sum()) / 1_000_000).round() * 1_000_000
    benefit[benefit.idxmax()] += total - benefit.sum()
    return benefit


def build_second_records(units: pd.DataFrame) -> pd.DataFrame:
    """The second program's records (2024, 2025 and 2026 up to SECOND_LAST_DAY) in the `initiatives` layout
    (without phase), deterministic from SECOND_SEED."""
    rng = random.Random(SECOND_SEED)
    group_of = dict(zip(units["code"], units["group_name"], strict=True))
    group_of.setdefault(PVCOMBANK["code"], PVCOMBANK["group_name"])
    totals = [a + b + c for _, a, b, c in SECOND_PLAN]
    author_counts = _largest_remainder(SECOND_AUTHORS, totals, 1, totals)
    names = iter(_author_names(rng, SECOND_AUTHORS))
    records: list[dict] = []
    for (unit, *by_year), pool_size in zip(SECOND_PLAN, author_counts, strict=True):
        pool = [next(names) for _ in range(pool_size)]
        dates = [
            d for year, n in zip(SECOND_YEARS, by_year, strict=True) for d in _second_dates(rng, year, n)
        ]
        records += _unit_records(rng, unit, group_of[unit], dates, pool, _SECOND_DRAW)
    frame = pd.DataFrame.from_records(records).sort_values(["registered_on", "unit_code"], kind="stable")
    frame = frame.reset_index(drop=True)
    frame.insert(0, "code", [f"DMST-{d.year}-{i + 1:05d}" for i, d in enumerate(frame["registered_on"])])
    vary_titles(frame)
    year = frame["registered_on"].map(lambda d: d.year)
    benefit = pd.Series(0.0, index=frame.index)
    for y, total in SECOND_BENEFIT_VND.items():
        in_year = (year == y) & (frame["raw_benefit"] > 0)
        bsr = in_year & (frame["unit_code"] == "BSR")
        if y == 2025:  # BSR's published value; the other units share the rest
            benefit[bsr] = _scaled_benefit(frame.loc[bsr, "raw_benefit"], BSR_2025_BENEFIT_VND)
            others = in_year & ~bsr
            benefit[others] = _scaled_benefit(frame.loc[others, "raw_benefit"], total - BSR_2025_BENEFIT_VND)
        else:
            benefit[in_year] = _scaled_benefit(frame.loc[in_year, "raw_benefit"], total)
    frame["benefit_vnd"] = benefit.where(frame["raw_benefit"] > 0).astype("Int64")
    reward = (benefit * 0.01).clip(lower=2_000_000, upper=200_000_000).round(-5)
    frame["reward_vnd"] = reward.where(frame["raw_benefit"] > 0).astype("Int64")
    return frame.drop(columns=["raw_benefit"])


def ensure_second_program(cur) -> None:
    """The second program's reference rows, each only where missing: the program, its periods 2024-2026,
    PVComBank (a unit from 2025), the head office's rename, each unit's yearly targets and the yearly
    milestones. Existing rows (an analyst's edits) are left as they are."""
    code = SECOND_PROGRAM
    cur.execute(
        """INSERT INTO programs (code, name, name_en, start_on, end_on, target, noun_vi, noun_en, period_word_vi,
                                 period_word_en, organizer, organizer_en)
           SELECT ?, ?, ?, ?, ?, NULL, 'sản phẩm sáng tạo', 'creative products', 'Năm', 'Year',
                  'Tập đoàn Công nghiệp – Năng lượng Quốc gia Việt Nam (Petrovietnam)', 'Petrovietnam'
           WHERE NOT EXISTS (SELECT 1 FROM programs WHERE code = ?)""",
        [code, "Đổi mới sáng tạo Dầu khí 2024–2028", "Petroleum Innovation 2024–2028", SECOND_START, SECOND_END,
         code],
    )  # fmt: skip
    for year in SECOND_YEARS:
        cur.execute(
            """INSERT INTO periods SELECT ?, ?, ?, ?, ?, NULL, ?
               WHERE NOT EXISTS (SELECT 1 FROM periods WHERE program_code = ? AND period = ?)""",
            [code, year, f"Năm {year}", dt.date(year, 1, 1), dt.date(year, 12, 31), SECOND_THEMES.get(year),
             code, year],
        )  # fmt: skip
    bank = PVCOMBANK
    cur.execute(
        """INSERT INTO units (code, name, short_name, group_name, members, aliases)
           SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM units WHERE code = ?)""",
        [bank["code"], bank["name"], bank["short_name"], bank["group_name"], bank["members"], bank["aliases"],
         bank["code"]],
    )  # fmt: skip
    cur.execute(
        """INSERT INTO unit_changes (on_date, kind, unit_code, note)
           SELECT ?, 'add', ?, ? WHERE NOT EXISTS (SELECT 1 FROM unit_changes WHERE kind = 'add' AND unit_code = ?)""",
        [PVCOMBANK_JOINED, bank["code"], "Tham gia chương trình từ năm 2025", bank["code"]],
    )
    day, unit, old, new = HEAD_OFFICE_RENAME
    renamed = cur.execute(
        "UPDATE units SET name = ? WHERE code = ? AND name = ? RETURNING code", [new, unit, old]
    ).fetchall()
    if renamed:
        cur.execute(
            "INSERT INTO unit_changes (on_date, kind, unit_code, old_name, note) VALUES (?, 'rename', ?, ?, ?)",
            [day, unit, old, "Quyết định 733/QĐ-TTg ngày 09/04/2025 đổi tên Tập đoàn"],
        )
    members = dict(cur.execute("SELECT code, members FROM units").fetchall())
    targets = second_targets({c: int(m or 0) for c, m in members.items()})
    for unit, year, target in targets:
        cur.execute(
            """INSERT INTO targets (unit_code, phase, target, program_code) SELECT ?, ?, ?, ?
               WHERE NOT EXISTS (SELECT 1 FROM targets WHERE program_code = ? AND unit_code = ? AND phase = ?)""",
            [unit, year, target, code, code, unit, year],
        )
    if not cur.execute("SELECT count(*) FROM milestones WHERE program_code = ?", [code]).fetchone()[0]:
        cumulative = 0
        for year in SECOND_YEARS:
            cumulative += sum(t for _, y, t in targets if y == year)
            cur.execute(
                "INSERT INTO milestones (on_date, cumulative_target, label, program_code) VALUES (?, ?, ?, ?)",
                [dt.date(year, 12, 31), cumulative, f"Hoàn thành chỉ tiêu năm {year}", code],
            )


def load_sample(store: Store) -> int:
    """Replace the store's records with the sample (both programs), as one import of mode 'sample';
    returns its id. The second program's reference rows are added where missing (ensure_second_program).

    Runs in one transaction, so a store is either untouched or fully loaded.
    """
    units = store.df("SELECT code, group_name FROM units")
    missing = {code for code, _, _ in PLAN} - set(units["code"])
    if missing:
        raise ValueError(f"units missing from the store for the sample: {sorted(missing)}")
    records = pd.concat(
        [
            build_records(units).assign(program_code=FIRST_PROGRAM),
            build_second_records(units).assign(program_code=SECOND_PROGRAM),
        ],
        ignore_index=True,
    )
    records = plant_quality_cases(records)
    with store.transaction() as cur:
        ensure_second_program(cur)
        import_id = cur.execute("SELECT nextval('import_id_seq')").fetchone()[0]
        cur.execute("DELETE FROM initiatives")
        cur.register("sample_records", records)
        cur.execute(
            """INSERT INTO initiatives (code, title, authors, author_count, unit_code, field, status, level,
                                        registered_on, recognized_on, applied_on, benefit_vnd, reward_vnd,
                                        phase, import_id, program_code)
               SELECT s.code, s.title, s.authors, s.author_count, s.unit_code, s.field, s.status, s.level,
                      s.registered_on, s.recognized_on, s.applied_on, s.benefit_vnd, s.reward_vnd,
                      (SELECT p.period FROM periods p
                       WHERE p.program_code = s.program_code AND s.registered_on BETWEEN p.start_on AND p.end_on),
                      ?, s.program_code
               FROM sample_records s""",
            [import_id],
        )
        cur.unregister("sample_records")
        cur.execute(
            """INSERT INTO imports (id, file_name, sha256, imported_at, imported_by, mode, rows_read, inserted,
                                    updated, unchanged, rejected, skipped)
               VALUES (?, 'sample', NULL, now(), 'analytics sample', 'sample', ?, ?, 0, 0, 0, 0)""",
            [import_id, len(records), len(records)],
        )
    return int(import_id)


# ---------------------------------------------------------------------------------------------------------
# Titles as varied as real ones, and the quality cases planted in them (issue 18). Drawn after the records
# are built, from generators of their own seeded by each record's code, so that every published figure (and
# every other column) is exactly what it was: only titles change, and a few benefits move between records
# of the same unit, program and period (each unit's, period's and program's totals stay the same).

TITLE_SEED = 18_2026
_T_ACTIONS = (
    "Cải tiến", "Cải tạo", "Tối ưu hóa", "Giải pháp nâng cao hiệu quả", "Ứng dụng công nghệ mới cho",
    "Thiết kế, chế tạo", "Hoàn thiện quy trình", "Số hóa", "Giảm tiêu hao năng lượng của",
    "Nâng cao độ tin cậy của", "Tự động hóa", "Khắc phục sự cố", "Thay thế vật tư nhập khẩu cho",
    "Kéo dài tuổi thọ", "Rút ngắn thời gian", "Chuẩn hóa", "Giám sát trực tuyến", "Phục hồi",
    "Lắp đặt bổ sung", "Đổi mới phương pháp", "Nội địa hóa", "Sửa đổi thiết kế", "Xây dựng mô hình",
)  # fmt: skip
_T_OBJECTS = {
    "Kỹ thuật – Công nghệ": (
        "bơm tuần hoàn", "cụm trao đổi nhiệt", "van điều khiển áp suất", "thiết bị đo lưu lượng", "máy nén khí",
        "lò gia nhiệt", "tháp chưng cất", "hệ thống bôi trơn", "tuabin hơi", "bộ lọc dầu", "đầu đốt",
        "cánh khuấy thiết bị phản ứng", "bình tách", "đường ống dẫn khí", "hệ thống làm mát", "máy phát điện dự phòng",
        "bộ điều tốc", "quạt làm mát không khí", "hệ thống thủy lực", "cần cẩu giàn",
    ),
    "Sản xuất – Vận hành": (
        "quy trình vận hành phân xưởng", "chế độ khởi động tổ máy", "dây chuyền đóng bao", "công tác bảo dưỡng định kỳ",
        "lịch sửa chữa thiết bị quay", "quy trình xuất hàng", "ca vận hành", "công tác pha chế", "quy trình nạp xúc tác",
        "việc kiểm tra thiết bị trước ca", "công đoạn sấy sản phẩm", "quy trình dừng máy khẩn cấp",
        "kho nguyên liệu", "bể chứa sản phẩm", "công tác súc rửa bồn",
    ),
    "An toàn – Môi trường": (
        "hệ thống xử lý nước thải", "công tác ứng phó sự cố tràn dầu", "hệ thống phát hiện rò rỉ khí",
        "trang bị bảo hộ lao động", "kiểm soát khí thải", "hệ thống chữa cháy", "công tác phân loại chất thải",
        "biển cảnh báo an toàn", "quy trình làm việc trên cao", "kiểm soát tiếng ồn", "thu gom dầu thải",
        "giám sát khí độc H2S",
    ),
    "Tiết kiệm năng lượng": (
        "hệ thống chiếu sáng", "thu hồi nhiệt khói thải", "biến tần cho động cơ", "mạng hơi nước",
        "hệ thống điều hòa trung tâm", "bẫy hơi", "hệ thống khí nén", "lò hơi phụ trợ", "bơm nước làm mát",
        "điện mặt trời áp mái", "cách nhiệt đường ống",
    ),
    "Quản lý – Quản trị": (
        "công tác lập kế hoạch", "quy trình mua sắm vật tư", "quản lý hợp đồng", "công tác kiểm kê",
        "quy chế phối hợp giữa các phòng ban", "công tác thanh quyết toán", "quản lý tài sản cố định",
        "công tác tuyển dụng", "đánh giá hiệu quả công việc", "quản lý chi phí sửa chữa", "lưu trữ hồ sơ",
        "quản lý tồn kho", "công tác văn thư",
    ),
    "Chuyển đổi số": (
        "phần mềm quản lý sáng kiến", "cổng thông tin nội bộ", "hệ thống báo cáo trực tuyến",
        "quản lý hồ sơ điện tử", "ứng dụng di động cho công nhân", "chữ ký số", "kho dữ liệu vận hành",
        "bảng điều khiển trực quan", "trợ lý ảo tra cứu quy trình", "phần mềm quản lý bảo dưỡng",
        "hệ thống nhận diện bằng camera", "số hóa bản vẽ kỹ thuật",
    ),
    "Kinh doanh – Thị trường": (
        "mạng lưới cửa hàng xăng dầu", "công tác chăm sóc khách hàng", "kênh phân phối sản phẩm",
        "chính sách bán hàng", "thương hiệu sản phẩm", "hệ thống đại lý", "bán hàng trực tuyến",
        "dự báo nhu cầu thị trường", "công tác giao nhận hàng",
    ),
    "Đào tạo – Nghiên cứu": (
        "chương trình đào tạo vận hành viên", "phòng thí nghiệm phân tích mẫu", "giáo trình an toàn",
        "mô hình mô phỏng vận hành", "bộ câu hỏi sát hạch", "học liệu điện tử", "phương pháp phân tích dầu thô",
        "đề tài đánh giá vỉa", "chương trình kèm cặp", "bài giảng thực hành",
    ),
}  # fmt: skip
_T_TAGGED = {"Kỹ thuật – Công nghệ", "Sản xuất – Vận hành", "Tiết kiệm năng lượng", "An toàn – Môi trường"}
_T_TAG_PREFIXES = ("P", "E", "V", "K", "T", "C", "F", "R")
_T_DOC_PREFIXES = ("QT", "BM", "HD", "QĐ", "KH")
_T_PURPOSES = (
    "nhằm giảm chi phí", "để tăng năng suất", "giảm thời gian dừng máy", "bảo đảm an toàn", "tiết kiệm điện",
    "giảm tổn thất", "nâng cao chất lượng sản phẩm", "rút ngắn thời gian xử lý", "giảm phát thải",
    "giảm sai sót", "", "", "",
)  # fmt: skip
_T_PLACES = (
    "tại nhà máy", "tại giàn khai thác", "tại kho cảng", "tại phân xưởng", "tại trạm phân phối", "tại văn phòng",
    "tại công trường", "tại xưởng bảo dưỡng", "tại khu bể chứa", "tại trung tâm điều độ", "", "", "",
)  # fmt: skip


def varied_title(code: str, field: str) -> str:
    """A title drawn for one record from its code (deterministic, independent of every other draw)."""
    rng = random.Random(f"{TITLE_SEED}:{code}")
    objects = _T_OBJECTS.get(field) or _T_OBJECTS["Kỹ thuật – Công nghệ"]
    subject = rng.choice(objects)
    if field in _T_TAGGED and rng.random() < 0.75:
        subject += f" {rng.choice(_T_TAG_PREFIXES)}-{rng.randint(101, 4999)}{rng.choice(('', '', 'A', 'B'))}"
    elif rng.random() < 0.6:
        subject += f" theo {rng.choice(_T_DOC_PREFIXES)}-{rng.randint(1, 99):02d}"
    parts = [rng.choice(_T_ACTIONS), subject, rng.choice(_T_PURPOSES), rng.choice(_T_PLACES)]
    return " ".join(p for p in parts if p)


def vary_titles(frame: pd.DataFrame) -> pd.DataFrame:
    """Every record's title drawn again from the richer vocabulary (nothing else changes)."""
    frame["title"] = [
        varied_title(code, field) for code, field in zip(frame["code"], frame["field"], strict=True)
    ]
    return frame


# The planted cases, said on screen to be illustrative: (how many, kind). A "same" case re-registers a record
# of the unit (in the same field: the same idea) under a reworded title (filler words, word order, case, accents dropped); a "spread" is the
# same idea taken up by another unit later (same field); an "across programs" case is a record of the first
# program registered again in the second by its unit, in its field.
PLANTED = {"same": 30, "spread": 20, "other_program": 12}
PLANTED_BENEFITS = (("1-trieu-sang-kien", "PV GAS", 2), ("dmst-dau-khi", "PVFCCo", 2025))
_FILLERS = ("Giải pháp", "Sáng kiến", "Sáng kiến cải tiến", "Giải pháp kỹ thuật")


def reworded(title: str, rng: random.Random) -> str:
    """The same title as another person types it: a filler prefix, the place first, case, no accents."""
    from analytics.textnorm import strip_accents

    text = title
    move = rng.random()
    if move < 0.35 and " tại " in text:
        head, _, place = text.partition(" tại ")
        text = f"{head[0].lower()}{head[1:]}, tại {place}"
        text = f"{rng.choice(_FILLERS)} {text}"
    elif move < 0.6:
        text = f"{rng.choice(_FILLERS)}: {text[0].lower()}{text[1:]}"
    elif move < 0.8:
        text = strip_accents(text).upper()
    else:
        text = text.replace(",", "").replace(" tại ", " - tại ") + "."
    return text


def plant_quality_cases(records: pd.DataFrame) -> pd.DataFrame:
    """Plant the illustrative duplicates, spreads and implausible benefits into `records` (both programs,
    in the `initiatives` layout): titles of existing records reworded, benefits moved within one unit,
    program and period. No record is added or removed."""
    rng = random.Random(TITLE_SEED)
    used: set[int] = set()
    by_unit_program = records.groupby(["program_code", "unit_code"]).groups
    first = records[records["program_code"] == FIRST_PROGRAM]
    second = records[records["program_code"] == SECOND_PROGRAM]

    def take(index: int) -> bool:
        if index in used:
            return False
        used.add(index)
        return True

    planted = 0
    keys = sorted(k for k, v in by_unit_program.items() if len(v) >= 40)
    while planted < PLANTED["same"]:
        rows = list(by_unit_program[rng.choice(keys)])
        a = rng.choice(rows)
        same_field = [i for i in rows if i != a and records.at[i, "field"] == records.at[a, "field"]]
        if not same_field:  # the same idea is registered again in its own field
            continue
        a, b = sorted((a, rng.choice(same_field)), key=lambda i: records.at[i, "registered_on"])
        if take(a) and take(b):
            records.at[b, "title"] = reworded(records.at[a, "title"], rng)
            planted += 1
    planted = 0
    while planted < PLANTED["spread"]:
        a = rng.choice(list(first.index) + list(second.index))
        pool = records[
            (records["program_code"] == records.at[a, "program_code"])
            & (records["unit_code"] != records.at[a, "unit_code"])
            & (records["field"] == records.at[a, "field"])
            & (records["registered_on"] > records.at[a, "registered_on"])
        ]
        if pool.empty:
            continue
        b = rng.choice(list(pool.index))
        if take(a) and take(b):
            records.at[b, "title"] = (
                reworded(records.at[a, "title"], rng) if rng.random() < 0.5 else records.at[a, "title"]
            )
            planted += 1
    planted = 0
    while planted < PLANTED["other_program"]:
        a = rng.choice(list(first.index))
        pool = second[
            (second["unit_code"] == records.at[a, "unit_code"]) & (second["field"] == records.at[a, "field"])
        ]
        if pool.empty:
            continue
        b = rng.choice(list(pool.index))
        if take(a) and take(b):
            records.at[b, "title"] = reworded(records.at[a, "title"], rng)
            planted += 1
    for program, unit, period_key in PLANTED_BENEFITS:
        _concentrate_benefit(records, program, unit, period_key, rng)
    return records


def _concentrate_benefit(
    records: pd.DataFrame, program: str, unit: str, period_key: int, rng: random.Random
) -> None:
    """One record of the unit's period takes 90% of the benefit of the unit's other records of the period
    (each keeps at least 1 triệu): an illustrative benefit far outside the unit's history, with the unit's,
    period's and program's totals unchanged."""
    if program == FIRST_PROGRAM:
        in_period = records["registered_on"].map(lambda d: (d > PHASE1_END) + 1) == period_key
    else:
        in_period = records["registered_on"].map(lambda d: d.year) == period_key
    rows = records[(records["program_code"] == program) & (records["unit_code"] == unit) & in_period]
    rows = rows[rows["benefit_vnd"].notna() & (rows["status"] == "applied")]
    if len(rows) < 10:
        return
    receiver = rng.choice(sorted(rows.index))
    moved = 0
    for index in rows.index:
        if index == receiver:
            continue
        value = int(records.at[index, "benefit_vnd"])
        give = max(0, min(value - 1_000_000, round(value * 0.9 / 1_000_000) * 1_000_000))
        records.at[index, "benefit_vnd"] = value - give
        moved += give
    records.at[receiver, "benefit_vnd"] = int(records.at[receiver, "benefit_vnd"]) + moved
