"""Entry point and router: page config, the shell (ui.shell), navigation. `streamlit run app.py`.

`main()` is the script Streamlit runs for every visitor: it sets up the run's context and the shared
sidebar, then runs the page; each page in pages/ is a short script that reads the context with
`ui.context.current()`, asks `ui.data` for figures and draws them.

`streamlit run app.py` finds the `st.App` below and serves it (Streamlit's own server, started through
uvicorn); its start-up (`ui.warmup`) opens the store and computes the default view before the first request
is answered, so the first visitor after a start waits no longer than the next one, and starts the daily
snapshot; its shutdown checkpoints and closes the store. `ui.gate` sets which address the server trusts
(`SANGKIEN_TRUSTED_PROXIES`) and refuses uploads from sessions without the analyst role; `ui.api_mount`
adds the HTTP API under `/api/v1`.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

from ui import legacy_pages

HERE = Path(__file__).parent
FAVICON = HERE / "ui" / "static" / "favicon.png"

# (file, title key, icon, URL path). URL paths are part of shareable links: keep them stable, and equal to
# the file names (Streamlit's legacy router, see ui.legacy_pages, looks pages up by file).
# A flat list: the top bar shows every screen (sections would fold them into drop-downs).
SCREENS = [
    ("overview.py", "nav.overview", ":material/dashboard:", ""),
    ("units.py", "nav.units", ":material/leaderboard:", "units"),
    ("trends.py", "nav.trends", ":material/trending_up:", "trends"),
    ("benefit.py", "nav.benefit", ":material/savings:", "benefit"),
    ("quality.py", "nav.quality", ":material/fact_check:", "quality"),
    ("records.py", "nav.explorer", ":material/table_view:", "records"),
    ("report.py", "nav.report", ":material/description:", "report"),
    ("data.py", "nav.data", ":material/upload_file:", "data"),
]


def main() -> None:
    """One visitor's run: page config, the shell, the navigation, the page."""
    from analytics.i18n import t
    from ui import present, view_state
    from ui.shell import setup
    from ui.store_handle import release_snapshot

    legacy_pages.leave_if_active()
    lang = view_state.page_language()
    st.set_page_config(
        page_title=t("app.short_title", lang),
        page_icon=str(FAVICON),  # served by the app itself (a :material: icon is fetched from a font server)
        layout="wide",
        # "auto": open on a wide screen, closed on a phone; the projector shows no sidebar at all
        initial_sidebar_state="collapsed" if present.presenting() else "auto",
    )
    ctx = setup()
    pages = [
        st.Page(
            str(HERE / "pages" / file),
            title=t(title, lang),
            icon=icon,
            url_path=path or None,
            default=not path,
        )
        for file, title, icon, path in SCREENS
        if (HERE / "pages" / file).exists()
    ]
    page = st.navigation(pages, position="top")
    view_state.remember_page()
    view_state.write_url(ctx.filters, ctx.lang, ctx.options)
    try:
        page.run()
        present.keep_current(ctx.store, pages, page)
    finally:
        release_snapshot()  # end the run's read transaction, even when the page stops or reruns


@asynccontextmanager
async def warm_server(_app: object) -> AsyncIterator[None]:
    """Server start-up: the first visitor's costs paid before the first request is answered, and the daily
    snapshot started. Shutdown (SIGTERM, Ctrl+C): every store checkpointed and closed."""
    from ui import api_mount, store_handle
    from ui.warmup import warm_period_views, warm_up

    await asyncio.to_thread(warm_up)
    warm_period_views()  # in a thread of its own: the server answers meanwhile
    store_handle.start_background()
    try:
        yield
    finally:
        await asyncio.to_thread(api_mount.flush)  # the API's audit rows still queued
        await asyncio.to_thread(store_handle.close_all)


if __name__ == "__main__":  # Streamlit runs the entry script as __main__ for every visitor (and AppTest)
    main()
else:  # `streamlit run app.py` imports this module to find the server it serves
    from starlette.middleware import Middleware

    from ui import api_mount, event_batching, gate
    from ui.compression import CompressedAssets

    legacy_pages.opt_out()  # before any session: this app routes with st.navigation
    event_batching.install()  # one wake-up of the event loop for many script messages (ui/event_batching.py)
    gate.trust_proxies()  # before uvicorn wraps the app in its proxy-header handling
    # Outermost first: UploadGate refuses a non-analyst's upload before anything reads it (ui/gate.py);
    # CompressedAssets sends Streamlit's page and bundles in br or gzip, each compressed once (ui/compression.py).
    app = st.App(
        __file__,
        lifespan=warm_server,
        routes=api_mount.routes(),  # the HTTP API under /api/v1 (analytics.api, README section API)
        middleware=[Middleware(gate.UploadGate), Middleware(CompressedAssets)],
    )
