"""Bills rendered into job PDFs in a child process, so the desk's GUI never waits on the GIL for them.

Qt-free. A branch batch renders for minutes; on a thread of the desk's own process reportlab's
long C calls (regex and byte joins over megabytes) held the GIL for up to 80 ms at a time and the
GUI stalled. The child is started with 'spawn' (a clean interpreter: no copy of Qt's threads, and
the same on Windows and in the PyInstaller bundle, whose entry calls freeze_support()). The parent
answers the child's requests with the documents in small pickled pieces over a pipe (a piece at
a time: flat memory, and the parent never blocks on a full pipe); the child tells how far it got
and names each finished job file. ``kill()`` ends it at once (Cancel).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import sys
import traceback
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

PIECE = 25          # documents per pipe message: each pickle is a short hold of the parent's GIL
TICK = 5            # the child says how far it got every TICK bills (progress, and how soon Cancel is seen)
_NICE = 5           # the batch yields the CPU to the operator's desk and to the spooler


def _rss_mb() -> float:
    """Resident memory now, in MB (Linux /proc; else the peak so far)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except (OSError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)


def _pulled(conn: Connection) -> Iterator[Any]:
    """The job's documents, asked from the parent a piece at a time: memory stays flat in the job's size,
    and the parent only ever sends to a child waiting for it (it never blocks on a full pipe)."""
    while True:
        conn.send(("need",))
        piece = conn.recv()
        if piece is None:  # the job has no more documents
            return
        yield from piece


def _ticking(docs: Iterator[Any], conn: Connection) -> Iterator[Any]:
    """The documents for the renderer; tells the parent every TICK bills how far it got."""
    for i, doc in enumerate(docs, start=1):
        yield doc
        if i % TICK == 0:
            conn.send(("rendered", i))


def child_main(conn: Connection) -> None:
    """The child's loop: ("job", path), ("need",) answered by pieces until None, then ("done", path, count, rss)."""
    from desktop.printing.bill_pdf import render_bills

    with contextlib.suppress(OSError, AttributeError):
        os.nice(_NICE)
    try:
        while True:
            message = conn.recv()
            if message is None:
                return
            _kind, path = message
            count = render_bills(_ticking(_pulled(conn), conn), path)
            conn.send(("done", path, count, _rss_mb()))
    except EOFError:
        return  # the parent went away
    except BaseException as error:  # noqa: BLE001 - every failure is told to the parent, not lost
        with contextlib.suppress(OSError):
            conn.send(("error", f"{type(error).__name__}: {error}", traceback.format_exc()))


class RenderFailed(RuntimeError):
    """The child could not render a job (its traceback is in ``details``)."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


class BillRenderer:
    """One spawned child rendering jobs of bills; ``with`` ends it (killed if still busy)."""

    def __init__(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child_end = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=child_main, args=(child_end,), name="energodesk-render", daemon=True)
        self.process.start()
        self._docs: Iterator[Any] | None = None  # the documents of the job being rendered
        self.last_rss_mb = 0.0  # the child's memory when it finished its last job
        child_end.close()  # only the child holds its end: its death is EOF here

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def start_job(self, docs: Iterable[Any], path: str) -> None:
        """Let the idle child render ``docs`` into ``path``; it asks for them as it goes (see receive)."""
        self._docs = iter(docs)
        self.conn.send(("job", path))

    def receive(self, timeout: float) -> tuple[Any, ...] | None:
        """The child's next ("rendered", n) or ("done", path, count, rss_mb); None after ``timeout`` s of neither.

        Its requests for documents are answered here, from the job's documents.
        """
        while self.conn.poll(timeout):
            try:
                message: tuple[Any, ...] = self.conn.recv()
            except EOFError:
                raise RenderFailed("подготовка счетов к печати прервалась (процесс отрисовки завершился)") from None
            if message[0] == "error":
                raise RenderFailed(f"ошибка подготовки счетов к печати: {message[1]}", message[2])
            if message[0] == "done":
                self.last_rss_mb = float(message[3])
            if message[0] != "need":
                return message
            piece = list(islice(self._docs, PIECE)) if self._docs is not None else []
            self.conn.send(piece or None)
            if not piece:
                self._docs = None
        return None

    def kill(self) -> None:
        """End the child now (Cancel, or an error in the parent)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self) -> None:
        """Let an idle child finish on its own; kill it if it does not within a few seconds."""
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(5)
        self.kill()

    def __enter__(self) -> BillRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.kill() if exc[0] is not None else self.close()
