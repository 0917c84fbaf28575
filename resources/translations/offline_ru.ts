<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="460" />
        <source>Operations taken offline</source>
        <translation>Операции, принятые без связи</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="464" />
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="464" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="464" />
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="464" />
        <source>Account</source>
        <translation>Лицевой счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="465" />
        <source>Amount</source>
        <translation>Сумма или показания</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="465" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="469" />
        <source>Send &amp;again on top of the shared data</source>
        <translation>Отправить &amp;снова поверх общих данных</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="472" />
        <source>&amp;Close</source>
        <translation>&amp;Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="478" />
        <source>&amp;Mark as settled with the customer</source>
        <translation>&amp;Урегулировано с клиентом</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="484" />
        <source>Conflicts are never dropped: a payment refused (account closed, shift closed) stays here until a senior operator settles it with the customer; a reading entered elsewhere meanwhile can be sent again on top of it after checking both.</source>
        <translation>Конфликты не теряются: отклонённая оплата (счёт закрыт, смена закрыта) остаётся здесь, пока старший оператор не урегулирует её с клиентом; показания, если другие были введены в это время в другом месте, можно отправить снова поверх них, сверив оба.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="501" />
        <source>payment</source>
        <translation>оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="501" />
        <source>readings</source>
        <translation>показания</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="513" />
        <source>Only a senior operator may settle a conflict</source>
        <translation>Конфликт решает только старший оператор</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="517" />
        <location filename="../../desktop/views/offline_mode.py" line="523" />
        <source>Choose an operation in conflict</source>
        <translation>Выберите операцию с конфликтом</translation>
    </message>
</context>
<context>
    <name>OfflineController</name>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="88" />
        <source>&amp;Link</source>
        <translation>&amp;Связь</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="89" />
        <source>&amp;Refresh the local copy now</source>
        <translation>&amp;Обновить локальную копию сейчас</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="90" />
        <source>&amp;Operations taken offline…</source>
        <translation>&amp;Операции без связи…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/offline_mode.py" line="102" />
        <source>No link — working offline, %n operation(s) waiting to be sent</source>
        <translation>
            <numerusform>Нет связи — автономная работа, %n операция ждёт отправки</numerusform>
            <numerusform>Нет связи — автономная работа, %n операции ждут отправки</numerusform>
            <numerusform>Нет связи — автономная работа, %n операций ждут отправки</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/offline_mode.py" line="105" />
        <source>Sending %n operation(s) taken offline…</source>
        <translation>
            <numerusform>Отправляется %n операция, принятая без связи…</numerusform>
            <numerusform>Отправляются %n операции, принятые без связи…</numerusform>
            <numerusform>Отправляются %n операций, принятых без связи…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="108" />
        <source>Link to the shared database: ok</source>
        <translation>Связь с общей базой в порядке</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/views/offline_mode.py" line="111" />
        <source>; %n conflict(s) for a senior operator</source>
        <translation>
            <numerusform>; %n конфликт ждёт старшего оператора</numerusform>
            <numerusform>; %n конфликта ждут старшего оператора</numerusform>
            <numerusform>; %n конфликтов ждут старшего оператора</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="130" />
        <source>No link to the database and no local copy of the branch: offline work is impossible</source>
        <translation>Нет связи с базой данных и нет локальной копии филиала: автономная работа невозможна</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="184" />
        <source>Link restored: %1 operation(s) sent, %2 conflict(s)</source>
        <translation>Связь восстановлена: отправлено операций — %1, конфликтов — %2</translation>
    </message>
</context>
<context>
    <name>OfflinePage</name>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="252" />
        <source>Account</source>
        <translation>Лицевой счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="252" />
        <source>Customer</source>
        <translation>Абонент</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="253" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="253" />
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="254" />
        <source>Meter</source>
        <translation>Счётчик</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="257" />
        <source>Readings (offline)</source>
        <translation>Показания (без связи)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="261" />
        <location filename="../../desktop/views/offline_mode.py" line="371" />
        <source>Reason, if the reading is unusual</source>
        <translation>Причина, если показания необычные</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="262" />
        <location filename="../../desktop/views/offline_mode.py" line="373" />
        <source>Save readings</source>
        <translation>Сохранить показания</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="266" />
        <source>Payment (offline)</source>
        <translation>Оплата (без связи)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="270" />
        <source>Cash</source>
        <translation>Наличные</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="271" />
        <source>Card</source>
        <translation>Карта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="276" />
        <source>Amount, ₽</source>
        <translation>Сумма, ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="276" />
        <source>Method</source>
        <translation>Способ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="277" />
        <source>Cash received, ₽</source>
        <translation>Получено наличными, ₽</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="277" />
        <source>Card: last 4 digits</source>
        <translation>Карта: 4 последние цифры</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="278" />
        <source>RRN</source>
        <translation>RRN</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="278" />
        <source>Authorisation code</source>
        <translation>Код авторизации</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="281" />
        <source>Take payment</source>
        <translation>Принять оплату</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="308" />
        <source>Working offline from the local copy of %1</source>
        <translation>Автономная работа по локальной копии от %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="326" />
        <source>Nothing found in the local copy of the branch</source>
        <translation>В локальной копии филиала ничего не найдено</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="358" />
        <source>  (including %1 taken offline)</source>
        <translation>  (в том числе %1 принято без связи)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="361" />
        <source>№ %1, last readings %2</source>
        <translation>№ %1, последние показания %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="372" />
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="394" />
        <source>  — saved offline, will be sent when the link is back</source>
        <translation>  — сохранено без связи, будет отправлено при восстановлении связи</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="433" />
        <source>Payment of %1 taken offline (operation %2); printing the receipt…</source>
        <translation>Оплата %1 принята без связи (операция %2); печать чека…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="438" />
        <source>printing the receipt…</source>
        <translation>печать чека…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="438" />
        <source>receipt: %1</source>
        <translation>чек: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/offline_mode.py" line="440" />
        <source>Payment taken offline (operation %1), but the receipt was not printed: %2</source>
        <translation>Оплата принята без связи (операция %1), но чек не напечатан: %2</translation>
    </message>
</context>
</TS>