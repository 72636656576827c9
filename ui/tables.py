"""Tables shown with Vietnamese/English number formats while keeping numeric values for sorting."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from analytics.i18n import DASH, Lang, format_value, is_missing


def styled(
    frame: pd.DataFrame,
    kinds: Mapping[str, str],
    lang: Lang,
    colors: Mapping[str, Callable[[object], str]] | None = None,
) -> Styler:
    """A Styler whose cells read "7.085" / "131,2%" (by value kind, see analytics.i18n) but sort by their numbers.

    `colors` maps a column to a function of the cell value returning CSS (e.g. a tier's colour).
    """
    dates = [column for column, kind in kinds.items() if kind == "date" and column in frame]
    frame = frame.assign(**{column: frame[column].map(_date_text) for column in dates})
    texts = [column for column in frame if column not in dates and _is_text(frame[column])]
    frame = frame.assign(**{column: frame[column].map(_text_or_dash) for column in texts})
    style = frame.style.format(
        {
            column: (lambda v, k=kind: DASH if v == DASH else format_value(v, k, lang))
            for column, kind in kinds.items()
            if column in frame
        },
        na_rep=DASH,
    )
    for column, css in (colors or {}).items():
        if column in frame:
            style = style.map(css, subset=[column])
    return style


def _date_text(value: object) -> str:
    """A date as ISO text ("2026-03-13", which sorts as the dates do; the Styler writes it "13/03/2026"), "–"
    for none: Streamlit's table draws a missing cell as "None", in English, whatever the Styler says."""
    return DASH if is_missing(value) else pd.Timestamp(value).date().isoformat()


def _is_text(values: pd.Series) -> bool:
    """A column of words with some missing (a level not given yet): those cells would read "None"."""
    if not (values.dtype == object or pd.api.types.is_string_dtype(values)) or not values.isna().any():
        return False
    return all(isinstance(v, str) for v in values.dropna())


def _text_or_dash(value: object) -> object:
    return DASH if is_missing(value) else value


def show_table(data: pd.DataFrame | Styler, **options: object) -> None:
    """st.dataframe with "–" for a missing value of any column: Streamlit's table draws a missing cell by its
    `placeholder` ("None" unless told), never by the Styler's na_rep, so a number column keeps its numbers
    (it sorts as numbers) and its missing cells still read "–"."""
    st.dataframe(data, placeholder=DASH, **options)
