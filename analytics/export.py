"""Files people download: CSV that Excel opens with Vietnamese intact, and XLSX; both safe to open.

Text is stored verbatim (a title may really start with "="), but every export neutralises formulas: a
cell that starts with = + - @ (or a tab/carriage return) gets a leading apostrophe, so a spreadsheet
shows it as text and never evaluates it (CSV/formula injection, OWASP).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    import pandas as pd


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text columns are neutralised (numbers and dates are left as they are)."""
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe


def to_csv_bytes(frame: pd.DataFrame, headers: Mapping[str, str] | None = None) -> bytes:
    """UTF-8 with BOM (Excel then reads Vietnamese correctly), comma-separated, formulas neutralised."""
    safe = neutralise_frame(frame.rename(columns=dict(headers or {})))
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def to_xlsx_bytes(
    sheets: Mapping[str, pd.DataFrame],
    headers: Mapping[str, str] | None = None,
    number_formats: Mapping[str, str] | None = None,
) -> bytes:
    """One workbook, a sheet per frame; header row bold and frozen, columns sized, formulas neutralised.

    `number_formats` maps a (renamed) column to an Excel format such as '#,##0' or 'dd/mm/yyyy'.
    """
    import pandas as pd
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe = neutralise_frame(frame.rename(columns=dict(headers or {})))
            safe.to_excel(writer, sheet_name=name[:31], index=False)
            sheet = writer.sheets[name[:31]]
            sheet.freeze_panes = "A2"
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for index, column in enumerate(safe.columns, start=1):
                letter = get_column_letter(index)
                values = [str(column)] + [str(v) for v in safe[column].head(200).tolist()]
                sheet.column_dimensions[letter].width = min(max(len(v) for v in values) + 2, 60)
                fmt = (number_formats or {}).get(str(column))
                if fmt:
                    for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                        cell.number_format = fmt
    return buffer.getvalue()


# --- the records explorer's download (the page and the API's GET /records give the same file) ------------

RECORD_COLUMNS: tuple[str, ...] = (
    "code",
    "title",
    "authors",
    "author_count",
    "unit",
    "unit_name",
    "field",
    "status",
    "level",
    "registered_on",
    "recognized_on",
    "applied_on",
    "benefit_vnd",
    "reward_vnd",
    "phase",
)
RECORD_DATES: tuple[str, ...] = ("registered_on", "recognized_on", "applied_on")


def readable_records(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Status, level and field in the language (the stored codes stay in the store)."""
    from analytics.i18n import has_key, t

    out = frame.copy()
    if "status" in out:
        out["status"] = [t(f"status.{s}", lang) if isinstance(s, str) else s for s in out["status"]]
    if "level" in out:
        out["level"] = [t(f"level.{s}", lang) if isinstance(s, str) else None for s in out["level"]]
    if "field" in out:
        out["field"] = [
            (t(f"field.{f}", lang) if has_key(f"field.{f}") else f) if isinstance(f, str) and f else None
            for f in out["field"]
        ]
    return out


def record_headers(columns: tuple[str, ...] | list[str], lang: str) -> dict[str, str]:
    from analytics.i18n import t

    return {c: t(f"col.{c}", lang) for c in columns}


def records_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The records for a download: catalogue headers, values people read, dates as dates, money as numbers."""
    import pandas as pd

    columns = [c for c in RECORD_COLUMNS if c in frame]
    out = readable_records(frame[columns], lang)
    for column in RECORD_DATES:
        if column in out:
            out[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in out[column]]
    return out.rename(columns=record_headers(columns, lang))


def records_csv(frame: pd.DataFrame, lang: str) -> bytes:
    """CSV for Excel: UTF-8 with BOM, dates dd/mm/yyyy, formulas neutralised."""
    import datetime as dt

    out = records_frame(frame, lang)
    for column in out.columns:
        if len(out) and isinstance(next((v for v in out[column] if v is not None), None), dt.date):
            out[column] = [v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else "" for v in out[column]]
    return to_csv_bytes(out)


# The Parquet type of each record column (a page whose column is empty, or no page at all, keeps the types).
_RECORD_NUMBERS: dict[str, str] = {"author_count": "int32", "benefit_vnd": "int64", "reward_vnd": "int64",
                                   "phase": "int32"}  # fmt: skip


def records_parquet(plain: pd.DataFrame) -> bytes:
    """The records of `records_plain` as a Parquet file whose columns are typed whatever the values: text,
    dates (date32) and whole numbers, so that every page of an API download has one schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    def kind(column: str) -> pa.DataType:
        if column in RECORD_DATES:
            return pa.date32()
        return getattr(pa, _RECORD_NUMBERS[column])() if column in _RECORD_NUMBERS else pa.string()

    schema = pa.schema([(c, kind(c)) for c in RECORD_COLUMNS if c in plain])
    columns = [
        pa.nulls(len(plain), f.type)
        if plain[f.name].isna().all()
        else pa.array(plain[f.name], type=f.type, from_pandas=True)
        for f in schema
    ]
    table = pa.Table.from_arrays(columns, schema=schema)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def records_plain(frame: pd.DataFrame) -> pd.DataFrame:
    """The same columns by their field names and stored values (codes, not words), text neutralised: the
    form for programs (the API's JSON and Parquet)."""
    import pandas as pd

    columns = [c for c in RECORD_COLUMNS if c in frame]
    out = neutralise_frame(frame[columns])
    for column in RECORD_DATES:
        if column in out:
            out[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in out[column]]
    return out
