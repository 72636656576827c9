"""The Quality page (AppTest on the sample): the funnel's cards, the links to the records, the silent
units, the review list, the flagged benefits; an analyst's mark changes the count."""

from __future__ import annotations

import duckdb
import pytest

from analytics import quality
from analytics.filters import Filters
from tests.app.apptest import all_text, metric_values, run_app
from tests.conftest import ONE_MILLION


def test_the_quality_page_answers_each_question_on_the_sample(monkeypatch, sample_copy, sample_store):
    at = run_app(monkeypatch, sample_copy, page="quality", program=ONE_MILLION)
    values = dict(metric_values(at))
    assert values["Đã đăng ký"] == "7.085"
    assert values["Tồn đọng quá 90 ngày"].replace(".", "").isdigit()
    text = all_text(at)
    assert "records?program=1-trieu-sang-kien&status=applied" in text
    assert "cài sẵn để minh họa" in text  # the planted cases are said to be illustrative
    assert "cặp hồ sơ có thể là cùng một sáng kiến" in text
    similarity = at.select_slider(key="quality_min_similarity")
    assert similarity.value == 0.8 and similarity.format_func(0.8) == "0,80"  # the decimal comma
    assert "> 10 × P99 của đơn vị" in values or "&gt; 10 × P99 của đơn vị" in str(values)
    # An analyst marks the first pair "same initiative": the page says where the count changes.
    pending = quality.duplicates(sample_store, Filters(program=ONE_MILLION)).pending
    assert f"{pending.iloc[0]['code_a']} – {pending.iloc[0]['code_b']}" == at.selectbox(
        key="quality_pair"
    ).format_func(at.selectbox(key="quality_pair").value)
    at.button(key="quality_mark_same").click().run()
    assert not at.exception
    text = all_text(at)
    assert "Tính một lần: 7.085 → 7.084" in text, text[-2000:]


def _import_csv(sample_store) -> tuple[bytes, int]:
    """A file of five new records: three re-register an existing title (reworded: a filler word, capitals),
    two are new ideas. Returns the bytes and the number of probable duplicates (3)."""
    titles = [t for (t,) in sample_store.rows("SELECT title FROM initiatives ORDER BY code LIMIT 3")]
    rows = [
        *(f"DUP-{i},Giải pháp {title.upper()},Người Mới {i},BSR,03/03/2022,Đã đăng ký" for i, title in enumerate(titles)),
        "NEW-1,Lắp đặt giàn phơi quặng zxqv ở kho số 991,Người Mới 8,BSR,03/03/2022,Đã đăng ký",
        "NEW-2,Phần mềm theo dõi ca trực qwzx số 992,Người Mới 9,BSR,03/03/2022,Đã đăng ký",
    ]  # fmt: skip
    head = "Mã SK,Tên sáng kiến,Tác giả,Đơn vị,Ngày đăng ký,Trạng thái"
    return ("\n".join([head, *rows]) + "\n").encode("utf-8"), 3


def test_an_import_says_how_many_new_records_are_probable_duplicates(monkeypatch, sample_copy, sample_store):
    from tests.app.test_data_page import button, data_page

    body, expected = _import_csv(sample_store)
    at = data_page(monkeypatch, sample_copy)
    at.file_uploader[0].set_value([("moi.csv", body, "text/csv")])
    at.run()
    button(at, "data_commit").click()
    at.run()
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert f"{expected} hồ sơ mới có thể trùng với hồ sơ đã có" in warnings, warnings
    assert "](quality)" in warnings


def test_import_json_gives_the_probable_duplicates(sample_copy, sample_store, tmp_path):
    import json
    import subprocess
    import sys

    from tests.conftest import ROOT

    body, expected = _import_csv(sample_store)
    path = tmp_path / "moi.csv"
    path.write_bytes(body)
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "import", str(path), "--db", str(sample_copy), "--json",
         "--program", ONE_MILLION],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout.strip().splitlines()[-1])
    assert payload["inserted"] == 5 and payload["probable_duplicates"] == expected
    again = subprocess.run(
        [sys.executable, "-m", "analytics", "import", str(path), "--db", str(sample_copy), "--program",
         ONE_MILLION],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert again.returncode == 0 and "hồ sơ mới có thể trùng" not in again.stdout  # nothing new the 2nd time


def test_marks_are_in_the_audit_log_and_on_the_data_pages_audit_tab(monkeypatch, sample_copy):
    from analytics import audit
    from analytics.store import open_store
    from tests.app.test_data_page import data_page

    store = open_store(sample_copy)
    try:  # three records of the sample (a mark is only written on records that are in the store)
        a1, b2, c3 = (c for (c,) in store.rows("SELECT code FROM initiatives ORDER BY code LIMIT 3"))
        quality.mark_pair(store, b2, a1, "same", "lan.nguyen", "10.0.0.7")
        assert quality.undo_mark(store, a1, b2, "lan.nguyen")
        quality.mark_benefit(store, a1, "council", "minh.tran")
        quality.mark_benefit(store, a1, None, "minh.tran")
        log = audit.events(store, ("duplicate_mark", "duplicate_unmark", "benefit_mark"))
        assert log[["kind", "actor", "address", "subject"]].values.tolist() == [
            ["benefit_mark", "minh.tran", None, a1],
            ["benefit_mark", "minh.tran", None, a1],
            ["duplicate_unmark", "lan.nguyen", None, f"{a1} – {b2}"],
            ["duplicate_mark", "lan.nguyen", "10.0.0.7", f"{a1} – {b2}"],
        ]
        # A mark that cannot be logged is not written either: one transaction.
        with store.transaction() as cur:
            cur.execute("ALTER TABLE audit_log RENAME TO audit_log_away")
        try:
            with pytest.raises(duckdb.CatalogException):
                quality.mark_pair(store, a1, c3, "different", "lan.nguyen")
        finally:
            with store.transaction() as cur:
                cur.execute("ALTER TABLE audit_log_away RENAME TO audit_log")
        assert store.one("SELECT count(*) FROM duplicate_marks WHERE code_b = ?", [c3]) == 0
    finally:
        store.close()
    at = data_page(monkeypatch, sample_copy)
    audit_tab = [t for t in at.tabs if t.label == "Nhật ký"][0]
    shown = audit_tab.dataframe[0].value
    rows = shown[shown["Đối tượng"].isin([a1, f"{a1} – {b2}"])]
    assert set(rows["Hoạt động"]) == {
        "Đánh dấu cặp trùng",
        "Hoàn tác đánh dấu cặp",
        "Đánh dấu giá trị làm lợi",
    }
    assert {
        "Cùng một sáng kiến",
        "bỏ “Cùng một sáng kiến”",
        "Hội đồng đã xác nhận",
        "Chưa đánh dấu (tự khai)",
    } <= set(rows["Chi tiết"])


def test_the_quality_tables_name_units_as_every_other_screen_does(monkeypatch, sample_copy):
    """Its tables showed unit codes ("VSP") where every other screen says "Vietsovpetro"."""
    at = run_app(monkeypatch, sample_copy, page="quality")
    units = {
        str(v)
        for frame in at.dataframe
        for column in frame.value.columns
        if column.startswith("Đơn vị")
        for v in frame.value[column]
    }
    assert {"Vietsovpetro", "PV GAS", "BSR"} <= units
    assert not {"VSP", "PVGAS"} & units


def test_the_marks_name_what_the_program_counts(monkeypatch, sample_copy):
    """Under ĐMST ("sản phẩm sáng tạo") the mark buttons, the heading of the pairs counted once and the line
    on ideas spread said "sáng kiến"."""
    from analytics.store import open_store

    store = open_store(sample_copy)
    try:
        a, b, c, d = (
            code
            for (code,) in store.rows(
                "SELECT code FROM initiatives WHERE program_code = 'dmst-dau-khi' ORDER BY code LIMIT 4"
            )
        )
        quality.mark_pair(store, a, b, "same", "lan.nguyen")
        quality.mark_pair(store, c, d, "spread", "lan.nguyen")
    finally:
        store.close()
    at = run_app(monkeypatch, sample_copy, page="quality")
    text = all_text(at)
    assert "**Cùng một sản phẩm sáng tạo (tính một lần)**" in text
    assert "1 sản phẩm sáng tạo được nhân rộng, ở đơn vị nhận:" in text
    assert "Cùng một sản phẩm sáng tạo" in [button.label for button in at.button]
    assert "Cùng một sáng kiến" not in text
