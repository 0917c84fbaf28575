"""`energodesk bill print` on a real cups-pdf queue: the desk's printing path, one-line failures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from cups_fixtures import page_size_pt, pdf_text

from desktop.services import bill_documents
from desktop.services.accounts import list_accounts


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-m", "desktop", *argv], capture_output=True, text=True,
                          timeout=120, env=env, cwd=root, check=False)


def _billed(admin_ctx) -> tuple[str, str]:
    for number in list_accounts(admin_ctx, 50):
        bills = bill_documents.bills_for_account(admin_ctx, number)
        if bills:
            return number, bills[0].period
    raise AssertionError("the demo has no bills")


def _one_line_exit_2(done: subprocess.CompletedProcess[str], words: str) -> None:
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert words in done.stderr and done.stdout == ""


def test_bill_print_to_the_named_and_to_the_settings_printer(db, demo_logins, admin_ctx, database_url, cups_pdf):
    number, period = _billed(admin_ctx)
    done = _cli("bill", "print", number, "--period", period, "--printer", cups_pdf.name, "--database", database_url)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"напечатан на принтере {cups_pdf.name} (задание {cups_pdf.name}-")
    (paper,) = cups_pdf.printed()
    assert [round(v) for v in page_size_pt(paper)] == [595, 842] and number in pdf_text(paper).replace(" ", "")

    # No --printer: the desk settings' [printers] bills, as CONTRACTS.md describes the INI file.
    config = Path(os.environ["ENERGODESK_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    (config / "energodesk.ini").write_text(f"[printers]\nbills={cups_pdf.name}\nreceipts=\n")
    done = _cli("bill", "print", number, "--period", period, "--database", database_url)
    assert done.returncode == 0 and cups_pdf.name in done.stdout, done.stderr
    assert len(cups_pdf.printed()) == 1


def test_bill_print_failures_are_one_line(db, demo_logins, admin_ctx, database_url, cups_pdf):
    number, period = _billed(admin_ctx)
    _one_line_exit_2(_cli("bill", "print", number, "--period", period, "--database", database_url), "--printer")
    cups_pdf.disable()
    _one_line_exit_2(_cli("bill", "print", number, "--period", period, "--printer", cups_pdf.name,
                          "--database", database_url), "остановлен")
    _one_line_exit_2(_cli("bill", "print", number, "--period", period, "--printer", "no-such-printer",
                          "--database", database_url), "нет в системе")
    _one_line_exit_2(_cli("bill", "print", "12345", "--period", period, "--printer", cups_pdf.name,
                          "--database", database_url), "12 цифр")
    cups_pdf.enable()
    done = _cli("bill", "print", number, "--period", period, "--printer", cups_pdf.name, "--database", database_url)
    assert done.returncode == 0, done.stderr
