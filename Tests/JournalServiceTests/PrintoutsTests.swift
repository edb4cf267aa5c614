import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Testing

@Suite("Weekly paper sheets of results (R19) and their issuance register")
struct PrintoutsTests {
    let system = Caller.system("class teacher")
    let week = LocalDate("2026-11-18")!

    /// 5А's lesson of 16.11 gets homework long enough to wrap over several lines of its cell.
    func withHomework(_ school: TestSchool, _ text: String) async throws {
        try await school.service.database.write(actor: .system("test fixture")) { writer in
            var lesson = try writer.reader.lesson(school.lesson.id!)!
            lesson.homework = text
            try writer.update(lesson)
        }
    }

    static let longHomework =
        "Повторить правила сложения и вычитания дробей с разными знаменателями, решить задачи 512, 514, 517 "
        + "и 520 на странице 84 учебника, выписать в тетрадь определения правильной и неправильной дроби, "
        + "составить три собственных примера и проверить их на калькуляторе; сравнить 3/4 > 2/3 & <b>не жирно</b>; "
        + "последнее слово ЗАВЕРШЕНИЕ"

    @Test func aClassGetsOnePagePerChildWithTheirWeek() async throws {
        let school = try await TestSchool.make([.marks])
        try await withHomework(school, Self.longHomework)
        let printed = try await school.service.weeklySheets(className: "5А", week: week, caller: system)
        let pdf = try PDFText(printed.pdf)
        #expect(pdf.pages.count == 3)
        #expect(printed.pageCount == 3)
        #expect(printed.sheets.map(\.student) == ["Иванова Анна", "Кузнецова Дарья", "Смирнов Олег"])
        let anna = try #require(pdf.pages.indices.first { pdf.page($0).contains("Иванова Анна") }.map(pdf.page))
        #expect(anna.contains("Тестовая школа"))
        #expect(anna.contains("5А"))
        #expect(anna.contains("16.11.2026 – 22.11.2026"))
        #expect(anna.contains("Математика"))
        #expect(anna.contains("Дроби"))
        #expect(anna.contains("Контрольная"), "a mark with its work type: \(anna)")
        #expect(anna.contains("×3"))
        #expect(anna.contains("Ознакомлен(а)"))
        #expect(anna.contains("Лист № " + printed.sheets[0].numberText))
        // The average of the period so far: 5 ×3 and 3 ×1.
        #expect(anna.contains("4.5"))
        // The long homework wraps in its cell and is printed to its last word.
        #expect(anna.contains("ЗАВЕРШЕНИЕ"))
        // Markup in a text is printed as typed.
        #expect(anna.contains("3/4 > 2/3 & <b>не жирно</b>"), "\(anna)")
        let raw = try #require(pdf.pages.first { $0.contains("Иванова Анна") })
        let homeworkLines = raw.split(separator: "\n").filter {
            $0.contains("дробей") || $0.contains("учебника") || $0.contains("ЗАВЕРШЕНИЕ")
        }
        #expect(homeworkLines.count >= 2, "the homework wraps: \(raw)")
        // Дарья was absent.
        let darya = try #require(pdf.pages.indices.first { pdf.page($0).contains("Кузнецова Дарья") }.map(pdf.page))
        #expect(darya.contains("Н — "), "an absence with its code: \(darya)")
        #expect(!darya.contains("Иванова Анна"))
    }

    @Test func aWeekTooLongForOnePageFlowsOntoTheNextWithTheFooterOnEach() async throws {
        let school = try await TestSchool.make([.marks])
        let words = (1...700).map { "слово\($0)" }.joined(separator: " ")
        try await withHomework(school, words + " КОНЕЦ")
        let printed = try await school.service.weeklySheets(
            className: "5А", week: week, students: [school.students[0].id!], caller: system)
        let pdf = try PDFText(printed.pdf)
        #expect(pdf.pages.count >= 2)
        #expect(printed.pageCount == pdf.pages.count)
        let footer = "Лист № \(printed.sheets[0].numberText) · 5А · Иванова Анна"
        #expect((0..<pdf.pages.count).allSatisfy { pdf.page($0).contains(footer) })
        #expect(pdf.text.contains("слово1 "))
        #expect(pdf.text.contains("слово700 КОНЕЦ"))
        #expect(pdf.page(pdf.pages.count - 1).contains("Ознакомлен(а)"))
    }

    @Test func onlyTheStudentsAskedForArePrinted() async throws {
        let school = try await TestSchool.make([.marks])
        let anna = school.students[0].id!
        let printed = try await school.service.weeklySheets(
            className: "5А", week: week, students: [anna], caller: system)
        #expect(try PDFText(printed.pdf).pages.count == 1)
        #expect(printed.sheets.map(\.studentID) == [anna])
        await #expect {
            try await school.service.weeklySheets(
                className: "5А", week: week, students: [StudentID(9999)], caller: system)
        } throws: { "\($0)".contains("9999") }
    }

    @Test func theRegisterRecordsEachSheetAndToWhomItWasHanded() async throws {
        let school = try await TestSchool.make([.marks])
        let printed = try await school.service.weeklySheets(className: "5А", week: week, caller: system)
        var register = try await school.service.printoutRegister(className: "5А", week: week, caller: system)
        #expect(register.map(\.number) == printed.sheets.map(\.number))
        #expect(register.allSatisfy { $0.issuedTo == nil && $0.weekStart == LocalDate("2026-11-16")! })
        let number = printed.sheets[0].number
        let issued = try await school.service.recordIssue(
            sheet: number, issuedTo: "Иванова Елена Петровна, мать", caller: system)
        #expect(issued.issuedTo == "Иванова Елена Петровна, мать")
        #expect(issued.issuedAt != nil && issued.issuedBy == "class teacher")
        register = try await school.service.printoutRegister(className: "5А", week: week, caller: system)
        #expect(register.first { $0.number == number }?.issuedTo == "Иванова Елена Петровна, мать")
        // Handed over once: the first record stands.
        await #expect {
            try await school.service.recordIssue(sheet: number, issuedTo: "другой", caller: system)
        } throws: { "\($0)".contains("уже выдан") || "\($0)".contains("already") }
        await #expect {
            try await school.service.recordIssue(sheet: number + 1, issuedTo: "  ", caller: system)
        } throws: { Self.field(of: $0) == "issuedTo" }
    }

    @Test func aTeacherOfAnotherClassIsRefused() async throws {
        let school = try await TestSchool.make([.marks, .sixB], accounts: [.teacher, .otherTeacher, .parent])
        let other = Caller.person(try await school.service.subject(account: school.account(.otherTeacher)))
        await #expect(throws: AccessDenied.self) {
            try await school.service.weeklySheets(className: "5А", week: week, caller: other)
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.printoutRegister(className: "5А", week: week, caller: other)
        }
        // Their own class is theirs to print.
        let own = try await school.service.weeklySheets(className: "6Б", week: week, caller: other)
        #expect(own.sheets.count == 2)
        // 5А's class teacher prints 5А.
        let teacher = Caller.person(try await school.service.subject(account: school.account(.teacher)))
        #expect(try await school.service.weeklySheets(className: "5А", week: week, caller: teacher).sheets.count == 3)
        // A parent prints their own child's sheet, never another's.
        let parent = Caller.person(try await school.service.subject(account: school.account(.parent)))
        let child = try await school.service.weeklySheet(student: school.students[0].id!, week: week, caller: parent)
        #expect(try PDFText(child.pdf).text.contains("Иванова Анна"))
        await #expect(throws: AccessDenied.self) {
            try await school.service.weeklySheet(student: school.students[1].id!, week: week, caller: parent)
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.weeklySheets(className: "5А", week: week, caller: parent)
        }
    }

    @Test(arguments: ["2027-03-01", "2025-06-02"])
    func aWeekOutsideTheYearOrAfterTodayIsRefused(_ day: String) async throws {
        let school = try await TestSchool.make([.marks])
        await #expect {
            try await school.service.weeklySheets(className: "5А", week: LocalDate(day)!, caller: system)
        } throws: { Self.field(of: $0) == "week" }
    }

    @Test func anUnknownClassIsNamed() async throws {
        let school = try await TestSchool.make([.marks])
        await #expect {
            try await school.service.weeklySheets(className: "9Я", week: week, caller: system)
        } throws: { "\($0)".contains("9Я") }
    }

    static func field(of error: any Error) -> String? {
        if case .invalid(let field, _) = error as? JournalError { return field }
        return nil
    }
}
