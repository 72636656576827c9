"""Numbers, money and dates as each language writes them (analytics.i18n's fmt_* functions)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import i18n


def test_vietnamese_and_english_formats():
    assert i18n.fmt_int(7085) == "7.085" and i18n.fmt_int(7085, "en") == "7,085"
    assert i18n.fmt_pct(104.1) == "104,1%" and i18n.fmt_pct(131.2, "en") == "131.2%"
    assert i18n.fmt_money(9_120e9) == "9.120 tỷ đồng" and i18n.fmt_money(9_120e9, "en") == "VND 9,120 bn"
    assert i18n.fmt_money(45.3e9) == "45,3 tỷ đồng"
    assert i18n.fmt_money(850e6) == "850 triệu đồng"
    assert i18n.fmt_vnd(1_250_000_000) == "1.250.000.000 đ"
    assert (
        i18n.fmt_date(dt.date(2022, 5, 31)) == "31/05/2022"
        and i18n.fmt_date(dt.date(2022, 5, 31), "en") == "31 May 2022"
    )
    assert i18n.long_date_vi(dt.date(2023, 4, 14)) == "ngày 14 tháng 4 năm 2023"
    assert i18n.fmt_int(None) == i18n.DASH and i18n.fmt_pct(float("nan")) == i18n.DASH


def test_numbers_round_and_group_the_languages_way():
    assert i18n.fmt_int(1_234_567.6) == "1.234.568" and i18n.fmt_int(1_234_567.6, "en") == "1,234,568"
    assert i18n.fmt_num(12.345) == "12,3" and i18n.fmt_num(12.345, "en") == "12.3"
    assert i18n.fmt_num(1234.5, digits=2) == "1.234,50" and i18n.fmt_num(1234.5, "en", 2) == "1,234.50"
    assert i18n.fmt_pct(131.25, digits=0) == "131%"
    assert i18n.fmt_int(-7085) == "-7.085"


def test_money_at_the_scale_people_say_it():
    assert i18n.fmt_money(45.3e9, "en") == "VND 45.3 bn"
    assert i18n.fmt_money(850e6, "en") == "VND 850 m"
    assert i18n.fmt_money(120_000) == "120.000 đ" and i18n.fmt_money(120_000, "en") == "VND 120,000"
    assert i18n.fmt_vnd(1_250_000_000, "en") == "VND 1,250,000,000"
    assert (
        i18n.fmt_billions(9_126.3e9) == "9.126 tỷ đồng"
        and i18n.fmt_billions(9_126.3e9, "en") == "VND 9,126 bn"
    )
    assert i18n.fmt_money(None) == i18n.fmt_vnd(float("nan")) == i18n.fmt_billions(None) == "–"


def test_dates_and_months():
    day = dt.date(2022, 5, 31)
    assert i18n.fmt_date(pd.Timestamp("2022-05-31")) == "31/05/2022"
    assert i18n.fmt_month(day) == "05/2022" and i18n.fmt_month(day, "en") == "May 2022"
    assert i18n.fmt_date(None) == "–"
    assert i18n.d3_date_format("vi") == "%d/%m/%Y" and i18n.d3_date_format("en") == "%d %b %Y"
    assert i18n.plotly_separators("vi") == ",." and i18n.plotly_separators("en") == ".,"


def test_any_value_is_a_language_and_vietnamese_comes_first():
    assert i18n.DEFAULT_LANG == "vi" and i18n.LANGS == ("vi", "en")
    assert i18n.as_lang(" EN ") == "en"
    assert i18n.as_lang("fr") == i18n.as_lang(None) == "vi"
