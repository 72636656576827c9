"""Streamlit's page and bundles sent compressed through the app's own middleware (ui/compression.py), on the
real server: br when offered, else gzip, else as they are; long-lived caching kept for the hashed bundles;
the health check, range requests, uploads and the websocket untouched."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import urllib.error
import urllib.request

import brotli
import pytest

from tests.conftest import ONE_MILLION
from tests.e2e.conftest import start_server
from tests.e2e.wire import WireSession
from ui.compression import _digest, compress
from ui.page_hints import first_screen_files, static_dir

STATIC = static_dir()
PLOTLY = next((STATIC / "static" / "js").glob("PlotlyChart.*.js"))


@pytest.fixture
def server(sample_server):
    return sample_server


def fetch(url: str, encoding: str | None = None, **headers: str):
    request = urllib.request.Request(
        url, headers={**({"Accept-Encoding": encoding} if encoding else {}), **headers}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def test_a_bundle_is_sent_in_br_when_offered_and_decodes_to_the_file(server):
    status, headers, body = fetch(f"{server.url}/static/js/{PLOTLY.name}", "gzip, deflate, br, zstd")
    assert status == 200 and headers["content-encoding"] == "br"
    assert brotli.decompress(body) == PLOTLY.read_bytes()
    assert len(body) < PLOTLY.stat().st_size / 3
    assert headers["cache-control"] == "public, immutable, max-age=31536000"
    assert "accept-encoding" in headers["vary"].lower()
    assert headers["etag"].startswith('W/"') and headers["etag"].endswith('-br"')


def test_gzip_when_br_is_not_offered_and_the_file_as_it_is_when_nothing_is(server):
    url = f"{server.url}/static/js/{PLOTLY.name}"
    _, headers, body = fetch(url, "gzip")
    assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == PLOTLY.read_bytes()
    _, headers, body = fetch(url, "identity")
    assert "content-encoding" not in headers and body == PLOTLY.read_bytes()
    assert "accept-encoding" in headers["vary"].lower()


def test_the_page_is_compressed_not_cached_and_names_the_first_screens_modules(server):
    status, headers, body = fetch(server.url + "/units", "br")
    assert status == 200 and headers["content-encoding"] == "br" and headers["cache-control"] == "no-cache"
    page = brotli.decompress(body).decode("utf-8")
    preloaded = set(
        re.findall(r'modulepreload" crossorigin fetchpriority="low" href="\./(static/js/[^"]+)"', page)
    )
    assert preloaded and preloaded <= set(first_screen_files(str(STATIC)))
    assert not any("PlotlyChart" in name for name in preloaded)  # fetched with the first chart, not before


def test_a_revalidation_of_the_compressed_page_is_answered_not_modified(server):
    _, headers, _ = fetch(server.url + "/", "br")
    request = urllib.request.Request(
        server.url + "/", headers={"Accept-Encoding": "br", "If-None-Match": headers["etag"]}
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request, timeout=30)
    assert answer.value.code == 304
    assert answer.value.headers["etag"] == headers["etag"]


def test_health_range_requests_and_the_websocket_are_untouched(server):
    status, headers, body = fetch(server.url + "/_stcore/health", "br")
    assert status == 200 and body == b"ok" and "content-encoding" not in headers
    status, headers, body = fetch(f"{server.url}/static/js/{PLOTLY.name}", "br", Range="bytes=0-99")
    assert status == 206 and body == PLOTLY.read_bytes()[:100] and "content-encoding" not in headers
    session = WireSession(server.url)
    try:
        run = session.rerun(query=f"program={ONE_MILLION}")  # the published end figure of the first program
        assert run.finished and not run.exceptions and "7.085" in run.text
    finally:
        session.close()


def test_an_upload_goes_through(server):
    """The upload endpoint (PUT, multipart) answers as without the middleware, for a session that may upload
    (no role configured: the Data page grants the role, and ui.gate lets that session's files through)."""
    session = WireSession(server.url)
    try:
        session.rerun()
        session.rerun("data")
        state = session.upload("$$ID-x-upload", "a.csv", b"Ma SK,Ten\n1,a\n")
        assert state.file_uploader_state_value.uploaded_file_info[0].size == len(b"Ma SK,Ten\n1,a\n")
    finally:
        session.close()


def test_a_restarted_server_sends_the_best_bodies_from_its_disk_cache_at_once(tmp_path, sample_db):
    """A cache file made by an earlier server is sent to the very first visitor; one that is corrupt (cut
    short as by a crash) is never sent: the visitor gets a body that decodes to the file."""
    manifest = json.loads((STATIC / "manifest.json").read_text(encoding="utf-8"))
    entry = STATIC / manifest["index.html"]["file"]
    protobuf = next((STATIC / "static" / "js").glob("protobuf.*.js"))
    cache = tmp_path / "assets"
    cache.mkdir()
    best = compress(entry.read_bytes(), "br", best=True)
    (cache / f"{_digest(entry.read_bytes())}.br11").write_bytes(best)
    cut = compress(protobuf.read_bytes(), "br", best=True)[:5000]
    (cache / f"{_digest(protobuf.read_bytes())}.br11").write_bytes(cut)
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    server = start_server(db, tmp_path, env={"SANGKIEN_ASSET_CACHE": str(cache)})
    try:
        _, headers, body = fetch(f"{server.url}/{entry.relative_to(STATIC)}", "gzip, deflate, br, zstd")
        assert headers["content-encoding"] == "br" and body == best
        _, headers, body = fetch(f"{server.url}/{protobuf.relative_to(STATIC)}", "gzip, deflate, br, zstd")
        assert headers["content-encoding"] == "br" and brotli.decompress(body) == protobuf.read_bytes()
    finally:
        server.stop()
