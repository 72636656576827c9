"""Xu hướng: are we on pace to reach the target by the deadline? Cumulative registrations against the
target path with the campaign and milestones, the projection and the rate still needed, each unit's pace
with its reason, the period against the one before on the same calendar and the program against another by
share of its time, and the rhythm of registrations by week, month, unit and field."""

import streamlit as st

from analytics import charts, metrics, narrative
from analytics.i18n import fmt_date, fmt_int, fmt_num, fmt_pct
from analytics.narrative import unit_label
from ui import compare, data
from ui.context import current
from ui.labels import translated
from ui.tables import show_table, styled
from ui.tiers import PACE_WORD_WIDTH, pace_word_colours
from ui.widgets import badge, chart, metric, page_header

ctx = current()
lang = ctx.lang
prog = data.progress()
page_header(ctx, ctx.t("trends.title"), prog.as_of)
daily = data.daily_registrations()
if daily.empty:
    st.info(ctx.t("empty.filtered"), icon=":material/filter_alt_off:")
    st.stop()

overall, unit_pace = metrics.pace_from(prog, data.recent_registrations(as_of=prog.as_of))
phases = prog.phases.assign(label=[ctx.period_label(int(n)) for n in prog.phases["phase"]])
milestones = data.milestones() if not prog.units_filtered and ctx.filters.phase is None else None
campaigns = data.campaigns()

# --- where the running phase stands ---------------------------------------------------------------------
if overall is not None:
    phase_name = ctx.period_label(overall.phase)
    st.subheader(ctx.t("trends.pace.header", phase=phase_name, end=fmt_date(overall.end_on, lang)))
    badge(
        ctx.t("trends.pace.state") + ": " + ctx.t(f"pace.{overall.state}"),
        charts.PACE_TONES[overall.state],
        help_text=ctx.t("metric.projected.help"),
    )
    cols = st.columns(4)
    with cols[0]:
        metric(
            ctx,
            "registered",
            fmt_int(overall.registered, lang),
            delta=ctx.t("trends.of_target", target=fmt_int(overall.target, lang)),
            delta_arrow="off",
            delta_color="off",
        )
    with cols[1]:
        metric(ctx, "weekly_recent", overall.weekly_recent)
    with cols[2]:
        if overall.state == "done":  # met: nothing more is needed ("0,0 a week" read as a task)
            metric(ctx, "weekly_needed", ctx.t("trends.needed_met"))
        else:
            metric(ctx, "weekly_needed", overall.weekly_needed if overall.weeks_left else None)
    with cols[3]:
        metric(ctx, "projected_pct", overall.projected_pct)
    if overall.weeks_left <= 0:
        st.caption(ctx.t("trends.pace.ended_note", phase=phase_name, end=fmt_date(overall.end_on, lang)))

# --- cumulative against the target path -------------------------------------------------------------------
as_of = prog.as_of
registered = int(daily["registered"].sum())
gap = registered - metrics.target_path_on(phases, as_of)
title = ctx.t(
    "trends.chart.ahead" if gap >= 0 else "trends.chart.behind",
    registered=fmt_int(registered, lang),
    ahead=fmt_int(gap, lang),
    behind=fmt_int(-gap, lang),
    date=fmt_date(as_of, lang),
)
figure = charts.cumulative_vs_target(
    daily,
    phases,
    milestones,
    campaigns,
    metrics.projection_line(prog, overall, daily),
    lang,
    title,
    ctx.terms,
)
chart(figure, key="trends_cumulative", filename="tich-luy-so-voi-chi-tieu")
for _, campaign in metrics.campaign_registrations(daily, campaigns, as_of).iterrows():
    if campaign["registered"]:
        st.caption(
            narrative.campaign_sentence(campaign, lang, prog), help=ctx.t("metric.campaign_registered.help")
        )

# --- each unit's pace ----------------------------------------------------------------------------------------
if overall is not None and not unit_pace.empty:
    st.subheader(
        ctx.t(
            "trends.pace.units",
            phase=ctx.period_label(overall.phase).lower()
            if lang == "vi"
            else ctx.period_label(overall.phase),
        )
    )

    def reason(row) -> str:
        if row["state"] == "done":
            return ctx.t("trends.reason.done", pct=fmt_pct(row["pct"], lang))
        if row["state"] == "ended":
            return ctx.t(
                "trends.reason.ended", phase=ctx.period_label(overall.phase), pct=fmt_pct(row["pct"], lang)
            )
        if not row["target"] or row["target"] != row["target"]:
            return ctx.t("trends.reason.no_target")
        return ctx.t(
            "trends.reason.pace",
            projected=fmt_pct(row["projected_pct"], lang),
            needed=fmt_num(row["weekly_needed"], lang),
            recent=fmt_num(row["weekly_recent"], lang),
        )

    order = {state: i for i, state in enumerate(("behind", "at_risk", "ended", "on_track", "done"))}
    table = unit_pace.assign(
        order=[order[s] for s in unit_pace["state"]],
        short=[unit_label(r) for _, r in unit_pace.iterrows()],
        state_label=[ctx.t(f"pace.{s}") for s in unit_pace["state"]],
        why=[reason(r) for _, r in unit_pace.iterrows()],
    ).sort_values(["order", "projected_pct"])
    columns = {
        "short": ctx.t("units.table.unit"),
        "state_label": ctx.t("trends.pace.state"),
        "registered": ctx.t("metric.registered"),
        "target": ctx.t("metric.target"),
        "projected_pct": ctx.t("metric.projected_pct"),
        "why": ctx.t("trends.pace.reason"),
    }
    shown = table[list(columns)].rename(columns=columns)
    show_table(
        styled(
            shown,
            {columns["registered"]: "count", columns["target"]: "count", columns["projected_pct"]: "percent"},
            lang,
            colors={columns["state_label"]: pace_word_colours(ctx)},
        ),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 600),
        column_config={
            columns["short"]: st.column_config.TextColumn(pinned=True),
            columns["state_label"]: st.column_config.TextColumn(width=PACE_WORD_WIDTH),
            columns["why"]: st.column_config.TextColumn(width="large"),
            **{
                columns[k]: st.column_config.Column(help=ctx.t(f"metric.{k}.help"))
                for k in ("registered", "target", "projected_pct")
            },
        },
    )

# --- against the period before and the other program -----------------------------------------------------
compare.trend_charts(ctx)

# --- rhythm -----------------------------------------------------------------------------------------------------
st.subheader(ctx.t("trends.period"))
period = st.segmented_control(
    ctx.t("trends.period"),
    ["W", "M"],
    default="W",
    required=True,
    key="trends_period",
    format_func=lambda p: ctx.t("trends.weekly" if p == "W" else "trends.monthly"),
    label_visibility="collapsed",
)
per = metrics.per_period(daily, period)
peak = per.loc[per["registered"].idxmax()]
peak_date = fmt_date(peak["period"].date(), lang) if period == "W" else charts.fmt_month(peak["period"], lang)
chart(
    charts.period_bars(
        per,
        campaigns,
        lang,
        ctx.t(
            f"trends.period.title_{period.lower()}", value=fmt_int(peak["registered"], lang), date=peak_date
        ),
        weekly=period == "W",
        terms=ctx.terms,
    ),
    key="trends_periods",
    filename="nhip-dang-ky",
)

unit_months, fields = data.month_counts()
labels = {u["unit"]: unit_label(u) for u in prog.unit_rows("all").to_dict("records")}
chart(
    charts.unit_month_heatmap(unit_months, labels, lang, ctx.t("trends.heatmap.title"), ctx.terms),
    key="trends_heatmap",
    filename="don-vi-theo-thang",
)

if not fields.empty:
    totals = fields.groupby("field")["registered"].sum().sort_values(ascending=False)

    def field_name(value: str) -> str:
        return translated("field", value, lang) if value else ctx.t("field.none")

    chart(
        charts.field_mix(
            fields,
            field_name,
            lang,
            ctx.t(
                "trends.fields.title",
                field=field_name(totals.index[0]),
                pct=fmt_pct(totals.iloc[0] * 100 / totals.sum(), lang),
            ),
        ),
        key="trends_fields",
        filename="co-cau-linh-vuc",
    )

by_month, _, overall_days = data.recognition_time()
if not by_month.empty:
    median = fmt_num(overall_days["median_days"], lang, 0)
    chart(
        charts.recognition_chart(by_month, lang, ctx.t("trends.recognition.title", median=median)),
        key="trends_recognition",
        filename="thoi-gian-cong-nhan",
    )
    st.caption(ctx.t("metric.recognition_days.help") + " " + ctx.t("trends.recognition.censored"))
