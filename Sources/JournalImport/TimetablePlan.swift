public import JournalModel

/// What importing a timetable file writes: the weekly timetable of the current year.
///
/// Columns (names compare without case, with spaces, `_` and `-` alike; other accepted names in
/// brackets):
/// - **class** (класс), group (группа, подгруппа, subgroup): the group taught, the whole class
///   when the group is empty; it must exist (import assignments first)
/// - **subject** (предмет): a subject's name or short name
/// - teacher (учитель, преподаватель): needed when several teachers teach that subject to that
///   group
/// - **weekday** (день недели, день, day, day of week): 1–6, пн–сб, понедельник–суббота or
///   English names, Monday to Saturday
/// - **lesson** (урок, номер урока, lesson number): 0–12
/// - room (кабинет, каб, classroom)
/// - valid_from (действует с, с, from, start, начало), valid_to (действует по, по, до, to,
///   until, end, окончание): dates within the current academic year, its first and last day
///   when empty
///
/// A class cannot have two lessons at once unless both are for different subgroups; a teacher
/// cannot teach two lessons at once. Both are checked within the file and against the
/// journal's timetable for overlapping dates. A row equal to an entry already in the journal
/// changes nothing; a row that differs from one only in room or dates clashes with it.
public struct TimetablePlan: Hashable, Sendable, Codable {
    /// Entries to insert; each names an existing teaching assignment.
    public var newEntries: [Planned<TimetableEntry>]
    /// Lines that describe an entry the journal already has.
    public var unchangedLines: [Int]

    enum Columns {
        static let weekday = Column(
            "weekday", aliases: ["день недели", "день", "day", "day of week"], isRequired: true)
        static let lesson = Column("lesson", aliases: ["урок", "номер урока", "lesson number"], isRequired: true)
        static let room = Column("room", aliases: ["кабинет", "каб", "classroom"])
        static let validFrom = Column("valid_from", aliases: ["действует с", "с", "from", "start", "начало"])
        static let validTo = Column(
            "valid_to", aliases: ["действует по", "по", "до", "to", "until", "end", "окончание"])
    }

    public static let columns: [Column] = [
        Column.className.required, .group, Column.subject.required, .teacher, Columns.weekday, Columns.lesson,
        Columns.room, Columns.validFrom, Columns.validTo,
    ]

    public var summary: ImportSummary {
        ImportSummary(new: [.timetableEntry: newEntries.count], unchangedRows: unchangedLines.count)
    }

    /// Validates every row of a timetable file against `context`.
    public init(file: String, bytes: some Collection<UInt8>, context: some ImportContext) throws(ImportFailure) {
        var log = IssueLog(file: file)
        let table = try ImportTable(bytes: bytes, file: file, columns: Self.columns, log: &log)
        var builder = Builder(context: context)
        for row in table.rows {
            builder.add(row, &log)
        }
        try log.check()
        newEntries = builder.newEntries
        unchangedLines = builder.unchangedLines
    }
}
