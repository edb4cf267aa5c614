import Foundation
import JournalAccess
import JournalModel
import JournalPlugins
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// Issue 15's "done when", on a demo school: the school copies plugins/marks-alert, changes its
/// threshold in the configuration, enables it, and a teacher's failing marks flag the student
/// for the class teacher, tell the class teacher and queue a message to the family.
@Suite("Plugins on the demo school")
struct DemoPluginTests {
    /// The shipped plugins, as `plugins/` holds them.
    static let shipped = TestSchool.repository.appendingPathComponent("plugins").path

    @Test func aCopyOfMarksAlertWithItsOwnThresholdWorks() async throws {
        // The school's copy: another id and folder, three failing marks in a row by default.
        var copy = try PluginPackage.read(directory: Self.shipped + "/marks-alert")
        copy.folder = "marks-alert-strict"
        copy.files["plugin.lua"] = copy.files["plugin.lua"]!
            .replacingOccurrences(of: "id = \"marks-alert\"", with: "id = \"marks-alert-strict\"")
        let loaded = try await LoadedPlugin.load(copy)
        var lock = PluginLock()
        lock.entries[loaded.id] = .init(id: loaded.id, version: loaded.manifest.version, hash: loaded.hash)

        let clock = TestClock()
        let service = JournalService(database: try JournalDatabase.inMemory(now: { clock.now }))
        _ = try await service.createDemo(
            students: 60, seed: 5, today: TestSchool.today, rules: try TestSchool.shippedRules())
        try await service.installPlugins(await PluginCatalog.load([copy], lock: lock))
        let roles = try await service.database.read { try $0.accountRoles() }
        let administrator = Caller.person(
            try await service.subject(account: roles.first { $0.role == .administrator }!.accountID))
        // The configuration form refuses a threshold out of range, then takes 3.
        await #expect(throws: JournalError.self) {
            try await service.configurePlugin("marks-alert-strict", form: ["in_a_row": "1"], caller: administrator)
        }
        try await service.configurePlugin("marks-alert-strict", form: ["in_a_row": "3"], caller: administrator)
        try await service.setPluginEnabled("marks-alert-strict", true, caller: administrator)

        // A teacher of a class with a class teacher gives one student failing marks in
        // three new works of today's period.
        let (teacherAccount, student, classTeacher, lesson) = try await service.database.read {
            reader -> (AccountID, Student, StaffID, Lesson) in
            for assignment in try reader.allAssignments() {
                guard let group = try reader.group(assignment.groupID), group.kind == .wholeClass,
                    let classID = group.classID, let schoolClass = try reader.schoolClass(classID),
                    schoolClass.grade >= 5,
                    ["Русский язык", "Математика", "Литература", "Алгебра"].contains(
                        try reader.subject(assignment.subjectID)?.name ?? ""),
                    let classTeacher = schoolClass.classTeacherID, classTeacher != assignment.teacherID,
                    let student = try reader.students(inClass: classID).first,
                    let lesson = try reader.lessons(
                        assignments: [assignment.id!],
                        range: DateRange(start: TestSchool.today.adding(days: -4), end: TestSchool.today)
                    ).last,
                    let account = try reader.accounts().first(where: { $0.staffID == assignment.teacherID })
                else { continue }
                return (account.id!, student, classTeacher, lesson)
            }
            throw JournalError.notFound(entity: "assignment", id: "with a class teacher")
        }
        let teacher = Caller.person(try await service.subject(account: teacherAccount))
        for _ in 0..<3 {
            let work = try await service.database.write(actor: teacher.actor) { writer in
                try writer.insert(
                    Work(assignmentID: lesson.assignmentID, lessonID: lesson.id, workType: "answer", date: lesson.date))
            }
            _ = try await service.postMark(
                MarkDraft(workID: work.id!, studentID: student.id!, value: "2"), caller: teacher)
            let report = try await service.runPlugins()
            #expect(report.failures == 0, "\(report)")
        }
        let flags = try await service.studentFlags([student.id!], subject: nil)[student.id!] ?? []
        #expect(flags.map(\.text) == ["риск неаттестации"], "\(flags)")
        #expect(flags.first?.pluginID == "marks-alert-strict")
        let notices = try await service.database.read { try $0.staffTasks(staff: classTeacher) }
        #expect(notices.contains { $0.studentID == student.id && $0.kind == .notice }, "\(notices)")
        let messages = try await service.database.read { reader in
            try reader.outbox(students: [student.id!], classes: ["plugins"], limit: 10)
        }
        #expect(!messages.isEmpty)
    }

    @Test func theShippedPluginsPassTheirSpecsAndAreLockedAsTheyAre() async throws {
        let catalog = try await PluginCatalog.load(directory: Self.shipped)
        #expect(catalog.refused.isEmpty, "refused: \(catalog.refused)")
        #expect(Set(catalog.plugins.map(\.id)) == ["marks-alert", "absence-notice", "attendance-report"])
        for plugin in catalog.plugins {
            let results = try await plugin.runSpecs()
            #expect(results.count >= 5, "\(plugin.id) has \(results.count) spec cases")
            for result in results where result.failure != nil {
                Issue.record("\(result.file): \(result.name): \(result.failure!)")
            }
        }
    }
}
