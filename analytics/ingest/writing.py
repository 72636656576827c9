"""Writing a validated import, inside its transaction: the upsert of the classified rows, the previous
values of every record it changes or deletes (what undo restores), and its `imports` row.
"""

from __future__ import annotations

import duckdb

from analytics.ingest import sql as q
from analytics.ingest.assign import Assignment, used
from analytics.ingest.layout import Refused
from analytics.ingest.model import Preview, Report
from analytics.store import DUPLICATES_SHOWN, INITIATIVE_COLUMNS

# The history table's columns: the import, the action, the record's previous values and its previous import.
_HISTORY_TARGET = f"import_id, action, {q.HISTORY_COLUMNS}, prev_import_id, program_code"
# A new record: the file's values, then its period, this import and its program (ingest.assign).
_VALUES = ", ".join(f"a.{c}" for c in INITIATIVE_COLUMNS if c not in ("phase", "import_id", "program_code"))
_TARGET = ", ".join(c for c in INITIATIVE_COLUMNS if c not in ("phase", "import_id", "program_code"))


# The codes that would be written twice: a code on more than one row of the file that more than one of
# those rows would write (the file's later occurrences are rejected, `sql.mark_dups_sql`, so none ever is).
_REPEATED_WRITES = f"""SELECT code FROM ingest_rows
    WHERE action IN ('insert', 'update') AND code IN (SELECT code FROM ingest_dups)
    GROUP BY code HAVING count(*) > 1 ORDER BY code LIMIT {DUPLICATES_SHOWN}"""  # noqa: S608


def refuse_repeated_codes(cur: duckdb.DuckDBPyConnection) -> None:
    """The writer's own guarantee that a code is held by one record (no key index since migration 9), in
    the import's transaction: a new record's code is absent from the store (the rows are classified by a
    join with it in this transaction, under the one writer's lock), and no code of the file is written
    from two of its rows, checked here against the file's repeated codes (`ingest_dups`, usually none, so
    this costs nothing). Raises Refused("duplicate_codes"): the whole import is rolled back."""
    found = [r[0] for r in cur.execute(_REPEATED_WRITES).fetchall()]
    if found:
        raise Refused("duplicate_codes", codes=", ".join(found))


def write_rows(
    cur: duckdb.DuckDBPyConnection,
    preview: Preview,
    report: Report,
    mode: str,
    by: str | None,
    step,
    plan: Assignment,
) -> None:
    """The upsert, the history of every touched record and the imports row (inside the transaction). Each
    new or changed record gets its program and period from `plan`."""
    layout = preview.layout
    assert layout is not None
    shape = q.Shape(dict(preview.mapping), len(layout.headers), 0, dict(preview.scales))
    step(0.7, "write")
    import_id = int(cur.execute("SELECT nextval('import_id_seq')").fetchone()[0])
    ids = {"import_id": import_id}
    if mode == "replace" and report.deleted:
        cur.execute(
            f"INSERT INTO initiative_history ({_HISTORY_TARGET}) "  # noqa: S608
            f"SELECT $import_id, 'delete', {q.HISTORY_COLUMNS}, import_id, program_code "
            f"FROM initiatives WHERE {q.REPLACED_WHERE}",
            {**ids, "scope": report.replace_units},
        )
        cur.execute(f"DELETE FROM initiatives WHERE {q.REPLACED_WHERE}", {"scope": report.replace_units})  # noqa: S608
    if report.updated:
        cur.execute(
            f"""INSERT INTO initiative_history ({_HISTORY_TARGET})
                SELECT $import_id, 'update', {q.history_select("i")}, i.import_id, i.program_code
                FROM initiatives i JOIN (SELECT code FROM ingest_rows WHERE action = 'update') r ON r.code = i.code""",  # noqa: S608
            ids,
        )
        cur.execute(q.update_sql(shape), ids)
        program = plan.program_sql("r.registered_on")
        assign = f"""UPDATE initiatives SET program_code = a.program,
                         phase = {plan.phase_sql("a.program", "a.registered_on")}
                     FROM (SELECT r.code, r.registered_on, {program} AS program FROM ingest_rows r
                           WHERE r.action = 'update') a
                     WHERE initiatives.code = a.code"""  # noqa: S608
        cur.execute(assign, used(assign, plan.params()))
    step(0.8, "write")
    refuse_repeated_codes(cur)
    if report.inserted:
        # New records have no previous values, so nothing goes to the history: they carry this import's id,
        # which is how undo finds and removes them (a history row each cost 0.35 s per million records).
        program = plan.program_sql("r.registered_on")
        insert = f"""INSERT INTO initiatives ({_TARGET}, phase, import_id, program_code)
                     SELECT {_VALUES}, {plan.phase_sql("a.program", "a.registered_on")},
                            $import_id, a.program
                     FROM (SELECT r.*, {program} AS program FROM ingest_rows r WHERE r.action = 'insert') a"""  # noqa: S608
        cur.execute(insert, used(insert, {**plan.params(), **ids}))
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
