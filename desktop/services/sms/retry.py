"""Back-off for transient SMS failures: exponential delay with a cap and jitter."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait before attempt n+1 and when to give up.

    The defaults suit a password reset: the customer is standing at the desk,
    so retries start fast (15 s) and stop after ~8 minutes (6 attempts); past
    that the operator should see a failure and try again or use another way.
    """

    base_seconds: float = 15.0
    factor: float = 2.0
    cap_seconds: float = 600.0
    jitter: float = 0.2  # +-20 %: desks that failed together do not retry together
    max_attempts: int = 6

    def __post_init__(self) -> None:
        if self.base_seconds <= 0 or self.factor < 1 or self.cap_seconds < self.base_seconds:
            raise ValueError("invalid back-off parameters")
        if not 0 <= self.jitter < 1 or self.max_attempts < 1:
            raise ValueError("invalid back-off parameters")


DEFAULT_POLICY = RetryPolicy()


def next_attempt_delay(
    attempt: int,
    rand: Callable[[], float] = random.random,
    policy: RetryPolicy = DEFAULT_POLICY,
) -> float:
    """Seconds to wait after failed attempt number `attempt` (1 = the first send).

    `rand` returns a float in [0, 1); inject a seeded one in tests. The result
    never exceeds the cap, jitter included.
    """
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    # Clamp the exponent so huge attempt numbers cannot overflow a float.
    exponent = min(attempt - 1, 64)
    raw = min(policy.cap_seconds, policy.base_seconds * policy.factor**exponent)
    spread = 1.0 - policy.jitter + 2.0 * policy.jitter * rand()
    return min(policy.cap_seconds, raw * spread)


def should_retry(attempt: int, policy: RetryPolicy = DEFAULT_POLICY) -> bool:
    """True while another attempt is allowed after failed attempt number `attempt`."""
    return attempt < policy.max_attempts


def max_attempts(policy: RetryPolicy = DEFAULT_POLICY) -> int:
    """Total attempts, the first send included."""
    return policy.max_attempts
