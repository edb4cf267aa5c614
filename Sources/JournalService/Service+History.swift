public import Foundation
public import JournalAccess
public import JournalModel
import JournalStore

/// What the change history is asked for: every condition given must hold.
public struct HistoryQuery: Sendable, Hashable {
    /// A kind of record: `mark`, `lesson`, `attendance`, `period_mark`, `work`, `rules`…
    public var kind: String?
    /// One record of that kind.
    public var id: Int64?
    /// Whoever made the change: a login, or part of a name.
    public var actor: String?
    public var student: StudentID?
    /// The students of a class, by its name (`5А`).
    public var className: String?
    public var assignment: AssignmentID?
    /// A cell of the journal grid: the marks of this work and the attendance of this lesson
    /// (with ``student``, one student's cell).
    public var lesson: LessonID?
    public var work: WorkID?
    /// Days in the school's time zone, both included.
    public var from: LocalDate?
    public var to: LocalDate?
    /// Entries older than this one: the next page.
    public var before: Int64?
    public var limit: Int

    public static let maximumLimit = 500

    public init(
        kind: String? = nil, id: Int64? = nil, actor: String? = nil, student: StudentID? = nil,
        assignment: AssignmentID? = nil, from: LocalDate? = nil, to: LocalDate? = nil, before: Int64? = nil,
        limit: Int = 100
    ) {
        self.kind = kind
        self.id = id
        self.actor = actor
        self.student = student
        self.assignment = assignment
        self.from = from
        self.to = to
        self.before = before
        self.limit = limit
    }

    /// The record kinds people ask for, and the tables behind them.
    public static let kinds: [String: [String]] = [
        "mark": ["mark"], "work": ["work"], "lesson": ["lesson", "timetableChange", "individualHomework"],
        "attendance": ["attendance"], "period_mark": ["attestationMark"], "exam": ["examResult"],
        "rules": ["ruleset", "ruleFile"], "rights": ["rightsExtension", "accountRole"],
        "account": ["account", "securityNotice"],
        "student": ["student", "studentRepresentative", "representative"],
        "period": ["periodReopening", "entryUnlock"],
        "timetable": ["timetableEntry", "bell"],
        "school": [
            "school", "academicYear", "schoolClass", "subject", "teachingGroup", "groupMember", "teachingAssignment",
            "staff",
        ],
        "caseload": ["caseload"],
    ]

    /// Kinds of special-category data (152-ФЗ, art. 10): their history is read only by holders
    /// of the right to the data itself, whatever audit.view grants — the administrator, who
    /// keeps the system, never. Tables in no kind are never shown: new data stays out of the
    /// history until it is given a kind here, and a right when it needs one.
    public static let specialCategory: [String: Capability] = ["caseload": .psychologyView]
}

/// One change: who, when, what kind of record, old → new, and why.
public struct HistoryEntry: Sendable, Codable, Hashable {
    public var id: Int64
    public var at: Date
    public var actor: String
    public var kind: String
    public var recordID: Int64
    public var action: String
    /// The record before and after, as JSON; nil for an insertion and a deletion respectively.
    public var before: String?
    public var after: String?
    public var reason: String?
    /// Through which page or call: `PATCH /api/v1/marks/17`, `journal import`.
    public var via: String?
    public var studentID: StudentID?
    public var assignmentID: AssignmentID?
}

extension JournalService {
    /// The change history (audit.view): the whole school's for management and the
    /// administrator, a teacher's own groups' for a teacher. Newest first.
    public func history(_ query: HistoryQuery, caller: Caller) async throws -> [HistoryEntry] {
        guard (1...HistoryQuery.maximumLimit).contains(query.limit) else {
            throw JournalError.invalid(
                field: "limit",
                message: .init("error.history_limit", ["min": "1", "max": String(HistoryQuery.maximumLimit)]))
        }
        let readable = try await readableHistoryKinds(caller: caller)
        if let kind = query.kind, readable[kind] == nil, let capability = HistoryQuery.specialCategory[kind] {
            try await authorize(caller, capability, AccessObject(kind: .school))
        }
        let tables =
            try query.kind.map { kind in
                guard let found = HistoryQuery.kinds[kind] else {
                    throw JournalError.invalid(
                        field: "kind",
                        message: .init(
                            "error.not_a_record_kind",
                            ["value": kind, "accepted": HistoryQuery.kinds.keys.sorted().joined(separator: ", ")]))
                }
                // One record is a row of the kind's own table, not of the tables beside it.
                return query.id == nil ? found : Array(found.prefix(1))
            } ?? readable.values.flatMap { $0 }.sorted()
        if query.lesson != nil || query.work != nil, query.student == nil, query.assignment == nil {
            throw JournalError.invalid(field: "workID", message: .init("error.cell_needs_scope"))
        }
        if let from = query.from, let to = query.to, to < from {
            throw JournalError.invalid(
                field: "to", message: .init("error.to_before_from", ["to": to.description, "from": from.description]))
        }
        let assignments = try await auditableAssignments(query, caller: caller)
        let timeZone = try await school().timeZone
        let entries = try await database.read { reader in
            var students = query.student.map { [$0] }
            if let className = query.className {
                let found = try Self.findClass(className, reader)
                let inClass = try reader.students(inClasses: [found.id!]).compactMap(\.id)
                students = students.map { $0.filter(inClass.contains) } ?? inClass
            }
            return try reader.auditEntries(
                entities: tables, entityID: query.id, actor: query.actor, students: students,
                assignments: assignments,
                cell: query.lesson == nil && query.work == nil ? nil : (query.lesson, query.work),
                from: query.from.map { Self.start(of: $0, timeZone: timeZone) },
                to: query.to.map { Self.start(of: $0.adding(days: 1), timeZone: timeZone) }, before: query.before,
                limit: query.limit)
        }
        let kindOfTable = Dictionary(
            HistoryQuery.kinds.flatMap { kind, tables in tables.map { ($0, kind) } }, uniquingKeysWith: { a, _ in a })
        return entries.map { entry in
            HistoryEntry(
                id: entry.id!, at: entry.at, actor: entry.actorName, kind: kindOfTable[entry.entity] ?? entry.entity,
                recordID: entry.entityID, action: entry.action.rawValue, before: entry.before, after: entry.after,
                reason: entry.reason, via: entry.via, studentID: entry.studentID, assignmentID: entry.assignmentID)
        }
    }

    /// The kinds of record whose history the caller may read, with their tables: every kind
    /// but the special categories they hold no right to.
    public func readableHistoryKinds(caller: Caller) async throws -> [String: [String]] {
        var readable = HistoryQuery.kinds
        for (kind, capability) in HistoryQuery.specialCategory
        where !(try await may(caller, capability, AccessObject(kind: .school))) {
            readable[kind] = nil
        }
        return readable
    }

    /// Nil when the caller may read the whole school's history; otherwise the assignments
    /// whose history they may read (a teacher's own), refused when there are none.
    private func auditableAssignments(_ query: HistoryQuery, caller: Caller) async throws -> [AssignmentID]? {
        if let id = query.assignment {
            try await authorize(caller, .auditView, try await assignmentObject(id, for: .auditView, caller: caller))
            return [id]
        }
        guard let subject = caller.subject else { return nil }
        do {
            try await authorize(caller, .auditView, AccessObject(kind: .school))
            return nil
        } catch let denied as AccessDenied {
            var allowed: [AssignmentID] = []
            for id in subject.assignments.sorted(by: { $0.rawValue < $1.rawValue }) {
                let object = try await assignmentObject(id, for: .auditView, caller: caller)
                if (try? await authorize(caller, .auditView, object)) != nil { allowed.append(id) }
            }
            guard !allowed.isEmpty else { throw denied }
            return allowed
        }
    }
}
