"""The fiscal register (ККТ, 54-FZ) behind an interface; the built-in one is an emulator.

A real register driver (ATOL, Shtrih-M...) implements ``FiscalRegister`` and is passed to
the payment services instead of ``EmulatorRegister``. The services call it after the payment
has committed, once per payment (desktop.services.payments.fiscalize). The emulator numbers receipts within
the shift (CashShift.receipts_issued) and marks every document as not fiscal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from desktop.db.models import CashShift

OPERATION_INCOME = "Приход"
OPERATION_INCOME_REFUND = "Возврат прихода"
NOT_FISCAL_NOTE = "НЕ ЯВЛЯЕТСЯ ФИСКАЛЬНЫМ ДОКУМЕНТОМ (эмулятор ККТ)"


@dataclass(frozen=True)
class FiscalFields:
    """What the register returns for one receipt (printed on it, 54-FZ art. 4.7)."""

    receipt_number: int  # within the shift
    shift_number: int
    fd_number: str  # ФД: fiscal document number
    fpd: str  # ФПД: fiscal sign
    fn_number: str  # ФН: fiscal storage serial
    kkt_reg_number: str  # registration number of the register
    emulated: bool  # True: not a fiscal document

    @property
    def note(self) -> str:
        return NOT_FISCAL_NOTE if self.emulated else ""


class FiscalRegister(Protocol):
    """A cash register. ``register`` is called once per payment, after the payment's own
    transaction has committed (a retried transaction never reaches the register), inside a short
    transaction that only records the receipt number; ``key`` names the payment
    ("payment:123"), so a real driver can find a document it already printed for it instead of
    printing a second one. ``recall`` reads an issued document again for a copy."""

    emulated: bool

    def register(
        self, shift: CashShift, operation: str, amount_kopecks: int, method: str, at: datetime, key: str
    ) -> FiscalFields: ...

    def recall(self, shift: CashShift, receipt_number: int) -> FiscalFields: ...


class EmulatorRegister:
    """The built-in register: numbers receipts per shift; FD and FPD are derived, not fiscal."""

    emulated = True
    FN_NUMBER = "9999000000000000"  # an obviously fake fiscal storage serial
    KKT_REG_NUMBER = "0000000000000000"

    def register(
        self, shift: CashShift, operation: str, amount_kopecks: int, method: str, at: datetime, key: str
    ) -> FiscalFields:
        # The counter lives in the shift row, locked by the caller: it moves with the transaction.
        shift.receipts_issued = (shift.receipts_issued or 0) + 1
        return self.recall(shift, shift.receipts_issued)

    def recall(self, shift: CashShift, receipt_number: int) -> FiscalFields:
        fd = shift.id * 10_000 + receipt_number
        digest = hashlib.sha256(f"emulator:{shift.id}:{receipt_number}".encode()).hexdigest()
        fpd = "ЭМУЛ-" + str(int(digest[:12], 16) % 10**10).zfill(10)
        return FiscalFields(
            receipt_number, shift.number, str(fd), fpd, self.FN_NUMBER, self.KKT_REG_NUMBER, True
        )


DEFAULT_REGISTER: FiscalRegister = EmulatorRegister()
