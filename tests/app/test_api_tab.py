"""The Data page's API tab (AppTest, a real store): an analyst makes a token, sees it once, and revokes it;
viewers see that only analysts can."""

from __future__ import annotations

from analytics import api
from analytics.auth import hash_password
from analytics.store import open_store
from tests.app.test_data_page import PASSWORD, button, data_page


def test_an_analyst_makes_a_token_sees_it_once_and_revokes_it(monkeypatch, tmp_path):
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db)
    at.text_input(key="api_token_name").set_value("website")
    at.radio(key="api_token_scope").set_value("read")
    next(b for b in at.button if "Tạo mã" in b.label).click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [c.value for c in at.code if c.value.startswith("skt_")]
    assert len(shown) == 1 and "Mã chỉ hiện một lần" in " ".join(s.value for s in at.success)
    from ui import store_handle

    store = store_handle.get_store()
    assert api.check(store, shown[0])[0].name == "website"
    at.run()  # the next run no longer shows it
    assert not [c.value for c in at.code if c.value.startswith("skt_")]
    assert at.selectbox(key="api_token_revoke").value == "website"
    button(at, "api_token_revoke_go").click()
    at.run()
    assert api.check(store, shown[0])[1] == "revoked"
    store_handle.close_all()
    opened = open_store(db, read_only=True)
    try:
        assert [
            r[0]
            for r in opened.rows("SELECT detail FROM audit_log WHERE kind = 'token' ORDER BY happened_at")
        ] == [
            '{"action": "create", "expires": "'
            + str(api.listing(opened)["expires_at"][0].date())
            + '", "scope": "read"}',
            '{"action": "revoke"}',
        ]
    finally:
        opened.close()


def test_viewers_cannot_make_tokens(monkeypatch, sample_copy):
    secrets = {"analyst": {"password_hash": hash_password(PASSWORD, n=2**10)}}
    at = data_page(monkeypatch, sample_copy, secrets=secrets)
    assert not [t for t in at.text_input if t.key == "api_token_name"]
    assert "Chỉ cán bộ phân tích tạo và thu hồi mã truy cập API." in [i.value for i in at.info]
