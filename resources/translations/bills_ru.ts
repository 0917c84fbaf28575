<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>BatchDialog</name>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="97" />
        <source>Billing run</source>
        <translation>Расчёт начислений</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="97" />
        <source>Print the branch's bills</source>
        <translation>Печать счетов отделения</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="109" />
        <source>Start</source>
        <translation>Начать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="109" />
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="111" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="116" />
        <source>Period (YYYY-MM):</source>
        <translation>Период (ГГГГ-ММ):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="117" />
        <source>Branch code (empty: all):</source>
        <translation>Код отделения (пусто — все):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="117" />
        <source>Branch code:</source>
        <translation>Код отделения:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="138" />
        <source>%1 of %2</source>
        <translation>%1 из %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="163" />
        <source>Cancelling after the current batch…</source>
        <translation>Отмена после текущей порции…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="180" />
        <source>Cancelled; nothing was printed.</source>
        <translation>Отменено; ничего не напечатано.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="187" />
        <source>Sent to the printer: %1 bills</source>
        <translation>Отправлено на принтер счетов: %1</translation>
    </message>
</context>
<context>
    <name>BillsModel</name>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="43" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="43" />
        <source>Amount due</source>
        <translation>К оплате</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="43" />
        <source>Paid</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="43" />
        <source>Basis</source>
        <translation>Способ расчёта</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="44" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="58" />
        <source>paid</source>
        <translation>оплачен</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="58" />
        <source>not paid</source>
        <translation>не оплачен</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="61" />
        <source>by meter</source>
        <translation>по показаниям</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="61" />
        <source>by average</source>
        <translation>по среднему</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="62" />
        <source>by norm</source>
        <translation>по нормативу</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="82" />
        <source>queued</source>
        <translation>в очереди</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="84" />
        <source>sent</source>
        <translation>отправлен</translation>
    </message>
    <message>
        <location filename="../../desktop/models/bills_model.py" line="86" />
        <source>failed: %1</source>
        <translation>не отправлен: %1</translation>
    </message>
</context>
<context>
    <name>BillsPage</name>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="243" />
        <source>Pre&amp;view</source>
        <translation>Про&amp;смотр</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="245" />
        <source>&amp;Print selected months</source>
        <translation>&amp;Печать выбранных месяцев</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="247" />
        <source>Billing run…</source>
        <translation>Расчёт начислений…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="249" />
        <source>Send by e-mail &amp;again</source>
        <translation>Отправить по e-mail &amp;снова</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="251" />
        <source>Print branch bills…</source>
        <translation>Печать счетов отделения…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="299" />
        <source>No bills for this account yet.</source>
        <translation>По этому лицевому счёту счетов пока нет.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="311" />
        <location filename="../../desktop/views/pages/bills_page.py" line="359" />
        <source>Select a bill first.</source>
        <translation>Сначала выберите счёт.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="323" />
        <source>Bill for %1, account %2</source>
        <translation>Счёт за %1, лицевой счёт %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="331" />
        <source>Select the months to print.</source>
        <translation>Выберите месяцы для печати.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="350" />
        <source>Not printed: %1 Press Print to try again.</source>
        <translation>Не напечатано: %1 Нажмите «Печать», чтобы повторить.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="353" />
        <source>Sent to the printer: %1</source>
        <translation>Отправлено на принтер: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="370" />
        <source>The bill for %1 is queued for e-mail.</source>
        <translation>Счёт за %1 поставлен в очередь на отправку по e-mail.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../desktop/views/pages/bills_page.py" line="73" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>QtPrint</name>
    <message>
        <location filename="../../desktop/printing/qt_print.py" line="39" />
        <source>Printer "%1" is not available. Check that it is on and connected, or choose another printer in the settings.</source>
        <translation>Принтер «%1» недоступен. Проверьте, что он включён и подключён, или выберите другой принтер в настройках.</translation>
    </message>
    <message>
        <location filename="../../desktop/printing/qt_print.py" line="45" />
        <source>No printer is installed on this computer.</source>
        <translation>На этом компьютере не установлен ни один принтер.</translation>
    </message>
    <message>
        <location filename="../../desktop/printing/qt_print.py" line="48" />
        <source>Printing was cancelled.</source>
        <translation>Печать отменена.</translation>
    </message>
    <message>
        <location filename="../../desktop/printing/qt_print.py" line="65" />
        <source>The bill could not be prepared for printing.</source>
        <translation>Не удалось подготовить счёт к печати.</translation>
    </message>
    <message>
        <location filename="../../desktop/printing/qt_print.py" line="69" />
        <source>The printer did not accept the job. Check the printer and try again.</source>
        <translation>Принтер не принял задание. Проверьте принтер и повторите.</translation>
    </message>
    <message>
        <location filename="../../desktop/printing/qt_print.py" line="76" />
        <source>The printer stopped in the middle of the job.</source>
        <translation>Принтер остановился посреди задания.</translation>
    </message>
</context>
</TS>