"""Load and fault runs against the real server (see docs/reliability.md).

The browser fixtures are the browser tests' own (Debian's Chromium through Playwright, never a downloaded
browser); the store fingerprint says whether two states of a store file hold exactly the same data.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from pathlib import Path

import pytest

from analytics.store import open_store
from tests.e2e.conftest import metric_value

pytestmark = pytest.mark.e2e


def fingerprint(db: Path) -> tuple:
    """Everything an import, an undo or an edit changes, as one comparable value (the store is opened
    read-only, so looking never changes it)."""
    store = open_store(db, read_only=True)
    try:
        return (
            store.record_count(),
            store.one(
                "SELECT coalesce(sum(hash(code, title, authors, unit_code, field, status, registered_on, "
                "recognized_on, benefit_vnd, phase, import_id)), 0) FROM initiatives"
            ),
            tuple(store.rows("SELECT id, mode, inserted, undone_at IS NULL FROM imports ORDER BY id")),
            store.one("SELECT count(*) FROM initiative_history"),
            store.one("SELECT count(*) FROM reference_history"),
            store.one("SELECT coalesce(sum(hash(unit_code, phase, target)), 0) FROM targets"),
            store.data_version(),
        )
    finally:
        store.close()


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def registered(tab) -> list[int]:
    """The Overview's "Đã đăng ký" cards in page order: the program, then each phase."""
    return [int(v.replace(".", "")) for v in metric_value(tab, "Đã đăng ký")]


def wait_registered(tab, cards: int = 3, timeout: float = 90) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        values = registered(tab)
        if len(values) >= cards:
            return values
        tab.wait_for_timeout(200)
    raise AssertionError(f"the Overview never showed its cards: {registered(tab)}")


def kill(process) -> None:
    """SIGKILL: no cleanup, no shutdown handler, as a crash or an OOM kill."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.wait(30)
