"""Import the exports analysts really have (CSV/TSV/TXT, XLSX/XLS/ODS) into the store: validated, atomic,
undoable. The Data page, `python -m analytics import|undo`, the benchmark and the tests call the same
functions, and only the names in `__all__` (`from analytics import ingest; ingest.import_file(...)`).

    preview = inspect(data, name)                      # what was detected; the column mapping; first rows
    report = validate(store, data, name, mode=...)     # would insert/update/unchanged, rejects, skipped
    report = commit(store, data, name, mode=...)       # one transaction; report.import_id
    undo(store, report.import_id)                      # the exact previous state of the touched records
    import_file(store, path, mode=..., dry_run=...)    # the command line (and the benchmark)

`data` is a path or the file's bytes. The rows never pass through Python: detection reads the first 64 KB,
DuckDB reads the file into a TEMP staging table and parses, validates and upserts in SQL.

The modules, each one step: `columns` (fields, header synonyms, value words), `read` (detection, reading,
transcoding), `sql` (the SQL that parses, checks and classifies rows), `model` (refusals, previews,
reports), `preview` (inspect), `stage`, `validation` and `writing` (the steps of an import), `pipeline`
(validate, commit, import_file), `undoing` (undo and the import log), `templates` (template files and the
accepted headers) and `reference` (targets and units).
"""

from __future__ import annotations

from analytics.ingest.columns import FIELD_NAMES
from analytics.ingest.delimited import DELIMITERS, ENCODINGS, HEADER_SEARCH_ROWS, Limits, ReadOptions
from analytics.ingest.model import MODES, Preview, Refusal, Report, RowError, UndoResult, reason_text
from analytics.ingest.pipeline import FAULT_PAUSE_ENV, commit, import_file, validate
from analytics.ingest.preview import inspect
from analytics.ingest.reference import (
    RefIssue,
    RefResult,
    read_targets,
    save_targets,
    save_units,
    targets_wide,
    units_frame,
    wide_to_long,
)
from analytics.ingest.templates import accepted_headers, template_csv, template_frame, template_xlsx
from analytics.ingest.undoing import history, sample_import_id, undo, undo_blockers, undo_check

__all__ = [
    "DELIMITERS", "ENCODINGS", "FAULT_PAUSE_ENV", "FIELD_NAMES", "HEADER_SEARCH_ROWS", "MODES", "Limits",
    "Preview", "ReadOptions", "RefIssue", "RefResult", "Refusal", "Report", "RowError", "UndoResult",
    "accepted_headers", "commit", "history", "import_file", "inspect", "read_targets", "reason_text",
    "sample_import_id", "save_targets", "save_units", "targets_wide", "template_csv", "template_frame",
    "template_xlsx", "undo", "undo_blockers", "undo_check", "units_frame", "validate", "wide_to_long",
]  # fmt: skip
