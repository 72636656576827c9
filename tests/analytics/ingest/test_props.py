"""Property tests: whatever bytes or CSV text arrive, the importer neither crashes nor writes part of a file.

After every example the store is either exactly as before (refused) or holds exactly what the report says
was written (accepted): one more `imports` row and `before + inserted` records.
"""

from __future__ import annotations

import csv
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import ingest
from analytics.store import open_store

HEADER_CHOICES = ["Mã SK", "Tên sáng kiến", "Đơn vị", "Ngày nộp", "Giá trị làm lợi", "Trạng thái", "STT", "Ghi chú",
                  "Tác giả", "Cấp công nhận", "", "Mã", "x"]  # fmt: skip
CELL = st.one_of(
    st.text(st.sampled_from(list("abcxyzĐđăâêôơưáàảãạếệ0123456789 ,;|\t\n\r\"'=+-@./()<>")), max_size=12),
    st.sampled_from(
        ["BSR", "pv gas", "31/05/2022", "1.250.000", "Tổng cộng", "da cong nhan", "44712", "-5", "SK-1"]
    ),
)
# INGEST_PROPS_EXAMPLES=1000 for a longer search.
SETTINGS = settings(
    max_examples=int(os.environ.get("INGEST_PROPS_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def state(store) -> tuple:
    return (
        store.record_count(),
        store.one("SELECT count(*) FROM imports"),
        store.one("SELECT count(*) FROM initiative_history"),
        store.one(
            "SELECT coalesce(sum(hash(code, title, unit_code, registered_on, benefit_vnd)), 0) FROM initiatives"
        ),
    )


def check(store, data: bytes, name: str, mode: str = "upsert") -> None:
    before = state(store)
    report = ingest.commit(store, data, name, mode=mode)  # must not raise
    after = state(store)
    assert report.message("vi") and report.message("en")
    if not report.ok:
        assert after == before, report.message()
        return
    counted = report.inserted + report.updated + report.unchanged + report.rejected + report.skipped
    assert counted == report.rows_read
    assert after[0] == before[0] + report.inserted - report.deleted
    assert after[1] == before[1] + 1
    if report.inserted == report.updated == report.deleted == 0:
        assert after[0] == before[0] and after[3] == before[3]
    for error in report.errors:
        assert error.row > (
            report.preview.layout.header_row if report.preview and report.preview.layout else 0
        )
    report.rejects_csv("vi")  # the download is always buildable


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "props.duckdb")
    yield opened
    opened.close()


@SETTINGS
@given(data=st.binary(max_size=3000), name=st.sampled_from(["x.csv", "x.txt", "x.xlsx", "x.xls", "x"]))
def test_arbitrary_bytes_never_crash_nor_half_write(store, data, name):
    check(store, data, name)


@SETTINGS
@given(
    headers=st.lists(st.sampled_from(HEADER_CHOICES), min_size=1, max_size=8),
    body=st.lists(st.lists(CELL, max_size=9), max_size=25),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
    mode=st.sampled_from(["upsert", "insert", "replace"]),
)
def test_arbitrary_csv_text_never_crashes_nor_half_writes(store, headers, body, delimiter, encoding, mode):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(body)
    data = buffer.getvalue().encode(encoding, errors="replace")
    check(store, data, "x.csv", mode)


@SETTINGS
@given(text=st.text(max_size=2000))
def test_arbitrary_text_with_a_valid_header_never_crashes(store, text):
    data = ("Mã SK,Tên sáng kiến,Đơn vị,Ngày nộp\r\n" + text).encode("utf-8")
    check(store, data, "x.csv")
