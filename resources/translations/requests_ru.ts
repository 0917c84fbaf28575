<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>CardPages</name>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="35" />
        <source>Requests</source>
        <translation>Обращения</translation>
    </message>
</context>
<context>
    <name>RequestRegisterWindow</name>
    <message>
        <location filename="../../desktop/views/request_register.py" line="48" />
        <source>Register of requests — EnergoDesk</source>
        <translation>Реестр обращений — EnergoDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="53" />
        <source>All branches</source>
        <translation>Все отделения</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="56" />
        <source>All kinds</source>
        <translation>Все виды</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="61" />
        <source>Any state</source>
        <translation>Любое состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="62" />
        <source>Not closed</source>
        <translation>Не закрытые</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="65" />
        <source>&amp;Overdue only</source>
        <translation>Только &amp;просроченные</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="67" />
        <source>&amp;Registered from</source>
        <translation>Зарегистрированы &amp;с</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="73" />
        <source>Show (F5)</source>
        <translation>Показать (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="100" />
        <source>Save as Excel (XLSX)…</source>
        <translation>Сохранить в Excel (XLSX)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="103" />
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="107" />
        <source>&amp;Branch:</source>
        <translation>&amp;Отделение:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="107" />
        <source>&amp;Kind:</source>
        <translation>&amp;Вид:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="108" />
        <source>&amp;State:</source>
        <translation>Со&amp;стояние:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="170" />
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="175" />
        <source>Shown: %1</source>
        <translation>Показано: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="186" />
        <source>Save the register</source>
        <translation>Сохранить реестр</translation>
    </message>
    <message>
        <location filename="../../desktop/views/request_register.py" line="196" />
        <source>Saved: %1 (%2 rows)</source>
        <translation>Сохранено: %1 (строк: %2)</translation>
    </message>
</context>
<context>
    <name>Requests</name>
    <message>
        <location filename="../../desktop/models/request_names.py" line="8" />
        <source>Complaint</source>
        <translation>Жалоба</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="9" />
        <source>Bill dispute</source>
        <translation>Несогласие со счётом</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="10" />
        <source>Recalculation</source>
        <translation>Перерасчёт</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="11" />
        <source>Meter check or replacement</source>
        <translation>Проверка или замена счётчика</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="12" />
        <source>Online account problem</source>
        <translation>Проблема с личным кабинетом</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="13" />
        <source>Suggestion</source>
        <translation>Предложение</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="14" />
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="17" />
        <source>In person</source>
        <translation>Лично</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="18" />
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="19" />
        <source>E-mail</source>
        <translation>Электронная почта</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="20" />
        <source>Post</source>
        <translation>Почтой</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="23" />
        <source>Registered</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="24" />
        <source>In work</source>
        <translation>В работе</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="25" />
        <source>Answered</source>
        <translation>Дан ответ</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="26" />
        <source>Closed</source>
        <translation>Закрыто</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="29" />
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="30" />
        <source>Refused</source>
        <translation>Отказано</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="31" />
        <source>Forwarded</source>
        <translation>Передано</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="34" />
        <source>registered</source>
        <translation>зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="35" />
        <source>assigned to</source>
        <translation>назначен исполнитель</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="36" />
        <source>note</source>
        <translation>примечание</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="37" />
        <source>answer</source>
        <translation>ответ</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="38" />
        <source>due date moved</source>
        <translation>срок перенесён</translation>
    </message>
    <message>
        <location filename="../../desktop/models/request_names.py" line="39" />
        <source>closed</source>
        <translation>закрыто</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="43" />
        <source>Open requests: %1</source>
        <translation>Открытые обращения: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="46" />
        <source>overdue: %1</source>
        <translation>просрочено: %1</translation>
    </message>
</context>
<context>
    <name>RequestsMenu</name>
    <message>
        <location filename="../../desktop/views/requests_menu.py" line="16" />
        <source>Re&amp;quests</source>
        <translation>Обр&amp;ащения</translation>
    </message>
    <message>
        <location filename="../../desktop/views/requests_menu.py" line="18" />
        <source>&amp;Register of requests…</source>
        <translation>&amp;Реестр обращений…</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="17" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="18" />
        <source>Branch</source>
        <translation>Отделение</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="19" />
        <source>Registered</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="21" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="22" />
        <source>Answer by</source>
        <translation>Способ ответа</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="23" />
        <source>Account</source>
        <translation>Лицевой счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="24" />
        <source>Customer</source>
        <translation>Заявитель</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="25" />
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="26" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="27" />
        <source>Assigned to</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../desktop/models/requests_model.py" line="28" />
        <source>Result</source>
        <translation>Результат</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="95" />
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="95" />
        <source>Registered</source>
        <translation>Зарегистрировано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="95" />
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="96" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="96" />
        <source>Due</source>
        <translation>Срок</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="96" />
        <source>Assigned to</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="109" />
        <source>&amp;New request</source>
        <translation>&amp;Новое обращение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="117" />
        <source>The customer's words</source>
        <translation>Слова заявителя</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="119" />
        <source>set by &amp;hand:</source>
        <translation>в&amp;ручную:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="127" />
        <source>&amp;Register (Ctrl+Enter)</source>
        <translation>&amp;Зарегистрировать (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="135" />
        <source>&amp;Print slip</source>
        <translation>Печать &amp;талона</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="140" />
        <source>&amp;Kind:</source>
        <translation>&amp;Вид:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="141" />
        <source>Answer &amp;by:</source>
        <translation>Способ &amp;ответа:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="142" />
        <source>&amp;Text:</source>
        <translation>Т&amp;екст:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="147" />
        <source>Due date:</source>
        <translation>Срок ответа:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="148" />
        <source>New request</source>
        <translation>Новое обращение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="162" />
        <source>operator's login</source>
        <translation>логин сотрудника</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="163" />
        <source>&amp;Assign</source>
        <translation>Назна&amp;чить</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="168" />
        <source>Note or answer text</source>
        <translation>Текст примечания или ответа</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="169" />
        <source>Add &amp;note</source>
        <translation>Добавить &amp;примечание</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="171" />
        <source>Save a&amp;nswer</source>
        <translation>&amp;Сохранить ответ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="174" />
        <source>&amp;Close with result</source>
        <translation>Закр&amp;ыть с результатом</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="181" />
        <source>Selected request</source>
        <translation>Выбранное обращение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="185" />
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
        <location filename="../../desktop/views/pages/requests_page.py" line="341" />
        <source>Registered: No. %1, answer due %2</source>
        <translation>Зарегистрировано: № %1, ответ до %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="381" />
        <source>Request %1</source>
        <translation>Обращение %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/requests_page.py" line="393" />
        <source>slip sent to the printer</source>
        <translation>талон отправлен на печать</translation>
    </message>
</context>
</TS>