"""An import killed at any moment (SIGKILL: no cleanup runs) leaves the store exactly as before it or
exactly as after it, never in between. The import runs as `python -m analytics import` in a subprocess
that is killed at spread-out moments of its run (start-up, reading, validating, writing, committing)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics import ingest
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.conftest import ROOT

ROWS = 150_000


def fingerprint(db: Path) -> tuple:
    store = open_store(db)
    try:
        return (
            store.record_count(),
            store.one(
                "SELECT coalesce(sum(hash(code, title, unit_code, status, registered_on, benefit_vnd, import_id)), 0) FROM initiatives"
            ),
            store.one("SELECT count(*) FROM imports"),
            store.one("SELECT count(*) FROM initiative_history"),
            store.data_version(),
        )
    finally:
        store.close()


def start(db: Path, csv: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "analytics", "import", str(csv), "--db", str(db), "--json"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_import_leaves_the_store_before_or_after(tmp_path):
    base = tmp_path / "base.duckdb"
    store = open_store(base)
    # Half the file's codes are already in the store (so the import both updates and inserts).
    first = fx.big_csv(tmp_path / "first.csv", ROWS // 2)
    assert ingest.import_file(store, first).inserted == ROWS // 2
    store.close()
    csv = fx.big_csv(tmp_path / "second.csv", ROWS, start=ROWS // 4)
    before = fingerprint(base)

    finished = tmp_path / "finished.duckdb"
    shutil.copy(base, finished)
    began = time.monotonic()
    process = start(finished, csv)
    assert process.wait(timeout=300) == 0
    duration = time.monotonic() - began
    after = fingerprint(finished)
    assert after != before and after[0] == ROWS // 4 + ROWS

    outcomes = []
    for fraction in (0.15, 0.35, 0.55, 0.7, 0.8, 0.9, 0.97):
        db = tmp_path / f"killed-{fraction}.duckdb"
        shutil.copy(base, db)
        process = start(db, csv)
        time.sleep(duration * fraction)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        state = fingerprint(db)
        assert state in (before, after), f"killed at {fraction:.0%} of the run: store is in between"
        outcomes.append((fraction, process.returncode, state == after))
    # The kills landed while the import was running (not all after it finished).
    assert any(code == -signal.SIGKILL and not done for _, code, done in outcomes), outcomes
