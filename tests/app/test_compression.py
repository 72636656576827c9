"""The compression middleware's parts without a server (ui/compression.py, ui/page_hints.py): negotiation,
variant tags, what passes untouched, the first screen's modules in this Streamlit, and the best bodies
prepared at start-up and kept on disk (on a real Starlette app)."""

from __future__ import annotations

import asyncio
import json
import os
import random
import time

import brotli

from ui.compression import (
    CompressedAssets,
    DiskBodies,
    _digest,
    _original_tags,
    _variant_etag,
    cache_dir,
    compress,
    first_visit_files,
    negotiate,
    prepare_disk_cache,
)
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


# The disk cache and the start-up preparation, on a real Starlette app serving files as Streamlit does (an
# ETag, a JavaScript type), driven through its lifespan as a server drives it.


def _bundle(folder, name: str = "bundle.js", words: int = 40_000):
    """A file of JavaScript-like text whose best br body differs from its fast one."""
    rng = random.Random(7)
    names = ["const", "function", "return", "value", "props", "state", "render", "=>", "{", "}", "(", ")"]
    text = " ".join(f"{rng.choice(names)}{rng.randrange(500)}" for _ in range(words))
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _assets(folder, cache, prepared=()):
    from starlette.applications import Starlette
    from starlette.routing import Mount
    from starlette.staticfiles import StaticFiles

    site = Starlette(routes=[Mount("/static", StaticFiles(directory=folder))])
    return CompressedAssets(
        site,
        transform_page=None,
        disk=DiskBodies(cache) if cache is not None else None,
        prepared_files=lambda: tuple(prepared),
    )


async def _started(app) -> None:
    """The lifespan's start-up, as uvicorn runs it before it answers any request."""
    inbox: asyncio.Queue = asyncio.Queue()
    started = asyncio.Event()
    await inbox.put({"type": "lifespan.startup"})

    async def send(message):
        if message["type"] == "lifespan.startup.complete":
            started.set()

    asyncio.get_running_loop().create_task(app({"type": "lifespan"}, inbox.get, send))
    await asyncio.wait_for(started.wait(), 10)
    await inbox.put({"type": "lifespan.shutdown"})


def _get(app, path: str) -> tuple[dict, bytes]:
    """A browser's GET through `app`: the request, then a connection that stays open."""
    sent: list[dict] = []
    asked = []

    async def receive():
        if asked:
            await asyncio.Event().wait()  # never disconnects (a file response listens for it)
        asked.append(1)
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    headers = [(b"accept-encoding", b"gzip, deflate, br, zstd")]
    scope = {"type": "http", "method": "GET", "path": path, "headers": headers, "root_path": ""}
    asyncio.run(app(scope, receive, send))
    return dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def test_the_first_visits_files_are_best_compressed_at_start_and_kept_on_disk_for_a_restart(tmp_path):
    bundle = _bundle(tmp_path)
    data = bundle.read_bytes()
    best, fast = compress(data, "br", best=True), compress(data, "br", best=False)
    assert len(best) < len(fast)
    first = _assets(tmp_path, tmp_path / "cache", prepared=[bundle])
    asyncio.run(_started(first))
    first.wait_for_upgrades()
    headers, body = _get(first, "/static/bundle.js")
    assert headers[b"content-encoding"] == b"br" and body == best  # the first visitor's body is the best
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f"{_digest(data)}.br11"]
    restarted = _assets(tmp_path, tmp_path / "cache")  # nothing prepared: the disk serves at once
    assert _get(restarted, "/static/bundle.js")[1] == best


def test_a_corrupt_or_partial_cache_file_is_never_served(tmp_path):
    bundle = _bundle(tmp_path)
    data = bundle.read_bytes()
    best = compress(data, "br", best=True)
    cache = tmp_path / "cache"
    cache.mkdir()
    kept = cache / f"{_digest(data)}.br11"
    for broken in (best[: len(best) // 2], b"\0" * 1000, compress(data + b";", "br", best=True)):
        kept.write_bytes(broken)
        app = _assets(tmp_path, cache)
        app.upgrade = False
        headers, body = _get(app, "/static/bundle.js")
        assert headers[b"content-encoding"] == b"br" and brotli.decompress(body) == data
        assert body != broken and not kept.exists()  # deleted, not read again
    app = _assets(tmp_path, cache)
    _get(app, "/static/bundle.js")
    app.wait_for_upgrades()  # the fast body's upgrade writes a sound file in its place
    assert kept.read_bytes() == best and _get(app, "/static/bundle.js")[1] == best


def test_the_disk_cache_is_written_whole_and_kept_under_its_bound(tmp_path):
    disk = DiskBodies(tmp_path, limit=3000)
    old_part = tmp_path / ".part-old"
    old_part.write_bytes(b"x")
    os.utime(old_part, (time.time() - 7200,) * 2)
    fresh_part = tmp_path / ".part-writing"
    fresh_part.write_bytes(b"x")  # another process still writing it
    for k in range(4):
        disk.put(f"{k:064x}", "br", brotli.compress(bytes([k]) * 50_000) + b"\0" * 1000)
        os.utime(disk._path(f"{k:064x}", "br"), (1000.0 + k,) * 2)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".part-writing", f"{2:064x}.br11", f"{3:064x}.br11"]  # the oldest deleted first
    assert not old_part.exists() and fresh_part.exists()
    assert sum(p.stat().st_size for p in tmp_path.iterdir() if not p.name.startswith(".")) <= 3000


def test_the_cache_folder_is_chosen_by_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SANGKIEN_ASSET_CACHE", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"
    monkeypatch.setenv("SANGKIEN_ASSET_CACHE", "off")
    assert cache_dir() is None
    monkeypatch.delenv("SANGKIEN_ASSET_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "sangkien" / "assets"


def test_the_first_visits_files_are_this_streamlits_entry_first_screen_and_plotly():
    files = first_visit_files(str(STATIC))
    manifest = json.loads((STATIC / "manifest.json").read_text(encoding="utf-8"))
    assert files[0] == manifest["index.html"]["file"]
    assert set(manifest["index.html"]["css"]) <= set(files)
    assert set(first_screen_files(str(STATIC))) <= set(files)
    assert any(name.startswith("static/js/PlotlyChart.") for name in files)
    assert all((STATIC / file).is_file() for file in files) and len(set(files)) == len(files)


def test_the_disk_cache_can_be_filled_before_the_first_start(monkeypatch, tmp_path):
    bundle = _bundle(tmp_path)
    monkeypatch.setenv("SANGKIEN_ASSET_CACHE", str(tmp_path / "cache"))
    assert prepare_disk_cache((bundle,)) == 1
    kept = tmp_path / "cache" / f"{_digest(bundle.read_bytes())}.br11"
    assert kept.read_bytes() == compress(bundle.read_bytes(), "br", best=True)
    monkeypatch.setenv("SANGKIEN_ASSET_CACHE", "off")
    assert prepare_disk_cache((bundle,)) == 0
