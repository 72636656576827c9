"""The author index (metric.authors): each (program, unit, author)'s first registration day, per phase and
over all phases, kept in `author_firsts` for one data version (`meta.author_firsts_version`).

The SQL alone, apart from analytics.metrics (which builds, keeps and reads the index: the server's warm-up
after a start, or the first read after a commit), so that it can be read and tested on its own. The `import`
command does not build it: a command that ends right after its import leaves every derived index (this one,
the day counts, the author parts) to the server that reads them.
"""

from __future__ import annotations

# An author is a name within a unit, compared trimmed and in lower case. A record's program is its own, else
# the latest begun program whose window holds its registration day (looked up once per such day, not per
# name). The names are lowered once per record (then split: the same names as lowering each one), trimmed
# once each, and the blank ones left out: `OFFSET 0` keeps DuckDB from moving that test under the trim,
# which it would then compute twice for every name (a third of the statement's time at 1,000,000 records).
AUTHOR_FIRSTS_SQL = """
WITH days AS (
    SELECT d.registered_on, (SELECT arg_max(p.code, p.start_on) FROM programs p
                             WHERE d.registered_on BETWEEN p.start_on AND p.end_on) AS program
    FROM (SELECT DISTINCT registered_on FROM initiatives WHERE program_code IS NULL) d
), names AS (
    SELECT program, unit_code, phase, registered_on, trim(name) AS name
    FROM (SELECT coalesce(i.program_code, days.program) AS program, i.unit_code, i.phase, i.registered_on,
                 unnest(string_split(lower(i.authors), ';')) AS name
          FROM initiatives i LEFT JOIN days ON i.program_code IS NULL AND days.registered_on = i.registered_on)
    OFFSET 0
)
SELECT program, unit_code AS unit, phase, GROUPING(phase) AS all_phases, min(registered_on) AS first_on
FROM (SELECT program, unit_code, phase, registered_on, hash(name) AS author FROM names WHERE name <> '')
GROUP BY GROUPING SETS ((program, unit_code, author, phase), (program, unit_code, author))"""
FIRSTS_VERSION_SQL = "SELECT CAST(value AS BIGINT) FROM meta WHERE key = 'author_firsts_version'"
