"""A loopback HTTP server playing SMS.ru, and the real HTTP gateway pointed at it."""

from __future__ import annotations

import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.services.sms import HttpSmsGateway

KEY = "loopback-key"
OK, ERROR_CODE, SLOW, DOWN = "79270000001", "79270000002", "79270000003", "79270000004"


class FakeSmsRu(ThreadingHTTPServer):
    daemon_threads = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.sent: list[dict[str, str]] = []
        self.delivery: dict[str, int] = {}
        self.stopping = threading.Event()
        self.counter = 0


class Handler(BaseHTTPRequestHandler):
    server: FakeSmsRu

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8")))
        try:
            if form.get("api_id") != KEY:
                self._json({"status": "ERROR", "status_code": 200})
            elif self.path == "/sms/send":
                self._send(form)
            else:
                sms_id = form["sms_id"]
                code = self.server.delivery.get(sms_id)
                entry = {"status": "OK", "status_code": code} if code else {"status": "ERROR", "status_code": -1}
                self._json({"status": "OK", "status_code": 100, "sms": {sms_id: entry}})
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _send(self, form: dict[str, str]) -> None:
        to = form["to"]
        self.server.sent.append(form)
        if to == OK:
            self.server.counter += 1
            sms_id = f"000000-{self.server.counter:08d}"
            self.server.delivery[sms_id] = 100
            self._json({"status": "OK", "status_code": 100,
                        "sms": {to: {"status": "OK", "status_code": 100, "sms_id": sms_id}}})
        elif to == ERROR_CODE:
            self._json({"status": "OK", "sms": {to: {"status": "ERROR", "status_code": 207}}})
        elif to == SLOW:
            self.server.stopping.wait(0.5)
            self._json({"status": "OK", "sms": {}})
        else:
            self.send_error(500)

    def _json(self, payload: object) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[FakeSmsRu]:
    """The running loopback SMS.ru (import this fixture into the test module)."""
    srv = FakeSmsRu()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield srv
    finally:
        srv.stopping.set()
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


def gateway_for(srv: FakeSmsRu) -> HttpSmsGateway:
    """The real HTTP gateway, talking to ``srv`` on loopback."""
    host, port = srv.server_address[:2]
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return HttpSmsGateway(KEY, base_url=f"http://{host}:{port}", timeout=0.2, opener=opener)
