public import GRDB
public import JournalModel

// People are stored with their name in three columns, so lists sort by family name in SQL.

extension PersonName {
    init(row: Row) {
        self.init(lastName: row["lastName"], firstName: row["firstName"], middleName: row["middleName"])
    }

    func encode(to container: inout PersistenceContainer) {
        container["lastName"] = lastName
        container["firstName"] = firstName
        container["middleName"] = middleName
    }
}

extension Student: AuditedRecord {
    public static let databaseTableName = "student"
    public enum Columns {
        public static let id = Column("id")
        public static let classID = Column("classID")
        public static let lastName = Column("lastName")
        public static let firstName = Column("firstName")
        public static let externalCode = Column("externalCode")
    }

    public init(row: Row) {
        self.init(
            id: row["id"], classID: row["classID"], name: PersonName(row: row), birthDate: row["birthDate"],
            externalCode: row["externalCode"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["classID"] = classID
        name.encode(to: &container)
        container["birthDate"] = birthDate
        container["externalCode"] = externalCode
    }

    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = StudentID(inserted.rowID) }
}

extension Representative: AuditedRecord {
    public static let databaseTableName = "representative"

    public init(row: Row) {
        self.init(
            id: row["id"], name: PersonName(row: row), phone: row["phone"], email: row["email"],
            externalCode: row["externalCode"])
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        name.encode(to: &container)
        container["phone"] = phone
        container["email"] = email
        container["externalCode"] = externalCode
    }

    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = RepresentativeID(inserted.rowID) }
}

extension StudentRepresentative: AuditedRecord {
    public static let databaseTableName = "studentRepresentative"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Staff: AuditedRecord {
    public static let databaseTableName = "staff"

    public init(row: Row) {
        let roles = (row["roles"] as String? ?? "").split(separator: ",").compactMap { Role(rawValue: String($0)) }
        self.init(
            id: row["id"], name: PersonName(row: row), position: row["position"], externalCode: row["externalCode"],
            roles: roles)
    }

    public func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        name.encode(to: &container)
        container["position"] = position
        container["externalCode"] = externalCode
        container["roles"] = roles.map(\.rawValue).joined(separator: ",")
    }

    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = StaffID(inserted.rowID) }
}
