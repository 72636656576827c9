"""The compression middleware's parts without a server (ui/compression.py, ui/page_hints.py): negotiation,
variant tags, what passes untouched, and the first screen's modules in this Streamlit."""

from __future__ import annotations

import asyncio
import json

import brotli

from ui.compression import CompressedAssets, _original_tags, _variant_etag, negotiate
from ui.page_hints import FIRST_SCREEN, add_preloads, first_screen_files, static_dir

STATIC = static_dir()


def test_negotiation_and_variant_tags():
    assert negotiate("gzip, deflate, br, zstd") == "br"
    assert negotiate("gzip;q=1, br;q=0") == "gzip"
    assert negotiate("identity") is None and negotiate("") is None
    assert negotiate("*") == "br"
    tag = _variant_etag('"abc"', "gzip")
    assert tag == 'W/"abc-gzip"' and _original_tags(tag) == '"abc"'
    assert _original_tags('W/"abc-br", "def"') == '"abc", "def"'


def test_every_first_screen_module_is_in_this_streamlit():
    """The hints name modules by the build's chunk names: a Streamlit upgrade that renames one fails here."""
    manifest = json.loads((STATIC / "manifest.json").read_text(encoding="utf-8"))
    names = {entry.get("name") for entry in manifest.values() if entry.get("isDynamicEntry")}
    assert [name for name in FIRST_SCREEN if name not in names] == []
    files = first_screen_files(str(STATIC))
    assert all((STATIC / file).is_file() for file in files)
    page = (STATIC / "index.html").read_bytes()
    assert add_preloads(b"<html>no head</html>") == b"<html>no head</html>"
    hinted = add_preloads(page).decode()
    assert hinted.count("modulepreload") > page.decode().count("modulepreload")


async def _call(app, path: str, headers: list[tuple[bytes, bytes]]):
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": headers, "root_path": ""}
    await app(scope, receive, send)
    return sent


def test_a_response_without_an_etag_or_of_another_type_passes_untouched():
    """Streaming answers and anything not a static file carry no ETag: never held or compressed."""
    body = b"x" * 5000

    async def downstream(scope, receive, send):
        headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
        if scope["path"] == "/file":
            headers.append((b"etag", b'"e1"'))
        if scope["path"] == "/image":
            headers = [(b"content-type", b"image/png"), (b"etag", b'"e2"'), (b"content-length", b"5000")]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    app = CompressedAssets(downstream, upgrade=False, transform_page=None)
    for path in ("/stream", "/image"):
        sent = asyncio.run(_call(app, path, [(b"accept-encoding", b"br")]))
        assert b"content-encoding" not in dict(sent[0]["headers"]) and sent[1]["body"] == body
    sent = asyncio.run(_call(app, "/file", [(b"accept-encoding", b"br")]))
    assert dict(sent[0]["headers"])[b"content-encoding"] == b"br"
    assert brotli.decompress(sent[1]["body"]) == body
    sent = asyncio.run(_call(app, "/_stcore/health", [(b"accept-encoding", b"br")]))
    assert sent[1]["body"] == body  # Streamlit's endpoints are never touched
