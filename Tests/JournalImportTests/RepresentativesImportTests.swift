import JournalImport
import JournalModel
import Testing

@Suite struct RepresentativesImportTests {
    let school = FakeSchool.small

    @Test func gathersRowsOfOnePersonAndLinksEveryChild() throws {
        let plan = try #require(
            school.accepted(
                .representatives,
                """
                last_name,first_name,middle_name,phone,email,kind,student,student_class,code
                Алексеева,Ирина,Владимировна,8 916 123 45 67,irina@example.ru,мать,2021-001,,P-1
                Алексеева,Ирина,Владимировна,,,опекун,Белова Софья Андреевна,,P-1
                Белов,Андрей,,+7 903 000-00-01,,отец,Белова Софья,5А,
                Котова,Мария,,8(999)111-22-33,,,Котов Илья,5Б,
                Котова,Мария,,,kotova@example.ru,,2021-014,,
                """))
        guard case .representatives(let representatives) = plan else { throw PlanKindMismatch() }
        let kotova = Representative(
            name: PersonName(lastName: "Котова", firstName: "Мария"), phone: "+7 999 111-22-33",
            email: "kotova@example.ru")
        #expect(representatives.newRepresentatives == [Planned(line: 5, value: kotova)])
        #expect(representatives.updatedRepresentatives.map(\.line) == [2])
        #expect(representatives.updatedRepresentatives.first?.after.email == "irina@example.ru")
        #expect(representatives.updatedRepresentatives.first?.after.phone == "+7 916 123-45-67")
        #expect(
            representatives.newLinks == [
                PlannedLink(line: 3, representative: .existing(21), studentID: 12, kind: .guardian),
                PlannedLink(line: 4, representative: .existing(22), studentID: 12, kind: .parent),
                PlannedLink(line: 5, representative: .new(index: 0), studentID: 13, kind: .parent),
                PlannedLink(line: 6, representative: .new(index: 0), studentID: 14, kind: .parent),
            ])
        #expect(representatives.updatedLinks.isEmpty)
        #expect(
            plan.summary.description == "new: 1 representative, 4 links to children; updated: 1 representative")
    }

    @Test func changesTheKindOfAnExistingLink() throws {
        let plan = try #require(
            school.accepted(
                .representatives, "фамилия;имя;кем приходится;ученик;код\nАлексеева;Ирина;опекун;2021-001;P-1\n"))
        guard case .representatives(let representatives) = plan else { throw PlanKindMismatch() }
        #expect(
            representatives.updatedLinks == [
                PlannedUpdate(
                    line: 2, before: StudentRepresentative(studentID: 11, representativeID: 21, kind: .parent),
                    after: StudentRepresentative(studentID: 11, representativeID: 21, kind: .guardian))
            ])
        #expect(representatives.newRepresentatives.isEmpty && representatives.updatedRepresentatives.isEmpty)
        #expect(plan.summary.description == "updated: 1 link to a child")
    }

    @Test func rowsWithoutCodeAreOnePersonByNameAndPhone() throws {
        let plan = try #require(
            school.accepted(
                .representatives,
                """
                last_name,first_name,phone,student
                Орлова,Ольга,+7 900 100-00-01,2021-001
                Орлова,Ольга,8 900 100 00 01,2021-013
                Орлова,Ольга,+7 900 200-00-02,2021-014
                """))
        guard case .representatives(let representatives) = plan else { throw PlanKindMismatch() }
        #expect(representatives.newRepresentatives.map(\.line) == [2, 4])
        #expect(representatives.newLinks.map(\.representative) == [.new(index: 0), .new(index: 0), .new(index: 1)])
    }

    @Test func reportsEveryBadRowOfTheFile() throws {
        #expect(
            try school.issues(.representatives, fixture: "representatives-bad.csv").joined(separator: "\n") == """
                representatives-bad.csv:2: column 'phone': '12-34' is not a phone number; write a Russian number as \
                +7 XXX XXX-XX-XX or 8 XXX XXX-XX-XX, another country's as + and its code
                representatives-bad.csv:3: column 'email': 'olga@' is not an e-mail address; write it as \
                name@example.ru
                representatives-bad.csv:4: column 'kind': 'мама2' is not a kind of representative; use parent, \
                adoptive_parent or guardian (родитель, усыновитель, опекун), or leave it empty for parent
                representatives-bad.csv:5: column 'student': no student has the code or name '2099-999'; import \
                students first
                representatives-bad.csv:6: column 'student': two students are called Котов Илья; write their code \
                instead of the name
                representatives-bad.csv:7: column 'student_class': class 9А is not in the journal for 2026/2027; \
                import it with the classes file first
                representatives-bad.csv:8: column 'student_class': Котов Илья is not a student of 5А
                representatives-bad.csv:10: the phone differs from line 9, which is the same representative; write \
                the same in every row of one person
                representatives-bad.csv:11: the name differs from line 9, which is the same representative; write \
                the same in every row of one person
                representatives-bad.csv:12: the same as line 9; keep one of them
                representatives-bad.csv:13: a representative called Алексеева Ирина Владимировна is already in the \
                journal with code P-1; write P-1 in the code column if this row is about them, or another code if not
                representatives-bad.csv:14: a representative called Белов Андрей is already in the journal with other \
                details; correct this row, or give it a code if it is about someone else
                representatives-bad.csv:16: column 'student': a value is required
                """)
    }
}
