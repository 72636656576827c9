"""Value kinds, defined once: what a value is (a count, a percentage, an amount of money, a date…) and so how
it is written.

Tables, metric cards, chart labels and the report's tables all write a value through
`format_value(value, kind, lang)`, so one kind reads the same wherever it appears. Each kind also says whether
it is a number (right-aligned in tables and documents) and how a workbook stores it (its Excel number format
and the divisor that turns the value into the number Excel shows, e.g. 104.1 -> 1.041 for "0.0%").

Amounts of money come in four kinds, because each is read differently:
`money` "9.120 tỷ đồng" (scaled the way people say it), `vnd` "1.250.000.000 đ" (the exact amount with its
unit), `vnd_amount` "1.250.000.000" (the exact amount under a header that already says đồng) and `billions`
"9.120,0" (tỷ, under a header that says tỷ đồng). Before, "vnd" meant the second in tables and the third in
the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from analytics.i18n.formatting import (
    DASH,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_num,
    fmt_pct,
    fmt_vnd,
)
from analytics.i18n.lang import DEFAULT_LANG, Lang


@dataclass(frozen=True)
class ValueKind:
    """One kind of value: its name, how a present value is written, and how tables and workbooks show it."""

    name: str
    write: Callable[[Any, Lang], str]  # a value that is present, written the language's way
    example: tuple[object, str, str]  # a value, then how Vietnamese and English write it
    numeric: bool  # a number: right-aligned in tables and documents
    excel_format: str | None  # its number format in a workbook; None: the value is written as text
    excel_divisor: float = 1.0  # a workbook holds value / excel_divisor (a percentage as a fraction)


def _write_billions(vnd: float, lang: Lang) -> str:
    """A number of tỷ (billions) with one decimal and no unit: the column header names the unit."""
    return fmt_num(float(vnd) / 1e9, lang, 1)


def _write_date(value: object, lang: Lang) -> str:
    """A date, a datetime (pandas' Timestamp is one) or an ISO text, as the language writes a day."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return fmt_date(value, lang)


def _write_text(value: object, lang: Lang) -> str:
    """Text as it is (a name, a code, a label already in the page language)."""
    return str(value)


def _table(*kinds: ValueKind) -> Mapping[str, ValueKind]:
    return MappingProxyType({kind.name: kind for kind in kinds})


KINDS: Mapping[str, ValueKind] = _table(
    ValueKind("count", fmt_int, (7085, "7.085", "7,085"), True, "#,##0"),
    ValueKind("decimal", fmt_num, (12.345, "12,3", "12.3"), True, "#,##0.0"),
    ValueKind("percent", fmt_pct, (131.2, "131,2%", "131.2%"), True, "0.0%", 100),
    ValueKind("money", fmt_money, (9_120e9, "9.120 tỷ đồng", "VND 9,120 bn"), True, "#,##0"),
    ValueKind("vnd", fmt_vnd, (1_250_000_000, "1.250.000.000 đ", "VND 1,250,000,000"), True, "#,##0"),
    ValueKind("vnd_amount", fmt_int, (1_250_000_000, "1.250.000.000", "1,250,000,000"), True, "#,##0"),
    ValueKind("billions", _write_billions, (9_126.3e9, "9.126,3", "9,126.3"), True, "#,##0.0", 1e9),
    ValueKind("date", _write_date, (dt.date(2022, 5, 31), "31/05/2022", "31 May 2022"), False, "dd/mm/yyyy"),
    ValueKind("text", _write_text, ("BSR", "BSR", "BSR"), False, None),
)


def value_kind(name: str) -> ValueKind:
    """The kind called `name`; an unknown name is a programming error, so it raises KeyError."""
    return KINDS[name]


def is_missing(value: object) -> bool:
    """None, NaN, NaT and pandas' NA: a value that is not there, written as a dash.

    Each of NaN, NaT and NA differs from itself (NA's comparison is NA, whose truth raises TypeError), which
    tells them apart from every present value without importing pandas here.
    """
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return True


def format_value(value: object, kind: str, lang: Lang = DEFAULT_LANG) -> str:
    """`value` written as its kind is in `lang` ("7.085", "131,2%", "1.250.000.000 đ"); missing -> "–"."""
    spec = value_kind(kind)
    return DASH if is_missing(value) else spec.write(value, lang)
