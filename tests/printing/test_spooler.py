"""The printing boundary against a real CUPS server with a cups-pdf queue: what the printer got."""

from __future__ import annotations

import pytest
from cups_fixtures import page_size_pt, pdf_text, qr_payloads

from desktop.printing.bill_pdf import render_bill
from desktop.printing.receipt_pdf import render_receipt
from desktop.printing.samples import sample_bill, sample_receipt, sample_shift_report
from desktop.printing.shift_report_pdf import render_shift_report
from desktop.printing.spooler import (
    BILLS,
    RECEIPTS,
    CupsSpooler,
    NoPrinterError,
    PrintError,
    PrintService,
    page_size,
)

ROLL_WIDTH_PT = 80 / 25.4 * 72


def test_a_bill_arrives_as_vector_a4_with_its_qr_code(cups_pdf, tmp_path):
    bill = sample_bill()
    service = PrintService({BILLS: cups_pdf.name})
    pdf = render_bill(bill)
    original = tmp_path / "bill.pdf"
    original.write_bytes(pdf)
    done = service.print_pdf(pdf, BILLS, title="Счёт")
    assert done.printer == cups_pdf.name and done.job.startswith(cups_pdf.name)
    (printed,) = cups_pdf.printed()
    width, height = page_size_pt(printed)
    assert (round(width), round(height)) == (595, 842)
    assert bill.account in pdf_text(printed).replace(" ", "")
    # The same payload as the bill PDF's QR code, twice (bill and payment slip).
    assert qr_payloads(printed, tmp_path) == qr_payloads(original, tmp_path) == bill.qr_payload.encode() * 2
    assert printed.stat().st_size < 300_000  # a vector job, not a 300-dpi picture (878 KB)


def test_receipt_and_z_report_come_out_on_the_80_mm_roll(cups_pdf):
    service = PrintService({RECEIPTS: cups_pdf.name})
    receipt = render_receipt(sample_receipt())
    service.print_pdf(receipt, RECEIPTS, title="Чек")  # waits until the job completed
    service.print_pdf(render_shift_report(sample_shift_report("Z")), RECEIPTS, title="Z")
    first, second = cups_pdf.printed(2)
    for path in (first, second):
        width, _height = page_size_pt(path)
        assert abs(width - ROLL_WIDTH_PT) < 1.5
    assert page_size(receipt) is not None and abs(page_size(receipt)[0] - ROLL_WIDTH_PT) < 0.5
    assert "6315999901" in pdf_text(first)  # the seller's INN on the sample receipt


def test_disabled_then_enabled_printer(cups_pdf):
    service = PrintService({RECEIPTS: cups_pdf.name})
    cups_pdf.disable()
    with pytest.raises(PrintError, match="остановлен"):
        service.print_pdf(render_receipt(sample_receipt()), RECEIPTS)
    cups_pdf.enable()
    service.print_pdf(render_receipt(sample_receipt()), RECEIPTS)
    assert len(cups_pdf.printed()) == 1


def test_removed_printer_and_no_printer_chosen(cups_pdf):
    name = cups_pdf.name
    cups_pdf.remove()
    with pytest.raises(PrintError, match=f"Принтера «{name}» нет в системе"):
        PrintService({BILLS: name}).print_pdf(render_bill(sample_bill()), BILLS)
    cups_pdf.add()
    with pytest.raises(NoPrinterError) as error:
        PrintService({}).print_pdf(render_bill(sample_bill()), BILLS)
    assert name in error.value.installed and "не выбран" in str(error.value)
    assert name in CupsSpooler().printers()


def test_not_a_pdf_is_refused_before_the_spooler():
    with pytest.raises(PrintError, match="не PDF"):
        PrintService({BILLS: "any"}).print_pdf(b"hello", BILLS)
