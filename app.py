"""Entry point: page config, the shared context (store, filters, language), navigation.

Run with `streamlit run app.py`. Each page in pages/ is a short script that reads the filters from
`ui.context.current()`, asks `ui.data` for figures and draws them.
"""

import streamlit as st

from analytics.i18n import as_lang, t
from ui.context import K_LANG, setup, write_url
from ui.widgets import inject_css

st.set_page_config(
    page_title=t("app.short_title", as_lang(st.session_state.get(K_LANG) or st.query_params.get("lang"))),
    page_icon=":material/emoji_objects:",
    layout="wide",
    initial_sidebar_state="expanded",
)

inject_css()
ctx = setup()
PAGES = {
    ctx.t("nav.section.analysis"): [
        st.Page("pages/overview.py", title=ctx.t("nav.overview"), icon=":material/dashboard:", default=True),
    ],
}
page = st.navigation(PAGES, position="top")
page.run()
write_url(ctx)
