import Foundation
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("Marks: validation, concurrency, audit")
struct MarksTests {
    let caller = Caller.system("teacher at the console")

    @Test func markInvalidForTheScaleIsRefusedNamingTheValidValues() async throws {
        let school = try await TestSchool.make()
        await #expect {
            try await school.service.postMark(
                MarkDraft(workID: school.test.id!, studentID: school.students[0].id!, value: "6"), caller: caller)
        } throws: { error in
            "\(error)"
                == "value: '6' is not a mark of the scale «Пятибалльная»; use 5, 4, 3, 2, 1 or the special values НА, ОСВ"
        }
        let count = try await school.service.database.read { try $0.count("mark") }
        #expect(count == 0)
    }

    @Test func studentOutsideTheGroupIsRefused() async throws {
        let school = try await TestSchool.make()
        let outsider = try await school.service.database.write(actor: caller.actor) { writer in
            let year = try writer.reader.currentYear()!
            let other = try writer.insert(SchoolClass(yearID: year.id!, grade: 6, letter: "Б"))
            return try writer.insert(
                Student(classID: other.id!, name: PersonName(lastName: "Орлов", firstName: "Иван")))
        }
        await #expect(throws: JournalError.self) {
            try await school.service.postMark(
                MarkDraft(workID: school.test.id!, studentID: outsider.id!, value: "5"), caller: caller)
        }
    }

    @Test func twoWritersOnTheSameMarkTheSecondIsRefusedWithTheCurrentValue() async throws {
        let school = try await TestSchool.make()
        let service = school.service
        let mark = try await service.postMark(
            MarkDraft(workID: school.test.id!, studentID: school.students[0].id!, value: "4"), caller: caller)
        // Both teachers read version 1.
        let first = try await service.changeMark(
            mark.id!, version: mark.version, value: "5", comment: nil, caller: caller)
        #expect(first.version == 2)
        await #expect {
            try await service.changeMark(mark.id!, version: mark.version, value: "3", comment: nil, caller: caller)
        } throws: { error in
            guard case JournalError.conflict(let entity, _, let current) = error else { return false }
            return entity == "mark" && current.contains("\"value\":\"5\"")
        }
        let stored = try await service.database.read { try $0.mark(mark.id!) }
        #expect(stored?.value == "5")
        #expect(stored?.version == 2)
    }

    @Test func everyChangeOfAMarkIsAuditedWithBeforeAndAfter() async throws {
        let school = try await TestSchool.make()
        let service = school.service
        let mark = try await service.postMark(
            MarkDraft(workID: school.test.id!, studentID: school.students[1].id!, value: "3"), caller: caller)
        let changed = try await service.changeMark(
            mark.id!, version: 1, value: "4", comment: "пересдача", caller: caller, reason: "retake")
        try await service.deleteMark(mark.id!, version: changed.version, caller: caller, reason: "entered by mistake")
        let entries = try await service.database.read {
            try $0.auditEntries(entity: "mark", entityID: mark.id!.rawValue)
        }
        #expect(entries.map(\.action) == [.insert, .update, .delete])
        #expect(entries.allSatisfy { $0.actorName == "teacher at the console" })
        #expect(entries[1].before?.contains("\"value\":\"3\"") == true)
        #expect(entries[1].after?.contains("\"value\":\"4\"") == true)
        #expect(entries[1].reason == "retake")
        #expect(entries[2].after == nil && entries[2].reason == "entered by mistake")
    }

    @Test func debtNeedsADueDateAndDoesNotCount() async throws {
        let school = try await TestSchool.make()
        await #expect(throws: JournalError.self) {
            try await school.service.postMark(
                MarkDraft(workID: school.test.id!, studentID: school.students[0].id!, value: nil, isDebt: true),
                caller: caller)
        }
        let debt = try await school.service.postMark(
            MarkDraft(
                workID: school.test.id!, studentID: school.students[0].id!, value: nil, isDebt: true,
                debtDueOn: LocalDate("2026-11-27")), caller: caller)
        #expect(debt.isDebt && debt.value == nil)
    }
}
