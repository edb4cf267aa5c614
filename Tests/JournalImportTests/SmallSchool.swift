import JournalImport
import JournalModel
import Testing

extension FakeSchool {
    /// A school already holding a little of everything, for the tests of single files:
    ///
    /// - classes 5А (1), 5Б (2), 6А (3, no groups yet)
    /// - staff: Иванова Анна Сергеевна (1, T-1, teacher), Петров Пётр Петрович (2, no code),
    ///   two Смирнова Ольга Ивановна (3, S-3 and 4, S-4)
    /// - students: Алексеев Артём Дмитриевич (11, 5А, 2021-001), Белова Софья Андреевна (12, 5А,
    ///   no code), Котов Илья (13, 5Б, 2021-013), Котов Илья (14, 5А, 2021-014)
    /// - representatives: Алексеева Ирина Владимировна (21, P-1, mother of 11), Белов Андрей
    ///   (22, no code)
    /// - subjects: Математика / Матем. (31), Английский язык / Англ. (32), Физика (33)
    /// - groups: 5А (41), 5А Группа 1 (42: student 11), 5Б (43)
    /// - assignments: 5А Математика Иванова (51), 5А Группа 1 Английский Смирнова S-3 (52),
    ///   5Б Математика Иванова (53), 5Б Английский Смирнова S-3 (54) and S-4 (55)
    /// - timetable: 5А Математика on Monday, lesson 1, room 12 (61)
    static var small: FakeSchool {
        let d = { (text: String) in LocalDate(text)! }
        return FakeSchool(
            ImportSnapshot(
                year: year,
                classes: [
                    SchoolClass(id: 1, yearID: 1, grade: 5, letter: "А"),
                    SchoolClass(id: 2, yearID: 1, grade: 5, letter: "Б"),
                    SchoolClass(id: 3, yearID: 1, grade: 6, letter: "А"),
                ],
                staff: [
                    Staff(
                        id: 1, name: PersonName(lastName: "Иванова", firstName: "Анна", middleName: "Сергеевна"),
                        position: "учитель математики", externalCode: "T-1"),
                    Staff(
                        id: 2, name: PersonName(lastName: "Петров", firstName: "Пётр", middleName: "Петрович"),
                        position: "учитель физики"),
                    Staff(
                        id: 3, name: PersonName(lastName: "Смирнова", firstName: "Ольга", middleName: "Ивановна"),
                        position: "учитель английского языка", externalCode: "S-3"),
                    Staff(
                        id: 4, name: PersonName(lastName: "Смирнова", firstName: "Ольга", middleName: "Ивановна"),
                        position: "учитель английского языка", externalCode: "S-4"),
                ],
                roles: [1: [.teacher]],
                students: [
                    Student(
                        id: 11, classID: 1,
                        name: PersonName(lastName: "Алексеев", firstName: "Артём", middleName: "Дмитриевич"),
                        birthDate: d("2015-03-14"), externalCode: "2021-001"),
                    Student(
                        id: 12, classID: 1,
                        name: PersonName(lastName: "Белова", firstName: "Софья", middleName: "Андреевна"),
                        birthDate: d("2015-07-02")),
                    Student(
                        id: 13, classID: 2, name: PersonName(lastName: "Котов", firstName: "Илья"),
                        externalCode: "2021-013"),
                    Student(
                        id: 14, classID: 1, name: PersonName(lastName: "Котов", firstName: "Илья"),
                        externalCode: "2021-014"),
                ],
                representatives: [
                    Representative(
                        id: 21,
                        name: PersonName(lastName: "Алексеева", firstName: "Ирина", middleName: "Владимировна"),
                        phone: "+7 916 123-45-67", externalCode: "P-1"),
                    Representative(
                        id: 22, name: PersonName(lastName: "Белов", firstName: "Андрей"), phone: "+7 903 000-00-01"),
                ],
                links: [StudentRepresentative(studentID: 11, representativeID: 21, kind: .parent)],
                subjects: [
                    Subject(id: 31, name: "Математика", shortName: "Матем."),
                    Subject(id: 32, name: "Английский язык", shortName: "Англ."),
                    Subject(id: 33, name: "Физика"),
                ],
                groups: [
                    TeachingGroup(id: 41, yearID: 1, name: "5А", kind: .wholeClass, classID: 1),
                    TeachingGroup(id: 42, yearID: 1, name: "Группа 1", kind: .subgroup, classID: 1),
                    TeachingGroup(id: 43, yearID: 1, name: "5Б", kind: .wholeClass, classID: 2),
                ],
                members: [GroupMember(groupID: 42, studentID: 11)],
                assignments: [
                    TeachingAssignment(id: 51, groupID: 41, subjectID: 31, teacherID: 1, hoursPerWeek: 5),
                    TeachingAssignment(id: 52, groupID: 42, subjectID: 32, teacherID: 3, hoursPerWeek: 3),
                    TeachingAssignment(id: 53, groupID: 43, subjectID: 31, teacherID: 1, hoursPerWeek: 5),
                    TeachingAssignment(id: 54, groupID: 43, subjectID: 32, teacherID: 3, hoursPerWeek: 2),
                    TeachingAssignment(id: 55, groupID: 43, subjectID: 32, teacherID: 4, hoursPerWeek: 1),
                ],
                timetable: [
                    TimetableEntry(
                        id: 61, assignmentID: 51, weekday: 1, lessonNumber: 1, room: "12", validFrom: d("2026-09-01"),
                        validTo: d("2027-08-31"))
                ]))
    }

    /// The plan of a file that must be accepted; records the issues otherwise.
    func accepted(_ kind: ImportKind, _ text: String) -> ImportPlan? {
        do {
            return try plan(kind, text)
        } catch {
            Issue.record("refused:\n\(error)")
            return nil
        }
    }
}
