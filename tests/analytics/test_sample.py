"""The illustrative sample reproduces every published checkpoint of both programs (program-facts.md).

"1 triệu sáng kiến" is checked through views that name it (its program code or an as-of day inside it): a
bare view of the sample opens the running program, "Đổi mới sáng tạo Dầu khí" (see the default-program
tests below and tests/analytics/test_programs.py)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from analytics import metrics
from analytics.cli import summary_payload
from analytics.filters import Filters
from analytics.sample import SECOND_LAST_DAY, build_records, build_second_records
from tests.conftest import DMST, ONE_MILLION, ROOT

PHASE1_LEADERS = {"BSR", "VPI", "PVCFC", "PVU"}
PHASE1_OVER_HALF = {"PVFCCo", "PV GAS", "QLDA TB2"}


def units_of(payload: dict, phase: int | str) -> dict[str, dict]:
    return {u["unit"]: u for u in payload["units"] if u["phase"] == phase}


def test_phase_one_as_published(sample_store):
    payload = summary_payload(sample_store, Filters(as_of=dt.date(2022, 5, 31)))
    phase1 = payload["phases"][0]
    assert (phase1["registered"], phase1["target"], phase1["pct"]) == (1458, 1400, 104.1)
    assert payload["records"] == 1458
    units = units_of(payload, 1)
    assert {code for code, u in units.items() if u["tier"] == "met"} == PHASE1_LEADERS
    assert {code for code, u in units.items() if u["tier"] == "over_half"} == PHASE1_OVER_HALF
    assert all(
        u["tier"] == "under_half"
        for code, u in units.items()
        if code not in PHASE1_LEADERS | PHASE1_OVER_HALF
    )
    assert units["PVOIL"]["registered"] > 0
    assert units["PVEP"]["registered"] == 22
    assert all(50 <= units[c]["pct"] < 100 for c in PHASE1_OVER_HALF)


def test_checkpoint_april_2023(sample_store):
    assert summary_payload(sample_store, Filters(as_of=dt.date(2023, 4, 14)))["records"] == 3516


def test_end_of_program_as_published(sample_store):
    payload = summary_payload(sample_store, Filters(program=ONE_MILLION))
    assert payload["as_of"] == "2023-08-31"
    assert (payload["records"], payload["target"], payload["pct"]) == (7085, 5400, 131.2)
    assert payload["phases"][1]["target"] == 4000
    assert payload["authors"] == 1062
    assert payload["benefit_vnd"] > 9_000e9
    program = units_of(payload, "all")
    assert len(program) == 33
    assert all(u["registered"] > 0 for u in program.values())
    assert sum(u["tier"] == "met" for u in program.values()) == 18
    assert (program["PVEP"]["target"], program["PVEP"]["registered"], program["PVEP"]["pct"]) == (
        210,
        395,
        188.0,
    )


def test_peak_campaign_lifts_registrations(sample_store):
    """The 40 days to 31/05/2022 register at least three times the daily rate of the months before."""
    daily = metrics.daily_registrations(sample_store, Filters(program=ONE_MILLION))
    day = daily.set_index("day")["registered"]
    campaign = day["2022-04-22":"2022-05-31"].sum() / 40
    before = day["2021-09-01":"2022-04-21"].sum() / 233
    assert campaign > 3 * before


def test_record_shapes_are_realistic(sample_store):
    rows = sample_store.rows(
        """SELECT count(*) FILTER (WHERE recognized_on < registered_on),
                  count(*) FILTER (WHERE applied_on < recognized_on),
                  count(*) FILTER (WHERE status = 'applied' AND applied_on IS NULL),
                  count(DISTINCT field), count(DISTINCT status), max(author_count),
                  count(*) FILTER (WHERE author_count <> len(string_split(authors, ';')))
           FROM initiatives"""
    )[0]
    assert rows[:3] == (0, 0, 0)
    assert rows[3] >= 6 and rows[4] == 4 and rows[5] >= 3 and rows[6] == 0
    # Long tail: the top 10% of initiatives hold most of the benefit.
    _, stats = metrics.benefit_distribution(sample_store, Filters(program=ONE_MILLION))
    assert stats["top10_share"] > 50
    assert stats["mean"] > 2 * stats["median"]


def test_authors_shared_across_records(sample_store):
    most = sample_store.one(
        """SELECT max(n) FROM (SELECT trim(a) AS author, count(*) AS n
           FROM (SELECT unnest(string_split(authors, ';')) AS a FROM initiatives) GROUP BY 1)"""
    )
    assert most >= 10


def test_sample_is_deterministic(sample_store):
    units = sample_store.df("SELECT code, group_name FROM units")
    first, second = build_records(units), build_records(units)
    assert first.equals(second)
    assert build_second_records(units).equals(build_second_records(units))


def test_summary_command_json_on_a_fresh_store(tmp_path):
    db = tmp_path / "fresh.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "sample", "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "summary", "--db", str(db), "--json", "--program", ONE_MILLION],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    payload = json.loads(out.stdout)
    assert set(payload) >= {"records", "authors", "benefit_vnd", "target", "phases", "units"}
    assert set(payload["phases"][0]) == {"phase", "name", "start", "end", "target", "registered", "pct"}
    assert set(payload["units"][0]) == {"unit", "name", "phase", "registered", "target", "pct", "tier"}
    assert payload["records"] == 7085 and payload["target"] == 5400
    assert payload["phases"][0]["start"] == "2021-09-01"


def _summary(db, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "analytics", "summary", "--db", str(db), "--json", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_both_programs_published_figures_through_summary_json(sample_db):
    """The published results of both programs, read as a scheduled job reads them."""
    # "1 triệu sáng kiến": named, or by an as-of day inside it (as every earlier command gave it).
    first = _summary(sample_db, "--program", ONE_MILLION)
    assert (first["records"], first["target"], first["pct"], first["authors"]) == (7085, 5400, 131.2, 1062)
    assert first["program"] == {
        "code": ONE_MILLION,
        "name": "1 triệu sáng kiến",
        "start": "2021-09-01",
        "end": "2023-09-30",
        "noun": "sáng kiến",
    }
    assert _summary(sample_db, "--as-of", "2022-05-31")["phases"][0]["registered"] == 1458
    assert _summary(sample_db, "--as-of", "2023-04-14")["records"] == 3516

    # "Đổi mới sáng tạo Dầu khí 2024–2028", the running program: what a bare summary gives.
    bare = _summary(sample_db)
    assert bare["program"]["code"] == DMST and bare["program"]["noun"] == "sản phẩm sáng tạo"
    assert bare["as_of"] == SECOND_LAST_DAY.isoformat()
    assert [p["phase"] for p in bare["phases"]] == [2024, 2025, 2026]
    year2024 = bare["phases"][0]
    assert year2024["registered"] > 3400
    assert _summary(sample_db, "--lang", "en")["program"]["noun"] == "creative products"

    year = _summary(sample_db, "--program", DMST, "--as-of", "2025-12-31")
    units2025 = units_of(year, 2025)
    bsr = units2025["BSR"]
    assert (bsr["target"], bsr["registered"], bsr["pct"], bsr["tier"]) == (68, 869, 1277.9, "met")
    by_number = sorted(units2025.values(), key=lambda u: -u["registered"])
    assert [(u["unit"], u["registered"]) for u in by_number[:5]] == [
        ("BSR", 869),
        ("PVFCCo", 643),
        ("PVComBank", 221),
        ("VSP", 184),
        ("PV Power", 179),
    ]
    assert "PVComBank" not in units_of(year, 2024)  # a unit from 2025
    assert "PVComBank" not in units_of(first, "all")  # took no part in "1 triệu sáng kiến"


def test_second_program_benefit_as_published(sample_store):
    year2025 = Filters(program=DMST, phase=2025)
    by_unit = metrics.benefit_by(sample_store, year2025)["unit"]
    assert by_unit.iloc[0]["key"] == "BSR" and by_unit.iloc[0]["benefit_vnd"] > 34_893e9  # first by value
    assert by_unit.iloc[0]["benefit_vnd"] < 34_894e9
    year2024 = metrics.progress(sample_store, Filters(program=DMST, phase=2024)).program
    assert year2024["registered"] > 3400 and 7_900e9 < year2024["benefit_vnd"] < 8_100e9  # "about 8,000 tỷ"
    ranking = metrics.rankings(metrics.progress(sample_store, year2025), 2025)
    bsr = ranking.set_index("unit").loc["BSR"]
    assert (bsr["rank_registered"], bsr["rank_benefit"]) == (1, 1)


def test_the_sample_never_depends_on_todays_date(sample_store):
    last = sample_store.one("SELECT max(registered_on) FROM initiatives WHERE program_code = ?", [DMST])
    assert last <= SECOND_LAST_DAY
    assert (
        sample_store.one("SELECT max(coalesce(applied_on, recognized_on)) FROM initiatives")
        <= SECOND_LAST_DAY
    )
