"""Many documents into one PDF with flat memory: render in chunks, stream the objects out.

reportlab keeps every page of a canvas in memory until save() (~115 KB per bill), so a
month's batch for a branch would grow to gigabytes. Instead each chunk of documents is
rendered by reportlab on its own, and its objects are renumbered and appended to the output
file at once; only the byte offsets (one int per object) stay in memory.
"""

from __future__ import annotations

import io
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from itertools import islice, pairwise
from pathlib import Path
from typing import IO, Any, TypeVar

from reportlab.pdfgen.canvas import Canvas

from desktop.printing.fonts import new_canvas

T = TypeVar("T")

CHUNK = 100          # documents per reportlab run: memory vs one font subset per chunk
_CATALOG, _PAGES, _INFO = 1, 2, 3

_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_REF = re.compile(rb"(\d+) 0 R\b")


def _find(pattern: bytes, data: bytes) -> bytes:
    """The first group of `pattern` in `data`; reportlab always writes these entries."""
    match = re.search(pattern, data)
    if match is None:
        raise ValueError(f"unexpected PDF layout from reportlab (no {pattern!r})")
    return match.group(1)
_STREAM = re.compile(rb">>\s*stream\r?\n")
_SUBSET_TAG = re.compile(rb"/[A-Z]{6}\+")


class _Chunk:
    """A reportlab PDF read back just enough to copy its objects (classic xref, no obj streams)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        start = int(data[data.rindex(b"startxref") + 9:].split()[0])
        head = data[start:start + 64].split()
        if head[0] != b"xref" or head[1] != b"0":
            raise ValueError("unexpected PDF layout from reportlab (no classic xref table)")
        count = int(head[2])
        entries = _XREF_ENTRY.findall(data, start, start + 64 + 20 * count)
        self.offsets = {n: int(off) for n, (off, _gen, kind) in enumerate(entries) if kind == b"n"}
        bounds = [*sorted(self.offsets.values()), start]
        self._end = dict(pairwise(bounds))
        trailer = data[data.index(b"trailer", start):]
        self.root = int(_find(rb"/Root (\d+) 0 R", trailer))
        self.info = int(_find(rb"/Info (\d+) 0 R", trailer))
        self.pages_root = int(_find(rb"/Pages (\d+) 0 R", self.body(self.root)))
        kids = _find(rb"/Kids \[([^\]]*)\]", self.body(self.pages_root))
        self.pages = [int(n) for n in _REF.findall(kids)]

    def body(self, number: int) -> bytes:
        """The bytes of object `number` from 'N 0 obj' up to the next object."""
        begin = self.offsets[number]
        return self.data[begin:self._end[begin]]


class _Writer:
    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self.offsets = array("q", [0, 0, 0, 0])   # index = object number; 0 unused, 1-3 reserved
        self.pages = array("q")
        self.pos = 0
        self.chunks = 0
        self.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.pos += len(data)

    def put(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.pos
        self.write(body)

    def add_chunk(self, data: bytes) -> None:
        chunk = _Chunk(data)
        skip = {chunk.root, chunk.info, chunk.pages_root}
        numbers = sorted(n for n in chunk.offsets if n not in skip)
        new = {old: len(self.offsets) + i for i, old in enumerate(numbers)}
        new[chunk.pages_root] = _PAGES
        self.offsets.extend([0] * len(numbers))
        # Subset fonts differ per chunk but reportlab tags them all AAAAAA+: make tags unique.
        tag = b"/" + _tag(self.chunks) + b"+"
        self.chunks += 1
        order = sorted(numbers, key=chunk.offsets.__getitem__)
        for old in order:
            raw = chunk.body(old)
            match = _STREAM.search(raw)
            head, tail = (raw[:match.end()], raw[match.end():]) if match else (raw, b"")
            # Only the dictionary part holds references; stream data is copied untouched.
            head = _REF.sub(lambda m: b"%d 0 R" % new[int(m.group(1))], head)
            head = _SUBSET_TAG.sub(tag, head)
            head = re.sub(rb"^\d+ 0 obj", b"%d 0 obj" % new[old], head, count=1)
            self.put(new[old], head + tail)
        self.pages.extend(new[p] for p in chunk.pages)

    def finish(self, title: str) -> None:
        kids = b" ".join(b"%d 0 R" % n for n in self.pages)
        self.put(_PAGES, b"%d 0 obj\n<< /Type /Pages /Count %d /Kids [ %s ] >>\nendobj\n"
                 % (_PAGES, len(self.pages), kids))
        self.put(_CATALOG, b"%d 0 obj\n<< /Type /Catalog /Pages %d 0 R >>\nendobj\n"
                 % (_CATALOG, _PAGES))
        self.put(_INFO, b"%d 0 obj\n<< /Producer (EnergoDesk) /Creator (EnergoDesk) "
                 b"/Title <%s> >>\nendobj\n" % (_INFO, (b"\xfe\xff" + title.encode("utf-16-be")).hex().encode()))
        xref = self.pos
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        lines += [b"%010d 00000 n \n" % off for off in self.offsets[1:]]
        self.write(b"".join(lines))
        self.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                   % (len(self.offsets), _CATALOG, _INFO, xref))


def _tag(index: int) -> bytes:
    letters = []
    for _ in range(6):
        index, r = divmod(index, 26)
        letters.append(65 + r)
    return bytes(reversed(letters))


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def write_batch(docs: Iterable[Any], out_file: str | Path | IO[bytes],
                draw: Callable[[Canvas, Any], None], *, pagesize: tuple[float, float],
                title: str, chunk: int = CHUNK) -> int:
    """Draw each document with `draw` into one PDF written to out_file; returns the count.

    `docs` may be a generator: it is consumed chunk by chunk, never held whole.
    """
    # Entered by the `with` below; a caller's own stream is left open.
    opened = open(out_file, "wb") if isinstance(out_file, (str, Path)) else nullcontext(out_file)  # noqa: SIM115
    count = 0
    with opened as out:
        writer = _Writer(out)
        for batch in _chunks(docs, chunk):
            buf = io.BytesIO()
            canvas = new_canvas(buf, pagesize)
            for doc in batch:
                draw(canvas, doc)
            canvas.save()
            writer.add_chunk(buf.getvalue())
            count += len(batch)
        writer.finish(title)
    return count
