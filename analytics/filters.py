"""The view's filters: one value object, its URL form (a public contract) and its SQL parameters.

URL parameters: `program` (a program's code), `phase` (the number of one of its periods: 1, 2 or 2024...),
`unit` (unit code, repeatable), `group` (repeatable), `field` (repeatable), `status` (registered, recognized,
applied, not_recognized; repeatable), `from`, `to`, `as_of` (YYYY-MM-DD), `units_as` (`today`, the default,
or `then`) and `lang` (vi, en). A link holding them reproduces the view; values that are not valid are
dropped (and reported) rather than failing the page. A link without `program` opens the program of its
as-of day, else the running one (analytics.programs.default_program).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from analytics.i18n import DEFAULT_LANG, Lang, as_lang
from analytics.programs import UNIT_VIEWS, UNITS_TODAY, Program, by_code, default_program
from analytics.store import STATUSES
from analytics.textnorm import clean_text

URL_KEYS = ("program", "phase", "unit", "group", "field", "status", "from", "to", "as_of", "units_as", "lang")


@dataclass(frozen=True)
class Filters:
    """What the person is looking at. Empty tuples and None mean "no restriction"; `program` None means the
    default program (analytics.programs.default_program, resolved by the metrics)."""

    phase: int | None = None
    units: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    as_of: dt.date | None = None
    program: str | None = None
    units_as: str = UNITS_TODAY

    def with_(self, **changes: Any) -> Filters:
        """A copy with some values changed (e.g. the same view for one phase)."""
        return replace(self, **changes)

    def sql_params(self) -> dict[str, Any]:
        """Every filter as a named SQL parameter ($phase, $units, ...), never spliced into SQL text."""
        return {
            "phase": self.phase,
            "units": list(self.units),
            "groups": list(self.groups),
            "fields": list(self.fields),
            "statuses": list(self.statuses),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "as_of": self.as_of,
            "program": self.program,
        }

    def is_default(self) -> bool:
        return self == Filters()


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _values(params: Mapping[str, Any], key: str) -> list[str]:
    raw = params.get(key)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    return [clean_text(v) for v in items if clean_text(v)]


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def from_query(
    params: Mapping[str, Any],
    known_units: Iterable[str] = (),
    known_groups: Iterable[str] = (),
    known_fields: Iterable[str] = (),
    known_phases: Iterable[int] = (1, 2),
    programs: Iterable[Program] | None = None,
    last_day: dt.date | None = None,
) -> tuple[Filters, Lang, list[str]]:
    """Read filters from URL parameters (value or list of values per key).

    With `programs` (the store's), `program` is checked against them and, when absent, chosen by the
    default rule from the link's as-of day (else `last_day`, the newest record); `phase` is then checked
    against that program's periods. Returns the filters, the language and the list of parameters that were
    dropped as invalid, so the page can say "the link held an unknown unit" instead of silently showing
    something else.
    """
    dropped: list[str] = []
    units_ok, groups_ok, phases_ok = set(known_units), set(known_groups), set(known_phases)
    fields_ok = set(known_fields)

    dates: dict[str, dt.date | None] = {}
    for key in ("from", "to", "as_of"):
        dates[key] = None
        for value in _values(params, key)[-1:]:
            dates[key] = _parse_date(value)
            if dates[key] is None:
                dropped.append(f"{key}={value}")
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        # a range that ends before it starts holds nothing: named, not answered with zero records
        dropped += [f"from={_values(params, 'from')[-1]}", f"to={_values(params, 'to')[-1]}"]
        dates["from"] = dates["to"] = None

    program: str | None = None
    if programs is not None:
        programs = list(programs)
        for value in _values(params, "program")[-1:]:
            if by_code(programs, value) is not None:
                program = value
            else:
                dropped.append(f"program={value}")
        if program is None:
            asked = _values(params, "phase")[-1:]
            wanted = int(asked[0]) if asked and asked[0].isdigit() else None
            chosen = default_program(programs, dates["as_of"], last_day, phase=wanted)
            program = chosen.code if chosen else None
        chosen = by_code(programs, program)
        phases_ok = set(chosen.period_numbers()) if chosen else set()

    phase = None
    for value in _values(params, "phase")[-1:]:
        if value.isdigit() and (not phases_ok or int(value) in phases_ok):
            phase = int(value)
        else:
            dropped.append(f"phase={value}")

    def keep(key: str, allowed: set[str]) -> tuple[str, ...]:
        kept = []
        for value in _values(params, key):
            if not allowed or value in allowed:
                kept.append(value)
            else:
                dropped.append(f"{key}={value}")
        return _unique(kept)

    units_as = UNITS_TODAY
    for value in _values(params, "units_as")[-1:]:
        if value in UNIT_VIEWS:
            units_as = value
        else:
            dropped.append(f"units_as={value}")

    filters = Filters(
        phase=phase,
        units=keep("unit", units_ok),
        groups=keep("group", groups_ok),
        fields=keep("field", fields_ok),
        statuses=keep("status", set(STATUSES)),
        date_from=dates["from"],
        date_to=dates["to"],
        as_of=dates["as_of"],
        program=program,
        units_as=units_as,
    )
    lang_values = _values(params, "lang")
    lang = as_lang(lang_values[-1]) if lang_values else DEFAULT_LANG
    return filters, lang, dropped


def to_query(
    filters: Filters, lang: Lang = DEFAULT_LANG, default_code: str | None = None
) -> dict[str, list[str]]:
    """The URL parameters for a view: only what differs from the default, in a stable order. `program` is
    written when it is not the program the rest of the link would open anyway (`default_code`)."""
    query: dict[str, list[str]] = {}
    if filters.program is not None and filters.program != default_code:
        query["program"] = [filters.program]
    if filters.phase is not None:
        query["phase"] = [str(filters.phase)]
    for key, values in (
        ("unit", filters.units),
        ("group", filters.groups),
        ("field", filters.fields),
        ("status", filters.statuses),
    ):
        if values:
            query[key] = list(values)
    for key, value in (("from", filters.date_from), ("to", filters.date_to), ("as_of", filters.as_of)):
        if value is not None:
            query[key] = [value.isoformat()]
    if filters.units_as != UNITS_TODAY:
        query["units_as"] = [filters.units_as]
    if lang != DEFAULT_LANG:
        query["lang"] = [lang]
    return query


def filters_for_selection(filters: Filters, selected_units: Iterable[str]) -> Filters:
    """The filters after a person picks units on a chart: those units become the unit filter.

    Picking nothing leaves the filters as they were (a click on empty space must not clear a view).
    """
    picked = _unique(u for u in selected_units if u)
    if not picked:
        return filters
    return filters.with_(units=picked, groups=())


def units_from_points(points: Iterable[Mapping[str, Any]] | None) -> list[str]:
    """Unit codes picked on a chart: each selected bar/point carries its unit code as `customdata`.

    Plotly reports customdata either as the value itself or as a one-element list; points without a
    code (legend entries, target marks) are ignored.
    """
    codes: list[str] = []
    for point in points or ():
        data = point.get("customdata")
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if isinstance(data, str) and data and data not in codes:
            codes.append(data)
    return codes


def unit_from_table_selection(selected_rows: Iterable[int], codes: list[str]) -> str | None:
    """The unit of the row picked in a ranking table (row positions index `codes`), if any."""
    for row in selected_rows:
        if 0 <= row < len(codes):
            return codes[row]
    return None
