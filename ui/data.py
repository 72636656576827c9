"""Cached access to the metrics for pages: results keyed by store, data version, filters and arguments.

Every commit bumps the data version, so cached results expire exactly when the data change; caches are
bounded (`max_entries`) so a server with many viewers keeps a steady memory footprint.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from analytics import metrics
from analytics.filters import Filters
from analytics.store import Reader
from ui.context import current

# Functions a page may ask for: name -> metrics function taking (store, filters, **kwargs).
_QUERIES = {
    "progress": metrics.progress,
    "rank_change": metrics.rank_change,
    "daily_registrations": metrics.daily_registrations,
    "month_counts": metrics.month_counts,
    "recognition_time": metrics.recognition_time,
    "benefit_by": metrics.benefit_by,
    "benefit_distribution": metrics.benefit_distribution,
    "top_initiatives": metrics.top_initiatives,
    "composition": metrics.composition,
    "records": metrics.records,
    "records_page": metrics.records_page,
    "record_count": metrics.record_count,
    "recent_registrations": metrics.recent_registrations,
    "effective_as_of": metrics.effective_as_of,
}


@st.cache_data(max_entries=512, show_spinner=False)
def _cached(
    name: str, path: str, version: int, filters: Filters, kwargs: tuple[tuple[str, Any], ...], _reader: Reader
) -> Any:
    return _QUERIES[name](_reader, filters, **dict(kwargs))


@st.cache_data(max_entries=32, show_spinner=False)
def _reference(name: str, path: str, version: int, _reader: Reader) -> Any:
    return {"milestones": metrics.milestones, "campaigns": metrics.campaigns}[name](_reader)


def _source() -> tuple[Reader, int]:
    """The run's snapshot and its data version. Streamlit's AppTest re-runs a page without app.py, after
    the snapshot of the run that set it up has ended: then the store itself, at its current version."""
    ctx = current()
    if getattr(ctx.reader, "closed", False):
        return ctx.store, ctx.store.data_version()
    return ctx.reader, ctx.version


def query(name: str, filters: Filters | None = None, **kwargs: Any) -> Any:
    """The result of metrics.<name> under the current (or given) filters, from the cache when possible."""
    ctx = current()
    reader, version = _source()
    key = tuple(sorted(kwargs.items()))
    return _cached(name, str(ctx.store.path), version, filters or ctx.filters, key, reader)


def reference(name: str) -> Any:
    """Milestones or campaigns (not filtered)."""
    reader, version = _source()
    return _reference(name, str(current().store.path), version, reader)
