"""The import's SQL: parse and validate every row inside DuckDB, in one pass over the file, then classify
each row against the store (insert, update, unchanged, reject, skip).

Only column identifiers we generate (c0, c1, ...) and constant text are composed into SQL; every value that
comes from a file, a person or the store is bound as a parameter.

Tables (all TEMP, so they live on the import's own cursor and vanish with it):
- `ingest_raw`: the file's cells as text, one row per data row in file order (`rowid` + the first data
  row's number = the row number a person sees in Excel).
- `ingest_units`, `ingest_statuses`, `ingest_levels`: each distinct raw value -> its canonical value
  (folded in Python with `textnorm.fold_key`, on distinct values only, so matching is the app's own).
- `ingest_dups`: codes that occur more than once, with the row of their first occurrence.
- `ingest_rows`: one pass over `ingest_raw` that parses every cell once and gives each row its final
  values, its errors and its action (insert, update, unchanged, reject, skip). Counting, the upsert and
  the history all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analytics.ingest.cleaning import SQL_CODE_CLASS
from analytics.ingest.columns import TOTAL_KEYS

WS = " \t\r\n\u00a0\u202f\ufeff"
DATE_ORDERS = ("dmy", "mdy")
DATE_FORMATS = [
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%dT%H:%M:%S.%f",
]
# The same, month first (a column proven to be written that way, or --date-order mdy).
MDY_FORMATS = [
    f.replace("%d/%m", "%m/%d").replace("%d-%m", "%m-%d").replace("%d.%m", "%m.%d") for f in DATE_FORMATS
]
MAX_AMOUNT = 10**15  # 1 million tỷ đồng: anything above is a typo, not a benefit
MAX_CODE = 100
MAX_TEXT = 4000  # a longer cell is almost always a quote left open that swallowed the rows after it

_MULTIPLIERS = (
    ("tỷ", 10**9), ("tỉ", 10**9), ("ty", 10**9), ("ti", 10**9), ("bn", 10**9),
    ("triệu", 10**6), ("trieu", 10**6), ("tr", 10**6), ("m", 10**6),
    ("nghìn", 10**3), ("nghin", 10**3), ("ngàn", 10**3), ("ngan", 10**3), ("k", 10**3),
)  # fmt: skip
_MULT_ALT = "|".join(word for word, _ in _MULTIPLIERS)
_MULT_CASE = " ".join(f"WHEN '{word}' THEN {value}" for word, value in _MULTIPLIERS)
_DATE_LIST = "[" + ", ".join(f"'{f}'" for f in DATE_FORMATS) + "]"
_MDY_LIST = "[" + ", ".join(f"'{f}'" for f in MDY_FORMATS) + "]"
_WS_LITERAL = "'" + WS + "'"
# Dates as people write them: "ngày 15 tháng 3 năm 2022", "15 tháng 03, 2022", Google Sheets' "22 thg 2, 2022".
_WORD_DATE = "^(?:ngày|ngay)?\\s*([0-9]{1,2})\\s*(?:tháng|thang|thg)\\s*([0-9]{1,2})\\s*(?:,|năm|nam)?\\s*([0-9]{2,4})$"
# A share written after a name: "Nguyễn Văn An (60%)", "Nguyễn Văn An 60%", "(33,3%)".
_SHARE = "\\(?\\s*[0-9]+(?:\\.[0-9]+)?\\s*%\\s*\\)?"
_SIGNATURE_WORDS = (
    "nguoilapbieu", "nguoilap", "lapbieu", "thutruong", "ketoantruong", "giamdoc", "phogiamdoc", "chutich",
    "phochutich", "tmbanchaphanh", "tmbch", "xacnhan", "kyghirohoten", "kytenghirohoten", "kytendongdau",
    "kyvaghirohoten", "nguoiky", "truongphong", "truongban", "lanhdaodonvi", "thutruongdonvi", "noinhan",
    "preparedby", "approvedby", "signature", "signedby",
)  # fmt: skip
SIGNATURE_PATTERN = "(" + "|".join(_SIGNATURE_WORDS) + ")"
PLACE_DATE_PATTERN = "(?i)ngày\\s*[0-9.…_ ]*\\s*tháng\\s*[0-9.…_ ]*\\s*năm\\s*[0-9]{0,4}"

# Macros are TEMP: they exist on the import's cursor only. Each is written so that the common case costs
# one cheap test per cell (a 1,000,000-row file pays for every function call a million times).
MACROS: tuple[str, ...] = (
    # Trimmed text, NULL when empty; trim() runs only on cells that start or end with white space.
    f"""CREATE OR REPLACE TEMP MACRO ingest_txt(x) AS CASE
            WHEN ord(x) > 32 AND ord(x) <> 160 AND ord(x[-1]) > 32 AND ord(x[-1]) <> 160 THEN x
            ELSE nullif(trim(x, {_WS_LITERAL}), '') END""",
    # Codes: invisible characters (zero-width space, BOM) and Unicode spaces (no-break, ideographic...)
    # removed, as `cleaning.clean_code` does; looked for only in a cell that is not plain ASCII (a code almost
    # always is: the test costs nothing).
    f"""CREATE OR REPLACE TEMP MACRO ingest_code(x) AS CASE
            WHEN strlen(x) = length(x) THEN ingest_txt(x)
            ELSE nullif(trim(regexp_replace(x, '{SQL_CODE_CLASS}', '', 'g'), {_WS_LITERAL}), '') END""",
    # What the common formats do not read (so only cells that failed them pay for it): Excel serial day
    # numbers, dates written in words, ISO timestamps with a time zone.
    f"""CREATE OR REPLACE TEMP MACRO ingest_date_more(v) AS CASE
            WHEN v IS NULL THEN NULL
            WHEN regexp_full_match(v, '[1-9][0-9]{{4}}(\\.[0-9]+)?')
                 THEN DATE '1899-12-30' + CAST(floor(CAST(v AS DOUBLE)) AS INTEGER)
            WHEN regexp_full_match(trim(v), '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}[T ].*') THEN TRY_CAST(left(trim(v), 10) AS DATE)
            WHEN regexp_matches(lower(trim(v)), '{_WORD_DATE}')
                 THEN try_strptime(regexp_replace(lower(trim(v)), '{_WORD_DATE}', '\\1/\\2/\\3'), ['%d/%m/%Y', '%d/%m/%y'])::DATE
            END""",
    # Day-first dates, ISO dates and the rest above (two-digit years are fixed in rows_sql); try_strptime
    # ignores white space around the date.
    f"""CREATE OR REPLACE TEMP MACRO ingest_date(v) AS coalesce(try_strptime(v, {_DATE_LIST})::DATE, ingest_date_more(v))""",
    f"""CREATE OR REPLACE TEMP MACRO ingest_date_mdy(v) AS coalesce(try_strptime(v, {_MDY_LIST})::DATE, ingest_date_more(v))""",
    # Amounts: "1.250.000.000", "1,250,000,000", "1 250 000 000 đ", "1,5 tỷ", "(500.000)", "-3", "₫1,250,000",
    # "1.250.000 ₫" (Excel's and Google Sheets' đồng formats).
    f"""CREATE OR REPLACE TEMP MACRO ingest_money_parts(v) AS regexp_extract(
            regexp_replace(lower(v), '[\\s\\x{{00a0}}\\x{{202f}}]+', '', 'g'),
            '^([-(−]?)(?:₫|vnđ|vnd)?([-(−]?)([0-9][0-9.,]*)\\)?({_MULT_ALT})?(vnđ|vnd|đồng|dong|đ|d|₫)?\\)?\\.?$',
            ['sign', 'sign2', 'num', 'mult', 'cur'])""",
    """CREATE OR REPLACE TEMP MACRO ingest_money_num(n) AS CASE
            WHEN regexp_full_match(n, '[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]+)?')
                 THEN TRY_CAST(replace(replace(n, '.', ''), ',', '.') AS DOUBLE)
            WHEN regexp_full_match(n, '[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?')
                 THEN TRY_CAST(replace(n, ',', '') AS DOUBLE)
            WHEN regexp_full_match(n, '[0-9]+([.,][0-9]+)?') THEN TRY_CAST(replace(n, ',', '.') AS DOUBLE)
            END""",
    # "1 tỷ 200 triệu", "2 tỷ 350 triệu 500 nghìn đồng": the parts added up. A number after the parts with no
    # word of its own ("1 tỷ 2", said for 1,2 tỷ) is not read (it is no amount) unless "đồng" follows it.
    # The slow path's parts are bound once through a one-element list (a macro argument would be copied into
    # every place it is used, and the whole pass pays for the size of the expression).
    """CREATE OR REPLACE TEMP MACRO ingest_money_words(v) AS list_transform([regexp_extract(
            regexp_replace(lower(v), '[\\s\\x{00a0}\\x{202f}]+', '', 'g'),
            '^(?:([0-9][0-9.,]*)(?:tỷ|tỉ|ty|ti))?(?:([0-9][0-9.,]*)(?:triệu|trieu|tr))?(?:([0-9][0-9.,]*)(?:nghìn|nghin|ngàn|ngan|k))?([0-9]*)(vnđ|vnd|đồng|dong|đ|₫)?$',
            ['b', 'm', 'k', 'r', 'c'])], lambda g: CASE WHEN (g.b <> '' OR g.m <> '' OR g.k <> '')
            AND (g.r = '' OR g.c <> '') THEN
            coalesce(ingest_money_num(nullif(g.b, '')) * 1e9, 0) + coalesce(ingest_money_num(nullif(g.m, '')) * 1e6, 0)
            + coalesce(ingest_money_num(nullif(g.k, '')) * 1e3, 0) + coalesce(ingest_money_num(nullif(g.r, '')), 0) END)[1]""",
    f"""CREATE OR REPLACE TEMP MACRO ingest_money_slow(v) AS list_transform([ingest_money_parts(v)], lambda p: CASE
            WHEN p.num = '' THEN NULL
            ELSE ingest_money_num(p.num) * (CASE p.mult {_MULT_CASE} ELSE 1 END)
                 * (CASE WHEN p.sign <> '' OR p.sign2 <> '' THEN -1 ELSE 1 END) END)[1]""",
    # Plain integers and "1.250.000" (or "1,250,000") once the grouping is checked; the rest (decimals,
    # spaces, currency, tỷ/triệu, negatives) through the slow path.
    """CREATE OR REPLACE TEMP MACRO ingest_money(v) AS CASE
            WHEN v IS NULL THEN NULL
            WHEN regexp_full_match(v, '[0-9]{1,3}(\\.[0-9]{3})*') THEN CAST(replace(v, '.', '') AS DOUBLE)
            WHEN regexp_full_match(v, '[0-9]+') THEN CAST(v AS DOUBLE)
            WHEN regexp_full_match(v, '[0-9]{1,3}(,[0-9]{3})*') THEN CAST(replace(v, ',', '') AS DOUBLE)
            ELSE coalesce(ingest_money_slow(v), ingest_money_words(v)) END""",
    # A lone dash ("-", "–") in an amount cell means none, as Excel's accounting format writes zero and people
    # write "nothing" (tested only on a cell that is neither empty nor a number).
    f"""CREATE OR REPLACE TEMP MACRO ingest_dash(x) AS trim(x, {_WS_LITERAL}) IN ('-', '–', '—', '−')""",
    # A small whole number ("2"), else parsed like an amount.
    """CREATE OR REPLACE TEMP MACRO ingest_count(v) AS coalesce(TRY_CAST(v AS INTEGER), ingest_money(v))""",
    # The app's fold (textnorm.fold_key) in SQL, for the rare cells it is needed on (total rows).
    """CREATE OR REPLACE TEMP MACRO ingest_fold(x) AS regexp_replace(
            strip_accents(lower(replace(replace(x, 'đ', 'd'), 'Đ', 'd'))), '[^0-9a-z]+', '', 'g')""",
)

TEXT_FIELDS = ("code", "title", "authors", "coauthors", "field")
DATE_FIELDS = ("registered_on", "recognized_on", "applied_on")
MONEY_FIELDS = ("benefit_vnd", "reward_vnd")
RECORD_COLUMNS = (
    "title", "authors", "author_count", "unit_code", "field", "status", "level", "registered_on",
    "recognized_on", "applied_on", "benefit_vnd", "reward_vnd", "author_shares",
)  # fmt: skip


def col(index: int) -> str:
    return f"c{index}"


@dataclass(frozen=True)
class Shape:
    """How the file's columns feed the record: the mapping (field -> column), widths, money scales, each
    date column's order (day or month first), the delimiter (a CSV's, to tell a quote left open), and
    whether the staged rows carry their own sheet and row number (a table over several sheets)."""

    mapping: dict[str, int]
    width: int  # columns under the header
    spare: int  # extra columns read past the header (CSV) to see rows with too many cells
    scales: dict[str, int] = field(default_factory=dict)
    date_orders: dict[str, str] = field(default_factory=dict)
    delimiter: str | None = None
    sheets: bool = False
    # What the staging's scan of the cells found (`survey_terms`), so that a file pays only for what it holds:
    # codes that are not plain ASCII (cleaned of invisible characters), authors holding a '%' (shares).
    clean_codes: bool = False
    inline_shares: bool = False

    def has(self, name: str) -> bool:
        return name in self.mapping

    def raw(self, name: str) -> str:
        return col(self.mapping[name])

    @property
    def provided(self) -> tuple[str, ...]:
        """Record columns the file provides (a column it lacks is left as it is on existing records)."""
        given = {"unit_code": self.has("unit"), "authors": self.has("authors") or self.has("coauthors")}
        given["author_count"] = given["authors"] or self.has("author_count")
        given["author_shares"] = given["authors"] or self.has("author_shares")
        return tuple(name for name in RECORD_COLUMNS if given.get(name, self.has(name)))


SURVEY = ("codes", "percents")  # what survey_terms count


def survey_terms(shape: Shape) -> list[str]:
    """SQL aggregates over the staged cells (read with the staging's own check, in the same scan): codes that
    are not plain ASCII, author cells holding a '%'."""
    code = (
        f"count(*) FILTER (WHERE strlen({shape.raw('code')}) <> length({shape.raw('code')}))"
        if shape.has("code")
        else "0"
    )
    cells = [shape.raw(n) for n in ("authors", "coauthors") if shape.has(n)]
    percent = (
        "count(*) FILTER (WHERE " + " OR ".join(f"contains({c}, '%')" for c in cells) + ")" if cells else "0"
    )
    return [code, percent]


def raw_sql(source: str) -> str:
    """The file's cells as text, in file order: `rowid` is the row's position (read in parallel; a window
    function to number the rows would make the whole pass single-threaded)."""
    return f"CREATE OR REPLACE TEMP TABLE ingest_raw AS SELECT * FROM {source}"  # noqa: S608


def position(shape: Shape) -> str:
    """The column that orders ingest_rows as the file (or the sheets) ran: the row number of one file, the
    staging position of a table over several sheets."""
    return "_pos" if shape.sheets else "row_no"


def dups_sql(shape: Shape) -> str:
    """Codes on more than one (not skipped) row, with the position of their first occurrence."""
    return f"""CREATE OR REPLACE TEMP TABLE ingest_dups AS
              SELECT code, min({position(shape)}) AS first_pos FROM ingest_rows
              WHERE _skip IS NULL AND code IS NOT NULL GROUP BY code HAVING count(*) > 1"""  # noqa: S608


# Whether any code is on more than one (not skipped) row: a count of distinct codes (cheaper than grouping
# them with their first row, 0.15 against 0.23 s of CPU per million rows), so that a file whose codes are all
# different (nearly every file) only gets an empty `ingest_dups`.
REPEATED_CODES = """SELECT count(code) > count(DISTINCT code) FROM ingest_rows
                    WHERE _skip IS NULL AND code IS NOT NULL"""


def no_dups_sql(shape: Shape) -> str:
    """`ingest_dups` with its columns and no row (the file repeats no code)."""
    return f"""CREATE OR REPLACE TEMP TABLE ingest_dups AS
              SELECT code, min({position(shape)}) AS first_pos FROM ingest_rows WHERE false GROUP BY code"""  # noqa: S608


def mark_dups_sql(shape: Shape) -> str:
    """A code's later occurrences are rejected (rarely any: only when ingest_dups has rows)."""
    return f"""UPDATE ingest_rows SET errors = concat_ws('|', errors, 'code:duplicate'), action = 'reject', kept = false
              FROM ingest_dups d
              WHERE ingest_rows.code = d.code AND ingest_rows.{position(shape)} > d.first_pos
                AND ingest_rows._skip IS NULL"""  # noqa: S608


@dataclass(frozen=True)
class Check:
    """One reason a row is rejected: the field it concerns, its catalogue reason, and its SQL condition
    over the parsed row `p` (whose unit, status and level are already looked up). A code repeated in the
    file is the one check made afterwards (`mark_dups_sql`). `detail` is SQL for a number the reason
    states (a text's length), appended to the reason as "#n"."""

    field: str
    reason: str
    condition: str
    detail: str | None = None
    guard: str | None = None  # a cheaper condition the row must meet first (the pass's one test per row)


def _open_quote(shape: Shape, value: str) -> str:
    """SQL: a cell that swallowed the lines after it (a quote left open in a CSV): it holds a line break
    and at least a whole row's worth of delimiters."""
    if shape.delimiter is None or len(shape.delimiter) != 1:
        return "false"
    delim = shape.delimiter.replace("'", "''")
    return (
        f"(contains({value}, chr(10)) AND length({value}) - length(replace({value}, '{delim}', '')) "
        f">= {max(shape.width - 1, 1)})"
    )


def checks(shape: Shape, mode: str) -> list[Check]:
    """Every check, written so that a valid row pays only for cheap NULL tests: the raw cell is looked at
    (`ingest_txt`) only when its parsed value or lookup came out empty."""

    def raw(name: str) -> str:
        return f"ingest_txt(p.{shape.raw(name)})"

    out = [
        # First: a row with more cells than the header explains the errors that follow from the shift.
        Check("_row", "extra_cells", "p._extra"),
        Check("code", "missing", "p.code IS NULL"),
        Check(
            "code",
            "too_long",
            f"strlen(p.code) > {MAX_CODE} AND length(p.code) > {MAX_CODE}",
            "length(p.code)",
        ),
        Check("title", "missing", "p.title IS NULL"),
    ]
    for name in ("title", "authors"):
        value = f"p.{name}"
        if name == "authors" and not shape.has("authors"):
            continue
        quote = _open_quote(shape, value)
        # strlen (bytes, known without reading the text) first: only a long cell pays for length (characters).
        long = f"strlen({value}) > {MAX_TEXT} AND length({value}) > {MAX_TEXT}"
        guard = f"strlen({value}) > {MAX_TEXT}"
        # A quote left open is named whatever the cell's length: a short title that swallowed the records
        # after it would otherwise be stored with them inside it, and they would be lost.
        out.append(Check(name, "open_quote", quote,
                         f"length({value}) - length(replace({value}, chr(10), ''))",
                         f"contains({value}, chr(10))"))  # fmt: skip
        out.append(Check(name, "too_long", f"{long} AND NOT {quote}", f"length({value})", guard))
    if shape.has("unit"):
        unit = "p.unit_code IS NULL"  # one test per row for both (a valid row has its unit)
        out.append(Check("unit", "missing", f"{unit} AND {raw('unit')} IS NULL", guard=unit))
        out.append(Check("unit", "unknown_unit", f"{unit} AND {raw('unit')} IS NOT NULL", guard=unit))
        if mode == "replace":
            scope = "len($replace_units) > 0 AND NOT list_contains($replace_units, p.unit_code)"
            out.append(Check("unit", "outside_replace", scope))
    else:
        out.append(Check("unit", "missing", "true"))
    for name in DATE_FIELDS:
        if shape.has(name):
            if name == "registered_on":
                out.append(Check(name, "missing", f"p.{name} IS NULL AND {raw(name)} IS NULL"))
            # Outside 1900-2100 (compared as dates: cheaper than taking the year of every date).
            bad = (
                f"(p.{name} IS NULL AND {raw(name)} IS NOT NULL) "
                f"OR p.{name} NOT BETWEEN DATE '1900-01-01' AND DATE '2100-12-31'"
            )
            out.append(Check(name, "bad_date", bad))
        elif name == "registered_on":
            out.append(Check(name, "missing", "true"))
    for name in (*MONEY_FIELDS, "author_count"):
        if shape.has(name):
            value = f"p.{name}_n"
            cell = f"p.{shape.raw(name)}"
            out.append(
                Check(
                    name,
                    "not_number",
                    f"{value} IS NULL AND {raw(name)} IS NOT NULL AND NOT ingest_dash({cell})",
                )
            )
            out_of_range = f"{value} NOT BETWEEN 0 AND {MAX_AMOUNT}"  # one test per row for both
            out.append(Check(name, "negative", f"{value} < 0", guard=out_of_range))
            out.append(Check(name, "too_large", f"{value} > {MAX_AMOUNT}", guard=out_of_range))
    for name in ("status", "level"):
        if shape.has(name):
            out.append(Check(name, f"unknown_{name}", f"p.{name}_v IS NULL AND {raw(name)} IS NOT NULL"))
    return out


def _lookup(key: str, table: str, name: str) -> str:
    """The canonical value of a raw cell: the exact spelling from the lookup table (a hash join), else, for
    a spelling not seen before, the folded cell looked up in $<name>_keys/$<name>_values."""
    return (
        f"coalesce({table}.value, CASE WHEN m.{key} IS NOT NULL THEN "
        f"list_extract(${name}_values, list_position(${name}_keys, ingest_fold(m.{key}))) END)"
    )


# Authors with their shares ("Nguyễn Văn An (60%); Trần Thị Bình (40%)", "An 60%, Bình 40%", "(33,3%)"): the
# cell's items (the decimal comma of a share kept), each item's name without its share, and its share.
SHARE_MACROS: tuple[str, ...] = (
    r"""CREATE OR REPLACE TEMP MACRO ingest_author_items(a) AS list_filter(
            string_split_regex(regexp_replace(a, '([0-9]),([0-9]+\s*%)', '\1.\2', 'g'), '\s*[,;\n]+\s*'),
            lambda e: trim(e) <> '')""",
    rf"""CREATE OR REPLACE TEMP MACRO ingest_author_name(e) AS
            trim(regexp_replace(regexp_replace(e, '{_SHARE}', '', 'g'), '[\s:–-]+$', ''))""",
    r"""CREATE OR REPLACE TEMP MACRO ingest_author_share(e) AS
            TRY_CAST(regexp_extract(e, '([0-9]+(?:\.[0-9]+)?)\s*%', 1) AS DOUBLE)""",
    # A list of shares holding at least one, else NULL.
    """CREATE OR REPLACE TEMP MACRO ingest_some_shares(x) AS CASE
            WHEN len(list_filter(x, lambda y: y IS NOT NULL)) > 0 THEN x END""",
    # A column of shares: "60%", "60", "0,6", "60; 40".
    r"""CREATE OR REPLACE TEMP MACRO ingest_share_list(v) AS CASE WHEN v IS NOT NULL THEN nullif(list_transform(
            list_filter(string_split_regex(regexp_replace(v, '([0-9]),([0-9])', '\1.\2', 'g'), '[^0-9.]+'),
                        lambda x: x <> '' AND x <> '.'),
            lambda x: TRY_CAST(x AS DOUBLE)), []) END""",
)


def rows_sql(shape: Shape, mode: str, phases: int) -> str:
    """CREATE TEMP TABLE ingest_rows: one pass over ingest_raw that parses every cell once and gives each
    row its final values, its errors and its action.

    Parameters: $first_row, $rid_base (ingest_raw's first rowid: inside a transaction a new table's rowids
    start far above 0, contiguous and in file order), $replace_units (list), the fold lookups
    ($unit_keys/$unit_values, $status_keys/..., $level_keys/...) and, per phase i, $ps{i}, $pe{i}, $pp{i}
    (its bounds and number: the phase is derived from the registration date).

    `_pos` is the row's place in the staging (file order); `row_no` the row a person sees (in its sheet,
    `_sheet`, for a table over several sheets).
    """
    # A table over several sheets carries each row's staging position, sheet and row; one file's rows are
    # told apart by their row number alone (one column less in a pass over a million rows).
    parse: list[str] = ["_rid AS _pos", "_row AS row_no"] if shape.sheets else ["_rid + $first_row AS row_no"]
    for name in TEXT_FIELDS:
        reader = "ingest_code" if name == "code" and shape.clean_codes else "ingest_txt"
        parse.append(
            f"{reader}({shape.raw(name)}) AS {name}" if shape.has(name) else f"NULL::VARCHAR AS {name}"
        )
    for name in ("unit", "status", "level"):
        if shape.has(name):
            parse.append(f"{shape.raw(name)} AS {name}_key")
    values: list[str] = []
    fixed: list[str] = []
    for name in DATE_FIELDS:
        if shape.has(name):
            reader = "ingest_date_mdy" if shape.date_orders.get(name) == "mdy" else "ingest_date"
            values.append(f"{reader}({shape.raw(name)}) AS {name}_d")
            fixed.append(
                f"CASE WHEN {name}_d < DATE '0100-01-01' THEN CAST({name}_d + to_years(2000) AS DATE) "
                f"ELSE {name}_d END AS {name}"  # a DATE (a date plus years is a TIMESTAMP in DuckDB)
            )
        else:
            fixed.append(f"NULL::DATE AS {name}")
    for name in MONEY_FIELDS:
        if shape.has(name):
            values.append(
                f"round(ingest_money({shape.raw(name)}) * {int(shape.scales.get(name, 1))}) AS {name}_n"
            )
    if shape.has("author_count"):
        values.append(f"ingest_count({shape.raw('author_count')}) AS author_count_n")
    if not values:
        values.append("NULL AS _none")
    # Blank: nothing in any mapped column. Total: no registration date, and the row's first filled cell
    # says "Tổng cộng", "Cộng", "Total"... (a regular expression, not IN: DuckDB would turn a list into a
    # join that folds every row).
    mapped = sorted(set(shape.mapping.values()))
    blank = (
        "coalesce(" + ", ".join(f"ingest_txt({col(i)})" for i in mapped) + ") IS NULL" if mapped else "true"
    )
    first = "coalesce(" + ", ".join(f"ingest_txt({col(i)})" for i in range(shape.width)) + ")"
    totals = "tongcong.*|" + "|".join(sorted(TOTAL_KEYS))
    reg = "registered_on_d" if shape.has("registered_on") else "NULL"
    fixed.append(
        f"""CASE WHEN {reg} IS NOT NULL THEN NULL
                 WHEN {blank} THEN 'blank'
                 WHEN regexp_full_match(ingest_fold({first}), '{totals}') THEN 'total' END AS _skip"""
    )
    spares = [f"ingest_txt({col(i)})" for i in range(shape.width, shape.width + shape.spare)]
    fixed.append(f"coalesce({', '.join(spares)}) IS NOT NULL AS _extra" if spares else "false AS _extra")

    looked: list[str] = []
    joins: list[str] = []
    for name, table, alias in (("unit", "ingest_units", "u"), ("status", "ingest_statuses", "st"),
                               ("level", "ingest_levels", "lv")):  # fmt: skip
        target = "unit_code" if name == "unit" else f"{name}_v"
        if shape.has(name):
            looked.append(f"{_lookup(f'{name}_key', alias, name)} AS {target}")
            joins.append(f"LEFT JOIN {table} {alias} ON {alias}.raw = m.{name}_key")
        else:
            looked.append(f"NULL::VARCHAR AS {target}")

    combined = "p.authors" if shape.has("authors") else "NULL::VARCHAR"
    if shape.has("coauthors"):
        combined = f"nullif(concat_ws('; ', {combined}, p.coauthors), '')"
    # One separator (';') whatever the export used (',' ';' or line breaks); the regex runs only on cells
    # holding a comma or a line break (';' is already the separator the metrics split on). A cell with a
    # '%' holds shares: the names are written without them, the shares kept in author_shares.
    # Looked for only in a file whose authors hold a '%' somewhere (`Shape.inline_shares`, one scan).
    pct = (
        f"WHEN contains({combined}, '%') THEN nullif(array_to_string(list_filter(list_transform("
        f"ingest_author_items({combined}), lambda e: ingest_author_name(e)), lambda n: n <> ''), '; '), '') "
        if shape.inline_shares
        else ""
    )
    # A cell with an empty name between separators ("An;", "An;; Bình") is written again too, so that
    # the count (separators + 1) is the number of names; a comma between two digits ("Tổ 1,2", "(0,6)")
    # is a decimal comma, never a separator (it is kept aside as chr(1) while the separators are written).
    authors = (
        f"CASE {pct}WHEN contains({combined}, ',') OR contains({combined}, chr(10)) "
        f"OR (contains({combined}, ';') AND regexp_matches({combined}, '(^|;)\\s*(;|$)')) "
        f"THEN nullif(trim(replace(regexp_replace(regexp_replace({combined}, '([0-9]),([0-9])', "
        f"'\\1' || chr(1) || '\\2', 'g'), '\\s*[,;\\n][\\s,;]*', '; ', 'g'), chr(1), ','), '; '), '') "
        f"ELSE {combined} END"
    )
    inline = (
        f"CASE WHEN contains({combined}, '%') THEN list_transform(list_filter(ingest_author_items({combined}), "
        f"lambda e: ingest_author_name(e) <> ''), lambda e: ingest_author_share(e)) END"
        if shape.inline_shares
        else "NULL::DOUBLE[]"
    )
    shares = inline
    if shape.has("author_shares"):
        shares = f"coalesce({inline}, ingest_share_list(ingest_txt(p.{shape.raw('author_shares')})))"
    shares = (
        f"ingest_some_shares({shares})"
        if shape.inline_shares or shape.has("author_shares")
        else "NULL::DOUBLE[]"
    )
    derived = (
        "CASE WHEN p.applied_on IS NOT NULL THEN 'applied' WHEN p.recognized_on IS NOT NULL THEN 'recognized' "
        "ELSE 'registered' END"
    )
    status = f"coalesce(p.status_v, {derived})" if shape.has("status") else derived
    phase = (
        "CASE "
        + " ".join(f"WHEN p.registered_on BETWEEN $ps{i} AND $pe{i} THEN $pp{i}" for i in range(phases))
        + " END"
        if phases
        else "NULL::INTEGER"
    )
    all_checks = checks(shape, mode)
    quick = " OR ".join(dict.fromkeys(f"({c.guard or c.condition})" for c in all_checks))
    listed = ", ".join(
        f"CASE WHEN {c.condition} THEN '{c.field}:{c.reason}'"
        + (f" || '#' || CAST({c.detail} AS VARCHAR)" if c.detail else "")
        + " END"
        for c in all_checks
    )
    count = "CASE WHEN f.authors IS NULL THEN NULL ELSE length(f.authors) - length(replace(f.authors, ';', '')) + 1 END"
    if shape.has("author_count"):
        count = f"coalesce(CAST(f.author_count_n AS INTEGER), {count})"
    money = ", ".join(
        f"CAST(p.{n}_n AS BIGINT) AS {n}" if shape.has(n) else f"NULL::BIGINT AS {n}" for n in MONEY_FIELDS
    )
    if shape.has("author_count"):
        money += ", p.author_count_n"
    same = " AND ".join(f"g.{c} IS NOT DISTINCT FROM i.{c}" for c in shape.provided) or "true"
    exists = "'unchanged'" if mode == "insert" else f"CASE WHEN {same} THEN 'unchanged' ELSE 'update' END"

    def keys(alias: str) -> str:
        return f"{alias}._pos, {alias}.row_no, {alias}._sheet" if shape.sheets else f"{alias}.row_no"

    return f"""
CREATE OR REPLACE TEMP TABLE ingest_rows AS
WITH m AS (
    SELECT *, {", ".join(fixed)} FROM (
        SELECT *, {", ".join(values)} FROM (SELECT *, {", ".join(parse)} FROM (SELECT rowid - $rid_base AS _rid, * FROM ingest_raw)))
), p AS (
    SELECT m.*, {", ".join(looked)} FROM m {" ".join(joins)}
), f AS (
    SELECT {keys("p")}, p._skip, p.code, p.title, {authors} AS authors,
           {shares} AS author_shares, p.field, p.unit_code, {status} AS status,
           p.level_v AS level, p.registered_on, p.recognized_on, p.applied_on, {money}, {phase} AS phase,
           CASE WHEN {quick} THEN nullif(concat_ws('|', {listed}), '') END AS errors
    FROM p
), g AS (
    SELECT {keys("f")}, f._skip, f.errors, f.code, f.title, f.authors,
           CAST({count} AS INTEGER) AS author_count, f.unit_code, f.field, f.status, f.level, f.registered_on,
           f.recognized_on, f.applied_on, f.benefit_vnd, f.reward_vnd, f.phase, f.author_shares
    FROM f
)
SELECT g.*,
       CASE WHEN g._skip IS NOT NULL THEN 'skip'
            WHEN g.errors IS NOT NULL THEN 'reject'
            WHEN i.code IS NULL THEN 'insert'
            ELSE {exists} END AS action,
       i.code IS NOT NULL AND {"true" if mode == "insert" else "false"} AS kept
FROM g LEFT JOIN initiatives i ON i.code = g.code AND g._skip IS NULL AND g.errors IS NULL
"""  # noqa: S608


def reclassify_sql(shape: Shape, mode: str, table: str) -> str | None:
    """Rows whose values changed after the first pass (co-authors joined from the rows under them, shares
    made percentages): insert, update or unchanged again against the store. `table` holds their positions
    (column `pos`). None when nothing can change (insert-only mode keeps every existing record)."""
    same = " AND ".join(f"ingest_rows.{c} IS NOT DISTINCT FROM i.{c}" for c in shape.provided) or "true"
    if mode == "insert":
        return None
    return f"""UPDATE ingest_rows SET action = CASE WHEN {same} THEN 'unchanged' ELSE 'update' END
               FROM initiatives i
               WHERE i.code = ingest_rows.code AND ingest_rows.action IN ('update', 'unchanged')
                 AND ingest_rows.{position(shape)} IN (SELECT pos FROM {table})"""  # noqa: S608


def update_sql(shape: Shape) -> str:
    """Changed records take the file's values for the columns it provides (others stay as they were)."""
    sets = [f"{c} = r.{c}" for c in shape.provided]
    sets += ["phase = r.phase", "import_id = $import_id"]
    return (
        f"UPDATE initiatives SET {', '.join(sets)} FROM ingest_rows r "  # noqa: S608
        "WHERE initiatives.code = r.code AND r.action = 'update'"
    )


HISTORY_COLUMNS = (
    "code, title, authors, author_count, unit_code, field, status, level, registered_on, recognized_on, "
    "applied_on, benefit_vnd, reward_vnd, phase, author_shares"
)


def history_select(alias: str) -> str:
    """HISTORY_COLUMNS read from the table aliased `alias` ("h.code, h.title, ...")."""
    return ", ".join(f"{alias}.{c.strip()}" for c in HISTORY_COLUMNS.split(","))


# Replace mode: the scope's records the file no longer holds (counted when validating, deleted when writing).
REPLACED_WHERE = (
    "list_contains($scope, unit_code) AND code NOT IN (SELECT code FROM ingest_rows WHERE code IS NOT NULL)"
)
REPLACED_COUNT = f"SELECT count(*) FROM initiatives WHERE {REPLACED_WHERE}"  # noqa: S608
