"""A Streamlit client that speaks the wire protocol itself (no browser): what a forger would use.

The browser and the server exchange protocol-buffer messages on one websocket (`/_stcore/stream`): the
browser sends `BackMsg.rerun_script` with the query string, the page and the state of every widget (a
button click is a `trigger_value` on the button's widget id); the server runs the script and streams
`ForwardMsg`s back (a new session with its id, the elements drawn, script finished). Files are uploaded
by HTTP PUT to the URL the server hands out for the session (`BackMsg.file_urls_request`).

`WireSession` does exactly that, so a test can send what the page never offered: widget states for write
controls a viewer was never shown, with ids learned from an analyst's session (ids are derived from each
widget's key and parameters, the same in every session of the same app).
"""

from __future__ import annotations

import time
import urllib.request
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


@dataclass
class Widget:
    kind: str  # the element's proto field: button, file_uploader, text_input, arrow_data_frame, ...
    id: str
    label: str


@dataclass
class Run:
    """What one script run drew: widgets, texts (markdown, metric cards included, alerts) and whether it finished cleanly."""

    widgets: list[Widget] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    finished: bool = False

    def widget(self, kind: str, key: str | None = None, label: str | None = None) -> Widget:
        for w in self.widgets:
            if (
                w.kind == kind
                and (key is None or w.id.endswith("-" + key))
                and (label is None or label in w.label)
            ):
                return w
        raise LookupError(
            f"no {kind} {key or label!r} among {[(w.kind, w.id[-30:], w.label[:30]) for w in self.widgets]}"
        )

    def has(self, kind: str, key: str | None = None, label: str | None = None) -> bool:
        try:
            self.widget(kind, key, label)
        except LookupError:
            return False
        return True

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


class WireSession:
    """One session on the server, driven through the websocket protocol."""

    def __init__(self, base_url: str, headers: dict[str, str] | None = None) -> None:
        """`headers` go with the websocket's opening request (a forged `X-Forwarded-For`, say)."""
        self.base_url = base_url
        self._stack = ExitStack()
        url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        self.ws = self._stack.enter_context(
            connect(
                url, subprotocols=["streamlit"], max_size=None, open_timeout=30, additional_headers=headers
            )
        )
        self.session_id: str | None = None
        self.pages: dict[str, str] = {}  # url path -> page script hash

    def close(self) -> None:
        self._stack.close()

    def rerun(self, page: str = "", query: str = "", states: list | None = None, timeout: float = 120) -> Run:
        """Ask for a script run of `page` (URL path, "" = Overview) with these widget states; collect it."""
        msg = BackMsg()
        client = msg.rerun_script
        client.query_string = query
        client.page_name = page  # the URL path, as the browser sends it; the server resolves the page
        for state in states or []:
            client.widget_states.widgets.append(state)
        self.ws.send(msg.SerializeToString())
        return self._collect(timeout)

    def _collect(self, timeout: float) -> Run:
        run = Run()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            raw = self.ws.recv(timeout=max(deadline - time.monotonic(), 0.1))
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                init = msg.new_session
                self.session_id = init.initialize.session_id or self.session_id
                for page in init.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
            elif kind == "delta":
                self._element(msg.delta, run)
            elif kind == "script_finished":
                # 0 = finished successfully; a rerun request (st.rerun) finishes the first run and starts another
                status = msg.script_finished
                if status in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR):
                    run.finished = True
                    return run
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                run.finished = True
                return run
        raise TimeoutError("the script run did not finish")

    @staticmethod
    def _element(delta, run: Run) -> None:
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind is None:
            return
        body = getattr(element, kind)
        if kind == "exception":
            run.exceptions.append(f"{body.type}: {body.message}")
            return
        if kind in ("markdown", "alert", "heading"):
            run.texts.append(body.body)
        widget_id = getattr(body, "id", "")
        if widget_id:
            run.widgets.append(Widget(kind, widget_id, getattr(body, "label", "")))

    # --- widget states --------------------------------------------------------------------------------

    @staticmethod
    def trigger(widget_id: str):
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        return WidgetState(id=widget_id, trigger_value=True)

    @staticmethod
    def string(widget_id: str, value: str):
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        return WidgetState(id=widget_id, string_value=value)

    def _xsrf_token(self) -> str:
        """The XSRF cookie the server gives any visitor of its page (uploads must echo it in a header, as the
        browser does): anyone can get one, so it protects against other sites, not against a forger."""
        with urllib.request.urlopen(self.base_url + "/_stcore/health", timeout=30) as answer:
            for header in answer.headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                if name.strip() == "_streamlit_xsrf":
                    return rest.split(";", 1)[0]
        raise LookupError("no XSRF cookie")

    def upload_urls(self, name: str):
        """The upload URLs the server hands this session for one file (as the browser asks for them)."""
        request = BackMsg()
        request.file_urls_request.request_id = uuid.uuid4().hex
        request.file_urls_request.file_names.append(name)
        request.file_urls_request.session_id = self.session_id or ""
        self.ws.send(request.SerializeToString())
        urls = None
        deadline = time.monotonic() + 30
        while urls is None and time.monotonic() < deadline:
            msg = ForwardMsg()
            msg.ParseFromString(self.ws.recv(timeout=30))
            if msg.WhichOneof("type") == "file_urls_response":
                urls = msg.file_urls_response.file_urls[0]
        if urls is None:
            raise TimeoutError("no upload URL")
        return urls

    def put_file(self, urls, name: str, data: bytes, mime: str = "text/csv") -> int:
        """PUT the file to its upload URL as the browser does; the HTTP status (the server may answer before
        reading the body and close the connection: the status is still read back)."""
        import http.client
        from urllib.parse import urlsplit

        boundary = uuid.uuid4().hex
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            f"Content-Type: {mime}\r\n\r\n"
        ).encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        url = urls.upload_url if urls.upload_url.startswith("http") else self.base_url + urls.upload_url
        parts = urlsplit(url)
        token = self._xsrf_token()
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        try:
            connection.putrequest("PUT", parts.path)
            for key, value in {
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Content-Length": str(len(head) + len(data) + len(tail)),
                "X-Xsrftoken": token,
                "Cookie": f"_streamlit_xsrf={token}",
            }.items():
                connection.putheader(key, value)
            connection.endheaders()
            try:
                connection.send(head)
                view = memoryview(data)
                for start in range(0, len(data), 1 << 20):
                    connection.send(view[start : start + (1 << 20)])
                connection.send(tail)
            except (BrokenPipeError, ConnectionResetError):
                pass  # answered (and closed) before the whole body was sent
            return connection.getresponse().status
        finally:
            connection.close()

    def upload(self, widget_id: str, name: str, data: bytes, mime: str = "text/csv"):
        """Upload `data` for this session (as the browser does) and return the uploader's widget state."""
        urls = self.upload_urls(name)
        status = self.put_file(urls, name, data, mime)
        assert status in (200, 204), status
        return self.uploader_state(widget_id, urls, name, len(data))

    @staticmethod
    def uploader_state(widget_id: str, urls, name: str, size: int):
        """The uploader's widget state naming one file (whether or not the server took it)."""
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        state = WidgetState(id=widget_id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.file_id = urls.file_id
        info.name = name
        info.size = size
        info.file_urls.CopyFrom(urls)
        return state
