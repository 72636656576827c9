"""The records' Parquet download (the API's `format=parquet`): typed columns on every page, even a page whose
column is empty or a page past the end."""

from __future__ import annotations

import io

import pyarrow.parquet as pq

from analytics import export, metrics
from analytics.filters import Filters
from tests.conftest import ONE_MILLION

TYPES = {
    "code": "string", "title": "string", "authors": "string", "author_count": "int32", "unit": "string",
    "unit_name": "string", "field": "string", "status": "string", "level": "string", "registered_on": "date32[day]",
    "recognized_on": "date32[day]", "applied_on": "date32[day]", "benefit_vnd": "int64", "reward_vnd": "int64",
    "phase": "int32",
}  # fmt: skip


def schema(data: bytes) -> dict[str, str]:
    return {f.name: str(f.type) for f in pq.read_schema(io.BytesIO(data))}


def test_every_page_has_the_same_typed_columns(sample_store):
    filters = Filters(program=ONE_MILLION, units=("PVEP",), statuses=("registered",))
    page, total = metrics.records_page(sample_store, filters, limit=3)
    assert total > 3 and page["level"].isna().all() and page["recognized_on"].isna().all()
    data = export.records_parquet(export.records_plain(page))
    assert schema(data) == TYPES
    table = pq.read_table(io.BytesIO(data))
    assert table.num_rows == 3 and table.column("code").to_pylist() == list(page["code"])
    beyond, _ = metrics.records_page(sample_store, filters, limit=3, offset=10**6)
    assert len(beyond) == 0 and schema(export.records_parquet(export.records_plain(beyond))) == TYPES
