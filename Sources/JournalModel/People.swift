/// A person's name in Russian order: family name, given name, patronymic.
public struct PersonName: Codable, Hashable, Sendable, CustomStringConvertible {
    public var lastName: String
    public var firstName: String
    public var middleName: String?

    public init(lastName: String, firstName: String, middleName: String? = nil) {
        self.lastName = lastName
        self.firstName = firstName
        self.middleName = middleName?.isEmpty == true ? nil : middleName
    }

    /// `Иванова Анна Сергеевна`.
    public var description: String { [lastName, firstName, middleName].compactMap { $0 }.joined(separator: " ") }

    /// `Иванова А. С.`
    public var short: String {
        let initials = [firstName, middleName].compactMap { $0?.first.map { "\($0)." } }
        return ([lastName] + initials).joined(separator: " ")
    }
}

public struct Student: Codable, Hashable, Sendable, Identifiable {
    public var id: StudentID?
    public var classID: ClassID
    public var name: PersonName
    public var birthDate: LocalDate?
    /// The school's own identifier (личное дело), unique when present; imports refer by it.
    public var externalCode: String?

    public init(
        id: StudentID? = nil, classID: ClassID, name: PersonName, birthDate: LocalDate? = nil,
        externalCode: String? = nil
    ) {
        self.id = id
        self.classID = classID
        self.name = name
        self.birthDate = birthDate
        self.externalCode = externalCode
    }
}

/// A parent, adoptive parent or guardian of one or more students.
public struct Representative: Codable, Hashable, Sendable, Identifiable {
    public var id: RepresentativeID?
    public var name: PersonName
    public var phone: String?
    public var email: String?
    public var externalCode: String?

    public init(
        id: RepresentativeID? = nil, name: PersonName, phone: String? = nil, email: String? = nil,
        externalCode: String? = nil
    ) {
        self.id = id
        self.name = name
        self.phone = phone
        self.email = email
        self.externalCode = externalCode
    }
}

/// How a legal representative is related to a student.
public enum RepresentativeKind: String, Codable, Hashable, Sendable, CaseIterable {
    case parent
    case adoptiveParent = "adoptive_parent"
    case guardian
}

public struct StudentRepresentative: Codable, Hashable, Sendable {
    public var id: Int64?
    public var studentID: StudentID
    public var representativeID: RepresentativeID
    public var kind: RepresentativeKind

    public init(id: Int64? = nil, studentID: StudentID, representativeID: RepresentativeID, kind: RepresentativeKind) {
        self.id = id
        self.studentID = studentID
        self.representativeID = representativeID
        self.kind = kind
    }
}

/// A member of staff: teachers, management, the secretary, the medical worker and so on.
public struct Staff: Codable, Hashable, Sendable, Identifiable {
    public var id: StaffID?
    public var name: PersonName
    /// The position as the school writes it: `учитель математики`, `заместитель директора`.
    public var position: String
    /// The school's own identifier (табельный номер), unique when present.
    public var externalCode: String?
    /// The roles the person's account gets when it is generated; empty means "as the
    /// position suggests" (see ``Role/suggested(forPosition:)``).
    public var roles: [Role]

    public init(
        id: StaffID? = nil, name: PersonName, position: String, externalCode: String? = nil, roles: [Role] = []
    ) {
        self.id = id
        self.name = name
        self.position = position
        self.externalCode = externalCode
        self.roles = roles
    }
}
