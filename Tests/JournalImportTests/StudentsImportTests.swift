import Foundation
import JournalImport
import JournalModel
import Testing

@Suite struct StudentsImportTests {
    let school = FakeSchool.small

    @Test func plansNewUpdatedAndUnchangedStudents() throws {
        let plan = try #require(
            school.accepted(
                .students,
                """
                фамилия;имя;отчество;дата рождения;класс;код
                Алексеев;Артём;Дмитриевич;14.03.2015;5б;2021-001
                Белова;Софья;Андреевна;2015-07-02;5А;
                Григорьев;Пётр;;1.9.2015;5 а;2021-050
                котов;илья;;;5Б;2021-013
                """))
        guard case .students(let students) = plan else { throw PlanKindMismatch() }
        #expect(
            students.newStudents == [
                Planned(
                    line: 4,
                    value: Student(
                        classID: 1, name: PersonName(lastName: "Григорьев", firstName: "Пётр"),
                        birthDate: LocalDate("2015-09-01"), externalCode: "2021-050"))
            ])
        let moved = try #require(students.updatedStudents.first)
        #expect(students.updatedStudents.count == 1)
        #expect(moved.line == 2 && moved.before.classID == 1 && moved.after.classID == 2 && moved.after.id == 11)
        #expect(students.unchangedLines == [3, 5])
        #expect(plan.summary.description == "new: 1 student; updated: 1 student; unchanged: 2 rows")
    }

    @Test func aNewCodeIsGivenToTheOneNamesakeWithoutACode() throws {
        let plan = try #require(
            school.accepted(.students, "last_name,first_name,class,code\nБелова,Софья,5А,2021-002\n"))
        guard case .students(let students) = plan else { throw PlanKindMismatch() }
        #expect(students.newStudents.isEmpty)
        #expect(students.updatedStudents.map(\.after.externalCode) == ["2021-002"])
        #expect(students.updatedStudents.map(\.after.name.middleName) == ["Андреевна"])
    }

    @Test func reportsEveryBadRowOfTheFile() throws {
        #expect(
            try school.issues(.students, fixture: "students-bad.csv").joined(separator: "\n") == """
                students-bad.csv:2: column 'birth_date': '31.02.2015' is not a real date; use YYYY-MM-DD or \
                DD.MM.YYYY
                students-bad.csv:3: column 'first_name': a value is required
                students-bad.csv:4: column 'class': '5Ж1' is not a class; write the grade (1–11) and a letter, such \
                as 5А
                students-bad.csv:5: column 'class': '12А' has grade 12; grades are 1 to 11
                students-bad.csv:6: column 'class': class 7В is not in the journal for 2026/2027; import it with \
                the classes file first
                students-bad.csv:7: column 'first_name': 'Н1колай' is not a name; use letters, with spaces, hyphens \
                or apostrophes between them
                students-bad.csv:8: column 'birth_date': a student born on 2105-01-01 would be -79 years old on \
                2026-09-01; check the year
                students-bad.csv:9: column 'birth_date': '2015/01/01' is not a date; use YYYY-MM-DD or DD.MM.YYYY
                students-bad.csv:10: a student called Белова Софья Андреевна is already in the journal with other \
                details; correct this row, or give it a code if it is about someone else
                students-bad.csv:11: a student called Алексеев Артём Дмитриевич is already in the journal with code \
                2021-001; write 2021-001 in the code column if this row is about them, or another code if not
                students-bad.csv:12: two students called Котов Илья are already in the journal; write the code of \
                the one this row is about in the code column
                students-bad.csv:15: the same as line 13; keep one of them
                students-bad.csv:16: column 'code': code '2021-108' is already used on line 13; a code belongs to \
                one person
                students-bad.csv:18: this row and line 17 both describe Белова Софья Андреевна of the journal; keep \
                one of them
                students-bad.csv:19: column 'code': '2021 200' has spaces inside; a code is one word, such as \
                2019-045
                """)
    }
}

struct PlanKindMismatch: Error {}

enum Fixture {
    static func data(_ name: String) throws -> Data {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        return try Data(contentsOf: url)
    }
}
