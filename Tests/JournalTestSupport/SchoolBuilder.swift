public import JournalModel
public import JournalStore

/// The words a test school is written with: one row each, through the audited writer, so that
/// a school is stored as the service would store it. Every time recorded is the writer's, the
/// school's clock.
public struct SchoolBuilder {
    public let writer: AuditedWriter
    /// The school's current academic year.
    public let year: AcademicYearID

    public init(_ writer: AuditedWriter) throws {
        self.writer = writer
        guard let year = try writer.reader.currentYear()?.id else {
            throw JournalError.refused(.init("error.no_school_yet"))
        }
        self.year = year
    }

    public func staff(_ name: PersonName, position: String) throws -> Staff {
        try writer.insert(Staff(name: name, position: position))
    }

    public func schoolClass(_ grade: Int, _ letter: String, teacher: Staff?) throws -> SchoolClass {
        try writer.insert(SchoolClass(yearID: year, grade: grade, letter: letter, classTeacherID: teacher?.id))
    }

    public func students(_ names: [PersonName], of schoolClass: SchoolClass) throws -> [Student] {
        try names.map { try writer.insert(Student(classID: schoolClass.id!, name: $0)) }
    }

    public func subject(_ name: String, short: String) throws -> Subject {
        try writer.insert(Subject(name: name, shortName: short))
    }

    /// A group of `schoolClass`: the whole class, or a subgroup of some of its students.
    public func group(
        _ name: String, of schoolClass: SchoolClass, _ kind: TeachingGroup.Kind = .wholeClass, members: [Student]
    ) throws -> TeachingGroup {
        let group = try writer.insert(TeachingGroup(yearID: year, name: name, kind: kind, classID: schoolClass.id))
        for student in members { try writer.insert(GroupMember(groupID: group.id!, studentID: student.id!)) }
        return group
    }

    public func assignment(_ subject: Subject, to group: TeachingGroup, by teacher: Staff, hoursPerWeek: Int)
        throws -> TeachingAssignment
    {
        try writer.insert(
            TeachingAssignment(
                groupID: group.id!, subjectID: subject.id!, teacherID: teacher.id!, hoursPerWeek: hoursPerWeek))
    }

    /// A lesson on `date` (`2026-11-16`); held lessons have a topic and the teacher who gave them.
    public func lesson(
        _ assignment: TeachingAssignment, on date: String, number: Int, status: Lesson.Status = .scheduled,
        topic: String? = nil, taughtBy teacher: Staff? = nil
    ) throws -> Lesson {
        try writer.insert(
            Lesson(
                assignmentID: assignment.id!, date: LocalDate(date)!, number: number, status: status, topic: topic,
                taughtByID: teacher?.id))
    }

    /// A work of a type the rules know (`test`, `answer`) in `lesson`, on the lesson's day.
    public func work(_ type: String, in lesson: Lesson) throws -> Work {
        try writer.insert(
            Work(assignmentID: lesson.assignmentID, lessonID: lesson.id, workType: type, date: lesson.date))
    }

    public func mark(_ value: String, for student: Student, in work: Work, by teacher: Staff? = nil) throws -> Mark {
        try writer.insert(
            Mark(
                workID: work.id!, studentID: student.id!, value: value, createdAt: writer.now,
                enteredByID: teacher?.id))
    }

    /// An attendance code (`Н`, `Б`, `УП`, `ОП`) of a student in a lesson.
    public func attendance(_ code: String, of student: Student, in lesson: Lesson) throws {
        try writer.insert(Attendance(lessonID: lesson.id!, studentID: student.id!, code: code))
    }

    /// A weekly timetable slot of `assignment` for the whole academic year, in room 21.
    @discardableResult
    public func timetable(_ assignment: TeachingAssignment, weekday: Int, number: Int) throws -> TimetableEntry {
        try writer.insert(
            TimetableEntry(
                assignmentID: assignment.id!, weekday: weekday, lessonNumber: number, room: "21",
                validFrom: LocalDate("2026-09-01")!, validTo: LocalDate("2027-05-26")!))
    }

    /// A year before the current one, over, as a school keeps it for its annual marks.
    public func pastYear(_ title: String, from start: String, to end: String) throws -> AcademicYear {
        try writer.insert(
            AcademicYear(title: title, startsOn: LocalDate(start)!, endsOn: LocalDate(end)!, isCurrent: false))
    }

    /// The annual mark of `student` in `subject` of `year`, set beside the recommendation, with
    /// a reason where the two differ.
    public func annualMark(
        _ value: String, recommended: String, reason: String? = nil, of student: Student, in subject: Subject,
        year: AcademicYear
    ) throws -> AttestationMark {
        try writer.insert(
            AttestationMark(
                studentID: student.id!, subjectID: subject.id!, yearID: year.id!, kind: .annual, period: "year",
                recommended: recommended, value: value, overrideReason: reason, setAt: writer.now))
    }

    /// A parent of `children` with an account of the role parent, signing in as `login`.
    public func parent(_ name: PersonName, login: String, of children: [Student]) throws -> AccountID {
        let parent = try writer.insert(Representative(name: name))
        for child in children {
            try writer.insert(
                StudentRepresentative(studentID: child.id!, representativeID: parent.id!, kind: .parent))
        }
        return try account(login, owner: .representative(parent.id!), roles: [.parent])
    }

    /// An account with ``TestSchool/password`` that need not change it: the person signs in
    /// straight away.
    public func account(_ login: String, owner: AccountOwner, roles: [Role]) throws -> AccountID {
        let account = try writer.insert(
            Account(
                login: login, passwordHash: TestSchool.passwordHash, mustChangePassword: false, owner: owner,
                createdAt: writer.now))
        for role in roles { try writer.insert(AccountRole(accountID: account.id!, role: role)) }
        return account.id!
    }
}
