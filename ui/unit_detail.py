"""One unit's detail, opened from the ranking (bar click, table row or picker) as a drawer on the right."""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics.filters import filters_for_selection
from analytics.i18n import fmt_int, t
from analytics.narrative import unit_named
from ui import data
from ui.context import Context
from ui.labels import translated
from ui.records import records_table
from ui.view_state import set_filters, set_page_param
from ui.widgets import chart, metric, plain

RECENT_RECORDS = 200


def close_detail() -> None:
    set_page_param("detail", None)


def show_unit_detail(ctx: Context, unit: dict) -> None:
    """Open the drawer for `unit` (a row of Progress.units). Closing it clears `detail` from the URL."""
    title = t("detail.title", ctx.lang, unit=plain(unit_named(unit)))  # a dialog's title is Markdown

    @st.dialog(title, width=1000, position="right", on_dismiss=close_detail)
    def drawer() -> None:
        _detail_body(ctx, unit)

    drawer()


def _detail_body(ctx: Context, unit: dict) -> None:
    lang, code = ctx.lang, unit["unit"]
    scoped = ctx.filters.with_(units=(code,), groups=())
    st.caption(
        ctx.t(
            "detail.facts",
            name=plain(unit["name"] or ""),  # names from the data, in Markdown
            group=plain(unit.get("group_name") or "–"),
            members=fmt_int(unit.get("members"), lang),
        )
    )
    cols = st.columns(4)
    with cols[0]:
        metric(ctx, "registered", unit["registered"])
    with cols[1]:
        metric(ctx, "target", unit["target"])
    with cols[2]:
        metric(ctx, "pct", unit["pct"])
    with cols[3]:
        metric(ctx, "benefit_vnd", unit["benefit_vnd"])

    prog = data.progress(scoped)
    daily = data.daily_registrations(scoped)
    chart(
        charts.unit_cumulative(
            daily,
            prog.phases.assign(label=[ctx.period_label(int(n)) for n in prog.phases["phase"]]),
            lang,
            ctx.t("detail.curve", unit=code),
            ctx.terms,
        ),
        key=f"detail_curve_{code}",
        filename=f"tich-luy-{code}",
    )

    mix = data.composition(scoped)
    left, right = st.columns(2)
    with left:
        fields = mix["field"].assign(label=lambda f: [_field(ctx, x) for x in f["key"]])
        chart(
            charts.share_bars(fields, "label", "registered", lang, ctx.t("detail.fields")),
            key=f"detail_fields_{code}",
            filename=f"linh-vuc-{code}",
        )
    with right:
        statuses = mix["status"].assign(label=lambda f: [t(f"status.{x}", lang) for x in f["key"]])
        colors = [
            charts.STATUS_COLORS.get(x, charts.PRIMARY) for x in statuses.sort_values("registered")["key"]
        ]
        chart(
            charts.share_bars(statuses, "label", "registered", lang, ctx.t("detail.statuses"), colors=colors),
            key=f"detail_status_{code}",
            filename=f"trang-thai-{code}",
        )

    st.subheader(ctx.t("detail.top"))
    top = data.top_initiatives(scoped, limit=10)
    if top.empty:
        st.caption(ctx.t("detail.no_records"))
    else:
        records_table(ctx, top, ["code", "title", "registered_on", "status", "benefit_vnd"])

    total = data.record_count(scoped)
    st.subheader(ctx.t("detail.records", n=fmt_int(total, lang)))
    recent = data.records(scoped, limit=RECENT_RECORDS)
    if recent.empty:
        st.caption(ctx.t("detail.no_records"))
    else:
        records_table(ctx, recent, ["code", "title", "registered_on", "field", "status", "benefit_vnd"])
        if total > RECENT_RECORDS:
            st.caption(ctx.t("detail.records_note", shown=fmt_int(RECENT_RECORDS, lang)))

    left, right = st.columns(2)
    if left.button(ctx.t("detail.filter"), icon=":material/filter_alt:", key=f"detail_filter_{code}"):
        set_filters(filters_for_selection(ctx.filters, [code]))
        close_detail()
        st.rerun()
    if right.button(ctx.t("detail.close"), key=f"detail_close_{code}"):
        close_detail()
        st.rerun()


def _field(ctx: Context, value: str) -> str:
    return translated("field", value, ctx.lang) if value else ctx.t("field.none")
