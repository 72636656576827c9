"""The comparisons the Overview, Units and Trends pages show (analytics.metrics.compare_periods /
compare_programs): the period in view against the same point of the one before ("2026 so với cùng kỳ 2025"),
and the program against another at the same share of its own time ("where were we after 40% of it")."""

from __future__ import annotations

import streamlit as st

from analytics import charts, metrics
from analytics.i18n import fmt_date, fmt_int, fmt_pct
from analytics.narrative import unit_label
from ui import data
from ui.context import Context
from ui.tables import show_table, styled
from ui.widgets import card, chart


def _inner(ctx: Context, label: str) -> str:
    """A period's label inside a Vietnamese sentence ("cùng kỳ năm 2025"); English keeps its capital."""
    return label[:1].lower() + label[1:] if ctx.lang == "vi" else label


def _delta(ctx: Context, change: float, change_pct: float) -> tuple[str, str, str]:
    """The change as a card's badge: "+120 (8,3%)" green with an up arrow, "−40 (−2,1%)" red."""
    if not change:
        return ctx.t("report.compare.same"), "off", "off"
    pct = fmt_pct(change_pct, ctx.lang) if change_pct == change_pct else "–"
    sign = "+" if change > 0 else "−"
    text = ctx.t("compare.change_delta", sign=sign, n=fmt_int(abs(change), ctx.lang), pct=pct)
    return text, ("green" if change > 0 else "red"), ("up" if change > 0 else "down")


def period_block(ctx: Context, comparison: metrics.PeriodComparison | None) -> None:
    """The period against the same point of the one before: three cards (now, then, the change)."""
    if comparison is None:
        return
    totals, lang = comparison.totals, ctx.lang
    current = ctx.period_label(comparison.current.period)
    previous = _inner(ctx, ctx.period_label(comparison.previous.period))
    with st.container(border=True):
        st.markdown("**" + ctx.t("compare.period.title", current=current, previous=previous) + "**")
        left, right = st.columns(2)
        help_text = ctx.t("metric.change.help")
        text, tone, arrow = _delta(ctx, totals["change"], totals["change_pct"])
        with left:
            card(
                ctx.t("compare.period.now", current=current, day=fmt_date(comparison.day, lang)),
                fmt_int(totals["registered_now"], lang),
                help_text,
                text,
                tone,
                arrow,
            )
        with right:
            card(
                ctx.t(
                    "compare.period.before", previous=previous, day=fmt_date(comparison.previous_day, lang)
                ),
                fmt_int(totals["registered_before"], lang),
                ctx.t("metric.compare_period.help"),
            )


def program_block(ctx: Context, comparison: metrics.ProgramComparison | None) -> None:
    """The program against another after the same share of its own time: where each stood."""
    if comparison is None:
        return
    lang, other = ctx.lang, comparison.other
    share = fmt_pct(comparison.share * 100, lang)
    with st.container(border=True):
        st.markdown("**" + ctx.t("compare.program.title", other=other.title(lang)) + "**")
        left, right = st.columns(2)
        for column, key, figures, day, name in (
            (left, "compare.program.now", comparison.now, comparison.day, None),
            (right, "compare.program.then", comparison.then, comparison.other_day, other.title(lang)),
        ):
            with column:
                card(
                    ctx.t(key, share=share, day=fmt_date(day, lang), other=name or ""),
                    ctx.t(
                        "compare.program.value",
                        registered=fmt_int(figures["registered"], lang),
                        pct=fmt_pct(figures["pct"], lang),
                    ),
                    ctx.t("compare.program.help"),
                )


def comparison_section(ctx: Context, prog: metrics.Progress) -> None:
    """Both comparisons side by side (each only when there is something to compare with)."""
    periods = data.compare_periods()
    programs = data.compare_programs() if ctx.filters.phase is None else None
    if periods is None and programs is None:
        return
    st.subheader(ctx.t("compare.header"))
    if periods is not None and programs is not None:
        left, right = st.columns(2)
        with left:
            period_block(ctx, periods)
        with right:
            program_block(ctx, programs)
    else:
        period_block(ctx, periods)
        program_block(ctx, programs)


def units_table(ctx: Context, comparison: metrics.PeriodComparison) -> None:
    """Each unit in the period in view against the same point of the one before, largest rise first."""
    lang = ctx.lang
    current = ctx.period_label(comparison.current.period)
    previous = _inner(ctx, ctx.period_label(comparison.previous.period))
    st.caption(
        ctx.t(
            "compare.units.caption",
            current=current,
            day=fmt_date(comparison.day, lang),
            previous=previous,
            previous_day=fmt_date(comparison.previous_day, lang),
        )
    )
    rows = comparison.units
    columns = {
        "short": ctx.t("units.table.unit"),
        "registered_now": ctx.t("compare.units.now", current=current),
        "registered_before": ctx.t("compare.units.before", previous=previous),
        "change": ctx.t("metric.change"),
        "change_pct": ctx.t("metric.change_pct"),
    }
    table = rows.assign(
        short=[
            unit_label(r) if isinstance(r.get("short_name"), str) else r["unit"] for _, r in rows.iterrows()
        ]
    )
    shown = table[list(columns)].rename(columns=columns)
    show_table(
        styled(
            shown,
            {
                columns["registered_now"]: "count",
                columns["registered_before"]: "count",
                columns["change"]: "count",
                columns["change_pct"]: "percent",
            },
            lang,
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 720),
        column_config={
            columns["change"]: st.column_config.Column(help=ctx.t("metric.change.help")),
            columns["change_pct"]: st.column_config.Column(help=ctx.t("metric.change_pct.help")),
        },
    )


def trend_charts(ctx: Context) -> bool:
    """Trends: the period in view drawn over the one before on the same calendar, and the program's path
    by share of its time against the other program's. Returns whether it drew anything. Built from the
    curves alone (one pass over the records each), so the page stays quick."""
    lang = ctx.lang
    curves = data.period_curves()
    lines = data.program_curves() if ctx.filters.phase is None else None
    drawn = False
    if not curves.empty:
        order = list(dict.fromkeys(curves["period"]))
        current, previous = int(order[0]), int(order[-1])
        totals = curves.groupby("period")["cumulative"]
        now_end = curves[curves["period"] == current]["day"].max()
        before = curves[(curves["period"] == previous) & (curves["day"] <= now_end)]["cumulative"]
        if not drawn:
            st.subheader(ctx.t("compare.header"))
            drawn = True
        labels = {current: ctx.period_label(current), previous: ctx.period_label(previous)}
        title = ctx.t(
            "compare.chart.periods",
            current=labels[current],
            previous=_inner(ctx, labels[previous]),
            now=fmt_int(int(totals.max()[current]), lang),
            before=fmt_int(int(before.max()) if len(before) else 0, lang),
        )
        chart(
            charts.period_overlay(curves, labels, current, lang, title, ctx.terms),
            key="trends_compare_periods",
            filename="so-sanh-cung-ky",
        )
    if lines is not None and lines["program"].nunique() == 2:
        codes = list(dict.fromkeys(lines["program"]))
        names = {p.code: p.title(lang) for p in ctx.options.get("programs") or []}
        mine, theirs = lines[lines["program"] == codes[0]], lines[lines["program"] == codes[1]]
        share = float(mine["share"].max())
        then = theirs[theirs["share"] <= share]["pct"]
        if not drawn:
            st.subheader(ctx.t("compare.header"))
            drawn = True
        title = ctx.t(
            "compare.chart.programs",
            share=fmt_pct(share, lang),
            pct=fmt_pct(float(mine["pct"].iloc[-1]), lang),
            other_pct=fmt_pct(float(then.iloc[-1]) if len(then) else 0.0, lang),
            other=names.get(codes[1], codes[1]),
        )
        chart(
            charts.program_share_curves(lines, names, codes[0], share, lang, title),
            key="trends_compare_programs",
            filename="so-sanh-chuong-trinh",
        )
    return drawn
