import JournalDemo
import JournalModel
import Testing

@Suite struct IntegrityTests {
    let school = Fixtures.school

    @Test func idsRunFromOneInEveryCollection() {
        func numbered<T>(_ rows: [T], _ id: (T) -> Int64?) -> Bool {
            rows.enumerated().allSatisfy { id($1) == Int64($0 + 1) }
        }
        #expect(school.school.id == 1 && school.year.id == 1)
        #expect(numbered(school.classes) { $0.id?.rawValue })
        #expect(numbered(school.staff) { $0.id?.rawValue })
        #expect(numbered(school.students) { $0.id?.rawValue })
        #expect(numbered(school.representatives) { $0.id?.rawValue })
        #expect(numbered(school.subjects) { $0.id?.rawValue })
        #expect(numbered(school.groups) { $0.id?.rawValue })
        #expect(numbered(school.groupMembers) { $0.id })
        #expect(numbered(school.studentRepresentatives) { $0.id })
        #expect(numbered(school.assignments) { $0.id?.rawValue })
        #expect(numbered(school.timetable) { $0.id?.rawValue })
        #expect(numbered(school.lessons) { $0.id?.rawValue })
        #expect(numbered(school.timetableChanges) { $0.id?.rawValue })
        #expect(numbered(school.individualHomework) { $0.id })
        #expect(numbered(school.works) { $0.id?.rawValue })
        #expect(numbered(school.marks) { $0.id?.rawValue })
        #expect(numbered(school.attendance) { $0.id?.rawValue })
    }

    @Test func everyReferencedIDExists() {
        func exists<Entity>(_ id: Identifier<Entity>?, in count: Int) -> Bool {
            guard let id else { return true }
            return (1...Int64(count)).contains(id.rawValue)
        }
        let s = school
        #expect(s.classes.allSatisfy { $0.yearID == s.year.id && exists($0.classTeacherID, in: s.staff.count) })
        #expect(s.students.allSatisfy { exists($0.classID, in: s.classes.count) })
        #expect(
            s.studentRepresentatives.allSatisfy {
                exists($0.studentID, in: s.students.count) && exists($0.representativeID, in: s.representatives.count)
            })
        #expect(s.groups.allSatisfy { $0.yearID == s.year.id && exists($0.classID, in: s.classes.count) })
        #expect(
            s.groupMembers.allSatisfy {
                exists($0.groupID, in: s.groups.count) && exists($0.studentID, in: s.students.count)
            })
        #expect(
            s.assignments.allSatisfy {
                exists($0.groupID, in: s.groups.count) && exists($0.subjectID, in: s.subjects.count)
                    && exists($0.teacherID, in: s.staff.count)
            })
        #expect(s.timetable.allSatisfy { exists($0.assignmentID, in: s.assignments.count) })
        #expect(
            s.lessons.allSatisfy {
                exists($0.assignmentID, in: s.assignments.count) && exists($0.taughtByID, in: s.staff.count)
            })
        #expect(
            s.timetableChanges.allSatisfy {
                exists($0.lessonID, in: s.lessons.count) && exists($0.substituteID, in: s.staff.count)
            })
        #expect(
            s.individualHomework.allSatisfy {
                exists($0.lessonID, in: s.lessons.count) && exists($0.studentID, in: s.students.count)
            })
        #expect(
            s.works.allSatisfy {
                exists($0.assignmentID, in: s.assignments.count) && exists($0.lessonID, in: s.lessons.count)
            })
        #expect(
            s.marks.allSatisfy { exists($0.workID, in: s.works.count) && exists($0.studentID, in: s.students.count) })
        #expect(
            s.attendance.allSatisfy {
                exists($0.lessonID, in: s.lessons.count) && exists($0.studentID, in: s.students.count)
            })
    }

    @Test func groupsHoldTheirClassesStudents() {
        var members: [GroupID: Set<StudentID>] = [:]
        for member in school.groupMembers { members[member.groupID, default: []].insert(member.studentID) }
        #expect(Set(school.groupMembers).count == school.groupMembers.count)
        for group in school.groups {
            let inGroup = members[group.id!] ?? []
            switch group.kind {
            case .wholeClass:
                let classStudents = Set(school.students.filter { $0.classID == group.classID }.map { $0.id! })
                #expect(inGroup == classStudents, "\(group.name)")
            case .subgroup:
                #expect(inGroup.allSatisfy { school.student($0).classID == group.classID }, "\(group.name)")
                #expect(!inGroup.isEmpty, "\(group.name)")
            case .crossClass:
                #expect(group.classID == nil)
                #expect(inGroup.allSatisfy { school.schoolClass(school.student($0).classID).grade >= 10 })
            }
        }
    }

    @Test func splitSubjectsCoverTheWholeClassExactlyOnce() {
        var members: [GroupID: Set<StudentID>] = [:]
        for member in school.groupMembers { members[member.groupID, default: []].insert(member.studentID) }
        for schoolClass in school.classes {
            let classStudents = Set(school.students.filter { $0.classID == schoolClass.id }.map { $0.id! })
            var bySubject: [SubjectID: [Set<StudentID>]] = [:]
            for assignment in school.assignments where school.group(assignment.groupID).kind == .subgroup {
                guard school.group(assignment.groupID).classID == schoolClass.id else { continue }
                bySubject[assignment.subjectID, default: []].append(members[assignment.groupID] ?? [])
            }
            for (_, halves) in bySubject {
                #expect(halves.count == 2)
                #expect(halves[0].union(halves[1]) == classStudents)
                #expect(halves[0].isDisjoint(with: halves[1]))
            }
        }
    }

    @Test func studentsHaveOneOrTwoRepresentativesAndSomeShareThem() {
        var perStudent: [StudentID: Int] = [:]
        var perParent: [RepresentativeID: Set<ClassID>] = [:]
        for link in school.studentRepresentatives {
            perStudent[link.studentID, default: 0] += 1
            perParent[link.representativeID, default: []].insert(school.student(link.studentID).classID)
        }
        #expect(school.students.allSatisfy { (1...2).contains(perStudent[$0.id!] ?? 0) })
        #expect(school.representatives.allSatisfy { perParent[$0.id!] != nil })
        #expect(perParent.values.contains { $0.count >= 2 }, "siblings in different classes share parents")
        #expect(school.representatives.allSatisfy { $0.phone?.wholeMatch(of: /\+7 9\d\d \d{3}-\d\d-\d\d/) != nil })
        #expect(school.representatives.contains { $0.email != nil })
        #expect(Set(school.students.compactMap(\.externalCode)).count == school.students.count)
    }

    @Test func everyClassHasATeacherWhoTeaches() {
        let teachers = Set(school.assignments.map(\.teacherID))
        #expect(school.classes.allSatisfy { $0.classTeacherID.map(teachers.contains) == true })
        #expect(Set(school.classes.compactMap(\.classTeacherID)).count == school.classes.count)
        #expect(Set(school.classes.map(\.grade)) == Set(1...11))
    }
}
