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

The modules, one idea each: `formats` (the format families: extensions, recognition, options, readers),
`delimited` and `workbook` (each family's reader), `legacy` (the TCVN3 and VNI font encodings and the
syllable score that tells them), `cleaning` (control and invisible characters), `layout` (limits, overrides,
the detected layout, `Refused`), `read` (detection and reading through the families), `columns` (fields,
header synonyms, the header row and two-row headers, value words), `sql` (the SQL that parses, checks and
classifies rows), `model` (refusals, previews, reports), `preview` (inspect, and choosing columns by name),
`stage`, `validation` (with the passes after the first: date orders, signature blocks, co-author rows,
shares) and `writing` (the steps of an import),
`pipeline` (validate, commit, import_file), `undoing` (undo and the import log), `templates` (template
files, accepted headers), `reference` (targets and units), `assign` (which program and period each record
belongs to) and `setup` (programs, periods, proposed targets, campaigns, milestones, units over time).
"""

from __future__ import annotations

from analytics.ingest.columns import FIELD_NAMES, HEADER_SEARCH_ROWS
from analytics.ingest.delimited import DELIMITERS, ENCODINGS
from analytics.ingest.formats import (
    EXTENSIONS,
    FAMILIES,
    Family,
    UnknownExtension,
    family_for_extension,
    family_of,
    options_of,
)
from analytics.ingest.layout import Layout, Limits, ReadOptions
from analytics.ingest.model import MODES, Preview, Refusal, Report, RowError, UndoResult, reason_text
from analytics.ingest.pipeline import FAULT_PAUSE_ENV, commit, import_file, validate
from analytics.ingest.preview import MappingError, choose_columns, column_named, field_named, inspect
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
from analytics.ingest.setup import (
    Proposal,
    campaigns_frame,
    copied_targets,
    milestones_frame,
    next_period,
    periods_frame,
    programs_frame,
    proposal_targets,
    proposed_targets,
    save_campaigns,
    save_milestones,
    save_period,
    save_program,
    save_union_names,
    save_unit_changes,
    union_names_frame,
    unit_changes_frame,
)
from analytics.ingest.sql import DATE_ORDERS
from analytics.ingest.templates import accepted_headers, template_csv, template_frame, template_xlsx
from analytics.ingest.undoing import history, sample_import_id, undo, undo_blockers, undo_check

__all__ = [
    # reading, validating, committing one file
    "inspect", "validate", "commit", "import_file", "Limits", "ReadOptions", "Layout", "MODES",
    "FAULT_PAUSE_ENV",
    # choosing columns by name (the command line's --map and --benefit-column)
    "choose_columns", "column_named", "field_named", "MappingError",
    # what they return
    "Preview", "Report", "Refusal", "RowError", "UndoResult", "reason_text",
    # the import log and undo
    "history", "undo", "undo_check", "undo_blockers", "sample_import_id",
    # template files and the accepted headers
    "template_csv", "template_xlsx", "template_frame", "accepted_headers", "FIELD_NAMES",
    # the format families and what the preview offers to override
    "Family", "FAMILIES", "EXTENSIONS", "UnknownExtension", "family_of", "family_for_extension", "options_of",
    "DELIMITERS", "ENCODINGS", "HEADER_SEARCH_ROWS", "DATE_ORDERS",
    # targets and units
    "RefIssue", "RefResult", "targets_wide", "wide_to_long", "save_targets", "read_targets", "units_frame",
    "save_units",
    # programs, periods, proposed targets, campaigns, milestones, units over time (the Programs tab)
    "programs_frame", "save_program", "periods_frame", "next_period", "save_period", "Proposal", "copied_targets",
    "proposed_targets", "proposal_targets", "campaigns_frame", "save_campaigns", "milestones_frame",
    "save_milestones", "unit_changes_frame", "save_unit_changes", "union_names_frame", "save_union_names",
]  # fmt: skip
