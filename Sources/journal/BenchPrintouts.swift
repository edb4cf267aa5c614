import ArgumentParser
import Foundation
import JournalModel
import JournalService

/// `journal bench printouts`: the weekly paper sheets (R19) of every student of a school, such
/// as the 1,000-student demo (target: at most 20 ms a page).
struct PrintoutsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printouts",
        abstract: "Gather and render the weekly sheets of every student of the school; milliseconds per page.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "The week, YYYY-MM-DD (its Monday or any day of it); the week before today by default.")
    var week: String?

    func validate() throws {
        if let week, LocalDate(week) == nil { throw ValidationError("--week: give a date YYYY-MM-DD, not \(week)") }
    }

    func run() async throws {
        try await reportingErrors {
            let service = try database.open()
            let lastWeek = try await service.today().adding(days: -7)
            let week = week.flatMap { LocalDate($0) } ?? lastWeek
            let result = try await service.printoutBenchmark(week: week, caller: consoleCaller)
            let pages = Double(max(result.pages, 1))
            let gathering = Self.milliseconds(result.gathering)
            let rendering = Self.milliseconds(result.rendering)
            print(
                "week of \(week.startOfWeek): \(result.classes) classes, \(result.sheets) sheets, \(result.pages) pages, "
                    + "\(result.bytes / 1024) KiB of PDF")
            print(String(format: "  gathering the data: %.0f ms, %.2f ms per page", gathering, gathering / pages))
            print(String(format: "  rendering the PDFs: %.0f ms, %.2f ms per page", rendering, rendering / pages))
            let total = (gathering + rendering) / pages
            print(String(format: "  in all: %.2f ms per page", total))
            print("target: ≤ 20 ms per page → \(total <= 20 ? "met" : "missed")")
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }
}
