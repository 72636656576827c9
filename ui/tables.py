"""Tables shown with Vietnamese/English number formats while keeping numeric values for sorting."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
from pandas.io.formats.style import Styler

from analytics.i18n import Lang, fmt_date, fmt_int, fmt_money, fmt_num, fmt_pct, fmt_vnd

FORMATTERS: dict[str, Callable[[object, Lang], str]] = {
    "int": lambda v, lang: fmt_int(v, lang),
    "pct": lambda v, lang: fmt_pct(v, lang),
    "money": lambda v, lang: fmt_money(v, lang),
    "vnd": lambda v, lang: fmt_vnd(v, lang),
    "num": lambda v, lang: fmt_num(v, lang),
    "date": lambda v, lang: fmt_date(pd.Timestamp(v).date() if pd.notna(v) else None, lang),
}


def styled(
    frame: pd.DataFrame,
    kinds: Mapping[str, str],
    lang: Lang,
    colors: Mapping[str, Callable[[object], str]] | None = None,
) -> Styler:
    """A Styler whose cells read "7.085" / "131,2%" (by kind) but sort by their numbers.

    `colors` maps a column to a function of the cell value returning CSS (e.g. a tier's colour).
    """
    style = frame.style.format(
        {
            column: (lambda v, k=kind: FORMATTERS[k](v, lang))
            for column, kind in kinds.items()
            if column in frame
        },
        na_rep="–",
    )
    for column, css in (colors or {}).items():
        if column in frame:
            style = style.map(css, subset=[column])
    return style
