"""The Data page's snapshots (analytics.backup): the list, a snapshot on request and a restore with its
confirmation (analysts only); and the recovery panel shown while the store is damaged, lost or emptied and
the app shows its newest verified snapshot instead. Every action checks the role on the server first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import backup
from analytics.i18n import fmt_int
from analytics.store import backup_dir
from ui import store_handle
from ui.auth import NotAnalyst, actor, client_address, has_role, require_analyst, require_role
from ui.context import Context
from ui.tables import show_table
from ui.widgets import markdown_literal

_MESSAGE = "_backup_message"  # (kind, text) shown once after the rerun that follows an action
_PENDING = "_backup_restore_pending"  # the snapshot file a restore waits to be confirmed for


def flash(ctx: Context) -> None:
    """The outcome of the last snapshot or restore (above the tabs, so it is seen whatever the tab)."""
    message = st.session_state.pop(_MESSAGE, None)
    if message:
        kind, text = message
        (st.success if kind == "ok" else st.error)(text, icon=":material/settings_backup_restore:")


def _done(kind: str, text: str) -> None:
    st.session_state[_MESSAGE] = (kind, text)
    st.rerun()


def _table(ctx: Context, snapshots: list[backup.Snapshot]) -> pd.DataFrame:
    lang = ctx.lang
    return pd.DataFrame(
        {
            ctx.t("backup.col.taken_at"): [backup.when_text(s.taken_at, lang) for s in snapshots],
            ctx.t("backup.col.reason"): [
                ctx.t(f"backup.reason.{s.reason}") if s.reason in backup.REASONS else s.reason
                for s in snapshots
            ],
            ctx.t("backup.col.records"): [fmt_int(s.records, lang) for s in snapshots],
            ctx.t("backup.col.size"): [backup.size_text(s.size, lang) for s in snapshots],
            ctx.t("backup.col.verified"): [
                ctx.t("backup.verified" if s.verified else "backup.unverified") for s in snapshots
            ],
            ctx.t("backup.col.file"): [s.path.name for s in snapshots],
        }
    )


def _reason(ctx: Context, item: backup.Snapshot) -> str:
    return ctx.t(f"backup.reason.{item.reason}") if item.reason in backup.REASONS else item.reason


def _option(ctx: Context, item: backup.Snapshot) -> str:
    return ctx.t(
        "backup.option",
        when=backup.when_text(item.taken_at, ctx.lang),
        records=fmt_int(item.records, ctx.lang),
        reason=_reason(ctx, item),
    )


def section(ctx: Context, writer: bool) -> None:
    """The Backups tab: analysts see the snapshots, take one, and restore one; viewers are told it is theirs."""
    if not has_role():
        st.info(ctx.t("backup.viewer"), icon=":material/lock:")
        return
    rules = backup.keep_rules()
    st.caption(
        ctx.t("backup.help", keep=ctx.t("backup.keep", **rules), folder=backup_dir(store_handle.store_path()))
    )
    if ctx.store.read_only:
        st.info(ctx.t("backup.unavailable"), icon=":material/lock:")
    elif st.button(ctx.t("backup.now"), key="backup_now", icon=":material/backup:"):
        take_now(ctx)
    snapshots = backup.list_snapshots(store_handle.store_path())
    if not snapshots:
        st.info(ctx.t("backup.none"), icon=":material/info:")
        return
    show_table(_table(ctx, snapshots), hide_index=True, width="stretch")
    verified = [s for s in snapshots if s.verified]
    if not writer or not verified:
        return
    names = {s.path.name: s for s in verified}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    with left:
        picked = st.selectbox(
            ctx.t("backup.pick"),
            list(names),
            format_func=lambda n: _option(ctx, names[n]),
            key="backup_pick",
        )
    with right:
        if st.button(
            ctx.t("backup.restore"), key="backup_restore_ask", icon=":material/restore:", width="stretch"
        ):
            st.session_state[_PENDING] = picked
    pending = st.session_state.get(_PENDING)
    if pending in names:
        chosen = names[pending]
        st.warning(
            ctx.t(
                "backup.confirm_text",
                when=backup.when_text(chosen.taken_at, ctx.lang),
                records=fmt_int(chosen.records, ctx.lang),
            ),
            icon=":material/warning:",
        )
        yes, no, _ = st.columns([1, 1, 3])
        with yes:
            if st.button(ctx.t("backup.confirm"), type="primary", key="backup_restore_yes", width="stretch"):
                restore(ctx, chosen)
        with no:
            if st.button(ctx.t("backup.cancel"), key="backup_restore_no", width="stretch"):
                st.session_state.pop(_PENDING, None)
                st.rerun()


def take_now(ctx: Context) -> None:
    """A snapshot on request (analysts; a forged click from a viewer is refused)."""
    try:
        require_analyst()
    except NotAnalyst:
        st.error(ctx.t("auth.denied"), icon=":material/lock:")
        return
    try:
        newest = backup.newest_verified(ctx.store.path)
        made = backup.before_change(ctx.store, "manual")
    except backup.BackupError as exc:
        _done("error", ctx.t("backup.failed", reason=backup.error_text(exc, ctx.lang)))
        return
    if made is None or (newest is not None and made.path == newest.path):
        _done("ok", ctx.t("backup.same", file=newest.path.name if newest else "–"))
        return
    _done("ok", ctx.t("backup.made", file=made.path.name, records=fmt_int(made.records, ctx.lang)))


def restore(ctx: Context, chosen: backup.Snapshot) -> None:
    """Restore a snapshot into the open store (analysts; the current state is snapshotted first)."""
    st.session_state.pop(_PENDING, None)
    try:
        require_analyst()
    except NotAnalyst:
        st.error(ctx.t("auth.denied"), icon=":material/lock:")
        return
    try:
        done = store_handle.restore_live(ctx.store, chosen.path, by=actor(), address=client_address())
    except backup.BackupError as exc:
        _done("error", ctx.t("backup.failed", reason=backup.error_text(exc, ctx.lang)))
        return
    _done(
        "ok",
        ctx.t(
            "backup.restored",
            when=backup.when_text(chosen.taken_at, ctx.lang),
            records=fmt_int(done.records, ctx.lang),
        ),
    )


def recovery_panel(ctx: Context) -> None:
    """While the store cannot be used: what is wrong, the snapshot shown, and (analysts) its restore."""
    found = store_handle.problem()
    if found is None:
        return
    problem, snapshot = found
    with st.container(border=True):
        st.markdown("**" + ctx.t("backup.damaged.title") + "**")
        st.write(
            ctx.t(
                "backup.damaged.text",
                path=markdown_literal(store_handle.store_path()),
                detail=markdown_literal(problem.detail or problem.code),
                when=backup.when_text(snapshot.taken_at, ctx.lang),
                records=fmt_int(snapshot.records, ctx.lang),
            )
        )
        if has_role() and st.button(
            ctx.t("backup.damaged.restore"),
            type="primary",
            key="backup_restore_damaged",
            icon=":material/restore:",
        ):
            restore_damaged(ctx)


def restore_damaged(ctx: Context) -> None:
    try:
        require_role()
    except NotAnalyst:
        st.error(ctx.t("auth.denied"), icon=":material/lock:")
        return
    found = store_handle.problem()
    try:
        done = store_handle.restore_damaged(by=actor(), address=client_address())
    except backup.BackupError as exc:
        _done("error", ctx.t("backup.failed", reason=backup.error_text(exc, ctx.lang)))
        return
    when = backup.when_text(found[1].taken_at, ctx.lang) if found else ""
    _done("ok", ctx.t("backup.restored", when=when, records=fmt_int(done.records, ctx.lang)))
