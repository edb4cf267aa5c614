import JournalDemo
import JournalModel
import Testing

/// The year before the demo's current one: a year that is not current, with the annual marks
/// students brought from it (Issue 11, item 8).
@Suite struct PreviousYearTests {
    let school = Fixtures.school

    func students(inGrade grade: Int) -> [Student] {
        school.students.filter { school.schoolClass($0.classID).grade == grade }
    }

    func annualMarks(of student: Student) -> [AttestationMark] {
        school.previousAnnualMarks.filter { $0.studentID == student.id }
    }

    @Test func thePreviousYearIsTheCurrentOneAYearEarlierAndNotCurrent() {
        #expect(school.year.isCurrent && school.year.title == "2025/2026")
        #expect(school.previousYear.title == "2024/2025")
        #expect(school.previousYear.startsOn == LocalDate("2024-09-01"))
        #expect(school.previousYear.endsOn == LocalDate("2025-08-31"))
        #expect(!school.previousYear.isCurrent)
        #expect(school.previousYear.id != school.year.id)
        // Everything of this year stays in this year.
        #expect(school.classes.allSatisfy { $0.yearID == school.year.id })
        #expect(school.groups.allSatisfy { $0.yearID == school.year.id })
    }

    @Test func aFifthGraderHasAnAnnualMarkInEverySubjectOfGradeFour() throws {
        let student = try #require(students(inGrade: 5).first)
        let marks = annualMarks(of: student)
        let subjects = Set(marks.map { school.subjects[Int($0.subjectID.rawValue) - 1].name })
        #expect(
            subjects == [
                "Русский язык", "Литературное чтение", "Английский язык", "Математика", "Окружающий мир",
                "Основы религиозных культур и светской этики", "Музыка", "Изобразительное искусство",
                "Труд (технология)", "Физическая культура",
            ])
        #expect(marks.count == subjects.count)
        #expect(
            marks.allSatisfy {
                $0.kind == .annual && $0.period == "year" && $0.yearID == school.previousYear.id && $0.setAt != nil
            })
        #expect(
            marks.first { school.subjects[Int($0.subjectID.rawValue) - 1].name.hasPrefix("Основы религиозных") }?
                .value == "зачёт")
    }

    @Test func firstAndSecondGradersHaveNoAnnualMarksOfLastYear() {
        // Grade 1 is taught without marks: first graders were not at school, second graders
        // were in grade 1.
        for grade in [1, 2] {
            let ids = Set(students(inGrade: grade).compactMap(\.id))
            #expect(!ids.isEmpty)
            #expect(!school.previousAnnualMarks.contains { ids.contains($0.studentID) }, "grade \(grade)")
        }
        for grade in 3...11 {
            #expect(students(inGrade: grade).allSatisfy { !annualMarks(of: $0).isEmpty }, "grade \(grade)")
        }
    }

    @Test func theMarksArePlausibleAndARaisedMarkHasItsReason() {
        let marks = school.previousAnnualMarks
        #expect(marks.enumerated().allSatisfy { $0.element.id?.rawValue == Int64($0.offset + 1) })
        #expect(marks.allSatisfy { ["3", "4", "5", "зачёт"].contains($0.value ?? "") })
        #expect(marks.allSatisfy { ($0.value == $0.recommended) == ($0.overrideReason == nil) })
        #expect(marks.contains { $0.overrideReason != nil })
        let fives = marks.filter { $0.value == "5" }.count
        let threes = marks.filter { $0.value == "3" }.count
        #expect(fives > marks.count / 10 && threes > marks.count / 20)
    }

    /// The same stable ability drives this year's marks and last year's annual marks.
    @Test func studentsWhoDoWellNowDidWellLastYear() throws {
        func mean(_ values: [String?]) -> Double? {
            let points = values.compactMap { $0.flatMap(Double.init) }
            return points.isEmpty ? nil : points.reduce(0, +) / Double(points.count)
        }
        let now = Dictionary(grouping: school.marks, by: \.studentID).compactMapValues { mean($0.map(\.value)) }
        let before = Dictionary(grouping: school.previousAnnualMarks, by: \.studentID)
            .compactMapValues { mean($0.map(\.value)) }
        let both = before.keys.filter { now[$0] != nil }.sorted { now[$0]! < now[$1]! }
        try #require(both.count >= 30)
        let third = both.count / 3
        let weakest = both.prefix(third).map { before[$0]! }.reduce(0, +) / Double(third)
        let strongest = both.suffix(third).map { before[$0]! }.reduce(0, +) / Double(third)
        #expect(strongest > weakest + 0.4)
    }
}
