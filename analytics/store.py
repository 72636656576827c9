"""The DuckDB store: one file, its schema and migrations, reference rows, cursors and transactions.

The file is a public contract (analysts open it with the DuckDB CLI or DBeaver), so table and column
names are stable and every change to them is a numbered forward migration. A process holds one root
connection; every query runs on its own cursor, closed after, so Streamlit's threads never share one.
Every write goes through `transaction()`, which bumps `data_version` so that caches keyed by it expire.
"""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analytics.sandbox import restrict_file_access

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
        # Each author's share of an initiative, in %, in the order of `authors` (Nghị định 13/2012 asks for
        # each co-author's contribution); NULL where the file gave none (then shares are equal), an element
        # NULL for an author whose share was not given. The history keeps it for undo.
        "ALTER TABLE initiatives ADD COLUMN author_shares DOUBLE[]",
        "ALTER TABLE initiative_history ADD COLUMN author_shares DOUBLE[]",
    ),
)

SCHEMA_VERSION = len(MIGRATIONS)


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
        """A store that never held data (a new file): the app fills it with the sample."""
        return not self.one("SELECT count(*) FROM imports") and not self.record_count()


# Why a store is open read-only (`Store.read_only_reason`); the UI words each in the catalogue.
READ_ONLY_REQUESTED, READ_ONLY_UNWRITABLE, READ_ONLY_LOCKED = "requested", "unwritable", "locked"


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
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

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

    def snapshot(self) -> Snapshot:
        """A consistent view for one page run (see Snapshot)."""
        return Snapshot(self)

    def close(self) -> None:
        self.con.close()
        if self.read_only_reason == READ_ONLY_LOCKED:
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
        self._cur = store.con.cursor()
        self._cur.execute("BEGIN TRANSACTION")

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        if self.closed:
            raise StoreError("snapshot_closed")
        with self._lock:
            yield self._cur

    def close(self) -> None:
        """End the read transaction (nothing was written, so nothing is lost)."""
        with self._lock:
            if self.closed:
                return
            self.closed = True
            try:
                self._cur.execute("ROLLBACK")
            finally:
                self._cur.close()


def open_store(path: Path | str | None = None, read_only: bool = False) -> Store:
    """Open (and create or migrate) the store at `path`.

    A read-only open never migrates; a file that cannot be written (read-only disk, permissions) is
    opened read-only with the reason kept, so the app can still show it.
    """
    db = Path(path) if path else default_db_path()
    if read_only:
        return _open_read_only(db, reason=READ_ONLY_REQUESTED)
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db), config=duckdb_config())
        restrict_file_access(con)
    except duckdb.IOException as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise StoreError("store_locked", message) from exc
        if db.exists():
            return _open_read_only(db, reason=READ_ONLY_UNWRITABLE, detail=message)
        raise StoreError("store_unwritable", message) from exc
    store = Store(path=db, con=con)
    migrate(store)
    return store


def _open_read_only(db: Path, reason: str, detail: str = "") -> Store:
    if not db.exists():
        raise StoreError("store_missing", str(db))
    try:
        con = duckdb.connect(str(db), config=duckdb_config(read_only=True))
        restrict_file_access(con)
    except duckdb.IOException as exc:
        code = "store_locked" if "lock" in str(exc).lower() else "store_unreadable"
        raise StoreError(code, str(exc)) from exc
    store = Store(path=db, con=con, read_only=True, read_only_reason=reason, read_only_detail=detail)
    if schema_version(store) < SCHEMA_VERSION:
        raise StoreError("store_outdated", f"schema {schema_version(store)} < {SCHEMA_VERSION}")
    return store


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


def load_reference_rows(cur: duckdb.DuckDBPyConnection) -> None:
    """Units, phases, targets, campaigns and milestones from the CSV files in data/ (new store only)."""
    for row in _read_csv_rows("units.csv"):
        aliases = [a.strip() for a in row["aliases"].split("|") if a.strip()]
        cur.execute(
            "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                row["code"],
                row["name"],
                _blank_to_none(row["short_name"]),
                _blank_to_none(row["parent_code"]),
                _blank_to_none(row["group_name"]),
                int(row["members"]) if row["members"] else None,
                aliases,
            ],
        )
    for row in _read_csv_rows("phases.csv"):
        cur.execute(
            "INSERT INTO phases VALUES (?, ?, ?, ?, ?)",
            [int(row["phase"]), row["name"], row["start_on"], row["end_on"], int(row["target"])],
        )
    for row in _read_csv_rows("targets.csv"):
        cur.execute(
            "INSERT INTO targets VALUES (?, ?, ?)", [row["unit_code"], int(row["phase"]), int(row["target"])]
        )
    for row in _read_csv_rows("campaigns.csv"):
        cur.execute("INSERT INTO campaigns VALUES (?, ?, ?)", [row["name"], row["start_on"], row["end_on"]])
    for row in _read_csv_rows("milestones.csv"):
        cur.execute(
            "INSERT INTO milestones VALUES (?, ?, ?)",
            [row["on_date"], int(row["cumulative_target"]), _blank_to_none(row["label"])],
        )


def open_store_or_copy(path: Path | str | None = None) -> Store:
    """Open the store for the app; when another process holds its write lock, a read-only copy instead.

    DuckDB lets no other process read a file while one holds it for writing (an import running from the
    command line, say). Rather than stop, the app shows a copy of the file as last written to disk
    (changes still in the other process's write-ahead log are not in it), says so, and tries the real
    file again later (see ui.context).
    """
    db = Path(path) if path else default_db_path()
    try:
        return open_store(db)
    except StoreError as exc:
        if exc.code != "store_locked" or not db.exists():
            raise
        copy = Path(tempfile.mkdtemp(prefix=_COPY_PREFIX)) / db.name
        try:
            shutil.copy2(db, copy)
            store = _open_read_only(copy, reason=READ_ONLY_LOCKED, detail=time.strftime("%H:%M:%S"))
        except BaseException:
            discard_copy(copy)
            raise
        # Pages still reading the copy keep it alive; once the app has moved on and the last of them is
        # done, the copy's folder goes (and at the latest when the process exits).
        weakref.finalize(store, discard_copy, copy)
        return store
