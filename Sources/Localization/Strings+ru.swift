extension Strings {
    static let russian: [String: String] = [
        // Roles (R21)
        "role.administrator": "Администратор",
        "role.management": "Администрация (директор, заместитель)",
        "role.teacher": "Учитель",
        "role.student": "Ученик",
        "role.parent": "Родитель (законный представитель)",
        "role.secretary": "Секретарь",
        "role.medical": "Медицинский работник",
        "role.psychologist": "Психолог / социальный педагог",
        "role.hr": "Специалист по кадрам",

        // Account slips (R11, R20)
        "slips.title": "Логины и пароли — {school}",
        "slips.heading": "Доступ к электронному журналу и дневнику",
        "slips.person": "Кому",
        "slips.class": "Класс",
        "slips.role": "Роль",
        "slips.login": "Логин",
        "slips.password": "Пароль",
        "slips.instructions":
            "При первом входе система попросит сменить пароль. Никому не сообщайте пароль; если он утерян, "
            + "обратитесь к администратору школы.",
        "slips.children": "Дети",
        "slips.count": "Листков: {count}. Разрежьте по пунктирным линиям.",
    ]
}
