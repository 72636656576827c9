"""A damaged store put back from its snapshot gets a data version the running app never saw for it: the
app's caches are keyed by the store's path and data version, so a version reused by the restore served the
figures of the state the store had when it first reached that number (records that are no longer there)."""

from __future__ import annotations

import shutil

from analytics import backup, ingest
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.app.apptest import metric_values
from tests.app.test_recovery import _cut, _run
from tests.conftest import ONE_MILLION


def _registered(at) -> str:
    return dict(metric_values(at))["Đã đăng ký"]


def test_after_restoring_a_damaged_store_the_pages_show_the_restored_figures(
    monkeypatch, tmp_path, sample_db
):
    from ui import store_handle

    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db)
    assert ingest.commit(store, fx.csv_bytes(fx.rows(20, prefix="REAL-")), "that.csv", by="lan").ok
    assert backup.snapshot(store, "manual").verified
    store.close()
    at = _run(monkeypatch, db, program=ONE_MILLION)
    snapshot_figure = _registered(at)
    # The app goes on: one more import (its version is the snapshot's plus one), and the page shows it.
    live = store_handle.get_store()
    assert ingest.commit(live, fx.csv_bytes(fx.rows(30, prefix="MORE-")), "more.csv", by="lan").ok
    at = _run(monkeypatch, db, program=ONE_MILLION)
    assert _registered(at) != snapshot_figure  # 30 more
    # Then the file is damaged (the process's connection given up), and an analyst restores the snapshot.
    with store_handle._STORES_LOCK:  # noqa: SLF001 - the test plays the disk failing under the app
        store_handle._STORES.pop(str(db)).close()  # noqa: SLF001
    _cut(db, db.stat().st_size - 6000)
    at = _run(monkeypatch, db, page="data", program=ONE_MILLION)
    assert not at.exception, [e.value for e in at.exception]
    restore = [b for b in at.button if b.key == "backup_restore_damaged"]
    assert restore, [b.key for b in at.button]
    restore[0].click()
    at.run()
    assert "Đã khôi phục" in " ".join(s.value for s in at.success)
    at = _run(monkeypatch, db, program=ONE_MILLION)
    assert not at.exception, [e.value for e in at.exception]
    assert store_handle.get_store().one("SELECT count(*) FROM initiatives WHERE code LIKE 'MORE-%'") == 0
    assert _registered(at) == snapshot_figure, "the figures of the state before the restore, from the cache"
