"""Quality and pipeline: what stands behind the count, defined once.

- **The funnel** (`funnel`): registered -> recognised -> applied, and recognised by level (cơ sở -> ngành/tỉnh
  -> toàn quốc), per unit, per period and overall; conversion rates, the median days of each stage, and the
  backlog (registered more than N days before the as-of day and still waiting for recognition).
- **Freshness** (`freshness`): per unit, its newest record, its last import and the median lag from
  registration to recognition; a unit whose newest record is more than N days before the as-of day is silent.
- **The same initiative twice** (`duplicates`): pairs of records whose titles are the same or nearly the same
  after a Vietnamese-aware normalisation (`TITLE_NORMALISATION`), helped by authors and field; found in DuckDB
  from a derived title index (`dedup_titles`, `dedup_near`, and the scored candidate pairs `dedup_pairs`,
  brought up to date by data version for what changed only): clusters of the same normalised title, and
  titles that are the same less one word; never by comparing every pair; filtered, counted and ranked in SQL
  (the review list gets the best pairs and the count; the command streams them). Analysts' marks (`duplicate_marks`, keyed by record codes) are applied to every scan.
- **Benefits that cannot be true** (`plausibility`): the rules in `BENEFIT_RULES`; the analyst's mark of each
  record's benefit (`benefit_marks`: confirmed by the council, or self-declared) gives the two sums.

Every figure's label and definition are in the catalogue (`quality.*`, `metric.quality_*`), shown on hover.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

import duckdb
import pandas as pd

from analytics import audit, metrics
from analytics.filters import Filters, to_query
from analytics.i18n import Lang
from analytics.import_check import NEW_CODES_SQL, adds_every_record
from analytics.store import Reader, Store, StoreError, write_derived

_LOG = logging.getLogger(__name__)

BACKLOG_DAYS = 90  # registered more than this many days ago and not yet recognised: the backlog
SILENT_DAYS = 30  # a unit whose newest record is older than this is "silent" (not updating)
MIN_SIMILARITY = 0.8  # pairs at or above this similarity are proposed
MAX_BLOCK = 40  # a title key shared by more records than this is too common to tell anything (skipped)
TITLE_WEIGHT, AUTHOR_WEIGHT = 0.8, 0.2  # similarity = 0.8 x title overlap + 0.2 x author overlap

# Words that say nothing about which initiative a title names, removed after accents and case are folded:
# phrases first (whole words only), then single words.
FILLER_PHRASES: tuple[str, ...] = (
    "giai phap",
    "sang kien",
    "cai tien",
    "de xuat",
    "nghien cuu",
    "ung dung",
    "nang cao hieu qua",
    "nang cao",
    "hieu qua",
    "hoan thien",
    "toi uu hoa",
    "toi uu",
    "xay dung",
    "thuc hien",
    "ap dung",
    "trien khai",
)
FILLER_WORDS: tuple[str, ...] = (
    "tai",
    "cho",
    "cua",
    "va",
    "cac",
    "trong",
    "de",
    "ve",
    "mot",
    "nhung",
    "viec",
    "nham",
    "voi",
    "o",
    "theo",
    "bang",
    "khi",
    "hoac",
    "tu",
    "la",
    "moi",
    "so",
)
TITLE_NORMALISATION = (
    "lower case; đ -> d; accents removed; punctuation -> space; the filler phrases and words above removed; "
    "the remaining words as a set (word order ignored)"
)
REASONS: tuple[str, ...] = (
    "same_title",
    "similar_title",
    "same_authors",
    "shared_authors",
    "same_field",
    "same_unit",
    "other_unit",
    "other_program",
)
MARKS: tuple[str, ...] = ("same", "spread", "different")
BASES: tuple[str, ...] = ("council", "self")

# Benefits that cannot be true: (rule, what it says). The texts in the catalogue (quality.rule.<rule>.help)
# state each rule as it is computed below.
OUTLIER_FACTOR = 10  # benefit above 10 x the 99th percentile of its unit's (field's) records
OUTLIER_MIN_RECORDS = 30  # a percentile needs at least this many records with a benefit
PREV_YEAR_MIN_RECORDS = 10  # the year before must have this many records with a benefit to compare
TOP_SHARE_LIMIT = 50.0  # a unit whose top 1% of records bring more than this % of its benefit is flagged
BENEFIT_RULES: tuple[str, ...] = ("over_unit_p99", "over_field_p99", "over_prev_year", "before_applied")

QUALITY_KINDS: dict[str, str] = {
    "registered": "count",
    "recognized": "count",
    "applied": "count",
    "recognized_rate": "percent",
    "applied_rate": "percent",
    "days_to_recognition": "decimal",
    "days_to_application": "decimal",
    "backlog": "count",
    "level_unit": "count",
    "level_sector": "count",
    "level_national": "count",
    "silent_days": "count",
    "recognition_lag": "decimal",
    "similarity": "decimal",
    "benefit_vnd": "money",
    "top1_share": "percent",
}


def _run(store: Reader, sql: str, filters: Filters, **extra: object) -> pd.DataFrame:
    return metrics._run(store, sql, filters, **extra)  # noqa: SLF001 (the one way metrics pass their filters)


def as_of_day(store: Reader, filters: Filters) -> dt.date | None:
    """The day the quality figures stand at: the view's as-of day (the program's newest record by default)."""
    return metrics.effective_as_of(store, filters)


def records_link(filters: Filters, lang: Lang = "vi", **changes: object) -> str:
    """A relative link to the Records page showing the records behind a number: the view's filters with
    `changes` (URL parameters the Records page reads: status, unit, from, to...)."""
    query = to_query(filters, lang)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        elif isinstance(value, list | tuple):
            query[key] = [str(v) for v in value]
        else:
            query[key] = [value.isoformat() if isinstance(value, dt.date) else str(value)]
    return "records" + ("?" + urlencode(query, doseq=True) if query else "")


# ---------------------------------------------------------------------------------------------------------
# The funnel: registered -> recognised -> applied, by level, with the days of each stage and the backlog.

_RECOGNISED = "status IN ('recognized', 'applied')"
_FUNNEL_SQL = metrics.with_scope(  # constant SQL only; values are parameters
    """SELECT CASE WHEN grouping(unit_code) = 0 THEN 'unit' WHEN grouping(phase) = 0 THEN 'period'
                    ELSE 'all' END AS dimension,
               unit_code AS unit, phase,
               count(*) AS registered,
               count(*) FILTER (WHERE RECOGNISED) AS recognized,
               count(*) FILTER (WHERE status = 'applied') AS applied,
               count(*) FILTER (WHERE status = 'not_recognized') AS not_recognized,
               count(*) FILTER (WHERE RECOGNISED AND coalesce(level, 'unit') = 'unit') AS level_unit,
               count(*) FILTER (WHERE RECOGNISED AND level = 'sector') AS level_sector,
               count(*) FILTER (WHERE RECOGNISED AND level = 'national') AS level_national,
               median(recognized_on - registered_on)
                   FILTER (WHERE recognized_on >= registered_on) AS days_to_recognition,
               median(applied_on - recognized_on)
                   FILTER (WHERE applied_on >= recognized_on) AS days_to_application,
               count(*) FILTER (WHERE status = 'registered' AND registered_on < $cutoff) AS backlog,
               min(registered_on) FILTER (WHERE status = 'registered' AND registered_on < $cutoff)
                   AS oldest_waiting
        FROM f GROUP BY GROUPING SETS ((unit_code), (phase), ())""".replace("RECOGNISED", _RECOGNISED)
)


@dataclass(frozen=True)
class Funnel:
    """The funnel of a view: `overall` (one dict), `by_unit` and `by_period` (one row each); `as_of` the day
    it stands at, `cutoff` the day before which a waiting record is in the backlog."""

    overall: dict
    by_unit: pd.DataFrame
    by_period: pd.DataFrame
    as_of: dt.date | None
    cutoff: dt.date | None
    backlog_days: int


def _rates(frame: pd.DataFrame) -> pd.DataFrame:
    registered = frame["registered"].astype("float64")
    recognized = frame["recognized"].astype("float64")
    frame["recognized_rate"] = (recognized * 100 / registered.where(registered > 0)).astype("float64")
    frame["applied_rate"] = (frame["applied"] * 100 / recognized.where(recognized > 0)).astype("float64")
    for column in ("days_to_recognition", "days_to_application"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def funnel(store: Reader, filters: Filters, backlog_days: int = BACKLOG_DAYS) -> Funnel:
    """metric.quality_funnel: per unit, per period and overall, one scan of the filtered records.

    Recognised = status recognised or applied (an applied initiative was recognised first); applied =
    status applied; by level = the recognised ones by their level (a recognised record without a level
    counts at grassroots level, cơ sở); rates: recognised / registered, applied / recognised; days: medians
    of recognised_on - registered_on and applied_on - recognised_on; backlog: status still "registered" and
    registered more than `backlog_days` days before the as-of day."""
    backlog_days = max(0, int(backlog_days))
    as_of = as_of_day(store, filters)
    cutoff = as_of - dt.timedelta(days=backlog_days) if as_of else None
    frame = _run(store, _FUNNEL_SQL, filters, cutoff=cutoff or dt.date(1900, 1, 1))
    frame = _rates(frame)
    frame = metrics.as_dates(frame, "oldest_waiting")
    overall_rows = frame[frame["dimension"] == "all"]
    overall = overall_rows.iloc[0].to_dict() if len(overall_rows) else {}
    if not overall or not overall.get("registered"):
        overall = {key: 0 for key in ("registered", "recognized", "applied", "backlog")} | overall
    by_unit = frame[frame["dimension"] == "unit"].drop(columns=["dimension", "phase"])
    by_unit = by_unit.sort_values(["backlog", "registered"], ascending=False).reset_index(drop=True)
    by_period = frame[(frame["dimension"] == "period") & frame["phase"].notna()].drop(
        columns=["dimension", "unit"]
    )
    by_period = by_period.astype({"phase": "int64"}).sort_values("phase").reset_index(drop=True)
    return Funnel(overall, by_unit, by_period, as_of, cutoff, backlog_days)


# ---------------------------------------------------------------------------------------------------------
# Freshness: who is late in updating.

_FRESHNESS_SQL = metrics.with_scope(
    """, active AS (SELECT DISTINCT unit_code FROM fp)
    SELECT u.code AS unit, u.short_name, max(f.registered_on) AS newest,
           max(m.imported_at) FILTER (WHERE m.undone_at IS NULL) AS last_import,
           count(f.code) AS registered,
           median(f.recognized_on - f.registered_on) FILTER (WHERE f.recognized_on >= f.registered_on)
               AS recognition_lag
    FROM scope_units u
    JOIN active a ON a.unit_code = u.code
    LEFT JOIN f ON f.unit_code = u.code
    LEFT JOIN imports m ON m.id = f.import_id
    GROUP BY u.code, u.short_name"""
)


@dataclass(frozen=True)
class Freshness:
    """Per unit (`units`: unit, short_name, newest, last_import, registered, recognition_lag, silent_days,
    silent); `silent` the codes of the silent units, longest silent first."""

    units: pd.DataFrame
    silent: list[str]
    as_of: dt.date | None
    silent_after: int


def freshness(store: Reader, filters: Filters, silent_days: int = SILENT_DAYS) -> Freshness:
    """metric.quality_silent: a unit taking part in the program (a record in it) is silent when its newest
    record in view is more than `silent_days` days before the as-of day, or it has none in view.
    metric.quality_recognition_lag: the median of recognised_on - registered_on of its records. A view of a
    finished period (or program) is read at its last day: months later, every unit would be silent in it."""
    silent_days = max(0, int(silent_days))
    as_of = as_of_day(store, filters)
    if as_of is not None:
        as_of = min(as_of, metrics.scope_window(metrics.program_of(store, filters), filters, as_of)[1])
    frame = _run(store, _FRESHNESS_SQL, filters)
    frame = metrics.as_dates(frame, "newest")
    frame["recognition_lag"] = pd.to_numeric(frame["recognition_lag"], errors="coerce").astype("float64")
    frame["silent_days"] = [
        (as_of - newest).days if (as_of and newest) else float("nan") for newest in frame["newest"]
    ]
    frame["silent"] = [
        newest is None or (as_of is not None and (as_of - newest).days > silent_days)
        for newest in frame["newest"]
    ]
    frame = frame.sort_values(["silent", "silent_days", "unit"], ascending=[False, False, True])
    frame = frame.reset_index(drop=True)
    return Freshness(frame, frame.loc[frame["silent"], "unit"].tolist(), as_of, silent_days)


# ---------------------------------------------------------------------------------------------------------
# The same initiative twice: blocking on normalised-title tokens, then scoring the candidate pairs.


def _title_tokens_sql(column: str) -> str:
    """SQL: the normalised title's words as a sorted, distinct list (constant SQL; the filler lists are
    parameters $phrases and $fillers)."""
    folded = f"strip_accents(replace(lower({column}), 'đ', 'd'))"
    cleaned = f"regexp_replace({folded}, '[^a-z0-9]+', ' ', 'g')"
    no_phrases = f"regexp_replace(' ' || {cleaned} || ' ', $phrase_pattern, ' ', 'g')"
    words = f"string_split(trim({no_phrases}), ' ')"
    return f"list_sort(list_distinct(list_filter({words}, lambda w: w <> '' AND NOT list_contains($fillers, w))))"


def _people_sql(column: str) -> str:
    folded = f"strip_accents(replace(lower(coalesce({column}, '')), 'đ', 'd'))"
    return (
        f"list_sort(list_distinct(list_filter(list_transform(string_split({folded}, ';'), lambda a: trim(a)),"
        " lambda a: a <> '')))"
    )


# The title index (derived, like the author index): each record's normalised title words, its hashed key
# and its people, kept in `dedup_titles`; `dedup_near`, the pairs of distinct normalised titles that share
# the title less one word; and `dedup_pairs`, every candidate pair with what its score is made of. All three
# are brought to the data version together and incrementally: one pass over the records and the index
# finds the records added, removed or changed (title, authors, day, unit, field or program: `source`); only
# they are normalised again (each distinct title and author list once); the near titles are computed again
# only when the set of distinct normalised titles changed; and only the pairs of the title keys touched
# (a changed record's old and new key, and the keys whose near titles changed) are paired and scored
# again. A scan then reads scored pairs and never pairs or normalises anything.
_SOURCE = "hash(i.title, i.authors, i.registered_on, i.unit_code, i.field, i.program_code)"
_CHANGED_ROWS = """CREATE OR REPLACE TEMP TABLE dedup_changed AS
SELECT coalesce(i.code, d.code) AS code, d.tkey AS old_tkey
FROM initiatives i FULL JOIN dedup_titles d ON d.code = i.code
WHERE d.code IS NULL OR i.code IS NULL OR SOURCE <> d.source""".replace("SOURCE", _SOURCE)
_INDEX_ROWS = """
WITH new AS (
    SELECT code, coalesce(title, '') AS title, coalesce(authors, '') AS authors, registered_on,
           SOURCE AS source
    FROM initiatives i WHERE code IN (SELECT code FROM dedup_changed)
),
t AS (SELECT title, TITLE_TOKENS AS tokens FROM (SELECT DISTINCT title FROM new)),
p AS (SELECT authors, PEOPLE AS people FROM (SELECT DISTINCT authors FROM new))
SELECT n.code, n.source, n.registered_on, CASE WHEN len(t.tokens) >= 2 THEN hash(t.tokens) END AS tkey,
       t.tokens, p.people
FROM new n JOIN t USING (title) JOIN p USING (authors)""".replace("SOURCE", _SOURCE)
# The title keys a change touches: the old key of every changed record and the new one.
_TOUCHED = """CREATE OR REPLACE TEMP TABLE dedup_touched AS
SELECT old_tkey AS tkey FROM dedup_changed WHERE old_tkey IS NOT NULL
UNION SELECT tkey FROM dedup_titles WHERE code IN (SELECT code FROM dedup_changed) AND tkey IS NOT NULL"""
# Each touched key's cluster before and after the change: its size and first record (registered first;
# ties: the smaller code). Before = the rows kept and the rows the change removed (`dedup_gone`).
_TOUCHED_CLUSTERS = """CREATE OR REPLACE TEMP TABLE dedup_clusters AS
WITH now AS (
    SELECT code, tkey, registered_on, code IN (SELECT code FROM dedup_changed) AS changed
    FROM dedup_titles WHERE tkey IN (SELECT tkey FROM dedup_touched)
),
was AS (
    SELECT code, tkey, registered_on FROM now WHERE NOT changed
    UNION ALL SELECT code, tkey, registered_on FROM dedup_gone WHERE tkey IS NOT NULL
),
b AS (SELECT tkey, count(*) AS n, arg_min(code, (registered_on, code)) AS first FROM was GROUP BY tkey),
a AS (SELECT tkey, count(*) AS n, arg_min(code, (registered_on, code)) AS first FROM now GROUP BY tkey)
SELECT t.tkey, coalesce(b.n, 0) AS n_before, b.first AS first_before, coalesce(a.n, 0) AS n_after,
       a.first AS first_after
FROM dedup_touched t LEFT JOIN b ON b.tkey = t.tkey LEFT JOIN a ON a.tkey = t.tkey"""
# Whether the set of distinct normalised titles changed (a touched key there before and gone, or there now
# and not before): the near titles depend on that set only.
_LISTS_CHANGED = "SELECT count(*) FROM dedup_clusters WHERE (n_before > 0) <> (n_after > 0)"
# The clusters whose pairs are all made again: a new first record, a first record that changed, or a size
# that crossed into or out of 2..$max_block. In the others only the changed records' own pairs change.
_RESET = """CREATE OR REPLACE TEMP TABLE dedup_affected AS
SELECT tkey FROM dedup_clusters
WHERE first_before IS DISTINCT FROM first_after OR first_after IN (SELECT code FROM dedup_changed)
   OR (n_before BETWEEN 2 AND $max_block) <> (n_after BETWEEN 2 AND $max_block)"""
# The near titles: keys are each distinct word list (2 words or more) and the list less one word (3 or more);
# a key shared by 2 to $max_block distinct titles is a block, whose first title (the smallest key) is paired
# with each other one (a block of k titles gives k - 1 pairs).
_NEAR_ROWS = """
WITH lists AS (SELECT tkey, any_value(tokens) AS tokens FROM IDX WHERE tkey IS NOT NULL GROUP BY tkey),
keys AS (
    SELECT tkey, tkey AS key FROM lists
    UNION ALL
    SELECT tkey, hash(list_filter(tokens, lambda w, i: i <> k)) AS key
    FROM (SELECT tkey, tokens, unnest(range(1, len(tokens) + 1)) AS k FROM lists WHERE len(tokens) >= 3)
),
blocks AS (SELECT key, min(tkey) AS first FROM keys GROUP BY key HAVING count(*) BETWEEN 2 AND $max_block)
SELECT DISTINCT b.first AS tkey_a, k.tkey AS tkey_b FROM keys k JOIN blocks b ON b.key = k.key AND k.tkey <> b.first"""
# Near-title rows that came or went: their keys' pairs are made again too.
_AFFECTED_NEAR = """INSERT INTO dedup_affected
WITH diff AS (
    (SELECT tkey_a, tkey_b FROM dedup_near EXCEPT SELECT tkey_a, tkey_b FROM dedup_near_new)
    UNION ALL (SELECT tkey_a, tkey_b FROM dedup_near_new EXCEPT SELECT tkey_a, tkey_b FROM dedup_near)
)
SELECT tkey_a FROM diff UNION SELECT tkey_b FROM diff"""
_INDEX_VERSION_SQL = "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'dedup_titles_version'"
_TEMP_TABLES = (
    "dedup_changed",
    "dedup_gone",
    "dedup_touched",
    "dedup_clusters",
    "dedup_near_new",
    "dedup_affected",
)

# Pairs: records with the same normalised title form a cluster, each paired with its first record
# (registered first; ties: the smaller code); two near titles' clusters are paired by their first records.
_CLUSTER_PAIRS = """
rec AS (SELECT code, tkey, registered_on FROM idx WHERE tkey IS NOT NULL),
clusters AS (SELECT tkey, count(*) AS n, arg_min(code, (registered_on, code)) AS first FROM rec GROUP BY tkey),
cand AS (
    SELECT c.first AS x, r.code AS y FROM rec r JOIN clusters c USING (tkey)
    WHERE c.n BETWEEN 2 AND $max_block AND r.code <> c.first AND CLUSTER_KEPT
    UNION ALL
    SELECT ca.first, cb.first FROM near d JOIN clusters ca ON ca.tkey = d.tkey_a JOIN clusters cb ON cb.tkey = d.tkey_b
),"""
# What a pair's score is made of (the columns of `dedup_pairs`, in its order).
_SCORED = """
scored AS (
    SELECT c.code_a, c.code_b, ia.unit_code AS unit_a, ib.unit_code AS unit_b,
           coalesce(ia.program_code, '') AS program_a, coalesce(ib.program_code, '') AS program_b,
           a.registered_on AS registered_a, b.registered_on AS registered_b,
           CASE WHEN a.tkey = b.tkey THEN 1.0 ELSE
               len(list_intersect(a.tokens, b.tokens)) / len(list_distinct(list_concat(a.tokens, b.tokens))) END
               AS title_overlap,
           CASE WHEN len(a.people) = 0 OR len(b.people) = 0 THEN 0.0
                ELSE len(list_intersect(a.people, b.people))
                     / len(list_distinct(list_concat(a.people, b.people))) END AS author_overlap,
           a.tkey = b.tkey AS same_title,
           len(a.people) > 0 AND a.people = b.people AS same_authors,
           list_has_any(a.people, b.people) AS shared_authors,
           ia.field IS NOT DISTINCT FROM ib.field AS same_field,
           a.tkey AS tkey_a, b.tkey AS tkey_b
    FROM candidates c JOIN idx a ON a.code = c.code_a JOIN idx b ON b.code = c.code_b
    JOIN initiatives ia ON ia.code = c.code_a JOIN initiatives ib ON ib.code = c.code_b
)"""
# The pairs made again, for `dedup_pairs`: every pair of the affected clusters (`dedup_affected`) and of the
# near rows with an affected end (the other end's cluster read too, for its first record), and the pair of
# each changed record in a touched cluster that is not affected.
_PAIR_ROWS = """
WITH aff AS (SELECT tkey FROM dedup_affected),
near AS (SELECT tkey_a, tkey_b FROM dedup_near
         WHERE tkey_a IN (SELECT tkey FROM aff) OR tkey_b IN (SELECT tkey FROM aff)),
ends AS (SELECT tkey FROM dedup_touched UNION SELECT tkey FROM aff UNION SELECT tkey_a FROM near
         UNION SELECT tkey_b FROM near),
idx AS (SELECT * FROM dedup_titles WHERE tkey IN (SELECT tkey FROM ends)),CLUSTER_PAIRS
candidates AS (SELECT DISTINCT least(x, y) AS code_a, greatest(x, y) AS code_b FROM cand),SCORED
SELECT * FROM scored""".replace(
    "CLUSTER_PAIRS",
    _CLUSTER_PAIRS.replace(
        "CLUSTER_KEPT", "(r.tkey IN (SELECT tkey FROM aff) OR r.code IN (SELECT code FROM dedup_changed))"
    ),
).replace("SCORED", _SCORED)


def _tokens_sql(sql: str) -> str:
    return sql.replace("TITLE_TOKENS", _title_tokens_sql("title")).replace("PEOPLE", _people_sql("authors"))


def refresh_title_index(store: Reader) -> bool:
    """Bring `dedup_titles`, `dedup_near` and `dedup_pairs` to the store's data version (incrementally:
    records removed or changed since are dropped, new ones normalised, the pairs of the titles they touch
    made again). False when the store cannot be written (a scan then pairs every record itself)."""
    return _index_reader(store) is not None


def _refresh_index(cur: duckdb.DuckDBPyConnection) -> None:
    """The incremental update of the three derived tables (see `_CHANGED_ROWS` and the notes above)."""
    if cur.execute("SELECT count(*) FROM dedup_titles").fetchone()[0] == 0:  # built from nothing
        cur.execute("DELETE FROM dedup_near")
        cur.execute("DELETE FROM dedup_pairs")
    cur.execute(_CHANGED_ROWS)
    cur.execute(
        "CREATE OR REPLACE TEMP TABLE dedup_gone AS SELECT code, tkey, registered_on FROM dedup_titles "
        "WHERE code IN (SELECT code FROM dedup_changed)"
    )
    cur.execute("DELETE FROM dedup_titles WHERE code IN (SELECT code FROM dedup_changed)")
    cur.execute(
        "INSERT INTO dedup_titles (code, source, registered_on, tkey, tokens, people) "
        + _tokens_sql(_INDEX_ROWS),
        _title_params(),
    )
    cur.execute(_TOUCHED)
    cur.execute(_TOUCHED_CLUSTERS)
    cur.execute(_RESET, {"max_block": MAX_BLOCK})
    if cur.execute(_LISTS_CHANGED).fetchone()[0]:
        cur.execute(
            "CREATE OR REPLACE TEMP TABLE dedup_near_new AS " + _NEAR_ROWS.replace("IDX", "dedup_titles"),
            {"max_block": MAX_BLOCK},
        )
        cur.execute(_AFFECTED_NEAR)
        cur.execute("DELETE FROM dedup_near")
        cur.execute("INSERT INTO dedup_near SELECT tkey_a, tkey_b FROM dedup_near_new")
    cur.execute(
        "DELETE FROM dedup_pairs WHERE tkey_a IN (SELECT tkey FROM dedup_affected) "
        "OR tkey_b IN (SELECT tkey FROM dedup_affected) OR code_a IN (SELECT code FROM dedup_changed) "
        "OR code_b IN (SELECT code FROM dedup_changed)"
    )
    cur.execute("INSERT INTO dedup_pairs " + _PAIR_ROWS, {"max_block": MAX_BLOCK})
    for name in _TEMP_TABLES:
        cur.execute(f"DROP TABLE IF EXISTS {name}")


def _index_reader(store: Reader) -> Reader | None:
    """The reader whose view of the title index is current for `store`'s data: `store` itself, or, for a
    page's snapshot (a read transaction begun before the index was refreshed, which cannot see it), the
    store the index was just refreshed in, when that holds the same data version; None when neither (a
    read-only store, or data committed since the snapshot began)."""
    version = store.data_version()
    if store.one(_INDEX_VERSION_SQL) == version:
        return store
    # Built in the write transaction from the tables, so for the store's version even when `store` (a page's
    # snapshot) sees an older one; that reader then scans without it. None also on a full disk, say: the
    # scan then normalises titles itself.
    now = write_derived(store, _refresh_index_if_stale, what="title index")
    if now is None or now != version:
        return None
    return getattr(store, "store", store)


def _refresh_index_if_stale(cur: duckdb.DuckDBPyConnection, now: int) -> None:
    """The title index brought to data version `now` in the store's write transaction (write_derived)."""
    if int(cur.execute(_INDEX_VERSION_SQL).fetchone()[0]) != now:
        _refresh_index(cur)
        cur.execute("UPDATE meta SET value = ? WHERE key = 'dedup_titles_version'", [str(now)])


# Without a current index (a read-only store): the same pairs made and scored in the query itself.
_INLINE_INDEX = """idx AS MATERIALIZED (
    SELECT code, registered_on, CASE WHEN len(tokens) >= 2 THEN hash(tokens) END AS tkey, tokens, people
    FROM (SELECT code, registered_on, TITLE_TOKENS AS tokens, PEOPLE AS people FROM initiatives)
),
near AS MATERIALIZED (NEAR_ROWS),CLUSTER_PAIRS
candidates AS (
    SELECT DISTINCT least(x, y) AS code_a, greatest(x, y) AS code_b FROM cand
    WHERE (len($codes) = 0 OR x IN (SELECT unnest($codes)) OR y IN (SELECT unnest($codes)))
      AND IN_VIEW
),SCORED""".replace("NEAR_ROWS", _NEAR_ROWS.replace("IDX", "idx"))
_INLINE_INDEX = _INLINE_INDEX.replace("CLUSTER_PAIRS", _CLUSTER_PAIRS.replace("CLUSTER_KEPT", "true"))
_INLINE_INDEX = _INLINE_INDEX.replace("SCORED", _SCORED)
# With a current index: the stored pairs with a record among $codes and in view.
_STORED_INDEX = """
scored AS (
    SELECT * FROM dedup_pairs
    WHERE (len($codes) = 0 OR code_a IN (SELECT unnest($codes)) OR code_b IN (SELECT unnest($codes)))
      AND IN_VIEW
)"""
_IN_VIEW = {
    True: "(x IN (SELECT code FROM f) OR y IN (SELECT code FROM f))",
    False: "(code_a IN (SELECT code FROM f) OR code_b IN (SELECT code FROM f))",
}

# Scored pairs filtered, marked, counted and ranked in SQL; titles are read for the returned rows only.
_PAIRS_TAIL = """,
marks AS (
    SELECT code_a, code_b, arg_max(mark, id) AS mark, arg_max(marked_by, id) AS marked_by,
           arg_max(marked_at, id) AS marked_at
    FROM duplicate_marks WHERE undone_at IS NULL GROUP BY code_a, code_b
),
kept AS MATERIALIZED (
    SELECT s.* EXCLUDE (tkey_a, tkey_b),
           round($title_weight * title_overlap + $author_weight * author_overlap, 3) AS similarity,
           m.mark, m.marked_by, m.marked_at
    FROM scored s LEFT JOIN marks m USING (code_a, code_b)
    WHERE KEPT_WHERE
),
best AS (SELECT * FROM kept ORDER BY similarity DESC, code_a, code_b LIMIT $limit)
SELECT t.*,
       REASONS AS reasons,
       CASE WHEN program_a <> program_b THEN 'other_program' WHEN unit_a = unit_b THEN 'same_unit'
            ELSE 'other_unit' END AS scope,
       ia.title AS title_a, ib.title AS title_b,
       (SELECT count(*) FROM kept) AS total, (SELECT count(*) FROM kept WHERE mark IS NULL) AS pending,
       (SELECT count(*) FROM initiatives) AS scanned
FROM (SELECT 1 AS one) o  -- one row with the counts even when no pair is returned
LEFT JOIN best t ON true LEFT JOIN initiatives ia ON ia.code = t.code_a LEFT JOIN initiatives ib ON ib.code = t.code_b
ORDER BY similarity DESC NULLS LAST, code_a, code_b"""


_KEPT_WHERE = """$title_weight * title_overlap + $author_weight * author_overlap >= $min_similarity - 1e-9
      AND ($pair_program = '' OR s.program_a = $pair_program OR s.program_b = $pair_program)
      AND CASE $which WHEN 'pending' THEN m.mark IS NULL
                      WHEN 'shown' THEN m.mark IS DISTINCT FROM 'different' ELSE true END"""
_REASONS = """list_filter([CASE WHEN same_title THEN 'same_title' ELSE 'similar_title' END,
                    CASE WHEN same_authors THEN 'same_authors' WHEN shared_authors THEN 'shared_authors' END,
                    CASE WHEN same_field THEN 'same_field' END,
                    CASE WHEN unit_a = unit_b THEN 'same_unit' ELSE 'other_unit' END,
                    CASE WHEN program_a <> program_b THEN 'other_program' END], lambda r: r IS NOT NULL)"""
_PAIRS_TAIL = _PAIRS_TAIL.replace("KEPT_WHERE", _KEPT_WHERE).replace("REASONS", _REASONS)
# The command's lean tail: the pairs' six columns only, ordered (DuckDB sorts out of memory when it must)
# and fetched in batches; the counts come from `_STREAM_COUNT_TAIL`, a second query, only when limited.
_STREAM_TAIL = """,
marks AS (SELECT code_a, code_b, arg_max(mark, id) AS mark FROM duplicate_marks WHERE undone_at IS NULL
          GROUP BY code_a, code_b),
kept AS (
    SELECT s.code_a, s.code_b, s.unit_a, s.unit_b,
           round($title_weight * title_overlap + $author_weight * author_overlap, 3) AS similarity,
           REASONS AS reasons
    FROM scored s LEFT JOIN marks m USING (code_a, code_b)
    WHERE KEPT_WHERE
)""".replace("KEPT_WHERE", _KEPT_WHERE).replace("REASONS", _REASONS)
_STREAM_ROWS = "\nSELECT * FROM kept ORDER BY similarity DESC, code_a, code_b LIMIT $limit"
_STREAM_COUNT = "\nSELECT count(*) FROM kept"


def _pairs_sql(stored: bool, scoped: bool, tail: str = _PAIRS_TAIL) -> str:
    """The scan: scored pairs (stored, or made in the query), in view when `scoped` (`f`, the view's records;
    unscoped, every record is in view), then `tail`."""
    index = _STORED_INDEX if stored else _tokens_sql(_INLINE_INDEX)
    body = index.replace("IN_VIEW", _IN_VIEW[not stored] if scoped else "true") + tail
    return metrics.with_scope(", " + body) if scoped else "WITH " + body


_PAIRS_SQL = {
    (stored, scoped): _pairs_sql(stored, scoped) for stored in (True, False) for scoped in (True, False)
}


def _phrase_pattern() -> str:
    return "( (" + "|".join(FILLER_PHRASES) + "))+ "


def normalise_title(title: str) -> list[str]:
    """The normalised title's words, as the scan computes them (for tests and explanations)."""
    con_sql = "SELECT " + _title_tokens_sql("$title")
    import duckdb

    with duckdb.connect() as con:
        return list(con.execute(con_sql, _title_params() | {"title": title}).fetchone()[0])


def _title_params() -> dict[str, object]:
    return {"phrase_pattern": _phrase_pattern(), "fillers": list(FILLER_WORDS)}


@dataclass(frozen=True)
class PairScan:
    """A scan's result: `pairs` (at most `limit`, best first), `total` pairs found, `pending` (no mark),
    `scanned` records."""

    pairs: pd.DataFrame
    total: int
    pending: int
    scanned: int


def find_pairs(
    store: Reader,
    program: str | None = None,
    min_similarity: float = MIN_SIMILARITY,
    codes: list[str] | tuple[str, ...] = (),
    filters: Filters | None = None,
    which: str = "all",
    limit: int | None = None,
) -> PairScan:
    """metric.quality_duplicates: candidate pairs with their similarity, reasons and mark (or none), best
    first, at most `limit` of them, with their counts. `program`: pairs with a record in it; `codes`: pairs
    with a record among them (an import's records checked against all); `filters`: pairs with a record in
    that view; `which`: `all`, `pending` (no mark) or `shown` (not marked "different"); marks are the newest
    not undone.

    similarity = 0.8 x title overlap + 0.2 x author overlap, where an overlap is the share of words (of
    people) the two have in common out of all they name (Jaccard), the title's words as normalised by
    TITLE_NORMALISATION. Records with the same normalised title form a cluster, each paired with the
    cluster's first record (a cluster of more than MAX_BLOCK records is too common to tell anything); two
    titles that are the same less one word are paired by their clusters' first records (blocking on the
    title less one word, never comparing every pair)."""
    reader = _index_reader(store)
    stored = reader is not None
    params = _title_params() | {
        "codes": list(codes),
        "max_block": MAX_BLOCK,
        "min_similarity": float(min_similarity),
        "title_weight": TITLE_WEIGHT,
        "author_weight": AUTHOR_WEIGHT,
        "pair_program": program or "",
        "which": which,
        "limit": int(limit) if limit is not None else 1 << 62,
    }
    sql = _PAIRS_SQL[(stored, filters is not None)]
    frame = _run(reader or store, sql, filters or Filters(), **params)
    total, pending, scanned = (int(frame[c].iloc[0]) for c in ("total", "pending", "scanned"))
    frame = frame[frame["code_a"].notna()].drop(columns=["total", "pending", "scanned"])
    frame = frame.reset_index(drop=True)
    frame["reasons"] = [list(r) for r in frame["reasons"]]
    return PairScan(frame, total, pending, scanned)


def duplicate_pairs(
    store: Reader,
    program: str | None = None,
    min_similarity: float = MIN_SIMILARITY,
    codes: list[str] | tuple[str, ...] = (),
    limit: int | None = None,
) -> tuple[pd.DataFrame, int]:
    """`find_pairs`' pairs (every one, or the best `limit`) and the number of records scanned."""
    scan = find_pairs(store, program, min_similarity, codes, limit=limit)
    return scan.pairs, scan.scanned


PAYLOAD_COLUMNS: tuple[str, ...] = ("code_a", "code_b", "unit_a", "unit_b", "similarity", "reasons")


def duplicates_payload(
    store: Reader, program: str | None = None, min_similarity: float = MIN_SIMILARITY
) -> dict:
    """The `duplicates` command's JSON: `{pairs: [{code_a, code_b, unit_a, unit_b, similarity, reasons}],
    scanned}`, best first; pairs marked "different" are left out, as on the page."""
    with stream_pairs(store, program, min_similarity) as stream:
        pairs = [pair for batch in stream.batches for pair in batch]
    return {"pairs": pairs, "scanned": stream.scanned}


class PairStream:
    """The `duplicates` command's pairs read in batches (best first, at most `limit`): `batches` lists of
    PAYLOAD_COLUMNS dicts; `scanned` records; `total()` the pairs found before the limit (after the batches
    are read: without a limit, the pairs read)."""

    def __init__(self, batches: Iterator[list[dict]], scanned: int, count: Callable[[], int] | None) -> None:
        self.scanned, self._count, self.read = scanned, count, 0

        def counted() -> Iterator[list[dict]]:
            for batch in batches:
                self.read += len(batch)
                yield batch

        self.batches = counted()

    def total(self) -> int:
        return self._count() if self._count is not None else self.read


_SQL_PARAM = re.compile(r"\$([a-z_]+)")


@contextmanager
def stream_pairs(
    store: Reader,
    program: str | None = None,
    min_similarity: float = MIN_SIMILARITY,
    limit: int | None = None,
    batch_size: int = 10_000,
) -> Iterator[PairStream]:
    """`find_pairs`' pairs not marked "different" (the command's), fetched `batch_size` at a time from one
    query of six columns, so that a million pairs never sit in memory at once; the cursor is closed when
    the block ends."""
    index = _index_reader(store)
    reader, stored = (index, True) if index is not None else (store, False)
    params = _title_params() | {
        "codes": [],
        "max_block": MAX_BLOCK,
        "min_similarity": float(min_similarity),
        "title_weight": TITLE_WEIGHT,
        "author_weight": AUTHOR_WEIGHT,
        "pair_program": program or "",
        "which": "shown",
        "limit": int(limit) if limit is not None else 1 << 62,
    }

    def run(cur: duckdb.DuckDBPyConnection, sql: str) -> duckdb.DuckDBPyConnection:
        return cur.execute(sql, {name: params[name] for name in set(_SQL_PARAM.findall(sql))})

    def count() -> int:
        with reader.cursor() as cur:
            return int(run(cur, _pairs_sql(stored, False, _STREAM_TAIL + _STREAM_COUNT)).fetchone()[0])

    scanned = int(reader.one("SELECT count(*) FROM initiatives"))
    with reader.cursor() as cur:
        result = run(cur, _pairs_sql(stored, False, _STREAM_TAIL + _STREAM_ROWS))

        def batches() -> Iterator[list[dict]]:
            while rows := result.fetchmany(batch_size):
                yield [_payload_pair(row) for row in rows]

        yield PairStream(batches(), scanned, count if limit is not None else None)


def _payload_pair(row: tuple) -> dict:
    pair = dict(zip(PAYLOAD_COLUMNS, row, strict=True))
    pair["similarity"] = float(pair["similarity"])
    pair["reasons"] = list(pair["reasons"])
    return pair


# The import check in one query on the kept index: the import's records whose normalised title is shared
# with a record that was there before (only the clusters of the import's own title keys are read), and
# those in a stored pair, not marked "different", of at least $min_similarity with a record that was there.
_IMPORT_CHECK_SQL = """
WITH new AS (SELECT DISTINCT unnest($codes) AS code),
nt AS (SELECT DISTINCT tkey FROM dedup_titles WHERE code IN (SELECT code FROM new) AND tkey IS NOT NULL),
rec AS (SELECT d.code, d.tkey, d.code IN (SELECT code FROM new) AS is_new FROM dedup_titles d
        WHERE d.tkey IN (SELECT tkey FROM nt)),
clusters AS (SELECT tkey FROM rec GROUP BY tkey HAVING count(*) BETWEEN 2 AND $max_block AND bool_or(NOT is_new)),
same_title AS (SELECT code FROM rec WHERE is_new AND tkey IN (SELECT tkey FROM clusters)),
marks AS (
    SELECT code_a, code_b, arg_max(mark, id) AS mark FROM duplicate_marks WHERE undone_at IS NULL
    GROUP BY code_a, code_b
),
touching AS (
    SELECT p.code_a, p.code_b, p.code_a IN (SELECT code FROM new) AS a_new, p.code_b IN (SELECT code FROM new) AS b_new
    FROM dedup_pairs p LEFT JOIN marks m USING (code_a, code_b)
    WHERE (p.code_a IN (SELECT code FROM new) OR p.code_b IN (SELECT code FROM new))
      AND $title_weight * p.title_overlap + $author_weight * p.author_overlap >= $min_similarity - 1e-9
      AND m.mark IS DISTINCT FROM 'different'
)
SELECT count(*) FROM (
    SELECT code FROM same_title
    UNION SELECT CASE WHEN a_new THEN code_a ELSE code_b END FROM touching WHERE a_new <> b_new
)"""


def import_duplicates(store: Reader, codes: list[str] | tuple[str, ...]) -> int:
    """metric.quality_import_duplicates: how many of `codes` (an import's records) are probably the same
    initiative as a record that was there before: their normalised title is another record's (a cluster
    of at most MAX_BLOCK records), or they make a pair of at least MIN_SIMILARITY with one that is not
    marked "different". 0 when the title index cannot be kept (a read-only store)."""
    codes = list(codes)
    reader = _index_reader(store) if codes else None
    if reader is None:
        return 0
    params = {
        "codes": codes,
        "max_block": MAX_BLOCK,
        "title_weight": TITLE_WEIGHT,
        "author_weight": AUTHOR_WEIGHT,
        "min_similarity": MIN_SIMILARITY,
    }
    return int(reader.one(_IMPORT_CHECK_SQL, params))


def duplicates_of_import(store: Reader, import_id: int) -> int:
    """The import check: how many of the records import `import_id` added (new codes, not updates) are
    probably the same initiative as a record that was there before (`import_duplicates`)."""
    params = {"import_id": int(import_id)}
    # Every record in the store is one it added (a first import): none was there before, so none can be
    # matched; the title index, its pairs and the headlines are left to the next scan (indexing took 26 s of
    # a 1,000,000-record first import).
    if adds_every_record(store, import_id):
        return 0
    codes = [c for (c,) in store.rows(NEW_CODES_SQL, params)]
    found = import_duplicates(store, codes)
    try:  # the Overview's next visit reads them (seconds at a million records); a failure only costs that
        keep_default_headlines(store)
    except (duckdb.Error, OSError, StoreError):
        _LOG.warning("the default view's quality headlines were not computed", exc_info=True)
    return found


def probable_duplicates(store: Reader, report) -> int | None:
    """`probable_duplicates` of an import's report (`import --json`, POST /api/v1/imports): the import check
    of a written import; None for one that wrote nothing (a dry run, a refusal)."""
    if not report.ok or report.import_id is None:
        return None
    return duplicates_of_import(store, report.import_id)


REVIEW_LIMIT = 500  # the review list shows the best pairs waiting for a mark, this many at most


@dataclass(frozen=True)
class Duplicates:
    """The review list of a view: `pending` (no mark yet: the best REVIEW_LIMIT of them; `pending_total`
    all of them), `same`, `spread` (marked), `scanned`; and what the "same initiative" marks change:
    `counted_once` (records not counted again, per unit)."""

    pending: pd.DataFrame
    same: pd.DataFrame
    spread: pd.DataFrame
    scanned: int
    not_counted: pd.DataFrame  # unit, not_counted: the later records of "same" pairs, per unit
    spread_by_unit: pd.DataFrame  # unit, spread: records that took up another unit's idea, per unit
    pending_total: int = 0


# The view's records that have a mark (not every record of the view: a million codes cost seconds).
_MARKED_IN_VIEW_SQL = metrics.with_scope(
    "SELECT code FROM f WHERE code IN (SELECT code_a FROM duplicate_marks UNION SELECT code_b FROM duplicate_marks)"
)


def duplicates(
    store: Reader, filters: Filters, min_similarity: float = MIN_SIMILARITY, limit: int = REVIEW_LIMIT
) -> Duplicates:
    """The pairs with a record in the view (program, period, units, fields...), split by their mark, and
    the count after de-duplication (see `not_counted`)."""
    program = metrics.program_of(store, filters).code
    scan = find_pairs(store, program, min_similarity, filters=filters, which="pending", limit=limit)
    codes = set(_run(store, _MARKED_IN_VIEW_SQL, filters)["code"])
    marked = marked_pairs(store, filters)
    marked = marked[marked["code_a"].isin(codes) | marked["code_b"].isin(codes)]
    return Duplicates(
        pending=scan.pairs,
        same=marked[marked["mark"] == "same"].reset_index(drop=True),
        spread=marked[marked["mark"] == "spread"].reset_index(drop=True),
        scanned=scan.scanned,
        not_counted=_per_unit(marked[marked["mark"] == "same"], codes, "not_counted"),
        spread_by_unit=_per_unit(marked[marked["mark"] == "spread"], codes, "spread"),
        pending_total=scan.pending,
    )


def _per_unit(pairs: pd.DataFrame, codes: set[str], name: str) -> pd.DataFrame:
    """Per unit, the later records of the pairs that are in view (the one not counted again, or the unit
    that took the idea up)."""
    later = pairs[pairs["later_code"].isin(codes)] if len(pairs) else pairs
    if later.empty:
        return pd.DataFrame({"unit": pd.Series(dtype="object"), name: pd.Series(dtype="int64")})
    out = later.groupby("later_unit")["later_code"].nunique().rename(name).reset_index()
    return (
        out.rename(columns={"later_unit": "unit"}).sort_values(name, ascending=False).reset_index(drop=True)
    )


# Marked pairs whose two records are in the store: the earlier one (registered first; ties: the smaller
# code) keeps the count, the later one is "not counted again" (same) or "took it up" (spread).
_MARKED_SQL = """
WITH marks AS (
    SELECT code_a, code_b, arg_max(mark, id) AS mark, arg_max(marked_by, id) AS marked_by,
           arg_max(marked_at, id) AS marked_at
    FROM duplicate_marks WHERE undone_at IS NULL GROUP BY code_a, code_b
)
SELECT m.code_a, m.code_b, m.mark, m.marked_by, m.marked_at, a.unit_code AS unit_a, b.unit_code AS unit_b,
       a.title AS title_a, b.title AS title_b,
       CASE WHEN (b.registered_on, b.code) > (a.registered_on, a.code) THEN b.code ELSE a.code END AS later_code,
       CASE WHEN (b.registered_on, b.code) > (a.registered_on, a.code) THEN b.unit_code ELSE a.unit_code END
           AS later_unit
FROM marks m JOIN initiatives a ON a.code = m.code_a JOIN initiatives b ON b.code = m.code_b
ORDER BY m.marked_at DESC"""


def marked_pairs(store: Reader, filters: Filters | None = None) -> pd.DataFrame:
    """Every pair whose newest mark is not undone and whose two records are in the store."""
    return store.df(_MARKED_SQL)


_DEDUP_COUNT_SQL = metrics.with_scope(
    """, marks AS (
        SELECT code_a, code_b, arg_max(mark, id) AS mark FROM duplicate_marks WHERE undone_at IS NULL
        GROUP BY code_a, code_b
    ), later AS (
        SELECT CASE WHEN (b.registered_on, b.code) > (a.registered_on, a.code) THEN b.code ELSE a.code END AS code
        FROM marks m JOIN initiatives a ON a.code = m.code_a JOIN initiatives b ON b.code = m.code_b
        WHERE m.mark = 'same'
    )
    SELECT count(*) AS registered, count(*) FILTER (WHERE code IN (SELECT code FROM later)) AS not_counted
    FROM f"""
)


def counted_once(store: Reader, filters: Filters) -> dict:
    """metric.quality_counted_once: registered in view less the later record of every pair marked "same
    initiative" (the earlier one keeps the count, in its own unit and program)."""
    row = _run(store, _DEDUP_COUNT_SQL, filters).iloc[0]
    registered, not_counted = int(row["registered"]), int(row["not_counted"])
    return {"registered": registered, "not_counted": not_counted, "counted_once": registered - not_counted}


def _pair(code_a: str, code_b: str) -> tuple[str, str]:
    if code_a == code_b:
        raise ValueError("a pair needs two different records")
    return (code_a, code_b) if code_a < code_b else (code_b, code_a)


class MarkRefused(Exception):
    """A mark (or its undo) refused when it was to be written, because the data changed since the page
    showed the pair or record: `key` names the catalogue's message, `values` fill it (codes, the mark found,
    who made it). Nothing was written."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


ANY = object()  # `expected` when the caller saw no particular mark (the command line, tests): not checked
_CURRENT_MARK_SQL = """SELECT arg_max(id, id), arg_max(mark, id), arg_max(marked_by, id) FROM duplicate_marks
    WHERE code_a = ? AND code_b = ? AND undone_at IS NULL"""
_MISSING_SQL = "SELECT list(c ORDER BY c) FROM unnest(?) t(c) WHERE c NOT IN (SELECT code FROM initiatives)"


def _refuse_missing(cur: duckdb.DuckDBPyConnection, key: str, codes: list[str], **values: object) -> None:
    """MarkRefused(key) when a code of `codes` is no longer a record of the store (an undo or an import took
    it away meanwhile); `missing` names them."""
    missing = cur.execute(_MISSING_SQL, [codes]).fetchone()[0] or []
    if missing:
        raise MarkRefused(key, missing=", ".join(missing), **values)


def _refuse_changed(current: tuple | None, expected: object, a: str, b: str, undoing: bool = False) -> None:
    """MarkRefused when the pair's newest mark is not the one the page showed (`expected`: None for a pair
    waiting for a mark)."""
    mark, by = (current[1], current[2]) if current and current[0] is not None else (None, None)
    if expected is ANY or mark == expected:
        return
    if mark is None:
        raise MarkRefused("quality.refused.unmarked" if undoing else "quality.refused.undone", a=a, b=b)
    raise MarkRefused(
        "quality.refused.remarked" if undoing else "quality.refused.marked", a=a, b=b, mark=mark, by=by
    )


def mark_pair(
    store: Store,
    code_a: str,
    code_b: str,
    mark: str,
    by: str,
    address: str | None = None,
    expected: object = ANY,
) -> None:
    """Mark a pair (`same`, `spread`, `different`), with who and when; the newest mark counts. The audit
    log gets a `duplicate_mark` row (subject "A – B") in the same transaction.

    Checked in the transaction that writes it, against the data as they are then (another session may have
    imported, undone or marked since the page showed the pair): both records are in the store, else
    MarkRefused("quality.refused.gone"); and, with `expected` (the mark the page showed: None for a pair
    waiting for one), the pair's newest mark is still that one, else MarkRefused("quality.refused.marked"
    or "quality.refused.undone"). The mark is only ever written on the two codes given."""
    if mark not in MARKS:
        raise ValueError(f"unknown mark {mark!r}")
    a, b = _pair(code_a, code_b)
    with store.transaction() as cur:
        _refuse_missing(cur, "quality.refused.gone", [a, b], a=a, b=b)
        _refuse_changed(cur.execute(_CURRENT_MARK_SQL, [a, b]).fetchone(), expected, a, b)
        cur.execute(
            """INSERT INTO duplicate_marks (id, code_a, code_b, mark, marked_by, marked_at)
               SELECT coalesce(max(id), 0) + 1, ?, ?, ?, ?, current_timestamp FROM duplicate_marks""",
            [a, b, mark, by],
        )
        audit.record_in(cur, "duplicate_mark", by, address, f"{a} – {b}", {"mark": mark})


def undo_mark(
    store: Store, code_a: str, code_b: str, by: str, address: str | None = None, expected: object = ANY
) -> bool:
    """Undo the pair's newest mark (the one before it, if any, counts again). False when it had none. The
    audit log gets a `duplicate_unmark` row in the same transaction. With `expected` (the mark the page
    showed), checked in that transaction: the newest mark is still that one, else MarkRefused
    ("quality.refused.unmarked": undone meanwhile; "quality.refused.remarked": marked again since)."""
    a, b = _pair(code_a, code_b)
    with store.transaction() as cur:
        row = cur.execute(_CURRENT_MARK_SQL, [a, b]).fetchone()
        _refuse_changed(row, expected, a, b, undoing=True)
        if row is None or row[0] is None:
            return False
        cur.execute(
            "UPDATE duplicate_marks SET undone_at = current_timestamp, undone_by = ? WHERE id = ?",
            [by, row[0]],
        )
        audit.record_in(cur, "duplicate_unmark", by, address, f"{a} – {b}", {"mark": row[1]})
    return True


# ---------------------------------------------------------------------------------------------------------
# Benefits that cannot be true.

# The history a record is measured against is its unit's (field's) records with a benefit in the whole
# store, every program: "its own history".
_CHECKED_SQL = metrics.with_scope(
    """, hist AS (SELECT unit_code, field, registered_on, benefit_vnd FROM initiatives WHERE benefit_vnd > 0),
    -- each percentile leaves the largest record out, so that a record is measured against the others
    unit_q AS (SELECT unit_code, quantile_cont(benefit_vnd, 0.99) AS p99, count(*) AS n
               FROM (SELECT * FROM hist
                     QUALIFY row_number() OVER (PARTITION BY unit_code ORDER BY benefit_vnd DESC) > 1)
               GROUP BY ALL),
    field_q AS (SELECT field, quantile_cont(benefit_vnd, 0.99) AS p99, count(*) AS n
                FROM (SELECT * FROM hist
                      QUALIFY row_number() OVER (PARTITION BY field ORDER BY benefit_vnd DESC) > 1)
                GROUP BY ALL),
    unit_year AS (SELECT unit_code, year(registered_on) AS y, sum(benefit_vnd) AS total, count(*) AS n
                  FROM hist GROUP BY ALL),
    checked AS (
        SELECT f.code, f.title, f.unit_code AS unit, f.field, f.status, f.registered_on, f.applied_on,
               f.benefit_vnd, uq.p99 AS unit_p99, fq.p99 AS field_p99, uy.total AS prev_year_total,
               coalesce(f.benefit_vnd > $factor * uq.p99 AND uq.n >= $min_n, false) AS over_unit_p99,
               coalesce(f.benefit_vnd > $factor * fq.p99 AND fq.n >= $min_n, false) AS over_field_p99,
               coalesce(uy.n >= $min_prev AND f.benefit_vnd > uy.total, false) AS over_prev_year,
               (f.applied_on IS NULL OR f.applied_on > $as_of_day) AS before_applied,
               bm.basis, bm.marked_by, bm.marked_at
        FROM f
        LEFT JOIN unit_q uq ON uq.unit_code = f.unit_code
        LEFT JOIN field_q fq ON fq.field = f.field
        LEFT JOIN unit_year uy ON uy.unit_code = f.unit_code AND uy.y = year(f.registered_on) - 1
        LEFT JOIN benefit_marks bm ON bm.code = f.code
        WHERE f.benefit_vnd > 0
    )
    RESULT"""
)
_PLAUSIBILITY_SQL = _CHECKED_SQL.replace(
    "RESULT",
    """SELECT *, list_filter([CASE WHEN over_unit_p99 THEN 'over_unit_p99' END,
                           CASE WHEN over_field_p99 THEN 'over_field_p99' END,
                           CASE WHEN over_prev_year THEN 'over_prev_year' END,
                           CASE WHEN before_applied THEN 'before_applied' END], lambda r: r IS NOT NULL) AS reasons
    FROM checked
    WHERE over_unit_p99 OR over_field_p99 OR over_prev_year OR before_applied
    ORDER BY (over_unit_p99::INT + over_field_p99::INT + over_prev_year::INT) DESC, benefit_vnd DESC, code""",
)
# The headline's count: the same checked records, counted in SQL (a million records may give 400,000 rows
# flagged "before applied"; the count of outliers needs none of them in Python).
_OUTLIERS_COUNT_SQL = _CHECKED_SQL.replace(
    "RESULT", "SELECT count(*) FROM checked WHERE over_unit_p99 OR over_field_p99 OR over_prev_year"
)
_TOP_SHARE_SQL = metrics.with_scope(
    """, ranked AS (
        SELECT unit_code, benefit_vnd, row_number() OVER (PARTITION BY unit_code ORDER BY benefit_vnd DESC, code)
                   AS rn,
               count(*) OVER (PARTITION BY unit_code) AS n
        FROM f WHERE benefit_vnd > 0
    )
    SELECT unit_code AS unit, max(n) AS with_benefit, sum(benefit_vnd) AS benefit_vnd,
           sum(benefit_vnd) FILTER (WHERE rn <= greatest(1, ceil(n * 0.01))) AS top1_vnd
    FROM ranked GROUP BY unit_code"""
)
# Over the records (each joined to its mark), or over the counts by day, which add the marks up per day
# (`field_day_counts` when the view has a field filter, the smaller `day_counts` otherwise).
_SUMS_RECORDS = f"""SELECT coalesce(sum(f.benefit_vnd) FILTER (WHERE {metrics.COUNCIL_MARK}), 0) AS council_vnd,
              coalesce(sum(f.benefit_vnd) FILTER (WHERE {metrics.SELF_MARK}), 0) AS self_vnd,
              count(*) FILTER (WHERE {metrics.COUNCIL_MARK} AND f.benefit_vnd > 0) AS council_records,
              count(*) FILTER (WHERE {metrics.SELF_MARK} AND f.benefit_vnd > 0) AS self_records
       FROM f LEFT JOIN benefit_marks bm ON bm.code = f.code"""  # noqa: S608  (constant SQL)
_SUMS_COUNTS = """SELECT coalesce(sum(council_vnd), 0) AS council_vnd, coalesce(sum(self_vnd), 0) AS self_vnd,
              CAST(coalesce(sum(council_records), 0) AS BIGINT) AS council_records,
              CAST(coalesce(sum(self_records), 0) AS BIGINT) AS self_records
       FROM f"""
_SUMS_SQL = metrics.counted(_SUMS_RECORDS, _SUMS_COUNTS)
_FIELD_SUMS_SQL = metrics.counted(_SUMS_RECORDS, _SUMS_COUNTS, by_field=True)


@dataclass(frozen=True)
class Plausibility:
    """`flagged`: the records in view whose benefit breaks a rule (a column per rule, `reasons`, the mark);
    `top_share`: per unit, the share of its benefit its top 1% of records bring (`top1_share`, `flagged`);
    `counts`: records per rule."""

    flagged: pd.DataFrame
    top_share: pd.DataFrame
    counts: dict[str, int]


def plausibility(store: Reader, filters: Filters) -> Plausibility:
    """metric.quality_implausible, by the rules of BENEFIT_RULES (each stated in quality.rule.<rule>.help):
    over_unit_p99 / over_field_p99: above 10 x the 99th percentile of the unit's (field's) other benefits in the
    whole store (with 30 records or more); over_prev_year: above the unit's whole benefit of the calendar
    year before its registration; before_applied: a benefit on a record not applied by the as-of day.
    metric.quality_top1_share: per unit, the part of its benefit its top 1% of records (at least one) bring;
    a unit above 50% is flagged."""
    as_of = as_of_day(store, filters) or dt.date(9999, 12, 31)
    flagged = _run(
        store,
        _PLAUSIBILITY_SQL,
        filters,
        factor=OUTLIER_FACTOR,
        min_n=OUTLIER_MIN_RECORDS,
        min_prev=PREV_YEAR_MIN_RECORDS,
        as_of_day=as_of,
    )
    flagged = metrics.as_dates(flagged, "registered_on", "applied_on")
    flagged["reasons"] = [list(reasons) for reasons in flagged["reasons"]]  # in BENEFIT_RULES' order
    counts = {rule: int(flagged[rule].sum()) for rule in BENEFIT_RULES}
    top = _run(store, _TOP_SHARE_SQL, filters)
    top["top1_share"] = (
        top["top1_vnd"].astype("float64") * 100 / top["benefit_vnd"].astype("float64")
    ).astype("float64")
    top["flagged"] = top["top1_share"] > TOP_SHARE_LIMIT
    top = top.sort_values("top1_share", ascending=False).reset_index(drop=True)
    counts["top_share"] = int(top["flagged"].sum())
    return Plausibility(flagged, top, counts)


def implausible_count(store: Reader, filters: Filters) -> int:
    """metric.quality_implausible as the headline gives it: the records in view whose benefit breaks the
    outlier or previous-year rules (`plausibility`'s flagged records with one of the three, counted in SQL)."""
    as_of = as_of_day(store, filters) or dt.date(9999, 12, 31)
    frame = _run(
        store,
        _OUTLIERS_COUNT_SQL,
        filters,
        factor=OUTLIER_FACTOR,
        min_n=OUTLIER_MIN_RECORDS,
        min_prev=PREV_YEAR_MIN_RECORDS,
        as_of_day=as_of,
    )
    return int(frame.iloc[0, 0])


def benefit_sums(store: Reader, filters: Filters) -> dict:
    """metric.quality_benefit_council / _self: the benefit in view confirmed by the council, and the rest
    (self-declared: marked so, or not marked), with their numbers of records."""
    query = _FIELD_SUMS_SQL if filters.fields else _SUMS_SQL
    row = metrics.run_counted(store, query, filters).iloc[0]
    return {key: (float(row[key]) if key.endswith("vnd") else int(row[key])) for key in row.index}


def mark_benefit(store: Store, code: str, basis: str | None, by: str, address: str | None = None) -> None:
    """Mark a record's benefit `council` or `self`; None removes the mark (self-declared by default). The
    audit log gets a `benefit_mark` row (subject: the code; detail: the basis, None when removed) in the
    same transaction. Refused (MarkRefused "quality.refused.record_gone") when the record is no longer in
    the store, checked in that transaction."""
    if basis is not None and basis not in BASES:
        raise ValueError(f"unknown basis {basis!r}")
    with store.transaction() as cur:
        _refuse_missing(cur, "quality.refused.record_gone", [code], code=code)
        cur.execute("DELETE FROM benefit_marks WHERE code = ?", [code])
        if basis is not None:
            cur.execute(
                "INSERT INTO benefit_marks (code, basis, marked_by, marked_at) VALUES (?, ?, ?, current_timestamp)",
                [code, basis, by],
            )
        audit.record_in(cur, "benefit_mark", by, address, code, {"basis": basis})


# ---------------------------------------------------------------------------------------------------------
# The headlines (Overview, reports).


@dataclass(frozen=True)
class Headlines:
    silent_units: int
    silent_days: int
    backlog: int
    backlog_days: int
    pending_pairs: int
    implausible: int
    recognized_rate: float
    council_vnd: float
    self_vnd: float
    not_counted: int
    registered: int = 0
    recognized: int = 0


_KEPT_HEADLINES_SQL = "SELECT figures FROM quality_headlines WHERE data_version = ? AND view = ?"


def headlines(
    store: Reader, filters: Filters, backlog_days: int = BACKLOG_DAYS, silent_days: int = SILENT_DAYS
) -> Headlines:
    """The one-line answers the Overview and the report show: silent units, the backlog, pairs waiting for
    review, records with an implausible benefit (by the outlier and previous-year rules), the recognition
    rate, the two benefit sums and the records counted once. Kept in the store by data version and view
    (`quality_headlines`): computed once per data version, by whichever process asks first (the import
    check computes the default view's)."""
    view = repr((filters, int(backlog_days), int(silent_days)))
    version = store.data_version()
    kept = store.one(_KEPT_HEADLINES_SQL, [version, view])
    if kept is not None:
        return Headlines(**json.loads(kept))
    heads = _compute_headlines(store, filters, backlog_days, silent_days)
    _keep_headlines(store, version, view, heads)
    return heads


def _keep_headlines(store: Reader, version: int, view: str, heads: Headlines) -> None:
    """Store the view's headlines for `version` (older versions' rows go), when the store can be written and
    still holds that version; a failure only means they are computed again."""

    def write(cur: duckdb.DuckDBPyConnection, now: int) -> None:
        cur.execute("DELETE FROM quality_headlines WHERE data_version <> ? OR view = ?", [now, view])
        cur.execute(
            "INSERT INTO quality_headlines VALUES (?, ?, ?)",
            [now, view, json.dumps(dataclasses.asdict(heads))],
        )

    write_derived(store, write, version=version, what="quality headlines")


def keep_default_headlines(store: Reader) -> None:
    """Compute (and keep) the headlines of the view a new visitor's Overview shows (the default program,
    nothing else), so that the first visit after an import reads them."""
    headlines(store, Filters(program=metrics.program_of(store, Filters()).code))


def _compute_headlines(store: Reader, filters: Filters, backlog_days: int, silent_days: int) -> Headlines:
    fun = funnel(store, filters, backlog_days)
    fresh = freshness(store, filters, silent_days)
    program = metrics.program_of(store, filters).code
    pending = find_pairs(store, program, filters=filters, which="pending", limit=0).pending  # = duplicates'
    sums = benefit_sums(store, filters)
    rate = fun.overall.get("recognized_rate")
    return Headlines(
        silent_units=len(fresh.silent),
        silent_days=silent_days,
        backlog=int(fun.overall.get("backlog") or 0),
        backlog_days=backlog_days,
        pending_pairs=pending,
        implausible=implausible_count(store, filters),
        recognized_rate=float(rate)
        if rate is not None and not (isinstance(rate, float) and math.isnan(rate))
        else float("nan"),
        council_vnd=sums["council_vnd"],
        self_vnd=sums["self_vnd"],
        not_counted=counted_once(store, filters)["not_counted"],
        registered=int(fun.overall.get("registered") or 0),
        recognized=int(fun.overall.get("recognized") or 0),
    )
