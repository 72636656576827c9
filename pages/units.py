"""Đơn vị: who is ahead and who is behind. The leaders of the three categories the union ranks by (% of
target, number registered, value benefited), the ranking (chart and table) by a chosen metric, coloured by
tier with the target marked, the three rankings side by side, each unit against the same point of the
period before; a click opens the unit's detail; the hierarchy of groups and units."""

import streamlit as st

from analytics import charts, metrics
from analytics.export import to_csv_bytes
from analytics.filters import unit_from_table_selection, units_from_points
from analytics.i18n import fmt_int
from analytics.narrative import unit_label
from ui import compare, data
from ui.context import current
from ui.tables import show_table, styled
from ui.tiers import tier_word_colours
from ui.unit_detail import show_unit_detail
from ui.view_state import page_param, set_page_param
from ui.widgets import card, chart, page_header

ctx = current()
prog = data.progress()
page_header(ctx, ctx.t("units.title"), prog.as_of)
if prog.units.empty:
    st.info(ctx.t("empty.filtered"), icon=":material/filter_alt_off:")
    st.stop()

scope = str(ctx.filters.phase) if ctx.filters.phase else "all"
scope_text = ctx.t("units.scope_all") if scope == "all" else ctx.t("units.scope_phase", n=scope)
ranked = metrics.rankings(prog, scope)
rows = prog.unit_rows(scope)
codes = rows["unit"].tolist()


def open_from_chart() -> None:
    picked = units_from_points(st.session_state["units_ranking"].selection.points)
    if picked:
        set_page_param("detail", picked[0])


def open_from_table() -> None:
    picked = unit_from_table_selection(st.session_state["units_table"].selection.rows, codes)
    if picked:
        set_page_param("detail", picked)


def open_from_picker() -> None:
    set_page_param("detail", st.session_state.get("units_pick"))


counts = rows["tier"].value_counts()
for column, (tier, _, label) in zip(st.columns(4), charts.tier_legend_items(ctx.lang), strict=True):
    with column:
        card(label, fmt_int(int(counts.get(tier, 0)), ctx.lang), ctx.t("metric.tier.help"))

for column, category in zip(st.columns(3), metrics.RANKING_CATEGORIES, strict=True):
    first = ranked.sort_values(f"rank_{'benefit' if category == 'benefit_vnd' else category}").iloc[0]
    with column:
        card(
            ctx.t(f"ranking.leader.{category}"),
            f"{unit_label(first)} · {charts._metric_text(category, first[category], ctx.lang)}",
            ctx.t(f"metric.rank_{'benefit' if category == 'benefit_vnd' else category}.help"),
        )

metric_key = st.segmented_control(
    ctx.t("units.metric"),
    charts.RANKING_METRICS,
    default="pct",
    required=True,
    key="units_metric",
    format_func=lambda m: ctx.t(f"metric.{m}"),
    help=ctx.t("metric.tier.help"),
)
leader = rows.sort_values(metric_key, ascending=False, na_position="last").iloc[0]
title = ctx.t(
    f"units.title.{metric_key}",
    met=fmt_int(
        prog.program["units_met"] if scope == "all" else int((rows["tier"] == "met").sum()), ctx.lang
    ),
    total=fmt_int(len(rows), ctx.lang),
    scope=scope_text,
    leader=unit_label(leader),
    value=charts._metric_text(metric_key, leader[metric_key], ctx.lang),
)

periods = data.compare_periods()
tab_names = [ctx.t("units.tab.chart"), ctx.t("units.tab.table"), ctx.t("ranking.tab")]
tab_names += [ctx.t("ranking.compare_tab")] if periods is not None else []
chart_tab, table_tab, ranking_tab, *compare_tab = st.tabs([*tab_names, ctx.t("units.tab.tree")])
tree_tab = compare_tab.pop()
with chart_tab:
    st.caption(ctx.t("units.click_hint") + " " + ctx.t(f"metric.{metric_key}.help"))
    chart(
        charts.unit_ranking(rows, metric_key, ctx.lang, title),
        key="units_ranking",
        filename=ctx.t("units.file"),
        on_select=open_from_chart,
        selection_mode=("points",),
    )

with table_tab:
    ranks = (
        metrics.rank_change(ctx.store, ctx.filters, prog) if ctx.filters.phase is None else data.rank_change()
    )
    table = rows.merge(ranks[["unit", "rank_change"]], on="unit", how="left")
    table["short"] = [unit_label(r) for _, r in table.iterrows()]
    table["tier_label"] = [ctx.t(f"tier.{x}") for x in table["tier"]]
    table["move"] = [
        "–"
        if v != v
        else ctx.t("units.rank_up", n=int(v))
        if v > 0
        else ctx.t("units.rank_down", n=int(-v))
        if v < 0
        else ctx.t("units.rank_same")
        for v in table["rank_change"]
    ]
    columns = {
        # the unit and its figures first (a phone shows the first columns), its full name last
        "rank": ctx.t("metric.rank"),
        "short": ctx.t("units.table.unit"),
        "pct": ctx.t("metric.pct"),
        "registered": ctx.t("metric.registered"),
        "target": ctx.t("metric.target"),
        "gap": ctx.t("metric.gap"),
        "tier_label": ctx.t("metric.tier"),
        "move": ctx.t("metric.rank_change"),
        "benefit_vnd": ctx.t("metric.benefit_vnd"),
        "per_100_members": ctx.t("metric.per_100_members"),
        "authors_per_100": ctx.t("metric.authors_per_100"),
        "name": ctx.t("units.table.name"),
    }
    shown = table[list(columns)].rename(columns=columns)
    st.caption(ctx.t("units.click_hint"))
    show_table(
        styled(
            shown,
            {
                columns["target"]: "count",
                columns["registered"]: "count",
                columns["pct"]: "percent",
                columns["gap"]: "count",
                columns["benefit_vnd"]: "money",
                columns["per_100_members"]: "decimal",
                columns["authors_per_100"]: "decimal",
            },
            ctx.lang,
            colors={columns["tier_label"]: tier_word_colours(ctx)},
        ),
        key="units_table",
        on_select=open_from_table,
        selection_mode="single-row",
        width="stretch",
        hide_index=True,
        height=38 + 35 * len(shown),
        column_config={
            columns[k]: st.column_config.Column(help=ctx.t(f"metric.{k}.help"))
            for k in (
                "rank",
                "target",
                "registered",
                "pct",
                "gap",
                "rank_change",
                "benefit_vnd",
                "per_100_members",
                "authors_per_100",
            )
            if k in columns
        }
        | {
            columns["short"]: st.column_config.TextColumn(pinned=True),
            columns["tier_label"]: st.column_config.Column(help=ctx.t("metric.tier.help")),
            columns["move"]: st.column_config.Column(help=ctx.t("metric.rank_change.help")),
        },
    )
    st.download_button(
        ctx.t("units.table.download"),
        to_csv_bytes(shown),
        file_name=f"{ctx.t('units.file')}.csv",
        mime="text/csv",
        icon=":material/download:",
    )

with ranking_tab:
    st.caption(ctx.t("ranking.caption", scope=scope_text))
    side = {
        "short": ctx.t("units.table.unit"),
        "rank_pct": ctx.t("metric.rank_pct"),
        "pct": ctx.t("metric.pct"),
        "rank_registered": ctx.t("metric.rank_registered"),
        "registered": ctx.t("metric.registered"),
        "rank_benefit": ctx.t("metric.rank_benefit"),
        "benefit_vnd": ctx.t("metric.benefit_vnd"),
    }
    three = ranked.assign(short=[unit_label(r) for _, r in ranked.iterrows()])[list(side)].rename(
        columns=side
    )
    show_table(
        styled(
            three,
            {side["rank_pct"]: "count", side["pct"]: "percent", side["rank_registered"]: "count",
             side["registered"]: "count", side["rank_benefit"]: "count", side["benefit_vnd"]: "money"},
            ctx.lang,
        ),
        hide_index=True,
        width="stretch",
        height=38 + 35 * len(three),
        column_config={side[k]: st.column_config.Column(help=ctx.t(f"metric.{k}.help")) for k in side if k != "short"}
        | {side["short"]: st.column_config.TextColumn(pinned=True)},
        key="units_three_rankings",
    )  # fmt: skip

if compare_tab:
    with compare_tab[0]:
        compare.units_table(ctx, periods)

with tree_tab:
    chart(
        charts.unit_hierarchy(rows, ctx.lang, ctx.t("units.tree.title"), ctx.t("units.tree.root")),
        key="units_tree",
        filename=ctx.t("units.file") + "-khoi",
    )

names = dict(zip(rows["unit"], rows["name"], strict=True))  # one look-up table, not one index per option
st.selectbox(
    ctx.t("units.pick"),
    codes,
    index=None,
    key="units_pick",
    on_change=open_from_picker,
    placeholder=ctx.t("units.pick.placeholder"),
    format_func=lambda c: f"{c} – {names[c]}",
)

detail = page_param("detail")
if detail in codes:
    show_unit_detail(ctx, rows[rows["unit"] == detail].iloc[0].to_dict())
