"""The process's store, as the pages get it: opened once and checked (analytics.store.check_store),
retried while another process holds it or while it is damaged, and read through one snapshot per script run.

Only a path that did not exist gets the illustrative sample (a store that exists, even empty, is never
filled with it). A store another process holds for writing is shown as a read-only copy; a damaged, lost or
emptied one as a read-only copy of its newest verified snapshot (analytics.backup), with a notice, and
`restore_damaged` puts that snapshot in its place; the real file is tried again every RETRY_LOCKED_AFTER_S
seconds. Each run reads one committed state (`new_snapshot`), ended by app.py when the page has run
(`release_snapshot`). While the server runs, a thread takes the daily snapshot (`start_background`), and
`close_all` checkpoints and closes every store at shutdown. A read replica (SANGKIEN_REPLICA_OF,
analytics.replica) shows the newest verified snapshot of another server instead, and moves to a newer one
as it appears; a writer with SANGKIEN_PUBLISH_S publishes its commits as snapshots for its replicas.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path

import streamlit as st

from analytics import backup, metrics, replica
from analytics.i18n import Lang
from analytics.store import (
    READ_ONLY_DAMAGED,
    READ_ONLY_LOCKED,
    Reader,
    Snapshot,
    Store,
    StoreError,
    default_db_path,
    discard_copy,
    open_store,
    open_store_or_copy,
)
from ui.kept import Kept

_LOG = logging.getLogger(__name__)

_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()
# Why the store at a path is shown from a snapshot: the problem (damaged, lost, emptied) and that snapshot.
_PROBLEMS: dict[str, tuple[StoreError, backup.Snapshot]] = {}
RETRY_LOCKED_AFTER_S = 30.0  # how soon to try the real file again while showing a copy instead of it
DAILY_CHECK_S = 3600.0  # how often the server looks whether today's snapshot is due
_SNAPSHOT = "_snapshot"
_RETRIED = (READ_ONLY_LOCKED, READ_ONLY_DAMAGED)


def _open_store(path: str) -> Store:
    """The process's one root connection to the store at `path` (opened once, kept for the process)."""
    with _STORES_LOCK:
        store = _STORES.get(path)
        if store is not None and not store.alive():  # DuckDB gave it up (a failed write): open it again
            _LOG.error("store %s was invalidated by DuckDB; opening it again", path)
            _STORES.pop(path, None)
            with contextlib.suppress(Exception):
                store.con.close()
            store = None
        if store is not None and not _retry_due(store):
            return store
        try:
            fresh = open_store_or_copy(path, verify=True)
        except StoreError as exc:
            if store is not None and exc.code not in backup.RECOVERABLE:
                store.opened_at = time.monotonic()
                return store
            if exc.code not in backup.RECOVERABLE:
                raise
            if store is not None and store.read_only_reason == READ_ONLY_DAMAGED:
                store.opened_at = time.monotonic()  # still damaged: keep the snapshot already shown
                return store
            fresh = _from_snapshot(path, exc)
        if store is not None and fresh.read_only_reason == READ_ONLY_LOCKED:
            fresh.close()  # still locked: keep the copy already shown, try again later
            store.opened_at = time.monotonic()
            return store
        if fresh.read_only_reason != READ_ONLY_DAMAGED:
            _PROBLEMS.pop(
                path, None
            )  # the real store again (restored, say, by `python -m analytics restore`)
        if fresh.created:  # only a path that did not exist: never a store that exists, even empty
            from analytics.sample import load_sample

            load_sample(fresh)
        _STORES[path] = fresh
        return fresh


def _from_snapshot(path: str, problem: StoreError) -> Store:
    """A read-only copy of the newest verified snapshot of a store that cannot be used; raises the
    problem itself when there is none (the page then says what is wrong and that no snapshot exists)."""
    newest = backup.newest_verified(path)
    if newest is None:
        raise problem
    copy = Path(tempfile.mkdtemp(prefix="sangkien-copy-")) / Path(path).name
    try:
        shutil.copyfile(newest.path, copy)
        shown = open_store(copy, read_only=True)
    except (OSError, StoreError):
        discard_copy(copy)
        raise problem from None
    shown.read_only_reason = READ_ONLY_DAMAGED
    shown.read_only_detail = backup.when_text(newest.taken_at, "vi")
    weakref.finalize(shown, discard_copy, copy)
    _PROBLEMS[path] = (problem, newest)
    _LOG.error(
        "store %s cannot be used (%s: %s); showing snapshot %s",
        path,
        problem.code,
        problem.detail,
        newest.path,
    )
    return shown


def _retry_due(store: Store) -> bool:
    return store.read_only_reason in _RETRIED and time.monotonic() - store.opened_at > RETRY_LOCKED_AFTER_S


def problem(path: str | None = None) -> tuple[StoreError, backup.Snapshot] | None:
    """Why the store is shown from a snapshot (the problem, the snapshot), or None."""
    return _PROBLEMS.get(path or store_path())


def restore_damaged(by: str | None, address: str | None) -> backup.Restored:
    """Put the snapshot shown in place of a damaged store back as the store (analytics.backup.restore_file:
    the damaged file is kept aside), and make the restored store the process's store."""
    path = store_path()
    with _STORES_LOCK:
        found = _PROBLEMS.get(path)
        if found is None:
            raise backup.BackupError("missing", file=path)
        _, snapshot = found
        done = backup.restore_file(
            path, snapshot.path, by=by, address=address, past_version=_SEEN_VERSIONS.get(path, 0)
        )
        # The copy shown until now is left to the runs still reading it; it goes when the last one is done.
        _STORES[path] = done.store
        _PROBLEMS.pop(path, None)
    return done


def restore_live(store: Store, source: Path, by: str | None, address: str | None) -> backup.Restored:
    """Put a snapshot's data back into the open store (analytics.backup.restore_into)."""
    return backup.restore_into(store, source, by=by, address=address)


# --- the server's own work: the daily snapshot, and closing at shutdown --------------------------------------

_STOP = threading.Event()
_BACKGROUND: list[threading.Thread] = []


CHECKPOINT_RETRY_S = 30.0  # how often a checkpoint held up by readers is tried again


def publish_commits() -> None:
    """A snapshot of every writable store with commits its replicas have not seen (analytics.backup.publish)."""
    for store in _writable():
        try:
            backup.publish(store)
        except Exception:  # logged; the next look tries again
            _LOG.exception("publishing a snapshot of %s failed", store.path)


def _writable() -> list[Store]:
    with _STORES_LOCK:
        return [s for s in _STORES.values() if not s.read_only]


def daily_snapshots() -> None:
    """Today's snapshot of every writable store the process holds, when due (analytics.backup.daily)."""
    for store in _writable():
        try:
            backup.daily(store)
        except Exception:  # logged; the next check tries again
            _LOG.exception("daily snapshot of %s failed", store.path)


def pending_checkpoints() -> None:
    """Checkpoints that readers held up (analytics.store.Store.checkpoint), tried again without waiting."""
    for store in _writable():
        if store.checkpoint_pending:
            store.checkpoint(wait=False)


def start_background() -> None:
    """The thread that, while the server runs, takes the daily snapshot and retries held-up checkpoints
    (app.py's start-up calls it)."""
    _STOP.clear()

    def loop() -> None:
        last_daily = 0.0
        while not _STOP.is_set():
            pending_checkpoints()
            if time.monotonic() - last_daily >= DAILY_CHECK_S or not last_daily:
                daily_snapshots()
                last_daily = time.monotonic()
            _STOP.wait(CHECKPOINT_RETRY_S)

    _start("sangkien-store-upkeep", loop)
    every = replica.publish_every()
    if every is not None and replica.replica_folder() is None:
        _start("sangkien-publish", lambda: _repeat(publish_commits, every))
    if replica.replica_folder() is not None:
        _start("sangkien-replica", lambda: _repeat(refresh_replica, replica.POLL_S))


def _start(name: str, target) -> None:
    thread = threading.Thread(target=target, name=name, daemon=True)
    thread.start()
    _BACKGROUND.append(thread)


def _repeat(work, every: float) -> None:
    while not _STOP.is_set():
        work()
        _STOP.wait(every)


# --- a read replica's store --------------------------------------------------------------------------------

_REPLICAS: dict[Path, replica.Replica] = {}


def _replica(folder: Path) -> replica.Replica:
    with _STORES_LOCK:
        return _REPLICAS.setdefault(folder, replica.Replica(folder))


def refresh_replica() -> None:
    """Move a replica to the newest verified snapshot when one appeared (the background thread's work)."""
    folder = replica.replica_folder()
    if folder is None:
        return
    try:
        _replica(folder).refresh()
    except Exception:  # logged; the next look tries again
        _LOG.exception("replica refresh from %s failed", folder)


def close_all() -> None:
    """At shutdown: stop the background thread, checkpoint and close every store (the file alone is then
    the whole store)."""
    _STOP.set()
    for thread in _BACKGROUND:
        thread.join(timeout=60)
    _BACKGROUND.clear()
    with _STORES_LOCK:
        stores = list(_STORES.values())
        _STORES.clear()
        _REPLICAS.clear()  # their copies go with their last reader
    for store in stores:
        try:
            store.close()
        except Exception:  # noqa: BLE001 - closing the others matters more
            _LOG.exception("closing %s failed", store.path)


def store_path() -> str:
    return str(os.environ.get("SANGKIEN_DB") or default_db_path())


def get_store() -> Store:
    """The store this run reads: the replica's current snapshot on a read replica, else the store itself."""
    folder = replica.replica_folder()
    if folder is not None:
        return _replica(folder).current()
    return _open_store(store_path())


_options = Kept(max_entries=64)
_samples = Kept(max_entries=16)


def sample_present(store: Store, reader: Reader, version: int) -> bool:
    """Whether the illustrative sample is in the store, per store and data version (every page says so)."""
    return _samples.get((str(store.path), version), reader.has_sample)


def filter_options(store: Store, reader: Reader, version: int) -> dict:
    """Units, groups, fields and phases for the sidebar, kept per store and data version."""
    return _options.get((str(store.path), version), lambda: metrics.filter_options(reader))


_KNOWN_PROBLEMS = (
    "store_locked",
    "store_missing",
    "store_outdated",
    "store_unwritable",
    "store_damaged",
    "store_duplicates",
    "store_lost",
    "store_emptied",
    "store_newer",
    "store_replica_empty",
)


def stop_with_store_error(exc: StoreError, lang: Lang) -> None:
    """Say what is wrong with the store, in the page's language (the command line's words), and stop."""
    from ui.widgets import markdown_literal  # (the page's helpers, loaded only when a page needs them)

    code = exc.code if exc.code in _KNOWN_PROBLEMS else "store_unreadable"
    # The detail may name what the file holds (a code held twice, planted past the app): text in Markdown.
    detail = markdown_literal(exc.detail) if exc.detail else exc.detail
    st.error(backup.problem_text(code, detail, store_path(), lang), icon=":material/error:")
    st.stop()


# The highest data version this process has read from each store path: a restore of a damaged store moves
# its version past it (the caches are keyed by path and version: a version seen before must not come back).
_SEEN_VERSIONS: dict[str, int] = {}


def new_snapshot(store: Store) -> Snapshot:
    """This run's snapshot (the previous run's, if a stop skipped its release, is ended first)."""
    release_snapshot()
    snapshot = store.snapshot()
    st.session_state[_SNAPSHOT] = snapshot
    if store.read_only_reason != READ_ONLY_DAMAGED:  # the store's own file, not a snapshot shown instead
        path = str(store.path)
        with contextlib.suppress(Exception):  # the run reads the version anyway and reports what fails
            version = snapshot.data_version()
            if version > _SEEN_VERSIONS.get(path, -1):
                _SEEN_VERSIONS[path] = version
    return snapshot


def release_snapshot() -> None:
    """End this session's read transaction; app.py calls it when the page has run (or stopped)."""
    snapshot = st.session_state.pop(_SNAPSHOT, None)
    if snapshot is not None:
        snapshot.close()
