"""Server start-up work, so that the first visitor after a start waits no longer than the next one.

Streamlit runs app.py only when a visitor arrives: without this, the first one pays for importing the
page modules, opening the store (and building the sample into a new one), DuckDB's first reads of a
million records, the author index and Streamlit's own first-use costs (about 1.2 s at 1,000,000 records).
`app.py` runs `warm_up()` from its `st.App` lifespan, before the server answers its first request. It only
fills caches a visitor's run would fill anyway (the same functions, the same keys); a failure here is
logged and left to the first visitor's run, which reports it properly.
"""

from __future__ import annotations

import logging
import time

from analytics.filters import Filters

_LOG = logging.getLogger(__name__)

WARM_LABEL = "Tiếng Việt"  # a sidebar label, not ASCII: what makes Streamlit load its emoji catalogue
# A visit without filters in its link (ui.view_state.filters_from_state on a new session) names the default
# program (analytics.programs.default_program), so the warm cache is keyed by it.
DEFAULT_VIEW = Filters()


def default_view(options: dict) -> Filters:
    """The filters of a new session's first run: the default program, nothing else."""
    return DEFAULT_VIEW.with_(program=options.get("default_program"))


def warm_up() -> dict[str, float]:
    """Open the store and compute the default Overview and sidebar; returns the seconds each step took."""
    steps: dict[str, float] = {}
    started = time.perf_counter()

    def mark(step: str) -> None:
        nonlocal started
        now = time.perf_counter()
        steps[step] = round(now - started, 3)
        started = now

    try:
        _import_page_modules()
        mark("imports")
        from ui import data, store_handle

        store = store_handle.get_store()
        mark("store")
        version = store.data_version()
        options = store_handle.filter_options(store, store, version)
        progress = data.progress.prime(store, version, default_view(options))
        mark("figures")
        _first_chart(progress)
        mark("chart")
    except Exception:  # the first visitor's own run will meet (and report) the same problem
        _LOG.exception("warm-up stopped; the first visitor's run will do the rest")
    return steps


def _import_page_modules() -> None:
    """What every page run imports, and Streamlit's own lazily built parts the sidebar and pages use."""
    import analytics.charts  # noqa: F401  (plotly)
    import analytics.narrative  # noqa: F401
    import ui.shell  # noqa: F401  (the sidebar, the widgets)

    _load_streamlit_catalogues()


def _load_streamlit_catalogues() -> None:
    """Streamlit's emoji catalogue and pattern (0.15 s) and its Material icon names, which it loads on first use:
    for the sidebar's Vietnamese labels (an ASCII text skips the emoji catalogue, so the probe is Vietnamese)
    and the pages' icons. Also the module a new session imports to decide on its "skills" notice."""
    try:
        import streamlit.web.skills  # noqa: F401
        from streamlit.string_util import extract_leading_emoji, is_material_icon

        extract_leading_emoji(WARM_LABEL)
        is_material_icon("dashboard")
    except (ImportError, AttributeError):  # a Streamlit without these internals: nothing to warm
        pass


def _first_chart(progress) -> None:
    """Builds the Overview's chart once: Plotly loads its validators on first use."""
    from analytics import charts, narrative
    from analytics.i18n import DEFAULT_LANG

    charts.phase_bullets(
        progress.phases, progress.program, DEFAULT_LANG, narrative.phase_chart_title(progress, DEFAULT_LANG)
    ).to_json()
