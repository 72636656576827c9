"""Preload hints for the code the first screen needs, added to Streamlit's page (index.html) as it is served.

Streamlit's page preloads its main bundle's modules, and its code for each kind of element is fetched when
that element first arrives over the websocket. On a network with latency, that is a second wave of
requests after the session has started, behind the six connections a browser opens to one server: the
cards (HTML Markdown needs `rehype-raw` and `Html`) and the sidebar's widgets (segmented control,
multiselect, date input, button) waited for it (0.8 s at 150 ms latency, 1.5 s on "Slow 4G").

`add_preloads` names those modules (and the modules they import) in `<link rel="modulepreload">` tags, in
the order the first screen needs them, so the browser fetches them with the main bundle. Plotly's 4.7 MB
chunk is deliberately not preloaded: on a slow network it would share the bandwidth with the modules the
figures need; it is fetched when the first chart arrives, after the cards.

The module files come from Streamlit's build manifest (`static/manifest.json`, their names are content
hashed); a name this Streamlit does not have is skipped (a test checks every name resolves with the pinned
version).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from analytics.i18n import has_key, t

# Modules (the build's chunk names) the first screen needs, in the order it needs them: the cards' HTML
# Markdown, then the sidebar's widgets.
FIRST_SCREEN = ("rehype-raw", "Html", "ButtonGroup", "Multiselect", "DateInput", "Button")


def static_dir() -> Path:
    from streamlit import file_util

    return Path(file_util.get_static_dir())


@lru_cache(maxsize=4)
def first_screen_files(directory: str, names: tuple[str, ...] = FIRST_SCREEN) -> tuple[str, ...]:
    """The files (`static/js/...`) of `names` and every module they import, dependencies first, each once;
    empty when the manifest cannot be read."""
    try:
        manifest = json.loads((Path(directory) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    by_name = {entry.get("name"): key for key, entry in manifest.items() if entry.get("isDynamicEntry")}
    ordered: list[str] = []
    seen: set[str] = set()

    def visit(key: str) -> None:
        if key in seen or key not in manifest or manifest[key].get("isEntry"):
            return
        seen.add(key)
        for dependency in manifest[key].get("imports", []):
            visit(dependency)
        ordered.append(manifest[key]["file"])

    for name in names:
        if name in by_name:
            visit(by_name[name])
    return tuple(ordered)


def add_preloads(html: bytes, directory: str | None = None) -> bytes:
    """`html` (Streamlit's page) with a modulepreload tag for each first-screen module it does not already
    name, before `</head>`; unchanged when it has no `</head>`."""
    files = first_screen_files(directory or str(static_dir()))
    text = html.decode("utf-8")
    if "</head>" not in text:
        return html
    named = set(re.findall(r'href="\./(static/js/[^"]+)"', text)) | set(
        re.findall(r'src="\./(static/js/[^"]+)"', text)
    )
    tags = "".join(
        f'    <link rel="modulepreload" crossorigin fetchpriority="low" href="./{file}">\n'
        for file in files
        if file not in named
    )
    return text.replace("</head>", tags + "  </head>", 1).encode("utf-8")


# Streamlit's calendar and its date fields take their language from the browser (`navigator.language`),
# whatever the page's. Before Streamlit's code runs, this names the page's language instead: the `lang` of
# the link (`?lang=en`, written by ui.view_state whenever English is chosen), Vietnamese otherwise, so the
# calendar's months and weekdays are the page's words. Read on every call, so a language switch is followed.
PAGE_LANGUAGE_SCRIPT = (
    "<script>(function(){"
    "function tag(){return new URLSearchParams(location.search).get('lang')==='en'?'en-GB':'vi-VN';}"
    "try{Object.defineProperty(Navigator.prototype,'language',{configurable:true,get:tag});"
    "Object.defineProperty(Navigator.prototype,'languages',{configurable:true,get:function(){return [tag()];}});"
    "}catch(e){}"
    "document.documentElement.lang=tag().slice(0,2);"
    "})();</script>"
)


# On a phone (<= 640 px) the sidebar covers the page: Streamlit opens it closed there
# (initial_sidebar_state="auto"), and this closes it again once a choice is made in it (an option of its
# lists, a button of its switches, Enter in one of its fields), so the person sees the figures they chose.
# And a date typed in a date field applies on Enter: Streamlit's field applies it on a press outside it,
# which Enter now stands for.
PHONE_SIDEBAR_SCRIPT = (
    "<script>(function(){"
    "var phone=function(){return window.matchMedia('(max-width: 640px)').matches;};"
    "var open=function(){var b=document.querySelector('[data-testid=\"stSidebarCollapseButton\"] button');"
    "return !!b&&b.getAttribute('aria-expanded')==='true';};"
    "var close=function(){setTimeout(function(){if(!open())return;"
    "var b=document.querySelector('[data-testid=\"stSidebarCollapseButton\"] button');if(b)b.click();},400);};"
    "document.addEventListener('click',function(e){if(!phone()||!open()||!e.target.closest)return;"
    'if(e.target.closest(\'[role="option"]\')||e.target.closest(\'[data-testid="stSidebar"] '
    '[data-testid="stButtonGroup"] button, [data-testid="stSidebar"] [data-testid="stButton"] button\'))'
    "close();},true);"
    "document.addEventListener('keydown',function(e){if(e.key!=='Enter'||!e.target.closest)return;"
    "var date=e.target.closest('[data-testid=\"stDateInput\"]');"
    "if(date){var o={bubbles:true,cancelable:true,pointerId:1,pointerType:'mouse',isPrimary:true,button:0};"
    "var m=document.querySelector('[data-testid=\"stMain\"]')||document.body;"
    "['pointerdown','mousedown','pointerup','mouseup'].forEach(function(k){"
    "m.dispatchEvent(k.indexOf('pointer')===0?new PointerEvent(k,o):new MouseEvent(k,o));});}"
    "if(phone()&&open()&&e.target.closest('[data-testid=\"stSidebar\"]'))close();},true);"
    "})();</script>"
)


# Streamlit's own texts that no stylesheet reaches (ui.widgets.STREAMLIT_TEXTS draws the visible ones): the
# aria-labels and tooltips of its sidebar button, table toolbar and column menu, main menu, multiselect and
# calendar, which its bundle has in English only. (The English text, its catalogue key): a `{name}` in the
# English text stands for any text (a number for `{n}`) and is carried into the catalogue's words. The first
# text that matches wins, so a longer pattern comes before a shorter one it contains.
STREAMLIT_LABELS: tuple[tuple[str, str], ...] = (
    ("Collapse sidebar", "st.collapse_sidebar"),
    ("Expand sidebar", "st.expand_sidebar"),
    ("Sidebar", "st.sidebar"),
    ("Main menu", "st.main_menu"),
    ("Help for {label}", "st.help_for"),
    ("Help", "st.help"),
    ("Link to heading", "st.heading_link"),
    ("Choose an option", "st.choose_option"),
    ("Rerun", "st.rerun"),
    ("Settings", "st.settings"),
    ("Print", "st.print"),
    ("Record screen", "st.record_screen"),
    ("Stop recording", "st.stop_recording"),
    ("Cancel recording", "st.cancel_recording"),
    ("Made with Streamlit v", "st.made_with"),
    ("About", "st.about"),
    ("Clear cache", "st.clear_cache"),
    ("App pages", "st.app_pages"),
    ("Running...", "st.running"),
    ("Close", "st.close"),
    ("Pagination", "st.pagination"),
    ("Previous page", "st.previous_page"),
    ("Next page", "st.next_page"),
    ("Page {n}", "st.page_n"),
    ("file upload", "st.file_upload"),
    ("Add row", "st.add_row"),
    ("Delete row(s)", "st.delete_rows"),
    ("Copy to clipboard", "st.copy"),
    ("Download as CSV", "st.download_csv"),
    ("Search", "st.search"),
    ("Close Search", "st.close_search"),
    ("Next Result", "st.next_result"),
    ("Previous Result", "st.previous_result"),
    ("Fullscreen", "st.fullscreen"),
    ("Close fullscreen", "st.close_fullscreen"),
    ("Show/hide columns", "st.show_hide_columns"),
    ("Dataframe column menu", "st.column_menu"),
    ("Sort ascending", "st.sort_ascending"),
    ("Sort descending", "st.sort_descending"),
    ("Pin column", "st.pin_column"),
    ("Unpin column", "st.unpin_column"),
    ("Hide column", "st.hide_column"),
    ("Autosize", "st.autosize"),
    ("Format", "st.format"),
    ("Copy column name", "st.copy_column_name"),
    ("Select all", "st.select_all"),
    ("Select {n} matches", "st.select_matches"),
    ("Clear all", "st.clear_all"),
    ("Remove {item}", "st.remove"),
    ("Selected values", "st.selected_values"),
    ("Multiselect options", "st.multiselect_options"),
    ("Open", "st.open"),
    ("Clear value", "st.clear_value"),
    ("Choose date", "st.choose_date"),
    ("Choose date range", "st.choose_date_range"),
    ("Clear date", "st.clear_date"),
    ("Clear dates", "st.clear_dates"),
    ("Previous month", "st.previous_month"),
    ("Next month", "st.next_month"),
    ("Previous", "st.previous"),
    ("Next", "st.next"),
    ("Today, {date} selected", "st.today_selected"),
    ("Today, {date}", "st.today"),
    ("Selected Date: {date}", "st.selected_date"),
    ("Selected Range: {range}", "st.selected_range"),
    ("{date} selected", "st.date_selected"),
    ("First available date", "st.first_date"),
    ("Last available date", "st.last_date"),
    ("Click to start selecting date range", "st.range_start"),
    ("Click to finish selecting date range", "st.range_finish"),
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def label_rules(lang: str = "vi") -> list[list[str | bool]]:
    """STREAMLIT_LABELS for the browser: [a whole-text regular expression, the text in `lang` with `$1`,
    `$2`... where the English text's placeholders were, whether it applies to a text on screen too]. A
    pattern that takes any text (a date, an item) applies to attributes only, so no text of the data on
    screen ("… selected") can ever match it."""
    rules = []
    for english, key in STREAMLIT_LABELS:
        names = _PLACEHOLDER.findall(english)
        parts = _PLACEHOLDER.split(english)
        pattern = "".join(
            re.escape(part) if i % 2 == 0 else (r"(\d+)" if part == "n" else "(.+)")
            for i, part in enumerate(parts)
        )
        words = (
            t(key, lang, **{name: f"${i}" for i, name in enumerate(names, 1)}) if has_key(key) else english
        )
        rules.append(["^" + pattern + "$", words, all(name == "n" for name in names)])
    return rules


# In the Vietnamese page (no `lang=en` in the link), Streamlit's texts of STREAMLIT_LABELS in its attributes
# (aria-label, title, placeholder, data-title) and in its own text (tooltips, menu items, list options), as they appear;
# text the app writes (Markdown, tables, charts, fields) is never touched, except the whole text of a
# tooltip (Streamlit writes its toolbar's tooltips as Markdown). An attribute the calendar joins from
# parts ("Choose date, tháng 6 năm 2026", "…, Last available date") has its known parts translated.
_TRANSLATE_SCRIPT = """<script>(function(){
if(new URLSearchParams(location.search).get('lang')==='en')return;
var R=%s.map(function(r){return [new RegExp(r[0]),r[1],r[2]];});
var A=['aria-label','title','placeholder','data-title'];
var SKIP='[data-testid="stMarkdownContainer"],.js-plotly-plot,table,textarea,input,[contenteditable]';
var TIP='[data-testid="stTooltipContent"]';
function one(v,t){for(var i=0;i<R.length;i++){if((!t||R[i][2])&&R[i][0].test(v))return v.replace(R[i][0],R[i][1]);}return null;}
function tr(s,t){if(!s)return null;var v=s.trim();var w=one(v,t);if(w!==null||t||v.indexOf(', ')<0)return w;
var parts=v.split(', '),hit=false;for(var i=0;i<parts.length;i++){var p=one(parts[i],true);if(p!==null){parts[i]=p;hit=true;}}
return hit?parts.join(', '):null;}
function el(e){for(var i=0;i<A.length;i++){var v=e.getAttribute(A[i]);var w=tr(v);if(w!==null&&w!==v)e.setAttribute(A[i],w);}}
function txt(n){var p=n.parentElement;if(!p||(p.closest(SKIP)&&!p.closest(TIP)))return;var w=tr(n.data,true);if(w!==null&&w!==n.data.trim())n.data=w;}
function walk(root){if(root.nodeType===3){txt(root);return;}if(root.nodeType!==1)return;el(root);
var all=root.querySelectorAll('[aria-label],[title],[placeholder],[data-title]');for(var i=0;i<all.length;i++)el(all[i]);
var it=document.createTreeWalker(root,NodeFilter.SHOW_TEXT);var n;while((n=it.nextNode()))txt(n);}
new MutationObserver(function(ms){for(var i=0;i<ms.length;i++){var m=ms[i];
if(m.type==='attributes')el(m.target);else if(m.type==='characterData')txt(m.target);
else for(var j=0;j<m.addedNodes.length;j++)walk(m.addedNodes[j]);}})
.observe(document.documentElement,{subtree:true,childList:true,characterData:true,attributes:true,attributeFilter:A});
})();</script>"""


@lru_cache(maxsize=1)
def translate_script() -> str:
    """The script that writes Streamlit's STREAMLIT_LABELS in Vietnamese (see _TRANSLATE_SCRIPT)."""
    rules = json.dumps(label_rules("vi"), ensure_ascii=False).replace("</", "<\\/")
    return _TRANSLATE_SCRIPT % rules


def add_page_language(html: bytes) -> bytes:
    """`html` (Streamlit's page) with PAGE_LANGUAGE_SCRIPT, PHONE_SIDEBAR_SCRIPT and the translation of
    Streamlit's labels first in its `<head>`; unchanged without one."""
    text = html.decode("utf-8")
    if "<head>" not in text:
        return html
    scripts = PAGE_LANGUAGE_SCRIPT + PHONE_SIDEBAR_SCRIPT + translate_script()
    return text.replace("<head>", "<head>\n    " + scripts, 1).encode("utf-8")


def prepare_page(html: bytes) -> bytes:
    """Streamlit's page as this app serves it: the page's language for the calendar, and the preloads."""
    return add_preloads(add_page_language(html))
