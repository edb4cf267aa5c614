import ArgumentParser
import Foundation
import JournalDemo
import JournalImport
import JournalModel
import JournalRules
import JournalService
import Spreadsheet

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract:
            "Create a realistic demo school: classes 1–11, staff, families, a year of lessons, marks and absences.",
        discussion: "The same seed and day give the same school. Every person gets an account; --credentials writes "
            + "their logins and first passwords.")

    @OptionGroup var database: DatabaseOption

    @Option(help: "How many students (30–5000).")
    var students = 1000

    @Option(help: "The random seed.")
    var seed: UInt64 = 17

    @Option(help: "The day the school is at, YYYY-MM-DD; lessons up to it are held. Default: today.")
    var today: String?

    @Option(help: "Write the demo accounts' logins, passwords and roles to this CSV file.")
    var credentials: String?

    @OptionGroup var rules: RulesOption

    func validate() throws {
        guard (30...5000).contains(students) else {
            throw ValidationError("--students must be between 30 and 5000 (got \(students))")
        }
        if let today, LocalDate(today) == nil {
            throw ValidationError("--today must be a date YYYY-MM-DD, such as 2026-11-20 (got '\(today)')")
        }
        if let credentials, FileManager.default.fileExists(atPath: credentials) {
            throw ValidationError("\(credentials) already exists; choose a new file for the credentials")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let clock = ContinuousClock()
            let started = clock.now
            let files = try rules.load()
            let day = today.flatMap(LocalDate.init) ?? LocalDate.today
            let bar = ProgressBar(label: "hashing demo passwords")
            var made: DemoResult?
            // The demo's records carry the day it is made as of, as `serve --today` will.
            try await database.creating(now: shiftedClock(today: today)) { service in
                made = try await service.createDemo(
                    students: students, seed: seed, today: day, rules: files, progress: bar.update)
            }
            guard let result = made else { return }
            let elapsed = clock.now - started
            print("Created the demo school «\(result.school)» in \(database.path) as of \(day):")
            for (name, count) in result.counts { print("  \(count) \(name)") }
            let size = (try? FileManager.default.attributesOfItem(atPath: database.path)[.size] as? Int) ?? 0
            print("Took \(Stopwatch.format(elapsed)); the database holds \(size / 1_048_576) MiB.")
            if let credentials {
                try Self.writeCredentials(result, to: credentials)
                print("Logins and first passwords: \(credentials).")
            }
        }
    }

    static func writeCredentials(_ result: DemoResult, to path: String) throws {
        var lines = ["login,password,roles,name,class,children"]
        for credential in result.credentials {
            var className = ""
            var children = ""
            switch credential.owner {
            case .student(let id): className = result.classOfStudent[id] ?? ""
            case .representative(let id): children = (result.childrenOfRepresentative[id] ?? []).joined(separator: "; ")
            case .staff: break
            }
            lines.append(
                [
                    credential.login, credential.password, credential.roles.map(\.rawValue).joined(separator: ";"),
                    credential.displayName, className, children,
                ].map(CSVField.cell).joined(separator: ","))
        }
        do {
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(
                to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            throw CommandFailure("\(path): cannot write the credentials (\(error.localizedDescription))")
        }
    }
}
