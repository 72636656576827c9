"""API tokens: made by analysts (the Data page's API tab, `python -m analytics token create`), each named,
scoped `read` or `write`, with an expiry, and revocable. The token itself is shown once, when it is made;
the store keeps only its SHA-256 (a token is 32 random bytes, so a fast hash is enough: nothing can be
guessed from it, unlike a password). Making and revoking a token is logged (audit kind `token`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

import pandas as pd

from analytics import audit
from analytics.store import Reader, Store

SCOPES: tuple[str, ...] = ("read", "write")
PREFIX = "skt_"  # every token starts so, so a leaked one is easy to recognise (and to scan for)
DEFAULT_DAYS = 90
MAX_DAYS = 3650
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


class TokenError(ValueError):
    """A token that cannot be made or revoked: `code` names the catalogue text (`api.token.<code>`)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Token:
    """A token as the store knows it (never the token itself)."""

    name: str
    scope: str
    expires_at: dt.datetime
    revoked_at: dt.datetime | None

    def allows(self, scope: str) -> bool:
        """A write token may also read; a read token only reads."""
        return self.scope == "write" or scope == "read"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def valid_name(name: str) -> bool:
    return bool(_NAME.match(name or ""))


def create(store: Store, name: str, scope: str, days: int = DEFAULT_DAYS, by: str | None = None) -> str:
    """Make a token and return it (the only time it is seen). Raises TokenError for a bad name, scope or
    number of days, or a name already used (a revoked token's name too: the audit log names it)."""
    name = (name or "").strip()
    if not valid_name(name):
        raise TokenError("bad_name", name=name)
    if scope not in SCOPES:
        raise TokenError("bad_scope", scope=scope)
    if not 1 <= int(days) <= MAX_DAYS:
        raise TokenError("bad_days", days=days, max=MAX_DAYS)
    secret = PREFIX + secrets.token_urlsafe(32)
    now = _now()
    expires = now + dt.timedelta(days=int(days))
    with store.log_write() as cur:
        if cur.execute("SELECT count(*) FROM api_tokens WHERE name = ?", [name]).fetchone()[0]:
            raise TokenError("exists", name=name)
        cur.execute(
            "INSERT INTO api_tokens VALUES (?, ?, ?, ?, ?, ?, NULL, NULL)",
            [name, digest(secret), scope, now, by, expires],
        )
        audit.record_in(
            cur, "token", by, None, name, {"action": "create", "scope": scope, "expires": expires.date()}
        )
    return secret


def revoke(store: Store, name: str, by: str | None = None) -> None:
    """Revoke a token from now on. Raises TokenError `unknown` (no such name) or `already_revoked`."""
    with store.log_write() as cur:
        row = cur.execute("SELECT revoked_at FROM api_tokens WHERE name = ?", [name]).fetchone()
        if row is None:
            raise TokenError("unknown", name=name)
        if row[0] is not None:
            raise TokenError("already_revoked", name=name)
        cur.execute("UPDATE api_tokens SET revoked_at = ?, revoked_by = ? WHERE name = ?", [_now(), by, name])
        audit.record_in(cur, "token", by, None, name, {"action": "revoke"})


def listing(reader: Reader) -> pd.DataFrame:
    """Every token, newest first: name, scope, created_at, created_by, expires_at, revoked_at, revoked_by
    (never the hash)."""
    return reader.df(
        """SELECT name, scope, created_at, created_by, expires_at, revoked_at, revoked_by
           FROM api_tokens ORDER BY created_at DESC, name"""
    )


def check(reader: Reader, secret: str | None) -> tuple[Token | None, str | None]:
    """The token a request presents: (token, None) when it may be used now, else (None or the token, why
    not: `missing`, `unknown`, `revoked`, `expired`)."""
    if not secret:
        return None, "missing"
    wanted = digest(secret.strip())
    row = reader.rows(
        "SELECT name, scope, expires_at, revoked_at, token_hash FROM api_tokens WHERE token_hash = ?",
        [wanted],
    )
    if not row or not hmac.compare_digest(row[0][4], wanted):
        return None, "unknown"
    token = Token(name=row[0][0], scope=row[0][1], expires_at=row[0][2], revoked_at=row[0][3])
    if token.revoked_at is not None:
        return token, "revoked"
    if token.expires_at <= dt.datetime.now():
        return token, "expired"
    return token, None
