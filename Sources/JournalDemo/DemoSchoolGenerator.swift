public import JournalModel

/// Makes a whole, believable Russian school for demonstrations and load tests: classes 1–11,
/// staff, students and their families, the curriculum, groups, a clash-free timetable, every
/// lesson of the year with topics and homework up to today, marks, attendance, timetable
/// changes, the annual marks of the year before, and a login and password for everyone. The
/// same options give the same school.
public struct DemoSchoolGenerator: Sendable {
    public let options: DemoOptions

    public init(options: DemoOptions) {
        self.options = options
    }

    /// The instant of a local day and minute of the day in the demo school's time zone, as
    /// the generated records are stamped.
    public static func timestamp(_ date: LocalDate, minutes: Int) -> Timestamp {
        SchoolFrame.timestamp(date, minutes: minutes)
    }

    public func generate() -> DemoSchool {
        func random(_ stream: String) -> DemoRandom { DemoRandom(seed: options.seed, stream: stream) }
        var classRandom = random("classes")
        var peopleRandom = random("people")
        var staffRandom = random("staff")
        var timetableRandom = random("timetable")
        var changesRandom = random("changes")
        var journalRandom = random("journal")
        var previousYearRandom = random("previous year")

        let range = options.academicYear
        let classes = ClassPlanner.plan(students: options.students, random: &classRandom)
        let population = Population(classes: classes, yearStart: range.start.year, random: &peopleRandom)
        let staffing = Staffing(classes: classes, population: population, random: &staffRandom)
        let frame = SchoolFrame(options: options, classes: classes, population: population, staffing: staffing)
        let timetable = TimetableBuilder(classes: classes, staffing: staffing, random: &timetableRandom)
        let calendar = LessonCalendar(frame: frame, timetable: timetable, random: &changesRandom)
        var lessons = calendar.lessons
        let journal = JournalFiller(
            frame: frame, lessons: &lessons, substitute: calendar.substitute, random: &journalRandom)

        let yearID: AcademicYearID = 1
        let year = AcademicYear(
            id: yearID, title: "\(range.start.year)/\(range.end.year)", startsOn: range.start, endsOn: range.end,
            isCurrent: true)
        let previous = PreviousYear(
            current: year, id: 2, frame: frame, ability: journal.ability, leaning: journal.leaning,
            random: &previousYearRandom)
        var school = DemoSchool(
            school: School(
                id: 1, name: "МБОУ «Средняя общеобразовательная школа № 17»", timeZone: "Europe/Moscow"),
            year: year, previousYear: previous.year,
            holidays: options.holidays, firstGradeHolidays: options.firstGradeHolidays, periods: options.periods,
            classes: classes.enumerated().map { index, plan in
                SchoolClass(
                    id: ClassID(Int64(index + 1)), yearID: yearID, grade: plan.grade, letter: plan.letter,
                    classTeacherID: StaffID(Int64(staffing.classTeachers[index] + 1)))
            },
            staff: staffing.staff.enumerated().map { index, member in
                Staff(
                    id: StaffID(Int64(index + 1)), name: member.name, position: member.position,
                    externalCode: Self.padded(index + 1))
            },
            students: population.students.enumerated().map { index, student in
                Student(
                    id: StudentID(Int64(index + 1)), classID: ClassID(Int64(student.classIndex + 1)),
                    name: student.name,
                    birthDate: student.birthDate, externalCode: "ЛД-\(Self.padded(index + 1))")
            },
            representatives: population.representatives.enumerated().map { index, representative in
                Representative(
                    id: RepresentativeID(Int64(index + 1)), name: representative.name, phone: representative.phone,
                    email: representative.email)
            },
            studentRepresentatives: Self.numbered(
                population.students.enumerated().flatMap { index, student in
                    student.representatives.map { representative in
                        StudentRepresentative(
                            studentID: StudentID(Int64(index + 1)),
                            representativeID: RepresentativeID(Int64(representative + 1)),
                            kind: population.representatives[representative].kind)
                    }
                }, \.id),
            contacts: [], deliveryPreferences: [],
            subjects: SubjectKey.allCases.map { subject in
                Subject(id: SubjectID(Int64(subject.rawValue + 1)), name: subject.name, shortName: subject.shortName)
            },
            groups: staffing.groups.enumerated().map { index, group in
                TeachingGroup(
                    id: GroupID(Int64(index + 1)), yearID: yearID, name: group.name, kind: group.kind,
                    classID: group.classIndex.map { ClassID(Int64($0 + 1)) })
            },
            groupMembers: Self.numbered(
                staffing.groups.enumerated().flatMap { index, group in
                    group.members.map {
                        GroupMember(groupID: GroupID(Int64(index + 1)), studentID: StudentID(Int64($0 + 1)))
                    }
                }, \.id),
            assignments: staffing.assignments.enumerated().map { index, assignment in
                TeachingAssignment(
                    id: AssignmentID(Int64(index + 1)), groupID: GroupID(Int64(assignment.group + 1)),
                    subjectID: SubjectID(Int64(assignment.subject.rawValue + 1)),
                    teacherID: StaffID(Int64(assignment.teacher + 1)),
                    hoursPerWeek: timetable.slotsOfAssignment[index].count)
            },
            bells: frame.bells,
            timetable: [], lessons: lessons, timetableChanges: calendar.changes,
            individualHomework: journal.individualHomework, works: journal.works, marks: journal.marks,
            attendance: journal.attendance, previousAnnualMarks: previous.annualMarks, credentials: [])
        school.timetable = Self.timetable(timetable, staffing: staffing, year: range)
        school.credentials = Self.credentials(school, seed: options.seed)
        var familyRandom = random("family contacts")
        let secretary = staffing.staff.first { $0.position.hasPrefix("секретарь") }.map { $0.name.short } ?? "секретарь"
        let families = FamilyContacts(
            representatives: school.representatives, yearStart: range.start, secretary: secretary,
            random: &familyRandom)
        school.contacts = families.contacts
        school.deliveryPreferences = families.preferences
        return school
    }

    private static func timetable(_ timetable: TimetableBuilder, staffing: Staffing, year: DateRange)
        -> [TimetableEntry]
    {
        var lines: [(slot: Int, assignment: Int)] = []
        for (assignment, slots) in timetable.slotsOfAssignment.enumerated() {
            lines += slots.map { ($0, assignment) }
        }
        lines.sort { $0.slot != $1.slot ? $0.slot < $1.slot : $0.assignment < $1.assignment }
        return lines.enumerated().map { index, line in
            TimetableEntry(
                id: TimetableEntryID(Int64(index + 1)), assignmentID: AssignmentID(Int64(line.assignment + 1)),
                weekday: line.slot / TimetableBuilder.bells + 1, lessonNumber: line.slot % TimetableBuilder.bells + 1,
                room: staffing.staff[staffing.assignments[line.assignment].teacher].room, validFrom: year.start,
                validTo: year.end)
        }
    }

    /// Staff first, then students, then representatives, so the staff get the plainest logins.
    private static func credentials(_ school: DemoSchool, seed: UInt64) -> [DemoCredential] {
        var logins = LoginGenerator()
        var random = DemoRandom(seed: seed, stream: "passwords")
        let passwords = PasswordGenerator()
        var credentials: [DemoCredential] = []
        func add(_ name: PersonName, _ roles: [Role], _ owner: AccountOwner) {
            credentials.append(
                DemoCredential(
                    login: logins.makeLogin(for: name), password: passwords.makePassword(using: &random), roles: roles,
                    owner: owner, displayName: name.description))
        }
        for member in school.staff { add(member.name, roles(of: member), .staff(member.id!)) }
        for student in school.students { add(student.name, [.student], .student(student.id!)) }
        for parent in school.representatives { add(parent.name, [.parent], .representative(parent.id!)) }
        return credentials
    }

    /// The roles of a position as the demo hires it.
    static func roles(of staff: Staff) -> [Role] {
        if staff.position == "директор" || staff.position.hasPrefix("заместитель директора") { return [.management] }
        return switch staff.position {
        case "системный администратор": [.administrator]
        case "секретарь учебной части": [.secretary]
        case "медицинская сестра": [.medical]
        case "педагог-психолог", "социальный педагог": [.psychologist]
        case "специалист по кадрам": [.hr]
        default: [.teacher]
        }
    }

    /// The rows with ids 1, 2, 3… in order.
    private static func numbered<Row>(_ rows: [Row], _ id: WritableKeyPath<Row, Int64?>) -> [Row] {
        var rows = rows
        for index in rows.indices { rows[index][keyPath: id] = Int64(index + 1) }
        return rows
    }

    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
