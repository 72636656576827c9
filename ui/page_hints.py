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


def add_page_language(html: bytes) -> bytes:
    """`html` (Streamlit's page) with PAGE_LANGUAGE_SCRIPT and PHONE_SIDEBAR_SCRIPT first in its `<head>`;
    unchanged without one."""
    text = html.decode("utf-8")
    if "<head>" not in text:
        return html
    scripts = PAGE_LANGUAGE_SCRIPT + PHONE_SIDEBAR_SCRIPT
    return text.replace("<head>", "<head>\n    " + scripts, 1).encode("utf-8")


def prepare_page(html: bytes) -> bytes:
    """Streamlit's page as this app serves it: the page's language for the calendar, and the preloads."""
    return add_preloads(add_page_language(html))
