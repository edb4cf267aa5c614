extension Strings {
    /// Issue 16: the secretary's work: personal files, applications, certificates.
    static let englishSecretary: [String: String] = [:]
}
