"""The Data page's Programs tab: the programs and their periods, setting up the next period or a new program
(name, dates, theme, the counted noun, the period word), each unit's targets for a period (copied from the
period before with a percentage, or proposed from its past rate per 100 members, every number editable
before saving), the program's campaigns and milestones, the units' changes over time and the union's names.

Analysts edit (every write calls `ui.auth.require_analyst()` first, on the server); viewers see the same
tables read-only. Every change goes to `reference_history` (analytics.ingest.setup). Nothing here holds SQL.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import ingest
from analytics.programs import CHANGE_KINDS
from ui.auth import who
from ui.context import Context
from ui.reference_edit import flash, write_checked
from ui.tables import show_table

_NEW = "__new__"
_MESSAGE = "_setup_message"  # this tab's own (the Targets and Units tabs show theirs)


def setup_section(ctx: Context, writer: bool) -> None:
    flash(_MESSAGE)
    st.caption(ctx.t("setup.intro"))
    _programs(ctx, writer)
    if ctx.program is None:
        return
    _periods(ctx, writer)
    _targets(ctx, writer)
    _campaigns_and_milestones(ctx, writer)
    _units_over_time(ctx, writer)


# --- programs ------------------------------------------------------------------------------------------------


def _column(ctx: Context, name: str, **kwargs) -> st.column_config.Column:
    key = f"setup.col.{name}"
    return st.column_config.Column(ctx.t(key), **kwargs)


def _programs(ctx: Context, writer: bool) -> None:
    st.subheader(ctx.t("setup.programs"))
    frame = ingest.programs_frame(ctx.store)
    shown = ["code", "name", "start_on", "end_on", "target", "noun_vi", "period_word_vi"]
    show_table(
        frame[shown],
        hide_index=True,
        width="stretch",
        column_config={
            "code": _column(ctx, "code", help=ctx.t("setup.col.code.help")),
            "name": _column(ctx, "name", width="large"),
            "start_on": st.column_config.DateColumn(ctx.t("setup.col.start_on"), format="DD/MM/YYYY"),
            "end_on": st.column_config.DateColumn(ctx.t("setup.col.end_on"), format="DD/MM/YYYY"),
            "target": st.column_config.NumberColumn(ctx.t("setup.col.target"), format="%d"),
            "noun_vi": _column(ctx, "noun_vi"),
            "period_word_vi": _column(ctx, "period_word_vi"),
        },
        key="setup_programs_table",
    )
    if not writer:
        return
    with st.expander(ctx.t("setup.program_form"), icon=":material/edit_calendar:"):
        codes = [_NEW, *frame["code"].tolist()]
        names = dict(zip(frame["code"], frame["name"], strict=True))
        picked = st.selectbox(
            ctx.t("setup.program_pick"),
            codes,
            format_func=lambda c: ctx.t("setup.program_new") if c == _NEW else f"{c} – {names.get(c, '')}",
            key="setup_program_pick",
        )
        current = {} if picked == _NEW else frame[frame["code"] == picked].iloc[0].to_dict()
        with st.form(f"setup_program_form_{picked}", border=False):
            left, right = st.columns(2)
            with left:
                code = st.text_input(
                    ctx.t("setup.col.code"), value=current.get("code") or "", help=ctx.t("setup.col.code.help"),
                    disabled=picked != _NEW, key=f"setup_program_code_{picked}",
                )  # fmt: skip
                name = st.text_input(ctx.t("setup.col.name"), value=current.get("name") or "")
                name_en = st.text_input(ctx.t("setup.col.name_en"), value=_text(current.get("name_en")))
                start = st.date_input(
                    ctx.t("setup.col.start_on"), value=_day(current.get("start_on")), format="DD/MM/YYYY"
                )
                end = st.date_input(
                    ctx.t("setup.col.end_on"), value=_day(current.get("end_on")), format="DD/MM/YYYY"
                )
                target = st.text_input(
                    ctx.t("setup.col.target"),
                    value=_text(current.get("target")),
                    help=ctx.t("setup.col.target.help"),
                )
            with right:
                noun_vi = st.text_input(
                    ctx.t("setup.col.noun_vi"), value=current.get("noun_vi") or "sáng kiến"
                )
                noun_en = st.text_input(
                    ctx.t("setup.col.noun_en"), value=current.get("noun_en") or "initiatives"
                )
                word_vi = st.text_input(
                    ctx.t("setup.col.period_word_vi"), value=current.get("period_word_vi") or "Giai đoạn",
                    help=ctx.t("setup.col.period_word.help"),
                )  # fmt: skip
                word_en = st.text_input(
                    ctx.t("setup.col.period_word_en"), value=current.get("period_word_en") or "Phase"
                )
                organizer = st.text_input(ctx.t("setup.col.organizer"), value=_text(current.get("organizer")))
                organizer_en = st.text_input(
                    ctx.t("setup.col.organizer_en"), value=_text(current.get("organizer_en"))
                )
            submitted = st.form_submit_button(ctx.t("setup.save_program"), type="primary")
        if submitted:
            values = {
                "code": code if picked == _NEW else picked, "name": name, "name_en": name_en, "start_on": start,
                "end_on": end, "target": target, "noun_vi": noun_vi, "noun_en": noun_en, "period_word_vi": word_vi,
                "period_word_en": word_en, "organizer": organizer, "organizer_en": organizer_en,
            }  # fmt: skip
            write_checked(ctx, lambda: ingest.save_program(ctx.store, values, by=who()), _MESSAGE)


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return ""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _day(value: object) -> dt.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return value.date() if isinstance(value, dt.datetime) else value


# --- periods -------------------------------------------------------------------------------------------------


def _periods(ctx: Context, writer: bool) -> None:
    program = ctx.program
    st.subheader(ctx.t("setup.periods"))
    frame = ingest.periods_frame(ctx.store, program.code)
    show_table(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "period": st.column_config.NumberColumn(ctx.t("setup.col.period"), format="%d"),
            "name": _column(ctx, "name"),
            "start_on": st.column_config.DateColumn(ctx.t("setup.col.start_on"), format="DD/MM/YYYY"),
            "end_on": st.column_config.DateColumn(ctx.t("setup.col.end_on"), format="DD/MM/YYYY"),
            "target": st.column_config.NumberColumn(ctx.t("metric.target"), format="%d"),
            "theme": _column(ctx, "theme", width="large"),
        },
        key="setup_periods_table",
    )
    if not writer:
        return
    proposed = ingest.next_period(ctx.store, program.code)
    with st.expander(ctx.t("setup.period_form"), icon=":material/event:"):
        st.caption(ctx.t("setup.period_form.help"))
        with st.form(f"setup_period_form_{program.code}", border=False):
            left, middle, right = st.columns(3)
            with left:
                number = st.number_input(
                    ctx.t("setup.col.period"), value=int(proposed.get("period") or 1), step=1, min_value=1,
                    help=ctx.t("setup.col.period.help"), key=f"setup_period_number_{program.code}",
                )  # fmt: skip
                name = st.text_input(ctx.t("setup.col.name"), value="", placeholder=proposed.get("name", ""))
            with middle:
                start = st.date_input(
                    ctx.t("setup.col.start_on"), value=proposed.get("start_on"), format="DD/MM/YYYY",
                    key=f"setup_period_start_{program.code}",
                )  # fmt: skip
                end = st.date_input(
                    ctx.t("setup.col.end_on"), value=proposed.get("end_on"), format="DD/MM/YYYY",
                    key=f"setup_period_end_{program.code}",
                )  # fmt: skip
            with right:
                target = st.text_input(ctx.t("metric.target"), value="", help=ctx.t("metric.target.help"))
                theme = st.text_input(
                    ctx.t("setup.col.theme"), value="", key=f"setup_period_theme_{program.code}"
                )
            submitted = st.form_submit_button(ctx.t("setup.save_period"), type="primary")
        if submitted:
            values = {
                "period": number,
                "name": name,
                "start_on": start,
                "end_on": end,
                "target": target,
                "theme": theme,
            }
            write_checked(
                ctx, lambda: ingest.save_period(ctx.store, values, program.code, by=who()), _MESSAGE
            )


# --- targets for a period ------------------------------------------------------------------------------------


def _targets(ctx: Context, writer: bool) -> None:
    program = ctx.program
    numbers = program.period_numbers()
    if not numbers:
        return
    st.subheader(ctx.t("setup.targets"))
    st.caption(ctx.t("setup.targets.help"))
    left, middle, right = st.columns([1, 2, 1])
    with left:
        period = st.selectbox(
            ctx.t("setup.targets.period"), numbers, index=len(numbers) - 1, format_func=ctx.period_label,
            key=f"setup_targets_period_{program.code}_{numbers[-1]}",  # a new period: start on it
        )  # fmt: skip
    with middle:
        method = st.segmented_control(
            ctx.t("setup.targets.method"), ["propose", "copy"], default="propose", required=True,
            format_func=lambda m: ctx.t(f"setup.method.{m}"), key="setup_targets_method",
        )  # fmt: skip
    with right:
        growth = st.number_input(ctx.t("setup.growth"), value=10.0, step=5.0, key="setup_targets_growth")
    if method == "copy":
        proposal = ingest.copied_targets(ctx.store, period, growth, program.code)
    else:
        proposal = ingest.proposed_targets(ctx.store, period, growth, program.code, ctx.lang)
    if proposal.basis is None or proposal.rows.empty:
        st.info(ctx.t("setup.no_basis"), icon=":material/info:")
        return
    st.caption(ctx.t("setup.basis", basis=ctx.period_label(proposal.basis)))
    frame = proposal.rows.drop(columns=["name"]).copy()
    config = {
        "unit_code": st.column_config.TextColumn(ctx.t("data.targets.unit"), width="small"),
        "members": st.column_config.NumberColumn(ctx.t("setup.col.members"), format="%d"),
        "basis_registered": st.column_config.NumberColumn(ctx.t("setup.col.basis_registered"), format="%d"),
        "basis_target": st.column_config.NumberColumn(ctx.t("setup.col.basis_target"), format="%d"),
        "rate_per_100": st.column_config.NumberColumn(ctx.t("setup.col.rate"), format="%.1f"),
        "proposed": st.column_config.NumberColumn(
            ctx.t("setup.col.proposed"),
            min_value=0,
            step=1,
            format="%d",
            help=ctx.t("data.targets.cell_help"),
        ),
        "formula": st.column_config.TextColumn(ctx.t("setup.col.formula"), width="large"),
    }
    fixed = [c for c in frame.columns if c != "proposed"]
    height = min(40 + 35 * len(frame), 640)
    if not writer:
        show_table(frame, hide_index=True, width="stretch", column_config=config, height=height)
        return
    edited = st.data_editor(
        frame, hide_index=True, width="stretch", column_config=config, disabled=fixed, num_rows="fixed",
        height=height, key=f"setup_targets_editor_{program.code}_{period}_{method}",
    )  # fmt: skip
    label = ctx.t("setup.save_targets", period=ctx.period_label(period))
    if st.button(label, type="primary", icon=":material/save:", key="setup_targets_save"):
        rows = ingest.proposal_targets(ingest.Proposal(period, proposal.basis, edited))
        write_checked(
            ctx, lambda: ingest.save_targets(ctx.store, rows, by=who(), program=program.code), _MESSAGE
        )


# --- campaigns and milestones --------------------------------------------------------------------------------


def _campaigns_and_milestones(ctx: Context, writer: bool) -> None:
    program = ctx.program
    left, right = st.columns(2)
    with left:
        st.subheader(ctx.t("setup.campaigns"))
        frame = ingest.campaigns_frame(ctx.store, program.code)
        config = {
            "name": st.column_config.TextColumn(ctx.t("setup.col.name"), width="large"),
            "start_on": st.column_config.DateColumn(ctx.t("setup.col.start_on"), format="DD/MM/YYYY"),
            "end_on": st.column_config.DateColumn(ctx.t("setup.col.end_on"), format="DD/MM/YYYY"),
        }
        if writer:
            edited = st.data_editor(
                frame, hide_index=True, width="stretch", column_config=config, num_rows="dynamic",
                key=f"setup_campaigns_{program.code}",
            )  # fmt: skip
            if st.button(ctx.t("setup.save_campaigns"), key="setup_campaigns_save", icon=":material/save:"):
                write_checked(
                    ctx, lambda: ingest.save_campaigns(ctx.store, edited, program.code, by=who()), _MESSAGE
                )
        else:
            show_table(frame, hide_index=True, width="stretch", column_config=config)
    with right:
        st.subheader(ctx.t("setup.milestones"))
        frame = ingest.milestones_frame(ctx.store, program.code)
        config = {
            "on_date": st.column_config.DateColumn(ctx.t("setup.col.on_date"), format="DD/MM/YYYY"),
            "cumulative_target": st.column_config.NumberColumn(
                ctx.t("setup.col.cumulative_target"), min_value=0, step=1, format="%d"
            ),
            "label": st.column_config.TextColumn(ctx.t("setup.col.label"), width="large"),
        }
        if writer:
            edited = st.data_editor(
                frame, hide_index=True, width="stretch", column_config=config, num_rows="dynamic",
                key=f"setup_milestones_{program.code}",
            )  # fmt: skip
            if st.button(ctx.t("setup.save_milestones"), key="setup_milestones_save", icon=":material/save:"):
                write_checked(
                    ctx, lambda: ingest.save_milestones(ctx.store, edited, program.code, by=who()), _MESSAGE
                )
        else:
            show_table(frame, hide_index=True, width="stretch", column_config=config)


# --- units over time -----------------------------------------------------------------------------------------


def _units_over_time(ctx: Context, writer: bool) -> None:
    st.subheader(ctx.t("setup.units_over_time"))
    st.caption(ctx.t("setup.units_over_time.help"))
    codes = [u["code"] for u in ctx.options["units"]]
    frame = ingest.unit_changes_frame(ctx.store)
    config = {
        "on_date": st.column_config.DateColumn(ctx.t("setup.col.on_date"), format="DD/MM/YYYY"),
        "kind": st.column_config.SelectboxColumn(
            ctx.t("setup.col.kind"),
            options=list(CHANGE_KINDS),
            format_func=lambda k: ctx.t(f"setup.kind.{k}"),
        ),
        "unit_code": st.column_config.SelectboxColumn(ctx.t("setup.col.unit_code"), options=codes),
        "successor_code": st.column_config.SelectboxColumn(ctx.t("setup.col.successor_code"), options=codes),
        "old_name": st.column_config.TextColumn(ctx.t("setup.col.old_name"), width="medium"),
        "old_short_name": st.column_config.TextColumn(ctx.t("setup.col.old_short_name")),
        "note": st.column_config.TextColumn(ctx.t("setup.col.note"), width="medium"),
    }
    if writer:
        edited = st.data_editor(
            frame,
            hide_index=True,
            width="stretch",
            column_config=config,
            num_rows="dynamic",
            key="setup_changes",
        )
        if st.button(ctx.t("setup.save_changes"), key="setup_changes_save", icon=":material/save:"):
            write_checked(ctx, lambda: ingest.save_unit_changes(ctx.store, edited, by=who()), _MESSAGE)
    else:
        show_table(frame, hide_index=True, width="stretch", column_config=config)

    st.markdown("**" + ctx.t("setup.union_names") + "**")
    names = ingest.union_names_frame(ctx.store)
    config = {
        "valid_from": st.column_config.DateColumn(ctx.t("setup.col.valid_from"), format="DD/MM/YYYY"),
        "name": st.column_config.TextColumn(ctx.t("setup.col.name"), width="medium"),
        "name_en": st.column_config.TextColumn(ctx.t("setup.col.name_en")),
        "parent_name": st.column_config.TextColumn(ctx.t("setup.col.parent_name"), width="medium"),
        "parent_name_en": st.column_config.TextColumn(ctx.t("setup.col.parent_name_en")),
    }
    if writer:
        edited = st.data_editor(
            names,
            hide_index=True,
            width="stretch",
            column_config=config,
            num_rows="dynamic",
            key="setup_union",
        )
        if st.button(ctx.t("setup.save_union"), key="setup_union_save", icon=":material/save:"):
            write_checked(ctx, lambda: ingest.save_union_names(ctx.store, edited, by=who()), _MESSAGE)
    else:
        show_table(names, hide_index=True, width="stretch", column_config=config)
