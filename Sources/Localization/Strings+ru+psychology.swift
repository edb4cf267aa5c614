extension Strings {
    /// Issue 16: the psychologist's and social pedagogue's work.
    static let russianPsychology: [String: String] = [:]
}
