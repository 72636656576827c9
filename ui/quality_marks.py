"""The Quality page's writes: an analyst's mark of a pair ("same initiative", "spread", "different"), its
undo, and the basis of a record's benefit, each written on what the page showed when the analyst clicked.

A mark's button names its pair (or record) itself: its `on_click` keeps the pair drawn next to it, so the
click asks for that pair even when the data changed meanwhile (another session imported, undid an import or
marked the pair) and the list it was picked from now holds other pairs (a picker whose choice is gone
falls back to the list's first entry: a mark taken from it would land on another pair). The write then runs
in the page's next run, analysts only, checked on the server by analytics.quality against the data as they
are then: written on those codes, or refused with the reason (`quality.refused.*`), never on another pair.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from analytics import quality
from ui.auth import NotAnalyst, client_address, require_analyst, who
from ui.context import Context
from ui.widgets import plain

_ASKED = "_quality_asked"  # the write a click asked for: (action, arguments as the page showed them)
_DONE = "_quality_done"  # the message of the last write, shown once by the run after it


def ask(action: str, *args: object) -> None:
    """`on_click` of a mark button: remember what the button was drawn for (run before the next run)."""
    st.session_state[_ASKED] = (action, args)


def _mark(ctx: Context, code_a: str, code_b: str, mark: str) -> str:
    quality.mark_pair(ctx.store, code_a, code_b, mark, who(), client_address(), expected=None)  # was waiting
    return ctx.t(
        "quality.dup.marked", mark=ctx.t(f"quality.dup.mark.{mark}"), a=plain(code_a), b=plain(code_b)
    )


def _undo(ctx: Context, code_a: str, code_b: str, mark: str) -> str:
    quality.undo_mark(ctx.store, code_a, code_b, who(), client_address(), expected=mark)
    return ctx.t("quality.dup.undone", a=plain(code_a), b=plain(code_b))


def _basis(ctx: Context, code: str, basis: str) -> str:
    quality.mark_benefit(ctx.store, code, basis, who(), client_address())
    return ctx.t("quality.benefit.saved", code=plain(code), basis=ctx.t(f"quality.basis.{basis}"))


# The writes a click can ask for: action -> the function that writes it and says what it did.
ACTIONS: dict[str, Callable[..., str]] = {"mark": _mark, "undo": _undo, "basis": _basis}


def refusal_text(ctx: Context, refused: quality.MarkRefused) -> str:
    """The refusal's message in the page's language, its codes and names shown as written."""
    values = {k: plain(str(v)) if v is not None else "–" for k, v in refused.values.items()}
    if "mark" in refused.values:
        values["mark"] = ctx.t(f"quality.dup.mark.{refused.values['mark']}")
    return ctx.t(refused.key, **values)


def carry_out(ctx: Context) -> None:
    """At the top of the page's run: the write the last click asked for, if any (once). Done: its message
    waits for the rerun that shows the data after it. Refused (not an analyst, or the data changed so that
    the pair or record shown is gone or marked meanwhile): the reason is shown now and nothing is written.
    Then the message of the write before, if any."""
    asked = st.session_state.pop(_ASKED, None)
    if asked is not None and asked[0] in ACTIONS:
        action, args = asked
        try:
            require_analyst()
            st.session_state[_DONE] = ACTIONS[action](ctx, *args)
        except NotAnalyst:
            st.error(ctx.t("auth.denied"), icon=":material/lock:")
        except quality.MarkRefused as refused:
            st.error(refusal_text(ctx, refused), icon=":material/block:")
        else:
            st.rerun()  # this run's snapshot began before the write
    done = st.session_state.pop(_DONE, None)
    if done:
        st.toast(done, icon=":material/check_circle:")
