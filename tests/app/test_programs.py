"""Programs in the real Streamlit runtime (AppTest) on copies of the sample store: the program switch in the
sidebar, the period filter following the program, the comparisons and the three rankings, the Programs tab.

AppTest re-runs only the page script after a run of app.py, so the switch is driven through a script that
is the shell and a page together (ui.shell.setup, then the page), as app.py runs them."""

from __future__ import annotations

import html

import pytest
from streamlit.testing.v1 import AppTest

from analytics.auth import hash_password
from tests.app.apptest import all_text, metric_values, run_app
from tests.conftest import DMST, ONE_MILLION, ROOT


def _shell_and_page(page: str) -> None:
    """app.py's run without the navigation: the shell (store, filters, sidebar) and then one page."""
    import runpy

    from ui.shell import setup
    from ui.store_handle import release_snapshot

    setup()
    try:
        runpy.run_path(page)
    finally:
        release_snapshot()


def shell_app(monkeypatch, db, page: str = "overview") -> AppTest:
    monkeypatch.setenv("SANGKIEN_DB", str(db))
    at = AppTest.from_function(
        _shell_and_page, args=(str(ROOT / "pages" / f"{page}.py"),), default_timeout=120
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_program_switch_changes_every_figure_and_the_period_filter(monkeypatch, sample_copy):
    at = shell_app(monkeypatch, sample_copy)
    assert at.session_state["w_program"] == DMST
    assert metric_values(at)[0] == ("Đã đăng ký", "8.732")
    phases = at.segmented_control(key="w_phase")
    assert phases.label == "Năm" and phases.options == ["Tất cả", "2024", "2025", "2026"]
    assert "Tổng quan “Đổi mới sáng tạo Dầu khí 2024–2028”" in all_text(at)
    assert "sản phẩm sáng tạo" in all_text(at) and "Công đoàn Petrovietnam" in all_text(at)

    at.date_input(key="w_as_of").set_value(__import__("datetime").date(2025, 12, 31)).run()
    assert metric_values(at)[0] == ("Đã đăng ký", "7.072")  # 2024 and 2025

    at.selectbox(key="w_program").select(ONE_MILLION).run()
    assert not at.exception
    assert metric_values(at)[0] == ("Đã đăng ký", "7.085")
    assert at.session_state["w_as_of"] is None  # the as-of day belongs to the other program: cleared
    phases = at.segmented_control(key="w_phase")
    assert phases.label == "Giai đoạn" and phases.options == ["Tất cả", "GĐ 1", "GĐ 2"]
    text = all_text(at)
    assert "Giai đoạn 1 ghi nhận 1.458 sáng kiến" in text and "Công đoàn Dầu khí Việt Nam" in text

    phases.set_value(1).run()
    assert metric_values(at)[0] == ("Đã đăng ký", "1.458")


def test_the_switch_in_english_names_what_each_program_counts(monkeypatch, sample_copy):
    at = shell_app(monkeypatch, sample_copy)
    at.segmented_control(key="w_lang").set_value("en").run()
    text = all_text(at)
    assert "creative products" in text and "Year 2024" in text
    at.selectbox(key="w_program").select(ONE_MILLION).run()
    assert "Phase 1 recorded 1,458 initiatives" in all_text(at)


def test_a_link_with_a_year_opens_that_year_of_the_program(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, phase="2025")
    values = metric_values(at)
    assert values[0] == ("Đã đăng ký", "3.644") and ("Tỷ lệ đạt", "186,8%") in values
    text = all_text(at)
    assert "Năm 2025 so với cùng kỳ năm 2024" in text
    assert "Năm 2025 ghi nhận 3.644 sản phẩm sáng tạo" in text


def test_the_overview_compares_with_the_same_point_before_and_the_earlier_program(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy)
    values = dict(metric_values(at))
    assert values["Năm 2026 (đến 30/06/2026)"] == "1.660"
    assert "Cùng kỳ năm 2025 (đến 30/06/2025)" in values
    assert values["Sau 49,9% thời gian (đến 30/06/2026)"] == "8.732 · 153,6%"
    assert any(label.startswith("“1 triệu sáng kiến” sau 49,9%") for label in values)


def test_units_rank_in_three_categories_side_by_side(monkeypatch, sample_copy):
    at = run_app(monkeypatch, sample_copy, page="units", phase="2025")
    values = dict(metric_values(at))
    assert values["Dẫn đầu số đăng ký"] == "BSR · 869"
    assert values["Dẫn đầu giá trị làm lợi"].startswith("BSR · 34.893")
    table = [d for d in at.dataframe if "Hạng theo số đăng ký" in d.value.columns][0].value
    ranked = table.set_index("Đơn vị")
    assert (
        ranked.loc["BSR", "Hạng theo số đăng ký"] == 1 and ranked.loc["BSR", "Hạng theo giá trị làm lợi"] == 1
    )
    assert list(table.sort_values("Hạng theo số đăng ký")["Đơn vị"][:5]) == [
        "BSR",
        "PVFCCo",
        "PVComBank",
        "Vietsovpetro",
        "PV Power",
    ]
    compared = [d for d in at.dataframe if "Cùng kỳ năm 2024" in d.value.columns]
    assert compared and "PVComBank" in compared[0].value["Đơn vị"].tolist()


def test_units_as_they_were_then(monkeypatch, sample_copy):
    today = run_app(monkeypatch, sample_copy, page="units", phase="2024")
    then = run_app(monkeypatch, sample_copy, page="units", phase="2024", units_as="then")
    assert "Cơ quan Tập đoàn Công nghiệp – Năng lượng Quốc gia Việt Nam" in str(
        [d.value.to_dict() for d in today.dataframe]
    )
    assert "Cơ quan Tập đoàn Dầu khí Quốc gia Việt Nam" in str([d.value.to_dict() for d in then.dataframe])
    assert "đơn vị theo khi đó" in all_text(then)


@pytest.fixture
def password_secrets():
    return {"analyst": {"password_hash": hash_password("mat-khau-phan-tich", n=2**10)}}


def test_the_programs_tab_is_read_only_for_viewers(monkeypatch, sample_copy, password_secrets):
    monkeypatch.setenv("SANGKIEN_DB", str(sample_copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.secrets["analyst"] = password_secrets["analyst"]
    at.run()
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception
    assert not [b for b in at.button if (b.key or "").startswith("setup_")]
    assert any("Năm 2026" in d.value.to_string() for d in at.dataframe)  # the periods, read-only


def test_the_import_preview_asks_which_program_when_windows_overlap(monkeypatch, sample_copy):
    from analytics.store import open_store
    from tests.analytics.ingest import fixtures as fx

    store = open_store(sample_copy)
    with store.transaction() as cur:  # a provincial program running inside the national one
        cur.execute(
            """INSERT INTO programs (code, name, start_on, end_on, noun_vi, noun_en, period_word_vi, period_word_en)
               VALUES ('tinh', 'Sáng tạo tỉnh 2025', DATE '2025-03-01', DATE '2025-12-31', 'sáng kiến',
                       'initiatives', 'Đợt', 'Round')"""
        )
    store.close()
    at = run_app(monkeypatch, sample_copy, page="data")
    headers = ("Mã sáng kiến", "Tên sáng kiến", "Đơn vị", "Ngày đăng ký")
    body = [["T-1", "Bơm", "BSR", "01/06/2025"], ["T-2", "Van", "BSR", "01/02/2025"]]
    at.file_uploader[0].set_value(("tinh.csv", fx.csv_bytes(body, headers=headers), "text/csv"))
    at.run()
    assert "nằm trong thời gian của nhiều chương trình" in " ".join(e.value for e in at.error)
    choice = [s for s in at.selectbox if (s.key or "").startswith("data_program_")][0]
    assert choice.options == ["Sáng tạo tỉnh 2025", "Đổi mới sáng tạo Dầu khí 2024–2028"]
    assert not [b for b in at.button if b.key == "data_commit"]
    choice.select("tinh").run()
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "Tệp có hồ sơ của 2 chương trình" in warning  # the file is split, and says so
    [b for b in at.button if b.key == "data_commit"][0].click().run()
    store = open_store(sample_copy)  # same process as the app: same (read-write) configuration
    try:
        assert store.rows("SELECT code, program_code FROM initiatives WHERE code LIKE 'T-%' ORDER BY 1") == [
            ("T-1", "tinh"),
            ("T-2", DMST),
        ]
    finally:
        store.close()


def test_trends_draws_the_year_over_the_one_before_and_the_program_over_the_earlier_one(
    monkeypatch, sample_copy
):
    at = run_app(monkeypatch, sample_copy, page="trends")
    specs = html.unescape(all_text(at))  # the charts' titles are drawn above them as page text
    # the same figures as the Overview's comparison cards (metrics.compare_periods / compare_programs)
    assert "Năm 2026 so với năm 2025 trên cùng lịch: 1.660 so với 1.302 cùng kỳ" in specs
    assert "Sau 49,9% thời gian: 153,6% chỉ tiêu, so với 36,3% của “1 triệu sáng kiến”" in specs
    assert "Tiến độ Năm 2026 (đến 31/12/2026)" in all_text(at)


def test_the_benefit_pages_author_table_counts_in_the_programs_own_noun(monkeypatch, sample_copy):
    """ĐMST counts "sản phẩm sáng tạo": the remuneration-by-author table and its note said "sáng kiến"."""
    at = shell_app(monkeypatch, sample_copy, "benefit")
    assert at.session_state["w_program"] == DMST
    headers = [list(frame.value.columns) for frame in at.dataframe]
    assert ["Tác giả", "Đơn vị", "Số sản phẩm sáng tạo", "Mỗi năm (ước tính)", "Cách chia"] in headers
    assert "7% giá trị làm lợi mỗi năm của mỗi sản phẩm sáng tạo đã áp dụng" in all_text(at)
    assert "sáng kiến" not in all_text(at).replace("sản phẩm sáng tạo", "")


def test_the_overview_tier_table_names_what_the_program_counts(monkeypatch, sample_copy):
    """ĐMST counts "sản phẩm sáng tạo": the Overview's tier table said "Chưa đăng ký sáng kiến nào"."""
    at = shell_app(monkeypatch, sample_copy, "overview")
    assert at.session_state["w_program"] == DMST
    tables = [e.proto.body for e in at.get("html") if "sk-tier-table" in e.proto.body]
    assert tables, "the Overview shows its tier table"
    assert "Chưa đăng ký sản phẩm sáng tạo nào" in tables[0]
    assert "sáng kiến nào" not in tables[0]


def test_the_tier_table_names_what_the_program_counts(monkeypatch, sample_copy):
    """The Overview's tier table under ĐMST: its last row said "Chưa đăng ký sáng kiến nào"."""
    at = run_app(monkeypatch, sample_copy, program=DMST, as_of="2024-01-05")
    table = next(e.proto.body for e in at.get("html") if "sk-tier-table" in e.proto.body)
    assert "Chưa đăng ký sản phẩm sáng tạo nào" in table
    assert "sáng kiến" not in table


def test_the_records_tables_title_column_names_what_the_program_counts(monkeypatch, sample_copy):
    """ĐMST's records under "Tra cứu hồ sơ sản phẩm sáng tạo" and "Sản phẩm sáng tạo làm lợi lớn nhất" had
    their title column headed "Tên sáng kiến"."""
    records = run_app(monkeypatch, sample_copy, page="records", program=DMST)
    assert "Tên sản phẩm sáng tạo" in list(records.dataframe[0].value.columns)
    benefit = run_app(monkeypatch, sample_copy, page="benefit", program=DMST)
    top = benefit.dataframe[0].value
    assert "Tên sản phẩm sáng tạo" in list(top.columns) and "Giá trị làm lợi (đồng)" in list(top.columns)
    first = run_app(monkeypatch, sample_copy, page="records", program=ONE_MILLION)
    assert "Tên sáng kiến" in list(first.dataframe[0].value.columns)
