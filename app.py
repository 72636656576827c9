"""Entry point: page config and navigation. `streamlit run app.py`.

`setup()` opens the store and draws the shared sidebar filters (kept in the URL); each page in pages/ is a
short script that reads them with `ui.context.current()`, asks `ui.data` for figures and draws them.
"""

from pathlib import Path

import streamlit as st

from analytics.i18n import t
from ui.context import (
    leave_legacy_multipage_mode,
    page_language,
    release_snapshot,
    remember_page,
    setup,
    write_url,
)

HERE = Path(__file__).parent
leave_legacy_multipage_mode()
lang = page_language()
st.set_page_config(
    page_title=t("app.short_title", lang),
    page_icon=":material/emoji_objects:",
    layout="wide",
    initial_sidebar_state="expanded",
)

ctx = setup()

# (file, title key, icon, URL path). URL paths are part of shareable links: keep them stable, and equal to
# the file names (Streamlit's legacy first run, see ui.context.leave_legacy_multipage_mode, looks pages up by file).
# A flat list: the top bar shows every screen (sections would fold them into drop-downs).
SCREENS = [
    ("overview.py", "nav.overview", ":material/dashboard:", ""),
    ("units.py", "nav.units", ":material/leaderboard:", "units"),
    ("trends.py", "nav.trends", ":material/trending_up:", "trends"),
    ("benefit.py", "nav.benefit", ":material/savings:", "benefit"),
    ("records.py", "nav.explorer", ":material/table_view:", "records"),
    ("report.py", "nav.report", ":material/description:", "report"),
    ("data.py", "nav.data", ":material/upload_file:", "data"),
]
pages = [
    st.Page(
        str(HERE / "pages" / file), title=t(title, lang), icon=icon, url_path=path or None, default=not path
    )
    for file, title, icon, path in SCREENS
    if (HERE / "pages" / file).exists()
]
page = st.navigation(pages, position="top")
remember_page()
write_url(ctx)
try:
    page.run()
finally:
    release_snapshot()  # end the run's read transaction, even when the page stops or reruns
