extension Strings {
    static let english: [String: String] = [
        "role.administrator": "Administrator",
        "role.management": "Management (head, deputy)",
        "role.teacher": "Teacher",
        "role.student": "Student",
        "role.parent": "Parent (legal representative)",
        "role.secretary": "Secretary",
        "role.medical": "Medical worker",
        "role.psychologist": "Psychologist / social pedagogue",
        "role.hr": "HR specialist",

        "slips.title": "Logins and passwords — {school}",
        "slips.heading": "Access to the electronic journal and diary",
        "slips.person": "For",
        "slips.class": "Class",
        "slips.role": "Role",
        "slips.login": "Login",
        "slips.password": "Password",
        "slips.instructions":
            "At the first sign-in you will be asked to choose a new password. Never share your password; "
            + "if you lose it, ask the school's administrator.",
        "slips.children": "Children",
        "slips.count": "{count} slips. Cut along the dashed lines.",
        // Problems (API errors)
        "problem.unauthorized": "Sign-in required",
        "problem.password-change-required": "Change your password first",
        "problem.invalid-request": "Invalid request",
        "problem.not-found": "Not found",
        "problem.method-not-allowed": "Method not allowed",
        "problem.access-denied": "Access denied",
        "problem.invalid-value": "Invalid value",
        "problem.conflict": "Changed by someone else",
        "problem.refused": "Not possible",
        "problem.unavailable": "Service unavailable",
        "problem.invalid-credentials": "Wrong login or password",
        "problem.account-locked": "Account temporarily locked",
        "problem.account-disabled": "Account disabled",
        "problem.invalid-rules": "The rules have errors",
        "problem.invalid-file": "The file has errors",
        "problem.internal": "Internal server error",
    ]
}
