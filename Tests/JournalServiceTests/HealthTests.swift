import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Localization
import Testing

/// The medical worker's records (issue 16, items 2–3): only the medical worker reads and
/// writes them, every read leaves a trace, bad input is refused whole, a sick note marks the
/// days «Б» through the journal's audited path, and teachers get only the derived flags.
@Suite("The medical worker's records and the teachers' health flags")
struct HealthTests {
    static func school() async throws -> TestSchool {
        try await TestSchool.make(
            [.marks, .week, .sixB], accounts: [.medical, .administrator, .teacher, .otherTeacher, .management])
    }

    static func caller(_ school: TestSchool, _ person: Person) async throws -> Caller {
        Caller.person(try await school.service.subject(account: school.account(person)))
    }

    static let day = LocalDate("2026-11-16")!

    static func reads(_ school: TestSchool, _ student: StudentID) async throws -> [SpecialRead] {
        try await school.service.database.read { try $0.specialReads(SpecialReadFilter(student: student)) }
    }

    @Test func theMedicalWorkerKeepsACardAndEveryReadAndWriteLeavesATrace() async throws {
        let school = try await Self.school()
        let nurse = try await Self.caller(school, .medical)
        let anna = school.students[0].id!
        let service = school.service
        _ = try await service.saveHealthGroup(
            student: anna, HealthGroupInput(group: 3, setOn: Self.day, basis: "ф. 086/у"), caller: nurse)
        _ = try await service.savePEGroup(
            student: anna,
            PEGroupInput(group: "special_a", from: Self.day, to: LocalDate("2026-11-30"), basis: "заключение ВК №12"),
            caller: nurse)
        _ = try await service.saveHealthAlert(
            student: anna, HealthAlertInput(kind: "allergy", text: "арахис", note: "анафилаксия"), caller: nurse)
        _ = try await service.saveVaccination(
            student: anna,
            VaccinationInput(vaccine: "Грипп", date: Self.day, refused: true, document: "отказ от 16.11"),
            caller: nurse)
        let card = try await service.healthCard(anna, caller: nurse)
        #expect(card.records.currentHealthGroup?.roman == "III")
        #expect(card.records.peGroups.first?.group == .specialA)
        #expect(card.records.alerts.map(\.text) == ["арахис"])
        #expect(card.records.vaccinations.first?.refused == true)
        #expect(card.flags.map(\.text) == ["ФК: специальная группа до 30.11", "аллергия — уточнить у медработника"])

        let whats = try await Self.reads(school, anna).map(\.what)
        for what in ["health.group", "health.pe", "health.alert", "health.vaccination", "health.card"] {
            #expect(whats.contains(what), "\(what) is in the read log: \(whats)")
        }
        #expect(try await Self.reads(school, anna).allSatisfy { $0.accountID == school.account(.medical) })

        // The daily page and a class's list are read paths too.
        let overview = try await service.healthOverview(caller: nurse)
        #expect(overview.endingSoon.map(\.studentID) == [anna], "her special group ends within two weeks")
        #expect(try await Self.reads(school, anna).map(\.what).contains("health.overview"))
        let list = try await service.classHealthList(school.fiveA.id!, caller: nurse)
        #expect(list.students.first { $0.studentID == anna }?.healthGroup == 3)
        #expect(try await Self.reads(school, anna).map(\.what).contains("health.class_list"))
        let csv = try await service.classPEGroupsCSV(school.fiveA.id!, caller: nurse)
        #expect(csv.contains("Иванова Анна,специальная А,16.11.2026,30.11.2026"))
        #expect(try await Self.reads(school, anna).map(\.what).contains("health.pe_csv"))

        // The subject-access sections hold everything, in the reader's language.
        let sections = try await service.database.read { reader in
            try JournalService.healthSubjectAccessSections(anna, reader, .ru)
        }
        #expect(sections.count == 6)
        #expect(sections.flatMap(\.rows).joined().contains("арахис"))
    }

    @Test(arguments: [Person.administrator, .teacher, .management])
    func othersAreRefusedEveryReadAndWrite(_ person: Person) async throws {
        let school = try await Self.school()
        let caller = try await Self.caller(school, person)
        let anna = school.students[0].id!
        let service = school.service
        await #expect(throws: AccessDenied.self) { try await service.healthCard(anna, caller: caller) }
        await #expect(throws: AccessDenied.self) { try await service.healthOverview(caller: caller) }
        await #expect(throws: AccessDenied.self) {
            try await service.classHealthList(school.fiveA.id!, caller: caller)
        }
        await #expect(throws: AccessDenied.self) {
            try await service.savePEGroup(
                student: anna, PEGroupInput(group: "exempt", from: Self.day, to: nil, basis: "справка"),
                caller: caller)
        }
        await #expect(throws: AccessDenied.self) {
            try await service.addSickNote(
                student: anna,
                SickNoteInput(from: Self.day, to: Self.day, number: "1", issuedBy: "ГП", markIllness: true),
                caller: caller)
        }
        let counts = try await service.database.read { reader in
            try ["peGroup", "sickNote", "healthFlag"].map { try reader.count($0) }
        }
        #expect(counts == [0, 0, 0])
        #expect(try await Self.reads(school, anna).isEmpty, "a refused read leaves no data behind")
    }

    @Test func badInputIsRefusedNamingWhatIsAcceptedAndNothingIsWritten() async throws {
        let school = try await Self.school()
        let nurse = try await Self.caller(school, .medical)
        let anna = school.students[0].id!
        let service = school.service
        func invalid(_ body: () async throws -> Void) async -> (field: String, text: String)? {
            do {
                try await body()
            } catch JournalError.invalid(let field, let message) {
                return (field, message.text(.ru))
            } catch {
                Issue.record("unexpected \(error)")
            }
            return nil
        }
        let group = await invalid {
            _ = try await service.saveHealthGroup(
                student: anna, HealthGroupInput(group: 6, setOn: Self.day, basis: "справка"), caller: nurse)
        }
        #expect(group?.field == "group" && group?.text.contains("I, II, III, IV, V") == true)
        let pe = await invalid {
            _ = try await service.savePEGroup(
                student: anna, PEGroupInput(group: "olympic", from: Self.day, to: nil, basis: "справка"), caller: nurse)
        }
        #expect(pe?.field == "group" && pe?.text.contains("special_a (специальная А)") == true)
        let reversed = await invalid {
            _ = try await service.savePEGroup(
                student: anna,
                PEGroupInput(group: "main", from: Self.day, to: LocalDate("2026-11-01"), basis: "справка"),
                caller: nurse)
        }
        #expect(reversed?.field == "to")

        _ = try await service.savePEGroup(
            student: anna,
            PEGroupInput(
                group: "preparatory", from: LocalDate("2026-09-01")!, to: LocalDate("2026-12-31"), basis: "ВК"),
            caller: nurse)
        let overlap = await invalid {
            _ = try await service.savePEGroup(
                student: anna, PEGroupInput(group: "exempt", from: Self.day, to: nil, basis: "справка"), caller: nurse)
        }
        #expect(overlap?.text.contains("подготовительная с 01.09.2026 по 31.12.2026") == true, "\(overlap?.text ?? "")")
        // The next period, from the day after, is taken.
        _ = try await service.savePEGroup(
            student: anna, PEGroupInput(group: "main", from: LocalDate("2027-01-01")!, to: nil, basis: "ВК"),
            caller: nurse)

        let future = await invalid {
            _ = try await service.addSickNote(
                student: anna,
                SickNoteInput(
                    from: Self.day, to: LocalDate("2026-11-25")!, number: "7", issuedBy: "ГП", markIllness: true),
                caller: nurse)
        }
        #expect(future?.field == "to")
        let lastYear = await invalid {
            _ = try await service.addSickNote(
                student: anna,
                SickNoteInput(
                    from: LocalDate("2026-08-20")!, to: LocalDate("2026-08-21")!, number: "7", issuedBy: "ГП",
                    markIllness: true), caller: nurse)
        }
        #expect(lastYear?.field == "from")
        let backwards = await invalid {
            _ = try await service.addSickNote(
                student: anna,
                SickNoteInput(
                    from: Self.day, to: LocalDate("2026-11-10")!, number: "7", issuedBy: "ГП", markIllness: true),
                caller: nurse)
        }
        #expect(backwards?.field == "to")
        let counts = try await service.database.read { reader in
            try ["healthGroup", "peGroup", "sickNote"].map { try reader.count($0) }
        }
        #expect(counts == [0, 2, 0])
    }

    @Test func aSickNoteTurnsTheCoveredLessonsIntoIllnessThroughTheAuditedPath() async throws {
        let school = try await Self.school()
        let nurse = try await Self.caller(school, .medical)
        let darya = school.students[2].id!
        let service = school.service
        // Дарья was absent («Н») on Monday 16.11; Wednesday's lesson has no record.
        let result = try await service.addSickNote(
            student: darya,
            SickNoteInput(
                from: Self.day, to: LocalDate("2026-11-18")!, number: "123", issuedBy: "ГП №3", markIllness: true),
            caller: nurse)
        #expect(result.lessonsMarked == 2)
        #expect(result.note.lessonsMarked == 2)
        let (codes, audit) = try await service.database.read { reader in
            (
                try reader.attendance(
                    lessons: [school.lesson.id!, school.plainLesson.id!, school.todayLesson.id!], students: [darya]
                ).map(\.code),
                try reader.auditEntries(entity: "attendance")
            )
        }
        #expect(codes == ["Б", "Б"])
        let byNurse = audit.filter { $0.actorAccountID == school.account(.medical) && $0.reason == "sick note" }
        #expect(byNurse.count == 2, "both changes are audited as the medical worker's")
        #expect(try await Self.reads(school, darya).map(\.what).contains("health.sick_note"))

        // Without the option the attendance stays as it is.
        let anna = school.students[0].id!
        let plain = try await service.addSickNote(
            student: anna,
            SickNoteInput(from: Self.day, to: Self.day, number: "124", issuedBy: "ГП №3", markIllness: false),
            caller: nurse)
        #expect(plain.lessonsMarked == 0)
        let annas = try await service.database.read {
            try $0.attendance(lessons: [school.lesson.id!], students: [anna])
        }
        #expect(annas.map(\.code) != ["Б"])
    }

    @Test func theTeachersSeeOnlyTheFlagsOfTheirStudentsComputedByTheScript() async throws {
        let school = try await Self.school()
        let nurse = try await Self.caller(school, .medical)
        let oleg = school.students[1].id!
        _ = try await school.service.savePEGroup(
            student: oleg, PEGroupInput(group: "exempt", from: Self.day, to: LocalDate("2026-11-30"), basis: "справка"),
            caller: nurse)
        #expect(try await school.service.healthFlags([oleg])[oleg]?.map(\.text) == ["ФК: освобождён(а) до 30.11"])
        // After the period's last day the flag is no longer shown, with no recomputation.
        school.clock.advance(by: 11 * 86_400)
        #expect(try await school.service.healthFlags([oleg])[oleg] == nil)
    }

    @Test func aFlagsScriptThatFailsIsRefusedAndAtComputeTimeTheOldFlagsAreKept() async throws {
        let school = try await Self.school()
        let nurse = try await Self.caller(school, .medical)
        let service = school.service
        let oleg = school.students[1].id!
        _ = try await service.savePEGroup(
            student: oleg, PEGroupInput(group: "exempt", from: Self.day, to: LocalDate("2026-12-20"), basis: "справка"),
            caller: nurse)
        let active = try await service.ruleFiles(caller: .system("t"))

        // A syntax error: refused, the old script stays.
        let broken = active.replacing("local function flags(s)", with: "local function flags(s", in: "health_flags.lua")
        await #expect(throws: (any Error).self) {
            try await service.activateRules(broken, caller: nurse, comment: "сломано")
        }
        // A script that fails on the school's own data (Олег's period): refused, saying so.
        let failing = active.replacing(
            "local result = {}", with: "local result = {}\n  if s.pe_until == \"2026-12-20\" then error(\"нет\") end",
            in: "health_flags.lua")
        do {
            _ = try await service.activateRules(failing, caller: nurse, comment: "ошибка на данных")
            Issue.record("a script failing on the school's data was activated")
        } catch JournalError.refused(let message) {
            #expect(message.key == "error.health_flags_fail")
        }
        #expect(try await service.ruleFiles(caller: .system("t")) == active)

        // A script that fails only for a group nobody has yet is taken; when the medical worker
        // then enters that group, the record is saved and the old flags are kept.
        let later = active.replacing(
            "local result = {}", with: "local result = {}\n  if s.pe_group == \"special_b\" then error(\"нет\") end",
            in: "health_flags.lua")
        _ = try await service.activateRules(later, caller: nurse, comment: "ошибка позже")
        let before = try await service.healthFlags([oleg])[oleg]?.map(\.text)
        #expect(before == ["ФК: освобождён(а) до 20.12"])
        let periods = try await service.healthCard(oleg, caller: nurse).records.peGroups
        _ = try await service.savePEGroup(
            student: oleg, id: periods[0].id,
            PEGroupInput(group: "special_b", from: Self.day, to: nil, basis: "справка"), caller: nurse)
        #expect(try await service.healthCard(oleg, caller: nurse).records.peGroups[0].group == .specialB)
        #expect(try await service.healthFlags([oleg])[oleg]?.map(\.text) == before)
    }

    @Test func theAdministratorCannotEditTheFlagsScript() async throws {
        let school = try await Self.school()
        let administrator = try await Self.caller(school, .administrator)
        let active = try await school.service.ruleFiles(caller: .system("t"))
        let edited = active.replacing("аллергия —", with: "аллергия! —", in: "health_flags.lua")
        await #expect(throws: AccessDenied.self) {
            try await school.service.activateRules(edited, caller: administrator, comment: "правка")
        }
    }

    @Test func theDemoSchoolsMedicalWorkerSeesPlausibleRecords() async throws {
        let clock = TestClock()
        let service = JournalService(database: try JournalDatabase.inMemory(now: { clock.now }))
        _ = try await service.createDemo(
            students: 90, seed: 5, today: TestSchool.today, rules: try TestSchool.shippedRules())
        let nurse = try await service.database.read { try $0.accountRoles() }.first { $0.role == .medical }!
        let caller = Caller.person(try await service.subject(account: nurse.accountID))
        let overview = try await service.healthOverview(caller: caller)
        #expect(!overview.classes.isEmpty)
        let (groups, periods, notes, flags) = try await service.database.read { reader in
            (
                try reader.count("healthGroup"), try reader.count("peGroup"), try reader.count("sickNote"),
                try reader.count("healthFlag")
            )
        }
        #expect(groups >= 90 && periods >= 90)
        #expect(notes > 0 && flags > 0)
        let illness = try await service.database.read { reader in
            try reader.auditEntries(entity: "attendance").filter { $0.reason == "sick note" }
        }
        #expect(!illness.isEmpty, "the demo's sick notes marked their days «Б»")
    }
}
