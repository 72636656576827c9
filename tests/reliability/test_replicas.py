"""Read replicas through the real servers (issue 19): one writer publishing its commits
(SANGKIEN_PUBLISH_S) and two replica servers (SANGKIEN_REPLICA_OF) on this machine. After an import on the
writer's page both replicas show the new figures, in a new visit and in a session that was open before the
import (no viewer dropped), and a replica refuses nothing but writing: its Data page says it is a replica."""

from __future__ import annotations

import time

import pytest

from analytics.store import backup_dir
from tests.analytics.ingest import fixtures as fx
from tests.e2e.helpers import start_app
from tests.e2e.wire import WireSession

pytestmark = pytest.mark.e2e

PROGRAM = "program=1-trieu-sang-kien"
REPLICA_NOTE = "Máy chủ này là bản sao chỉ đọc"


def _wait_for(what, timeout: float = 90.0, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"not seen within {timeout} s")


def _overview_text(url: str) -> str:
    session = WireSession(url)
    try:
        return session.rerun("", query=PROGRAM).text
    finally:
        session.close()


def test_two_replicas_show_an_import_made_on_the_writer(tmp_path):
    db = tmp_path / "main" / "sangkien.duckdb"  # a new store: the sample goes in
    writer = start_app(db, tmp_path / "writer", env={"SANGKIEN_PUBLISH_S": "1"})
    replicas = []
    open_session = None
    try:
        folder = backup_dir(db)
        _wait_for(lambda: list(folder.glob("*-publish.duckdb.json")))  # the writer's first publication
        for n in (1, 2):
            replicas.append(
                start_app(
                    tmp_path / f"replica{n}" / "unused.duckdb",
                    tmp_path / f"replica{n}",
                    env={"SANGKIEN_REPLICA_OF": str(folder)},
                )
            )
        for server in replicas:
            text = _overview_text(server.url)
            assert "7.085" in text and REPLICA_NOTE in text
        open_session = WireSession(replicas[0].url)
        assert "7.085" in open_session.rerun("", query=PROGRAM).text
        assert not (tmp_path / "replica1" / "unused.duckdb").exists()  # a replica never makes a store

        session = WireSession(writer.url)
        try:
            page = session.rerun("data")
            uploader = page.widget("file_uploader", "data_upload_0").id
            state = session.upload(uploader, "day.csv", fx.csv_bytes(fx.rows(40, prefix="DAY-")))
            page = session.rerun("data", states=[state])
            commit = session.trigger(page.widget("button", "data_commit").id)
            assert "Đã thêm mới 40" in session.rerun("data", states=[state, commit]).text
        finally:
            session.close()
        imported = time.monotonic()

        for server in replicas:
            _wait_for(lambda url=server.url: "7.125" in _overview_text(url))
        waited = time.monotonic() - imported
        print(f"both replicas showed the import {waited:.1f} s after it")  # noqa: T201 - the measured delay
        # The viewer whose session was open before the import sees it on the next run, on the same socket.
        assert "7.125" in open_session.rerun("", query=PROGRAM).text
        data_page = open_session.rerun("data")
        assert REPLICA_NOTE in data_page.text and not data_page.has("file_uploader", "data_upload_0")
    finally:
        if open_session is not None:
            open_session.close()
        for server in replicas:
            server.stop()
        writer.stop()
