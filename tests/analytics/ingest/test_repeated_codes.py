"""A code on more than one row of a file: the first row is kept and every later one rejected, naming its
row; a code is compared as read (trimmed), and a file repeating no code writes every row. Pinned on the
rows themselves, since the check now looks for repeats with one count before it lists them."""

from __future__ import annotations

import pytest

from analytics import ingest
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "s.duckdb")
    yield opened
    opened.close()


def test_every_later_row_of_a_repeated_code_is_rejected_with_its_row(store):
    body = fx.rows(8)
    third = list(body[2])
    third[1] = f"  {third[1]} "  # the same code with spaces around it
    body.append(third)
    body.append(list(body[2]))
    body.append(list(body[6]))
    report = ingest.commit(store, fx.csv_bytes(body), "lap.csv")
    assert report.ok and (report.inserted, report.rejected, report.skipped) == (8, 3, 0)
    found = [(e.row, e.value.strip(), e.reason) for e in report.errors]
    first = report.preview.layout.data_row
    assert found == [
        (first + 8, body[2][1], "duplicate"),
        (first + 9, body[2][1], "duplicate"),
        (first + 10, body[6][1], "duplicate"),
    ]
    assert store.one("SELECT count(*) FROM initiatives") == 8
    assert store.one("SELECT count(DISTINCT code) FROM initiatives") == 8


def test_a_file_repeating_no_code_writes_every_row_and_rejects_none(store):
    body = fx.rows(12)
    report = ingest.commit(store, fx.csv_bytes(body), "khac.csv")
    assert report.ok and (report.inserted, report.rejected, report.errors) == (12, 0, [])
    assert sorted(r[0] for r in store.rows("SELECT code FROM initiatives")) == sorted(r[1] for r in body)
    again = ingest.validate(store, fx.csv_bytes(body), "khac.csv")
    assert (again.inserted, again.unchanged, again.rejected) == (0, 12, 0)
