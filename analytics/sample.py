"""The illustrative data set: 33 affiliated unions whose records reproduce the published checkpoints.

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

import pandas as pd

from analytics.store import Store

SEED = 20210901
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


def _status_and_dates(rng: random.Random, registered: dt.date) -> tuple[str, dt.date | None, dt.date | None]:
    """Recognition follows registration by weeks; the newest records are still waiting."""
    if rng.random() < 0.04:
        return "not_recognized", None, None
    recognized = registered + dt.timedelta(days=max(3, int(rng.lognormvariate(math.log(28), 0.6))))
    if recognized > LAST_DAY:
        return "registered", None, None
    if rng.random() < 0.62:
        applied = recognized + dt.timedelta(days=int(rng.lognormvariate(math.log(20), 0.8)))
        if applied <= LAST_DAY:
            return "applied", recognized, applied
    return "recognized", recognized, None


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
        popularity = [1 / (rank + 1) ** 0.8 for rank in range(pool_size)]
        dates = [phase1_dates.pop() for _ in range(by_phase1)] + [
            phase2_dates.pop() for _ in range(final - by_phase1)
        ]
        field_weights = _FIELD_WEIGHTS_BY_GROUP.get(group_of[unit], _FIELD_WEIGHTS_DEFAULT)
        # Every author leads at least one record, placed at random along the unit's timeline, so the
        # number of authors grows through the program instead of all appearing in its first weeks.
        first_records = dict(zip(rng.sample(range(len(dates)), pool_size), pool, strict=True))
        for index, registered in enumerate(sorted(dates)):
            lead = first_records.get(index) or rng.choices(pool, weights=popularity)[0]
            team_size = min(pool_size, rng.choices((1, 2, 3, 4), weights=(45, 30, 17, 8))[0])
            team = [lead] + [a for a in rng.sample(pool, team_size) if a != lead][: team_size - 1]
            field = rng.choices(FIELDS, weights=field_weights)[0]
            status, recognized, applied = _status_and_dates(rng, registered)
            level = (
                rng.choices(("unit", "sector", "national"), weights=(85, 13, 2))[0] if recognized else None
            )
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
                    "raw_benefit": _raw_benefit(rng, status, level, group_of[unit]),
                }
            )
    frame = pd.DataFrame.from_records(records).sort_values(["registered_on", "unit_code"], kind="stable")
    frame = frame.reset_index(drop=True)
    frame.insert(0, "code", [f"SKDK-{d.year}-{i + 1:05d}" for i, d in enumerate(frame["registered_on"])])
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


def load_sample(store: Store) -> int:
    """Replace the store's records with the sample, as one import of mode 'sample'; returns its id.

    Runs in one transaction, so a store is either untouched or fully loaded.
    """
    units = store.df("SELECT code, group_name FROM units")
    missing = {code for code, _, _ in PLAN} - set(units["code"])
    if missing:
        raise ValueError(f"units missing from the store for the sample: {sorted(missing)}")
    records = build_records(units)
    with store.transaction() as cur:
        import_id = cur.execute("SELECT nextval('import_id_seq')").fetchone()[0]
        cur.execute("DELETE FROM initiatives")
        cur.register("sample_records", records)
        cur.execute(
            """INSERT INTO initiatives (code, title, authors, author_count, unit_code, field, status, level,
                                       registered_on, recognized_on, applied_on, benefit_vnd, reward_vnd, phase,
                                       import_id)
               SELECT s.code, s.title, s.authors, s.author_count, s.unit_code, s.field, s.status, s.level,
                      s.registered_on, s.recognized_on, s.applied_on, s.benefit_vnd, s.reward_vnd,
                      (SELECT p.phase FROM phases p WHERE s.registered_on BETWEEN p.start_on AND p.end_on),
                      ?
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
