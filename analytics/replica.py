"""Read replicas: a server that shows another server's data from its verified snapshots.

A writer started with `SANGKIEN_PUBLISH_S=N` looks every N seconds whether a commit happened since its
newest snapshot and takes one (reason `publish`, analytics.backup.publish). A replica started with
`SANGKIEN_REPLICA_OF=DIR` (the writer's backup folder, shared or synchronised) never opens the writer's
store: it copies the newest *verified* snapshot in DIR to a private file, checks it there (SHA-256 and
table checksums against its manifest, analytics.backup.verify) and opens the copy read-only. When a newer
verified snapshot appears it opens that one beside the current one and the app switches to it; runs still
reading the old copy finish on it, so no viewer is dropped. A snapshot that fails its check is skipped
(the replica stays on the one it has) and logged.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import weakref
from pathlib import Path

from analytics import backup
from analytics.i18n import Lang
from analytics.store import READ_ONLY_REPLICA, Store, StoreError, discard_copy, open_store

REPLICA_ENV = "SANGKIEN_REPLICA_OF"
PUBLISH_ENV = "SANGKIEN_PUBLISH_S"
POLL_S = 2.0  # how often a replica looks for a newer snapshot
_LOG = logging.getLogger(__name__)


def replica_folder() -> Path | None:
    """The folder this server replicates (SANGKIEN_REPLICA_OF), or None for an ordinary server."""
    value = os.environ.get(REPLICA_ENV, "").strip()
    return Path(value) if value else None


def publish_every() -> float | None:
    """Seconds between a writer's looks for commits to publish (SANGKIEN_PUBLISH_S), or None (off)."""
    value = os.environ.get(PUBLISH_ENV, "").strip()
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if seconds > 0 else None


def newest_usable(folder: Path, skip: set[Path] | None = None) -> backup.Snapshot | None:
    """The newest snapshot in `folder` whose manifest says verified (and not found bad before)."""
    return next(
        (s for s in backup.snapshots_in(folder) if s.verified and s.path not in (skip or set())), None
    )


def open_replica(snap: backup.Snapshot, lang: Lang = "vi") -> Store:
    """A private, checked, read-only copy of one snapshot, removed when the store is no longer used.
    Raises backup.BackupError when the copy does not match its manifest."""
    copy = Path(tempfile.mkdtemp(prefix="sangkien-copy-replica-")) / snap.path.name
    try:
        shutil.copyfile(snap.path, copy)
        shutil.copyfile(snap.manifest, backup.manifest_of(copy))
        backup.verify(copy)  # the copy itself: a file replaced or cut while it was copied fails here
        store = open_store(copy, read_only=True)
    except (OSError, StoreError, backup.BackupError):
        discard_copy(copy)
        raise
    store.read_only_reason = READ_ONLY_REPLICA
    store.read_only_detail = backup.when_text(snap.taken_at, lang)
    store.replica_of = snap.path
    weakref.finalize(store, _close_copy, store.con, copy)
    return store


def _close_copy(con, copy: Path) -> None:
    try:
        con.close()
    finally:
        discard_copy(copy)


class Replica:
    """The snapshot a replica server shows, and the move to a newer one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.store: Store | None = None
        self.bad: set[Path] = set()  # snapshots that failed their check: never tried again
        self._lock = threading.Lock()

    def current(self) -> Store:
        """The store to show now (opened on first use); raises StoreError `store_replica_empty` when the folder
        holds no verified snapshot yet."""
        if self.store is None:
            with self._lock:  # the first viewers arrive together: one copy, not one each
                if self.store is None:
                    self.refresh()
        if self.store is None:
            raise StoreError("store_replica_empty", str(self.folder))
        return self.store

    def refresh(self) -> bool:
        """Open the newest verified snapshot if it is newer than the one shown; True when it moved."""
        newest = newest_usable(self.folder, self.bad)
        shown = self.store.replica_of if self.store is not None else None
        if newest is None or newest.path == shown:
            return False
        try:
            fresh = open_replica(newest)
        except (OSError, StoreError, backup.BackupError) as exc:
            self.bad.add(newest.path)
            _LOG.error("replica: snapshot %s not used: %s", newest.path, exc)
            return False
        self.store = fresh  # the old copy stays with the runs still reading it, then goes
        _LOG.info("replica: now showing %s (data version %s)", newest.path.name, newest.data_version)
        return True
