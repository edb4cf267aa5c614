import JournalModel
import Testing

@testable import JournalDemo

@Suite struct PeopleTests {
    let school = Fixtures.school

    @Test(arguments: [30, 120, 219, 220, 300, 640, 1000, 2500])
    func classesCoverEveryGradeWithTwentyToThirtyStudentsWhenThereAreEnough(students: Int) {
        var random = DemoRandom(seed: 9)
        let plans = ClassPlanner.plan(students: students, random: &random)
        #expect(plans.reduce(0) { $0 + $1.size } == students)
        #expect(Set(plans.map(\.grade)) == Set(1...11))
        #expect(Set(plans.map(\.name)).count == plans.count)
        if students >= 220 {
            #expect(plans.allSatisfy { (20...30).contains($0.size) }, "\(plans.map(\.size))")
        }
        #expect(plans.allSatisfy { $0.size >= 1 })
    }

    @Test func classLettersRunFromA() {
        for grade in 1...11 {
            let letters = school.classes.filter { $0.grade == grade }.map(\.letter)
            #expect(letters == Array(ClassPlanner.letters.prefix(letters.count)))
        }
    }

    @Test func namesAgreeInGender() {
        for student in school.students {
            let girl = RussianNames.girls.contains(student.name.firstName)
            #expect(girl != RussianNames.boys.contains(student.name.firstName))
            let patronymic = student.name.middleName ?? ""
            #expect(girl ? patronymic.hasSuffix("на") : patronymic.hasSuffix("ич"), "\(student.name)")
            let male = RussianNames.familyNames.first {
                RussianNames.familyName($0, girl ? .female : .male) == student.name.lastName
            }
            #expect(male != nil, "\(student.name)")
        }
        #expect(RussianNames.familyName("Иванов", .female) == "Иванова")
        #expect(RussianNames.familyName("Островский", .female) == "Островская")
        #expect(RussianNames.familyName("Толстой", .female) == "Толстая")
        #expect(RussianNames.familyName("Шевченко", .female) == "Шевченко")
        #expect(RussianNames.familyName("Ким", .female) == "Ким")
    }

    @Test func birthDatesFitTheGrade() {
        for student in school.students {
            let grade = school.schoolClass(student.classID).grade
            let age = 2025 - student.birthDate!.year
            #expect((5 + grade...7 + grade).contains(age), "\(student.name) \(grade)")
        }
    }

    @Test func staffHasManagementServicesAndTeachers() {
        let positions = school.staff.map(\.position)
        #expect(positions.filter { $0 == "директор" }.count == 1)
        #expect((2...3).contains(positions.filter { $0.hasPrefix("заместитель директора") }.count))
        for post in [
            "системный администратор", "медицинская сестра", "педагог-психолог", "социальный педагог",
            "специалист по кадрам", "учитель начальных классов", "учитель математики", "учитель английского языка",
        ] {
            #expect(positions.contains(post), "\(post)")
        }
        #expect(Set(school.staff.compactMap(\.externalCode)).count == school.staff.count)
    }

    @Test func primaryTeachersTeachNearlyEverythingInTheirClass() {
        for schoolClass in school.classes where schoolClass.grade <= 4 {
            let assignments = school.assignments.filter { school.group($0.groupID).classID == schoolClass.id }
            let byClassTeacher = assignments.filter { $0.teacherID == schoolClass.classTeacherID }
            #expect(byClassTeacher.reduce(0) { $0 + $1.hoursPerWeek } >= 17)
        }
    }

    @Test func subjectsFollowTheRussianCurriculum() {
        let names = Set(school.subjects.map(\.name))
        for name in [
            "Русский язык", "Литература", "Математика", "Алгебра", "Геометрия", "Вероятность и статистика",
            "Информатика", "Физика", "Химия", "Биология", "География", "История", "Обществознание", "Английский язык",
            "Музыка", "Труд (технология)", "Физическая культура", "Окружающий мир", "Литературное чтение",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(school.subjects.allSatisfy { !$0.shortName.isEmpty && $0.shortName.count <= 12 })
        let hours = Dictionary(grouping: school.assignments) { school.classIDs(of: $0.groupID)[0] }
        for schoolClass in school.classes {
            let week = Set(
                hours[schoolClass.id!]!.filter { school.group($0.groupID).kind != .crossClass }.map(\.subjectID)
            )
            .map { subject in hours[schoolClass.id!]!.first { $0.subjectID == subject }!.hoursPerWeek }
            .reduce(0, +)
            #expect((21...34).contains(week), "\(schoolClass.name): \(week)")
        }
    }

    @Test func credentialsCoverEveryoneWithUniqueLogins() {
        let credentials = school.credentials
        #expect(credentials.count == school.students.count + school.representatives.count + school.staff.count)
        #expect(Set(credentials.map(\.login)).count == credentials.count)
        #expect(Set(credentials.map(\.owner)).count == credentials.count)
        for credential in credentials {
            #expect(credential.login.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == ".") })
            #expect(credential.password.count == 10)
            #expect(credential.password.allSatisfy(PasswordGenerator.alphabet.contains))
            switch credential.owner {
            case .student: #expect(credential.roles == [.student])
            case .representative: #expect(credential.roles == [.parent])
            case .staff(let id):
                let staff = school.staff[Int(id.rawValue) - 1]
                #expect(credential.displayName == staff.name.description)
                if staff.position.hasPrefix("учитель") { #expect(credential.roles == [.teacher]) }
                if staff.position == "директор" { #expect(credential.roles == [.management]) }
                if staff.position == "системный администратор" { #expect(credential.roles == [.administrator]) }
            }
        }
        #expect(credentials.contains { $0.roles == [.psychologist] } && credentials.contains { $0.roles == [.hr] })
    }
}
