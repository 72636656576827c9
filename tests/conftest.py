"""Shared fixtures: real DuckDB files in temporary folders (never mocks).

`sample_db` is built once per session (the sample takes about a second) and copied for tests that write.
`make_store` builds a store from hand-made records whose answers are known.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from analytics.sample import load_sample
from analytics.store import Store, open_store
from tools.serving import CHROMIUM, CHROMIUM_ARGS  # noqa: F401 (used by the browser fixtures)

ROOT = Path(__file__).resolve().parent.parent
# The sample's two programs: a view of the sample store that names neither opens the running one (the second).
ONE_MILLION, DMST = "1-trieu-sang-kien", "dmst-dau-khi"


# One Playwright per session for every browser test (tests/e2e and tests/reliability): a second
# sync_playwright() in the same process fails while the first is running.
@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `bash scripts/test.sh`, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies, no storage) and page at 1280 x 900."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.errors = errors
    yield tab
    context.close()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the illustrative sample (read it; copy it to write)."""
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    store = open_store(path)
    load_sample(store)
    store.close()
    return path


@pytest.fixture(scope="session")
def sample_store(sample_db: Path) -> Store:
    """The sample store opened read-only: shared by every read-only test of the session."""
    return open_store(sample_db, read_only=True)


@pytest.fixture
def sample_copy(sample_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the sample store file."""
    target = tmp_path / "sample-copy.duckdb"
    shutil.copy(sample_db, target)
    return target


def fingerprint(db: Path) -> tuple:
    """Everything an import, an undo or an edit changes, as one comparable value (the store is opened
    read-only, so looking never changes it)."""
    store = open_store(db, read_only=True)
    try:
        return (
            store.record_count(),
            store.one(
                "SELECT coalesce(sum(hash(code, title, authors, unit_code, field, status, registered_on, "
                "recognized_on, benefit_vnd, phase, import_id)), 0) FROM initiatives"
            ),
            tuple(store.rows("SELECT id, mode, inserted, undone_at IS NULL FROM imports ORDER BY id")),
            store.one("SELECT count(*) FROM initiative_history"),
            store.one("SELECT count(*) FROM reference_history"),
            store.one("SELECT coalesce(sum(hash(unit_code, phase, target)), 0) FROM targets"),
            store.data_version(),
        )
    finally:
        store.close()


def record(code: str, unit: str, registered: str, **extra: object) -> dict:
    """One initiative row with sensible defaults for the columns a test does not care about."""
    row = {
        "code": code,
        "title": f"Sáng kiến {code}",
        "authors": extra.pop("authors", "Nguyễn Văn A"),
        "author_count": 1,
        "unit_code": unit,
        "field": "Kỹ thuật – Công nghệ",
        "status": "recognized",
        "level": "unit",
        "registered_on": dt.date.fromisoformat(registered),
        "recognized_on": None,
        "applied_on": None,
        "benefit_vnd": None,
        "reward_vnd": None,
        "program_code": "1-trieu-sang-kien",
    }
    row.update(extra)
    return row


def answers_of(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[bool]:
    """Wrap `module.name`, a shortcut that answers None when it cannot prove its answer: the list gets, for
    each call, whether the shortcut answered (a test of a shortcut checks it was taken, and not always)."""
    answered: list[bool] = []
    real = getattr(module, name)

    def spy(*args: object, **kwargs: object) -> object:
        found = real(*args, **kwargs)
        answered.append(found is not None)
        return found

    monkeypatch.setattr(module, name, spy)
    return answered


def insert_records(store: Store, rows: Iterable[dict]) -> None:
    """Insert hand-made rows (of "1 triệu sáng kiến" unless `program_code` says otherwise), deriving `phase`
    from the program's periods like every import does."""
    with store.transaction() as cur:
        for row in rows:
            cur.execute(
                """INSERT INTO initiatives (code, title, authors, author_count, unit_code, field, status, level,
                                            registered_on, recognized_on, applied_on, benefit_vnd, reward_vnd,
                                            phase, import_id, program_code)
                   VALUES ($code, $title, $authors, $author_count, $unit_code, $field,
                   $status, $level, $registered_on, $recognized_on, $applied_on, $benefit_vnd, $reward_vnd,
                   (SELECT period FROM periods WHERE program_code = $program_code
                    AND $registered_on BETWEEN start_on AND end_on), NULL, $program_code)""",
                row,
            )


@pytest.fixture
def make_store(tmp_path: Path) -> Callable[..., Store]:
    """A new store (schema + reference rows from data/) holding exactly the given records."""
    opened: list[Store] = []

    def build(rows: Iterable[dict] = (), name: str = "hand.duckdb") -> Store:
        store = open_store(tmp_path / name)
        insert_records(store, rows)
        opened.append(store)
        return store

    yield build
    for store in opened:
        store.close()
