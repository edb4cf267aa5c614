import JournalImport
import JournalModel
import Testing

@Suite struct SubjectsImportTests {
    let school = FakeSchool.small

    @Test func plansNewSubjectsAndShortNameChanges() throws {
        let plan = try #require(
            school.accepted(.subjects, "name,short_name\nматематика,Мат.\nФизика,\nХимия,Хим.\nАнглийский язык,\n"))
        guard case .subjects(let subjects) = plan else { throw PlanKindMismatch() }
        #expect(subjects.newSubjects == [Planned(line: 4, value: Subject(name: "Химия", shortName: "Хим."))])
        #expect(
            subjects.updatedSubjects == [
                PlannedUpdate(
                    line: 2, before: Subject(id: 31, name: "Математика", shortName: "Матем."),
                    after: Subject(id: 31, name: "Математика", shortName: "Мат."))
            ])
        #expect(subjects.unchangedLines == [3, 5])
    }

    @Test func reportsEveryBadRow() {
        let long = String(repeating: "очень ", count: 20)
        let file = """
            name;short_name
            Химия;Хим.
            химия;Х.
            Биология;Хим.
            География;Матем.
            Англ.;
            ;Ист.
            \(long);
            """
        #expect(
            school.issues(.subjects, file).joined(separator: "\n") == """
                subjects.csv:3: column 'name': the same as line 2; keep one of them
                subjects.csv:4: column 'short_name': 'Хим.' is already a subject name or short name on line 2; names \
                and short names must differ
                subjects.csv:5: column 'short_name': 'Матем.' is already the name or short name of Математика; names \
                and short names must differ
                subjects.csv:6: column 'name': 'Англ.' is already the name or short name of Английский язык; names \
                and short names must differ
                subjects.csv:7: column 'name': a value is required
                subjects.csv:8: column 'name': 'очень очень очень очень очень очень очен…' is longer than 100 characters
                """)
    }
}
