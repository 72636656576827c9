"""The Trends page's table of each unit's pace: on a phone or a 1280 px screen it scrolls sideways, so the
unit stays pinned in view, and the pace word's column is wide enough for the longest word ("Đã kết thúc, chưa
đạt", "Có nguy cơ chậm" was drawn cut to "Có nguy cơ chậ" at 1280 px)."""

from __future__ import annotations

import json

from PIL import ImageFont

from analytics.i18n.catalogue.values import TEXT
from tests.app.apptest import run_app
from ui.tiers import PACE_WORD_WIDTH

# The dashboard's table font (Source Sans, Streamlit's) is not installed on the machine; Noto Sans Bold is
# at least as wide for Vietnamese text, so a column that holds the word in it holds it on screen.
_FONT = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"
_CELL_PADDING = 2 * 8


def _pace_table(at):
    [frame] = [f for f in at.dataframe if "Đánh giá" in f.value.columns or "Pace" in f.value.columns]
    return frame


def test_the_pace_table_pins_the_unit_and_fits_the_pace_words(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="trends")
    frame = _pace_table(at)
    config = json.loads(frame.proto.columns)
    unit, word = list(frame.value.columns)[:2]
    assert config[unit]["pinned"] is True
    assert config[word]["width"] == PACE_WORD_WIDTH
    font = ImageFont.truetype(_FONT, 14)
    widest = max(font.getlength(str(w)) for w in frame.value[word].dropna().unique())
    assert widest + _CELL_PADDING <= PACE_WORD_WIDTH


def test_the_longest_pace_word_of_either_language_fits():
    font = ImageFont.truetype(_FONT, 14)
    words = [w for key, pair in TEXT.items() if key.startswith("pace.") for w in pair]
    assert "Đã kết thúc, chưa đạt" in words
    assert max(font.getlength(w) for w in words) + _CELL_PADDING <= PACE_WORD_WIDTH
