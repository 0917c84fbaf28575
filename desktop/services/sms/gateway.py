"""SMS gateways: the pluggable interface, the demo queue-only gateway and an SMS.ru-style HTTP one."""

from __future__ import annotations

import http.client
import json
import logging
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from enum import Enum
from typing import Literal, Protocol, SupportsInt, runtime_checkable

from desktop.core.phones import PhoneError, mask_phone, normalize_phone

log = logging.getLogger(__name__)

SendState = Literal["accepted", "failed", "retry"]
DeliveryStatus = Literal["queued", "sent", "delivered", "failed", "unknown"]


class SmsErrorKind(Enum):
    """Why a send did not go through; `transient` says whether a retry may help."""

    BAD_NUMBER = "bad_number"  # the number is wrong, unreachable or stop-listed
    BAD_KEY = "bad_key"  # api key wrong, revoked, account not confirmed
    NO_MONEY = "no_money"  # balance exhausted: someone has to pay first
    REJECTED = "rejected"  # text or sender name refused, message too long
    BAD_REQUEST = "bad_request"  # our request is malformed: a bug, retrying repeats it
    UNKNOWN_CODE = "unknown_code"  # an answer code we do not know: do not spam blindly
    NOT_CONFIGURED = "not_configured"  # demo mode: no gateway, the message waits
    RATE_LIMITED = "rate_limited"  # per-number or daily limits: later may work
    TIMEOUT = "timeout"  # no answer in time: the gateway MAY have accepted it
    SERVER_ERROR = "server_error"  # HTTP 5xx or "service unavailable" codes
    CONNECTION = "connection"  # refused, DNS failure, TLS dropped
    BAD_ANSWER = "bad_answer"  # not the JSON we expect (a proxy's error page, say)

    @property
    def transient(self) -> bool:
        return self in _TRANSIENT


_TRANSIENT = frozenset(
    {
        SmsErrorKind.NOT_CONFIGURED,
        SmsErrorKind.RATE_LIMITED,
        SmsErrorKind.TIMEOUT,
        SmsErrorKind.SERVER_ERROR,
        SmsErrorKind.CONNECTION,
        SmsErrorKind.BAD_ANSWER,
    }
)


@dataclass(frozen=True)
class SmsError:
    """A classified failure; `message` is Russian, safe to show and to log (no phone, no text)."""

    kind: SmsErrorKind
    message: str
    code: int | None = None  # the gateway's own code or the HTTP status

    @property
    def transient(self) -> bool:
        return self.kind.transient


@dataclass(frozen=True)
class SendResult:
    """'accepted' = the gateway took it (not delivered yet); 'retry' = try later; 'failed' = give up."""

    state: SendState
    gateway_id: str | None = None
    error: SmsError | None = None

    @classmethod
    def from_error(cls, error: SmsError) -> SendResult:
        return cls("retry" if error.transient else "failed", None, error)


@runtime_checkable
class SmsGateway(Protocol):
    """What the outgoing-SMS queue needs from a gateway. Implementations never raise for
    network or gateway trouble: they answer with a classified SendResult instead."""

    name: str

    def send(self, phone: str, text: str, *, client_ref: str) -> SendResult:
        """Hand one message to the gateway; `client_ref` is our id, used for logs only."""
        ...

    def status(self, gateway_id: str) -> DeliveryStatus:
        """The delivery state of an accepted message; 'unknown' when it cannot be told."""
        ...


def _checked_phone(phone: str) -> str | None:
    try:
        return normalize_phone(phone)
    except PhoneError:
        return None


_BAD_NUMBER = SmsError(SmsErrorKind.BAD_NUMBER, "Неверный номер телефона")


class QueueOnlyGateway:
    """The demo gateway: sends nothing and says so; every message stays queued.

    It keeps no copy of the text (a reset SMS carries a password), only what an
    administrator may look at: our reference, the masked phone, the length.
    """

    name = "queue-only"
    # Nothing reaches a phone: the sender does not draw a temporary password for it.
    delivers = False

    def __init__(self) -> None:
        self.held: list[tuple[str, str, int]] = []  # (client_ref, masked phone, text length)

    def send(self, phone: str, text: str, *, client_ref: str) -> SendResult:
        normalized = _checked_phone(phone)
        if normalized is None:
            return SendResult.from_error(_BAD_NUMBER)
        self.held.append((client_ref, mask_phone(normalized), len(text)))
        log.info("sms %s to %s held: no gateway configured (demo)", client_ref, mask_phone(normalized))
        return SendResult.from_error(
            SmsError(
                SmsErrorKind.NOT_CONFIGURED,
                "SMS-шлюз не подключён (демонстрационный режим): сообщение осталось в очереди",
            )
        )

    def status(self, gateway_id: str) -> DeliveryStatus:
        return "unknown"


# SMS.ru answer codes (https://sms.ru/api). Anything at or above 100 with
# status "OK" is success; the rest are classified here.
_SMSRU_ERRORS: dict[int, tuple[SmsErrorKind, str]] = {
    200: (SmsErrorKind.BAD_KEY, "Неверный ключ SMS-шлюза (api_id)"),
    201: (SmsErrorKind.NO_MONEY, "На счёте SMS-шлюза недостаточно средств"),
    202: (SmsErrorKind.BAD_NUMBER, "Неверный номер телефона"),
    203: (SmsErrorKind.BAD_REQUEST, "Пустой текст сообщения"),
    204: (SmsErrorKind.REJECTED, "Имя отправителя не согласовано с SMS-шлюзом"),
    205: (SmsErrorKind.REJECTED, "Сообщение слишком длинное"),
    206: (SmsErrorKind.RATE_LIMITED, "Превышен дневной лимит сообщений"),
    207: (SmsErrorKind.BAD_NUMBER, "На этот номер нельзя отправить SMS"),
    208: (SmsErrorKind.BAD_REQUEST, "Неверное время отправки"),
    209: (SmsErrorKind.BAD_NUMBER, "Номер в стоп-листе SMS-шлюза"),
    210: (SmsErrorKind.BAD_REQUEST, "Неверный метод запроса"),
    211: (SmsErrorKind.BAD_REQUEST, "Метод SMS-шлюза не найден"),
    212: (SmsErrorKind.BAD_REQUEST, "Текст должен быть в UTF-8"),
    213: (SmsErrorKind.BAD_REQUEST, "Слишком много номеров в запросе"),
    220: (SmsErrorKind.SERVER_ERROR, "SMS-шлюз временно недоступен"),
    230: (SmsErrorKind.RATE_LIMITED, "Превышен лимит сообщений на этот номер за день"),
    231: (SmsErrorKind.RATE_LIMITED, "Превышен лимит одинаковых сообщений на этот номер в минуту"),
    232: (SmsErrorKind.RATE_LIMITED, "Превышен лимит одинаковых сообщений на этот номер за день"),
    300: (SmsErrorKind.BAD_KEY, "Ключ SMS-шлюза просрочен"),
    301: (SmsErrorKind.BAD_KEY, "Неверный ключ SMS-шлюза или пароль"),
    302: (SmsErrorKind.BAD_KEY, "Учётная запись SMS-шлюза не подтверждена"),
    500: (SmsErrorKind.SERVER_ERROR, "Ошибка на сервере SMS-шлюза"),
}

_SMSRU_DELIVERY: dict[int, DeliveryStatus] = {
    100: "queued",  # accepted, in the gateway's queue
    101: "queued",  # being handed to the operator
    102: "sent",  # with the operator, on its way
    103: "delivered",
    104: "failed",  # lifetime expired
    105: "failed",  # deleted by the operator
    106: "failed",  # phone failure
    107: "failed",  # unknown reason
    108: "failed",  # rejected
    110: "delivered",  # read (messenger channel)
    150: "failed",  # no route to the number
}

_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


class HttpSmsGateway:
    """An SMS.ru-style HTTP gateway: POST {base}/sms/send, {base}/sms/status with json=1.

    POST, not GET, keeps the key, the phone and the text out of URLs and so out
    of proxy and server access logs. The key comes from the keyring; it is never logged.
    """

    name = "sms.ru"

    def __init__(
        self,
        api_id: str,
        *,
        base_url: str = "https://sms.ru",
        timeout: float = 10.0,
        sender: str | None = None,
        test_mode: bool = False,
        opener: urllib.request.OpenerDirector | None = None,
    ) -> None:
        if not api_id or not api_id.strip():
            raise ValueError("api_id is empty")
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme != "https" and not (parsed.scheme == "http" and parsed.hostname in _LOOPBACK_HOSTS):
            raise ValueError("the SMS gateway must be reached over https (http only on loopback)")
        if not 0 < timeout <= 120:
            raise ValueError("timeout must be between 0 and 120 seconds")
        self._api_id = api_id.strip()
        self._base = base_url.rstrip("/")
        self._timeout = timeout
        self._sender = sender
        self._test_mode = test_mode  # SMS.ru test=1: validated and billed as zero, not sent
        self._opener = opener or urllib.request.build_opener()

    def __repr__(self) -> str:  # never show the key
        return f"HttpSmsGateway(base_url={self._base!r}, timeout={self._timeout})"

    def send(self, phone: str, text: str, *, client_ref: str) -> SendResult:
        normalized = _checked_phone(phone)
        if normalized is None:
            return SendResult.from_error(_BAD_NUMBER)
        if not text:
            return SendResult.from_error(SmsError(SmsErrorKind.BAD_REQUEST, "Пустой текст сообщения"))
        params = {"api_id": self._api_id, "to": normalized, "msg": text, "json": "1"}
        if self._sender:
            params["from"] = self._sender
        if self._test_mode:
            params["test"] = "1"
        answer = self._post("/sms/send", params)
        result = answer if isinstance(answer, SendResult) else _send_result(answer, normalized)
        if result.state == "accepted":
            log.info("sms %s to %s accepted as %s", client_ref, mask_phone(normalized), result.gateway_id)
        elif result.error is not None:
            log.warning(
                "sms %s to %s %s: %s (code %s)",
                client_ref, mask_phone(normalized), result.state, result.error.kind.value, result.error.code,
            )
        return result

    def status(self, gateway_id: str) -> DeliveryStatus:
        if not gateway_id:
            return "unknown"
        answer = self._post("/sms/status", {"api_id": self._api_id, "sms_id": gateway_id, "json": "1"})
        if isinstance(answer, SendResult):
            return "unknown"
        per_id = answer.get("sms") if answer.get("status") == "OK" else None
        entry = per_id.get(gateway_id) if isinstance(per_id, dict) else None
        if not isinstance(entry, dict):
            return "unknown"
        code = _int_or_none(entry.get("status_code"))
        return _SMSRU_DELIVERY.get(code, "unknown") if code is not None else "unknown"

    def _post(self, path: str, params: dict[str, str]) -> dict[str, object] | SendResult:
        """The decoded JSON answer, or a 'retry'/'failed' SendResult for transport trouble."""
        data = urllib.parse.urlencode(params).encode("utf-8")
        request = urllib.request.Request(
            self._base + path,
            data=data,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
        )
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                body = response.read(1_000_000)
        except urllib.error.HTTPError as exc:
            exc.close()
            return SendResult.from_error(_http_error(exc.code))
        except TimeoutError:
            return SendResult.from_error(SmsError(SmsErrorKind.TIMEOUT, "SMS-шлюз не ответил вовремя"))
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                return SendResult.from_error(SmsError(SmsErrorKind.TIMEOUT, "SMS-шлюз не ответил вовремя"))
            return SendResult.from_error(SmsError(SmsErrorKind.CONNECTION, "Нет связи с SMS-шлюзом"))
        except (OSError, http.client.HTTPException):
            # A reset, a broken TLS session or a cut-off answer while reading it.
            return SendResult.from_error(SmsError(SmsErrorKind.CONNECTION, "Связь с SMS-шлюзом прервалась"))
        try:
            answer = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            answer = None
        if not isinstance(answer, dict):
            return SendResult.from_error(SmsError(SmsErrorKind.BAD_ANSWER, "Непонятный ответ SMS-шлюза"))
        return answer


def _http_error(status: int) -> SmsError:
    if status >= 500:
        return SmsError(SmsErrorKind.SERVER_ERROR, "Ошибка на сервере SMS-шлюза", status)
    if status == 429:
        return SmsError(SmsErrorKind.RATE_LIMITED, "SMS-шлюз просит повторить позже", status)
    if status in (401, 403):
        return SmsError(SmsErrorKind.BAD_KEY, "SMS-шлюз отказал в доступе", status)
    return SmsError(SmsErrorKind.BAD_REQUEST, "SMS-шлюз отклонил запрос", status)


def _int_or_none(value: object) -> int | None:
    if not isinstance(value, (str, bytes, SupportsInt)):
        return None  # what int() would refuse with TypeError (None, a list, a dict)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _code_error(code: int | None) -> SmsError:
    if code is not None and code in _SMSRU_ERRORS:
        kind, message = _SMSRU_ERRORS[code]
        return SmsError(kind, message, code)
    return SmsError(SmsErrorKind.UNKNOWN_CODE, "Неизвестный ответ SMS-шлюза", code)


def _send_result(answer: dict[str, object], phone: str) -> SendResult:
    # A request-level error (bad key, no money) comes with status ERROR at the top;
    # otherwise each number has its own status and sms_id.
    if answer.get("status") != "OK":
        return SendResult.from_error(_code_error(_int_or_none(answer.get("status_code"))))
    per_number = answer.get("sms")
    entry = per_number.get(phone) if isinstance(per_number, dict) else None
    if not isinstance(entry, dict):
        return SendResult.from_error(SmsError(SmsErrorKind.BAD_ANSWER, "Непонятный ответ SMS-шлюза"))
    if entry.get("status") == "OK" and entry.get("sms_id"):
        return SendResult("accepted", str(entry["sms_id"]), None)
    return SendResult.from_error(_code_error(_int_or_none(entry.get("status_code"))))
