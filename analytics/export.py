"""Files people download: CSV that Excel opens with Vietnamese intact, and XLSX; both safe to open.

Text is stored verbatim (a title may really start with "="), but every export neutralises formulas: a
cell that starts with = + - @ (or a tab/carriage return) gets a leading apostrophe, so a spreadsheet
shows it as text and never evaluates it (CSV/formula injection, OWASP).
"""

from __future__ import annotations

import io
from collections.abc import Mapping

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, made inert with a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text columns are neutralised (numbers and dates are left as they are)."""
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
