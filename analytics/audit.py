"""The audit log: who did what and when, from where: sign-ins (success and failure, with the address the
server trusts), imports, undos, edits of targets and units, restores, downloads of records, and the
Quality page's marks (pairs of records, benefits). One table in
the store (`audit_log`), kept across restores; the Data page shows it to analysts. No Streamlit here.

A change writes its row in its own transaction (`record_in`), so the log and the change commit together; an
event that changes nothing else (a sign-in, a download) is written alone (`record`), and a log that cannot
be written (a read-only store) never stops what is being done.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

import duckdb

from analytics.i18n import Lang, fmt_int, has_key, t
from analytics.store import Reader, Store

if TYPE_CHECKING:  # annotations only: pandas is loaded where a DataFrame is made
    import pandas as pd

_LOG = logging.getLogger(__name__)

# Each kind of event, in the order the audit view offers them as a filter (labels: `audit.kind.<kind>`).
KINDS: tuple[str, ...] = (
    "sign_in",
    "sign_in_failed",
    "import",
    "undo",
    "edit",
    "restore",
    "download",
    "api",
    "token",
    "duplicate_mark",
    "duplicate_unmark",
    "benefit_mark",
)

_INSERT = "INSERT INTO audit_log VALUES (now(), ?, ?, ?, ?, ?)"


def _row(kind: str, actor: str | None, address: str | None, subject: str | None, detail: dict | None) -> list:
    if kind not in KINDS:
        raise ValueError(f"unknown audit kind {kind!r}")
    text = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str) if detail else None
    return [kind, *(None if v is None else str(v) for v in (actor, address, subject)), text]


def record_in(
    cur: duckdb.DuckDBPyConnection,
    kind: str,
    actor: str | None,
    address: str | None = None,
    subject: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Log an event inside the caller's transaction (it commits or rolls back with the change)."""
    cur.execute(_INSERT, _row(kind, actor, address, subject, detail))


def record(
    store: Store,
    kind: str,
    actor: str | None,
    address: str | None = None,
    subject: str | None = None,
    detail: dict[str, Any] | None = None,
) -> bool:
    """Log an event on its own (a sign-in, a download); False when the log cannot be written now (a
    read-only store, another writer), which never stops the event itself."""
    row = _row(kind, actor, address, subject, detail)
    if store.read_only:
        _LOG.info("audit (store read-only, not written): %s", row)
        return False
    try:
        with store.log_write() as cur:
            cur.execute(_INSERT, row)
        return True
    except duckdb.Error as exc:
        _LOG.warning("audit row not written (%s): %s", exc, row)
        return False


def events(reader: Reader, kinds: tuple[str, ...] = (), limit: int = 1000) -> pd.DataFrame:
    """The newest events first: happened_at, kind, actor, address, subject, detail (a dict)."""
    import pandas as pd

    if kinds:
        frame = reader.df(
            "SELECT * FROM audit_log WHERE list_contains(?, kind) ORDER BY happened_at DESC LIMIT ?",
            [list(kinds), limit],
        )
    else:
        frame = reader.df("SELECT * FROM audit_log ORDER BY happened_at DESC LIMIT ?", [limit])
    for column in ("actor", "address", "subject"):  # text or None (never a float NaN)
        frame[column] = pd.Series([v if isinstance(v, str) else None for v in frame[column]], dtype=object)
    frame["detail"] = [json.loads(d) if isinstance(d, str) and d else {} for d in frame["detail"]]
    return frame


def detail_text(kind: str, detail: dict, lang: Lang) -> str:
    """An event's detail as a person reads it (`audit.detail.<kind>`, numbers written the language's way);
    a detail that does not fit its text is shown as its values."""
    if not detail:
        return ""
    values = {
        k: fmt_int(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in detail.items()
    }
    if "mode" in values and has_key(f"data.mode.{values['mode']}"):
        values["mode"] = t(f"data.mode.{values['mode']}", lang)
    if "mark" in values and has_key(f"quality.dup.mark.{values['mark']}"):  # issue 18's marks
        values["mark"] = t(f"quality.dup.mark.{values['mark']}", lang)
    if "basis" in values:
        values["basis"] = t(f"quality.basis.{values['basis'] or 'none'}", lang)
    try:
        return t(f"audit.detail.{kind}", lang, **values)
    except (KeyError, IndexError, ValueError):
        return ", ".join(f"{k}: {v}" for k, v in values.items() if v not in (None, ""))
