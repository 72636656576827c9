"""analytics.store.write_derived: a table derived from the data is written for the data version the store
holds inside the write transaction, and a writer whose version moved under it writes nothing."""

from __future__ import annotations

import logging

import duckdb
import pytest

from analytics.store import open_store, write_derived
from tests.conftest import insert_records, record

KEPT_SQL = "SELECT data_version, view, figures FROM quality_headlines ORDER BY data_version, view"


def keep(figures: str, calls: list[int]):
    """A write of one derived row (the quality_headlines table): the stale rows go, the new one is tagged
    with the version it was written for; `calls` records each version it ran for."""

    def write(cur: duckdb.DuckDBPyConnection, now: int) -> None:
        calls.append(now)
        cur.execute("DELETE FROM quality_headlines WHERE data_version <> ? OR view = 'v'", [now])
        cur.execute("INSERT INTO quality_headlines VALUES (?, 'v', ?)", [now, figures])

    return write


@pytest.fixture
def store(make_store):
    return make_store([record("A1", "BSR", "2022-01-10"), record("A2", "PVEP", "2022-02-10")])


def test_a_write_for_the_current_version_replaces_the_stale_rows(store):
    old = store.data_version()
    assert write_derived(store, keep("old", []), version=old) == old
    insert_records(store, [record("A3", "BSR", "2022-03-10")])
    now = store.data_version()
    calls: list[int] = []
    assert now == old + 1
    assert write_derived(store, keep("new", calls), version=now, what="test rows") == now
    assert calls == [now] and store.rows(KEPT_SQL) == [(now, "v", "new")]


def test_a_write_whose_version_moved_under_it_writes_nothing(store):
    assert write_derived(store, keep("kept", []), version=store.data_version()) is not None
    before = store.rows(KEPT_SQL)
    version = store.data_version()  # the writer computed its rows from this version...
    insert_records(store, [record("A3", "BSR", "2022-03-10")])  # ...and an import committed meanwhile
    calls: list[int] = []
    assert write_derived(store, keep("stale", calls), version=version) is None
    assert calls == [] and store.rows(KEPT_SQL) == before  # no row of the old data under the new version


def test_a_page_snapshot_writes_through_its_store_only_while_its_version_is_the_stores(store):
    snap = store.snapshot()
    try:
        seen = snap.data_version()
        calls: list[int] = []
        assert write_derived(snap, keep("from the snapshot", calls), version=seen) == seen
        insert_records(store, [record("A3", "BSR", "2022-03-10")])  # committed while the snapshot is open
        assert write_derived(snap, keep("late", calls), version=seen) is None
        assert calls == [seen]
        # rows the write makes from the tables inside its transaction are of the store's version: no check
        assert write_derived(snap, keep("inside", calls)) == seen + 1
    finally:
        snap.close()
    assert store.rows(KEPT_SQL) == [(seen + 1, "v", "inside")]


def test_a_store_that_cannot_be_written_or_a_failed_write_leaves_the_rows_as_they_were(store, caplog):
    write_derived(store, keep("kept", []), version=store.data_version())
    before = store.rows(KEPT_SQL)

    def half_done(cur: duckdb.DuckDBPyConnection, now: int) -> None:
        cur.execute("DELETE FROM quality_headlines")
        raise duckdb.IOException("No space left on device")

    with caplog.at_level(logging.WARNING, logger="analytics.store"):
        assert write_derived(store, half_done, what="test rows") is None
    assert store.rows(KEPT_SQL) == before  # rolled back
    assert "the test rows of" in caplog.text and "could not be kept" in caplog.text
    path = store.path
    store.close()
    reader = open_store(path, read_only=True)
    try:
        calls: list[int] = []
        assert write_derived(reader, keep("read-only", calls)) is None
        assert calls == [] and reader.rows(KEPT_SQL) == before
    finally:
        reader.close()
