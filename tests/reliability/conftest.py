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

from tests.conftest import fingerprint  # noqa: F401 (re-exported)
from tests.e2e.conftest import metric_value

pytestmark = pytest.mark.e2e


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
