"""Import the exports analysts really have into the store: validated, atomic, undoable.

This is the package's public face: the Data page, the command line, the benchmark and the tests use only
the names below (`from analytics import ingest; ingest.import_file(...)`).
"""

from __future__ import annotations

from analytics.ingest.columns import FIELD_NAMES
from analytics.ingest.pipeline import (
    FAULT_PAUSE_ENV,
    MODES,
    Preview,
    Refusal,
    Report,
    RowError,
    UndoResult,
    accepted_headers,
    commit,
    history,
    import_file,
    inspect,
    reason_text,
    sample_import_id,
    template_csv,
    template_frame,
    template_xlsx,
    undo,
    undo_blockers,
    undo_check,
    validate,
)
from analytics.ingest.read import DELIMITERS, ENCODINGS, HEADER_SEARCH_ROWS, Limits, ReadOptions
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

__all__ = [
    "DELIMITERS", "ENCODINGS", "FAULT_PAUSE_ENV", "FIELD_NAMES", "HEADER_SEARCH_ROWS", "MODES", "Limits",
    "Preview", "ReadOptions", "RefIssue", "RefResult", "Refusal", "Report", "RowError", "UndoResult",
    "accepted_headers", "commit", "history", "import_file", "inspect", "read_targets",
    "reason_text", "sample_import_id", "save_targets", "save_units", "targets_wide", "template_csv",
    "template_frame", "template_xlsx", "undo", "undo_blockers", "undo_check", "units_frame", "validate",
    "wide_to_long",
]  # fmt: skip
