"""The shell every page runs in: the stylesheet, the store and this run's snapshot, the filters (seeded from
the URL) and the shared sidebar. app.py calls `setup()` on every run, before the page.

The sidebar lives in the entry script because Streamlit keeps the entry script's widget state across pages
(widgets drawn by a page are dropped when another page runs). app.py then writes the URL
(`ui.view_state.write_url`) after building the navigation, which resets the query string, and before the
page runs, so a page that stops early (st.stop) still leaves a correct link.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics import metrics
from analytics.filters import Filters
from analytics.i18n import Lang, t
from analytics.programs import Program
from analytics.store import Reader, StoreError
from ui import store_handle, view_state
from ui.context import Context, remember
from ui.present import presenting
from ui.sidebar import chosen_program, draw_sidebar
from ui.widgets import inject_css


def setup() -> Context:
    """Open the store, seed the filters from the URL on a session's first run, draw the sidebar; returns
    (and remembers) this run's context."""
    lang = view_state.page_language()
    inject_css(lang, presenting())
    try:
        with st.spinner(t("store.loading_sample", lang)):
            store = store_handle.get_store()
    except StoreError as exc:
        store_handle.stop_with_store_error(exc, lang)
    reader = store_handle.new_snapshot(store)
    version = reader.data_version()
    options = store_handle.filter_options(store, reader, version)
    view_state.seed_from_url(options)
    view_state.keep_view_across_pages()
    lang = draw_sidebar(options)
    filters = view_state.filters_from_state()
    program = chosen_program(options)
    ctx = Context(
        store=store,
        reader=reader,
        lang=lang,
        filters=filters,
        version=version,
        options=options,
        sample=store_handle.sample_present(store, reader, version),
        program=program,
        terms=program_terms(reader, options, program, filters, lang),
    )
    remember(ctx)
    view_state.remember_view()
    return ctx


def view_day(options: dict, program: Program, filters: Filters) -> dt.date:
    """The day the view speaks of: its as-of day (else the program's newest record), within its period."""
    day = filters.as_of or (options.get("program_last_day") or {}).get(program.code) or program.end_on
    period = program.period(filters.phase)
    start, end = (period.start_on, period.end_on) if period else (program.start_on, program.end_on)
    return min(max(day, start), end)


def program_terms(
    reader: Reader, options: dict, program: Program | None, filters: Filters, lang: Lang
) -> dict:
    """The program's words for this run's texts, and the union's name in the period shown."""
    if program is None:
        return {}
    terms = program.terms(lang)
    union = metrics.union_name(reader, view_day(options, program, filters))
    if union is not None:
        terms["union"] = union.title(lang)
    organizer = program.organizer_name(lang)
    if organizer:
        terms["organizer"] = organizer
    return terms
