"""The HTTP API of the running server (`/api/v1`), called with urllib against the real `streamlit run`
server: reads equal `summary --json`, every route answers, imports through the API and through `--server`
equal one made on the Data page, tokens are checked (none, read-only, expired, revoked), the rate limit
holds, every call is in the audit log with the token's name, and the held-store message names `--server`."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from analytics.api import Client
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.conftest import DMST, ONE_MILLION, ROOT
from tests.e2e.conftest import Server, start_server

pytestmark = pytest.mark.e2e


def cli(*args: str, token: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ}
    env.pop("SANGKIEN_TOKEN", None)
    if token:
        env["SANGKIEN_TOKEN"] = token
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def call(server: Server, path: str, token: str | None = None, method: str = "GET", data: bytes | None = None,
         headers: dict | None = None) -> tuple[int, dict, bytes]:  # fmt: skip
    request = urllib.request.Request(server.url + "/api/v1" + path, data=data, method=method)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.urlopen(request, timeout=300) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def body(raw: bytes) -> dict:
    return json.loads(raw.decode("utf-8"))


def token(db: Path, name: str, scope: str, days: int = 30) -> str:
    done = cli("token", "create", name, "--scope", scope, "--days", str(days), "--db", str(db))
    assert done.returncode == 0, done.stderr
    secret = done.stdout.strip()
    assert secret.startswith("skt_") and "\n" not in secret and name in done.stderr
    return secret


def records(db: Path) -> pd.DataFrame:
    """The initiatives as an import leaves them (import ids aside), sorted by code."""
    store = open_store(db, read_only=True)
    try:
        frame = store.df("SELECT * EXCLUDE (import_id) FROM initiatives ORDER BY code")  # noqa: S608 - constant SQL
    finally:
        store.close()
    return frame


def audit_rows(db: Path, kind: str) -> list[tuple]:
    store = open_store(db, read_only=True)
    try:
        return store.rows(
            "SELECT actor, subject, detail FROM audit_log WHERE kind = ? ORDER BY happened_at", [kind]
        )
    finally:
        store.close()


def counts(db: Path) -> tuple[int, int]:
    store = open_store(db, read_only=True)
    try:
        return store.record_count(), int(store.one("SELECT count(*) FROM imports"))
    finally:
        store.close()


def serve(db: Path, workdir: Path, secrets: str = "") -> Server:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "secrets.toml"
    path.write_text(secrets or "# writing open, API closed to viewers\n", encoding="utf-8")
    return start_server(db, workdir, env={"STREAMLIT_SECRETS_FILES": str(path)})


FILE = fx.csv_bytes(
    fx.rows(20, prefix="API-") + [["21", "API-X", "Sai", "A", "Công ty Ma", "", "", "01/03/2022", "", "", ""]]
)


@pytest.fixture
def api_store(sample_db: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    secrets = {
        "read": token(db, "website", "read"),
        "write": token(db, "nightly-job", "write"),
        "old": token(db, "old", "read"),
        "gone": token(db, "gone", "write"),
    }
    store = open_store(db)
    with store.log_write() as cur:  # an expired token: its expiry moved into the past
        cur.execute("UPDATE api_tokens SET expires_at = now()::TIMESTAMP - INTERVAL 1 DAY WHERE name = 'old'")
    store.close()
    assert cli("token", "revoke", "gone", "--db", str(db)).returncode == 0
    return db, secrets


def test_every_read_route_answers_and_the_summary_is_the_command_lines(api_store, tmp_path):
    db, secrets = api_store
    expected = {
        (program, as_of): json.loads(
            cli(
                "summary",
                "--json",
                "--db",
                str(db),
                *(["--program", program] if program else []),
                *(["--as-of", as_of] if as_of else []),
            ).stdout  # fmt: skip
        )
        for program, as_of in (
            (None, None),
            (ONE_MILLION, None),
            (ONE_MILLION, "2022-05-31"),
            (ONE_MILLION, "2022-09-30"),
        )  # fmt: skip
    }
    # `pace`, the key added to the contract: the period in progress (none on phase 1's last day)
    assert (
        expected[None, None]["pace"]["phase"] == 2026 and expected[None, None]["pace"]["state"] == "on_track"
    )
    assert expected[ONE_MILLION, "2022-05-31"]["pace"] is None
    pace = expected[ONE_MILLION, "2022-09-30"]["pace"]
    assert (pace["phase"], pace["state"], pace["target"], round(pace["projected"])) == (
        2,
        "behind",
        4000,
        2699,
    )
    english = json.loads(cli("summary", "--json", "--lang", "en", "--db", str(db)).stdout)
    server = serve(db, tmp_path / "server")
    try:
        status, _, raw = call(server, "/health")
        health = body(raw)
        assert (
            status == 200
            and health["state"] == "ok"
            and health["schema_version"] == health["code_schema_version"]
        )
        assert health["newest_import"]["mode"] == "sample" and health["records"] > 0
        for (program, as_of), wanted in expected.items():
            query = "&".join(f"{k}={v}" for k, v in (("program", program), ("as_of", as_of)) if v)
            status, _, raw = call(server, f"/summary?{query}", secrets["read"])
            assert status == 200 and body(raw) == wanted
        assert expected[ONE_MILLION, "2022-05-31"]["records"] == 1458
        text = cli(
            "summary", "--program", ONE_MILLION, "--as-of", "2022-09-30", "--server", server.url,
            token=secrets["read"],
        )  # fmt: skip
        assert text.returncode == 0, text.stderr
        assert (
            "Tiến độ Giai đoạn 2 (đến 30/09/2023): Chậm tiến độ · Dự báo cuối giai đoạn 2.699" in text.stdout
        )
        assert "\nVietsovpetro  " in text.stdout and "\nVSP  " not in text.stdout
        status, _, raw = call(
            server, "/summary", secrets["read"], headers={"Accept-Language": "en-GB,en;q=0.8"}
        )
        assert body(raw) == english and english["program"]["noun"] in ("creative products", "initiatives")

        status, _, raw = call(
            server, f"/summary?program={ONE_MILLION}&unit=BSR&unit=NOPE&phase=7", secrets["read"]
        )
        assert status == 422 and set(body(raw)["parameters"]) == {"unit=NOPE", "phase=7"}
        assert "unit=NOPE" in body(raw)["message"]
        status, _, raw = call(server, "/records?from=2022-05-01&to=2022-01-31", secrets["read"])
        assert status == 422 and body(raw)["parameters"] == ["from=2022-05-01", "to=2022-01-31"]
        status, _, raw = call(server, "/summary?colour=red&lang=en", secrets["read"])
        assert (
            status == 422
            and "colour" in body(raw)["message"]
            and body(raw)["message"].startswith("Parameters")
        )

        status, _, raw = call(server, "/units", secrets["read"])
        units = body(raw)["units"]
        assert status == 200 and {"BSR", "PV GAS"} <= {u["code"] for u in units}
        status, _, raw = call(server, "/programs", secrets["read"])
        assert [p["code"] for p in body(raw)["programs"]] == [ONE_MILLION, DMST]
        assert [x["period"] for x in body(raw)["programs"][0]["periods"]] == [1, 2]

        status, headers, raw = call(
            server, f"/records?program={ONE_MILLION}&as_of=2022-05-31&per_page=1000", secrets["read"]
        )
        page = body(raw)
        assert status == 200 and page["total"] == 1458 and page["pages"] == 2 and len(page["records"]) == 1000
        assert headers["x-total-count"] == "1458"
        status, _, raw = call(
            server, f"/records?program={ONE_MILLION}&as_of=2022-05-31&per_page=1000&page=2", secrets["read"]
        )
        rest = body(raw)["records"]
        assert len(rest) == 458 and not {r["code"] for r in rest} & {r["code"] for r in page["records"]}
        assert set(page["records"][0]) == {
            "code", "title", "authors", "author_count", "unit", "unit_name", "field", "status", "level",
            "registered_on", "recognized_on", "applied_on", "benefit_vnd", "reward_vnd", "phase",
        }  # fmt: skip
        status, headers, raw = call(
            server, f"/records?program={ONE_MILLION}&unit=BSR&format=csv", secrets["read"]
        )
        assert (
            status == 200
            and raw.startswith("\ufeff".encode())
            and headers["content-type"].startswith("text/csv")
        )
        csv = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
        assert list(csv.columns)[:2] == ["Mã hồ sơ", "Tên sáng kiến"] and set(csv["Đơn vị"]) == {"BSR"}
        status, _, raw = call(
            server, f"/records?program={ONE_MILLION}&unit=BSR&format=parquet", secrets["read"]
        )
        parquet = pd.read_parquet(io.BytesIO(raw))
        assert status == 200 and len(parquet) == len(csv) and set(parquet["unit"]) == {"BSR"}
        status, _, raw = call(server, "/records?format=xml", secrets["read"])
        assert status == 422 and body(raw)["parameters"] == ["format=xml"]

        status, _, raw = call(server, "/openapi.json")
        spec = body(raw)
        assert status == 200 and spec["openapi"].startswith("3.")
        assert set(spec["paths"]) == {
            "/health", "/openapi.json", "/summary", "/units", "/programs", "/records", "/imports",
            "/imports/{import_id}/undo",
        }  # fmt: skip
    finally:
        server.stop()
    logged = audit_rows(db, "api")
    assert ("website", "GET /api/v1/units") in [(a, s) for a, s, _ in logged]
    assert all(actor == "website" for actor, subject, _ in logged if subject.endswith("/programs"))


def test_tokens_are_checked_and_nothing_is_written_without_a_write_token(api_store, tmp_path):
    db, secrets = api_store
    upload = [("mode", "upsert")]
    before, rows_before = counts(db), records(db)
    server = serve(db, tmp_path / "server")
    try:
        client = Client(server.url, None)
        status, answer = client.import_file(_file(tmp_path), upload)
        assert status == 401 and answer["error"] == "token_missing"
        status, _, raw = call(server, "/summary")
        assert status == 401 and "Authorization: Bearer" in body(raw)["message"]
        status, _, raw = call(server, "/summary?lang=en", "skt_not-a-token")
        assert (
            status == 401
            and body(raw)["error"] == "token_unknown"
            and body(raw)["message"].startswith("The token")
        )
        for name, code in (("old", "token_expired"), ("gone", "token_revoked")):
            status, _, raw = call(server, "/summary", secrets[name])
            assert status == 401 and body(raw)["error"] == code
        status, answer = Client(server.url, secrets["read"]).import_file(_file(tmp_path), upload)
        assert status == 403 and answer["error"] == "scope" and "website" in answer["message"]
        status, _, raw = call(server, "/imports/1/undo", secrets["read"], method="POST", data=b"")
        assert status == 403
        status, _, raw = call(server, "/summary", secrets["gone"])
        assert status == 401
    finally:
        server.stop()
    assert counts(db) == before
    assert records(db).equals(rows_before)
    refused = [(a, json.loads(d)["status"]) for a, s, d in audit_rows(db, "api") if s.endswith("/imports")]
    assert (None, 401) in refused and ("website", 403) in refused


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "danh-sach.csv"
    path.write_bytes(FILE)
    return path


def test_an_import_through_the_api_and_through_server_equals_one_made_on_the_page(
    api_store, tmp_path, monkeypatch
):
    from streamlit.testing.v1 import AppTest

    from tests.app.apptest import APP

    db, secrets = api_store
    on_page = tmp_path / "page.duckdb"
    shutil.copy(db, on_page)
    monkeypatch.setenv("SANGKIEN_DB", str(on_page))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    at.file_uploader[0].set_value([("danh-sach.csv", FILE, "text/csv")])
    at.run()
    next(b for b in at.button if b.key == "data_commit").click()
    at.run()
    assert not at.exception and "Đã thêm mới 20" in " ".join(s.value for s in at.success)
    from ui import store_handle

    store_handle.close_all()  # the page's store is this process's: closed, so it can be read below

    through_cli = tmp_path / "cli.duckdb"
    shutil.copy(db, through_cli)
    expected = cli("import", str(_file(tmp_path)), "--json", "--db", str(through_cli))
    assert expected.returncode == 0

    server = serve(db, tmp_path / "server")
    try:
        status, answer = Client(server.url, secrets["write"]).import_file(
            _file(tmp_path), [("dry_run", "true")]
        )
        assert status == 200 and answer["inserted"] == 20 and answer["rejected"] == 1 and "preview" in answer
        held = cli("import", str(_file(tmp_path)), "--json", "--db", str(db))
        assert held.returncode == 1 and "--server" in held.stderr and "SANGKIEN_TOKEN" in held.stderr
        through = cli(
            "import",
            str(_file(tmp_path)),
            "--json",
            "--db",
            str(db),
            "--server",
            server.url,
            token=secrets["write"],
        )
        assert through.returncode == 0, through.stderr
        mine, theirs = json.loads(through.stdout), json.loads(expected.stdout)
        assert {k: v for k, v in mine.items() if k != "message"} == {
            k: v for k, v in theirs.items() if k != "message"
        }
        assert mine["inserted"] == 20 and mine["rejected"] == 1 and mine["errors"][0]["value"] == "Công ty Ma"
        import_id = int(mine["message"].rsplit(" ", 1)[-1].rstrip("."))
        summary = cli(
            "summary", "--json", "--program", ONE_MILLION, "--server", server.url, token=secrets["read"]
        )
        assert summary.returncode == 0 and json.loads(summary.stdout)["records"] == 7085 + 20
        undone = cli("undo", str(import_id), "--server", server.url, token=secrets["write"])
        assert undone.returncode == 0 and "20" in undone.stdout
        again = cli("undo", str(import_id), "--server", server.url, token=secrets["write"])
        assert again.returncode == 1 and again.stderr.strip()
        status, answer = Client(server.url, secrets["write"]).import_file(
            _file(tmp_path), [("mode", "upsert")]
        )
        assert status == 200 and answer["inserted"] == 20
        status, _, raw = call(server, "/health")
        assert body(raw)["newest_import"]["imported_by"] == "api:nightly-job"
    finally:
        server.stop()
    assert records(db).equals(records(on_page)) and records(db).equals(records(through_cli))
    logged = audit_rows(db, "import")
    assert [a for a, _, _ in logged][-2:] == ["api:nightly-job", "api:nightly-job"]


def test_the_rate_limit_answers_429_and_a_too_large_file_413(api_store, tmp_path):
    db, secrets = api_store
    server = serve(db, tmp_path / "server", "[api]\nrate_limit = 5\n")
    try:
        answers = [call(server, "/units", secrets["read"])[0] for _ in range(6)]
        assert answers == [200] * 5 + [429]
        status, headers, raw = call(server, "/units?lang=en", secrets["read"])
        assert status == 429 and int(headers["retry-after"]) >= 1 and "at most 5" in body(raw)["message"]
        assert call(server, "/units", secrets["write"])[0] == 200  # another token has its own count
    finally:
        server.stop()
    big = tmp_path / "big.csv"
    big.write_bytes(FILE + b"x" * (2 * 2**20))
    server = _server_with_upload_limit(db, tmp_path / "small", 1)
    try:
        status, answer = Client(server.url, secrets["write"]).import_file(big, [])
        assert status == 413 and answer["error"] == "too_large" and "1 MB" in answer["message"]
        assert "dừng máy chủ" in answer["message"]  # the command line without --server cannot run beside it
    finally:
        server.stop()
    assert counts(db)[1] == 1  # the sample's import alone


def _server_with_upload_limit(db: Path, workdir: Path, megabytes: int) -> Server:
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "secrets.toml").write_text("", encoding="utf-8")
    return start_server(
        db,
        workdir,
        env={
            "STREAMLIT_SECRETS_FILES": str(workdir / "secrets.toml"),
            "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": str(megabytes),
        },
    )


def test_public_read_opens_reads_to_viewers_and_never_writes(api_store, tmp_path):
    db, secrets = api_store
    server = serve(db, tmp_path / "server", "[api]\npublic_read = true\n")
    try:
        status, _, raw = call(server, f"/summary?program={ONE_MILLION}")
        assert status == 200 and body(raw)["records"] == 7085
        status, answer = Client(server.url, None).import_file(_file(tmp_path), [])
        assert status == 401
    finally:
        server.stop()
    assert counts(db)[1] == 1
    # the audit rows of public reads name no token
    assert any(a is None and s.endswith("/summary") for a, s, _ in audit_rows(db, "api"))
