"""The acknowledgement slip for a customer request (A5): number, date, kind, text, due date and
how to ask about it; the bill's DejaVu fonts embedded, nothing else."""

from __future__ import annotations

import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop.core.payment_qr import PayeeDetails
from desktop.core.request_kinds import CHANNEL_NAMES, TYPE_NAMES
from desktop.printing.fonts import BOLD, REGULAR, register_fonts

MARGIN = 12 * mm


@dataclass(frozen=True)
class SlipDocument:
    """What the slip says; ``request`` is a services.requests.RequestInfo."""

    request: object
    payee: PayeeDetails
    branch_address: str
    printed_at: str


class _DejaVuCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """The document template starts every canvas in Helvetica (left unembedded): DejaVu instead."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs["initialFontName"] = REGULAR
        kwargs["initialFontSize"] = 9
        super().__init__(*args, **kwargs)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=REGULAR, fontSize=9, leading=11.5)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=12, leading=15, spaceAfter=2),
        "number": ParagraphStyle("number", parent=base, fontName=BOLD, fontSize=16, leading=20, spaceAfter=4),
        "label": ParagraphStyle("label", parent=base, fontName=BOLD),
    }


def render_slip(doc: SlipDocument) -> bytes:
    """The slip as PDF bytes (A5 portrait; a long text continues on a second page)."""
    register_fonts()
    r = doc.request
    st = _styles()
    out = io.BytesIO()
    pdf = SimpleDocTemplate(out, pagesize=A5, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN, title=f"Обращение {r.number}", author=doc.payee.name)
    rows = [
        ("Дата регистрации", r.registered_at.strftime("%d.%m.%Y %H:%M")),
        ("Вид обращения", TYPE_NAMES.get(r.type, r.type)),
        ("Лицевой счёт", r.account),
        ("Заявитель", r.customer_name),
        ("Способ ответа", CHANNEL_NAMES.get(r.channel, r.channel)),
        ("Принял", r.registered_by or "—"),
        ("Срок ответа", f"не позднее {r.due_on:%d.%m.%Y}"),
    ]
    table = Table([[Paragraph(escape(k), st["label"]), Paragraph(escape(v), st["base"])] for k, v in rows],
                  colWidths=[38 * mm, None])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    text = "<br/>".join(escape(line) for line in r.text.splitlines())
    p = doc.payee
    how = (f"Узнать, как рассматривается обращение, можно по его номеру: в любом центре обслуживания "
           f"{escape(p.name)}, по телефону {escape(p.phone)}, по электронной почте {escape(p.email)} "
           f"или на сайте {escape(p.website)}. Ответ будет дан способом, указанным выше.")
    story = [
        Paragraph(escape(p.name), st["small"]),
        Paragraph(escape(f"{r.branch_name}, {doc.branch_address}".rstrip(", ")), st["small"]),
        Spacer(1, 4 * mm),
        Paragraph("Талон о регистрации обращения", st["title"]),
        Paragraph(f"№ {escape(r.number)}", st["number"]),
        table,
        Spacer(1, 3 * mm),
        Paragraph("Текст обращения", st["label"]),
        Paragraph(text, st["base"]),
        Spacer(1, 4 * mm),
        Paragraph(how, st["small"]),
        Spacer(1, 2 * mm),
        Paragraph(escape(f"Напечатано {doc.printed_at}"), st["small"]),
    ]
    pdf.build(story, canvasmaker=_DejaVuCanvas)
    return out.getvalue()
