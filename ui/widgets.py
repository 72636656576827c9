"""Page building blocks: the page header (title, as-of line, illustrative-data banner), metric cards with
their definition on hover, and charts with the app's toolbar. Pages stay short scripts."""

from __future__ import annotations

import functools
import html
import re
import threading
import weakref
from html import escape
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from analytics import charts
from analytics.i18n import Lang, format_value, t
from analytics.metrics import METRIC_KINDS
from ui import data
from ui.context import Context
from ui.labels import as_of_caption
from ui.present import present_figure, presenting
from ui.view_state import dropped_from_url, page_language


def page_header(ctx: Context, title: str, as_of: Any = None, show_as_of: bool = True) -> None:
    """Title, the as-of line, and every notice the viewer must not miss (sample data, read-only, bad link)."""
    st.title(title)
    if show_as_of:
        org = ctx.t("app.org_program") if ctx.program is not None else ctx.t("app.org")
        st.caption(org + " · " + as_of_caption(ctx, as_of))
        standing_line(ctx)
    if ctx.sample:
        st.info(ctx.t("sample.banner"), icon=":material/science:")
    if ctx.store.read_only:
        reason = ctx.store.read_only_reason or "requested"
        st.warning(
            ctx.t(f"store.read_only.{reason}", detail=ctx.store.read_only_detail), icon=":material/lock:"
        )
    dropped = dropped_from_url()
    if dropped:
        items = ", ".join(markdown_literal(item if len(item) <= 80 else item[:79] + "…") for item in dropped)
        st.warning(ctx.t("url.dropped", items=items), icon=":material/link_off:")


def standing_line(ctx: Context) -> None:
    """While the program (or the period in view) runs, or before it starts, every page says where it stands
    against its time path (metric.standing): "Chương trình: vượt tiến độ 58 (lộ trình đến ngày: 1.400)". A
    period's share of a target not yet due is then never read as failure, whatever the page."""
    if ctx.program is None or data.record_total() == 0:
        return
    row = data.progress().program
    standing, expected = row.get("standing"), row.get("expected")
    if standing not in ("ahead", "behind", "not_started"):
        return
    scope = ctx.period_label(ctx.filters.phase) if ctx.filters.phase else ctx.t("word.program")
    if standing == "not_started":
        text = ctx.t("standing.line.not_started", scope=scope)
    else:
        gap = abs(row["registered"] - expected)
        n = int(gap) if standing == "ahead" else int(-(-gap // 1))
        text = ctx.t(
            f"standing.line.{standing}",
            scope=scope,
            n=format_value(n, "count", ctx.lang),
            expected=format_value(expected, "count", ctx.lang),
        )
    badge(
        text,
        charts.STANDING_TONES[standing],
        help_text=ctx.t("standing.help", expected=format_value(expected or 0, "count", ctx.lang)),
    )


_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$:")


def plain(text: str) -> str:
    """Text from the data shown in Markdown as itself: every character Markdown gives a meaning (emphasis,
    links, headings, math, emoji codes) escaped with a backslash."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))


def markdown_literal(text: str) -> str:
    """Text from outside (a link's values) shown inside Markdown as an inline code span: nothing in it is
    rendered, linked or loaded ("[x](http://…)", "![](…)", even a bare https:// address, stay text)."""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    padding = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{padding}{text}{padding}{fence}"


_DELTA_CLASS = {"green": "up", "red": "down"}
_ARROW = {"up": "▲", "down": "▼"}
# Characters Streamlit's Markdown gives a meaning (math, emoji and icon codes, emphasis, code, links), as
# entities: the card is an HTML block, which Markdown leaves alone, and this keeps it so whatever the text.
_MARKDOWN_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "$:*_~`[]\\"})


def metric(
    ctx: Context,
    key: str,
    value: object,
    delta: str | None = None,
    delta_color: str = "normal",
    delta_arrow: str = "auto",
    label: str | None = None,
) -> None:
    """A metric card: catalogue label (or a variant naming the unit), value, the definition on hover.

    A value that is not text yet is written by the metric's kind (analytics.metrics.METRIC_KINDS through
    analytics.i18n.format_value), as the same metric is in tables, charts and reports.

    Drawn as Markdown, not st.metric: Markdown is in the bundle every page loads, while st.metric's code
    is fetched when the first card arrives, and its cards are then held back for half a second by React
    (and, behind the Overview's Plotly chunk, up to 1.5 s more). See README, Performance."""
    text = value if isinstance(value, str) else format_value(value, METRIC_KINDS[key], ctx.lang)
    card(label or ctx.t(f"metric.{key}"), text, ctx.t(f"metric.{key}.help"), delta, delta_color, delta_arrow)


def card(
    label: str,
    value: str,
    help_text: str,
    delta: str | None = None,
    delta_color: str = "normal",
    delta_arrow: str = "auto",
) -> None:
    """A card for a figure that is not a catalogue metric (a median, an import's counts): same look."""
    st.markdown(
        card_html(label, value, delta, delta_color, delta_arrow), unsafe_allow_html=True, help=help_text
    )


def card_html(label: str, value: str, delta: str | None, delta_color: str, delta_arrow: str) -> str:
    """The card's markup, every text escaped; the delta as a badge: green for `delta_color` "green", red for
    "red", grey otherwise (no sign-based colour: callers say what good news is), with an arrow for
    `delta_arrow` "up" or "down"."""
    badge = ""
    if delta:
        tone = _DELTA_CLASS.get(delta_color, "off")
        arrow = _ARROW.get(delta_arrow, "")
        badge = (
            f'<div class="sk-card-delta sk-{tone}">{arrow and f"<span aria-hidden=true>{arrow}</span> "}'
            f"{_text(delta)}</div>"
        )
    return (
        f'<div class="sk-card"><div class="sk-card-label">{_text(label)}</div>'
        f'<div class="sk-card-value">{_text(value)}</div>{badge}</div>'
    )


def badge(text: str, tone: str, help_text: str | None = None) -> None:
    """A status word in a pill: `tone` one of analytics.charts.BADGE_TONES (good, warn, bad, off), each at
    least 4.5:1 against its background, with a sign before the word so the colour is never the only
    signal (✓ good, ! warn and bad, – off)."""
    sign = {"good": "✓", "warn": "!", "bad": "!", "off": "–"}.get(tone, "")
    st.markdown(
        f'<span class="sk-badge sk-badge-{tone}"><span aria-hidden="true">{sign}</span> {_text(text)}</span>',
        unsafe_allow_html=True,
        help=help_text,
    )


def _text(text: str) -> str:
    """Text for the card's HTML: escaped, and inert for Markdown too."""
    return escape(text).translate(_MARKDOWN_ENTITIES)


_STYLESHEET = Path(__file__).with_name("styles.css")


def _stylesheet() -> str:
    """ui/styles.css without its comments, plus the tier colours (from analytics.charts, as the charts use
    them) as CSS custom properties."""
    rules = re.sub(r"/\*.*?\*/", "", _STYLESHEET.read_text(encoding="utf-8"), flags=re.S)
    lines = [line for line in rules.splitlines() if line.strip()]
    colours = " ".join(f"--sk-tier-{tier}: {colour};" for tier, colour in charts.TIER_COLORS.items())
    tones = "\n".join(
        f".sk-badge-{tone} {{ color: {ink}; background: {paper}; }}"
        for tone, (ink, paper) in charts.BADGE_TONES.items()
    )
    lines.append(tones)
    return ":root { " + colours + " }\n" + "\n".join(lines)


def _css_string(text: str) -> str:
    """A catalogue text as a CSS string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Streamlit's own widget texts, in its bundle in English only: (the element holding the text, catalogue key).
# The element's own children are not drawn and the catalogue's text is drawn in their place (::after).
STREAMLIT_TEXTS: tuple[tuple[str, str], ...] = (
    ('[data-testid="InputInstructions"]', "st.enter_to_apply"),
    ('[data-testid="stForm"] [data-testid="InputInstructions"]', "st.enter_to_submit"),
    ('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]', "st.upload"),
    ('[data-testid="stFileUploaderDropzoneInstructions"] > div', "st.upload_limit"),
    # The top navigation's overflow menu ("2 more" when the pages do not fit in one row).
    ('[data-testid="stTopNavSection"] > :first-child', "st.more_pages"),
    # The "Stop" button beside the running man while a page runs (its text is the button's own: sized 0).
    ('[data-testid="stStatusWidget"] button', "st.stop"),
)


def _streamlit_texts(lang: Lang) -> str:
    mb = st.get_option("server.maxUploadSize")
    rules = []
    for selector, key in STREAMLIT_TEXTS:
        text = _css_string(t(key, lang, mb=mb))
        rules.append(f"{selector} > * {{ display: none !important; }}")
        rules.append(f"{selector}::after {{ content: {text}; }}")
    return "\n".join(rules)


@functools.cache
def _css(lang: Lang, present: bool) -> str:
    body = _stylesheet() + "\n" + _streamlit_texts(lang)
    if present:
        body += "\n" + re.sub(r"/\*.*?\*/", "", _PRESENT.read_text(encoding="utf-8"), flags=re.S)
    return "<style>\n" + body + "\n</style>"


_PRESENT = Path(__file__).with_name("present.css")


def inject_css(lang: Lang = "vi", present: bool = False) -> None:
    """The app's stylesheet (ui/styles.css; with ui/present.css on the projector) and Streamlit's own
    texts in `lang`. Markdown, not st.html, so the rules are there in the very first frame (st.html's code is
    fetched on first use)."""
    st.markdown(_css(lang, present), unsafe_allow_html=True)


def chart(
    fig: go.Figure, key: str, filename: str, on_select: Any = "ignore", selection_mode: Any = ("points",)
) -> Any:
    """Draw a figure with the app's theme (not Streamlit's) and a PNG download in its toolbar.

    The figure's title is drawn above it as page text, which wraps on a narrow screen (Plotly cuts a long
    title at the chart's edge, and its toolbar covered the title's end). The figure keeps its own title,
    hidden on the page (ui/styles.css), for the PNG its toolbar downloads: Plotly
    draws that image from a copy of the figure outside the page's chart, so the image carries the title.
    On the projector every text of the figure is large (ui.present)."""
    kwargs: dict[str, Any] = {}
    present = presenting()
    title, fig = _drawn(fig, present)
    if title:
        st.markdown(
            f'<div class="sk-chart-title" role="heading" aria-level="4">{_text(html.unescape(title))}</div>',
            unsafe_allow_html=True,
        )
    if on_select != "ignore":
        kwargs = {"on_select": on_select, "selection_mode": selection_mode}
    return st.plotly_chart(
        fig,
        theme=None,
        key=key,
        config=charts.plotly_config(filename, page_language()),
        width="stretch",
        **kwargs,
    )


# The drawn copy of each figure that is shared between runs (ui.data's cached figures), by the figure's
# identity and the projector mode; the entry goes with the figure. A rerun of a view then draws the copy made
# for it the first time instead of copying and re-laying out the figure (Plotly validates every property).
TITLE_ROOM = 64  # px above the plot: the toolbar on the page, the title in the PNG
_DRAWN: dict[tuple[int, bool], tuple[weakref.ref, str | None, go.Figure]] = {}
_DRAWN_LOCK = threading.RLock()  # re-entrant: a figure collected while it is held forgets its entry


def _drawn(fig: go.Figure, present: bool) -> tuple[str | None, go.Figure]:
    """`fig` as the page draws it, and its title (drawn above it as page text): a copy that keeps its title
    (hidden on the page, drawn in the PNG), with room for the toolbar and that title, large texts on the
    projector. The copy is read only, like `fig`."""
    key = (id(fig), present)
    with _DRAWN_LOCK:
        kept = _DRAWN.get(key)
    if kept is not None and kept[0]() is fig:
        return kept[1], kept[2]
    title = fig.layout.title.text if fig.layout.title else None
    if not present and (not title or fig.layout.margin.t == TITLE_ROOM):
        # nothing to change (analytics.charts.themed gave it that room): drawn as it is, not copied (a copy
        # validates every property again: a tenth of a second for a page's figures)
        return title, fig
    drawn = go.Figure(fig)  # a copy: cached figures (shared between sessions) stay as they are
    if title:
        drawn.update_layout(
            margin_t=TITLE_ROOM
        )  # room for the toolbar on the page, and for the title in the PNG
    if present:
        drawn = present_figure(drawn)
    with _DRAWN_LOCK:
        _DRAWN[key] = (weakref.ref(fig, lambda _ref, key=key: _forget(key)), title, drawn)
    return title, drawn


def _forget(key: tuple[int, bool]) -> None:
    with _DRAWN_LOCK:
        _DRAWN.pop(key, None)
