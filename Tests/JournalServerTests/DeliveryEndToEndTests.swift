import Foundation
import Hummingbird
import HummingbirdTesting
import JournalModel
import JournalServer
import JournalService
import JournalTestSupport
import Testing

/// Issue 13's "done when": a teacher enters a mark over HTTP and the parent who chose email at
/// once finds it in a real SMTP server (aiosmtpd) within seconds, sent by the server's own
/// delivery scheduler.
@Suite(.enabled(if: SMTPSink.isAvailable, "no .build/venv with aiosmtpd: run scripts/python-venv.sh"))
struct DeliveryEndToEndTests {
    @Test func aMarkEnteredOverHTTPReachesTheParentsMailboxWithinSeconds() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let school = try await TestSchool.make([.marks], accounts: [.teacher, .parent], signingIn: [.teacher])
        let system = Caller.system("секретарь")
        _ = try await school.service.setDeliveryForm(
            representative: school.mother, messageClass: "marks", channel: .email, frequency: .immediate,
            applicationNumber: "17", caller: system)
        let work = try await school.build { builder in try builder.work("independent", in: school.lesson).id! }
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configuration.delivery = DeliverySettings(
            mailer: try SMTPMailer(url: sink.url()), interval: .milliseconds(200))
        try await school.application(configuration).test(.live) { client in
            let posted = try await client.send(
                .post, "/api/v1/marks", token: school.token(.teacher),
                json: #"{"workID": \#(work), "studentID": \#(school.students[0].id!), "value": "5", "isDebt": false}"#)
            #expect(posted.status == .created, "\(posted.text)")
            var arrived: SMTPSink.Message?
            for _ in 0..<100 where arrived == nil {
                try await Task.sleep(for: .milliseconds(100))
                arrived = sink.messages.first
            }
            let message = try #require(arrived, "no message within 10 s")
            #expect(message.rcptTos == ["elena.ivanova@example.org"])
            #expect(message.subject?.contains("Иванова Анна") == true, "\(message.subject ?? "")")
            #expect(message.part("text/plain")?.contains("Математика") == true)
            #expect(message.part("text/html") != nil)
            #expect(message.defects.isEmpty && message.bareLineFeeds == 0)
        }
        // Once: the log has it sent, to that address.
        let log = try await school.service.deliveryLog(className: "5А", representative: nil, caller: .system("test"))
        #expect(log.entries.filter { $0.status == .sent }.count == 1)
    }

    @Test func aServerThatRefusesForAWhileGetsTheMessageOnARetryAndOneThatRefusesForGoodIsGivenUp() async throws {
        let school = try await TestSchool.make([.marks], accounts: [.teacher, .parent])
        let system = Caller.system("секретарь")
        _ = try await school.service.setDeliveryForm(
            representative: school.mother, messageClass: "marks", channel: .email, frequency: .immediate,
            applicationNumber: "17", caller: system)
        _ = try await school.service.runDelivery(mailer: nil, caller: system)
        let teacher = Caller.person(try await school.service.subject(account: school.account(.teacher)))
        let work = try await school.build { builder in try builder.work("independent", in: school.lesson).id! }
        _ = try await school.service.postMark(
            MarkDraft(workID: work, studentID: school.students[0].id!, value: "4"), caller: teacher)

        let busy = try await SMTPSink.start(refusing: .init(.rcpt, code: 451, times: 1))
        defer { busy.stop() }
        let mailer = try SMTPMailer(url: busy.url())
        let first = try await school.service.runDelivery(mailer: mailer, caller: system)
        #expect(first.failed == 1 && busy.messages.isEmpty)
        school.clock.advance(by: JournalService.deliveryRetries[0] + 1)
        let second = try await school.service.runDelivery(mailer: mailer, caller: system)
        #expect(second.emailsSent == 1 && busy.messages.count == 1)

        _ = try await school.service.postMark(
            MarkDraft(workID: work, studentID: school.students[0].id!, value: "5"), caller: teacher)
        let refusing = try await SMTPSink.start(refusing: .init(.rcpt, code: 550, text: "5.1.1 mailbox unavailable"))
        defer { refusing.stop() }
        let refused = try await school.service.runDelivery(mailer: try SMTPMailer(url: refusing.url()), caller: system)
        #expect(refused.givenUp == 1)
        let log = try await school.service.deliveryLog(
            className: "5А", representative: nil, onlyProblems: true, caller: system)
        #expect(log.entries.first?.lastReply?.contains("550") == true, "\(log.entries)")
    }

    @Test func anAddressInTheRFZoneIsSentToItsASCIIForm() async throws {
        let sink = try await SMTPSink.start()
        defer { sink.stop() }
        let school = try await TestSchool.make([.marks], accounts: [.teacher, .parent])
        let system = Caller.system("секретарь")
        _ = try await school.service.addContact(
            representative: school.mother,
            ContactInput(
                kind: .email, value: "Elena@Школа.рф", basis: .application, basisNumber: "19",
                basisDate: LocalDate("2026-11-19")!, receivedBy: "Белова"), caller: system)
        _ = try await school.service.setDeliveryForm(
            representative: school.mother, messageClass: "marks", channel: .email, frequency: .immediate,
            applicationNumber: "19", caller: system)
        _ = try await school.service.runDelivery(mailer: nil, caller: system)
        let teacher = Caller.person(try await school.service.subject(account: school.account(.teacher)))
        let work = try await school.build { builder in try builder.work("independent", in: school.lesson).id! }
        _ = try await school.service.postMark(
            MarkDraft(workID: work, studentID: school.students[0].id!, value: "5"), caller: teacher)
        let report = try await school.service.runDelivery(mailer: try SMTPMailer(url: sink.url()), caller: system)
        #expect(report.emailsSent == 1)
        #expect(sink.messages.first?.rcptTos == ["elena@xn--80atdl2c.xn--p1ai"])
    }
}
