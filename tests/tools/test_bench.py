"""A small-N run of the benchmark: the JSON contract and the DuckDB/pandas agreement (no timed asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.conftest import ROOT

SUMMARY_KEYS = {
    "rows",
    "raw_read_s",
    "ingest_s",
    "pandas_ingest_s",
    "ingest_vs_raw",
    "page_speedup_vs_pandas",
    "apptest_max_s",
    "peak_rss_mb",
    "pages",
    "net",
    "first_visit_bytes",
    "browser_filter_change_s",
    "sessions_capacity",
    "load",
    "cli_import_s",
    "raw_read_process_s",
    "cli_import_vs_raw_process",
    "cli_import_vs_raw_process_runs",
    "ingest_vs_raw_runs",
    "browser_first_page",
    "author_index_s",
}


def test_bench_json_contract_and_equal_results(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "bench",
            "--rows",
            "3000",
            "--repeat",
            "1",
            "--json",
            "--workdir",
            str(tmp_path),
            "--load-levels",
            "1,2",
            "--load-duration",
            "2",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert set(result) >= SUMMARY_KEYS
    assert result["rows"] == 3000
    assert set(result["pages"]) == {"overview", "units", "trends", "benefit", "records"}
    for figures in result["pages"].values():
        assert set(figures) == {"duckdb_s", "pandas_s", "apptest_s"}
        assert all(value > 0 for value in figures.values())
    assert result["results_equal"] is True and result["mismatches"] == {}
    assert result["ingest_vs_raw"] == result["ingest_s"] / result["raw_read_s"]
    assert len(result["ingest_vs_raw_runs"]) == 1 and len(result["cli_import_vs_raw_process_runs"]) == 1
    assert result["peak_rss_mb"] > 50
    # the browser on each network, a first visit's bytes, the filter change, many viewers, whole processes
    assert set(result["net"]) == {"lan", "fast", "slow"}
    for figures in result["net"].values():
        assert set(figures) == {"first_figure_s", "first_chart_s"}
        assert 0 < figures["first_figure_s"] < figures["first_chart_s"] + 60
    assert result["first_visit_bytes"] > 100_000
    assert set(result["browser_filter_change_s"]) == {"median", "worst"}
    assert 0 < result["browser_filter_change_s"]["median"] <= result["browser_filter_change_s"]["worst"]
    assert result["sessions_capacity"] in (0, 1, 2)
    assert [level["sessions"] for level in result["load"]["levels"]][:1] == [1]
    assert result["cli_import_vs_raw_process"] == result["cli_import_s"] / result["raw_read_process_s"]
    # the generated export is a Vietnamese one: day-first dates and thousands dots
    export = (tmp_path / "export-3000.csv").read_text(encoding="utf-8").splitlines()
    assert export[0].startswith("Mã SK,Tên sáng kiến")
    assert any("/20" in line and "." in line for line in export[1:50])


def test_bench_rejects_bad_arguments():
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "bench", "--rows", "many"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2


def test_first_page_in_browser_is_read_on_the_page_clock(browser, sample_copy):
    """The browser figure is the page's own time from the start of its navigation to the frame that paints
    the first card: positive, in seconds (not milliseconds), and shorter than the whole measurement around
    it (server start and three visits). Not a timing goal: that is the bench's."""
    from tools.bench.run import first_page_times

    started = time.perf_counter()
    result = first_page_times(browser, sample_copy, 1)
    wall = time.perf_counter() - started
    for key in ("first_visit_s", "later_visits_s"):
        assert 0 < result[key] < wall, (key, result, wall)


def test_whole_processes_take_every_turn_on_a_new_store(tmp_path):
    """The command's store holds data after its first turn (its backup folder keeps the marker): each turn
    removes the whole store, so the second turn imports instead of being refused as a store lost."""
    from tests.analytics.ingest import fixtures as fx
    from tools.bench.run import whole_processes

    path = tmp_path / "small.csv"
    path.write_bytes(fx.csv_bytes(fx.rows(20)))
    result = whole_processes(path, tmp_path, 2)
    assert len(result["cli_import_vs_raw_process_runs"]) == 2
    assert result["cli_import_vs_raw_process"] == result["cli_import_s"] / result["raw_read_process_s"]
    assert not (tmp_path / "process-cli.backups").exists()
