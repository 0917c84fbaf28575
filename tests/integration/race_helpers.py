"""Run one service call in several processes at the same moment, each with its own engine."""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from typing import Any

from desktop.services.context import Actor, ServiceContext

Call = Callable[[ServiceContext, int], Any]


def _worker(url: str, actor: Actor, desk: str, call: Call, index: int, barrier: Any, results: Any) -> None:
    from desktop.db.engine import make_engine, make_session_factory
    from desktop.services.errors import ServiceError

    engine = make_engine(url, busy_timeout_ms=30_000)
    ctx = ServiceContext(make_session_factory(engine), actor, desk=desk)
    try:
        with engine.connect():
            pass  # connected before the start line, so the calls really meet
        barrier.wait(timeout=60)
        try:
            results.put((index, "ok", repr(call(ctx, index))))
        except ServiceError as error:
            results.put((index, type(error).__name__, error.message))
    except BaseException:  # noqa: BLE001 - reported to the parent, which fails the test
        results.put((index, "crash", traceback.format_exc()))
    finally:
        engine.dispose()


def run_together(url: str, actors: Actor | list[Actor], call: Call, count: int, *,
                 desk: str = "") -> list[tuple[str, str]]:
    """``call(ctx, i)`` in ``count`` processes released together; (outcome, detail) per process.

    Process i acts as ``actors[i]`` (or as the one actor given); the outcome is "ok" or the
    name of the ServiceError it raised, the detail its repr or message.
    """
    chosen = actors if isinstance(actors, list) else [actors] * count
    context = multiprocessing.get_context("fork")  # children inherit the test's patches (hasher)
    barrier = context.Barrier(count)
    results = context.Queue()
    workers = [context.Process(target=_worker, args=(url, chosen[i], desk, call, i, barrier, results))
               for i in range(count)]
    for worker in workers:
        worker.start()
    collected = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    crashes = [detail for _, outcome, detail in collected if outcome == "crash"]
    assert not crashes, crashes[0]
    return [(outcome, detail) for _, outcome, detail in sorted(collected)]
