"""Server start-up work, so that the first visitor after a start waits no longer than the next one.

Streamlit runs app.py only when a visitor arrives: without this, the first one pays for importing the
page modules, opening the store (and building the sample into a new one), DuckDB's first reads of a
million records, the author index and Streamlit's own first-use costs (about 1.2 s at 1,000,000 records).
`app.py` runs `warm_up()` from its `st.App` lifespan, before the server answers its first request. It only
fills caches a visitor's run would fill anyway (the same functions, the same keys); a failure here is
logged and left to the first visitor's run, which reports it properly.
"""

from __future__ import annotations

import gc
import logging
import threading
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
        _first_view(store, version, default_view(options), progress)
        mark("chart")
    except Exception:  # the first visitor's own run will meet (and report) the same problem
        _LOG.exception("warm-up stopped; the first visitor's run will do the rest")
    _freeze_startup_objects()
    return steps


def warm_period_views() -> threading.Thread | None:
    """After start-up (app.py's lifespan, once `warm_up` is done), in one thread of its own: the Overview's
    quality headline for the default view, then the default program's views one period at a time (what the
    sidebar's period filter offers) with their figures, chart, summary and tier table. The headline counts
    the duplicate pairs and implausible benefits in view: seconds per view at a million records, paid once
    per data version here rather than by the first viewer of each period (and by every viewer waiting behind
    that one). Not at a low CPU priority: a viewer of a view being warmed waits for this thread's result."""
    from ui import data, store_handle

    try:
        store = store_handle.get_store()
        version = store.data_version()
        view = default_view(store_handle.filter_options(store, store, version))
        periods = [int(n) for n in data.progress.prime(store, version, view).phases["phase"]]
    except Exception:  # warm_up has logged it; the viewers' runs report it
        return None
    thread = threading.Thread(
        target=_warm_views,
        args=(store, version, [view, *(view.with_(phase=n) for n in periods)]),
        name="warm-views",
        daemon=True,
    )
    thread.start()
    return thread


def _warm_views(store, version: int, views: list[Filters]) -> None:
    from analytics import metrics
    from ui import data

    started = time.perf_counter()
    try:
        metrics.store_author_parts(store)  # the Benefit page's author table, if not built for this version
        metrics.store_day_counts(store)  # the progress and daily counts of views without field or status
        metrics.keep_largest(store)  # the Benefit page's largest initiatives and authors owed most
        for k, view in enumerate(views):
            progress = data.progress.prime(store, version, view)
            if k:
                _first_view(store, version, view, progress)
            data.quality_headlines.prime(store, version, view)
        _LOG.info("%d views warmed in %.1f s", len(views), time.perf_counter() - started)
    except Exception:  # a viewer's own run meets (and reports) the same problem
        _LOG.exception("warming the period views stopped; their first viewers' runs will do the rest")


def _freeze_startup_objects() -> None:
    """Move every object alive after start-up (modules, Plotly's validators, pandas, Streamlit) out of the
    garbage collector's way: they live as long as the process, and a full collection scanning them cost
    40-100 ms, paid by whichever rerun triggered it (README, Performance)."""
    gc.collect()
    gc.freeze()


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


def _first_view(store, version: int, view: Filters, progress) -> None:
    """The default Overview's chart (Plotly loads its validators on first use), summary and tier table, into
    the caches its first visitor's run reads (the same arguments as pages/overview.py passes)."""
    from analytics import metrics
    from analytics.i18n import DEFAULT_LANG
    from ui import data, tiers

    program = metrics.program_of(store, view)
    periods = [int(n) for n in progress.phases["phase"]]
    labels = tuple((n, program.period_label(n, DEFAULT_LANG)) for n in periods)
    data.phase_chart.prime(store, version, view, DEFAULT_LANG, labels).to_json()
    data.summary_paragraphs.prime(store, version, view, DEFAULT_LANG)
    if periods:
        tiers.view_tier_table.prime(store, version, view, DEFAULT_LANG, str(periods[0]))
