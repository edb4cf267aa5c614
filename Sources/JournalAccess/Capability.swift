/// A named right the core knows. Roles, extensions and conditions grant or deny them; every
/// read and write of the journal asks for one.
public enum Capability: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    // The family's diary (R1–R7, R12)
    case diaryView = "diary.view"
    // The staff's journal
    case journalView = "journal.view"
    case marksView = "marks.view"
    case marksEdit = "marks.edit"
    case attendanceView = "attendance.view"
    case attendanceEdit = "attendance.edit"
    case lessonsView = "lessons.view"
    case lessonsEdit = "lessons.edit"
    case substitutionsRecord = "substitutions.record"
    case timetableView = "timetable.view"
    case timetableEdit = "timetable.edit"
    case periodMarksView = "period_marks.view"
    case periodMarksSet = "period_marks.set"
    /// Opening a closed period again for corrections, with a reason.
    case periodReopen = "period.reopen"
    /// Opening a lesson's or a work's entries locked by `deadlines.lua`, with a reason.
    case journalUnlock = "journal.unlock"
    case examsView = "exams.view"
    case examsEdit = "exams.edit"
    // People
    case studentsView = "students.view"
    case studentsEdit = "students.edit"
    case representativesView = "representatives.view"
    case representativesEdit = "representatives.edit"
    case staffView = "staff.view"
    case staffEdit = "staff.edit"
    // Administration (R20, R22–R24)
    case usersView = "users.view"
    case usersManage = "users.manage"
    case passwordsReset = "passwords.reset"
    case rolesGrant = "roles.grant"
    case rightsExtend = "rights.extend"
    case accessExplain = "access.explain"
    case auditView = "audit.view"
    // The school's rules
    case rulesView = "rules.view"
    case rulesEditScales = "rules.edit.scales"
    case rulesEditCalendar = "rules.edit.calendar"
    case rulesEditWorkTypes = "rules.edit.work_types"
    case rulesEditAttendance = "rules.edit.attendance"
    case rulesEditSubjects = "rules.edit.subjects"
    case rulesEditRoles = "rules.edit.roles"
    // Specialists' own data
    case healthView = "health.view"
    case healthEdit = "health.edit"
    /// Editing `health_flags.lua`, which derives the teachers' flags from medical records.
    case rulesEditHealthFlags = "rules.edit.health_flags"
    case psychologyView = "psychology.view"
    case psychologyEdit = "psychology.edit"
    /// The social passport: the social pedagogue keeps every student's social facts (large
    /// family, guardianship, disability …) across the school, beyond their caseload.
    case socialPassportEdit = "social_passport.edit"
    /// A class's social passport as counts per category, without names: the class teacher's.
    case socialPassportView = "social_passport.view"
    case hrView = "hr.view"
    case hrEdit = "hr.edit"
    /// Students' personal files (enrolment, leaving, transfers, documents) and the secretary's
    /// registers: incoming applications, certificates issued, the alphabet book.
    case personalFilesView = "personal_files.view"
    case personalFilesEdit = "personal_files.edit"
    /// The special-read log: every read of special-category data and every emergency access
    /// (152-ФЗ art. 10); readable by no one it names.
    case specialReadsView = "special_reads.view"
    /// A representative's export of everything the school holds about their child (152-ФЗ
    /// art. 14), special categories included.
    case subjectAccessRequest = "subject_access.request"
    // Management
    case reportsView = "reports.view"
    /// The journal-keeping monitor: who entered what on time (R14–R17).
    case complianceView = "compliance.view"
    /// Making surveys, launching them to an audience and reading their results (R8).
    case surveysLaunch = "surveys.launch"
    /// Entering the paper ballots of families whose agreed form is paper.
    case surveysPaper = "surveys.paper"
    /// Enabling, disabling and configuring the school's plugins (`plugins/`).
    case pluginsManage = "plugins.manage"
    // Informing families (R12–R14, R18, R19)
    /// A representative's contacts, their bases and the form of information they agreed.
    case contactsView = "contacts.view"
    case contactsEdit = "contacts.edit"
    /// The delivery log: what was sent to each family, and what could not be.
    case deliveryView = "delivery.view"
    /// Printing the weekly paper sheets of a class's students and keeping their issuance
    /// register (R19).
    case printoutsIssue = "printouts.issue"

    public static func < (lhs: Capability, rhs: Capability) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Rights the product has no feature behind yet. The rights pages do not offer them, so an
    /// administrator is not led to grant what opens nothing; each leaves this list with the
    /// feature that serves it.
    public static let withoutFeature: Set<Capability> = []

    /// The rights that something in the product serves: those the rights pages offer.
    public static var served: [Capability] { allCases.filter { !withoutFeature.contains($0) } }
}

/// On which objects a grant applies.
public enum Scope: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// The person's own data: their own diary, their own account.
    case `self`
    /// Their children's, as a legal representative.
    case ownChildren = "own_children"
    /// Their teaching groups: the assignments they teach and everything in them.
    case ownGroups = "own_groups"
    /// The lessons they give as a substitute, arranged by the school's management: each such
    /// lesson's own record, attendance, works and the marks the substitute entered, until the
    /// days the rules allow after the lesson have passed (R15, R17). Never the assignment's
    /// other lessons and works, nor marks another teacher entered.
    case substitute
    /// The class they are class teacher of.
    case ownClass = "own_class"
    /// Everything in the school.
    case school

    public static func < (lhs: Scope, rhs: Scope) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
