<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>CardPages</name>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="31" />
        <source>Requests</source>
        <translation>Обращения</translation>
    </message>
</context>
<context>
    <name>Requests</name>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="33" />
        <source>Complaint</source>
        <translation>Жалоба</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="34" />
        <source>Bill dispute</source>
        <translation>Несогласие со счётом</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="35" />
        <source>Recalculation</source>
        <translation>Перерасчёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="36" />
        <source>Meter check or replacement</source>
        <translation>Проверка или замена счётчика</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="37" />
        <source>Online account problem</source>
        <translation>Проблема с личным кабинетом</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="38" />
        <source>Suggestion</source>
        <translation>Предложение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="39" />
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="42" />
        <source>In person</source>
        <translation>Лично</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="43" />
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="44" />
        <source>E-mail</source>
        <translation>Электронная почта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="45" />
        <source>Post</source>
        <translation>Почтой</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="48" />
        <source>Registered</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="49" />
        <source>In work</source>
        <translation>В работе</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="50" />
        <source>Answered</source>
        <translation>Дан ответ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="51" />
        <source>Closed</source>
        <translation>Закрыто</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="54" />
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="55" />
        <source>Refused</source>
        <translation>Отказано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="56" />
        <source>Forwarded</source>
        <translation>Передано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="59" />
        <source>registered</source>
        <translation>зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="60" />
        <source>assigned to</source>
        <translation>назначен исполнитель</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="61" />
        <source>note</source>
        <translation>примечание</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="62" />
        <source>answer</source>
        <translation>ответ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="63" />
        <source>due date moved</source>
        <translation>срок перенесён</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="64" />
        <source>closed</source>
        <translation>закрыто</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="78" />
        <source>Open requests: %1</source>
        <translation>Открытые обращения: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="81" />
        <source>overdue: %1</source>
        <translation>просрочено: %1</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="124" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="124" />
        <source>Registered</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="124" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="125" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="125" />
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="125" />
        <source>Assigned to</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="138" />
        <source>&amp;New request</source>
        <translation>&amp;Новое обращение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="146" />
        <source>The customer's words</source>
        <translation>Слова заявителя</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="148" />
        <source>&amp;Register (Ctrl+Enter)</source>
        <translation>&amp;Зарегистрировать (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="155" />
        <source>&amp;Print slip</source>
        <translation>Печать &amp;талона</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="160" />
        <source>&amp;Kind:</source>
        <translation>&amp;Вид:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="161" />
        <source>Answer &amp;by:</source>
        <translation>Способ &amp;ответа:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="162" />
        <source>&amp;Text:</source>
        <translation>Т&amp;екст:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="163" />
        <source>New request</source>
        <translation>Новое обращение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="177" />
        <source>operator's login</source>
        <translation>логин сотрудника</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="178" />
        <source>&amp;Assign</source>
        <translation>Назна&amp;чить</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="183" />
        <source>Note or answer text</source>
        <translation>Текст примечания или ответа</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="184" />
        <source>Add &amp;note</source>
        <translation>Добавить &amp;примечание</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="186" />
        <source>Save a&amp;nswer</source>
        <translation>&amp;Сохранить ответ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="189" />
        <source>&amp;Close with result</source>
        <translation>Закр&amp;ыть с результатом</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="196" />
        <source>Selected request</source>
        <translation>Выбранное обращение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="200" />
        <source>Assign to:</source>
        <translation>Исполнитель:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="306" />
        <source>Due: %1</source>
        <translation>Срок: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="307" />
        <source>OVERDUE</source>
        <translation>ПРОСРОЧЕНО</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="310" />
        <source>Answer:</source>
        <translation>Ответ:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="338" />
        <source>Registered: No. %1, answer due %2</source>
        <translation>Зарегистрировано: № %1, ответ до %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="378" />
        <source>Request %1</source>
        <translation>Обращение %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="390" />
        <source>slip sent to the printer</source>
        <translation>талон отправлен на печать</translation>
    </message>
</context>
</TS>