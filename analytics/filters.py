"""The view's filters: one value object, its URL form (a public contract) and its SQL parameters.

URL parameters: `phase` (1, 2), `unit` (unit code, repeatable), `group` (repeatable), `field` (repeatable),
`status` (registered, recognized, applied, not_recognized; repeatable), `from`, `to`, `as_of`
(YYYY-MM-DD) and `lang` (vi, en). A link holding them reproduces the view; values that are not valid
are dropped (and reported) rather than failing the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from analytics.i18n import DEFAULT_LANG, Lang, as_lang
from analytics.store import STATUSES
from analytics.textnorm import clean_text

URL_KEYS = ("phase", "unit", "group", "field", "status", "from", "to", "as_of", "lang")


@dataclass(frozen=True)
class Filters:
    """What the person is looking at. Empty tuples and None mean "no restriction"."""

    phase: int | None = None
    units: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    as_of: dt.date | None = None

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
) -> tuple[Filters, Lang, list[str]]:
    """Read filters from URL parameters (value or list of values per key).

    Returns the filters, the language and the list of parameters that were dropped as invalid, so the
    page can say "the link held an unknown unit" instead of silently showing something else.
    """
    dropped: list[str] = []
    units_ok, groups_ok, phases_ok = set(known_units), set(known_groups), set(known_phases)
    fields_ok = set(known_fields)

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

    dates: dict[str, dt.date | None] = {}
    for key in ("from", "to", "as_of"):
        dates[key] = None
        for value in _values(params, key)[-1:]:
            dates[key] = _parse_date(value)
            if dates[key] is None:
                dropped.append(f"{key}={value}")

    filters = Filters(
        phase=phase,
        units=keep("unit", units_ok),
        groups=keep("group", groups_ok),
        fields=keep("field", fields_ok),
        statuses=keep("status", set(STATUSES)),
        date_from=dates["from"],
        date_to=dates["to"],
        as_of=dates["as_of"],
    )
    lang_values = _values(params, "lang")
    lang = as_lang(lang_values[-1]) if lang_values else DEFAULT_LANG
    return filters, lang, dropped


def to_query(filters: Filters, lang: Lang = DEFAULT_LANG) -> dict[str, list[str]]:
    """The URL parameters for a view: only what differs from the default, in a stable order."""
    query: dict[str, list[str]] = {}
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
