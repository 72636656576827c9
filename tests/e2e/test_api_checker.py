"""The API checked against issue 20's text with calls the other tests do not make: a path the API does not
have answers JSON (not the dashboard's page with status 200), and a Parquet page keeps its column types when
a column is empty there or the page is past the end."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.conftest import ONE_MILLION
from tests.e2e.test_api import audit_rows, call, serve, token

pytestmark = pytest.mark.e2e


def test_unknown_routes_answer_json_and_parquet_pages_are_typed(sample_db: Path, tmp_path: Path):
    db = tmp_path / "store.duckdb"
    shutil.copy(sample_db, db)
    read = token(db, "portal", "read")
    server = serve(db, tmp_path / "server")
    try:
        for method, path in (("GET", "/record"), ("POST", "/imports/abc/undo"), ("DELETE", "/summary")):
            status, headers, raw = call(
                server, path, read, method=method, data=b"" if method == "POST" else None
            )
            answer = json.loads(raw.decode("utf-8"))
            assert (status, headers["content-type"], answer["error"]) == (
                404,
                "application/json",
                "not_found",
            )
            assert f"{method} /api/v1{path}" in answer["message"] and "GET /records" in answer["message"]
        status, _, raw = call(server, "/records/x?lang=en", read)
        assert status == 404 and json.loads(raw)["message"].startswith("The API has no GET /api/v1/records/x")

        types = None
        for query in ("status=registered&per_page=5", "per_page=5&page=100000"):
            path = f"/records?program={ONE_MILLION}&unit=PVEP&format=parquet&{query}"
            status, _, raw = call(server, path, read)
            assert status == 200, raw[:300]
            schema = {f.name: str(f.type) for f in pq.read_schema(io.BytesIO(raw))}
            assert schema["level"] == "string" and schema["recognized_on"] == "date32[day]"
            assert types is None or schema == types
            types = schema
    finally:
        server.stop()
    assert ("", "GET /api/v1/record") in [(a or "", s) for a, s, _ in audit_rows(db, "api")]
