"""The load tool at small N against the real server: sessions speak the websocket protocol, change the
phase filter and report their reruns (no timing goal asserted: that is the bench's)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analytics.i18n import fmt_int
from analytics.sample import SECOND_PLAN, SECOND_TOTAL
from tests.conftest import ROOT
from tests.e2e.conftest import start_server
from tools import load


@pytest.fixture(scope="module")
def url(sample_db, tmp_path_factory):
    import shutil

    workdir = tmp_path_factory.mktemp("load")
    db = workdir / "store.duckdb"
    shutil.copy(sample_db, db)
    server = start_server(db, workdir)
    yield server.url
    server.stop()


def test_sessions_draw_the_overview_then_rerun_on_each_filter_change(url):
    level = load.run_sync(load.hold(url, sessions=3, duration=3.0, interval=1.0))
    assert level.errors == []
    assert len(level.first_runs) == 3
    assert len(level.reruns) >= 6  # each session changed the filter at least twice
    summary = level.summary()
    assert summary["sessions"] == 3 and summary["reruns"] == len(level.reruns)
    assert 0 < summary["rerun_p50_s"] <= summary["rerun_p95_s"] <= summary["rerun_max_s"]


def test_a_filter_change_really_changes_the_view(url):
    """The widget state the tool sends is the one the browser sends: the server answers with the period's
    figures (the running program's 2025: 3.644 of the sample) rather than the program's (8.732). The tool
    drives the Overview of a bare visit, so the default (running) program's own periods."""
    import random

    async def scenario() -> tuple[list[str], list[str]]:
        viewer = load.Viewer(url, random.Random(1))
        viewer.keep_texts = True
        try:
            await viewer.connect()
            first = list(viewer.texts)
            assert viewer.choices == ["Tất cả", "2024", "2025", "2026"]
            viewer.next_choice = viewer.choices.index("2025")
            await viewer.change_filter()
            return first, viewer.texts
        finally:
            await viewer.close()

    first, changed = load.run_sync(scenario())
    year_2025 = sum(row[2] for row in SECOND_PLAN)  # (code, 2024, 2025, 2026)
    assert any(_card("Đã đăng ký", fmt_int(SECOND_TOTAL)) in text for text in first)
    assert any(_card("Đã đăng ký", fmt_int(year_2025)) in text for text in changed) and changed != first
    assert not any(_card("Đã đăng ký", fmt_int(SECOND_TOTAL)) in text for text in changed)


def _card(label: str, value: str) -> str:
    """A metric card's label and value as the Overview writes them (ui.widgets.card)."""
    return f'<div class="sk-card-label">{label}</div><div class="sk-card-value">{value}</div>'


def test_capacity_reports_the_largest_level_within_the_goal(url):
    found = load.capacity(url, levels=(1, 2), duration=2.0, goal_s=60.0)
    assert found["sessions_capacity"] == 2
    assert [level["sessions"] for level in found["levels"]] == [1, 2]
    none = load.capacity(url, levels=(1,), duration=2.0, goal_s=0.0)
    assert none["sessions_capacity"] == 0


def test_the_command_line_refuses_other_hosts_and_bad_levels():
    for args in (
        ["--url", "http://10.0.0.1:8501", "--sessions", "1", "--duration", "1"],
        ["--url", "http://127.0.0.1:1", "--capacity", "--levels", "x"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "tools.load", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert done.returncode != 0
        assert "loopback" in done.stderr or "--levels" in done.stderr


def test_the_command_line_prints_one_json_object(url):
    done = subprocess.run(
        [sys.executable, "-m", "tools.load", "--url", url, "--sessions", "2", "--duration", "2", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["sessions"] == 2 and result["errors"] == 0 and result["reruns"] >= 1
