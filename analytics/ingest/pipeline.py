"""Import the exports analysts really have (CSV/TSV/TXT, XLSX/XLS/ODS) into the store: validated, atomic,
undoable. The Data page and `python -m analytics import` call the same functions.

    preview = inspect(data, name)                      # what was detected; the column mapping; first rows
    report = validate(store, data, name, mode=...)     # would insert/update/unchanged, rejects, skipped
    report = commit(store, data, name, mode=...)       # one transaction; report.import_id
    undo(store, report.import_id)                      # the exact previous state of the touched records
    import_file(store, path, mode=..., dry_run=...)    # the command line (and the benchmark)

`data` is a path or the file's bytes. The rows never pass through Python: detection reads the first 64 KB,
DuckDB reads the file (see read.py) into a TEMP staging table and parses, validates and upserts in SQL
(see sql.py). One import is one `store.transaction()`: staging, the upsert, `initiative_history` (every
touched record's previous values) and the `imports` row commit together or not at all.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from analytics.export import to_csv_bytes, to_xlsx_bytes
from analytics.i18n import Lang, fmt_int, fmt_num, t
from analytics.ingest import sql as q
from analytics.ingest.columns import (
    FIELD_BY_NAME,
    FIELD_NAMES,
    LEVEL_KEYS,
    LEVEL_WORDS,
    REQUIRED,
    STATUS_KEYS,
    STATUS_WORDS,
    match_header,
    match_headers,
    unit_keys,
)
from analytics.ingest.read import (
    SHEET_FORMATS,
    SPARE_COLUMNS,
    Layout,
    Limits,
    Progress,
    ReadOptions,
    Refused,
    csv_source_sql,
    detect,
    read_sheet,
    scan_bytes,
    sheet_frame,
    transcode,
)
from analytics.sandbox import file_access_restricted, reachable, temp_dir
from analytics.store import Store
from analytics.textnorm import fold_key

MODES: tuple[str, ...] = ("upsert", "insert", "replace")
MAX_ERRORS = 10_000  # error items kept in a report (the rejected count is always exact)
MAX_REJECT_ROWS = 200_000  # rows in the downloadable rejects file


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
        for key in ("size", "limit"):
            if key in values:
                values[key] = fmt_mb(values[key], lang)
        if "imports" in values:
            values["imports"] = ", ".join(f"#{i}" for i in values["imports"])
        for key in ("rows", "max_rows"):
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


# --- sources ----------------------------------------------------------------------------------------------


@contextmanager
def _source(data: bytes | str | Path, name: str | None) -> Iterator[tuple[Path, str]]:
    """A path on disk for the file (bytes are written to a private temporary file first)."""
    if isinstance(data, (bytes, bytearray, memoryview)):
        label = name or "upload"
        with temp_dir() as folder:
            path = folder / "upload.bin"
            path.write_bytes(bytes(data))
            yield path, label
    else:
        path = Path(data)
        yield path, name or path.name


def _resolve(layout: Layout, mapping: dict[str, int] | None) -> tuple[dict[str, int], dict[str, int]]:
    """The detected mapping, or the person's (fields -> column), checked: known fields, columns in range,
    no column used twice."""
    detected, scales = match_headers(layout.headers)
    if mapping is None:
        return detected, scales
    chosen: dict[str, int] = {}
    used: set[int] = set()
    for name in FIELD_NAMES:
        index = mapping.get(name)
        if index is None or not 0 <= int(index) < len(layout.headers) or int(index) in used:
            continue
        chosen[name] = int(index)
        used.add(int(index))
    kept_scales = {n: scales.get(n, 1) for n in chosen if FIELD_BY_NAME[n].kind == "money"}
    for name in kept_scales:
        if detected.get(name) != chosen[name]:
            kept_scales[name] = match_header(layout.headers[chosen[name]]).scale or 1
    return chosen, kept_scales


def inspect(
    data: bytes | str | Path,
    name: str | None = None,
    options: ReadOptions | None = None,
    mapping: dict[str, int] | None = None,
    limits: Limits | None = None,
) -> Preview:
    """Detect a file's format, encoding, delimiter, header row and sheet, and map its columns.

    Never raises for a bad file: the preview then carries the refusal (and, when the file could be read,
    what was detected, so the person can fix the mapping).
    """
    with _source(data, name) as (path, label):
        return _inspect(path, label, options, mapping, limits)


def _inspect(
    path: Path, label: str, options: ReadOptions | None, mapping: dict[str, int] | None, limits: Limits | None
) -> Preview:
    try:
        layout = detect(path, options, limits)
    except Refused as exc:
        return Preview(label, None, refusal=Refusal(exc.code, exc.params))
    except OSError as exc:
        return Preview(label, None, refusal=Refusal("unreadable", {"detail": str(exc)[:200]}))
    chosen, scales = _resolve(layout, mapping)
    preview = Preview(label, layout, chosen, scales)
    if preview.missing:
        preview.refusal = Refusal(
            "missing_columns",
            {"columns": preview.missing, "found": ", ".join(h for h in layout.headers if h)[:300]},
        )
    return preview


# --- the pipeline -----------------------------------------------------------------------------------------


def validate(
    store: Store,
    data: bytes | str | Path,
    name: str | None = None,
    *,
    options: ReadOptions | None = None,
    mapping: dict[str, int] | None = None,
    mode: str = "upsert",
    units: Sequence[str] = (),
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> Report:
    """Everything an import would do, without writing anything."""
    return _run(store, data, name, options, mapping, mode, units, limits, progress, write=False, by=None)


def commit(
    store: Store,
    data: bytes | str | Path,
    name: str | None = None,
    *,
    options: ReadOptions | None = None,
    mapping: dict[str, int] | None = None,
    mode: str = "upsert",
    units: Sequence[str] = (),
    by: str | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> Report:
    """Import the file in one transaction. A refused file writes nothing; an accepted one writes its
    valid rows, their history and one `imports` row (even when nothing changed)."""
    return _run(store, data, name, options, mapping, mode, units, limits, progress, write=True, by=by)


def import_file(
    store: Store,
    path: str | Path,
    mode: str = "upsert",
    dry_run: bool = False,
    units: Sequence[str] = (),
    by: str | None = None,
    options: ReadOptions | None = None,
    mapping: dict[str, int] | None = None,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> Report:
    """The plain entry point (command line, benchmark): validate or commit one file on disk."""
    runner = validate if dry_run else commit
    kwargs: dict = {
        "options": options,
        "mapping": mapping,
        "mode": mode,
        "units": units,
        "limits": limits,
        "progress": progress,
    }
    if not dry_run:
        kwargs["by"] = by
    return runner(store, path, **kwargs)


def _run(
    store: Store, data, name, options, mapping, mode, units, limits, progress, write: bool, by: str | None
) -> Report:
    started = time.perf_counter()
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    with _source(data, name) as (path, label):
        report = Report(file=label, mode=mode, dry_run=not write)
        preview = _inspect(path, label, options, mapping, limits)
        report.preview = preview
        if preview.refusal:
            report.refusal = preview.refusal
            return _finish(report, store, started)
        step = _stepper(progress)
        hints = _Hints(serial=preview.layout.multiline if preview.layout else False)
        try:
            for _attempt in range(3):
                # A failed statement spoils the transaction, so a read that must be done differently
                # (single-threaded, or transcoded) starts the whole import again with a hint.
                try:
                    args = (store, path, preview, report, mode, units, step)
                    if write:
                        with store.transaction() as cur:
                            _pipeline(cur, *args, True, by, hints, limits)
                    else:
                        with store.cursor() as cur:
                            _pipeline(cur, *args, False, None, hints, limits)
                    break
                except _Retry as retry:
                    hints = retry.hints
                    report.warnings = [
                        w for w in report.warnings if w not in retry.hints.warnings
                    ] + retry.hints.warnings
        except Refused as exc:
            report.refusal = Refusal(exc.code, exc.params)
            report.import_id = None
        except (UnicodeError, OSError) as exc:
            report.refusal = Refusal("unreadable", {"detail": str(exc).splitlines()[0][:200]})
            report.import_id = None
        except duckdb.Error as exc:
            if not write:
                raise
            # The file was read and checked; what failed is the write (full disk, out of memory, a file
            # made read-only), rolled back whole: say so, on the page and on the command line alike.
            report.refusal = Refusal("store_write", {"detail": str(exc).splitlines()[0][:200]})
            report.import_id = None
        step(1.0, "done")
    return _finish(report, store, started)


def _finish(report: Report, store: Store, started: float) -> Report:
    if report.refusal:
        for name in (
            "inserted",
            "updated",
            "unchanged",
            "kept",
            "rejected",
            "skipped",
            "skipped_blank",
            "skipped_total",
            "deleted",
            "rows_read",
            "rejected_items",
        ):
            setattr(report, name, 0)
        report.errors = []
        report.rejects = pd.DataFrame()
    try:
        report.total_records = store.record_count()
    except duckdb.Error:
        report.total_records = None
    report.seconds = time.perf_counter() - started
    return report


FAULT_PAUSE_ENV = "SANGKIEN_FAULT_PAUSE"


def _fault_pause() -> tuple[str, float] | None:
    """`SANGKIEN_FAULT_PAUSE=write:30` holds every import for 30 s when it reaches the "write" step (read,
    validate, write, commit): the fault tests kill the server at a chosen step instead of racing a fast
    import. Unset (always, outside those tests) it costs nothing."""
    step, _, seconds = os.environ.get(FAULT_PAUSE_ENV, "").partition(":")
    try:
        return (step, float(seconds)) if step else None
    except ValueError:
        return None


def _stepper(progress: Progress | None):
    pause = _fault_pause()

    def step(fraction: float, label: str) -> None:
        if progress:
            progress(max(0.0, min(fraction, 1.0)), label)
        if pause and label == pause[0]:
            time.sleep(pause[1])

    return step


@dataclass(frozen=True)
class _Hints:
    """How to read a CSV this time: single-threaded (cells with line breaks), transcoded (bad bytes)."""

    serial: bool = False
    transcode: bool = False
    warnings: list = field(default_factory=list)


class _Retry(Exception):
    def __init__(self, hints: _Hints) -> None:
        super().__init__("retry")
        self.hints = hints


def _pipeline(
    cur: duckdb.DuckDBPyConnection,
    store: Store,
    path: Path,
    preview: Preview,
    report: Report,
    mode: str,
    units: Sequence[str],
    step,
    write: bool,
    by: str | None,
    hints: _Hints,
    limits: Limits | None = None,
) -> None:
    """Stage, validate and (when `write`) upsert on one cursor; inside `store.transaction()` when writing.

    A store restricted to the importer's folder (sandbox.restrict_file_access) reads a CSV given by
    path through a link in this import's folder."""
    text = preview.layout is not None and preview.layout.format not in SHEET_FORMATS
    with temp_dir() as folder, reachable(path, text and file_access_restricted(cur), folder) as path:
        _validate_rows(cur, path, folder, preview, report, mode, units, step, hints, limits)
        if write:
            _write(cur, preview, report, mode, by, step)


def _validate_rows(
    cur: duckdb.DuckDBPyConnection,
    path: Path,
    folder: Path,
    preview: Preview,
    report: Report,
    mode: str,
    units: Sequence[str],
    step,
    hints: _Hints,
    limits: Limits | None = None,
) -> None:
    layout = preview.layout
    assert layout is not None
    for macro in q.MACROS:
        cur.execute(macro)
    spare = SPARE_COLUMNS if layout.format == "csv" else 0
    shape = q.Shape(dict(preview.mapping), len(layout.headers), spare, dict(preview.scales))
    first_row = layout.header_row + 1
    replace_units = _replace_scope(cur, units, mode)
    params: dict[str, object] = {"first_row": first_row, **_build_lookups(cur, shape, preview)}
    if mode == "replace":
        params["replace_units"] = replace_units
    phases = cur.execute("SELECT phase, start_on, end_on FROM phases ORDER BY phase").fetchall()
    for i, (phase, start, end) in enumerate(phases):
        params[f"ps{i}"], params[f"pe{i}"], params[f"pp{i}"] = start, end, phase
    step(0.02, "read")
    stage = _Stage(cur, shape, hints)
    if layout.format in SHEET_FORMATS:
        stage.sheet(path, layout)
    else:
        stage.csv(path, folder, layout, step)
    report.rows_read, report.sha256 = stage.rows, stage.sha256
    max_rows = limits.max_rows if limits else None
    if max_rows is not None and stage.rows > max_rows:
        raise Refused("too_many_rows", rows=stage.rows, max_rows=max_rows)
    params["rid_base"] = stage.rid_base
    # From here on each row carries its file row number (row_no) and every listing sorts by it, so DuckDB
    # may write ingest_rows and the new records in any order: both passes then write in parallel (0.2-0.3 s
    # less per million rows). This cursor's session only; the staging above keeps file order (rowid).
    cur.execute("SET SESSION preserve_insertion_order = false")
    cur.execute(q.rows_sql(shape, mode, len(phases)), params)
    step(0.6, "validate")
    cur.execute(q.dups_sql())
    dups = int(cur.execute("SELECT count(*) FROM ingest_dups").fetchone()[0])
    if dups:
        cur.execute(q.mark_dups_sql())
    _count(cur, report)
    if report.rows_read == 0 or report.rows_read == report.skipped:
        raise Refused("header_only")
    if mode == "replace":
        scope = replace_units or [
            r[0]
            for r in cur.execute(
                "SELECT DISTINCT unit_code FROM ingest_rows WHERE action IN ('insert', 'update', 'unchanged') ORDER BY 1"
            ).fetchall()
        ]
        report.replace_units = list(scope)
        report.deleted = int(cur.execute(_DELETE_COUNT, {"scope": report.replace_units}).fetchone()[0])
    if report.rejected:
        _collect_rejects(cur, report, preview, shape, first_row, stage.rid_base)
    if report.sha256:
        report.seen_before = [
            int(r[0])
            for r in cur.execute(
                "SELECT id FROM imports WHERE sha256 = ? AND undone_at IS NULL ORDER BY id", [report.sha256]
            ).fetchall()
        ]


def _write(
    cur: duckdb.DuckDBPyConnection, preview: Preview, report: Report, mode: str, by: str | None, step
) -> None:
    """The upsert, the history of every touched record and the imports row (inside the transaction)."""
    layout = preview.layout
    assert layout is not None
    shape = q.Shape(dict(preview.mapping), len(layout.headers), 0, dict(preview.scales))
    step(0.7, "write")
    import_id = int(cur.execute("SELECT nextval('import_id_seq')").fetchone()[0])
    ids = {"import_id": import_id}
    if mode == "replace" and report.deleted:
        cur.execute(
            f"INSERT INTO initiative_history SELECT $import_id, 'delete', {q.HISTORY_COLUMNS}, import_id "  # noqa: S608
            f"FROM initiatives WHERE {_DELETE_WHERE}",
            {**ids, "scope": report.replace_units},
        )
        cur.execute(f"DELETE FROM initiatives WHERE {_DELETE_WHERE}", {"scope": report.replace_units})  # noqa: S608
    if report.updated:
        cur.execute(
            f"""INSERT INTO initiative_history SELECT $import_id, 'update', {_prefixed("i")}, i.import_id
                FROM initiatives i JOIN (SELECT code FROM ingest_rows WHERE action = 'update') r ON r.code = i.code""",  # noqa: S608
            ids,
        )
        cur.execute(q.update_sql(shape), ids)
    step(0.8, "write")
    if report.inserted:
        # New records have no previous values, so nothing goes to the history: they carry this import's id,
        # which is how undo finds and removes them (a history row each cost 0.35 s per million records).
        insert = (
            f"INSERT INTO initiatives SELECT {q.record_select()} FROM ingest_rows r WHERE r.action = 'insert'"  # noqa: S608
        )
        cur.execute(insert, ids)
    cur.execute(
        """INSERT INTO imports (id, file_name, sha256, imported_at, imported_by, mode, rows_read, inserted, updated,
                                unchanged, rejected, skipped)
           VALUES (?, ?, ?, now(), ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            import_id,
            report.file,
            report.sha256,
            by,
            mode,
            report.rows_read,
            report.inserted,
            report.updated,
            report.unchanged,
            report.rejected,
            report.skipped,
        ],
    )
    step(0.95, "commit")
    report.import_id = import_id


_DELETE_WHERE = (
    "list_contains($scope, unit_code) AND code NOT IN (SELECT code FROM ingest_rows WHERE code IS NOT NULL)"
)
_DELETE_COUNT = f"SELECT count(*) FROM initiatives WHERE {_DELETE_WHERE}"  # noqa: S608


def _prefixed(alias: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in q.HISTORY_COLUMNS.split(","))


def _replace_scope(cur: duckdb.DuckDBPyConnection, units: Sequence[str], mode: str) -> list[str]:
    if mode != "replace" or not units:
        return []
    known = unit_keys(_units(cur))
    scope = []
    for unit in units:
        code = known.get(fold_key(unit))
        if code is None:
            raise Refused("unknown_replace_unit", unit=unit)
        scope.append(code)
    return sorted(set(scope))


def _units(cur: duckdb.DuckDBPyConnection) -> list[tuple]:
    return cur.execute("SELECT code, short_name, name, aliases FROM units").fetchall()


def _spellings(texts: Sequence[str | None]) -> set[str]:
    """A name as exports write it: as stored, upper case, lower case, title case."""
    out: set[str] = set()
    for text in texts:
        if text:
            out.update({text, text.upper(), text.lower(), text.title()})
    return out


def _build_lookups(cur: duckdb.DuckDBPyConnection, shape: q.Shape, preview: Preview) -> dict[str, list[str]]:
    """Lookup tables (raw spelling -> canonical value) for units, statuses and levels, built before the file
    is read: every spelling the store and the synonym lists know, and every value in the preview rows,
    each matched in Python with the app's own fold. A spelling met later in the file falls back to the
    SQL fold and the returned key/value lists (see sql._lookup)."""
    units = _units(cur)
    keys_by_name = {"unit": unit_keys(units), "status": STATUS_KEYS, "level": LEVEL_KEYS}
    known = {
        "unit": [t for code, short, name, aliases in units for t in (code, short, name, *(aliases or []))],
        "status": [w for words in STATUS_WORDS.values() for w in words],
        "level": [w for words in LEVEL_WORDS.values() for w in words],
    }
    tables = {"unit": "ingest_units", "status": "ingest_statuses", "level": "ingest_levels"}
    params: dict[str, list[str]] = {}
    layout = preview.layout
    for name, table in tables.items():
        keys = keys_by_name[name]
        spellings = _spellings(known[name])
        if shape.has(name) and layout:
            index = shape.mapping[name]
            spellings.update(str(r[index]) for r in layout.preview if index < len(r) and r[index] is not None)
        pairs = [(raw, keys[fold_key(raw)]) for raw in sorted(spellings) if fold_key(raw) in keys]
        frame = pd.DataFrame(pairs, columns=["raw", "value"], dtype=object)
        cur.register("ingest_pairs", frame)
        try:
            cur.execute(
                f"CREATE OR REPLACE TEMP TABLE {table} AS "  # noqa: S608
                "SELECT DISTINCT CAST(raw AS VARCHAR) AS raw, CAST(value AS VARCHAR) AS value FROM ingest_pairs"
            )
        finally:
            cur.unregister("ingest_pairs")
        if shape.has(name):
            params[f"{name}_keys"] = list(keys)
            params[f"{name}_values"] = list(keys.values())
    return params


def _count(cur: duckdb.DuckDBPyConnection, report: Report) -> None:
    rows = cur.execute(
        """SELECT action, count(*), count(*) FILTER (WHERE kept), count(*) FILTER (WHERE _skip = 'blank')
           FROM ingest_rows GROUP BY action"""
    ).fetchall()
    counts = {action: (n, kept, blank) for action, n, kept, blank in rows}
    report.inserted = counts.get("insert", (0, 0, 0))[0]
    report.updated = counts.get("update", (0, 0, 0))[0]
    report.unchanged, report.kept = counts.get("unchanged", (0, 0, 0))[:2]
    report.rejected = counts.get("reject", (0, 0, 0))[0]
    report.skipped = counts.get("skip", (0, 0, 0))[0]
    report.skipped_blank = counts.get("skip", (0, 0, 0))[2]
    report.skipped_total = report.skipped - report.skipped_blank
    report.rows_read = sum(n for n, _, _ in counts.values())


def _collect_rejects(
    cur: duckdb.DuckDBPyConnection,
    report: Report,
    preview: Preview,
    shape: q.Shape,
    first_row: int,
    rid_base: int,
) -> None:
    """The rejected rows (the file's cells, row number, reason keys) and one error item per bad cell."""
    columns = ", ".join(f"w.{q.col(i)}" for i in range(shape.width + shape.spare))
    sql = (
        f"SELECT r.row_no, r.errors, {columns} FROM ingest_rows r "  # noqa: S608
        "JOIN ingest_raw w ON w.rowid = r.row_no - $first_row + $rid_base WHERE r.action = 'reject' "
        "ORDER BY r.row_no LIMIT $limit"
    )
    rows = cur.execute(
        sql, {"first_row": first_row, "rid_base": rid_base, "limit": MAX_REJECT_ROWS}
    ).fetchall()
    headers = unique_names([preview.header(i) for i in range(shape.width)])
    frame = pd.DataFrame([r[2 : 2 + shape.width] for r in rows], columns=headers, dtype=object)
    frame["_row"] = [r[0] for r in rows]
    frame["_errors"] = [r[1] for r in rows]
    report.rejects = frame
    errors: list[RowError] = []
    count = 0
    for row in rows:
        values = row[2:]
        for item in (row[1] or "").split("|"):
            name, _, reason = item.partition(":")
            count += 1
            if len(errors) >= MAX_ERRORS:
                continue
            if name in shape.mapping:
                index = shape.mapping[name]
                column, value = preview.header(index), values[index]
            elif name == "_row":
                column = ""
                value = " | ".join(str(v) for v in values[shape.width :] if v not in (None, ""))
            else:
                column, value = field_label(name), None
            errors.append(RowError(int(row[0]), column, None if value is None else str(value), reason))
    report.errors = errors
    report.rejected_items = count


class _Stage:
    """Reads the file into `ingest_raw` (the cells as text, in file order), choosing how DuckDB reads it."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, shape: q.Shape, hints: _Hints) -> None:
        self.cur, self.shape, self.hints = cur, shape, hints
        self.rows = 0
        self.rid_base = 0
        self.sha256: str | None = None

    def _run(self, source: str, source_params: dict) -> int:
        try:
            self.cur.execute(q.raw_sql(source), source_params)
        except (duckdb.InvalidInputException, duckdb.ConversionException) as exc:
            message = str(exc)
            if "CSV" not in message or "parallel" in message.lower() or "unicode" in message.lower():
                raise  # not the file's fault, or a case the caller retries differently
            raise Refused("unreadable", detail=message.splitlines()[0][:200]) from None
        low, high, count = self.cur.execute(
            "SELECT min(rowid), max(rowid), count(*) FROM ingest_raw"
        ).fetchone()
        if count and high - low + 1 != count:  # never seen; a fresh copy in file order has dense rowids
            self.cur.execute(
                "CREATE OR REPLACE TEMP TABLE ingest_raw AS SELECT * FROM ingest_raw ORDER BY rowid"
            )
            low = self.cur.execute("SELECT min(rowid) FROM ingest_raw").fetchone()[0]
        self.rid_base = int(low or 0)
        return int(count)

    def csv(self, path: Path, folder: Path, layout: Layout, step) -> None:
        """A UTF-8 NFC file is read by DuckDB as it is, while its bytes are scanned (digest, lines, combining
        marks) on a second thread; anything else is first transcoded to a temporary UTF-8 NFC file."""
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            scan = pool.submit(scan_bytes, path)
            rows: int | None = None
            if layout.encoding in ("utf-8", "utf-8-sig") and not self.hints.transcode:
                try:
                    rows = self._read_csv(path, layout)
                except duckdb.InvalidInputException as exc:
                    if "unicode" not in str(exc).lower():
                        raise
                    scan.result()
                    warnings = [("bad_bytes", {})]
                    raise _Retry(_Hints(self.hints.serial, True, warnings)) from None
            scanned = scan.result()
        self.sha256 = scanned.sha256
        step(0.4, "read")
        if rows is not None and scanned.combining:
            rows = None
        # Fewer rows than lines: blank lines (which DuckDB drops, shifting row numbers) or cells that hold
        # line breaks (harmless). Only the first needs the slower, exact path.
        if (
            rows is not None
            and rows + layout.skip_lines != scanned.lines
            and scan_bytes(path, look_for_blank_lines=True).blank_lines
        ):
            rows = None
        if rows is None:
            target = folder / "utf8.csv"
            transcode(
                path,
                target,
                layout.encoding or "utf-8",
                layout.delimiter or ",",
                errors="replace",
                progress=lambda f, _: step(0.05 + 0.3 * f, "transcode"),
            )
            try:
                rows = self._read_csv(target, layout)
            except duckdb.InvalidInputException as exc:  # even clean UTF-8 did not read: not a table
                raise Refused("unreadable", detail=str(exc).splitlines()[0][:200]) from None
        self.rows = rows

    def _read_csv(self, path: Path, layout: Layout) -> int:
        source, extra = csv_source_sql(self.shape.width + self.shape.spare)
        params = {"path": str(path), "skip": layout.skip_lines, "delim": layout.delimiter or ",", **extra}
        try:
            return self._run(source, {**params, "parallel": not self.hints.serial})
        except duckdb.Error as exc:
            if "parallel" not in str(exc).lower() or self.hints.serial:
                raise
            # Cells with line breaks and short rows together need the single-threaded reader.
            raise _Retry(_Hints(True, self.hints.transcode, self.hints.warnings)) from None

    def sheet(self, path: Path, layout: Layout) -> None:
        self.sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        _, _, cells = read_sheet(path, layout.sheet)
        frame = sheet_frame(cells, layout.header_row - 1, self.shape.width)
        del cells
        self.cur.register("ingest_frame", frame)  # stays registered for a re-read; the cursor closes after
        columns = ", ".join(f"CAST({q.col(i)} AS VARCHAR) AS {q.col(i)}" for i in range(self.shape.width))
        self.rows = self._run(f"(SELECT {columns} FROM ingest_frame)", {})  # noqa: S608


# --- undo and history -------------------------------------------------------------------------------------


def undo_blockers(store: Store, import_id: int) -> list[int]:
    """Later imports (not undone) that changed records this import wrote: they must be undone first."""
    rows = store.rows(
        """WITH mine AS (SELECT code FROM initiative_history WHERE import_id = $id
                         UNION SELECT code FROM initiatives WHERE import_id = $id)
           SELECT DISTINCT m.id FROM imports m
           LEFT JOIN initiative_history h ON h.import_id = m.id
           WHERE m.id > $id AND m.undone_at IS NULL
             AND (m.mode = 'sample' OR h.prev_import_id = $id OR h.code IN (SELECT code FROM mine))
           ORDER BY 1""",
        {"id": import_id},
    )
    return [int(r[0]) for r in rows]


def undo_check(store: Store, import_id: int) -> Refusal | None:
    """Why this import cannot be undone now (None when it can)."""
    row = store.rows("SELECT undone_at FROM imports WHERE id = ?", [import_id])
    if not row:
        return Refusal("undo_unknown", {"id": import_id})
    if row[0][0] is not None:
        return Refusal("undo_done", {"id": import_id})
    blockers = undo_blockers(store, import_id)
    if blockers:
        return Refusal("undo_blocked", {"id": import_id, "imports": blockers})
    return None


def undo(store: Store, import_id: int, by: str | None = None) -> UndoResult:
    """Restore the exact previous state of every record the import touched, in one transaction: records it
    inserted are removed, records it changed get their previous values (and previous import) back,
    records it deleted come back. Refused while a later import changed the same records."""
    result = UndoResult(import_id)
    refusal = undo_check(store, import_id)
    if refusal:
        result.refusal = refusal
        return result
    params = {"id": import_id}
    with store.transaction() as cur:
        result.deleted = int(
            cur.execute(
                """SELECT count(*) FROM initiatives WHERE import_id = $id AND code NOT IN
               (SELECT code FROM initiative_history WHERE import_id = $id AND action = 'update')""",
                params,
            ).fetchone()[0]
        )
        cur.execute(
            """DELETE FROM initiatives WHERE import_id = $id AND code NOT IN
               (SELECT code FROM initiative_history WHERE import_id = $id AND action = 'update')""",
            params,
        )
        sets = ", ".join(f"{c.strip()} = h.{c.strip()}" for c in q.HISTORY_COLUMNS.split(",")[1:])
        result.restored = int(
            cur.execute(
                "SELECT count(*) FROM initiative_history WHERE import_id = $id AND action = 'update'", params
            ).fetchone()[0]
        )
        cur.execute(
            f"""UPDATE initiatives SET {sets}, import_id = h.prev_import_id FROM initiative_history h
                WHERE h.import_id = $id AND h.action = 'update' AND initiatives.code = h.code""",  # noqa: S608
            params,
        )
        result.reinserted = int(
            cur.execute(
                "SELECT count(*) FROM initiative_history WHERE import_id = $id AND action = 'delete'", params
            ).fetchone()[0]
        )
        cur.execute(
            f"""INSERT INTO initiatives SELECT {_prefixed("h")}, h.prev_import_id FROM initiative_history h
                WHERE h.import_id = $id AND h.action = 'delete'""",  # noqa: S608
            params,
        )
        cur.execute("UPDATE imports SET undone_at = now() WHERE id = $id", params)
        cur.execute(
            """INSERT INTO reference_history VALUES (now(), ?, 'imports', ?, 'undone_at', NULL, CAST(now() AS VARCHAR))""",
            [by, str(import_id)],
        )
    return result


def sample_import_id(store: Store) -> int | None:
    """The illustrative sample's import (while it is in the store), so it can be removed with undo."""
    value = store.one("SELECT max(id) FROM imports WHERE mode = 'sample' AND undone_at IS NULL")
    return None if value is None else int(value)


def history(store: Store, limit: int = 200) -> pd.DataFrame:
    """The import log, newest first, with whether each import can still be undone."""
    frame = store.df(
        """SELECT id, imported_at, file_name, imported_by, mode, rows_read, inserted, updated, unchanged,
                  rejected, skipped, undone_at,
                  (SELECT count(*) FROM initiative_history h WHERE h.import_id = m.id AND h.action = 'delete')
                      AS deleted
           FROM imports m ORDER BY id DESC LIMIT ?""",
        [limit],
    )
    return frame


# --- templates --------------------------------------------------------------------------------------------

TEMPLATE_FIELDS: tuple[str, ...] = (
    "code", "title", "authors", "author_count", "unit", "field", "status", "level", "registered_on",
    "recognized_on", "applied_on", "benefit_vnd", "reward_vnd",
)  # fmt: skip


def template_frame(lang: Lang = "vi") -> pd.DataFrame:
    """The canonical headers and one example row."""
    example = {
        "code": "SK-2024-0001",
        "title": t("ingest.template.title", lang),
        "authors": "Nguyễn Văn An; Trần Thị Bình",
        "author_count": 2,
        "unit": "PV GAS",
        "field": "Kỹ thuật – Công nghệ",
        "status": t("ingest.template.status", lang),
        "level": t("ingest.template.level", lang),
        "registered_on": "15/03/2024",
        "recognized_on": "20/04/2024",
        "applied_on": "",
        "benefit_vnd": "1.250.000.000" if lang == "vi" else "1,250,000,000",
        "reward_vnd": "5.000.000" if lang == "vi" else "5,000,000",
    }
    return pd.DataFrame(
        [[example[n] for n in TEMPLATE_FIELDS]], columns=[field_label(n, lang) for n in TEMPLATE_FIELDS]
    )


def template_csv(lang: Lang = "vi") -> bytes:
    return to_csv_bytes(template_frame(lang))


def template_xlsx(lang: Lang = "vi") -> bytes:
    """The template as a workbook: real dates (dd/mm/yyyy) and numbers (#,##0)."""
    import datetime as dt

    frame = template_frame(lang)
    for name in ("registered_on", "recognized_on"):
        label = field_label(name, lang)
        frame[label] = [dt.datetime.strptime(v, "%d/%m/%Y") if v else None for v in frame[label]]
    for name in ("benefit_vnd", "reward_vnd"):
        label = field_label(name, lang)
        frame[label] = [int(str(v).replace(".", "").replace(",", "")) for v in frame[label]]
    formats = {field_label(n, lang): "dd/mm/yyyy" for n in ("registered_on", "recognized_on", "applied_on")}
    formats.update({field_label(n, lang): "#,##0" for n in ("benefit_vnd", "reward_vnd")})
    return to_xlsx_bytes({t("ingest.template.sheet", lang): frame}, number_formats=formats)


def accepted_headers(lang: Lang = "vi") -> pd.DataFrame:
    """Each field, whether it is required, and the headers recognised for it (for the help table)."""
    from analytics.ingest.columns import FIELDS

    return pd.DataFrame(
        [
            (
                field_label(f.name, lang),
                t("ingest.required" if f.required else "ingest.optional", lang),
                ", ".join(f.synonyms),
            )
            for f in FIELDS
        ],
        columns=[t("ingest.col.field", lang), t("ingest.col.required", lang), t("ingest.col.headers", lang)],
    )


__all__ = [
    "MODES", "Limits", "Preview", "ReadOptions", "Refusal", "Report", "RowError", "UndoResult", "accepted_headers",
    "commit", "history", "import_file", "inspect", "sample_import_id",
    "template_csv", "template_frame", "template_xlsx", "undo", "undo_blockers", "undo_check", "validate",
]  # fmt: skip
