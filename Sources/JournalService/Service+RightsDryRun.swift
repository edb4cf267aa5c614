import Foundation
public import JournalAccess
public import JournalModel
public import JournalRules
import JournalStore

/// An access decision that a candidate `roles.lua` would change: who, what right, on which
/// object, and the decision before and after with its reason.
public struct RightsChange: Sendable, Codable, Hashable {
    public var accountID: AccountID
    public var login: String
    public var name: String
    public var roles: [Role]
    public var capability: Capability
    /// The object as explanations name it: `student 12`, `school`.
    public var object: String
    public var allowedBefore: Bool
    public var allowedAfter: Bool
    public var reasonBefore: String
    public var reasonAfter: String
}

extension JournalService {
    /// The dry-run of rights: for a candidate set of rules, every decision over each account ×
    /// each capability × a representative set of objects (their own data, their children, their
    /// groups, their class, their caseload, the school) that the candidate `roles.lua` would
    /// turn from allowed to denied or back. The administrator's extensions apply on both sides.
    public func diffRights(_ files: RuleFiles, caller: Caller) async throws -> [RightsChange] {
        try await authorize(caller, .rulesView, .init(kind: .rules))
        try await authorize(caller, .accessExplain, .school)
        let active = try await rules()
        let candidate = try await checkRules(files)
        let before = try await accessPolicy()
        let after = try await accessPolicy(roles: candidate.roles)
        let changed = Self.changedRoleCapabilities(active.roles.grants, candidate.roles.grants)
        guard !changed.isEmpty else { return [] }
        let roles = Set(changed.map(\.role))
        let today = try await today()
        let people = try await database.read { reader in try Self.rightsSample(reader, roles: roles, today: today) }
        var changes: [RightsChange] = []
        for person in people {
            let roles = person.subject.roles.sorted { $0.rawValue < $1.rawValue }
            for capability in Capability.allCases
            where roles.contains(where: { changed.contains(RoleCapability(role: $0, capability: capability)) }) {
                for object in person.objects {
                    let old = before.decide(person.subject, capability, object)
                    let new = after.decide(person.subject, capability, object)
                    guard old.allowed != new.allowed else { continue }
                    changes.append(
                        RightsChange(
                            accountID: person.subject.accountID, login: person.login, name: person.subject.displayName,
                            roles: roles, capability: capability, object: object.description,
                            allowedBefore: old.allowed, allowedAfter: new.allowed, reasonBefore: old.reason,
                            reasonAfter: new.reason))
                }
            }
        }
        return changes
    }

    /// The policy that `roles` would make with the administrator's stored extensions, built as
    /// ``accessPolicy()`` builds the active one.
    func accessPolicy(roles: RoleDefinitions) async throws -> AccessPolicy {
        let extensions = try await database.read { try $0.rightsExtensions() }
        var roleGrants = roles.grants
        var userGrants: [AccountID: [Grant]] = [:]
        for ext in extensions {
            guard let grant = Self.failingClosed(ext, try? grant(from: ext)) else { continue }
            if let accountID = ext.accountID {
                userGrants[accountID, default: []].append(grant)
            } else {
                roleGrants.append(grant)
            }
        }
        return AccessPolicy(
            roleGrants: roleGrants, userGrants: userGrants, titles: roles.titles, substituteDays: roles.substituteDays)
    }

    /// The (role, capability) pairs whose grants and denials differ between two role
    /// definitions. A pair with a Lua condition on either side counts as changed: the same
    /// label may hide different code.
    static func changedRoleCapabilities(_ old: [Grant], _ new: [Grant]) -> Set<RoleCapability> {
        struct Signature: Hashable {
            var scope: Scope
            var effect: Grant.Effect
        }
        func table(_ grants: [Grant]) -> (
            signatures: [RoleCapability: Set<Signature>], conditional: Set<RoleCapability>
        ) {
            var signatures: [RoleCapability: Set<Signature>] = [:]
            var conditional: Set<RoleCapability> = []
            for grant in grants {
                guard case .role(let role) = grant.source else { continue }
                let key = RoleCapability(role: role, capability: grant.capability)
                signatures[key, default: []].insert(Signature(scope: grant.scope, effect: grant.effect))
                if grant.condition != nil { conditional.insert(key) }
            }
            return (signatures, conditional)
        }
        let (oldTable, oldConditional) = table(old)
        let (newTable, newConditional) = table(new)
        var changed = oldConditional.union(newConditional)
        for key in Set(oldTable.keys).union(newTable.keys) where oldTable[key] != newTable[key] {
            changed.insert(key)
        }
        return changed
    }

    struct RoleCapability: Hashable {
        var role: Role
        var capability: Capability
    }

    /// A person and the objects their rights are tried on.
    struct RightsSamplePerson {
        var login: String
        var subject: AccessSubject
        var objects: [AccessObject]
    }

    /// Every account holding one of `roles`, with the objects that stand for what its scopes can reach: the school,
    /// their own account and record, a few of their children, groups, assignments, lessons
    /// given as a substitute, the students of their class and their caseload.
    static func rightsSample(_ reader: StoreReader, roles: Set<Role>, today: LocalDate) throws -> [RightsSamplePerson] {
        let concerned = Set(try reader.accountRoles().filter { roles.contains($0.role) }.map(\.accountID))
        let allAccounts = try reader.accounts()
        let accounts = allAccounts.filter { concerned.contains($0.id!) }
        let accountByOwner = Dictionary(
            accounts.compactMap { account in account.owner.map { ($0, account) } },
            uniquingKeysWith: { first, _ in first })
        var students: [StudentID: AccessObject] = [:]
        func student(_ id: StudentID) throws -> AccessObject? {
            if let known = students[id] { return known }
            guard let record = try reader.student(id) else { return nil }
            let object = try studentObject(record, reader)
            students[id] = object
            return object
        }
        var classStudents: [ClassID: StudentID?] = [:]
        func firstStudent(of schoolClass: ClassID) throws -> StudentID? {
            if let known = classStudents[schoolClass] { return known }
            let first = try reader.students(inClasses: [schoolClass]).first?.id
            classStudents[schoolClass] = first
            return first
        }
        let limit = 5
        var people: [RightsSamplePerson] = []
        for account in accounts {
            var subject = try loadSubject(account.id!, reader)
            subject.today = today
            var objects: [AccessObject] = [.school, try accountObject(account, reader)]
            if let id = subject.studentID, let object = try student(id) { objects.append(object) }
            if let staffID = subject.staffID {
                objects.append(AccessObject(kind: .staff, id: staffID.rawValue, staffID: staffID))
            }
            for child in subject.children.sorted().prefix(limit) {
                if let object = try student(child) { objects.append(object) }
            }
            for id in subject.assignments.sorted().prefix(limit) {
                if let assignment = try reader.assignment(id) {
                    objects.append(try assignmentObject(assignment, reader))
                }
            }
            for id in subject.groups.sorted().prefix(limit) {
                objects.append(try accessObject(AccessObjectReference(kind: .group, id: id.rawValue), reader))
                if let member = try reader.members(group: id).first, let object = try student(member.studentID) {
                    objects.append(object)
                }
            }
            for id in subject.substitutions.keys.sorted().prefix(limit) {
                if let lesson = try reader.lesson(id) { objects.append(try lessonObject(lesson, reader)) }
            }
            for schoolClass in subject.ownClasses.sorted() {
                guard let id = try firstStudent(of: schoolClass), let object = try student(id) else { continue }
                objects.append(object)
                if let account = accountByOwner[.student(id)] { objects.append(try accountObject(account, reader)) }
            }
            for id in subject.caseload.sorted().prefix(limit) {
                if let object = try student(id) { objects.append(object) }
            }
            var seen: Set<AccessObject> = []
            people.append(
                RightsSamplePerson(
                    login: account.login, subject: subject, objects: objects.filter { seen.insert($0).inserted }))
        }
        return people.sorted { ($0.subject.displayName, $0.login) < ($1.subject.displayName, $1.login) }
    }
}
