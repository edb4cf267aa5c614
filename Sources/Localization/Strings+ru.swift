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
        // Problems (API errors)
        "problem.unauthorized": "Нужно войти",
        "problem.password-change-required": "Сначала смените пароль",
        "problem.invalid-request": "Неверный запрос",
        "problem.not-found": "Не найдено",
        "problem.method-not-allowed": "Метод не поддерживается",
        "problem.access-denied": "Нет доступа",
        "problem.invalid-value": "Неверное значение",
        "problem.conflict": "Данные изменены другим пользователем",
        "problem.refused": "Действие невозможно",
        "problem.unavailable": "Сервис недоступен",
        "problem.invalid-credentials": "Неверный логин или пароль",
        "problem.account-locked": "Учётная запись временно заблокирована",
        "problem.account-disabled": "Учётная запись отключена",
        "problem.invalid-rules": "Правила содержат ошибки",
        "problem.invalid-file": "Файл содержит ошибки",
        "problem.internal": "Внутренняя ошибка сервера",
    ]
}
