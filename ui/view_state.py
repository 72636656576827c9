"""The view a person is looking at, kept in widget state and in the URL.

The sidebar's widgets own their values through fixed keys (K_*); on a session's first run they are seeded
from the URL (`seed_from_url`), their values are carried across page changes (Streamlit drops the entry
script's widget values on a page transition), and the address bar is kept equal to the view
(`write_url`), so that a copied link reproduces it. Page-level view state (the open unit detail) lives in
the URL too, under the names in PAGE_PARAMS.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from analytics.filters import Filters, from_query, to_query
from analytics.i18n import DEFAULT_LANG, Lang, as_lang
from analytics.programs import UNITS_TODAY, default_program

# Widget keys; the URL names (program, phase, unit, ...) are in analytics.filters.
K_LANG, K_PHASE, K_UNITS, K_GROUPS = "w_lang", "w_phase", "w_units", "w_groups"
K_FIELDS, K_STATUSES, K_FROM, K_TO, K_AS_OF = "w_fields", "w_statuses", "w_from", "w_to", "w_as_of"
K_PROGRAM, K_UNITS_AS = "w_program", "w_units_as"
WIDGET_KEYS = (
    K_LANG, K_PROGRAM, K_PHASE, K_UNITS, K_GROUPS, K_FIELDS, K_STATUSES, K_FROM, K_TO, K_AS_OF, K_UNITS_AS,
)  # fmt: skip
PAGE_PARAMS: tuple[str, ...] = ("detail", "q", "present", "every")  # page-level view state kept in the URL

_URL_LOADED = "_url_loaded"
_DROPPED = "_url_dropped"
_VIEW = "_view"
_LAST_PAGE = "_last_page"


def _query_lists() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def page_language() -> Lang:
    """The language before any widget is drawn (for the page title and the navigation)."""
    return as_lang(st.session_state.get(K_LANG) or (st.query_params.get("lang") or DEFAULT_LANG))


def seed_from_url(options: dict) -> None:
    """On a session's first run, put the URL's filters into the widgets' state."""
    if st.session_state.get(_URL_LOADED):
        return
    params = _query_lists()
    filters, lang, dropped = from_query(
        params,
        known_units=[u["code"] for u in options["units"]],
        known_groups=options["groups"],
        known_fields=options["fields"],
        known_phases=[int(p["phase"]) for p in options["phases"]],
        programs=options.get("programs") or None,
        last_day=options.get("last_day"),
    )
    st.session_state[K_LANG] = lang
    put_filters(filters)
    for key in PAGE_PARAMS:
        values = params.get(key)
        st.session_state[f"url_{key}"] = values[-1] if values else None
    st.session_state[_DROPPED] = dropped
    st.session_state[_URL_LOADED] = True


def dropped_from_url() -> list[str]:
    """The link's values that were not valid (and were ignored), for the page's notice."""
    return st.session_state.get(_DROPPED) or []


def put_filters(filters: Filters) -> None:
    """Set the sidebar's widgets to `filters` (they show them on the next run)."""
    if filters.program is not None:
        st.session_state[K_PROGRAM] = filters.program
    st.session_state[K_UNITS_AS] = filters.units_as
    st.session_state[K_PHASE] = filters.phase or 0
    st.session_state[K_UNITS] = list(filters.units)
    st.session_state[K_GROUPS] = list(filters.groups)
    st.session_state[K_FIELDS] = list(filters.fields)
    st.session_state[K_STATUSES] = list(filters.statuses)
    st.session_state[K_FROM] = filters.date_from
    st.session_state[K_TO] = filters.date_to
    st.session_state[K_AS_OF] = filters.as_of


def _current_page() -> str:
    run = get_script_run_ctx()
    return run.page_script_hash if run else ""


def keep_view_across_pages() -> None:
    """Re-apply the sidebar's values when the person moves to another page.

    Streamlit 1.67 starts a page transition with the entry script's widgets at their defaults although
    their keys still hold the values, so the view (filters, language) is remembered after every run and
    put back into the widget keys on the first run of a new page. The page a run asks for is compared with
    the page the previous run showed (recorded by `remember_page` once navigation has resolved it).
    """
    last = st.session_state.get(_LAST_PAGE)
    if last is not None and last != _current_page():
        for key, value in st.session_state.get(_VIEW, {}).items():
            st.session_state[key] = value


def remember_page() -> None:
    """Called by app.py after st.navigation: the page this run shows."""
    st.session_state[_LAST_PAGE] = _current_page()


def remember_view() -> None:
    st.session_state[_VIEW] = {key: st.session_state.get(key) for key in WIDGET_KEYS}


def reset_filters() -> None:
    """Widget callback: back to the whole program (the one chosen), latest figures."""
    put_filters(Filters(program=st.session_state.get(K_PROGRAM)))


def program_changed() -> None:
    """Widget callback of the program switch: periods and days belong to a program, so the period, the
    as-of day and the registration dates start afresh (units, fields and statuses stay)."""
    for key in (K_FROM, K_TO, K_AS_OF):
        st.session_state[key] = None
    st.session_state[K_PHASE] = 0


def filters_from_state() -> Filters:
    phase = st.session_state.get(K_PHASE) or None
    return Filters(
        phase=int(phase) if phase else None,
        units=tuple(st.session_state.get(K_UNITS) or ()),
        groups=tuple(st.session_state.get(K_GROUPS) or ()),
        fields=tuple(st.session_state.get(K_FIELDS) or ()),
        statuses=tuple(st.session_state.get(K_STATUSES) or ()),
        date_from=st.session_state.get(K_FROM),
        date_to=st.session_state.get(K_TO),
        as_of=st.session_state.get(K_AS_OF),
        program=st.session_state.get(K_PROGRAM) or None,
        units_as=st.session_state.get(K_UNITS_AS) or UNITS_TODAY,
    )


def set_filters(filters: Filters) -> None:
    """Change the filters from a page (e.g. after a chart selection); the sidebar follows on rerun."""
    put_filters(filters)


def page_param(key: str) -> str | None:
    return st.session_state.get(f"url_{key}")


def set_page_param(key: str, value: str | None) -> None:
    st.session_state[f"url_{key}"] = value


def write_url(filters: Filters, lang: Lang, options: dict | None = None) -> None:
    """Keep the address bar equal to the view, so that a copied link reproduces it. The program is written
    when the rest of the link would open another one (analytics.programs.default_program)."""
    programs = (options or {}).get("programs") or []
    default = default_program(programs, filters.as_of, (options or {}).get("last_day"), phase=filters.phase)
    query = to_query(filters, lang, default.code if default else None)
    for key in PAGE_PARAMS:
        value = page_param(key)
        if value:
            query[key] = [value]
    if _query_lists() != query:
        st.query_params.from_dict(query)
