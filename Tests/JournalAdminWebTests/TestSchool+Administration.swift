import JournalTestSupport

extension TestSchool {
    /// The school of the administration pages: 5А's mathematics with two answers in class
    /// marked so that Иванова Анна's average is exactly 4.5 and Смирнов Олег's 4.0, and accounts
    /// for the administrator, the deputy head (management) and Петрова.
    static func makeForAdministration() async throws -> TestSchool {
        let school = try await make(.fiveA, accounts: [.administrator, .management, .teacher])
        let (anna, oleg, lesson, answer) = (school.students[0], school.students[1], school.lesson, school.answer)
        try await school.build { builder in
            for (work, annas, olegs) in [(answer, "5", "4"), (try builder.work("answer", in: lesson), "4", "4")] {
                _ = try builder.mark(annas, for: anna, in: work)
                _ = try builder.mark(olegs, for: oleg, in: work)
            }
        }
        return school
    }
}
