"""The API's OpenAPI 3.1 document (`GET /api/v1/openapi.json`): every route, parameter and answer."""

from __future__ import annotations

from typing import Any

_FILTERS = [
    (
        "program",
        "a program's code (1-trieu-sang-kien, dmst-dau-khi); absent: the default program, as for links",
    ),
    ("phase", "the number of one of the program's periods (1, 2, 2024...)"),
    ("unit", "unit code, repeatable"),
    ("group", "group name, repeatable"),
    ("field", "field as recorded, repeatable"),
    ("status", "registered, recognized, applied, not_recognized; repeatable"),
    ("from", "registration date from, YYYY-MM-DD"),
    ("to", "registration date to, YYYY-MM-DD"),
    ("as_of", "the program as it stood that day, YYYY-MM-DD"),
    ("units_as", "today (default) or then"),
    ("lang", "vi (default) or en: the language of names, words and messages"),
]
_REPEATABLE = {"unit", "group", "field", "status"}


def _param(name: str, text: str, where: str = "query") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if name in _REPEATABLE:
        schema = {"type": "array", "items": {"type": "string"}}
    return {"name": name, "in": where, "required": False, "description": text, "schema": schema}


_ERROR = {"$ref": "#/components/schemas/Error"}


def _errors(*codes: int) -> dict[str, Any]:
    words = {
        401: "no token, or an unknown, revoked or expired one",
        403: "the token's scope does not allow this (a read token cannot write)",
        413: "the file is larger than the Data page's upload limit",
        422: "an unknown parameter or value, named in `parameters`; or a file refused whole",
        429: "too many calls for this token (or address) in the last minute; see Retry-After",
        503: "the store cannot be written now (read-only, damaged) or opened",
    }
    return {
        str(c): {"description": words[c], "content": {"application/json": {"schema": _ERROR}}} for c in codes
    }


def _ok(text: str, content: str = "application/json") -> dict[str, Any]:
    return {"200": {"description": text, "content": {content: {"schema": {"type": "object"}}}}}


def document() -> dict[str, Any]:
    filters = [_param(n, d) for n, d in _FILTERS]
    bearer = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bảng điều hành “1 triệu sáng kiến” API",
            "version": "1",
            "description": "The dashboard's figures and imports for other systems. See README, section API.",
        },
        "servers": [{"url": "/api/v1"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "message"],
                    "properties": {
                        "error": {"type": "string"},
                        "message": {"type": "string"},
                        "parameters": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
        },
        "paths": {
            "/health": {
                "get": {
                    "summary": "The store's state: ok, read_only (and why) or damaged; data_version, "
                    "schema_version, newest_import. No token needed.",
                    "responses": {**_ok("ok or read_only"), "503": {"description": "damaged or unavailable"}},
                }
            },
            "/openapi.json": {"get": {"summary": "This document.", "responses": _ok("the document")}},
            "/summary": {
                "get": {
                    "summary": "The object of `python -m analytics summary --json` for the filters.",
                    "security": bearer,
                    "parameters": filters,
                    "responses": {**_ok("the summary"), **_errors(401, 403, 422, 429)},
                }
            },
            "/units": {
                "get": {
                    "summary": "Every unit: code, name, short_name, group, parent, members, aliases.",
                    "security": bearer,
                    "parameters": [_param("lang", "vi or en")],
                    "responses": {**_ok("{units: [...]}"), **_errors(401, 422, 429)},
                }
            },
            "/programs": {
                "get": {
                    "summary": "Every program with its periods.",
                    "security": bearer,
                    "parameters": [_param("lang", "vi or en")],
                    "responses": {**_ok("{programs: [...]}"), **_errors(401, 422, 429)},
                }
            },
            "/records": {
                "get": {
                    "summary": "The filtered records, a page at a time: the records explorer's download.",
                    "security": bearer,
                    "parameters": [
                        *filters,
                        _param("search", "accent-insensitive search in title, code and authors"),
                        _param("order", "registered_desc (default), registered_asc, benefit_desc, ..."),
                        _param("page", "1-based page number (default 1)"),
                        _param(
                            "per_page",
                            "records per page: json 1-1000 (default 100), csv/parquet up to 300000",
                        ),
                        _param("format", "json (default), csv (the page's download), parquet"),
                    ],
                    "responses": {
                        "200": {
                            "description": "json: {page, per_page, total, pages, records}; csv; parquet. "
                            "Headers X-Total-Count, X-Page, X-Pages.",
                            "content": {
                                "application/json": {"schema": {"type": "object"}},
                                "text/csv": {"schema": {"type": "string"}},
                                "application/vnd.apache.parquet": {
                                    "schema": {"type": "string", "format": "binary"}
                                },
                            },
                        },
                        **_errors(401, 422, 429),
                    },
                }
            },
            "/imports": {
                "post": {
                    "summary": "Import one file, as the Data page does; the object of `import --json`.",
                    "security": bearer,
                    "parameters": [_param("lang", "vi or en")],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["file"],
                                    "properties": {
                                        "file": {"type": "string", "format": "binary"},
                                        "mode": {"type": "string", "enum": ["upsert", "insert", "replace"]},
                                        "program": {"type": "string"},
                                        "unit": {"type": "array", "items": {"type": "string"}},
                                        "dry_run": {"type": "boolean"},
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        **_ok("accepted (ok true), rows rejected or not"),
                        **_errors(401, 403, 413, 422, 429, 503),
                    },
                }
            },
            "/imports/{import_id}/undo": {
                "post": {
                    "summary": "Undo one import, as the Data page does.",
                    "security": bearer,
                    "parameters": [
                        {"name": "import_id", "in": "path", "required": True, "schema": {"type": "integer"}},
                        _param("lang", "vi or en"),
                    ],
                    "responses": {
                        **_ok("{import_id, ok, message, deleted, restored}"),
                        "409": {"description": "refused (ok false, message says why)"},
                        **_errors(401, 403, 429, 503),
                    },
                }
            },
        },
    }
