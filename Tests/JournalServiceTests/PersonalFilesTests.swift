import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Localization
import Testing

@Suite("The secretary's personal files, registers and certificates (issue 16)")
struct PersonalFilesTests {
    func caller(_ school: TestSchool, _ person: Person) async throws -> Caller {
        .person(try await school.service.subject(account: school.account(person)))
    }

    static let form = PersonalFileForm(
        fileNumber: "И-15", enrolledOn: LocalDate("2022-09-01")!, enrolmentOrder: "45-у",
        enrolmentOrderDate: LocalDate("2022-08-25")!, enrolledFrom: "МБОУ СОШ № 3")

    func files(_ school: TestSchool) async throws -> [PersonalFile] {
        try await school.service.database.read { reader in try reader.personalFiles() }
    }

    func expectInvalid(
        _ field: String, _ key: String, sourceLocation: SourceLocation = #_sourceLocation,
        _ body: () async throws -> Void
    ) async {
        do {
            try await body()
            Issue.record("expected \(field) to be refused", sourceLocation: sourceLocation)
        } catch JournalError.invalid(let actual, let message) {
            #expect(actual == field, sourceLocation: sourceLocation)
            #expect(message.key == key, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func aPersonalFileIsOpenedAndReadBack() async throws {
        let school = try await TestSchool.make(accounts: [.secretary])
        let secretary = try await caller(school, .secretary)
        let anna = school.students[0].id!
        try await school.service.savePersonalFile(student: anna, Self.form, caller: secretary)
        let view = try await school.service.personalFile(student: anna, caller: secretary)
        #expect(view.file?.fileNumber == "И-15")
        #expect(view.file?.enrolledFrom == "МБОУ СОШ № 3")
        #expect(view.className == "5А")
        #expect(view.canEdit)
        // Saving again changes the same file.
        var changed = Self.form
        changed.fileNumber = "И-16"
        try await school.service.savePersonalFile(student: anna, changed, caller: secretary)
        #expect(try await files(school).map(\.fileNumber) == ["И-16"])
    }

    @Test func badPersonalFilesAreRefusedAndNothingIsWritten() async throws {
        let school = try await TestSchool.make(accounts: [.secretary])
        let secretary = try await caller(school, .secretary)
        let anna = school.students[0].id!
        var leavesEarly = Self.form
        leavesEarly.leftOn = LocalDate("2022-08-01")!
        leavesEarly.leavingOrder = "12-у"
        leavesEarly.leavingOrderDate = LocalDate("2022-08-01")!
        await expectInvalid("leftOn", "secretary.error.left_before_enrolled") {
            try await school.service.savePersonalFile(student: anna, leavesEarly, caller: secretary)
        }
        var noOrder = Self.form
        noOrder.enrolmentOrder = "  "
        await expectInvalid("enrolmentOrder", "secretary.error.required") {
            try await school.service.savePersonalFile(student: anna, noOrder, caller: secretary)
        }
        var leavingWithoutOrder = Self.form
        leavingWithoutOrder.leftOn = LocalDate("2026-10-01")!
        await expectInvalid("leavingOrder", "secretary.error.required") {
            try await school.service.savePersonalFile(student: anna, leavingWithoutOrder, caller: secretary)
        }
        #expect(try await files(school).isEmpty)
        try await school.service.savePersonalFile(student: anna, Self.form, caller: secretary)
        await expectInvalid("fileNumber", "secretary.error.file_number_taken") {
            try await school.service.savePersonalFile(student: school.students[1].id!, Self.form, caller: secretary)
        }
        #expect(try await files(school).map(\.studentID) == [anna])
    }

    @Test func aTransferMovesTheStudentAndTheirWholeClassGroups() async throws {
        let school = try await TestSchool.make([.fiveA, .sixB], accounts: [.secretary])
        let secretary = try await caller(school, .secretary)
        let anna = school.students[0].id!
        await expectInvalid("toClass", "secretary.error.transfer_same_class") {
            try await school.service.transferStudent(
                anna, toClass: "5А", on: LocalDate("2026-11-16")!, order: "101-у", orderDate: LocalDate("2026-11-13")!,
                caller: secretary)
        }
        await expectInvalid("order", "secretary.error.required") {
            try await school.service.transferStudent(
                anna, toClass: "6Б", on: LocalDate("2026-11-16")!, order: "", orderDate: LocalDate("2026-11-13")!,
                caller: secretary)
        }
        let transfer = try await school.service.transferStudent(
            anna, toClass: "6Б", on: LocalDate("2026-11-16")!, order: "101-у", orderDate: LocalDate("2026-11-13")!,
            caller: secretary)
        #expect(transfer.fromClassName == "5А")
        #expect(transfer.toClassName == "6Б")
        let (student, groups) = try await school.service.database.read { reader in
            let student = try reader.student(anna)!
            let groups = try reader.memberships(students: [anna]).map { try reader.group($0.groupID)! }
            return (student, groups)
        }
        #expect(student.classID == school.sixB.id)
        #expect(!groups.isEmpty)
        #expect(groups.allSatisfy { $0.classID == school.sixB.id })
        let view = try await school.service.personalFile(student: anna, caller: secretary)
        #expect(view.transfers.map(\.orderNumber) == ["101-у"])
        #expect(view.className == "6Б")
    }

    @Test func aCSVWithABadRowNamesFileAndLineAndWritesNothing() async throws {
        let school = try await TestSchool.make(accounts: [.secretary])
        let secretary = try await caller(school, .secretary)
        let csv = """
            фамилия;имя;класс;номер личного дела;дата зачисления;приказ о зачислении;дата приказа о зачислении
            Иванова;Анна;5А;И-1;01.09.2022;45-у;25.08.2022
            Смирнов;Олег;5А;С-2;31.02.2022;45-у;25.08.2022
            """
        do {
            _ = try await school.service.importPersonalFiles(
                file: "files.csv", bytes: Array(csv.utf8), caller: secretary)
            Issue.record("a bad date was accepted")
        } catch JournalError.invalid(let field, let message) {
            #expect(field == "files.csv:3 enrolled_on")
            #expect(message.key == "secretary.import.not_a_date")
        }
        #expect(try await files(school).isEmpty)
        let good = csv.replacingOccurrences(of: "31.02.2022", with: "2022-09-01")
        let summary = try await school.service.importPersonalFiles(
            file: "files.csv", bytes: Array(good.utf8), caller: secretary)
        #expect(summary == PersonalFilesImportSummary(opened: 2, updated: 0))
        let duplicate = good.replacingOccurrences(of: "С-2", with: "И-1")
        do {
            _ = try await school.service.importPersonalFiles(
                file: "files.csv", bytes: Array(duplicate.utf8), caller: secretary)
            Issue.record("a duplicate number was accepted")
        } catch JournalError.invalid(let field, let message) {
            #expect(field == "files.csv:3 file_number")
            #expect(message.key == "secretary.import.number_twice")
        }
        #expect(try await files(school).map(\.fileNumber).sorted() == ["И-1", "С-2"])
    }

    @Test func certificatesAreNumberedInOrderAndPrintTheStudent() async throws {
        let school = try await TestSchool.make(accounts: [.secretary])
        let secretary = try await caller(school, .secretary)
        let anna = school.students[0].id!
        let first = try await school.service.issueCertificate(
            student: anna, purpose: "в органы социальной защиты", caller: secretary)
        let second = try await school.service.issueCertificate(
            student: school.students[1].id!, purpose: "по месту требования", caller: secretary)
        #expect(first.certificate.number == 1)
        #expect(second.certificate.number == 2)
        #expect(first.certificate.numberText == "1/2026")
        let text = try PDFText(first.pdf).pages.joined(separator: "\n")
        #expect(text.contains(TestSchool.name))
        #expect(text.contains("СПРАВКА ОБ ОБУЧЕНИИ"))
        #expect(text.contains("Иванова Анна"))
        #expect(text.contains("5А"))
        #expect(text.contains("№ 1/2026 от 20.11.2026"))
        #expect(text.contains("в органы социальной защиты"))
        let register = try await school.service.certificates(year: 2026, caller: secretary)
        #expect(register.map(\.certificate.number) == [1, 2])
        let again = try PDFText(try await school.service.certificatePDF(first.certificate.id!, caller: secretary))
        #expect(again.pages.joined().contains("№ 1/2026"))
    }

    @Test func theAlphabetBookIsInAlphabeticalOrderWithYoAsYe() async throws {
        let school = try await TestSchool.make(accounts: [.secretary])
        try await school.build { builder in
            _ = try builder.students(
                [PersonName(lastName: "Ёлкин", firstName: "Ефим"), PersonName(lastName: "Абрамов", firstName: "Ян")],
                of: school.fiveA)
        }
        let book = try await school.service.alphabetBook(caller: try await caller(school, .secretary))
        #expect(book.map(\.name) == ["Абрамов Ян", "Ёлкин Ефим", "Иванова Анна", "Кузнецова Дарья", "Смирнов Олег"])
        #expect(book[1].letter == "Е")
        let csv = try await school.service.alphabetBookCSV(caller: try await caller(school, .secretary))
        #expect(csv.contains("Ёлкин Ефим"))
    }

    @Test func applicationsAreNumberedPerYearAndDecidedOnce() async throws {
        let school = try await TestSchool.make(accounts: [.secretary, .parent])
        let secretary = try await caller(school, .secretary)
        let anna = school.students[0].id!
        let first = try await school.service.registerApplication(
            ApplicationForm(
                receivedOn: LocalDate("2026-09-01")!, representativeID: school.mother, kind: .informationForm,
                studentID: anna, summary: "Информировать по электронной почте"), caller: secretary)
        let second = try await school.service.registerApplication(
            ApplicationForm(
                receivedOn: LocalDate("2026-11-19")!, applicantName: "Петров Пётр", kind: .certificate,
                studentID: anna, summary: "Справка для бассейна"), caller: secretary)
        #expect(first.number == 1)
        #expect(second.number == 2)
        #expect(first.applicantName == "Иванова Елена")
        await expectInvalid("decision", "secretary.error.refusal_reason") {
            try await school.service.decideApplication(
                second.id!, status: .refused, decision: nil, on: LocalDate("2026-11-20")!, caller: secretary)
        }
        await expectInvalid("studentID", "secretary.error.application_student") {
            try await school.service.registerApplication(
                ApplicationForm(
                    receivedOn: LocalDate("2026-11-19")!, applicantName: "Петров Пётр", kind: .leaving,
                    summary: "Отчислить"), caller: secretary)
        }
        try await school.service.decideApplication(
            second.id!, status: .considered, decision: "Справка № 1 выдана", on: LocalDate("2026-11-20")!,
            caller: secretary)
        let day = try await school.service.secretaryDay(caller: secretary)
        #expect(day.pending.map(\.application.number) == [1])
        #expect(day.certificatesToIssue.isEmpty)
        let csv = try await school.service.applicationsCSV(year: 2026, caller: secretary)
        #expect(csv.contains("Справка для бассейна"))
        #expect(csv.contains("рассмотрено"))
    }

    @Test func thoseWhoKeepNoFilesAreRefused() async throws {
        let school = try await TestSchool.make(
            [.fiveA, .sixB],
            accounts: [
                .secretary, .teacher, .otherTeacher, .student, .parent, .administrator,
                .medical,
            ])
        let anna = school.students[0].id!
        try await school.service.savePersonalFile(
            student: anna, Self.form, caller: try await caller(school, .secretary))
        // The class teacher reads her class's files but does not change them.
        let teacher = try await caller(school, .teacher)
        let view = try await school.service.personalFile(student: anna, caller: teacher)
        #expect(!view.canEdit)
        await #expect(throws: AccessDenied.self) {
            try await school.service.savePersonalFile(student: anna, Self.form, caller: teacher)
        }
        await #expect(throws: AccessDenied.self) { try await school.service.alphabetBook(caller: teacher) }
        for person in [Person.otherTeacher, .student, .parent, .medical] {
            let refused = try await caller(school, person)
            await #expect(throws: AccessDenied.self, "\(person)") {
                try await school.service.personalFile(student: anna, caller: refused)
            }
            await #expect(throws: AccessDenied.self, "\(person)") {
                try await school.service.applications(year: 2026, caller: refused)
            }
            await #expect(throws: AccessDenied.self, "\(person)") {
                try await school.service.issueCertificate(student: anna, purpose: "x", caller: refused)
            }
        }
        // Personal files are not special: the administrator keeps them as students.edit allows.
        let administrator = try await caller(school, .administrator)
        #expect(try await school.service.personalFile(student: anna, caller: administrator).canEdit)
    }

    @Test func theSubjectAccessSectionsHoldTheFileAndTheRegisters() async throws {
        let school = try await TestSchool.make(accounts: [.secretary])
        let secretary = try await caller(school, .secretary)
        let anna = school.students[0].id!
        try await school.service.savePersonalFile(student: anna, Self.form, caller: secretary)
        try await school.service.addStudentDocument(
            student: anna, kind: .birthCertificate, receivedOn: LocalDate("2022-08-20")!, note: nil, caller: secretary)
        _ = try await school.service.issueCertificate(student: anna, purpose: "по месту требования", caller: secretary)
        let sections = try await school.service.database.read { reader in
            try JournalService.personalFileSubjectAccessSections(anna, reader, .ru)
        }
        #expect(
            sections.map(\.title) == ["Личное дело", "Документы в личном деле", "Журнал выдачи справок об обучении"])
        #expect(sections[0].rows.contains(["№ личного дела", "И-15"]))
        #expect(sections[1].rows[0][0] == "копия свидетельства о рождении")
    }
}
