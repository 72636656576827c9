"""The Report page's building blocks: the scope and document controls, the cached report, the preview
(the same blocks the documents are made of) and the three deferred downloads.

The scope widgets start from the sidebar's filters and follow them whenever the sidebar changes; the
person may then narrow or widen the report on the page without touching the view.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import streamlit as st

from analytics.filters import Filters
from analytics.i18n import Lang, t
from analytics.report import FORMATS, RENDERERS, browser_problem, file_name, render, report_filters
from analytics.report.model import Chart, Paragraph, Report, ReportMeta, Table, build_report, cell_text
from analytics.store import Reader
from ui.context import Context, latest_day
from ui.widgets import chart

K_PHASE, K_UNITS, K_AS_OF = "report_phase", "report_units", "report_as_of"
K_ISSUED, K_PLACE, K_NUMBER = "report_issued_on", "report_place", "report_number"
_SEEN_VIEW = "report_seen_view"
NUMERIC_KINDS = ("int", "pct", "bn", "vnd", "num")


def _view_units(ctx: Context) -> list[str]:
    """The sidebar's units, with whole groups expanded into their units (the report names units)."""
    in_groups = [u["code"] for u in ctx.options["units"] if u.get("group_name") in ctx.filters.groups]
    return list(dict.fromkeys([*ctx.filters.units, *in_groups]))


def follow_sidebar(ctx: Context) -> None:
    """Put the sidebar's scope into the report's widgets on the first visit and whenever it changes."""
    view = (ctx.filters.phase, tuple(_view_units(ctx)), ctx.filters.as_of)
    if st.session_state.get(_SEEN_VIEW) == view:
        return
    st.session_state[_SEEN_VIEW] = view
    st.session_state[K_PHASE] = ctx.filters.phase or 0
    st.session_state[K_UNITS] = list(view[1])
    st.session_state[K_AS_OF] = ctx.filters.as_of or latest_day(ctx) or dt.date.today()


def scope_controls(ctx: Context) -> Filters:
    """Phase (or the whole program), units (or all) and the as-of day; returns the report's filters."""
    follow_sidebar(ctx)
    names = {u["code"]: u["name"] for u in ctx.options["units"]}
    phases = [0] + [int(p["phase"]) for p in ctx.options["phases"]]
    st.subheader(ctx.t("report.page.scope"))
    left, middle, right = st.columns([1, 2, 1])
    with left:
        phase = st.selectbox(
            ctx.t("report.page.phase"),
            phases,
            key=K_PHASE,
            format_func=lambda n: (
                ctx.t("report.page.phase.all") if n == 0 else ctx.t("overview.phase_name", n=n)
            ),
        )
    with middle:
        units = st.multiselect(
            ctx.t("report.page.units"),
            list(names),
            key=K_UNITS,
            placeholder=ctx.t("report.page.units.placeholder"),
            format_func=lambda code: f"{code} – {names.get(code, '')}",
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
# The preview: the document's blocks, in the document's order.

_PAGE_CSS = "font-family: 'Times New Roman', 'Noto Serif', serif; font-size: 1.05rem; line-height: 1.55; color: #111827;"


def _letterhead_html(report: Report) -> str:
    head = report.letterhead
    return (
        f"<div style=\"{_PAGE_CSS}\"><table style='width:100%;border:none;border-collapse:collapse'><tr>"
        f"<td style='width:42%;text-align:center;vertical-align:top;border:none'>{escape(head.parent)}<br>"
        f"<b>{escape(head.issuer)}</b><br><span style='color:#6b7280'>———</span><br>{escape(head.number)}</td>"
        f"<td style='text-align:center;vertical-align:top;border:none'><b>{escape(head.nation)}</b><br>"
        f"<b><u>{escape(head.motto)}</u></b><br><br><i>{escape(head.place_date)}</i></td></tr></table>"
        f"<p style='text-align:center;margin:1.2rem 0 0 0'><b>{escape(report.title)}</b><br>"
        f"<b>{escape(report.subtitle)}</b><br><i>{escape(report.scope_line)}</i></p></div>"
    )


def _paragraph_html(block: Paragraph) -> str:
    text = escape(block.text)
    if block.style == "bullet":
        return f"<p style='margin:0.2rem 0 0.2rem 1.5rem;text-indent:-0.7rem'>- {text}</p>"
    if block.style == "note":
        return f"<p style='font-style:italic;color:#4b5563'>{text}</p>"
    if block.style == "placeholder":
        return f"<p style='font-style:italic;background:#fff4a3;padding:0.1rem 0.4rem'>{text}</p>"
    return f"<p style='text-align:justify;text-indent:2rem;margin:0.35rem 0'>{text}</p>"


def _table_html(block: Table, number: int, lang: Lang) -> str:
    """The table as the document prints it: the same columns, the same number formats."""
    columns = block.document_columns()
    head = "".join(
        f"<th style='background:#D9E2F3;border:1px solid #9ca3af;padding:4px 6px'>{escape(c.label)}</th>"
        for c in columns
    )
    rows = list(block.rows) + ([block.total] if block.total else [])
    body = []
    for index, row in enumerate(rows):
        weight = "font-weight:700;" if block.total is not None and index == len(rows) - 1 else ""
        cells = "".join(
            f"<td style='{weight}border:1px solid #9ca3af;padding:3px 6px;"
            f"text-align:{'right' if c.kind in NUMERIC_KINDS else 'left'}'>"
            f"{escape(cell_text(row.get(c.key), c.kind, lang))}</td>"
            for c in columns
        )
        body.append(f"<tr>{cells}</tr>")
    caption = escape(t("report.table.caption", lang, n=number, caption=block.caption))
    return (
        f'<div style="{_PAGE_CSS} font-size:0.92rem"><p style=\'text-align:center;font-weight:700;'
        f"font-style:italic;margin:0.6rem 0 0.2rem 0'>{caption}</p>"
        f"<table style='border-collapse:collapse;width:100%'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def preview(ctx: Context, report: Report) -> None:
    """The report on screen: letterhead, title, sections with their paragraphs, tables and charts."""
    st.subheader(ctx.t("report.page.preview"))
    with st.container(border=True):
        st.html(_letterhead_html(report))
        st.html(
            f'<div style="{_PAGE_CSS}">{"".join(_paragraph_html(n) for n in report.notes)}'
            f"{_paragraph_html(report.intro)}</div>"
        )
        table_number = 0
        for section in report.sections:
            pending: list[str] = [
                f"<p style='font-weight:700;margin:0.9rem 0 0.3rem 0'>{escape(section.heading)}</p>"
            ]
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    pending.append(_paragraph_html(block))
                    continue
                if pending:
                    st.html(f'<div style="{_PAGE_CSS}">{"".join(pending)}</div>')
                    pending = []
                if isinstance(block, Table):
                    table_number += 1
                    st.html(_table_html(block, table_number, ctx.lang))
                elif isinstance(block, Chart):
                    chart(
                        block.figure,
                        key=f"report_chart_{block.key}",
                        filename=f"{ctx.t('report.file')}-{block.key}",
                    )
            if pending:
                st.html(f'<div style="{_PAGE_CSS}">{"".join(pending)}</div>')
        st.html(f'<div style="{_PAGE_CSS}">{_paragraph_html(report.closing)}</div>')
        st.html(_signature_html(report))


def _signature_line(index: int, line: str) -> str:
    """Title lines and the name in bold, "(Ký tên, đóng dấu)" in italics, blank lines kept."""
    if not line:
        return "&nbsp;"
    if line.startswith("("):
        return f"<i>{escape(line)}</i>"
    return f"<b>{escape(line)}</b>" if index < 2 or line.startswith("[") else escape(line)


def _signature_html(report: Report) -> str:
    recipients = "<br>".join(escape(r) for r in report.recipients)
    signature = "<br>".join(_signature_line(index, line) for index, line in enumerate(report.signature))
    return (
        f"<div style=\"{_PAGE_CSS} font-size:0.95rem\"><table style='width:100%;border:none'><tr>"
        f"<td style='width:50%;vertical-align:top;border:none'><b><i>{escape(report.recipients_title)}</i></b><br>"
        f"{recipients}</td><td style='text-align:center;vertical-align:top;border:none'>{signature}</td>"
        f"</tr></table></div>"
    )
