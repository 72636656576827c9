"""The import's driver: one file through detection, staging, validation and, when committing, writing.

`validate` runs every step on a plain cursor and writes nothing; `commit` takes a verified snapshot of the
store first (analytics.backup: an import that cannot have one is refused) and runs the same steps inside
one `store.transaction()`, so staging, the upsert, `initiative_history`, the `imports` row and the audit
row commit together or not at all. A read that must be done differently (single-threaded, or transcoded first) starts the
import again with a hint, since a failed statement spoils the transaction.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb

from analytics import audit, backup
from analytics.ingest.formats import family_of
from analytics.ingest.layout import Limits, Progress, ReadOptions, Refused
from analytics.ingest.model import MODES, Preview, Refusal, Report
from analytics.ingest.preview import inspect_path
from analytics.ingest.read import on_disk
from analytics.ingest.stage import Hints, Retry
from analytics.ingest.validation import check_rows
from analytics.ingest.writing import write_rows
from analytics.sandbox import file_access_restricted, reachable, temp_dir
from analytics.store import Store, backup_dir


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
    program: str | None = None,
) -> Report:
    """Everything an import would do, without writing anything. `program`: the program chosen for records
    whose day falls in two programs' windows (analytics.ingest.assign)."""
    return _run(
        store,
        data,
        name,
        options,
        mapping,
        mode,
        units,
        limits,
        progress,
        write=False,
        by=None,
        program=program,
    )


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
    program: str | None = None,
) -> Report:
    """Import the file in one transaction. A refused file writes nothing; an accepted one writes its
    valid rows, their history and one `imports` row (even when nothing changed). Each record goes to its
    program (analytics.ingest.assign; `program` decides where two programs' windows overlap)."""
    return _run(
        store, data, name, options, mapping, mode, units, limits, progress, write=True, by=by, program=program
    )


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
    program: str | None = None,
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
        "program": program,
    }
    if not dry_run:
        kwargs["by"] = by
    return runner(store, path, **kwargs)


def _run(
    store: Store,
    data,
    name,
    options,
    mapping,
    mode,
    units,
    limits,
    progress,
    write: bool,
    by: str | None,
    program: str | None = None,
) -> Report:
    started = time.perf_counter()
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    with on_disk(data, name) as (path, label):
        report = Report(file=label, mode=mode, dry_run=not write)
        preview = inspect_path(path, label, options, mapping, limits)
        report.preview = preview
        if preview.refusal:
            report.refusal = preview.refusal
            return _finish(report, store, started)
        step = _stepper(progress)
        hints = Hints(serial=preview.layout.multiline if preview.layout else False)
        if write:
            refusal = snapshot_first(store, "import")
            if refusal:
                report.refusal = refusal
                return _finish(report, store, started)
        try:
            for _attempt in range(3):
                # A failed statement spoils the transaction, so a read that must be done differently
                # (single-threaded, or transcoded) starts the whole import again with a hint.
                try:
                    args = (store, path, preview, report, mode, units, step)
                    if write:
                        with store.transaction() as cur:
                            _pipeline(cur, *args, True, by, hints, limits, program)
                            audit.record_in(cur, "import", by, None, report.file, _audit_detail(report, mode))
                    else:
                        with store.cursor() as cur:
                            _pipeline(cur, *args, False, None, hints, limits, program)
                    break
                except Retry as retry:
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


def snapshot_first(store: Store, reason: str) -> Refusal | None:
    """The snapshot before a change (analytics.backup.before_change); a Refusal when it cannot be made, so
    that nothing is changed without one."""
    try:
        backup.before_change(store, reason)
    except backup.BackupError as exc:
        detail = str(exc.params.get("detail") or exc.code)
        return Refusal("backup_failed", {"folder": str(backup_dir(store.path)), "detail": detail})
    return None


def _audit_detail(report: Report, mode: str) -> dict:
    return {
        "import_id": report.import_id,
        "mode": mode,
        "inserted": report.inserted,
        "updated": report.updated,
        "deleted": report.deleted,
        "rejected": report.rejected,
    }


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
        report.rejects = None
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
    hints: Hints,
    limits: Limits | None = None,
    program: str | None = None,
) -> None:
    """Stage, validate and (when `write`) upsert on one cursor; inside `store.transaction()` when writing.

    A store restricted to the importer's folder (sandbox.restrict_file_access) reads a file that DuckDB opens
    itself (a CSV) through a link in this import's folder; Python reads a workbook where it is."""
    family = family_of(preview.layout.format) if preview.layout else None
    direct = family is None or family.read_by_duckdb
    with temp_dir() as folder, reachable(path, direct and file_access_restricted(cur), folder) as path:
        plan = check_rows(cur, path, folder, preview, report, mode, units, step, hints, limits, program)
        if write:
            write_rows(cur, preview, report, mode, by, step, plan)
