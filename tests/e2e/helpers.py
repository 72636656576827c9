"""Helpers for the browser tests of the Data page, the analyst gate, faults and hostile input.

Builds on tests/e2e/conftest.py (the real server, Debian's Chromium). What is new here:

- `start_app()`: a server with its *own* secrets. Streamlit reads secrets from the locations in its
  `secrets.files` option (documented; default `~/.streamlit/secrets.toml` and the project's
  `.streamlit/secrets.toml`). Every option can also be set by an environment variable named after it, so a
  test server gets `STREAMLIT_SECRETS_FILES=<workdir>/secrets.toml` and never reads (or needs) the project's
  secrets file, which must never be committed. A server without a password gets an empty secrets file of
  its own, so a developer's local secrets never change what a test sees.
- `upload()`: files through the real `<input type=file>` of the uploader.
- `grid_rows()`: the text of an `st.dataframe`. The grid draws on a canvas, but Glide Data Grid keeps an
  accessible copy of the rows it shows as a `<table>` inside the canvas element; that copy is what a screen
  reader reads, and it holds the same cell text as the picture.
"""

from __future__ import annotations

import csv
import io
import os
import time
from pathlib import Path

from analytics.auth import hash_password
from tests.e2e.conftest import Server, metric_value, settle, start_server

PASSWORD = "mat-khau-phan-tich-e2e"
UPLOAD_INPUT = '[data-testid="stFileUploaderDropzoneInput"]'


def secrets_file(workdir: Path, password: str | None) -> Path:
    """A secrets.toml of the test's own: the analyst password's hash, or nothing (writing open)."""
    path = workdir / "secrets.toml"
    if password is None:
        path.write_text("# no analyst role: writing is open\n", encoding="utf-8")
    else:
        # A cheap scrypt cost for tests (the hash format is the same; the server accepts any valid cost).
        path.write_text(
            f'[analyst]\npassword_hash = "{hash_password(password, n=2**10)}"\n', encoding="utf-8"
        )
    return path


def start_app(
    db: Path,
    workdir: Path,
    password: str | None = None,
    env: dict[str, str] | None = None,
    port: int | None = None,
) -> Server:
    """`start_server` with the test's own secrets file (see the module's docstring)."""
    workdir.mkdir(parents=True, exist_ok=True)
    secrets = secrets_file(workdir, password)
    return start_server(db, workdir, env={"STREAMLIT_SECRETS_FILES": str(secrets), **(env or {})}, port=port)


def upload(page, files: list[tuple[str, bytes]] | tuple[str, bytes] | Path, mime: str = "text/csv") -> None:
    """Choose files in the Data page's uploader (the real file input), as a person picking them would.
    A path is handed to the browser as a file on disk (fast for large files); bytes travel with their name."""
    if isinstance(files, Path):
        page.locator(UPLOAD_INPUT).first.set_input_files(files)
        return
    if isinstance(files, tuple):
        files = [files]
    payload = [{"name": name, "mimeType": mime, "buffer": data} for name, data in files]
    page.locator(UPLOAD_INPUT).first.set_input_files(payload)


def sign_in(page, password: str = PASSWORD) -> None:
    """Type the analyst password in the Data page's form and submit it."""
    field = page.locator('input[type="password"]').first
    field.fill(password)
    page.locator('[data-testid="stFormSubmitButton"] button').first.click()


def wait_until(predicate, timeout: float = 60, interval: float = 0.25, what: str = "condition"):
    """Poll `predicate()` until it returns something truthy; return that value."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"{what} never happened (last: {last!r})")


def wait_for_main_text(page, text: str, timeout: float = 60) -> None:
    """Wait until the main area's text holds `text`."""
    wait_until(
        lambda: text in page.locator('[data-testid="stMain"]').inner_text(), timeout, what=f"text {text!r}"
    )


def button(page, label: str):
    """The (first) visible button whose text holds `label`."""
    return page.locator("button:visible", has_text=label).first


def click_tab(page, label: str) -> None:
    page.locator('[data-testid="stTab"]', has_text=label).first.click()
    settle(page)


def metrics_in_main(page) -> dict[str, str]:
    """Label -> value of every metric card of the main area (first one for a repeated label)."""
    return page.evaluate(
        """() => {
            const out = {};
            for (const card of document.querySelectorAll('[data-testid="stMain"] .sk-card')) {
                const label = (card.querySelector('.sk-card-label')?.innerText || '').trim();
                const value = (card.querySelector('.sk-card-value')?.innerText || '').trim();
                if (!(label in out)) out[label] = value;
            }
            return out;
        }"""
    )


def grid_rows(page, index: int = 0) -> list[list[str]]:
    """The rows (header first) of the `index`-th data grid on the page, from its accessible table."""
    return page.evaluate(
        """(index) => {
            const grids = Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'));
            const grid = grids[index];
            if (!grid) return [];
            const table = grid.querySelector('table');
            if (!table) return [];
            return Array.from(table.querySelectorAll('tr')).map(
                tr => Array.from(tr.querySelectorAll('th, td')).map(c => c.textContent));
        }""",
        index,
    )


def all_grid_text(page) -> str:
    """The text of every data grid on the page (their accessible tables), one string."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="stDataFrame"] table'))
                 .map(t => t.textContent).join('\\n')"""
    )


def overview_registered(page, url: str) -> int:
    """Open the Overview at `url` and read its "Đã đăng ký" card as an int (Vietnamese thousands dots)."""
    page.goto(url, timeout=90_000)
    settle(page)
    value = wait_until(lambda: metric_value(page, "Đã đăng ký"), what="the Overview's registered card")[0]
    return int(value.replace(".", ""))


def read_csv_download(page, label: str, index: int = 0, timeout: float = 60) -> tuple[bytes, list[dict]]:
    """Click the `index`-th download button labelled `label`; return the file's bytes and its rows (UTF-8,
    BOM or not)."""
    with page.expect_download(timeout=timeout * 1000) as caught:
        page.locator('[data-testid="stDownloadButton"] button', has_text=label).nth(index).click()
    data = Path(caught.value.path()).read_bytes()
    return data, list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def server_errors(server: Server) -> list[str]:
    """Tracebacks and error lines in the server's log (viewers never see error details)."""
    text = server.log_text()
    return [
        line for line in text.splitlines() if "Traceback" in line or "Error" in line or "Exception" in line
    ]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    return True


def progress_text(page) -> str:
    """The text of the progress bars on the page ("Đang ghi lon.csv…"), "" when there is none."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('[data-testid="stProgress"]'))
                 .map(e => e.innerText).join('|')"""
    )


def nav_to(page, label: str) -> None:
    """Click a page in the top navigation as a person would: in the row, or, when the pages do not fit in
    it, in its overflow menu ("Trang khác")."""
    row = page.locator('[data-testid="stTopNavLink"]:not([inert] *)', has_text=label)
    try:
        row.first.click(timeout=3000)
        return
    except Exception:  # noqa: BLE001 - hidden in the overflow menu at this width
        pass
    page.locator('[data-testid="stTopNavSection"]').first.click()
    page.locator('[data-testid="stTopNavPopover"]').get_by_text(label, exact=True).first.click()
