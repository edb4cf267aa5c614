import Foundation
import JournalAccess
import JournalModel
import JournalService
import Localization

extension HomePage {
    /// The HR specialist's reminders (who is overdue or due soon, issue 16), and for any member
    /// of staff how many council conclusions are shared with them.
    func personnelValues(_ session: AuthenticatedSession, language: Language) async throws -> [String: Any] {
        let service = web.service
        var values: [String: Any] = [:]
        if session.capabilities.contains(.hrEdit) {
            let due = try await service.personnelDue(caller: session.caller).filter { $0.status != .ok }
            if !due.isEmpty {
                values["hrReminders"] = [
                    "rows": due.map { row -> [String: Any] in
                        var parts: [String] = []
                        if row.course != .ok {
                            parts.append(
                                "\(Strings.text("hr.course", language)) — \(Strings.text("hr.due.\(row.course.rawValue)", language))"
                            )
                        }
                        if row.medical != .ok {
                            parts.append(
                                "\(Strings.text("hr.medical", language)) — \(Strings.text("hr.due.\(row.medical.rawValue)", language))"
                            )
                        }
                        if row.certificate != .ok {
                            parts.append(
                                "\(Strings.text("hr.certificate", language)) — \(Strings.text("hr.due.\(row.certificate.rawValue)", language))"
                            )
                        }
                        return ["id": row.staffID.rawValue, "name": row.name, "text": parts.joined(separator: "; ")]
                    }
                ]
            }
        }
        if session.subject.staffID != nil {
            // Counted without reading them: the reads are logged when the page is opened.
            let count = try await service.sharedCouncilConclusionCount(caller: session.caller)
            if count > 0 { values["sharedConclusions"] = ["count": count] }
        }
        return values
    }
}
