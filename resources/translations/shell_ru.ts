<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CardPages</name>
    <message>
        <location filename="../../desktop/views/pages/__init__.py" line="16"/>
        <source>Readings and consumption</source>
        <translation>Показания и потребление</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/__init__.py" line="17"/>
        <source>Bills</source>
        <translation>Счета</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/__init__.py" line="18"/>
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/__init__.py" line="19"/>
        <source>Online account</source>
        <translation>Личный кабинет</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/__init__.py" line="20"/>
        <source>User data</source>
        <translation>Данные пользователя</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="19"/>
        <source>Change password</source>
        <translation>Смена пароля</translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="21"/>
        <source>Your password was reset by the administrator. Choose a new one to continue.</source>
        <translation>Пароль сброшен администратором. Чтобы продолжить, задайте новый пароль.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="22"/>
        <source>Choose a new password.</source>
        <translation>Задайте новый пароль.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="39"/>
        <source>Current password:</source>
        <translation>Текущий пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="40"/>
        <source>New password:</source>
        <translation>Новый пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="41"/>
        <source>New password again:</source>
        <translation>Новый пароль ещё раз:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/password_dialog.py" line="52"/>
        <source>The new passwords do not match</source>
        <translation>Новые пароли не совпадают</translation>
    </message>
</context>
<context>
    <name>CustomerCard</name>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="112"/>
        <source>Debt: %1</source>
        <translation>Долг: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="116"/>
        <source>Overpayment: %1</source>
        <translation>Переплата: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="120"/>
        <source>No debt</source>
        <translation>Задолженности нет</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="123"/>
        <source>last bill %1: %2</source>
        <translation>последний счёт %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="126"/>
        <source>no bills yet</source>
        <translation>счетов ещё нет</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="129"/>
        <source>last payment %1: %2</source>
        <translation>последняя оплата %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="132"/>
        <source>no payments yet</source>
        <translation>оплат ещё нет</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="155"/>
        <source>Meter %1, zones: %2, digits: %3, next verification: %4</source>
        <translation>Счётчик %1, зон: %2, разрядность: %3, следующая поверка: %4</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="161"/>
        <source>last readings %1: %2</source>
        <translation>показания %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="164"/>
        <source>No meter installed</source>
        <translation>Счётчик не установлен</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="170"/>
        <source>Account closed</source>
        <translation>Лицевой счёт закрыт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="172"/>
        <source>Debt older than two months</source>
        <translation>Долг старше двух месяцев</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="174"/>
        <source>Meter verification overdue</source>
        <translation>Просрочена поверка счётчика</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="176"/>
        <source>Online account locked</source>
        <translation>Личный кабинет заблокирован</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customer_card.py" line="187"/>
        <source>Other accounts of this customer:</source>
        <translation>Другие лицевые счета клиента:</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="24"/>
        <source>EnergoDesk: sign in</source>
        <translation>EnergoDesk: вход</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="27"/>
        <source>Operator sign-in</source>
        <translation>Вход оператора</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="36"/>
        <source>Sign in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="44"/>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="45"/>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="75"/>
        <source>Enter your login</source>
        <translation>Введите логин</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="79"/>
        <source>Enter your password</source>
        <translation>Введите пароль</translation>
    </message>
    <message>
        <location filename="../../desktop/views/login_dialog.py" line="84"/>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <location filename="../../desktop/app.py" line="143"/>
        <source>Connecting to the database…</source>
        <translation>Подключение к базе данных…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" line="24"/>
        <source>operator</source>
        <translation>оператор</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="25"/>
        <source>senior operator</source>
        <translation>старший оператор</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="26"/>
        <source>administrator</source>
        <translation>администратор</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="38"/>
        <source>EnergoDesk — customer service desk</source>
        <translation>EnergoDesk — обслуживание клиентов</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="44"/>
        <source>Account number, surname, address, phone or scan the bill&apos;s QR code (F2)</source>
        <translation>Лицевой счёт, фамилия, адрес, телефон или QR-код с квитанции (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="49"/>
        <source>&amp;Find:</source>
        <translation>&amp;Найти:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="54"/>
        <source>Press F2 and type an account number, a surname, an address or a phone.</source>
        <translation>Нажмите F2 и введите номер лицевого счёта, фамилию, адрес или телефон.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="72"/>
        <source>Cash shift: closed</source>
        <translation>Кассовая смена: закрыта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="111"/>
        <source>&amp;Desk</source>
        <translation>&amp;Рабочее место</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="112"/>
        <source>&amp;Change password…</source>
        <translation>&amp;Сменить пароль…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="113"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Настройки…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="114"/>
        <source>&amp;Operators…</source>
        <translation>&amp;Операторы…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="117"/>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="155"/>
        <source>Database: %1 — connected</source>
        <translation>База данных: %1 — подключена</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="158"/>
        <source>Database: %1 — %2</source>
        <translation>База данных: %1 — %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/main_window.py" line="170"/>
        <source>Type a 12-digit account number</source>
        <translation>Введите 12-значный номер лицевого счёта</translation>
    </message>
</context>
<context>
    <name>OperatorsDialog</name>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="28"/>
        <source>Operators</source>
        <translation>Операторы</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="33"/>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="33"/>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="33"/>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="33"/>
        <source>Branch</source>
        <translation>Отделение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="33"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="38"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="40"/>
        <source>&amp;Reset password…</source>
        <translation>&amp;Сбросить пароль…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="63"/>
        <source>locked</source>
        <translation>заблокирован</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="64"/>
        <source>must change password</source>
        <translation>должен сменить пароль</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="64"/>
        <source>active</source>
        <translation>активен</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="72"/>
        <source>Select an operator first</source>
        <translation>Сначала выберите оператора</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="91"/>
        <source>Reset password</source>
        <translation>Сброс пароля</translation>
    </message>
    <message>
        <location filename="../../desktop/views/operators_dialog.py" line="91"/>
        <source>Temporary password for %1:</source>
        <translation>Временный пароль для %1:</translation>
    </message>
</context>
<context>
    <name>QWidget</name>
    <message>
        <location filename="../../desktop/views/crash.py" line="48"/>
        <source>EnergoDesk: internal error</source>
        <translation>EnergoDesk: внутренняя ошибка</translation>
    </message>
    <message>
        <location filename="../../desktop/views/crash.py" line="49"/>
        <source>Something went wrong. Nothing was half-saved; the details are in the log.</source>
        <translation>Произошла ошибка. Ничего не сохранено наполовину; подробности записаны в журнал.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/messages.py" line="40"/>
        <source>Internal error; it has been logged. Please tell the administrator.</source>
        <translation>Внутренняя ошибка; она записана в журнал. Сообщите администратору.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/messages.py" line="63"/>
        <source>EnergoDesk</source>
        <translation>EnergoDesk</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="34"/>
        <source>Desk settings</source>
        <translation>Настройки рабочего места</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="38"/>
        <source>empty: the local file of this desk</source>
        <translation>пусто — локальный файл этого рабочего места</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="42"/>
        <source>stored in the system keyring</source>
        <translation>хранится в системном хранилище паролей</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="58"/>
        <source>A new database address takes effect at the next start.</source>
        <translation>Новый адрес базы данных начнёт действовать при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="62"/>
        <source>Database address:</source>
        <translation>Адрес базы данных:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="63"/>
        <source>Database password:</source>
        <translation>Пароль базы данных:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="64"/>
        <source>Branch code:</source>
        <translation>Код отделения:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="65"/>
        <source>Desk name:</source>
        <translation>Название рабочего места:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="66"/>
        <source>Printer for bills:</source>
        <translation>Принтер для счетов:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="67"/>
        <source>Printer for receipts:</source>
        <translation>Принтер для чеков:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="88"/>
        <source>Not a database address, e.g. postgresql://desk@server/energodesk</source>
        <translation>Это не адрес базы данных; пример: postgresql://desk@server/energodesk</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="91"/>
        <source>Only SQLite and PostgreSQL are supported</source>
        <translation>Поддерживаются только SQLite и PostgreSQL</translation>
    </message>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" line="94"/>
        <source>Do not put the password into the address; use the password field</source>
        <translation>Не пишите пароль в адресе; используйте поле пароля</translation>
    </message>
</context>
</TS>
