"""Plotly figure builders: DataFrame in, Figure out, one look for the whole app (and the reports).

Readable on a projector (14 px text, full labels), numbers in the language's format both on axes
(`layout.separators`) and in hovers (pre-formatted text), the same tier colours everywhere, and titles that
say what the chart shows. A chart with no data says so instead of drawing empty axes.

Text from data is text: Plotly reads labels, titles and hover texts as HTML (`<a href>` becomes a link,
`<b>` bold, `&...;` an entity) and fills `%{...}` templates, so every string from data that reaches a figure
(unit names and codes, fields, groups, campaigns, milestones, and the titles that quote them) goes through
`plot_text` first, which writes `&`, `<`, `>`, `%` and `$` as entities Plotly shows as the characters.
"""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import plotly.graph_objects as go

from analytics.i18n import (
    Lang,
    d3_date_format,
    fmt_int,
    fmt_money,
    fmt_num,
    fmt_pct,
    format_value,
    has_key,
    plotly_separators,
    t,
)
from analytics.i18n import fmt_month as _fmt_month
from analytics.metrics import METRIC_KINDS
from analytics.narrative import unit_label, unit_named

# Fonts the viewer's system has, not the page's web font: Plotly lays text out with the font the page has and
# its PNG download draws the same SVG as an image, which cannot load a web font; with "Source Sans" first the
# PNG fell back to a wider font and the longest tick labels ran off its left edge ("ả chương trình").
FONT = '"Noto Sans", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
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
# Text in a tier's, a pace state's or a standing's colour (words in tables, badges): darker shades of the
# colours above, each at least WCAG AA's 4.5:1 against white and against its badge's pale background
# (tests compute it), and always a word, never the colour alone.
TIER_TEXT_COLORS: dict[str, str] = {
    "met": "#1b5e20",
    "over_half": "#7a4f00",
    "under_half": "#b3261e",
    "none": "#4b5563",
}
PACE_TEXT_COLORS: dict[str, str] = {
    "done": "#1b5e20",
    "on_track": "#1b5e20",
    "at_risk": "#7a4f00",
    "behind": "#b3261e",
    "ended": "#4b5563",
}
# The badge tones (ui.widgets.badge): text colour and background.
BADGE_TONES: dict[str, tuple[str, str]] = {
    "good": ("#14532d", "#dcfce7"),
    "warn": ("#713f12", "#fef3c7"),
    "bad": ("#991b1b", "#fee2e2"),
    "off": ("#374151", "#f3f4f6"),
}
PACE_TONES: dict[str, str] = {
    "done": "good", "on_track": "good", "at_risk": "warn", "behind": "bad", "ended": "off",
}  # fmt: skip
STANDING_TONES: dict[str, str] = {
    "met": "good", "ahead": "good", "behind": "bad", "missed": "bad", "not_started": "off", "no_target": "off",
}  # fmt: skip
AA_TEXT = 4.5  # WCAG 2 AA: the least contrast of normal text against its background


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str = "#ffffff") -> float:
    """WCAG 2's contrast ratio of two "#rrggbb" colours (1 to 21)."""
    high, low = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


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


# Characters Plotly gives a meaning in text: markup (<a>, <b>, <br>, entities), templates (%{...}) and, with
# MathJax loaded, $...$ formulas. As numeric entities, Plotly shows them as the characters and nothing else.
_PLOTLY_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "%": "&#37;", "$": "&#36;"})


def plot_text(value: object) -> str:
    """Text from data made inert for Plotly: shown exactly as written, never a link, a tag or a template."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).translate(_PLOTLY_ENTITIES)


# Plotly's own toolbar and hover texts (its English strings) in the page's language: Plotly's `locales`
# setting, (its English text, catalogue key).
PLOTLY_TEXTS: tuple[tuple[str, str], ...] = (
    ("Download plot as a PNG", "plotly.download_png"),
    ("Download plot", "plotly.download"),
    ("Zoom", "plotly.zoom"),
    ("Pan", "plotly.pan"),
    ("Zoom in", "plotly.zoom_in"),
    ("Zoom out", "plotly.zoom_out"),
    ("Reset axes", "plotly.reset_axes"),
    ("Reset view", "plotly.reset_view"),
    ("Autoscale", "plotly.autoscale"),
    ("Show closest data on hover", "plotly.hover_closest"),
    ("Compare data on hover", "plotly.hover_compare"),
    ("Double-click to zoom back out", "plotly.double_click"),
    ("Snapshot succeeded", "plotly.snapshot_ok"),
    ("Taking snapshot - this may take a few seconds", "plotly.snapshot_wait"),
)


EXPORT_WIDTH = 1200  # px of a chart's downloaded PNG (at scale 2)


def plotly_config(filename: str, lang: Lang = "vi") -> dict:
    """Toolbar: a PNG download named after the chart, no Plotly logo, no tools a viewer does not need, its
    tooltips in the page's language."""
    locale = "vi" if lang == "vi" else "en-GB"
    return {
        "locale": locale,
        "locales": {locale: {"dictionary": {en: t(key, lang) for en, key in PLOTLY_TEXTS}}},
        "displaylogo": False,
        # drawn 1200 px wide whatever the screen, so that the figure's title is whole in the image
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2, "width": EXPORT_WIDTH},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d", "toggleSpikelines"],
    }


def _plot_terms(terms: dict | None) -> dict[str, str]:
    """The program's words (its noun, its period word, its name: typed by an analyst) for a chart's texts,
    escaped (`plot_text`): axis titles, colour bar and hover texts fill the catalogue's placeholders with them."""
    return {key: plot_text(value) for key, value in (terms or {}).items()}


def wrap_label(text: str, width: int) -> str:
    """Break a long label from data into lines of about `width` characters (Plotly wraps only at <br>), each
    line escaped (`plot_text`)."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(plot_text(part) for part in [*lines, line])


@functools.cache
def _template(lang: Lang) -> go.layout.Template:
    """The app's look, validated once per language (Plotly validation is costly at every update)."""
    axis = {"tickfont": {"color": MUTED}, "automargin": True, "title": {"font": {"color": MUTED, "size": 13}}}
    return go.layout.Template(
        layout={
            "font": {"family": FONT, "size": 14, "color": INK},
            "separators": plotly_separators(lang),
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "hoverlabel": {"font": {"family": FONT, "size": 14}, "bgcolor": "white"},
            "legend": {
                "orientation": "h",
                "yanchor": "top",
                "y": -0.14,
                "xanchor": "left",
                "x": 0,
                "font": {"size": 13},
                "title": {"text": ""},
            },
            "xaxis": {**axis, "showgrid": False, "linecolor": GRID},
            "yaxis": {**axis, "gridcolor": GRID, "zerolinecolor": GRID},
            "colorway": QUALITATIVE,
        }
    )


def themed(
    fig: go.Figure, lang: Lang, title: str, height: int = 420, legend: bool = True, legend_below: bool = False
) -> go.Figure:
    """Apply the app's look: title that states the finding, language number format, quiet grid."""
    layout: dict = {
        "template": _template(lang),
        "title": {
            "text": plot_text(title),
            "x": 0,
            "xanchor": "left",
            "pad": {"l": 12},  # off the image's edge in a downloaded PNG
            "font": {"size": 18, "color": INK},
        },
        "height": height,
        "margin": {"l": 10, "r": 20, "t": 64, "b": 10},
        "showlegend": legend,
        # Legends go under the plot: above it, a legend that wraps on a narrow screen covered the title.
        # (`legend_below` is kept for callers; every legend is below now.)
        "legend": {"y": -0.14, "yanchor": "top"},
    }
    set_layout(fig, layout)
    if legend and fig.layout.xaxis.title and fig.layout.xaxis.title.text:
        fig.layout.legend.y = -0.3  # under the axis title too, not over it
    return fig


def set_layout(fig: go.Figure, values: dict) -> go.Figure:
    """`fig.update_layout(values)`, the same figure at a third of the cost: each top-level property is set
    at once (update_layout walks every key path of the dict through Plotly's relayout machinery, some 5 ms
    a figure, several figures a page); a property that already holds values gets the new ones merged into
    them, as update_layout merges."""
    for key, value in values.items():
        if isinstance(value, dict):
            held = fig.layout[key].to_plotly_json()
            if held:
                value = _merged(held, value)
        fig.layout[key] = value
    return fig


def set_xaxes(fig: go.Figure, **values: object) -> go.Figure:
    """`fig.update_xaxes(**values)` for the one x axis of the app's figures, at a fifth of the cost
    (`set_layout`)."""
    return set_layout(fig, {"xaxis": values})


def set_yaxes(fig: go.Figure, **values: object) -> go.Figure:
    """`fig.update_yaxes(**values)` for the one y axis of the app's figures (`set_layout`)."""
    return set_layout(fig, {"yaxis": values})


def _merged(held: dict, new: dict) -> dict:
    """`new` over `held`, nested dicts merged key by key (update_layout's rule)."""
    out = dict(held)
    for key, value in new.items():
        out[key] = (
            _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
        )
    return out


def bar_labels_inside_long_bars(fig: go.Figure, share: float = 0.5) -> go.Figure:
    """Horizontal bars' value labels: inside the bars longer than `share` of the longest (in black or white,
    whichever reads better on the bar's colour), outside the others. A label written after the longest
    bar ran past the chart's edge on a phone, where a chart is 300 px wide."""
    for trace in fig.data:
        if trace.type != "bar" or trace.orientation != "h" or trace.text is None or trace.x is None:
            continue
        values = [float(v) if v == v else 0.0 for v in trace.x]
        longest = max(values, default=0.0)
        if longest <= 0:
            continue
        colours = trace.marker.color
        colours = list(colours) if isinstance(colours, (list, tuple)) else [colours] * len(values)
        inside = [v > share * longest for v in values]
        trace.textposition = ["inside" if i else "outside" for i in inside]
        trace.insidetextanchor = "end"
        trace.textfont.color = [
            (_ink_on(c) if i else INK) for i, c in zip(inside, colours, strict=True)
        ]  # fmt: skip
    return fig


def labels_after_the_line(fig: go.Figure, line_x: float, gap: float) -> go.Figure:
    """The labels written after bars that end short of a vertical line (the 100% target) start after that
    line instead (`gap` after it, in the axis' units): written from the bar's end, "84,9%" ran across the
    dashed line at 100%."""
    bars = fig.data[0]
    positions = bars.textposition if isinstance(bars.textposition, (list, tuple)) else None
    if positions is None or bars.text is None:
        return fig
    texts, moved_y, moved_text = list(bars.text), [], []
    for i, (x, position) in enumerate(zip(bars.x, positions, strict=True)):
        if position == "outside" and x == x and x < line_x and texts[i]:
            moved_y.append(bars.y[i])
            moved_text.append(texts[i])
            texts[i] = ""
    if moved_text:
        bars.text = texts
        fig.add_scatter(
            y=moved_y,
            x=[line_x + gap] * len(moved_y),
            mode="text",
            text=moved_text,
            textposition="middle right",
            textfont={"size": bars.textfont.size, "color": INK},
            cliponaxis=False,
            hoverinfo="skip",
            showlegend=False,
        )
    return fig


def _ink_on(colour: object) -> str:
    """Black or white text, whichever has more contrast on `colour` ("#rrggbb"; else the app's ink)."""
    if not (isinstance(colour, str) and colour.startswith("#") and len(colour) == 7):
        return INK
    return "#ffffff" if contrast_ratio("#ffffff", colour) >= contrast_ratio("#111111", colour) else "#111111"


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
    set_xaxes(fig, visible=False)
    set_yaxes(fig, visible=False)
    return themed(fig, lang, title, height=height, legend=False)


def _period_label(phase: pd.Series, lang: Lang) -> str:
    """The period's own label when the caller gave one (its program's word, typed by an analyst: escaped,
    `plot_text`), else "Giai đoạn n"."""
    label = phase.get("label")
    return (
        plot_text(label)
        if isinstance(label, str) and label
        else t("overview.phase_name", lang, n=int(phase["phase"]))
    )


def date_axis(fig: go.Figure, lang: Lang) -> None:
    """Dates on axes and in hovers written the way the language writes them."""
    set_xaxes(fig, hoverformat=d3_date_format(lang), tickformat="%m/%Y" if lang == "vi" else "%b %Y")


# ---------------------------------------------------------------------------------------------------------
# Overview


BULLET_ROW = 100  # px of the phase chart per period: the bar, and its label above it
BULLET_BAR = 0.4  # the bar's share of its row (40 px)
BULLET_MARK = 34  # the target mark's size (Plotly draws it 1.4 times as tall: 48 px), taller than the bar
BULLET_LABEL_SHIFT = 30  # px from the row's middle to its label's foot: above the bar and the mark


def phase_bullets(phases: pd.DataFrame, program: dict, lang: Lang, title: str) -> go.Figure:
    """Registered against target per phase and for the program: a bar per row, the target as a black mark.

    Bars take the tier colour (met / over half / under half / none), labels say "1.458 · 104,1%". A
    `label` column in `phases` names each period the program's way ("Năm 2025").
    """
    rows = []
    for _, phase in phases.iterrows():
        rows.append({**phase.to_dict(), "label": _period_label(phase, lang)})
    if len(phases) > 1:
        rows.append({"label": t("word.program", lang), **program})
    frame = pd.DataFrame(rows)
    if frame.empty:
        return empty_figure(lang, title)
    frame = frame.iloc[::-1]  # first phase on top
    standings = (
        frame["standing"] if "standing" in frame else pd.Series([None] * len(frame), index=frame.index)
    )
    running = {
        "ahead": PACE_COLORS["on_track"],
        "behind": PACE_COLORS["at_risk"],
        "not_started": TIER_COLORS["none"],
    }
    colors = [running.get(s, TIER_COLORS[tier]) for tier, s in zip(frame["tier"], standings, strict=True)]
    texts = [
        _bullet_text(r, p, s, lang)
        for r, p, s in zip(frame["registered"], frame["pct"], standings, strict=True)
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
        text=texts,  # drawn above the bar (the notes below), kept here for what reads the figure
        textposition="none",
        hovertext=hovers,
        hoverinfo="text",
        name=t("overview.registered_bar", lang),
        width=BULLET_BAR,
    )
    fig.add_scatter(
        y=frame["label"],
        x=frame["target"],
        mode="markers",
        marker={"symbol": "line-ns", "size": BULLET_MARK, "line": {"width": 4, "color": TARGET}},
        name=t("overview.target_mark", lang),
        hovertext=[f"{t('metric.target', lang)}: {fmt_int(v, lang)}" for v in frame["target"]],
        hoverinfo="text",
    )
    # Each bar's label sits above it, from the axis: at the bar's end it ran into the target mark (a bar short
    # of its target) or had the mark through it (a long bar's label inside it, on a phone), whatever the width.
    for label, text in zip(frame["label"], texts, strict=True):
        fig.add_annotation(
            x=0,
            y=label,
            xref="x",
            yref="y",
            text=text,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            yshift=BULLET_LABEL_SHIFT,
            font={"size": 15, "color": INK},
        )
    top = max(
        frame["registered"].max(), frame["target"].max(skipna=True) if frame["target"].notna().any() else 0
    )
    set_xaxes(fig, range=[0, top * 1.1], showgrid=True, gridcolor=GRID, tickformat=",d")
    set_yaxes(fig, showgrid=False, tickfont={"size": 15, "color": INK}, ticksuffix="  ")
    return themed(fig, lang, title, height=140 + BULLET_ROW * len(frame))


def _bullet_text(registered: float, pct: float, standing: object, lang: Lang) -> str:
    """A period's bar label: "1.458 · 104,1%"; "chưa bắt đầu" before its first day; with its standing
    against the time path while it runs ("1.240 · 31,0% · chậm tiến độ"), so a running period's share of
    its whole target is not read as failure."""
    if standing == "not_started":
        return t("standing.not_started", lang)
    text = f"{fmt_int(registered, lang)} · {fmt_pct(pct, lang)}"
    if standing in ("ahead", "behind"):
        text += " · " + t(f"standing.{standing}", lang)
    return text


def tier_legend_items(lang: Lang) -> list[tuple[str, str, str]]:
    """(tier, colour, label) in order, for legends drawn outside Plotly."""
    return [(tier, TIER_COLORS[tier], t(f"tier.{tier}", lang)) for tier in TIER_COLORS]


# ---------------------------------------------------------------------------------------------------------
# Units


def unique_labels(rows: pd.DataFrame) -> list[str]:
    """Axis labels: the unit's short name, with its code added where two short names collide (escaped for
    Plotly, `plot_text`)."""
    labels = [
        str(s) if isinstance(s, str) and s else str(c)
        for s, c in zip(rows["short_name"], rows["unit"], strict=True)
    ]
    seen = pd.Series(labels).duplicated(keep=False).tolist()
    return [
        plot_text(f"{label} ({code})" if dup else label)
        for label, code, dup in zip(labels, rows["unit"], seen, strict=True)
    ]


def unit_hover(row: pd.Series, lang: Lang) -> str:
    """The same few facts about a unit wherever it is hovered: its name as every screen writes it (with its
    code), then its full name."""
    named = unit_named(row)
    full = row.get("name")
    head = f"<b>{plot_text(named)}</b>" + (
        f" – {plot_text(full)}" if isinstance(full, str) and full and full != unit_label(row) else ""
    )
    return (
        f"{head}<br>"
        f"{t('metric.registered', lang)}: {fmt_int(row['registered'], lang)} / {t('metric.target', lang).lower()} "
        f"{fmt_int(row['target'], lang)} ({fmt_pct(row['pct'], lang)})<br>"
        f"{t('metric.tier', lang)}: {t('tier.' + row['tier'], lang)}<br>"
        f"{t('metric.benefit_vnd', lang)}: {fmt_money(row['benefit_vnd'], lang)}"
    )


RANKING_METRICS: tuple[str, ...] = ("pct", "registered", "benefit_vnd", "per_100_members", "authors_per_100")


def _metric_text(metric: str, value: float, lang: Lang) -> str:
    """A metric's value as its kind is written (METRIC_KINDS): a bar's label, the Units page's title."""
    return format_value(value, METRIC_KINDS[metric], lang)


def unit_ranking(rows: pd.DataFrame, metric: str, lang: Lang, title: str) -> go.Figure:
    """Every unit as a bar, best first, coloured by tier; the target marked (registered) or the 100% line (%).

    Each bar carries its unit code as customdata, so a click can open that unit's detail.
    """
    if rows.empty:
        return empty_figure(lang, title)
    ordered = rows.sort_values([metric, "registered"], ascending=[False, False], na_position="last")
    ordered = ordered.iloc[::-1]  # Plotly draws the first category at the bottom
    labels = unique_labels(ordered)
    values = ordered[metric].fillna(0)
    fig = go.Figure()
    fig.add_bar(
        y=labels,
        x=values,
        orientation="h",
        marker={"color": [TIER_COLORS[x] for x in ordered["tier"]]},
        customdata=ordered["unit"],
        text=[_metric_text(metric, v, lang) for v in ordered[metric]],
        textposition="outside",
        cliponaxis=False,
        textfont={"size": 13, "color": INK},
        hovertext=[unit_hover(r, lang) for _, r in ordered.iterrows()],
        hoverinfo="text",
        showlegend=False,
    )
    for _tier, color, label in tier_legend_items(lang):  # legend entries for the tier colours
        fig.add_bar(
            y=[None], x=[None], marker={"color": color}, name=label, orientation="h", hoverinfo="skip"
        )
    top = float(values.max() or 1)
    if metric == "registered" and ordered["target"].notna().any():
        fig.add_scatter(
            y=labels,
            x=ordered["target"],
            mode="markers",
            name=t("overview.target_mark", lang),
            marker={"symbol": "line-ns", "size": 18, "line": {"width": 3, "color": TARGET}},
            hovertext=[f"{t('metric.target', lang)}: {fmt_int(v, lang)}" for v in ordered["target"]],
            hoverinfo="text",
        )
        top = max(top, float(ordered["target"].max()))
    if metric == "pct":
        fig.add_vline(x=100, line={"color": TARGET, "width": 2, "dash": "dash"})
        set_xaxes(fig, ticksuffix="%")
        top = max(top, 100)
    tick = ",.0f" if metric != "benefit_vnd" else "~s"
    set_xaxes(fig, range=[0, top * 1.25], showgrid=True, gridcolor=GRID, tickformat=tick, fixedrange=True)
    set_yaxes(fig, showgrid=False, tickfont={"size": 13, "color": INK}, fixedrange=True)
    set_layout(fig, dict(barmode="overlay", bargap=0.25, clickmode="event+select", dragmode=False))
    bar_labels_inside_long_bars(fig)
    # A label inside a long bar at its size, not shrunk to the bar's height.
    fig.data[0].constraintext = "none"
    if metric == "pct":
        labels_after_the_line(fig, 100, gap=0.012 * top * 1.25)
    return themed(fig, lang, title, height=120 + 24 * len(ordered))


def unit_hierarchy(rows: pd.DataFrame, lang: Lang, title: str, root: str) -> go.Figure:
    """Groups and units (units under their parent unit where one is set) sized by registrations, tier colours."""
    if rows.empty or rows["registered"].sum() == 0:
        return empty_figure(lang, title)
    in_scope = set(rows["unit"])
    ids, labels, parents, values, colors, hovers = [root], [root], [""], [0], ["#ffffff"], [root]
    groups = rows["group_name"].fillna(t("group.none", lang))
    for group in sorted(groups.unique()):
        ids.append(f"g:{plot_text(group)}")
        labels.append(plot_text(t(f"group.{group}", lang) if has_key(f"group.{group}") else group))
        parents.append(root)
        values.append(0)
        colors.append("#eef2f7")
        hovers.append(labels[-1])
    for (_, row), group in zip(rows.iterrows(), groups, strict=True):
        parent = row.get("parent_code")
        ids.append(f"u:{plot_text(row['unit'])}")
        labels.append(
            f"{plot_text(unit_label(row))}<br>{fmt_int(row['registered'], lang)} · {fmt_pct(row['pct'], lang)}"
        )
        parents.append(
            f"u:{plot_text(parent)}"
            if isinstance(parent, str) and parent in in_scope
            else f"g:{plot_text(group)}"
        )
        values.append(int(row["registered"]))
        colors.append(TIER_COLORS[row["tier"]])
        hovers.append(unit_hover(row, lang))
    fig = go.Figure(
        go.Treemap(
            ids=ids,
            labels=labels,
            parents=parents,
            values=values,
            branchvalues="remainder",
            marker={"colors": colors, "line": {"color": "white", "width": 1}},
            hovertext=hovers,
            hoverinfo="text",
            textfont={"size": 13},
            pathbar={"visible": True},
            tiling={"pad": 2},
        )
    )
    return themed(fig, lang, title, height=520, legend=False)


def money_scale(max_vnd: float, lang: Lang) -> tuple[float, str]:
    """Divisor and axis title for money axes: tỷ đồng (billions) or triệu đồng (millions), never SI "G"/"T"."""
    if max_vnd >= 1e9:
        return 1e9, t("chart.axis_billions", lang)
    return 1e6, t("chart.axis_millions", lang)


def share_bars(
    frame: pd.DataFrame,
    label_col: str,
    value_col: str,
    lang: Lang,
    title: str,
    colors: list[str] | str = PRIMARY,
    money: bool = False,
    height: int | None = None,
    room: float = 1.45,
    share: bool = True,
) -> go.Figure:
    """Horizontal bars of a value by category, largest on top, value and share written at the bar end.

    Money is drawn in tỷ or triệu đồng (axis titled so); `room` widens the axis for long labels in
    narrow columns. `share=False` for a value whose shares mean nothing (a ratio, such as benefit per
    member: its values do not add up to a whole).
    """
    if frame.empty or frame[value_col].fillna(0).sum() == 0:
        return empty_figure(lang, title)
    ordered = frame.sort_values(value_col, ascending=True)
    total = float(ordered[value_col].sum())
    fmt = (lambda v: fmt_money(v, lang)) if money else (lambda v: fmt_int(v, lang))
    texts = [f"{fmt(v)} · {fmt_pct(v * 100 / total, lang)}" if share else fmt(v) for v in ordered[value_col]]
    divisor, axis_title = money_scale(float(ordered[value_col].max()), lang) if money else (1.0, "")
    labels = [plot_text(label) for label in ordered[label_col]]
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=ordered[value_col] / divisor,
            orientation="h",
            text=texts,
            textposition="outside",
            cliponaxis=False,
            marker={"color": colors},
            hovertext=[f"<b>{lab}</b><br>{tx}" for lab, tx in zip(labels, texts, strict=True)],
            hoverinfo="text",
            textfont={"size": 12, "color": INK},
        )
    )
    set_xaxes(
        fig,
        range=[0, float(ordered[value_col].max()) / divisor * room],
        showgrid=True,
        gridcolor=GRID,
        tickformat=",~r" if money else ",d",
        title={"text": axis_title},
        fixedrange=True,
    )
    # 12 px: a phone's 300 px chart holds a unit's long name and the label after its bar in the system's font
    set_yaxes(fig, showgrid=False, tickfont={"size": 12, "color": INK}, fixedrange=True)
    bar_labels_inside_long_bars(fig)
    return themed(fig, lang, title, height=height or (110 + 30 * len(ordered)), legend=False)


# ---------------------------------------------------------------------------------------------------------
# Trends


def _ts(day: dt.date) -> pd.Timestamp:
    return pd.Timestamp(day)


def target_path(phases: pd.DataFrame, cumulative: bool) -> pd.DataFrame:
    """The straight line from 0 at each phase start to its target at the phase end (stacked when cumulative)."""
    points = []
    base = 0.0
    for _, phase in phases.iterrows():
        target = float(phase["target"]) if pd.notna(phase["target"]) else 0.0
        points.append({"day": _ts(phase["start_on"]), "value": base if cumulative else 0.0})
        points.append({"day": _ts(phase["end_on"]), "value": base + target if cumulative else target})
        if cumulative:
            base += target
    return pd.DataFrame(points)


def cumulative_vs_target(
    daily: pd.DataFrame,
    phases: pd.DataFrame,
    milestones: pd.DataFrame | None,
    campaigns: pd.DataFrame | None,
    projection: dict | None,
    lang: Lang,
    title: str,
    terms: dict | None = None,
) -> go.Figure:
    """Cumulative registrations against the straight-line pace to the target, phase by phase.

    Phase boundaries are marked, campaign windows shaded, milestones (mốc phấn đấu) drawn as diamonds, and
    the projection from the recent run rate drawn dotted to the end of the running phase.
    """
    if phases.empty:
        return empty_figure(lang, title)
    fig = go.Figure()
    start, end = _ts(phases["start_on"].min()), _ts(phases["end_on"].max())
    for _, campaign in (campaigns if campaigns is not None else pd.DataFrame()).iterrows():
        if _ts(campaign["end_on"]) < start or _ts(campaign["start_on"]) > end:
            continue
        fig.add_vrect(
            x0=_ts(campaign["start_on"]),
            x1=_ts(campaign["end_on"]) + pd.Timedelta(days=1),
            fillcolor=ACCENT,
            opacity=0.12,
            line_width=0,
            layer="below",
        )
        fig.add_annotation(
            x=_ts(campaign["start_on"]),
            y=0.62,
            yref="paper",
            xanchor="right",
            showarrow=False,
            align="right",
            text=wrap_label(campaign["name"], 22),
            font={"size": 12, "color": ACCENT},
        )
    for _, phase in phases.iloc[1:].iterrows():
        fig.add_vline(x=_ts(phase["start_on"]), line={"color": MUTED, "width": 1, "dash": "dot"})
        fig.add_annotation(
            x=_ts(phase["start_on"]),
            y=1,
            yref="paper",
            showarrow=False,
            xanchor="left",
            text=" " + _period_label(phase, lang),
            font={"size": 12, "color": MUTED},
        )
    path = target_path(phases, cumulative=True)
    fig.add_scatter(
        x=path["day"],
        y=path["value"],
        mode="lines",
        name=t("trends.target_path", lang),
        line={"color": TARGET, "width": 2, "dash": "dash"},
        hovertemplate="%{x}<br>" + t("trends.target_path", lang) + ": %{y:,.0f}<extra></extra>",
    )
    if not daily.empty:
        series = daily[(daily["day"] >= start) & (daily["day"] <= end)]
        fig.add_scatter(
            x=series["day"],
            y=series["cumulative"],
            mode="lines",
            line={"color": PRIMARY, "width": 3, "shape": "hv"},
            name=t("trends.cumulative", lang),
            hovertemplate="%{x}<br>" + t("trends.cumulative", lang) + ": %{y:,.0f}<extra></extra>",
        )
    if projection:
        fig.add_scatter(
            x=[_ts(projection["from_day"]), _ts(projection["to_day"])],
            y=[projection["from_value"], projection["to_value"]],
            mode="lines+markers",
            line={"color": PRIMARY, "width": 2, "dash": "dot"},
            marker={"size": 7},
            name=t("trends.projection", lang),
            hovertemplate="%{x}<br>" + t("trends.projection", lang) + ": %{y:,.0f}<extra></extra>",
        )
    if milestones is not None and not milestones.empty:
        fig.add_scatter(
            x=[_ts(d) for d in milestones["on_date"]],
            y=milestones["cumulative_target"],
            mode="markers",
            marker={"symbol": "diamond", "size": 12, "color": ACCENT, "line": {"color": "white", "width": 1}},
            name=t("trends.milestones", lang),
            text=[plot_text(label) for label in milestones["label"]],
            hovertemplate="%{x}<br>%{text}: %{y:,.0f}<extra></extra>",
        )
    date_axis(fig, lang)
    set_xaxes(fig, range=[start - pd.Timedelta(days=7), end + pd.Timedelta(days=7)], showgrid=False)
    set_yaxes(
        fig,
        rangemode="tozero",
        tickformat=",d",
        title={"text": t("trends.axis_cumulative", lang, **_plot_terms(terms))},
    )
    set_layout(fig, dict(hovermode="x unified"))
    return themed(fig, lang, title, height=470)


def period_bars(
    frame: pd.DataFrame,
    campaigns: pd.DataFrame,
    lang: Lang,
    title: str,
    weekly: bool,
    terms: dict | None = None,
) -> go.Figure:
    """Registrations per week or month, campaign windows shaded."""
    if frame.empty or frame["registered"].sum() == 0:
        return empty_figure(lang, title)
    hover_date = d3_date_format(lang) if weekly else ("%m/%Y" if lang == "vi" else "%b %Y")
    label = t("trends.week_of", lang) if weekly else t("trends.month", lang)
    fig = go.Figure(
        go.Bar(
            x=frame["period"],
            y=frame["registered"],
            marker={"color": PRIMARY},
            hovertemplate=label + " %{x|" + hover_date + "}: %{y:,d}<extra></extra>",
        )
    )
    for _, campaign in campaigns.iterrows():
        fig.add_vrect(
            x0=_ts(campaign["start_on"]),
            x1=_ts(campaign["end_on"]) + pd.Timedelta(days=1),
            fillcolor=ACCENT,
            opacity=0.12,
            line_width=0,
            layer="below",
        )
    date_axis(fig, lang)
    set_yaxes(
        fig,
        tickformat=",d",
        title={
            "text": t(
                "trends.axis_per_week" if weekly else "trends.axis_per_month", lang, **_plot_terms(terms)
            )
        },
    )
    return themed(fig, lang, title, height=340, legend=False)


def unit_month_heatmap(
    counts: pd.DataFrame, labels: dict[str, str], lang: Lang, title: str, terms: dict | None = None
) -> go.Figure:
    """Units (most active on top) by month: where and when registrations happened."""
    if counts.empty:
        return empty_figure(lang, title)
    counts = counts.assign(month=pd.to_datetime(counts["month"]))
    table = counts.pivot_table(
        index="unit", columns="month", values="registered", aggfunc="sum", fill_value=0
    )
    table = table.loc[table.sum(axis=1).sort_values(ascending=True).index]
    months = [fmt_month(m, lang) for m in table.columns]
    full = [plot_text(labels.get(u, u)) for u in table.index]
    # the axis shows each unit's name cut to AXIS_NAME characters (a phone's chart is 300 px wide), the
    # hover its whole name; names stay unique on the axis (a cut name that repeats keeps its code)
    names = [plot_text(fit_name(labels.get(u, u), u)) for u in table.index]
    if len(set(names)) < len(names):
        names = [plot_text(fit_name(labels.get(u, u), u)) + f" ({plot_text(u)})" for u in table.index]
    fig = go.Figure(
        go.Heatmap(
            z=table.values,
            x=months,
            y=names,
            customdata=[[name] * len(months) for name in full],
            colorscale=[[0, "#f3f6fb"], [0.15, "#9ec5f0"], [1, PRIMARY]],
            hovertemplate="%{customdata} · %{x}: %{z:,d}<extra></extra>",
            xgap=1,
            ygap=1,
            colorbar=_HEATMAP_SCALE
            | {"title": {"text": t("word.initiatives", lang, **_plot_terms(terms)), "side": "top"}},
        )
    )
    set_xaxes(fig, tickangle=-45, tickfont={"size": 11}, showgrid=False)
    set_yaxes(fig, tickfont={"size": 11}, showgrid=False)
    # (the colour scale above the grid pushes the top margin itself: Plotly's automargin)
    return themed(fig, lang, title, height=150 + 22 * len(table), legend=False)


# The heatmap's colour scale lies along the top of the grid: standing at its right, with its title, it took a
# third of a phone's 300 px chart and left the grid a strip of 80 px.
_HEATMAP_SCALE = {
    "orientation": "h",
    "x": 1,
    "xanchor": "right",
    "y": 1,
    "yanchor": "bottom",
    "ypad": 6,
    "len": 0.6,
    "thickness": 10,
}


AXIS_NAME = 18  # characters of a unit's name on a chart axis


def fit_name(name: str, code: str) -> str:
    """A unit's name for a narrow axis: whole when short enough, else its first AXIS_NAME - 1 characters
    and "…" (the same name, cut, never another one); the code when there is no name."""
    name = str(name or code)
    return name if len(name) <= AXIS_NAME else name[: AXIS_NAME - 1].rstrip() + "…"


def fmt_month(value: object, lang: Lang) -> str:
    return _fmt_month(pd.Timestamp(value).date(), lang)


def field_mix(counts: pd.DataFrame, field_label, lang: Lang, title: str) -> go.Figure:
    """Share of each field among the month's registrations (100% stacked areas)."""
    if counts.empty:
        return empty_figure(lang, title)
    counts = counts.assign(month=pd.to_datetime(counts["month"]))
    order = counts.groupby("field")["registered"].sum().sort_values(ascending=False).index.tolist()
    fig = go.Figure()
    for index, field in enumerate(order):
        part = counts[counts["field"] == field].sort_values("month")
        label = plot_text(field_label(field))
        fig.add_scatter(
            x=part["month"],
            y=part["registered"],
            name=label,
            stackgroup="one",
            groupnorm="percent",
            mode="lines",
            line={"width": 0.5, "color": QUALITATIVE[index % len(QUALITATIVE)]},
            hovertemplate=label + ": %{y:.1f}%<extra></extra>",
        )
    date_axis(fig, lang)
    set_xaxes(fig, hoverformat="%m/%Y" if lang == "vi" else "%b %Y")
    set_yaxes(fig, ticksuffix="%", range=[0, 100])
    set_layout(fig, dict(hovermode="x unified"))
    return themed(fig, lang, title, height=520, legend_below=True)


def recognition_chart(by_month: pd.DataFrame, lang: Lang, title: str) -> go.Figure:
    """Median (and 90th percentile) days from registration to recognition, by month of registration."""
    if by_month.empty:
        return empty_figure(lang, title)
    months = pd.to_datetime(by_month["month"])
    fig = go.Figure()
    fig.add_scatter(
        x=months,
        y=by_month["p90_days"],
        name=t("trends.p90", lang),
        mode="lines",
        line={"color": "#9ec5f0", "width": 2, "dash": "dot"},
        hovertemplate=t("trends.p90", lang) + ": %{y:.0f}<extra></extra>",
    )
    fig.add_scatter(
        x=months,
        y=by_month["median_days"],
        name=t("trends.median", lang),
        mode="lines+markers",
        line={"color": PRIMARY, "width": 3},
        hovertemplate=t("trends.median", lang) + ": %{y:.0f}<extra></extra>",
    )
    date_axis(fig, lang)
    set_xaxes(fig, hoverformat="%m/%Y" if lang == "vi" else "%b %Y")
    set_yaxes(fig, rangemode="tozero", title={"text": t("trends.axis_days", lang)})
    set_layout(fig, dict(hovermode="x unified"))
    return themed(fig, lang, title, height=360)


def unit_cumulative(
    daily: pd.DataFrame, phases: pd.DataFrame, lang: Lang, title: str, terms: dict | None = None
) -> go.Figure:
    """One unit's cumulative registrations against its own straight-line target path."""
    return cumulative_vs_target(daily, phases, None, None, None, lang, title, terms)


# ---------------------------------------------------------------------------------------------------------
# Benefit


def fmt_money_short(vnd: float, lang: Lang) -> str:
    """A compact amount for crowded axes: "1,8 tr", "56 tr", "1,8 tỷ" / "1.8M", "1.8bn"."""
    if vnd >= 1e9:
        number, unit = vnd / 1e9, ("bn" if lang == "en" else " tỷ")
    else:
        number, unit = vnd / 1e6, ("M" if lang == "en" else " tr")
    text = fmt_num(number, lang, 1) if number < 10 else fmt_int(number, lang)
    return text.removesuffix(",0").removesuffix(".0") + unit


def benefit_histogram(hist: pd.DataFrame, lang: Lang, title: str, terms: dict | None = None) -> go.Figure:
    """How many initiatives fall in each benefit band; bands grow x1.78 (a quarter decade): a long tail."""
    if hist.empty:
        return empty_figure(lang, title)
    labels = [fmt_money_short(lo, lang) for lo in hist["low_vnd"]]
    ranges = [
        f"{fmt_money(lo, lang)} – {fmt_money(hi, lang)}"
        for lo, hi in zip(hist["low_vnd"], hist["high_vnd"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=hist["initiatives"],
            marker={"color": PRIMARY},
            customdata=list(zip(ranges, [fmt_money(v, lang) for v in hist["benefit_vnd"]], strict=True)),
            hovertemplate="%{customdata[0]}<br>"
            + t("word.initiatives", lang, **_plot_terms(terms))
            + ": %{y:,d}<br>"
            + t("metric.benefit_vnd", lang)
            + ": %{customdata[1]}<extra></extra>",
        )
    )
    words = _plot_terms(terms)
    set_xaxes(
        fig, tickangle=-40, tickfont={"size": 12}, title={"text": t("benefit.axis_band", lang, **words)}
    )
    set_yaxes(fig, tickformat=",d", title={"text": t("benefit.axis_count", lang, **words)})
    return themed(fig, lang, title, height=420, legend=False)


# ---------------------------------------------------------------------------------------------------------
# Comparisons (programs and periods)


def period_overlay(
    curves: pd.DataFrame,
    labels: dict[int, str],
    current: int,
    lang: Lang,
    title: str,
    terms: dict | None = None,
) -> go.Figure:
    """The period in view and the one before, cumulative, the earlier one moved onto the later one's calendar
    (same day of the year): the line above is ahead. `curves` from metrics.period_curves."""
    if curves.empty:
        return empty_figure(lang, title)
    fig = go.Figure()
    for period, frame in curves.groupby("period", sort=False):
        now = int(period) == int(current)
        name = plot_text(labels.get(int(period), str(period)))  # a period's name is data: inert text
        fig.add_scatter(
            x=frame["day"],
            y=frame["cumulative"],
            mode="lines",
            name=name,
            line={"color": PRIMARY if now else MUTED, "width": 3 if now else 2, "dash": None if now else "dot",
                  "shape": "hv"},
            hovertemplate=name + "<br>%{x}: %{y:,d}<extra></extra>",
        )  # fmt: skip
    date_axis(fig, lang)
    set_xaxes(fig, tickformat="%d/%m" if lang == "vi" else "%d %b")
    set_yaxes(
        fig,
        rangemode="tozero",
        tickformat=",d",
        title={"text": t("trends.axis_cumulative", lang, **_plot_terms(terms))},
    )
    set_layout(fig, dict(hovermode="x unified"))
    return themed(fig, lang, title, height=380)


def program_share_curves(
    curves: pd.DataFrame, names: dict[str, str], current: str, share: float, lang: Lang, title: str
) -> go.Figure:
    """Each program's cumulative registrations as % of its own target against the share of its own time
    (0-100%): "where were we after 40% of the time". A vertical line marks the share passed today."""
    if curves.empty:
        return empty_figure(lang, title)
    fig = go.Figure()
    for code, frame in curves.groupby("program", sort=False):
        now = code == current
        name = plot_text(names.get(code, code))  # a program's name is data: inert text
        fig.add_scatter(
            x=frame["share"],
            y=frame["pct"],
            mode="lines",
            name=name,
            line={"color": PRIMARY if now else ACCENT, "width": 3 if now else 2, "shape": "hv"},
            customdata=[fmt_int(v, lang) for v in frame["cumulative"]],
            hovertemplate=name + "<br>%{x:.1f}% · %{y:.1f}% (%{customdata})<extra></extra>",
        )
    fig.add_vline(x=share, line={"color": MUTED, "width": 1, "dash": "dot"})
    set_xaxes(
        fig, range=[0, 100], ticksuffix="%", hoverformat=".1f", title={"text": t("compare.axis.share", lang)}
    )  # the unified hover's heading: 25,8%, not 25,77997%
    set_yaxes(fig, rangemode="tozero", ticksuffix="%", title={"text": t("compare.axis.pct", lang)})
    set_layout(fig, dict(hovermode="x unified"))
    return themed(fig, lang, title, height=380)
