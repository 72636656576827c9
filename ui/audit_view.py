"""The Data page's audit log (analytics.audit), for analysts: sign-ins with their address, imports, undos,
edits, restores and downloads of records, by person and time, newest first; and the recording of
downloads of records (the Records page's buttons)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from analytics import audit
from analytics.i18n import fmt_date, fmt_int
from ui.auth import actor, client_address, has_role
from ui.context import Context
from ui.tables import show_table

LIMIT = 1000


def section(ctx: Context) -> None:
    """The Audit tab: a filter by kind and the log as a table (text from data shown as text)."""
    if not has_role():
        st.info(ctx.t("audit.viewer"), icon=":material/lock:")
        return
    st.caption(ctx.t("audit.help"))
    kinds = st.multiselect(
        ctx.t("audit.filter"),
        list(audit.KINDS),
        format_func=lambda k: ctx.t(f"audit.kind.{k}"),
        key="audit_kinds",
        placeholder=ctx.t("audit.filter.all"),
        select_all=False,  # Streamlit's "Select all" is English only (and empty means all here)
    )
    frame = audit.events(ctx.store, tuple(kinds), limit=LIMIT)  # the log, not figures: no snapshot needed
    if frame.empty:
        st.info(ctx.t("audit.empty"), icon=":material/info:")
        return
    lang = ctx.lang
    table = pd.DataFrame(
        {
            ctx.t("audit.col.happened_at"): [
                f"{pd.Timestamp(at).strftime('%H:%M:%S')} {fmt_date(pd.Timestamp(at).date(), lang)}"
                for at in frame["happened_at"]
            ],
            ctx.t("audit.col.kind"): [ctx.t(f"audit.kind.{k}") for k in frame["kind"]],
            ctx.t("audit.col.actor"): frame["actor"].fillna("–"),
            ctx.t("audit.col.address"): frame["address"].fillna("–"),
            ctx.t("audit.col.subject"): frame["subject"].fillna(""),
            ctx.t("audit.col.detail"): [
                audit.detail_text(k, d, lang) for k, d in zip(frame["kind"], frame["detail"], strict=True)
            ],
        }
    )
    show_table(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 600))
    if len(frame) == LIMIT:
        st.caption(ctx.t("audit.limited", n=fmt_int(LIMIT, lang)))


def logged_download(
    ctx: Context, fmt: str, fetch: Callable[[], pd.DataFrame], render: Callable[[pd.DataFrame], bytes]
) -> Callable[[], bytes]:
    """The data of a records download that logs itself when it is fetched (Streamlit calls it on a worker
    thread without the session, so who and from where are taken now)."""
    store, who, address = ctx.store, actor(), client_address()

    def data() -> bytes:
        frame = fetch()
        audit.record(store, "download", who, address, detail={"format": fmt, "rows": len(frame)})
        return render(frame)

    return data
