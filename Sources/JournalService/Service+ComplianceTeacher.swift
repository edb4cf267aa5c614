import Foundation
public import JournalModel
import JournalStore

extension JournalService {
    /// The staff member a compliance report is asked about, by the login of their account
    /// (`petrova`, any case) or their staff id (`12`): `journal compliance report --teacher`.
    public func complianceTeacher(_ loginOrID: String) async throws -> StaffID {
        let text = loginOrID.trimmingCharacters(in: .whitespaces)
        return try await database.read { reader in
            if let number = Int64(text), number > 0, try reader.staff(StaffID(number)) != nil {
                return StaffID(number)
            }
            if let account = try reader.account(login: text), let staff = account.staffID { return staff }
            throw JournalError.invalid(field: "teacher", message: .init("error.not_a_staff_member", ["value": text]))
        }
    }
}
