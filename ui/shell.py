"""The shell every page runs in: the stylesheet, the store and this run's snapshot, the filters (seeded from
the URL) and the shared sidebar. app.py calls `setup()` on every run, before the page.

The sidebar lives in the entry script because Streamlit keeps the entry script's widget state across pages
(widgets drawn by a page are dropped when another page runs). app.py then writes the URL
(`ui.view_state.write_url`) after building the navigation, which resets the query string, and before the
page runs, so a page that stops early (st.stop) still leaves a correct link.
"""

from __future__ import annotations

import streamlit as st

from analytics.i18n import t
from analytics.store import StoreError
from ui import store_handle, view_state
from ui.context import Context, remember
from ui.sidebar import draw_sidebar
from ui.widgets import inject_css


def setup() -> Context:
    """Open the store, seed the filters from the URL on a session's first run, draw the sidebar; returns
    (and remembers) this run's context."""
    inject_css()
    lang = view_state.page_language()
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
    ctx = Context(
        store=store,
        reader=reader,
        lang=lang,
        filters=view_state.filters_from_state(),
        version=version,
        options=options,
        sample=store_handle.sample_present(store, reader, version),
    )
    remember(ctx)
    view_state.remember_view()
    return ctx
