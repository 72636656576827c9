"""Tra cứu hồ sơ: which records are behind a number. The filtered records, searchable and sortable, page
by page, with downloads (CSV for Excel, XLSX) of exactly the records in view."""

import math

import streamlit as st

from analytics import metrics
from analytics.i18n import fmt_int
from ui import data
from ui.audit_view import logged_download
from ui.context import current
from ui.records import csv_download, records_table, xlsx_download
from ui.view_state import page_param, set_page_param
from ui.widgets import page_header

PAGE_SIZE = 100
DOWNLOAD_LIMIT = 300_000  # beyond this a download would take minutes and hundreds of MB: ask to filter

ctx = current()
lang = ctx.lang
page_header(ctx, ctx.t("records.title"), data.effective_as_of())


def back_to_first_page() -> None:
    st.session_state["records_page"] = 1


def search_changed() -> None:
    """A new search: back to the first page, and the search kept in the link (`q`)."""
    back_to_first_page()
    set_page_param("q", (st.session_state.get("records_q") or "").strip() or None)


if "records_q" not in st.session_state:  # a link's search (`?q=`), or the one before a page change
    st.session_state["records_q"] = page_param("q") or ""
# The widgets' values as this run has them (a change is in the session state before the run), so that the
# page's records are read first and the search box's examples can come from them.
search = str(st.session_state.get("records_q") or "")
order = st.session_state.get("records_order", metrics.RECORD_ORDERS[0])
page = int(st.session_state.get("records_page") or 1)
rows, total = data.records_page(search=search, order=order, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
if total and rows.empty:  # the filters changed under a page that no longer exists
    page = 1
    rows, total = data.records_page(search=search, order=order, limit=PAGE_SIZE, offset=0)
examples = data.search_examples_for(rows, search, order, (page - 1) * PAGE_SIZE)
left, right = st.columns([3, 1])
left.text_input(
    ctx.t("records.search"),
    key="records_q",
    placeholder=ctx.t("records.search.placeholder_from", **examples)
    if examples
    else ctx.t("records.search.placeholder"),
    icon=":material/search:",
    on_change=search_changed,
    live="600ms",  # applied as typed (after a pause), or on Enter
    help=ctx.t("records.search.help"),
)
right.selectbox(
    ctx.t("records.order"),
    metrics.RECORD_ORDERS,
    key="records_order",
    format_func=lambda o: ctx.t(f"records.order.{o}"),
    on_change=back_to_first_page,
)
st.caption(ctx.t("records.count", n=fmt_int(total, lang)))
if total == 0:
    st.info(ctx.t("empty.filtered"), icon=":material/filter_alt_off:")
    st.stop()

pages = max(math.ceil(total / PAGE_SIZE), 1)
records_table(
    ctx,
    rows,
    [
        "code",
        "title",
        "unit",
        "unit_name",
        "field",
        "status",
        "level",
        "authors",
        "registered_on",
        "recognized_on",
        "applied_on",
        "benefit_vnd",
        "reward_vnd",
    ],
    height=600,
)
if pages > 1:  # under the table: above it, the table's own toolbar covered the pager's last buttons
    st.pagination(pages, key="records_page", default=min(page, pages))


store, filters = ctx.store, ctx.filters


def everything():
    """All records in view (filters, search, order), fetched only when a download is clicked.

    Streamlit runs this on a worker thread without the session, so it uses only values captured here.
    """
    return metrics.records(store, filters, search=search, order=order, limit=DOWNLOAD_LIMIT)


if total > DOWNLOAD_LIMIT:
    st.warning(ctx.t("records.too_many", n=fmt_int(total, lang), limit=fmt_int(DOWNLOAD_LIMIT, lang)))
shown = fmt_int(min(total, DOWNLOAD_LIMIT), lang)
file_name = ctx.t("records.file")
left, right, _ = st.columns([1, 1, 2])
left.download_button(
    ctx.t("records.download_csv", n=shown),
    logged_download(ctx, "CSV", everything, lambda frame: csv_download(frame, lang)),
    file_name=f"{file_name}.csv",
    mime="text/csv",
    icon=":material/download:",
    help=ctx.t("records.download.help"),
    on_click="ignore",
    key="records_csv",
)
right.download_button(
    ctx.t("records.download_xlsx", n=shown),
    logged_download(
        ctx, "XLSX", everything, lambda frame: xlsx_download(frame, lang, ctx.t("records.sheet"))
    ),
    file_name=f"{file_name}.xlsx",
    help=ctx.t("records.download.help"),
    on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/table:",
    key="records_xlsx",
)
