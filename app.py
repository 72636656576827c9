"""Entry point: page config, the shared context (store, filters, language), navigation.

Run with `streamlit run app.py`. Each page in pages/ is a short script that reads the filters from
`ui.context.current()`, asks `ui.data` for figures and draws them.
"""

from pathlib import Path

import streamlit as st

from analytics.i18n import as_lang, t
from ui.context import K_LANG, setup, write_url
from ui.widgets import inject_css

HERE = Path(__file__).parent

st.set_page_config(
    page_title=t("app.short_title", as_lang(st.session_state.get(K_LANG) or st.query_params.get("lang"))),
    page_icon=":material/emoji_objects:",
    layout="wide",
    initial_sidebar_state="expanded",
)
inject_css()
ctx = setup()

# (file, title key, icon, URL path). URL paths are part of shareable links: keep them stable.
# A flat list: the top bar shows every screen (sections would fold them into drop-downs).
SECTIONS = {
    "nav.section.analysis": [
        ("overview.py", "nav.overview", ":material/dashboard:", ""),
        ("units.py", "nav.units", ":material/leaderboard:", "units"),
        ("trends.py", "nav.trends", ":material/trending_up:", "trends"),
        ("benefit.py", "nav.benefit", ":material/savings:", "benefit"),
        ("explorer.py", "nav.explorer", ":material/table_view:", "records"),
    ],
    "nav.section.manage": [
        ("report.py", "nav.report", ":material/description:", "report"),
        ("data.py", "nav.data", ":material/upload_file:", "data"),
    ],
}
pages = [
    st.Page(
        str(HERE / "pages" / file), title=ctx.t(title), icon=icon, url_path=path or None, default=not path
    )
    for entries in SECTIONS.values()
    for file, title, icon, path in entries
    if (HERE / "pages" / file).exists()
]
page = st.navigation(pages, position="top")
page.run()
write_url(ctx)
