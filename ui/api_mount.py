"""The HTTP API (analytics.api) mounted in the running server: over the process's store (ui.store_handle),
with the deployment's settings: `[api]` in `.streamlit/secrets.toml` (`public_read`, `rate_limit`, read on
every call, as ui.auth reads `[analyst]`), the Data page's upload limits (Streamlit's `server.maxUploadSize`,
ui.upload's rows). The client's address is uvicorn's, which ui.gate's trusted-proxy rule sets."""

from __future__ import annotations

from analytics.api import Api, Settings
from analytics.api.server import DEFAULT_RATE

_API: Api | None = None


def _secrets_api() -> dict:
    import streamlit as st

    try:
        return dict(st.secrets.get("api") or {})
    except Exception:  # no secrets file at all: Streamlit raises its own error types
        return {}


def settings() -> Settings:
    from streamlit import config

    from ui.upload import page_limits

    section = _secrets_api()
    try:
        rate = int(section.get("rate_limit", DEFAULT_RATE))
    except (TypeError, ValueError):
        rate = DEFAULT_RATE
    try:
        upload_mb = int(config.get_option("server.maxUploadSize"))
    except (TypeError, ValueError, RuntimeError):
        upload_mb = 300
    return Settings(
        public_read=section.get("public_read") is True,
        rate_per_minute=max(rate, 1),
        max_upload_bytes=upload_mb * 2**20,
        limits=page_limits(),
    )


def api() -> Api:
    """The process's one API (its rate limits and audit queue live in it)."""
    global _API
    if _API is None:
        from analytics.cli import summary_payload
        from ui.store_handle import get_store

        _API = Api(store=get_store, settings=settings, summary=summary_payload)
    return _API


def routes() -> list:
    return api().routes()


def flush() -> None:
    """At shutdown: the audit rows still queued are written before the store closes."""
    if _API is not None:
        _API.log.flush()
