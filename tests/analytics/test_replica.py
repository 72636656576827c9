"""Read replicas on real DuckDB files (analytics.replica, analytics.backup.publish): a writer publishes each
commit as one verified snapshot; a replica shows the newest verified snapshot from a private copy, moves to
a newer one while runs on the old one finish on it, skips a snapshot that fails its check, and says so
when the folder holds none yet."""

from __future__ import annotations

import shutil

import pytest

from analytics import backup, ingest, replica
from analytics.store import READ_ONLY_REPLICA, StoreError, backup_dir, open_store
from tests.analytics.ingest import fixtures as fx


@pytest.fixture
def writer(tmp_path, sample_db):
    db = tmp_path / "writer" / "store.duckdb"
    db.parent.mkdir()
    shutil.copy(sample_db, db)
    opened = open_store(db)
    yield opened
    opened.close()


def _import(store, tmp_path, n: int, prefix: str) -> None:
    path = tmp_path / f"{prefix}.csv"
    path.write_bytes(fx.csv_bytes(fx.rows(n, prefix=prefix)))
    report = ingest.import_file(store, path, program="1-trieu-sang-kien")
    assert report.ok and report.inserted == n, report.message()


def test_a_writer_publishes_each_commit_once(writer, tmp_path):
    first = backup.publish(writer)
    assert first is not None and first.reason == "publish" and first.verified
    assert first.records == writer.record_count()
    assert backup.publish(writer) is None  # nothing committed since: no second copy
    _import(writer, tmp_path, 12, "PUB-")
    second = backup.publish(writer)
    assert second is not None and second.records == first.records + 12
    assert second.data_version == writer.data_version()
    assert [s.reason for s in backup.list_snapshots(writer.path)].count("publish") == 2


def test_a_replica_shows_the_newest_snapshot_and_moves_to_a_newer_one(writer, tmp_path):
    backup.publish(writer)
    mirror = replica.Replica(backup_dir(writer.path))
    shown = mirror.current()
    assert shown.read_only and shown.read_only_reason == READ_ONLY_REPLICA
    assert shown.record_count() == writer.record_count() and shown.path != writer.path
    reading = shown.snapshot()  # a page run in progress on the old copy
    before = reading.record_count()
    assert mirror.refresh() is False  # nothing newer
    _import(writer, tmp_path, 7, "NEW-")
    backup.publish(writer)
    assert mirror.refresh() is True
    assert mirror.current().record_count() == before + 7
    assert reading.record_count() == before  # the run in progress finishes on what it started with
    reading.close()


def test_a_snapshot_that_fails_its_check_is_skipped(writer, tmp_path):
    backup.publish(writer)
    mirror = replica.Replica(backup_dir(writer.path))
    good = mirror.current().record_count()
    _import(writer, tmp_path, 3, "BAD-")
    bad = backup.publish(writer)
    assert bad is not None
    with open(bad.path, "r+b") as handle:  # changed after it was made: its SHA-256 no longer matches
        handle.seek(bad.size // 2)
        handle.write(b"\xff" * 64)
    assert mirror.refresh() is False
    assert mirror.current().record_count() == good and bad.path in mirror.bad


def test_an_empty_folder_says_what_to_do(tmp_path):
    mirror = replica.Replica(tmp_path / "nothing-here")
    with pytest.raises(StoreError) as caught:
        mirror.current()
    assert caught.value.code == "store_replica_empty"
    text = backup.problem_text(caught.value.code, caught.value.detail, tmp_path / "x.duckdb", "vi")
    assert "chưa thấy bản sao lưu đã kiểm tra nào" in text and "nothing-here" in text


def test_the_settings_are_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(replica.REPLICA_ENV, raising=False)
    monkeypatch.setenv(replica.PUBLISH_ENV, "nonsense")
    assert replica.replica_folder() is None and replica.publish_every() is None
    monkeypatch.setenv(replica.REPLICA_ENV, str(tmp_path))
    monkeypatch.setenv(replica.PUBLISH_ENV, "2")
    assert replica.replica_folder() == tmp_path and replica.publish_every() == 2.0
