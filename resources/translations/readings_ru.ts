<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ru_RU">
<context>
    <name>ConsumptionChart</name>
    <message>
        <location filename="../../desktop/views/consumption_chart.py" line="61" />
        <source>kWh</source>
        <translation>кВт·ч</translation>
    </message>
    <message>
        <location filename="../../desktop/views/consumption_chart.py" line="120" />
        <source>estimated</source>
        <translation>оценка</translation>
    </message>
    <message>
        <location filename="../../desktop/views/consumption_chart.py" line="143" />
        <source>Total: %1</source>
        <translation>Всего: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/consumption_chart.py" line="145" />
        <source>Cost: %1</source>
        <translation>Стоимость: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/consumption_chart.py" line="147" />
        <source>estimated: a share of the interval between two readings</source>
        <translation>оценка: доля интервала между двумя показаниями</translation>
    </message>
    <message>
        <location filename="../../desktop/views/consumption_chart.py" line="149" />
        <source>estimated: average of the previous months</source>
        <translation>оценка: среднее за предыдущие месяцы</translation>
    </message>
</context>
<context>
    <name>ReadingsHistoryModel</name>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="23" />
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="24" />
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="25" />
        <source>Consumption, kWh</source>
        <translation>Расход, кВт·ч</translation>
    </message>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="26" />
        <source>Source</source>
        <translation>Источник</translation>
    </message>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="27" />
        <source>Entered by</source>
        <translation>Кто ввёл</translation>
    </message>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="28" />
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="29" />
        <source>rollover: %1</source>
        <translation>переход через ноль: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="30" />
        <source>reason: %1</source>
        <translation>причина: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/models/readings_model.py" line="31" />
        <source>meter %1</source>
        <translation>счётчик %1</translation>
    </message>
</context>
<context>
    <name>ReadingsPage</name>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="102" />
        <source>&amp;Tariffs…</source>
        <translation>&amp;Тарифы…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="105" />
        <source>Replace &amp;meter…</source>
        <translation>&amp;Замена счётчика…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="117" />
        <source>Zone</source>
        <translation>Зона</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="117" />
        <source>Previous reading</source>
        <translation>Предыдущее показание</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="117" />
        <source>New reading</source>
        <translation>Новое показание</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="118" />
        <source>Consumption</source>
        <translation>Расход</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="118" />
        <source>Cost</source>
        <translation>Стоимость</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="131" />
        <source>Reading &amp;date:</source>
        <translation>&amp;Дата показаний:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="145" />
        <source>Why the figure is right, e.g. the customer was away</source>
        <translation>Почему показание верно, например: клиент был в отъезде</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="148" />
        <source>&amp;Reason:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="171" />
        <source>&amp;Save readings</source>
        <translation>&amp;Сохранить показания</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="330" />
        <source>%1 (installed %2)</source>
        <translation>%1 (установка %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="333" />
        <source>%1 on %2</source>
        <translation>%1 от %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="336" />
        <source>Up to %1 digits, whole kWh</source>
        <translation>До %1 цифр, целые кВт·ч</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="338" />
        <source>Meter %1 · %2 · %3 digits</source>
        <translation>Счётчик %1 · %2 · разрядов: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="347" />
        <source>single rate</source>
        <translation>однотарифный</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="347" />
        <source>two zones</source>
        <translation>двухзонный</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="347" />
        <source>three zones</source>
        <translation>трёхзонный</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="447" />
        <source>Rollover through zero: %1</source>
        <translation>Переход через ноль: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="471" />
        <source>Check the figure with the customer. To save it anyway, give the reason.</source>
        <translation>Сверьте показание с клиентом. Чтобы всё равно сохранить, укажите причину.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="482" />
        <source>for %1 at the tariff of %2, period %3</source>
        <translation>за %1 по тарифу на %2, период: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/views/pages/readings_page.py" line="521" />
        <source>Readings saved: %1</source>
        <translation>Показания сохранены: %1</translation>
    </message>
</context>
<context>
    <name>ReplaceMeterDialog</name>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="47" />
        <source>Replace meter %1</source>
        <translation>Замена счётчика %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="60" />
        <source>Old meter %1: closing readings</source>
        <translation>Старый счётчик %1: показания при снятии</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="76" />
        <source>was %1</source>
        <translation>было %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="87" />
        <source>Reason, if the closing reading is unusual</source>
        <translation>Причина, если показание при снятии необычное</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="92" />
        <source>New meter</source>
        <translation>Новый счётчик</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="117" />
        <source>Serial number:</source>
        <translation>Заводской номер:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="118" />
        <source>Model:</source>
        <translation>Модель:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="119" />
        <source>Zones:</source>
        <translation>Зоны:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="120" />
        <source>Digits:</source>
        <translation>Разрядность:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="121" />
        <source>Opening readings:</source>
        <translation>Начальные показания:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="122" />
        <source>Next verification:</source>
        <translation>Следующая поверка:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="130" />
        <source>&amp;Replace meter</source>
        <translation>&amp;Заменить счётчик</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="136" />
        <source>Replacement date:</source>
        <translation>Дата замены:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/meter_dialog.py" line="175" />
        <source>Rollover through zero: %1 kWh</source>
        <translation>Переход через ноль: %1 кВт·ч</translation>
    </message>
</context>
<context>
    <name>TariffsDialog</name>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="48" />
        <source>Tariffs</source>
        <translation>Тарифы</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="58" />
        <source>Show earlier and future prices too</source>
        <translation>Показать также прежние и будущие цены</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="62" />
        <source>Prices in force today are in bold. A price is never changed: a new one starts on its own date.</source>
        <translation>Цены, действующие сегодня, выделены жирным. Цену не исправляют: новая цена вводится со своей даты начала.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="81" />
        <source>New price (senior operator)</source>
        <translation>Новая цена (старший оператор)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="91" />
        <source>I: up to 1,200 kWh</source>
        <translation>I: до 1 200 кВт·ч</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="91" />
        <source>II: 1,200–6,000 kWh</source>
        <translation>II: 1 200–6 000 кВт·ч</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="92" />
        <source>III: above 6,000 kWh</source>
        <translation>III: свыше 6 000 кВт·ч</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="104" />
        <source>until</source>
        <translation>по</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="113" />
        <source>e.g. the regulator's order number</source>
        <translation>например, номер приказа о тарифах</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="114" />
        <source>&amp;Add price</source>
        <translation>&amp;Добавить цену</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="129" />
        <source>Consumer group:</source>
        <translation>Группа потребителей:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="130" />
        <source>Scheme and zone:</source>
        <translation>Схема и зона:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="131" />
        <source>Range:</source>
        <translation>Диапазон:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="132" />
        <source>Price, ₽ per kWh:</source>
        <translation>Цена, ₽ за кВт·ч:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="133" />
        <source>Valid from:</source>
        <translation>Действует с:</translation>
    </message>
    <message>
        <location filename="../../desktop/views/tariffs_dialog.py" line="134" />
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
</context>
<context>
    <name>TariffsModel</name>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="24" />
        <source>Consumer group</source>
        <translation>Группа потребителей</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="25" />
        <source>Scheme</source>
        <translation>Схема</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="26" />
        <source>Zone</source>
        <translation>Зона</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="27" />
        <source>Range, kWh/month</source>
        <translation>Диапазон, кВт·ч/мес</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="28" />
        <source>Price per kWh</source>
        <translation>Цена за кВт·ч</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="29" />
        <source>Valid from</source>
        <translation>Действует с</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="30" />
        <source>Valid to</source>
        <translation>Действует по</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="31" />
        <source>Entered by</source>
        <translation>Кто ввёл</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="32" />
        <source>Note</source>
        <translation>Примечание</translation>
    </message>
    <message>
        <location filename="../../desktop/models/tariffs_model.py" line="34" />
        <source>in force today</source>
        <translation>действует сегодня</translation>
    </message>
</context>
</TS>