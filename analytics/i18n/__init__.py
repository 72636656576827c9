"""Language: the catalogue's text in Vietnamese (first) or English, and values as each language writes them.

`t(key, lang)` looks a key up in the catalogue (one module per area of the product, in `catalogue/`);
`fmt_*` write numbers, money and dates the Vietnamese or the English way. Code outside this package imports
only from here.
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
from analytics.i18n.lang import DEFAULT_LANG, LANGS, Lang, as_lang, has_key, t

__all__ = [
    "DASH",
    "DEFAULT_LANG",
    "LANGS",
    "Lang",
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
    "has_key",
    "long_date_vi",
    "plotly_separators",
    "t",
]
