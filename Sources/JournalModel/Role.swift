/// The roles of the regulation (R21). What each role may do is defined by the school's
/// rules (`rules/roles.lua`), not here.
public enum Role: String, Codable, Hashable, Sendable, CaseIterable {
    case administrator
    case management
    case teacher
    case student
    case parent
    case secretary
    case medical
    case psychologist
    case hr
}

extension Role {
    /// The roles a staff position suggests when none are given: `учитель математики` →
    /// teacher, `заместитель директора по УВР` → management, and so on.
    public static func suggested(forPosition position: String) -> [Role] {
        let text = position.lowercased()
        let keywords: [(String, Role)] = [
            ("директор", .management), ("завуч", .management), ("системный администратор", .administrator),
            ("администратор", .administrator), ("секретар", .secretary), ("медицин", .medical), ("медсестра", .medical),
            ("врач", .medical), ("психолог", .psychologist), ("социальный педагог", .psychologist),
            ("кадр", .hr), ("учител", .teacher), ("педагог", .teacher),
        ]
        var roles: [Role] = []
        for (keyword, role) in keywords where text.contains(keyword) && !roles.contains(role) {
            roles.append(role)
        }
        return roles.isEmpty ? [.teacher] : roles
    }

    /// Roles written as text, English or Russian: `teacher`, `учитель`, `администрация`.
    public init?(text: String) {
        let word = text.trimmingWhitespace().lowercased()
        if let role = Role(rawValue: word) {
            self = role
            return
        }
        let russian: [String: Role] = [
            "администратор": .administrator, "администрация": .management, "управление": .management,
            "руководство": .management, "учитель": .teacher, "ученик": .student, "родитель": .parent,
            "секретарь": .secretary, "медработник": .medical, "медицинский работник": .medical,
            "психолог": .psychologist, "социальный педагог": .psychologist, "кадры": .hr,
            "специалист по кадрам": .hr,
        ]
        guard let role = russian[word] else { return nil }
        self = role
    }
}
