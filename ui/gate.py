"""The server's gate, below the pages: whose address it trusts, and who may send it files.

- **The trusted address.** `streamlit run` serves the app through uvicorn, whose proxy-header handling takes
  `X-Forwarded-For` as the client's address from any connection of 127.0.0.1 (its default
  `FORWARDED_ALLOW_IPS`), so anyone on the machine, or anything relaying to it, could name a new address on
  every connection and never meet the sign-in lockout. Streamlit passes uvicorn no option for it, so
  `trust_proxies()` (called by app.py when uvicorn imports it, before uvicorn wraps the app) puts this
  policy in its place: the address is the socket's peer, unless that peer is listed in
  `SANGKIEN_TRUSTED_PROXIES` (addresses or networks, comma-separated: the reverse proxy in front of the
  app), in which case the client it forwards for. `st.context.ip_address` then reads that address.
- **Uploads only from analysts.** Streamlit's upload endpoint (`PUT /_stcore/upload_file/{session}/{file}`)
  takes files for any session, and keeps them in memory until the session ends. `UploadGate` answers 403,
  before reading the body, unless the session holds the analyst role: ui.auth records the sessions that
  hold it (`grant`/`revoke`, on every run), and a session that has ended no longer counts.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Awaitable, Callable, MutableMapping, Sequence
from typing import Any

TRUSTED_PROXIES_ENV = "SANGKIEN_TRUSTED_PROXIES"

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

# --- the sessions that hold the analyst role --------------------------------------------------------------

_ANALYSTS: set[str] = set()
_ANALYSTS_LOCK = threading.Lock()


def current_session_id() -> str | None:
    """This script run's Streamlit session id (None outside a run)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
    except ImportError:  # a Streamlit without this module: no session to name
        return None
    return ctx.session_id if ctx is not None else None


def _active(session_id: str) -> bool:
    try:
        from streamlit.runtime import Runtime

        return Runtime.exists() and Runtime.instance().is_active_session(session_id)
    except (ImportError, AttributeError, RuntimeError):  # no runtime (tests calling helpers directly)
        return False


def note_role(session_id: str | None, analyst: bool) -> None:
    """Record whether the session holds the analyst role now (ui.auth calls it on every check); sessions
    that have ended are dropped at the same time."""
    if not session_id:
        return
    with _ANALYSTS_LOCK:
        if analyst:
            _ANALYSTS.add(session_id)
        else:
            _ANALYSTS.discard(session_id)
        for ended in [s for s in _ANALYSTS if s != session_id and not _active(s)]:
            _ANALYSTS.discard(ended)


def holds_role(session_id: str) -> bool:
    """Whether files may be uploaded for this session: it holds the analyst role and is still running."""
    with _ANALYSTS_LOCK:
        listed = session_id in _ANALYSTS
    return listed and _active(session_id)


def forget_uploads(session_id: str | None, file_ids: Sequence[str]) -> None:
    """Drop these uploaded files of the session from the server's memory (after an import has used them:
    the uploader then starts empty and nothing refers to them any more)."""
    if not session_id:
        return
    try:
        from streamlit.runtime import Runtime

        if Runtime.exists():
            manager = Runtime.instance().uploaded_file_mgr
            for file_id in file_ids:
                manager.remove_file(session_id, file_id)
    except (ImportError, AttributeError, RuntimeError):  # no runtime: nothing is held
        return


# --- the upload endpoint ----------------------------------------------------------------------------------

_UPLOAD_PATH = re.compile(r"/_stcore/upload_file/(?P<session>[^/]+)/[^/]+/?$")


class UploadGate:
    """ASGI middleware (st.App's `middleware`): a file PUT for a session without the analyst role is answered
    403 before any of its body is read; everything else passes through unchanged."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and scope.get("method") == "PUT":
            match = _UPLOAD_PATH.search(scope.get("path") or "")
            if match and not holds_role(match["session"]):
                await _refuse(send)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send) -> None:
    body = b"Uploads need the analyst role."
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),  # the unread body is not waited for
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


# --- the trusted address ------------------------------------------------------------------------------------


def trusted_proxies() -> list[str]:
    """The proxies whose `X-Forwarded-For` is believed (`SANGKIEN_TRUSTED_PROXIES`); none by default."""
    return [item.strip() for item in os.environ.get(TRUSTED_PROXIES_ENV, "").split(",") if item.strip()]


def trust_proxies() -> bool:
    """Make uvicorn believe forwarded addresses only from `SANGKIEN_TRUSTED_PROXIES` (see the module's
    docstring). Called when uvicorn imports app.py, which it does before wrapping the app in its proxy-header
    middleware. Returns whether uvicorn is there to configure."""
    try:
        import uvicorn.config
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware
    except ImportError:  # not served by uvicorn (AppTest): no proxy headers are read at all
        return False

    class TrustedProxyHeaders(ProxyHeadersMiddleware):
        """uvicorn's own proxy-header handling, with the proxies this app trusts instead of uvicorn's."""

        def __init__(self, app, trusted_hosts: list[str] | str = "") -> None:
            super().__init__(app, trusted_hosts=trusted_proxies())

    uvicorn.config.ProxyHeadersMiddleware = TrustedProxyHeaders  # type: ignore[misc]
    return True
