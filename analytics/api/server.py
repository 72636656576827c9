"""The HTTP API's routes under `/api/v1` (Starlette; served by the app's st.App, see app.py and ui/api_mount.py).

Every route but `/health` and `/openapi.json` needs a token (`Authorization: Bearer skt_...`, see
analytics.api.tokens): reads a `read` or `write` one (or none, when the deployment opens reads to
viewers: `[api] public_read = true`), writes a `write` one. Each call is limited per token (per address
without one), recorded in the audit log (kind `api`, the token's name as the actor, the address the server
trusts: uvicorn's client address, set by ui.gate's trusted-proxy rule, never a header read here), and
answered in JSON; an error is `{"error": code, "message": text}` in the request's language (`lang`, else
`Accept-Language`, else Vietnamese). Imports and undos run exactly as on the Data page: the importer's
public face, with the page's limits (its upload size and rows), a snapshot first, one transaction, the
audit row in it.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import math
import queue
import shutil
import tempfile
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from analytics import audit
from analytics.api import tokens
from analytics.api.openapi import document
from analytics.filters import URL_KEYS, from_query
from analytics.i18n import Lang, t
from analytics.store import READ_ONLY_DAMAGED, SCHEMA_VERSION, Store, StoreError

_LOG = logging.getLogger(__name__)
PREFIX = "/api/v1"
DEFAULT_RATE = 120  # requests per minute per token (per address without one)
DEFAULT_PER_PAGE, MAX_PER_PAGE = 100, 1000
MAX_DOWNLOAD = 300_000  # csv/parquet: at most this many records per call (as the explorer's download)
FILTER_KEYS = tuple(k for k in URL_KEYS if k != "units_as") + ("units_as",)
RECORD_KEYS = ("search", "order", "page", "per_page", "format")
FORMATS = ("json", "csv", "parquet")
ANY_METHOD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
ROUTE_NAMES = (
    "GET /health", "GET /openapi.json", "GET /summary", "GET /units", "GET /programs", "GET /records",
    "POST /imports", "POST /imports/{id}/undo",
)  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """The deployment's API settings, read on every call (ui/api_mount.py reads them from the secrets'
    `[api]` section and Streamlit's `server.maxUploadSize`)."""

    public_read: bool = False
    rate_per_minute: int = DEFAULT_RATE
    max_upload_bytes: int = 300 * 2**20
    limits: Any = None  # analytics.ingest.Limits of the Data page (rows)


class ApiError(Exception):
    """An answer other than 200: HTTP status, code (catalogue `api.error.<code>`) and its values."""

    def __init__(self, status: int, code: str, headers: dict[str, str] | None = None, **params: Any) -> None:
        super().__init__(code)
        self.status, self.code, self.params, self.headers = status, code, params, headers or {}
        self.actor: str | None = None  # the token's name, when the refusal is of a known token


def request_lang(request: Request) -> Lang:
    """`lang` in the query, else the first of vi/en in Accept-Language, else Vietnamese."""
    asked = request.query_params.get("lang")
    if asked in ("vi", "en"):
        return asked  # type: ignore[return-value]
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in ("vi", "en"):
            return code  # type: ignore[return-value]
    return "vi"


def _json_value(value: Any) -> Any:
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return _json_value(value.item())
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if hasattr(value, "tolist"):
        return _json_value(value.tolist())
    return value


def _dumps(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")


class Json(JSONResponse):
    def render(self, content: Any) -> bytes:
        return _dumps(content)


class RateLimiter:
    """At most `per_minute` calls in any 60 s per key (a token's name, or an address)."""

    def __init__(self) -> None:
        self._calls: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait_for(self, key: str, per_minute: int, now: float | None = None) -> float:
        """0 when the call may go ahead (and it is counted), else the seconds until it may."""
        now = time.monotonic() if now is None else now
        with self._lock:
            calls = self._calls.setdefault(key, deque())
            while calls and calls[0] <= now - 60:
                calls.popleft()
            if len(calls) >= per_minute:
                return max(calls[0] + 60 - now, 0.001)
            calls.append(now)
            return 0.0


class AuditQueue:
    """The `api` rows of the audit log, written by one thread of their own: a call never waits for the
    store's write lock (held by an import for seconds) to be answered. `flush()` writes what is waiting
    (the server's shutdown calls it)."""

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def put(self, actor: str | None, address: str | None, subject: str, detail: dict) -> None:
        self._queue.put((actor, address, subject, detail))
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="sangkien-api-audit", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                item = self._queue.get(timeout=5)
            except queue.Empty:
                return
            self._write(item)
            self._queue.task_done()

    def _write(self, item: tuple) -> None:
        try:
            audit.record(self._store(), "api", *item)
        except (StoreError, OSError) as exc:  # never lose the call for its log line
            _LOG.warning("api audit row not written (%s): %s", exc, item)

    def flush(self) -> None:
        while True:
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return
            self._write(item)
            self._queue.task_done()

    def join(self) -> None:
        """Wait until every queued row is written (tests)."""
        self._queue.join()


@dataclass
class Api:
    """The API over the process's store (`store()`: ui.store_handle.get_store in the server) and the
    deployment's settings (`settings()`)."""

    store: Callable[[], Store]
    settings: Callable[[], Settings] = Settings
    # The `summary --json` object (analytics.cli.summary_payload), given by the server that mounts the API,
    # so that the command line, which calls the API through `--server`, and the API do not import each other.
    summary: Callable[..., dict] | None = None
    limiter: RateLimiter = field(default_factory=RateLimiter)
    log: AuditQueue = field(init=False)

    def __post_init__(self) -> None:
        self.log = AuditQueue(self.store)

    def routes(self) -> list[Route]:
        return [
            Route(f"{PREFIX}/health", self._health, methods=["GET"]),
            Route(f"{PREFIX}/openapi.json", self._openapi, methods=["GET"]),
            Route(f"{PREFIX}/summary", self._call(self._summary, "read"), methods=["GET"]),
            Route(f"{PREFIX}/units", self._call(self._units, "read"), methods=["GET"]),
            Route(f"{PREFIX}/programs", self._call(self._programs, "read"), methods=["GET"]),
            Route(f"{PREFIX}/records", self._call(self._records, "read"), methods=["GET"]),
            Route(f"{PREFIX}/imports", self._call(self._import, "write", blocking=False), methods=["POST"]),
            Route(
                f"{PREFIX}/imports/{{import_id:int}}/undo",
                self._call(self._undo, "write"),
                methods=["POST"],
            ),
            # Last: any other path under the prefix (or a route called with another method) answers a JSON
            # 404 naming the routes, not the dashboard's HTML page with status 200.
            Route(f"{PREFIX}/{{rest:path}}", self._not_found, methods=list(ANY_METHOD)),
        ]

    async def _not_found(self, request: Request) -> Response:
        lang = request_lang(request)
        address = request.client.host if request.client else None
        subject = f"{request.method} {request.url.path}"
        response = self._error(ApiError(404, "not_found", route=subject, routes=", ".join(ROUTE_NAMES)), lang)
        self.log.put(None, address, subject, self._detail(request, response))
        return response

    # --- the frame every call goes through ------------------------------------------------------------

    def _call(self, handler: Callable, scope: str, blocking: bool = True) -> Callable:
        async def endpoint(request: Request) -> Response:
            lang = request_lang(request)
            address = request.client.host if request.client else None
            subject = f"{request.method} {request.url.path}"
            actor: str | None = None
            try:
                settings = self.settings()
                token = await asyncio.to_thread(self._authorise, request, scope, settings, address)
                actor = token.name if token else None
                key = f"token:{token.name}" if token else f"address:{address}"
                wait = self.limiter.wait_for(key, max(int(settings.rate_per_minute), 1))
                if wait:
                    raise ApiError(
                        429, "rate", {"Retry-After": str(math.ceil(wait))}, n=settings.rate_per_minute
                    )
                if blocking:
                    response = await asyncio.to_thread(handler, request, lang, actor)
                else:
                    response = await handler(request, lang, actor, settings)
            except ApiError as exc:
                actor = actor or exc.actor
                response = self._error(exc, lang)
            except StoreError as exc:
                response = self._error(ApiError(503, "store", detail=exc.code), lang)
            self.log.put(actor, address, subject, self._detail(request, response))
            return response

        return endpoint

    @staticmethod
    def _detail(request: Request, response: Response) -> dict:
        detail: dict[str, Any] = {"status": response.status_code}
        if request.url.query:
            detail["query"] = request.url.query[:500]
        return detail

    def _authorise(self, request: Request, scope: str, settings: Settings, address: str | None):
        header = request.headers.get("authorization", "")
        secret = header[7:].strip() if header[:7].lower() == "bearer " else None
        if not secret and scope == "read" and settings.public_read:
            return None
        if not secret:
            self._count_failure(settings, address)
            raise ApiError(401, "token_missing", {"WWW-Authenticate": "Bearer"})
        token, problem = tokens.check(self.store(), secret)
        if problem:
            self._count_failure(settings, address)
            refusal = ApiError(401, f"token_{problem}", {"WWW-Authenticate": "Bearer"})
            refusal.actor = token.name if token else None  # a revoked or expired token's name is logged
            raise refusal
        if not token.allows(scope):
            refusal = ApiError(403, "scope", name=token.name, scope=token.scope)
            refusal.actor = token.name
            raise refusal
        return token

    def _count_failure(self, settings: Settings, address: str | None) -> None:
        """Calls without a usable token count against their address's limit too (no flood of guesses)."""
        wait = self.limiter.wait_for(f"address:{address}", max(int(settings.rate_per_minute), 1))
        if wait:
            raise ApiError(429, "rate", {"Retry-After": str(math.ceil(wait))}, n=settings.rate_per_minute)

    @staticmethod
    def _error(exc: ApiError, lang: Lang) -> Response:
        message = t(f"api.error.{exc.code}", lang, **exc.params)
        body = {"error": exc.code, "message": message} | {
            k: v for k, v in exc.params.items() if k in ("parameters", "limit")
        }
        return Json(body, status_code=exc.status, headers=exc.headers)

    # --- reads ------------------------------------------------------------------------------------------

    async def _openapi(self, request: Request) -> Response:
        return Json(document())

    async def _health(self, request: Request) -> Response:
        lang = request_lang(request)
        return await asyncio.to_thread(self._health_body, lang)

    def _health_body(self, lang: Lang) -> Response:
        try:
            store = self.store()
        except StoreError as exc:
            return Json(
                {
                    "state": "unavailable",
                    "reason": exc.code,
                    "message": t("api.error.store", lang, detail=exc.code),
                },
                status_code=503,
            )
        reason = store.read_only_reason if store.read_only else None
        state = "ok" if not store.read_only else ("damaged" if reason == READ_ONLY_DAMAGED else "read_only")
        snap = store.snapshot()
        try:
            newest = snap.rows(
                """SELECT id, file_name, imported_at, imported_by, mode FROM imports
                   WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"""
            )
            body = {
                "state": state,
                "reason": reason,
                "message": t(f"store.read_only.{reason}", lang, detail=store.read_only_detail)
                if reason
                else None,
                "data_version": snap.data_version(),
                "schema_version": int(snap.one("SELECT value FROM meta WHERE key = 'schema_version'") or 0),
                "code_schema_version": SCHEMA_VERSION,
                "records": snap.record_count(),
                "newest_import": (
                    dict(
                        zip(
                            ("id", "file", "imported_at", "imported_by", "mode"),
                            _json_value(list(newest[0])),
                            strict=True,
                        )
                    )
                    if newest
                    else None
                ),
            }
        finally:
            snap.close()
        return Json(body, status_code=503 if state == "damaged" else 200)

    def _filters(self, request: Request, snap, extra: tuple[str, ...] = ()):
        """The pages' URL parameters, checked as the pages check them; anything unknown is a 422 naming it."""
        from analytics import metrics

        unknown = [k for k in request.query_params if k not in FILTER_KEYS + extra]
        params = {k: request.query_params.getlist(k) for k in request.query_params if k in FILTER_KEYS}
        options = metrics.filter_options(snap)
        filters, _lang, dropped = from_query(
            params,
            known_units=[u["code"] for u in options["units"]],
            known_groups=options["groups"],
            known_fields=options["fields"],
            known_phases=[int(p["phase"]) for p in options["phases"]],
            programs=options.get("programs") or None,
            last_day=options.get("last_day"),
        )
        dropped += [f"lang={v}" for v in request.query_params.getlist("lang") if v not in ("vi", "en")]
        if unknown:
            raise ApiError(422, "unknown_parameter", parameters=unknown, names=", ".join(unknown))
        if dropped:
            raise ApiError(422, "bad_value", parameters=dropped, names=", ".join(dropped))
        return filters

    def _read(self, work: Callable) -> Any:
        snap = self.store().snapshot()
        try:
            return work(snap)
        finally:
            snap.close()

    def _summary(self, request: Request, lang: Lang, actor: str | None) -> Response:
        payload = self.summary
        if payload is None:
            raise ApiError(503, "store", detail="summary")
        return Json(self._read(lambda snap: payload(snap, self._filters(request, snap), lang)))

    def _units(self, request: Request, lang: Lang, actor: str | None) -> Response:
        def work(snap):
            self._filters(request, snap)  # the same checks (lang), though units take no filter
            rows = snap.rows(
                "SELECT code, name, short_name, group_name, parent_code, members, aliases FROM units ORDER BY code"
            )
            keys = ("code", "name", "short_name", "group", "parent", "members", "aliases")
            return [dict(zip(keys, _json_value(list(r)), strict=True)) for r in rows]

        return Json({"units": self._read(work)})

    def _programs(self, request: Request, lang: Lang, actor: str | None) -> Response:
        from analytics.programs import load_programs

        def work(snap):
            self._filters(request, snap)
            return [
                {
                    "code": p.code,
                    "name": p.title(lang),
                    "start": p.start_on.isoformat(),
                    "end": p.end_on.isoformat(),
                    "target": p.target,
                    "noun": p.noun(lang),
                    "period_word": p.period_word(lang),
                    "periods": [
                        {
                            "period": x.period,
                            "name": x.name,
                            "start": x.start_on.isoformat(),
                            "end": x.end_on.isoformat(),
                            "target": x.target,
                            "theme": x.theme,
                        }
                        for x in p.periods
                    ],
                }
                for p in load_programs(snap)
            ]

        return Json({"programs": self._read(work)})

    def _records(self, request: Request, lang: Lang, actor: str | None) -> Response:
        from analytics import export, metrics

        q = request.query_params
        fmt = q.get("format", "json")
        if fmt not in FORMATS:
            raise ApiError(422, "bad_value", parameters=[f"format={fmt}"], names=f"format={fmt}")
        limit = MAX_PER_PAGE if fmt == "json" else MAX_DOWNLOAD
        try:
            page = int(q.get("page", "1"))
            per_page = int(q.get("per_page", str(DEFAULT_PER_PAGE if fmt == "json" else limit)))
        except ValueError:
            raise ApiError(422, "bad_value", parameters=["page/per_page"], names="page, per_page") from None
        if page < 1 or not 1 <= per_page <= limit:
            raise ApiError(422, "bad_page", limit=limit)
        order = q.get("order", "registered_desc")
        if order not in metrics.RECORD_ORDERS:
            raise ApiError(422, "bad_value", parameters=[f"order={order}"], names=f"order={order}")

        def work(snap):
            filters = self._filters(request, snap, RECORD_KEYS)
            return metrics.records_page(
                snap, filters, q.get("search", ""), order, limit=per_page, offset=(page - 1) * per_page
            )

        frame, total = self._read(work)
        pages = max(math.ceil(total / per_page), 1)
        paging = {"X-Total-Count": str(total), "X-Page": str(page), "X-Pages": str(pages)}
        if fmt == "csv":
            return Response(
                export.records_csv(frame, lang), media_type="text/csv; charset=utf-8", headers=paging
            )
        plain = export.records_plain(frame)
        if fmt == "parquet":
            return Response(
                export.records_parquet(plain), media_type="application/vnd.apache.parquet", headers=paging
            )
        rows = [
            {c: _json_value(v) for c, v in zip(plain.columns, row, strict=True)}
            for row in plain.itertuples(index=False)
        ]
        return Json(
            {"page": page, "per_page": per_page, "total": total, "pages": pages, "records": rows},
            headers=paging,
        )

    # --- writes -----------------------------------------------------------------------------------------

    def _writable(self, lang: Lang) -> Store:
        store = self.store()
        if store.read_only:
            reason = t(f"store.read_only.{store.read_only_reason}", lang, detail=store.read_only_detail)
            raise ApiError(503, "read_only", detail=reason)
        return store

    async def _import(self, request: Request, lang: Lang, actor: str | None, settings: Settings) -> Response:
        limit = int(settings.max_upload_bytes)
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit + 64 * 1024:
            raise ApiError(413, "too_large", limit=limit, size=_mb(limit, lang))
        received = 0
        upstream = request.receive

        async def counted() -> dict:
            nonlocal received
            message = await upstream()
            received += len(message.get("body", b""))
            if received > limit + 64 * 1024:
                raise ApiError(413, "too_large", limit=limit, size=_mb(limit, lang))
            return message

        limited = Request(request.scope, counted)
        workdir = Path(tempfile.mkdtemp(prefix="sangkien-api-"))
        try:
            try:
                form = await limited.form(max_files=1, max_fields=40)
            except ApiError:
                raise
            except Exception as exc:  # not multipart, or broken
                raise ApiError(422, "bad_form", detail=str(exc)[:200]) from None
            upload = form.get("file")
            if upload is None or isinstance(upload, str) or not getattr(upload, "filename", None):
                raise ApiError(422, "no_file")
            name = Path(urllib.parse.unquote(upload.filename)).name or "upload"
            path = workdir / name
            with path.open("wb") as out:
                await asyncio.to_thread(shutil.copyfileobj, upload.file, out, 1 << 20)
            await upload.close()
            if path.stat().st_size > limit:
                raise ApiError(413, "too_large", limit=limit, size=_mb(limit, lang))
            fields = {k: form.getlist(k) for k in form if k != "file"}
            with contextlib.suppress(Exception):
                await form.close()
            body, status = await asyncio.to_thread(
                self._run_import, path, name, fields, lang, actor, settings
            )
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return Json(body, status_code=status)

    def _run_import(
        self,
        path: Path,
        name: str,
        fields: dict[str, list],
        lang: Lang,
        actor: str | None,
        settings: Settings,
    ) -> tuple[dict, int]:
        from analytics import ingest, metrics
        from analytics.programs import load_programs

        def last(key: str, default: str | None = None) -> str | None:
            values = [str(v) for v in fields.get(key, []) if str(v).strip()]
            return values[-1].strip() if values else default

        known = {"mode", "program", "unit", "dry_run", "lang"}
        unknown = sorted(set(fields) - known)
        if unknown:
            raise ApiError(422, "unknown_parameter", parameters=unknown, names=", ".join(unknown))
        mode = last("mode", "upsert")
        dry_run = (last("dry_run", "false") or "").lower()
        units = [str(u).strip() for u in fields.get("unit", []) if str(u).strip()]
        bad = [] if mode in ingest.MODES else [f"mode={mode}"]
        if dry_run not in ("true", "false", "1", "0", "yes", "no"):
            bad.append(f"dry_run={dry_run}")
        if bad:
            raise ApiError(422, "bad_value", parameters=bad, names=", ".join(bad))
        if units and mode != "replace":
            raise ApiError(422, "unit_needs_replace")
        dry = dry_run in ("true", "1", "yes")
        store = self._writable(lang) if not dry else self.store()
        program = last("program")
        if program is not None and program not in [p.code for p in load_programs(store)]:
            raise ApiError(422, "bad_value", parameters=[f"program={program}"], names=f"program={program}")
        by = f"api:{actor}" if actor else "api"
        runner = ingest.validate if dry else ingest.commit
        kwargs: dict[str, Any] = {"mode": mode, "units": units, "limits": settings.limits, "program": program}
        if not dry:
            kwargs["by"] = by
        report = runner(store, path, name, **kwargs)
        payload = report.as_json(lang)
        if dry:
            payload["preview"] = report.preview_json()
        elif report.ok:
            from analytics import quality

            duplicates = quality.probable_duplicates(store, report)  # as `import --json` says it
            if duplicates is not None:
                payload["probable_duplicates"] = duplicates
            with contextlib.suppress(Exception):  # the import is committed; the pages rebuild it otherwise
                metrics.refresh_author_index(store)
        return payload, 200 if report.ok else 422

    def _undo(self, request: Request, lang: Lang, actor: str | None) -> Response:
        from analytics import ingest, metrics

        store = self._writable(lang)
        import_id = int(request.path_params["import_id"])
        result = ingest.undo(store, import_id, by=f"api:{actor}" if actor else "api")
        if result.ok:
            with contextlib.suppress(Exception):
                metrics.refresh_author_index(store)
        body = {
            "import_id": import_id,
            "ok": result.ok,
            "message": result.message(lang),
            "deleted": result.deleted,
            "restored": result.restored + result.reinserted,
        }
        return Json(body, status_code=200 if result.ok else 409)


def _mb(limit: int, lang: Lang) -> str:
    from analytics.i18n import fmt_int

    return fmt_int(limit // 2**20, lang) + " MB"
