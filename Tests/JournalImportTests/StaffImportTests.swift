import JournalImport
import JournalModel
import Testing

@Suite struct StaffImportTests {
    let school = FakeSchool.small

    @Test func plansNewStaffUpdatesAndOnlyTheRolesNotHeld() throws {
        let plan = try #require(
            school.accepted(
                .staff,
                """
                last_name,first_name,middle_name,position,code,roles
                Иванова,Анна,Сергеевна,учитель математики,T-1,"учитель; администрация"
                Петров,Пётр,Петрович,учитель физики,,
                Новикова,Елена,Павловна,медицинская сестра,M-1,медработник
                Смирнова,Ольга,Ивановна,заместитель директора,S-4,management
                """))
        guard case .staff(let staff) = plan else { throw PlanKindMismatch() }
        let nurse = Staff(
            name: PersonName(lastName: "Новикова", firstName: "Елена", middleName: "Павловна"),
            position: "медицинская сестра", externalCode: "M-1")
        #expect(staff.newStaff == [Planned(line: 4, value: nurse)])
        #expect(staff.updatedStaff.map(\.line) == [5])
        #expect(staff.updatedStaff.first?.after.position == "заместитель директора")
        #expect(staff.updatedStaff.first?.after.id == 4)
        #expect(
            staff.roleGrants == [
                RoleGrant(line: 2, staff: .existing(1), roles: [.management]),
                RoleGrant(line: 4, staff: .new(index: 0), roles: [.medical]),
                RoleGrant(line: 5, staff: .existing(4), roles: [.management]),
            ])
        #expect(staff.unchangedLines == [3])
        #expect(
            plan.summary.description
                == "new: 1 staff member; updated: 1 staff member, 2 staff members' roles; unchanged: 1 row")
    }

    @Test func reportsEveryBadRowOfTheFile() throws {
        #expect(
            try school.issues(.staff, fixture: "staff-bad.csv").joined(separator: "\n") == """
                staff-bad.csv:2: column 'Должность': a value is required
                staff-bad.csv:3: column 'Роли': 'директор', 'завуч' are not roles; use administrator, management, \
                teacher, secretary, medical, psychologist, hr (администратор, администрация, учитель, секретарь, \
                медработник, психолог, кадры), separated by ;
                staff-bad.csv:4: a staff member called Петров Пётр Петрович is already in the journal with other \
                details; correct this row, or give it a code if it is about someone else
                staff-bad.csv:5: two staff members called Смирнова Ольга Ивановна are already in the journal; write \
                the code of the one this row is about in the code column
                staff-bad.csv:6: a staff member called Иванова Анна Сергеевна is already in the journal with code \
                T-1; write T-1 in the code column if this row is about them, or another code if not
                staff-bad.csv:8: column 'Табельный номер': code 'L-1' is already used on line 7; a code belongs to \
                one person
                staff-bad.csv:10: the same as line 9; keep one of them
                staff-bad.csv:11: column 'Табельный номер': 'T 1' has spaces inside; a code is one word, such as \
                2019-045
                staff-bad.csv:12: column 'Роли': 'student' is not a role; use administrator, management, teacher, \
                secretary, medical, psychologist, hr (администратор, администрация, учитель, секретарь, \
                медработник, психолог, кадры), separated by ;
                """)
    }
}
