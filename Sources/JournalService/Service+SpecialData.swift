public import Foundation
public import JournalAccess
public import JournalModel
import JournalStore

/// What a read of special-category data is about: students, or one staff member.
public enum SpecialSubject: Sendable, Hashable {
    case students([StudentID])
    case staff(StaffID)
}

extension JournalService {
    /// The right that reads each domain's data, and the role whose holders keep it.
    static func viewCapability(_ domain: DataDomain) -> Capability {
        switch domain {
        case .health: .healthView
        case .psychology: .psychologyView
        case .personnel: .hrView
        case .personalFile: .personalFilesView
        }
    }

    static func keepers(_ domain: DataDomain) -> Role {
        switch domain {
        case .health: .medical
        case .psychology: .psychologist
        case .personnel: .hr
        case .personalFile: .secretary
        }
    }

    /// Checks `capability` over the students' data in `domain` — by the caller's rights, or by
    /// an emergency access they opened — and writes the trace of the read before anything is
    /// returned: who, what (`what`, a key such as `health.card`), about whom, when, and why (the
    /// page or call of the caller). A read whose trace cannot be written fails.
    ///
    /// Every read path of special-category data calls this; writes that show the data back
    /// call it too. The system (the command line) is not checked but leaves its trace.
    func openSpecial(
        _ caller: Caller, _ capability: Capability, domain: DataDomain, about subject: SpecialSubject, what: String
    ) async throws {
        var emergency: [StudentID: Int64] = [:]
        if caller.subject != nil {
            switch subject {
            case .students(let students):
                // About nobody in particular, it is a read of the school's: the right must cover it.
                if students.isEmpty { try await authorize(caller, capability, AccessObject(kind: .school)) }
                for student in students {
                    let object = try await studentObject(student, for: capability, caller: caller)
                    if try await may(caller, capability, object) { continue }
                    // Outside the caller's rights: only an open emergency access lets them read.
                    guard capability == Self.viewCapability(domain), let account = caller.subject?.accountID,
                        let access = try await database.read({ reader in
                            try reader.openEmergencyAccess(
                                account: account, student: student, domain: domain, now: self.now())
                        })
                    else {
                        try await authorize(caller, capability, object)
                        continue
                    }
                    emergency[student] = access.id
                }
            case .staff(let staff):
                let object = try await decidable(.staff, staff.rawValue, capability, caller: caller) { reader in
                    try reader.staff(staff).map { _ in AccessObject(kind: .staff, id: staff.rawValue, staffID: staff) }
                }
                try await authorize(caller, capability, object)
            }
        }
        guard DataCategories.tables.values.contains(where: { $0.domain == domain && $0.category == .special })
        else { return }
        let at = now()
        let purpose = caller.actor.via ?? "journal"
        let reads: [SpecialRead]
        switch subject {
        case .students(let students):
            reads = students.map { student in
                SpecialRead(
                    at: at, accountID: caller.actor.accountID, actorName: caller.actor.displayName, domain: domain,
                    what: what, studentID: student, purpose: purpose, emergencyAccessID: emergency[student])
            }
        case .staff(let staff):
            reads = [
                SpecialRead(
                    at: at, accountID: caller.actor.accountID, actorName: caller.actor.displayName, domain: domain,
                    what: what, staffID: staff, purpose: purpose)
            ]
        }
        try await database.logSpecialReads(reads)
    }

    /// Opens an emergency access to a student's health or psychology data for an hour, with a
    /// reason of at least ``EmergencyAccess/minimumReason`` characters. Only staff who may see
    /// the student may open one, and never someone the rules explicitly deny the data (the
    /// administrator): the denial holds in an emergency too. The opening is audited and told
    /// to the administrator and the domain's specialists on their home pages.
    public func openEmergencyAccess(
        student: StudentID, domain: DataDomain, reason: String, caller: Caller
    ) async throws -> EmergencyAccess {
        let object = try await studentObject(student, for: .studentsView, caller: caller)
        try await authorize(caller, .studentsView, object)
        guard let subject = caller.subject, let accountID = caller.actor.accountID, subject.staffID != nil else {
            throw JournalError.refused(.init("error.emergency_staff_only"))
        }
        guard domain == .health || domain == .psychology else {
            throw JournalError.invalid(
                field: "domain",
                message: .init("error.emergency_domain", ["value": domain.rawValue, "accepted": "health, psychology"]))
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= EmergencyAccess.minimumReason, reason.count <= 500 else {
            throw JournalError.invalid(
                field: "reason",
                message: .init("error.emergency_reason", ["min": String(EmergencyAccess.minimumReason), "max": "500"]))
        }
        let capability = Self.viewCapability(domain)
        let decision = try await accessPolicy().decide(subject, capability, object)
        if decision.allowed {
            throw JournalError.refused(.init("error.emergency_not_needed"))
        }
        if decision.decidedBy != nil {
            // An explicit denial (the administrator's) holds in an emergency too.
            throw AccessDenied(decision: decision)
        }
        let opened = now()
        let access = EmergencyAccess(
            accountID: accountID, actorName: caller.actor.displayName, studentID: student, domain: domain,
            reason: reason, openedAt: opened, until: opened.addingTimeInterval(EmergencyAccess.duration))
        let keepers = Self.keepers(domain)
        return try await database.write(actor: caller.actor, reason: reason) { writer in
            let stored = try writer.insert(access)
            guard let account = try writer.reader.account(accountID) else {
                throw JournalError.notFound(entity: "account", id: String(accountID.rawValue))
            }
            try writer.notify(.emergencyAccess, account: account, roles: [.administrator, keepers])
            return stored
        }
    }

    /// The special-read log (`special_reads.view`, the administrator's): every read of
    /// special-category data, newest first, with the emergency accesses. No one reads entries
    /// that name them — as the reader, or as the person the data is about.
    public func specialReadLog(_ filter: SpecialReadFilter, caller: Caller) async throws -> SpecialReadLog {
        try await authorize(caller, .specialReadsView, AccessObject(kind: .school))
        guard (1...2_000).contains(filter.limit) else {
            throw JournalError.invalid(
                field: "limit", message: .init("error.history_limit", ["min": "1", "max": "2000"]))
        }
        let me = caller.subject
        return try await database.read { reader in
            func namesMe(account: AccountID?, student: StudentID?, staff: StaffID?) -> Bool {
                guard let me else { return false }
                return (account != nil && account == me.accountID)
                    || (student != nil && (student == me.studentID || me.children.contains(student!)))
                    || (staff != nil && staff == me.staffID)
            }
            var reads = try reader.specialReads(filter)
            reads.removeAll { namesMe(account: $0.accountID, student: $0.studentID, staff: $0.staffID) }
            // That a child sees the psychologist is itself the psychological service's to keep:
            // the log shows who read psychology data and when, not about whom — unless it was
            // under an emergency access, which is reported in full. Asked about one student, it
            // does not answer for such reads at all.
            if filter.student != nil {
                reads.removeAll { $0.domain == .psychology && $0.emergencyAccessID == nil }
            } else {
                for index in reads.indices
                where reads[index].domain == .psychology && reads[index].emergencyAccessID == nil {
                    reads[index].studentID = nil
                }
            }
            var accesses = try reader.emergencyAccesses()
            accesses.removeAll { namesMe(account: $0.accountID, student: $0.studentID, staff: nil) }
            let students = try Set(reads.compactMap(\.studentID) + accesses.map(\.studentID)).compactMap(reader.student)
            let staff = try reader.staff(ids: Array(Set(reads.compactMap(\.staffID))))
            return SpecialReadLog(
                reads: reads, emergencyAccesses: accesses,
                studentNames: Dictionary(uniqueKeysWithValues: students.map { ($0.id!, $0.name.description) }),
                staffNames: Dictionary(uniqueKeysWithValues: staff.map { ($0.id!, $0.name.description) }))
        }
    }
}

/// The special-read log as its page shows it.
public struct SpecialReadLog: Sendable {
    public var reads: [SpecialRead]
    public var emergencyAccesses: [EmergencyAccess]
    public var studentNames: [StudentID: String]
    public var staffNames: [StaffID: String]
}

/// One part of the subject-access export (152-ФЗ art. 14): a titled table of what the school
/// holds about a student in one domain, in the reader's language. Each domain contributes its
/// sections; the export gathers them into one document for the representative.
public struct SubjectAccessSection: Sendable, Hashable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]

    public init(title: String, header: [String], rows: [[String]]) {
        self.title = title
        self.header = header
        self.rows = rows
    }
}

/// What the emergency access form shows: whose data, and the caller's accesses still open.
public struct EmergencyAccessContext: Sendable {
    public var studentName: String
    public var className: String
    public var open: [EmergencyAccess]
}

extension JournalService {
    /// The student the form is about (`students.view`) and the caller's open accesses to them.
    public func emergencyAccessContext(student id: StudentID, caller: Caller) async throws -> EmergencyAccessContext {
        let object = try await studentObject(id, for: .studentsView, caller: caller)
        try await authorize(caller, .studentsView, object)
        let now = now()
        return try await database.read { reader in
            guard let student = try reader.student(id) else {
                throw ServiceError.unknown(entity: "student", id: String(id.rawValue))
            }
            let open = try caller.actor.accountID.map { account in
                try DataDomain.allCases.compactMap { domain in
                    try reader.openEmergencyAccess(account: account, student: id, domain: domain, now: now)
                }
            }
            return EmergencyAccessContext(
                studentName: student.name.description,
                className: try reader.schoolClass(student.classID)?.name ?? "", open: open ?? [])
        }
    }
}
