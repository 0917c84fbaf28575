<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>FirstAdminPage</name>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="24" />
        <source>Create the first administrator</source>
        <translation>Создание первого администратора</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="28" />
        <source>Nobody can sign in to this database yet. Create its first branch and the administrator who signs in next and adds the other operators (energodesk operator add).</source>
        <translation>В эту базу пока никто не может войти. Заведите её первое отделение и администратора: он войдёт следующим и добавит остальных операторов (energodesk operator add).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="37" />
        <source>e.g. SYZ</source>
        <translation>например, SYZ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="39" />
        <source>e.g. Syzran branch</source>
        <translation>например, Сызранское отделение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="41" />
        <source>optional</source>
        <translation>необязательно</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="44" />
        <location filename="../../desktop/views/first_admin_page.py" line="118" />
        <source>Branch</source>
        <translation>Отделение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="46" />
        <source>Branch &amp;code:</source>
        <translation>&amp;Код отделения:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="47" />
        <source>Branch na&amp;me:</source>
        <translation>На&amp;звание отделения:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="48" />
        <source>&amp;Town:</source>
        <translation>&amp;Город:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="49" />
        <source>The administrator works at:</source>
        <translation>Отделение администратора:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="52" />
        <source>Latin letters, digits, dot, hyphen; e.g. ivanova.a</source>
        <translation>латинские буквы, цифры, точка, дефис; например, ivanova.a</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="54" />
        <source>e.g. Ivanova Anna Sergeevna</source>
        <translation>например, Иванова Анна Сергеевна</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="60" />
        <source>At least 8 characters; the operators' password rules apply, and what they refuse is said below.</source>
        <translation>Не короче 8 символов; действуют правила паролей операторов, и если пароль им не подходит, ниже будет сказано почему.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="64" />
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="66" />
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="67" />
        <source>&amp;Full name:</source>
        <translation>&amp;ФИО:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="68" />
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="69" />
        <source>&amp;Repeat password:</source>
        <translation>П&amp;овторите пароль:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="106" />
        <source>Database: {database}. This desk: {desk}.</source>
        <translation>База данных: {database}. Рабочее место: {desk}.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/first_admin_page.py" line="115" />
        <source>First branch</source>
        <translation>Первое отделение</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="52" />
        <source>EnergoDesk: first start</source>
        <translation>EnergoDesk: первый запуск</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="55" />
        <source>This desk is not set up yet. Where does it keep its data?</source>
        <translation>Рабочее место ещё не настроено. Где хранить его данные?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="58" />
        <source>&amp;This computer only</source>
        <translation>&amp;Только этот компьютер</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="62" />
        <source>A database file on this computer ({path}), created now. For a desk that works on its own.</source>
        <translation>Файл базы данных на этом компьютере ({path}), создаётся сейчас. Для рабочего места, которое работает само по себе.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="65" />
        <source>&amp;Shared branch database</source>
        <translation>&amp;Общая база филиалов</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="69" />
        <source>One PostgreSQL database for all branches; the administrator gives you its server, database and user.</source>
        <translation>Одна база PostgreSQL для всех отделений; сервер, имя базы и пользователя сообщает администратор.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="84" />
        <source>Test &amp;connection</source>
        <translation>&amp;Проверить подключение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="89" />
        <source>Shared database (PostgreSQL)</source>
        <translation>Общая база (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="91" />
        <source>Se&amp;rver:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="92" />
        <source>P&amp;ort:</source>
        <translation>По&amp;рт:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="93" />
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="94" />
        <source>&amp;User:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="95" />
        <source>Pass&amp;word:</source>
        <translation>Паро&amp;ль:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="96" />
        <source>The password is kept in the system keyring, never in a file.</source>
        <translation>Пароль хранится в системном хранилище паролей, никогда в файле.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="109" />
        <source>e.g. Cash desk 2</source>
        <translation>например, Касса 2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="110" />
        <source>This desk</source>
        <translation>Это рабочее место</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="112" />
        <source>&amp;Branch:</source>
        <translation>Отделени&amp;е:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="113" />
        <source>Desk &amp;name:</source>
        <translation>&amp;Название места:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="120" />
        <source>&amp;Save and start</source>
        <translation>Со&amp;хранить и начать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="123" />
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="125" />
        <source>&amp;Create and start</source>
        <translation>&amp;Создать и начать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="127" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="249" />
        <source>Connecting to {where}…</source>
        <translation>Подключаюсь к {where}…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="262" />
        <source>Connected: the database is ready.</source>
        <translation>Подключено: база готова к работе.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="273" />
        <source>The database has no operators yet: after saving you create its first administrator here.</source>
        <translation>В базе ещё нет операторов: после сохранения здесь же создаётся её первый администратор.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="312" />
        <source>«{database}» on {server}</source>
        <translation>«{database}» на сервере {server}</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="334" />
        <source>Creating the administrator…</source>
        <translation>Создаётся администратор…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="284" />
        <source>Creating the database on this computer…</source>
        <translation>Создаю базу данных на этом компьютере…</translation>
    </message>
</context>
</TS>