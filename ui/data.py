"""Cached access to the metrics for pages: each query a typed function, its results keyed by store, data
version, filters and arguments.

    progress = cached(metrics.progress)     # here, once
    prog = data.progress()                  # in a page: the current filters
    prog = data.progress(scoped)            # or other filters

Every commit bumps the data version, so cached results expire exactly when the data change; each cache is
bounded (`max_entries`) so a server with many viewers keeps a steady memory footprint. Results are kept as
objects and each caller gets its own cheap copy (ui.kept); Streamlit's caches serve only arguments Python
cannot hash.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

import streamlit as st

from analytics import charts, metrics, narrative, quality
from analytics.filters import Filters
from analytics.store import Reader, Store
from ui.context import current
from ui.kept import Kept, hashable

P = ParamSpec("P")
R = TypeVar("R")


_ALONE_SNAPSHOT = "_data_alone_snapshot"


def _source() -> tuple[Reader, int]:
    """The run's snapshot and its data version. Streamlit's AppTest re-runs a page without app.py, after
    the snapshot of the run that set it up has ended: then a snapshot of the store at its current version
    (`_alone_snapshot`)."""
    ctx = current()
    if getattr(ctx.reader, "closed", False):
        return _alone_snapshot(ctx.store)
    return ctx.reader, ctx.version


def _alone_snapshot(store: Store) -> tuple[Reader, int]:
    """A snapshot for a page run without app.py, kept in the session while the store's data version stays
    (and ended when it moves): the metrics' own look-ups (programs, units, the author index: keyed by the
    data version) then read the version once from the snapshot, not once per query from the store (some
    forty reads of `meta`, a tenth of a page's time). The version is still read once per cached query, so
    a commit between two runs is seen as before."""
    now = store.data_version()
    kept = st.session_state.get(_ALONE_SNAPSHOT)
    if kept is not None and not kept.closed and kept.store is store and kept.data_version() == now:
        return kept, now
    if kept is not None:
        with contextlib.suppress(Exception):  # its store may have been closed since: nothing to end then
            kept.close()
    snapshot = store.snapshot()
    st.session_state[_ALONE_SNAPSHOT] = snapshot
    version = snapshot.data_version()
    return (
        (snapshot, version) if version == now else (store, now)
    )  # a commit in between: the store, as before


_record_totals: dict[str, tuple[int, int]] = {}


def record_total() -> int:
    """How many records the store holds, as the run's snapshot sees them: counted once per data version (a
    count of a million rows on every rerun, twice on the Overview, was a tenth of a busy server's time)."""
    reader, version = _source()
    key = str(getattr(reader, "path", ""))
    kept = _record_totals.get(key)
    if kept is None or kept[0] != version:
        kept = (version, reader.record_count())
        _record_totals[key] = kept
    return kept[1]


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
        self._kept: Kept[R] = Kept(max_entries)

    def __call__(self, filters: Filters | None = None, *args: P.args, **kwargs: P.kwargs) -> R:
        """The result under the current (or given) filters, from the cache when possible."""
        if args:
            raise TypeError("cached queries take their options by name")
        reader, version = _source()
        return self.prime(reader, version, filters or current().filters, **kwargs)

    def prime(self, reader: Reader, version: int, filters: Filters, **kwargs: Any) -> R:
        """The result for an explicit reader and version (the server's warm-up fills the cache this way)."""
        path = str(getattr(reader, "path", ""))
        options = tuple(sorted(kwargs.items()))
        key = (path, version, filters, options)
        if not hashable(key):  # an option Python cannot hash: Streamlit's hasher can
            return self._run(path, version, filters, options, reader)
        return self._kept.get(key, lambda: self.function(reader, filters, **kwargs))


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
search_examples = cached(metrics.search_examples, max_entries=32)
recent_registrations = cached(metrics.recent_registrations)
effective_as_of = cached(metrics.effective_as_of)
quality_funnel = cached(quality.funnel, max_entries=32)
quality_freshness = cached(quality.freshness, max_entries=32)
quality_duplicates = cached(quality.duplicates, max_entries=16)
quality_plausibility = cached(quality.plausibility, max_entries=16)
quality_benefit_sums = cached(quality.benefit_sums, max_entries=32)
quality_counted_once = cached(quality.counted_once, max_entries=32)
quality_headlines = cached(quality.headlines, max_entries=32)


def search_examples_for(rows: Any, search: str, order: str, offset: int) -> dict[str, str]:
    """The search box's examples for the records page in view (`rows`, from `offset`). A page of the view's
    newest records (no search, the default order, from the first) starts with the very record
    `metrics.search_examples` takes them from: read from it, not by a second query over every record in
    view (a fifth of that page's time at 1,000,000 records)."""
    if search.strip() or order != metrics.NEWEST_FIRST or offset or rows.empty:
        return search_examples()
    first = rows.iloc[0]
    short = next(
        (u.get("short_name") for u in current().options.get("units", []) if u["code"] == first["unit"]), None
    )
    return metrics.examples_from(
        first["code"], first["title"], short if isinstance(short, str) else first["unit"]
    )


class FromProgress(Generic[R]):
    """What a page builds from one view's `Progress` (its summary text, its ranked unit rows, its tier
    table), cached by the same store, data version and filters as `progress` itself, and by the function's
    other arguments (language, scope): many viewers of the same view then share it, instead of each rerun
    filtering and sorting the same small tables again with pandas."""

    def __init__(self, function: Callable[..., R], max_entries: int = 128, shared: bool = False) -> None:
        """`shared`: every caller gets the one kept object, for values costly to copy (a Plotly figure) that
        callers only read; else each gets its own copy (ui.kept). Streamlit's caches (st.cache_resource,
        st.cache_data) answer only for arguments Python cannot hash."""
        self.function = function

        def run(path: str, version: int, filters: Filters, args: tuple, _reader: Reader) -> R:
            return self.function(progress.prime(_reader, version, filters), *args)

        run.__qualname__ = run.__name__ = f"from_progress_{function.__name__}"
        cache = st.cache_resource if shared else st.cache_data
        self._run = cache(max_entries=max_entries, show_spinner=False)(run)
        self._kept: Kept[R] = Kept(max_entries, copies=not shared)

    def __call__(self, *args: Any, filters: Filters | None = None) -> R:
        reader, version = _source()
        return self.prime(reader, version, filters or current().filters, *args)

    def prime(self, reader: Reader, version: int, filters: Filters, *args: Any) -> R:
        """The value for an explicit reader and version (the server's warm-up fills the cache this way)."""
        path = str(getattr(reader, "path", ""))
        key = (path, version, filters, args)
        if not hashable(key):
            return self._run(path, version, filters, args, reader)
        return self._kept.get(key, lambda: self.function(progress.prime(reader, version, filters), *args))


def _unit_rows(prog: metrics.Progress, scope: str) -> Any:
    return prog.unit_rows(scope)


def _phase_chart(prog: metrics.Progress, lang: str, labels: tuple[tuple[int, str], ...]) -> Any:
    """The Overview's target-vs-registered chart (a Plotly figure, read-only for its callers); `labels` are
    the periods' names in the program's words ("Giai đoạn 1", "Năm 2025")."""
    names = dict(labels)
    phases = prog.phases.assign(label=[names.get(int(n), str(n)) for n in prog.phases["phase"]])
    return charts.phase_bullets(phases, prog.program, lang, narrative.phase_chart_title(prog, lang))


summary_paragraphs = FromProgress(narrative.summary_paragraphs)
phase_chart = FromProgress(_phase_chart, max_entries=64, shared=True)
unit_rows = FromProgress(_unit_rows)


compare_periods = cached(metrics.compare_periods)
compare_programs = cached(metrics.compare_programs)
program_curves = cached(metrics.program_curves, max_entries=32)


def _period_curves(reader: Reader, filters: Filters) -> Any:
    """metrics.period_curves, its daily counts from `daily_registrations`' cache: the Trends page's own
    cumulative chart has just counted the same days (the program up to the day in view), one pass over the
    records fewer."""
    window = metrics.period_curves_window(reader, filters)
    if window is None:
        return metrics.period_curves(reader, filters)
    daily_filters, current, previous, day = window
    daily = daily_registrations.prime(reader, reader.data_version(), daily_filters)
    return metrics.period_curves_from(daily, current, previous, day)


_period_curves.__name__ = "period_curves"  # its cache's name (ui.data's one name per query)
period_curves = cached(_period_curves, max_entries=32)
milestones = cached(metrics.milestones, max_entries=32)
campaigns = cached(metrics.campaigns, max_entries=32)
