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
