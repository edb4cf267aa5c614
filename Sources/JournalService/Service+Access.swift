import Foundation
public import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
import LuaRuntime
import Synchronization

/// What the service caches about access: the policy of the active rules and extensions, and
/// each signed-in person's facts, valid while the database's access epoch stays the same.
final class AccessCache: Sendable {
    struct Policy {
        var policy: AccessPolicy
        var version: Int64
        var rulesVersion: Int64?
    }

    let policy = Mutex<Policy?>(nil)
    let subjects = Mutex<[AccountID: (version: Int64, subject: AccessSubject)]>([:])
    let bridge = ServiceBridge()
    let conditions: RightsConditions
    /// Signed-in sessions by token hash, kept briefly: (access version, when read, session).
    let sessions = Mutex<[String: (version: Int64, loadedAt: Date, session: AuthenticatedSession)]>([:])
    static let sessionTTL: TimeInterval = 10
    /// What the diary of a student needs that rarely changes: their groups and teachers.
    let students = Mutex<[StudentID: (version: Int64, context: JournalService.StudentContext)]>([:])

    init() { conditions = RightsConditions(host: bridge.host) }
}

/// Lets the rules call back into the service (`can(...)`) without the service owning itself.
final class ServiceBridge: @unchecked Sendable {
    private let lock = NSLock()
    private weak var service: JournalService?

    func connect(_ service: JournalService) {
        lock.withLock { self.service = service }
    }

    var host: RuleHost {
        RuleHost { [self] account, capability, reference in
            guard let service = lock.withLock({ self.service }) else {
                throw LuaScriptError("can(...) is not available: the school is not open")
            }
            return try service.canNow(account: account, capability: capability, reference: reference)
        }
    }
}

extension JournalService {
    /// The school's access policy: the roles of the active rules plus the administrator's
    /// extensions.
    public func accessPolicy() async throws -> AccessPolicy {
        let rules = try await rules()
        let version = changes.current.access
        if let cached = access.policy.withLock({ $0 }), cached.version == version, cached.rulesVersion == rules.version
        {
            return cached.policy
        }
        let policy = try await accessPolicy(roles: rules.roles)
        access.policy.withLock {
            $0 = AccessCache.Policy(policy: policy, version: version, rulesVersion: rules.version)
        }
        return policy
    }

    /// An extension that cannot be turned into a grant (its condition no longer compiles):
    /// a grant is left out, a denial denies without its condition.
    static func failingClosed(_ ext: RightsExtension, _ grant: Grant?) -> Grant? {
        if let grant { return grant }
        guard ext.effect == Grant.Effect.deny.rawValue, let capability = Capability(rawValue: ext.capability),
            let scope = Scope(rawValue: ext.scope)
        else { return nil }
        let source: GrantSource =
            if let role = ext.role { .roleExtension(role, id: ext.id ?? 0) } else {
                .userExtension(ext.accountID!, id: ext.id ?? 0)
            }
        let broken = Condition(label: "rights/extension-\(ext.id ?? 0).lua") { _, _ in
            throw LuaScriptError("the condition of this denial does not compile")
        }
        return Grant(capability: capability, scope: scope, effect: .deny, source: source, condition: broken)
    }

    func grant(from ext: RightsExtension) throws -> Grant {
        guard let capability = Capability(rawValue: ext.capability), let scope = Scope(rawValue: ext.scope),
            let effect = Grant.Effect(rawValue: ext.effect)
        else {
            throw JournalError.invalid(
                field: "extension", message: .init("error.extension_malformed", ["id": String(ext.id ?? 0)]))
        }
        let source: GrantSource =
            if let role = ext.role { .roleExtension(role, id: ext.id ?? 0) } else {
                .userExtension(ext.accountID!, id: ext.id ?? 0)
            }
        let condition = try ext.condition.map {
            try access.conditions.condition(source: $0, name: "rights/extension-\(ext.id ?? 0).lua")
        }
        return Grant(capability: capability, scope: scope, effect: effect, source: source, condition: condition)
    }

    /// The facts about a signed-in person that scopes are decided on.
    public func subject(account id: AccountID) async throws -> AccessSubject {
        let today = try await today()
        let version = changes.current.access
        if let cached = access.subjects.withLock({ $0[id] }), cached.version == version {
            var subject = cached.subject
            subject.today = today
            return subject
        }
        var subject = try await database.read { reader in try Self.loadSubject(id, reader) }
        subject.today = today
        access.subjects.withLock { $0[id] = (version, subject) }
        return subject
    }

    static func loadSubject(_ id: AccountID, _ reader: StoreReader) throws -> AccessSubject {
        guard let account = try reader.account(id) else {
            throw ServiceError.unknown(entity: "account", id: id.description)
        }
        var subject = AccessSubject(
            accountID: id, displayName: account.login, roles: Set(try reader.roles(account: id)))
        switch account.owner {
        case .student(let studentID):
            subject.studentID = studentID
            subject.displayName = try reader.student(studentID)?.name.description ?? account.login
        case .representative(let representativeID):
            subject.representativeID = representativeID
            subject.children = Set(try reader.representativeLinks(representative: representativeID).map(\.studentID))
            subject.displayName = try reader.representative(representativeID)?.name.description ?? account.login
        case .staff(let staffID):
            subject.staffID = staffID
            subject.displayName = try reader.staff(staffID)?.name.description ?? account.login
            let assignments = try reader.assignments(teacher: staffID)
            subject.assignments = Set(assignments.compactMap(\.id))
            subject.groups = Set(assignments.map(\.groupID))
            for group in subject.groups {
                subject.taughtStudents.formUnion(try reader.members(group: group).map(\.studentID))
            }
            subject.substitutions = try reader.substitutions(staff: staffID)
            if let year = try reader.currentYear() {
                subject.ownClasses = Set(try reader.classes(classTeacher: staffID, year: year.id!).compactMap(\.id))
            }
            subject.caseload = Set(try reader.caseload(staff: staffID))
        case nil:
            break
        }
        return subject
    }

    /// `can(user, capability, object)` for Lua rules: decided synchronously on the cached
    /// policy (a rule runs only once the rules, and so the policy, are loaded).
    func canNow(account: Int64, capability name: String, reference text: String) throws -> Bool {
        guard let capability = Capability(rawValue: name) else {
            throw LuaScriptError("'\(name)' is not a capability; see rules/roles.lua for the names")
        }
        guard let reference = AccessObjectReference(text) else {
            throw LuaScriptError("'\(text)' is not an object such as \"student:12\" or \"school\"")
        }
        guard let policy = access.policy.withLock({ $0?.policy }) else {
            throw LuaScriptError("the school's rights are not loaded yet")
        }
        let id = AccountID(account)
        let version = changes.current.access
        var subject: AccessSubject
        if let cached = access.subjects.withLock({ $0[id] }), cached.version == version {
            subject = cached.subject
        } else {
            subject = try database.readNow { reader in try Self.loadSubject(id, reader) }
        }
        subject.today = try todayNow()
        let object = try database.readNow { reader in try Self.accessObject(reference, reader) }
        return policy.decide(subject, capability, object).allowed
    }

    /// Checks the caller's right; the system may do anything. Throws ``AccessDenied``.
    @discardableResult
    func authorize(_ caller: Caller, _ capability: Capability, _ object: AccessObject) async throws -> Decision? {
        guard let subject = caller.subject else { return nil }
        let decision = try await accessPolicy().decide(subject, capability, object)
        guard decision.allowed else { throw AccessDenied(decision: decision) }
        return decision
    }

    /// The facts of the object an id names, for deciding `capability` on it. An id that names
    /// nothing is answered as an object one may not see: the same denial for everyone whose
    /// rights do not cover the whole school, so that ids cannot be probed (404 against 403);
    /// those who could see it if it existed learn that it does not.
    func decidable(
        _ kind: AccessObject.Kind, _ id: Int64?, _ capability: Capability, caller: Caller,
        load: @escaping @Sendable (StoreReader) throws -> AccessObject?
    ) async throws -> AccessObject {
        if let object = try await database.read(load) { return object }
        try await authorize(caller, capability, AccessObject(kind: kind, id: id))
        throw ServiceError.unknown(entity: kind.rawValue, id: id.map(String.init) ?? "")
    }

    /// An account's facts for deciding `capability` on it.
    func accountObject(_ id: AccountID, for capability: Capability, caller: Caller) async throws -> AccessObject {
        try await decidable(.account, id.rawValue, capability, caller: caller) { reader in
            try reader.account(id).map { try Self.accountObject($0, reader) }
        }
    }

    /// A student's facts for deciding `capability` on them.
    func studentObject(_ id: StudentID, for capability: Capability, caller: Caller) async throws -> AccessObject {
        try await decidable(.student, id.rawValue, capability, caller: caller) { reader in
            try reader.student(id).map { try Self.studentObject($0, reader) }
        }
    }

    /// A student's data in a subject, for deciding `capability` on it.
    func studentSubjectObject(_ id: StudentID, subject: SubjectID, for capability: Capability, caller: Caller)
        async throws -> AccessObject
    {
        try await decidable(.student, id.rawValue, capability, caller: caller) { reader in
            try reader.student(id).map { try Self.studentSubjectObject($0, subject: subject, reader) }
        }
    }

    /// Whether the caller may; for menus and lists, without throwing.
    func may(_ caller: Caller, _ capability: Capability, _ object: AccessObject) async throws -> Bool {
        guard let subject = caller.subject else { return true }
        return try await accessPolicy().decide(subject, capability, object).allowed
    }

    /// `explain(user, capability, object)`: the decision and why (R22–R24), for administrators.
    public func explainAccess(
        account: AccountID, capability: Capability, object: AccessObjectReference, caller: Caller
    ) async throws -> Decision {
        try await authorize(caller, .accessExplain, .school)
        let subject = try await subject(account: account)
        let resolved = try await database.read { reader in try Self.accessObject(object, reader) }
        return try await accessPolicy().decide(subject, capability, resolved)
    }
}

/// An object named the way people and the API name them: `student:12`, `assignment:3`.
public struct AccessObjectReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var kind: AccessObject.Kind
    public var id: Int64?

    public init(kind: AccessObject.Kind, id: Int64?) {
        self.kind = kind
        self.id = id
    }

    /// Parses `student:12`, `lesson:40`, `school`.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard let kind = parts.first.flatMap({ AccessObject.Kind(rawValue: String($0)) }) else { return nil }
        if parts.count == 2 {
            guard let id = Int64(parts[1]) else { return nil }
            self.init(kind: kind, id: id)
        } else {
            guard kind == .school || kind == .rules else { return nil }
            self.init(kind: kind, id: nil)
        }
    }

    public var description: String { id.map { "\(kind.rawValue):\($0)" } ?? kind.rawValue }
}

extension JournalService {
    /// Fills in the facts of an object from the database.
    static func accessObject(_ reference: AccessObjectReference, _ reader: StoreReader) throws -> AccessObject {
        func missing() -> ServiceError {
            .unknown(entity: reference.kind.rawValue, id: reference.id.map(String.init) ?? "")
        }
        switch reference.kind {
        case .school, .rules:
            return AccessObject(kind: reference.kind)
        case .student:
            guard let id = reference.id, let student = try reader.student(StudentID(id)) else { throw missing() }
            return try studentObject(student, reader)
        case .group:
            guard let id = reference.id, let group = try reader.group(GroupID(id)) else { throw missing() }
            let assignments = try reader.assignments(groups: [group.id!]).compactMap(\.id)
            let members = try reader.members(group: group.id!).map(\.studentID)
            return AccessObject(
                kind: .group, id: id, students: Set(members), classes: Set([group.classID].compactMap { $0 }),
                assignments: Set(assignments))
        case .assignment:
            guard let id = reference.id, let assignment = try reader.assignment(AssignmentID(id)) else {
                throw missing()
            }
            return try assignmentObject(assignment, reader)
        case .lesson:
            guard let id = reference.id, let lesson = try reader.lesson(LessonID(id)) else { throw missing() }
            return try lessonObject(lesson, reader)
        case .work:
            guard let id = reference.id, let work = try reader.work(WorkID(id)) else { throw missing() }
            var object = try assignmentObject(try reader.assignment(work.assignmentID)!, reader)
            object.kind = .work
            object.id = id
            object.lessons = Set([work.lessonID].compactMap { $0 })
            return object
        case .mark:
            guard let id = reference.id, let mark = try reader.mark(MarkID(id)), let work = try reader.work(mark.workID)
            else { throw missing() }
            return try markObject(student: mark.studentID, work: work, reader, id: id, enteredBy: mark.enteredByID)
        case .account:
            guard let id = reference.id, let account = try reader.account(AccountID(id)) else { throw missing() }
            return try accountObject(account, reader)
        case .staff:
            guard let id = reference.id, try reader.staff(StaffID(id)) != nil else { throw missing() }
            return AccessObject(kind: .staff, id: id, staffID: StaffID(id))
        }
    }

    static func studentObject(_ student: Student, _ reader: StoreReader) throws -> AccessObject {
        AccessObject(kind: .student, id: student.id!.rawValue, students: [student.id!], classes: [student.classID])
    }

    static func assignmentObject(_ assignment: TeachingAssignment, _ reader: StoreReader) throws -> AccessObject {
        let group = try reader.group(assignment.groupID)
        return AccessObject(
            kind: .assignment, id: assignment.id!.rawValue, classes: Set([group?.classID].compactMap { $0 }),
            assignments: [assignment.id!])
    }

    static func lessonObject(_ lesson: Lesson, _ reader: StoreReader) throws -> AccessObject {
        var object = try assignmentObject(try reader.assignment(lesson.assignmentID)!, reader)
        object.kind = .lesson
        object.id = lesson.id!.rawValue
        object.lessons = [lesson.id!]
        return object
    }

    /// A student's mark (or a mark to enter) for a work: about that student, in that assignment.
    static func markObject(
        student id: StudentID, work: Work, _ reader: StoreReader, id markID: Int64? = nil, enteredBy: StaffID? = nil
    ) throws -> AccessObject {
        let student = try reader.student(id)
        return AccessObject(
            kind: .mark, id: markID, students: [id], classes: Set([student?.classID].compactMap { $0 }),
            assignments: [work.assignmentID], lessons: Set([work.lessonID].compactMap { $0 }), enteredBy: enteredBy)
    }

    /// An account, for password resets and role changes: about its person and, for a student
    /// or a parent, the classes concerned. A parent's account is not their children's data: it
    /// names no students, so that `self` and `own_children` never reach it through a child
    /// (a student their parent's, a parent the other parent's).
    static func accountObject(_ account: Account, _ reader: StoreReader) throws -> AccessObject {
        var object = AccessObject(kind: .account, id: account.id!.rawValue, accountID: account.id)
        switch account.owner {
        case .student(let id):
            object.students = [id]
            if let student = try reader.student(id) { object.classes = [student.classID] }
        case .representative(let id):
            let children = try reader.representativeLinks(representative: id).map(\.studentID)
            object.classes = Set(try children.compactMap { try reader.student($0)?.classID })
        case .staff(let id):
            object.staffID = id
        case nil:
            break
        }
        return object
    }

    /// A student's data in a subject: about the student, in the assignments teaching them it.
    static func studentSubjectObject(_ student: Student, subject: SubjectID, _ reader: StoreReader) throws
        -> AccessObject
    {
        let groups = try reader.memberships(students: [student.id!]).map(\.groupID)
        let assignments = try reader.assignments(groups: groups).filter { $0.subjectID == subject }.compactMap(\.id)
        return AccessObject(
            kind: .student, id: student.id!.rawValue, students: [student.id!], classes: [student.classID],
            assignments: Set(assignments))
    }
}
