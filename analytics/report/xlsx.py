"""The report as an Excel workbook: summary, phases, units and records, with native Excel charts.

Numbers stay numbers (formatted #,##0, 0.0%, dd/mm/yyyy, so Excel writes them the reader's way: 1.458 and
104,1% on a Vietnamese Windows), and the charts are Excel's own (XlsxWriter `add_chart`), so a person can
restyle or extend them. Every text cell goes through `export.neutralise`, so a title that starts with "="
is shown, never run.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
import xlsxwriter

from analytics.export import RECORD_COLUMNS, neutralise
from analytics.i18n import has_key, t, value_kind
from analytics.report.model import Column, Report, Table

EXCEL_MAX_ROWS = 1_048_576
RECORD_KINDS = {
    "author_count": "count",
    "registered_on": "date",
    "recognized_on": "date",
    "applied_on": "date",
    "benefit_vnd": "vnd_amount",
    "reward_vnd": "vnd_amount",
    "phase": "count",
}
RECORD_ORDER = RECORD_COLUMNS  # the records sheet keeps the explorer's download order (analytics.export)


class _Styles:
    """The workbook's cell formats, made once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self.book = book
        self.header = book.add_format(
            {"bold": True, "bg_color": "#D9E2F3", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.subtitle = book.add_format({"italic": True})
        self.heading = book.add_format({"bold": True, "font_size": 12})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self.note = book.add_format(
            {"italic": True, "text_wrap": True, "valign": "top", "font_color": "#444444"}
        )
        self.text = book.add_format({})
        self.bold = book.add_format({"bold": True})
        self._numbers: dict[tuple[str, bool], object] = {}

    def number(self, kind: str, bold: bool = False):
        key = (kind, bold)
        if key not in self._numbers:
            spec = {"num_format": value_kind(kind).excel_format}
            if bold:
                spec["bold"] = True
            self._numbers[key] = self.book.add_format(spec)
        return self._numbers[key]


def _missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _write(sheet, row: int, col: int, value: object, kind: str, styles: _Styles, bold: bool = False) -> None:
    """One cell, typed: numbers as numbers (percentages as fractions), dates as dates, text neutralised."""
    if _missing(value):
        sheet.write_blank(row, col, None)
    elif value_kind(kind).numeric:  # as the number Excel shows (a percentage as a fraction, tỷ as tỷ)
        sheet.write_number(row, col, float(value) / value_kind(kind).excel_divisor, styles.number(kind, bold))
    elif kind == "date":
        day = value.date() if isinstance(value, (pd.Timestamp, dt.datetime)) else value
        sheet.write_datetime(row, col, dt.datetime.combine(day, dt.time()), styles.number(kind, bold))
    else:
        sheet.write_string(row, col, str(neutralise(str(value))), styles.bold if bold else styles.text)


def _table_sheet(book, styles: _Styles, name: str, table: Table) -> tuple[object, int]:
    """A sheet holding one report table, every column (also those left out of the documents)."""
    sheet = book.add_worksheet(name)
    columns: tuple[Column, ...] = table.columns
    for col, column in enumerate(columns):
        sheet.write_string(0, col, column.label, styles.header)
        width = max(
            [len(column.label) * 0.9, 10] + [len(str(r.get(column.key, ""))) + 2 for r in table.rows[:200]]
        )
        sheet.set_column(col, col, min(width, 48))
    rows = list(table.rows) + ([table.total] if table.total else [])
    for r, row in enumerate(rows, start=1):
        bold = table.total is not None and r == len(rows)
        for col, column in enumerate(columns):
            _write(sheet, r, col, row.get(column.key), column.kind, styles, bold)
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 32)
    return sheet, len(rows)


def _column_index(table: Table, key: str) -> int:
    return [c.key for c in table.columns].index(key)


def _phases_chart(book, sheet_name: str, table: Table, lang: str, terms: dict | None = None):
    """Target against registered per phase (clustered columns), from the cells of the phases sheet."""
    n = len(table.rows)
    chart = book.add_chart({"type": "column"})
    name_col = _column_index(table, "name")
    for key, color in (("target", "#111827"), ("registered", "#0B4EA2")):
        col = _column_index(table, key)
        chart.add_series(
            {
                "name": [sheet_name, 0, col],
                "categories": [sheet_name, 1, name_col, n, name_col],
                "values": [sheet_name, 1, col, n, col],
                "fill": {"color": color},
                "data_labels": {"value": True, "num_format": "#,##0"},
            }
        )
    chart.set_title({"name": t("report.xlsx.chart.phases", lang, **(terms or {}))})
    chart.set_y_axis(
        {"num_format": "#,##0", "major_gridlines": {"visible": True, "line": {"color": "#E5E7EB"}}}
    )
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 620, "height": 340})
    return chart


def _units_chart(book, sheet_name: str, table: Table, scope: str, lang: str):
    """% of target per unit (horizontal bars, best on top), the dashboard's ranking in Excel's hands."""
    n = len(table.rows)
    chart = book.add_chart({"type": "bar"})
    label_col, pct_col = _column_index(table, "label"), _column_index(table, "pct")
    colors = {"met": "#2E7D32", "over_half": "#F2A900", "under_half": "#D84315", "none": "#9E9E9E"}
    chart.add_series(
        {
            "name": [sheet_name, 0, pct_col],
            "categories": [sheet_name, 1, label_col, n, label_col],
            "values": [sheet_name, 1, pct_col, n, pct_col],
            "points": [{"fill": {"color": colors.get(r.get("tier_key"), "#0B4EA2")}} for r in table.rows],
            "data_labels": {"value": True, "num_format": "0.0%"},
            "gap": 40,
        }
    )
    chart.set_title({"name": t("report.xlsx.chart.units", lang, scope=scope)})
    chart.set_x_axis({"num_format": "0%", "major_gridlines": {"visible": True, "line": {"color": "#E5E7EB"}}})
    chart.set_y_axis({"reverse": True})  # rank 1 at the top
    chart.set_legend({"none": True})
    chart.set_size({"width": 640, "height": max(360, 22 * n + 90)})
    return chart


def _summary_sheet(book, styles: _Styles, report: Report) -> None:
    """Title, scope, notes, the key figures (typed cells) and the report's text, section by section."""
    sheet = book.add_worksheet(t("report.sheet.summary", report.lang))
    sheet.set_column(0, 0, 42)
    sheet.set_column(1, 1, 20)
    sheet.set_column(2, 7, 14)
    sheet.write_string(0, 0, f"{report.title} – {report.subtitle}", styles.title)
    sheet.write_string(1, 0, report.scope_line, styles.subtitle)
    row = 2
    for note in report.notes:
        sheet.merge_range(row, 0, row, 7, note.text, styles.note)
        sheet.set_row(row, _height(note.text))
        row += 1
    row += 1
    sheet.write_string(row, 0, t("report.xlsx.figures", report.lang), styles.heading)
    row += 1
    sheet.write_string(row, 0, t("report.fact.scope", report.lang), styles.text)
    sheet.write_string(row, 1, str(neutralise(report.scope)), styles.text)
    row += 1
    for fact in report.facts:
        sheet.write_string(row, 0, fact.label, styles.text)
        _write(sheet, row, 1, fact.value, fact.kind, styles)
        row += 1
    row += 1
    sheet.write_string(row, 0, t("report.xlsx.text", report.lang), styles.heading)
    row += 1
    for section in report.sections[:-1]:  # the proposals are the author's to write, in Word
        sheet.write_string(row, 0, section.heading, styles.bold)
        row += 1
        for block in section.blocks:
            text = getattr(block, "text", None)
            if text is None:
                continue
            text = (
                ("– " + text) if block.style == "bullet" else text
            )  # not "- ": that would read as a formula
            sheet.merge_range(row, 0, row, 7, str(neutralise(text)), styles.wrap)
            sheet.set_row(row, _height(text))
            row += 1


def _height(text: str, chars_per_line: int = 130) -> float:
    """Row height for wrapped text in merged cells (Excel does not size those by itself)."""
    return 15.0 * max(1, math.ceil(len(text) / chars_per_line))


def _records_sheet(book, styles: _Styles, records: pd.DataFrame, lang: str) -> None:
    """Every record in scope: stored codes translated (status, level, field), dates and amounts typed."""
    sheet = book.add_worksheet(t("report.sheet.records", lang))
    columns = [c for c in RECORD_ORDER if c in records.columns]
    for col, name in enumerate(columns):
        sheet.write_string(0, col, t(f"col.{name}", lang), styles.header)
        sheet.set_column(col, col, 48 if name in ("title", "unit_name", "authors") else 14)
    limit = EXCEL_MAX_ROWS - 2
    for r, record in enumerate(records.head(limit).itertuples(index=False), start=1):
        values = record._asdict()
        for col, name in enumerate(columns):
            value = _readable(name, values[name], lang)
            _write(sheet, r, col, value, RECORD_KINDS.get(name, "text"), styles)
    if len(records) > limit:
        sheet.write_string(limit + 1, 0, t("report.xlsx.records_capped", lang, n=limit), styles.note)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(min(len(records), limit), 1), max(len(columns) - 1, 0))


def _readable(column: str, value: object, lang: str) -> object:
    if _missing(value) or column not in ("status", "level", "field"):
        return value
    key = f"{column}.{value}"
    return t(key, lang) if has_key(key) else value


def to_xlsx(report: Report, records: pd.DataFrame) -> bytes:
    """The workbook as bytes: Summary, Phases (+ chart), Units (+ chart), Records."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    book.set_properties({"title": f"{report.title} {report.subtitle}", "author": report.letterhead.issuer})
    styles = _Styles(book)
    _summary_sheet(book, styles, report)
    tables = report.tables()
    lang = report.lang

    phases_name = t("report.sheet.phases", lang, **report.terms)
    phases_sheet, _ = _table_sheet(book, styles, phases_name, tables["phases"])
    if tables["phases"].rows:
        phases_sheet.insert_chart(
            len(tables["phases"].rows) + 4,
            0,
            _phases_chart(book, phases_name, tables["phases"], lang, report.terms),
        )

    units_name = t("report.sheet.units", lang)
    units = tables.get("units")
    if units is None:  # an empty scope: the table is still there, without rows
        units = Table("units", "", (), ())
    units_sheet, _ = _table_sheet(book, styles, units_name, units)
    if units.rows:
        units_sheet.insert_chart(
            1, len(units.columns) + 1, _units_chart(book, units_name, units, units.scope, lang)
        )

    _records_sheet(book, styles, records, lang)
    book.close()
    return buffer.getvalue()
