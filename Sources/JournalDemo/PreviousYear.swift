import JournalModel

/// The academic year before the demo's current one, as a school keeps it after the year is
/// over: the year itself, not current, and the annual marks its students took with them to
/// their present grade. Its lessons and ordinary marks are archived and not generated.
struct PreviousYear {
    let year: AcademicYear
    /// In student order, then in the order of the curriculum; ids from 1.
    let annualMarks: [AttestationMark]

    /// The reason a teacher gives for an annual mark above the recommendation.
    static let raisedReason = "итоговая контрольная работа года написана на «5»"

    /// - Parameters:
    ///   - ability: each student's stable ability, as the current year's marks are drawn from.
    ///   - leaning: per student and subject, how much better or worse than usual.
    init(
        current: AcademicYear, id: AcademicYearID, frame: SchoolFrame, ability: [Double], leaning: [Double],
        random: inout DemoRandom
    ) {
        let start = Self.oneYearEarlier(current.startsOn)
        let end = Self.oneYearEarlier(current.endsOn)
        year = AcademicYear(
            id: id, title: "\(start.year)/\(end.year)", startsOn: start, endsOn: end, isCurrent: false)
        let setOn = LocalDate(year: end.year, month: 5, day: 27)!
        var marks: [AttestationMark] = []
        for (student, draft) in frame.population.students.enumerated() {
            let grade = frame.classes[draft.classIndex].grade
            // The year before, the student was in grade − 1. Grade 1 is taught without marks
            // (rules/subjects.lua), so today's first and second graders have no annual marks.
            // The subjects are those grade − 1 has in this year's curriculum: the curriculum
            // is the same from year to year, and the student's own current subjects would
            // miss what the grade below learns (литературное чтение, окружающий мир…).
            guard grade >= 3 else { continue }
            for (subject, _) in Curriculum.hours(grade: grade - 1) {
                let talent = ability[student] + leaning[student * SubjectKey.allCases.count + subject.rawValue]
                var mark = Self.annualMark(subject, talent: talent, primary: grade - 1 <= 4, &random)
                mark.id = AttestationMarkID(Int64(marks.count + 1))
                mark.studentID = StudentID(Int64(student + 1))
                mark.yearID = id
                mark.setAt = SchoolFrame.timestamp(setOn, minutes: 15 * 60)
                marks.append(mark)
            }
        }
        annualMarks = marks
    }

    /// The annual mark of one subject: four quarter marks around the student's talent in it
    /// (never below 3: the student was moved up), the scale's recommendation from their mean,
    /// and now and then a teacher who raised a borderline mark, with the reason.
    private static func annualMark(
        _ subject: SubjectKey, talent: Double, primary: Bool, _ random: inout DemoRandom
    ) -> AttestationMark {
        var mark = AttestationMark(
            studentID: 0, subjectID: SubjectID(Int64(subject.rawValue + 1)), yearID: 0, kind: .annual,
            period: "year")
        if subject.isPassFail {
            mark.recommended = "зачёт"
            mark.value = "зачёт"
            return mark
        }
        let quarters = (0..<4).map { _ in
            let score = 3.95 + 0.65 * talent + 0.45 * random.normal() + (primary ? 0.1 : 0)
            return score >= 4.5 ? 5 : score >= 3.5 ? 4 : 3
        }
        let mean = Double(quarters.reduce(0, +)) / Double(quarters.count)
        let recommended = Int(mean + 0.5)
        mark.recommendedAverage = mean
        mark.recommended = String(recommended)
        mark.value = mark.recommended
        if recommended == 4, mean == 4.25, random.chance(0.3) {
            mark.value = "5"
            mark.overrideReason = raisedReason
        }
        return mark
    }

    /// The same day a year before; 28 February for 29 February.
    static func oneYearEarlier(_ date: LocalDate) -> LocalDate {
        LocalDate(year: date.year - 1, month: date.month, day: date.day)
            ?? LocalDate(year: date.year - 1, month: date.month, day: 28)!
    }
}
