"""The store's author parts (`author_parts`, `author_names`; derived): the Benefit page's table of authors read
from them gives the same rows as the query over the records, under every filter, and they are built again
whenever the data version moves (import, undo, an edit, a restore); a store that cannot be written (a
read-only open) answers from the records."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics import backup, ingest, metrics
from analytics.filters import Filters
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.conftest import answers_of, insert_records, record

D = dt.date
ONE_MILLION = "1-trieu-sang-kien"
PAY_HEADERS = ("Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày nộp", "Trạng thái", "Giá trị làm lợi")


def _direct(store, filters: Filters, limit: int = 20) -> pd.DataFrame:
    """The figures computed from the records themselves (what the parts must equal)."""
    return metrics._run(store, metrics._AUTHOR_PAY_SQL, filters, limit=limit, rate=metrics.REMUNERATION_RATE)


def _same(stored: pd.DataFrame, direct: pd.DataFrame) -> None:
    # the sums of the same parts, added in another order, may differ in their last bit
    pd.testing.assert_frame_equal(stored, direct, check_exact=False, rtol=1e-12)


def _applied(code, unit, day, authors, benefit, **extra):
    return record(code, unit, day, authors=authors, status="applied", benefit_vnd=benefit, **extra)


def _rows():
    return [
        # the same person written in two cases, with spaces around: one author of BSR, named as first sorted
        _applied("A1", "BSR", "2022-01-10", "Nguyễn Văn An; Trần Thị Bình", 1_000_000_000),
        _applied("A2", "BSR", "2022-06-10", " nguyễn văn an ;;", 300_000_000, field="Quản lý"),
        _applied("A3", "BSR", "2023-03-01", "NGUYỄN VĂN AN", 200_000_000),
        # the same name in another unit: another person
        _applied("B1", "PVEP", "2022-02-01", "Nguyễn Văn An", 500_000_000, field="Quản lý"),
        _applied("B2", "PVEP", "2023-02-01", "Lê Văn Cường; Phạm Thị Dung", 700_000_000),
        _applied("C1", "PVTex", "2022-03-01", "Lê Văn Cường", 400_000_000),  # merged into BSR below
        _applied("C2", "PVTex", "2022-04-01", "Trần Thị Bình", 100_000_000),
        # never owed: not applied, no benefit, no authors
        record("N1", "BSR", "2022-05-01", authors="Nguyễn Văn An", benefit_vnd=900_000_000),
        _applied("N2", "BSR", "2022-05-02", "Nguyễn Văn An", 0),
        _applied("N3", "BSR", "2022-05-03", None, 800_000_000),
        # applied in another program
        _applied("P1", "BSR", "2024-03-01", "Võ Văn E", 600_000_000, program_code="nam"),
    ]


@pytest.fixture
def store(make_store):
    store = make_store([r for r in _rows() if r["code"] != "P1"], name="parts.duckdb")
    with store.transaction() as cur:
        cur.execute(
            """INSERT INTO programs (code, name, start_on, end_on, noun_vi, noun_en, period_word_vi, period_word_en)
               VALUES ('nam', 'Chương trình năm', DATE '2024-01-01', DATE '2025-12-31', 'sản phẩm', 'products',
                       'Năm', 'Year')"""
        )
        cur.execute(
            "INSERT INTO periods VALUES ('nam', 2024, 'Năm 2024', DATE '2024-01-01', DATE '2024-12-31', NULL, NULL)"
        )
        # recorded shares on one record (60/40), and shares short of 100 on another (parts of their sum)
        cur.execute("UPDATE initiatives SET author_shares = [60.0, 40.0] WHERE code = 'A1'")
        cur.execute("UPDATE initiatives SET author_shares = [30.0, 30.0] WHERE code = 'B2'")
    insert_records(store, [r for r in _rows() if r["code"] == "P1"])
    return store


VIEWS = [
    Filters(),
    Filters(program=ONE_MILLION),
    Filters(phase=1),
    Filters(phase=2),
    Filters(units=("BSR",)),
    Filters(units=("PVEP", "PVTex")),
    Filters(fields=("Quản lý",)),
    Filters(statuses=("applied",)),
    Filters(statuses=("recognized",)),
    Filters(date_from=D(2022, 2, 1), date_to=D(2022, 6, 30)),
    Filters(as_of=D(2022, 3, 1)),
    Filters(program="nam"),
    Filters(program=ONE_MILLION, units_as="then"),
]


def test_the_parts_give_the_figures_of_the_records_under_every_filter(store):
    assert not metrics.author_parts_current(store)  # never built: the records answer, and the parts are built
    _same(metrics.remuneration_by_author(store, Filters()), _direct(store, Filters()))
    assert metrics.author_parts_current(store)
    for filters in VIEWS:
        _same(metrics.remuneration_by_author(store, filters), _direct(store, filters))
        _same(metrics.remuneration_by_author(store, filters, limit=2), _direct(store, filters, limit=2))
    every = metrics.remuneration_by_author(store, Filters(program=ONE_MILLION)).set_index(["unit", "author"])
    # one person in two cases is one row, named as the first of the names sorted; an empty name still
    # counted in the equal parts (A2's three names, two of them empty)
    assert every.loc[("BSR", "NGUYỄN VĂN AN"), "initiatives"] == 3
    assert every.loc[("BSR", "NGUYỄN VĂN AN"), "min_remuneration"] == pytest.approx(
        (600_000_000 + 300_000_000 / 3 + 200_000_000) * 0.07
    )
    assert every.loc[("PVEP", "Nguyễn Văn An"), "initiatives"] == 1
    assert ("BSR", "Võ Văn E") not in every.index  # another program's
    assert metrics.remuneration_by_author(store, Filters(program=ONE_MILLION, statuses=("recognized",))).empty


def test_merged_units_group_their_authors_under_the_successor(store):
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO unit_changes (on_date, kind, unit_code, successor_code) VALUES (?, 'merge', 'PVTex', 'BSR')",
            [D(2022, 6, 1)],
        )
    assert not metrics.author_parts_current(store)  # the data version moved
    metrics.store_author_parts(store)
    assert metrics.author_parts_current(store)
    today = metrics.remuneration_by_author(store, Filters(program=ONE_MILLION))
    _same(today, _direct(store, Filters(program=ONE_MILLION)))
    bsr = today[today["unit"] == "BSR"].set_index("author")
    assert bsr.loc["Trần Thị Bình", "initiatives"] == 2  # A1 in BSR and C2 in PVTex: one person of BSR today
    assert "PVTex" not in set(today["unit"])
    for filters in VIEWS:
        _same(metrics.remuneration_by_author(store, filters), _direct(store, filters))


def test_the_parts_are_built_again_after_an_import_an_undo_and_an_edit(make_store):
    store = make_store(name="imports.duckdb")
    first = ingest.commit(
        store,
        fx.csv_bytes(
            [
                [
                    "A",
                    "T",
                    "Nguyễn Văn An (60%); Trần Thị Bình (40%)",
                    "BSR",
                    "01/03/2022",
                    "Đã áp dụng",
                    "1.000.000.000",
                ],
                ["B", "T", "Lê Văn Cường", "PVEP", "02/03/2022", "Đã áp dụng", "200.000.000"],
            ],
            headers=PAY_HEADERS,
        ),
        "pay.csv",
    )
    assert first.ok
    metrics.refresh_author_index(store)  # what every import's caller does: the parts with the author index
    assert metrics.author_parts_current(store)
    _same(metrics.remuneration_by_author(store, Filters()), _direct(store, Filters()))
    assert len(metrics.remuneration_by_author(store, Filters())) == 3

    second = ingest.commit(
        store,
        fx.csv_bytes(
            [["B", "T", "Lê Văn Cường; Phạm Thị Dung", "PVEP", "02/03/2022", "Đã áp dụng", "400.000.000"]],
            headers=PAY_HEADERS,
        ),
        "pay-2.csv",
    )
    assert second.ok and not metrics.author_parts_current(store)
    changed = metrics.remuneration_by_author(store, Filters())  # from the records, then the parts are built
    assert metrics.author_parts_current(store)
    _same(metrics.remuneration_by_author(store, Filters()), changed)
    assert set(changed["author"]) == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"}

    assert ingest.undo(store, second.import_id).ok
    metrics.store_author_parts(store)  # what the server's warm-up does after a command's import or undo
    assert metrics.author_parts_current(store)
    undone = metrics.remuneration_by_author(store, Filters())
    _same(undone, _direct(store, Filters()))
    assert set(undone["author"]) == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"}

    with store.transaction() as cur:  # an edit: the record is no longer applied
        cur.execute("UPDATE initiatives SET status = 'recognized' WHERE code = 'A'")
    assert not metrics.author_parts_current(store)
    metrics.store_author_parts(store)
    edited = metrics.remuneration_by_author(store, Filters())
    _same(edited, _direct(store, Filters()))
    assert list(edited["author"]) == ["Lê Văn Cường"]


def test_a_read_only_store_answers_from_the_records_and_reads_current_parts(store, tmp_path):
    metrics.store_author_parts(store)
    path = store.path
    store.close()
    reader = open_store(path, read_only=True)
    try:
        assert metrics.author_parts_current(reader)
        kept = metrics.remuneration_by_author(reader, Filters(program=ONE_MILLION))
        _same(kept, _direct(reader, Filters(program=ONE_MILLION)))
    finally:
        reader.close()
    writer = open_store(path)
    with writer.transaction() as cur:
        cur.execute("UPDATE initiatives SET benefit_vnd = 2 * benefit_vnd WHERE code = 'B1'")
    writer.close()
    reader = open_store(path, read_only=True)
    try:
        assert not metrics.author_parts_current(reader)  # stale, and it cannot be rebuilt here
        stale = metrics.remuneration_by_author(reader, Filters(program=ONE_MILLION))
        _same(stale, _direct(reader, Filters(program=ONE_MILLION)))
        assert stale.set_index(["unit", "author"]).loc[("PVEP", "Nguyễn Văn An"), "min_remuneration"] == (
            pytest.approx(1_000_000_000 * 0.07)
        )
        assert not metrics.author_parts_current(reader)  # nothing was written
    finally:
        reader.close()


def test_a_page_runs_snapshot_reads_the_parts_of_its_own_version(store):
    metrics.store_author_parts(store)
    snap = store.snapshot()
    try:
        before = metrics.remuneration_by_author(snap, Filters(program=ONE_MILLION))
        with store.transaction() as cur:  # committed while the snapshot is open
            cur.execute("DELETE FROM initiatives WHERE code = 'B1'")
        metrics.store_author_parts(store)  # built for the new version
        assert metrics.author_parts_current(snap)  # the snapshot still sees its own version's parts
        _same(metrics.remuneration_by_author(snap, Filters(program=ONE_MILLION)), before)
        assert ("PVEP", "Nguyễn Văn An") in set(zip(before["unit"], before["author"], strict=True))
    finally:
        snap.close()
    after = metrics.remuneration_by_author(store, Filters(program=ONE_MILLION))
    assert ("PVEP", "Nguyễn Văn An") not in set(zip(after["unit"], after["author"], strict=True))
    _same(after, _direct(store, Filters(program=ONE_MILLION)))


def test_a_restore_brings_parts_that_are_built_again(store, tmp_path):
    metrics.store_author_parts(store)
    made = backup.snapshot(store, "manual", out=tmp_path / "snap.duckdb")
    with store.transaction() as cur:
        cur.execute("DELETE FROM initiatives WHERE code IN ('A1', 'A2')")
    metrics.store_author_parts(store)
    backup.restore_into(store, made.path)
    assert not metrics.author_parts_current(store)  # the restore moved the data version past the snapshot's
    view = Filters(program=ONE_MILLION)
    restored = metrics.remuneration_by_author(store, view)
    _same(restored, _direct(store, view))
    assert metrics.author_parts_current(store)
    _same(metrics.remuneration_by_author(store, view), restored)
    assert restored.set_index(["unit", "author"]).loc[("BSR", "Trần Thị Bình"), "initiatives"] == 1


@pytest.mark.parametrize("candidates", [1, 2, 3, 50])
def test_the_candidate_authors_give_the_figures_of_the_records_under_every_filter(
    store, monkeypatch, candidates
):
    """The authors owed most are looked for among the candidates first (those owed most over every record):
    with few candidates the others' bound stops them (the parts are all grouped), with many they answer."""
    monkeypatch.setattr(metrics, "AUTHOR_CANDIDATES", candidates)
    metrics._author_candidates_cache.clear()
    metrics.store_author_parts(store)
    answered = answers_of(monkeypatch, metrics, "_pay_of_candidates")
    for filters in VIEWS:
        for limit in (1, 2, 20):
            _same(
                metrics.remuneration_by_author(store, filters, limit=limit),
                _direct(store, filters, limit=limit),
            )
    assert any(answered)  # the candidates answered some views ...
    assert all(answered) == (candidates == 50)  # ... and only all of them when every author is one


def test_the_candidates_follow_the_data_version_and_negative_shares(store, monkeypatch):
    """A write moves the candidates with the data version; a negative recorded share (a part below 0) never
    lets an author's bound fall short of what a filter can give it."""
    monkeypatch.setattr(metrics, "AUTHOR_CANDIDATES", 1)
    metrics.store_author_parts(store)
    view = Filters(program=ONE_MILLION)
    _same(metrics.remuneration_by_author(store, view, limit=1), _direct(store, view, limit=1))
    with store.transaction() as cur:
        cur.execute("UPDATE initiatives SET author_shares = [150.0, -50.0] WHERE code = 'A1'")
        cur.execute("UPDATE initiatives SET benefit_vnd = 5 * benefit_vnd WHERE code = 'C2'")
    metrics.store_author_parts(store)
    for filters in VIEWS:
        for limit in (1, 2):
            _same(
                metrics.remuneration_by_author(store, filters, limit=limit),
                _direct(store, filters, limit=limit),
            )
