<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="565" />
        <source>Operations taken offline</source>
        <translation>Операции, принятые без связи</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="569" />
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="569" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="569" />
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="569" />
        <source>Account</source>
        <translation>Лицевой счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="570" />
        <source>Amount</source>
        <translation>Сумма или показания</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="570" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="574" />
        <source>Send &amp;again on top of the shared data</source>
        <translation>Отправить &amp;снова поверх общих данных</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="577" />
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="583" />
        <source>&amp;Mark as settled with the customer</source>
        <translation>&amp;Урегулировано с клиентом</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="589" />
        <source>Conflicts are never dropped: a payment refused (account closed, shift closed) stays here until a senior operator settles it with the customer; a reading entered elsewhere meanwhile can be sent again on top of it after checking both; a shift whose totals differ from its offline Z-report is closed on the shared totals. Each decision takes a senior operator's password.</source>
        <translation>Конфликты не теряются: отклонённая оплата (счёт закрыт, смена закрыта) остаётся здесь, пока старший оператор не урегулирует её с клиентом; показания, введённые за это время в другом месте, можно отправить снова поверх них, сверив оба; смена, итоги которой в базе расходятся с Z-отчётом без связи, закрывается по итогам базы. Каждое решение — по паролю старшего оператора.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="604" />
        <source>Senior operator's &amp;login:</source>
        <translation>&amp;Логин старшего оператора:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="605" />
        <source>Senior operator's &amp;password:</source>
        <translation>&amp;Пароль старшего оператора:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="615" />
        <source>shift opened</source>
        <translation>открытие смены</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="616" />
        <source>shift closed</source>
        <translation>закрытие смены</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="641" />
        <source>A senior operator enters their login and password to decide</source>
        <translation>Решение принимает старший оператор: введите его логин и пароль</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="615" />
        <source>payment</source>
        <translation>оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="615" />
        <source>readings</source>
        <translation>показания</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="638" />
        <source>Choose an operation in conflict</source>
        <translation>Выберите операцию с конфликтом</translation>
    </message>
</context>
<context>
    <name>OfflineController</name>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="117" />
        <source>&amp;Link</source>
        <translation>&amp;Связь</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="119" />
        <source>&amp;Refresh the local copy now</source>
        <translation>&amp;Обновить локальную копию сейчас</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="120" />
        <source>&amp;Operations taken offline…</source>
        <translation>&amp;Операции без связи…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/offline_mode.py" line="132" />
        <source>No link — working offline, %n operation(s) waiting to be sent</source>
        <translation>
            <numerusform>Нет связи — автономная работа, %n операция ждёт отправки</numerusform>
            <numerusform>Нет связи — автономная работа, %n операции ждут отправки</numerusform>
            <numerusform>Нет связи — автономная работа, %n операций ждут отправки</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/offline_mode.py" line="135" />
        <source>Sending %n operation(s) taken offline…</source>
        <translation>
            <numerusform>Отправляется %n операция, принятая без связи…</numerusform>
            <numerusform>Отправляются %n операции, принятые без связи…</numerusform>
            <numerusform>Отправляются %n операций, принятых без связи…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="138" />
        <source>Link to the shared database: ok</source>
        <translation>Связь с общей базой в порядке</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/offline_mode.py" line="141" />
        <source>; %n conflict(s) for a senior operator</source>
        <translation>
            <numerusform>; %n конфликт ждёт старшего оператора</numerusform>
            <numerusform>; %n конфликта ждут старшего оператора</numerusform>
            <numerusform>; %n конфликтов ждут старшего оператора</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="160" />
        <source>No link to the database and no local copy of the branch: offline work is impossible</source>
        <translation>Нет связи с базой данных и нет локальной копии филиала: автономная работа невозможна</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="248" />
        <source>Link restored: %1 operation(s) sent, %2 conflict(s)</source>
        <translation>Связь восстановлена: отправлено операций — %1, конфликтов — %2</translation>
    </message>
</context>
<context>
    <name>OfflinePage</name>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="329" />
        <source>Account</source>
        <translation>Лицевой счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="329" />
        <source>Customer</source>
        <translation>Абонент</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="330" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="330" />
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="331" />
        <source>Meter</source>
        <translation>Счётчик</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="334" />
        <source>Readings (offline)</source>
        <translation>Показания (без связи)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="338" />
        <location filename="../../desktop/views/offline_mode.py" line="468" />
        <source>Reason, if the reading is unusual</source>
        <translation>Причина, если показания необычные</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="339" />
        <location filename="../../desktop/views/offline_mode.py" line="470" />
        <source>Save readings</source>
        <translation>Сохранить показания</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="344" />
        <source>Payment (offline)</source>
        <translation>Оплата (без связи)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="350" />
        <source>Cash</source>
        <translation>Наличные</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="351" />
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="360" />
        <source>Amount, ₽</source>
        <translation>Сумма, ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="360" />
        <source>Method</source>
        <translation>Способ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="361" />
        <source>Cash received, ₽</source>
        <translation>Получено наличными, ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="362" />
        <source>Card: last 4 digits</source>
        <translation>Карта: 4 последние цифры</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="363" />
        <source>RRN</source>
        <translation>RRN</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="363" />
        <source>Authorisation code</source>
        <translation>Код авторизации</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="366" />
        <source>Take payment</source>
        <translation>Принять оплату</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="403" />
        <source>Working offline from the local copy of %1</source>
        <translation>Автономная работа по локальной копии от %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="422" />
        <source>Nothing found in the local copy of the branch</source>
        <translation>В локальной копии филиала ничего не найдено</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="454" />
        <source>  (including %1 taken offline)</source>
        <translation>  (в том числе %1 принято без связи)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="457" />
        <source>№ %1, last readings %2</source>
        <translation>№ %1, последние показания %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="469" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="492" />
        <source>  — saved offline, will be sent when the link is back</source>
        <translation>  — сохранено без связи, будет отправлено при восстановлении связи</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="540" />
        <source>Payment of %1 taken offline (operation %2).</source>
        <translation>Оплата %1 принята без связи (операция %2).</translation>
    </message>
</context>
<context>
    <name>OfflineShiftBox</name>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="21" />
        <source>Cash shift (offline)</source>
        <translation>Кассовая смена (без связи)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="26" />
        <source>&amp;Open shift…</source>
        <translation>&amp;Открыть смену…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="29" />
        <source>&amp;X-report</source>
        <translation>&amp;X-отчёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="32" />
        <source>&amp;Close shift (Z-report)…</source>
        <translation>&amp;Закрыть смену (Z-отчёт)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="56" />
        <source>No shift open: open one to take money</source>
        <translation>Смена не открыта: откройте её, чтобы принимать оплату</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="58" />
        <source>Shift opened offline at %1, float %2</source>
        <translation>Смена открыта без связи в %1, в кассе на начало %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="61" />
        <source>Shift %1 opened before the link dropped</source>
        <translation>Смена %1 открыта до потери связи</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="89" />
        <source>Shift opened offline (operation %1)</source>
        <translation>Смена открыта без связи (операция %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="123" />
        <source>Shift closed offline (operation %1)</source>
        <translation>Смена закрыта без связи (операция %1)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="137" />
        <source>%1-report printed (printer %2)</source>
        <translation>%1-отчёт напечатан (принтер %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_shift_box.py" line="139" />
        <source>%1-report not printed: %2</source>
        <translation>%1-отчёт не напечатан: %2</translation>
    </message>
</context>
</TS>