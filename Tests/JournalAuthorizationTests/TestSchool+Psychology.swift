import Foundation
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport

/// The psychology data of the authorization school: consents 1 (S1's, from P1) and 2 (S2's),
/// council conclusions 1 (about S1) and 2 (about S2), both by the psychologist, and conclusion 1
/// shared with T1. Written first, so their ids are known.
extension TestSchool {
    func addAuthorizationPsychology() async throws {
        let (anna, maxim, psychologist, mother, t1) = (own.student, other.student, psychologist, mother, t1)
        let now = TestSchool.noon
        try await service.database.write(actor: .system("test fixture")) { writer in
            for student in [anna, maxim] {
                try writer.insert(
                    PsychologyConsent(
                        studentID: student, representativeID: mother, scope: .counselling,
                        givenOn: LocalDate("2026-09-01")!, document: "Согласие", recordedBy: psychologist))
            }
            for student in [anna, maxim] {
                try writer.insert(
                    CouncilConclusion(
                        studentID: student, authorID: psychologist, date: LocalDate("2026-10-01")!,
                        conclusion: "Заключение ППк", recommendations: "Рекомендации", createdAt: now))
            }
            try writer.insert(CouncilShare(conclusionID: 1, staffID: t1, sharedBy: psychologist, sharedAt: now))
        }
    }

    /// Consent 1 is S1's, 2 is S2's; so are the conclusions.
    static func psychologyRecordID(_ target: Target) -> Int64 { target == .unrelated ? 2 : 1 }
}
