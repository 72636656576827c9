"""The store through the real server (issue 14, failures 1-3): records imported on the page are in the
`.duckdb` file alone after a normal stop; a damaged store is named on every page and never overwritten,
or shown from its newest verified snapshot and restored by an analyst; a second server on a store the first
one holds shows the first one's data, read-only; the server takes the day's snapshot when it starts and
answers its health check (what a supervisor polls)."""

from __future__ import annotations

import shutil
import urllib.request
from pathlib import Path

import duckdb
import pytest

from analytics import backup
from analytics.sample import SAMPLE_TOTAL
from analytics.store import open_store, wal_path
from tests.analytics.ingest import fixtures as fx
from tests.conftest import ONE_MILLION
from tests.e2e.conftest import exceptions_on, open_page
from tests.e2e.helpers import button, start_app, wait_for_main_text
from tests.e2e.wire import WireSession
from tests.reliability.conftest import wait_registered

pytestmark = pytest.mark.e2e

PAGES = ["", "units", "trends", "benefit", "records", "report", "data"]


def _records_in_file_alone(db: Path, folder: Path) -> int:
    folder.mkdir(exist_ok=True)
    copy = folder / db.name
    shutil.copyfile(db, copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM initiatives").fetchone()[0]
    finally:
        con.close()


def test_records_imported_on_the_page_are_in_the_file_alone_after_a_normal_stop(tmp_path):
    """Failure 1: after a normal stop the records lived in `sangkien.duckdb.wal`; a copy of the file the
    README names was an empty store. Now the commit is checkpointed, and so is the store at shutdown."""
    db = tmp_path / "data" / "sangkien.duckdb"  # a new store: the sample goes in, then a real import
    server = start_app(db, tmp_path / "srv")
    session = WireSession(server.url)
    try:
        page = session.rerun("data")
        uploader = page.widget("file_uploader", "data_upload_0").id
        state = session.upload(uploader, "that.csv", fx.csv_bytes(fx.rows(40, prefix="REAL-")))
        page = session.rerun("data", states=[state])
        done = session.rerun("data", states=[state, session.trigger(page.widget("button", "data_commit").id)])
        assert "Đã thêm mới 40" in done.text
        session.rerun("")  # another page run: the checkpoint the commit's own run held up is written
        assert _records_in_file_alone(db, tmp_path / "while-running") == SAMPLE_TOTAL + 40
    finally:
        session.close()
        server.stop()  # SIGTERM: uvicorn's shutdown runs the app's lifespan end
    assert not wal_path(db).exists()
    assert _records_in_file_alone(db, tmp_path / "after-stop") == SAMPLE_TOTAL + 40


def _cut(db: Path, keep: int) -> None:
    with open(db, "r+b") as handle:
        handle.truncate(keep)


def test_a_damaged_store_is_named_on_every_page_and_never_overwritten(sample_db, tmp_path, page):
    """Failure 2: a store with some KB cut off showed Streamlit's crash box on every page."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    _cut(db, db.stat().st_size // 2)
    before = db.read_bytes()
    server = start_app(db, tmp_path / "srv")
    try:
        for path in PAGES:
            open_page(page, f"{server.url}/{path}")
            assert page.locator('[data-testid="stException"]').count() == 0, path
            errors = exceptions_on(page)
            assert any("bị hỏng nên không dùng được" in e and "Không có bản sao lưu" in e for e in errors), (
                path
            )
    finally:
        server.stop()
    assert db.read_bytes() == before and not list(tmp_path.glob("store.duckdb.damaged-*"))


def test_a_damaged_store_is_shown_from_its_snapshot_and_an_analyst_restores_it(sample_db, tmp_path, page):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db)
    made = backup.snapshot(store, "manual")
    store.close()
    _cut(db, db.stat().st_size - 6000)
    server = start_app(db, tmp_path / "srv")
    try:
        for path in PAGES:
            open_page(page, f"{server.url}/{path}")
            assert page.locator('[data-testid="stException"]').count() == 0, path
            alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
            assert "Kho dữ liệu bị hỏng nên ứng dụng đang hiển thị bản sao lưu" in alerts, path
        open_page(page, f"{server.url}/?program={ONE_MILLION}")
        assert wait_registered(page)[0] == 7085  # the snapshot's figures (the first program's published end)
        open_page(page, server.url + "/data")
        wait_for_main_text(page, "Khôi phục kho dữ liệu")
        button(page, "Khôi phục bản sao lưu mới nhất").click()
        wait_for_main_text(page, "Đã khôi phục bản sao lưu")
        open_page(page, f"{server.url}/?program={ONE_MILLION}")
        assert wait_registered(page)[0] == 7085
        alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
        assert "bị hỏng" not in alerts
    finally:
        server.stop()
    assert len(list(tmp_path.glob("store.duckdb.damaged-*"))) == 1
    store = open_store(db, verify=True)
    try:
        assert store.record_count() == SAMPLE_TOTAL and made.path.exists()
    finally:
        store.close()


def test_a_second_server_on_a_held_store_shows_its_data_read_only(sample_db, tmp_path, page):
    """Failure 3: a second server on the store the first holds said "old schema" and showed no data."""
    db = tmp_path / "data" / "sangkien.duckdb"  # made by the first server (schema and sample)
    first = start_app(db, tmp_path / "one")
    try:
        session = WireSession(first.url)
        try:
            page_run = session.rerun("data")
            uploader = page_run.widget("file_uploader", "data_upload_0").id
            state = session.upload(uploader, "that.csv", fx.csv_bytes(fx.rows(25, prefix="FIRST-")))
            page_run = session.rerun("data", states=[state])
            commit = page_run.widget("button", "data_commit").id
            assert "Đã thêm mới 25" in session.rerun("data", states=[state, session.trigger(commit)]).text
        finally:
            session.close()
        second = start_app(db, tmp_path / "two")
        try:
            open_page(page, f"{second.url}/?program={ONE_MILLION}")  # the 25 records are dated inside it
            assert page.locator('[data-testid="stException"]').count() == 0
            alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
            assert "đang bị một tiến trình khác giữ để ghi" in alerts and "lược đồ cũ" not in alerts
            assert wait_registered(page)[0] == 7085 + 25
        finally:
            second.stop()
    finally:
        first.stop()


def test_the_server_takes_the_days_snapshot_and_answers_its_health_check(sample_db, tmp_path):
    from analytics import ingest

    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db)
    assert ingest.commit(store, fx.csv_bytes(fx.rows(5, prefix="DAY-")), "day.csv", by="lan").ok
    for item in backup.list_snapshots(db):  # the snapshot the import took: gone, so today has none
        item.path.unlink()
        item.manifest.unlink()
    store.close()
    server = start_app(db, tmp_path / "srv")
    try:
        with urllib.request.urlopen(server.url + "/_stcore/health", timeout=30) as answer:
            assert answer.status == 200 and answer.read() == b"ok"
        from tests.e2e.helpers import wait_until

        daily = wait_until(
            lambda: [s for s in backup.list_snapshots(db) if s.reason == "daily"],
            timeout=60,
            what="daily snapshot",
        )
        assert daily[0].verified and daily[0].records == SAMPLE_TOTAL + 5
    finally:
        server.stop()
