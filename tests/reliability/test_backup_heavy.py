"""The backup and restore round trip at the program's scale (heavy): a 1,000,000-record store snapshotted
and restored by the real commands, the restored store equal to the snapshot table by table, then the same
snapshot put in the place of the store after damage. The times and sizes printed here are the README's
(nothing is asserted about time: the machine is shared)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from analytics import backup
from analytics.store import open_store, table_fingerprints
from tests.conftest import ROOT
from tools.bench.exports import fill_store

pytestmark = pytest.mark.heavy

ROWS = 1_000_000


def _command(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    return time.perf_counter() - started, done


def _compared(db) -> dict:
    store = open_store(db, read_only=True)
    try:
        return {k: v for k, v in table_fingerprints(store).items() if k not in ("audit_log", "meta")}
    finally:
        store.close()


def test_a_million_records_round_trip_through_backup_and_restore(tmp_path):
    db = tmp_path / "store.duckdb"
    store = open_store(db)
    started = time.perf_counter()
    fill_store(store, ROWS)
    filled = time.perf_counter() - started
    store.close()
    expected = _compared(db)
    assert expected["initiatives"][0] == ROWS

    out = tmp_path / "snapshot.duckdb"
    backup_s, made = _command("backup", "--db", str(db), "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert "1.000.000 hồ sơ" in made.stdout and "đã kiểm tra" in made.stdout
    assert json.loads(backup.manifest_of(out).read_text(encoding="utf-8"))["records"] == ROWS

    store = open_store(db)
    with store.transaction() as cur:  # a bad day: half the records gone
        cur.execute("DELETE FROM initiatives WHERE hash(code) % 2 = 0")
    left = store.record_count()
    store.close()
    assert left < ROWS * 0.6

    restore_s, restored = _command("restore", str(out), "--db", str(db))
    assert restored.returncode == 0, restored.stderr
    assert "1.000.000 hồ sơ" in restored.stdout
    assert _compared(db) == expected
    before_restore = [s for s in backup.list_snapshots(db) if s.reason == "restore"]
    assert before_restore and before_restore[0].records == left  # the state it replaced is kept

    # Damage: the store cut in half; the snapshot goes in its place, the damaged file kept aside.
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    damaged_s, in_place = _command("restore", str(out), "--db", str(db))
    assert in_place.returncode == 0, in_place.stderr
    assert "được giữ nguyên" in in_place.stdout and len(list(tmp_path.glob("store.duckdb.damaged-*"))) == 1
    assert _compared(db) == expected

    print(
        f"\n{ROWS:,} records: store {db.stat().st_size / 2**20:.0f} MB (filled in {filled:.1f} s), snapshot "
        f"{out.stat().st_size / 2**20:.0f} MB; backup {backup_s:.1f} s, restore {restore_s:.1f} s, "
        f"restore in place of a damaged store {damaged_s:.1f} s (each a whole `python -m analytics` run)"
    )
