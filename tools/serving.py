"""How the project starts its own server and Debian's Chromium, for the benchmark and the browser tests: one
command line and one set of browser flags, so that what is measured is what is tested."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's package; never a browser downloaded by a tool
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


def streamlit_command(port: int, *options: str) -> list[str]:
    """`streamlit run app.py` headless on 127.0.0.1:`port`, with any further `--section.option value` pairs."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.headless",
        "true",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        *options,
    ]
