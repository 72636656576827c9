"""Initiative records as people read and download them: translated values, formatted dates and money on
screen; canonical Vietnamese headers (which the importer reads back) in CSV and Excel downloads."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from analytics.export import RECORD_COLUMNS, readable_records, records_csv, records_frame, to_xlsx_bytes
from analytics.i18n import Lang, t, value_kind
from ui.context import Context
from ui.tables import show_table, styled

COLUMN_KINDS = {  # value kinds (analytics.i18n): amounts exact, with "đ"
    "registered_on": "date",
    "recognized_on": "date",
    "applied_on": "date",
    "benefit_vnd": "vnd",
    "reward_vnd": "vnd",
    "min_remuneration": "vnd",
    "author_count": "count",
}


def headers(columns: Sequence[str], lang: Lang) -> dict[str, str]:
    return {c: t(f"col.{c}", lang) for c in columns}


DATE_COLUMNS = ("registered_on", "recognized_on", "applied_on")


def records_table(
    ctx: Context, frame: pd.DataFrame, columns: Sequence[str], height: int | None = None
) -> None:
    """A read-only table of records: real dates shown dd/mm/yyyy (they sort as dates), amounts in đồng with
    the language's thousands mark, the unit's full name beside its code."""
    columns = [c for c in columns if c in frame]
    names = headers(columns, ctx.lang)
    if "title" in names:  # named after what the program counts; a download keeps "Tên sáng kiến"
        names["title"] = ctx.t("col.title.shown")
    shown = readable_records(frame[columns], ctx.lang)
    shown = shown.rename(columns=names)
    # dates are written by the Styler ("13/03/2026", "–" for none: a date column drew "None")
    kinds = {names[c]: kind for c, kind in COLUMN_KINDS.items() if c in names}
    config: dict = {}
    if "title" in names:
        config[names["title"]] = st.column_config.TextColumn(width="large")
    if "code" in names:  # the record's code stays in view while the rest scrolls (a phone shows 2 columns)
        config[names["code"]] = st.column_config.TextColumn(pinned=True)
    if "unit" in names:
        config[names["unit"]] = st.column_config.TextColumn(help=t("records.unit.help", ctx.lang))
    if "benefit_vnd" in names:
        config[names["benefit_vnd"]] = st.column_config.Column(help=t("metric.benefit_vnd.help", ctx.lang))
    show_table(
        styled(shown, kinds, ctx.lang),
        hide_index=True,
        width="stretch",
        height=height or min(38 + 35 * len(shown), 460),
        column_config=config,
    )


EXPORT_COLUMNS = RECORD_COLUMNS  # the download's columns (analytics.export, shared with the API)


def export_frame(frame: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The records for a download: catalogue headers, values people read, dates as dates, money as numbers."""
    return records_frame(frame, lang)


def csv_download(frame: pd.DataFrame, lang: Lang) -> bytes:
    """CSV for Excel: UTF-8 with BOM, dates dd/mm/yyyy, formulas neutralised (analytics.export)."""
    return records_csv(frame, lang)


def xlsx_download(frame: pd.DataFrame, lang: Lang, sheet: str) -> bytes:
    """Excel workbook: real dates (dd/mm/yyyy) and numbers (#,##0), formulas neutralised."""
    out = export_frame(frame, lang)
    names = headers(EXPORT_COLUMNS, lang)
    formats = {
        names[c]: value_kind(COLUMN_KINDS[c]).excel_format
        for c in (*DATE_COLUMNS, "benefit_vnd", "reward_vnd")
    }
    return to_xlsx_bytes({sheet: out}, number_formats=formats)
