import Foundation
import JournalAccess
import JournalModel
import JournalService
import JournalStore
import JournalTestSupport
import Localization
import Testing

@Suite("The HR specialist's staff files and the due tracker (issue 16, item 5)")
struct PersonnelTests {
    func school() async throws -> TestSchool {
        try await TestSchool.make(
            [.fiveA, .sixB], accounts: [.hr, .teacher, .otherTeacher, .administrator, .management, .psychologist])
    }

    func caller(_ school: TestSchool, _ person: Person) async throws -> Caller {
        .person(try await school.service.subject(account: school.account(person)))
    }

    func course(_ ended: String, hours: Int = 72, from: String? = nil) -> StaffCourseInput {
        StaffCourseInput(
            title: "Обновлённые ФГОС", provider: "ИРО", hours: hours, from: LocalDate(from ?? ended)!.adding(days: 0),
            to: LocalDate(ended)!, certificate: "772400001")
    }

    @Test(arguments: [
        ("2023-06-01", DueStatus.overdue), ("2023-12-01", .soon), ("2025-01-15", .ok),
    ])
    func aCourseIsDueThreeYearsAfterTheLastOne(_ ended: String, _ expected: DueStatus) async throws {
        let school = try await school()
        let hr = try await caller(school, .hr)
        let petrova = school.staff(.teacher).id!
        _ = try await school.service.addStaffCourse(petrova, course(ended), caller: hr)
        let due = try await school.service.personnelDue(caller: hr)
        let row = try #require(due.first { $0.staffID == petrova })
        #expect(row.course == expected)
        // Without any course or hire date a member of staff is overdue, and listed first.
        let sidorov = try #require(due.first { $0.staffID == school.staff(.otherTeacher).id })
        #expect(sidorov.course == .overdue)
        #expect(sidorov.medical == .overdue)
        #expect(due.first?.status == .overdue)
    }

    @Test func checksAndCertificatesWarnAMonthBeforeTheyLapse() async throws {
        let school = try await school()
        let hr = try await caller(school, .hr)
        let petrova = school.staff(.teacher).id!
        _ = try await school.service.addStaffMedicalCheck(
            petrova, date: LocalDate("2025-12-01")!, validUntil: LocalDate("2026-12-01")!, caller: hr)
        _ = try await school.service.addCriminalRecordCertificate(
            petrova, number: "12/2025-3344", issuedOn: LocalDate("2025-03-01")!, validUntil: LocalDate("2028-03-01")!,
            caller: hr)
        let row = try #require(try await school.service.personnelDue(caller: hr).first { $0.staffID == petrova })
        #expect(row.medical == .soon)
        #expect(row.certificate == .ok)
        let csv = try await school.service.personnelDueCSV(.ru, caller: hr)
        #expect(csv.hasPrefix("Сотрудник,Должность"))
        #expect(csv.contains("Петрова Мария"))
        #expect(csv.contains("скоро срок"))
    }

    @Test func badInputNamesTheFieldAndWritesNothing() async throws {
        let school = try await school()
        let hr = try await caller(school, .hr)
        let petrova = school.staff(.teacher).id!
        let cases: [(String, () async throws -> Void)] = [
            (
                "hours",
                { _ = try await school.service.addStaffCourse(petrova, course("2025-01-15", hours: 0), caller: hr) }
            ),
            (
                "to",
                {
                    _ = try await school.service.addStaffCourse(
                        petrova, course("2025-01-15", from: "2025-02-01"), caller: hr)
                }
            ),
            ("to", { _ = try await school.service.addStaffCourse(petrova, course("2027-01-15"), caller: hr) }),
            (
                "category",
                {
                    _ = try await school.service.setStaffFile(
                        petrova, StaffFileInput(hiredOn: nil, category: "вторая", attestedOn: nil), caller: hr)
                }
            ),
            (
                "attested_on",
                {
                    _ = try await school.service.setStaffFile(
                        petrova,
                        StaffFileInput(
                            hiredOn: LocalDate("2020-09-01"), category: "first", attestedOn: LocalDate("2019-01-01")),
                        caller: hr)
                }
            ),
            (
                "valid_until",
                {
                    _ = try await school.service.addStaffMedicalCheck(
                        petrova, date: LocalDate("2026-01-01")!, validUntil: LocalDate("2025-01-01")!, caller: hr)
                }
            ),
            (
                "year",
                {
                    _ = try await school.service.addStaffEducation(
                        petrova, institution: "МПГУ", year: 1800, qualification: "учитель", caller: hr)
                }
            ),
        ]
        let before = try await school.service.database.read { try $0.count("audit") }
        for (field, act) in cases {
            do {
                try await act()
                Issue.record("accepted bad \(field)")
            } catch let error as JournalError {
                guard case .invalid(let named, _) = error else { throw error }
                #expect(named == field)
            }
        }
        #expect(try await school.service.database.read { try $0.count("audit") } == before)
    }

    @Test func eachTeacherReadsTheirOwnFileAndNoOneElses() async throws {
        let school = try await school()
        let hr = try await caller(school, .hr)
        let petrova = school.staff(.teacher).id!
        _ = try await school.service.setStaffFile(
            petrova,
            StaffFileInput(hiredOn: LocalDate("2015-08-28"), category: "highest", attestedOn: LocalDate("2024-03-15")),
            caller: hr)
        _ = try await school.service.addStaffEducation(
            petrova, institution: "МПГУ", year: 2012, qualification: "учитель математики", caller: hr)
        _ = try await school.service.addCriminalRecordCertificate(
            petrova, number: "12/2025-3344", issuedOn: LocalDate("2025-03-01")!, validUntil: LocalDate("2028-03-01")!,
            caller: hr)
        let teacher = try await caller(school, .teacher)
        let mine = try await school.service.myPersonnelFile(caller: teacher)
        #expect(mine.file?.category == .highest)
        #expect(mine.education.map(\.institution) == ["МПГУ"])
        #expect(mine.certificates.map(\.number) == ["12/2025-3344"])
        // The read of one's own certificate is logged like any other.
        let logged = try await school.service.database.read { try $0.specialReads(SpecialReadFilter(staff: petrova)) }
        #expect(logged.contains { $0.accountID == school.account(.teacher) && $0.what == "personnel.file" })
        #expect(logged.contains { $0.accountID == school.account(.hr) && $0.what == "personnel.criminal_record" })
        // Another teacher's file, or editing one's own, is refused; so is the administrator.
        await #expect(throws: AccessDenied.self) {
            try await school.service.personnelFile(petrova, caller: try await caller(school, .otherTeacher))
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.addStaffCourse(petrova, course("2025-01-15"), caller: teacher)
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.personnelFile(petrova, caller: try await caller(school, .administrator))
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.personnelDue(caller: try await caller(school, .management))
        }
        // HR reads everyone's.
        #expect(try await school.service.personnelFile(petrova, caller: hr).name == "Петрова Мария")
    }
}
