<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CollectionsChart</name>
    <message>
        <location filename="../../desktop/views/collections_chart.py" line="18"/>
        <source>cash</source>
        <translation>наличные</translation>
    </message>
    <message>
        <location filename="../../desktop/views/collections_chart.py" line="19"/>
        <source>card</source>
        <translation>карта</translation>
    </message>
    <message>
        <location filename="../../desktop/views/collections_chart.py" line="20"/>
        <source>bank</source>
        <translation>банк</translation>
    </message>
    <message>
        <location filename="../../desktop/views/collections_chart.py" line="21"/>
        <source>online</source>
        <translation>онлайн</translation>
    </message>
    <message>
        <location filename="../../desktop/views/collections_chart.py" line="40"/>
        <source>thousand ₽</source>
        <translation>тыс. ₽</translation>
    </message>
</context>
<context>
    <name>RegistryImportDialog</name>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="60"/>
        <source>Import a bank payment registry</source>
        <translation>Загрузка реестра платежей банка</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="64"/>
        <source>The registry file the bank sent</source>
        <translation>Файл реестра, присланный банком</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="65"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Выбрать…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="89"/>
        <source>Refused lines are listed here with their line numbers</source>
        <translation>Здесь будут отклонённые строки с их номерами</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="91"/>
        <source>&amp;Import</source>
        <translation>&amp;Загрузить</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="94"/>
        <location filename="../../desktop/views/registry_dialog.py" line="210"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="101"/>
        <source>&amp;File:</source>
        <translation>&amp;Файл:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="102"/>
        <source>F&amp;ormat:</source>
        <translation>Фор&amp;мат:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="141"/>
        <source>Choose the registry file</source>
        <translation>Выберите файл реестра</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="142"/>
        <source>Registries (*.txt *.csv *.dat);;All files (*)</source>
        <translation>Реестры (*.txt *.csv *.dat);;Все файлы (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="159"/>
        <source>Choose the file and its format.</source>
        <translation>Выберите файл и его формат.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="163"/>
        <source>Reading the file…</source>
        <translation>Читаю файл…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="171"/>
        <source>%1, %2; the first %3 payments as they will be posted:</source>
        <translation>%1, %2; первые платежи (%3) так, как они будут проведены:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="185"/>
        <source>Lines done: %1 of %2</source>
        <translation>Обработано строк: %1 из %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="196"/>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="197"/>
        <source>Checking every line and the totals…</source>
        <translation>Проверяю все строки и итоговую строку…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="204"/>
        <source>Cancelling after the current batch…</source>
        <translation>Остановлю после текущей пачки…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="219"/>
        <source>… and %1 more</source>
        <translation>… и ещё %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="229"/>
        <source>Nothing was posted: the file has problems (listed below).</source>
        <translation>Ничего не проведено: в файле ошибки (список ниже).</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="233"/>
        <source>The import stopped. What was posted stays posted; import the same file again to post the rest.</source>
        <translation>Загрузка остановилась. Проведённое остаётся проведённым; загрузите тот же файл ещё раз, чтобы провести остальное.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/registry_dialog.py" line="236"/>
        <source>Nothing was posted.</source>
        <translation>Ничего не проведено.</translation>
    </message>
</context>
<context>
    <name>ReportsMenu</name>
    <message>
        <location filename="../../desktop/views/reports_menu.py" line="16"/>
        <source>&amp;Reports</source>
        <translation>&amp;Отчёты</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_menu.py" line="18"/>
        <source>&amp;Collections and debtors…</source>
        <translation>&amp;Сборы и должники…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_menu.py" line="19"/>
        <source>&amp;Import a bank registry…</source>
        <translation>&amp;Загрузить реестр банка…</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="31"/>
        <source>Collections by day</source>
        <translation>Сборы по дням</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="32"/>
        <source>Collections by branch</source>
        <translation>Сборы по отделениям</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="33"/>
        <source>Collections by desk</source>
        <translation>Сборы по кассам</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="34"/>
        <source>Collections by operator</source>
        <translation>Сборы по операторам</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="35"/>
        <source>Collections by channel</source>
        <translation>Сборы по каналам оплаты</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="36"/>
        <source>Debtors</source>
        <translation>Должники</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="82"/>
        <source>Reports — EnergoDesk</source>
        <translation>Отчёты — EnergoDesk</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="100"/>
        <source>All branches</source>
        <translation>Все отделения</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="101"/>
        <source>Show (F5)</source>
        <translation>Показать (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="122"/>
        <source>Preview…</source>
        <translation>Просмотр…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="124"/>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="126"/>
        <source>Save as Excel (XLSX)…</source>
        <translation>Сохранить в Excel (XLSX)…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="128"/>
        <source>Save as CSV…</source>
        <translation>Сохранить в CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="130"/>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="134"/>
        <source>&amp;Report:</source>
        <translation>&amp;Отчёт:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="134"/>
        <source>&amp;From:</source>
        <translation>&amp;С:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="135"/>
        <source>&amp;To:</source>
        <translation>п&amp;о:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="135"/>
        <source>Debt older than, &amp;months:</source>
        <translation>Долг старше, &amp;мес.:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="136"/>
        <source>&amp;Branch:</source>
        <translation>Отделени&amp;е:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="195"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="233"/>
        <source>Save the report</source>
        <translation>Сохранить отчёт</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="244"/>
        <source>Saved: %1 (%2 rows)</source>
        <translation>Сохранено: %1 (строк: %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/reports_window.py" line="277"/>
        <source>Sent to the printer.</source>
        <translation>Отправлено на принтер.</translation>
    </message>
</context>
</TS>
