"""The import log and undo: which imports can still be undone, and undoing one, which restores the exact
previous state of every record it touched, in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analytics import audit
from analytics.ingest import sql as q
from analytics.ingest.model import Refusal, UndoResult
from analytics.ingest.pipeline import snapshot_first
from analytics.store import DUPLICATES_SHOWN, Store

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    import pandas as pd


def undo_blockers(store: Store, import_id: int) -> list[int]:
    """Later imports (not undone) that changed records this import wrote, or that added again a record this
    import deleted (undoing it would bring back a second record with that code): they must be undone first."""
    rows = store.rows(
        """WITH mine AS (SELECT code FROM initiative_history WHERE import_id = $id
                         UNION SELECT code FROM initiatives WHERE import_id = $id),
                gone AS (SELECT code FROM initiative_history WHERE import_id = $id AND action = 'delete')
           SELECT DISTINCT m.id FROM imports m
           LEFT JOIN initiative_history h ON h.import_id = m.id
           WHERE m.id > $id AND m.undone_at IS NULL
             AND (m.mode = 'sample' OR h.prev_import_id = $id OR h.code IN (SELECT code FROM mine)
                  OR m.id IN (SELECT i.import_id FROM initiatives i WHERE i.code IN (SELECT code FROM gone)))
           ORDER BY 1""",
        {"id": import_id},
    )
    return [int(r[0]) for r in rows]


# Records the undo would bring back whose code the store holds again (checked in the undo's transaction,
# after its deletions and before the records come back: the one writer's guarantee of unique codes).
_RETURNING_HELD = f"""SELECT h.code FROM initiative_history h
    WHERE h.import_id = $id AND h.action = 'delete' AND h.code IN (SELECT code FROM initiatives)
    ORDER BY 1 LIMIT {DUPLICATES_SHOWN}"""  # noqa: S608


class _CodesHeld(Exception):
    """Raised inside the undo's transaction to roll it back: these codes are held already."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = codes


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
    records it deleted come back. Refused while a later import changed the same records, and when the
    snapshot taken first (analytics.backup) cannot be made."""
    result = UndoResult(import_id)
    refusal = undo_check(store, import_id) or snapshot_first(store, "undo")
    if refusal:
        result.refusal = refusal
        return result
    try:
        _undo_in_transaction(store, import_id, by, result)
    except _CodesHeld as held:
        result.refusal = Refusal("undo_duplicates", {"id": import_id, "codes": ", ".join(held.codes)})
        result.deleted = result.restored = result.reinserted = 0
    return result


def _undo_in_transaction(store: Store, import_id: int, by: str | None, result: UndoResult) -> None:
    """The undo's one transaction (rolled back whole by `_CodesHeld`)."""
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
            f"""UPDATE initiatives SET {sets}, import_id = h.prev_import_id, program_code = h.program_code
                FROM initiative_history h
                WHERE h.import_id = $id AND h.action = 'update' AND initiatives.code = h.code""",  # noqa: S608
            params,
        )
        result.reinserted = int(
            cur.execute(
                "SELECT count(*) FROM initiative_history WHERE import_id = $id AND action = 'delete'", params
            ).fetchone()[0]
        )
        if result.reinserted:
            held = [r[0] for r in cur.execute(_RETURNING_HELD, params).fetchall()]
            if held:
                raise _CodesHeld(held)
        cur.execute(
            f"""INSERT INTO initiatives ({q.HISTORY_COLUMNS}, import_id, program_code)
                SELECT {q.history_select("h")}, h.prev_import_id, h.program_code FROM initiative_history h
                WHERE h.import_id = $id AND h.action = 'delete'""",  # noqa: S608
            params,
        )
        cur.execute("UPDATE imports SET undone_at = now() WHERE id = $id", params)
        cur.execute(
            """INSERT INTO reference_history VALUES (now(), ?, 'imports', ?, 'undone_at', NULL, CAST(now() AS VARCHAR))""",
            [by, str(import_id)],
        )
        audit.record_in(
            cur,
            "undo",
            by,
            subject=str(import_id),
            detail={
                "import_id": import_id,
                "deleted": result.deleted,
                "restored": result.restored + result.reinserted,
            },
        )


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
