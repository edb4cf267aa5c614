import Foundation
import JournalDemo
import JournalModel
import JournalStore

extension JournalService {
    /// The demo's staff files: every member of staff with a hire date, a category, an
    /// education, courses (about one in six overdue, a few due within 90 days), a medical check
    /// and a criminal-record certificate; one certificate expires within the month.
    func makeDemoPersonnel(seed: UInt64, today: LocalDate) async throws -> Int {
        let institutions = [
            "Московский педагогический государственный университет",
            "Российский государственный педагогический университет им. А. И. Герцена",
            "Тверской государственный университет", "Педагогический колледж № 1",
        ]
        let courses = [
            ("Реализация требований обновлённых ФГОС ООО, ФГОС СОО", "Институт развития образования", 72),
            ("Оказание первой помощи", "Учебный центр «Безопасность»", 16),
            ("Формирование функциональной грамотности", "Академия Минпросвещения России", 36),
            ("Работа с детьми с ОВЗ в условиях инклюзии", "Институт развития образования", 72),
        ]
        return try await database.write(actor: .system("journal demo"), reason: "demo staff files") { writer in
            var random = DemoRandom(seed: seed ^ 0x4852_6669_6C65)
            func pick(_ count: Int) -> Int { Int(random.next() % UInt64(max(count, 1))) }
            var written = 0
            for (index, member) in try writer.reader.allStaff().enumerated() {
                let staff = member.id!
                let hired = LocalDate(year: today.year - 1 - pick(25), month: 8, day: 25 + pick(6))!
                let category: QualificationCategory = [.none, .first, .highest][pick(3)]
                try writer.insert(
                    StaffFile(
                        staffID: staff, hiredOn: hired, category: category,
                        attestedOn: category == .none ? nil : max(hired, today.adding(days: -30 - pick(1500)))))
                let graduated = hired.year - pick(3)
                try writer.insert(
                    StaffEducation(
                        staffID: staff, institution: institutions[pick(institutions.count)], year: graduated,
                        qualification: member.position.hasPrefix("учитель") ? member.position : "педагог"))
                // About one in six is overdue (the last course over three years ago); a few are due soon.
                let ended: LocalDate =
                    switch index % 6 {
                    case 0: today.adding(days: -(3 * 365 + 30 + pick(400)))
                    case 1: today.adding(days: -(3 * 365 - 20 - pick(60)))
                    default: today.adding(days: -(30 + pick(900)))
                    }
                let course = courses[pick(courses.count)]
                try writer.insert(
                    StaffCourse(
                        staffID: staff, title: course.0, provider: course.1, hours: course.2,
                        from: ended.adding(days: -course.2 / 6 - 5), to: ended,
                        certificate: "\(772_400_000 + pick(99_999))"))
                let checked = today.adding(days: -(20 + pick(330)))
                try writer.insert(
                    StaffMedicalCheck(staffID: staff, date: checked, validUntil: checked.adding(days: 365)))
                let issued = index == 2 ? today.adding(days: -(3 * 365 - 15)) : today.adding(days: -(30 + pick(700)))
                try writer.insert(
                    CriminalRecordCertificate(
                        staffID: staff, number: "\(pick(90) + 10)/\(issued.year)-\(1000 + pick(8999))",
                        issuedOn: issued,
                        validUntil: LocalDate(year: issued.year + 3, month: issued.month, day: min(issued.day, 28))!))
                written += 5
            }
            return written
        }
    }
}
