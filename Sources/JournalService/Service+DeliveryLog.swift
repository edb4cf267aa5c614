public import Foundation
public import JournalAccess
public import JournalModel
import JournalRules
import JournalStore
import Localization

/// What was sent to families, what waits and what could not be delivered: the delivery log a
/// class teacher and the administrator read, and a representative reads of their own.
public struct DeliveryLog: Sendable, Codable {
    public struct Entry: Sendable, Codable, Hashable {
        public var id: Int64
        public var representativeID: RepresentativeID
        public var representative: String
        public var child: String?
        public var messageClass: String
        public var channel: DeliveryChannel
        public var frequency: DeliveryFrequency
        public var status: OutboxMessage.Status
        public var subject: String
        public var body: String
        public var createdAt: Date
        public var dueAt: Date
        public var sentAt: Date?
        public var sentTo: String?
        public var attempts: Int
        /// The mail server's last reply, for a failed or given-up message.
        public var lastReply: String?
    }

    public var className: String?
    public var representativeID: RepresentativeID?
    public var entries: [Entry]
    /// Messages given up: each is a family the class teacher should reach another way.
    public var givenUp: Int
}

/// One message that a run on a given day would produce or send: the dry run of `notifications.lua`.
public struct DeliveryPreview: Sendable, Codable, Hashable {
    public var representative: String
    public var child: String?
    public var messageClass: String
    public var channel: DeliveryChannel
    public var frequency: DeliveryFrequency
    public var subject: String
    /// Already queued (a digest of that day), or made by the day's schedule (a forecast).
    public var isScheduled: Bool
}

extension JournalService {
    /// The newest messages (at most `limit`) of a class's families, of one representative, or —
    /// for holders of `delivery.view` over the school — of everyone. A representative without
    /// either filter reads their own.
    public func deliveryLog(
        className: String?, representative: RepresentativeID?, onlyProblems: Bool = false, limit: Int = 500,
        caller: Caller
    ) async throws -> DeliveryLog {
        var asked = representative
        if className == nil, asked == nil, let own = caller.subject?.representativeID { asked = own }
        let representative = asked
        let classID: ClassID?
        if let className {
            let schoolClass = try await database.read { reader in try Self.findClass(className, reader) }
            classID = schoolClass.id
            try await authorize(caller, .deliveryView, AccessObject(kind: .student, classes: [schoolClass.id!]))
        } else {
            classID = nil
        }
        if let representative {
            try await authorize(caller, .deliveryView, try await representativeObject(representative))
        } else if classID == nil {
            try await authorize(caller, .deliveryView, .school)
        }
        let limit = max(1, min(limit, 5000))
        let subject = caller.subject
        let policy = try await accessPolicy()
        let rows = try await database.read { reader -> [DeliveryLog.Entry] in
            var ids: [RepresentativeID]
            if let representative {
                ids = [representative]
            } else if let classID {
                let students = try reader.students(inClass: classID).compactMap(\.id)
                ids = Array(Set(try reader.representativeLinks(students: students).map(\.representativeID)))
            } else {
                ids = try reader.allRepresentatives().compactMap(\.id)
            }
            var messages = try reader.outbox(representatives: ids, limit: limit, onlyProblems: onlyProblems)
            if let classID {
                // A family with children in other classes: only what is about this class's.
                let students = Set(try reader.students(inClass: classID).compactMap(\.id))
                messages = messages.filter { $0.studentID.map(students.contains) ?? true }
            }
            var names: [RepresentativeID: String] = [:]
            for id in Set(messages.map(\.representativeID)) {
                names[id] = try reader.representative(id)?.name.description ?? "?"
            }
            // The text tells a child's marks and absences: it is shown to those who may read the
            // child's diary; the others (the secretary, the administrator) see where and when.
            var readable: [StudentID: Bool] = [:]
            for id in Set(messages.compactMap(\.studentID)) {
                guard let subject, let student = try reader.student(id) else { continue }
                readable[id] = policy.decide(subject, .diaryView, try Self.studentObject(student, reader)).allowed
            }
            let hidden = Strings.text("delivery.content_hidden", .ru)
            return messages.map { message in
                let shown = subject == nil || message.studentID.map { readable[$0] ?? false } ?? true
                return DeliveryLog.Entry(
                    id: message.id ?? 0, representativeID: message.representativeID,
                    representative: names[message.representativeID] ?? "?", child: message.childName,
                    messageClass: message.messageClass, channel: message.channel, frequency: message.frequency,
                    status: message.status, subject: shown ? message.subject : hidden, body: shown ? message.body : "",
                    createdAt: message.createdAt, dueAt: message.dueAt, sentAt: message.sentAt, sentTo: message.sentTo,
                    attempts: message.attempts, lastReply: message.lastReply)
            }
        }
        return DeliveryLog(
            className: className, representativeID: representative, entries: rows,
            givenUp: rows.filter { $0.status == .givenUp }.count)
    }

    /// Who would get what on `day`: the forecasts its schedule makes and the email digests
    /// already queued for it. Writes nothing.
    public func deliveryPreview(on day: LocalDate, caller: Caller) async throws -> [DeliveryPreview] {
        try await authorize(caller, .deliveryView, .school)
        let school = try await school()
        let clock = MomentClock(timeZone: school.timeZone)
        let dayEnd = clock.instant(LocalMoment(date: day, time: LocalTime(hour: 23, minute: 59)!))
        let messages =
            try await forecastMessages(on: day)
            + database.read { reader in try reader.dueMessages(at: dayEnd, limit: 100_000) }
        let names = try await database.read { reader in
            var names: [RepresentativeID: String] = [:]
            for id in Set(messages.map(\.representativeID)) {
                names[id] = try reader.representative(id)?.name.description ?? "?"
            }
            return names
        }
        return messages.map { message in
            DeliveryPreview(
                representative: names[message.representativeID] ?? "?", child: message.childName,
                messageClass: message.messageClass, channel: message.channel, frequency: message.frequency,
                subject: message.subject, isScheduled: message.id == nil)
        }.sorted { ($0.representative, $0.subject) < ($1.representative, $1.subject) }
    }

    /// The forecast messages of `day`'s schedule (`forecast_dates`), for every family: for
    /// each grade's current period whose forecast goes out that day, each student's forecast
    /// in each subject that has one.
    func forecastMessages(on day: LocalDate) async throws -> [OutboxMessage] {
        let rules = try await rules()
        let school = try await school()
        let data = try await schoolPeriodData(today: day)
        let due = try await rules.withEvaluator { evaluator in
            var due: Set<SchoolCalendar.Period> = []
            for period in Set(data.periods.compactMap(\.value)) {
                let days = try evaluator.forecastDates(
                    starts: period.range.start, ends: period.range.end, title: period.title)
                if days.contains(day) { due.insert(period) }
            }
            return due
        }
        guard !due.isEmpty else { return [] }
        let standings = try await schoolStandings(data).filter { row in
            guard let standing = row.standing else { return false }
            return due.contains(standing.period) && standing.forecast != nil
        }
        let now = self.now()
        return try await database.read { reader in
            try DeliveryPlanner(reader: reader, rules: rules, school: school, now: now)
                .forecastMessages(standings, today: day)
        }
    }
}
