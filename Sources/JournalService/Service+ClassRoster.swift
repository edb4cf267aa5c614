import Foundation
import JournalAccess
public import JournalModel
import JournalStore

/// A class as its class teacher keeps it: each student with their account and their legal
/// representatives with theirs — the people whose passwords the class teacher may reset.
public struct ClassRoster: Codable, Sendable {
    public struct Person: Codable, Sendable {
        public var name: String
        /// For a representative: parent, adoptive parent or guardian.
        public var relation: RepresentativeKind?
        /// Nil when the person has no account yet.
        public var account: UserSummary?
        /// Whether the caller may give the account a new one-time password.
        public var mayReset: Bool
    }

    public struct Entry: Codable, Sendable {
        public var studentID: StudentID
        public var student: Person
        public var representatives: [Person]
    }

    public var classID: ClassID
    public var className: String
    public var students: [Entry]
}

extension JournalService {
    /// The classes the caller is class teacher of, with their students, families and accounts.
    public func classRosters(caller: Caller) async throws -> [ClassRoster] {
        guard let subject = caller.subject, !subject.ownClasses.isEmpty else { return [] }
        let now = now()
        let rosters = try await database.read { reader in
            let accounts = try reader.accounts()
            let byStudent = Dictionary(
                accounts.compactMap { account in account.studentID.map { ($0, account) } },
                uniquingKeysWith: { first, _ in first })
            let byRepresentative = Dictionary(
                accounts.compactMap { account in account.representativeID.map { ($0, account) } },
                uniquingKeysWith: { first, _ in first })
            func summary(_ account: Account?) throws -> UserSummary? {
                guard let account else { return nil }
                return try Self.userSummary(account, roles: try reader.roles(account: account.id!), now: now, reader)
            }
            return try subject.ownClasses.sorted().compactMap { classID -> ClassRoster? in
                guard let schoolClass = try reader.schoolClass(classID) else { return nil }
                let students = try reader.students(inClasses: [classID])
                    .sorted { ($0.name.lastName, $0.name.firstName) < ($1.name.lastName, $1.name.firstName) }
                let links = Dictionary(
                    grouping: try reader.representativeLinks(students: students.compactMap(\.id)), by: \.studentID)
                let entries = try students.map { student -> ClassRoster.Entry in
                    let own = try summary(byStudent[student.id!])
                    let representatives = try (links[student.id!] ?? []).compactMap { link -> ClassRoster.Person? in
                        guard let person = try reader.representative(link.representativeID) else { return nil }
                        return ClassRoster.Person(
                            name: person.name.description, relation: link.kind,
                            account: try summary(byRepresentative[link.representativeID]), mayReset: false)
                    }
                    return ClassRoster.Entry(
                        studentID: student.id!,
                        student: ClassRoster.Person(
                            name: student.name.description, relation: nil, account: own, mayReset: false),
                        representatives: representatives)
                }
                return ClassRoster(classID: classID, className: schoolClass.name, students: entries)
            }
        }
        var result: [ClassRoster] = []
        for roster in rosters {
            try await authorize(caller, .studentsView, AccessObject(kind: .group, classes: [roster.classID]))
            try await authorize(caller, .representativesView, AccessObject(kind: .group, classes: [roster.classID]))
            var roster = roster
            for index in roster.students.indices {
                roster.students[index].student.mayReset = try await mayReset(roster.students[index].student, caller)
                for other in roster.students[index].representatives.indices {
                    roster.students[index].representatives[other].mayReset = try await mayReset(
                        roster.students[index].representatives[other], caller)
                }
            }
            result.append(roster)
        }
        return result
    }

    private func mayReset(_ person: ClassRoster.Person, _ caller: Caller) async throws -> Bool {
        guard let account = person.account else { return false }
        let object = try await accountObject(account.accountID, for: .passwordsReset, caller: .system("roster"))
        return try await may(caller, .passwordsReset, object)
    }

    /// The account whose password the caller is about to reset, for the page that shows the
    /// new one: whoever may reset it may see whose password it is (a class teacher too, who
    /// has no right to the list of users).
    public func accountForReset(_ id: AccountID, caller: Caller) async throws -> UserSummary {
        try await authorize(caller, .passwordsReset, try await accountObject(id, for: .passwordsReset, caller: caller))
        return try await user(id, caller: .system("password reset"))
    }
}
