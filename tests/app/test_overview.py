"""The Overview page in the real Streamlit runtime, on real store files. The sample's first program's views
name it (`program=1-trieu-sang-kien`) or an as-of day inside it: a bare link opens the running program."""

from __future__ import annotations

from analytics.store import open_store
from tests.app.apptest import all_text, cards, html_text, metric_values, run_app, url_value
from tests.conftest import DMST, ONE_MILLION


def test_overview_shows_the_published_figures(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, program=ONE_MILLION)
    values = metric_values(at)
    assert ("Đã đăng ký", "7.085") in values
    assert ("Chỉ tiêu", "5.400") in values
    assert ("Tỷ lệ đạt", "131,2%") in values
    assert (
        ("Đã đăng ký", "1.458") in values
        and ("Chỉ tiêu", "1.400") in values
        and ("Tỷ lệ đạt", "104,1%") in values
    )
    assert ("Đơn vị hoàn thành", "18/33") in values
    # Every figure explains itself on hover.
    assert cards(at) and all(card.proto.help for card in cards(at))
    text = all_text(at)
    assert "Giai đoạn 1 ghi nhận 1.458 sáng kiến, đạt 104,1% chỉ tiêu" in text
    assert "BSR, PVCFC, VPI và PVU" in text
    assert "PVFCCo, PV GAS và Ban QLDA NMNĐ Thái Bình 2" in text
    assert "Số liệu tính đến ngày 31/08/2023" in text
    assert "Dữ liệu minh họa" in text
    tiers = html_text(at)
    for code in ("BSR", "VPI", "PVCFC", "PVU"):
        assert f"<b>{code}</b>" in tiers.split("Đạt trên 50%")[0]
    assert len(at.get("plotly_chart")) >= 1


def test_overview_as_of_end_of_phase_one(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, as_of="2022-05-31")
    values = metric_values(at)
    assert values[0] == ("Đã đăng ký", "1.458")
    assert ("Tỷ lệ đạt", "104,1%") in values
    assert "Số liệu tính đến ngày 31/05/2022" in all_text(at)
    assert url_value(at, "as_of") == ["2022-05-31"]  # the URL keeps the view


def test_overview_in_english(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, lang="en", program=ONE_MILLION)
    values = metric_values(at)
    assert ("Registered", "7,085") in values and ("% of target", "131.2%") in values
    assert "Phase 1 recorded 1,458 initiatives, 104.1% of its target" in all_text(at)


def test_phase_filter_from_the_url(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, phase="1")
    values = metric_values(at)
    assert values[0] == ("Đã đăng ký", "1.458")
    assert ("Chỉ tiêu", "4.000") not in values


def test_unit_filter_from_the_url(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, unit="PVEP", program=ONE_MILLION)
    values = metric_values(at)
    assert (
        ("Đã đăng ký", "395") in values
        and ("Chỉ tiêu", "210") in values
        and ("Tỷ lệ đạt", "188,0%") in values
    )


def test_bad_link_values_are_named_not_fatal(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, unit="NOPE", as_of="31-05-2022", program=ONE_MILLION)
    assert metric_values(at)[0] == ("Đã đăng ký", "7.085")
    warning = " ".join(w.value for w in at.warning)
    assert "unit=NOPE" in warning and "as_of=31-05-2022" in warning


def test_new_store_starts_with_the_sample(monkeypatch, tmp_path):
    db = tmp_path / "new" / "store.duckdb"
    at = run_app(monkeypatch, db)
    # a new store opens on the running program: "Đổi mới sáng tạo Dầu khí", as of the sample's last day
    assert metric_values(at)[0] == ("Đã đăng ký", "8.732")
    assert at.session_state["w_program"] == DMST and "Số liệu tính đến ngày 30/06/2026" in all_text(at)
    assert "Tổng quan “Đổi mới sáng tạo Dầu khí 2024–2028”" in all_text(at)
    store = open_store(db)  # same process as the app: same (read-write) configuration
    assert store.record_count() == 7085 + 8732 and store.has_sample()


def test_empty_store_that_had_data_is_not_refilled(monkeypatch, tmp_path):
    """A store whose data were removed on purpose stays empty and says how to load data."""
    db = tmp_path / "emptied.duckdb"
    store = open_store(db)
    with store.transaction() as cur:
        cur.execute("INSERT INTO imports (id, imported_at, mode) VALUES (99, now(), 'upsert')")
    store.close()
    at = run_app(monkeypatch, db)
    assert "chưa có hồ sơ nào" in all_text(at)
    assert not cards(at)


def test_app_on_a_store_held_by_another_process_is_view_only(monkeypatch, sample_copy):
    import subprocess
    import sys

    from tests.analytics.test_store import HOLDER

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(sample_copy)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        at = run_app(monkeypatch, sample_copy, program=ONE_MILLION)
        assert metric_values(at)[0] == ("Đã đăng ký", "7.085")
        notice = " ".join(w.value for w in at.warning)
        assert "đang bị một tiến trình khác giữ để ghi" in notice and "bản sao chụp" in notice
        at.switch_page("pages/data.py")
        at.run()
        assert not at.exception
        assert not at.get("file_uploader")  # nothing can be written to a copy
    finally:
        holder.kill()
        holder.wait()
