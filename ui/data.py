"""Cached access to the metrics for pages: results keyed by store, data version, filters and arguments.

Every commit bumps the data version, so cached results expire exactly when the data change; caches are
bounded (`max_entries`) so a server with many viewers keeps a steady memory footprint.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from analytics import metrics
from analytics.filters import Filters
from ui.context import _open_store, current

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
def _cached(name: str, path: str, version: int, filters: Filters, kwargs: tuple[tuple[str, Any], ...]) -> Any:
    return _QUERIES[name](_open_store(path), filters, **dict(kwargs))


@st.cache_data(max_entries=32, show_spinner=False)
def _reference(name: str, path: str, version: int) -> Any:
    store = _open_store(path)
    return {"milestones": metrics.milestones, "campaigns": metrics.campaigns}[name](store)


def query(name: str, filters: Filters | None = None, **kwargs: Any) -> Any:
    """The result of metrics.<name> under the current (or given) filters, from the cache when possible."""
    ctx = current()
    return _cached(
        name, str(ctx.store.path), ctx.version, filters or ctx.filters, tuple(sorted(kwargs.items()))
    )


def reference(name: str) -> Any:
    """Milestones or campaigns (not filtered)."""
    ctx = current()
    return _reference(name, str(ctx.store.path), ctx.version)
