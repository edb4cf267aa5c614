public import GRDB
public import JournalModel

extension School: AuditedRecord {
    public static let databaseTableName = "school"
    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AcademicYear: AuditedRecord {
    public static let databaseTableName = "academicYear"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = AcademicYearID(inserted.rowID) }
}

extension SchoolClass: AuditedRecord {
    public static let databaseTableName = "schoolClass"
    public enum Columns {
        public static let id = Column("id")
        public static let yearID = Column("yearID")
        public static let grade = Column("grade")
        public static let letter = Column("letter")
        public static let classTeacherID = Column("classTeacherID")
    }
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = ClassID(inserted.rowID) }
}

extension Subject: AuditedRecord {
    public static let databaseTableName = "subject"
    public var rowID: Int64? { id?.rawValue }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = SubjectID(inserted.rowID) }
}

extension Bell: AuditedRecord {
    public static let databaseTableName = "bell"
    public static let rowIDColumn = "number"
    public var rowID: Int64? { Int64(number) }
}
