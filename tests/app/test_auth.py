"""The analyst role: who may write under each configuration (ui/auth.py), run in the real Streamlit runtime
with AppTest's secrets and signed-in user. The hashes themselves: tests/analytics/test_auth.py."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from analytics.auth import hash_password


def _role_script() -> None:
    import streamlit as st

    from ui.auth import can_write, config

    st.write(f"mode={config().mode} write={can_write()}")


def role(secrets: dict, user: dict | None = None) -> str:
    at = AppTest.from_function(_role_script, default_timeout=30)
    for key, value in secrets.items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at.markdown[0].value


def test_open_mode_without_configuration():
    assert role({}) == "mode=open write=True"


def test_password_mode_starts_closed():
    assert (
        role({"analyst": {"password_hash": hash_password("abcdefgh", n=2**10)}})
        == "mode=password write=False"
    )


OIDC = {"auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s", "client_id": "c",
                 "client_secret": "x", "server_metadata_url": "https://example.com/.well-known/openid-configuration"}}  # fmt: skip


@pytest.mark.parametrize(
    ("emails", "user", "expected"),
    [
        (None, {"is_logged_in": False}, "mode=oidc write=False"),
        (None, {"is_logged_in": True, "email": "ai.do@example.com"}, "mode=oidc write=True"),
        (["lan@pvn.vn"], {"is_logged_in": True, "email": "Lan@PVN.vn"}, "mode=oidc write=True"),
        (["lan@pvn.vn"], {"is_logged_in": True, "email": "minh@pvn.vn"}, "mode=oidc write=False"),
        (
            ["@congdoandaukhi.vn"],
            {"is_logged_in": True, "email": "ha@congdoandaukhi.vn"},
            "mode=oidc write=True",
        ),
        (["@congdoandaukhi.vn"], {"is_logged_in": True, "email": "ha@gmail.com"}, "mode=oidc write=False"),
    ],
)
def test_single_sign_on_analysts_are_the_listed_emails(emails, user, expected):
    secrets = dict(OIDC)
    if emails is not None:
        secrets["analyst"] = {"emails": emails}
    assert role(secrets, user) == expected
