"""Logging: one named logger per area, a rotating file, Qt's messages routed into it."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import traceback
from collections import deque

from desktop.paths import data_dir

TAIL: deque[str] = deque(maxlen=500)  # recent lines for bug reports


class _TailHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        TAIL.append(self.format(record))


def setup(level: int = logging.INFO) -> None:
    """Configure the root logger once: a file in the data folder and the in-memory tail."""
    root = logging.getLogger()
    if any(isinstance(h, _TailHandler) for h in root.handlers):
        return
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    folder = data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file_handler = logging.handlers.RotatingFileHandler(
            folder / "energodesk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        file_handler.setFormatter(fmt)
        root.addHandler(file_handler)
    except OSError:
        pass  # a read-only profile still gets the in-memory tail
    tail = _TailHandler()
    tail.setFormatter(fmt)
    root.addHandler(tail)
    root.setLevel(level)


_unexpected = logging.getLogger("energodesk.unexpected")


def unexpected(error: BaseException, where: str = "") -> None:
    """Log an unexpected error with its traceback: the one place every handler's bug ends up.

    Expected errors (a ServiceError: wrong input, refused, database unreachable) are the
    operator's business and are not logged here. Each exception object is logged once, however
    many handlers see it on its way (the runner, Desk.call, the crash dialog).
    """
    from desktop.services.errors import ServiceError

    if isinstance(error, ServiceError) or getattr(error, "__energodesk_logged__", False):
        return
    text = getattr(error, "__traceback_text__", None) or "".join(
        traceback.format_exception(type(error), error, error.__traceback__))
    _unexpected.error("unexpected error%s:\n%s", f" in {where}" if where else "", text.rstrip())
    # An exception type with __slots__ refuses the mark: it may be logged twice, never lost.
    with contextlib.suppress(AttributeError):
        error.__energodesk_logged__ = True  # type: ignore[attr-defined]  # a plain attribute BaseException lacks
