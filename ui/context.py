"""What every page needs for one script run: the store, the language, the filters and the data version.

`setup()` runs once per run in app.py: it opens the process's store (loading the sample into a new one),
seeds the filter widgets from the URL on a session's first run, draws the shared sidebar, and keeps the
URL in step with the widgets so that a copied link reproduces the view. Pages call `current()`.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics import metrics
from analytics.filters import Filters, from_query, to_query
from analytics.i18n import DEFAULT_LANG, Lang, as_lang, fmt_date, t
from analytics.store import (
    READ_ONLY_LOCKED,
    Reader,
    Snapshot,
    Store,
    StoreError,
    default_db_path,
    open_store_or_copy,
)

_CTX_KEY = "_ctx"
_URL_LOADED = "_url_loaded"
# Widget keys; the URL names (phase, unit, ...) are in analytics.filters.
K_LANG, K_PHASE, K_UNITS, K_GROUPS = "w_lang", "w_phase", "w_units", "w_groups"
K_FIELDS, K_STATUSES, K_FROM, K_TO, K_AS_OF = "w_fields", "w_statuses", "w_from", "w_to", "w_as_of"
PAGE_PARAMS: tuple[str, ...] = ("detail",)  # page-level view state kept in the URL besides the filters


@dataclass(frozen=True)
class Context:
    """One run's view: `store` for writes and for work after the run (downloads), `reader` (a snapshot:
    one committed state for every query of the run) for the figures."""

    store: Store
    reader: Reader
    lang: Lang
    filters: Filters
    version: int
    options: dict
    sample: bool

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()
RETRY_LOCKED_AFTER_S = 30.0  # how soon to try the real file again while showing a locked store's copy


def _open_store(path: str) -> Store:
    """The process's one root connection to the store at `path` (opened once, kept for the process).

    A new (never used) store gets the illustrative sample. A store another process holds for writing is
    shown as a read-only copy, and the real file is tried again every RETRY_LOCKED_AFTER_S seconds.
    """
    with _STORES_LOCK:
        store = _STORES.get(path)
        if store is not None and not _retry_due(store):
            return store
        try:
            fresh = open_store_or_copy(path)
        except StoreError:
            if store is not None:
                return store
            raise
        if store is not None and fresh.read_only_reason == READ_ONLY_LOCKED:
            fresh.close()  # still locked: keep the copy already shown, try again later
            store.opened_at = time.monotonic()
            return store
        if not fresh.read_only and fresh.never_imported():
            from analytics.sample import load_sample

            load_sample(fresh)
        _STORES[path] = fresh
        return fresh


def _retry_due(store: Store) -> bool:
    return (
        store.read_only_reason == READ_ONLY_LOCKED
        and time.monotonic() - store.opened_at > RETRY_LOCKED_AFTER_S
    )


def store_path() -> str:
    return str(os.environ.get("SANGKIEN_DB") or default_db_path())


def get_store() -> Store:
    return _open_store(store_path())


@st.cache_data(max_entries=64, show_spinner=False)
def _options(path: str, version: int, _reader: Reader) -> dict:
    return metrics.filter_options(_reader)


def leave_legacy_multipage_mode() -> None:
    """Make sure this run is driven by app.py's st.navigation, not by Streamlit's old `pages/` discovery.

    Streamlit 1.67 sees the project's `pages/` folder and runs a server's first script run in its legacy
    multipage mode, switching to st.navigation only once app.py has called it. On that first run the
    sidebar widgets get other IDs (so the first click is lost) and a first request for a sub-page runs the
    page without app.py. Leaving the legacy mode and rerunning at once avoids both.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the legacy mode
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def current() -> Context:
    """The context app.py's `setup()` made for this run."""
    if _CTX_KEY not in st.session_state:  # a page started without app.py (Streamlit's legacy mode)
        if st.session_state.get("_ctx_retry"):
            raise RuntimeError("no page context: run the app with `streamlit run app.py`")
        st.session_state["_ctx_retry"] = True
        leave_legacy_multipage_mode()
        st.rerun()
    return st.session_state[_CTX_KEY]


def current_or_none() -> Context | None:
    """The run's context when app.py set one up (helpers that also work outside a page use this)."""
    return st.session_state.get(_CTX_KEY)


def _stop_with_store_error(exc: StoreError, lang: Lang) -> None:
    key = {
        "store_locked": "store.locked",
        "store_missing": "store.missing",
        "store_outdated": "store.outdated",
        "store_unwritable": "store.unwritable",
    }.get(exc.code, "store.unreadable")
    st.error(t(key, lang, path=store_path(), detail=exc.detail))
    st.stop()


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _seed_from_url(options: dict) -> None:
    """On a session's first run, put the URL's filters into the widgets' state."""
    if st.session_state.get(_URL_LOADED):
        return
    params = _query_lists()
    filters, lang, dropped = from_query(
        params,
        known_units=[u["code"] for u in options["units"]],
        known_groups=options["groups"],
        known_fields=options["fields"],
        known_phases=[int(p["phase"]) for p in options["phases"]],
    )
    st.session_state[K_LANG] = lang
    _put_filters(filters)
    for key in PAGE_PARAMS:
        values = params.get(key)
        st.session_state[f"url_{key}"] = values[-1] if values else None
    st.session_state["_url_dropped"] = dropped
    st.session_state[_URL_LOADED] = True


def _put_filters(filters: Filters) -> None:
    st.session_state[K_PHASE] = filters.phase or 0
    st.session_state[K_UNITS] = list(filters.units)
    st.session_state[K_GROUPS] = list(filters.groups)
    st.session_state[K_FIELDS] = list(filters.fields)
    st.session_state[K_STATUSES] = list(filters.statuses)
    st.session_state[K_FROM] = filters.date_from
    st.session_state[K_TO] = filters.date_to
    st.session_state[K_AS_OF] = filters.as_of


_WIDGET_KEYS = (K_LANG, K_PHASE, K_UNITS, K_GROUPS, K_FIELDS, K_STATUSES, K_FROM, K_TO, K_AS_OF)
_VIEW = "_view"
_LAST_PAGE = "_last_page"


def _current_page() -> str:
    run = get_script_run_ctx()
    return run.page_script_hash if run else ""


def _keep_view_across_pages() -> None:
    """Re-apply the sidebar's values when the person moves to another page.

    Streamlit 1.67 starts a page transition with the entry script's widgets at their defaults although
    their keys still hold the values, so the view (filters, language) is remembered after every run and
    put back into the widget keys on the first run of a new page. The page a run asks for is compared with
    the page the previous run showed (recorded by `remember_page` once navigation has resolved it).
    """
    last = st.session_state.get(_LAST_PAGE)
    if last is not None and last != _current_page():
        for key, value in st.session_state.get(_VIEW, {}).items():
            st.session_state[key] = value


def remember_page() -> None:
    """Called by app.py after st.navigation: the page this run shows."""
    st.session_state[_LAST_PAGE] = _current_page()


def _remember_view() -> None:
    st.session_state[_VIEW] = {key: st.session_state.get(key) for key in _WIDGET_KEYS}


def reset_filters() -> None:
    """Widget callback: back to the whole program, latest figures."""
    _put_filters(Filters())


def filters_from_state() -> Filters:
    phase = st.session_state.get(K_PHASE) or None
    return Filters(
        phase=int(phase) if phase else None,
        units=tuple(st.session_state.get(K_UNITS) or ()),
        groups=tuple(st.session_state.get(K_GROUPS) or ()),
        fields=tuple(st.session_state.get(K_FIELDS) or ()),
        statuses=tuple(st.session_state.get(K_STATUSES) or ()),
        date_from=st.session_state.get(K_FROM),
        date_to=st.session_state.get(K_TO),
        as_of=st.session_state.get(K_AS_OF),
    )


def set_filters(filters: Filters) -> None:
    """Change the filters from a page (e.g. after a chart selection); the sidebar follows on rerun."""
    _put_filters(filters)


def page_param(key: str) -> str | None:
    return st.session_state.get(f"url_{key}")


def set_page_param(key: str, value: str | None) -> None:
    st.session_state[f"url_{key}"] = value


def write_url(ctx: Context) -> None:
    """Keep the address bar equal to the view, so that a copied link reproduces it."""
    query = to_query(ctx.filters, ctx.lang)
    for key in PAGE_PARAMS:
        value = page_param(key)
        if value:
            query[key] = [value]
    if _query_lists() != query:
        st.query_params.from_dict(query)


_SNAPSHOT = "_snapshot"


def _new_snapshot(store: Store) -> Snapshot:
    """This run's snapshot (the previous run's, if a stop skipped its release, is ended first)."""
    release_snapshot()
    snapshot = store.snapshot()
    st.session_state[_SNAPSHOT] = snapshot
    return snapshot


def release_snapshot() -> None:
    """End this session's read transaction; app.py calls it when the page has run (or stopped)."""
    snapshot = st.session_state.pop(_SNAPSHOT, None)
    if snapshot is not None:
        snapshot.close()


def page_language() -> Lang:
    """The language before any widget is drawn (for the page title and the navigation)."""
    return as_lang(st.session_state.get(K_LANG) or (st.query_params.get("lang") or DEFAULT_LANG))


def setup() -> Context:
    """Called by app.py on every run, before the page: open the store, seed the filters from the URL on a
    session's first run, draw the shared sidebar and keep the URL equal to the view.

    The sidebar lives in app.py because Streamlit keeps the entry script's widget state across pages
    (widgets drawn by a page are dropped when another page runs). app.py then writes the URL
    (`write_url`) after building the navigation, which resets the query string, and before the page runs,
    so a page that stops early (st.stop) still leaves a correct link.
    """
    from ui.widgets import inject_css

    inject_css()
    lang = page_language()
    try:
        with st.spinner(t("store.loading_sample", lang)):
            store = get_store()
    except StoreError as exc:
        _stop_with_store_error(exc, lang)
    reader = _new_snapshot(store)
    version = reader.data_version()
    options = _options(str(store.path), version, reader)
    _seed_from_url(options)
    _keep_view_across_pages()

    from ui.sidebar import draw_sidebar  # the sidebar needs the options; it imports this module

    lang = draw_sidebar(options)
    filters = filters_from_state()
    ctx = Context(
        store=store,
        reader=reader,
        lang=lang,
        filters=filters,
        version=version,
        options=options,
        sample=store.has_sample(),
    )
    st.session_state[_CTX_KEY] = ctx
    _remember_view()
    return ctx


def latest_day(ctx: Context) -> dt.date | None:
    return ctx.options.get("last_day")


def as_of_caption(ctx: Context, as_of: dt.date | None) -> str:
    """ "Số liệu tính đến ngày 31/08/2023" (plus what is filtered), under every page title."""
    parts = active_filter_labels(ctx)
    date = fmt_date(as_of, ctx.lang)
    if parts:
        return ctx.t("as_of.caption_filtered", date=date, filters=", ".join(parts))
    return ctx.t("as_of.caption", date=date)


def active_filter_labels(ctx: Context) -> list[str]:
    f, lang = ctx.filters, ctx.lang
    parts = []
    if f.phase:
        parts.append(t("filter.summary.phase", lang, n=f.phase))
    if f.units or f.groups:
        chosen = list(f.units) + [t(f"group.{g}", lang) if _has(f"group.{g}") else g for g in f.groups]
        parts.append(
            ", ".join(chosen) if len(chosen) <= 3 else t("filter.summary.units", lang, n=len(chosen))
        )
    if f.fields:
        parts.append(t("filter.summary.fields", lang, n=len(f.fields)))
    if f.statuses:
        parts.append(t("filter.summary.statuses", lang, n=len(f.statuses)))
    if f.date_from or f.date_to:
        parts.append(
            t("filter.summary.dates", lang, start=fmt_date(f.date_from, lang), end=fmt_date(f.date_to, lang))
        )
    return parts


def _has(key: str) -> bool:
    from analytics.i18n import has_key

    return has_key(key)
