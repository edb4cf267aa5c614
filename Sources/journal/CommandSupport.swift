import ArgumentParser
import Foundation
import JournalModel
import JournalRules
import JournalService

/// `--db FILE`, shared by the commands that work on a school database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "The school database file.")
    var path: String

    func open(mustExist: Bool = true, now: @escaping @Sendable () -> Date = { Date() }) throws -> JournalService {
        if mustExist && !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("\(path): no such database; create one with `journal init --db \(path)`")
        }
        return try JournalService.open(path: path, now: now)
    }
}

/// A failure reported as plain lines on standard error, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs a command body and turns any error into a message for a person, never a stack.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        printError("error: \(describe(error))")
        throw ExitCode.failure
    }
}

func describe(_ error: any Error) -> String {
    switch error {
    case let failure as RulesFailure:
        "the rules are not valid:\n" + failure.errors.map { "  \($0)" }.joined(separator: "\n")
    case let error as CustomStringConvertible: error.description
    default: "\(error)"
    }
}

/// The current actor of command-line tools: the school's administrator at the console.
let consoleCaller = Caller.system("console (\(ProcessInfo.processInfo.environment["USER"] ?? "administrator"))")

/// Draws a progress bar on standard error when it is a terminal.
struct ProgressBar: Sendable {
    let label: String
    let isTerminal = isatty(STDERR_FILENO) != 0

    func update(_ done: Int, _ total: Int) {
        guard isTerminal, total > 0 else { return }
        let width = 30
        let filled = done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) \(bar) \(done)/\(total)".utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
