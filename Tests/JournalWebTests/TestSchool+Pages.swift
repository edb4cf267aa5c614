import JournalTestSupport

extension TestSchool {
    /// The school of the teacher's pages: 5А's mathematics marked, its week, and 6Б taught by
    /// Сидоров; Петрова, Сидоров and the deputy head (who arranges substitutions) can sign in.
    static func makeForPages() async throws -> TestSchool {
        try await make([.marks, .week, .sixB], accounts: [.teacher, .otherTeacher, .management])
    }
}
