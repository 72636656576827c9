"""The command line's client of a running server's API (`--server URL` with a token): urllib only, so the
command line needs nothing more than the app does."""

from __future__ import annotations

import json
import mimetypes
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

PREFIX = "/api/v1"


class ClientError(Exception):
    """The server could not be reached (or did not answer JSON): `detail` says why."""

    def __init__(self, url: str, detail: str) -> None:
        super().__init__(f"{url}: {detail}")
        self.url, self.detail = url, detail


class Client:
    def __init__(self, server: str, token: str | None, timeout: float = 3600.0) -> None:
        self.base = server.rstrip("/")
        if self.base.endswith(PREFIX):
            self.base = self.base[: -len(PREFIX)]
        self.token = token
        self.timeout = timeout

    def _send(self, method: str, path: str, query: Mapping[str, Any] | None = None, body: bytes | None = None,
              content_type: str | None = None) -> tuple[int, Any]:  # fmt: skip
        url = self.base + PREFIX + path
        if query:
            url += "?" + urllib.parse.urlencode(
                [
                    (k, v)
                    for k, vs in query.items()
                    for v in (vs if isinstance(vs, list | tuple) else [vs])
                    if v is not None
                ]  # fmt: skip
            )
        request = urllib.request.Request(url, data=body, method=method)
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        if content_type:
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                status, raw = answer.status, answer.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except (urllib.error.URLError, OSError) as exc:
            raise ClientError(self.base, str(getattr(exc, "reason", exc))) from None
        try:
            return status, json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise ClientError(self.base, f"HTTP {status}: {raw[:200]!r}") from None

    def summary(self, params: Mapping[str, Any]) -> tuple[int, Any]:
        return self._send("GET", "/summary", params)

    def import_file(
        self, path: str | Path, fields: Iterable[tuple[str, str]], lang: str = "vi"
    ) -> tuple[int, Any]:
        """POST /imports with the file and its form fields (mode, program, unit..., dry_run)."""
        path = Path(path)
        boundary = "----sangkien" + secrets.token_hex(12)
        parts: list[bytes] = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            )
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        quoted = urllib.parse.quote(path.name)
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{quoted}"\r\n'
                f"Content-Type: {kind}\r\n\r\n"
            ).encode()
            + path.read_bytes()
            + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        return self._send(
            "POST", "/imports", {"lang": lang}, b"".join(parts), f"multipart/form-data; boundary={boundary}"
        )

    def undo(self, import_id: int, lang: str = "vi") -> tuple[int, Any]:
        return self._send("POST", f"/imports/{int(import_id)}/undo", {"lang": lang}, b"")
