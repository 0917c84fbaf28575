"""Draw a QR module matrix on a canvas as one filled path."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white margin the QR standard asks for


def draw_qr(canvas: Canvas, matrix: list[list[bool]], x: float, y: float, size: float) -> None:
    """Draw the matrix with its quiet zone inside the square (x, y, size); (x, y) is bottom-left.

    One path, one fill: a widget drawing each module as its own object is ~3x slower and
    bloats the file. Dark runs in a row are merged into one rectangle for the same reason.
    """
    count = len(matrix)
    module = size / (count + 2 * QUIET_ZONE)
    left = x + QUIET_ZONE * module
    top = y + size - QUIET_ZONE * module
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            path.rect(left + start * module, top - (r + 1) * module, (c - start) * module, module)
    canvas.saveState()
    canvas.setFillGray(0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
