import Foundation
import JournalDemo
import JournalModel
import JournalStore

extension JournalService {
    /// The demo school's medical records, drawn from the seed: most students in health group II
    /// and the main PE group, some preparatory, a few special with an end date or exempt for a
    /// while, some allergies and contraindications, this autumn's flu vaccination (a few
    /// refusals on a signed form), and sick notes for a couple of recent absences, which turn
    /// them into «Б». The teachers' flags are computed at the end.
    func makeDemoHealth(seed: UInt64, today: LocalDate) async throws -> (records: Int, sickNotes: Int) {
        let system = Caller.system("journal demo")
        let (year, students) = try await database.read { reader in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            return (year, try reader.students(inClasses: try reader.classes(year: year.id!).compactMap(\.id)))
        }
        var random = DemoRandom(seed: seed ^ 0x4865_616c_7468)
        let start = year.range.start
        let allergies = ["пыльца берёзы", "цитрусовые", "арахис", "пенициллин", "укусы пчёл", "лактоза"]
        let contraindications = ["бег на длинные дистанции", "прыжки и кувырки", "плавание в холодной воде"]
        var groups: [HealthGroupRecord] = []
        var periods: [PEGroupPeriod] = []
        var alerts: [HealthAlert] = []
        var vaccinations: [Vaccination] = []
        for student in students {
            let id = student.id!
            let roll = Double.random(in: 0..<1, using: &random)
            let group = roll < 0.2 ? 1 : roll < 0.9 ? 2 : roll < 0.98 ? 3 : 4
            groups.append(
                HealthGroupRecord(
                    studentID: id, group: group, setOn: start.adding(days: Int.random(in: 0...10, using: &random)),
                    basis: "медицинская карта ф. 026/у, осмотр \(start.adding(days: -30).description)"))
            let pe = Double.random(in: 0..<1, using: &random)
            let (peGroup, end): (PEGroup, LocalDate?) =
                switch pe {
                case ..<0.84: (.main, nil)
                case ..<0.94: (.preparatory, year.range.end)
                case ..<0.97: (.specialA, today.adding(days: Int.random(in: 5...60, using: &random)))
                case ..<0.985: (.specialB, today.adding(days: Int.random(in: 20...90, using: &random)))
                default: (.exempt, today.adding(days: Int.random(in: 3...20, using: &random)))
                }
            periods.append(
                PEGroupPeriod(
                    studentID: id, group: peGroup, from: start, to: end,
                    basis: peGroup == .main ? "справка ф. 086/у" : "заключение врачебной комиссии"))
            if Double.random(in: 0..<1, using: &random) < 0.08 {
                alerts.append(
                    HealthAlert(
                        studentID: id, kind: .allergy, text: allergies.randomElement(using: &random)!,
                        note: "со слов родителей, подтверждено справкой"))
            }
            if peGroup != .main, Double.random(in: 0..<1, using: &random) < 0.5 {
                alerts.append(
                    HealthAlert(
                        studentID: id, kind: .contraindication, text: contraindications.randomElement(using: &random)!,
                        note: nil))
            }
            let refused = Double.random(in: 0..<1, using: &random) < 0.06
            vaccinations.append(
                Vaccination(
                    studentID: id, vaccine: "Грипп (сезонная)",
                    date: start.adding(days: 30 + Int.random(in: 0...20, using: &random)), refused: refused,
                    document: refused ? "письменный отказ законного представителя" : "журнал прививок, серия 1125"))
        }
        let (allGroups, allPeriods, allAlerts, allVaccinations) = (groups, periods, alerts, vaccinations)
        try await database.write(actor: system.actor, reason: "demo medical records") { writer in
            for record in allGroups { try writer.insert(record) }
            for record in allPeriods { try writer.insert(record) }
            for record in allAlerts { try writer.insert(record) }
            for record in allVaccinations { try writer.insert(record) }
        }
        let records = groups.count + periods.count + alerts.count + vaccinations.count
        // Sick notes for two recent unexcused absences, marking the days «Б».
        let absences = try await database.read { reader in
            try reader.attendance(
                lessons: try reader.lessons(range: DateRange(start: today.adding(days: -10), end: today))
                    .compactMap(\.id)
            ).filter { $0.code == "Н" }
        }
        var notes = 0
        var seen: Set<StudentID> = []
        let lessons = try await database.read { reader in
            Dictionary(
                uniqueKeysWithValues: try Set(absences.map(\.lessonID)).compactMap { try reader.lesson($0) }.map {
                    ($0.id!, $0.date)
                })
        }
        for absence in absences.sorted(by: { ($0.studentID, $0.lessonID) < ($1.studentID, $1.lessonID) })
        where notes < 2 && seen.insert(absence.studentID).inserted {
            guard let day = lessons[absence.lessonID] else { continue }
            _ = try await addSickNote(
                student: absence.studentID,
                SickNoteInput(
                    from: day, to: day, number: String(1000 + notes * 17 + Int(seed % 100)),
                    issuedBy: "ГБУЗ «Городская детская поликлиника №3»", markIllness: true),
                caller: system)
            notes += 1
        }
        await refreshHealthFlags(nil, actor: system.actor)
        return (records, notes)
    }
}
