"""API tokens on real store files: shown once, stored hashed, scoped, expiring, revocable, logged; the
`token` command; the rate limiter; the held-store message of the command line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from analytics import api
from analytics.api import server as api_server
from analytics.cli import main
from analytics.store import open_store
from tests.conftest import ROOT


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "store.duckdb")
    yield opened
    opened.close()


def test_a_token_is_shown_once_stored_hashed_and_checked(store):
    secret = api.create_token(store, "website", "read", days=30, by="lan.nguyen")
    assert secret.startswith("skt_") and len(secret) > 40
    stored = store.rows("SELECT name, token_hash, scope, created_by FROM api_tokens")
    assert stored[0][0] == "website" and stored[0][2] == "read" and stored[0][3] == "lan.nguyen"
    assert secret not in json.dumps([str(v) for v in stored[0]])  # only its hash is kept
    token, problem = api.check(store, secret)
    assert problem is None and token.name == "website" and token.allows("read") and not token.allows("write")
    assert api.check(store, secret + "x") == (None, "unknown")
    assert api.check(store, None) == (None, "missing")
    assert "token_hash" not in api.listing(store).columns
    logged = store.rows("SELECT kind, actor, subject, detail FROM audit_log")
    assert logged[0][:3] == ("token", "lan.nguyen", "website") and '"create"' in logged[0][3]


def test_expired_and_revoked_tokens_are_refused(store):
    old = api.create_token(store, "old", "write", days=1)
    with store.log_write() as cur:
        cur.execute(
            "UPDATE api_tokens SET expires_at = ? WHERE name = 'old'",
            [dt.datetime.now() - dt.timedelta(seconds=1)],
        )
    assert api.check(store, old)[1] == "expired"
    gone = api.create_token(store, "gone", "write")
    assert api.check(store, gone)[0].allows("write")
    api.revoke_token(store, "gone", by="minh.tran")
    assert api.check(store, gone)[1] == "revoked"
    with pytest.raises(api.TokenError) as again:
        api.revoke_token(store, "gone")
    assert again.value.code == "already_revoked"
    with pytest.raises(api.TokenError) as reused:
        api.create_token(store, "gone", "read")
    assert reused.value.code == "exists"


@pytest.mark.parametrize(
    ("name", "scope", "days", "code"),
    [("có dấu", "read", 10, "bad_name"), ("", "read", 10, "bad_name"), ("ok", "admin", 10, "bad_scope"),
     ("ok", "read", 0, "bad_days"), ("ok", "read", api.MAX_DAYS + 1, "bad_days")],
)  # fmt: skip
def test_bad_tokens_are_refused_with_their_reason(store, name, scope, days, code):
    with pytest.raises(api.TokenError) as refused:
        api.create_token(store, name, scope, days)
    assert refused.value.code == code
    assert not store.one("SELECT count(*) FROM api_tokens")


def test_the_token_command_prints_the_token_once_on_stdout(tmp_path, capsys):
    db = str(tmp_path / "cli.duckdb")
    assert main(["token", "create", "portal", "--scope", "write", "--days", "7", "--db", db]) == 0
    out, err = capsys.readouterr()
    secret = out.strip()
    assert secret.startswith("skt_") and out.count("skt_") == 1 and "skt_" not in err and "portal" in err
    assert main(["token", "list", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert "portal\twrite\tđang dùng" in listed and secret not in listed
    assert main(["token", "revoke", "portal", "--db", db, "--lang", "en"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert main(["token", "revoke", "portal", "--db", db]) == 1
    assert main(["token", "create", "x y", "--scope", "read", "--db", db]) == 2
    store = open_store(db, read_only=True)
    try:
        assert api.check(store, secret)[1] == "revoked"
    finally:
        store.close()


def test_the_rate_limiter_counts_a_minute_per_key():
    limiter = api.RateLimiter()
    assert [limiter.wait_for("a", 3, now=100.0 + i) for i in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.wait_for("a", 3, now=103.0) == pytest.approx(57.0)
    assert limiter.wait_for("b", 3, now=103.0) == 0.0
    assert limiter.wait_for("a", 3, now=160.5) == 0.0  # the first call has left the window


def test_the_request_language_comes_from_lang_then_accept_language():
    from starlette.requests import Request

    def request(query: str, accept: str = "") -> Request:
        headers = [(b"accept-language", accept.encode())] if accept else []
        return Request({"type": "http", "query_string": query.encode(), "headers": headers})

    assert api_server.request_lang(request("lang=en")) == "en"
    assert api_server.request_lang(request("", "fr-FR,en;q=0.8")) == "en"
    assert api_server.request_lang(request("lang=vi", "en")) == "vi"
    assert api_server.request_lang(request("")) == "vi"


def test_a_held_store_names_the_server_option(tmp_path):
    db = tmp_path / "held.duckdb"
    open_store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); print('ok', flush=True); time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "ok"
        for command in (["summary"], ["undo", "1"], ["import", str(db)]):
            done = subprocess.run(
                [sys.executable, "-m", "analytics", *command, "--db", str(db), "--lang", "en"],
                cwd=ROOT, capture_output=True, text=True, timeout=120,
            )  # fmt: skip
            assert done.returncode == 1, (command, done.stderr)
            assert "--server URL" in done.stderr and "SANGKIEN_TOKEN" in done.stderr, done.stderr
            assert "reload the page" not in done.stderr
        done = subprocess.run(
            [sys.executable, "-m", "analytics", "summary", "--db", str(db), "--server", "http://127.0.0.1:9"],
            cwd=ROOT, capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin"},
        )  # fmt: skip
        assert done.returncode == 2 and "SANGKIEN_TOKEN" in done.stderr  # --server without a token
    finally:
        holder.kill()
        holder.wait()
