"""Every figure a page draws is the same after the pages were made faster (issue 19): drawn with Plotly's own
update_layout, update_xaxes and update_yaxes and a copy of each figure (how the pages drew them before), and
drawn as they are now."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest
import streamlit as st

from analytics import charts
from tests.app.apptest import run_app
from ui import widgets


def _update_layout(fig: go.Figure, values: dict) -> go.Figure:
    """analytics.charts.set_layout's plain form."""
    return fig.update_layout(values)


def _drawn_by_copy(fig: go.Figure, present: bool) -> tuple[str | None, go.Figure]:
    """ui.widgets._drawn before a figure with its room for the title was drawn as it is: always a copy."""
    drawn = go.Figure(fig)
    title = drawn.layout.title.text if drawn.layout.title else None
    if title:
        drawn.update_layout(margin_t=64)
    if present:
        drawn = widgets.present_figure(drawn)
    return title, drawn


def _figures(monkeypatch, db: Path, page: str | None) -> list[dict]:
    st.cache_data.clear()
    st.cache_resource.clear()
    at = run_app(monkeypatch, db, page, timeout=300)
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


@pytest.mark.parametrize("page", [None, "units", "trends", "benefit"])
def test_each_page_draws_the_figures_it_drew_before(monkeypatch, sample_copy: Path, page):
    now = _figures(monkeypatch, sample_copy, page)
    with monkeypatch.context() as old:
        old.setattr(charts, "set_layout", _update_layout)
        old.setattr(charts, "set_xaxes", lambda fig, **values: fig.update_xaxes(**values))
        old.setattr(charts, "set_yaxes", lambda fig, **values: fig.update_yaxes(**values))
        old.setattr(widgets, "_drawn", _drawn_by_copy)
        before = _figures(monkeypatch, sample_copy, page)
    assert len(now) == len(before) >= 1
    assert now == before  # the same figures (their JSON's keys may come in another order)


def test_set_layout_merges_into_what_a_figure_holds_as_update_layout_does():
    def held() -> go.Figure:
        fig = go.Figure(go.Bar(x=[1, 2], y=["a", "b"], orientation="h"))
        fig.update_layout(title={"font": {"color": "red"}, "y": 0.9}, legend={"x": 0.2}, margin_l=40)
        return fig

    values = {
        "template": charts._template("vi"),
        "title": {"text": "Tiêu đề", "font": {"size": 18}},
        "legend": {"y": -0.14},
        "margin": {"t": 64},
        "height": 300,
    }
    fast, plain = charts.set_layout(held(), values), held().update_layout(values)
    assert fast.to_plotly_json() == plain.to_plotly_json()
    assert fast.layout.title.font.color == "red" and fast.layout.title.font.size == 18
    assert fast.layout.legend.x == 0.2 and fast.layout.margin.l == 40
