"""Streamlit's page and its static bundles sent compressed (br, else gzip), as `st.App` middleware.

Streamlit 1.67 serves its page and its JavaScript bundles uncompressed (its own gzip middleware skips
`/static/` and the root document: Starlette's gzip would compress the same bytes again for every visitor).
Those bytes never change while the server runs, so this middleware compresses each once and keeps the
result: a new visitor's 8 MB become about 2 MB, and the CPU cost is paid once per file per process.

- Which responses: successful GETs that carry an `ETag` (Streamlit's static files: its page and the
  content-hashed bundles under `/static/`) with a compressible type (HTML, JavaScript, CSS, JSON, SVG,
  source maps) and at least `MIN_BYTES`. Nothing else is touched: not the websocket, not `/_stcore/...`
  (health, uploads, host configuration), not `/media/...`, not range requests, not streaming responses
  (they carry no ETag), not a body another layer already encoded.
- Which encoding: br when the request's `Accept-Encoding` offers it, else gzip, else the bytes as they are;
  every such response says `Vary: Accept-Encoding`. The compressed variant's ETag is weak and marked
  (`W/"…-br"`), and a revalidation naming it is answered from the original tag (304 as before).
- When: at server start (the lifespan's start-up), one background thread at the lowest CPU priority
  prepares the br bodies of the page and of the files a first visit to the Overview fetches
  (`first_visit_files`: the entry bundle, its CSS and modules, the first screen's, the emoji table's and
  Plotly's modules: 97 files, 1.6 MB in br) at the best level (br 11: about 12 s of CPU, 10 s of it
  Plotly's 4.7 MB bundle), or reads them from the disk cache. A request for a file with no best body yet compresses it at a fast level (br 5 or gzip 6: 0.1-0.3 s for
  Plotly, in a worker thread) and serves that; the same background thread then recompresses it at the best
  level (br 11, gzip 9) for later visitors.
- Disk cache: every best-level body is also written to `cache_dir()` (`SANGKIEN_ASSET_CACHE`, else
  `$XDG_CACHE_HOME/sangkien/assets`, else `~/.cache/sangkien/assets`; `off` turns it off), named by the
  SHA-256 of the bytes it encodes, so a restarted server (or another one on the machine) serves the best
  level at once. Files are written to a temporary name and renamed (never seen half-written), a body read
  back is used only if it decodes to exactly the file's bytes (a corrupt or foreign one is deleted), and
  the folder is kept under `MAX_DISK_BYTES` (least recently used first). `python -m ui.compression` fills
  it before a machine's first start (without it, that start's first visitors get the fast level).
- Caching: Streamlit already sends `Cache-Control: public, immutable, max-age=31536000` for the hashed
  bundles and `no-cache` for the page; both are kept. The kept bodies are bounded (`MAX_CACHED_BYTES`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import brotli

from ui.page_hints import FIRST_SCREEN, first_screen_files, prepare_page, static_dir

_LOG = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MIN_BYTES = 1000  # below this, compression saves less than its headers cost
MAX_BODY_BYTES = 32 << 20  # a larger body is passed through as it is
MAX_CACHED_BYTES = 64 << 20  # compressed bodies kept, least recently used dropped first
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/wasm")
# Paths never compressed here: Streamlit's own endpoints (websocket, health, uploads...) and media files.
SKIPPED_PREFIXES = ("/_stcore/", "/media/", "/component/", "/app/static/")

MAX_DISK_BYTES = 128 << 20  # the disk cache's bound, least recently used files deleted first
CACHE_ENV = "SANGKIEN_ASSET_CACHE"
# Modules (the build's chunk names) a first visit to the Overview fetches beyond the entry bundle's own: the
# first screen's and the charts'; their bodies are prepared at the best level when the server starts.
FIRST_VISIT = (*FIRST_SCREEN, "PlotlyChart")
# ...and modules the build names by their source only: the emoji table the Markdown loads.
FIRST_VISIT_SOURCES = ("../node_modules/node-emoji/lib/index.js",)

# encoding -> (fast level for the first request, best level for the background upgrade)
_LEVELS = {"br": (5, 11), "gzip": (6, 9)}
_DECODERS: dict[str, Callable[[bytes], bytes]] = {"br": brotli.decompress, "gzip": gzip.decompress}
_VARIANTS = ("br", "gzip", "identity")  # the marks of a variant's ETag
_STALE_TEMP_S = 3600  # a temporary file older than this was left by a process that died while writing


def compress(data: bytes, encoding: str, best: bool) -> bytes:
    """`data` compressed with `encoding` ("br" or "gzip") at its fast or its best level."""
    level = _LEVELS[encoding][1 if best else 0]
    if encoding == "br":
        return brotli.compress(data, quality=level, mode=brotli.MODE_TEXT)
    return gzip.compress(data, compresslevel=level, mtime=0)


def negotiate(accept_encoding: str) -> str | None:
    """The encoding to send for this `Accept-Encoding`: br, else gzip, else None (as is)."""
    offered: dict[str, float] = {}
    for part in accept_encoding.split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name:
            offered[name.strip().lower()] = quality
    for encoding in ("br", "gzip"):
        if offered.get(encoding, offered.get("*", 0.0)) > 0:
            return encoding
    return None


def _variant_etag(etag: str, label: str) -> str:
    """`"abc"` -> `W/"abc-br"`: a weak tag of its own for each variant (br, gzip, identity)."""
    tag = etag.removeprefix("W/")
    return f'W/{tag[:-1]}-{label}"' if tag.endswith('"') else f"W/{tag}-{label}"


def _original_tags(if_none_match: str) -> str:
    """A revalidation's tags with the variant marks removed, so the file handler compares its own tag."""
    tags = []
    for tag in if_none_match.split(","):
        tag = tag.strip().removeprefix("W/")
        for label in _VARIANTS:
            tag = tag.replace(f'-{label}"', '"')
        tags.append(tag)
    return ", ".join(tags)


class _Bodies:
    """Compressed bodies by (path, etag, encoding), least recently used dropped beyond `limit` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit, self.size = limit, 0
        self.items: OrderedDict[tuple, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple) -> bytes | None:
        with self.lock:
            body = self.items.get(key)
            if body is not None:
                self.items.move_to_end(key)
            return body

    def put(self, key: tuple, body: bytes) -> None:
        with self.lock:
            old = self.items.pop(key, None)
            self.size -= len(old) if old is not None else 0
            self.items[key] = body
            self.size += len(body)
            while self.size > self.limit and len(self.items) > 1:
                _, dropped = self.items.popitem(last=False)
                self.size -= len(dropped)


def cache_dir() -> Path | None:
    """The disk cache's folder (see the module's documentation), None when it is turned off."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "sangkien" / "assets"


class DiskBodies:
    """Best-level bodies on disk, named by the SHA-256 of the bytes they encode and their encoding."""

    def __init__(self, folder: Path, limit: int = MAX_DISK_BYTES) -> None:
        self.folder, self.limit = folder, limit

    def _path(self, digest: str, encoding: str) -> Path:
        return self.folder / f"{digest}.{encoding}{_LEVELS[encoding][1]}"

    def get(self, digest: str, encoding: str, data: bytes) -> bytes | None:
        """The kept body for `data`, only if it decodes to exactly `data` (else it is deleted)."""
        path = self._path(digest, encoding)
        try:
            body = path.read_bytes()
        except OSError:
            return None
        try:
            valid = _DECODERS[encoding](body) == data
        except Exception:  # a truncated or foreign file: brotli.error, OSError, EOFError...
            valid = False
        if not valid:
            _LOG.warning("compressed cache file %s is not %s's body: deleted", path.name, digest[:12])
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: kept longest
        return body

    def put(self, digest: str, encoding: str, body: bytes) -> None:
        """Written under a temporary name, synced, then renamed: a reader sees the whole file or none."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(body)
                    out.flush()
                    os.fsync(out.fileno())
                os.replace(temporary, self._path(digest, encoding))
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            self._prune()
        except OSError:  # a full or read-only disk: the body is still served from memory
            _LOG.warning("compressed cache %s not written", self.folder, exc_info=True)

    def _prune(self) -> None:
        entries = []
        for path in self.folder.iterdir():
            with contextlib.suppress(OSError):
                info = path.stat()
                if path.name.startswith(".part-"):
                    if time.time() - info.st_mtime > _STALE_TEMP_S:
                        path.unlink()
                    continue
                entries.append((info.st_mtime, info.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size


def first_visit_files(directory: str) -> tuple[str, ...]:
    """The files (`static/...`) a first visit to the Overview fetches, in the order it needs them: the entry
    bundle's modules and CSS, then the first screen's and Plotly's modules; empty without a manifest."""
    try:
        manifest = json.loads((Path(directory) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    ordered: list[str] = []

    def visit(key: str) -> None:
        entry = manifest.get(key)
        if entry is None or entry["file"] in ordered:
            return
        ordered.append(entry["file"])  # before its imports: no cycle can recurse forever
        for dependency in entry.get("imports", []):
            visit(dependency)
        ordered.extend(css for css in entry.get("css", []) if css not in ordered)

    for key, entry in manifest.items():
        if entry.get("isEntry"):
            visit(key)
    ordered.extend(file for file in first_screen_files(directory, FIRST_VISIT) if file not in ordered)
    for key in FIRST_VISIT_SOURCES:
        visit(key)
    return tuple(ordered)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _lower_priority() -> None:
    """The upgrade thread yields the CPU to visitors (Linux: a thread's own nice value)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


class CompressedAssets:
    """ASGI middleware: see the module's documentation."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        max_cached_bytes: int = MAX_CACHED_BYTES,
        upgrade: bool = True,
        transform_page: Callable[[bytes], bytes] | None = prepare_page,
        disk: DiskBodies | None | str = "default",
        prepared_files: Callable[[], tuple[Path, ...]] | None = None,
    ) -> None:
        """`disk`: the disk cache ("default": `cache_dir()`'s, None: none); `prepared_files`: the files whose
        best bodies are prepared at start-up (default: `first_visit_files` of Streamlit's static folder)."""
        self.app = app
        self.transform_page = transform_page
        self.bodies = _Bodies(max_cached_bytes)
        self.upgrade = upgrade
        if disk == "default":
            folder = cache_dir()
            disk = DiskBodies(folder) if folder is not None else None
        self.disk: DiskBodies | None = disk  # type: ignore[assignment]
        self.prepared_files = prepared_files or _static_first_visit
        self._pending: dict[tuple, asyncio.Future] = {}
        self._upgrader: ThreadPoolExecutor | None = None
        self._upgraded: set[tuple] = set()
        self._fast: dict[tuple, str] = {}  # key -> its data's digest, while its kept body is the fast one
        self._prepared = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan" and self.upgrade:
            self.prepare()  # the server is starting: the first visit's best bodies, in the background
        if scope["type"] != "http" or scope.get("method") != "GET" or self._skipped(scope):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        if b"range" in headers:
            await self.app(scope, receive, send)
            return
        encoding = negotiate(headers.get(b"accept-encoding", b"").decode("latin-1"))
        scope = dict(scope)
        scope["extensions"] = {
            k: v for k, v in (scope.get("extensions") or {}).items() if "pathsend" not in k
        }
        if b"if-none-match" in headers:
            original = _original_tags(headers[b"if-none-match"].decode("latin-1")).encode("latin-1")
            scope["headers"] = [
                (k, original if k == b"if-none-match" else v) for k, v in scope.get("headers") or []
            ]
        if (
            b"text/html" in headers.get(b"accept", b"")
            and "." not in scope.get("path", "").rsplit("/", 1)[-1]
        ):
            # a browser opening a page's path (/units): Streamlit sends its page there already compressed,
            # which would pass untouched and without the page's hints; asked as it is, it is given them and
            # compressed here
            scope["headers"] = [(k, v) for k, v in scope.get("headers") or [] if k != b"accept-encoding"]
        response = _Response(self, scope, send, encoding)
        asked = headers.get(b"if-none-match", b"").decode("latin-1")
        response.variant_asked = any(f'-{label}"' in asked for label in _VARIANTS)
        await self.app(scope, receive, response.send)

    @staticmethod
    def _skipped(scope: Scope) -> bool:
        path = scope.get("path", "")
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root) :] or "/"
        return path.startswith(SKIPPED_PREFIXES)

    async def body_for(self, key: tuple, data: bytes, page: bool) -> bytes:
        """The body for `key` (path, etag, encoding or "identity"): kept, being made by another request, or
        made now (the page given its preload hints; the best body prepared or on disk, else compressed at
        the fast level and recompressed at the best one in the background)."""
        kept = self.kept(key)
        if kept is not None:
            return kept
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        self._pending[key] = future
        best = True
        try:
            if page and self.transform_page is not None:
                data = self.transform_page(data)
            if key[2] == "identity":
                body = data
            else:
                digest = await loop.run_in_executor(None, _digest, data)
                body, best = await loop.run_in_executor(None, self._best_or_fast, digest, data, key[2])
                if not best:
                    self._fast[key] = digest
            self.bodies.put(key, body)
            future.set_result(body)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        finally:
            self._pending.pop(key, None)
        if not best:
            self._schedule_upgrade(key, data)
        return body

    def _best_kept(self, digest: str, encoding: str, data: bytes) -> bytes | None:
        """The best body of `data` prepared in memory or kept on disk (checked), else None."""
        body = self.bodies.get(("sha256", digest, encoding))
        if body is None and self.disk is not None:
            body = self.disk.get(digest, encoding, data)
            if body is not None:
                self.bodies.put(("sha256", digest, encoding), body)
        return body

    def kept(self, key: tuple) -> bytes | None:
        """The body kept for `key`: the best one as soon as it is made, even for a key served the fast one."""
        digest = self._fast.get(key)
        if digest is not None:
            best = self.bodies.get(("sha256", digest, key[2]))
            if best is not None:
                self.bodies.put(key, best)
                self._fast.pop(key, None)
                return best
        return self.bodies.get(key)

    def _best_or_fast(self, digest: str, data: bytes, encoding: str) -> tuple[bytes, bool]:
        """(body, is it the best level's): the kept best body, else `data` compressed at the fast level."""
        best = self._best_kept(digest, encoding, data)
        if best is not None:
            return best, True
        return compress(data, encoding, best=False), False

    def _make_best(self, data: bytes, encoding: str) -> bytes:
        """The best body of `data`: kept, else compressed now and kept in memory and on disk."""
        digest = _digest(data)
        body = self._best_kept(digest, encoding, data)
        if body is None:
            body = compress(data, encoding, best=True)
            self.bodies.put(("sha256", digest, encoding), body)
            if self.disk is not None:
                self.disk.put(digest, encoding, body)
        return body

    def _executor(self) -> ThreadPoolExecutor:
        if self._upgrader is None:
            self._upgrader = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="asset-compression", initializer=_lower_priority
            )
        return self._upgrader

    def prepare(self) -> None:
        """Once per process: the best br bodies of `prepared_files`, made or read from disk in the
        background thread (before any upgrade asked later)."""
        if self._prepared:
            return
        self._prepared = True
        self._executor().submit(self._prepare)

    def _prepare(self) -> None:
        for path in self.prepared_files():
            try:
                data = path.read_bytes()
                if path.name == "index.html" and self.transform_page is not None:
                    data = self.transform_page(data)  # the page as it is served
                if len(data) >= MIN_BYTES:
                    self._make_best(data, "br")
            except Exception:  # a file that cannot be read is compressed when asked, as before
                _LOG.exception("preparing %s failed", path)

    def _schedule_upgrade(self, key: tuple, data: bytes) -> None:
        if not self.upgrade or key in self._upgraded:
            return
        self._upgraded.add(key)
        self._executor().submit(self._upgrade, key, data)

    def _upgrade(self, key: tuple, data: bytes) -> None:
        try:
            self.bodies.put(key, self._make_best(data, key[2]))
            self._fast.pop(key, None)
        except Exception:  # the fast body stays; never a reason to fail a visitor
            _LOG.exception("recompressing %s failed", key[0])

    def wait_for_upgrades(self) -> None:
        """Block until every scheduled best-level recompression is done (for tests and measurements)."""
        if self._upgrader is not None:
            self._upgrader.submit(lambda: None).result()


def _static_first_visit() -> tuple[Path, ...]:
    """Streamlit's page, then `first_visit_files` of its static folder, as paths."""
    directory = static_dir()
    return (directory / "index.html", *(directory / file for file in first_visit_files(str(directory))))


class _Response:
    """One response on its way out: passed through, or held, compressed and sent in one piece."""

    def __init__(self, owner: CompressedAssets, scope: Scope, send: Send, encoding: str | None) -> None:
        self.owner, self.scope, self._send, self.encoding = owner, scope, send, encoding
        self.mode = "pass"  # pass | hold | drop
        self.start: Message | None = None
        self.chunks: list[bytes] = []
        self.key: tuple | None = None
        self.variant_asked = False  # the request revalidated a variant's tag (compressed or hinted page)
        self.page = False  # Streamlit's page, given its preload hints

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            await self._on_start(message)
        elif kind == "http.response.body" and self.mode == "hold":
            self.chunks.append(message.get("body", b""))
            if sum(map(len, self.chunks)) > MAX_BODY_BYTES:
                await self._flush_as_is(message.get("more_body", False))
            elif not message.get("more_body", False):
                await self._send_compressed()
        elif kind == "http.response.body" and self.mode == "drop":
            return
        else:
            await self._send(message)

    async def _on_start(self, message: Message) -> None:
        headers = [(k.lower(), v) for k, v in message.get("headers", [])]
        named = dict(headers)
        status = message.get("status", 200)
        etag = named.get(b"etag", b"").decode("latin-1")
        kind = named.get(b"content-type", b"").decode("latin-1").lower()
        if not etag and kind.startswith("text/html") and b"last-modified" in named:
            # Streamlit serves its page at a page's own path (/units) without a tag: the file's date names
            # it, so that page too gets the page's hints (its language, the translated labels)
            etag = '"page-' + named[b"last-modified"].decode("latin-1").replace('"', "") + '"'
        eligible = (
            etag
            and b"content-encoding" not in named
            and kind.startswith(COMPRESSIBLE)
            and int(named.get(b"content-length", b"0") or 0) >= MIN_BYTES
        )
        page = kind.startswith("text/html") and self.owner.transform_page is not None
        label = self.encoding or "identity"
        if status == 304 and etag and self.variant_asked:
            headers = [(k, v) for k, v in headers if k != b"etag"]
            headers.append((b"etag", _variant_etag(etag, label).encode("latin-1")))
            headers.append((b"vary", b"Accept-Encoding"))
            await self._send({**message, "headers": headers})
            return
        if status != 200 or not eligible:
            await self._send(message)
            return
        headers.append((b"vary", b"Accept-Encoding"))
        if self.encoding is None and not page:
            await self._send({**message, "headers": headers})
            return
        self.page = page
        self.key = (self.scope.get("path", ""), etag, label)
        self.start = {**message, "headers": headers}
        kept = self.owner.kept(self.key)
        if kept is not None:
            self.mode = "drop"
            await self._send_body(kept)
        else:
            self.mode = "hold"

    async def _send_compressed(self) -> None:
        assert self.key is not None
        data = b"".join(self.chunks)
        self.chunks = []
        body = await self.owner.body_for(self.key, data, self.page)
        self.mode = "drop"
        await self._send_body(body)

    async def _send_body(self, body: bytes) -> None:
        assert self.start is not None and self.key is not None
        etag = _variant_etag(self.key[1], self.key[2]).encode("latin-1")
        dropped = (b"content-length", b"etag", b"accept-ranges")
        headers = [(k, v) for k, v in self.start["headers"] if k not in dropped]
        if self.encoding is not None:
            headers.append((b"content-encoding", self.encoding.encode()))
        headers += [(b"content-length", str(len(body)).encode()), (b"etag", etag)]
        await self._send({**self.start, "headers": headers})
        await self._send({"type": "http.response.body", "body": body, "more_body": False})

    async def _flush_as_is(self, more_body: bool) -> None:
        """Too large to hold: send what came so far as it is and pass the rest through."""
        assert self.start is not None
        await self._send(self.start)
        await self._send(
            {"type": "http.response.body", "body": b"".join(self.chunks), "more_body": more_body}
        )
        self.chunks = []
        self.mode = "pass"


def prepare_disk_cache(files: tuple[Path, ...] | None = None) -> int:
    """The best br bodies of `files` (default: the page and the first visit's files) made now and written
    to the disk cache, for a deployment to run once before the server's first start; the bodies made."""
    folder = cache_dir()
    if folder is None:
        return 0
    assets = CompressedAssets(
        _no_app, disk=DiskBodies(folder), prepared_files=(lambda: files) if files else None
    )
    assets.prepare()
    assets.wait_for_upgrades()
    return sum(1 for key in assets.bodies.items if key[0] == "sha256")


async def _no_app(scope: Scope, receive: Receive, send: Send) -> None:
    raise RuntimeError("prepare_disk_cache serves nothing")


if __name__ == "__main__":  # python -m ui.compression: fill the disk cache (about 12 s of CPU)
    print(f"{prepare_disk_cache()} bodies in {cache_dir()}")
