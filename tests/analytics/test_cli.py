"""The command line's exit codes and messages (`python -m analytics ...`)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from analytics import metrics
from analytics.cli import summary_payload, summary_text
from analytics.filters import Filters
from analytics.store import open_store
from tests.conftest import ONE_MILLION, ROOT, insert_records, record


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_bad_arguments_exit_2_with_a_message(tmp_path):
    bad_date = run_cli("summary", "--db", str(tmp_path / "x.duckdb"), "--as-of", "31/05/2022")
    assert bad_date.returncode == 2 and "Ngày không hợp lệ: 31/05/2022" in bad_date.stderr
    unknown = run_cli("summary", "--nope")
    assert unknown.returncode == 2 and "bad arguments" in unknown.stderr
    assert run_cli().returncode == 2


def test_cli_summary_text_is_vietnamese(sample_db):
    out = run_cli("summary", "--db", str(sample_db), "--as-of", "2022-05-31")
    assert out.returncode == 0, out.stderr
    assert "Tổng hợp chương trình, tính đến ngày 31/05/2022" in out.stdout
    assert "1.458" in out.stdout and "104,1%" in out.stdout


def test_sample_refuses_to_overwrite_real_records(tmp_path):
    db = tmp_path / "real.duckdb"
    store = open_store(db)
    insert_records(store, [record("REAL-1", "BSR", "2022-01-01")])
    store.close()
    refused = run_cli("sample", "--db", str(db))
    assert refused.returncode == 1 and "--replace" in refused.stderr
    assert open_store(db, read_only=True).record_count() == 1


# The pace of the period in progress (`pace` of `summary --json`, one line under the period table).
SUMMARY_KEYS = {
    "as_of", "records", "authors", "benefit_vnd", "target", "pct", "units_met", "units_total", "phases",
    "units", "program",
}  # fmt: skip
UNIT_KEYS = {"unit", "name", "phase", "registered", "target", "pct", "tier"}


def test_summary_pace_is_the_trends_pages_pace_as_a_new_key(sample_store):
    filters = Filters(as_of=dt.date(2022, 9, 30), program=ONE_MILLION)
    payload = summary_payload(sample_store, filters)
    assert set(payload) == SUMMARY_KEYS | {"pace"}
    assert all(set(u) == UNIT_KEYS for u in payload["units"])  # unit objects unchanged
    assert payload["records"] == 2058 and payload["phases"][1]["registered"] == 600
    overall, _ = metrics.phase_pace(sample_store, filters)  # what the Trends page draws
    assert payload["pace"] == {
        "phase": 2,
        "end": "2023-09-30",
        "state": "behind",
        "registered": 600,
        "target": 4000,
        "weekly_recent": overall.weekly_recent,
        "weekly_needed": overall.weekly_needed,
        "projected": overall.projected,
        "projected_pct": overall.projected_pct,
    }
    assert round(overall.projected) == 2699 and overall.projected_pct == pytest.approx(67.4, abs=0.05)


@pytest.mark.parametrize(
    "as_of",
    [dt.date(2021, 8, 1), dt.date(2023, 9, 30), dt.date(2023, 12, 1)],
    ids=["not begun", "last day", "program over"],
)
def test_summary_has_no_pace_without_a_period_in_progress(sample_store, as_of):
    payload = summary_payload(sample_store, Filters(as_of=as_of, program=ONE_MILLION))
    assert payload["pace"] is None
    assert "Tiến độ" not in summary_text(payload, "vi")


def test_summary_text_has_the_pace_line_and_the_pages_unit_names(sample_db):
    args = ("summary", "--db", str(sample_db), "--program", ONE_MILLION, "--as-of", "2022-09-30")
    vi = run_cli(*args)
    en = run_cli(*args, "--lang", "en")
    assert vi.returncode == 0 and en.returncode == 0, vi.stderr + en.stderr
    lines_vi, lines_en = vi.stdout.splitlines(), en.stdout.splitlines()
    under_vi = lines_vi[next(i for i, x in enumerate(lines_vi) if x.startswith("Cả chương trình")) + 1]
    under_en = lines_en[next(i for i, x in enumerate(lines_en) if x.startswith("Whole program")) + 1]
    assert under_vi == (
        "Tiến độ Giai đoạn 2 (đến 30/09/2023): Chậm tiến độ · Dự báo cuối giai đoạn 2.699 trên chỉ tiêu "
        "4.000 (67,4%)"
    )
    assert under_en == (
        "Phase 2 pace (to 30 Sep 2023): Behind · Projected at phase end 2,699 of a 4,000 target (67.4%)"
    )
    for lines in (lines_vi, lines_en):  # short names, as every page names a unit (not VSP, QLDA TB2)
        first_words = {line.split("  ")[0] for line in lines}
        assert {"Vietsovpetro", "Ban QLDA NMNĐ Thái Bình 2", "BSR", "PV GAS"} <= first_words
        assert not {"VSP", "QLDA TB2"} & first_words
