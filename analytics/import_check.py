"""The light part of the import check (analytics.quality.duplicates_of_import): which records an import
added, and whether it added every record of the store (a first import, where no record was there before to
match). Apart from the duplicate finder, so that the command line answers a first import's check without
loading it (nor pandas)."""

from __future__ import annotations

from analytics.store import Reader

# The records import $import_id added: its records, less those it updated (new codes, not changes).
NEW_CODES_SQL = """SELECT code FROM initiatives WHERE import_id = $import_id AND code NOT IN (
    SELECT code FROM initiative_history WHERE import_id = $import_id AND action = 'update')"""


def adds_every_record(store: Reader, import_id: int) -> bool:
    """Every record in the store is one import `import_id` added: none was there before it."""
    added = store.one(f"SELECT count(*) FROM ({NEW_CODES_SQL})", {"import_id": int(import_id)})  # noqa: S608
    return added >= store.record_count()
