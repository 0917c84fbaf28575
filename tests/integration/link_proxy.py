"""A TCP proxy on loopback in front of PostgreSQL that a test cuts and restores (a WAN link that drops)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable


class LinkProxy:
    """Forwards 127.0.0.1:<port> to ``target``. ``cut()`` resets every open connection and refuses
    new ones until ``restore()``: to the desk it is exactly a link that went down."""

    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 5432)) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = threading.Event()
        self.up.set()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._stopped = False
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, database_url: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(database_url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                self._reset(client)
                continue
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                self._reset(client)
                continue
            with self._lock:
                self._open.update((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            self._reset(source)
            self._reset(sink)

    def _reset(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.discard(sock)
        try:
            # RST, not FIN: what a dropped WAN link looks like to the driver.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            sock.close()
        except OSError:
            pass

    def cut(self) -> None:
        self.up.clear()
        with self._lock:
            live = list(self._open)
        for sock in live:
            self._reset(sock)

    def restore(self) -> None:
        self.up.set()

    def close(self) -> None:
        self._stopped = True
        self.cut()
        self.listener.close()

    def cut_after(self, count: int) -> Callable[[object, str], None]:
        """A replay's ``on_step``: the link drops right after the ``count``-th operation is applied."""
        steps: list[str] = []

        def on_step(op: object, state: str) -> None:
            steps.append(state)
            if len(steps) == count:
                self.cut()

        return on_step
