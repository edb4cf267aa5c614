extension Strings {
    /// Issue 16: the medical worker's pages and health flags.
    static let englishHealth: [String: String] = [:]
}
