"""The gate through the real server (issue 14, failures 4 and 6): the sign-in lockout keys on the address
the server trusts (the socket's peer, not a forged `X-Forwarded-For`), the check and the recording of a
failure are one step (twenty guesses sent at once get five checked), and the upload endpoint refuses files
from sessions without the analyst role before reading them (the server's memory stays where it was)."""

from __future__ import annotations

import shutil
import threading

import psutil
import pytest

from analytics.auth import hash_password
from tests.e2e.conftest import start_server
from tests.e2e.helpers import PASSWORD, start_app
from tests.e2e.wire import WireSession

pytestmark = pytest.mark.e2e

WRONG = "Mật khẩu không đúng."
LOCKED = "Sai mật khẩu quá nhiều lần"
SIGNED_IN = "Đã đăng nhập với vai trò phân tích."


def _guess(session: WireSession, password: str) -> str:
    run = session.rerun("data")
    if not run.has("text_input", "auth_password"):
        return run.text
    field, submit = run.widget("text_input", "auth_password"), run.widget("button", label="Đăng nhập")
    return session.rerun("data", states=[session.string(field.id, password), session.trigger(submit.id)]).text


@pytest.fixture
def guarded(sample_db, tmp_path):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    server = start_app(db, tmp_path / "srv", password=PASSWORD)
    yield server
    server.stop()


def test_a_forged_forwarded_header_does_not_reset_the_lockout(guarded):
    """Failure 4a: with a new `X-Forwarded-For` on every connection, 30 guesses were never locked (uvicorn
    trusts the header from 127.0.0.1 and the lockout keyed on it). Now the sixth guess is refused."""
    outcomes = []
    for attempt in range(30):
        session = WireSession(guarded.url, headers={"X-Forwarded-For": f"203.0.113.{attempt + 1}"})
        try:
            outcomes.append(_guess(session, f"doan-sai-{attempt}"))
        finally:
            session.close()
    checked = [text for text in outcomes if WRONG in text]
    assert len(checked) == 5, [text[-120:] for text in outcomes[:8]]
    assert all(LOCKED in text for text in outcomes[5:])
    # The right password does not get in while locked, whatever the header says.
    session = WireSession(guarded.url, headers={"X-Forwarded-For": "198.51.100.7"})
    try:
        text = _guess(session, PASSWORD)
        assert SIGNED_IN not in text and LOCKED in text
    finally:
        session.close()


def test_twenty_guesses_sent_at_once_get_five_checked(sample_db, tmp_path):
    """Failure 4b: the lock was checked before the first failure was recorded, so parallel guesses passed
    it (13 of 20 checked). The failure is now reserved with the check, in one step."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    workdir = tmp_path / "srv"
    workdir.mkdir()
    secrets = workdir / "secrets.toml"
    secrets.write_text(
        f'[analyst]\npassword_hash = "{hash_password(PASSWORD)}"\n', encoding="utf-8"
    )  # real cost
    server = start_server(db, workdir, env={"STREAMLIT_SECRETS_FILES": str(secrets)})
    sessions = [WireSession(server.url) for _ in range(20)]
    try:
        ready = [(s, s.rerun("data")) for s in sessions]
        barrier = threading.Barrier(len(ready))
        texts: list[str] = [""] * len(ready)

        def guess(index: int) -> None:
            session, run = ready[index]
            field, submit = run.widget("text_input", "auth_password"), run.widget("button", label="Đăng nhập")
            states = [session.string(field.id, f"sai-{index}"), session.trigger(submit.id)]
            barrier.wait()
            texts[index] = session.rerun("data", states=states).text

        threads = [threading.Thread(target=guess, args=(i,)) for i in range(len(ready))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(180)
        checked = sum(WRONG in text for text in texts)
        locked = sum(LOCKED in text and WRONG not in text for text in texts)
        assert checked == 5 and locked == 15, (checked, locked)
    finally:
        for session in sessions:
            session.close()
        server.stop()


def _rss_mb(server) -> float:
    return psutil.Process(server.process.pid).memory_info().rss / 2**20


def test_a_viewer_cannot_upload_and_the_server_memory_stays(guarded, tmp_path):
    """Failure 6: a viewer (a session never shown an uploader) could PUT files to the upload endpoint and
    they stayed in the server's memory. Now the endpoint answers 403 before reading the body; the
    server's memory after three 120 MB attempts is where it was."""
    viewer = WireSession(guarded.url)
    try:
        viewer.rerun("data")
        before = _rss_mb(guarded)
        payload = b"x" * (120 * 2**20)
        statuses = [
            viewer.put_file(viewer.upload_urls(f"big-{i}.csv"), f"big-{i}.csv", payload) for i in range(3)
        ]
        del payload
        viewer.rerun("data")  # the server has handled everything sent so far
        after = _rss_mb(guarded)
    finally:
        viewer.close()
    assert statuses == [403, 403, 403]
    assert after - before < 60, (before, after)


def test_an_analysts_uploads_are_released_once_the_import_is_done(guarded):
    """An analyst's files go through; once the import is committed the uploader starts empty and its files
    (the imported one and a refused 150 MB one beside it) leave the server's memory, without waiting for
    the session to end."""
    from tests.analytics.ingest import fixtures as fx
    from tests.e2e.helpers import wait_until

    analyst = WireSession(guarded.url)
    try:
        assert SIGNED_IN in _guess(analyst, PASSWORD)
        uploader = analyst.rerun("data").widget("file_uploader", "data_upload_0").id
        before = _rss_mb(guarded)
        good = analyst.upload(uploader, "that.csv", fx.csv_bytes(fx.rows(3, prefix="REAL-")))
        junk = analyst.upload(uploader, "junk.csv", b"\x00\x01" * (75 * 2**20))
        good.file_uploader_state_value.uploaded_file_info.extend(
            junk.file_uploader_state_value.uploaded_file_info
        )
        page = analyst.rerun("data", states=[good])
        assert _rss_mb(guarded) - before > 100  # held while the person works with the files
        done = analyst.rerun("data", states=[good, analyst.trigger(page.widget("button", "data_commit").id)])
        assert "Đã thêm mới 3" in done.text
        wait_until(lambda: _rss_mb(guarded) - before < 60, timeout=60, what="memory back to its level")
    finally:
        analyst.close()


def test_a_listed_proxy_forwards_the_visitors_address(sample_db, tmp_path):
    """Behind a reverse proxy listed in SANGKIEN_TRUSTED_PROXIES, the address is the client it forwards for:
    the audit log names it, and the lock holds per visitor (and per account)."""
    from analytics import audit
    from analytics.store import open_store

    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    server = start_app(db, tmp_path / "srv", password=PASSWORD, env={"SANGKIEN_TRUSTED_PROXIES": "127.0.0.1"})
    try:
        session = WireSession(server.url, headers={"X-Forwarded-For": "203.0.113.77"})
        try:
            assert WRONG in _guess(session, "sai-mat-khau")
            assert SIGNED_IN in _guess(session, PASSWORD)
        finally:
            session.close()
    finally:
        server.stop()
    store = open_store(db, read_only=True)
    try:
        log = audit.events(store)
        assert log[["kind", "address"]].values.tolist()[:2] == [
            ["sign_in", "203.0.113.77"],
            ["sign_in_failed", "203.0.113.77"],
        ]
    finally:
        store.close()
