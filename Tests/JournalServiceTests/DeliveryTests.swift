import Foundation
import JournalAccess
import JournalModel
import JournalRules
import JournalService
import JournalStore
import JournalTestSupport
import Synchronization
import Testing

/// A mail transport that keeps what it is given, refusing as told: the service's side of
/// delivery without a mail server (the SMTP tests use a real one).
final class RecordingMailer: MailSending {
    let sent = Mutex<[OutgoingMail]>([])
    /// Failures to answer, in order, before accepting again.
    let refusals = Mutex<[MailFailure]>([])

    func send(_ mail: OutgoingMail) async throws {
        if let failure = refusals.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { throw failure }
        sent.withLock { $0.append(mail) }
    }

    var mails: [OutgoingMail] { sent.withLock { $0 } }
}

/// The field an invalid input was refused for.
func invalidField(_ error: any Error) -> String? {
    if case .invalid(let field, _) = error as? JournalError { return field }
    return nil
}

@Suite("Delivery to families: contacts, agreed forms, the outbox")
struct DeliveryTests {
    let secretary = Caller.system("секретарь")

    /// 5А with marks, Анна's mother with an account, her email from a written application.
    func school(channel: DeliveryChannel = .email, frequency: DeliveryFrequency = .immediate) async throws
        -> (TestSchool, RepresentativeID)
    {
        let school = try await TestSchool.make([.fiveA, .marks], accounts: [.parent, .teacher])
        let mother = try await school.service.subject(account: school.account(.parent)).representativeID!
        _ = try await school.service.addContact(
            representative: mother,
            ContactInput(
                kind: .email, value: "Elena.Ivanova@example.org", basis: .application, basisNumber: "17",
                basisDate: LocalDate("2026-09-01")!, receivedBy: "секретарь Белова"),
            caller: secretary)
        _ = try await school.service.setDeliveryForm(
            representative: mother, messageClass: "marks", channel: channel, frequency: frequency,
            applicationNumber: "17", caller: secretary)
        // The first run starts at the end of the log: the school's past is not sent.
        let first = try await school.service.runDelivery(mailer: RecordingMailer(), caller: secretary)
        #expect(first.queued == 0 && first.emailsSent == 0)
        return (school, mother)
    }

    /// A new work in 5А's lesson of 16.11, unmarked.
    func independentWork(_ school: TestSchool) async throws -> WorkID {
        let lesson = school.lesson
        return try await school.build { builder in try builder.work("independent", in: lesson).id! }
    }

    func teacher(_ school: TestSchool) async throws -> Caller {
        .person(try await school.service.subject(account: school.account(.teacher)))
    }

    @Test func aMarkReachesTheParentWhoChoseEmailAtOnceWithTheChildsNameInTheSubject() async throws {
        let (school, _) = try await school()
        let teacher = try await teacher(school)
        let anna = school.students[0]
        let mailer = RecordingMailer()
        _ = try await school.service.postMark(
            MarkDraft(workID: try await independentWork(school), studentID: anna.id!, value: "5"), caller: teacher)
        let report = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(report.emailsSent == 1)
        let mail = try #require(mailer.mails.first)
        #expect(mail.to == "elena.ivanova@example.org")
        #expect(mail.subject.contains(anna.name.description) && mail.subject.contains("5"))
        #expect(mail.text.contains("Математика"))
        // Run again: nothing is sent twice.
        let again = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(again.emailsSent == 0 && mailer.mails.count == 1)
        let log = try await school.service.deliveryLog(className: "5А", representative: nil, caller: secretary)
        #expect(log.entries.contains { $0.status == .sent && $0.sentTo == "elena.ivanova@example.org" })
    }
}

extension DeliveryTests {
    @Test func dailyMessagesWaitForTheDigestHourAndGoAsOneMailWithASectionPerChild() async throws {
        let (school, mother) = try await school(frequency: .daily)
        let teacher = try await teacher(school)
        // Анна's brother in 5А too: one digest names both children.
        let brother = try await school.build { builder in
            let student = try builder.students(
                [PersonName(lastName: "Иванов", firstName: "Борис")], of: school.fiveA)[0]
            try builder.writer.insert(
                StudentRepresentative(studentID: student.id!, representativeID: mother, kind: .parent))
            return student
        }
        let work = try await independentWork(school)
        for (student, value) in [(school.students[0], "5"), (brother, "4")] {
            _ = try await school.service.postMark(
                MarkDraft(workID: work, studentID: student.id!, value: value), caller: teacher)
        }
        let mailer = RecordingMailer()
        let noon = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(noon.queued == 2 && noon.emailsSent == 0)
        school.clock.advance(by: 7 * 3600 + 60)  // 19:01, the digest hour of notifications.lua
        let evening = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(evening.emailsSent == 1 && evening.messagesSent == 2)
        let digest = try #require(mailer.mails.first)
        #expect(digest.subject.contains("Иванова Анна") && digest.subject.contains("Иванов Борис"))
        #expect(digest.text.contains("Иванова Анна\n") && digest.text.contains("Иванов Борис\n"))
        #expect(digest.html.contains("<h2>Иванов Борис</h2>"))
    }

    @Test func aRefusalIsRetriedWithBackOffAndAPermanentOneIsGivenUpForTheClassTeacher() async throws {
        let (school, _) = try await school()
        let teacher = try await teacher(school)
        let work = try await independentWork(school)
        _ = try await school.service.postMark(
            MarkDraft(workID: work, studentID: school.students[0].id!, value: "4"), caller: teacher)
        let mailer = RecordingMailer()
        mailer.refusals.withLock { $0 = [MailFailure(reply: "451 4.3.0 try again later", isPermanent: false)] }
        let first = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(first.failed == 1 && mailer.mails.isEmpty)
        // Not before its pause.
        let early = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(early.emailsSent == 0)
        school.clock.advance(by: JournalService.deliveryRetries[0] + 1)
        let retried = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(retried.emailsSent == 1 && mailer.mails.count == 1)

        _ = try await school.service.postMark(
            MarkDraft(workID: work, studentID: school.students[0].id!, value: "5"), caller: teacher)
        mailer.refusals.withLock {
            $0 = [MailFailure(reply: "550 5.1.1 <elena.ivanova@example.org>: mailbox unavailable", isPermanent: true)]
        }
        let refused = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(refused.givenUp == 1)
        let classTeacher = try await self.teacher(school)
        let log = try await school.service.deliveryLog(
            className: "5А", representative: nil, onlyProblems: true, caller: classTeacher)
        #expect(log.givenUp == 1)
        #expect(log.entries.first?.lastReply?.contains("mailbox unavailable") == true)
    }

    @Test func aFamilyWithoutAnEmailInForceIsGivenUpNotLost() async throws {
        let (school, _) = try await school()
        let contacts = try await school.service.representativeContacts(school.mother, caller: secretary)
        for contact in contacts.current where contact.kind == .email {
            _ = try await school.service.endContact(
                contact.id!, on: TestSchool.today.adding(days: -1), caller: secretary)
        }
        _ = try await school.service.postMark(
            MarkDraft(workID: try await independentWork(school), studentID: school.students[0].id!, value: "3"),
            caller: try await teacher(school))
        let report = try await school.service.runDelivery(mailer: RecordingMailer(), caller: secretary)
        #expect(report.givenUp == 1)
    }

    @Test func theForecastGoesOutOnTheDaysOfNotificationsLuaWithHowItWasCounted() async throws {
        let school = try await TestSchool.make([.fiveA, .marks], accounts: [.parent])
        // five.lua forecasts from three marks on: Анна has two, a third comes.
        let work = try await independentWork(school)
        let anna = school.students[0]
        try await school.build { builder in
            _ = try builder.mark("4", for: anna, in: try builder.writer.reader.work(work)!)
        }
        _ = try await school.service.runDelivery(mailer: nil, caller: secretary)
        // 2nd quarter ends on 28.12: the forecast goes out on 14.12 and 28.12.
        let preview = try await school.service.deliveryPreview(on: LocalDate("2026-12-14")!, caller: secretary)
        #expect(preview.contains { $0.messageClass == "forecast" && $0.child == "Иванова Анна" })
        #expect(try await school.service.deliveryPreview(on: LocalDate("2026-12-15")!, caller: secretary).isEmpty)
        school.clock.advance(by: 24 * 86_400)
        let mailer = RecordingMailer()
        let report = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(report.forecasts >= 1)
        // Made at noon, sent at the digest hour (19:00): a forecast never arrives at midnight.
        #expect(mailer.mails.isEmpty)
        school.clock.advance(by: 7 * 3600 + 60)
        _ = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        let mail = try #require(mailer.mails.first { $0.subject.contains("прогноз") })
        #expect(mail.subject.contains("Иванова Анна") && mail.subject.contains("Математика"))
        #expect(mail.text.contains("Как посчитано: средний взвешенный балл") && mail.text.contains("по 3 отметкам"))
        // Once a day: the next run queues nothing more.
        let again = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(again.forecasts == 0)
    }

    @Test func contactsNeedAValidValueAndABasisAndAChangeKeepsTheHistory() async throws {
        let school = try await TestSchool.make([.fiveA], accounts: [.parent])
        let mother = school.mother
        func refused(_ input: ContactInput, _ field: String) async {
            await #expect {
                try await school.service.addContact(representative: mother, input, caller: secretary)
            } throws: { invalidField($0) == field }
        }
        let day = LocalDate("2026-11-19")!
        await refused(
            ContactInput(
                kind: .email, value: "elena@", basis: .application, basisNumber: "1", basisDate: day,
                receivedBy: "Белова"), "value")
        await refused(
            ContactInput(
                kind: .phone, value: "12-34", basis: .application, basisNumber: "1", basisDate: day,
                receivedBy: "Белова"), "value")
        await refused(ContactInput(kind: .email, value: "e@example.org", basis: .application), "basisNumber")
        await refused(
            ContactInput(kind: .email, value: "e@example.org", basis: .signedDocument, signer: "Иванова Е. П."),
            "certificateSerial")
        await refused(ContactInput(kind: .email, value: "e@example.org", basis: .selfEntered), "basis")
        let phone = try await school.service.addContact(
            representative: mother,
            ContactInput(
                kind: .phone, value: "8 (900) 123-45-67", basis: .signedDocument, basisNumber: "ЭД-5",
                basisDate: day, signer: "Иванова Елена Петровна", certificateSerial: "01AB23",
                certificateValidUntil: LocalDate("2027-11-19")!),
            caller: secretary)
        #expect(phone.value == "+7 900 123-45-67")
        // A new address ends the old one the day before: the history keeps both.
        let newEmail = try await school.service.addContact(
            representative: mother,
            ContactInput(
                kind: .email, value: "elena.new@example.org", basis: .application, basisNumber: "25", basisDate: day,
                receivedBy: "Белова"), caller: secretary)
        let contacts = try await school.service.representativeContacts(mother, caller: secretary)
        let emails = contacts.contacts.filter { $0.kind == .email }
        #expect(emails.count == 2)
        #expect(emails.first { $0.id == school.motherEmail }?.validTo == TestSchool.today.adding(days: -1))
        #expect(contacts.current.filter { $0.kind == .email }.map(\.id) == [newEmail.id])
    }

    @Test func aParentEntersTheirOwnContactAndChoosesTheirFormButNotAnothersOrAMandatoryOneOff() async throws {
        let school = try await TestSchool.make([.fiveA, .sixB], accounts: [.parent, .secretary])
        let parent = Caller.person(try await school.service.subject(account: school.account(.parent)))
        let own = try await school.service.addContact(
            representative: school.mother,
            ContactInput(kind: .phone, value: "+7 900 765-43-21", basis: .application, basisNumber: "x"),
            caller: parent)
        #expect(own.basis == .selfEntered && own.basisNumber == nil)
        _ = try await school.service.setDeliveryForm(
            representative: school.mother, messageClass: "absences", channel: .email, frequency: .immediate,
            applicationNumber: nil, caller: parent)
        await #expect {
            try await school.service.setDeliveryForm(
                representative: school.mother, messageClass: "forecast", channel: .diary, frequency: .immediate,
                applicationNumber: nil, caller: parent)
        } throws: { invalidField($0) == "channel" }
        let stranger = try await school.build { builder in
            try builder.writer.insert(Representative(name: PersonName(lastName: "Морозова", firstName: "Ольга"))).id!
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.addContact(
                representative: stranger, ContactInput(kind: .email, value: "o@example.org", basis: .selfEntered),
                caller: parent)
        }
        await #expect(throws: AccessDenied.self) {
            try await school.service.representativeContacts(stranger, caller: parent)
        }
        // The secretary must name the written application.
        let secretary = Caller.person(try await school.service.subject(account: school.account(.secretary)))
        await #expect {
            try await school.service.setDeliveryForm(
                representative: school.mother, messageClass: "marks", channel: .paper, frequency: .weekly,
                applicationNumber: nil, caller: secretary)
        } throws: { invalidField($0) == "applicationNumber" }
        let paper = try await school.service.setDeliveryForm(
            representative: school.mother, messageClass: "marks", channel: .paper, frequency: .weekly,
            applicationNumber: "31", caller: secretary)
        #expect(paper.applicationNumber == "31")
    }

    @Test func aTemplateNamingAMissingFieldOrAFailingScheduleIsRefusedWithItsLine() async throws {
        let school = try await TestSchool.make()
        let missing = try TestSchool.rules(
            editing: "notifications.lua", replacing: "{child}: {change} отметка {mark} — {subject}",
            with: "{child}: {grade}")
        await #expect {
            try await school.service.checkRules(missing)
        } throws: { error in
            let text = "\(error)"
            return text.contains("notifications.lua:") && text.contains("{grade}")
        }
        let wrong = try TestSchool.rules(
            editing: "notifications.lua", replacing: "return { add_days(period.ends, -14), period.ends }",
            with: "return { add_days(period.ends, -7), period.ends }")
        await #expect {
            try await school.service.checkRules(wrong)
        } throws: { "\($0)".contains("2026-12-13, 2026-12-27") }
        let optional = try TestSchool.rules(
            editing: "notifications.lua",
            replacing:
                "mandatory = true,\n      channel = \"email\", frequency = \"immediate\",\n      subject = \"{child}: прогноз",
            with: "channel = \"email\", frequency = \"immediate\",\n      subject = \"{child}: прогноз")
        await #expect {
            try await school.service.checkRules(optional)
        } throws: { "\($0)".contains("forecast") }
    }
}

/// A transport that breaks off on its second email, as a process killed while sending would.
final class BreakingMailer: MailSending {
    let sent = Mutex<[OutgoingMail]>([])
    let breakAt: Int

    init(breakAt: Int) { self.breakAt = breakAt }

    struct ConnectionLost: Error {}

    func send(_ mail: OutgoingMail) async throws {
        let count = sent.withLock { $0.count }
        if count + 1 == breakAt { throw ConnectionLost() }
        sent.withLock { $0.append(mail) }
    }
}

extension DeliveryTests {
    @Test func anEmailIsRecordedOnceItIsSentAndOneThatBrokeOffIsTriedAgainNotLost() async throws {
        let (school, mother) = try await school()
        // Анна's mother and a second family, both by email at once.
        let second = try await school.build { builder in
            let father = try builder.writer.insert(
                Representative(name: PersonName(lastName: "Смирнов", firstName: "Пётр")))
            try builder.writer.insert(
                StudentRepresentative(studentID: school.students[1].id!, representativeID: father.id!, kind: .parent))
            return father.id!
        }
        _ = try await school.service.addContact(
            representative: second,
            ContactInput(
                kind: .email, value: "petr@example.org", basis: .application, basisNumber: "18",
                basisDate: LocalDate("2026-09-01")!, receivedBy: "Белова"), caller: secretary)
        _ = try await school.service.setDeliveryForm(
            representative: second, messageClass: "marks", channel: .email, frequency: .immediate,
            applicationNumber: "18", caller: secretary)
        let teacher = try await teacher(school)
        let work = try await independentWork(school)
        for student in school.students.prefix(2) {
            _ = try await school.service.postMark(
                MarkDraft(workID: work, studentID: student.id!, value: "5"), caller: teacher)
        }
        let breaking = BreakingMailer(breakAt: 2)
        let first = try await school.service.runDelivery(mailer: breaking, caller: secretary)
        #expect(first.emailsSent == 1 && first.failed == 1)
        // The one that went out is recorded; the other is retried, and only it.
        school.clock.advance(by: JournalService.deliveryRetries[0] + 1)
        let mailer = RecordingMailer()
        let retry = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(retry.emailsSent == 1 && mailer.mails.count == 1)
        let sentTo = Set(breaking.sent.withLock { $0.map(\.to) } + mailer.mails.map(\.to))
        #expect(sentTo == ["elena.ivanova@example.org", "petr@example.org"])
        let log = try await school.service.deliveryLog(className: nil, representative: mother, caller: secretary)
        #expect(log.entries.filter { $0.status == .sent }.count == 1)
    }
}

extension DeliveryTests {
    @Test func aMailServerThatCannotBeUsedKeepsEveryMessageQueuedWithoutAnAttempt() async throws {
        let (school, _) = try await school()
        _ = try await school.service.postMark(
            MarkDraft(workID: try await independentWork(school), studentID: school.students[0].id!, value: "4"),
            caller: try await teacher(school))
        let mailer = RecordingMailer()
        mailer.refusals.withLock {
            $0 = [MailFailure(reply: "535 5.7.8 authentication failed", isPermanent: true, isSessionFailure: true)]
        }
        let refused = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(refused.sessionFailure?.contains("535") == true && refused.givenUp == 0 && refused.failed == 0)
        // Fixed: the next run sends it, with no attempt counted against it.
        let fixed = try await school.service.runDelivery(mailer: mailer, caller: secretary)
        #expect(fixed.emailsSent == 1)
        let log = try await school.service.deliveryLog(className: "5А", representative: nil, caller: secretary)
        #expect(log.entries.first { $0.status == .sent }?.attempts == 1)
    }

    @Test func theSecretarySeesWhereAndWhenButNotTheMarksAndTheClassTeacherOnlyTheirClass() async throws {
        let school = try await TestSchool.make([.marks, .sixB], accounts: [.parent, .teacher, .secretary])
        let system = Caller.system("секретарь")
        _ = try await school.service.setDeliveryForm(
            representative: school.mother, messageClass: "marks", channel: .email, frequency: .immediate,
            applicationNumber: "17", caller: system)
        // Анна's mother also has a child in 6Б.
        try await school.build { builder in
            try builder.writer.insert(
                StudentRepresentative(
                    studentID: school.sixBStudents[0].id!, representativeID: school.mother, kind: .parent))
        }
        _ = try await school.service.runDelivery(mailer: nil, caller: system)
        let work = try await independentWork(school)
        let sixBWork = try await school.build { builder in
            try builder.work("independent", in: school.sixBMathematics.lesson).id!
        }
        try await school.build { builder in
            _ = try builder.mark("5", for: school.students[0], in: try builder.writer.reader.work(work)!)
            _ = try builder.mark("2", for: school.sixBStudents[0], in: try builder.writer.reader.work(sixBWork)!)
        }
        _ = try await school.service.runDelivery(mailer: RecordingMailer(), caller: system)
        let secretary = Caller.person(try await school.service.subject(account: school.account(.secretary)))
        let seen = try await school.service.deliveryLog(
            className: nil, representative: school.mother, caller: secretary)
        #expect(seen.entries.count == 2 && seen.entries.allSatisfy { $0.body.isEmpty && !$0.subject.contains("2") })
        let classTeacher = Caller.person(try await school.service.subject(account: school.account(.teacher)))
        let fiveA = try await school.service.deliveryLog(className: "5А", representative: nil, caller: classTeacher)
        #expect(fiveA.entries.count == 1 && fiveA.entries[0].child == "Иванова Анна")
        #expect(fiveA.entries[0].subject.contains("5"))
    }
}

extension DeliveryTests {
    @Test func aRepresentativeWhoseAccountTheSchoolDisabledIsToldNothing() async throws {
        let (school, _) = try await school()
        let account = school.account(.parent)
        try await school.build { builder in
            var disabled = try builder.writer.reader.account(account)!
            disabled.isDisabled = true
            try builder.writer.update(disabled)
        }
        _ = try await school.service.postMark(
            MarkDraft(workID: try await independentWork(school), studentID: school.students[0].id!, value: "4"),
            caller: try await teacher(school))
        let report = try await school.service.runDelivery(mailer: RecordingMailer(), caller: secretary)
        #expect(report.queued == 0 && report.emailsSent == 0)
    }
}
