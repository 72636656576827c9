"""The process's store, as the pages get it: opened once, retried while another process holds it, and read
through one snapshot per script run.

A new (never used) store gets the illustrative sample. A store another process holds for writing is shown
as a read-only copy, and the real file is tried again every RETRY_LOCKED_AFTER_S seconds. Each run reads
one committed state (`new_snapshot`), ended by app.py when the page has run (`release_snapshot`).
"""

from __future__ import annotations

import os
import threading
import time

import streamlit as st

from analytics import metrics
from analytics.i18n import Lang, t
from analytics.store import (
    READ_ONLY_LOCKED,
    Reader,
    Snapshot,
    Store,
    StoreError,
    default_db_path,
    open_store_or_copy,
)

_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()
RETRY_LOCKED_AFTER_S = 30.0  # how soon to try the real file again while showing a locked store's copy
_SNAPSHOT = "_snapshot"
# Catalogue message for each StoreError code; anything else is "unreadable".
_STORE_MESSAGES = {
    "store_locked": "store.locked",
    "store_missing": "store.missing",
    "store_outdated": "store.outdated",
    "store_unwritable": "store.unwritable",
}


def _open_store(path: str) -> Store:
    """The process's one root connection to the store at `path` (opened once, kept for the process)."""
    with _STORES_LOCK:
        store = _STORES.get(path)
        if store is not None and not _retry_due(store):
            return store
        try:
            fresh = open_store_or_copy(path)
        except StoreError:
            if store is not None:
                return store
            raise
        if store is not None and fresh.read_only_reason == READ_ONLY_LOCKED:
            fresh.close()  # still locked: keep the copy already shown, try again later
            store.opened_at = time.monotonic()
            return store
        if not fresh.read_only and fresh.never_imported():
            from analytics.sample import load_sample

            load_sample(fresh)
        _STORES[path] = fresh
        return fresh


def _retry_due(store: Store) -> bool:
    return (
        store.read_only_reason == READ_ONLY_LOCKED
        and time.monotonic() - store.opened_at > RETRY_LOCKED_AFTER_S
    )


def store_path() -> str:
    return str(os.environ.get("SANGKIEN_DB") or default_db_path())


def get_store() -> Store:
    return _open_store(store_path())


@st.cache_data(max_entries=64, show_spinner=False)
def _options(path: str, version: int, _reader: Reader) -> dict:
    return metrics.filter_options(_reader)


@st.cache_data(max_entries=16, show_spinner=False)
def _sample_present(path: str, version: int, _reader: Reader) -> bool:
    return _reader.has_sample()


def sample_present(store: Store, reader: Reader, version: int) -> bool:
    """Whether the illustrative sample is in the store, per store and data version (every page says so)."""
    return _sample_present(str(store.path), version, reader)


def filter_options(store: Store, reader: Reader, version: int) -> dict:
    """Units, groups, fields and phases for the sidebar, cached per store and data version."""
    return _options(str(store.path), version, reader)


def stop_with_store_error(exc: StoreError, lang: Lang) -> None:
    """Say what is wrong with the store, in the page's language, and stop the run."""
    key = _STORE_MESSAGES.get(exc.code, "store.unreadable")
    st.error(t(key, lang, path=store_path(), detail=exc.detail))
    st.stop()


def new_snapshot(store: Store) -> Snapshot:
    """This run's snapshot (the previous run's, if a stop skipped its release, is ended first)."""
    release_snapshot()
    snapshot = store.snapshot()
    st.session_state[_SNAPSHOT] = snapshot
    return snapshot


def release_snapshot() -> None:
    """End this session's read transaction; app.py calls it when the page has run (or stopped)."""
    snapshot = st.session_state.pop(_SNAPSHOT, None)
    if snapshot is not None:
        snapshot.close()
