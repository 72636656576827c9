"""The sidebar shared by every page: language switch, the program, and the filters (its period, units,
groups, units as today or as then, field, status, registration dates, as-of day) with a reset. Widget values
live in session state, seeded from the URL. The period filter is named and labelled the program's way
("Giai đoạn" · "GĐ 2", "Năm" · "2025")."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from analytics.i18n import Lang, as_lang, fmt_date, t
from analytics.programs import UNIT_VIEWS, Program, by_code
from analytics.store import STATUSES
from ui.labels import translated, unit_choice_label
from ui.view_state import (
    K_AS_OF,
    K_FIELDS,
    K_FROM,
    K_GROUPS,
    K_LANG,
    K_PHASE,
    K_PROGRAM,
    K_STATUSES,
    K_TO,
    K_UNITS,
    K_UNITS_AS,
    program_changed,
    reset_filters,
)

_EARLIEST = dt.date(2000, 1, 1)


def draw_sidebar(options: dict) -> Lang:
    """Draw the language switch and the filters; returns the chosen language."""
    with st.sidebar:
        st.segmented_control(
            t("lang.label", as_lang(st.session_state.get(K_LANG))),
            ["vi", "en"],
            key=K_LANG,
            required=True,
            format_func=lambda code: {"vi": "Tiếng Việt", "en": "English"}[code],
            label_visibility="collapsed",
        )
        lang = as_lang(st.session_state.get(K_LANG))
        st.header(t("filter.header", lang), divider="gray")
        program = _program(options, lang)
        _phase(options, lang, program)
        _units(options, lang)
        _as_of(options, lang, program)
        with st.expander(t("filter.more", lang), expanded=_more_in_use()):
            _fields_statuses(options, lang)
            _dates(options, lang)
        st.button(
            t("filter.reset", lang),
            on_click=reset_filters,
            icon=":material/restart_alt:",
            width="stretch",
            key="w_reset",
        )
        st.caption(t("filter.share", lang))
    return lang


def _more_in_use() -> bool:
    return any(st.session_state.get(k) for k in (K_FIELDS, K_STATUSES, K_FROM, K_TO))


def chosen_program(options: dict) -> Program | None:
    """The program the sidebar holds (the default one until a person or a link chose another)."""
    programs = options.get("programs") or []
    return by_code(programs, st.session_state.get(K_PROGRAM)) or by_code(
        programs, options.get("default_program")
    )


def _program(options: dict, lang: Lang) -> Program | None:
    """The program switch: every page's figures answer for the program chosen here."""
    programs = options.get("programs") or []
    program = chosen_program(options)
    if program is None:
        return None
    st.session_state[K_PROGRAM] = program.code
    names = {p.code: p.title(lang) for p in programs}
    st.selectbox(
        t("filter.program", lang),
        list(names),
        key=K_PROGRAM,
        format_func=lambda code: names.get(code, code),
        help=t("filter.program.help", lang),
        on_change=program_changed,
    )
    return program


def period_short_label(program: Program | None, number: int, lang: Lang) -> str:
    """A period in the sidebar's narrow switch: "GĐ 2" for phases, "2025" for years, "Đợt 3" otherwise."""
    if program is None or program.period_word_vi == "Giai đoạn":
        return t("filter.phase.n", lang, n=number)
    if number >= 1000:
        return str(number)
    return program.period_label(number, lang)


def _phase(options: dict, lang: Lang, program: Program | None) -> None:
    numbers = program.period_numbers() if program else [int(p["phase"]) for p in options["phases"]]
    choices = [0, *numbers]
    if st.session_state.get(K_PHASE) not in choices:
        st.session_state[K_PHASE] = 0
    words = program.terms(lang) if program else {}
    st.segmented_control(
        t("filter.phase", lang, **words),
        choices,
        key=K_PHASE,
        required=True,
        help=t("filter.phase.help", lang, **words),
        format_func=lambda n: t("filter.phase.all", lang) if n == 0 else period_short_label(program, n, lang),
        width="stretch",
    )


def _units(options: dict, lang: Lang) -> None:
    labels = {u["code"]: unit_choice_label(u) for u in options["units"]}
    # Typing and Enter picks the one best match (never "select every match": select_all off), the best
    # match of an exact short name or code coming first in Streamlit's fuzzy order.
    st.multiselect(
        t("filter.units", lang),
        list(labels),
        key=K_UNITS,
        placeholder=t("filter.units.placeholder", lang),
        format_func=lambda code: labels.get(code, code),
        help=t("filter.units.help", lang),
        select_all=False,
    )
    st.multiselect(
        t("filter.groups", lang),
        options["groups"],
        key=K_GROUPS,
        placeholder=t("filter.groups.placeholder", lang),
        format_func=lambda g: translated("group", g, lang),
        help=t("filter.groups.help", lang),
        select_all=False,
    )
    if options.get("unit_changes"):
        if st.session_state.get(K_UNITS_AS) not in UNIT_VIEWS:
            st.session_state[K_UNITS_AS] = UNIT_VIEWS[0]
        st.segmented_control(
            t("filter.units_as", lang),
            list(UNIT_VIEWS),
            key=K_UNITS_AS,
            required=True,
            format_func=lambda v: t(f"filter.units_as.{v}", lang),
            help=t("filter.units_as.help", lang),
            width="stretch",
        )


def _fields_statuses(options: dict, lang: Lang) -> None:
    fields = list(dict.fromkeys(options["fields"] + list(st.session_state.get(K_FIELDS) or [])))
    st.multiselect(
        t("filter.fields", lang),
        fields,
        key=K_FIELDS,
        placeholder=t("filter.fields.placeholder", lang),
        format_func=lambda f: translated("field", f, lang),
        select_all=False,
    )
    st.multiselect(
        t("filter.statuses", lang),
        list(STATUSES),
        key=K_STATUSES,
        placeholder=t("filter.statuses.placeholder", lang),
        format_func=lambda s: t(f"status.{s}", lang),
        select_all=False,
    )


def _bounds(options: dict) -> tuple[dt.date, dt.date]:
    """The days a date filter may take: from the earliest period or record to the newest record (else the
    latest period's end). The newest record is the upper bound on purpose: Streamlit's calendar opens on
    the chosen day, else on today kept within the bounds, so it opens on the data's last day, not years
    away from it."""
    programs = options.get("programs") or []
    starts = (
        [p["start_on"] for p in options["phases"]]
        + [p.start_on for p in programs]
        + [options.get("first_day")]
    )
    ends = [options.get("last_day")]
    if not any(ends):
        ends = [p["end_on"] for p in options["phases"]] + [p.end_on for p in programs] + [dt.date.today()]
    low = min((d for d in starts if d), default=_EARLIEST)
    high = max((d for d in ends if d), default=dt.date.today())
    return min(low, _EARLIEST), high


def _within(key: str, low: dt.date, high: dt.date) -> None:
    """A day from a link or an earlier session kept within the bounds (Streamlit refuses one outside)."""
    day = st.session_state.get(key)
    if isinstance(day, dt.date):
        st.session_state[key] = min(max(day, low), high)


def _dates(options: dict, lang: Lang) -> None:
    low, high = _bounds(options)
    st.caption(t("filter.dates", lang))
    # One under the other: side by side in the sidebar, each field showed only "dd / mm".
    for key, label in ((K_FROM, "filter.date_from"), (K_TO, "filter.date_to")):
        _within(key, low, high)
        st.date_input(t(label, lang), key=key, min_value=low, max_value=high, format="DD/MM/YYYY")


def _as_of(options: dict, lang: Lang, program: Program | None = None) -> None:
    low, high = _bounds(options)
    if program is not None:  # the calendar opens on the program's own last day
        high = (options.get("program_last_day") or {}).get(program.code) or high
    _within(K_AS_OF, low, high)
    st.date_input(
        t("filter.as_of", lang),
        key=K_AS_OF,
        min_value=low,
        max_value=high,
        format="DD/MM/YYYY",
        help=t("filter.as_of.help", lang),
    )
    latest = options.get("last_day")
    if program is not None:
        latest = (options.get("program_last_day") or {}).get(program.code) or latest
    if st.session_state.get(K_AS_OF) is None and latest:
        st.caption(t("filter.as_of.latest", lang, date=fmt_date(latest, lang)))
