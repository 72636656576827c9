"""Writing a validated import, inside its transaction: the upsert of the classified rows, the previous
values of every record it changes or deletes (what undo restores), and its `imports` row.
"""

from __future__ import annotations

import duckdb

from analytics.ingest import sql as q
from analytics.ingest.model import Preview, Report


def write_rows(
    cur: duckdb.DuckDBPyConnection, preview: Preview, report: Report, mode: str, by: str | None, step
) -> None:
    """The upsert, the history of every touched record and the imports row (inside the transaction)."""
    layout = preview.layout
    assert layout is not None
    shape = q.Shape(
        dict(preview.mapping), len(layout.headers), 0, dict(preview.scales), sheets=bool(layout.parts)
    )
    step(0.7, "write")
    import_id = int(cur.execute("SELECT nextval('import_id_seq')").fetchone()[0])
    ids = {"import_id": import_id}
    if mode == "replace" and report.deleted:
        cur.execute(
            f"INSERT INTO initiative_history ({q.HISTORY_INSERT}) SELECT $import_id, 'delete', "  # noqa: S608
            f"{q.history_select('initiatives').replace(', initiatives.author_shares', '')}, import_id, author_shares "
            f"FROM initiatives WHERE {q.REPLACED_WHERE}",
            {**ids, "scope": report.replace_units},
        )
        cur.execute(f"DELETE FROM initiatives WHERE {q.REPLACED_WHERE}", {"scope": report.replace_units})  # noqa: S608
    if report.updated:
        cur.execute(
            f"""INSERT INTO initiative_history ({q.HISTORY_INSERT})
                SELECT $import_id, 'update', {q.history_select("i").replace(", i.author_shares", "")}, i.import_id,
                       i.author_shares
                FROM initiatives i JOIN (SELECT code FROM ingest_rows WHERE action = 'update') r ON r.code = i.code""",  # noqa: S608
            ids,
        )
        cur.execute(q.update_sql(shape), ids)
    step(0.8, "write")
    if report.inserted:
        # New records have no previous values, so nothing goes to the history: they carry this import's id,
        # which is how undo finds and removes them (a history row each cost 0.35 s per million records).
        insert = (
            f"INSERT INTO initiatives ({', '.join(q.WRITE_COLUMNS)}) SELECT {q.record_select()} "  # noqa: S608
            "FROM ingest_rows r WHERE r.action = 'insert'"
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
