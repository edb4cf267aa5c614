extension Strings {
    /// Mail delivery (JournalDelivery) and the calendar feeds.
    static let russianDelivery: [String: String] = [
        "delivery.error.url":
            "Адрес почтового сервера не разобран. Ожидается {format}, например smtp://user:pass@mail.example.org:587?from=school@example.org",
        "delivery.error.url_scheme": "Схема «{scheme}» не поддерживается: укажите smtp:// или smtps://",
        "delivery.error.url_port": "Порт {port} недопустим: ожидается число от 1 до 65535",
        "delivery.error.url_parameter": "Параметр «{name}» неизвестен; допустимы: {accepted}",
        "delivery.error.url_parameter_twice": "Параметр «{name}» указан дважды",
        "delivery.error.url_from":
            "Не указан адрес отправителя: добавьте ?from=адрес, например smtp://mail.example.org?from=school@example.org",
        "delivery.error.url_tls":
            "Значение tls=«{value}» недопустимо для {scheme}://: ожидается tls=optional или tls=required",
        "delivery.error.url_seconds": "Значение {name}=«{value}» недопустимо: ожидается число секунд от 0 до 600",
        "delivery.error.address": "Адрес «{address}» недопустим: ожидается адрес вида имя@домен без пробелов",
        "delivery.error.message_id": "Message-ID «{id}» недопустим: ожидается уникальная@часть без пробелов и <>",
        "delivery.error.header": "Заголовок «{name}» недопустим или задаётся самим письмом",
        "delivery.error.no_recipients": "У письма нет получателей",
        "delivery.failure.permanent": "Сервер отказался принять письмо: {reply}. Повтор не поможет.",
        "delivery.failure.transient": "Письмо пока не отправлено: {reply}. Будет новая попытка.",
        // Calendar feeds
        "calendar.error.family_only":
            "Ссылку на календарь может создать только сам ученик или его законный представитель",
        "calendar.feed.name": "Дневник: {student}, {class}",
        "calendar.feed.homework": "Домашнее задание: {subject}",
        "calendar.feed.work": "{kind}: {subject}",
        "calendar.feed.teacher": "Учитель: {name}",
        "calendar.feed.topic": "Тема: {topic}",
        "calendar.page.title": "Календарь на телефоне",
        "calendar.page.intro":
            "Секретная ссылка для приложения «Календарь»: уроки с кабинетами и учителями, домашние задания и запланированные работы — на две недели назад и восемь вперёд. Кто знает ссылку, видит расписание ребёнка: не публикуйте её, а лишнюю отзовите.",
        "calendar.page.created": "Ссылка создана. Скопируйте её и добавьте в календарь как подписку:",
        "calendar.page.link": "Ссылка на календарь",
        "calendar.page.once": "Ссылка показана один раз: журнал хранит только её отпечаток.",
        "calendar.page.create": "Создать ссылку",
        "calendar.page.links": "Действующие ссылки",
        "calendar.page.none": "Ссылок пока нет.",
        "calendar.page.made": "Создана",
        "calendar.page.revoke": "Отозвать",
        "nav.calendar": "Календарь",
    ]
}
