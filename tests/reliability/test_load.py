"""Twenty people browse while an analyst imports 200,000 records through the Data page (heavy).

One Chromium, 21 browser contexts (21 Streamlit sessions): 20 viewers cycle through the Overview, Units,
Trends, Benefit and Records pages without pause, one analyst uploads the export and commits it while they
do. Every page view is checked for errors, and the views that can betray a mix of before and after are
checked for one:

- Overview: the program's "Đã đăng ký" equals the sum of the two phases' (every record falls in a phase),
  the three equal the before or the after figures *together*, the tier table's counts add up to the 33
  units, and its "met" count equals the phase card's "Đơn vị hoàn thành" (table and card come from
  different queries);
- Records: the number of matching records is the before or the after total.

The timings (slowest page, median, 95th percentile) are printed and written to `load-report.json` in the
test's folder; docs/reliability.md quotes a run.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from analytics.filters import Filters
from analytics.metrics import progress
from analytics.store import open_store
from tests.conftest import ONE_MILLION
from tests.e2e.conftest import exceptions_on
from tests.e2e.helpers import button, start_app, upload, wait_for_main_text
from tests.reliability.test_kill_server import after_import, export

SESSIONS = int(os.environ.get("SANGKIEN_LOAD_SESSIONS", "20"))
ROWS = int(os.environ.get("SANGKIEN_LOAD_ROWS", "200000"))
PAGES = ["", "units", "trends", "benefit", "records"]
PAGE_TIMEOUT = 240.0

pytestmark = pytest.mark.heavy


def process_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_s() -> float:
    """CPU seconds the whole machine has spent busy (all cores, every process) so far."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = ticks[3] + ticks[4]
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def figures(db) -> dict:
    store = open_store(db, read_only=True)
    try:
        prog = progress(store, Filters(program=ONE_MILLION))  # the export is dated inside it
        phases = [int(r) for r in prog.phases["registered"]]
        return {"total": int(prog.program["registered"]), "phases": phases}
    finally:
        store.close()


PROBE = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const busy = document.querySelectorAll('[data-testid="stStatusWidget"], [data-testid="stSkeleton"], .stSpinner').length;
    const cards = {};
    for (const c of document.querySelectorAll('[data-testid="stMain"] .sk-card')) {
        const label = (c.querySelector('.sk-card-label')?.innerText || '').trim();
        (cards[label] = cards[label] || []).push((c.querySelector('.sk-card-value')?.innerText || '').trim());
    }
    const tiers = Array.from(document.querySelectorAll('table.tier-table tbody tr'))
        .map(tr => parseInt((tr.children[1]?.innerText || '').replace(/\\./g, ''), 10));
    const count = (main?.innerText || '').match(/([\\d.]+) hồ sơ khớp bộ lọc/);
    return {
        busy, h1: document.querySelector('[data-testid="stMain"] h1')?.innerText || '',
        cards, tiers, records: count ? parseInt(count[1].replace(/\\./g, ''), 10) : null,
        charts: document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
    };
}"""


@dataclass
class Viewer:
    page: object
    index: int
    step: int = 0
    started: float = 0.0
    quiet: int = 0
    loads: list = field(default_factory=list)  # (path, seconds, started at)

    @property
    def path(self) -> str:
        return PAGES[(self.index + self.step) % len(PAGES)]

    def go(self, base: str) -> None:
        self.started = time.monotonic()
        self.quiet = 0
        self.page.goto(f"{base}/{self.path}?program={ONE_MILLION}", wait_until="commit", timeout=120_000)

    def ready(self, probe: dict) -> bool:
        """The page has drawn what it draws (its key content) and is idle for two polls in a row."""
        content = (
            bool(probe["h1"])
            and {
                "": len(probe["cards"].get("Đã đăng ký", [])) >= 3 and len(probe["tiers"]) == 4,
                "units": probe["charts"] >= 1,
                "trends": probe["charts"] >= 1,
                "benefit": probe["charts"] >= 1,
                "records": probe["records"] is not None,
            }[self.path]
        )
        self.quiet = self.quiet + 1 if content and not probe["busy"] else 0
        return self.quiet >= 2


def check(viewer: Viewer, probe: dict, before: dict, after: dict, mixes: list, errors: list) -> str | None:
    """Errors and mixes on the page just loaded; returns "before"/"after" for pages that tell."""
    where = f"viewer {viewer.index} /{viewer.path}"
    boxes = exceptions_on(viewer.page)
    if boxes or viewer.page.errors:
        errors.append((where, boxes, list(viewer.page.errors)))
        viewer.page.errors.clear()
    if viewer.path == "":
        total, *phases = (int(v.replace(".", "")) for v in probe["cards"]["Đã đăng ký"][:3])
        met = [int(v.split("/")[0].replace(".", "")) for v in probe["cards"]["Đơn vị hoàn thành"][:3]]
        state = next((name for name, f in (("before", before), ("after", after))
                      if (total, phases) == (f["total"], f["phases"])), None)  # fmt: skip
        problems = []
        if total != sum(phases):
            problems.append(f"program {total} != phases {phases}")
        if state is None:
            problems.append(f"({total}, {phases}) is neither before nor after")
        if sum(probe["tiers"]) != 33:
            problems.append(f"tiers {probe['tiers']} do not add up to 33 units")
        if probe["tiers"][0] != met[1]:
            problems.append(f"tier table met {probe['tiers'][0]} != phase 1 card {met[1]}")
        if problems:
            mixes.append((where, problems))
        return state
    if viewer.path == "records":
        state = {before["total"]: "before", after["total"]: "after"}.get(probe["records"])
        if state is None:
            mixes.append((where, [f"{probe['records']} records is neither before nor after"]))
        return state
    return None


def test_twenty_sessions_browse_while_200k_rows_are_imported(sample_db, tmp_path, browser):
    base = tmp_path / "base.duckdb"
    shutil.copy(sample_db, base)
    csv = export(base, tmp_path, ROWS)
    twin = after_import(base, tmp_path, csv)
    before = figures(base)
    after = figures(tmp_path / "twin.duckdb")
    assert after["total"] == before["total"] + ROWS == twin[0]
    db = tmp_path / "store.duckdb"
    shutil.copy(base, db)

    server = start_app(db, tmp_path / "srv")
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(SESSIONS + 1)]
    try:
        analyst = contexts[0].new_page()
        analyst.goto(server.url + "/data", timeout=120_000)
        wait_for_main_text(analyst, "Chọn hoặc kéo thả tệp")
        upload(analyst, csv)
        wait_for_main_text(analyst, "Nhập 1 tệp vào kho", timeout=600)

        viewers = []
        for i, context in enumerate(contexts[1:]):
            tab = context.new_page()
            tab.errors = []
            tab.on("pageerror", lambda exc, tab=tab: tab.errors.append(str(exc)))
            viewers.append(Viewer(tab, i))
        cpu_start = (process_cpu_s(server.process.pid), machine_busy_s(), time.monotonic())
        for viewer in viewers:
            viewer.go(server.url)

        errors, mixes, seen = [], [], {"before": 0, "after": 0}
        clicked = committed = None
        deadline = time.monotonic() + 1800
        while time.monotonic() < deadline:
            for viewer in viewers:
                probe = viewer.page.evaluate(PROBE)
                waited = time.monotonic() - viewer.started
                if viewer.ready(probe):
                    state = check(viewer, probe, before, after, mixes, errors)
                    if state:
                        seen[state] += 1
                    viewer.loads.append((viewer.path, waited, viewer.started))
                    viewer.step += 1
                    viewer.go(server.url)
                elif waited > PAGE_TIMEOUT:
                    errors.append((f"viewer {viewer.index} /{viewer.path}", ["no answer in 240 s"], []))
                    viewer.go(server.url)
            # The analyst commits once every viewer has a page up, i.e. in the thick of it.
            if clicked is None and all(v.loads for v in viewers):
                button(analyst, "Nhập 1 tệp vào kho").click()
                clicked = time.monotonic()
            if (
                clicked
                and committed is None
                and "Đã thêm mới" in analyst.locator('[data-testid="stMain"]').inner_text()
            ):
                committed = time.monotonic()
            # Stop once every viewer has loaded two more pages after the commit.
            if committed and all(sum(1 for _, _, t0 in v.loads if t0 > committed) >= 2 for v in viewers):
                break
        cpu_end = (process_cpu_s(server.process.pid), machine_busy_s(), time.monotonic())
        assert committed, "the import never finished"
        main = analyst.locator('[data-testid="stMain"]').inner_text()
        assert f"Đã thêm mới {ROWS:,}".replace(",", ".") in main
    finally:
        for context in contexts:
            context.close()
        server.stop()

    times = [seconds for v in viewers for _, seconds, _ in v.loads]
    # Views whose run overlapped the commit (started before it ended, ended after it began).
    during = [s for v in viewers for _, s, t0 in v.loads if t0 <= committed and t0 + s >= clicked]
    slowest = max(((s, p) for v in viewers for p, s, _ in v.loads), key=lambda x: x[0])
    report = {
        "sessions": SESSIONS, "rows": ROWS, "page_views": len(times),
        "views_checked_before": seen["before"], "views_checked_after": seen["after"],
        "commit_seconds": round(committed - clicked, 2),
        "slowest_page_s": round(slowest[0], 2), "slowest_page": "/" + slowest[1],
        "median_page_s": round(statistics.median(times), 2),
        "p95_page_s": round(sorted(times)[int(0.95 * (len(times) - 1))], 2),
        "views_overlapping_the_commit": len(during),
        "errors": len(errors), "mixes": len(mixes),
        # Where the time went: the server's CPU against the whole machine's (the 21 Chromium tabs share the
        # same 2 cores), over the browsing.
        "browse_wall_s": round(cpu_end[2] - cpu_start[2], 1),
        "server_cpu_s": round(cpu_end[0] - cpu_start[0], 1),
        "machine_cpu_s": round(cpu_end[1] - cpu_start[1], 1),
    }  # fmt: skip
    (tmp_path / "load-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print("\nload report:", json.dumps(report))
    assert errors == [] and mixes == [], (errors[:5], mixes[:5])
    assert seen["before"] and seen["after"], seen  # the runs saw both states, so the checks had work to do
    assert server.log_text().count("Traceback") == 0, server.log_text()[-3000:]
