"""The analyst password's scrypt hashes (analytics/auth.py): salted, checked in constant time, never raising."""

from __future__ import annotations

import pytest

from analytics.auth import hash_password, is_hash, secrets_snippet, verify_password


def test_hashes_are_salted_and_verified_in_constant_time():
    one, two = hash_password("mật khẩu dài"), hash_password("mật khẩu dài")
    assert one != two and one.startswith("scrypt$16384$8$1$")  # a fresh salt every time
    assert verify_password("mật khẩu dài", one) and verify_password("mật khẩu dài", two)
    assert not verify_password("mật khẩu dai", one)
    assert is_hash(one) and not is_hash("mật khẩu dài")
    assert secrets_snippet("x" * 8).startswith('[analyst]\npassword_hash = "scrypt$')


@pytest.mark.parametrize(
    "encoded",
    [None, "", "plain-password", "scrypt$x$8$1$AAAA$BBBB", "bcrypt$16384$8$1$AAAA$BBBB", "scrypt$3$8$1$AAAA$BBBB",
     "scrypt$16384$8$1$not base64!$BBBB", "scrypt$16384$8$1$AAAA", "scrypt$1048576$64$64$AAAA$BBBB"],
)  # fmt: skip
def test_malformed_hashes_never_match_and_never_raise(encoded):
    assert verify_password("anything", encoded) is False
