"""Hiệu quả: what the initiatives brought. Value benefited by unit, field and phase; its long-tailed
distribution; the largest initiatives; benefit per member; the authors' minimum remuneration (estimate)."""

import streamlit as st

from analytics import charts, metrics
from analytics.i18n import fmt_int, fmt_money, fmt_pct
from analytics.narrative import unit_label
from ui import data
from ui.context import current
from ui.labels import translated
from ui.records import records_table
from ui.tables import show_table, styled
from ui.widgets import card, chart, metric, page_header

ctx = current()
lang = ctx.lang
prog = data.progress()
page_header(ctx, ctx.t("benefit.title"), prog.as_of)
by = data.benefit_by()
hist, stats = data.benefit_distribution()
if not stats.get("n"):
    st.info(ctx.t("empty.filtered"), icon=":material/filter_alt_off:")
    st.stop()

applied_benefit = float(by["unit"]["applied_benefit_vnd"].sum())
remuneration = metrics.min_remuneration(applied_benefit)
cards = [
    ("benefit_vnd", prog.program["benefit_vnd"], None, None),
    ("benefit_per_member", prog.program["benefit_per_member"], None, None),
    (None, fmt_money(stats["median"], lang), ctx.t("benefit.median"), ctx.t("benefit.median.help")),
    (None, fmt_pct(stats["top10_share"], lang), ctx.t("benefit.top_share"), ctx.t("benefit.top_share.help")),
    ("min_remuneration", remuneration["per_year"], ctx.t("benefit.per_year"), None),
    ("min_remuneration", remuneration["three_years"], ctx.t("benefit.three_years"), None),
]
for column, (key, value, label, help_text) in zip([*st.columns(3), *st.columns(3)], cards, strict=True):
    with column:
        if key:
            metric(ctx, key, value, label=label)
        else:
            card(label, value, help_text)

sums = data.quality_benefit_sums()  # issue 18: the analysts' marks give two sums
for column, key in zip(st.columns(2), ("benefit_council", "benefit_self"), strict=True):
    with column:
        card(
            ctx.t(f"metric.quality_{key}"),
            fmt_money(sums[key[8:] + "_vnd"], lang),
            ctx.t(f"metric.quality_{key}.help"),
        )

units = by["unit"].merge(
    prog.unit_rows("all")[["unit", "short_name", "benefit_per_member", "tier"]],
    left_on="key",
    right_on="unit",
    how="left",
)
units["label"] = [
    unit_label(r) if isinstance(r["short_name"], str) else r["key"] for _, r in units.iterrows()
]
leader = units.iloc[0]
chart(
    charts.share_bars(
        units,
        "label",
        "benefit_vnd",
        lang,
        ctx.t("benefit.by_unit", leader=leader["label"], value=fmt_money(leader["benefit_vnd"], lang)),
        money=True,
    ),
    key="benefit_units",
    filename=ctx.t("benefit.file") + "-don-vi",
)

left, right = st.columns([3, 2], gap="large")
with left:
    fields = by["field"].assign(label=lambda f: [translated("field", x, lang) for x in f["key"]])
    chart(
        charts.share_bars(
            fields,
            "label",
            "benefit_vnd",
            lang,
            ctx.t("benefit.by_field", leader=fields.iloc[0]["label"] if len(fields) else "–"),
            money=True,
            room=1.5,
        ),
        key="benefit_fields",
        filename=ctx.t("benefit.file") + "-linh-vuc",
    )
with right:
    phases = by["phase"].assign(label=lambda f: [ctx.period_label(int(x)) for x in f["key"]])
    chart(
        charts.share_bars(
            # the longest bars carry their labels inside (analytics.charts.bar_labels_inside_long_bars): the
            # axis needs no room beyond them (it ran to 15.000 for 6.698)
            phases,
            "label",
            "benefit_vnd",
            lang,
            ctx.t("benefit.by_phase"),
            money=True,
            height=260,
            room=1.5,
        ),
        key="benefit_phases",
        filename=ctx.t("benefit.file") + "-giai-doan",
    )

chart(
    charts.benefit_histogram(
        hist, lang, ctx.t("benefit.distribution", share=fmt_pct(stats["top10_share"], lang)), ctx.terms
    ),
    key="benefit_hist",
    filename=ctx.t("benefit.file") + "-phan-bo",
)

per_member = units.dropna(subset=["benefit_per_member"]).sort_values("benefit_per_member", ascending=False)
if len(per_member):
    top = per_member.iloc[0]
    chart(
        charts.share_bars(
            per_member,
            "label",
            "benefit_per_member",
            lang,
            ctx.t(
                "benefit.per_member", leader=top["label"], value=fmt_money(top["benefit_per_member"], lang)
            ),
            money=True,
            share=False,  # a ratio per member: its "share" of the sum of ratios means nothing
            room=1.3,
        ),
        key="benefit_per_member",
        filename=ctx.t("benefit.file") + "-tren-doan-vien",
    )

st.subheader(ctx.t("benefit.top"))
records_table(
    ctx,
    data.top_initiatives(limit=20),
    # the amounts first after the code and the unit: after the wide title they were off the screen
    ["code", "unit", "benefit_vnd", "min_remuneration", "title", "field", "status", "registered_on"],
)

st.subheader(ctx.t("benefit.remuneration"))
st.caption(ctx.t("benefit.remuneration.note"))
table = (
    units[["label", "applied_benefit_vnd", "min_remuneration"]]
    .assign(three=lambda f: f["min_remuneration"] * metrics.REMUNERATION_YEARS)
    .sort_values("min_remuneration", ascending=False)
)
names = {
    "label": ctx.t("units.table.unit"),
    "applied_benefit_vnd": ctx.t("benefit.applied_benefit"),
    "min_remuneration": ctx.t("benefit.per_year"),
    "three": ctx.t("benefit.three_years"),
}
shown = table.rename(columns=names)
show_table(
    styled(
        shown,
        {names["applied_benefit_vnd"]: "money", names["min_remuneration"]: "money", names["three"]: "money"},
        lang,
    ),
    hide_index=True,
    width="stretch",
    height=min(38 + 35 * len(shown), 460),
    column_config={names["label"]: st.column_config.TextColumn(pinned=True)},
)
st.caption(ctx.t("records.count", n=fmt_int(int(stats["n"]), lang)))

authors = data.remuneration_by_author(limit=20)
if not authors.empty:
    st.markdown("**" + ctx.t("benefit.by_author") + "**")
    st.caption(ctx.t("benefit.by_author.note"))
    by_author = {
        "author": ctx.t("benefit.by_author.author"),
        "unit": ctx.t("units.table.unit"),
        "initiatives": ctx.t("benefit.by_author.initiatives"),
        "min_remuneration": ctx.t("benefit.per_year"),
        "basis": ctx.t("benefit.by_author.basis"),
    }
    shown = authors.assign(
        basis=[
            ctx.t("benefit.by_author.shares" if b else "benefit.by_author.equal") for b in authors["by_share"]
        ]
    )[list(by_author)].rename(columns=by_author)
    show_table(
        styled(shown, {by_author["initiatives"]: "count", by_author["min_remuneration"]: "money"}, lang),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 460),
    )
