import Foundation
import JournalAccess
public import JournalModel
import JournalStore

/// What a signed-in person sees of themselves: who they are, their children or their own
/// diary, what they teach, and what they may do.
public struct Profile: Codable, Sendable {
    public var accountID: AccountID
    public var login: String
    public var name: String
    public var roles: [Role]
    public var mustChangePassword: Bool
    /// The students whose diaries this person reads: themselves, or their children.
    public var students: [StudentSummary]
    public var assignments: [AssignmentSummary]
    /// The capabilities they hold, with the scopes they hold them in.
    public var capabilities: [String: [String]]
    /// Acts over accounts holding their roles' data, done by someone denied that data (the
    /// administrator resetting a psychologist's password), over the last 30 days.
    public var securityNotices: [SecurityNotice]
    /// As a legal representative: whose contacts and agreed forms are theirs
    /// (`/api/v1/representatives/{id}/contacts`).
    public var representativeID: RepresentativeID?
}

extension JournalService {
    public func profile(_ session: AuthenticatedSession) async throws -> Profile {
        let subject = session.subject
        let policy = try await accessPolicy()
        let students = try await database.read { reader in
            let ids = ([subject.studentID].compactMap { $0 } + subject.children.sorted())
            return try ids.compactMap { id -> StudentSummary? in
                guard let student = try reader.student(id) else { return nil }
                return StudentSummary(
                    id: id, name: student.name.description,
                    className: try reader.schoolClass(student.classID)?.name ?? "")
            }
        }
        return Profile(
            accountID: session.account.id!, login: session.account.login, name: subject.displayName,
            roles: subject.roles.sorted { $0.rawValue < $1.rawValue }, mustChangePassword: session.mustChangePassword,
            students: students, assignments: try await myAssignments(caller: session.caller),
            capabilities: Dictionary(
                uniqueKeysWithValues: policy.capabilities(of: subject).map {
                    ($0.key.rawValue, $0.value.map(\.rawValue).sorted())
                }
            ), securityNotices: try await securityNotices(for: subject), representativeID: subject.representativeID)
    }
}
