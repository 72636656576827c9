"""`python -m tools.bench [--rows N] [--json]` (or `python -m analytics bench ...`): the program's scale,
measured in one run.

On one generated Vietnamese CSV export of N records (default 1,000,000) and on this machine, each figure
the median of several repetitions:

- raw_read_s       DuckDB's bare CREATE TABLE t AS SELECT * FROM read_csv(file): the floor for any import
- ingest_s         the project's full import (detection, validation, upsert, commit) of the same file into
                   a new store (created, with its reference data, before the clock starts); the two are
                   timed in turns, raw then import, `repeat` times
- pandas_ingest_s  pandas.read_csv plus the same validations, the way most Streamlit apps load data
- pages.<name>     duckdb_s: the page's metric queries after a filter change; pandas_s: the same figures
                   with pandas from an in-memory DataFrame (the bench checks both give equal results);
                   apptest_s: a rerun of the page with AppTest after a filter change, caches cleared
- peak_rss_mb      peak resident memory of a separate process that imports the file and renders every page
- browser_first_page  seconds from opening the address to the frame that paints the first figure, in
                   Chromium, for the first visitor after `streamlit run` starts (the server started once
                   per repetition) and for later (new) visitors

- cli_import_s      the whole process `python -m analytics import FILE --db NEW` (interpreter start and
                   imports included), against raw_read_process_s, a whole process doing only DuckDB's bare
                   read; taken in turns, `repeat` times: cli_import_vs_raw_process
- net.<profile>    first_figure_s and first_chart_s of a new visitor on lan, fast (150 ms, 1.6 MB/s) and
                   slow (150 ms, 180 KB/s), Chromium throttled through the DevTools protocol
                   (tools/bench/network.py); first_visit_bytes: what a first visit downloads (HTTP as
                   encoded on the wire, websocket frames)
- browser_filter_change_s  median and worst of 10 clicks on the phase filter, from the click to the frame
                   that paints the updated card and the redrawn chart
- sessions_capacity  the largest number of sessions, each changing a filter every 5 s over the websocket
                   protocol, whose reruns' p95 stays within 1 s (tools/load.py); `load` has every level

Ratios compare timings taken in the same run, so a busy shared machine slows both sides alike.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from analytics import metrics
from analytics.filters import Filters
from analytics.store import Store, open_store, remove_store
from analytics.textnorm import fold_key
from tools.bench import pandas_twin as bp
from tools.bench.exports import export_csv
from tools.serving import CHROMIUM, CHROMIUM_ARGS, ROOT, streamlit_command

DEFAULT_LOAD_LEVELS = (25, 50, 100, 150, 200, 250, 300)
DEFAULT_LOAD_DURATION_S = 20.0

PAGES = ("overview", "units", "trends", "benefit", "records")
SEARCH = "bom"


class Bar:
    """A one-line progress bar on the terminal (plain lines when stderr is not a terminal)."""

    def __init__(self, steps: int) -> None:
        self.steps, self.done, self.tty = steps, 0, sys.stderr.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        width = 30
        filled = round(width * self.done / self.steps)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.steps} {label}"
        if self.tty:
            print("\r" + line.ljust(100), end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.tty:
            print(file=sys.stderr)


def timed(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time of `repeat` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def generate_csv(workdir: Path, rows: int) -> Path:
    """A Vietnamese export of `rows` synthetic records (units from the reference data)."""
    path = workdir / f"export-{rows}.csv"
    if path.exists():
        return path
    store = open_store(workdir / "generator.duckdb")
    try:
        return export_csv(store, path, rows)
    finally:
        store.close()


def raw_read(path: Path, workdir: Path, index: int) -> None:
    """DuckDB's own speed: read the file into a table of a new database file."""
    target = workdir / f"raw-{index}.duckdb"
    target.unlink(missing_ok=True)
    con = duckdb.connect(str(target))
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(?)", [str(path)])
    con.close()
    target.unlink(missing_ok=True)


_RAW_PROCESS = (
    "import sys, duckdb\n"
    "con = duckdb.connect(sys.argv[2])\n"
    "con.execute('CREATE TABLE t AS SELECT * FROM read_csv(?)', [sys.argv[1]])\n"
    "con.close()\n"
)


def whole_processes(path: Path, workdir: Path, repeat: int) -> dict:
    """Median seconds of a whole process that only reads the file with DuckDB, and of the whole command
    `python -m analytics import FILE --db NEW` (start-up and imports included), taken in turns."""
    raw: list[float] = []
    cli: list[float] = []
    for _ in range(repeat):
        for target, command in (
            (workdir / "process-raw.duckdb", [sys.executable, "-c", _RAW_PROCESS, str(path)]),
            (
                workdir / "process-cli.duckdb",
                [sys.executable, "-m", "analytics", "import", str(path), "--db"],
            ),
        ):
            # The file, its log and its backup folder: the command's store has held data after the first
            # turn, and a store whose marker remains is never made again (it would refuse the next turn).
            remove_store(target)
            start = time.perf_counter()
            done = subprocess.run(
                [*command, str(target)], cwd=ROOT, capture_output=True, text=True, timeout=3600
            )
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                raise RuntimeError(f"{command[1:3]} failed: {done.stderr[-2000:]}")
            (raw if "-c" in command else cli).append(seconds)
            remove_store(target)
    return {
        "raw_read_process_s": statistics.median(raw),
        "cli_import_s": statistics.median(cli),
        "cli_import_vs_raw_process": statistics.median(cli) / statistics.median(raw),
        "cli_import_vs_raw_process_runs": [c / r for r, c in zip(raw, cli, strict=True)],
    }


def new_store(db: Path) -> Store:
    """A new, empty store (schema and reference data) at `db`, as a first import finds it (the earlier
    run's file, log and backup folder removed: a killed run must not replay into this one, and a store
    that held data is otherwise never made again)."""
    remove_store(db)
    return open_store(db)


def import_into(store: Store, path: Path) -> float:
    """The project's import of the file into `store`; returns its seconds (the store's creation not counted,
    as the raw read's is not: both start from a database that exists)."""
    from analytics.ingest import Limits, import_file

    start = time.perf_counter()
    report = import_file(store, path, limits=Limits(max_bytes=1 << 40))
    seconds = time.perf_counter() - start
    if not report.ok:
        raise RuntimeError(f"import refused: {report.message}")
    return seconds


def project_ingest(path: Path, db: Path) -> Store:
    """The project's import of the file into a new store; returns the open store."""
    store = new_store(db)
    import_into(store, path)
    return store


def read_and_import(
    path: Path, workdir: Path, repeat: int, ratios: list[float] | None = None
) -> tuple[float, float, Store]:
    """Median seconds of the raw read and of the project's import, taken in turns (raw, import, raw, ...)
    so that a shared machine's changing load weighs on both alike; returns the last store, open. `ratios`
    gets each turn's import / raw read (the goal holds in every repetition, not only the median's)."""
    raw_times: list[float] = []
    ingest_times: list[float] = []
    store: Store | None = None
    for k in range(repeat):
        start = time.perf_counter()
        raw_read(path, workdir, k)
        raw_times.append(time.perf_counter() - start)
        if store is not None:
            store.close()
        store = new_store(workdir / "bench.duckdb")
        ingest_times.append(import_into(store, path))
        if ratios is not None:
            ratios.append(ingest_times[-1] / raw_times[-1])
    assert store is not None
    return statistics.median(raw_times), statistics.median(ingest_times), store


def unit_keys(store: Store) -> dict[str, str]:
    """Folded code/short name/name/alias -> unit code, for the pandas baseline's unit matching."""
    keys: dict[str, str] = {}
    for code, name, short, aliases in store.rows("SELECT code, name, short_name, aliases FROM units"):
        for spelling in [code, name, short, *(aliases or [])]:
            if spelling:
                keys[fold_key(spelling)] = code
    return keys


def page_filters(store: Store, index: int) -> Filters:
    """A filter change: the program as of a different day each time (so nothing cached can help)."""
    last = store.one("SELECT max(registered_on) FROM initiatives")
    return Filters(as_of=last - dt.timedelta(days=3 + 5 * index))


def duckdb_page(store: Store, page: str, filters: Filters) -> dict:
    """Every metric query the page issues (as the page issues them), returning the compared figures."""
    figures = {"progress": bp.duckdb_progress(store, filters)}
    if page == "units":
        figures["ranks"] = bp.duckdb_ranks(store, filters)
    elif page == "trends":
        figures["trends"] = bp.duckdb_trends(store, filters)
    elif page == "benefit":
        figures["benefit"] = bp.duckdb_benefit(store, filters)
    elif page == "records":
        figures = {"explorer": bp.duckdb_explorer(store, filters, SEARCH)}
    return figures


def pandas_page(records, targets, phase_targets, page: str, filters: Filters) -> dict:
    """The same figures with pandas, from the DataFrame of every record."""
    figures = {"progress": bp.progress_figures(records, targets, phase_targets, filters)}
    if page == "units":
        figures["ranks"] = bp.rank_figures(records, targets, filters)
    elif page == "trends":
        figures["trends"] = bp.trend_figures(records, filters)
    elif page == "benefit":
        figures["benefit"] = bp.benefit_figures(records, filters)
    elif page == "records":
        figures = {"explorer": bp.explorer_figures(records, filters, SEARCH)}
    return figures


def apptest_page(db: Path, page: str, filters: Filters) -> float:
    """Seconds for AppTest to rerun `page` after a filter change, with every cache cleared first."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["SANGKIEN_DB"] = str(db)
    app = ROOT / "app.py"
    at = AppTest.from_file(str(app), default_timeout=300)
    at.query_params["as_of"] = filters.as_of.isoformat()
    at.run()
    st.cache_data.clear()
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    return elapsed


def peak_rss(path: Path, workdir: Path) -> float:
    """Peak memory (MB) of a separate process that imports the file and renders every page once."""
    db = workdir / "rss.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench.run", str(path), str(db)],
        capture_output=True,
        text=True,
        timeout=3600,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"memory probe failed: {done.stderr[-2000:]}")
    return float(json.loads(done.stdout.strip().splitlines()[-1])["peak_rss_mb"])


def first_page_in_browser(db: Path, repeat: int) -> dict | None:
    """Seconds from opening the app's address to its first figure on screen, in Debian's Chromium: for
    the first visitor after the server starts and for later visitors (each in a new browser context, so
    with nothing cached). The server is started `repeat` times; each figure is the median."""
    chromium = Path(CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not chromium.exists():
        return None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            return first_page_times(browser, db, repeat)
        finally:
            browser.close()


def first_page_times(browser, db: Path, repeat: int) -> dict:
    """first_page_in_browser's measure in a running Playwright browser (the tests' own, which must be the
    only Playwright of the process)."""
    first: list[float] = []
    later: list[float] = []
    for _ in range(max(1, repeat)):
        with _app_server(db) as url:
            times = [_first_figure_seconds(browser, url) for _ in range(3)]
        first.append(times[0])
        later.extend(times[1:])
    return {"first_visit_s": statistics.median(first), "later_visits_s": statistics.median(later)}


# Runs in the page before its own scripts: the first animation frame after the first metric card's value
# enters the page is the frame that paints it; its time is read on the page's clock, which starts when the
# navigation starts.
_PAINT_PROBE = """
new MutationObserver((_, observer) => {
    if (document.querySelector('.sk-card-value')) {
        observer.disconnect();
        requestAnimationFrame(() => { window.__firstFigureMs = performance.now(); });
    }
}).observe(document, {subtree: true, childList: true});
"""


def _first_figure_seconds(browser, url: str) -> float:
    """One new visitor: seconds from the start of the navigation to the frame that paints the first metric
    card. Read on the page's clock, not as the time Playwright's wait returns: Playwright polls from the
    page's main thread, so its answer comes late whenever a long script (Plotly's 0.7 s chunk) runs just
    after the card is drawn."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_PAINT_PROBE)
    tab = context.new_page()
    tab.goto(url)
    handle = tab.wait_for_function("window.__firstFigureMs", timeout=120_000)
    elapsed = float(handle.json_value()) / 1000
    context.close()
    return elapsed


def network_and_viewers(db: Path, repeat: int, load_levels: tuple[int, ...], load_duration: float) -> dict:
    """One server on the store: new visitors on each network, ten filter changes, then many viewers."""
    from tools import load

    result: dict = {"net": None, "first_visit_bytes": None, "browser_filter_change_s": None}
    with _app_server(db) as url:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            sync_playwright = None
        if sync_playwright is not None and Path(CHROMIUM).exists():
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                try:
                    result.update(browser_on_networks(browser, url, repeat))
                finally:
                    browser.close()
        found = load.capacity(url.rstrip("/"), load_levels, load_duration)
    result["sessions_capacity"] = found["sessions_capacity"]
    result["load"] = found
    return result


def browser_on_networks(browser, url: str, repeat: int) -> dict:
    """network_and_viewers' browser part in a running Playwright browser (the tests' own)."""
    from tools.bench import network

    net, size = network.network_visits(browser, url, repeat)
    changes = network.filter_changes(browser, url, 10)
    return {
        "net": net,
        "first_visit_bytes": size,
        "browser_filter_change_s": network.filter_change_summary(changes),
    }


@contextlib.contextmanager
def _app_server(db: Path) -> Iterator[str]:
    """`streamlit run app.py` on a free local port, on the store at `db`, until the block ends; yields the
    address once the server answers its health check."""
    import socket
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        streamlit_command(port),
        cwd=ROOT,
        env={**os.environ, "SANGKIEN_DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(30)


def run(
    rows: int,
    repeat: int,
    workdir: Path,
    load_levels: tuple[int, ...] = DEFAULT_LOAD_LEVELS,
    load_duration: float = DEFAULT_LOAD_DURATION_S,
) -> dict:
    """Every measurement of the benchmark, in one run on one file."""
    bar = Bar(10 + len(PAGES))
    bar.step("tạo tệp xuất / generating the export")
    path = generate_csv(workdir, rows)
    bar.step("đọc thô và nhập / raw read and project import")
    ratios: list[float] = []
    raw_s, ingest_s, store = read_and_import(path, workdir, repeat, ratios)
    bar.step("pandas read_csv")
    keys = unit_keys(store)
    pandas_ingest_s, checked = timed(lambda: bp.pandas_ingest(str(path), keys), repeat)
    imported = store.record_count()
    if len(checked) != imported:
        raise RuntimeError(f"pandas kept {len(checked)} rows, the import {imported}")

    bar.step("chỉ mục tác giả / author index")
    index_s, _ = timed(lambda: metrics.refresh_author_index(store), 1)
    bar.step("trùng lặp / duplicates")
    dedup = dedup_figures(store, repeat)
    records = bp.load_records(store)
    targets = store.df("SELECT unit_code, phase, target FROM targets")
    phase_targets = {int(p): float(t) for p, t in store.rows("SELECT phase, target FROM phases")}
    pages: dict[str, dict] = {}
    mismatches: dict[str, list[str]] = {}
    for page in PAGES:
        bar.step(f"trang / page {page}")
        duck_times, pandas_times = [], []
        for k in range(repeat):
            filters = page_filters(store, k)
            start = time.perf_counter()
            ours = duckdb_page(store, page, filters)
            duck_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            theirs = pandas_page(records, targets, phase_targets, page, filters)
            pandas_times.append(time.perf_counter() - start)
            diff = bp.differences(ours, theirs)
            if diff:
                mismatches[page] = diff[:10]
        pages[page] = {"duckdb_s": statistics.median(duck_times), "pandas_s": statistics.median(pandas_times)}
    store.close()
    bar.step("AppTest")
    db = workdir / "bench.duckdb"
    for page in PAGES:
        times = [apptest_page(db, page, page_filters_from_db(db, 10 + k)) for k in range(repeat)]
        pages[page]["apptest_s"] = statistics.median(times)
    bar.step("bộ nhớ / peak memory")
    rss = peak_rss(path, workdir)
    bar.step("trình duyệt / browser")
    browser = first_page_in_browser(db, repeat)
    bar.step("mạng chậm, nhiều người xem / slow networks, many viewers")
    viewers = network_and_viewers(db, repeat, load_levels, load_duration)
    bar.step("cả tiến trình / whole processes")
    processes = whole_processes(path, workdir, repeat)
    bar.close()
    return {
        "rows": rows,
        "raw_read_s": raw_s,
        "ingest_s": ingest_s,
        "pandas_ingest_s": pandas_ingest_s,
        "ingest_vs_raw": ingest_s / raw_s,
        "ingest_vs_raw_runs": ratios,
        "page_speedup_vs_pandas": min(p["pandas_s"] / p["duckdb_s"] for p in pages.values()),
        "apptest_max_s": max(p["apptest_s"] for p in pages.values()),
        "peak_rss_mb": rss,
        "pages": pages,
        "author_index_s": index_s,
        **dedup,
        "browser_first_page": browser,
        **viewers,
        **processes,
        "results_equal": not mismatches,
        "mismatches": mismatches,
        "file_mb": path.stat().st_size / 1e6,
        "repeat": repeat,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "duckdb": duckdb.__version__,
            "platform": platform.platform(),
        },
    }


IMPORT_CHECK_ROWS = 10_000


def dedup_figures(store: Store, repeat: int) -> dict:
    """The duplicate finder at the program's scale, as the Quality page uses it (the best pairs waiting for
    review and their count): `dedup_scan_s`, the first scan of every record (its title index built from
    nothing first); `dedup_import_s`, the 10,000 newest records (an import's worth) taken as just imported:
    the index brought up to date for them, then they are checked against all the others; `dedup_pairs`, the
    pairs the scan found."""
    from analytics import quality

    def first_scan() -> quality.PairScan:
        with store.derived_write() as cur:
            cur.execute("DELETE FROM dedup_titles")
            cur.execute("UPDATE meta SET value = '-1' WHERE key = 'dedup_titles_version'")
        return quality.find_pairs(store, limit=quality.REVIEW_LIMIT)

    scan_s, scan = timed(first_scan, repeat)
    newest = [c for (c,) in store.rows("SELECT code FROM initiatives ORDER BY registered_on DESC, code LIMIT ?",
                                       [IMPORT_CHECK_ROWS])]  # fmt: skip

    def import_check() -> int:
        with store.derived_write() as cur:
            cur.execute("DELETE FROM dedup_titles WHERE code IN (SELECT unnest(?))", [newest])
            cur.execute("UPDATE meta SET value = '-1' WHERE key = 'dedup_titles_version'")
        return quality.import_duplicates(store, newest)

    import_s, _ = timed(import_check, repeat)
    return {"dedup_scan_s": scan_s, "dedup_import_s": import_s, "dedup_pairs": scan.total}


def page_filters_from_db(db: Path, index: int) -> Filters:
    store = open_store(db)
    try:
        return page_filters(store, index)
    finally:
        store.close()


def table(result: dict) -> str:
    """The figures as a readable table."""
    lines = [
        f"rows {result['rows']:,} · file {result['file_mb']:.0f} MB · median of {result['repeat']}",
        f"{'raw_read_s':<22}{result['raw_read_s']:>9.2f}",
        f"{'ingest_s':<22}{result['ingest_s']:>9.2f}   ingest_vs_raw {result['ingest_vs_raw']:.2f} (goal <= 1.6 in every run: "
        + ", ".join(f"{r:.2f}" for r in result.get("ingest_vs_raw_runs", []))
        + ")",
        f"{'pandas_ingest_s':<22}{result['pandas_ingest_s']:>9.2f}",
        f"{'author_index_s':<22}{result['author_index_s']:>9.2f}   (once per data version)",
        f"{'dedup_scan_s':<22}{result['dedup_scan_s']:>9.2f}   (goal <= 60; {result['dedup_pairs']:,} pairs)",
        f"{'dedup_import_s':<22}{result['dedup_import_s']:>9.2f}   (goal <= 5: 10,000 records against all)",
        "",
        f"{'page':<12}{'duckdb_s':>10}{'pandas_s':>10}{'speed-up':>10}{'apptest_s':>11}",
    ]
    for name, page in result["pages"].items():
        lines.append(
            f"{name:<12}{page['duckdb_s']:>10.3f}{page['pandas_s']:>10.3f}"
            f"{page['pandas_s'] / page['duckdb_s']:>9.1f}x{page['apptest_s']:>11.3f}"
        )
    lines += [
        "",
        f"page_speedup_vs_pandas {result['page_speedup_vs_pandas']:.1f} (goal >= 5)",
        f"apptest_max_s          {result['apptest_max_s']:.3f} (goal <= 0.3; <= 0.5 before issue 19)",
        f"peak_rss_mb            {result['peak_rss_mb']:.0f} (goal <= 1024)",
        f"results equal          {result['results_equal']}",
    ]
    for name, figures in (result.get("net") or {}).items():
        lines.append(
            f"{'net ' + name:<22}{figures['first_figure_s']:>9.2f} s first figure, "
            f"{figures['first_chart_s']:.2f} s first chart"
        )
    if result.get("first_visit_bytes"):
        lines.append(f"first_visit_bytes      {result['first_visit_bytes'] / 1e6:.2f} MB (goal <= 2.5)")
    change = result.get("browser_filter_change_s")
    if change:
        lines.append(f"browser filter change  median {change['median']:.2f} s, worst {change['worst']:.2f} s")
    if "sessions_capacity" in result:
        lines.append(f"sessions_capacity      {result['sessions_capacity']} (goal >= 200)")
    if "cli_import_vs_raw_process" in result:
        lines.append(
            f"cli import (process)   {result['cli_import_s']:.2f} s = {result['cli_import_vs_raw_process']:.2f}"
            f" x bare read process {result['raw_read_process_s']:.2f} s (goal <= 2.0)"
        )
    browser = result.get("browser_first_page")
    if browser:
        lines.append(
            f"first page in Chromium {browser['first_visit_s']:.2f} s first visitor after start, "
            f"{browser['later_visits_s']:.2f} s later visitors (goal <= 3)"
        )
    return "\n".join(lines)


def _quiet_streamlit() -> None:
    """AppTest outside a server logs a warning per run; the benchmark's output is the table."""
    import logging

    for name in (
        "streamlit",
        "streamlit.runtime.scriptrunner_utils.script_run_context",
        "streamlit.runtime.caching.cache_data_api",
    ):
        logging.getLogger(name).setLevel(logging.ERROR)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description="đo tốc độ ở quy mô chương trình (mặc định 1.000.000 hồ sơ)",
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")
    parser.add_argument("--repeat", type=int, default=3, help="số lần lặp mỗi phép đo (lấy trung vị)")
    parser.add_argument("--workdir", help="thư mục tạm (mặc định một thư mục mới trong /tmp)")
    parser.add_argument(
        "--load-levels",
        default=",".join(map(str, DEFAULT_LOAD_LEVELS)),
        help="số phiên thử lần lượt (tăng dần) / sessions to try, rising",
    )
    parser.add_argument(
        "--load-duration",
        type=float,
        default=DEFAULT_LOAD_DURATION_S,
        help="giây mỗi mức / seconds per level",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """The bench's command line: exit 0 when DuckDB and pandas agree on every figure, 1 when they do not."""
    return cmd_bench(build_parser().parse_args(argv))


def compile_project() -> None:
    """Write the project's bytecode once, as installing a package does: a machine that sets
    PYTHONDONTWRITEBYTECODE would otherwise compile every module from source in every process the bench
    starts (0.15 s of the `import` command's start-up), which no installed deployment pays."""
    for folder in ("analytics", "ui", "pages", "tools"):
        compileall.compile_dir(ROOT / folder, quiet=1, workers=0)
    compileall.compile_file(ROOT / "app.py", quiet=1)


def cmd_bench(args: argparse.Namespace) -> int:
    _quiet_streamlit()
    compile_project()
    workdir = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="sangkien-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        levels = tuple(int(x) for x in str(args.load_levels).split(",") if x.strip())
    except ValueError:
        print("--load-levels: số phiên cách nhau bởi dấu phẩy / numbers separated by commas", file=sys.stderr)
        return 2
    result = run(args.rows, max(1, args.repeat), workdir, levels or DEFAULT_LOAD_LEVELS, args.load_duration)
    print(json.dumps(result, ensure_ascii=False) if args.json else table(result))
    return 0 if result["results_equal"] else 1


def own_peak_rss_mb() -> float:
    """This process's own peak resident memory, in MB.

    Linux's `getrusage().ru_maxrss` starts a child at its parent's peak (the forked copy's high-water mark
    survives exec), which would charge the benchmark's pandas copy of every record to the probe; `VmHWM`
    belongs to the process's own memory map only. Other systems fall back to ru_maxrss.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _memory_probe(path: str, db: str) -> None:
    """Child process: import the file, render every page once, report its own peak RSS."""
    _quiet_streamlit()
    store = project_ingest(Path(path), Path(db))
    store.close()
    for page in PAGES:
        apptest_page(Path(db), page, page_filters_from_db(Path(db), 1))
    print(json.dumps({"peak_rss_mb": own_peak_rss_mb()}))


if __name__ == "__main__":
    _memory_probe(sys.argv[1], sys.argv[2])
