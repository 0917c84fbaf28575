"""SMS gateways against a loopback server that plays SMS.ru; back-off policy."""

from __future__ import annotations

import json
import logging
import random
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from desktop.services.sms import (
    HttpSmsGateway,
    QueueOnlyGateway,
    RetryPolicy,
    SendResult,
    SmsErrorKind,
    SmsGateway,
    max_attempts,
    next_attempt_delay,
    should_retry,
)

KEY = "test-key-0000"
OK_PHONE = "79270000001"
SLOW_SECONDS = 0.5
CLIENT_TIMEOUT = 0.2

DELIVERY_CODES = {"id-queued": 100, "id-sent": 102, "id-delivered": 103, "id-expired": 104}


class FakeSmsRu(ThreadingHTTPServer):
    # Handler threads are joined on close so nothing outlives the test.
    daemon_threads = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.stopping = threading.Event()


class Handler(BaseHTTPRequestHandler):
    server: FakeSmsRu

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode("utf-8")))
        self.server.requests.append(("POST", self.path, form))
        try:
            if form.get("api_id") != KEY:
                self._json({"status": "ERROR", "status_code": 200, "status_text": "Неправильный api_id"})
            elif self.path == "/sms/send":
                self._send(form)
            elif self.path == "/sms/status":
                self._status(form)
            else:
                self._json({"status": "ERROR", "status_code": 211})
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def _send(self, form: dict[str, str]) -> None:
        to = form["to"]
        if to == OK_PHONE:
            self._json(
                {
                    "status": "OK",
                    "status_code": 100,
                    "sms": {to: {"status": "OK", "status_code": 100, "sms_id": "000000-10000001"}},
                    "balance": 100.5,
                }
            )
        elif to == "79270000002":
            self._json(
                {
                    "status": "OK",
                    "status_code": 100,
                    "sms": {to: {"status": "ERROR", "status_code": 207, "status_text": "Нет маршрута"}},
                }
            )
        elif to == "79270000003":
            self.server.stopping.wait(SLOW_SECONDS)
            self._json({"status": "OK", "status_code": 100, "sms": {}})
        elif to == "79270000004":
            self.send_error(500)
        elif to == "79270000005":
            self._json({"status": "ERROR", "status_code": 201, "status_text": "Не хватает средств"})
        elif to == "79270000006":
            self._json({"status": "ERROR", "status_code": 220})
        elif to == "79270000007":
            self._raw(200, b"<html>proxy error</html>", "text/html")
        elif to == "79270000008":
            self._json({"status": "OK", "sms": {to: {"status": "ERROR", "status_code": 231}}})
        elif to == "79270000009":
            self._json({"status": "ERROR", "status_code": 999})
        elif to == "79270000010":
            self.send_error(429)
        else:
            self._json({"status": "OK", "sms": {to: {"status": "ERROR", "status_code": 202}}})

    def _status(self, form: dict[str, str]) -> None:
        sms_id = form["sms_id"]
        if sms_id in DELIVERY_CODES:
            entry = {"status": "OK", "status_code": DELIVERY_CODES[sms_id], "status_text": "..."}
        else:
            entry = {"status": "ERROR", "status_code": -1, "status_text": "Сообщение не найдено"}
        self._json({"status": "OK", "status_code": 100, "sms": {sms_id: entry}, "balance": 1.0})

    def _json(self, payload: object) -> None:
        self._raw(200, json.dumps(payload, ensure_ascii=False).encode("utf-8"), "application/json")

    def _raw(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[FakeSmsRu]:
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


def _no_proxy() -> urllib.request.OpenerDirector:
    # Loopback must not go through an http_proxy from the environment.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _gateway(srv: FakeSmsRu, key: str = KEY) -> HttpSmsGateway:
    host, port = srv.server_address[:2]
    return HttpSmsGateway(key, base_url=f"http://{host}:{port}", timeout=CLIENT_TIMEOUT, opener=_no_proxy())


def test_both_gateways_satisfy_the_protocol(server: FakeSmsRu) -> None:
    assert isinstance(QueueOnlyGateway(), SmsGateway)
    assert isinstance(_gateway(server), SmsGateway)


def test_success_is_accepted_with_id_and_posts_utf8(server: FakeSmsRu) -> None:
    text = "Временный пароль: K7WX3MPA4R. Смените его при первом входе."
    result = _gateway(server).send("+7 (927) 000-00-01", text, client_ref="reset-1")
    assert result == SendResult("accepted", "000000-10000001", None)
    method, path, form = server.requests[-1]
    assert (method, path) == ("POST", "/sms/send")  # key and text stay out of the URL
    assert form == {"api_id": KEY, "to": OK_PHONE, "msg": text, "json": "1"}


@pytest.mark.parametrize(
    ("phone", "state", "kind", "code"),
    [
        ("79270000002", "failed", SmsErrorKind.BAD_NUMBER, 207),
        ("79270000005", "failed", SmsErrorKind.NO_MONEY, 201),
        ("79270000006", "retry", SmsErrorKind.SERVER_ERROR, 220),
        ("79270000004", "retry", SmsErrorKind.SERVER_ERROR, 500),
        ("79270000007", "retry", SmsErrorKind.BAD_ANSWER, None),
        ("79270000008", "retry", SmsErrorKind.RATE_LIMITED, 231),
        ("79270000009", "failed", SmsErrorKind.UNKNOWN_CODE, 999),
        ("79270000010", "retry", SmsErrorKind.RATE_LIMITED, 429),
        ("79270000099", "failed", SmsErrorKind.BAD_NUMBER, 202),
    ],
)
def test_error_classification(server: FakeSmsRu, phone: str, state: str, kind: SmsErrorKind, code: int | None) -> None:
    result = _gateway(server).send(phone, "Текст", client_ref="r")
    assert result.state == state
    assert result.gateway_id is None
    assert result.error is not None
    assert (result.error.kind, result.error.code) == (kind, code)
    assert result.error.transient is (state == "retry")
    assert result.error.message  # Russian text for the operator


def test_bad_key_is_permanent(server: FakeSmsRu) -> None:
    result = _gateway(server, key="wrong").send(OK_PHONE, "Текст", client_ref="r")
    assert result.state == "failed"
    assert result.error is not None and result.error.kind is SmsErrorKind.BAD_KEY


def test_timeout_is_transient(server: FakeSmsRu) -> None:
    started = time.monotonic()
    result = _gateway(server).send("79270000003", "Текст", client_ref="r")
    assert time.monotonic() - started < SLOW_SECONDS
    assert result.state == "retry"
    assert result.error is not None and result.error.kind is SmsErrorKind.TIMEOUT


def test_connection_refused_is_transient() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    gateway = HttpSmsGateway(KEY, base_url=f"http://127.0.0.1:{port}", timeout=1.0, opener=_no_proxy())
    result = gateway.send(OK_PHONE, "Текст", client_ref="r")
    assert result.state == "retry"
    assert result.error is not None and result.error.kind is SmsErrorKind.CONNECTION
    assert gateway.status("id-delivered") == "unknown"


def test_bad_phone_never_reaches_the_network(server: FakeSmsRu) -> None:
    result = _gateway(server).send("12345", "Текст", client_ref="r")
    assert result.state == "failed"
    assert result.error is not None and result.error.kind is SmsErrorKind.BAD_NUMBER
    assert server.requests == []


@pytest.mark.parametrize(
    ("sms_id", "expected"),
    [
        ("id-queued", "queued"),
        ("id-sent", "sent"),
        ("id-delivered", "delivered"),
        ("id-expired", "failed"),
        ("id-nonexistent", "unknown"),
        ("", "unknown"),
    ],
)
def test_delivery_status(server: FakeSmsRu, sms_id: str, expected: str) -> None:
    assert _gateway(server).status(sms_id) == expected


def test_status_with_bad_key_is_unknown(server: FakeSmsRu) -> None:
    assert _gateway(server, key="wrong").status("id-delivered") == "unknown"


def test_logs_carry_neither_text_nor_full_phone_nor_key(server: FakeSmsRu, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    text = "Временный пароль: K7WX3MPA4R"
    gateway = _gateway(server)
    for phone in (OK_PHONE, "79270000002", "79270000004"):
        gateway.send(phone, text, client_ref="reset-42")
    QueueOnlyGateway().send(OK_PHONE, text, client_ref="reset-43")
    logged = caplog.text + repr(gateway)
    assert "reset-42" in logged and "+7 927 ***-**-01" in logged
    for secret in ("K7WX3MPA4R", OK_PHONE, "9270000001", KEY):
        assert secret not in logged


def test_http_refused_for_remote_hosts() -> None:
    with pytest.raises(ValueError):
        HttpSmsGateway(KEY, base_url="http://sms.ru")
    with pytest.raises(ValueError):
        HttpSmsGateway("  ")


def test_queue_only_gateway_holds_and_says_so() -> None:
    gateway = QueueOnlyGateway()
    result = gateway.send("89270000001", "Временный пароль: K7WX3MPA4R", client_ref="reset-7")
    assert result.state == "retry"
    assert result.gateway_id is None
    assert result.error is not None and result.error.kind is SmsErrorKind.NOT_CONFIGURED
    assert "очереди" in result.error.message
    assert gateway.held == [("reset-7", "+7 927 ***-**-01", 28)]
    assert "K7WX3MPA4R" not in repr(gateway.held)
    assert gateway.status("anything") == "unknown"
    assert gateway.send("abc", "x", client_ref="r").state == "failed"


def test_backoff_grows_caps_and_jitters() -> None:
    policy = RetryPolicy(base_seconds=10, factor=2, cap_seconds=100, jitter=0.2, max_attempts=5)
    assert next_attempt_delay(1, lambda: 0.5, policy) == 10
    assert next_attempt_delay(2, lambda: 0.5, policy) == 20
    assert next_attempt_delay(3, lambda: 0.5, policy) == 40
    assert next_attempt_delay(5, lambda: 0.5, policy) == 100
    assert next_attempt_delay(10_000, lambda: 0.999, policy) == 100  # no overflow, cap holds
    assert next_attempt_delay(1, lambda: 0.0, policy) == pytest.approx(8)
    assert next_attempt_delay(1, lambda: 0.999999, policy) == pytest.approx(12, rel=1e-4)
    rng = random.Random(7)
    delays = {next_attempt_delay(3, rng.random, policy) for _ in range(50)}
    assert len(delays) > 40 and all(32 <= d <= 48 for d in delays)
    with pytest.raises(ValueError):
        next_attempt_delay(0, rng.random, policy)


def test_max_attempts_bounds_the_retries() -> None:
    assert max_attempts() == RetryPolicy().max_attempts
    policy = RetryPolicy(max_attempts=3)
    assert [should_retry(n, policy) for n in (1, 2, 3, 4)] == [True, True, False, False]
    total = sum(next_attempt_delay(n, lambda: 1.0) for n in range(1, max_attempts()))
    assert total < 15 * 60  # a customer at the desk learns the outcome within minutes
    with pytest.raises(ValueError):
        RetryPolicy(jitter=1.5)
