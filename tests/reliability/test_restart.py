"""The server dies mid-session (SIGKILL) and comes back on the same port and store: the page the person
had open recovers on reload with the same view, because the view lives in the URL."""

from __future__ import annotations

import shutil
from urllib.parse import parse_qs, urlsplit

from tests.e2e.conftest import exceptions_on, free_port, main_text, open_page, wait_for_url_param
from tests.e2e.helpers import nav_to, start_app, wait_for_main_text, wait_until
from tests.reliability.conftest import fingerprint, kill, wait_registered


def test_the_view_survives_a_server_crash_and_restart(sample_db, tmp_path, page):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    port = free_port()
    server = start_app(db, tmp_path / "one", port=port)
    try:
        # The person narrows the view by hand: PVEP from a link, then phase 1 in the sidebar.
        sockets = []
        page.on("websocket", lambda ws: sockets.append(ws))
        open_page(page, server.url + "/records?unit=PVEP&program=1-trieu-sang-kien")
        wait_for_main_text(page, "395 hồ sơ khớp bộ lọc")
        page.locator('[data-testid="stSidebar"] button', has_text="GĐ 1").first.click()
        wait_for_url_param(page, "phase", "1")
        wait_for_main_text(page, "22 hồ sơ khớp bộ lọc")
        url = page.url
        kill(server.process)  # a crash: no shutdown handler runs
        # The page lost its server: its websocket is closed.
        # (page.wait_for_timeout lets Playwright deliver the socket's events while waiting.)
        wait_until(lambda: page.wait_for_timeout(200) or sockets[0].is_closed(), what="the socket closing")
    finally:
        server.stop()
    state = fingerprint(db)  # the store after the crash opens and holds the sample, intact
    assert state[0] == 7085 + 8732 and state[2] == ((1, "sample", 7085 + 8732, True),)  # both programs

    server = start_app(db, tmp_path / "two", port=port)
    try:
        page.reload()
        wait_for_main_text(page, "22 hồ sơ khớp bộ lọc")
        assert (
            parse_qs(urlsplit(page.url).query)
            == parse_qs(urlsplit(url).query)
            == {
                "unit": ["PVEP"],
                "phase": ["1"],
            }
        )
        assert "/records" in page.url and exceptions_on(page) == []
        # The sidebar shows the same filters, and they follow to the next page.
        nav_to(page, "Tổng quan")
        values = wait_registered(page, cards=1)
        assert values[0] == 22 and "PVEP" in main_text(page)
        assert page.errors == []
    finally:
        server.stop()
    assert fingerprint(db) == state
