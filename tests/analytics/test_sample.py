"""The illustrative sample reproduces every published checkpoint (program-facts.md)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from analytics import metrics
from analytics.cli import summary_payload
from analytics.filters import Filters
from analytics.sample import build_records
from tests.conftest import ROOT

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
    payload = summary_payload(sample_store, Filters())
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
    daily = metrics.daily_registrations(sample_store, Filters())
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
    _, stats = metrics.benefit_distribution(sample_store, Filters())
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
        [sys.executable, "-m", "analytics", "summary", "--db", str(db), "--json"],
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
