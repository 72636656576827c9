"""Missing numbers in the pages' tables: Streamlit's table draws a missing cell by the table's placeholder
("None" unless it is given one), never by the Styler's na_rep, while the other cells of a number column are
drawn as the Styler wrote them ("12.500.000"). So the tables are given "–" as their placeholder, and a number
column keeps its numbers: it sorts as numbers, and a missing cell reads "–" as a missing date or word does."""

from __future__ import annotations

import pandas as pd
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from tests.app.apptest import run_app
from tests.conftest import ONE_MILLION


def displayed(element) -> pd.DataFrame:
    """Each cell as the browser's table draws it: a missing value as the table's placeholder ("None" when it
    has none), any other as the Styler's display value (its own text when the table has no Styler)."""
    data = element.value
    styler = element.proto.arrow_data.styler
    shown = convert_arrow_bytes_to_pandas_df(styler.display_values) if styler.display_values else data
    shown = shown.astype(object).astype(str)
    shown.columns = data.columns
    placeholder = element.proto.placeholder if element.proto.HasField("placeholder") else "None"
    return shown.where(data.notna().to_numpy(), placeholder)


def _number_column_with_gaps(at, column: str):
    [element] = [f for f in at.dataframe if column in f.value.columns]
    values = element.value[column]
    assert pd.api.types.is_numeric_dtype(values), values.dtype  # sorts as numbers
    assert values.isna().any() and values.notna().any(), "the sample has no missing value here"
    return element, values


def test_a_records_missing_benefit_and_bonus_read_a_dash(monkeypatch, sample_copy):
    """The newest records are not recognised yet: no benefit, no bonus."""
    at = run_app(monkeypatch, sample_copy, page="records", program=ONE_MILLION)
    for column in ("Giá trị làm lợi (đồng)", "Tiền thưởng (đồng)"):
        [element] = [f for f in at.dataframe if column in f.value.columns]
        values = element.value[column]
        assert pd.api.types.is_numeric_dtype(values) and values.isna().any(), values.dtype
        shown = displayed(element)[column]
        assert set(shown[values.isna()]) == {"–"}, (column, set(shown[values.isna()]))


def test_a_units_missing_change_reads_a_dash_in_both_languages(monkeypatch, sample_copy):
    for lang, column in (("vi", "Tăng/giảm (%)"), ("en", None)):
        at = run_app(monkeypatch, sample_copy, page="units", lang=lang)
        if column is None:  # the same table in English: its column of changes
            [column] = [
                c for f in at.dataframe for c in f.value.columns if "%" in c and "change" in c.lower()
            ]
        element, values = _number_column_with_gaps(at, column)
        shown = displayed(element)[column]
        assert set(shown[values.isna()]) == {"–"}, (lang, set(shown[values.isna()]))
        assert not shown[values.notna()].isin(["–", "None", "nan", ""]).any(), lang
        first = values.dropna().iloc[0]  # the others as the Styler writes them: "26,7%" / "26.7%"
        assert shown[values.notna()].iloc[0] == f"{first:.1f}%".replace(".", "," if lang == "vi" else "."), (
            lang
        )
