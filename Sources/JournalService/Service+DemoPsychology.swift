import Foundation
import JournalDemo
import JournalModel
import JournalStore

extension JournalService {
    /// The demo's psychological service: the педагог-психолог's caseload of eight students of
    /// grades 5–8 with their representatives' consents and a few sessions each, one council
    /// conclusion shared with the student's class teacher, and the social pedagogue's social
    /// facts for about one student in eight.
    func makeDemoPsychology(seed: UInt64, today: LocalDate) async throws -> Int {
        let start = LocalDate(year: today.month >= 9 ? today.year : today.year - 1, month: 9, day: 5)!
        return try await database.write(actor: .system("journal demo"), reason: "demo psychological service") {
            writer in
            var random = DemoRandom(seed: seed ^ 0x5073_7963_686F)
            func pick(_ count: Int) -> Int { Int(random.next() % UInt64(max(count, 1))) }
            let reader = writer.reader
            let staff = try reader.allStaff()
            guard let year = try reader.currentYear(),
                let psychologist = staff.first(where: { $0.position == "педагог-психолог" })?.id
            else { return 0 }
            let social = staff.first(where: { $0.position == "социальный педагог" })?.id ?? psychologist
            let classes = try reader.classes(year: year.id!)
            let middle = classes.filter { (5...8).contains($0.grade) }.compactMap(\.id)
            let students = try reader.students(inClasses: middle)
            let links = Dictionary(
                grouping: try reader.representativeLinks(students: students.compactMap(\.id)), by: \.studentID)
            var written = 0
            var caseload: [Student] = []
            for student in students where links[student.id!] != nil && caseload.count < 8 && pick(6) == 0 {
                caseload.append(student)
            }
            let now = self.now()
            for (index, student) in caseload.enumerated() {
                let id = student.id!
                try writer.insert(CaseloadEntry(staffID: psychologist, studentID: id))
                let representative = links[id]![0].representativeID
                let given = start.adding(days: index)
                let scopes: [PsychologyScope] =
                    index % 3 == 0 ? [.diagnostics, .counselling, .correction] : [.diagnostics, .counselling]
                for scope in scopes {
                    try writer.insert(
                        PsychologyConsent(
                            studentID: id, representativeID: representative, scope: scope, givenOn: given,
                            document:
                                "Согласие № \(index + 1)-\(scope == .diagnostics ? "Д" : scope == .counselling ? "К" : "КР") от \(given)",
                            recordedBy: psychologist))
                    written += 1
                }
                let first = given.adding(days: 7)
                guard first <= today else { continue }
                try writer.insert(
                    PsychologyRecord(
                        studentID: id, authorID: psychologist, date: first, kind: .diagnostic, scope: .diagnostics,
                        notes:
                            "Методика «Школьная тревожность» (Филлипс). Повышенная тревожность в ситуации проверки знаний.",
                        conclusion: "Рекомендованы консультации", createdAt: now))
                written += 1
                for session in 1...(1 + pick(3)) {
                    let date = first.adding(days: 14 * session)
                    guard date <= today else { break }
                    try writer.insert(
                        PsychologyRecord(
                            studentID: id, authorID: psychologist, date: date, kind: .session, scope: .counselling,
                            notes: [
                                "Беседа о подготовке к контрольным; упражнения на дыхание.",
                                "Обсуждали отношения в классе; ученик спокойнее, чем на прошлой встрече.",
                                "Разбор ситуации с опозданиями; договорились о плане на неделю.",
                            ][pick(3)],
                            conclusion: "", createdAt: now))
                    written += 1
                }
            }
            if let student = caseload.first, let schoolClass = classes.first(where: { $0.id == student.classID }) {
                let conclusion = try writer.insert(
                    CouncilConclusion(
                        studentID: student.id!, authorID: psychologist, date: min(today, start.adding(days: 40)),
                        conclusion:
                            "Трудности произвольной регуляции; рекомендовано психолого-педагогическое сопровождение.",
                        recommendations:
                            "Давать задания по частям; проверять понимание инструкции; отмечать успехи; не сравнивать с одноклассниками.",
                        createdAt: now))
                written += 1
                if let teacher = schoolClass.classTeacherID {
                    try writer.insert(
                        CouncilShare(
                            conclusionID: conclusion.id!, staffID: teacher, sharedBy: psychologist, sharedAt: now))
                    written += 1
                }
            }
            let kinds = SocialFactKind.allCases
            for student in try reader.students(inClasses: classes.compactMap(\.id)) where pick(8) == 0 {
                let kind = kinds[pick(kinds.count)]
                try writer.insert(
                    SocialFact(
                        studentID: student.id!, kind: kind, since: start.adding(days: -365 * (1 + pick(4))),
                        note: kind == .largeFamily ? "удостоверение многодетной семьи" : "справка в личном деле",
                        recordedBy: social))
                written += 1
            }
            return written
        }
    }
}
