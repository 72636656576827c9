"""Cached access to the metrics for pages: each query a typed function, its results keyed by store, data
version, filters and arguments.

    progress = cached(metrics.progress)     # here, once
    prog = data.progress()                  # in a page: the current filters
    prog = data.progress(scoped)            # or other filters

Every commit bumps the data version, so cached results expire exactly when the data change; each cache is
bounded (`max_entries`) so a server with many viewers keeps a steady memory footprint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

import streamlit as st

from analytics import metrics
from analytics.filters import Filters
from analytics.store import Reader
from ui.context import current

P = ParamSpec("P")
R = TypeVar("R")


def _source() -> tuple[Reader, int]:
    """The run's snapshot and its data version. Streamlit's AppTest re-runs a page without app.py, after
    the snapshot of the run that set it up has ended: then the store itself, at its current version."""
    ctx = current()
    if getattr(ctx.reader, "closed", False):
        return ctx.store, ctx.store.data_version()
    return ctx.reader, ctx.version


class Cached(Generic[P, R]):
    """A metrics function `(reader, filters, **kwargs) -> R` as pages call it: `(filters=None, **kwargs) -> R`,
    from a cache of its own. `function` is the metrics function (looked up at call time, so tests can
    count its calls)."""

    def __init__(self, function: Callable[Concatenate[Reader, Filters, P], R], max_entries: int) -> None:
        self.function = function

        def run(path: str, version: int, filters: Filters, kwargs: tuple, _reader: Reader) -> R:
            return self.function(_reader, filters, **dict(kwargs))

        # Streamlit keys a cache by the function's module and qualified name: one name per query.
        run.__qualname__ = run.__name__ = f"cached_{function.__name__}"
        self._run = st.cache_data(max_entries=max_entries, show_spinner=False)(run)

    def __call__(self, filters: Filters | None = None, *args: P.args, **kwargs: P.kwargs) -> R:
        """The result under the current (or given) filters, from the cache when possible."""
        if args:
            raise TypeError("cached queries take their options by name")
        reader, version = _source()
        return self.prime(reader, version, filters or current().filters, **kwargs)

    def prime(self, reader: Reader, version: int, filters: Filters, **kwargs: Any) -> R:
        """The result for an explicit reader and version (the server's warm-up fills the cache this way)."""
        path = str(getattr(reader, "path", ""))
        return self._run(path, version, filters, tuple(sorted(kwargs.items())), reader)


def cached(function: Callable[Concatenate[Reader, Filters, P], R], max_entries: int = 64) -> Cached[P, R]:
    return Cached(function, max_entries)


progress = cached(metrics.progress, max_entries=128)
rank_change = cached(metrics.rank_change)
daily_registrations = cached(metrics.daily_registrations)
month_counts = cached(metrics.month_counts)
recognition_time = cached(metrics.recognition_time)
benefit_by = cached(metrics.benefit_by)
benefit_distribution = cached(metrics.benefit_distribution)
top_initiatives = cached(metrics.top_initiatives)
remuneration_by_author = cached(metrics.remuneration_by_author)
composition = cached(metrics.composition)
records = cached(metrics.records)
records_page = cached(metrics.records_page, max_entries=128)
record_count = cached(metrics.record_count)
recent_registrations = cached(metrics.recent_registrations)
effective_as_of = cached(metrics.effective_as_of)


class _Reference:
    """A table of reference rows that no filter changes (milestones, campaigns), cached per data version."""

    def __init__(self, function: Callable[[Reader], Any]) -> None:
        self.function = function

        def run(path: str, version: int, _reader: Reader) -> Any:
            return self.function(_reader)

        run.__qualname__ = run.__name__ = f"reference_{function.__name__}"
        self._run = st.cache_data(max_entries=32, show_spinner=False)(run)

    def __call__(self) -> Any:
        reader, version = _source()
        return self._run(str(current().store.path), version, reader)


milestones = _Reference(metrics.milestones)
campaigns = _Reference(metrics.campaigns)
