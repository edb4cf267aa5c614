import Foundation
import JournalImport
import JournalModel
import Testing

/// The files under `examples/import/` are what a school copies; they must import cleanly, in
/// the order the README gives, each against the journal the earlier ones filled.
@Suite struct ExampleFilesTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/import")

    static func contents(_ kind: ImportKind) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent("\(kind.rawValue).csv"))
    }

    /// Imports every example into an empty journal and returns it with each plan's summary.
    static func importAll() throws -> (FakeSchool, [ImportKind: String]) {
        var school = FakeSchool.empty
        var summaries: [ImportKind: String] = [:]
        for kind in ImportKind.allCases {
            let plan = try ImportPlan(
                kind: kind, file: "\(kind.rawValue).csv", bytes: try contents(kind), context: school)
            summaries[kind] = plan.summary.description
            school.apply(plan)
        }
        return (school, summaries)
    }

    @Test func importCleanlyInOrder() throws {
        let (school, summaries) = try Self.importAll()
        #expect(
            summaries == [
                .staff: "new: 8 staff members",
                .classes: "new: 3 classes",
                .subjects: "new: 8 subjects",
                .students: "new: 24 students",
                .representatives: "new: 10 representatives, 13 links to children",
                .assignments: "new: 5 groups, 9 students in groups, 23 teaching assignments",
                .timetable: "new: 32 timetable entries",
                .contacts: "new: 3 contacts",
            ])
        #expect(school.classes().map(\.name).sorted() == ["10А", "5А", "5Б"])
        let smirnova = try #require(school.staff().first { $0.externalCode == "T-001" })
        #expect(school.staffRoles()[smirnova.id!] == [.administrator, .management])
    }

    @Test func importTwiceChangesNothing() throws {
        var (school, _) = try Self.importAll()
        for kind in ImportKind.allCases {
            let plan = try ImportPlan(
                kind: kind, file: "\(kind.rawValue).csv", bytes: try Self.contents(kind), context: school)
            #expect(plan.summary.new.isEmpty, "\(kind): \(plan.summary)")
            #expect(plan.summary.updated.isEmpty, "\(kind): \(plan.summary)")
            school.apply(plan)
        }
    }

    @Test func refuseToImportOutOfOrder() throws {
        let school = FakeSchool.empty
        #expect(throws: ImportFailure.self) {
            try ImportPlan(kind: .students, file: "students.csv", bytes: try Self.contents(.students), context: school)
        }
    }
}
