"""The author index kept in the store (analytics.author_index, built by analytics.metrics): each (program, unit, author)'s first
registration day per phase and over all phases, checked against the definition worked out here in Python
(an author is a name within a unit, trimmed, in lower case; blank names are no one; a record without a
program belongs to the program whose window holds its day)."""

from __future__ import annotations

import datetime as dt

from analytics import metrics
from analytics.filters import Filters
from tests.conftest import insert_records, record

PROGRAM = "1-trieu-sang-kien"  # window 2021-09-01 .. 2023-09-30; phase 1 to 2022-05-31, phase 2 after


def expected_index(rows: list[dict], windows: list[tuple[str, dt.date, dt.date]]) -> list[tuple]:
    firsts: dict[tuple, dt.date] = {}
    for row in rows:
        day = row["registered_on"]
        program = row.get("program_code")
        if program is None:
            holding = [(start, code) for code, start, end in windows if start <= day <= end]
            program = max(holding)[1] if holding else None
        for name in row["authors"].lower().split(";"):
            name = name.strip(" ")
            if not name:
                continue
            for phase, all_phases in ((row["phase"], 0), (None, 1)):
                key = (program, row["unit_code"], name, phase, all_phases)
                firsts[key] = min(firsts.get(key, day), day)
    return sorted(
        ((p, u, ph, a, d) for (p, u, _, ph, a), d in firsts.items()),
        key=lambda r: tuple((v is None, v) for v in r),
    )


def test_the_kept_index_is_each_authors_first_day_per_unit_phase_and_program(make_store):
    rows = [
        record("X1", "BSR", "2021-10-01", authors="Nguyễn Văn An; Trần Thị Bình"),
        record("X2", "BSR", "2022-07-01", authors="  nguyễn văn an ;;TRẦN THỊ BÌNH; "),  # same two, phase 2
        record("X3", "BSR", "2022-02-01", authors="Lê Chi"),
        record("X4", "PVU", "2021-12-01", authors="Nguyễn Văn An"),  # another unit: another author
        record("X5", "PVU", "2022-03-01", authors=" ; ", program_code=None),  # no one, no program
        record("X6", "PVU", "2022-08-01", authors="Phạm Dũng", program_code=None),  # in the window
        record("X7", "PVU", "2024-01-05", authors="Võ Em", program_code=None),  # outside every window
    ]
    store = make_store(rows)
    kept_rows = store.rows(
        "SELECT code, authors, unit_code, registered_on, phase, program_code FROM initiatives ORDER BY code"
    )
    stored = [
        {"authors": a, "unit_code": u, "registered_on": d, "phase": ph, "program_code": p}
        for _, a, u, d, ph, p in kept_rows
    ]
    windows = store.rows("SELECT code, start_on, end_on FROM programs")

    metrics._author_steps_cache.clear()
    metrics.refresh_author_index(store)

    assert store.one("SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'author_firsts_version'") == (
        store.data_version()
    )
    kept = store.rows(
        "SELECT program_code, unit, phase, all_phases, first_on FROM author_firsts "
        "ORDER BY program_code NULLS LAST, unit, phase NULLS LAST, all_phases, first_on"
    )
    assert kept == expected_index(stored, windows)
    # BSR: An and Bình from phase 1 (phase 2 names them again, in other spellings), Chi; PVU: An, Dũng.
    assert sum(1 for p, u, _, a, _ in kept if a == 1 and p == PROGRAM and u == "BSR") == 3
    assert sum(1 for p, u, _, a, _ in kept if a == 1 and p == PROGRAM and u == "PVU") == 2
    assert metrics.progress(store, Filters()).program["authors"] == 5

    # The pages read it as kept; built again by their own path, it is the same.
    metrics._author_steps_cache.clear()
    with store.derived_write() as cur:
        cur.execute("UPDATE meta SET value = '-1' WHERE key = 'author_firsts_version'")
    metrics.refresh_author_index(store)
    again = store.rows(
        "SELECT program_code, unit, phase, all_phases, first_on FROM author_firsts "
        "ORDER BY program_code NULLS LAST, unit, phase NULLS LAST, all_phases, first_on"
    )
    assert again == kept


def test_an_index_already_built_for_this_data_version_is_left_alone(make_store):
    store = make_store([record("Y1", "BSR", "2021-10-01", authors="An")])
    metrics.refresh_author_index(store)
    with store.derived_write() as cur:  # mark the kept index, to see whether it is rebuilt
        cur.execute("UPDATE author_firsts SET first_on = DATE '2000-01-01'")
    metrics._author_steps_cache.clear()  # a new process: only the store's copy is left
    metrics.refresh_author_index(store)
    assert store.rows("SELECT DISTINCT first_on FROM author_firsts") == [(dt.date(2000, 1, 1),)]
    insert_records(store, [record("Y2", "BSR", "2021-11-01", authors="Bình")])
    metrics.refresh_author_index(store)  # a new data version: built again
    assert store.rows("SELECT first_on FROM author_firsts WHERE all_phases = 1 ORDER BY 1") == [
        (dt.date(2021, 10, 1),),
        (dt.date(2021, 11, 1),),
    ]


def test_authors_of_a_record_in_no_period_count_for_the_program_and_in_no_period(make_store):
    """A record of the program that no period holds (its `phase` empty) brings its authors to the whole
    program, never to a period, whatever the filter (the look-up by period skips it, as pandas' did)."""
    store = make_store(
        [
            record("Z1", "BSR", "2021-10-01", authors="An"),
            record("Z2", "BSR", "2022-07-01", authors="Bình"),
            record("Z3", "BSR", "2022-08-01", authors="Chi"),
        ]
    )
    with store.transaction() as cur:  # as if no period held its day (a program with a gap between periods)
        cur.execute("UPDATE initiatives SET phase = NULL WHERE code = 'Z2'")
    metrics._author_steps_cache.clear()
    assert metrics.progress(store, Filters()).program["authors"] == 3
    by_phase = metrics.progress(store, Filters(phase=2))
    assert by_phase.program["authors"] == 1  # Chi alone
    assert int(by_phase.unit_rows("2").set_index("unit").loc["BSR", "authors"]) == 1
    assert metrics.progress(store, Filters(phase=1, as_of=dt.date(2022, 9, 1))).program["authors"] == 1
