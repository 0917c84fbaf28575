"""Outgoing SMS: gateway interface, implementations and the retry back-off."""

from desktop.services.sms.gateway import (
    DeliveryStatus,
    HttpSmsGateway,
    QueueOnlyGateway,
    SendResult,
    SendState,
    SmsError,
    SmsErrorKind,
    SmsGateway,
)
from desktop.services.sms.retry import RetryPolicy, max_attempts, next_attempt_delay, should_retry

__all__ = [
    "DeliveryStatus",
    "HttpSmsGateway",
    "QueueOnlyGateway",
    "RetryPolicy",
    "SendResult",
    "SendState",
    "SmsError",
    "SmsErrorKind",
    "SmsGateway",
    "max_attempts",
    "next_attempt_delay",
    "should_retry",
]
