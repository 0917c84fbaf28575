"""Where a request's acknowledgement slip goes to paper: one function, so it can be re-routed
to the desk's single printing boundary without touching the page."""

from __future__ import annotations

from typing import Any


def print_slip(desk: Any, data: bytes, title: str, printer: Any = None) -> None:
    """Send the slip's PDF to the desk's A4 printer by the reports window's path (QtPdfPrinter).

    Raises PrintError (or the driver's error) when it cannot be printed; the caller shows it.
    """
    from desktop.desk_settings import BILL_PRINTER
    from desktop.views.pages.bills_page import default_printer

    # Until the desk has a printer setting for slips, they go where bills and reports go (A4).
    name = desk.settings.get(BILL_PRINTER) if getattr(desk, "settings", None) is not None else ""
    (printer or default_printer()).print_pdf(data, name, title)
