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
