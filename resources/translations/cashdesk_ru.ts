<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>CloseShiftDialog</name>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="107" />
        <source>Close the cash shift (Z-report)</source>
        <translation>Закрытие кассовой смены (Z-отчёт)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="115" />
        <source>Required when the count differs</source>
        <translation>Обязателен при расхождении</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="118" />
        <source>Shift:</source>
        <translation>Смена:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="119" />
        <source>Cash payments:</source>
        <translation>Оплаты наличными:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="121" />
        <source>Card payments:</source>
        <translation>Оплаты картой:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="126" />
        <source>Expected cash in the drawer:</source>
        <translation>Должно быть в кассе:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="127" />
        <source>&amp;Counted cash:</source>
        <translation>&amp;Пересчитано наличных:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="128" />
        <source>Difference:</source>
        <translation>Расхождение:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="129" />
        <source>C&amp;omment:</source>
        <translation>&amp;Комментарий:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="160" />
        <source>The count differs from the expected cash: write a comment</source>
        <translation>Пересчёт не сходится с ожидаемой суммой: напишите комментарий</translation>
    </message>
</context>
<context>
    <name>MoneyDialog</name>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="76" />
        <source>Comment:</source>
        <translation>Комментарий:</translation>
    </message>
</context>
<context>
    <name>PaymentsModel</name>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="14" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="15" />
        <source>Document</source>
        <translation>Документ</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="16" />
        <source>Method</source>
        <translation>Способ</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="17" />
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="18" />
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="19" />
        <source>Shift</source>
        <translation>Смена</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="20" />
        <source>Receipt</source>
        <translation>Чек</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="21" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="24" />
        <source>payment</source>
        <translation>оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="25" />
        <source>reversal</source>
        <translation>сторно</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="26" />
        <source>refund</source>
        <translation>возврат</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="29" />
        <source>cash</source>
        <translation>наличные</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="30" />
        <source>card</source>
        <translation>карта</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="31" />
        <source>bank</source>
        <translation>банк</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="32" />
        <source>online</source>
        <translation>онлайн</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="35" />
        <source>posted</source>
        <translation>проведён</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="36" />
        <source>reversed</source>
        <translation>сторнирован</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="37" />
        <source>refunded</source>
        <translation>возвращён</translation>
    </message>
    <message>
        <location filename="../../desktop/models/payments_model.py" line="38" />
        <source>receipt not printed</source>
        <translation>чек не напечатан</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="114" />
        <source>Open shift…</source>
        <translation>Открыть смену…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="116" />
        <source>X-report</source>
        <translation>X-отчёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="118" />
        <source>Close shift (Z)…</source>
        <translation>Закрыть смену (Z)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="134" />
        <source>Cash</source>
        <translation>Наличные</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="135" />
        <source>Bank card (terminal)</source>
        <translation>Банковская карта (терминал)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="138" />
        <source>same as the amount</source>
        <translation>равно сумме</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="149" />
        <source>12 digits, "reference number" on the slip</source>
        <translation>12 цифр, «номер ссылки» на чеке терминала</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="153" />
        <source>6 characters</source>
        <translation>6 символов</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="154" />
        <location filename="../../desktop/views/pages/payments_page.py" line="441" />
        <source>Take payment (Enter)</source>
        <translation>Принять оплату (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="166" />
        <source>&amp;Amount:</source>
        <translation>&amp;Сумма:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="169" />
        <source>&amp;Method:</source>
        <translation>С&amp;пособ:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="175" />
        <source>&amp;Cash received:</source>
        <translation>По&amp;лучено наличными:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="178" />
        <source>Change:</source>
        <translation>Сдача:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="182" />
        <source>Card: &amp;last 4 digits:</source>
        <translation>Карта: п&amp;оследние 4 цифры:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="183" />
        <source>&amp;RRN:</source>
        <translation>&amp;RRN:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="184" />
        <source>Authori&amp;zation code:</source>
        <translation>Код &amp;авторизации:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="215" />
        <source>Reprint receipt</source>
        <translation>Повторить чек</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="217" />
        <source>Return payment…</source>
        <translation>Возврат оплаты…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="219" />
        <source>&amp;Payments of this account:</source>
        <translation>&amp;Платежи по лицевому счёту:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="298" />
        <source>debt %1</source>
        <translation>долг %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="300" />
        <source>bill %1: %2</source>
        <translation>счёт за %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="358" />
        <source>short by %1</source>
        <translation>не хватает %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="398" />
        <source>Cash received: %1</source>
        <translation>Получено: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="418" />
        <source>This account already paid %1 at %2. Take the same amount again?</source>
        <translation>По этому счёту уже оплачено %1 в %2. Принять ту же сумму ещё раз?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="422" />
        <source>Not posted: the same amount was paid at %1</source>
        <translation>Не проведено: та же сумма уже оплачена в %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="433" />
        <source>Same amount again?</source>
        <translation>Та же сумма ещё раз?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="441" />
        <source>Posting…</source>
        <translation>Проводится…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="457" />
        <source>Payment of %1 posted, receipt %2 in shift %3.</source>
        <translation>Оплата %1 проведена, чек № %2, смена № %3.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="461" />
        <source>Change: %1</source>
        <translation>Сдача: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="463" />
        <source>This payment was already posted (receipt %1); nothing was posted twice.</source>
        <translation>Эта оплата уже проведена (чек № %1); повторно ничего не проведено.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="486" />
        <source>The receipt was not printed (%1). The payment is posted; use "Reprint receipt".</source>
        <translation>Чек не напечатан (%1). Оплата проведена; нажмите «Повторить чек».</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="524" />
        <source>Returned %1.</source>
        <translation>Возвращено %1.</translation>
    </message>
</context>
<context>
    <name>ReverseDialog</name>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="63" />
        <source>Return a payment</source>
        <translation>Возврат оплаты</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="73" />
        <source>Payment of %1, %2</source>
        <translation>Оплата %1 от %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="75" />
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="76" />
        <source>Senior operator &amp;login:</source>
        <translation>&amp;Логин старшего оператора:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="77" />
        <source>Senior operator &amp;password:</source>
        <translation>П&amp;ароль старшего оператора:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/payments_page.py" line="91" />
        <source>Write the reason</source>
        <translation>Укажите причину</translation>
    </message>
</context>
<context>
    <name>ShiftController</name>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="198" />
        <source>Cash shift: closed</source>
        <translation>Кассовая смена: закрыта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="200" />
        <source>Cash shift %1 open since %2</source>
        <translation>Смена %1 открыта с %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="202" />
        <source>older than 24 h: close it</source>
        <translation>больше 24 ч: закройте её</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="217" />
        <source>&amp;Cash</source>
        <translation>&amp;Касса</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="219" />
        <source>&amp;Open shift…</source>
        <translation>&amp;Открыть смену…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="220" />
        <source>&amp;X-report</source>
        <translation>&amp;X-отчёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="221" />
        <source>Cash &amp;in…</source>
        <translation>&amp;Внесение…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="222" />
        <source>Cash o&amp;ut…</source>
        <translation>&amp;Изъятие…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="223" />
        <source>&amp;Close shift (Z-report)…</source>
        <translation>&amp;Закрыть смену (Z-отчёт)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="234" />
        <source>Open the cash shift</source>
        <translation>Открытие кассовой смены</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="234" />
        <source>Opening &amp;float (cash in the drawer):</source>
        <translation>&amp;Размен (наличные в кассе):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="244" />
        <source>Shift %1 is open</source>
        <translation>Смена %1 открыта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="247" />
        <source>Cash in (float top-up)</source>
        <translation>Внесение наличных</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="250" />
        <source>Cash out (collection)</source>
        <translation>Изъятие наличных (инкассация)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="253" />
        <source>&amp;Amount:</source>
        <translation>&amp;Сумма:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="258" />
        <source>Recorded. Expected cash in the drawer: %1</source>
        <translation>Записано. В кассе должно быть %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/cash_shift.py" line="281" />
        <source>%1-report printed (%2)</source>
        <translation>%1-отчёт напечатан (%2)</translation>
    </message>
</context>
</TS>