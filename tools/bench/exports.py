"""Synthetic initiative records at program scale (1,000,000 and more), generated inside DuckDB.

Used by the benchmark: the rows look like a real Vietnamese export (33+ units with their aliases, fields,
statuses, day-first dates, benefits with a long tail, authors shared across records) and are generated
deterministically with SQL, so a million rows take seconds, not minutes.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from analytics.sample import FAMILY_NAMES, FIELDS, GIVEN_NAMES, MIDDLE_NAMES

_WORDS = [
    "Cải tiến",
    "Tối ưu hóa",
    "Giải pháp nâng cao hiệu quả",
    "Ứng dụng công nghệ mới cho",
    "Số hóa",
    "Hoàn thiện quy trình",
    "Tự động hóa",
    "Giảm tiêu hao năng lượng của",
]
_OBJECTS = [
    "hệ thống bơm tuần hoàn",
    "cụm trao đổi nhiệt",
    "van điều khiển áp suất",
    "quy trình vận hành",
    "công tác bảo dưỡng",
    "hệ thống xử lý nước thải",
    "mạng hơi nước",
    "phần mềm quản lý",
    "dây chuyền đóng bao",
    "công tác kiểm kê",
    "trạm phân phối khí",
    "lò gia nhiệt",
]
# Vietnamese status spellings as exports write them (the importer maps them to status codes).
STATUS_TEXT = {
    "registered": "Đã đăng ký",
    "recognized": "Đã công nhận",
    "applied": "Đã áp dụng",
    "not_recognized": "Không công nhận",
}

EXPORT_HEADERS = (
    "Mã SK",
    "Tên sáng kiến",
    "Tác giả",
    "Số tác giả",
    "Đơn vị",
    "Lĩnh vực",
    "Trạng thái",
    "Ngày đăng ký",
    "Ngày công nhận",
    "Ngày áp dụng",
    "Giá trị làm lợi (đồng)",
    "Tiền thưởng (đồng)",
)


def _generate_sql() -> str:
    """One SELECT producing $n records from a seed; every column derived from the row number with hash()."""
    return """
    WITH u AS (SELECT row_number() OVER (ORDER BY code) - 1 AS i, code, short_name FROM units),
    nu AS (SELECT count(*) AS n FROM units),
    base AS (
        SELECT r AS i,
               CAST(hash(r, $seed) >> 1 AS BIGINT) AS h1, CAST(hash(r, $seed + 1) >> 1 AS BIGINT) AS h2,
               CAST(hash(r, $seed + 2) >> 1 AS BIGINT) AS h3, CAST(hash(r, $seed + 3) >> 1 AS BIGINT) AS h4
        FROM range($n) t(r)
    ),
    sized AS (SELECT base.*, greatest(CAST($n / 7 / nu.n AS BIGINT), 5) AS pool_size FROM base, nu),
    shaped AS (
        SELECT i, i AS r_i,
               -- units: a few large units carry most records (squared uniform draw)
               CAST(floor(pow((h1 % 1000000) / 1000000.0, 1.6) * (SELECT n FROM nu)) AS INTEGER) AS unit_i,
               DATE '2021-09-01' + CAST(floor(pow((h2 % 1000000) / 1000000.0, 0.8) * 730) AS INTEGER) AS registered_on,
               (h3 % 100) AS status_draw,
               (h4 % 1000) AS field_draw,
               h1 // 1000003 AS a1, h2 // 1000033 AS a2, h3 // 1000037 AS a3,
               pool_size AS pool,
               -- each unit has its own pool of authors (about one per 7 records, as in the program); the
               -- squared draw makes some authors appear on many records
               list_transform(range(1 + CAST((h4 // 1000) % 4 = 0 AS INTEGER) + CAST((h4 // 7000) % 6 = 0 AS INTEGER)),
                   lambda k: CAST(floor(pool_size * pow(((hash(r_i, k, $seed) >> 1) % 1000000) / 1000000.0, 2))
                                  AS BIGINT)) AS author_slots,
               1 + CAST((h4 // 1000) % 4 = 0 AS INTEGER) + CAST((h4 // 7000) % 6 = 0 AS INTEGER) AS author_count,
               exp(((h3 // 1000) % 100000) / 100000.0 * 9.5 + 13) AS raw_benefit
        FROM sized
    )
    SELECT printf('SKB-%08d', s.i + 1) AS code,
           $words[1 + (s.a1 % len($words))] || ' ' || $objects[1 + (s.a2 % len($objects))] || ' số ' || CAST(s.i % 997 AS VARCHAR) AS title,
           array_to_string(list_transform(s.author_slots, lambda j:
               $family[1 + (u.i * s.pool + j) % len($family)] || ' '
               || $middle[1 + ((u.i * s.pool + j) // len($family)) % len($middle)] || ' '
               || $middle[1 + ((u.i * s.pool + j) // (len($family) * len($middle))) % len($middle)] || ' '
               || $given[1 + ((u.i * s.pool + j) // (len($family) * len($middle) * len($middle))) % len($given)]),
               '; ') AS authors,
           len(list_distinct(s.author_slots)) AS author_count,
           u.code AS unit_code,
           $fields[1 + (s.field_draw % len($fields))] AS field,
           CASE WHEN s.status_draw < 4 THEN 'not_recognized'
                WHEN s.status_draw < 14 THEN 'registered'
                WHEN s.status_draw < 50 THEN 'recognized' ELSE 'applied' END AS status,
           s.registered_on,
           CASE WHEN s.status_draw >= 14 THEN s.registered_on + CAST(7 + s.a1 % 60 AS INTEGER) END AS recognized_on,
           CASE WHEN s.status_draw >= 50 THEN s.registered_on + CAST(30 + s.a2 % 90 AS INTEGER) END AS applied_on,
           CASE WHEN s.status_draw >= 14 THEN CAST(round(s.raw_benefit, -3) AS BIGINT) END AS benefit_vnd,
           CASE WHEN s.status_draw >= 14 THEN CAST(least(greatest(round(s.raw_benefit * 0.01, -5), 2000000), 200000000) AS BIGINT) END AS reward_vnd
    FROM shaped s JOIN u ON u.i = s.unit_i
    """


def _params(rows: int, seed: int) -> dict:
    return {
        "n": rows,
        "seed": seed,
        "words": _WORDS,
        "objects": _OBJECTS,
        "family": list(FAMILY_NAMES),
        "middle": list(MIDDLE_NAMES),
        "given": list(GIVEN_NAMES),
        "fields": list(FIELDS),
    }


def generate_table(con: duckdb.DuckDBPyConnection, table: str, rows: int, seed: int = 7) -> None:
    """Create `table` (a fixed name chosen by the caller, not user input) holding `rows` synthetic records."""
    if not table.isidentifier():
        raise ValueError(f"not a table name: {table!r}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS " + _generate_sql(), _params(rows, seed))  # noqa: S608


def write_export_csv(con: duckdb.DuckDBPyConnection, table: str, path: Path) -> None:
    """Write the records as a Vietnamese export: Vietnamese headers, dd/mm/yyyy dates, status words,
    money with thousands dots ("1.250.000.000"), unit short names, comma-separated, UTF-8."""
    if not table.isidentifier():
        raise ValueError(f"not a table name: {table!r}")
    money = "CASE WHEN {c} IS NULL THEN '' ELSE replace(format('{{:,}}', {c}), ',', '.') END"
    status = "CASE status " + " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in STATUS_TEXT.items()) + " END"
    sql = f"""COPY (
        SELECT code AS "Mã SK", title AS "Tên sáng kiến", authors AS "Tác giả", author_count AS "Số tác giả",
               unit_code AS "Đơn vị", field AS "Lĩnh vực", {status} AS "Trạng thái",
               strftime(registered_on, '%d/%m/%Y') AS "Ngày đăng ký",
               coalesce(strftime(recognized_on, '%d/%m/%Y'), '') AS "Ngày công nhận",
               coalesce(strftime(applied_on, '%d/%m/%Y'), '') AS "Ngày áp dụng",
               {money.format(c="benefit_vnd")} AS "Giá trị làm lợi (đồng)",
               {money.format(c="reward_vnd")} AS "Tiền thưởng (đồng)"
        FROM {table} ORDER BY code
    ) TO '{path.as_posix().replace("'", "''")}' (HEADER, DELIMITER ',', QUOTE '"')"""  # noqa: S608
    con.execute(sql)


def export_csv(store, path: Path, rows: int, seed: int = 7) -> Path:
    """Write `rows` synthetic records as a Vietnamese export file, with the store's units.

    The store's DuckDB may not write files (external access is off outside the import folder), so the
    rows are generated and written by a private in-memory DuckDB that holds only a copy of the units."""
    units = store.rows("SELECT code, short_name FROM units ORDER BY code")
    writer = duckdb.connect()
    try:
        writer.execute("CREATE TABLE units (code VARCHAR, short_name VARCHAR)")
        writer.executemany("INSERT INTO units VALUES (?, ?)", units)
        generate_table(writer, "export_rows", rows, seed)
        write_export_csv(writer, "export_rows", path)
    finally:
        writer.close()
    return path


def fill_store(store, rows: int, seed: int = 7) -> None:
    """Replace the store's records with `rows` synthetic ones (phase derived), in one transaction.

    For measuring the pages at scale without going through the importer.
    """
    with store.transaction() as cur:
        generate_table(cur, "bench_rows", rows, seed)
        cur.execute("DELETE FROM initiatives")
        cur.execute(
            """INSERT INTO initiatives (code, title, authors, author_count, unit_code, field, status, level,
                                       registered_on, recognized_on, applied_on, benefit_vnd, reward_vnd, phase,
                                       import_id)
               SELECT b.code, b.title, b.authors, b.author_count, b.unit_code, b.field, b.status, NULL,
                      b.registered_on, b.recognized_on, b.applied_on, b.benefit_vnd, b.reward_vnd, p.phase, NULL
               FROM bench_rows b LEFT JOIN phases p ON b.registered_on BETWEEN p.start_on AND p.end_on"""
        )
        cur.execute("DROP TABLE bench_rows")
