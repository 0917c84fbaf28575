<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="46" />
        <source>EnergoDesk: first start</source>
        <translation>EnergoDesk: первый запуск</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="49" />
        <source>This desk is not set up yet. Where does it keep its data?</source>
        <translation>Рабочее место ещё не настроено. Где хранить его данные?</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="52" />
        <source>&amp;This computer only</source>
        <translation>&amp;Только этот компьютер</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="54" />
        <source>A database file on this computer ({path}), created now. For a desk that works on its own.</source>
        <translation>Файл базы данных на этом компьютере ({path}), создаётся сейчас. Для рабочего места, которое работает само по себе.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="57" />
        <source>&amp;Shared branch database</source>
        <translation>&amp;Общая база филиалов</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="59" />
        <source>One PostgreSQL database for all branches; the administrator gives you its server, database and user.</source>
        <translation>Одна база PostgreSQL для всех отделений; сервер, имя базы и пользователя сообщает администратор.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="72" />
        <source>Test &amp;connection</source>
        <translation>&amp;Проверить подключение</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="77" />
        <source>Shared database (PostgreSQL)</source>
        <translation>Общая база (PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="79" />
        <source>Se&amp;rver:</source>
        <translation>&amp;Сервер:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="80" />
        <source>P&amp;ort:</source>
        <translation>По&amp;рт:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="81" />
        <source>&amp;Database:</source>
        <translation>&amp;База данных:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="82" />
        <source>&amp;User:</source>
        <translation>&amp;Имя пользователя:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="83" />
        <source>Pass&amp;word:</source>
        <translation>Паро&amp;ль:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="84" />
        <source>The password is kept in the system keyring, never in a file.</source>
        <translation>Пароль хранится в системном хранилище паролей, никогда в файле.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="95" />
        <source>e.g. Cash desk 2</source>
        <translation>например, Касса 2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="96" />
        <source>This desk</source>
        <translation>Это рабочее место</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="98" />
        <source>&amp;Branch:</source>
        <translation>Отделени&amp;е:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="99" />
        <source>Desk &amp;name:</source>
        <translation>&amp;Название места:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="106" />
        <source>&amp;Save and start</source>
        <translation>Со&amp;хранить и начать</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="109" />
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="188" />
        <location filename="../../desktop/views/setup_dialog.py" line="216" />
        <source>Connecting to {where}…</source>
        <translation>Подключаюсь к {where}…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="195" />
        <source>Connected: the database is ready.</source>
        <translation>Подключено: база готова к работе.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="204" />
        <source>The database has no operators yet: nobody can sign in until an administrator adds them (energodesk operator add).</source>
        <translation>В базе ещё нет операторов: войти будет некому, пока администратор их не заведёт (energodesk operator add).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/setup_dialog.py" line="219" />
        <source>Creating the database on this computer…</source>
        <translation>Создаю базу данных на этом компьютере…</translation>
    </message>
</context>
</TS>