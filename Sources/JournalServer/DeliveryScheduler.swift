public import JournalService
public import Logging
public import ServiceLifecycle

/// How the server delivers to families: the mail transport (nil keeps email queued, as on a
/// server without a mail server configured) and the pause between runs.
public struct DeliverySettings: Sendable {
    public var mailer: (any MailSending)?
    public var interval: Duration

    public init(mailer: (any MailSending)?, interval: Duration = .seconds(5)) {
        self.mailer = mailer
        self.interval = interval
    }
}

/// Runs the plugins and delivery on the server's own service lifecycle, off every request's path: a teacher's
/// mark is committed with its audit entry, and this loop, a few seconds later, makes the
/// families' messages of it and sends what is due. A failed run is logged and tried again at
/// the next tick; a graceful shutdown ends the loop between runs.
struct DeliveryScheduler: Service {
    let service: JournalService
    let settings: DeliverySettings
    let logger: Logger

    func run() async throws {
        let caller = Caller.system("delivery")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // Plugins first: what they tell families goes out with this run's delivery.
            do {
                let report = try await service.runPlugins(budget: .seconds(3))
                if report.failures > 0 || !report.disabled.isEmpty {
                    logger.warning(
                        "plugins: \(report.handled) events handled, \(report.failures) failed; disabled: \(report.disabled)"
                    )
                }
            } catch {
                logger.error("plugins: the run failed and is tried again in \(settings.interval): \(error)")
            }
            do {
                let report = try await service.runDelivery(mailer: settings.mailer, caller: caller)
                for fault in report.faults { logger.error("delivery: \(fault)") }
                if let failure = report.sessionFailure {
                    logger.error(
                        "delivery: the mail server cannot be used (\(failure)); email stays queued, tried again in a minute"
                    )
                    let pause = max(settings.interval, .seconds(60))
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
                }
                if report.queued + report.emailsSent + report.failed + report.givenUp > 0 {
                    logger.info(
                        "delivery: \(report.events) changes, \(report.queued) messages queued, \(report.emailsSent) emails sent (\(report.messagesSent) messages), \(report.failed) failed, \(report.givenUp) given up"
                    )
                }
            } catch {
                logger.error("delivery: the run failed and is tried again in \(settings.interval): \(error)")
            }
            let interval = settings.interval
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
