<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>SearchController</name>
    <message>
        <location filename="../../desktop/views/search_controller.py" line="79" />
        <source>Nothing found</source>
        <translation>Ничего не найдено</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../desktop/models/search_model.py" line="39" />
        <source>Account</source>
        <translation>Лицевой счёт</translation>
    </message>
    <message>
        <location filename="../../desktop/models/search_model.py" line="40" />
        <source>Customer</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../../desktop/models/search_model.py" line="41" />
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <location filename="../../desktop/models/search_model.py" line="42" />
        <source>Balance</source>
        <translation>Баланс</translation>
    </message>
    <message>
        <location filename="../../desktop/models/search_model.py" line="45" />
        <source>debt %1</source>
        <translation>долг %1</translation>
    </message>
    <message>
        <location filename="../../desktop/models/search_model.py" line="46" />
        <source>overpaid %1</source>
        <translation>переплата %1</translation>
    </message>
    <message>
        <location filename="../../desktop/models/search_model.py" line="47" />
        <source>%1 (closed)</source>
        <translation>%1 (закрыт)</translation>
    </message>
</context>
</TS>