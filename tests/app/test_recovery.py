"""The app on a store that is damaged, emptied or new (issue 14, failures 1 and 2), in the real Streamlit
runtime (AppTest) on real files: a damaged store is never overwritten and never crashes a page; it is
named in Vietnamese, viewers see the newest verified snapshot read-only with a notice, an analyst can
restore it from the Data page; a path that existed is never filled with the sample."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.i18n import fmt_int
from analytics.sample import SAMPLE_TOTAL, SECOND_TOTAL
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.app.apptest import APP, all_text, metric_values
from tests.conftest import ONE_MILLION


def _run(
    monkeypatch, db: Path, page: str | None = None, secrets: dict | None = None, **params: str
) -> AppTest:
    monkeypatch.setenv("SANGKIEN_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


def _cut(db: Path, keep: int) -> None:
    with open(db, "r+b") as handle:
        handle.truncate(keep)


@pytest.fixture
def real_store(tmp_path, sample_db) -> Path:
    """The sample plus one real import (so the store has held real data)."""
    from analytics import ingest

    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db)
    assert ingest.commit(store, fx.csv_bytes(fx.rows(20, prefix="REAL-")), "that.csv", by="lan").ok
    store.close()
    return db


def test_a_damaged_store_is_named_and_left_as_it_is(monkeypatch, real_store):
    """Failure 2: a store with a few KB cut off showed Streamlit's crash box on every page. Now the shell
    (every page runs in it) says in Vietnamese what is wrong, here with no snapshot to show instead, and the
    file is not touched. (Every page through the real server: tests/reliability/test_recovery_server.py.)"""
    shutil.rmtree(real_store.with_name("store.backups"))
    _cut(real_store, real_store.stat().st_size // 2)
    before = real_store.read_bytes()
    at = _run(monkeypatch, real_store)
    assert not at.exception, [e.value for e in at.exception]
    errors = " ".join(e.value for e in at.error)
    assert "Kho dữ liệu" in errors and "bị hỏng" in errors, errors
    assert "Không có bản sao lưu nào đã kiểm tra" in errors
    assert real_store.read_bytes() == before


def test_a_path_that_existed_is_never_filled_with_the_sample(monkeypatch, tmp_path):
    """Failure 1: a store that exists but holds no records (a plain copy of a file whose records were in
    the write-ahead log) was filled with the illustrative sample without a word."""
    db = tmp_path / "copied.duckdb"
    open_store(db).close()  # the schema and reference rows, no record
    at = _run(monkeypatch, db)
    assert not at.exception, [e.value for e in at.exception]
    store = open_store(db)  # the app's own configuration (it holds the file in this process)
    try:
        assert store.record_count() == 0 and store.one("SELECT count(*) FROM imports") == 0
    finally:
        store.close()
    assert "minh họa" not in " ".join(i.value for i in at.info)


def test_a_new_path_gets_the_sample(monkeypatch, tmp_path):
    db = tmp_path / "new" / "store.duckdb"
    at = _run(monkeypatch, db)
    assert not at.exception
    assert ("Đã đăng ký", fmt_int(SECOND_TOTAL)) in metric_values(at)  # a bare visit: the running program
    at = _run(monkeypatch, db, program=ONE_MILLION)
    assert not at.exception
    assert ("Đã đăng ký", "7.085") in metric_values(at)  # the published end figure of the first program


def test_viewers_see_the_newest_snapshot_read_only_and_an_analyst_restores_it(monkeypatch, real_store):
    from analytics import backup

    store = open_store(real_store)
    made = backup.snapshot(store, "manual")
    store.close()
    assert made.verified
    _cut(real_store, real_store.stat().st_size - 6000)
    damaged = real_store.read_bytes()
    # The 20 records imported are dated inside the first program: its Overview shows them.
    at = _run(monkeypatch, real_store, program=ONE_MILLION)
    assert not at.exception, [e.value for e in at.exception]
    notice = " ".join(w.value for w in at.warning)
    assert "bị hỏng" in notice and "bản sao lưu" in notice and "chỉ xem" in notice, notice
    assert ("Đã đăng ký", "7.105") in metric_values(at)  # the snapshot's figures
    assert real_store.read_bytes() == damaged
    # The Data page (writing open: this session is an analyst) offers the newest snapshot.
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    restore = [b for b in at.button if b.key == "backup_restore_damaged"]
    assert restore, [b.key for b in at.button]
    restore[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Đã khôi phục" in " ".join(s.value for s in at.success)
    store = open_store(real_store, verify=True)
    try:
        assert store.record_count() == SAMPLE_TOTAL + 20 and not store.read_only
    finally:
        store.close()
    kept = list(real_store.parent.glob("store.duckdb.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # the damaged file is kept aside, untouched
    assert "Đã đăng ký" in all_text(_run(monkeypatch, real_store))


def test_a_store_with_a_code_held_twice_is_shown_from_its_snapshot_read_only(monkeypatch, real_store):
    """Issue 19: `initiatives` has no key index since migration 9; rows planted past the app (a code held by
    two records) make the check on opening treat the store as damaged: the newest snapshot is shown, view-only,
    and the file is not written to."""
    import duckdb

    from analytics import backup

    store = open_store(real_store)
    assert backup.snapshot(store, "manual").verified
    store.close()
    con = duckdb.connect(str(real_store))
    con.execute("INSERT INTO initiatives SELECT * FROM initiatives WHERE code = 'REAL-00001'")
    con.execute("CHECKPOINT")
    con.close()
    planted = real_store.read_bytes()
    at = _run(monkeypatch, real_store, program=ONE_MILLION)
    assert not at.exception, [e.value for e in at.exception]
    notice = " ".join(w.value for w in at.warning)
    assert "bị hỏng" in notice and "chỉ xem" in notice, notice
    assert ("Đã đăng ký", "7.105") in metric_values(at)  # the snapshot's figures, not 7.106
    assert real_store.read_bytes() == planted


def test_a_code_held_twice_is_named_as_text_in_the_stores_message(monkeypatch, real_store):
    """The store's problem names the codes held twice (data planted past the app, so anything): the message
    is Markdown, and a code like a link stays text (a code span), as the recovery panel writes it."""
    import re

    import duckdb

    from analytics import backup

    for kept in backup.backup_dir(real_store).glob("*.duckdb"):
        kept.unlink()  # no snapshot to show instead: the message alone
    hostile = "[Đăng nhập lại](https://evil.example/login)"
    con = duckdb.connect(str(real_store))
    for _ in range(2):
        con.execute(
            "INSERT INTO initiatives SELECT * REPLACE (? AS code) FROM initiatives WHERE code = 'REAL-00001'",
            [hostile],
        )
    con.execute("CHECKPOINT")
    con.close()
    at = _run(monkeypatch, real_store, program=ONE_MILLION)
    assert not at.exception, [e.value for e in at.exception]
    error = " ".join(e.value for e in at.error)
    assert "mã hồ sơ ghi trên nhiều dòng" in error, error
    assert re.search(r"`[^`]*\[Đăng nhập lại\]\(https://evil\.example/login\)[^`]*`", error), (
        error
    )  # code span
