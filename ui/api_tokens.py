"""The Data page's API tab: analysts make tokens for other systems (shown once) and revoke them; everyone
else reads that only analysts do. The tokens' store and rules are analytics.api's."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from analytics import api
from analytics.i18n import fmt_date
from ui.auth import NotAnalyst, require_analyst, who
from ui.context import Context
from ui.tables import show_table

_SHOWN = "_api_token_shown"  # session: (name, token) made on the last run, shown once then forgotten


def _state(row, now: dt.datetime) -> str:
    if row["revoked_at"] is not None and not pd.isna(row["revoked_at"]):
        return "revoked"
    return "expired" if pd.Timestamp(row["expires_at"]) <= pd.Timestamp(now) else "active"


def _when(value, lang) -> str:
    if value is None or pd.isna(value):
        return "–"
    stamp = pd.Timestamp(value)
    return f"{stamp.strftime('%H:%M')} {fmt_date(stamp.date(), lang)}"


def section(ctx: Context, writer: bool) -> None:
    st.caption(ctx.t("api.tab.intro"))
    if not writer:
        st.info(ctx.t("api.tab.viewer"), icon=":material/lock:")
        return
    shown = st.session_state.pop(_SHOWN, None)
    if shown:
        name, scope, expires, secret = shown
        st.success(ctx.t("api.token.created", name=name, scope=scope, expires=expires), icon=":material/key:")
        st.code(secret, language=None)
    with st.form("api_token_form", clear_on_submit=True):
        left, middle, right = st.columns([2, 2, 1])
        name = left.text_input(ctx.t("api.tab.name"), key="api_token_name", max_chars=64)
        scope = middle.radio(
            ctx.t("api.tab.scope"),
            api.SCOPES,
            format_func=lambda s: ctx.t(f"api.tab.scope.{s}"),
            key="api_token_scope",
            horizontal=True,
        )
        days = right.number_input(
            ctx.t("api.tab.days"), min_value=1, max_value=api.MAX_DAYS, value=api.DEFAULT_DAYS, step=1
        )
        if st.form_submit_button(ctx.t("api.tab.create"), icon=":material/key:"):
            _create(ctx, name, scope, int(days))
    frame = api.listing(ctx.store)
    if frame.empty:
        st.info(ctx.t("api.tab.none"), icon=":material/info:")
        return
    now = dt.datetime.now()
    lang = ctx.lang
    states = [_state(row, now) for _, row in frame.iterrows()]
    table = pd.DataFrame(
        {
            ctx.t("api.col.name"): frame["name"],
            ctx.t("api.col.scope"): frame["scope"],
            ctx.t("api.col.state"): [ctx.t(f"api.tab.state.{s}") for s in states],
            ctx.t("api.col.created_at"): [_when(v, lang) for v in frame["created_at"]],
            ctx.t("api.col.created_by"): frame["created_by"].fillna("–"),
            ctx.t("api.col.expires_at"): [_when(v, lang) for v in frame["expires_at"]],
            ctx.t("api.col.revoked_at"): [_when(v, lang) for v in frame["revoked_at"]],
            ctx.t("api.col.revoked_by"): frame["revoked_by"].fillna("–"),
        }
    )
    show_table(table, hide_index=True, width="stretch")
    active = [n for n, s in zip(frame["name"], states, strict=True) if s == "active"]
    if active:
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        pick = left.selectbox(ctx.t("api.tab.revoke_pick"), active, key="api_token_revoke")
        if right.button(ctx.t("api.tab.revoke"), key="api_token_revoke_go", icon=":material/block:"):
            _revoke(ctx, pick)


def _create(ctx: Context, name: str, scope: str, days: int) -> None:
    try:
        require_analyst()
    except NotAnalyst:
        st.error(ctx.t("auth.denied"), icon=":material/lock:")
        return
    try:
        secret = api.create_token(ctx.store, name, scope, days, by=who())
    except api.TokenError as exc:
        st.error(ctx.t(f"api.token.{exc.code}", **exc.params), icon=":material/error:")
        return
    expires = fmt_date(dt.date.today() + dt.timedelta(days=days), ctx.lang)
    st.session_state[_SHOWN] = (name.strip(), scope, expires, secret)
    st.rerun()


def _revoke(ctx: Context, name: str) -> None:
    try:
        require_analyst()
    except NotAnalyst:
        st.error(ctx.t("auth.denied"), icon=":material/lock:")
        return
    try:
        api.revoke_token(ctx.store, name, by=who())
    except api.TokenError as exc:
        st.error(ctx.t(f"api.token.{exc.code}", **exc.params), icon=":material/error:")
        return
    st.toast(ctx.t("api.token.revoked", name=name), icon=":material/block:")
    st.rerun()
