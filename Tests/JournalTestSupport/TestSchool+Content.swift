public import JournalModel
import JournalStore

extension TestSchool {
    /// One subject taught to one group, with its held lesson and that lesson's work.
    public struct Teaching: Sendable {
        public var subject: Subject
        public var teacher: Staff
        public var group: TeachingGroup
        public var assignment: TeachingAssignment
        public var lesson: Lesson
        public var work: Work
    }

    /// Today's lesson of 6Б's mathematics that Петрова gives in Сидоров's place.
    public struct Substitution: Sendable {
        public var lesson: Lesson
        /// An answer in class in that lesson.
        public var work: Work
        /// Морозов's 4 from Сидоров.
        public var othersMark: Mark
        /// Морозов's 5 from Петрова, the substitute.
        public var ownMark: Mark
    }

    // MARK: 5А (Parts.fiveA)

    public var fiveA: SchoolClass { part(\.fiveA, "fiveA").schoolClass }
    /// Петрова Мария, 5А's class teacher.
    public var teacher: Staff { part(\.fiveA, "fiveA").mathematics.teacher }
    /// Иванова Анна, Смирнов Олег and Кузнецова Дарья, in that order.
    public var students: [Student] { part(\.fiveA, "fiveA").students }
    public var math: Subject { part(\.fiveA, "fiveA").mathematics.subject }
    /// Петрова's mathematics in 5А.
    public var assignment: TeachingAssignment { part(\.fiveA, "fiveA").mathematics.assignment }
    /// Its lesson of Monday 16.11, held.
    public var lesson: Lesson { part(\.fiveA, "fiveA").mathematics.lesson }
    /// The test (×3) in that lesson.
    public var test: Work { part(\.fiveA, "fiveA").mathematics.work }
    /// The answer in class (×1) in that lesson.
    public var answer: Work { part(\.fiveA, "fiveA").answer }
    /// 5А's mathematics as one ``Teaching``, with ``test`` as its work.
    public var mathematics: Teaching { part(\.fiveA, "fiveA").mathematics }

    // MARK: The week (Parts.week)

    /// 5А's mathematics on Wednesday 18.11, nothing recorded.
    public var plainLesson: Lesson { part(\.week, "week").plain }
    /// 5А's mathematics today, the 4th lesson.
    public var todayLesson: Lesson { part(\.week, "week").today }

    // MARK: 6Б (Parts.sixB)

    public var sixB: SchoolClass { part(\.sixB, "sixB").schoolClass }
    /// Морозов Максим and Кузнецов Игорь, in that order.
    public var sixBStudents: [Student] { part(\.sixB, "sixB").students }
    /// Сидоров's mathematics in 6Б, with its test of 16.11.
    public var sixBMathematics: Teaching { part(\.sixB, "sixB").mathematics }

    // MARK: Teaching across classes (Parts.crossTeaching)

    /// Сидоров's Russian in 5А, with its dictation of Tuesday 17.11.
    public var russian: Teaching { part(\.russian, "crossTeaching") }
    /// Петрова's informatics in a subgroup of 6Б, with its practical work of Wednesday 18.11.
    public var informatics: Teaching { part(\.informatics, "crossTeaching") }

    // MARK: Parts.substitution, Parts.marks, Parts.rightsExtension

    public var substitution: Substitution { part(\.substitution, "substitution") }

    /// The mark the school gave `student` for `work` (with ``Parts/marks``).
    public func mark(of student: Student, in work: Work) -> Mark {
        guard let mark = content.marks[work.id!]?[student.id!] else {
            preconditionFailure("\(student.name) has no mark for work \(work.id!) in this school")
        }
        return mark
    }

    /// The first line of the weekly timetable (with ``Parts/timetable``): 5А's mathematics on
    /// Monday, lesson 2, in room 21, when the school has 5А.
    public var timetableLine: TimetableEntryID { part(\.timetableLine, "timetable") }

    /// HR's extension to view reports.
    public var rightsExtension: Int64 { part(\.rightsExtension, "rightsExtension") }

    /// P1, Анна's mother: the representative of the `.parent` account.
    public var mother: RepresentativeID { part(\.mother, "an account for .parent") }

    /// P1's email address, `elena.ivanova@example.org`, entered from her written application № 17.
    public var motherEmail: Int64 { part(\.motherEmail, "an account for .parent") }

    private func part<Value>(_ keyPath: KeyPath<Content, Value?>, _ name: String) -> Value {
        guard let value = content[keyPath: keyPath] else {
            preconditionFailure("this school was built without TestSchool.Parts.\(name)")
        }
        return value
    }
}

/// What a school holds, as it was written.
struct Content: Sendable {
    struct FiveA: Sendable {
        var schoolClass: SchoolClass
        var students: [Student]
        var mathematics: TestSchool.Teaching
        var answer: Work
    }

    struct Week: Sendable {
        var plain: Lesson
        var today: Lesson
    }

    struct SixB: Sendable {
        var schoolClass: SchoolClass
        var students: [Student]
        var mathematics: TestSchool.Teaching
    }

    var fiveA: FiveA?
    var week: Week?
    var sixB: SixB?
    var russian: TestSchool.Teaching?
    var informatics: TestSchool.Teaching?
    var substitution: TestSchool.Substitution?
    var rightsExtension: Int64?
    var timetableLine: TimetableEntryID?
    var marks: [WorkID: [StudentID: Mark]] = [:]
    var staff: [Person: Staff] = [:]
    var accounts: [Person: AccountID] = [:]
    /// P1, Анна's mother, when the school has an account for `.parent`, and her email.
    var mother: RepresentativeID?
    var motherEmail: Int64?

    /// Writes `parts` and the accounts of `people`.
    init(parts: TestSchool.Parts, people: Set<Person>, builder school: SchoolBuilder) throws {
        if parts.contains(.fiveA) { try writeFiveA(school) }
        if parts.contains(.week), let fiveA {
            let assignment = fiveA.mathematics.assignment
            week = Week(
                plain: try school.lesson(assignment, on: "2026-11-18", number: 3),
                today: try school.lesson(assignment, on: TestSchool.today.description, number: 4))
        }
        if parts.contains(.sixB) { try writeSixB(school) }
        if parts.contains(.crossTeaching) { try writeCrossTeaching(school) }
        if parts.contains(.substitution) { try writeSubstitution(school) }
        if parts.contains(.marks) { try writeMarks(school) }
        if parts.contains(.timetable) {
            let slots: [(Teaching?, weekday: Int, number: Int)] = [
                (fiveA?.mathematics, 1, 2), (sixB?.mathematics, 1, 3), (russian, 2, 1), (informatics, 3, 5),
            ]
            for case (let teaching?, let weekday, let number) in slots {
                let line = try school.timetable(teaching.assignment, weekday: weekday, number: number)
                if timetableLine == nil { timetableLine = line.id }
            }
        }
        for person in Person.allCases where people.contains(person) { try writeAccount(of: person, school) }
    }

    typealias Teaching = TestSchool.Teaching

    private mutating func writeFiveA(_ school: SchoolBuilder) throws {
        let petrova = try school.staff(Person.teacher.name, position: Person.teacher.position!)
        staff[.teacher] = petrova
        let schoolClass = try school.schoolClass(5, "А", teacher: petrova)
        let students = try school.students(
            [
                Person.student.name, PersonName(lastName: "Смирнов", firstName: "Олег"),
                PersonName(lastName: "Кузнецова", firstName: "Дарья"),
            ], of: schoolClass)
        let math = try school.subject("Математика", short: "Матем.")
        let group = try school.group("5А", of: schoolClass, members: students)
        let assignment = try school.assignment(math, to: group, by: petrova, hoursPerWeek: 5)
        let lesson = try school.lesson(
            assignment, on: "2026-11-16", number: 2, status: .held, topic: "Дроби", taughtBy: petrova)
        let test = try school.work("test", in: lesson)
        fiveA = FiveA(
            schoolClass: schoolClass, students: students,
            mathematics: Teaching(
                subject: math, teacher: petrova, group: group, assignment: assignment, lesson: lesson, work: test),
            answer: try school.work("answer", in: lesson))
    }

    private mutating func writeSixB(_ school: SchoolBuilder) throws {
        let sidorov = try school.staff(Person.otherTeacher.name, position: Person.otherTeacher.position!)
        staff[.otherTeacher] = sidorov
        let schoolClass = try school.schoolClass(6, "Б", teacher: sidorov)
        let students = try school.students(
            [Person.otherStudent.name, PersonName(lastName: "Кузнецов", firstName: "Игорь")], of: schoolClass)
        let math = fiveA!.mathematics.subject
        let group = try school.group("6Б", of: schoolClass, members: students)
        let assignment = try school.assignment(math, to: group, by: sidorov, hoursPerWeek: 5)
        let lesson = try school.lesson(
            assignment, on: "2026-11-16", number: 3, status: .held, topic: "Дроби", taughtBy: sidorov)
        sixB = SixB(
            schoolClass: schoolClass, students: students,
            mathematics: Teaching(
                subject: math, teacher: sidorov, group: group, assignment: assignment, lesson: lesson,
                work: try school.work("test", in: lesson)))
    }

    private mutating func writeCrossTeaching(_ school: SchoolBuilder) throws {
        let (fiveA, sixB) = (fiveA!, sixB!)
        let (petrova, sidorov) = (fiveA.mathematics.teacher, sixB.mathematics.teacher)
        let russianSubject = try school.subject("Русский язык", short: "Рус. яз.")
        let russianAssignment = try school.assignment(
            russianSubject, to: fiveA.mathematics.group, by: sidorov, hoursPerWeek: 5)
        let dictationLesson = try school.lesson(
            russianAssignment, on: "2026-11-17", number: 1, status: .held, topic: "Безударные гласные",
            taughtBy: sidorov)
        russian = Teaching(
            subject: russianSubject, teacher: sidorov, group: fiveA.mathematics.group, assignment: russianAssignment,
            lesson: dictationLesson, work: try school.work("dictation", in: dictationLesson))

        let informaticsSubject = try school.subject("Информатика", short: "Информ.")
        let subgroup = try school.group(
            "6Б информатика 1", of: sixB.schoolClass, .subgroup, members: [sixB.students[1]])
        let informaticsAssignment = try school.assignment(
            informaticsSubject, to: subgroup, by: petrova, hoursPerWeek: 1)
        let practicalLesson = try school.lesson(
            informaticsAssignment, on: "2026-11-18", number: 5, status: .held, topic: "Алгоритмы", taughtBy: petrova)
        informatics = Teaching(
            subject: informaticsSubject, teacher: petrova, group: subgroup, assignment: informaticsAssignment,
            lesson: practicalLesson, work: try school.work("practical", in: practicalLesson))
    }

    private mutating func writeSubstitution(_ school: SchoolBuilder) throws {
        let mathematics = sixB!.mathematics
        let (petrova, sidorov, morozov) = (fiveA!.mathematics.teacher, mathematics.teacher, sixB!.students[0])
        let lesson = try school.lesson(
            mathematics.assignment, on: TestSchool.today.description, number: 5, taughtBy: petrova)
        try school.writer.insert(
            TimetableChange(
                lessonID: lesson.id!, kind: .substitution, substituteID: petrova.id, reason: "болезнь учителя",
                createdAt: school.writer.now))
        let work = try school.work("answer", in: lesson)
        substitution = TestSchool.Substitution(
            lesson: lesson, work: work, othersMark: try school.mark("4", for: morozov, in: work, by: sidorov),
            ownMark: try school.mark("5", for: morozov, in: work, by: petrova))
    }

    private mutating func writeMarks(_ school: SchoolBuilder) throws {
        func mark(_ value: String, _ student: Student, _ work: Work, by teacher: Staff? = nil) throws {
            marks[work.id!, default: [:]][student.id!] = try school.mark(value, for: student, in: work, by: teacher)
        }
        if let fiveA {
            let (anna, oleg, darya) = (fiveA.students[0], fiveA.students[1], fiveA.students[2])
            try mark("5", anna, fiveA.mathematics.work)
            try mark("3", anna, fiveA.answer)
            try mark("3", oleg, fiveA.mathematics.work)
            try school.attendance("ОП", of: anna, in: fiveA.mathematics.lesson)
            try school.attendance("Н", of: darya, in: fiveA.mathematics.lesson)
        }
        if let sixB {
            let (morozov, kuznetsov) = (sixB.students[0], sixB.students[1])
            let mathematics = sixB.mathematics
            try mark("4", morozov, mathematics.work)
            try mark("2", kuznetsov, mathematics.work, by: mathematics.teacher)
            try school.attendance("ОП", of: morozov, in: mathematics.lesson)
            try school.attendance("Б", of: kuznetsov, in: mathematics.lesson)
        }
        if let russian, let anna = fiveA?.students[0] {
            try mark("4", anna, russian.work)
            try school.attendance("ОП", of: anna, in: russian.lesson)
        }
        if let informatics, let kuznetsov = sixB?.students[1] {
            try mark("5", kuznetsov, informatics.work)
            try school.attendance("ОП", of: kuznetsov, in: informatics.lesson)
        }
    }

    private mutating func writeAccount(of person: Person, _ school: SchoolBuilder) throws {
        let owner: AccountOwner
        switch person {
        case .student, .otherStudent:
            let students = person == .student ? fiveA?.students : sixB?.students
            guard let student = students?.first else { preconditionFailure("\(person) needs their class's part") }
            owner = .student(student.id!)
        case .parent:
            guard let anna = fiveA?.students.first else { preconditionFailure("the parent needs Parts.fiveA") }
            let mother = try school.writer.insert(Representative(name: person.name))
            try school.writer.insert(
                StudentRepresentative(studentID: anna.id!, representativeID: mother.id!, kind: .parent))
            owner = .representative(mother.id!)
            self.mother = mother.id!
            // Her email, from her written application (R18).
            motherEmail = try school.writer.insert(
                Contact(
                    representativeID: mother.id!, kind: .email, value: "elena.ivanova@example.org",
                    basis: .application, basisNumber: "17", basisDate: LocalDate("2026-09-01")!,
                    receivedBy: "секретарь", validFrom: LocalDate("2026-09-01")!, enteredBy: "test",
                    enteredAt: school.writer.now)
            ).id!
        case .teacher, .otherTeacher:
            guard let teacher = staff[person] else { preconditionFailure("\(person) needs their class's part") }
            owner = .staff(teacher.id!)
        case .administrator, .management, .secretary, .medical, .psychologist, .hr:
            let member = try school.staff(person.name, position: person.position!)
            staff[person] = member
            owner = .staff(member.id!)
        }
        accounts[person] = try school.account(person.login, owner: owner, roles: [person.role])
    }
}
