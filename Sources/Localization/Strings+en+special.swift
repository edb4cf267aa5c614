extension Strings {
    /// Issue 16: special-category protection: the read log, emergency access, subject-access export.
    static let englishSpecial: [String: String] = [
        "capability.special_reads.view": "the log of special-category reads",
        "error.emergency_staff_only": "only the school's staff open an emergency access",
        "error.emergency_domain": "an emergency access cannot be opened to «{value}»; accepted: {accepted}",
        "error.emergency_reason": "give the reason for the emergency access: {min} to {max} characters",
        "error.emergency_not_needed": "you already have the right to this data: no emergency access is needed",
        "home.notice.emergency_access":
            "{time} {actor} opened an emergency access to a student's data ({role}); the reason is in the special-read log.",
        "domain.health": "health",
        "domain.psychology": "psychological service",
        "domain.personnel": "personnel",
        "domain.personal_file": "personal file",
        "category.general": "general",
        "category.restricted": "restricted",
        "category.special": "special category",
    ]
}
