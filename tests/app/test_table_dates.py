"""Dates in the pages' tables: Streamlit's table draws a missing cell as "None" (English, whatever a Styler
says), so a date column is written as ISO text with "–" for none; the Styler writes the dates the app's way
and the column still sorts as the dates do."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from tests.app.apptest import run_app
from ui.tables import styled


def test_a_missing_date_is_a_dash_not_a_missing_cell():
    frame = pd.DataFrame(
        {"day": [dt.date(2026, 3, 13), None, pd.NaT, dt.date(2025, 12, 24)], "n": [1, 2, 3, 4]}
    )
    style = styled(frame, {"day": "date", "n": "count"}, "vi")
    assert list(style.data["day"]) == ["2026-03-13", "–", "–", "2025-12-24"]
    assert not style.data["day"].isna().any()
    shown = style.to_html()
    assert "13/03/2026" in shown and "24/12/2025" in shown and "None" not in shown
    assert sorted(style.data["day"])[:2] == ["2025-12-24", "2026-03-13"]
    assert "13 Mar 2026" in styled(frame, {"day": "date"}, "en").to_html()


def test_a_missing_word_is_a_dash_and_numbers_stay_numbers():
    frame = pd.DataFrame({"level": ["Cấp cơ sở", None], "benefit": [1.0, float("nan")]})
    style = styled(frame, {"benefit": "vnd"}, "vi")
    assert list(style.data["level"]) == ["Cấp cơ sở", "–"]
    assert style.data["benefit"].dtype == float


def test_the_records_explorer_shows_no_missing_cell_for_a_record_not_yet_recognised(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="records")
    frame = at.dataframe[0].value
    dates = [c for c in frame.columns if c.startswith("Ngày")]
    assert dates, list(frame.columns)
    for column in [*dates, "Cấp công nhận"]:
        assert not frame[column].isna().any(), column
    assert (frame[dates].astype(str) == "–").any().any(), "the sample's newest records are not all recognised"
