import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

/// `journal bench marks`: recommended period marks for a whole demo school, once through the
/// Lua scales and once through a native Swift implementation of the same rules.
struct MarksBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marks",
        abstract:
            "Recommended period marks for every student × subject of a demo school: Lua rules against native Swift.")

    @Option(help: "Students in the demo school.")
    var students = 1000

    @Option(help: "Repetitions of each computation; the median is reported.")
    var repetitions = 5

    @Option(help: "The day the demo school is at.")
    var today = "2026-11-20"

    @Option(help: "Use this database instead of generating a demo school (it is not changed).")
    var db: String?

    func validate() throws {
        guard (30...5000).contains(students) else { throw ValidationError("--students must be between 30 and 5000") }
        guard (1...100).contains(repetitions) else { throw ValidationError("--repetitions must be between 1 and 100") }
        guard LocalDate(today) != nil else { throw ValidationError("--today must be a date YYYY-MM-DD") }
    }

    func run() async throws {
        try await reportingErrors {
            let clock = ContinuousClock()
            let service: JournalService
            if let db {
                service = try JournalService.open(path: db)
            } else {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "bench-\(UUID().uuidString).sqlite"
                ).path
                service = try JournalService.open(path: path, now: shiftedClock(today: today))
                let started = clock.now
                _ = try await service.createDemo(
                    students: students, seed: 17, today: LocalDate(today)!,
                    rules: try RuleFiles.load(directory: "rules"))
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                print(
                    "journal demo --students \(students): \(Stopwatch.format(clock.now - started)), "
                        + "database \(size / 1_048_576) MiB (\(path))")
            }
            let day = LocalDate(today)!
            var reads: [Duration] = []
            var lua: [Duration] = []
            var native: [Duration] = []
            var rows = 0
            var data: SchoolPeriodData?
            for _ in 0..<repetitions {
                var started = clock.now
                let loaded = try await service.schoolPeriodData(today: day)
                reads.append(clock.now - started)
                started = clock.now
                let viaLua = try await service.schoolStandings(loaded)
                lua.append(clock.now - started)
                started = clock.now
                let viaSwift = try JournalService.schoolStandings(
                    loaded, recommender: NativeRecommender(rules: loaded.rules))
                native.append(clock.now - started)
                rows = viaLua.count
                guard viaLua.map(\.standing?.recommended) == viaSwift.map(\.standing?.recommended),
                    viaLua.map(\.standing?.forecast) == viaSwift.map(\.standing?.forecast)
                else {
                    throw CommandFailure(
                        "the Lua and native recommendations differ; the bench is not comparing like with like")
                }
                data = loaded
            }
            let read = Stopwatch(samples: reads).median
            let luaMedian = Stopwatch(samples: lua).median
            let nativeMedian = Stopwatch(samples: native).median
            print(
                "\(rows) student × subject standings, \(data?.markCount ?? 0) marks, \(data?.studentCount ?? 0) students (median of \(repetitions))"
            )
            print("  reading the school:       \(Stopwatch.format(read))")
            print(
                "  computing with Lua rules: \(Stopwatch.format(luaMedian))  (whole school \(Stopwatch.format(read + luaMedian)))"
            )
            print(
                "  computing natively:       \(Stopwatch.format(nativeMedian))  (whole school \(Stopwatch.format(read + nativeMedian)))"
            )
            print(
                "  Lua / native: computation \(ratio(luaMedian, nativeMedian)), whole school \(ratio(read + luaMedian, read + nativeMedian))"
            )
            print(
                "targets: whole school ≤ 1 s → \(read + luaMedian <= .seconds(1) ? "met" : "missed"); Lua/native ≤ 1.5 → \(Double(ratioValue(read + luaMedian, read + nativeMedian)) <= 1.5 ? "met" : "missed")"
            )
        }
    }

    func ratioValue(_ a: Duration, _ b: Duration) -> Double { a / b }
    func ratio(_ a: Duration, _ b: Duration) -> String { String(format: "%.2f", a / b) }
}

/// The shipped scales' rules written in Swift: the five-point thresholds 2.5/3.5/4.5, the
/// pass/fail half, rounding for ten and hundred points, and their forecasts.
struct NativeRecommender: StandingRecommender {
    let rules: SchoolRules

    func annualStanding(
        scale: Scale, year: SchoolCalendar.Period, weighted: WeightedAverage, basis: AnnualBasis
    ) throws -> PeriodStanding {
        let points = basis.marks.compactMap { scale.values[$0] }
        let recommended =
            basis.missing.isEmpty && !points.isEmpty
            ? Self.mark(scale.id, points.reduce(0, +) / Double(points.count)) : nil
        return PeriodStanding(
            scale: scale, year: year, weighted: weighted, basis: basis, recommended: recommended,
            rulesVersion: rules.version)
    }

    func standing(
        scale: Scale, period: SchoolCalendar.Period, weighted: WeightedAverage, today: LocalDate
    ) throws -> PeriodStanding {
        guard let average = weighted.average else {
            return PeriodStanding(
                scale: scale, period: period, weighted: weighted, recommended: nil, forecast: nil,
                rulesVersion: rules.version)
        }
        let recommended = Self.mark(scale.id, average)
        let minimum = scale.id == "pass_fail" ? 2 : 3
        let forecast = weighted.countedMarks < minimum ? nil : recommended
        return PeriodStanding(
            scale: scale, period: period, weighted: weighted, recommended: recommended, forecast: forecast,
            rulesVersion: rules.version)
    }

    static func mark(_ scale: String, _ average: Double) -> String? {
        switch scale {
        case "five": average >= 4.5 ? "5" : average >= 3.5 ? "4" : average >= 2.5 ? "3" : "2"
        case "pass_fail": average >= 0.5 ? "зачёт" : "незачёт"
        case "ten": String(min(max(Int((average + 0.5).rounded(.down)), 1), 10))
        case "hundred": String(Int((average + 0.5).rounded(.down)))
        default: nil
        }
    }
}
