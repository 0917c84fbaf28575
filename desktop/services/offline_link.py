"""Does the shared database answer? One short probe, used to switch the desk offline and back."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError


def shared_answers(engine: Engine) -> bool:
    """True when a fresh ``SELECT 1`` on the shared database succeeds (bounded by the engine's
    connect timeout: 5 s on PostgreSQL)."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        # A dead link leaves dead connections in the pool: drop them, the next use reconnects.
        engine.dispose()
        return False
    except OSError:
        engine.dispose()
        return False
