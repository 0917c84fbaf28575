<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>ContactsPage</name>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="28" />
        <source>Personal data processing</source>
        <translation>Обработка персональных данных</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="29" />
        <source>SMS notifications</source>
        <translation>Уведомления по SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="30" />
        <source>Bills by e-mail only</source>
        <translation>Счета только на эл. почту</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="48" />
        <source>+7 927 123-45-67</source>
        <translation>+7 927 123-45-67</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="51" />
        <source>ivanov@mail.ru</source>
        <translation>ivanov@mail.ru</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="52" />
        <source>Receive bills by e-mail only (no paper bill)</source>
        <translation>Получать счета только на электронную почту (без бумажных)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="54" />
        <source>Receive notifications by SMS</source>
        <translation>Получать уведомления по SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="56" />
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="65" />
        <source>&amp;Mobile phone:</source>
        <translation>&amp;Мобильный телефон:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="66" />
        <source>&amp;E-mail:</source>
        <translation>&amp;Эл. почта:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="72" />
        <source>Contacts and subscriptions</source>
        <translation>Контакты и подписки</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="81" />
        <source>Consent</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="81" />
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="81" />
        <source>When, by whom</source>
        <translation>Когда и кто записал</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="90" />
        <source>Consents</source>
        <translation>Согласия</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="95" />
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="95" />
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="95" />
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="97" />
        <source>Change history</source>
        <translation>История изменений</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="154" />
        <source>given</source>
        <translation>дано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="156" />
        <source>withdrawn</source>
        <translation>отозвано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="158" />
        <source>not given</source>
        <translation>не дано</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="164" />
        <source>Withdraw</source>
        <translation>Отозвать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/contacts_page.py" line="164" />
        <source>Record consent</source>
        <translation>Записать согласие</translation>
    </message>
</context>
<context>
    <name>OnlinePage</name>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="27" />
        <source>queued, waiting for the SMS gateway</source>
        <translation>в очереди, ждёт отправки SMS-шлюзу</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="28" />
        <source>handed to the SMS gateway, not delivered yet</source>
        <translation>передано SMS-шлюзу, ещё не доставлено</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="29" />
        <source>delivered to the phone</source>
        <translation>доставлено на телефон</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="30" />
        <source>not delivered</source>
        <translation>не доставлено</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="38" />
        <source>no SMS sent yet</source>
        <translation>SMS ещё не отправлялись</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="66" />
        <source>&amp;Register online account…</source>
        <translation>&amp;Зарегистрировать личный кабинет…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="69" />
        <source>&amp;Reset password by SMS…</source>
        <translation>&amp;Сбросить пароль по SMS…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="72" />
        <source>&amp;Unlock</source>
        <translation>Р&amp;азблокировать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="77" />
        <source>Login (account number):</source>
        <translation>Логин (лицевой счёт):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="78" />
        <source>Phone for SMS:</source>
        <translation>Телефон для SMS:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="79" />
        <source>Password:</source>
        <translation>Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="80" />
        <source>Password resets:</source>
        <translation>Сбросы пароля:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="81" />
        <source>Last SMS:</source>
        <translation>Последнее SMS:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="82" />
        <source>Online account</source>
        <translation>Личный кабинет</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="91" />
        <source>The customer signs in with the account number. The operator never sees the password: it goes to the customer's phone by SMS and must be changed at the first sign-in.</source>
        <translation>Клиент входит в личный кабинет по номеру лицевого счёта. Оператор пароль не видит: он приходит клиенту по SMS, и при первом входе его нужно сменить.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="135" />
        <source>Not registered</source>
        <translation>Не зарегистрирован</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="138" />
        <source>Registered — LOCKED after wrong sign-in attempts</source>
        <translation>Зарегистрирован — ЗАБЛОКИРОВАН после неверных попыток входа</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="141" />
        <source>Registered</source>
        <translation>Зарегистрирован</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="145" />
        <source>%1 — no mobile phone on file</source>
        <translation>%1 — мобильного номера в карточке нет</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="149" />
        <source>temporary password expired at %1; make a new one</source>
        <translation>временный пароль истёк %1; нужен новый</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="152" />
        <source>temporary, must be changed at first sign-in; valid until %1</source>
        <translation>временный, сменить при первом входе; действует до %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="155" />
        <source>set by the customer</source>
        <translation>установлен клиентом</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="160" />
        <source>none yet; %1 allowed today</source>
        <translation>ещё не было; сегодня можно %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="162" />
        <source>last %1; %2 more allowed today</source>
        <translation>последний %1; сегодня можно ещё %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="173" />
        <source>The online account is locked: ask a senior operator to unlock it.</source>
        <translation>Личный кабинет заблокирован: разблокировать его может старший оператор.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="206" />
        <source>Use «Reset password by SMS» instead.</source>
        <translation>Воспользуйтесь «Сбросить пароль по SMS».</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="217" />
        <source>Register online account</source>
        <translation>Регистрация личного кабинета</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="222" />
        <source>Consent to the processing of personal data (required)</source>
        <translation>Согласие на обработку персональных данных (обязательно)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="224" />
        <source>Consent to receive notifications by SMS</source>
        <translation>Согласие на получение уведомлений по SMS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="228" />
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="229" />
        <source>Account (login):</source>
        <translation>Лицевой счёт (логин):</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="230" />
        <source>&amp;Mobile phone:</source>
        <translation>&amp;Мобильный телефон:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="231" />
        <source>&amp;E-mail:</source>
        <translation>&amp;Эл. почта:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="232" />
        <source>Confirm the phone with the customer: the password goes there by SMS.</source>
        <translation>Уточните номер у клиента: пароль придёт на него по SMS.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="236" />
        <source>Register and send password</source>
        <translation>Зарегистрировать и отправить пароль</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="255" />
        <source>Without consent to personal data processing the online account cannot be opened.</source>
        <translation>Без согласия на обработку персональных данных личный кабинет открыть нельзя.</translation>
    </message>
</context>
<context>
    <name>ResetDialog</name>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="291" />
        <source>Reset online account password</source>
        <translation>Сброс пароля личного кабинета</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="293" />
        <source>A new temporary password will be sent by SMS to the phone on file. You will not see it. First check the customer's identity:</source>
        <translation>Новый временный пароль уйдёт по SMS на номер из карточки; вы его не увидите. Сначала проверьте личность клиента:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="297" />
        <source>Identity document seen</source>
        <translation>Документ, удостоверяющий личность, предъявлен</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="299" />
        <source>Name matches the account holder: %1</source>
        <translation>ФИО совпадает с владельцем счёта: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="302" />
        <source>Customer confirms the phone on file: %1</source>
        <translation>Клиент подтвердил номер телефона: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="312" />
        <source>Send new password</source>
        <translation>Отправить новый пароль</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="339" />
        <source>Tick all three identity checks before sending a new password.</source>
        <translation>Отметьте все три пункта проверки личности, прежде чем отправлять пароль.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/online_page.py" line="373" />
        <source>New password sent to %1. SMS: %2</source>
        <translation>Новый пароль отправлен на %1. SMS: %2</translation>
    </message>
</context>
</TS>