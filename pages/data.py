"""Dữ liệu: bring the real exports in (upload, check, import, undo), remove the illustrative data, and keep
the targets, units and programs (their periods, campaigns, milestones, units over time) up to date;
snapshots and their restore, and the audit log (analysts). Writing needs the analyst role (ui/auth.py); viewers
see the history, the tables and the templates read-only. While the store is damaged, the recovery panel offers
its newest verified snapshot."""

import streamlit as st

from ui import api_tokens, audit_view, auth, backups, program_setup, reference_edit, upload
from ui.context import current
from ui.widgets import page_header

ctx = current()
page_header(ctx, ctx.t("data.title"), show_as_of=False)
st.caption(ctx.t("data.intro"))

writer = auth.panel(ctx) and not ctx.store.read_only
backups.flash(ctx)
backups.recovery_panel(ctx)
if writer:
    upload.last_results(ctx)
if writer and ctx.sample:
    upload.sample_box(ctx)

(
    tab_import,
    tab_history,
    tab_targets,
    tab_units,
    tab_programs,
    tab_templates,
    tab_backups,
    tab_audit,
    tab_api,
) = st.tabs(
    [
        ctx.t("data.tab.import"),
        ctx.t("data.tab.history"),
        ctx.t("data.tab.targets"),
        ctx.t("data.tab.units"),
        ctx.t("setup.tab"),
        ctx.t("data.tab.templates"),
        ctx.t("data.tab.backups"),
        ctx.t("data.tab.audit"),
        ctx.t("api.tab"),
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
with tab_backups:
    backups.section(ctx, writer)
with tab_audit:
    audit_view.section(ctx)
with tab_api:
    api_tokens.section(ctx, writer)
