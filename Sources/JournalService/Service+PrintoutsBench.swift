public import Foundation
import JournalDocuments
public import JournalModel
import JournalStore
import Localization

/// What `journal bench printouts` measured: the school's weekly sheets, gathered and rendered.
public struct PrintoutBenchmark: Sendable {
    public var classes: Int
    public var sheets: Int
    public var pages: Int
    public var bytes: Int
    /// Reading each student's week and the standings of the period.
    public var gathering: Duration
    /// Laying out and writing the PDFs with cairo and Pango.
    public var rendering: Duration
}

extension JournalService {
    /// Gathers and renders the weekly sheet of every student of every class for the week of
    /// `week`, class by class as the page prints them, without numbering them in the register:
    /// a bench leaves no evidence of sheets nobody printed.
    public func printoutBenchmark(week: LocalDate, caller: Caller) async throws -> PrintoutBenchmark {
        let weekStart = try await checkPrintoutWeek(week)
        let year = try await currentYear()
        let classes = try await database.read { reader in try reader.classes(year: year.id!) }
        let school = try await school()
        let clock = ContinuousClock()
        var result = PrintoutBenchmark(
            classes: classes.count, sheets: 0, pages: 0, bytes: 0, gathering: .zero, rendering: .zero)
        for schoolClass in classes {
            let started = clock.now
            let students = try await database.read { reader in try reader.students(inClass: schoolClass.id!) }
            var views: [WeeklySheetView] = []
            for student in students {
                views.append(try await weeklySheetView(student: student.id!, weekStart: weekStart, caller: caller))
            }
            try await addStandings(to: &views, schoolClass: schoolClass, weekStart: weekStart)
            for index in views.indices {
                views[index].schoolName = school.name
                views[index].number = PrintedSheetEntry.format(Int64(result.sheets + index + 1))
                views[index].dataAt = Self.momentText(now(), timeZone: school.timeZone)
            }
            let gathered = clock.now
            let pdf = try PDFWriter.pdf(
                Document(sections: views.map { $0.section(.ru) }, fontSize: WeeklySheetView.fontSize))
            result.rendering += clock.now - gathered
            result.gathering += gathered - started
            result.sheets += views.count
            result.pages += pdf.pageCount
            result.bytes += pdf.data.count
        }
        return result
    }
}
