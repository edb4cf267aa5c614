import Foundation
public import JournalModel
public import JournalRules
import JournalStore

extension JournalService {
    /// Creates the school in an empty database: the school, its current academic year (the one
    /// containing `today`) and the first version of its rules from `rules`. The rules are
    /// checked, tests included, before anything is written.
    public func initialize(
        schoolName: String, timeZone: String = "Europe/Moscow", rules files: RuleFiles, today: LocalDate? = nil,
        actor: Actor = .system("journal init")
    ) async throws {
        guard TimeZone(identifier: timeZone) != nil else {
            throw JournalError.invalid(
                field: "time zone", message: .init("error.not_a_time_zone", ["value": timeZone]))
        }
        let name = schoolName.trimmingWhitespace()
        guard !name.isEmpty else { throw JournalError.invalid(field: "school name", message: .init("error.empty")) }
        if let existing = try await database.read({ try $0.school() }) {
            throw ServiceError.alreadyInitialized(school: existing.name)
        }
        let day = today ?? Self.localDate(of: now(), timeZone: timeZone)
        let range = SchoolCalendar.academicYear(containing: day)
        _ = try await SchoolRules.load(files, academicYear: range)  // refuse broken rules before writing
        try await database.write(actor: actor, reason: "school created") { writer in
            try writer.insert(School(name: name, timeZone: timeZone))
            try writer.insert(
                AcademicYear(
                    title: "\(range.start.year)/\(range.end.year)", startsOn: range.start, endsOn: range.end,
                    isCurrent: true))
            for bell in Self.defaultBells { try writer.insert(bell) }
            try Self.insertRuleset(files, comment: "the rules the school started with", active: true, writer: writer)
        }
        forgetRules()
    }

    @discardableResult
    static func insertRuleset(_ files: RuleFiles, comment: String?, active: Bool, writer: AuditedWriter) throws
        -> Ruleset
    {
        if active, var current = try writer.reader.activeRuleset() {
            current.isActive = false
            try writer.update(current)
        }
        let ruleset = try writer.insert(
            Ruleset(author: writer.actor.displayName, createdAt: writer.now, comment: comment, isActive: active))
        for file in files.sorted {
            try writer.insert(StoredRuleFile(rulesetID: ruleset.id!, path: file.path, source: file.source))
        }
        return ruleset
    }
}
