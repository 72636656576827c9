"""The Data page (AppTest, the real upload widget) re-importing a file whose codes, units and headers hold
Unicode spaces and invisible characters: the preview finds the columns, the records are updated, none is
added, and the report says how many cells were cleaned (issue 16)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from analytics.store import open_store
from tests.analytics.ingest import fixtures as fx
from tests.analytics.ingest.test_invisible_codes import CLEAN_CODES, dirty_body, dirty_file
from tests.app.apptest import APP, all_text, metric_values


def upload_and_commit(at: AppTest, name: str, data: bytes, mime: str) -> dict[str, str]:
    at.file_uploader[0].set_value((name, data, mime))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = dict(metric_values(at))
    [commit] = [b for b in at.button if b.key == "data_commit"]
    commit.click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return shown


def test_a_reimport_with_unicode_spaces_in_codes_updates_on_the_data_page(monkeypatch, tmp_path):
    db = tmp_path / "page.duckdb"
    monkeypatch.setenv("SANGKIEN_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    first = upload_and_commit(at, "first.csv", fx.csv_bytes(fx.rows(8)), "text/csv")
    assert first["Thêm mới"] == "8"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    again = upload_and_commit(at, "again.xlsx", dirty_file("xlsx", dirty_body()), xlsx)
    assert (again["Thêm mới"], again["Cập nhật"], again["Bị loại"]) == ("0", "8", "0")
    text = all_text(at)
    assert "Đã cập nhật 8" in " ".join(s.value for s in at.success) or "cập nhật 8" in text
    assert "ở 11 ô" in text
    store = open_store(db)
    try:
        assert [
            r[0] for r in store.rows("SELECT code FROM initiatives WHERE code LIKE 'SK-0%' ORDER BY code")
        ] == CLEAN_CODES
    finally:
        store.close()
