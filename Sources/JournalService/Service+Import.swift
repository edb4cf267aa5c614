import Foundation
import JournalAccess
public import JournalImport
import JournalModel
import JournalStore
import Workers

extension JournalService {
    /// Validates a CSV file of `kind` against the school and writes all of it in one
    /// transaction, or nothing: a bad row fails the whole file with `file:line` messages.
    public func importFile(
        kind: ImportKind, file: String, bytes: [UInt8], caller: Caller
    ) async throws -> ImportSummary {
        try await authorize(caller, kind.capability, .school)
        return try await planAndWrite(
            kind: kind, file: file, bytes: bytes, actor: caller.actor,
            reason: "import of \(kind.rawValue) from \(file)"
        ) { plan, writer in
            _ = try Self.apply(plan, writer)
            return plan.summary
        }
    }

    /// Reads and checks a file against the school as it is, outside any write — a file of
    /// 100,000 rows, refused or not, never holds the write lock while it is parsed — and then
    /// writes its plan in one transaction, provided the school did not change meanwhile;
    /// otherwise it is checked again against the new state.
    func planAndWrite<T: Sendable>(
        kind: ImportKind, file: String, bytes: [UInt8], actor: Actor, reason: String,
        _ write: @escaping @Sendable (ImportPlan, inout AuditedWriter) throws -> T
    ) async throws -> T {
        for _ in 0..<Self.importAttempts {
            let (context, version) = try await database.read { reader in
                (try Self.importContext(reader), try reader.latestChange())
            }
            let plan = try await workers.imports.run {
                try ImportPlan(kind: kind, file: file, bytes: bytes, context: context)
            }
            let written: T? = try await database.write(actor: actor, reason: reason) { writer in
                guard try writer.reader.latestChange() == version else { return nil }
                return try write(plan, &writer)
            }
            if let written { return written }
        }
        throw JournalError.refused(.init("error.import_data_changed", ["times": String(Self.importAttempts)]))
    }

    /// How many times a file is checked again when the school changes while it is checked.
    static let importAttempts = 3

    static func importContext(_ reader: StoreReader) throws -> ImportSnapshot {
        guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
        let staff = try reader.allStaff()
        return ImportSnapshot(
            year: year, classes: try reader.classes(year: year.id!), staff: staff,
            roles: Dictionary(uniqueKeysWithValues: staff.map { ($0.id!, Set($0.roles)) }),
            students: try reader.allStudents(), representatives: try reader.allRepresentatives(),
            links: try reader.allRepresentativeLinks(), subjects: try reader.subjects(),
            groups: try reader.groups(year: year.id!), members: try reader.memberRows(),
            assignments: try reader.allAssignments(), timetable: try reader.timetable(),
            studentLogins: Dictionary(
                try reader.accounts().compactMap { account in account.studentID.map { (account.login, $0) } },
                uniquingKeysWith: { first, _ in first }), contacts: try reader.allContacts())
    }

    /// Writes a plan; returns the people it created, who may get accounts.
    static func apply(_ plan: ImportPlan, _ writer: AuditedWriter) throws -> [AccountOwner] {
        var people: [AccountOwner] = []
        switch plan {
        case .students(let plan):
            for planned in plan.newStudents { people.append(.student(try writer.insert(planned.value).id!)) }
            for update in plan.updatedStudents { try writer.update(update.after) }
        case .staff(let plan):
            var created: [Staff] = []
            for planned in plan.newStaff { created.append(try writer.insert(planned.value)) }
            people = created.map { .staff($0.id!) }
            for update in plan.updatedStaff { try writer.update(update.after) }
            for grant in plan.roleGrants {
                let id = resolve(grant.staff, created.map(\.id!))
                guard var staff = try writer.reader.staff(id) else { continue }
                staff.roles = staff.roles + grant.roles.filter { !staff.roles.contains($0) }
                try writer.update(staff)
                if let account = try writer.reader.accounts().first(where: { $0.staffID == id }) {
                    let held = Set(try writer.reader.roles(account: account.id!))
                    for role in grant.roles where !held.contains(role) {
                        try writer.insert(AccountRole(accountID: account.id!, role: role))
                    }
                }
            }
        case .classes(let plan):
            for planned in plan.newClasses { try writer.insert(planned.value) }
            for update in plan.updatedClasses { try writer.update(update.after) }
        case .subjects(let plan):
            for planned in plan.newSubjects { try writer.insert(planned.value) }
            for update in plan.updatedSubjects { try writer.update(update.after) }
        case .contacts(let plan):
            try applyContacts(plan, writer)
        case .representatives(let plan):
            var created: [RepresentativeID] = []
            for planned in plan.newRepresentatives { created.append(try writer.insert(planned.value).id!) }
            people = created.map { .representative($0) }
            for update in plan.updatedRepresentatives { try writer.update(update.after) }
            for link in plan.newLinks {
                try writer.insert(
                    StudentRepresentative(
                        studentID: link.studentID, representativeID: resolve(link.representative, created),
                        kind: link.kind))
            }
            for update in plan.updatedLinks { try writer.update(update.after) }
        case .assignments(let plan):
            var groups: [GroupID] = []
            for planned in plan.newGroups { groups.append(try writer.insert(planned.value).id!) }
            for member in plan.newMembers {
                try writer.insert(GroupMember(groupID: resolve(member.group, groups), studentID: member.studentID))
            }
            for assignment in plan.newAssignments {
                try writer.insert(
                    TeachingAssignment(
                        groupID: resolve(assignment.group, groups), subjectID: assignment.subjectID,
                        teacherID: assignment.teacherID, hoursPerWeek: assignment.hoursPerWeek))
            }
            for update in plan.updatedAssignments { try writer.update(update.after) }
        case .timetable(let plan):
            for planned in plan.newEntries { try writer.insert(planned.value) }
        }
        return people
    }

    private static func resolve<Entity>(_ reference: ImportRef<Entity>, _ created: [Identifier<Entity>]) -> Identifier<
        Entity
    > {
        switch reference {
        case .existing(let id): id
        case .new(let index): created[index]
        }
    }
}

extension ImportKind {
    /// The right an import of this kind needs.
    var capability: Capability {
        switch self {
        case .students, .classes: .studentsEdit
        case .representatives: .representativesEdit
        case .staff: .staffEdit
        case .subjects, .assignments, .timetable: .timetableEdit
        case .contacts: .contactsEdit
        }
    }
}

extension JournalService {
    /// Writes a contacts file's rows: each ends the contact of its kind in force the day before
    /// it starts; a row repeating the contact in force, with its value, changes nothing.
    static func applyContacts(_ plan: ContactsPlan, _ writer: AuditedWriter) throws {
        let today = localDate(of: writer.now, timeZone: try writer.reader.school()?.timeZone ?? "Europe/Moscow")
        for planned in plan.newContacts {
            let draft = planned.value
            let validFrom = draft.validFrom ?? today
            let existing = try writer.reader.contacts(representatives: [draft.representativeID]).filter {
                $0.kind == draft.kind && ($0.validTo.map { $0 >= validFrom } ?? true)
            }
            if existing.contains(where: { $0.value == draft.value && $0.isValid(on: validFrom) }) { continue }
            for var current in existing {
                current.validTo = validFrom.adding(days: -1)
                try writer.update(current)
            }
            try writer.insert(
                Contact(
                    representativeID: draft.representativeID, kind: draft.kind, value: draft.value, basis: draft.basis,
                    basisNumber: draft.basisNumber, basisDate: draft.basisDate, receivedBy: draft.receivedBy,
                    signer: draft.signer, certificateSerial: draft.certificateSerial,
                    certificateValidUntil: draft.certificateValidUntil, validFrom: validFrom,
                    enteredBy: writer.actor.displayName, enteredAt: writer.now))
        }
    }
}
