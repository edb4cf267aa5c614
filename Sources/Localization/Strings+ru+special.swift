extension Strings {
    /// Issue 16: special-category protection: the read log, emergency access, subject-access export.
    static let russianSpecial: [String: String] = [
        "capability.special_reads.view": "журнал чтений особых категорий данных",
        "error.emergency_staff_only": "экстренный доступ открывают только сотрудники школы",
        "error.emergency_domain": "экстренный доступ к данным «{value}» открыть нельзя; можно: {accepted}",
        "error.emergency_reason": "укажите причину экстренного доступа: от {min} до {max} символов",
        "error.emergency_not_needed": "у вас уже есть право на эти данные: экстренный доступ не нужен",
        "home.notice.emergency_access":
            "{time} {actor} открыл(а) экстренный доступ к данным ученика ({role}); причина — в журнале чтений особых данных.",
        "domain.health": "здоровье",
        "domain.psychology": "психологическая служба",
        "domain.personnel": "кадры",
        "domain.personal_file": "личное дело",
        "category.general": "общие",
        "category.restricted": "ограниченного доступа",
        "category.special": "особая категория",
    ]
}
