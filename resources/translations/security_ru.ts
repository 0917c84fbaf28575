<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<!-- Strings of issue 11 (secrets, limits, constraints), kept in their own area file. -->
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/views/main_window.py" />
        <source>Only an administrator may change the desk settings</source>
        <translation>Настройки рабочего места может менять только администратор</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/views/settings_dialog.py" />
        <source>Only an administrator may change the desk settings</source>
        <translation>Настройки рабочего места может менять только администратор</translation>
    </message>
</context>
</TS>
