"""What the importer tells a person: a whole file's refusal, the preview of what was detected, the report of
what an import would do or did, an undo's outcome, and the catalogue labels they are worded with.

These are the shared words of the package: every step fills or reads them, none of them reads a file or
the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics.export import to_csv_bytes
from analytics.i18n import Lang, fmt_int, fmt_num, t
from analytics.ingest.columns import FIELD_BY_NAME, REQUIRED
from analytics.ingest.layout import Layout

MODES: tuple[str, ...] = ("upsert", "insert", "replace")


# --- results ----------------------------------------------------------------------------------------------


# Refusals whose `limit` is a count (columns), not a size in bytes (written in MB).
_COUNT_LIMITS = frozenset({"too_many_columns"})


@dataclass(frozen=True)
class Refusal:
    """Why a whole file (or an undo) was refused: a catalogue code and its values."""

    code: str
    params: dict = field(default_factory=dict)

    def message(self, lang: Lang = "vi") -> str:
        values = dict(self.params)
        if "columns" in values:
            values["columns"] = ", ".join(field_label(c, lang) for c in values["columns"])
        for key in ("size", "limit"):
            if key in values and self.code not in _COUNT_LIMITS:
                values[key] = fmt_mb(values[key], lang)
        for key in ("n", "limit"):
            if key in values and self.code in _COUNT_LIMITS:
                values[key] = fmt_int(values[key], lang)
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

    def rows_frame(self) -> pd.DataFrame:
        """The first rows under the header, with the file's own headers (made unique for display)."""
        if not self.layout:
            return pd.DataFrame()
        names = unique_names([self.header(i) for i in range(len(self.headers))])
        rows = [list(r) + [None] * (len(names) - len(r)) for r in self.layout.preview]
        return pd.DataFrame(rows, columns=names, dtype=object)


@dataclass
class RowError:
    row: int
    column: str  # the file's header (or the field's name when the file lacks the column)
    value: str | None
    reason: str  # catalogue key suffix: ingest.reason.<reason>


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
    rejects: pd.DataFrame = field(default_factory=pd.DataFrame)
    warnings: list[tuple[str, dict]] = field(default_factory=list)
    sha256: str | None = None
    import_id: int | None = None
    total_records: int | None = None
    seconds: float = 0.0
    seen_before: list[int] = field(default_factory=list)  # earlier imports of the same bytes
    rejected_items: int = 0  # error items found (may exceed len(errors))
    programs: list[tuple[str, int]] = field(default_factory=list)  # records per program (ingest.assign)

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
        return " ".join(parts)

    def errors_frame(self, lang: Lang = "vi") -> pd.DataFrame:
        """The rejected cells: row, column, value, reason (in `lang`)."""
        return pd.DataFrame(
            [(e.row, e.column, e.value, reason_text(e.reason, lang)) for e in self.errors],
            columns=[
                t("ingest.col.row", lang),
                t("ingest.col.column", lang),
                t("ingest.col.value", lang),
                t("ingest.col.reason", lang),
            ],
        )

    def rejects_frame(self, lang: Lang = "vi") -> pd.DataFrame:
        """The rejected rows with the file's own columns, the row number and the reasons: fix and re-import."""
        if self.rejects.empty:
            return pd.DataFrame()
        frame = self.rejects.copy()
        reasons = frame.pop("_errors").map(lambda keys: reasons_text(keys, lang))
        frame.insert(0, t("ingest.col.row", lang), frame.pop("_row"))
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
                {"row": e.row, "column": e.column, "value": e.value, "reason": reason_text(e.reason, lang)}
                for e in self.errors
            ],
            "message": self.message(lang),
            "total_records": self.total_records,
        }


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


def reason_text(key: str, lang: Lang = "vi") -> str:
    return t(f"ingest.reason.{key}", lang)


def reasons_text(keys: str | None, lang: Lang = "vi") -> str:
    """'unit:unknown_unit|registered_on:bad_date' -> the Vietnamese (or English) sentences."""
    if not keys:
        return ""
    out = []
    for item in keys.split("|"):
        name, _, reason = item.partition(":")
        label = field_label(name, lang) if name in FIELD_BY_NAME else ""
        out.append(f"{label}: {reason_text(reason, lang)}" if label else reason_text(reason, lang))
    return "; ".join(out)


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
