"""Plotly figure builders: DataFrame in, Figure out, one look for the whole app (and the reports).

Readable on a projector (14 px text, full labels), numbers in the language's format both on axes
(`layout.separators`) and in hovers (pre-formatted text), the same tier colours everywhere, and titles that
say what the chart shows. A chart with no data says so instead of drawing empty axes.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from analytics.i18n import (
    Lang,
    d3_date_format,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_pct,
    plotly_separators,
    t,
)

FONT = '"Source Sans", "Source Sans 3", "Noto Sans", "Segoe UI", Arial, sans-serif'
INK = "#1f2937"
MUTED = "#6b7280"
GRID = "#e5e7eb"
PRIMARY = "#0b4ea2"
ACCENT = "#e07b00"
TARGET = "#111827"
TIER_COLORS: dict[str, str] = {
    "met": "#2e7d32",
    "over_half": "#f2a900",
    "under_half": "#d84315",
    "none": "#9e9e9e",
}
PACE_COLORS: dict[str, str] = {
    "done": "#2e7d32",
    "on_track": "#66bb6a",
    "at_risk": "#f2a900",
    "behind": "#d84315",
    "ended": "#9e9e9e",
}
STATUS_COLORS: dict[str, str] = {
    "registered": "#90a4ae",
    "recognized": "#42a5f5",
    "applied": "#1565c0",
    "not_recognized": "#ef9a9a",
}
QUALITATIVE = [
    "#0b4ea2",
    "#e07b00",
    "#2e7d32",
    "#8e24aa",
    "#00897b",
    "#c62828",
    "#5d4037",
    "#546e7a",
    "#f9a825",
    "#3949ab",
]


def plotly_config(filename: str) -> dict:
    """Toolbar: a PNG download named after the chart, no Plotly logo, no tools a viewer does not need."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "toggleSpikelines"],
    }


def themed(fig: go.Figure, lang: Lang, title: str, height: int = 420, legend: bool = True) -> go.Figure:
    """Apply the app's look: title that states the finding, language number format, quiet grid."""
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 18, "color": INK}},
        font={"family": FONT, "size": 14, "color": INK},
        separators=plotly_separators(lang),
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=height,
        margin={"l": 10, "r": 20, "t": 96 if legend else 64, "b": 10},
        hoverlabel={"font": {"family": FONT, "size": 14}, "bgcolor": "white"},
        showlegend=legend,
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.02,
            "xanchor": "left",
            "x": 0,
            "font": {"size": 13},
            "title": {"text": ""},
        },
    )
    fig.update_xaxes(
        showgrid=False,
        linecolor=GRID,
        tickfont={"color": MUTED},
        automargin=True,
        title={"font": {"color": MUTED, "size": 13}},
    )
    fig.update_yaxes(
        gridcolor=GRID,
        zerolinecolor=GRID,
        tickfont={"color": MUTED},
        automargin=True,
        title={"font": {"color": MUTED, "size": 13}},
    )
    return fig


def empty_figure(lang: Lang, title: str, height: int = 260) -> go.Figure:
    """Axes-free figure that says there is nothing to show under these filters."""
    fig = go.Figure()
    fig.add_annotation(
        text=t("chart.no_data", lang),
        showarrow=False,
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        font={"size": 15, "color": MUTED},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return themed(fig, lang, title, height=height, legend=False)


def date_axis(fig: go.Figure, lang: Lang) -> None:
    """Dates on axes and in hovers written the way the language writes them."""
    fig.update_xaxes(hoverformat=d3_date_format(lang), tickformat="%m/%Y" if lang == "vi" else "%b %Y")


# ---------------------------------------------------------------------------------------------------------
# Overview


def phase_bullets(phases: pd.DataFrame, program: dict, lang: Lang, title: str) -> go.Figure:
    """Registered against target per phase and for the program: a bar per row, the target as a black mark.

    Bars take the tier colour (met / over half / under half / none), labels say "1.458 · 104,1%".
    """
    rows = []
    for _, phase in phases.iterrows():
        rows.append({"label": t("overview.phase_name", lang, n=int(phase["phase"])), **phase.to_dict()})
    if len(phases) > 1:
        rows.append({"label": t("word.program", lang), **program})
    frame = pd.DataFrame(rows)
    if frame.empty:
        return empty_figure(lang, title)
    frame = frame.iloc[::-1]  # first phase on top
    colors = [TIER_COLORS[tier] for tier in frame["tier"]]
    texts = [
        f"{fmt_int(r, lang)} · {fmt_pct(p, lang)}"
        for r, p in zip(frame["registered"], frame["pct"], strict=True)
    ]
    hovers = [
        f"<b>{label}</b><br>{t('metric.registered', lang)}: {fmt_int(r, lang)}<br>"
        f"{t('metric.target', lang)}: {fmt_int(tg, lang)}<br>{t('metric.pct', lang)}: {fmt_pct(p, lang)}<br>"
        f"{t('metric.benefit_vnd', lang)}: {fmt_money(b, lang)}"
        for label, r, tg, p, b in zip(
            frame["label"],
            frame["registered"],
            frame["target"],
            frame["pct"],
            frame["benefit_vnd"],
            strict=True,
        )
    ]
    fig = go.Figure()
    fig.add_bar(
        y=frame["label"],
        x=frame["registered"],
        orientation="h",
        marker={"color": colors},
        text=texts,
        textposition="outside",
        cliponaxis=False,
        textfont={"size": 15, "color": INK},
        hovertext=hovers,
        hoverinfo="text",
        name=t("overview.registered_bar", lang),
        width=0.55,
    )
    fig.add_scatter(
        y=frame["label"],
        x=frame["target"],
        mode="markers",
        marker={"symbol": "line-ns", "size": 42, "line": {"width": 4, "color": TARGET}},
        name=t("overview.target_mark", lang),
        hovertext=[f"{t('metric.target', lang)}: {fmt_int(v, lang)}" for v in frame["target"]],
        hoverinfo="text",
    )
    top = max(
        frame["registered"].max(), frame["target"].max(skipna=True) if frame["target"].notna().any() else 0
    )
    fig.update_xaxes(range=[0, top * 1.4], showgrid=True, gridcolor=GRID, tickformat=",d")
    fig.update_yaxes(showgrid=False, tickfont={"size": 15, "color": INK})
    return themed(fig, lang, title, height=120 + 80 * len(frame))


def tier_legend_items(lang: Lang) -> list[tuple[str, str, str]]:
    """(tier, colour, label) in order, for legends drawn outside Plotly."""
    return [(tier, TIER_COLORS[tier], t(f"tier.{tier}", lang)) for tier in TIER_COLORS]


def fmt_range(start: dt.date, end: dt.date, lang: Lang) -> str:
    return f"{fmt_date(start, lang)} – {fmt_date(end, lang)}"
