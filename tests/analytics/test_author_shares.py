"""Authors' shares after an import: author counts stay right (names stored without their shares, co-authors
joined from the rows under their record), and the remuneration estimate shares each applied initiative's 7%
by the recorded shares, or equally where none were recorded."""

from __future__ import annotations

import pytest

from analytics import ingest, metrics
from analytics.filters import Filters
from tests.analytics.ingest import fixtures as fx


@pytest.fixture
def store(make_store):
    return make_store()


def test_author_counts_after_a_report_workbook(store):
    report = ingest.commit(store, fx.report_xlsx(), "bao-cao.xlsx")
    assert report.inserted == 4
    metrics.refresh_author_index(store)
    prog = metrics.progress(store, Filters())
    # BSR: An, Bình, Giang, Hải; PVEP: Cường; PV GAS: Dung, Em, Huy. No share, no signature name among them.
    assert int(prog.program["authors"]) == 8
    by_unit = prog.unit_rows("all").set_index("unit")["authors"].to_dict()
    assert (by_unit["BSR"], by_unit["PVEP"], by_unit["PV GAS"]) == (4, 1, 3)


def test_remuneration_by_author_uses_the_shares_where_they_exist(store):
    headers = ("Mã SK", "Tên sáng kiến", "Tác giả", "Đơn vị", "Ngày nộp", "Trạng thái", "Giá trị làm lợi")
    body = [
        [
            "A",
            "T",
            "Nguyễn Văn An (60%); Trần Thị Bình (40%)",
            "BSR",
            "01/03/2022",
            "Đã áp dụng",
            "1.000.000.000",
        ],
        ["B", "T", "Nguyễn Văn An", "BSR", "02/03/2022", "Đã áp dụng", "100.000.000"],
        ["C", "T", "Lê Văn Cường, Phạm Thị Dung", "PVEP", "03/03/2022", "Đã áp dụng", "200.000.000"],
        ["D", "T", "Lê Văn Cường", "PVEP", "04/03/2022", "Đã đăng ký", "900.000.000"],  # not applied: no pay
        ["E", "T", "Võ Văn E (30%); Hà Thị G (30%)", "BSR", "05/03/2022", "Đã áp dụng", "100.000.000"],  # 60%
    ]
    report = ingest.commit(store, fx.csv_bytes(body, headers=headers), "pay.csv")
    assert report.inserted == 5 and [i.row for i in report.share_issues] == [6]
    frame = metrics.remuneration_by_author(store, Filters())
    pay = {
        (r.unit, r.author): (r.initiatives, round(r.min_remuneration), bool(r.by_share))
        for r in frame.itertuples()
    }
    assert pay == {
        ("BSR", "Nguyễn Văn An"): (2, round((600_000_000 + 100_000_000) * 0.07), True),
        ("BSR", "Trần Thị Bình"): (1, round(400_000_000 * 0.07), True),
        ("PVEP", "Lê Văn Cường"): (1, round(100_000_000 * 0.07), False),
        ("PVEP", "Phạm Thị Dung"): (1, round(100_000_000 * 0.07), False),
        # Shares that add up to 60%: each author's part of what was recorded (half each).
        ("BSR", "Võ Văn E"): (1, round(50_000_000 * 0.07), True),
        ("BSR", "Hà Thị G"): (1, round(50_000_000 * 0.07), True),
    }
    # The whole estimate is unchanged by the shares: 7% of the applied benefit.
    assert frame["min_remuneration"].sum() == pytest.approx(
        metrics.min_remuneration(1_400_000_000)["per_year"]
    )
    assert list(frame["author"][:1]) == ["Nguyễn Văn An"]  # most first
