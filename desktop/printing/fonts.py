"""Bundled DejaVu fonts for every PDF, and the one way to create a canvas."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Literal

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT_DIR = Path(__file__).parents[2] / "resources" / "fonts"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

_registered = False


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold) once; reportlab's own fonts have no Cyrillic."""
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    # Italic maps to upright: nothing we print is italic, and no Latin-only font may sneak in.
    styles: tuple[tuple[Literal[0, 1], Literal[0, 1]], ...] = ((0, 0), (0, 1), (1, 0), (1, 1))
    for bold, italic in styles:
        addMapping(REGULAR, bold, italic, BOLD if bold else REGULAR)
    _registered = True


def new_canvas(out: str | Path | IO[bytes], pagesize: tuple[float, float]) -> Canvas:
    """A Canvas whose initial font is DejaVu, so no unembedded Helvetica lands in the file."""
    register_fonts()
    return Canvas(
        out if not isinstance(out, Path) else str(out),
        pagesize=pagesize,
        initialFontName=REGULAR,  # type: ignore[arg-type]  # types-reportlab wants a number: it is a font name
        initialFontSize=9,
        pageCompression=1,
    )
