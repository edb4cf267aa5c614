import Foundation
import JournalModel
import JournalRules

/// The shipped rules under `rules/`, and variations of them.
enum RulesFixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("rules").path

    static let year = DateRange(start: LocalDate("2026-09-01")!, end: LocalDate("2027-08-31")!)

    static func shipped() throws -> RuleFiles { try RuleFiles.load(directory: directory) }

    static func load(_ files: RuleFiles) async throws -> SchoolRules {
        try await SchoolRules.load(files, academicYear: year)
    }

    /// The shipped files with one replaced.
    static func with(_ path: String, _ source: String) throws -> RuleFiles {
        var files = try shipped()
        files.files[path] = source
        return files
    }

    /// The shipped file with `old` replaced by `new`.
    static func edited(_ path: String, replacing old: String, with new: String) throws -> RuleFiles {
        var files = try shipped()
        let source = files.files[path]!
        precondition(source.contains(old), "\(path) does not contain \(old)")
        files.files[path] = source.replacingOccurrences(of: old, with: new)
        return files
    }
}
