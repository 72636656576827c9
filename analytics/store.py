"""The DuckDB store: one file, its schema and migrations, reference rows, cursors and transactions.

The file is a public contract (analysts open it with the DuckDB CLI or DBeaver), so table and column
names are stable and every change to them is a numbered forward migration. A process holds one root
connection; every query runs on its own cursor, closed after, so Streamlit's threads never share one.
Every write goes through `transaction()`, which bumps `data_version` so that caches keyed by it expire, and
is checkpointed once committed, so the `.duckdb` file alone is always the whole store (a plain copy of it
loses nothing). `open_store(..., verify=True)` checks a store before it is used (`check_store`): a damaged
one is reported as `store_damaged` and never written to.
"""

from __future__ import annotations

import csv
import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from analytics.sandbox import restrict_file_access

if TYPE_CHECKING:  # pandas is loaded when a query first asks for a DataFrame (DuckDB's .df())
    import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "sangkien.duckdb"
_COPY_PREFIX = "sangkien-copy-"
DB_ENV = "SANGKIEN_DB"
MEMORY_ENV = "SANGKIEN_DUCKDB_MEMORY"
# DuckDB's own default is 80% of RAM; bounded, a 1,000,000-record import plus every page stays under 1 GB
# for the whole server process (DuckDB spills to temporary files beyond it).
DEFAULT_MEMORY_LIMIT = "768MB"

STATUSES: tuple[str, ...] = ("registered", "recognized", "applied", "not_recognized")
LEVELS: tuple[str, ...] = ("unit", "sector", "national")
INITIATIVE_COLUMNS: tuple[str, ...] = (
    "code",
    "title",
    "authors",
    "author_count",
    "unit_code",
    "field",
    "status",
    "level",
    "registered_on",
    "recognized_on",
    "applied_on",
    "benefit_vnd",
    "reward_vnd",
    "phase",
    "import_id",
    "program_code",
    "author_shares",
)

_INITIATIVE_BODY = """
    code          VARCHAR PRIMARY KEY,
    title         VARCHAR NOT NULL,
    authors       VARCHAR,
    author_count  INTEGER,
    unit_code     VARCHAR NOT NULL,
    field         VARCHAR,
    status        VARCHAR NOT NULL CHECK (status IN ('registered', 'recognized', 'applied', 'not_recognized')),
    level         VARCHAR CHECK (level IS NULL OR level IN ('unit', 'sector', 'national')),
    registered_on DATE NOT NULL,
    recognized_on DATE,
    applied_on    DATE,
    benefit_vnd   BIGINT CHECK (benefit_vnd IS NULL OR benefit_vnd >= 0),
    reward_vnd    BIGINT CHECK (reward_vnd IS NULL OR reward_vnd >= 0),
    phase         INTEGER,
    import_id     INTEGER
"""

# Migration 9's `initiatives`, written out (a released entry never changes, even if the text above did):
# the same columns in the same order (migration 1's, then program_code and author_shares), `code` NOT NULL
# and no longer a PRIMARY KEY.
_UNKEYED_INITIATIVE_BODY = """
    code          VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    authors       VARCHAR,
    author_count  INTEGER,
    unit_code     VARCHAR NOT NULL,
    field         VARCHAR,
    status        VARCHAR NOT NULL CHECK (status IN ('registered', 'recognized', 'applied', 'not_recognized')),
    level         VARCHAR CHECK (level IS NULL OR level IN ('unit', 'sector', 'national')),
    registered_on DATE NOT NULL,
    recognized_on DATE,
    applied_on    DATE,
    benefit_vnd   BIGINT CHECK (benefit_vnd IS NULL OR benefit_vnd >= 0),
    reward_vnd    BIGINT CHECK (reward_vnd IS NULL OR reward_vnd >= 0),
    phase         INTEGER,
    import_id     INTEGER,
    program_code  VARCHAR,
    author_shares DOUBLE[]
"""
_MIGRATION_9_COLUMNS = (
    "code, title, authors, author_count, unit_code, field, status, level, registered_on, recognized_on, "
    "applied_on, benefit_vnd, reward_vnd, phase, import_id, program_code, author_shares"
)

# Each entry moves the schema from version n-1 to n. Never edit a released entry: add the next one.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        "CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        """CREATE TABLE units (
            code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, short_name VARCHAR, parent_code VARCHAR,
            group_name VARCHAR, members INTEGER CHECK (members IS NULL OR members >= 0), aliases VARCHAR[])""",
        """CREATE TABLE phases (
            phase INTEGER PRIMARY KEY, name VARCHAR NOT NULL, start_on DATE NOT NULL, end_on DATE NOT NULL,
            target INTEGER CHECK (target IS NULL OR target >= 0))""",
        """CREATE TABLE targets (
            unit_code VARCHAR NOT NULL, phase INTEGER NOT NULL, target INTEGER NOT NULL CHECK (target >= 0),
            PRIMARY KEY (unit_code, phase))""",
        f"CREATE TABLE initiatives ({_INITIATIVE_BODY})",
        "CREATE TABLE campaigns (name VARCHAR NOT NULL, start_on DATE NOT NULL, end_on DATE NOT NULL)",
        "CREATE TABLE milestones (on_date DATE NOT NULL, cumulative_target INTEGER NOT NULL, label VARCHAR)",
        "CREATE SEQUENCE import_id_seq START 1",
        """CREATE TABLE imports (
            id INTEGER PRIMARY KEY, file_name VARCHAR, sha256 VARCHAR, imported_at TIMESTAMP NOT NULL,
            imported_by VARCHAR, mode VARCHAR NOT NULL, rows_read INTEGER, inserted INTEGER, updated INTEGER,
            unchanged INTEGER, rejected INTEGER, skipped INTEGER, undone_at TIMESTAMP)""",
        # The previous state of every record an import touched: what "undo" restores.
        """CREATE TABLE initiative_history (
            import_id INTEGER NOT NULL, action VARCHAR NOT NULL, code VARCHAR NOT NULL,
            title VARCHAR, authors VARCHAR, author_count INTEGER, unit_code VARCHAR, field VARCHAR,
            status VARCHAR, level VARCHAR, registered_on DATE, recognized_on DATE, applied_on DATE,
            benefit_vnd BIGINT, reward_vnd BIGINT, phase INTEGER, prev_import_id INTEGER)""",
        """CREATE TABLE reference_history (
            changed_at TIMESTAMP NOT NULL, changed_by VARCHAR, table_name VARCHAR NOT NULL,
            row_key VARCHAR NOT NULL, column_name VARCHAR NOT NULL, old_value VARCHAR, new_value VARCHAR)""",
    ),
    (
        # Derived (rebuilt automatically, never edited): each author's first registration per unit and phase,
        # so author counts need no pass over every record's names. `meta.author_firsts_version` is the
        # data version it was built from.
        """CREATE TABLE author_firsts (
            unit VARCHAR NOT NULL, phase INTEGER, all_phases INTEGER NOT NULL, first_on DATE NOT NULL)""",
        "INSERT INTO meta VALUES ('author_firsts_version', '-1')",
    ),
    (
        # The audit log (analytics.audit): sign-ins (success and failure, with the address), imports, undos,
        # edits, restores and downloads of records, by person and time. Kept across restores (a restore
        # brings the data back, not the log), never edited by the app.
        """CREATE TABLE audit_log (
            happened_at TIMESTAMP NOT NULL, kind VARCHAR NOT NULL, actor VARCHAR, address VARCHAR, subject VARCHAR,
            detail VARCHAR)""",
    ),
    # Programs and their periods (issue 15). An existing store becomes the program "1 triệu sáng kiến" with
    # its two phases, and every figure stays the same: its records, targets, campaigns and milestones are
    # that program's. `phases` is kept as a view of every program's periods (same columns, plus
    # program_code), so that earlier queries of the file keep working. Units over time (renames, merges,
    # splits, additions with effective dates) and the union's own name per period are recorded from now on.
    (
        """CREATE TABLE programs (
            code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, name_en VARCHAR,
            start_on DATE NOT NULL, end_on DATE NOT NULL, target INTEGER CHECK (target IS NULL OR target >= 0),
            noun_vi VARCHAR NOT NULL, noun_en VARCHAR NOT NULL,
            period_word_vi VARCHAR NOT NULL, period_word_en VARCHAR NOT NULL,
            organizer VARCHAR, organizer_en VARCHAR, CHECK (end_on >= start_on))""",
        """CREATE TABLE periods (
            program_code VARCHAR NOT NULL, period INTEGER NOT NULL, name VARCHAR NOT NULL,
            start_on DATE NOT NULL, end_on DATE NOT NULL, target INTEGER CHECK (target IS NULL OR target >= 0),
            theme VARCHAR, PRIMARY KEY (program_code, period), CHECK (end_on >= start_on))""",
        """INSERT INTO programs
           SELECT '1-trieu-sang-kien', '1 triệu sáng kiến', '1 million initiatives',
                  coalesce(min(start_on), DATE '2021-09-01'), coalesce(max(end_on), DATE '2023-09-30'), NULL,
                  'sáng kiến', 'initiatives', 'Giai đoạn', 'Phase',
                  'Tổng Liên đoàn Lao động Việt Nam', 'the Vietnam General Confederation of Labour'
           FROM phases""",
        """INSERT INTO periods
           SELECT '1-trieu-sang-kien', phase, name, start_on, end_on, target, NULL FROM phases""",
        "DROP TABLE phases",
        """CREATE VIEW phases AS
           SELECT period AS phase, name, start_on, end_on, target, program_code FROM periods""",
        """CREATE TABLE program_targets (
            unit_code VARCHAR NOT NULL, phase INTEGER NOT NULL, target INTEGER NOT NULL CHECK (target >= 0),
            program_code VARCHAR NOT NULL, PRIMARY KEY (program_code, unit_code, phase))""",
        "INSERT INTO program_targets SELECT unit_code, phase, target, '1-trieu-sang-kien' FROM targets",
        "DROP TABLE targets",
        "ALTER TABLE program_targets RENAME TO targets",
        "ALTER TABLE initiatives ADD COLUMN program_code VARCHAR DEFAULT '1-trieu-sang-kien'",
        "ALTER TABLE initiatives ALTER COLUMN program_code DROP DEFAULT",
        "ALTER TABLE initiative_history ADD COLUMN program_code VARCHAR DEFAULT '1-trieu-sang-kien'",
        "ALTER TABLE initiative_history ALTER COLUMN program_code DROP DEFAULT",
        "ALTER TABLE campaigns ADD COLUMN program_code VARCHAR DEFAULT '1-trieu-sang-kien'",
        "ALTER TABLE campaigns ALTER COLUMN program_code DROP DEFAULT",
        "ALTER TABLE milestones ADD COLUMN program_code VARCHAR DEFAULT '1-trieu-sang-kien'",
        "ALTER TABLE milestones ALTER COLUMN program_code DROP DEFAULT",
        # The author index gains the program (derived: emptied here, rebuilt on first use).
        "DELETE FROM author_firsts",
        "ALTER TABLE author_firsts ADD COLUMN program_code VARCHAR",
        "UPDATE meta SET value = '-1' WHERE key = 'author_firsts_version'",
        """CREATE TABLE unit_changes (
            on_date DATE NOT NULL, kind VARCHAR NOT NULL CHECK (kind IN ('rename', 'merge', 'split', 'add')),
            unit_code VARCHAR NOT NULL, successor_code VARCHAR, old_name VARCHAR, old_short_name VARCHAR,
            note VARCHAR,
            CHECK (kind NOT IN ('merge', 'split') OR successor_code IS NOT NULL),
            CHECK (kind <> 'rename' OR old_name IS NOT NULL))""",
        """CREATE TABLE union_names (
            valid_from DATE UNIQUE, name VARCHAR NOT NULL, name_en VARCHAR, parent_name VARCHAR,
            parent_name_en VARCHAR)""",
        # Petrovietnam was renamed by Quyết định 733/QĐ-TTg of 09/04/2025; its union's new name is dated
        # the same day here (editable on the Data page).
        """INSERT INTO union_names VALUES
           (NULL, 'Công đoàn Dầu khí Việt Nam', 'Petrovietnam Trade Union', 'Tập đoàn Dầu khí Việt Nam',
            'Vietnam Oil and Gas Group'),
           (DATE '2025-04-09', 'Công đoàn Petrovietnam', 'Petrovietnam Trade Union',
            'Tập đoàn Công nghiệp – Năng lượng Quốc gia Việt Nam', 'Vietnam National Industry – Energy Group')""",
    ),
    # Authors' shares (issue 16).
    (
        # Each author's share of an initiative, in %, in the order of `authors` (Nghị định 13/2012 asks for
        # each co-author's contribution); NULL where the file gave none (then shares are equal), an element
        # NULL for an author whose share was not given. The history keeps it for undo.
        "ALTER TABLE initiatives ADD COLUMN author_shares DOUBLE[]",
        "ALTER TABLE initiative_history ADD COLUMN author_shares DOUBLE[]",
    ),
    # API tokens (issue 20; analytics.api.tokens): each named, scoped read or write, with an expiry; only
    # the SHA-256 of the token is kept (the token itself is shown once, when it is made).
    (
        """CREATE TABLE api_tokens (
            name VARCHAR PRIMARY KEY, token_hash VARCHAR NOT NULL UNIQUE,
            scope VARCHAR NOT NULL CHECK (scope IN ('read', 'write')),
            created_at TIMESTAMP NOT NULL, created_by VARCHAR, expires_at TIMESTAMP NOT NULL,
            revoked_at TIMESTAMP, revoked_by VARCHAR)""",
    ),
    # Quality marks (issue 18): analysts' marks keyed by record codes, so that they outlive re-imports
    # (an upsert keeps a record's code) and are applied again to the records that come back.
    (
        # A pair of records an analyst judged: `same` (one initiative, counted once), `spread` (the same idea
        # taken up by another unit, counted in both), `different` (never proposed again). code_a < code_b.
        # Undoing a mark sets `undone_at`; the pair's mark is its newest row not undone.
        """CREATE TABLE duplicate_marks (
            id BIGINT PRIMARY KEY,  -- max(id) + 1 (no sequence: a restore copies tables, not sequences)
            code_a VARCHAR NOT NULL, code_b VARCHAR NOT NULL,
            mark VARCHAR NOT NULL CHECK (mark IN ('same', 'spread', 'different')),
            marked_by VARCHAR, marked_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            undone_at TIMESTAMP, undone_by VARCHAR,
            CHECK (code_a < code_b))""",
        # Whether a record's benefit was confirmed by the council (`council`) or is the unit's own
        # declaration (`self`); a record without a row is self-declared.
        """CREATE TABLE benefit_marks (
            code VARCHAR PRIMARY KEY,
            basis VARCHAR NOT NULL CHECK (basis IN ('council', 'self')),
            marked_by VARCHAR, marked_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""",
    ),
    # The duplicate finder's title index (issue 18; derived: rebuilt automatically, never edited). Each
    # record's normalised title words, their hashed key and its people, with a hash of what they were made
    # from (title, authors, registration day) so that only changed records are normalised again; and the
    # pairs of distinct normalised titles that are the same less one word. `meta.dedup_titles_version` is
    # the data version they were built from.
    (
        """CREATE TABLE dedup_titles (
            code VARCHAR NOT NULL, source UBIGINT NOT NULL, registered_on DATE, tkey UBIGINT,
            tokens VARCHAR[], people VARCHAR[])""",
        "CREATE TABLE dedup_near (tkey_a UBIGINT NOT NULL, tkey_b UBIGINT NOT NULL)",
        "INSERT INTO meta VALUES ('dedup_titles_version', '-1')",
    ),
    # The records without a PRIMARY KEY (issue 19): keeping its index up to date cost an import about
    # 0.6 s per million records. The one writer keeps codes unique in the same transaction (import, undo,
    # restore: `duplicate_keys`) and the check on opening verifies it (`check_unique_keys`). DuckDB cannot
    # drop a constraint, so the table is made again beside the old one, filled in its order and renamed:
    # every row, column, NOT NULL and CHECK kept (no default or index to keep: program_code's default was
    # dropped by migration 4).
    (
        f"CREATE TABLE initiatives_unkeyed ({_UNKEYED_INITIATIVE_BODY})",
        f"INSERT INTO initiatives_unkeyed SELECT {_MIGRATION_9_COLUMNS} FROM initiatives",  # noqa: S608
        "DROP TABLE initiatives",
        "ALTER TABLE initiatives_unkeyed RENAME TO initiatives",
    ),
    # The duplicate finder's scored pairs (issue 18, scale; derived with the title index, never edited): every
    # candidate pair with what its score is made of, kept up to date by data version for the titles that
    # changed only, so that a scan, the Overview's headline and an import's check read pairs instead of
    # pairing a million records. The index is emptied so that it is rebuilt once, with the pairs, and with
    # its `source` hash now covering the unit, field and program that a pair carries.
    (
        """CREATE TABLE dedup_pairs (
            code_a VARCHAR NOT NULL, code_b VARCHAR NOT NULL, unit_a VARCHAR, unit_b VARCHAR,
            program_a VARCHAR NOT NULL, program_b VARCHAR NOT NULL, registered_a DATE, registered_b DATE,
            title_overlap DOUBLE NOT NULL, author_overlap DOUBLE NOT NULL, same_title BOOLEAN NOT NULL,
            same_authors BOOLEAN NOT NULL, shared_authors BOOLEAN NOT NULL, same_field BOOLEAN NOT NULL,
            tkey_a UBIGINT NOT NULL, tkey_b UBIGINT NOT NULL)""",
        "DELETE FROM dedup_titles",
        "DELETE FROM dedup_near",
        "UPDATE meta SET value = '-1' WHERE key = 'dedup_titles_version'",
        # The quality headlines of a view (derived): kept for the data version they were computed at, so
        # that the Overview's first visit after an import reads the default view's, computed by the import
        # check, instead of computing them (seconds at a million records).
        """CREATE TABLE quality_headlines (
            data_version BIGINT NOT NULL, view VARCHAR NOT NULL, figures VARCHAR NOT NULL)""",
    ),
    # The authors' parts of applied benefit (issue 19, pages; derived: rebuilt automatically, never edited):
    # one row per author of each applied record with a benefit, with the record's filter columns, the
    # author as an integer key (`author`: one per name in lower case, as metric.min_remuneration per author
    # counts a person within a unit) and the part of the benefit that author is owed (`share`), so that the
    # Benefit page's table of authors groups integers instead of splitting a million records' names.
    # `author_names` writes each key's name (`name_rank`: the names in their sort order, so the smallest
    # rank of a group is its first name). `meta.author_parts_version` is the data version they were built
    # from.
    (
        """CREATE TABLE author_parts (
            unit_code VARCHAR NOT NULL, program_code VARCHAR, phase INTEGER, field VARCHAR,
            status VARCHAR NOT NULL, registered_on DATE NOT NULL, benefit_vnd BIGINT NOT NULL,
            author INTEGER NOT NULL, name_rank INTEGER NOT NULL, share DOUBLE NOT NULL, by_share BOOLEAN NOT NULL)""",
        "CREATE TABLE author_names (name_rank INTEGER NOT NULL, author INTEGER NOT NULL, name VARCHAR NOT NULL)",
        "INSERT INTO meta VALUES ('author_parts_version', '-1')",
    ),
    # The records counted by day (issue 19, pages; derived: rebuilt automatically, never edited): one row per
    # program, unit, period and registration day with what the progress, the daily series and the run rate
    # add up (records, benefit, applied, recognised), so that a view without a field or status filter sums
    # some 24,000 rows instead of a million records; and the same per field as well (`field_day_counts`,
    # some 190,000 rows: the figures by field, and views with a field filter). `meta.day_counts_version` is
    # the data version they were built from.
    (
        """CREATE TABLE day_counts (
            program_code VARCHAR, unit_code VARCHAR NOT NULL, phase INTEGER, registered_on DATE NOT NULL,
            registered BIGINT NOT NULL, benefit_vnd HUGEINT, applied BIGINT NOT NULL, recognized BIGINT NOT NULL)""",
        """CREATE TABLE field_day_counts (
            program_code VARCHAR, unit_code VARCHAR NOT NULL, phase INTEGER, field VARCHAR,
            registered_on DATE NOT NULL, registered BIGINT NOT NULL, benefit_vnd HUGEINT,
            with_benefit BIGINT NOT NULL, applied BIGINT NOT NULL, recognized BIGINT NOT NULL,
            applied_benefit_vnd HUGEINT)""",
        "INSERT INTO meta VALUES ('day_counts_version', '-1')",
    ),
    # The counts by day add up the analysts' benefit marks too (issue 19, pages): the benefit and the records
    # with a benefit confirmed by the council, and the rest (self-declared: marked so, or not marked), so that
    # the Benefit and Quality pages' two sums add up counts instead of joining every record's code to the
    # marks. A mark is written in a transaction, which moves the data version: the counts are then built
    # again, as after any other write.
    (
        "DELETE FROM day_counts",
        "DELETE FROM field_day_counts",
        *(
            f"ALTER TABLE {table} ADD COLUMN {column}"
            for table in ("day_counts", "field_day_counts")
            for column in (
                "council_vnd HUGEINT",
                "self_vnd HUGEINT",
                "council_records BIGINT",
                "self_records BIGINT",
            )
        ),
        "UPDATE meta SET value = '-1' WHERE key = 'day_counts_version'",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)
_LOG = logging.getLogger(__name__)

# Where a store's snapshots live (analytics.backup), and the marker that says the store has held real data
# (records beyond the illustrative sample): a store whose marker exists is never made again from nothing or
# filled with the sample, even when its file is gone or empty (the newest snapshot is offered instead).
BACKUP_DIR_ENV = "SANGKIEN_BACKUP_DIR"
CHECKPOINT_MIN_FREE = 16 * 2**20  # free bytes a checkpoint needs at least (and 4 times the write-ahead log)
HELD_MARKER = "held-data"


def backup_dir(db: Path | str) -> Path:
    """The folder of the store's snapshots: `SANGKIEN_BACKUP_DIR`, else `<store>.backups` beside the file."""
    configured = os.environ.get(BACKUP_DIR_ENV)
    if configured:
        return Path(configured)
    db = Path(db)
    return db.with_name(db.stem + ".backups")


def held_marker(db: Path | str) -> Path:
    return backup_dir(db) / HELD_MARKER


def wal_path(db: Path | str) -> Path:
    """The store's write-ahead log (DuckDB's own file beside it)."""
    return Path(str(db) + ".wal")


def remove_store(db: Path | str) -> None:
    """Delete a store on purpose, to start again from nothing (the benchmark's new stores): its file, its
    log, and its backup folder with the marker that would otherwise keep it from being made again."""
    db = Path(db)
    db.unlink(missing_ok=True)
    wal_path(db).unlink(missing_ok=True)
    if not os.environ.get(BACKUP_DIR_ENV):  # a shared folder named by the environment is not ours to delete
        shutil.rmtree(backup_dir(db), ignore_errors=True)


def duckdb_config(read_only: bool = False) -> dict[str, object]:
    """Connection settings shared by every open: bounded memory (`SANGKIEN_DUCKDB_MEMORY`)."""
    config: dict[str, object] = {"memory_limit": os.environ.get(MEMORY_ENV) or DEFAULT_MEMORY_LIMIT}
    if read_only:
        config["access_mode"] = "READ_ONLY"
    return config


def default_db_path() -> Path:
    """`SANGKIEN_DB` when set, else data/sangkien.duckdb in the project."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


class StoreError(RuntimeError):
    """A store problem a person can act on; `code` names the catalogue message."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class Reader:
    """The reading side shared by the store and a snapshot of it: queries with parameters, small results."""

    path: Path
    read_only: bool

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        raise NotImplementedError

    def df(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pd.DataFrame:
        """Run a read query and return its (small) result as a DataFrame."""
        with self.cursor() as cur:
            return cur.execute(sql, params or []).df()

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[tuple]:
        with self.cursor() as cur:
            return cur.execute(sql, params or []).fetchall()

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> Any:
        """The first column of the first row, or None."""
        with self.cursor() as cur:
            row = cur.execute(sql, params or []).fetchone()
        return None if row is None else row[0]

    def data_version(self) -> int:
        """A counter bumped by every commit: the key that expires cached results."""
        return int(self.one("SELECT value FROM meta WHERE key = 'data_version'") or 0)

    def record_count(self) -> int:
        return int(self.one("SELECT count(*) FROM initiatives") or 0)

    def has_sample(self) -> bool:
        """True while illustrative sample records are in the store (so every page must say so)."""
        return bool(self.one("SELECT count(*) FROM imports WHERE mode = 'sample' AND undone_at IS NULL") or 0)

    def never_imported(self) -> bool:
        """A store that never held data: no import ever (not even undone ones) and no record."""
        return not self.one("SELECT count(*) FROM imports") and not self.record_count()

    def holds_real_data(self) -> bool:
        """Whether the store has ever held data beyond the illustrative sample: an import that was not the
        sample (even undone), a record outside any import, or an edit of the reference rows."""
        return bool(
            self.one(
                """SELECT (SELECT count(*) FROM imports WHERE mode <> 'sample')
                        + (SELECT count(*) FROM initiatives WHERE import_id IS NULL)
                        + (SELECT count(*) FROM reference_history)"""
            )
        )


# Why a store is open read-only (`Store.read_only_reason`); the UI words each in the catalogue. `damaged`:
# the store cannot be used and the app shows its newest verified snapshot (a copy) instead.
READ_ONLY_REQUESTED, READ_ONLY_UNWRITABLE, READ_ONLY_LOCKED = "requested", "unwritable", "locked"
READ_ONLY_DAMAGED = "damaged"
READ_ONLY_REPLICA = "replica"  # a read replica's copy of another server's snapshot (analytics.replica)
_COPIED_REASONS = (
    READ_ONLY_LOCKED,
    READ_ONLY_DAMAGED,
    READ_ONLY_REPLICA,
)  # opened from a temporary copy, removed on close


@dataclass
class Store(Reader):
    """One DuckDB file opened by this process: the root connection and the ways to use it.

    `read_only_reason` is one of READ_ONLY_*; `read_only_detail` says more (the system's message, or
    when a copy of a locked store was taken).
    """

    path: Path
    con: duckdb.DuckDBPyConnection
    read_only: bool = False
    read_only_reason: str | None = None
    read_only_detail: str = ""
    opened_at: float = field(default_factory=time.monotonic)
    created: bool = False  # this open made the file (the path did not exist): only then the sample
    replica_of: Path | None = None  # a replica's store: the snapshot it is a copy of
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _held_noted: bool = field(default=False, repr=False)
    _pending: bool = field(default=False, repr=False)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of its own for one query (thread-safe), closed after use."""
        cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One atomic write: all of it commits with a new data version, or none of it does.

        Writes are serialised inside the process (one writer); DuckDB's file lock keeps other
        processes out.
        """
        with self._atomic(bump_version=True) as cur:
            yield cur

    @contextmanager
    def derived_write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A write of derived data (an index of what is already there): atomic, but it does not change the
        data version, since every figure stays the same."""
        with self._atomic(bump_version=False) as cur:
            yield cur

    @contextmanager
    def log_write(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A write of the audit log alone (a sign-in, a download): atomic and durable, and no figure changes,
        so the data version (and every cached result) stays."""
        with self._atomic(bump_version=False) as cur:
            yield cur

    @contextmanager
    def exclusive(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The write lock without a transaction: nothing is committed while the caller holds it, so the file
        and its write-ahead log together are the whole store (what a snapshot copies). A checkpoint is tried
        first, so that usually the file alone is."""
        if self.read_only:
            raise StoreError("store_read_only", self.read_only_detail or self.read_only_reason or "")
        with self._write_lock, self.cursor() as cur:
            self._checkpoint()
            yield cur

    def checkpoint(self, wait: bool = True) -> bool:
        """Write the write-ahead log into the file (under the write lock; without `wait`, only when nobody
        is writing). False when it could not be done now (the commit is safe in the log all the same)."""
        if self.read_only:
            return False
        if not self._write_lock.acquire(blocking=wait):
            return False
        try:
            return self._checkpoint()
        finally:
            self._write_lock.release()

    @property
    def checkpoint_pending(self) -> bool:
        """A commit is still only in the write-ahead log (its checkpoint could not be done yet)."""
        return self._pending

    def _room_to_checkpoint(self) -> bool:
        """Whether the disk has room for a checkpoint: DuckDB gives up a database whose checkpoint fails
        (a full disk invalidates it until the process restarts), so none is tried without room for it."""
        try:
            stats = os.statvfs(self.path.parent)
            log = wal_path(self.path)
            logged = log.stat().st_size if log.exists() else 0
        except OSError:
            return True
        return stats.f_bavail * stats.f_frsize >= max(CHECKPOINT_MIN_FREE, 4 * logged)

    def _checkpoint(self) -> bool:
        """CHECKPOINT (write lock held). DuckDB refuses it while a read transaction that began before an
        update is still open (a page run, usually for a second or less), and it is not tried when the disk
        is nearly full: the commit is then kept pending in the write-ahead log, and written by the next try
        (`Snapshot.close`, the server's background thread, shutdown)."""
        if not self._room_to_checkpoint():
            self._pending = True
            _LOG.warning(
                "little space left beside %s: its checkpoint waits (the write-ahead log keeps every commit)",
                self.path,
            )
            return False
        try:
            with self.cursor() as cur:
                cur.execute("CHECKPOINT")
        except duckdb.TransactionException:
            self._pending = True
            return False
        except duckdb.Error as exc:  # a full disk, say: the committed data is in the write-ahead log
            self._pending = True
            _LOG.warning("checkpoint of %s failed, the write-ahead log keeps the commit: %s", self.path, exc)
            return False
        self._pending = False
        return True

    def _after_commit(self) -> None:
        """Every commit: checkpointed (the file alone is the whole store), and the marker that the store has
        held real data written the first time it does (never removed by the app)."""
        self._checkpoint()
        if self._held_noted:
            return
        try:
            if self.holds_real_data():
                marker = held_marker(self.path)
                if not marker.exists():
                    marker.parent.mkdir(parents=True, exist_ok=True)
                    marker.write_text(
                        f"{self.path}\n{time.strftime('%Y-%m-%dT%H:%M:%S')}\n", encoding="utf-8"
                    )
                self._held_noted = True
        except (OSError, duckdb.Error) as exc:  # the marker is a safeguard: never fail the write for it
            _LOG.warning("could not write the marker of %s: %s", self.path, exc)

    @contextmanager
    def _atomic(self, bump_version: bool) -> Iterator[duckdb.DuckDBPyConnection]:
        """BEGIN ... COMMIT on a cursor of its own under the process's write lock; rolled back on any error."""
        if self.read_only:
            raise StoreError("store_read_only", self.read_only_detail or self.read_only_reason or "")
        with self._write_lock, self.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            try:
                yield cur
                if bump_version:
                    cur.execute(
                        "UPDATE meta SET value = CAST(CAST(value AS BIGINT) + 1 AS VARCHAR) WHERE key = 'data_version'"
                    )
                cur.execute("COMMIT")
            except BaseException:
                # A COMMIT that failed (out of memory, full disk) has already rolled back: keep its error.
                with suppress(duckdb.TransactionException):
                    cur.execute("ROLLBACK")
                raise
            self._after_commit()

    def snapshot(self) -> Snapshot:
        """A consistent view for one page run (see Snapshot)."""
        return Snapshot(self)

    def alive(self) -> bool:
        """False once DuckDB has given the database up (a fatal error: it must be opened again)."""
        try:
            with self.cursor() as cur:
                cur.execute("SELECT 1").fetchone()
            return True
        except duckdb.FatalException:
            return False
        except duckdb.Error:
            return True  # any other problem is the query's, not the database's

    def close(self) -> None:
        """Checkpoint (a writable store) and close; a locked store's temporary copy is removed."""
        if not self.read_only:
            with self._write_lock:
                self._checkpoint()
        self.con.close()
        if self.read_only_reason in _COPIED_REASONS:
            discard_copy(self.path)


def discard_copy(copy: Path) -> None:
    """Remove a locked store's temporary copy (its own folder) once nothing reads it any more."""
    if copy.parent.name.startswith(_COPY_PREFIX):
        shutil.rmtree(copy.parent, ignore_errors=True)


class Snapshot(Reader):
    """Every query of one page run against the same committed state (one read transaction).

    A page asks several queries; an import committing between two of them must not make the page show
    figures from before next to figures from after. The snapshot holds one cursor inside a read transaction
    for the whole run, and `close()` ends it. Queries are serialised on the cursor (one run, one thread).
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = store.path
        self.read_only = store.read_only
        self.closed = False
        self._lock = threading.Lock()
        self._version: int | None = None
        self._cur = store.con.cursor()
        self._cur.execute("BEGIN TRANSACTION")

    def data_version(self) -> int:
        """The version this read transaction sees, read once: it cannot change under the snapshot, and a
        page run asks for it many times (each cached query's key)."""
        if self._version is None:
            self._version = super().data_version()
        return self._version

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.closed:
            raise StoreError("snapshot_closed")
        with self._lock:
            yield self._cur

    def close(self) -> None:
        """End the read transaction (nothing was written, so nothing is lost); a checkpoint this reader held
        up is then tried (without waiting for a writer)."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            try:
                self._cur.execute("ROLLBACK")
            finally:
                self._cur.close()
        if self.store.checkpoint_pending:
            self.store.checkpoint(wait=False)


_DATA_VERSION_SQL = "SELECT value FROM meta WHERE key = 'data_version'"


def write_derived(
    reader: Reader,
    write: Callable[[duckdb.DuckDBPyConnection, int], object],
    version: int | None = None,
    what: str = "derived rows",
) -> int | None:
    """Write a table derived from the data (an index, kept figures) for the data version the store holds.

    `write(cur, now)` runs in one write transaction (Store.derived_write), `now` being meta's data_version
    read inside it: it deletes the stale rows and writes the new ones (or finds them current and writes
    nothing), and the rows it leaves are tagged `now`, so a reader never sees derived rows of another data
    version under that tag. `version` is the data version the caller computed its rows from, outside the
    transaction (a page's snapshot, or before a slow computation): when the store's moved since, that writer
    lost the race to a commit and writes nothing, since its rows belong to data no reader asks for any more.
    Rows that `write` computes from the tables inside the transaction are of `now` whatever the caller saw:
    leave `version` out. A snapshot writes through its store.

    The version written for (or found current), or None when nothing was written: a store that cannot be
    written (read-only, a replica), a moved version, a failure (logged; rolled back, it costs only time:
    the rows are computed again)."""
    store = getattr(reader, "store", reader)
    if store.read_only or not hasattr(store, "derived_write"):
        return None
    try:
        with store.derived_write() as cur:
            now = int(cur.execute(_DATA_VERSION_SQL).fetchone()[0] or 0)
            if version is not None and now != version:
                return None
            write(cur, now)
    except (duckdb.Error, OSError, StoreError):  # a full disk, say: readers compute from the records
        _LOG.warning("the %s of %s could not be kept", what, getattr(store, "path", "?"), exc_info=True)
        return None
    return now


def open_store(path: Path | str | None = None, read_only: bool = False, verify: bool = False) -> Store:
    """Open (and create or migrate) the store at `path`.

    A read-only open never migrates; a file that cannot be written (read-only disk, permissions) is
    opened read-only with the reason kept, so the app can still show it. A file DuckDB cannot read as a
    database (cut short, overwritten) raises `store_damaged` and is not written to. A path whose store held
    real data (its marker, see `held_marker`) is never made again: `store_lost`. With `verify`, the store
    is checked before it is returned (`check_store`). `Store.created` says whether this open made the file.
    """
    db = Path(path) if path else default_db_path()
    store = _open_read_only(db, reason=READ_ONLY_REQUESTED) if read_only else _open_writable(db)
    if verify:
        try:
            check_store(store)
        except BaseException:
            store.con.close()
            raise
    return store


def _open_writable(db: Path) -> Store:
    existed = db.exists()
    if not existed and held_marker(db).exists():
        raise StoreError("store_lost", str(held_marker(db).parent))
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db), config=duckdb_config())
        restrict_file_access(con)
    except duckdb.Error as exc:
        message = _first_line(exc)
        if "lock" in message.lower():
            raise StoreError("store_locked", message) from exc
        if not existed:
            raise StoreError("store_unwritable", message) from exc
        if _is_permission_problem(message):
            return _open_read_only(db, reason=READ_ONLY_UNWRITABLE, detail=message)
        raise StoreError("store_damaged", message) from exc
    store = Store(path=db, con=con, created=not existed)
    try:
        if schema_version(store) > SCHEMA_VERSION:
            raise StoreError("store_newer", f"{schema_version(store)} > {SCHEMA_VERSION}")
        if existed and schema_version(store) < SCHEMA_VERSION:
            # Nothing but a migration ever writes an existing store before it is read: a damaged file is
            # found here, before any of it changes.
            check_tables(store)
        migrate(store)
    except _NOT_DAMAGE:
        con.close()
        raise
    except duckdb.Error as exc:
        con.close()
        raise StoreError("store_damaged", _first_line(exc)) from exc
    except BaseException:
        con.close()
        raise
    store._checkpoint()  # the schema in the file itself, not only in the write-ahead log
    return store


# Errors in our own SQL (a migration, say), not in the file: raised as they are, never called damage.
_NOT_DAMAGE = (
    duckdb.ParserException,
    duckdb.CatalogException,
    duckdb.BinderException,
    duckdb.ProgrammingError,
)
_PERMISSION_WORDS = (
    "permission denied",
    "read-only file system",
    "read only file system",
    "operation not permitted",
)


def _is_permission_problem(message: str) -> bool:
    lowered = message.lower()
    return any(word in lowered for word in _PERMISSION_WORDS)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]


def _open_read_only(db: Path, reason: str, detail: str = "") -> Store:
    if not db.exists():
        raise StoreError("store_missing", str(db))
    try:
        con = duckdb.connect(str(db), config=duckdb_config(read_only=True))
        restrict_file_access(con)
    except duckdb.Error as exc:
        message = _first_line(exc)
        if "lock" in message.lower():
            raise StoreError("store_locked", message) from exc
        if _is_permission_problem(message) or not os.access(db, os.R_OK):
            raise StoreError("store_unreadable", message) from exc
        raise StoreError("store_damaged", message) from exc
    store = Store(path=db, con=con, read_only=True, read_only_reason=reason, read_only_detail=detail)
    try:
        version = schema_version(store)
    except duckdb.Error as exc:
        con.close()
        raise StoreError("store_damaged", _first_line(exc)) from exc
    if version > SCHEMA_VERSION:
        con.close()
        raise StoreError("store_newer", f"{version} > {SCHEMA_VERSION}")
    if version < SCHEMA_VERSION:
        con.close()
        raise StoreError("store_outdated", f"schema {version} < {SCHEMA_VERSION}")
    return store


def base_tables(reader: Reader, catalog: str | None = None) -> list[str]:
    """The store's tables (not views), sorted; `catalog` for an attached database."""
    if catalog is None:
        return [r[0] for r in reader.rows(_TABLES_SQL + " AND table_catalog = current_database() ORDER BY 1")]
    return [r[0] for r in reader.rows(_TABLES_SQL + " AND table_catalog = ? ORDER BY 1", [catalog])]


_TABLES_SQL = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE'"


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_fingerprints(reader: Reader, catalog: str | None = None) -> dict[str, tuple[int, str]]:
    """Every table's row count and checksum (the sum of its rows' hashes): reading each table whole, so a
    damaged block anywhere in a table is found (DuckDB checks every block's checksum as it reads it), and
    two stores with the same fingerprints hold the same rows. Names come from the catalogue, not input."""
    out: dict[str, tuple[int, str]] = {}
    prefix = f"{_quoted(catalog)}.main." if catalog else ""
    for table in base_tables(reader, catalog):
        count, checksum = reader.rows(
            f"SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0) FROM {prefix}{_quoted(table)} t"  # noqa: S608
        )[0]
        out[table] = (int(count), str(checksum))
    return out


def check_tables(store: Reader) -> dict[str, tuple[int, str]]:
    """Read every table whole; a damaged block raises StoreError("store_damaged", DuckDB's reason)."""
    try:
        return table_fingerprints(store)
    except _NOT_DAMAGE:
        raise
    except duckdb.Error as exc:
        raise StoreError("store_damaged", _first_line(exc)) from exc


# Keys no index enforces (migration 9 took `initiatives`' PRIMARY KEY off): the one writer keeps them
# unique in the transaction that writes them (analytics.ingest, analytics.backup), and the check on opening
# verifies them. Table -> its key column; a table added here is checked everywhere `duplicate_keys` is.
UNIQUE_KEYS: tuple[tuple[str, str], ...] = (("initiatives", "code"),)
DUPLICATES_SHOWN = 5  # duplicated keys a message names (the count is exact)


@dataclass(frozen=True)
class Duplicates:
    """Keys of one table held by more than one row: how many keys, and the first few with their rows."""

    table: str
    column: str
    keys: int
    examples: tuple[tuple[str, int], ...]

    def text(self) -> str:
        """Language-neutral detail for a message: "initiatives.code: SK-1 ×2, SK-7 ×3 (+4)"."""
        shown = ", ".join(f"{key} ×{rows}" for key, rows in self.examples)
        more = self.keys - len(self.examples)
        return f"{self.table}.{self.column}: {shown}" + (f" (+{more})" if more > 0 else "")


def duplicate_keys(cur: duckdb.DuckDBPyConnection, catalog: str | None = None) -> list[Duplicates]:
    """Every UNIQUE_KEYS table whose key is held by more than one row (none on a sound store). One
    aggregate per table (count against distinct count); the keys are listed only when there are any.
    `catalog`: an attached database (a snapshot being restored). Names are ours, not input."""
    prefix = f"{_quoted(catalog)}.main." if catalog else ""
    found = []
    for table, column in UNIQUE_KEYS:
        name, key = prefix + _quoted(table), _quoted(column)
        extra = cur.execute(f"SELECT count(*) - count(DISTINCT {key}) FROM {name}").fetchone()[0]  # noqa: S608
        if not extra:
            continue
        rows = cur.execute(
            f"""SELECT CAST({key} AS VARCHAR), count(*), count(*) OVER () FROM {name}
                GROUP BY {key} HAVING count(*) > 1 ORDER BY 1 LIMIT {DUPLICATES_SHOWN}"""  # noqa: S608
        ).fetchall()
        examples = tuple((str(r[0]), int(r[1])) for r in rows)
        found.append(Duplicates(table, column, int(rows[0][2]) if rows else 0, examples))
    return found


def check_unique_keys(store: Reader) -> None:
    """Raise StoreError("store_duplicates", which keys) when a key UNIQUE_KEYS names is held twice: a row
    written past the app (raw SQL in the DuckDB CLI, another tool). Such a store is treated as damaged: never
    written to, its newest verified snapshot shown instead."""
    try:
        with store.cursor() as cur:
            found = duplicate_keys(cur)
    except _NOT_DAMAGE:
        raise
    except duckdb.Error as exc:
        raise StoreError("store_damaged", _first_line(exc)) from exc
    if found:
        raise StoreError("store_duplicates", "; ".join(d.text() for d in found))


def _probe_keys(store: Store) -> None:
    """Look every row's key up in its table's key index (an insert of the table into itself that skips
    every row, rolled back): the index blocks no scan reads are read too. Nothing is written."""
    keyed = store.rows(
        "SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type IN ('PRIMARY KEY', 'UNIQUE') "
        "AND database_name = current_database() AND schema_name = 'main' ORDER BY 1"
    )
    with store._write_lock, store.cursor() as cur:
        cur.execute("BEGIN TRANSACTION")
        try:
            for (table,) in keyed:
                name = _quoted(table)
                cur.execute(f"INSERT OR IGNORE INTO {name} SELECT * FROM {name}")  # noqa: S608
        except duckdb.Error as exc:
            raise StoreError("store_damaged", _first_line(exc)) from exc
        finally:
            with suppress(duckdb.Error):
                cur.execute("ROLLBACK")


_HEADER_BYTES = 3 * 4096  # DuckDB's main header and its two database headers, before the first block


def check_store(store: Store) -> None:
    """The check on opening a store for the app or a command: the file is as long as its blocks say (a cut
    is found even where no table reads), the schema version is one this code knows, every table reads whole,
    every record code is held by one record only (`check_unique_keys`), and a store that has held real data
    (its marker) is not empty. Raises StoreError: `store_damaged` (with DuckDB's reason), `store_duplicates`
    (with the keys), `store_newer`, `store_emptied`."""
    version = schema_version(store)
    if version > SCHEMA_VERSION:
        raise StoreError("store_newer", f"{version} > {SCHEMA_VERSION}")
    try:
        blocks, block_size = store.rows("SELECT used_blocks, block_size FROM pragma_database_size()")[0]
    except duckdb.Error as exc:
        raise StoreError("store_damaged", _first_line(exc)) from exc
    if not wal_path(store.path).exists():  # with a log, blocks replayed in memory are not in the file yet
        # Every block in use lies in the file (free ones at its end may have been cut by DuckDB itself).
        expected = _HEADER_BYTES + int(blocks) * int(block_size)
        size = store.path.stat().st_size
        if size < expected:
            raise StoreError("store_damaged", f"truncated: {size} bytes of {expected}")
    check_tables(store)
    check_unique_keys(store)
    if (
        store.never_imported()
        and held_marker(store.path).exists()
        and store.read_only_reason != READ_ONLY_DAMAGED
    ):
        raise StoreError("store_emptied", str(held_marker(store.path).parent))


def schema_version(store: Store) -> int:
    exists = store.one(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'"
    )
    if not exists:
        return 0
    return int(store.one("SELECT value FROM meta WHERE key = 'schema_version'") or 0)


def migrate(store: Store) -> None:
    """Apply every migration above the file's version, each in its own transaction."""
    current = schema_version(store)
    for version in range(current + 1, SCHEMA_VERSION + 1):
        with store.cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            try:
                for statement in MIGRATIONS[version - 1]:
                    cur.execute(statement)
                if version == 1:
                    cur.execute("INSERT INTO meta VALUES ('schema_version', '0'), ('data_version', '0')")
                    load_reference_rows(cur)
                cur.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version)])
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise


def _read_csv_rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _blank_to_none(value: str | None) -> str | None:
    return value if value not in (None, "") else None


def _insert_columns(
    cur: duckdb.DuckDBPyConnection, table: str, types: Sequence[str], columns: list[list]
) -> None:
    """All rows of `table` in one INSERT: its columns as lists, zipped by `unnest` in file order (a statement
    per row cost a new store 0.1-0.2 s, paid by the first import of every new store)."""
    if not columns[0]:
        return
    values = ", ".join(f"unnest(CAST($c{i} AS {kind}[]))" for i, kind in enumerate(types))
    cur.execute(
        f"INSERT INTO {table} SELECT {values}",  # noqa: S608 - our own table and type names
        {f"c{i}": column for i, column in enumerate(columns)},
    )


def _int_or_none(text: str) -> int | None:
    return int(text) if text else None


def _aliases(text: str) -> list[str]:
    return [a.strip() for a in text.split("|") if a.strip()]


# The reference tables a new store starts with: each one's file in data/, then its columns in order, each as
# (CSV column, DuckDB type, the reader of its text).
REFERENCE_FILES: tuple[tuple[str, str, tuple[tuple[str, str, Callable[[str], object]], ...]], ...] = (
    (
        "units",
        "units.csv",
        (
            ("code", "VARCHAR", str),
            ("name", "VARCHAR", str),
            ("short_name", "VARCHAR", _blank_to_none),
            ("parent_code", "VARCHAR", _blank_to_none),
            ("group_name", "VARCHAR", _blank_to_none),
            ("members", "INTEGER", _int_or_none),
            ("aliases", "VARCHAR[]", _aliases),
        ),
    ),
    (
        "phases",
        "phases.csv",
        (
            ("phase", "INTEGER", int),
            ("name", "VARCHAR", str),
            ("start_on", "DATE", str),
            ("end_on", "DATE", str),
            ("target", "INTEGER", int),
        ),
    ),
    (
        "targets",
        "targets.csv",
        (("unit_code", "VARCHAR", str), ("phase", "INTEGER", int), ("target", "INTEGER", int)),
    ),
    (
        "campaigns",
        "campaigns.csv",
        (("name", "VARCHAR", str), ("start_on", "DATE", str), ("end_on", "DATE", str)),
    ),
    (
        "milestones",
        "milestones.csv",
        (
            ("on_date", "DATE", str),
            ("cumulative_target", "INTEGER", int),
            ("label", "VARCHAR", _blank_to_none),
        ),
    ),
)


def load_reference_rows(cur: duckdb.DuckDBPyConnection) -> None:
    """Units, phases, targets, campaigns and milestones from the CSV files in data/ (new store only)."""
    for table, file_name, columns in REFERENCE_FILES:
        rows = _read_csv_rows(file_name)
        _insert_columns(
            cur,
            table,
            [kind for _, kind, _ in columns],
            [[read(row[name]) for row in rows] for name, _, read in columns],
        )


def open_store_or_copy(path: Path | str | None = None, verify: bool = False) -> Store:
    """Open the store for the app; when another process holds its write lock, a read-only copy instead.

    DuckDB lets no other process read a file while one holds it for writing (an import running from the
    command line, say). Rather than stop, the app shows a copy of the file and of its write-ahead log (what
    the other process has committed and not yet checkpointed), says so, and tries the real file again later
    (see ui.store_handle).
    """
    db = Path(path) if path else default_db_path()
    try:
        return open_store(db, verify=verify)
    except StoreError as exc:
        if exc.code != "store_locked" or not db.exists():
            raise
        copy = Path(tempfile.mkdtemp(prefix=_COPY_PREFIX)) / db.name
        try:
            copy_with_log(db, copy)
            store = _open_read_only(copy, reason=READ_ONLY_LOCKED, detail=time.strftime("%H:%M:%S"))
        except BaseException:
            discard_copy(copy)
            raise
        # Pages still reading the copy keep it alive; once the app has moved on and the last of them is
        # done, the copy's folder goes (and at the latest when the process exits).
        weakref.finalize(store, discard_copy, copy)
        return store


def _signature(*paths: Path) -> tuple:
    return tuple((p.stat().st_size, p.stat().st_mtime_ns) if p.exists() else None for p in paths)


def copy_with_log(db: Path, copy: Path, attempts: int = 5) -> None:
    """Copy a store another process may be writing, with its write-ahead log: again while either file
    changed during the copy (a checkpoint in between would pair an old file with a new log)."""
    source_log, copy_log = wal_path(db), wal_path(copy)
    for _ in range(attempts):
        before = _signature(db, source_log)
        shutil.copy2(db, copy)
        copy_log.unlink(missing_ok=True)
        with suppress(FileNotFoundError):  # checkpointed (and removed) meanwhile: the file alone is whole
            shutil.copy2(source_log, copy_log)
        if _signature(db, source_log) == before:
            return
        time.sleep(0.2)
