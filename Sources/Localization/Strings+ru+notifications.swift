extension Strings {
    /// Informing families: contacts, agreed forms, the outbox and its rules (issue 13).
    static let russianNotifications: [String: String] = [
        "rules.notifications.1": "«{v1}» — не поле notifications { ... }; допустимо: {v2}",
        "rules.notifications.2": "«{v1}» — целый час от 0 до 23",
        "rules.notifications.3": "«{v1}» — день недели от 1 (понедельник) до 7 (воскресенье)",
        "rules.notifications.4": "«{v1}» должно быть функцией function(period), возвращающей список дат",
        "rules.notifications.5": "вид сообщений «{v1}» неизвестен; допустимо: {v2}",
        "rules.notifications.6":
            "вид сообщений «{v1}» обязателен по Положению (R13, R14): нужно mandatory = true",
        "rules.notifications.7":
            "«{v1}»: обязательное сообщение нельзя оставить только в дневнике; допустимо: email, paper",
        "rules.notifications.8": "«{v1}» ссылается на поле {{v2}}, которого нет; поля: {v3}",
        "rules.notifications.9": "нет вида сообщений «{v1}»: он обязателен по Положению (R13, R14)",
        "rules.notifications.10": "«{v1}» = «{v2}» неизвестно; допустимо: {v3}",
        "rules.notifications.11":
            "forecast_dates должна вернуть список дат «ГГГГ-ММ-ДД», а вернула {v1}",
        "rules.notifications.12": "проверка {n}: ожидалось {v1}, получено {v2}",
        "delivery.forecast.how": "средний взвешенный балл {average} по {count} отметкам; правило: {rule}",
        "delivery.mark.new": "новая",
        "delivery.mark.changed": "изменена",
        "delivery.mark.deleted": "удалена",
        "delivery.timetable.cancellation": "урок «{subject}» ({number}-й) отменён",
        "delivery.timetable.move": "урок «{subject}» перенесён: теперь {date}, {number}-й урок",
        "delivery.timetable.room_change": "урок «{subject}» ({number}-й) пройдёт в кабинете {room}",
        "delivery.timetable.substitution": "урок «{subject}» ({number}-й) проведёт {teacher}",
        "delivery.timetable.merge": "урок «{subject}» ({number}-й) пройдёт вместе с другой группой, кабинет {room}",
        "delivery.period.year": "год",
        "delivery.period.final": "итоговая аттестация",
        "capability.contacts.view": "контакты семей и форма информирования",
        "capability.contacts.edit": "изменение контактов семей и формы информирования",
        "capability.delivery.view": "журнал доставки сообщений семьям",
        "error.contact.email": "«{value}» — не адрес электронной почты; нужен вид имя@домен.ru",
        "error.contact.phone":
            "«{value}» — не номер телефона; допустимо: +7 900 123-45-67, 8 (900) 123-45-67 или + и 8–15 цифр",
        "error.contact.postal": "почтовый адрес — от 5 до 300 знаков",
        "error.contact.basis_field": "для основания «{basis}» нужно поле {field}",
        "error.contact.certificate_expired": "сертификат подписи действует до {day} — раньше даты документа",
        "error.contact.self_entered":
            "основание «введено в дневнике» бывает только у контакта, который родитель вводит сам; секретарь указывает заявление или документ с электронной подписью",
        "error.contact.basis_future": "дата основания не может быть позже сегодняшнего дня",
        "error.contact.valid_from": "контакт может начать действовать не раньше чем год назад и не позже чем через год",
        "error.contact.end_before_start": "контакт действует с {from}: закончить его раньше нельзя",
        "error.delivery.unknown_class": "вид сообщений «{value}» неизвестен; допустимо: {accepted}",
        "error.delivery.mandatory": "«{class}» — обязательное сообщение: выберите почту или бумагу",
        "error.delivery.application_needed":
            "укажите номер письменного заявления родителя, по которому выбрана форма информирования",
        "error.delivery.no_email": "у представителя нет действующего адреса электронной почты: сначала внесите адрес",
        "error.delivery.kind": "«{value}» — неизвестное значение; допустимо: {accepted}",
    ]
}
