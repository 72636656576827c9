"""Stores the app cannot write: a read-only store (file system or permissions), a full disk, a store held
by another writer process. Each time: a clear message in Vietnamese, every page renders read-only (or the
write fails whole), and nothing is lost.

How each fault is made real (not simulated in Python):
- read-only: as root, the store's folder is bind-mounted read-only (the kernel answers EROFS, as on a
  read-only volume); as another user, the folder and file lose their write permission (EACCES).
- full disk: the store lives on a 16 MB tmpfs that a filler file has filled up (ENOSPC on the next write);
  needs root to mount, skipped otherwise.
- another writer: a separate Python process holds `duckdb.connect(store)` (DuckDB's file lock) and writes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.e2e.conftest import exceptions_on, open_page
from tests.e2e.helpers import UPLOAD_INPUT, button, start_app, upload, wait_for_main_text, wait_until
from tests.reliability.conftest import file_digest, fingerprint, wait_registered

PAGES = ["", "units", "trends", "benefit", "records", "report", "data"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], capture_output=True, text=True)


@contextmanager
def read_only_folder(folder: Path) -> Iterator[str]:
    """Make `folder` (and the store in it) unwritable for the server; yields how."""
    if IS_ROOT:
        if _mount("--bind", str(folder), str(folder)).returncode:
            pytest.skip("cannot bind-mount (no CAP_SYS_ADMIN)")
        try:
            if _mount("-o", "remount,bind,ro", str(folder)).returncode:
                pytest.skip("cannot remount read-only")
            yield "read-only mount (EROFS)"
        finally:
            subprocess.run(["umount", str(folder)], check=True)
    else:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield "no write permission (EACCES)"
        finally:
            for path, mode in modes.items():
                path.chmod(mode)


@contextmanager
def full_disk(folder: Path, size_mb: int = 16) -> Iterator[Path]:
    """A small tmpfs at `folder`; yields the filler file's path (delete it to free the space)."""
    if not IS_ROOT:
        pytest.skip("mounting a tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    if _mount("-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(folder)).returncode:
        pytest.skip("cannot mount a tmpfs")
    try:
        yield folder / "filler"
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(filler: Path, leave: int = 64 * 1024) -> None:
    stats = os.statvfs(filler.parent)
    free = stats.f_bavail * stats.f_frsize
    with open(filler, "wb") as handle:
        handle.write(b"\0" * max(free - leave, 0))


def every_page_renders(page, url: str, notice: str) -> None:
    """Every page opens without an exception, shows `notice`, and the Data page offers no write control."""
    for path in PAGES:
        open_page(page, f"{url}/{path}")
        alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
        assert any(notice in a for a in alerts), (path, alerts)
        assert page.locator('[data-testid="stException"]').count() == 0, path
        assert [e for e in exceptions_on(page) if notice not in e] == [], path
    assert page.locator(UPLOAD_INPUT).count() == 0
    main = page.locator('[data-testid="stMain"]').inner_text()
    # The import tab gives the store's reason, not "you need the analyst role".
    assert "Nhập dữ liệu cần vai trò phân tích" not in main
    assert main.count(notice) == 2  # the page header and the import tab
    assert "Xóa dữ liệu minh họa…" not in main and "Hoàn tác…" not in main and "Lưu chỉ tiêu" not in main


def test_a_read_only_store_is_shown_read_only_and_left_untouched(sample_db, tmp_path, page):
    folder = tmp_path / "kho"
    folder.mkdir()
    db = folder / "store.duckdb"
    shutil.copy(sample_db, db)
    digest = file_digest(db)
    with read_only_folder(folder):
        server = start_app(db, tmp_path / "srv")
        try:
            every_page_renders(
                page, server.url, "Không ghi được vào tệp kho dữ liệu (ổ đĩa hoặc tệp chỉ cho phép đọc)"
            )
            open_page(page, server.url + "/?program=1-trieu-sang-kien")
            assert wait_registered(page)[:3] == [7085, 1458, 5627]
            assert page.errors == []
        finally:
            server.stop()
        assert not (folder / "store.duckdb.wal").exists()
    assert file_digest(db) == digest  # not a byte changed


def test_a_full_disk_refuses_the_import_whole_and_loses_nothing(sample_db, tmp_path, page):
    # Room, once freed, for the store, the snapshot taken before the import (a copy of it) and the import:
    # the sample store of both programs is about 9 MB.
    room_mb = 2 * sample_db.stat().st_size // 2**20 + 16
    with full_disk(tmp_path / "disk", size_mb=room_mb) as filler:
        db = filler.parent / "store.duckdb"
        shutil.copy(sample_db, db)
        before = fingerprint(db)
        fill(filler)
        server = start_app(db, tmp_path / "srv")
        try:
            open_page(page, server.url + "/data")
            upload(page, ("lon.csv", fx.csv_bytes(fx.rows(5000, prefix="DISK-"))))
            wait_for_main_text(page, "Nhập 1 tệp vào kho (5.000 thay đổi)")
            button(page, "Nhập 1 tệp vào kho").click()
            wait_for_main_text(page, "Không ghi được vào kho dữ liệu")
            message = page.locator('[data-testid="stMain"]').inner_text()
            assert "Không có gì được ghi" in message and "Hãy mở tệp bằng Excel" not in message
            # The app stays usable: every page renders, the figures are those from before.
            for path in PAGES:
                open_page(page, f"{server.url}/{path}")
                assert page.locator('[data-testid="stException"]').count() == 0, path
            open_page(page, server.url + "/?program=1-trieu-sang-kien")
            assert wait_registered(page)[0] == 7085
            # Space freed: the same import now goes in, without a restart.
            filler.unlink()
            open_page(page, server.url + "/data")
            upload(page, ("lon.csv", fx.csv_bytes(fx.rows(5000, prefix="DISK-"))))
            button(page, "Nhập 1 tệp vào kho").click()
            wait_for_main_text(page, "Đã thêm mới 5.000")
        finally:
            server.stop()
        after = fingerprint(db)
        assert after[0] == before[0] + 5000
        # (The failed import used up an import number: DuckDB sequences are not rolled back. Nothing else.)
        assert [i[1:3] for i in after[2]] == [("sample", 7085 + 8732), ("upsert", 5000)]


HOLDER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])  # holds DuckDB's write lock until it exits
    row = "INSERT INTO initiatives (code, title, unit_code, status, registered_on, phase) VALUES (?, ?, 'PVEP', 'registered', DATE '2023-08-30', 2)"
    con.execute(row, ["HELD-1", "Ghi bởi tiến trình khác"])
    con.execute("CHECKPOINT")
    print("holding", flush=True)
    sys.stdin.readline()
    con.execute(row, ["HELD-2", "Ghi khi ứng dụng đang xem bản sao"])
    con.close()
    print("done", flush=True)
    """
)


def test_a_store_held_by_another_writer_is_shown_from_a_copy_and_nothing_is_lost(sample_db, tmp_path, page):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        server = start_app(db, tmp_path / "srv", env={"TMPDIR": str(tmp_path)})
        try:
            every_page_renders(page, server.url, "Kho dữ liệu đang bị một tiến trình khác giữ để ghi")
            open_page(page, server.url + "/?program=1-trieu-sang-kien")
            # The copy holds what the other process had written to disk (HELD-1).
            assert wait_registered(page)[0] == 7086
            holder.stdin.write("go\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "done"
            assert holder.wait(30) == 0
            # The app keeps working: on its copy, read-only (HELD-1 only), or, once its copy is older than
            # store_handle.RETRY_LOCKED_AFTER_S (a loaded machine gets there), on the real file the other
            # writer has let go of (HELD-2 too), and then without the notice.
            open_page(page, server.url + "/records?unit=PVEP&program=1-trieu-sang-kien")
            on_copy, on_file = "396 hồ sơ khớp bộ lọc", "397 hồ sơ khớp bộ lọc"
            shown = wait_until(
                lambda: [
                    t for t in (on_copy, on_file) if t in page.locator('[data-testid="stMain"]').inner_text()
                ],
                what="the PVEP records count",
            )
            alerts = " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts())
            held = "Kho dữ liệu đang bị một tiến trình khác giữ để ghi" in alerts
            assert shown == ([on_copy] if held else [on_file]), (shown, alerts)
            assert page.errors == []
        finally:
            server.stop()
    finally:
        if holder.poll() is None:
            holder.kill()
    store = open_store(db, read_only=True)
    try:  # nothing lost: the other writer's records are in the store, and the sample is whole
        assert store.rows("SELECT code FROM initiatives WHERE code LIKE 'HELD-%' ORDER BY 1") == [
            ("HELD-1",),
            ("HELD-2",),
        ]
        assert store.record_count() == 7087 + 8732
    finally:
        store.close()


LONG_HOLDER = textwrap.dedent(
    """
    import sys, duckdb
    con = duckdb.connect(sys.argv[1])
    row = "INSERT INTO initiatives (code, title, unit_code, status, registered_on, phase) VALUES (?, 'T', 'PVEP', 'registered', DATE '2023-08-30', 2)"
    con.execute(row, ["HELD-1"])
    print("holding", flush=True)
    sys.stdin.readline()
    con.execute(row, ["HELD-2"])
    con.close()
    print("done", flush=True)
    """
)


def _copies(folder: Path) -> int:
    return len(list(folder.glob("sangkien-copy-*")))


@pytest.mark.heavy
def test_the_app_returns_to_the_real_store_once_the_other_writer_is_done(sample_db, tmp_path, page):
    """Held for over a minute (the app tries the real file every 30 s), then released: a reload after the
    next try shows the real store, writable, with everything the other process wrote. Reports how many
    temporary copies of the store the waiting left behind."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    temp = tmp_path / "tmp"
    temp.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", LONG_HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    copies = []
    try:
        assert holder.stdout.readline().strip() == "holding"
        server = start_app(db, tmp_path / "srv", env={"TMPDIR": str(temp)})
        try:
            for _ in range(3):  # 75 s of visits while the store stays locked
                open_page(page, server.url + "/")
                alerts = page.locator('[data-testid="stAlert"]').all_inner_texts()
                assert any("đang bị một tiến trình khác giữ để ghi" in a for a in alerts)
                copies.append(_copies(temp))
                page.wait_for_timeout(25_000)
            holder.stdin.write("go\n")
            holder.stdin.flush()
            assert holder.stdout.readline().strip() == "done" and holder.wait(30) == 0
            page.wait_for_timeout(31_000)
            open_page(page, server.url + "/data")
            wait_for_main_text(page, "Ai mở ứng dụng này cũng nhập và sửa được dữ liệu")  # writable again
            assert page.locator(UPLOAD_INPUT).count() >= 1  # the import's uploader (and the targets' one)
            open_page(page, server.url + "/?program=1-trieu-sang-kien")
            assert wait_registered(page)[0] == 7087  # both of the other writer's records
            copies.append(_copies(temp))
        finally:
            server.stop()
    finally:
        if holder.poll() is None:
            holder.kill()
    print(f"\ntemporary copies of the store in TMPDIR while waiting: {copies}")
    assert fingerprint(db)[0] == 7087 + 8732
