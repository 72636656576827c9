"""Passes over the records a page run makes (issue 19): a page asks each distinct question once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from analytics import metrics
from analytics.filters import Filters
from analytics.store import open_store
from tests.app.apptest import run_app
from tests.app.test_warmup import counting


def test_trends_counts_the_days_once_for_its_chart_and_the_period_overlay(monkeypatch, sample_copy: Path):
    st.cache_data.clear()
    daily = counting(monkeypatch, "daily_registrations")
    at = run_app(monkeypatch, sample_copy, page="trends")
    assert not at.exception
    overlay = [c for c in at.get("plotly_chart") if "trends_compare_periods" in str(c.proto.id)]
    assert overlay, "the period overlay is drawn"
    assert len(daily) == 1, "the period overlay counted the days again"

    daily.clear()
    st.cache_data.clear()
    at = run_app(monkeypatch, sample_copy, page="trends", as_of="2025-06-30")
    assert not at.exception and len(daily) == 1


def test_the_period_overlay_from_the_cached_days_is_metrics_own(sample_copy: Path):
    store = open_store(sample_copy, read_only=True)
    try:
        for filters in (
            Filters(),
            Filters(units=("BSR",)),
            Filters(phase=2025),
            Filters(as_of=dt.date(2025, 6, 30)),
        ):
            window = metrics.period_curves_window(store, filters)
            assert window is not None
            daily_filters, current, previous, day = window
            both = metrics.daily_registrations(store, daily_filters)
            from_days = metrics.period_curves_from(both, current, previous, day)
            assert from_days.equals(metrics.period_curves(store, filters))
            assert set(from_days["period"]) == {current.period, previous.period}
    finally:
        store.close()


def test_benefit_shows_the_authors_owed_most_from_the_records_then_from_the_author_parts(
    monkeypatch, sample_copy: Path
):
    from analytics.i18n import t

    def authors_shown(at) -> list[tuple[str, str]]:
        header = t("benefit.by_author.author", "vi")
        tables = [d.value for d in at.dataframe if header in list(d.value.columns)]
        assert len(tables) == 1
        return list(zip(tables[0][t("units.table.unit", "vi")], tables[0][header], strict=True))

    store = open_store(sample_copy, read_only=True)
    try:
        assert not metrics.author_parts_current(store)
        view = metrics.resolve(store, Filters())
        owed = metrics._run(store, metrics._AUTHOR_PAY_SQL, view, limit=20, rate=metrics.REMUNERATION_RATE)
    finally:
        store.close()
    assert len(owed) == 20
    st.cache_data.clear()
    first = run_app(monkeypatch, sample_copy, page="benefit")  # from the records; the parts built after
    assert not first.exception
    from ui import store_handle

    assert metrics.author_parts_current(store_handle.get_store())
    st.cache_data.clear()
    second = run_app(monkeypatch, sample_copy, page="benefit")  # from the parts
    assert not second.exception
    shown = authors_shown(first)
    assert authors_shown(second) == shown
    assert [author for _, author in shown] == list(owed["author"])
