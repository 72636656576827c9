"""The Data page's reference tables: targets per unit and phase, and units (names, aliases, members).

Analysts edit them in `st.data_editor` (or upload a targets file) and save in one transaction; every
changed cell is logged in `reference_history`. Viewers see the same tables read-only. Nothing here holds SQL.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analytics import ingest
from analytics.i18n import fmt_int
from ui.auth import NotAnalyst, require_analyst, who
from ui.context import Context
from ui.tables import show_table

_MESSAGE = "_ref_message"


def flash(key: str = _MESSAGE) -> None:
    """The message of the last save, shown once after the rerun that save asked for."""
    message = st.session_state.pop(key, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def _saved(ctx: Context, result: ingest.RefResult, key: str) -> None:
    st.session_state[key] = ctx.t(
        "data.ref.saved",
        changed=fmt_int(result.changed, ctx.lang),
        added=fmt_int(result.added, ctx.lang),
        removed=fmt_int(result.removed, ctx.lang),
    )
    st.rerun()


def show_issues(ctx: Context, result: ingest.RefResult) -> None:
    if result.refusal:
        st.error(ctx.t(result.refusal), icon=":material/block:")
    if result.issues:
        st.error(ctx.t("data.ref.issues", n=len(result.issues)), icon=":material/rule:")
        show_table(result.issues_frame(ctx.lang), hide_index=True, width="stretch")


def write_checked(ctx: Context, action: Callable[[], ingest.RefResult], key: str = _MESSAGE) -> None:
    """Run a save of reference data: analysts only, checked here on the server whatever the page showed;
    on success the message waits in `key` for the rerun, on refusal the reasons are shown now."""
    try:
        require_analyst()
    except NotAnalyst:
        st.error(ctx.t("auth.denied"), icon=":material/lock:")
        return
    result = action()
    if result.ok:
        _saved(ctx, result, key)
    show_issues(ctx, result)


# --- targets ----------------------------------------------------------------------------------------------


def targets_section(ctx: Context, writer: bool) -> None:
    flash()
    st.caption(ctx.t("data.targets.help"))
    program = ctx.program.code if ctx.program else None
    wide = ingest.targets_wide(ctx.store, program)
    phase_columns = [c for c in wide.columns if str(c).isdigit()]
    config = {
        "unit_code": st.column_config.TextColumn(ctx.t("data.targets.unit"), width="small"),
        "name": st.column_config.TextColumn(ctx.t("data.targets.name"), width="large"),
    }
    for column in phase_columns:
        config[column] = st.column_config.NumberColumn(
            ctx.period_label(int(column)), min_value=0, step=1, format="%d",
            help=ctx.t("data.targets.cell_help"),
        )  # fmt: skip
    totals = {c: fmt_int(pd.to_numeric(wide[c]).sum(), ctx.lang) for c in phase_columns}
    st.caption(
        ctx.t(
            "data.targets.totals",
            totals=", ".join(f"{ctx.period_label(int(c))}: {v}" for c, v in totals.items()),
        )
    )
    if not writer:
        show_table(
            wide, hide_index=True, width="stretch", column_config=config, height=min(40 + 35 * len(wide), 760)
        )
        return
    edited = st.data_editor(
        wide, key="data_targets_editor", hide_index=True, width="stretch", column_config=config,
        disabled=["unit_code", "name"], num_rows="fixed", height=min(40 + 35 * len(wide), 760),
    )  # fmt: skip
    if st.button(ctx.t("data.targets.save"), type="primary", key="data_targets_save", icon=":material/save:"):
        save_targets(ctx, ingest.wide_to_long(edited))
    with st.expander(ctx.t("data.targets.upload"), icon=":material/upload_file:"):
        st.caption(ctx.t("data.targets.upload_help"))
        file = st.file_uploader(ctx.t("data.targets.upload"), type=["csv", "txt", "xlsx", "xls"], key="data_targets_file",
                                label_visibility="collapsed")  # fmt: skip
        if file is not None:
            frame, found = ingest.read_targets(ctx.store, file.getvalue(), file.name)
            show_issues(ctx, found)
            if not found.refusal and not frame.empty:
                shown = frame.rename(columns={"unit_code": ctx.t("data.targets.unit"), "phase": ctx.t("filter.phase"),
                                              "target": ctx.t("metric.target"), "row": ctx.t("ingest.col.row")})  # fmt: skip
                show_table(shown, hide_index=True, width="stretch")
                if not found.issues and st.button(
                    ctx.t("data.targets.apply", n=len(frame)), key="data_targets_apply"
                ):
                    save_targets(ctx, frame.drop(columns=["row"]))


def save_targets(ctx: Context, frame: pd.DataFrame) -> None:
    """Save targets (analysts only, checked here on the server)."""
    program = ctx.program.code if ctx.program else None
    write_checked(ctx, lambda: ingest.save_targets(ctx.store, frame, by=who(), program=program))


# --- units ------------------------------------------------------------------------------------------------


def units_section(ctx: Context, writer: bool) -> None:
    flash()
    st.caption(ctx.t("data.units.help"))
    frame = ingest.units_frame(ctx.store)
    config = {
        "code": st.column_config.TextColumn(ctx.t("data.units.code"), width="small"),
        "name": st.column_config.TextColumn(ctx.t("data.units.name"), width="large", required=True),
        "short_name": st.column_config.TextColumn(ctx.t("data.units.short_name")),
        "group_name": st.column_config.TextColumn(ctx.t("data.units.group")),
        "members": st.column_config.NumberColumn(
            ctx.t("data.units.members"),
            min_value=0,
            step=1,
            format="%d",
            help=ctx.t("data.units.members_help"),
        ),  # fmt: skip
        "aliases": st.column_config.TextColumn(
            ctx.t("data.units.aliases"), width="large", help=ctx.t("data.units.aliases_help")
        ),
    }
    if not writer:
        show_table(frame, hide_index=True, width="stretch", column_config=config)
        return
    edited = st.data_editor(
        frame, key="data_units_editor", hide_index=True, width="stretch", column_config=config,
        disabled=["code"], num_rows="fixed", height=min(40 + 35 * len(frame), 760),
    )  # fmt: skip
    if st.button(ctx.t("data.units.save"), type="primary", key="data_units_save", icon=":material/save:"):
        save_units(ctx, edited)
    with st.expander(ctx.t("data.units.add"), icon=":material/add:"):
        with st.form("data_unit_add", border=False):
            left, right = st.columns([1, 3])
            with left:
                code = st.text_input(ctx.t("data.units.code"), key="data_unit_new_code")
            with right:
                name = st.text_input(ctx.t("data.units.name"), key="data_unit_new_name")
            submitted = st.form_submit_button(ctx.t("data.units.add_button"))
        if submitted:
            extra = pd.DataFrame(
                [
                    {
                        "code": code,
                        "name": name,
                        "short_name": None,
                        "group_name": None,
                        "members": None,
                        "aliases": "",
                    }
                ]
            )
            save_units(ctx, pd.concat([edited, extra], ignore_index=True))


def save_units(ctx: Context, frame: pd.DataFrame) -> None:
    """Save units (analysts only, checked here on the server)."""
    write_checked(ctx, lambda: ingest.save_units(ctx.store, frame, by=who()))
