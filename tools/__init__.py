"""Development tooling around the engine: the benchmark and the way tests and the benchmark start the
server and Chromium. Nothing in `analytics/` imports from here."""
