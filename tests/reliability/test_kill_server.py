"""The server killed (SIGKILL) while it commits an import started from the Data page, then started again on
the same store: the store is exactly as before the import (or, killed after the commit, exactly as after),
the next start is clean, and the app works (figures right, a new import goes in).

The kill moments follow the page's own progress bar (reading, checking, writing, committing); the server is
started with `SANGKIEN_FAULT_PAUSE` holding the import at that step, so each kill lands in the step it
names however fast the import runs (60,000 rows take half a second). The importer's own test (tests/analytics/ingest/test_kill.py) kills the command-line import at
spread-out moments of its run.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from analytics import ingest
from analytics.ingest import FAULT_PAUSE_ENV
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.e2e.conftest import open_page
from tests.e2e.helpers import button, progress_text, start_app, upload, wait_for_main_text
from tests.reliability.conftest import fingerprint, kill, wait_registered
from tools.bench.exports import export_csv

DONE = "Đã thêm mới"
STEPS = {"Đang đọc": "read", "Đang kiểm tra": "validate", "Đang ghi": "write", "Đang hoàn tất": "commit"}
SECOND_PROGRAM_RECORDS = 8732  # the sample's "Đổi mới sáng tạo Dầu khí" records: the Overview of the first
# program counts the store's records but these


def export(base: Path, folder: Path, rows: int) -> Path:
    """A synthetic Vietnamese export of `rows` new records (the benchmark's generator)."""
    path = folder / f"xuat-{rows}.csv"
    store = open_store(base, read_only=True)
    try:
        return export_csv(store, path, rows, seed=23)
    finally:
        store.close()


def after_import(base: Path, folder: Path, csv: Path) -> tuple:
    """The store's fingerprint once `csv` is imported: the same importer on a private copy."""
    twin = folder / "twin.duckdb"
    shutil.copy(base, twin)
    store = open_store(twin)
    try:
        report = ingest.commit(store, csv)
        assert report.ok and not report.rejected, report.message()
    finally:
        store.close()
    return fingerprint(twin)


def kill_during_commit(base: Path, csv: Path, marker: str, workdir: Path, page) -> tuple[Path, float, str]:
    """Start a server on a copy of `base`, commit `csv` from the Data page and SIGKILL the server as soon as
    the progress bar shows `marker` ("" = the moment the button is pressed). Returns the store, the seconds
    from the click to the kill, and the last progress text seen."""
    db = workdir / "store.duckdb"
    shutil.copy(base, db)
    # The import is held 60 s at the marker's step, so the kill lands in it however fast the machine is.
    step = STEPS.get(marker)
    server = start_app(db, workdir / "srv", env={FAULT_PAUSE_ENV: f"{step}:60"} if step else None)
    try:
        open_page(page, server.url + "/data")
        upload(page, csv)
        wait_for_main_text(page, "Nhập 1 tệp vào kho", timeout=300)
        button(page, "Nhập 1 tệp vào kho").click()
        clicked, seen = time.monotonic(), ""
        while marker and time.monotonic() - clicked < 120:
            seen = progress_text(page) or seen
            if marker in seen or DONE in page.locator('[data-testid="stMain"]').inner_text():
                break
            page.wait_for_timeout(20)
        kill(server.process)
        return db, time.monotonic() - clicked, seen
    finally:
        server.stop()


def restart_and_check(db: Path, workdir: Path, page, expected_registered: int) -> None:
    """The next start: clean log, the Overview's figure, and a new import through the page."""
    server = start_app(db, workdir / "again")
    try:
        open_page(page, server.url + "/?program=1-trieu-sang-kien")  # the files here are dated inside it
        assert wait_registered(page)[0] == expected_registered
        open_page(page, server.url + "/data")
        upload(page, ("sau-khi-khoi-dong-lai.csv", fx.csv_bytes(fx.rows(3, prefix="AFTER-"))))
        wait_for_main_text(page, "Nhập 1 tệp vào kho (3 thay đổi)")
        button(page, "Nhập 1 tệp vào kho").click()
        wait_for_main_text(page, "Đã thêm mới 3")
        assert page.locator('[data-testid="stException"]').count() == 0
        log = server.log_text()
        assert "Traceback" not in log, log[-3000:]
    finally:
        server.stop()


@pytest.fixture(scope="module")
def prepared(sample_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("kill")
    base = folder / "base.duckdb"
    shutil.copy(sample_db, base)
    return folder, base


def _run_point(prepared, tmp_path, page, rows: int, marker: str, must_be_before: bool) -> None:
    folder, base = prepared
    csv = folder / f"xuat-{rows}.csv"
    if not csv.exists():
        export(base, folder, rows)
    before = fingerprint(base)
    after = after_import(base, tmp_path, csv)
    assert after[0] == before[0] + rows
    db, seconds, seen = kill_during_commit(base, csv, marker, tmp_path, page)
    assert marker in seen, f"the kill missed its step: saw {seen!r} after {seconds:.2f} s"
    state = fingerprint(db)
    assert state in (before, after), (
        f"killed at {marker or 'the click'} ({seconds:.2f} s, {seen!r}): in between"
    )
    outcome = "after" if state == after and state != before else "before"
    print(
        f"\nSIGKILL at {marker or 'the click'!r} {seconds:.2f} s after the click (saw {seen!r}): store {outcome}"
    )
    if must_be_before:
        assert state == before, f"killed at {marker!r} ({seconds:.2f} s, saw {seen!r}) yet the import is in"
    restart_and_check(db, tmp_path, page, state[0] - SECOND_PROGRAM_RECORDS)
    final = fingerprint(db)
    assert final[0] == state[0] + 3


def test_server_killed_while_writing_an_import_leaves_the_store_as_before(prepared, tmp_path, page):
    _run_point(prepared, tmp_path, page, 60_000, "Đang ghi", must_be_before=True)


@pytest.mark.heavy
@pytest.mark.parametrize(
    ("marker", "must_be_before"),
    [("", True), ("Đang đọc", True), ("Đang kiểm tra", True), ("Đang ghi", True), ("Đang hoàn tất", False)],
    ids=["at-click", "reading", "checking", "writing", "committing"],
)
def test_server_killed_at_each_step_of_a_200k_import(prepared, tmp_path, page, marker, must_be_before):
    _run_point(prepared, tmp_path, page, 200_000, marker, must_be_before)
