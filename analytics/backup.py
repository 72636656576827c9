"""Snapshots of the store and their restore: nothing lost, whatever happens to the file.

A snapshot is a copy of the store's DuckDB file taken right after a CHECKPOINT, under the store's write lock
(nothing is written while it is copied, and the file alone is then the whole store): DuckDB's own file,
which the DuckDB CLI or DBeaver open as they open the store. Each one is verified when it is made: the copy
is opened read-only on a connection of its own and every table is read whole; its row counts and checksums
must equal the store's at the moment of the copy. A manifest beside it (`<snapshot>.json`) keeps those
figures and the file's SHA-256, so a snapshot damaged later is refused at restore.

They are taken before every import, undo and restore (`before_change`), once a day while the server runs
(`daily`) and on request (`python -m analytics backup`, the Data page), into `store.backup_dir()`, and
kept by the retention rule `SANGKIEN_BACKUP_KEEP` (default `recent=10,daily=7,weekly=4`: the ten newest,
the newest of each of the last seven days and of the last four weeks).

A restore verifies the snapshot first, snapshots the current store, then replaces the store's tables with
the snapshot's in one transaction (the snapshot attached read-only from the importer's private folder, the
only place the store's DuckDB may open a file) and checks the result against the snapshot's checksums; the
audit log is kept (a restore brings the data back, not the log). A store that cannot be opened (damaged,
gone) is restored by putting the snapshot's file in its place, the damaged file kept aside.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from analytics import audit
from analytics.i18n import Lang, fmt_date, fmt_int, fmt_num, t
from analytics.sandbox import restrict_file_access, temp_dir
from analytics.store import (
    SCHEMA_VERSION,
    Reader,
    Store,
    StoreError,
    _quoted,
    backup_dir,
    base_tables,
    duckdb_config,
    duplicate_keys,
    open_store,
    schema_version,
    table_fingerprints,
    wal_path,
)

KEEP_ENV = "SANGKIEN_BACKUP_KEEP"
DEFAULT_KEEP = {"recent": 10, "daily": 7, "weekly": 4}
# Why a snapshot was taken (labels: `backup.reason.<reason>`).
REASONS: tuple[str, ...] = ("import", "undo", "restore", "daily", "manual", "sample", "publish")
# Tables a restore leaves as they are: the log of what happened, restores included.
KEPT_BY_RESTORE: tuple[str, ...] = ("audit_log",)
# Tables compared between a store and its snapshot: all but the log (written by sign-ins and downloads
# without any figure changing) and `meta` (its data version moves with every commit).
_UNCOMPARED = ("audit_log", "meta")
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z_]+)\.duckdb$")
_STAMP = "%Y%m%d-%H%M%S-%f"
_PART = ".part"


class BackupError(Exception):
    """A snapshot or restore that could not be done; `code` names the catalogue message `backup.error.<code>`."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(f"{code}: {params}")
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Snapshot:
    """One snapshot file and what its manifest says about it."""

    path: Path
    taken_at: dt.datetime
    reason: str
    records: int = 0
    data_version: int = 0
    schema_version: int = 0
    size: int = 0
    sha256: str = ""
    tables: dict[str, list] = field(default_factory=dict)
    verified: bool = False

    @property
    def manifest(self) -> Path:
        return manifest_of(self.path)

    def as_json(self) -> dict:
        return {
            "file": self.path.name,
            "taken_at": self.taken_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "records": self.records,
            "data_version": self.data_version,
            "schema_version": self.schema_version,
            "size": self.size,
            "sha256": self.sha256,
            "tables": self.tables,
            "verified": self.verified,
        }


def manifest_of(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_json(path: Path, payload: dict) -> None:
    temporary = path.with_name(path.name + _PART)
    temporary.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)


def _compared(tables: dict) -> dict:
    return {name: list(value) for name, value in tables.items() if name not in _UNCOMPARED}


class _FileReader(Reader):
    """A snapshot (or any store file) opened read-only on a connection of its own, restricted like every
    store the app opens."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read_only = True
        self.con = duckdb.connect(str(path), config=duckdb_config(read_only=True))
        restrict_file_access(self.con)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self.con.close()


def read_file(path: Path) -> dict:
    """What a store file holds, read whole: schema version, records, data version and every table's count
    and checksum. Raises BackupError("unreadable") when it is not a store DuckDB can read whole."""
    try:
        reader = _FileReader(path)
    except duckdb.Error as exc:
        raise BackupError("unreadable", file=path.name, detail=_line(exc)) from exc
    try:
        version = schema_version(reader)  # type: ignore[arg-type]
        if version < 1:
            raise BackupError("not_a_store", file=path.name)
        if version > SCHEMA_VERSION:
            raise BackupError("newer", file=path.name, version=version, known=SCHEMA_VERSION)
        tables = {name: list(value) for name, value in table_fingerprints(reader).items()}
        return {
            "schema_version": version,
            "data_version": reader.data_version(),
            "records": int(tables.get("initiatives", [0])[0]),
            "tables": tables,
        }
    except duckdb.Error as exc:
        raise BackupError("unreadable", file=path.name, detail=_line(exc)) from exc
    finally:
        reader.close()


def _line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]


# --- taking snapshots -----------------------------------------------------------------------------------


def snapshot(store: Store, reason: str, out: Path | None = None, keep: dict | None = None) -> Snapshot:
    """Take a verified snapshot of `store` now (into its backup folder, or to the file `out`)."""
    if reason not in REASONS:
        raise ValueError(f"unknown snapshot reason {reason!r}")
    if store.read_only:
        raise BackupError("read_only")
    now = dt.datetime.now()
    folder = out.parent if out else backup_dir(store.path)
    target = out or folder / f"{store.path.stem}-{now.strftime(_STAMP)}-{reason}.duckdb"
    part = target.with_name(target.name + _PART)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with store.exclusive():  # nothing committed until the file (and its log, if any) are copied
            live = table_fingerprints(store)
            data_version = store.data_version()
            copy_apart(store.path, part)
            if wal_path(store.path).exists():
                copy_apart(wal_path(store.path), wal_path(part))
        _settle(part)
        _fsync(part)
        copied = read_file(part)
        if _compared(copied["tables"]) != _compared(live):
            raise BackupError("unverified", file=target.name)
        taken = Snapshot(
            path=target,
            taken_at=now,
            reason=reason,
            records=copied["records"],
            data_version=data_version,
            schema_version=copied["schema_version"],
            size=part.stat().st_size,
            sha256=_sha256(part),
            tables=copied["tables"],
            verified=True,
        )
        os.replace(part, target)
        _write_json(manifest_of(target), taken.as_json())
    except OSError as exc:
        _discard(part)
        raise BackupError("cannot_write", folder=str(folder), detail=exc.strerror or str(exc)) from exc
    except BaseException:
        _discard(part)
        raise
    if out is None:
        prune(store.path, keep)
    return taken


_COPY_SCRIPT = "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])"


def copy_apart(source: Path, target: Path) -> None:
    """Copy a file this process's DuckDB holds open, in a child process. DuckDB's hold on the store is a
    POSIX lock, which the system drops as soon as the process that holds it closes *any* descriptor of the
    file: a copy made here (open, read, close) would leave the store open to a second writer."""
    done = subprocess.run(
        [sys.executable, "-c", _COPY_SCRIPT, str(source), str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        message = (done.stderr.strip().splitlines() or ["copy failed"])[-1]
        raise OSError(errno.EIO, message[:300])


def _settle(copy: Path) -> None:
    """Make the copy one self-contained file: a write-ahead log copied beside it (commits the store had not
    checkpointed yet) is replayed into it and checkpointed, on a connection of its own."""
    log = wal_path(copy)
    if not log.exists():
        return
    try:
        con = duckdb.connect(str(copy), config=duckdb_config())
        try:
            restrict_file_access(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
    except duckdb.Error as exc:
        raise BackupError("unverified", file=copy.name, detail=_line(exc)) from exc
    log.unlink(missing_ok=True)


def _discard(part: Path) -> None:
    with suppress(OSError):
        part.unlink(missing_ok=True)
        wal_path(part).unlink(missing_ok=True)


def before_change(store: Store, reason: str) -> Snapshot | None:
    """The snapshot taken before an import, undo or restore: skipped when the store holds nothing yet or
    when the newest snapshot already holds exactly what the store holds. Raises BackupError when it cannot
    be made (the change is then refused: nothing is changed without its snapshot)."""
    if store.read_only or (store.never_imported() and not store.holds_real_data()):
        return None
    newest = newest_verified(store.path)
    if newest is not None and _same_content(store, newest):
        return newest
    return snapshot(store, reason)


def _same_content(store: Store, taken: Snapshot) -> bool:
    return (
        taken.data_version == store.data_version()
        and taken.path.exists()
        and _compared(taken.tables) == _compared({k: list(v) for k, v in table_fingerprints(store).items()})
    )


def publish(store: Store) -> Snapshot | None:
    """A snapshot for read replicas (analytics.replica) when the store holds something its newest snapshot
    does not: replicas only ever read verified snapshots, so each commit reaches them as one."""
    if store.read_only:
        return None
    version = store.data_version()
    if _PUBLISHED.get(store.path) == version:  # checked already: no commit since (the cheap, common case)
        return None
    newest = newest_verified(store.path)
    taken = None if newest is not None and _same_content(store, newest) else snapshot(store, "publish")
    _PUBLISHED[store.path] = taken.data_version if taken else version
    return taken


_PUBLISHED: dict[Path, int] = {}  # per store: the data version its newest snapshot was last found to hold


def daily(store: Store, today: dt.date | None = None) -> Snapshot | None:
    """Today's snapshot, unless one was taken today or nothing changed since the newest one."""
    if store.read_only or (store.never_imported() and not store.holds_real_data()):
        return None
    today = today or dt.date.today()
    newest = newest_verified(store.path)
    if newest is not None and (newest.taken_at.date() >= today or _same_content(store, newest)):
        return None
    return snapshot(store, "daily")


# --- listing and retention ------------------------------------------------------------------------------


def list_snapshots(db: Path | str) -> list[Snapshot]:
    """The snapshots of the store at `db`, newest first (files without a readable manifest are listed as
    not verified)."""
    return snapshots_in(backup_dir(db))


def snapshots_in(folder: Path) -> list[Snapshot]:
    """The snapshots in a backup folder, newest first (a replica reads another server's folder)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.duckdb"):
        match = _NAME.match(path.name)
        if not match:
            continue
        taken_at = dt.datetime.strptime(match["stamp"], _STAMP)
        try:
            data = json.loads(manifest_of(path).read_text(encoding="utf-8"))
            found.append(
                Snapshot(
                    path=path,
                    taken_at=taken_at,
                    reason=str(data.get("reason", match["reason"])),
                    records=int(data.get("records", 0)),
                    data_version=int(data.get("data_version", 0)),
                    schema_version=int(data.get("schema_version", 0)),
                    size=int(data.get("size", 0)),
                    sha256=str(data.get("sha256", "")),
                    tables=dict(data.get("tables", {})),
                    verified=bool(data.get("verified")) and path.stat().st_size == int(data.get("size", -1)),
                )
            )
        except (OSError, ValueError, TypeError):
            found.append(Snapshot(path=path, taken_at=taken_at, reason=match["reason"]))
    return sorted(found, key=lambda s: s.taken_at, reverse=True)


def newest_verified(db: Path | str) -> Snapshot | None:
    return next((s for s in list_snapshots(db) if s.verified), None)


def keep_rules() -> dict[str, int]:
    """`SANGKIEN_BACKUP_KEEP` ("recent=10,daily=7,weekly=4"; a rule left out keeps its default; 0 turns
    it off)."""
    rules = dict(DEFAULT_KEEP)
    for part in os.environ.get(KEEP_ENV, "").split(","):
        name, _, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if name in rules and value.isdigit():
            rules[name] = int(value)
    if not any(rules.values()):
        rules["recent"] = 1  # never none: the newest snapshot always stays
    return rules


def kept(snapshots: list[Snapshot], rules: dict[str, int]) -> set[Path]:
    """Which snapshots the rules keep: the `recent` newest, then the newest of each of the last `daily`
    days and of the last `weekly` ISO weeks that have one."""
    ordered = sorted(snapshots, key=lambda s: s.taken_at, reverse=True)
    keep = {s.path for s in ordered[: rules.get("recent", 0)]}
    for rule, period in (("daily", lambda d: d.date()), ("weekly", lambda d: d.isocalendar()[:2])):
        seen: list = []
        for item in ordered:
            key = period(item.taken_at)
            if key in seen:
                continue
            if len(seen) >= rules.get(rule, 0):
                break
            seen.append(key)
            keep.add(item.path)
    return keep


def prune(db: Path | str, rules: dict[str, int] | None = None) -> list[Path]:
    """Delete the snapshots the retention rule does not keep (and unfinished copies); returns them."""
    snapshots = list_snapshots(db)
    keep = kept([s for s in snapshots if s.verified], rules or keep_rules())
    removed = []
    for item in snapshots:
        if item.path not in keep and (item.verified or _older_than(item, hours=1)):
            item.path.unlink(missing_ok=True)
            manifest_of(item.path).unlink(missing_ok=True)
            removed.append(item.path)
    folder = backup_dir(db)
    for part in folder.glob("*" + _PART) if folder.is_dir() else ():
        if dt.datetime.now().timestamp() - part.stat().st_mtime > 3600:
            part.unlink(missing_ok=True)
    return removed


def _older_than(item: Snapshot, hours: int) -> bool:
    return dt.datetime.now() - item.taken_at > dt.timedelta(hours=hours)


# --- verifying and restoring ------------------------------------------------------------------------------


def verify(path: Path | str) -> dict:
    """Check a snapshot (or any store file) before it is restored: it opens, it is a store this code knows,
    every table reads whole, and, with a manifest, its SHA-256, counts and checksums are those recorded when
    it was made. Returns what it holds; raises BackupError saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise BackupError("missing", file=str(path))
    manifest = manifest_of(path)
    recorded = None
    if manifest.exists():
        try:
            recorded = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise BackupError("bad_manifest", file=manifest.name, detail=str(exc)[:200]) from exc
        if recorded.get("sha256") and recorded["sha256"] != _sha256(path):
            raise BackupError("changed", file=path.name)
    held = read_file(path)
    if recorded and _compared(recorded.get("tables", {})) != _compared(held["tables"]):
        raise BackupError("changed", file=path.name)
    _refuse_duplicates_in(path)
    return held


def _refuse_duplicates_in(path: Path) -> None:
    """A store file whose record codes are held twice (written past the app: no key index enforces them
    since migration 9) is never restored: BackupError("duplicates")."""
    try:
        reader = _FileReader(path)
    except duckdb.Error as exc:
        raise BackupError("unreadable", file=path.name, detail=_line(exc)) from exc
    try:
        with reader.cursor() as cur:
            found = duplicate_keys(cur)
    except duckdb.Error as exc:
        raise BackupError("unreadable", file=path.name, detail=_line(exc)) from exc
    finally:
        reader.close()
    if found:
        raise BackupError("duplicates", file=path.name, detail="; ".join(d.text() for d in found))


@dataclass
class Restored:
    """What a restore did: the snapshot put back, what it holds, the snapshot of the store before it (or
    where the damaged file was kept)."""

    source: Path
    records: int
    before: Snapshot | None = None
    kept_aside: Path | None = None
    store: Store | None = None


_ATTACH_LOCK = threading.Lock()


def restore_into(
    store: Store, source: Path | str, by: str | None = None, address: str | None = None
) -> Restored:
    """Put a verified snapshot's data back into an open, writable store, in one transaction (see the module
    docstring); the store's current state is snapshotted first."""
    source = Path(source)
    held = verify(source)
    if store.read_only:
        raise BackupError("read_only")
    before = before_change(store, "restore")
    with temp_dir() as folder:
        work = folder / "restore.duckdb"
        shutil.copyfile(source, work)
        wal_path(work).unlink(missing_ok=True)
        if held["schema_version"] < SCHEMA_VERSION:
            open_store(
                work
            ).close()  # the copy brought up to this code's schema (the snapshot stays as it was)
        alias = f"sangkien_restore_{os.getpid()}"
        with _ATTACH_LOCK, store.cursor() as attach:
            attach.execute(f"ATTACH '{_sql_text(work)}' AS {alias} (READ_ONLY)")
            try:
                _replace_tables(store, alias, source, held, by, address)
            finally:
                with suppress(duckdb.Error):
                    attach.execute(f"DETACH {alias}")
    return Restored(source=source, records=held["records"], before=before)


def _sql_text(path: Path) -> str:
    return str(path).replace("'", "''")  # our own temporary folder's path, not input


_PAST_THEIR_VERSION_SQL = """UPDATE meta SET value = CAST(greatest(CAST(value AS BIGINT), coalesce(
    (SELECT max(CAST(value AS BIGINT)) FROM {alias}.main.meta WHERE key = 'data_version'), 0)) AS VARCHAR)
    WHERE key = 'data_version'"""  # {alias}: our own attached name, not input


# A restored file's data version at least `past_version` (the transaction then moves it on by one).
_PAST_VERSION_SQL = """UPDATE meta SET value = CAST(greatest(CAST(value AS BIGINT), ?) AS VARCHAR)
    WHERE key = 'data_version'"""


def _replace_tables(store: Store, alias: str, source: Path, held: dict, by, address) -> None:
    expected = _compared(read_attached(store, alias))
    with store.transaction() as cur:
        theirs = set(base_tables(store, alias))
        for table in base_tables(store):
            if table in KEPT_BY_RESTORE or table not in theirs:
                continue
            columns = [r[0] for r in cur.execute(_COLUMNS_SQL, [table]).fetchall()]
            listed = ", ".join(_quoted(c) for c in columns)
            name = _quoted(table)
            if table == "meta":  # every key but the data version (which the transaction moves on)
                cur.execute("DELETE FROM meta WHERE key <> 'data_version'")
                cur.execute(f"INSERT INTO meta SELECT * FROM {alias}.main.meta WHERE key <> 'data_version'")  # noqa: S608
                # The derived tables' version marks come with them: the version the commit moves on from
                # is at least the snapshot's own, so that no later commit reaches a number they name.
                cur.execute(_PAST_THEIR_VERSION_SQL.format(alias=alias))
                continue
            # Made again from its own definition and filled (five times faster than deleting every row
            # and inserting them again, which keeps the key index up to date row by row).
            definition = cur.execute(_DEFINITION_SQL, [table]).fetchone()[0]
            cur.execute(f"DROP TABLE {name}")  # noqa: S608
            cur.execute(definition)
            cur.execute(f"INSERT INTO {name} ({listed}) SELECT {listed} FROM {alias}.main.{name}")  # noqa: S608
        _advance_sequence(cur)
        found = duplicate_keys(cur)  # the one writer's guarantee of unique codes, in the same transaction
        if found:
            raise BackupError("duplicates", file=source.name, detail="; ".join(d.text() for d in found))
        now = _compared({k: list(v) for k, v in _fingerprints_on(cur).items()})
        if now != expected:
            raise BackupError("unverified", file=source.name)
        audit.record_in(
            cur,
            "restore",
            by,
            address,
            source.name,
            {"records": held["records"], "taken": _taken_label(source)},
        )


_DEFINITION_SQL = (
    "SELECT sql FROM duckdb_tables() WHERE table_name = ? AND schema_name = 'main' "
    "AND database_name = current_database()"
)
_COLUMNS_SQL = (
    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
    "AND table_catalog = current_database() ORDER BY ordinal_position"
)


def read_attached(store: Store, alias: str) -> dict:
    return {name: list(value) for name, value in table_fingerprints(store, alias).items()}


class _CursorReader(Reader):
    """The reading side on a cursor already inside a transaction (it sees the transaction's own writes)."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self._cur = cur

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        yield self._cur


def _fingerprints_on(cur) -> dict:
    return table_fingerprints(_CursorReader(cur))


def _advance_sequence(cur) -> None:
    """Import numbers go on after the highest one the store now holds (never reused)."""
    highest = cur.execute("SELECT coalesce(max(id), 0) FROM imports").fetchone()[0]
    last = cur.execute(
        "SELECT coalesce(last_value, start_value - 1) FROM duckdb_sequences() WHERE sequence_name = 'import_id_seq' "
        "AND database_name = current_database()"
    ).fetchone()
    current = int(last[0]) if last else 0
    if highest > current:
        cur.execute("DROP SEQUENCE import_id_seq")
        cur.execute(f"CREATE SEQUENCE import_id_seq START {int(highest) + 1}")  # an integer of ours


def _taken_label(source: Path) -> str:
    match = _NAME.match(source.name)
    if not match:
        return ""
    return dt.datetime.strptime(match["stamp"], _STAMP).isoformat(timespec="seconds")


def restore_file(
    db: Path | str,
    source: Path | str,
    by: str | None = None,
    address: str | None = None,
    past_version: int = 0,
) -> Restored:
    """Put a verified snapshot in the place of a store that cannot be opened (damaged, gone, emptied): the
    file there (and its log) is kept aside as `<store>.damaged-<time>`, never overwritten; the snapshot's
    copy is checked where it lands, and the restore is logged. Its data version moves past the snapshot's
    and past `past_version` (the highest a running app saw for this store: caches are keyed by the path and
    the version, so a number the store had reached before, with other data, must never come back)."""
    db, source = Path(db), Path(source)
    held = verify(source)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = None
    landing = db.with_name(db.name + ".restoring")
    try:
        db.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, landing)
        _fsync(landing)
        if db.exists():
            aside = db.with_name(f"{db.name}.damaged-{stamp}")
            os.replace(db, aside)
            if wal_path(db).exists():
                os.replace(wal_path(db), wal_path(aside))
        os.replace(landing, db)
    except OSError as exc:
        landing.unlink(missing_ok=True)
        raise BackupError("cannot_write", folder=str(db.parent), detail=exc.strerror or str(exc)) from exc
    try:
        store = open_store(db, verify=True)
    except StoreError as exc:
        raise BackupError("unverified", file=source.name, detail=exc.detail) from exc
    with store.transaction() as cur:
        cur.execute(_PAST_VERSION_SQL, [int(past_version)])
        audit.record_in(
            cur,
            "restore",
            by,
            address,
            source.name,
            {
                "records": held["records"],
                "taken": _taken_label(source),
                "kept_aside": aside.name if aside else None,
            },
        )
    return Restored(source=source, records=held["records"], kept_aside=aside, store=store)


# --- words --------------------------------------------------------------------------------------------------

# Store problems a snapshot can repair: their message names the newest verified snapshot and how to restore it.
RECOVERABLE: tuple[str, ...] = ("store_damaged", "store_duplicates", "store_lost", "store_emptied")


def when_text(moment: dt.datetime, lang: Lang) -> str:
    """ "10:15 01/12/2026" / "10:15 1 Dec 2026"."""
    return f"{moment.strftime('%H:%M')} {fmt_date(moment.date(), lang)}"


def size_text(size: int, lang: Lang) -> str:
    mb = size / 2**20
    return t("ingest.mb", lang, n=fmt_int(mb, lang) if mb >= 10 else fmt_num(mb, lang))


def problem_text(code: str, detail: str, db: Path | str, lang: Lang) -> str:
    """What is wrong with the store, in the person's language, and (for a damaged, lost or emptied one) the
    newest verified snapshot and how to restore it: the same words on the page and on the command line."""
    text = t(f"store.{code.removeprefix('store_')}", lang, path=db, detail=detail, reason=detail)
    if code not in RECOVERABLE:
        return text
    newest = newest_verified(db)
    if newest is None:
        return text + " " + t("backup.advice.none", lang, folder=backup_dir(db))
    return (
        text
        + " "
        + t(
            "backup.advice.newest",
            lang,
            file=newest.path.name,
            when=when_text(newest.taken_at, lang),
            records=fmt_int(newest.records, lang),
            path=newest.path,
        )
    )


def error_text(exc: BackupError, lang: Lang) -> str:
    return t(f"backup.error.{exc.code}", lang, **exc.params)
