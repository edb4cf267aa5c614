public import Foundation
public import JournalModel
public import JournalRules
import JournalStore
import LuaRuntime

extension JournalService {
    /// The health flags of `students` shown today, by student: one indexed query, no Lua.
    /// Only for pages that already show those students to the reader (the grid, the lesson):
    /// the flags are general-category data, what any of the student's teachers must know.
    public func healthFlags(_ students: [StudentID]) async throws -> [StudentID: [HealthFlag]] {
        guard !students.isEmpty else { return [:] }
        let today = try await today()
        let flags = try await database.read { try $0.healthFlags(students: students, on: today) }
        return Dictionary(grouping: flags, by: \.studentID)
    }

    /// The flags the grid and the lesson show beside names, in one read: the plugins' flags in
    /// `subject` (or in none) and the medical office's flags shown today. Only for pages that
    /// already show those students to the reader.
    public func journalFlags(_ students: [StudentID], subject: SubjectID?) async throws -> (
        plugins: [StudentID: [StudentFlag]], health: [StudentID: [HealthFlag]]
    ) {
        guard !students.isEmpty else { return ([:], [:]) }
        let today = try await today()
        let (plugins, health) = try await database.read { reader in
            (
                try reader.studentFlags(students: students),
                try reader.healthFlags(students: students, on: today)
            )
        }
        return (
            Dictionary(
                grouping: plugins.filter { $0.subjectID == nil || subject == nil || $0.subjectID == subject },
                by: \.studentID),
            Dictionary(grouping: health, by: \.studentID)
        )
    }

    /// What `health_flags.lua` receives about one student: only what the flags need.
    static func healthFlagInput(_ records: HealthRecords, today: LocalDate) -> HealthFlags.Input {
        let pe = records.peGroup(on: today)
        return HealthFlags.Input(
            peGroup: pe?.group.rawValue, peUntil: pe?.to, healthGroup: records.currentHealthGroup?.group,
            hasAllergy: records.alerts.contains { $0.kind == .allergy },
            hasContraindication: records.alerts.contains { $0.kind == .contraindication }, today: today)
    }

    /// Computes the flags of `students` (all with records when nil) under `rules`; a student
    /// whose computation fails is left out and the failure returned.
    func computeHealthFlags(_ students: [StudentID]?, rules: SchoolRules) async throws -> (
        flags: [StudentID: [HealthFlags.Flag]], failures: [(StudentID, RulesError)]
    ) {
        let today = try await today()
        let (ids, records) = try await database.read { reader in
            let ids = try students ?? reader.studentsWithHealthRecords()
            return (ids, try reader.healthRecords(students: ids))
        }
        var flags: [StudentID: [HealthFlags.Flag]] = [:]
        var failures: [(StudentID, RulesError)] = []
        try await rules.withEvaluator(budget: Self.dryRunBudget()) { evaluator in
            for student in ids {
                let input = Self.healthFlagInput(records[student] ?? HealthRecords(), today: today)
                do {
                    flags[student] = try evaluator.healthFlags(input)
                } catch let error as RulesError {
                    failures.append((student, error))
                }
            }
        }
        return (flags, failures)
    }

    /// Recomputes and stores the flags of `students` (all with records when nil) after their
    /// records or the script changed. Where the script fails, the student's old flags are kept
    /// and the failure is recorded with the other rule failures; the records' write stands.
    /// Returns how many students' flags could not be computed.
    @discardableResult
    func refreshHealthFlags(_ students: [StudentID]?, actor: Actor, rules given: SchoolRules? = nil) async -> Int {
        let rules: SchoolRules
        if let given {
            rules = given
        } else {
            do {
                rules = try await self.rules()
            } catch {
                return students?.count ?? 1
            }
        }
        do {
            let (flags, failures) = try await computeHealthFlags(students, rules: rules)
            for (student, error) in failures {
                recordHealthFlagFailure(error, student: student, rules: rules)
            }
            try await database.write(actor: actor, reason: "health flags") { writer in
                for (student, computed) in flags {
                    let stored = try writer.reader.storedHealthFlags(student: student)
                    let wanted = computed.map { HealthFlag(studentID: student, text: $0.text, until: $0.until) }
                    guard
                        stored.map({ [$0.text, $0.until?.description ?? ""] })
                            != wanted.map({ [$0.text, $0.until?.description ?? ""] })
                    else { continue }
                    for flag in stored { try writer.delete(flag) }
                    for flag in wanted { try writer.insert(flag) }
                }
            }
            return failures.count
        } catch {
            for student in students ?? [] {
                recordHealthFlagFailure(
                    RulesError(file: HealthFlags.file, message: "\(error)"), student: student, rules: rules)
            }
            return students?.count ?? 1
        }
    }

    func recordHealthFlagFailure(_ error: RulesError, student: StudentID, rules: SchoolRules) {
        guard let scale = rules.scales.values.first else { return }
        ruleFailures.record(
            error.description,
            RuleFailureLog.Input(
                version: rules.version, student: student, subject: HealthFlags.file, period: "",
                weighted: WeightedAverage.compute([], scale: scale, workTypes: rules.workTypes)))
    }

    /// Refuses candidate rules whose `health_flags.lua` fails on the school's real records,
    /// naming how many students and the first errors (the old script stays active).
    func refuseHealthFlagFailures(of candidate: SchoolRules) async throws {
        let (_, failures) = try await computeHealthFlags(nil, rules: candidate)
        guard !failures.isEmpty else { return }
        throw JournalError.refused(
            .init(
                "error.health_flags_fail",
                [
                    "students": String(failures.count),
                    "failures": Set(failures.map(\.1.description)).sorted().prefix(3).joined(separator: "; "),
                ]))
    }
}
