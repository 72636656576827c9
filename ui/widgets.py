"""Page building blocks: the page header (title, as-of line, illustrative-data banner), metric cards with
their definition on hover, and charts with the app's toolbar. Pages stay short scripts."""

from __future__ import annotations

import re
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from analytics import charts
from ui.context import Context, as_of_caption


def page_header(ctx: Context, title: str, as_of: Any = None, show_as_of: bool = True) -> None:
    """Title, the as-of line, and every notice the viewer must not miss (sample data, read-only, bad link)."""
    st.title(title)
    if show_as_of:
        st.caption(ctx.t("app.org") + " · " + as_of_caption(ctx, as_of))
    if ctx.sample:
        st.info(ctx.t("sample.banner"), icon=":material/science:")
    if ctx.store.read_only:
        reason = ctx.store.read_only_reason or "requested"
        st.warning(
            ctx.t(f"store.read_only.{reason}", detail=ctx.store.read_only_detail), icon=":material/lock:"
        )
    dropped = st.session_state.get("_url_dropped")
    if dropped:
        items = ", ".join(markdown_literal(item if len(item) <= 80 else item[:79] + "…") for item in dropped)
        st.warning(ctx.t("url.dropped", items=items), icon=":material/link_off:")


def markdown_literal(text: str) -> str:
    """Text from outside (a link's values) shown inside Markdown as an inline code span: nothing in it is
    rendered, linked or loaded ("[x](http://…)", "![](…)", even a bare https:// address, stay text)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


def metric(
    ctx: Context,
    key: str,
    value: str,
    delta: str | None = None,
    delta_color: str = "normal",
    delta_arrow: str = "auto",
    label: str | None = None,
) -> None:
    """A metric card: catalogue label (or a variant naming the unit), value, the definition on hover."""
    st.metric(
        label or ctx.t(f"metric.{key}"),
        value,
        delta=delta,
        delta_color=delta_color,
        delta_arrow=delta_arrow,
        help=ctx.t(f"metric.{key}.help"),
        border=True,
    )


def inject_css() -> None:
    """A few rules Streamlit's theme has no option for: denser metric cards, a calmer page title."""
    st.html(
        """<style>
        [data-testid="stMetricValue"] { font-size: 1.75rem; }
        [data-testid="stMetricLabel"] p { font-size: 0.9rem; white-space: normal; }
        [data-testid="stMetricLabel"] div { overflow: visible; white-space: normal; text-overflow: clip; }
        [data-testid="stMetricDelta"], [data-testid="stMetricDelta"] * {
            overflow: visible !important; max-width: none !important; text-overflow: clip !important; }
        h1 { font-size: 2.1rem !important; padding-top: 0.5rem !important; }
        </style>"""
    )


def chart(
    fig: go.Figure, key: str, filename: str, on_select: Any = "ignore", selection_mode: Any = ("points",)
) -> Any:
    """Draw a figure with the app's theme (not Streamlit's) and a PNG download in its toolbar."""
    kwargs: dict[str, Any] = {}
    if on_select != "ignore":
        kwargs = {"on_select": on_select, "selection_mode": selection_mode}
    return st.plotly_chart(
        fig, theme=None, key=key, config=charts.plotly_config(filename), width="stretch", **kwargs
    )
