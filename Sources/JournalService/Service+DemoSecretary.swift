import Foundation
import JournalDemo
import JournalModel
import JournalRules
import JournalStore

extension JournalService {
    /// The demo's secretary's work (issue 16): a personal file for every student (a number by
    /// the surname's letter, the enrolment in grade 1 or from another school, with its order),
    /// the documents received; the register of applications, beginning with the families'
    /// written choices of the form of information of September (R18), numbered as their
    /// contacts name them (`З-1`, `З-2`, …), then enrolments, transfers and certificate
    /// requests; two transfers between parallel classes, and a few certificates issued.
    /// Returns how many applications were registered.
    @discardableResult
    func makeDemoSecretaryWork(seed: UInt64, today: LocalDate) async throws -> Int {
        var random = DemoRandom(seed: seed, stream: "secretary")
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
        func chance(_ probability: Double) -> Bool { Double(random.next() % 10_000) < probability * 10_000 }
        let yearStart = SchoolCalendar.academicYear(containing: today).start
        let (students, grades, contacts, links, representatives) = try await database.read { reader in
            let year = try reader.currentYear()
            let classes = try year.map { try reader.classes(year: $0.id!) } ?? []
            let grades = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0.grade) })
            return (
                try reader.allStudents(), grades, try reader.allContacts(), try reader.allRepresentativeLinks(),
                try reader.allRepresentatives()
            )
        }
        guard !students.isEmpty else { return 0 }
        let secretary = "Секретарь учебной части"
        let schools = [
            "МБОУ СОШ № 3 г. Твери", "МБОУ СОШ № 17 г. Твери", "МОУ гимназия № 6 г. Твери", "МБОУ СОШ № 1 г. Конаково",
        ]
        var byLetter: [Character: Int] = [:]
        var files: [PersonalFile] = []
        var documents: [StudentDocument] = []
        for student in students.sorted(by: { $0.id!.rawValue < $1.id!.rawValue }) {
            let grade = grades[student.classID] ?? 1
            let letter = Self.sortKey(student.name).first ?? "А"
            byLetter[letter, default: 0] += 1
            let fromElsewhere = grade > 1 && chance(0.15)
            var enrolledOn: LocalDate
            if fromElsewhere {
                let yearsAgo = int(0...(grade - 2))
                enrolledOn = LocalDate(year: yearStart.year - yearsAgo, month: 9, day: 1)!.adding(days: int(0...90))
            } else {
                enrolledOn = LocalDate(year: yearStart.year - (grade - 1), month: 9, day: 1)!
            }
            enrolledOn = min(enrolledOn, today)
            let orderDate = fromElsewhere ? enrolledOn : LocalDate(year: enrolledOn.year, month: 6, day: int(1...30))!
            files.append(
                PersonalFile(
                    studentID: student.id!, fileNumber: "\(letter)-\(byLetter[letter]!)", enrolledOn: enrolledOn,
                    enrolmentOrder: "\(int(20...140))-у", enrolmentOrderDate: orderDate,
                    enrolledFrom: fromElsewhere ? schools[int(0...(schools.count - 1))] : nil))
            let received = orderDate.adding(days: -int(1...20))
            documents.append(StudentDocument(studentID: student.id!, kind: .application, receivedOn: received))
            documents.append(StudentDocument(studentID: student.id!, kind: .birthCertificate, receivedOn: received))
            if chance(0.85) {
                documents.append(StudentDocument(studentID: student.id!, kind: .medicalCard, receivedOn: received))
            }
            if fromElsewhere {
                documents.append(StudentDocument(studentID: student.id!, kind: .previousFile, receivedOn: enrolledOn))
            }
            if grade >= 10 {
                documents.append(
                    StudentDocument(
                        studentID: student.id!, kind: .schoolCertificate,
                        receivedOn: LocalDate(year: yearStart.year, month: 7, day: int(1...31))!,
                        note: "аттестат об основном общем образовании"))
            }
            if grade >= 8, chance(0.05) {
                documents.append(
                    StudentDocument(
                        studentID: student.id!, kind: .passport, receivedOn: yearStart.adding(days: int(0...20)),
                        note: "копия для ГИА", returnedOn: nil))
            }
        }
        // The written applications of September choosing the form of information, in the order
        // the contacts number them.
        var childOf: [RepresentativeID: StudentID] = [:]
        for link in links where childOf[link.representativeID] == nil {
            childOf[link.representativeID] = link.studentID
        }
        var numbered: [RepresentativeID: (number: String, date: LocalDate)] = [:]
        for contact in contacts where contact.basis == .application && numbered[contact.representativeID] == nil {
            guard let number = contact.basisNumber, number.hasPrefix("З-"), let date = contact.basisDate else {
                continue
            }
            numbered[contact.representativeID] = (number, date)
        }
        var applications: [IncomingApplication] = []
        var next: [Int: Int] = [:]
        for representative in representatives {
            guard let (text, date) = numbered[representative.id!], let number = Int(text.dropFirst(2)) else { continue }
            next[date.year] = max(next[date.year] ?? 0, number)
            applications.append(
                IncomingApplication(
                    year: date.year, number: number, receivedOn: date, representativeID: representative.id,
                    applicantName: representative.name.description, kind: .informationForm,
                    studentID: childOf[representative.id!], summary: "Выбор формы информирования об успеваемости (R18)",
                    status: .considered, decision: "Контакты и формы информирования внесены",
                    decidedOn: min(date.adding(days: 2), today), registeredBy: secretary))
        }
        func register(
            _ kind: ApplicationKind, _ student: Student, daysAgo: Int, _ summary: String, decided: String? = nil
        ) {
            let date = max(today.adding(days: -daysAgo), yearStart)
            let number = (next[date.year] ?? 0) + 1
            next[date.year] = number
            let link: StudentRepresentative? = links.first { $0.studentID == student.id }
            let parent: Representative? = link.flatMap { link in
                representatives.first { $0.id == link.representativeID }
            }
            applications.append(
                IncomingApplication(
                    year: date.year, number: number, receivedOn: date, representativeID: parent?.id,
                    applicantName: parent?.name.description ?? "Законный представитель", kind: kind,
                    studentID: student.id, summary: summary, status: decided == nil ? .received : .considered,
                    decision: decided, decidedOn: decided == nil ? nil : today, registeredBy: secretary))
        }
        var pool = students
        func pick() -> Student { pool.remove(at: int(0...(pool.count - 1))) }
        register(.certificate, pick(), daysAgo: 2, "Справка об обучении для предоставления в МФЦ")
        register(.certificate, pick(), daysAgo: 1, "Справка об обучении в органы социальной защиты")
        register(.certificate, pick(), daysAgo: 0, "Справка об обучении по месту работы родителя")
        register(.other, pick(), daysAgo: 5, "Об организации обучения на дому на время болезни")
        register(.leaving, pick(), daysAgo: 1, "Об отчислении в связи с переездом в г. Москву")
        let count = applications.count
        let (allFiles, allDocuments, allApplications) = (files, documents, applications)
        try await database.write(actor: .system("journal demo"), reason: "the secretary's personal files and registers")
        {
            writer in
            for file in allFiles { try writer.insert(file) }
            for document in allDocuments { try writer.insert(document) }
            for application in allApplications { try writer.insert(application) }
        }
        // A few certificates issued this month, and two transfers to a parallel class.
        let system = Caller.system("journal demo")
        let enrolled = Dictionary(uniqueKeysWithValues: files.map { ($0.studentID, $0.enrolledOn) })
        for student in (0..<3).map({ _ in pick() }) {
            let day = max(today.adding(days: -int(0...10)), enrolled[student.id!] ?? today)
            _ = try await issueCertificate(
                student: student.id!, purpose: "по месту требования", issuedOn: day, caller: system)
        }
        let classes = try await database.read { reader in
            try reader.currentYear().map { try reader.classes(year: $0.id!) } ?? []
        }
        var transferred = 0
        for student in pool where transferred < 2 {
            guard let from = classes.first(where: { $0.id == student.classID }),
                let to = classes.first(where: { $0.grade == from.grade && $0.id != from.id }),
                let enrolledOn = enrolled[student.id!]
            else { continue }
            let date = min(max(yearStart.adding(days: 14), enrolledOn.adding(days: 1)), today)
            guard date >= enrolledOn else { continue }
            try await transferStudent(
                student.id!, toClass: to.name, on: date, order: "\(int(150...190))-у", orderDate: date.adding(days: -1),
                caller: system)
            transferred += 1
        }
        return count
    }
}
