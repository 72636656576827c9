"""Dữ liệu: bring the real exports in (upload, check, import, undo), remove the illustrative data, and keep
the targets, units and programs (their periods, campaigns, milestones, units over time) up to date. Writing
needs the analyst role (ui/auth.py); viewers see the history, the tables and the templates read-only."""

import streamlit as st

from ui import auth, program_setup, reference_edit, upload
from ui.context import current
from ui.widgets import page_header

ctx = current()
page_header(ctx, ctx.t("data.title"), show_as_of=False)
st.caption(ctx.t("data.intro"))

writer = auth.panel(ctx) and not ctx.store.read_only
if writer:
    upload.last_results(ctx)
if writer and ctx.sample:
    upload.sample_box(ctx)

tab_import, tab_history, tab_targets, tab_units, tab_programs, tab_templates = st.tabs(
    [
        ctx.t("data.tab.import"),
        ctx.t("data.tab.history"),
        ctx.t("data.tab.targets"),
        ctx.t("data.tab.units"),
        ctx.t("setup.tab"),
        ctx.t("data.tab.templates"),
    ]
)
with tab_import:
    if writer:
        upload.import_section(ctx)
    elif ctx.store.read_only:  # not a question of role: nobody can write to this store now
        reason = ctx.store.read_only_reason or "requested"
        st.info(ctx.t(f"store.read_only.{reason}", detail=ctx.store.read_only_detail), icon=":material/lock:")
    else:
        st.info(ctx.t("data.viewer_import"), icon=":material/lock:")
with tab_history:
    upload.history_section(ctx, writer)
with tab_targets:
    reference_edit.targets_section(ctx, writer)
with tab_units:
    reference_edit.units_section(ctx, writer)
with tab_programs:
    program_setup.setup_section(ctx, writer)
with tab_templates:
    upload.templates_section(ctx)
