"""The store's counts by day (`day_counts`, `field_day_counts`; derived): the progress, the daily series, the
run rate, the program's last day, the benefit by unit, field and period and the month counts read from them
are the figures counted from the records, under every filter (those with a status, or a field where the
counts have none, are counted from the records); they are built again whenever the data version moves, and
a store that cannot be written answers from the records."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from analytics import metrics, quality
from analytics.filters import Filters
from analytics.store import open_store
from tests.conftest import insert_records, record

D = dt.date
ONE_MILLION = "1-trieu-sang-kien"

VIEWS = [
    Filters(),
    Filters(program=ONE_MILLION),
    Filters(program=ONE_MILLION, phase=1),
    Filters(program=ONE_MILLION, phase=2),
    Filters(phase=2025),
    Filters(units=("BSR",)),
    Filters(groups=("Lọc hóa dầu",)),
    Filters(program=ONE_MILLION, units=("PVEP", "BSR")),
    Filters(program=ONE_MILLION, fields=("Chuyển đổi số",)),
    Filters(program=ONE_MILLION, statuses=("applied",)),
    Filters(program=ONE_MILLION, date_from=D(2021, 2, 1), date_to=D(2022, 6, 30)),
    Filters(program=ONE_MILLION, as_of=D(2022, 3, 1)),
    Filters(as_of=D(2025, 6, 30)),
    Filters(program=ONE_MILLION, as_of=D(2021, 1, 1)),  # nothing registered yet: the totals of no record
    Filters(program=ONE_MILLION, units_as="then"),
]
PAIRS = {
    "progress": (metrics._PROGRESS_SQL, {}),
    "daily": (metrics._DAILY_SQL, {}),
    "recent": (metrics._RECENT_SQL, {"window_start": D(2022, 1, 1)}),
    "last_day": (metrics._PROGRAM_LAST_DAY_SQL, {}),
    "benefit_by": (metrics._BENEFIT_BY_SQL, {}),
    "month_counts": (metrics._MONTH_COUNTS_SQL, {}),
    "benefit_sums": (quality._SUMS_SQL, {}),
    "field_benefit_sums": (quality._FIELD_SUMS_SQL, {}),
}


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), na_position="first").reset_index(drop=True)


def _from_records(monkeypatch):
    """Make every query count the records (as before the day counts)."""
    monkeypatch.setattr(metrics, "day_counts_current", lambda store: False)
    monkeypatch.setattr(metrics, "store_day_counts", lambda store: False)


def _same_progress(a: metrics.Progress, b: metrics.Progress) -> None:
    assert pd.Series(a.program, dtype=object).equals(pd.Series(b.program, dtype=object))
    pd.testing.assert_frame_equal(a.phases, b.phases)
    pd.testing.assert_frame_equal(a.units, b.units)
    assert a.as_of == b.as_of


@pytest.fixture
def store(sample_copy: Path):
    store = open_store(sample_copy)
    with store.transaction() as cur:  # a unit merged into another, and records written without a program
        cur.execute(
            "INSERT INTO unit_changes (on_date, kind, unit_code, successor_code) VALUES (?, 'merge', 'PVTex', 'BSR')",
            [D(2022, 6, 1)],
        )
    insert_records(
        store,
        [
            record("NP1", "BSR", "2021-11-03", program_code=None, benefit_vnd=5_000_000, status="applied"),
            record("NP2", "PVEP", "2025-03-03", program_code=None),
        ],
    )
    yield store
    store.close()


def test_the_day_counts_give_the_records_figures_under_every_filter(store, monkeypatch):
    assert not metrics.day_counts_current(store)  # never built: the records answer, and the counts are built
    first = metrics.progress(store, Filters())
    assert metrics.day_counts_current(store)
    assert store.one("SELECT count(*) FROM day_counts") < store.record_count()
    for filters in VIEWS:
        resolved = metrics.resolve(store, filters)
        for name, (query, extra) in PAIRS.items():
            if resolved.statuses or (resolved.fields and not query.by_field):
                continue
            records = metrics._run(store, query.records, resolved, **extra)
            days = metrics._run(store, query.counts, resolved, **extra)
            pd.testing.assert_frame_equal(_sorted(days), _sorted(records), obj=f"{name} {filters}")
    counted = {str(f): metrics.progress(store, f) for f in VIEWS}
    daily = {str(f): metrics.daily_registrations(store, f) for f in VIEWS}
    recent = {str(f): metrics.recent_registrations(store, f) for f in VIEWS}
    by = {str(f): metrics.benefit_by(store, f) for f in VIEWS}
    months = {str(f): metrics.month_counts(store, f) for f in VIEWS}
    latest = metrics.effective_as_of(store, Filters(program=ONE_MILLION))
    _from_records(monkeypatch)
    _same_progress(first, metrics.progress(store, Filters()))
    for filters in VIEWS:
        _same_progress(counted[str(filters)], metrics.progress(store, filters))
        pd.testing.assert_frame_equal(daily[str(filters)], metrics.daily_registrations(store, filters))
        pd.testing.assert_frame_equal(
            _sorted(recent[str(filters)]), _sorted(metrics.recent_registrations(store, filters))
        )
        for dimension, frame in metrics.benefit_by(store, filters).items():
            pd.testing.assert_frame_equal(_sorted(by[str(filters)][dimension]), _sorted(frame))
        for kept, frame in zip(months[str(filters)], metrics.month_counts(store, filters), strict=True):
            pd.testing.assert_frame_equal(kept, frame)
    assert metrics.effective_as_of(store, Filters(program=ONE_MILLION)) == latest


def test_the_day_counts_are_built_again_when_the_data_version_moves(store):
    metrics.store_day_counts(store)
    before = metrics.progress(store, Filters(program=ONE_MILLION)).program["registered"]
    insert_records(store, [record("NEW1", "BSR", "2022-05-01"), record("NEW2", "BSR", "2022-05-01")])
    assert not metrics.day_counts_current(store)
    assert metrics.progress(store, Filters(program=ONE_MILLION)).program["registered"] == before + 2
    assert metrics.day_counts_current(store)  # built for the new version by the read that found them stale
    assert metrics.progress(store, Filters(program=ONE_MILLION)).program["registered"] == before + 2
    with store.transaction() as cur:
        cur.execute("DELETE FROM initiatives WHERE code = 'NEW1'")
    assert metrics.progress(store, Filters(program=ONE_MILLION)).program["registered"] == before + 1
    assert metrics.progress(store, Filters(program=ONE_MILLION)).program["registered"] == before + 1


def test_a_read_only_store_with_stale_counts_answers_from_the_records(store):
    metrics.store_day_counts(store)
    path = store.path
    before = metrics.progress(store, Filters(program=ONE_MILLION)).program["registered"]
    insert_records(store, [record("NEW1", "BSR", "2022-05-01")])
    store.close()
    reader = open_store(path, read_only=True)
    try:
        assert not metrics.day_counts_current(reader)  # stale, and it cannot be rebuilt here
        assert metrics.progress(reader, Filters(program=ONE_MILLION)).program["registered"] == before + 1
        daily = metrics.daily_registrations(reader, Filters(program=ONE_MILLION))
        assert int(daily.loc[daily["day"] == pd.Timestamp("2022-05-01"), "registered"].iloc[0]) >= 1
        assert not metrics.day_counts_current(reader)  # nothing was written
    finally:
        reader.close()


def test_a_page_runs_snapshot_reads_the_counts_of_its_own_version(store):
    metrics.store_day_counts(store)
    snap = store.snapshot()
    try:
        before = metrics.progress(snap, Filters(program=ONE_MILLION)).program["registered"]
        insert_records(store, [record("NEW1", "BSR", "2022-05-01")])  # committed while the snapshot is open
        metrics.store_day_counts(store)  # built for the new version
        assert metrics.day_counts_current(snap)  # the snapshot still sees its own version's counts
        assert metrics.progress(snap, Filters(program=ONE_MILLION)).program["registered"] == before
    finally:
        snap.close()
    assert metrics.progress(store, Filters(program=ONE_MILLION)).program["registered"] == before + 1


def _mark_some(store) -> None:
    """Benefit marks on a few records with a benefit (council and self), as the Quality page writes them."""
    codes = [
        row[0]
        for row in store.rows(
            "SELECT code FROM initiatives WHERE benefit_vnd > 0 ORDER BY benefit_vnd DESC LIMIT 6"
        )
    ]
    for code, basis in zip(codes, ("council", "council", "council", "self", "council", None), strict=True):
        quality.mark_benefit(store, code, basis, by="analyst")


def test_the_benefit_sums_from_the_counts_are_the_records_under_every_filter(store, monkeypatch):
    _mark_some(store)
    metrics.store_day_counts(store)
    assert metrics.day_counts_current(store)
    counted = {str(f): quality.benefit_sums(store, metrics.resolve(store, f)) for f in VIEWS}
    assert counted[str(Filters())]["council_records"] == 4
    _from_records(monkeypatch)
    for filters in VIEWS:
        assert counted[str(filters)] == quality.benefit_sums(store, metrics.resolve(store, filters)), filters


def test_a_benefit_mark_moves_the_sums_at_once(store):
    metrics.store_day_counts(store)
    view = metrics.resolve(store, Filters(program=ONE_MILLION))
    before = quality.benefit_sums(store, view)
    code, benefit = store.rows(
        "SELECT code, benefit_vnd FROM initiatives WHERE program_code = ? AND benefit_vnd > 0 ORDER BY code LIMIT 1",
        [ONE_MILLION],
    )[0]
    quality.mark_benefit(store, code, "council", by="analyst")
    # the counts are stale: the records answer, and they are rebuilt for the mark's version
    after = quality.benefit_sums(store, view)
    assert metrics.day_counts_current(store)
    again = quality.benefit_sums(store, view)  # from the counts built for the mark's version
    for sums in (after, again):
        assert sums["council_vnd"] == before["council_vnd"] + benefit
        assert sums["self_vnd"] == before["self_vnd"] - benefit
        assert sums["council_records"] == before["council_records"] + 1
    quality.mark_benefit(store, code, None, by="analyst")  # the mark removed: self-declared again
    assert quality.benefit_sums(store, view) == before
    assert quality.benefit_sums(store, view) == before
