import Foundation
import JournalImport
import JournalModel
import JournalRules
import JournalService
import JournalStore
import Testing

@Suite("Import through the service: all of a file or nothing")
struct ImportTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/import")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: examples.appendingPathComponent(name)))
    }

    func emptySchool() async throws -> JournalService {
        let service = JournalService(database: try JournalDatabase.inMemory(), now: { TestSchool.noon })
        try await service.initialize(
            schoolName: "Школа", rules: try RuleFiles.load(directory: TestSchool.rulesDirectory),
            today: TestSchool.today)
        return service
    }

    @Test func exampleFilesImportInOrderAndAgainChangeNothing() async throws {
        let service = try await emptySchool()
        let caller = Caller.system("importer")
        for kind in ImportKind.allCases {
            let summary = try await service.importFile(
                kind: kind, file: "\(kind.rawValue).csv", bytes: try Self.bytes("\(kind.rawValue).csv"), caller: caller)
            #expect(!summary.new.isEmpty, "\(kind) created nothing")
        }
        let lessons = try await service.generateLessons(caller: caller)
        #expect(lessons > 500)
        #expect(try await service.generateLessons(caller: caller) == 0)
        let audit = try await service.database.read { try $0.auditEntries().count }
        for kind in ImportKind.allCases {
            let summary = try await service.importFile(
                kind: kind, file: "\(kind.rawValue).csv", bytes: try Self.bytes("\(kind.rawValue).csv"), caller: caller)
            #expect(summary.new.isEmpty && summary.updated.isEmpty, "\(kind) again: \(summary)")
        }
        #expect(try await service.database.read { try $0.auditEntries().count } == audit)
        // The imported school computes period marks like any other.
        let report = try await service.periodMarks(className: "5А", period: "q2", caller: caller)
        #expect(!report.rows.isEmpty)
    }

    @Test func fileWithOneBadRowImportsNothing() async throws {
        let service = try await emptySchool()
        let caller = Caller.system("importer")
        for kind in [ImportKind.staff, .classes] {
            _ = try await service.importFile(
                kind: kind, file: "\(kind.rawValue).csv", bytes: try Self.bytes("\(kind.rawValue).csv"), caller: caller)
        }
        var text = String(decoding: try Self.bytes("students.csv"), as: UTF8.self)
        text += "Орлов;Иван;;31.02.2015;5А;\n"
        let separator = text.split(separator: "\n")[0].contains(";") ? ";" : ","
        text = text.replacingOccurrences(of: ";", with: separator)
        await #expect {
            try await service.importFile(kind: .students, file: "students.csv", bytes: Array(text.utf8), caller: caller)
        } throws: { error in
            guard let failure = error as? ImportFailure else { return false }
            return failure.issues.count == 1 && failure.issues[0].description.contains("is not a real date")
                && failure.issues[0].description.hasPrefix("students.csv:")
        }
        #expect(try await service.database.read { try $0.count("student") } == 0)
    }
}
