"""The server's start-up work (ui.warmup, run from app.py's st.App lifespan): it fills exactly the caches the
first visitor's run reads, and never stops the server when it cannot."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from analytics import metrics
from tests.app.apptest import metric_values, run_app
from tests.conftest import ROOT
from ui import data as ui_data
from ui import store_handle
from ui.warmup import warm_period_views, warm_up


def counting(monkeypatch, name: str) -> list[int]:
    """Counts the calls of metrics.<name> made through ui.data (the pages' only way to the metrics)."""
    calls: list[int] = []
    query = getattr(ui_data, name)
    inner = query.function

    def counted(*args, **kwargs):
        calls.append(1)
        return inner(*args, **kwargs)

    monkeypatch.setattr(query, "function", counted)
    return calls


def test_the_first_visitor_after_the_warm_up_gets_the_overview_from_the_cache(monkeypatch, sample_copy: Path):
    monkeypatch.setenv("SANGKIEN_DB", str(sample_copy))
    calls = counting(monkeypatch, "progress")

    steps = warm_up()

    assert set(steps) == {"imports", "store", "figures", "chart"}
    assert len(calls) == 1
    at = run_app(monkeypatch, sample_copy)
    assert ("Đã đăng ký", "8.732") in metric_values(at)  # a bare visit: the running program
    assert len(calls) == 1, "the first visitor's Overview computed the figures again"


def test_after_the_warm_up_each_periods_overview_and_its_quality_headline_are_cached(
    monkeypatch, sample_copy: Path
):
    # The headline counts duplicate pairs and implausible benefits in view: seconds per view at a million
    # records, paid after start-up by one low-priority thread instead of by each period's first viewer.
    monkeypatch.setenv("SANGKIEN_DB", str(sample_copy))
    warm_up()
    assert not metrics.author_parts_current(store_handle.get_store())  # never built in the sample's store
    headlines = counting(monkeypatch, "quality_headlines")
    progress = counting(monkeypatch, "progress")

    thread = warm_period_views()
    assert thread is not None
    thread.join(120)

    assert not thread.is_alive()
    assert len(headlines) == 4  # the running program (the sample's DMST) and each of its three years
    assert metrics.author_parts_current(store_handle.get_store())  # the Benefit page's author parts
    assert len(progress) == 3  # the program's was cached by warm_up
    at = run_app(monkeypatch, sample_copy, phase="2025")
    assert at.markdown and metric_values(at)
    assert len(headlines) == 4 and len(progress) == 3, "a period's first viewer computed its Overview again"


def test_a_store_that_cannot_be_opened_stops_the_warm_up_not_the_server(monkeypatch, tmp_path: Path, caplog):
    broken = tmp_path / "not-a-store.duckdb"
    broken.write_text("này không phải là một tệp DuckDB\n" * 100)
    monkeypatch.setenv("SANGKIEN_DB", str(broken))

    steps = warm_up()

    assert "imports" in steps and "figures" not in steps
    assert "warm-up stopped" in caplog.text
    assert broken.read_text().startswith("này không phải")  # left as it was


def test_streamlit_run_serves_app_py_with_the_warm_up():
    """`streamlit run app.py` serves an st.App found in the file; it must be the one with the lifespan."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(ROOT / "app.py")
    assert found.is_asgi_app and found.import_string == "app:app"
    tree = ast.parse((ROOT / "app.py").read_text())
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and ast.unparse(n.func) == "st.App"]
    assert [kw.arg for kw in calls[0].keywords] == [
        "lifespan",
        "routes",
        "middleware",
    ]  # ui.api_mount, ui.gate, ui.compression


def test_the_warm_up_loads_streamlits_emoji_and_icon_catalogues_a_first_run_would_load():
    """Streamlit loads them on first use (0.15 s), but only for a non-ASCII label: the warm-up must really
    trigger it, in a fresh interpreter where nothing else has."""
    probe = (
        "import sys\n"
        "names = ('streamlit.emojis', 'streamlit.material_icon_names')\n"
        "from ui import warmup\n"
        "before = [n in sys.modules for n in names]\n"
        "warmup._load_streamlit_catalogues()\n"
        "print(before, [n in sys.modules for n in names])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[False, False] [True, True]"
