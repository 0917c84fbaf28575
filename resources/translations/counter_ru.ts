<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>CardMenu</name>
    <message>
      <source>Tariffs…</source>
      <translation>Тарифы…</translation>
    </message>
    <message>
      <source>Replace the meter…</source>
      <translation>Замена счётчика…</translation>
    </message>
    <message>
      <source>Preview the bill</source>
      <translation>Просмотр счёта</translation>
    </message>
    <message>
      <source>Print the selected bills</source>
      <translation>Печать выбранных счетов</translation>
    </message>
    <message>
      <source>Return a payment…</source>
      <translation>Возврат платежа…</translation>
    </message>
    <message>
      <source>Register the online account…</source>
      <translation>Регистрация личного кабинета…</translation>
    </message>
    <message>
      <source>Reset the online password by SMS…</source>
      <translation>Сброс пароля личного кабинета по SMS…</translation>
    </message>
    <message>
      <source>Unlock the online account</source>
      <translation>Разблокировать личный кабинет</translation>
    </message>
    <message>
      <source>C&amp;ard</source>
      <translation>Кар&amp;точка</translation>
    </message>
    <message>
      <source>Open an account first (F2)</source>
      <translation>Сначала откройте лицевой счёт (F2)</translation>
    </message>
    <message>
      <source>«%1» is not available for this account now</source>
      <translation>«%1» сейчас недоступно для этого лицевого счёта</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;Reprint the last receipt</source>
      <translation>&amp;Повторить последний чек</translation>
    </message>
  </context>
  <context>
    <name>PaymentsPage</name>
    <message>
      <source>No receipt to reprint for this account</source>
      <translation>У этого лицевого счёта нет чека для повторной печати</translation>
    </message>
    <message>
      <source>Receipt %1 sent to the printer again</source>
      <translation>Чек %1 отправлен на печать повторно</translation>
    </message>
  </context>
  <context>
    <name>ShortcutSheet</name>
    <message>
      <source>Keys of the desk</source>
      <translation>Клавиши рабочего места</translation>
    </message>
    <message>
      <source>Key</source>
      <translation>Клавиша</translation>
    </message>
    <message>
      <source>What it does</source>
      <translation>Что делает</translation>
    </message>
  </context>
  <context>
    <name>Shortcuts</name>
    <message>
      <source>This list of keys</source>
      <translation>Этот список клавиш</translation>
    </message>
    <message>
      <source>Search box: account number, surname, address, phone or a scanned QR code</source>
      <translation>Строка поиска: номер лицевого счёта, фамилия, адрес, телефон или QR-код со сканера</translation>
    </message>
    <message>
      <source>Readings: the cursor in the first zone</source>
      <translation>Показания: курсор в первой зоне</translation>
    </message>
    <message>
      <source>Bills: arrows choose, Enter previews</source>
      <translation>Счета: стрелки выбирают, Enter открывает просмотр</translation>
    </message>
    <message>
      <source>Payment: the amount due, Enter to the cash received, Enter posts</source>
      <translation>Оплата: сумма к оплате, Enter — к полученным наличным, Enter — провести</translation>
    </message>
    <message>
      <source>Online account: Enter registers it or resets the password</source>
      <translation>Личный кабинет: Enter — зарегистрировать или сбросить пароль</translation>
    </message>
    <message>
      <source>User data: phone, e-mail, subscriptions</source>
      <translation>Данные пользователя: телефон, e-mail, подписки</translation>
    </message>
    <message>
      <source>Customer requests: the cursor in a new request's kind</source>
      <translation>Обращения: курсор в поле «Вид» нового обращения</translation>
    </message>
    <message>
      <source>Next input; in the last one: save or post</source>
      <translation>Следующее поле; в последнем — сохранить или провести</translation>
    </message>
    <message>
      <source>Clear the entry; once empty: back to the search box</source>
      <translation>Очистить ввод; если пусто — назад к строке поиска</translation>
    </message>
    <message>
      <source>Tick a box or press the focused button</source>
      <translation>Отметить флажок или нажать выбранную кнопку</translation>
    </message>
    <message>
      <source>Requests: register the request being written</source>
      <translation>Обращения: зарегистрировать набранное обращение</translation>
    </message>
    <message>
      <source>Payment: print the last receipt again after a printer failure</source>
      <translation>Оплата: напечатать последний чек ещё раз после сбоя принтера</translation>
    </message>
    <message>
      <source>Open the customer's other accounts</source>
      <translation>Открыть другие лицевые счета клиента</translation>
    </message>
  </context>
  <context>
    <name>ResetDialog</name>
    <message>
      <source>Close</source>
      <translation>Закрыть</translation>
    </message>
  </context>
  <context>
    <name>ContactsPage</name>
    <message>
      <source>+7 ___ ___-__-__</source>
      <translation>+7 ___ ___-__-__</translation>
    </message>
    <message>
      <source>name@example.com</source>
      <translation>name@example.ru</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <source>Building the demo database: %1 of %2 customers…</source>
      <translation>Создаётся демонстрационная база: %1 из %2 клиентов…</translation>
    </message>
    <message>
      <source>Opening the demo database…</source>
      <translation>Открывается демонстрационная база…</translation>
    </message>
  </context>
</TS>
