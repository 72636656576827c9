"""The store file alone is the whole store (issue 14, failures 1-3): every commit that matters is
checkpointed, so a plain copy of the `.duckdb` file holds everything; a path that existed is never filled
with the sample; a damaged store is noticed when it is opened and never overwritten; a second process on a
store held by another writer sees its data as last committed (the copy includes the write-ahead log)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from analytics import ingest
from analytics.sample import SAMPLE_TOTAL
from analytics.store import READ_ONLY_LOCKED, StoreError, open_store, open_store_or_copy
from tests.analytics.ingest import fixtures as fx
from tests.conftest import ROOT


def _records_in_copy(db: Path, tmp_path: Path) -> int:
    """Copy the `.duckdb` file alone (as a person backing it up would) and count the records in the copy."""
    copy = tmp_path / "copy" / db.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(db, copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return con.execute("SELECT count(*) FROM initiatives").fetchone()[0] if "initiatives" in tables else 0
    finally:
        con.close()


def test_a_copy_of_the_file_alone_holds_every_committed_record(tmp_path):
    """Failure 1: the records lived in `sangkien.duckdb.wal` after a commit, so a copy of the file named in
    the README was an empty store. Now the file alone holds the import, the undo and the edits."""
    db = tmp_path / "sangkien.duckdb"
    store = open_store(db)
    try:
        report = ingest.commit(store, fx.csv_bytes(fx.rows(40)), "a.csv")
        assert report.ok and report.inserted == 40
        assert _records_in_copy(db, tmp_path) == 40  # the server still running, nothing closed
        second = ingest.commit(store, fx.csv_bytes(fx.rows(10, start=100)), "b.csv")
        assert _records_in_copy(db, tmp_path) == 50
        assert ingest.undo(store, second.import_id).ok
        assert _records_in_copy(db, tmp_path) == 40
        frame = ingest.targets_wide(store)
        column = [c for c in frame.columns if c not in ("unit_code", "name")][0]
        frame.loc[frame.index[0], column] = 4321
        assert ingest.save_targets(store, ingest.wide_to_long(frame), by="lan").ok
        copy = tmp_path / "copy" / db.name
        shutil.copyfile(db, copy)
        con = duckdb.connect(str(copy), read_only=True)
        assert con.execute("SELECT count(*) FROM targets WHERE target = 4321").fetchone()[0] == 1
        con.close()
    finally:
        store.close()


def test_a_store_that_exists_is_never_created_again(tmp_path):
    """A path that existed (even an empty store) is opened as it is: `created` is set only for a new path,
    which is what decides the sample (ui.store_handle)."""
    db = tmp_path / "s.duckdb"
    first = open_store(db)
    assert first.created
    first.close()
    again = open_store(db)
    assert not again.created and again.never_imported()
    again.close()


def _truncate(db: Path, keep: int) -> None:
    with open(db, "r+b") as handle:
        handle.truncate(keep)


def _scribble(db: Path, at: int, size: int = 4096) -> None:
    with open(db, "r+b") as handle:
        handle.seek(at)
        handle.write(bytes((i * 7 + 3) % 256 for i in range(size)))


def _records_block(db: Path) -> int:
    """Where the file holds some of the records (a block of the `initiatives` table, past its checksum)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        blocks = sorted(
            r[0]
            for r in con.execute(
                "SELECT DISTINCT block_id FROM pragma_storage_info('initiatives') WHERE block_id >= 0"
            ).fetchall()
        )
        size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    finally:
        con.close()
    return 3 * 4096 + blocks[len(blocks) // 2] * size + 16


@pytest.fixture
def filled(tmp_path, sample_db) -> Path:
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    return db


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda db: _truncate(db, db.stat().st_size - 6000), id="a few KB cut off"),
        pytest.param(lambda db: _truncate(db, db.stat().st_size // 2), id="half cut off"),
        pytest.param(lambda db: _scribble(db, _records_block(db)), id="garbage in the records"),
        pytest.param(lambda db: _scribble(db, 0), id="header overwritten"),
    ],
)
def test_a_damaged_store_is_noticed_on_open_and_left_as_it_is(filled, damage):
    """Failure 2: damage anywhere in the file (even in blocks the pages never read) is found when the store
    is opened with the check, as `store_damaged` with the reason; the file is not written to."""
    damage(filled)
    before = filled.read_bytes()
    with pytest.raises(StoreError) as caught:
        store = open_store(filled, verify=True)
        store.close()
    assert caught.value.code == "store_damaged", caught.value
    assert caught.value.detail
    assert filled.read_bytes() == before
    assert not Path(str(filled) + ".wal").exists()


def test_the_check_passes_on_a_whole_store(filled):
    from analytics.store import check_store

    store = open_store(filled, verify=True)
    try:
        assert check_store(store) is None
        assert store.record_count() == SAMPLE_TOTAL
    finally:
        store.close()


_HOLDER = textwrap.dedent(
    """
    import sys, time
    import duckdb
    from analytics.store import open_store
    db, mode = sys.argv[1], sys.argv[2]
    if mode == "store":  # the app's own way: open_store and a transaction (checkpointed)
        store = open_store(db)
        with store.transaction() as cur:
            cur.execute("UPDATE targets SET target = 777 WHERE phase = 1")
    else:  # another writer (the DuckDB CLI, DBeaver): its commit stays in the write-ahead log
        con = duckdb.connect(db)
        con.execute("SET checkpoint_threshold = '1GB'")
        con.execute("UPDATE targets SET target = 777 WHERE phase = 1")
    print("ready", flush=True)
    time.sleep(120)
    """
)


@pytest.mark.parametrize("mode", ["store", "raw"])
def test_a_second_process_sees_the_holders_data_as_last_committed(tmp_path, sample_db, mode):
    """Failure 3: a second server on a store held by another process showed "old schema" and no data; its
    read-only copy now includes the write-ahead log, so it shows the data as last committed."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db), mode], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        store = open_store_or_copy(db)
        try:
            assert store.read_only and store.read_only_reason == READ_ONLY_LOCKED
            assert store.record_count() == SAMPLE_TOTAL
            assert store.one("SELECT min(target) FROM targets WHERE phase = 1") == 777
        finally:
            store.close()
    finally:
        holder.kill()
        holder.wait(10)


def test_a_new_store_held_by_its_creator_is_shown_not_called_outdated(tmp_path):
    """The exact failure of a second server: the first one created the store (migrations and the sample in
    its write-ahead log) and still holds it; the second said "old schema"."""
    db = tmp_path / "new.duckdb"
    script = textwrap.dedent(
        """
        import sys, time
        import duckdb
        con = duckdb.connect(sys.argv[1])
        con.execute("SET checkpoint_threshold = '1GB'")
        from analytics.store import migrate, Store
        from pathlib import Path
        migrate(Store(path=Path(sys.argv[1]), con=con))
        print("ready", flush=True)
        time.sleep(120)
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        store = open_store_or_copy(db)
        try:
            assert store.read_only_reason == READ_ONLY_LOCKED
            assert store.one("SELECT count(*) FROM units") == 33
        finally:
            store.close()
    finally:
        holder.kill()
        holder.wait(10)


def test_no_checkpoint_is_tried_without_room_for_it(tmp_path, monkeypatch):
    """DuckDB gives a database up when its checkpoint fails (a full disk invalidates it until the process
    restarts): with too little room, the commit stays in the write-ahead log and the checkpoint waits."""
    from analytics import store as store_module

    db = tmp_path / "s.duckdb"
    store = open_store(db)
    try:
        monkeypatch.setattr(store_module, "CHECKPOINT_MIN_FREE", 2**62)  # no disk has that much free
        assert ingest.commit(store, fx.csv_bytes(fx.rows(5)), "a.csv").ok
        assert store.checkpoint_pending and store.alive()
        monkeypatch.setattr(store_module, "CHECKPOINT_MIN_FREE", 0)
        assert store.checkpoint() and not store.checkpoint_pending
        assert _records_in_copy(db, tmp_path) == 5
    finally:
        store.close()
