import JournalImport
import JournalModel
import Testing

@Suite struct AssignmentsImportTests {
    let school = FakeSchool.small

    @Test func plansGroupsMembersAndAssignments() throws {
        let plan = try #require(
            school.accepted(
                .assignments,
                """
                class,group,subject,teacher,hours_per_week,students
                5А,,Математика,T-1,6,
                5А,Группа 1,Англ.,S-3,3,"2021-001; Белова Софья Андреевна"
                5А,Группа 2,Английский язык,S-4,3,2021-014
                6А,,Физика,Петров Пётр Петрович,,
                6А,,Математика,T-1,4,
                5Б,,Математика,T-1,5,
                """))
        guard case .assignments(let assignments) = plan else { throw PlanKindMismatch() }
        #expect(
            assignments.newGroups == [
                Planned(line: 4, value: TeachingGroup(yearID: 1, name: "Группа 2", kind: .subgroup, classID: 1)),
                Planned(line: 5, value: TeachingGroup(yearID: 1, name: "6А", kind: .wholeClass, classID: 3)),
            ])
        #expect(
            assignments.newMembers == [
                PlannedMember(line: 3, group: .existing(42), studentID: 12),
                PlannedMember(line: 4, group: .new(index: 0), studentID: 14),
            ])
        #expect(
            assignments.newAssignments == [
                PlannedAssignment(line: 4, group: .new(index: 0), subjectID: 32, teacherID: 4, hoursPerWeek: 3),
                PlannedAssignment(line: 5, group: .new(index: 1), subjectID: 33, teacherID: 2, hoursPerWeek: 1),
                PlannedAssignment(line: 6, group: .new(index: 1), subjectID: 31, teacherID: 1, hoursPerWeek: 4),
            ])
        #expect(assignments.updatedAssignments.map(\.after.hoursPerWeek) == [6])
        #expect(assignments.updatedAssignments.map(\.after.id) == [51])
        #expect(assignments.unchangedLines == [7])
    }

    @Test func aSubgroupsStudentsMayBeRepeatedIdentically() throws {
        let plan = try #require(
            school.accepted(
                .assignments,
                """
                class,group,subject,teacher,students
                5А,Группа 2,Английский язык,S-4,"2021-014, Белова Софья"
                5А,группа 2,Физика,Петров Пётр Петрович,"Белова Софья Андреевна; 2021-014"
                5А,Группа 2,Математика,T-1,
                """))
        guard case .assignments(let assignments) = plan else { throw PlanKindMismatch() }
        #expect(assignments.newGroups.count == 1)
        #expect(assignments.newMembers.map(\.studentID) == [12, 14])
        #expect(assignments.newAssignments.map(\.group) == [.new(index: 0), .new(index: 0), .new(index: 0)])
    }

    @Test func reportsEveryBadRowOfTheFile() throws {
        #expect(
            try school.issues(.assignments, fixture: "assignments-bad.csv").joined(separator: "\n") == """
                assignments-bad.csv:2: column 'subject': no subject is called 'Химия'; import it with the subjects \
                file first
                assignments-bad.csv:3: column 'teacher': two staff members are called Смирнова Ольга Ивановна; write \
                their code instead of the name
                assignments-bad.csv:4: column 'hours_per_week': '0' is not a number of hours per week; use a whole \
                number from 1 to 40
                assignments-bad.csv:5: column 'students': students are listed only for a subgroup; fill in the group \
                column or empty this cell
                assignments-bad.csv:6: column 'students': group 'Группа 3' of 5А is new, so list its students: codes \
                or full names separated by ;
                assignments-bad.csv:7: column 'students': Котов Илья is not a student of 5А
                assignments-bad.csv:7: column 'students': no student has the code or name 'Никто Никто'; import \
                students first
                assignments-bad.csv:9: column 'students': line 8 lists other students for this group; list a group's \
                students once
                assignments-bad.csv:10: the same as line 8; keep one of them
                assignments-bad.csv:11: column 'class': class 8А is not in the journal for 2026/2027; import it with \
                the classes file first
                """)
    }
}
