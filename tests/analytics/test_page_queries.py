"""Page queries written for speed (issue 19) give exactly what their plain forms gave."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics import metrics
from analytics.filters import Filters
from tests.conftest import answers_of

# recognition_time's query before it was split (the medians of the weeks computed and thrown away)
_PLAIN_RECOGNITION_SQL = metrics.with_scope(
    """SELECT grouping(month, week) AS level, month, week, count(*) AS recognized,
              median(days) AS median_days, quantile_cont(days, 0.9) AS p90_days
       FROM (SELECT date_trunc('month', registered_on) AS month,
                    least((recognized_on - registered_on) // 7, 26) AS week,
                    recognized_on - registered_on AS days
             FROM f WHERE recognized_on IS NOT NULL AND recognized_on >= registered_on) r
       GROUP BY GROUPING SETS ((month), (week), ()) ORDER BY level, month, week"""
)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(phase=1),
        Filters(units=("BSR",)),
        Filters(statuses=("applied",)),
        Filters(date_from=dt.date(2022, 1, 1), date_to=dt.date(2022, 12, 31)),
        Filters(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 1, 2)),  # nothing recognized
    ],
)
def test_recognition_time_is_the_plain_querys(sample_store, filters):
    rows = metrics._run(sample_store, _PLAIN_RECOGNITION_SQL, filters)
    by_month, by_week, overall = metrics.recognition_time(sample_store, filters)
    expected_month = rows[rows["level"] == 1][["month", "recognized", "median_days", "p90_days"]]
    expected_week = rows[rows["level"] == 2][["week", "recognized"]].astype({"week": "int64"})
    pd.testing.assert_frame_equal(by_month, expected_month.reset_index(drop=True), check_exact=True)
    pd.testing.assert_frame_equal(by_week, expected_week.reset_index(drop=True), check_exact=True)
    total = rows[rows["level"] == 3]
    if total.empty or not total["recognized"].iloc[0]:
        assert overall == {"recognized": 0, "median_days": None, "p90_days": None}
    else:
        assert overall == total[["recognized", "median_days", "p90_days"]].iloc[0].to_dict()
        assert overall["recognized"] == by_month["recognized"].sum() == by_week["recognized"].sum() > 0


# top_initiatives' query before the long texts were read for the largest records only
_PLAIN_TOP_SQL = metrics.with_scope(
    """SELECT f.code, f.title, f.unit_code AS unit, u.name AS unit_name, f.field, f.status, f.authors,
              f.registered_on, f.applied_on, f.benefit_vnd, f.benefit_vnd * $rate AS min_remuneration
       FROM f LEFT JOIN units u ON u.code = f.unit_code
       WHERE f.benefit_vnd IS NOT NULL
       ORDER BY f.benefit_vnd DESC, f.code LIMIT $limit"""
)


@pytest.mark.parametrize("limit", [1, 10, 20, 100_000])
@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(phase=2025),
        Filters(units=("BSR",)),
        Filters(statuses=("applied",)),
        Filters(as_of=dt.date(2025, 6, 30)),
        Filters(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 1, 2)),  # nothing
    ],
)
def test_top_initiatives_is_the_plain_querys(sample_store, filters, limit):
    expected = metrics._run(
        sample_store, _PLAIN_TOP_SQL, filters, limit=limit, rate=metrics.REMUNERATION_RATE
    )
    found = metrics.top_initiatives(sample_store, filters, limit=limit)
    pd.testing.assert_frame_equal(found, expected, check_exact=True)


def test_top_initiatives_orders_equal_benefits_by_code_and_counts_merged_units_under_the_successor(
    make_store,
):
    from tests.conftest import record

    store = make_store(
        [
            record(c, u, "2022-03-01", benefit_vnd=5_000_000)
            for c, u in (("B", "BSR"), ("A", "PVTex"), ("C", "BSR"))
        ]
        + [record("D", "PVEP", "2022-03-02", benefit_vnd=9_000_000), record("E", "PVEP", "2022-03-03")]
    )
    with store.transaction() as cur:
        cur.execute(
            "INSERT INTO unit_changes (on_date, kind, unit_code, successor_code) VALUES (DATE '2022-06-01', 'merge', 'PVTex', 'BSR')"
        )
    for filters in (
        Filters(program="1-trieu-sang-kien"),
        Filters(program="1-trieu-sang-kien", units_as="then"),
    ):
        found = metrics.top_initiatives(store, filters, limit=3)
        expected = metrics._run(store, _PLAIN_TOP_SQL, filters, limit=3, rate=metrics.REMUNERATION_RATE)
        pd.testing.assert_frame_equal(found, expected, check_exact=True)
        assert list(found["code"]) == ["D", "A", "B"]
    assert list(metrics.top_initiatives(store, Filters(program="1-trieu-sang-kien"))["unit"][:2]) == [
        "PVEP",
        "BSR",
    ]


# benefit_distribution's two queries before they were one pass
_PLAIN_HIST_SQL = metrics.with_scope(
    """SELECT floor(log10(greatest(benefit_vnd, 1e6)) * 4) / 4 AS log_low, count(*) AS initiatives,
              sum(benefit_vnd) AS benefit_vnd
       FROM f WHERE benefit_vnd > 0 GROUP BY ALL ORDER BY ALL"""
)
_PLAIN_STATS_SQL = metrics.with_scope(
    """, v AS (SELECT benefit_vnd FROM f WHERE benefit_vnd > 0),
    q AS (SELECT quantile_disc(benefit_vnd, 0.9) AS p90 FROM v)
    SELECT count(*) AS n, sum(benefit_vnd) AS total, median(benefit_vnd) AS median, avg(benefit_vnd) AS mean,
           (SELECT p90 FROM q) AS p90, max(benefit_vnd) AS max,
           sum(benefit_vnd) FILTER (WHERE benefit_vnd >= (SELECT p90 FROM q)) AS top_sum
    FROM v"""
)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(phase=2025),
        Filters(units=("BSR",)),
        Filters(statuses=("applied",)),
        Filters(as_of=dt.date(2025, 6, 30)),
        Filters(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 1, 2)),  # no benefit at all
    ],
)
def test_benefit_distribution_is_the_plain_queries(sample_store, filters):
    hist = metrics._run(sample_store, _PLAIN_HIST_SQL, filters)
    hist["low_vnd"] = 10 ** hist["log_low"]
    hist["high_vnd"] = 10 ** (hist["log_low"] + 0.25)
    stats = metrics._run(sample_store, _PLAIN_STATS_SQL, filters).iloc[0].to_dict()
    found_hist, found_stats = metrics.benefit_distribution(sample_store, filters)
    pd.testing.assert_frame_equal(found_hist, hist, check_exact=True)
    top = stats.pop("top_sum")
    assert found_stats.pop("top10_share") == pytest.approx(
        float(top) * 100 / float(stats["total"]) if stats["total"] and pd.notna(top) else float("nan"),
        nan_ok=True,
    )
    assert found_stats.keys() == stats.keys()
    for key, value in stats.items():
        assert type(found_stats[key]) is type(value), key
        assert (pd.isna(value) and pd.isna(found_stats[key])) or found_stats[key] == value, key


# remuneration_by_author's stored query before the largest were chosen ahead of the names' join
_PLAIN_AUTHOR_PAY_STORED_SQL = f"""WITH {metrics._AUTHOR_PARTS_SCOPE},
g AS (
    SELECT unit_code, author, min(name_rank) AS name_rank, count(*) AS initiatives,
           sum(benefit_vnd * share) AS benefit_part, bool_or(by_share) AS by_share
    FROM f GROUP BY unit_code, author
)
SELECT g.unit_code AS unit, u.name AS unit_name, n.name AS author, g.initiatives, g.benefit_part,
       g.benefit_part * $rate AS min_remuneration, g.by_share
FROM g JOIN author_names n ON n.name_rank = g.name_rank LEFT JOIN units u ON u.code = g.unit_code
ORDER BY min_remuneration DESC, unit, author LIMIT $limit"""  # noqa: S608  (constant SQL)


@pytest.fixture
def tied_store(make_store):
    """Applied records whose authors' parts tie across units and names (the order then goes by unit, then by
    the name in its sort order: "Bình" before "Cường" before "an"), a person written in two cases, and other units' larger parts."""
    from tests.conftest import record

    def applied(code, unit, day, authors, benefit):
        return record(code, unit, day, authors=authors, status="applied", benefit_vnd=benefit)

    rows = [
        applied("T1", "BSR", "2022-01-10", "Bình; An", 200_000_000),
        applied("T2", "PVEP", "2022-01-11", "an; Bình", 200_000_000),
        applied("T3", "PVEP", "2022-01-12", "Cường", 100_000_000),
        applied("T4", "BSR", "2022-02-01", "cường; CƯỜNG", 100_000_000),
        applied("T5", "PVTex", "2022-03-01", "Dung; Em; Giang; Hà", 400_000_000),
        applied("T6", "PVTex", "2023-03-01", "Dung", 300_000_000),
        applied("T7", "BSR", "2023-04-01", "Khánh", 5_000_000_000),
    ]
    store = make_store(rows, name="tied.duckdb")
    assert metrics.store_author_parts(store)
    return store


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8, 10, 20])
@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(phase=1),
        Filters(units=("BSR", "PVEP")),
        Filters(as_of=dt.date(2022, 12, 31)),
        Filters(date_from=dt.date(1990, 1, 1), date_to=dt.date(1990, 1, 2)),  # nothing
    ],
)
def test_remuneration_by_author_from_the_parts_is_the_plain_querys(tied_store, filters, limit):
    assert metrics.author_parts_current(tied_store)
    expected = metrics._run(
        tied_store, _PLAIN_AUTHOR_PAY_STORED_SQL, filters, limit=limit, rate=metrics.REMUNERATION_RATE
    )
    found = metrics.remuneration_by_author(tied_store, filters, limit=limit)
    pd.testing.assert_frame_equal(found, expected, check_exact=True)
    if limit == 10 and filters == Filters():  # ties by unit, then by the name in its sort order
        assert list(zip(found["unit"], found["author"], strict=True)) == [
            ("BSR", "Khánh"),
            ("PVTex", "Dung"),
            ("BSR", "An"),
            ("BSR", "Bình"),
            ("BSR", "CƯỜNG"),  # "cường; CƯỜNG": one person, named as the first sorted
            ("PVEP", "Bình"),
            ("PVEP", "Cường"),
            ("PVEP", "an"),
            ("PVTex", "Em"),
            ("PVTex", "Giang"),
        ]


@pytest.mark.parametrize("candidates", [1, 3, 40, 2000])
def test_top_initiatives_from_the_records_above_the_floor_are_the_plain_querys(
    sample_store, monkeypatch, candidates
):
    """The largest are looked for first above the floor (the smallest of the `candidates` largest of every
    record): with few candidates most views hold too few of them and every record is sorted, with many they
    answer; equal benefits at the floor are never cut."""
    monkeypatch.setattr(metrics, "TOP_CANDIDATES", candidates)
    metrics._top_texts_cache.clear()
    answered = answers_of(monkeypatch, metrics, "_top_above_floor")
    views = [Filters(), Filters(phase=2025), Filters(units=("BSR",)), Filters(statuses=("applied",))]
    views += [
        Filters(as_of=dt.date(2025, 6, 30)),
        Filters(fields=("Kỹ thuật – Công nghệ",)),
        Filters(units_as="then"),
    ]
    for filters in views:
        for limit in (1, 2, 10, 20):
            expected = metrics._run(
                sample_store, _PLAIN_TOP_SQL, filters, limit=limit, rate=metrics.REMUNERATION_RATE
            )
            pd.testing.assert_frame_equal(
                metrics.top_initiatives(sample_store, filters, limit=limit), expected
            )
    assert any(answered) == (candidates > 1)  # one candidate: nothing is above the floor
    assert all(answered) == (candidates == 2000)  # the sample's 2,000 largest hold every view's 20


def test_top_initiatives_above_the_floor_follow_the_data_version_and_ties(make_store, monkeypatch):
    from tests.conftest import record

    monkeypatch.setattr(metrics, "TOP_CANDIDATES", 2)
    store = make_store(
        [record(c, "BSR", "2022-03-01", benefit_vnd=b) for c, b in (("A", 9), ("B", 7), ("C", 5))]
    )
    view = Filters(program="1-trieu-sang-kien")
    assert list(metrics.top_initiatives(store, view, limit=1)["code"]) == ["A"]  # above the floor (7)
    with store.transaction() as cur:  # a tie at the floor, and a new title: the kept texts move with the data
        cur.execute("UPDATE initiatives SET benefit_vnd = 9, title = 'Mới' WHERE code = 'B'")
    for limit in (1, 2, 3):
        expected = metrics._run(store, _PLAIN_TOP_SQL, view, limit=limit, rate=metrics.REMUNERATION_RATE)
        pd.testing.assert_frame_equal(metrics.top_initiatives(store, view, limit=limit), expected)
    assert list(metrics.top_initiatives(store, view, limit=2)["title"])[1] == "Mới"


def test_keep_largest_reads_the_floor_and_the_candidates_of_the_current_version(sample_copy):
    from analytics.store import open_store

    metrics._top_texts_cache.clear()
    metrics._author_candidates_cache.clear()
    store = open_store(sample_copy)
    try:
        metrics.store_author_parts(store)
        metrics.keep_largest(store)  # what the server's warm-up does
        key, version = str(store.path), store.data_version()
        assert metrics._top_texts_cache[key][0] == version
        assert metrics._author_candidates_cache[key][0] == version
    finally:
        store.close()
