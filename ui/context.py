"""What every page needs for one script run: the store, the language, the filters and the data version.

`ui.shell.setup()` builds the `Context` once per run (in app.py, before the page); pages and helpers read it
with `current()`. This module imports no other part of ui/, so every other module may import it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import streamlit as st

from analytics.filters import Filters
from analytics.i18n import Lang, t
from analytics.programs import Program
from analytics.store import Reader, Store

_CTX_KEY = "_ctx"


@dataclass(frozen=True)
class Context:
    """One run's view: `store` for writes and for work after the run (downloads), `reader` (a snapshot:
    one committed state for every query of the run) for the figures. `program` is the program every figure
    answers for (the filters name it) and `terms` its words for the catalogue's placeholders (its noun, its
    period word, its name, the union's name in the period shown), which `t()` fills in."""

    store: Store
    reader: Reader
    lang: Lang
    filters: Filters
    version: int
    options: dict
    sample: bool
    program: Program | None = None
    terms: dict = field(default_factory=dict)

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **{**self.terms, **values})

    def period_label(self, number: int) -> str:
        """ "Giai đoạn 2", "Năm 2025" (the program's word for its periods)."""
        if self.program is not None:
            return self.program.period_label(number, self.lang)
        return t("overview.phase_name", self.lang, n=number)


class NoContext(RuntimeError):
    """A page ran without app.py having set up its run (the app must be started with `streamlit run app.py`)."""


def remember(ctx: Context) -> None:
    """Make `ctx` this run's context (ui.shell.setup calls it)."""
    st.session_state[_CTX_KEY] = ctx


def current() -> Context:
    """The context app.py's setup made for this run."""
    ctx = current_or_none()
    if ctx is None:
        raise NoContext("no page context: run the app with `streamlit run app.py`")
    return ctx


def current_or_none() -> Context | None:
    """The run's context when app.py set one up (helpers that also work outside a page use this)."""
    return st.session_state.get(_CTX_KEY)


def latest_day(ctx: Context) -> dt.date | None:
    """The newest registration day of the program in view (the as-of day of a view without one)."""
    if ctx.program is not None:
        return ctx.options.get("program_last_day", {}).get(ctx.program.code) or ctx.options.get("last_day")
    return ctx.options.get("last_day")
