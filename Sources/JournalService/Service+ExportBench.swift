import Foundation
import JournalModel
import JournalRules
import JournalStore

extension JournalService {
    /// For `journal bench export` on a demo school, which has marks but no period marks yet:
    /// sets every student's period mark in every subject to the mark the rules recommend, as
    /// the teachers would at the end of the period, so that the summary has its real size.
    /// Returns how many marks were set.
    public func setRecommendedPeriodMarksForBenchmark(period: String) async throws -> Int {
        let caller = Caller.system("bench export")
        let (names, year) = try await database.read { reader -> ([String], AcademicYear) in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            return (try reader.classes(year: year.id!).map(\.name), year)
        }
        var marks: [AttestationMark] = []
        for name in names {
            let report: ClassPeriodMarks
            do {
                report = try await periodMarks(className: name, period: period, caller: caller)
            } catch is SchoolCalendar.UnknownPeriod {
                continue  // a half-year class asked for a quarter: the summary leaves it out too
            }
            for row in report.rows {
                guard let standing = row.standing, let value = standing.recommended else { continue }
                marks.append(
                    AttestationMark(
                        studentID: row.studentID, subjectID: row.subjectID, yearID: year.id!,
                        kind: report.period.markKind, period: report.period.key, recommended: value, value: value))
            }
        }
        let set = marks
        try await database.write(actor: caller.actor, reason: "period marks for the export benchmark") { writer in
            for var mark in set {
                mark.setAt = writer.now
                _ = try writer.insert(mark)
            }
        }
        return marks.count
    }
}
