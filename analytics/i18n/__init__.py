"""Language: the catalogue's text in Vietnamese (first) or English, and values as each language writes them.

`t(key, lang)` looks a key up in the catalogue (one module per area of the product, in `catalogue/`);
`fmt_*` write numbers, money and dates the Vietnamese or the English way; `format_value(value, kind, lang)`
writes a value by its kind (count, percent, money, vnd, date…, the table in `kinds.py`), the one way tables,
cards, charts and reports write values. Code outside this package imports only from here.
"""

from __future__ import annotations

from analytics.i18n.formatting import (
    DASH,
    d3_date_format,
    fmt_billions,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_month,
    fmt_num,
    fmt_pct,
    fmt_vnd,
    long_date_vi,
    plotly_separators,
)
from analytics.i18n.kinds import KINDS, ValueKind, format_value, is_missing, value_kind
from analytics.i18n.lang import DEFAULT_LANG, LANGS, Lang, as_lang, has_key, t

__all__ = [
    "DASH",
    "DEFAULT_LANG",
    "KINDS",
    "LANGS",
    "Lang",
    "ValueKind",
    "as_lang",
    "d3_date_format",
    "fmt_billions",
    "fmt_date",
    "fmt_int",
    "fmt_money",
    "fmt_month",
    "fmt_num",
    "fmt_pct",
    "fmt_vnd",
    "format_value",
    "has_key",
    "is_missing",
    "long_date_vi",
    "plotly_separators",
    "t",
    "value_kind",
]
