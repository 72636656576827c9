"""What the importer tells a person: a whole file's refusal, the preview of what was detected, the report of
what an import would do or did, an undo's outcome, and the catalogue labels they are worded with.

These are the shared words of the package: every step fills or reads them, none of them reads a file or
the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from analytics.export import to_csv_bytes
from analytics.i18n import Lang, fmt_int, fmt_num, t
from analytics.ingest.cleaning import clean_cell, code_value
from analytics.ingest.columns import FIELD_BY_NAME, REQUIRED, header_candidates
from analytics.ingest.layout import Layout
from analytics.ingest.sql import MAX_CODE, MAX_TEXT

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    import pandas as pd

MODES: tuple[str, ...] = ("upsert", "insert", "replace")
# Why a row is skipped (not an error), in the order the report lists them.
SKIP_REASONS: tuple[str, ...] = ("blank", "total", "numbering", "signature", "continuation")
# Refusal values that are sizes in bytes (written in MB), per refusal.
_BYTE_VALUES: dict[str, tuple[str, ...]] = {"too_large": ("size", "limit"), "zip_bomb": ("size",)}


# --- results ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    """Why a whole file (or an undo) was refused: a catalogue code and its values."""

    code: str
    params: dict = field(default_factory=dict)

    def message(self, lang: Lang = "vi") -> str:
        values = dict(self.params)
        if "columns" in values:
            values["columns"] = ", ".join(field_label(c, lang) for c in values["columns"])
        for key in _BYTE_VALUES.get(self.code, ()):
            if key in values:
                values[key] = fmt_mb(values[key], lang)
        for key in ("n", "limit"):
            if key in values and key not in _BYTE_VALUES.get(self.code, ()) and isinstance(values[key], int):
                values[key] = fmt_int(values[key], lang)
        if "likely" in values:
            values["likely"] = t(f"ingest.enc.{values['likely']}", lang)
        for key in ("dmy_rows", "mdy_rows"):
            if key in values:
                values[key] = rows_text(values[key], lang)
        if "imports" in values:
            values["imports"] = ", ".join(f"#{i}" for i in values["imports"])
        for key in ("rows", "max_rows", "records"):
            if key in values:
                values[key] = fmt_int(values[key], lang)
        return t(f"ingest.refuse.{self.code}", lang, **values)


@dataclass
class Preview:
    """What was detected about a file (or chosen in the preview) and how its columns map to fields."""

    name: str
    layout: Layout | None
    mapping: dict[str, int] = field(default_factory=dict)
    scales: dict[str, int] = field(default_factory=dict)
    refusal: Refusal | None = None

    @property
    def headers(self) -> list[str]:
        return self.layout.headers if self.layout else []

    def header(self, index: int) -> str:
        text = self.headers[index] if 0 <= index < len(self.headers) else ""
        return text or f"#{index + 1}"

    @property
    def ignored(self) -> list[str]:
        """Headers of the columns no field uses (STT, Ghi chú...): left out and listed in the report."""
        used = set(self.mapping.values())
        return [self.header(i) for i in range(len(self.headers)) if i not in used and self.headers[i]]

    @property
    def missing(self) -> list[str]:
        return [name for name in REQUIRED if name not in self.mapping]

    @property
    def alternatives(self) -> dict[str, list[int]]:
        """Fields that more than one column can supply (estimated and actual benefit), with every such
        column, the one used by default first: the preview says which is used and lets the person switch."""
        if not self.layout:
            return {}
        found = header_candidates(self.layout.headers, self.layout.header_parts or None)
        return {name: columns for name, columns in found.items() if len(columns) > 1}

    def rows(self, mapping: dict[str, int] | None = None) -> list[list[str | None]]:
        """The first rows under the header as the import reads them: each cell cleaned as the import cleans
        it, the column that gives the code (in `mapping`, else the detected mapping) as the import cleans a
        code (`cleaning.code_value`: "SK\u00a0001" is "SK001", not "SK 001"), the others as any cell
        (`cleaning.clean_cell`), so the codes shown are the ones the import stores."""
        if not self.layout:
            return []
        code = (self.mapping if mapping is None else mapping).get("code")
        return [
            [
                None if value is None else code_value(value) if index == code else clean_cell(value)[0]
                for index, value in enumerate(row)
            ]
            for row in self.layout.preview
        ]

    def rows_frame(self, mapping: dict[str, int] | None = None) -> pd.DataFrame:
        """The first rows under the header (`rows`), with the file's own headers (made unique for display)."""
        import pandas as pd

        if not self.layout:
            return pd.DataFrame()
        names = unique_names([self.header(i) for i in range(len(self.headers))])
        rows = [list(r) + [None] * (len(names) - len(r)) for r in self.rows(mapping)]
        return pd.DataFrame(rows, columns=names, dtype=object)


@dataclass
class RowError:
    row: int
    column: str  # the file's header (or the field's name when the file lacks the column)
    value: str | None
    reason: str  # catalogue key suffix: ingest.reason.<reason>
    sheet: str | None = None  # the row's sheet, for a table read over several sheets
    params: dict = field(default_factory=dict)  # numbers the reason states (a text's length)

    def reason_text(self, lang: Lang = "vi") -> str:
        return reason_text(self.reason, lang, **self.params)


@dataclass(frozen=True)
class ShareIssue:
    """A record whose authors' shares do not add up: its row, the shares' sum, how many were given and how
    many authors lack one (the record is imported; the report lists it)."""

    row: int
    sheet: str | None
    total: float | None
    given: int
    missing: int


@dataclass
class Report:
    """What an import would do (dry run) or did: counts, rejected rows with reasons, refusal."""

    file: str
    mode: str = "upsert"
    dry_run: bool = True
    preview: Preview | None = None
    refusal: Refusal | None = None
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # of `unchanged`: existing codes left as they were (insert-only mode)
    rejected: int = 0
    skipped: int = 0
    skipped_blank: int = 0
    skipped_total: int = 0
    deleted: int = 0
    replace_units: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rejects: pd.DataFrame | None = None  # the rejected rows (`rejects_frame`); None when there are none
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    sha256: str | None = None
    import_id: int | None = None
    total_records: int | None = None
    seconds: float = 0.0
    seen_before: list[int] = field(default_factory=list)  # earlier imports of the same bytes
    rejected_items: int = 0  # error items found (may exceed len(errors))
    programs: list[tuple[str, int]] = field(default_factory=list)  # records per program (ingest.assign)
    skipped_by: dict[str, int] = field(default_factory=dict)  # SKIP_REASONS -> rows
    cleaned: dict[str, int] = field(default_factory=dict)  # controls, invisible_cells, legacy_*, codes
    date_orders: dict[str, dict] = field(default_factory=dict)  # date field -> {order, column, rows, example}
    share_issues: list[ShareIssue] = field(default_factory=list)
    share_issues_count: int = 0
    sheets: list[dict] = field(default_factory=list)  # per sheet: {sheet, rows, insert, update, ...}
    skipped_sheets: list[dict] = field(default_factory=list)  # [{sheet, reason}]

    @property
    def ok(self) -> bool:
        return self.refusal is None

    @property
    def written(self) -> bool:
        return self.import_id is not None

    def message(self, lang: Lang = "vi") -> str:
        """One line a person reads: the refusal, or what was (or would be) done."""
        if self.refusal:
            return self.refusal.message(lang)
        key = "ingest.msg.dry_run" if self.dry_run else "ingest.msg.done"
        parts = [
            t(
                key,
                lang,
                inserted=fmt_int(self.inserted, lang),
                updated=fmt_int(self.updated, lang),
                unchanged=fmt_int(self.unchanged, lang),
                rejected=fmt_int(self.rejected, lang),
                skipped=fmt_int(self.skipped, lang),
            )
        ]
        if self.deleted:
            parts.append(
                t(
                    "ingest.msg.deleted",
                    lang,
                    n=fmt_int(self.deleted, lang),
                    units=", ".join(self.replace_units),
                )
            )
        if self.kept:
            parts.append(t("ingest.msg.kept", lang, n=fmt_int(self.kept, lang)))
        if self.import_id is not None:
            parts.append(t("ingest.msg.import_id", lang, id=self.import_id))
        if len(self.errors) < self.rejected_items:
            parts.append(t("ingest.msg.errors_cut", lang, n=fmt_int(len(self.errors), lang)))
        for key, values in self.warnings:
            parts.append(t(f"ingest.warn.{key}", lang, **values))
        parts.extend(self.notes(lang))
        return " ".join(parts)

    def share_note(self, lang: Lang = "vi") -> str:
        """The records whose authors' shares do not add up to 100% (the first ten rows, and how many more)."""
        rows = ", ".join(
            t(
                "ingest.note.share_row",
                lang,
                row=rows_text(f"{i.sheet}!{i.row}" if i.sheet else str(i.row), lang),
                total=fmt_num(i.total, lang) if i.total is not None else "?",
            )
            for i in self.share_issues[:10]
        )
        more = self.share_issues_count - min(len(self.share_issues), 10)
        return t("ingest.note.shares", lang, n=fmt_int(self.share_issues_count, lang), rows=rows) + (
            " " + t("ingest.note.more", lang, n=fmt_int(more, lang)) if more > 0 else ""
        )

    def notes(self, lang: Lang = "vi", sheets: bool = True, shares: bool = True) -> list[str]:
        """What a person should know beyond the counts: rows skipped by reason, characters cleaned, a
        column read month first, shares that do not add up, sheets read and skipped."""
        out = []
        shown = {k: v for k, v in self.skipped_by.items() if k not in ("blank", "total")}
        if shown:
            out.append(
                t(
                    "ingest.note.skipped_by",
                    lang,
                    reasons="; ".join(
                        t(f"ingest.skip.{k}", lang, n=fmt_int(v, lang)) for k, v in self.skipped_by.items()
                    ),
                )
            )
        for key in ("legacy_cells", "invisible_cells", "controls", "codes"):
            if self.cleaned.get(key):
                out.append(t(f"ingest.note.cleaned.{key}", lang, n=fmt_int(self.cleaned[key], lang)))
        for name, order in self.date_orders.items():
            if order.get("forced"):
                out.append(
                    t(f"ingest.note.date_order_forced.{order['order']}", lang, column=field_label(name, lang))
                )
            else:
                out.append(
                    t(
                        "ingest.note.date_order",
                        lang,
                        column=order["column"],
                        rows=", ".join(fmt_int(r, lang) for r in order["rows"]),
                        example=order["example"],
                    )
                )
        if self.share_issues and shares:
            out.append(self.share_note(lang))
        if self.sheets and sheets:
            out.append(
                t(
                    "ingest.note.sheets",
                    lang,
                    sheets="; ".join(
                        t(
                            "ingest.note.sheet",
                            lang,
                            sheet=s["sheet"],
                            rows=fmt_int(s["rows"], lang),
                            inserted=fmt_int(s["insert"], lang),
                            rejected=fmt_int(s["reject"], lang),
                        )  # fmt: skip
                        for s in self.sheets
                    ),
                )
            )
        if self.skipped_sheets:
            out.append(
                t(
                    "ingest.note.skipped_sheets",
                    lang,
                    sheets=", ".join(
                        f"{s['sheet']} ({t('ingest.sheet_skip.' + s['reason'], lang)})"
                        for s in self.skipped_sheets
                    ),
                )
            )
        return out

    def errors_frame(self, lang: Lang = "vi") -> pd.DataFrame:
        """The rejected cells: row, column, value, reason (in `lang`)."""
        import pandas as pd

        frame = pd.DataFrame(
            [(e.row, e.column, e.value, e.reason_text(lang)) for e in self.errors],
            columns=[
                t("ingest.col.row", lang),
                t("ingest.col.column", lang),
                t("ingest.col.value", lang),
                t("ingest.col.reason", lang),
            ],
        )
        if any(e.sheet for e in self.errors):
            frame.insert(0, t("ingest.col.sheet", lang), [e.sheet for e in self.errors])
        return frame

    def rejects_frame(self, lang: Lang = "vi") -> pd.DataFrame:
        """The rejected rows with the file's own columns, the row number and the reasons: fix and re-import."""
        import pandas as pd

        if self.rejects is None or self.rejects.empty:
            return pd.DataFrame()
        frame = self.rejects.copy()
        reasons = frame.pop("_errors").map(lambda keys: reasons_text(keys, lang))
        frame.insert(0, t("ingest.col.row", lang), frame.pop("_row"))
        if "_sheet" in frame:
            frame.insert(0, t("ingest.col.sheet", lang), frame.pop("_sheet"))
        frame[t("ingest.col.reason", lang)] = reasons
        return frame

    def rejects_csv(self, lang: Lang = "vi") -> bytes:
        return to_csv_bytes(self.rejects_frame(lang))

    def as_json(self, lang: Lang = "vi") -> dict:
        """The command line's contract: one object per file."""
        return {
            "file": self.file,
            "ok": self.ok,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "skipped": self.skipped,
            "errors": [
                {"row": e.row, "column": e.column, "value": e.value, "reason": e.reason_text(lang)}
                | ({"sheet": e.sheet} if e.sheet else {})
                for e in self.errors
            ],
            "message": self.message(lang),
            "total_records": self.total_records,
        }

    def describe(self, lang: Lang = "vi") -> list[str]:
        """The preview as lines for the terminal: what was detected, how the columns map, what could also
        supply a field."""
        data = self.preview_json()
        if not data["format"]:
            return []
        parts = [str(data["format"]).upper()]
        if data["encoding"]:
            parts.append(t("ingest.describe.encoding", lang, encoding=data["encoding"]))
        if data["delimiter"]:
            parts.append(t("ingest.describe.delimiter", lang, delimiter=repr(data["delimiter"])))
        if data["sheets"]:
            parts.append(t("ingest.describe.sheets", lang, sheets=", ".join(data["sheets"])))
        elif data["sheet"]:
            parts.append(t("ingest.describe.sheet", lang, sheet=data["sheet"]))
        parts.append(t("ingest.describe.header_row", lang, n=data["header_row"], rows=data["header_rows"]))
        lines = [t("ingest.describe.detected", lang, what=" · ".join(parts))]
        lines.append(
            t(
                "ingest.describe.mapping",
                lang,
                pairs=", ".join(
                    f"{column} → {field_label(name, lang)}" for name, column in data["mapping"].items()
                ),
            )
        )
        for name, columns in data["alternatives"].items():
            lines.append(
                t(
                    "ingest.describe.alternatives",
                    lang,
                    field=field_label(name, lang),
                    used=data["mapping"].get(name, ""),
                    columns=", ".join(columns),
                )  # fmt: skip
            )
        if data["legacy_columns"]:
            lines.append(
                t(
                    "ingest.describe.legacy",
                    lang,
                    columns=", ".join(f"{c} ({e.upper()})" for c, e in data["legacy_columns"].items()),
                )
            )
        return lines

    def preview_json(self) -> dict:
        """What the Data page's preview shows, for `import --dry-run --json` (the key `preview`)."""
        preview = self.preview
        layout = preview.layout if preview else None
        out: dict = {
            "format": layout.format if layout else None,
            "encoding": layout.encoding if layout else None,
            "delimiter": layout.delimiter if layout else None,
            "sheet": layout.sheet if layout else None,
            "sheets": [p.sheet for p in layout.parts] if layout and layout.parts else None,
            "header_row": layout.header_row if layout else None,
            "header_rows": layout.header_span if layout else None,
            "columns": layout.headers if layout else [],
            "mapping": {n: preview.header(i) for n, i in preview.mapping.items()}
            if preview and layout
            else {},
            "alternatives": (
                {n: [preview.header(i) for i in cols] for n, cols in preview.alternatives.items()}
                if preview and layout
                else {}
            ),
            "ignored": preview.ignored if preview and layout else [],
            "legacy_columns": (
                {preview.header(i): e for i, e in layout.legacy_columns.items()} if layout else {}
            ),
            "rows_read": self.rows_read,
            "skipped_by": dict(self.skipped_by),
            "cleaned": dict(self.cleaned),
            "date_orders": {
                n: {"order": o["order"], **({"rows": o["rows"]} if "rows" in o else {})}
                for n, o in self.date_orders.items()
            },
            "share_issues": [
                {"row": i.row, "total": i.total} | ({"sheet": i.sheet} if i.sheet else {})
                for i in self.share_issues
            ],
            "sheet_counts": [
                {
                    "sheet": s["sheet"],
                    "rows": s["rows"],
                    "inserted": s["insert"],
                    "updated": s["update"],
                    "unchanged": s["unchanged"],
                    "rejected": s["reject"],
                    "skipped": s["skip"],
                }
                for s in self.sheets
            ],  # fmt: skip
            "skipped_sheets": list(self.skipped_sheets),
        }
        return out


@dataclass
class UndoResult:
    import_id: int
    refusal: Refusal | None = None
    deleted: int = 0
    restored: int = 0
    reinserted: int = 0

    @property
    def ok(self) -> bool:
        return self.refusal is None

    def message(self, lang: Lang = "vi") -> str:
        if self.refusal:
            return self.refusal.message(lang)
        return t(
            "ingest.undo.done",
            lang,
            id=self.import_id,
            deleted=fmt_int(self.deleted, lang),
            restored=fmt_int(self.restored + self.reinserted, lang),
        )


# --- text helpers -----------------------------------------------------------------------------------------


def field_label(name: str, lang: Lang = "vi") -> str:
    return t(f"ingest.field.{name}", lang)


def reason_text(key: str, lang: Lang = "vi", **params: object) -> str:
    values = {k: fmt_int(v, lang) if isinstance(v, int) else v for k, v in params.items()}
    if key in REASON_NUMBERS and not values:
        values = {name: "?" for name in REASON_NUMBERS[key]}
    return t(f"ingest.reason.{key}", lang, **values)


# Reasons that state numbers: the first comes from the row ("#n" in its errors), the other is the limit.
REASON_NUMBERS: dict[str, tuple[str, ...]] = {"too_long": ("n", "max"), "open_quote": ("n",)}


def reason_params(name: str, reason: str, detail: str) -> dict:
    """The values a reason states for a field: the number stored with it (a text's length, the lines a
    quote swallowed) and the limit it was checked against."""
    if reason not in REASON_NUMBERS:
        return {}
    values: dict = {"n": int(detail) if detail.isdigit() else 0}
    if "max" in REASON_NUMBERS[reason]:
        values["max"] = MAX_CODE if name == "code" else MAX_TEXT
    return values


def reasons_text(keys: str | None, lang: Lang = "vi") -> str:
    """'unit:unknown_unit|registered_on:bad_date' -> the Vietnamese (or English) sentences."""
    if not keys:
        return ""
    out = []
    for item in keys.split("|"):
        name, _, reason = item.partition(":")
        reason, _, detail = reason.partition("#")
        label = field_label(name, lang) if name in FIELD_BY_NAME else ""
        text = reason_text(reason, lang, **reason_params(name, reason, detail))
        out.append(f"{label}: {text}" if label else text)
    return "; ".join(out)


def rows_text(rows: str, lang: Lang) -> str:
    """ "5, 9" -> "dòng 5, 9"; for a table over several sheets "BSR!5, PVEP!9" -> "BSR dòng 5, PVEP dòng 9"."""
    plain: list[str] = []
    sheets: list[str] = []
    for item in str(rows).split(", "):
        sheet, _, row = item.rpartition("!")
        number = fmt_int(int(row), lang) if row.isdigit() else row
        if sheet:
            sheets.append(t("ingest.sheet_row", lang, sheet=sheet, row=number))
        else:
            plain.append(number)
    return ", ".join(([t("ingest.rows", lang, rows=", ".join(plain))] if plain else []) + sheets)


def fmt_mb(size: object, lang: Lang) -> str:
    value = float(size or 0) / (1024 * 1024)
    return t("ingest.mb", lang, n=fmt_int(value, lang) if value >= 10 else fmt_num(value, lang))


def unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name if not count else f"{name} ({count + 1})")
    return out
