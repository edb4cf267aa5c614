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
    /// Whether the role can be held by the owner of an account: a student's account is a
    /// student's, a legal representative's a parent's, and the other roles are the staff's.
    public func suits(_ owner: AccountOwner?) -> Bool {
        switch owner {
        case .student: self == .student
        case .representative: self == .parent
        case .staff: self != .student && self != .parent
        case nil: false
        }
    }

    /// The roles the owner of an account can hold.
    public static func suiting(_ owner: AccountOwner?) -> [Role] { allCases.filter { $0.suits(owner) } }

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
