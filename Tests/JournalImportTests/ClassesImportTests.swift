import JournalImport
import JournalModel
import Testing

@Suite struct ClassesImportTests {
    let school = FakeSchool.small

    @Test func plansNewClassesAndClassTeacherChanges() throws {
        let plan = try #require(
            school.accepted(
                .classes,
                """
                класс;классный руководитель
                5А;Иванова Анна Сергеевна
                5Б;
                7 в;S-3
                11A;
                """))
        guard case .classes(let classes) = plan else { throw PlanKindMismatch() }
        #expect(
            classes.newClasses == [
                Planned(line: 4, value: SchoolClass(yearID: 1, grade: 7, letter: "В", classTeacherID: 3)),
                Planned(line: 5, value: SchoolClass(yearID: 1, grade: 11, letter: "А")),
            ])
        #expect(
            classes.updatedClasses == [
                PlannedUpdate(
                    line: 2, before: SchoolClass(id: 1, yearID: 1, grade: 5, letter: "А"),
                    after: SchoolClass(id: 1, yearID: 1, grade: 5, letter: "А", classTeacherID: 1))
            ])
        #expect(classes.unchangedLines == [3])
    }

    @Test(arguments: [
        (
            "5А,Смирнова Ольга Ивановна",
            "classes.csv:2: column 'class_teacher': two staff members are called Смирнова Ольга Ивановна; "
                + "write their code instead of the name"
        ),
        ("13Б,", "classes.csv:2: column 'class': '13Б' has grade 13; grades are 1 to 11"),
        (
            "7В,Никто Никтович",
            "classes.csv:2: column 'class_teacher': no staff member has the code or name 'Никто Никтович'; "
                + "import staff members first"
        ),
        (
            "7В,Z-404",
            "classes.csv:2: column 'class_teacher': no staff member has the code or name 'Z-404'; import staff members first"
        ),
        (",T-1", "classes.csv:2: column 'class': a value is required"),
        (
            "5Б1,",
            "classes.csv:2: column 'class': '5Б1' is not a class; write the grade (1–11) and a letter, such as 5А"
        ),
        ("А5,", "classes.csv:2: column 'class': 'А5' is not a class; write the grade (1–11) and a letter, such as 5А"),
    ])
    func refusesABadRow(row: String, issue: String) {
        #expect(school.issues(.classes, "class,class_teacher\n\(row)\n") == [issue])
    }

    @Test func refusesTheSameClassTwiceAndReportsEveryRow() {
        #expect(
            school.issues(.classes, "class,class_teacher\n7В,T-1\n7 в,\n8Г,Кто-то\n") == [
                "classes.csv:3: column 'class': the same as line 2; keep one of them",
                "classes.csv:4: column 'class_teacher': no staff member has the code or name 'Кто-то'; "
                    + "import staff members first",
            ])
    }

    @Test func needsTheCurrentYearStored() {
        var school = FakeSchool.small
        school.snapshot.year.id = nil
        #expect(
            school.issues(.classes, "class\n7В\n") == [
                "classes.csv:1: the current academic year is not set up; create it before importing"
            ])
    }
}
