"""Snapshots and restores on real DuckDB files (analytics.backup, `python -m analytics backup|restore`):
a snapshot before every import, undo and restore, each verified when made; retention; a restore that brings
every table back exactly (the audit log kept), refuses a file that does not verify, and keeps the current
store as a snapshot first; a store that cannot be opened restored in place, its damaged file kept aside."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from analytics import audit, backup, ingest
from analytics.cli import main
from analytics.i18n import fmt_int
from analytics.sample import SAMPLE_TOTAL
from analytics.store import StoreError, backup_dir, held_marker, open_store, table_fingerprints
from tests.analytics.ingest import fixtures as fx


@pytest.fixture
def store(tmp_path, sample_db):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    opened = open_store(db)
    yield opened
    opened.close()


def _compared(reader) -> dict:
    return {k: v for k, v in table_fingerprints(reader).items() if k not in ("audit_log", "meta")}


def test_a_snapshot_is_a_verified_copy_of_the_store(store):
    made = backup.snapshot(store, "manual")
    assert made.verified and made.records == SAMPLE_TOTAL and made.path.parent == backup_dir(store.path)
    manifest = json.loads(made.manifest.read_text(encoding="utf-8"))
    assert (
        manifest["records"] == SAMPLE_TOTAL
        and manifest["reason"] == "manual"
        and len(manifest["sha256"]) == 64
    )
    # The snapshot is a DuckDB file any DuckDB opens, holding what the store holds.
    con = duckdb.connect(str(made.path), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM initiatives").fetchone()[0] == SAMPLE_TOTAL
    finally:
        con.close()
    assert backup.verify(made.path)["tables"]["initiatives"][0] == SAMPLE_TOTAL
    assert [s.path for s in backup.list_snapshots(store.path)] == [made.path]


def test_a_snapshot_taken_while_a_reader_holds_up_the_checkpoint_is_whole(store):
    """A commit whose checkpoint a page run held up is in the write-ahead log: the snapshot takes it too."""
    reader = store.snapshot()
    reader.data_version()
    with store.transaction() as cur:
        cur.execute("UPDATE targets SET target = 4242 WHERE unit_code = 'BSR' AND phase = 1")
    assert store.checkpoint_pending
    made = backup.snapshot(store, "manual")
    reader.close()
    con = duckdb.connect(str(made.path), read_only=True)
    try:
        assert (
            con.execute("SELECT target FROM targets WHERE unit_code = 'BSR' AND phase = 1").fetchone()[0]
            == 4242
        )
    finally:
        con.close()
    assert not Path(str(made.path) + ".wal").exists()


def test_every_import_and_undo_is_preceded_by_a_snapshot(store):
    first = ingest.commit(store, fx.csv_bytes(fx.rows(5, prefix="A-")), "a.csv", by="lan")
    assert first.ok
    snaps = backup.list_snapshots(store.path)
    assert [s.reason for s in snaps] == ["import"] and snaps[0].records == SAMPLE_TOTAL  # the state before
    assert ingest.undo(store, first.import_id, by="lan").ok
    snaps = backup.list_snapshots(store.path)
    assert [s.reason for s in snaps] == ["undo", "import"] and snaps[0].records == SAMPLE_TOTAL + 5
    third = backup.before_change(store, "import")  # the store changed since (the undo): a new one
    assert third is not None and third.records == SAMPLE_TOTAL and len(backup.list_snapshots(store.path)) == 3
    # Nothing changed since the newest snapshot: the next change reuses it instead of copying again.
    assert backup.before_change(store, "import").path == third.path
    assert len(backup.list_snapshots(store.path)) == 3


def test_a_new_empty_store_needs_no_snapshot(tmp_path):
    store = open_store(tmp_path / "new.duckdb")
    try:
        assert ingest.commit(store, fx.csv_bytes(fx.rows(3)), "a.csv").ok
        assert backup.list_snapshots(store.path) == []
    finally:
        store.close()


def test_an_import_whose_snapshot_cannot_be_made_is_refused_and_writes_nothing(store, monkeypatch, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backup folder should be", encoding="utf-8")
    monkeypatch.setenv("SANGKIEN_BACKUP_DIR", str(blocked))
    version = store.data_version()
    report = ingest.commit(store, fx.csv_bytes(fx.rows(5, prefix="B-")), "b.csv")
    assert report.refusal and report.refusal.code == "backup_failed"
    assert "Không có gì được ghi" in report.message() and str(blocked) in report.message()
    assert store.record_count() == SAMPLE_TOTAL and store.data_version() == version
    assert ingest.undo(store, 1).refusal.code == "backup_failed"


def test_restore_brings_every_table_back_and_keeps_the_audit_log(store):
    made = backup.snapshot(store, "manual")
    expected = _compared(store)
    report = ingest.commit(store, fx.csv_bytes(fx.rows(50, prefix="R-")), "r.csv", by="lan")
    frame = ingest.targets_wide(store)
    column = [c for c in frame.columns if c not in ("unit_code", "name")][0]
    frame.loc[frame.index[0], column] = 999
    assert ingest.save_targets(store, ingest.wide_to_long(frame), by="lan").ok
    audit.record(store, "sign_in", "lan", "203.0.113.9")
    version = store.data_version()
    done = backup.restore_into(store, made.path, by="lan", address="203.0.113.9")
    assert (
        done.records == SAMPLE_TOTAL and done.before is not None and done.before.records == SAMPLE_TOTAL + 50
    )
    assert _compared(store) == expected
    assert store.data_version() > version  # every cache expires
    kinds = audit.events(store)["kind"].tolist()
    assert kinds[0] == "restore" and {"import", "edit", "sign_in"} <= set(kinds)  # the log survives
    # Import numbers go on: the next import does not reuse the number of the one the restore removed.
    later = ingest.commit(store, fx.csv_bytes(fx.rows(2, prefix="S-")), "s.csv")
    assert later.import_id > report.import_id


def test_a_restore_moves_the_data_version_past_the_snapshots_own(tmp_path, sample_db):
    """The derived tables come back with their version marks (title index, author index, quality headlines):
    a snapshot of another store, further on in its own count, restored into this one left its marks ahead of
    this store's data version, so that a later commit reaching that number took them for current."""
    other = tmp_path / "other.duckdb"
    shutil.copy(sample_db, other)
    ahead = open_store(other)
    for n in range(5):
        ingest.commit(ahead, fx.csv_bytes(fx.rows(2, prefix=f"A{n}-")), f"a{n}.csv")
    made = backup.snapshot(ahead, "manual")
    theirs = ahead.data_version()
    ahead.close()
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db)
    try:
        assert store.data_version() < theirs
        backup.restore_into(store, made.path, by="lan", address="203.0.113.9")
        assert store.data_version() > theirs  # past every version the snapshot's marks can name
    finally:
        store.close()


def test_restore_refuses_a_file_that_does_not_verify(store, tmp_path):
    made = backup.snapshot(store, "manual")
    before = _compared(store)
    changed = tmp_path / made.path.name
    shutil.copy(made.path, changed)
    shutil.copy(made.manifest, backup.manifest_of(changed))
    con = duckdb.connect(str(changed))
    con.execute("DELETE FROM initiatives WHERE unit_code = 'PVEP'")
    con.close()
    with pytest.raises(backup.BackupError) as caught:
        backup.restore_into(store, changed)
    assert caught.value.code == "changed"
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(backup.BackupError) as caught:
        backup.restore_into(store, junk)
    assert caught.value.code == "unreadable"
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(backup.BackupError) as caught:
        backup.restore_into(store, other)
    assert caught.value.code == "not_a_store"
    assert _compared(store) == before
    assert "không khôi phục" in backup.error_text(caught.value, "vi")


def test_a_damaged_store_is_restored_in_place_and_its_file_kept_aside(store, tmp_path):
    ingest.commit(store, fx.csv_bytes(fx.rows(20, prefix="D-")), "d.csv", by="lan")
    made = backup.snapshot(store, "manual")
    db = store.path
    store.close()
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    damaged = db.read_bytes()
    with pytest.raises(StoreError) as caught:
        open_store(db, verify=True)
    assert caught.value.code == "store_damaged"
    done = backup.restore_file(db, made.path, by="lan")
    try:
        assert done.store.record_count() == SAMPLE_TOTAL + 20
        assert done.kept_aside is not None and done.kept_aside.read_bytes() == damaged
        assert audit.events(done.store)["kind"].tolist()[0] == "restore"
    finally:
        done.store.close()


def test_a_lost_store_that_held_data_is_not_made_again(store, tmp_path):
    ingest.commit(store, fx.csv_bytes(fx.rows(3, prefix="L-")), "l.csv", by="lan")
    db = store.path
    store.close()
    assert held_marker(db).exists()
    db.unlink()
    with pytest.raises(StoreError) as caught:
        open_store(db)
    assert caught.value.code == "store_lost" and not db.exists()
    text = backup.problem_text("store_lost", caught.value.detail, db, "vi")
    assert "đã từng có dữ liệu thật" in text and "python -m analytics restore" in text


def test_retention_keeps_the_newest_and_one_per_day_and_week(tmp_path):
    now = dt.datetime(2026, 12, 1, 12, 0)
    snaps = [
        backup.Snapshot(
            path=tmp_path / f"s{i}.duckdb",
            taken_at=now - dt.timedelta(hours=7 * i),
            reason="import",
            verified=True,
        )
        for i in range(120)
    ]  # newest first, every 7 hours over five weeks
    keep = backup.kept(snaps, {"recent": 3, "daily": 7, "weekly": 4})

    def newest_per(period, n):
        seen, out = [], set()
        for item in snaps:
            key = period(item.taken_at)
            if key not in seen and len(seen) < n:
                seen.append(key)
                out.add(item.path)
        return out

    expected = {s.path for s in snaps[:3]}
    expected |= newest_per(lambda d: d.date(), 7)
    expected |= newest_per(lambda d: d.isocalendar()[:2], 4)
    assert keep == expected
    assert len({s.taken_at.date() for s in snaps if s.path in keep}) >= 7
    assert snaps[-1].path not in keep  # five weeks old: gone


def test_retention_rule_from_the_environment(monkeypatch):
    monkeypatch.setenv("SANGKIEN_BACKUP_KEEP", "recent=2, daily=3,weekly=0, bogus=9")
    assert backup.keep_rules() == {"recent": 2, "daily": 3, "weekly": 0}
    monkeypatch.setenv("SANGKIEN_BACKUP_KEEP", "recent=0,daily=0,weekly=0")
    assert backup.keep_rules()["recent"] == 1  # never none


def test_old_snapshots_are_pruned_when_a_new_one_is_made(store, monkeypatch):
    monkeypatch.setenv("SANGKIEN_BACKUP_KEEP", "recent=2,daily=0,weekly=0")
    for n in range(4):
        with store.transaction() as cur:
            cur.execute("UPDATE targets SET target = ? WHERE unit_code = 'BSR' AND phase = 1", [100 + n])
        backup.snapshot(store, "manual")
    assert len(backup.list_snapshots(store.path)) == 2


def test_the_daily_snapshot_is_taken_once_a_day_and_only_when_something_changed(store):
    first = backup.daily(store)
    assert first is not None and first.reason == "daily"
    assert backup.daily(store) is None  # one today already
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert backup.daily(store, today=tomorrow) is None  # nothing changed since
    with store.transaction() as cur:
        cur.execute("UPDATE targets SET target = 1 WHERE unit_code = 'BSR' AND phase = 1")
    assert backup.daily(store, today=tomorrow) is not None


def test_the_command_line_backs_up_lists_and_restores(tmp_path, sample_db, capsys):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    out = tmp_path / "out"
    out.mkdir()
    assert main(["backup", "--db", str(db), "--out", str(out)]) == 0
    written = list(out.glob("*.duckdb"))
    assert len(written) == 1 and "đã kiểm tra" in capsys.readouterr().out
    assert main(["backup", "--db", str(db), "--out", str(written[0])]) == 2  # never overwritten
    data = tmp_path / "x.csv"
    data.write_bytes(fx.csv_bytes(fx.rows(4, prefix="C-")))
    assert main(["import", str(data), "--db", str(db)]) == 0
    assert main(["backup", "--db", str(db), "--list"]) == 0
    listed = capsys.readouterr().out
    assert "trước khi nhập" in listed and fmt_int(SAMPLE_TOTAL) in listed
    assert main(["restore", str(written[0]), "--db", str(db)]) == 0
    said = capsys.readouterr().out
    assert (
        "Đã khôi phục" in said
        and f"{fmt_int(SAMPLE_TOTAL)} hồ sơ" in said
        and "được giữ trong bản sao lưu" in said
    )
    reopened = open_store(db)
    try:
        assert reopened.record_count() == SAMPLE_TOTAL
    finally:
        reopened.close()
    assert main(["restore", str(tmp_path / "nothing.duckdb"), "--db", str(db)]) == 2


def test_commands_on_a_damaged_store_exit_1_with_the_apps_message(tmp_path, sample_db, capsys):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    with open(db, "r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    data = tmp_path / "y.csv"
    data.write_bytes(fx.csv_bytes(fx.rows(2)))
    for command in (["summary"], ["import", str(data)], ["undo", "1"], ["backup"]):
        assert main([*command, "--db", str(db)]) == 1, command
        err = capsys.readouterr().err
        assert "bị hỏng nên không dùng được" in err and "Không có bản sao lưu nào đã kiểm tra" in err, command
    assert not backup_dir(db).exists() or not list(backup_dir(db).glob("*.duckdb"))


def test_the_store_stays_locked_against_other_writers_after_a_snapshot(store):
    """DuckDB's hold on the file is a POSIX lock, dropped when this process closes any descriptor of the
    file: the snapshot's copy is made in a child process, so another process still cannot write."""
    import subprocess
    import sys

    backup.snapshot(store, "manual")
    probe = "import duckdb, sys\ntry:\n    duckdb.connect(sys.argv[1])\n    print('opened')\nexcept duckdb.IOException as e:\n    print('locked' if 'lock' in str(e).lower() else e)"
    result = subprocess.run(
        [sys.executable, "-c", probe, str(store.path)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "locked"
