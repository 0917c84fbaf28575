<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="60" />
        <source>Billing run</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="60" />
        <source>Print the branch's bills</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="72" />
        <source>Start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="72" />
        <source>Print</source>
        <translation type="unfinished">Печать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="74" />
        <source>Cancel</source>
        <translation type="unfinished">Отмена</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="79" />
        <source>Period (YYYY-MM):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="80" />
        <source>Branch code (empty: all):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="80" />
        <source>Branch code:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="101" />
        <source>%1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="142" />
        <source>No printer is set for bills.</source>
        <translation>Принтер для счетов не выбран.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="159" />
        <source>Cancelling after the current batch…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="176" />
        <source>Saved %1 bills: %2</source>
        <translation>Сохранено счетов: %1 — %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="178" />
        <source>Cancelled: %1 of %2 bills were sent to the printer %3.</source>
        <translation>Отменено: на принтер %3 отправлено %1 из %2 счетов.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="181" />
        <source>Sent to the printer %1: %2 bills</source>
        <translation>Отправлено на принтер %1: %2 счетов</translation>
    </message>
</context>
<context>
    <name>BillsPage</name>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="205" />
        <source>Pre&amp;view</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="207" />
        <source>&amp;Print selected months</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="209" />
        <source>Billing run…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="211" />
        <source>Send by e-mail &amp;again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="213" />
        <source>Print branch bills…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="270" />
        <source>No bills for this account yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="282" />
        <location filename="../../desktop/views/pages/bills_page.py" line="333" />
        <source>Select a bill first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="294" />
        <source>Bill for %1, account %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="302" />
        <source>Select the months to print.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="327" />
        <source>Not printed: %1 Press Print to try again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="344" />
        <source>The bill for %1 is queued for e-mail.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="98" />
        <source>Close the cash shift (Z-report)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="106" />
        <source>Required when the count differs</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="112" />
        <source>Shift:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="113" />
        <source>Cash payments:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="115" />
        <source>Card payments:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="120" />
        <source>Expected cash in the drawer:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="121" />
        <source>&amp;Counted cash:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="122" />
        <source>Difference:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="123" />
        <source>C&amp;omment:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="155" />
        <source>The count differs from the expected cash: write a comment</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DocumentPreview</name>
    <message>
        <location filename="../../desktop/views/paper.py" line="330" />
        <source>&amp;Print (Ctrl+P)</source>
        <translation>&amp;Печать (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="333" />
        <source>&amp;Save PDF… (Ctrl+S)</source>
        <translation>&amp;Сохранить PDF… (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="336" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>MoneyDialog</name>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="66" />
        <source>Comment:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PaperJob</name>
    <message>
        <location filename="../../desktop/views/paper.py" line="145" />
        <source>Sent to the printer %1.</source>
        <translation>Отправлено на принтер %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="174" />
        <source>Not saved.</source>
        <translation>Не сохранено.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="179" />
        <source>Could not save the PDF: %1</source>
        <translation>Не удалось сохранить PDF: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="181" />
        <source>Saved: %1</source>
        <translation>Сохранено: %1</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="112" />
        <source>Open shift…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="114" />
        <source>X-report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="116" />
        <source>Close shift (Z)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="132" />
        <source>Cash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="133" />
        <source>Bank card (terminal)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="136" />
        <source>same as the amount</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="147" />
        <source>12 digits, "reference number" on the slip</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="151" />
        <source>6 characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="155" />
        <location filename="../../desktop/views/pages/payments_page.py" line="460" />
        <source>Take payment (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="170" />
        <source>&amp;Amount:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="173" />
        <source>&amp;Method:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="179" />
        <source>&amp;Cash received:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="182" />
        <source>Change:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="186" />
        <source>Card: &amp;last 4 digits:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="187" />
        <source>&amp;RRN:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="188" />
        <source>Authori&amp;zation code:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="220" />
        <source>Reprint receipt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="222" />
        <source>Return payment…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="224" />
        <source>&amp;Payments of this account:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="318" />
        <source>debt %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="322" />
        <source>bill %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="384" />
        <source>short by %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="427" />
        <source>Cash received: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="447" />
        <source>This account already paid %1 at %2. Take the same amount again?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="452" />
        <source>Not posted: the same amount was paid at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="537" />
        <source>No receipt to reprint for this account</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="540" />
        <source>Receipt %1 sent to the printer again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="450" />
        <source>Same amount again?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="460" />
        <source>Posting…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="475" />
        <source>Payment of %1 posted, receipt %2 in shift %3.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="479" />
        <source>Change: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="481" />
        <source>This payment was already posted (receipt %1); nothing was posted twice.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="560" />
        <source>Returned %1.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PrinterChoiceDialog</name>
    <message>
        <location filename="../../desktop/views/paper.py" line="88" />
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="95" />
        <source>No printer is installed on this computer: save the PDF and print it elsewhere.</source>
        <translation>На этом компьютере не установлен принтер: сохраните PDF и напечатайте его в другом месте.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="99" />
        <source>&amp;Print</source>
        <translation>&amp;Печать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="102" />
        <source>&amp;Save as PDF…</source>
        <translation>&amp;Сохранить PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="104" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="109" />
        <source>P&amp;rinter:</source>
        <translation>П&amp;ринтер:</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../../desktop/views/paper.py" line="54" />
        <source>Save as PDF</source>
        <translation>Сохранить PDF</translation>
    </message>
</context>
<context>
    <name>ReceiptLine</name>
    <message>
        <location filename="../../desktop/views/paper.py" line="263" />
        <source>Printing the receipt…</source>
        <translation>Печать чека…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="275" />
        <source>Receipt printed (printer %1)</source>
        <translation>Чек напечатан (принтер %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="281" />
        <source>Receipt not printed: %1 — retry (Ctrl+R)</source>
        <translation>Чек не напечатан: %1 — повторить (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="287" />
        <source>%1. Save the receipt as PDF instead?</source>
        <translation>%1. Сохранить чек в PDF вместо печати?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="288" />
        <source>Receipt not printed</source>
        <translation>Чек не напечатан</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="296" />
        <source>could not save the PDF: %1</source>
        <translation>не удалось сохранить PDF: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/paper.py" line="299" />
        <source>Receipt saved as PDF: %1 (not printed; Ctrl+R prints it)</source>
        <translation>Чек сохранён в PDF: %1 (не напечатан; Ctrl+R — напечатать)</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="43" />
        <source>Collections by day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="44" />
        <source>Collections by branch</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="45" />
        <source>Collections by desk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="46" />
        <source>Collections by operator</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="47" />
        <source>Collections by channel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="48" />
        <source>Debtors</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="84" />
        <source>Reports — EnergoDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="102" />
        <source>All branches</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="103" />
        <source>Show (F5)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="124" />
        <source>Preview…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="126" />
        <source>Print…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="128" />
        <source>Save as Excel (XLSX)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="130" />
        <source>Save as CSV…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="132" />
        <source>Close</source>
        <translation type="unfinished">Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="136" />
        <source>&amp;Report:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="136" />
        <source>&amp;From:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="137" />
        <source>&amp;To:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="137" />
        <source>Debt older than, &amp;months:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="138" />
        <source>&amp;Branch:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="185" />
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="223" />
        <source>Save the report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="234" />
        <source>Saved: %1 (%2 rows)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="59" />
        <source>Return a payment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="69" />
        <source>Payment of %1, %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="71" />
        <source>&amp;Reason:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="72" />
        <source>Senior operator &amp;login:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="73" />
        <source>Senior operator &amp;password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="88" />
        <source>Write the reason</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="54" />
        <source>Desk settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="58" />
        <source>empty: the local file of this desk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="62" />
        <source>stored in the system keyring</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="70" />
        <source>Printer for bills (A4):</source>
        <translation>Принтер для счетов (A4):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="71" />
        <source>Printer for receipts (80 mm roll):</source>
        <translation>Принтер для чеков (лента 80 мм):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="72" />
        <source>Printer for reports (A4):</source>
        <translation>Принтер для отчётов (A4):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="121" />
        <source>(ask each time)</source>
        <translation>(спрашивать)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="125" />
        <source>%1 (not in the system)</source>
        <translation>%1 (нет в системе)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="77" />
        <source>Test print</source>
        <translation>Пробная печать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="134" />
        <source>No printer is installed: documents can be saved as PDF.</source>
        <translation>Принтер не установлен: документы можно сохранить в PDF.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="93" />
        <source>A new database address takes effect at the next start.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="97" />
        <source>Database address:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="98" />
        <source>Database password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="99" />
        <source>Branch code:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="100" />
        <source>Desk name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="143" />
        <source>Only an administrator may change the desk settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="150" />
        <source>Not a database address, e.g. postgresql://desk@server/energodesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="153" />
        <source>Only SQLite and PostgreSQL are supported</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="156" />
        <source>Do not put the password into the address; use the password field</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="176" />
        <source>Choose a printer first</source>
        <translation>Сначала выберите принтер</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="179" />
        <source>Sending a test page to %1…</source>
        <translation>Пробная страница отправляется на %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="182" />
        <source>Test page sent to %1.</source>
        <translation>Пробная страница отправлена на %1.</translation>
    </message>
</context>
<context>
    <name>ShiftController</name>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="197" />
        <source>Cash shift: closed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="199" />
        <source>Cash shift %1 open since %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="201" />
        <source>older than 24 h: close it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="216" />
        <source>&amp;Cash</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="219" />
        <source>&amp;Open shift…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="220" />
        <source>&amp;X-report</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="221" />
        <source>Cash &amp;in…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="222" />
        <source>Cash o&amp;ut…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="223" />
        <source>&amp;Close shift (Z-report)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="224" />
        <source>&amp;Reprint last report</source>
        <translation>&amp;Повторить печать отчёта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="250" />
        <source>Open the cash shift</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="250" />
        <source>Opening &amp;float (cash in the drawer):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="259" />
        <source>Shift %1 is open</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="262" />
        <source>Cash in (float top-up)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="265" />
        <source>Cash out (collection)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="273" />
        <source>&amp;Amount:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="278" />
        <source>Recorded. Expected cash in the drawer: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="307" />
        <source>%1-report printed (printer %2)</source>
        <translation>%1-отчёт напечатан (принтер %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="316" />
        <source>%1-report not printed: %2 Reprint: Cash &gt; Reprint last report.</source>
        <translation>%1-отчёт не напечатан: %2 Повторить: Касса &gt; Повторить печать отчёта.</translation>
    </message>
</context>
</TS>