"""The analyst password: salted scrypt hashes, checked in constant time. No Streamlit here (see ui/auth.py).

A hash is one line of text, safe to paste into `.streamlit/secrets.toml`, either as the one analyst
password or as one named analyst's among several (so that every import and edit names its author):

    [analyst]
    password_hash = "scrypt$16384$8$1$<salt, base64>$<key, base64>"

    [analyst.users]
    "lan.nguyen" = "scrypt$16384$8$1$<salt, base64>$<key, base64>"

`python -m analytics hash-password [--name NAME]` (analytics/cli.py) prints exactly those lines.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import json
import secrets

SCHEME = "scrypt"
N, R, P = 2**14, 8, 1  # about 16 MB and 50 ms per check: slow for guessing, quick for a person
KEY_BYTES = 32
SALT_BYTES = 16
MIN_LENGTH = 8


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = N, r: int = R, p: int = P, salt: bytes | None = None) -> str:
    """`scrypt$n$r$p$salt$key` for a password, with a fresh random salt unless one is given."""
    salt = salt if salt is not None else secrets.token_bytes(SALT_BYTES)
    key = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=KEY_BYTES, maxmem=64 * 1024 * 1024
    )
    return f"{SCHEME}${n}${r}${p}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, encoded: str | None) -> bool:
    """True when `password` matches the hash. A malformed or missing hash never matches (and never raises)."""
    if not encoded or not isinstance(password, str):
        return False
    try:
        scheme, n, r, p, salt, key = encoded.strip().split("$")
        if scheme != SCHEME:
            return False
        n_, r_, p_ = int(n), int(r), int(p)
        if not (2 <= n_ <= 2**20 and n_ & (n_ - 1) == 0 and 1 <= r_ <= 32 and 1 <= p_ <= 16):
            return False
        expected = base64.b64decode(key, validate=True)
        derived = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt, validate=True),
            n=n_,
            r=r_,
            p=p_,
            dklen=len(expected),
            maxmem=256 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(derived, expected)


def is_hash(encoded: object) -> bool:
    """Whether a secrets value looks like one of our hashes (so a plain password is never accepted as one)."""
    parts = str(encoded or "").strip().split("$")
    return len(parts) == 6 and parts[0] == SCHEME


def secrets_snippet(password: str) -> str:
    """The lines to paste into .streamlit/secrets.toml."""
    return f'[analyst]\npassword_hash = "{hash_password(password)}"'


def valid_name(name: str) -> bool:
    """An analyst's name as a secrets.toml key: not empty, no quote, backslash or control character."""
    return bool(name.strip()) and not any(c in name for c in '"\\') and all(ord(c) >= 32 for c in name)


def user_snippet(name: str, password: str) -> str:
    """The lines for one named analyst under `[analyst.users]`."""
    return f'[analyst.users]\n{json.dumps(name.strip(), ensure_ascii=False)} = "{hash_password(password)}"'


@functools.cache
def dummy_hash() -> str:
    """A hash checked for a name nobody has, so that a wrong name costs as long as a wrong password."""
    return hash_password(secrets.token_hex(16))
