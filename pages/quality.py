"""Chất lượng & tiến trình: what stands behind the count. The recognition funnel (registered -> recognised ->
applied, by level, days per stage, the backlog), units' freshness (silent units, recognition lag), the same
initiative twice (the review list and its marks), and benefits that cannot be true (the rules, the flagged
records, the council's confirmation). The records behind each number are one click away (Records page)."""

import pandas as pd
import streamlit as st

from analytics import quality
from analytics.i18n import fmt_date, fmt_int, fmt_money, fmt_num, fmt_pct, format_value
from ui import data
from ui.auth import can_write
from ui.context import current
from ui.labels import unit_names
from ui.quality_marks import ask, carry_out
from ui.tables import show_table, styled
from ui.widgets import card, page_header, plain

ctx = current()
lang = ctx.lang
prog = data.progress()
page_header(ctx, ctx.t("quality.title"), prog.as_of)
carry_out(ctx)  # the mark the last click asked for, on the pair it was drawn for (ui/quality_marks.py)
if ctx.sample:
    st.caption(ctx.t("quality.sample_note"))
if ctx.store.record_count() == 0:
    st.info(ctx.t("empty.store"), icon=":material/upload_file:")
    st.stop()

left, right, _ = st.columns([1, 1, 2])
backlog_days = int(
    left.number_input(
        ctx.t("quality.backlog_days"), 0, 3650, quality.BACKLOG_DAYS, step=10, key="quality_backlog_days"
    )
)
silent_days = int(
    right.number_input(
        ctx.t("quality.silent_days"), 0, 3650, quality.SILENT_DAYS, step=5, key="quality_silent_days"
    )
)


def q_card(key: str, value: object, kind: str, label: str | None = None) -> None:
    """A card for a metric.quality_* figure, its definition on hover."""
    text = value if isinstance(value, str) else format_value(value, kind, lang)
    card(label or ctx.t(f"metric.quality_{key}"), text, ctx.t(f"metric.quality_{key}.help"))


def link(**changes: object) -> str:
    return quality.records_link(ctx.filters, lang, **changes)


UNIT_NAMES = unit_names(ctx)
UNIT_COLUMNS = ("unit", "unit_a", "unit_b")
ASKED_FIRST = ("registered", "recognized", "backlog")  # the funnel's tables: asked first, shown first


def unit_name(code: object) -> object:
    """A unit as every screen names it (its short name: "Vietsovpetro", not "VSP")."""
    return UNIT_NAMES.get(code, code) if isinstance(code, str) else code


def table(
    frame: pd.DataFrame,
    names: dict[str, str],
    kinds: dict[str, str],
    links: tuple[str, ...] = (),
    pinned: str | None = None,
    phone: dict[str, str] | None = None,
    key: str = "",
) -> None:
    """A table with the catalogue's column names, units by their one name, numbers written the app's way,
    links to the records; the `pinned` column (what each row is: the unit, the period) stays in view while
    the others scroll sideways (a 1280 px screen).

    `phone` (a column -> its short name, in the order shown) is the table a 390 px phone shows instead,
    whole, without scrolling sideways; the stylesheet shows one of the two by the screen's width (`key`
    names the pair: the containers' classes st-key-sk-wide-<key>, st-key-sk-phone-<key>)."""
    if phone is None:
        grid(frame, names, kinds, links, pinned)
        return
    with st.container(key=f"sk-wide-{key}"):
        grid(frame, names, kinds, links, pinned)
    with st.container(key=f"sk-phone-{key}"):
        grid(frame, phone, kinds, helps={phone[c]: names[c] for c in phone if phone[c] != names[c]})


def grid(
    frame: pd.DataFrame,
    names: dict[str, str],
    kinds: dict[str, str],
    links: tuple[str, ...] = (),
    pinned: str | None = None,
    helps: dict[str, str] | None = None,
) -> None:
    """One table of `table`; `helps` gives a shortened column its full name on hover."""
    shown = frame[list(names)]
    shown = shown.assign(**{c: shown[c].map(unit_name) for c in UNIT_COLUMNS if c in shown})
    shown = shown.rename(columns=names)
    config = {names[c]: st.column_config.LinkColumn(display_text=ctx.t("quality.link")) for c in links}
    if pinned is not None:
        config[names[pinned]] = st.column_config.Column(pinned=True)
    for column, text in (helps or {}).items():
        config[column] = st.column_config.Column(help=text)
    show_table(
        styled(shown, {names[c]: k for c, k in kinds.items() if c in names}, lang),
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(shown), 420),
        column_config=config,
    )


tabs = st.tabs(
    [
        ctx.t("quality.tab.funnel"),
        ctx.t("quality.tab.freshness"),
        ctx.t("quality.tab.duplicates"),
        ctx.t("quality.tab.benefit"),
    ]
)

# --- the funnel ---------------------------------------------------------------------------------------------
with tabs[0]:
    fun = data.quality_funnel(backlog_days=backlog_days)
    o = fun.overall
    st.subheader(ctx.t("quality.funnel.heading"))
    row = st.columns(3)
    with row[0]:
        q_card("registered", int(o.get("registered") or 0), "count")
    with row[1]:
        q_card(
            "recognized",
            f"{fmt_int(o.get('recognized') or 0, lang)} · {fmt_pct(o.get('recognized_rate'), lang)}",
            "text",
        )
    with row[2]:
        q_card(
            "applied",
            f"{fmt_int(o.get('applied') or 0, lang)} · {fmt_pct(o.get('applied_rate'), lang)}",
            "text",
        )
    row = st.columns(3)
    with row[0]:
        q_card(
            "backlog", int(o.get("backlog") or 0), "count", ctx.t("metric.quality_backlog", days=backlog_days)
        )
    with row[1]:
        q_card("days_to_recognition", o.get("days_to_recognition"), "decimal")
    with row[2]:
        q_card("days_to_application", o.get("days_to_application"), "decimal")
    backlog_to = fun.cutoff - pd.Timedelta(days=1) if fun.cutoff else None
    st.markdown(
        ctx.t(
            "quality.links",
            registered=link(),
            recognized=link(status=["recognized", "applied"]),
            applied=link(status="applied"),
            backlog=link(status="registered", to=backlog_to),
        )
    )
    st.markdown("**" + ctx.t("quality.funnel.levels") + "**")
    row = st.columns(3)
    for column, level in zip(row, ("unit", "sector", "national"), strict=True):
        with column:
            q_card(f"level_{level}", int(o.get(f"level_{level}") or 0), "count")
    st.caption(ctx.t("quality.levels_note"))

    common = {
        "registered": ctx.t("metric.quality_registered"),
        "recognized": ctx.t("metric.quality_recognized"),
        "recognized_rate": ctx.t("metric.quality_recognized_rate"),
        "applied": ctx.t("metric.quality_applied"),
        "applied_rate": ctx.t("metric.quality_applied_rate"),
        "level_sector": ctx.t("metric.quality_level_sector"),
        "level_national": ctx.t("metric.quality_level_national"),
        "days_to_recognition": ctx.t("metric.quality_days_to_recognition"),
        "days_to_application": ctx.t("metric.quality_days_to_application"),
        "backlog": ctx.t("metric.quality_backlog", days=backlog_days),
        "oldest_waiting": ctx.t("quality.col.oldest"),
    }
    kinds = {k: quality.QUALITY_KINDS.get(k, "count") for k in common} | {"oldest_waiting": "date"}
    # Each row's name, then what a chair asks first (registered, recognised, the backlog), then the rest.
    asked_first = {k: common[k] for k in ASKED_FIRST}
    # ... and on a phone those three alone, by their short names: the four columns fit 390 px
    short = {k: ctx.t(f"quality.col.{k}_short") for k in ASKED_FIRST}
    if len(fun.by_period) > 1:
        st.markdown("**" + ctx.t("quality.funnel.by_period") + "**")
        periods = fun.by_period.assign(
            label=[ctx.period_label(int(p)) for p in fun.by_period["phase"]],
            records=[link(phase=int(p)) for p in fun.by_period["phase"]],
        )
        table(
            periods,
            {
                "label": ctx.t("quality.col.period"),
                **asked_first,
                **common,
                "records": ctx.t("quality.col.link"),
            },
            kinds,
            ("records",),
            pinned="label",
            phone={"label": ctx.t("quality.col.period"), **short},
            key="funnel-periods",
        )
    st.markdown("**" + ctx.t("quality.funnel.by_unit") + "**")
    units = fun.by_unit.assign(
        records=[link(unit=u, status="registered", to=backlog_to) for u in fun.by_unit["unit"]]
    )
    table(
        units,
        {"unit": ctx.t("quality.col.unit"), **asked_first, **common, "records": ctx.t("quality.col.link")},
        kinds,
        ("records",),
        pinned="unit",
        phone={"unit": ctx.t("quality.col.unit"), **short},
        key="funnel-units",
    )

# --- freshness ----------------------------------------------------------------------------------------------
with tabs[1]:
    fresh = data.quality_freshness(silent_days=silent_days)
    day = fmt_date(fresh.as_of, lang)
    if fresh.silent:
        st.subheader(
            ctx.t("quality.fresh.heading", n=fmt_int(len(fresh.silent), lang), days=silent_days, day=day)
        )
    else:
        st.subheader(ctx.t("quality.fresh.none", days=silent_days, day=day))
    shown = fresh.units.assign(
        silent=[ctx.t("quality.yes") if s else "" for s in fresh.units["silent"]],
        records=[link(unit=u) for u in fresh.units["unit"]],
        last_import=[
            fmt_date(v, lang) if pd.notna(v) else ctx.t("quality.never") for v in fresh.units["last_import"]
        ],
    )
    table(
        shown,
        {
            "unit": ctx.t("quality.col.unit"),
            "newest": ctx.t("quality.col.newest"),
            "silent_days": ctx.t("metric.quality_silent_days"),
            "silent": ctx.t("quality.col.silent"),
            "last_import": ctx.t("quality.col.last_import"),
            "registered": ctx.t("quality.col.records"),
            "recognition_lag": ctx.t("metric.quality_recognition_lag"),
            "records": ctx.t("quality.col.link"),
        },
        {"newest": "date", "silent_days": "count", "registered": "count", "recognition_lag": "decimal"},
        ("records",),
    )
    st.caption(ctx.t("metric.quality_silent.help") + " " + ctx.t("metric.quality_recognition_lag.help"))

# --- duplicates ---------------------------------------------------------------------------------------------
with tabs[2]:
    minimum = st.select_slider(
        ctx.t("quality.dup.min"),
        [round(0.5 + 0.05 * i, 2) for i in range(11)],
        quality.MIN_SIMILARITY,
        format_func=lambda v: fmt_num(v, lang, 2),
        key="quality_min_similarity",
        help=ctx.t("metric.quality_similarity.help"),
    )  # fmt: skip  (0,80: the language's decimal comma, which a plain slider cannot write)
    dup = data.quality_duplicates(min_similarity=float(minimum))
    st.subheader(
        ctx.t(
            "quality.dup.heading",
            n=fmt_int(dup.pending_total, lang),
            scanned=fmt_int(dup.scanned, lang),
        )
    )
    st.caption(ctx.t("quality.dup.marks_kept"))

    def reasons(items: list[str]) -> str:
        return ", ".join(ctx.t(f"quality.reason.{r}") for r in items)

    pair_names = {
        "similarity": ctx.t("metric.quality_similarity"),
        "code_a": ctx.t("quality.col.code_a"),
        "unit_a": ctx.t("quality.col.unit_a"),
        "title_a": ctx.t("quality.col.title_a"),
        "code_b": ctx.t("quality.col.code_b"),
        "unit_b": ctx.t("quality.col.unit_b"),
        "title_b": ctx.t("quality.col.title_b"),
        "reason_text": ctx.t("quality.col.reasons"),
    }
    if dup.pending.empty:
        st.info(ctx.t("quality.dup.none"), icon=":material/check_circle:")
    else:
        pending = dup.pending.assign(reason_text=[reasons(r) for r in dup.pending["reasons"]])
        table(pending, pair_names, {"similarity": "decimal"})
    writer = can_write()
    if not writer:
        st.caption(ctx.t("quality.dup.viewer"))
    elif not dup.pending.empty:
        options = list(zip(dup.pending["code_a"], dup.pending["code_b"], strict=True))
        chosen = st.selectbox(
            ctx.t("quality.dup.pick"), options, format_func=lambda p: f"{p[0]} – {p[1]}", key="quality_pair"
        )
        buttons = st.columns(3)
        for column, mark in zip(buttons, quality.MARKS, strict=True):
            column.button(
                ctx.t(f"quality.dup.mark.{mark}"),
                key=f"quality_mark_{mark}",
                width="stretch",
                on_click=ask,
                args=("mark", chosen[0], chosen[1], mark),  # the pair shown now, whatever the list is then
            )

    counts = data.quality_counted_once()
    for heading, frame, per_unit, column in (
        ("quality.dup.same_heading", dup.same, dup.not_counted, "not_counted"),
        ("quality.dup.spread_heading", dup.spread, dup.spread_by_unit, "spread"),
    ):
        if frame.empty:
            continue
        st.markdown("**" + ctx.t(heading) + "**")
        units_text = ", ".join(
            f"{plain(unit_name(u))} −{fmt_int(n, lang)}"
            if column == "not_counted"
            else f"{plain(unit_name(u))} {fmt_int(n, lang)}"
            for u, n in zip(per_unit["unit"], per_unit[column], strict=True)
        )
        if column == "not_counted":
            st.caption(
                ctx.t(
                    "quality.dup.count_change",
                    registered=fmt_int(counts["registered"], lang),
                    counted=fmt_int(counts["counted_once"], lang),
                    n=fmt_int(counts["not_counted"], lang),
                    units=units_text or "–",
                )
            )
        else:
            st.caption(ctx.t("quality.dup.spread_note", n=fmt_int(len(frame), lang), units=units_text or "–"))
        marked_names = {
            "code_a": pair_names["code_a"],
            "unit_a": pair_names["unit_a"],
            "code_b": pair_names["code_b"],
            "unit_b": pair_names["unit_b"],
            "title_b": pair_names["title_b"],
            "marked_by": ctx.t("quality.col.marked_by"),
            "marked_at": ctx.t("quality.col.marked_at"),
        }
        shown = frame.assign(marked_at=[format_value(v, "date", lang) for v in frame["marked_at"]])
        table(shown, marked_names, {})
        if writer:
            options = list(zip(frame["code_a"], frame["code_b"], strict=True))
            undo_left, undo_right = st.columns([3, 1], vertical_alignment="bottom")
            chosen = undo_left.selectbox(
                ctx.t("quality.dup.pick"),
                options,
                format_func=lambda p: f"{p[0]} – {p[1]}",
                key=f"quality_undo_pick_{column}",
            )
            undo_right.button(
                ctx.t("quality.dup.undo"),
                key=f"quality_undo_{column}",
                width="stretch",
                on_click=ask,
                args=("undo", chosen[0], chosen[1], "same" if column == "not_counted" else "spread"),
            )

# --- implausible benefits -----------------------------------------------------------------------------------
with tabs[3]:
    plaus = data.quality_plausibility()
    outliers = plaus.flagged[plaus.flagged[["over_unit_p99", "over_field_p99", "over_prev_year"]].any(axis=1)]
    st.subheader(ctx.t("quality.benefit.heading", n=fmt_int(len(outliers), lang)))
    sums = data.quality_benefit_sums()
    row = st.columns(2)
    with row[0]:
        q_card("benefit_council", fmt_money(sums["council_vnd"], lang), "text")
    with row[1]:
        q_card("benefit_self", fmt_money(sums["self_vnd"], lang), "text")
    st.markdown("**" + ctx.t("quality.benefit.rules") + "**")
    rules = [*quality.BENEFIT_RULES, "top_share"]
    for column, rule in zip(st.columns(len(rules)), rules, strict=True):
        with column:
            card(
                ctx.t(f"quality.rule.{rule}"),
                fmt_int(plaus.counts[rule], lang),
                ctx.t(f"quality.rule.{rule}.help"),
            )
    shown = pd.concat([outliers, plaus.flagged.drop(outliers.index)]).head(500)
    shown = shown.assign(
        reason_text=[", ".join(ctx.t(f"quality.rule.{r}") for r in rs) for rs in shown["reasons"]],
        basis_text=[
            ctx.t(f"quality.basis.{b}") if isinstance(b, str) else ctx.t("quality.basis.none")
            for b in shown["basis"]
        ],
        records=[
            link(unit=u, **{"from": d, "to": d})
            for u, d in zip(shown["unit"], shown["registered_on"], strict=True)
        ],
    )
    table(
        shown,
        {
            "code": ctx.t("quality.col.code"),
            "title": ctx.t("quality.col.title"),
            "unit": ctx.t("quality.col.unit"),
            "benefit_vnd": ctx.t("metric.benefit_vnd"),
            "reason_text": ctx.t("quality.col.reasons"),
            "basis_text": ctx.t("quality.col.basis"),
            "records": ctx.t("quality.col.link"),
        },
        {"benefit_vnd": "money"},
        ("records",),
    )
    if can_write() and len(shown):
        pick_col, basis_col, save_col = st.columns([2, 2, 1], vertical_alignment="bottom")
        code = pick_col.selectbox(
            ctx.t("quality.benefit.mark_pick"), list(shown["code"]), key="quality_benefit_code"
        )
        basis = basis_col.selectbox(
            ctx.t("quality.benefit.mark"),
            quality.BASES,
            format_func=lambda b: ctx.t(f"quality.basis.{b}"),
            key="quality_basis",
        )
        save_col.button(
            ctx.t("quality.benefit.save"),
            key="quality_basis_save",
            width="stretch",
            on_click=ask,
            args=("basis", code, basis),  # the record shown now
        )
    st.markdown("**" + ctx.t("quality.benefit.top_heading") + "**")
    top = plaus.top_share.assign(flag=[ctx.t("quality.yes") if f else "" for f in plaus.top_share["flagged"]])
    table(
        top,
        {
            "unit": ctx.t("quality.col.unit"),
            "with_benefit": ctx.t("quality.col.with_benefit"),
            "benefit_vnd": ctx.t("metric.benefit_vnd"),
            "top1_share": ctx.t("metric.quality_top1_share"),
            "flag": ctx.t("quality.rule.top_share"),
        },
        {"with_benefit": "count", "benefit_vnd": "money", "top1_share": "percent"},
    )
