"""The Data page in the real Streamlit runtime (AppTest) on real store files: upload, preview, mapping,
validation report, commit, undo, the sample's removal, targets and units, and the analyst gate."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from analytics.auth import hash_password
from analytics.filters import Filters
from analytics.metrics import progress
from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.app.apptest import APP, all_text, metric_values
from tests.conftest import ONE_MILLION

PASSWORD = "mat-khau-phan-tich"


def data_page(
    monkeypatch, db, secrets: dict | None = None, lang: str | None = None, **params: str
) -> AppTest:
    monkeypatch.setenv("SANGKIEN_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if lang:
        at.query_params["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def overview_page(monkeypatch, db, **params: str) -> AppTest:
    monkeypatch.setenv("SANGKIEN_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, key: str):
    found = [b for b in at.button if b.key == key]
    assert found, f"no button {key}: {[b.key for b in at.button]}"
    return found[0]


def metrics(at: AppTest) -> dict[str, str]:
    return dict(metric_values(at))


def registered(db) -> int:
    """The first program's registrations (the files imported here are dated inside it)."""
    store = open_store(db)
    try:
        return int(progress(store, Filters(program=ONE_MILLION)).program["registered"])
    finally:
        store.close()


def test_upload_check_commit_and_the_overview_follows(monkeypatch, sample_copy):
    at = data_page(monkeypatch, sample_copy)
    assert "Ai mở ứng dụng này cũng nhập và sửa được dữ liệu" in all_text(at)  # open-writing notice
    before = registered(sample_copy)
    body = fx.rows(12, prefix="REAL-") + [
        ["13", "REAL-X", "Sai", "A", "Công ty Ma", "", "", "31/02/2022", "", "", ""]
    ]
    at.file_uploader[0].set_value(
        [("danh-sach.csv", fx.csv_bytes(body, encoding="cp1258", delimiter=";", title_rows=[["DANH SÁCH"]]), "text/csv"),
         ("anh.csv", fx.PNG_BYTES, "text/csv")]
    )  # fmt: skip
    at.run()
    assert not at.exception
    shown = metrics(at)
    assert (shown["Thêm mới"], shown["Bị loại"], shown["Bỏ qua"]) == ("12", "1", "0")
    text = all_text(at)
    assert "Windows-1258 (tiếng Việt)" in text and "dấu chấm phẩy" in text and "tiêu đề ở dòng 2" in text
    assert "không phải bảng dữ liệu" in " ".join(e.value for e in at.error)
    errors = at.dataframe[[i for i, d in enumerate(at.dataframe) if "Lý do" in d.value.columns][0]].value
    assert errors.iloc[0].tolist()[:3] == [15, "Đơn vị", "Công ty Ma"]
    assert registered(sample_copy) == before  # nothing written by the preview
    button(at, "data_commit").click()
    at.run()
    assert not at.exception
    success = " ".join(s.value for s in at.success)
    assert "Đã thêm mới 12" in success and "Lần nhập số 2" in success
    assert registered(sample_copy) == before + 12
    overview = overview_page(monkeypatch, sample_copy, program=ONE_MILLION)  # a new visitor's Overview
    assert metric_values(overview)[0] == (
        "Đã đăng ký",
        f"{before + 12:,}".replace(",", "."),
    )


def test_mapping_editor_rescues_unknown_headers(monkeypatch, tmp_path):
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db)
    headers = ("Số TT", "Ký hiệu", "Nội dung đề xuất", "Người thực hiện", "Nơi công tác", "Thời điểm")
    at.file_uploader[0].set_value(
        (
            "x.csv",
            fx.csv_bytes([["1", "K-1", "Ý tưởng", "Lan", "PVEP", "05/05/2022"]], headers=headers),
            "text/csv",
        )
    )
    at.run()
    assert "Thiếu cột bắt buộc" in " ".join(e.value for e in at.error)
    assert not [b for b in at.button if b.key == "data_commit"]
    editor = [d for d in at.data_editor if d.key and d.key.startswith("data_map_")][0]
    at.session_state[editor.key] = {
        "edited_rows": {1: {"field": "Mã sáng kiến"}, 2: {"field": "Tên sáng kiến"}, 3: {"field": "Tác giả"},
                        4: {"field": "Đơn vị"}, 5: {"field": "Ngày đăng ký"}},
        "added_rows": [], "deleted_rows": [],
    }  # fmt: skip
    at.run()
    assert not at.error and metrics(at)["Thêm mới"] == "1"
    button(at, "data_commit").click()
    at.run()
    store = open_store(db)
    try:
        assert store.rows("SELECT code, unit_code, authors FROM initiatives WHERE code = ?", ["K-1"]) == [
            ("K-1", "PVEP", "Lan")
        ]
    finally:
        store.close()


def test_the_preview_shows_the_codes_the_import_stores(monkeypatch, tmp_path):
    """Codes written with a no-break space or a zero-width space: the first rows and the mapping's example
    show them as the import stores them ("SK-00001", not "SK-0000 1")."""
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db)
    body = fx.rows(3)
    body[0][1], body[1][1], body[2][1] = "SK-0000\u00a01", "SK\u3000-00002", "SK-\u200b00003"
    at.file_uploader[0].set_value(("ma.csv", fx.csv_bytes(body), "text/csv"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    first_rows = [d.value for d in at.dataframe if "Mã SK" in d.value.columns][0]
    assert first_rows["Mã SK"].tolist() == ["SK-00001", "SK-00002", "SK-00003"]
    editor = [d for d in at.data_editor if d.key and d.key.startswith("data_map_")][0]
    examples = dict(zip(editor.value["column"], editor.value["example"], strict=True))
    assert examples["Mã SK"] == "SK-00001"
    button(at, "data_commit").click()
    at.run()
    store = open_store(db)
    try:
        assert [r[0] for r in store.rows("SELECT code FROM initiatives WHERE code LIKE 'SK-%' ORDER BY code")] == [
            "SK-00001", "SK-00002", "SK-00003"
        ]  # fmt: skip
    finally:
        store.close()


def test_undo_from_the_history_tab(monkeypatch, tmp_path):
    db = tmp_path / "store.duckdb"
    store = open_store(db)
    from analytics import ingest

    ingest.commit(store, fx.csv_bytes(fx.rows(4)), "a.csv")
    ingest.commit(store, fx.csv_bytes(fx.rows(3, start=20)), "b.csv")
    store.close()
    at = data_page(monkeypatch, db)
    assert [s.value for s in at.selectbox if s.key and s.key.startswith("data_undo_pick")] == [2]
    button(at, "data_undo_ask").click()
    at.run()
    assert "Hoàn tác lần nhập #2?" in " ".join(w.value for w in at.warning)
    button(at, "data_undo_yes").click()
    at.run()
    assert "Đã hoàn tác lần nhập số 2" in " ".join(s.value for s in at.success)
    store = open_store(db)
    try:
        assert store.record_count() == 4
    finally:
        store.close()


def test_removing_the_illustrative_data(monkeypatch, sample_copy):
    at = data_page(monkeypatch, sample_copy)
    assert "Kho đang chứa dữ liệu minh họa" in all_text(at)
    button(at, "data_sample_remove").click()
    at.run()
    button(at, "data_sample_yes").click()
    at.run()
    assert not at.exception
    assert "Đã hoàn tác lần nhập số 1: gỡ 15.817 hồ sơ" in re.sub(
        r"\\(.)", r"\1", " ".join(s.value for s in at.success)
    )  # both programs (the message is written as text: Markdown's characters escaped)
    overview = overview_page(monkeypatch, sample_copy)
    assert "Dữ liệu minh họa." not in all_text(overview) and "chưa có hồ sơ nào" in all_text(overview)
    store = open_store(sample_copy)
    try:
        assert not store.has_sample() and store.record_count() == 0
    finally:
        store.close()


def test_targets_and_units_editors_validate_and_keep_history(monkeypatch, tmp_path):
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db, program=ONE_MILLION)  # the targets of the program chosen in the sidebar
    targets = [d for d in at.data_editor if d.key == "data_targets_editor"][0]
    bsr = targets.value["unit_code"].tolist().index("BSR")
    at.session_state["data_targets_editor"] = {
        "edited_rows": {bsr: {"1": -5}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    button(at, "data_targets_save").click()
    at.run()
    assert "chưa lưu gì" in " ".join(e.value for e in at.error)
    at.session_state["data_targets_editor"] = {
        "edited_rows": {bsr: {"1": 200}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    button(at, "data_targets_save").click()
    at.run()
    units = [d for d in at.data_editor if d.key == "data_units_editor"][0]
    pvep = units.value["code"].tolist().index("PVEP")
    at.session_state["data_units_editor"] = {
        "edited_rows": {pvep: {"aliases": "PV EP | Thăm dò Khai thác | Tổng công ty PVEP mới"}}, "added_rows": [], "deleted_rows": []
    }  # fmt: skip
    at.run()
    button(at, "data_units_save").click()
    at.run()
    assert not at.exception
    store = open_store(db)
    try:
        assert store.one("SELECT target FROM targets WHERE unit_code = 'BSR' AND phase = 1") == 200
        changes = store.rows(
            "SELECT table_name, row_key, column_name, old_value, new_value FROM reference_history ORDER BY 1"
        )
        assert ("targets", "BSR|1|1-trieu-sang-kien", "target", "170", "200") in changes
        assert any(row[0] == "units" and row[1] == "PVEP" and row[2] == "aliases" for row in changes)
        from analytics import ingest

        headers = ("Mã SK", "Tên sáng kiến", "Đơn vị", "Ngày nộp")
        report = ingest.commit(
            store,
            fx.csv_bytes([["N-1", "T", "tong cong ty pvep moi", "01/01/2022"]], headers=headers),
            "n.csv",
        )
        assert (
            report.inserted == 1
            and store.one("SELECT unit_code FROM initiatives WHERE code = 'N-1'") == "PVEP"
        )
    finally:
        store.close()


def test_english_page(monkeypatch, tmp_path):
    at = data_page(monkeypatch, tmp_path / "store.duckdb", lang="en")
    text = all_text(at)
    assert "Anyone who opens this app can import and edit data" in text
    assert [t.label for t in at.tabs] == [
        "Import",
        "Import history",
        "Targets",
        "Units",
        "Programs",
        "Templates and help",
        "Backups",
        "Audit log",
        "API",
    ]
    at.file_uploader[0].set_value(("a.csv", fx.csv_bytes(fx.rows(3)), "text/csv"))
    at.run()
    assert metrics(at)["New"] == "3"


# --- the analyst gate -------------------------------------------------------------------------------------


@pytest.fixture
def password_secrets():
    return {"analyst": {"password_hash": hash_password(PASSWORD, n=2**10)}}


def test_viewers_see_no_write_controls(monkeypatch, sample_copy, password_secrets):
    at = data_page(monkeypatch, sample_copy, secrets=password_secrets)
    text = all_text(at)
    assert "chế độ chỉ đọc" in text and "Ai mở ứng dụng này" not in text
    assert len(at.file_uploader) == 0  # no upload control at all
    keys = {b.key for b in at.button}
    assert not keys & {
        "data_commit",
        "data_sample_remove",
        "data_undo_ask",
        "data_targets_save",
        "data_units_save",
    }
    assert not [d for d in at.data_editor if d.key in ("data_targets_editor", "data_units_editor")]
    assert any(
        d.value.shape[0] == 34 for d in at.dataframe
    )  # the tables are there, read-only (with PVComBank)


def test_password_sign_in(monkeypatch, tmp_path, password_secrets):
    at = data_page(monkeypatch, tmp_path / "store.duckdb", secrets=password_secrets)
    at.text_input(key="auth_password").input("sai-mat-khau")
    [b for b in at.button if b.label == "Đăng nhập"][0].click()
    at.run()
    assert "Mật khẩu không đúng" in " ".join(e.value for e in at.error)
    assert len(at.file_uploader) == 0
    at.text_input(key="auth_password").input(PASSWORD)
    [b for b in at.button if b.label == "Đăng nhập"][0].click()
    at.run()
    assert not at.exception
    assert len(at.file_uploader) == 2 and "Đã đăng nhập với vai trò phân tích" in all_text(at)


def test_a_plain_password_in_secrets_is_never_accepted(monkeypatch, tmp_path):
    at = data_page(monkeypatch, tmp_path / "store.duckdb", secrets={"analyst": {"password_hash": PASSWORD}})
    assert "không phải mã băm" in " ".join(e.value for e in at.error)
    assert len(at.file_uploader) == 0


def _forged_commit(db: str, secrets_hash: str) -> None:
    """A viewer's script run that calls the write functions directly, as a forged request would."""
    import streamlit as st

    from analytics import ingest
    from analytics.ingest import ReadOptions
    from analytics.store import open_store
    from tests.analytics.ingest import fixtures as fx
    from ui import reference_edit, upload
    from ui.context import Context

    store = open_store(db)
    ctx = Context(
        store=store,
        reader=store,
        lang="vi",
        filters=None,
        version=store.data_version(),
        options={},
        sample=False,
    )
    data = fx.csv_bytes(fx.rows(3))
    report = ingest.validate(store, data, "forged.csv")
    upload.commit_files(
        ctx, [upload.Pending("f", "forged.csv", data, ReadOptions(), None, report)], "upsert", ()
    )
    upload.run_undo(ctx, 1)
    import pandas as pd

    reference_edit.save_targets(ctx, pd.DataFrame([{"unit_code": "BSR", "phase": 1, "target": 1}]))
    st.write("forgery attempted")


def test_a_forged_write_is_refused_on_the_server(tmp_path, password_secrets):
    db = tmp_path / "store.duckdb"
    store = open_store(db)
    from analytics import ingest

    ingest.commit(store, fx.csv_bytes(fx.rows(2)), "a.csv")
    store.close()
    at = AppTest.from_function(_forged_commit, args=(str(db), ""), default_timeout=60)
    at.secrets["analyst"] = password_secrets["analyst"]
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    refusals = [e.value for e in at.error]
    assert refusals.count("Không ghi được: thao tác này cần vai trò phân tích.") == 3
    store = open_store(db)
    try:
        assert store.record_count() == 2 and store.one("SELECT count(*) FROM imports") == 1
        assert store.one("SELECT undone_at FROM imports WHERE id = 1") is None
        assert store.one("SELECT target FROM targets WHERE unit_code = 'BSR' AND phase = 1") == 170
    finally:
        store.close()


def test_named_analysts_sign_in_by_name_and_their_work_is_recorded_by_name(monkeypatch, tmp_path):
    """Failure 7: every password user was recorded as "analyst". With `[analyst.users]` each analyst signs
    in with a name and a password of their own; imports and edits name the person, the audit log has the
    sign-ins (the wrong one too) with the address."""
    from analytics import audit

    users = {
        "lan.nguyen": hash_password("mat-khau-cua-lan", n=2**10),
        "minh": hash_password("mat-khau-cua-minh", n=2**10),
    }
    db = tmp_path / "store.duckdb"
    at = data_page(monkeypatch, db, secrets={"analyst": {"users": users}})
    assert at.text_input(key="auth_account")  # the form asks for the name
    at.text_input(key="auth_account").input("lan.nguyen")
    at.text_input(key="auth_password").input("mat-khau-cua-minh")  # minh's password is not lan's
    [b for b in at.button if b.label == "Đăng nhập"][0].click()
    at.run()
    assert "Tên hoặc mật khẩu không đúng." in " ".join(e.value for e in at.error)
    at.text_input(key="auth_account").input("Lan.Nguyen")  # names are matched without regard to case
    at.text_input(key="auth_password").input("mat-khau-cua-lan")
    [b for b in at.button if b.label == "Đăng nhập"][0].click()
    at.run()
    assert not at.exception and "Đã đăng nhập: lan.nguyen (vai trò phân tích)." in all_text(at)
    at.file_uploader[0].set_value(("a.csv", fx.csv_bytes(fx.rows(3, prefix="LAN-")), "text/csv"))
    at.run()
    button(at, "data_commit").click()
    at.run()
    assert "Đã thêm mới 3" in " ".join(s.value for s in at.success)
    store = open_store(db)
    try:
        assert store.rows("SELECT imported_by FROM imports WHERE mode = 'upsert'") == [("lan.nguyen",)]
        log = audit.events(store)
        assert log[["kind", "actor", "address"]].values.tolist()[:3] == [
            ["import", "lan.nguyen", None],
            ["sign_in", "lan.nguyen", "local"],
            ["sign_in_failed", "lan.nguyen", "local"],
        ]
    finally:
        store.close()
    # The Audit tab shows it to the analyst.
    audit_tab = [t for t in at.tabs if t.label == "Nhật ký"][0]
    shown = [d.value for d in audit_tab.dataframe]
    assert shown and shown[0].iloc[0]["Hoạt động"] == "Nhập dữ liệu"
    assert shown[0].iloc[0]["Người thực hiện"] == "lan.nguyen"


def test_a_plain_password_for_a_named_analyst_is_never_accepted(monkeypatch, tmp_path):
    users = {"lan": "mat-khau-dan-nham", "minh": hash_password("mat-khau-cua-minh", n=2**10)}
    at = data_page(monkeypatch, tmp_path / "store.duckdb", secrets={"analyst": {"users": users}})
    assert "không phải mã băm" in " ".join(e.value for e in at.error)
    at.text_input(key="auth_account").input("lan")
    at.text_input(key="auth_password").input("mat-khau-dan-nham")
    [b for b in at.button if b.label == "Đăng nhập"][0].click()
    at.run()
    assert len(at.file_uploader) == 0


def test_failures_count_per_address_and_per_account(monkeypatch):
    """Five wrong passwords lock the address, and the account from every address; a right password gives
    its reserved failure back."""
    from ui import auth

    monkeypatch.setattr(auth, "_FAILS", {})
    address = {"now": "198.51.100.1"}
    monkeypatch.setattr(auth, "client_address", lambda: address["now"])
    for n in range(5):
        address["now"] = f"198.51.100.{n}"  # a new address each time: the account still counts
        assert auth._reserve("lan") is not None
    address["now"] = "198.51.100.99"
    assert auth._reserve("lan") is None and auth._locked_for("lan") > 0
    assert auth._reserve("minh") is not None  # another account from a fresh address
    for _ in range(4):
        assert auth._reserve(f"x{_}") is not None
    assert auth._reserve("y") is None  # that address has had its five
    mark = auth._reserve  # a right password gives its failure back
    monkeypatch.setattr(auth, "_FAILS", {})
    first = mark("lan")
    auth._give_back("lan", first)
    assert auth._FAILS == {}


def _download_script(db: str) -> None:
    import pandas as pd
    import streamlit as st

    from analytics.store import open_store
    from ui.audit_view import logged_download
    from ui.context import Context

    store = open_store(db)
    ctx = Context(store=store, reader=store, lang="vi", filters=None, version=0, options={}, sample=False)
    data = logged_download(
        ctx, "CSV", lambda: pd.DataFrame({"code": ["A", "B", "C"]}), lambda f: b"x" * len(f)
    )
    st.write(f"bytes={len(data())}")


def test_a_download_of_records_is_logged_with_who_and_from_where(tmp_path):
    from analytics import audit

    db = tmp_path / "store.duckdb"
    open_store(db).close()
    at = AppTest.from_function(_download_script, args=(str(db),), default_timeout=60)
    at.run()
    assert not at.exception and at.markdown[0].value == "bytes=3"
    store = open_store(db)
    try:
        row = audit.events(store).iloc[0]
        assert (row["kind"], row["actor"], row["address"], row["detail"]) == (
            "download",
            "local",
            "local",
            {"format": "CSV", "rows": 3},
        )
    finally:
        store.close()


def _refused_and_imported(message_code: str) -> None:
    """The Data page's blocks for a refused file and the last results, with codes taken from a file."""
    from types import SimpleNamespace

    import streamlit as st

    from analytics.ingest import Refusal, Report
    from ui import upload

    ctx = SimpleNamespace(lang="vi", t=lambda key, **v: key)
    codes = "[B](https://evil.example/b), **C**"
    upload.report_block(ctx, Report("f.csv", refusal=Refusal(message_code, {"codes": codes, "id": 3})), "k")
    st.session_state[upload._RESULTS] = [("[f](https://evil.example/f).csv", False, codes, None)]
    upload.last_results(ctx)


def test_a_refusal_naming_codes_from_a_file_shows_them_as_text():
    """A record's code is text from the file ("[B](https://…)" is accepted by an import): the refusal that
    names codes held twice, and the last results, showed it as a link."""
    at = AppTest.from_function(_refused_and_imported, args=("undo_duplicates",), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [e.value for e in at.error]
    assert len(shown) == 2
    for value in shown:
        assert "](https://" not in value.replace("\\]\\(https", "")
        assert "\\[B\\]\\(https" in value and "\\*\\*C\\*\\*" in value
