"""The Report page's building blocks: the scope and document controls, the cached report, the preview
(the HTML renderer's parts: the same blocks the documents are made of) and the deferred downloads.

The scope widgets start from the sidebar's filters and follow them whenever the sidebar changes; the
person may then narrow or widen the report on the page without touching the view.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics.filters import Filters
from analytics.i18n import Lang, t
from analytics.report import (
    FORMATS,
    RENDERERS,
    Chart,
    Report,
    ReportMeta,
    browser_problem,
    build_report,
    file_name,
    preview_parts,
    render,
    report_filters,
    stylesheet,
)
from analytics.store import Reader
from ui.context import Context, latest_day
from ui.labels import unit_choice_label
from ui.widgets import chart

K_PHASE, K_UNITS, K_AS_OF = "report_phase", "report_units", "report_as_of"
K_ISSUED, K_PLACE, K_NUMBER = "report_issued_on", "report_place", "report_number"
_SEEN_VIEW = "report_seen_view"


def _view_units(ctx: Context) -> list[str]:
    """The sidebar's units, with whole groups expanded into their units (the report names units)."""
    in_groups = [u["code"] for u in ctx.options["units"] if u.get("group_name") in ctx.filters.groups]
    return list(dict.fromkeys([*ctx.filters.units, *in_groups]))


def follow_sidebar(ctx: Context) -> None:
    """Put the sidebar's scope into the report's widgets on the first visit and whenever it changes."""
    view = (ctx.filters.program, ctx.filters.phase, tuple(_view_units(ctx)), ctx.filters.as_of)
    if st.session_state.get(_SEEN_VIEW) == view:
        return
    st.session_state[_SEEN_VIEW] = view
    st.session_state[K_PHASE] = ctx.filters.phase or 0
    st.session_state[K_UNITS] = list(view[2])
    st.session_state[K_AS_OF] = ctx.filters.as_of or latest_day(ctx) or dt.date.today()


def scope_controls(ctx: Context) -> Filters:
    """Phase (or the whole program), units (or all) and the as-of day; returns the report's filters."""
    follow_sidebar(ctx)
    names = {u["code"]: unit_choice_label(u) for u in ctx.options["units"]}
    numbers = (
        ctx.program.period_numbers() if ctx.program else [int(p["phase"]) for p in ctx.options["phases"]]
    )
    phases = [0, *numbers]
    if st.session_state.get(K_PHASE) not in phases:
        st.session_state[K_PHASE] = 0
    st.subheader(ctx.t("report.page.scope"))
    left, middle, right = st.columns([1, 2, 1])
    with left:
        phase = st.selectbox(
            ctx.t("report.page.phase"),
            phases,
            key=K_PHASE,
            format_func=lambda n: ctx.t("report.page.phase.all") if n == 0 else ctx.period_label(n),
        )
    with middle:
        units = st.multiselect(
            ctx.t("report.page.units"),
            list(names),
            key=K_UNITS,
            placeholder=ctx.t("report.page.units.placeholder"),
            format_func=lambda code: names.get(code, code),
            select_all=False,  # typing and Enter picks one unit, never every match (as in the sidebar)
        )
    with right:
        as_of = st.date_input(
            ctx.t("report.page.as_of"), key=K_AS_OF, format="DD/MM/YYYY", help=ctx.t("report.page.as_of.help")
        )
    return report_filters(ctx.filters, phase or None, units, as_of)


def document_controls(ctx: Context) -> ReportMeta:
    """Date, place and number of the document (the data do not decide these)."""
    with st.expander(ctx.t("report.page.document")):
        left, middle, right = st.columns(3)
        with left:
            issued = st.date_input(
                ctx.t("report.page.issued_on"), value=dt.date.today(), key=K_ISSUED, format="DD/MM/YYYY"
            )
        with middle:
            place = st.text_input(
                ctx.t("report.page.place"), value=ctx.t("report.place.default"), key=K_PLACE
            )
        with right:
            number = st.text_input(
                ctx.t("report.page.number"), value=ctx.t("report.number.default"), key=K_NUMBER
            )
    return ReportMeta(issued_on=issued, place=place.strip() or None, number=number.strip() or None)


@st.cache_data(max_entries=16, show_spinner=False)
def _cached_report(
    path: str, version: int, filters: Filters, lang: Lang, meta: ReportMeta, _reader: Reader
) -> Report:
    return build_report(_reader, filters, lang, meta)


def get_report(ctx: Context, filters: Filters, meta: ReportMeta) -> Report:
    """The report for these filters, from the cache when the data and the choices have not changed."""
    with st.spinner(ctx.t("report.page.preparing")):
        reader = ctx.store if ctx.reader.closed else ctx.reader
        return _cached_report(str(ctx.store.path), reader.data_version(), filters, ctx.lang, meta, reader)


def downloads(ctx: Context, report: Report) -> None:
    """One button per downloadable format of the report registry (DOCX, PDF, XLSX), the first one primary;
    each file is built only when its button is clicked (charts drawn then, once per figure: DOCX and PDF
    share them)."""
    st.subheader(ctx.t("report.page.downloads"))
    store = ctx.store
    columns = st.columns(len(FORMATS))
    for index, (column, fmt) in enumerate(zip(columns, FORMATS, strict=True)):
        row = RENDERERS[fmt]
        with column:
            st.download_button(
                ctx.t(f"report.page.{fmt}"),
                data=lambda fmt=fmt: render(report, fmt, store),
                file_name=file_name(report, fmt),
                mime=row.mime_type,
                help=ctx.t(f"report.page.{fmt}.help"),
                icon=row.icon,
                on_click="ignore",
                width="stretch",
                key=f"report_download_{fmt}",
                type="primary" if index == 0 else "secondary",
            )
    problem = browser_problem()
    if problem:
        reason = t(f"report.charts.{problem}", ctx.lang, detail="")
        st.warning(ctx.t("report.page.no_browser", reason=reason), icon=":material/image_not_supported:")
    else:
        st.caption(ctx.t("report.page.charts_note"))


# ---------------------------------------------------------------------------------------------------------
# The preview: the HTML renderer's parts, in the document's order, with the dashboard's live charts.


def preview(ctx: Context, report: Report) -> None:
    """The report on screen: letterhead, title, sections with their paragraphs, tables and charts. The
    stylesheet goes in once, as a style block (it takes no room on the page)."""
    st.subheader(ctx.t("report.page.preview"))
    st.html(f"<style>{stylesheet()}</style>")
    with st.container(border=True):
        for part in preview_parts(report):
            if isinstance(part, Chart):
                chart(
                    part.figure,
                    key=f"report_chart_{part.key}",
                    filename=f"{ctx.t('report.file')}-{part.key}",
                )
            else:
                st.html(part)
