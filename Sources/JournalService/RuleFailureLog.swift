import Foundation
import JournalModel
import JournalRules
import Logging
import Synchronization

/// Every rule failure at read time, logged with the rules version and the input, so that an
/// operator can reproduce it (`journal marks explain`) and a methodologist fix the line.
/// The same failure of the same student and subject is logged once a minute, with a count,
/// not on every page that shows it.
final class RuleFailureLog: Sendable {
    private let logger: Logger
    private let seen = Mutex<[String: (at: Date, repeats: Int)]>([:])
    static let quiet: TimeInterval = 60

    init(logger: Logger) { self.logger = logger }

    /// What a failed standing was computed from.
    struct Input {
        var version: Int64?
        var student: StudentID
        var subject: String
        var period: String
        var weighted: WeightedAverage
    }

    func record(_ failure: String, _ input: Input, now: Date = Date()) {
        let key = "\(input.version ?? 0)|\(input.student)|\(input.subject)|\(input.period)|\(failure)"
        let repeats: Int? = seen.withLock { seen in
            if seen.count > 10_000 { seen.removeAll() }
            if let last = seen[key], now.timeIntervalSince(last.at) < Self.quiet {
                seen[key] = (last.at, last.repeats + 1)
                return nil
            }
            let repeats = seen[key]?.repeats ?? 0
            seen[key] = (now, 0)
            return repeats
        }
        guard let repeats else { return }
        logger.warning(
            "a rule failed: \(failure)",
            metadata: [
                "rules.version": "\(input.version.map(String.init) ?? "files")", "student": "\(input.student)",
                "subject": "\(input.subject)", "period": "\(input.period)",
                "average": "\(input.weighted.average.map { String($0) } ?? "none")",
                "marks": "\(input.weighted.countedMarks)", "weight": "\(input.weighted.totalWeight)",
                "repeats": "\(repeats)",
            ])
    }
}
