"""The command line's exit codes and messages (`python -m analytics ...`)."""

from __future__ import annotations

import subprocess
import sys

from analytics.store import open_store
from tests.conftest import ROOT, insert_records, record


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
