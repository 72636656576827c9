"""The store file contract: tables, migrations, transactions, snapshots, the read-only copy."""

from __future__ import annotations

import gc
import subprocess
import sys

import duckdb
import pytest

from analytics.store import SCHEMA_VERSION, StoreError, open_store
from tests.conftest import ROOT, insert_records, record

CONTRACT = {
    "units": ["code", "name", "short_name", "parent_code", "group_name", "members", "aliases"],
    "phases": ["phase", "name", "start_on", "end_on", "target"],
    "targets": ["unit_code", "phase", "target"],
    "initiatives": [
        "code",
        "title",
        "authors",
        "author_count",
        "unit_code",
        "field",
        "status",
        "level",
        "registered_on",
        "recognized_on",
        "applied_on",
        "benefit_vnd",
        "reward_vnd",
        "phase",
        "import_id",
    ],
    "campaigns": ["name", "start_on", "end_on"],
    "milestones": ["on_date", "cumulative_target", "label"],
    "imports": [
        "id",
        "file_name",
        "sha256",
        "imported_at",
        "imported_by",
        "mode",
        "rows_read",
        "inserted",
        "updated",
        "unchanged",
        "rejected",
    ],
}


def test_new_store_has_the_contract_tables_and_reference_rows(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    for table, columns in CONTRACT.items():
        have = [
            r[0]
            for r in store.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            )
        ]
        assert have[: len(columns)] == columns or set(columns) <= set(have), table
    assert store.one("SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
    assert store.one("SELECT count(*) FROM units") == 33
    assert store.rows("SELECT phase, target FROM phases ORDER BY phase") == [(1, 1400), (2, 4000)]
    assert store.one("SELECT sum(target) FROM targets") == 5400
    assert store.one("SELECT aliases FROM units WHERE code = 'PV GAS'")[0] == "PVGAS"
    assert store.record_count() == 0 and store.never_imported()
    store.close()


def test_reopening_does_not_duplicate_reference_rows(tmp_path):
    open_store(tmp_path / "s.duckdb").close()
    store = open_store(tmp_path / "s.duckdb")
    assert store.one("SELECT count(*) FROM units") == 33
    store.close()


def test_failed_transaction_changes_nothing(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    insert_records(store, [record("K1", "BSR", "2022-01-01")])
    version = store.data_version()
    with pytest.raises(duckdb.ConstraintException), store.transaction() as cur:
        cur.execute(
            "INSERT INTO initiatives (code, title, unit_code, status, registered_on) "
            "VALUES ('K2', 't', 'BSR', 'recognized', DATE '2022-01-02')"
        )
        cur.execute(
            "INSERT INTO initiatives (code, title, unit_code, status, registered_on) "
            "VALUES ('K3', 'unknown status', 'BSR', 'bogus', DATE '2022-01-02')"
        )
    assert store.record_count() == 1 and store.data_version() == version
    store.close()


def test_data_version_bumps_on_commit(tmp_path):
    store = open_store(tmp_path / "s.duckdb")
    before = store.data_version()
    insert_records(store, [record("V1", "BSR", "2022-01-01")])
    assert store.data_version() == before + 1
    store.close()


def test_environment_variable_chooses_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SANGKIEN_DB", str(tmp_path / "env.duckdb"))
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "summary", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "env.duckdb").exists()
    assert '"records": 0' in done.stdout


def test_read_only_open_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError) as caught:
        open_store(tmp_path / "nope.duckdb", read_only=True)
    assert caught.value.code == "store_missing"


def test_a_snapshot_sees_one_committed_state_while_a_write_commits(tmp_path):
    """A page's queries all see the store as it was when the page started, even if an import commits."""
    store = open_store(tmp_path / "s.duckdb")
    insert_records(store, [record("S1", "BSR", "2022-01-01")])
    snapshot = store.snapshot()
    assert snapshot.record_count() == 1
    insert_records(store, [record("S2", "BSR", "2022-01-02"), record("S3", "PVU", "2022-01-03")])
    assert snapshot.record_count() == 1 and snapshot.data_version() == 1  # still the state it began with
    assert store.record_count() == 3
    snapshot.close()
    assert store.snapshot().record_count() == 3
    with pytest.raises(StoreError):
        snapshot.one("SELECT 1")  # a closed snapshot is not silently reused
    store.close()


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(120)
"""


def test_a_store_held_by_another_writer_opens_as_a_read_only_copy(tmp_path):
    from analytics.store import READ_ONLY_LOCKED, open_store_or_copy

    db = tmp_path / "held.duckdb"
    store = open_store(db)
    insert_records(store, [record("H1", "BSR", "2022-01-01"), record("H2", "PVU", "2022-01-02")])
    store.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreError) as caught:
            open_store(db)
        assert caught.value.code == "store_locked"
        copy = open_store_or_copy(db)
        assert copy.read_only and copy.read_only_reason == READ_ONLY_LOCKED and copy.path != db
        assert copy.record_count() == 2  # everything the holder had not changed is there
        with pytest.raises(StoreError), copy.transaction():
            pass  # a copy is never written to
        copy.close()
        assert not copy.path.parent.exists()  # the copy goes with it
        dropped = open_store_or_copy(db)  # a copy the app lets go of (no close): removed when collected
        folder = dropped.path.parent
        assert folder.is_dir()
        del dropped
        gc.collect()
        assert not folder.exists()
    finally:
        holder.kill()
        holder.wait()
    reopened = open_store_or_copy(db)
    assert not reopened.read_only and reopened.record_count() == 2  # nothing lost
    reopened.close()
