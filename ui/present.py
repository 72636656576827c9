"""The meeting room's projector: `?present=1` shows the pages without the sidebar, in large type and high
contrast (ui/styles.css, `.sk-present` rules, and `present_figure` for the charts), and `&every=30` moves to
the next page every 30 seconds. The figures refresh themselves when the data version
changes (an import, an undo, an edit), so a screen left on in the meeting room shows the current figures.

Both parameters stay in the URL across page changes (ui.view_state.PAGE_PARAMS).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from ui.view_state import page_param

MIN_EVERY, MAX_EVERY = 10, 3600  # seconds between pages: a slide shorter than 10 s cannot be read
CHECK_EVERY = 5  # seconds between two looks at the data version while presenting
PAGE_FONT = 13  # the size of a bar chart's labels on the page (analytics.charts)
PRESENT_FONT = 22  # chart text on the projector, px (the issue asks for at least 20)

_SHOWN_SINCE = "_present_shown_since"
_SEEN_VERSION = "_present_seen_version"


def presenting() -> bool:
    """Whether this session shows the projector mode (`?present=1`)."""
    value = page_param("present") if "url_present" in st.session_state else st.query_params.get("present")
    return value == "1"


def every_seconds() -> int | None:
    """Seconds between pages (`&every=N`), kept within MIN_EVERY..MAX_EVERY; None: the page stays."""
    raw = page_param("every") if "url_every" in st.session_state else st.query_params.get("every")
    if not raw or not str(raw).isdigit():
        return None
    return min(max(int(raw), MIN_EVERY), MAX_EVERY)


def present_figure(fig: go.Figure) -> go.Figure:
    """A chart readable from the back of the room: every text at least PRESENT_FONT px."""
    big = {"size": PRESENT_FONT}
    fig.update_layout(
        font=big,
        title_font_size=PRESENT_FONT + 4,
        legend_font_size=PRESENT_FONT,
        hoverlabel_font_size=PRESENT_FONT,
    )
    fig.update_xaxes(tickfont=big, title_font=big)
    fig.update_yaxes(tickfont=big, title_font=big)
    for trace in fig.data:
        if hasattr(trace, "textfont"):
            trace.textfont.size = PRESENT_FONT
    for note in fig.layout.annotations or ():
        note.font.size = max(note.font.size or 0, PRESENT_FONT)
    if fig.layout.height and any(getattr(t, "orientation", None) == "h" for t in fig.data if t.type == "bar"):
        # A row of horizontal bars per unit, sized for the page's 13 px labels: rows as much taller as the
        # texts are larger, or the names on the axis skip every other unit and the labels overlap.
        fig.layout.height = round(fig.layout.height * PRESENT_FONT / PAGE_FONT)
    return fig


def next_page(pages: Sequence[st.Page], current: st.Page) -> st.Page:
    """The page after `current` in the navigation, back to the first after the last."""
    paths = [p.url_path for p in pages]
    at = paths.index(current.url_path) if current.url_path in paths else -1
    return pages[(at + 1) % len(pages)]


def keep_current(store, pages: Sequence[st.Page], current: st.Page) -> None:
    """While presenting: rerun when the data version changed since the page was drawn, and move to the next
    page every `every` seconds. Call once per run, after the page has run."""
    if not presenting():
        return
    every = every_seconds()
    st.session_state[_SEEN_VERSION] = store.data_version()
    st.session_state[_SHOWN_SINCE] = (current.url_path, dt.datetime.now(dt.UTC))

    @st.fragment(run_every=min(every, CHECK_EVERY) if every else CHECK_EVERY)
    def _watch() -> None:
        if store.data_version() != st.session_state.get(_SEEN_VERSION):
            st.rerun(scope="app")
        if every is None:
            return
        shown = st.session_state.get(_SHOWN_SINCE)
        if shown and (dt.datetime.now(dt.UTC) - shown[1]).total_seconds() >= every:
            st.switch_page(next_page(pages, current))

    _watch()
