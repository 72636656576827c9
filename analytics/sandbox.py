"""Where DuckDB may read and write files: the importer's one private folder, and nothing else.

Every store the app opens is restricted to this folder (`restrict_file_access`, called by `store.open_store`),
so a query can read no file but the ones the importer put there: uploads written to disk, transcoded copies,
and links to files given by path (`reachable`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_IMPORT_ROOT: Path | None = None


def import_root() -> Path:
    """The process's one private folder (mode 0700) for every file the importer hands to DuckDB: uploads
    written to disk, transcoded copies, and links to files given by path. A store whose DuckDB may read
    files only there (`restrict_file_access`) can still import, and can read nothing else."""
    global _IMPORT_ROOT
    if _IMPORT_ROOT is None:
        import atexit
        import shutil

        _IMPORT_ROOT = Path(tempfile.mkdtemp(prefix="sangkien-import-"))
        atexit.register(shutil.rmtree, _IMPORT_ROOT, ignore_errors=True)
    elif not _IMPORT_ROOT.is_dir():  # removed by a temp cleaner: the same (allowed) path again
        _IMPORT_ROOT.mkdir(mode=0o700)
    return _IMPORT_ROOT


@contextmanager
def temp_dir() -> Iterator[Path]:
    """A private temporary folder for one import, inside `import_root()`."""
    with tempfile.TemporaryDirectory(prefix="run-", dir=import_root()) as name:
        yield Path(name)


def restrict_file_access(con) -> None:
    """Let this DuckDB database read and write no file but the importer's own (under `import_root()`):
    `read_csv`, `COPY ... TO`, `ATTACH`, `INSTALL`/`LOAD`, `glob` on any other path fail with a permission
    error. The store's own files (database, write-ahead log, spill folder) are not affected.

    DuckDB takes the setting once per database instance and never back (it cannot be lifted for the
    import step and restored after), so the importer's folder is allowed instead. Call it right after
    connecting (the allowed folder cannot be set in the connect options); calling it again is harmless.
    """
    if file_access_restricted(con):
        return
    folder = str(import_root()).replace("'", "''") + "/"
    con.execute(f"SET allowed_directories = ['{folder}']")  # our own mkdtemp path, not user input
    con.execute("SET enable_external_access = false")


def file_access_restricted(con) -> bool:
    """Whether `restrict_file_access` has been applied to this database."""
    return con.execute("SELECT current_setting('enable_external_access')").fetchone()[0] is False


@contextmanager
def reachable(path: Path, restricted: bool, folder: Path) -> Iterator[Path]:
    """`path` where a restricted DuckDB can read it: as is when unrestricted or already inside the import
    folder; else a hard link in `folder` (free, same file system), or a copy when linking is impossible."""
    root = import_root().resolve()
    if not restricted or root in path.resolve().parents:
        yield path
        return
    target = folder / ("source" + "".join(path.suffixes[-1:]))
    try:
        os.link(path, target)
    except OSError:
        import shutil

        shutil.copyfile(path, target)
    yield target
