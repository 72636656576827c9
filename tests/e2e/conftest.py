"""Browser tests: the real `streamlit run` server on a free local port, a temporary store, and Debian's
Chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT  # noqa: F401 (re-exported)
from tools.serving import streamlit_command

pytestmark = pytest.mark.e2e


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running app server: its base URL, store file, process and log."""

    url: str
    db: Path
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start_server(
    db: Path, workdir: Path, env: dict[str, str] | None = None, port: int | None = None
) -> Server:
    """Start `streamlit run app.py` on the store `db` and wait until it answers its health check."""
    port = port or free_port()
    log = workdir / f"server-{port}.log"
    # the compressed bundles' disk cache (ui/compression.py) shared by the tests' servers, not the user's
    shared_cache = {"SANGKIEN_ASSET_CACHE": str(Path(tempfile.gettempdir()) / "sangkien-test-assets")}
    environment = {**shared_cache, **os.environ, "SANGKIEN_DB": str(db), **(env or {})}
    process = subprocess.Popen(
        streamlit_command(port, "--server.fileWatcherType", "none"),
        cwd=ROOT,
        env=environment,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Server(url=f"http://127.0.0.1:{port}", db=db, process=process, log=log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {server.log_text()[-2000:]}")
        try:
            with urllib.request.urlopen(server.url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError("server did not start in 90 s")


@pytest.fixture(scope="session")
def sample_server(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server on a copy of the sample store, shared by the tests that only read."""
    workdir = tmp_path_factory.mktemp("server")
    db = workdir / "store.duckdb"
    shutil.copy(sample_db, db)
    server = start_server(db, workdir)
    yield server
    server.stop()


def settle(tab, timeout: float = 60) -> None:
    """Wait until the script run is over: no running indicator or skeleton for a short quiet spell."""
    tab.wait_for_load_state("networkidle", timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    quiet = 0
    while time.monotonic() < deadline and quiet < 3:
        busy = tab.locator('[data-testid="stStatusWidget"], [data-testid="stSkeleton"], .stSpinner').count()
        quiet = quiet + 1 if busy == 0 else 0
        tab.wait_for_timeout(250)


def open_page(tab, url: str) -> None:
    tab.goto(url, timeout=90_000)
    settle(tab)


def exceptions_on(tab) -> list[str]:
    """Texts of exception boxes and error alerts shown on the page."""
    boxes = tab.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [boxes.nth(i).inner_text() for i in range(boxes.count())]


def metric_value(tab, label: str) -> list[str]:
    """Values of the metric cards whose label is `label` (in page order), read in one go from the DOM."""
    return tab.evaluate(
        """(label) => Array.from(document.querySelectorAll('.sk-card'))
            .filter(card => (card.querySelector('.sk-card-label')?.innerText || '').trim() === label)
            .map(card => (card.querySelector('.sk-card-value')?.innerText || '').trim())""",
        label,
    )


def main_text(tab) -> str:
    """The text of the main area (not the sidebar)."""
    return tab.locator('[data-testid="stMain"]').inner_text()


def wait_for_metric(tab, label: str, value: str, timeout: float = 30) -> None:
    """Wait until a metric card labelled `label` shows `value` (after a click starts a rerun)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value in metric_value(tab, label):
            return
        tab.wait_for_timeout(200)
    raise AssertionError(f"{label} never showed {value}: {metric_value(tab, label)}")


def wait_for_text(tab, text: str, timeout: float = 30) -> None:
    tab.get_by_text(text).first.wait_for(timeout=timeout * 1000)


def wait_for_url_param(tab, key: str, value: str, timeout: float = 30) -> None:
    """Wait until the address bar holds `key=value` (the view is written to the URL after each run)."""
    from urllib.parse import parse_qs, urlsplit

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if parse_qs(urlsplit(tab.url).query).get(key) == [value]:
            return
        tab.wait_for_timeout(200)
    raise AssertionError(f"the URL never held {key}={value}: {tab.url}")
