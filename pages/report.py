"""Báo cáo: the steering-committee report written from the dashboard's own figures. Choose the scope (the
program, a phase, chosen units) and the as-of day, read the preview, download Word, PDF or Excel."""

import streamlit as st

from ui.context import current
from ui.report_view import document_controls, downloads, get_report, preview, scope_controls
from ui.widgets import page_header

ctx = current()
page_header(ctx, ctx.t("report.page.title"), show_as_of=False)
st.caption(ctx.t("report.page.intro"))

filters = scope_controls(ctx)
meta = document_controls(ctx)
report = get_report(ctx, filters, meta)

downloads(ctx, report)
preview(ctx, report)
