"""The running server's HTTP API under `/api/v1` (README, section API), its tokens, and the command line's
client for it. Code outside this package uses only the names here.

    api = Api(store=get_store, settings=lambda: Settings(...))   # the server (ui/api_mount.py)
    routes = api.routes()                                           # st.App(routes=...)
    secret = create_token(store, "website", "read", days=90, by="lan.nguyen")
    revoke_token(store, "website", by="lan.nguyen")
    Client("http://127.0.0.1:8501", secret).summary({...})         # `--server URL` on the command line

The handlers need no Streamlit (Starlette only); the server mounts them with the process's store.
"""

from __future__ import annotations

from analytics.api.client import Client, ClientError
from analytics.api.openapi import document
from analytics.api.server import PREFIX, Api, RateLimiter, Settings
from analytics.api.tokens import DEFAULT_DAYS, MAX_DAYS, SCOPES, Token, TokenError, check, listing, valid_name
from analytics.api.tokens import create as create_token
from analytics.api.tokens import revoke as revoke_token

__all__ = [
    "Api", "Settings", "RateLimiter", "PREFIX", "document",
    "create_token", "revoke_token", "listing", "check", "Token", "TokenError", "SCOPES", "DEFAULT_DAYS",
    "MAX_DAYS", "valid_name",
    "Client", "ClientError",
]  # fmt: skip
