import JournalTestSupport

extension TestSchool {
    /// The school of the operations tests, in a database file of its own temporary directory:
    /// 5А's mathematics, and Петрова's account. The tests serve it in-process and from a real
    /// `journal serve`, back it up, damage it and restore it; each removes it with ``cleanUp()``.
    static func makeOnDisk() async throws -> TestSchool {
        try await make(.fiveA, accounts: [.teacher], storage: .temporaryFile)
    }
}
