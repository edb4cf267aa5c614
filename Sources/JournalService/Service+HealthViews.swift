public import Foundation
public import JournalAccess
public import JournalModel
public import JournalStore
public import Localization
import Spreadsheet

/// One student in the medical worker's lists.
public struct HealthStudentRow: Sendable, Hashable {
    public var studentID: StudentID
    public var name: String
    public var className: String
    public var healthGroup: Int?
    public var peGroup: PEGroupPeriod?
    public var alerts: Int
}

/// The medical worker's daily page: the classes, whose PE group ends soon, recent sick notes.
public struct HealthOverview: Sendable {
    public struct ClassEntry: Sendable, Hashable {
        public var id: ClassID
        public var name: String
        public var students: Int
    }

    public struct SickNoteEntry: Sendable, Hashable {
        public var note: SickNote
        public var name: String
        public var className: String
    }

    public var classes: [ClassEntry]
    /// PE groups (other than the main one) ending within ``JournalService/peEndingSoonDays``.
    public var endingSoon: [HealthStudentRow]
    public var recentSickNotes: [SickNoteEntry]
    public var today: LocalDate
}

/// A class's students with their groups, for the medical worker.
public struct ClassHealthList: Sendable {
    public var classID: ClassID
    public var className: String
    public var students: [HealthStudentRow]
    public var today: LocalDate
}

extension JournalService {
    /// How far ahead the daily page looks for PE groups that end.
    public static let peEndingSoonDays = 14
    /// How far back it shows sick notes.
    public static let recentSickNoteDays = 14

    /// The medical worker's daily page. The students it shows leave the read's trace.
    public func healthOverview(caller: Caller) async throws -> HealthOverview {
        try await authorize(caller, .healthView, .school)
        let today = try await today()
        let soon = DateRange(start: today, end: today.adding(days: Self.peEndingSoonDays))
        let loaded = try await database.read { reader in
            guard let year = try reader.currentYear() else { throw ServiceError.notInitialized }
            let classes = try reader.classes(year: year.id!)
            let students = try reader.students(inClasses: classes.compactMap(\.id))
            let classNames = Dictionary(uniqueKeysWithValues: classes.map { ($0.id!, $0.name) })
            let byID = Dictionary(uniqueKeysWithValues: students.map { ($0.id!, $0) })
            let ending = try reader.peGroups(validIn: DateRange(start: today, end: today)).filter {
                $0.group != .main && $0.to.map(soon.contains) == true && byID[$0.studentID] != nil
            }
            let notes = try reader.sickNotes(since: today.adding(days: -Self.recentSickNoteDays)).filter {
                byID[$0.studentID] != nil
            }
            return (
                classes: classes.map { schoolClass in
                    HealthOverview.ClassEntry(
                        id: schoolClass.id!, name: schoolClass.name,
                        students: students.filter { $0.classID == schoolClass.id }.count)
                },
                ending: ending.sorted { ($0.to!, $0.studentID) < ($1.to!, $1.studentID) }.map { period in
                    let student = byID[period.studentID]!
                    return HealthStudentRow(
                        studentID: period.studentID, name: student.name.description,
                        className: classNames[student.classID] ?? "", healthGroup: nil, peGroup: period, alerts: 0)
                },
                notes: notes.map { note in
                    let student = byID[note.studentID]!
                    return HealthOverview.SickNoteEntry(
                        note: note, name: student.name.description, className: classNames[student.classID] ?? "")
                }
            )
        }
        let shown = Array(Set(loaded.ending.map(\.studentID) + loaded.notes.map(\.note.studentID))).sorted()
        if !shown.isEmpty {
            try await openSpecial(
                caller, .healthView, domain: .health, about: .students(shown), what: "health.overview")
        }
        return HealthOverview(
            classes: loaded.classes, endingSoon: loaded.ending, recentSickNotes: loaded.notes, today: today)
    }

    /// A class's students with their current health and PE groups, its read logged.
    public func classHealthList(_ classID: ClassID, caller: Caller, what: String = "health.class_list")
        async throws -> ClassHealthList
    {
        try await authorize(caller, .healthView, .school)
        let today = try await today()
        let (schoolClass, students) = try await database.read { reader in
            guard let schoolClass = try reader.schoolClass(classID) else {
                throw ServiceError.unknown(entity: "class", id: classID.description)
            }
            return (schoolClass, try reader.students(inClass: classID))
        }
        let ids = students.compactMap(\.id)
        if !ids.isEmpty {
            try await openSpecial(caller, .healthView, domain: .health, about: .students(ids), what: what)
        }
        let records = try await database.read { try $0.healthRecords(students: ids) }
        return ClassHealthList(
            classID: classID, className: schoolClass.name,
            students: students.map { student in
                let found = records[student.id!] ?? HealthRecords()
                return HealthStudentRow(
                    studentID: student.id!, name: student.name.description, className: schoolClass.name,
                    healthGroup: found.currentHealthGroup?.group, peGroup: found.peGroup(on: today),
                    alerts: found.alerts.count)
            }.sorted { $0.name < $1.name },
            today: today)
    }

    /// A class's PE groups as CSV (the medical worker's, for the PE teachers' paper list); the
    /// export is logged as a read of every student in it.
    public func classPEGroupsCSV(_ classID: ClassID, language: Language = .ru, caller: Caller) async throws -> String {
        let list = try await classHealthList(classID, caller: caller, what: "health.pe_csv")
        let header: [Cell] = ["health.csv.student", "health.csv.pe_group", "health.csv.from", "health.csv.to"].map {
            .text(Strings.text($0, language))
        }
        let rows: [[Cell]] = list.students.map { row in
            [
                .text(row.name), .text(row.peGroup.map { Strings.text($0.group.titleKey, language) } ?? ""),
                .text(row.peGroup?.from.russianText ?? ""), .text(row.peGroup?.to?.russianText ?? ""),
            ]
        }
        return CSVWriter.write(Workbook(sheets: [Sheet(title: list.className, headerRows: [header], rows: rows)]))
    }

    /// Everything the medical worker holds about the student, for the subject-access export
    /// (152-ФЗ art. 14). The caller of the export logs the read.
    public static func healthSubjectAccessSections(
        _ student: StudentID, _ reader: StoreReader, _ language: Language
    ) throws -> [SubjectAccessSection] {
        let records = try reader.healthRecords(student)
        func t(_ key: String) -> String { Strings.text(key, language) }
        func yesNo(_ value: Bool) -> String { t(value ? "health.yes" : "health.no") }
        return [
            SubjectAccessSection(
                title: t("health.section.groups"),
                header: [t("health.field.group"), t("health.field.set_on"), t("health.field.basis")],
                rows: records.healthGroups.map { [$0.roman, $0.setOn.russianText, $0.basis] }),
            SubjectAccessSection(
                title: t("health.section.pe"),
                header: [
                    t("health.field.pe_group"), t("health.field.from"), t("health.field.to"), t("health.field.basis"),
                ],
                rows: records.peGroups.map {
                    [t($0.group.titleKey), $0.from.russianText, $0.to?.russianText ?? "—", $0.basis]
                }),
            SubjectAccessSection(
                title: t("health.section.alerts"),
                header: [t("health.field.kind"), t("health.field.text"), t("health.field.note")],
                rows: records.alerts.map { [t("health.alert.\($0.kind.rawValue)"), $0.text, $0.note ?? ""] }),
            SubjectAccessSection(
                title: t("health.section.vaccinations"),
                header: [
                    t("health.field.vaccine"), t("health.field.date"), t("health.field.refused"),
                    t("health.field.document"),
                ],
                rows: records.vaccinations.map {
                    [$0.vaccine, $0.date.russianText, yesNo($0.refused), $0.document ?? ""]
                }),
            SubjectAccessSection(
                title: t("health.section.sick_notes"),
                header: [
                    t("health.field.from"), t("health.field.to"), t("health.field.number"), t("health.field.issued_by"),
                ],
                rows: records.sickNotes.map { [$0.from.russianText, $0.to.russianText, $0.number, $0.issuedBy] }),
            SubjectAccessSection(
                title: t("health.section.flags"), header: [t("health.field.flag"), t("health.field.until")],
                rows: try reader.storedHealthFlags(student: student).map { [$0.text, $0.until?.russianText ?? "—"] }),
        ]
    }
}
