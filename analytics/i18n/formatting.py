"""Numbers, money and dates as each language writes them.

Vietnamese writes 7.085 (thousands dot), 131,2% (decimal comma), 9.120 tỷ đồng and 31/05/2022; English
writes 7,085, 131.2%, VND 9,120 bn and 31 May 2022. A missing value (None, NaN) is written as `DASH`.
"""

from __future__ import annotations

import datetime as dt
import math

from analytics.i18n.lang import DEFAULT_LANG, Lang

DASH = "–"

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _group(number_text: str, lang: Lang) -> str:
    """Swap Python's "," thousands / "." decimal marks for Vietnamese ones when needed."""
    if lang == "en":
        return number_text
    return number_text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def fmt_int(value: float | int | None, lang: Lang = DEFAULT_LANG) -> str:
    """7085 -> "7.085" (vi) / "7,085" (en)."""
    if _missing(value):
        return DASH
    return _group(f"{round(value):,}", lang)


def fmt_num(value: float | None, lang: Lang = DEFAULT_LANG, digits: int = 1) -> str:
    """A decimal number: 12.345 -> "12,3" (vi) / "12.3" (en)."""
    if _missing(value):
        return DASH
    return _group(f"{value:,.{digits}f}", lang)


def fmt_pct(value: float | None, lang: Lang = DEFAULT_LANG, digits: int = 1) -> str:
    """A percentage already scaled to 100: 104.14 -> "104,1%"."""
    if _missing(value):
        return DASH
    return fmt_num(value, lang, digits) + "%"


def fmt_money(vnd: float | None, lang: Lang = DEFAULT_LANG) -> str:
    """An amount in VND at the scale people say it: "9.120 tỷ đồng", "45,3 tỷ đồng", "850 triệu đồng"."""
    if _missing(vnd):
        return DASH
    billions = vnd / 1e9
    if abs(billions) >= 100:
        number, unit = fmt_int(billions, lang), "bn"
    elif abs(billions) >= 1:
        number, unit = fmt_num(billions, lang, 1), "bn"
    elif abs(vnd) >= 1e6:
        number, unit = fmt_int(vnd / 1e6, lang), "m"
    else:
        return fmt_vnd(vnd, lang)
    if lang == "en":
        return f"VND {number} {unit}"
    return f"{number} {'tỷ đồng' if unit == 'bn' else 'triệu đồng'}"


def fmt_billions(vnd: float | None, lang: Lang = DEFAULT_LANG) -> str:
    """Always in tỷ (billions), no decimals: the unit the union's reports use for benefit."""
    if _missing(vnd):
        return DASH
    number = fmt_int(vnd / 1e9, lang)
    return f"VND {number} bn" if lang == "en" else f"{number} tỷ đồng"


def fmt_vnd(vnd: float | None, lang: Lang = DEFAULT_LANG) -> str:
    """The exact amount: 1250000000 -> "1.250.000.000 đ" / "VND 1,250,000,000"."""
    if _missing(vnd):
        return DASH
    return f"VND {fmt_int(vnd, lang)}" if lang == "en" else f"{fmt_int(vnd, lang)} đ"


def fmt_date(value: dt.date | None, lang: Lang = DEFAULT_LANG) -> str:
    """31/05/2022 (vi) or 31 May 2022 (en)."""
    if value is None:
        return DASH
    if lang == "en":
        return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"
    return value.strftime("%d/%m/%Y")


def fmt_month(value: dt.date, lang: Lang = DEFAULT_LANG) -> str:
    """A month as a label: "05/2022" / "May 2022"."""
    if lang == "en":
        return f"{_MONTHS_EN[value.month - 1]} {value.year}"
    return value.strftime("%m/%Y")


def long_date_vi(value: dt.date) -> str:
    """The date line of a Vietnamese administrative document: "ngày 14 tháng 4 năm 2023"."""
    return f"ngày {value.day} tháng {value.month} năm {value.year}"


def plotly_separators(lang: Lang) -> str:
    """Plotly's `layout.separators`: decimal mark first, then the thousands mark."""
    return ".," if lang == "en" else ",."


def d3_date_format(lang: Lang) -> str:
    """Axis/hover date format for Plotly."""
    return "%d %b %Y" if lang == "en" else "%d/%m/%Y"
