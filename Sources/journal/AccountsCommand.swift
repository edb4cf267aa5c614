public import ArgumentParser
import Foundation
import JournalModel
import JournalServer
import JournalService
import Localization

struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts", abstract: "Sign-in accounts.", subcommands: [Generate.self])

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create accounts for everyone without one and write printable slips with their passwords.",
            discussion: "Only bcrypt hashes are stored; the passwords exist only in the slips file. "
                + "Everyone must change the password at first sign-in.")

        @OptionGroup var database: DatabaseOption

        @Option(name: .customLong("class"), help: "Only this class (its students, or their parents).")
        var className: String?

        @Option(help: "student, parent or staff; everyone when omitted.")
        var role: AccountKind?

        @Option(help: "The HTML file of slips to write.")
        var out: String

        @Option(help: "The slips' language: ru or en.")
        var language: Language = .ru

        @Option(
            name: .customLong("sign-in-url"),
            help: "Where people sign in, printed on every slip, such as https://journal.school.ru/login.")
        var signInURL: String?

        func validate() throws {
            if className != nil && role == .staff {
                throw ValidationError("--class selects students and parents; staff accounts are not per class")
            }
            guard out.hasSuffix(".html") || out.hasSuffix(".htm") else {
                throw ValidationError("--out must name an .html file, such as slips-5A.html")
            }
            if let signInURL, URL(string: signInURL)?.scheme.map({ ["http", "https"].contains($0) }) != true {
                throw ValidationError(
                    "--sign-in-url must be an http or https address, such as https://journal.school.ru/login "
                        + "(got '\(signInURL)')")
            }
        }

        func run() async throws {
            try await reportingErrors {
                let service = try database.open()
                guard !FileManager.default.fileExists(atPath: out) else {
                    throw CommandFailure("\(out) already exists; choose another file so no printed passwords are lost")
                }
                let bar = ProgressBar(label: "hashing passwords")
                let school = try await service.school()
                let (out, language, signInURL) = (out, language, signInURL)
                let accounts: [GeneratedAccount]
                do {
                    accounts = try await service.generateAccounts(
                        kind: role, className: className, caller: consoleCaller, progress: bar.update
                    ) { accounts in
                        let html = AccountSlipsPage.html(
                            accounts, school: school.name, address: signInURL, language: language)
                        do {
                            try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .withoutOverwriting)
                        } catch {
                            throw CommandFailure(
                                "\(out): cannot write the slips (\(error.localizedDescription)); no account was created"
                            )
                        }
                    }
                } catch {
                    if !(error is CommandFailure) { try? FileManager.default.removeItem(atPath: out) }
                    throw error
                }
                print("Created \(accounts.count) accounts; slips written to \(out).")
            }
        }
    }
}

extension AccountKind: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
