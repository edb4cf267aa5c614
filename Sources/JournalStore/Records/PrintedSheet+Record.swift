public import Foundation
public import GRDB
public import JournalModel

/// A weekly paper sheet of a student's results (R19), as the issuance register keeps it: its
/// number (the row's id, printed on the sheet), whose week it shows, who printed it and when,
/// and, once handed over, to whom, when and by whom.
public struct PrintedSheet: Codable, Hashable, Sendable, AuditedRecord {
    public static let databaseTableName = "printedSheet"
    /// The sheet's number: unique in the school, never reused.
    public var id: Int64?
    public var studentID: StudentID
    public var classID: ClassID
    /// The Monday of the week the sheet shows.
    public var weekStart: LocalDate
    public var printedAt: Date
    public var printedByID: AccountID?
    public var printedBy: String
    /// The representative or other person the sheet was handed to, as the issuer wrote it.
    public var issuedTo: String?
    public var issuedAt: Date?
    public var issuedByID: AccountID?
    public var issuedBy: String?

    public init(
        id: Int64? = nil, studentID: StudentID, classID: ClassID, weekStart: LocalDate, printedAt: Date,
        printedByID: AccountID?, printedBy: String
    ) {
        self.id = id
        self.studentID = studentID
        self.classID = classID
        self.weekStart = weekStart
        self.printedAt = printedAt
        self.printedByID = printedByID
        self.printedBy = printedBy
    }

    public var rowID: Int64? { id }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    public func auditScope(_ db: Database) throws -> AuditScope { AuditScope(studentID: studentID) }
}

extension StoreReader {
    /// The sheets printed of a class's students for a week, in the order of their numbers.
    public func printedSheets(class classID: ClassID, weekStart: LocalDate) throws -> [PrintedSheet] {
        try PrintedSheet.filter(Column("classID") == classID.rawValue && Column("weekStart") == weekStart)
            .order(Column("id")).fetchAll(db)
    }

    public func printedSheet(number: Int64) throws -> PrintedSheet? { try row(PrintedSheet.self, id: number) }
}
