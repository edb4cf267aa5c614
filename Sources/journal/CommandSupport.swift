import ArgumentParser
import DefaultRules
import Foundation
import JournalModel
import JournalRules
import JournalService

/// `--db FILE`, shared by the commands that work on a school database.
struct DatabaseOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "The school database file.")
    var path: String

    /// Opens the school: it must be there already unless `mustExist` is false (a new school);
    /// a path that cannot hold one is refused in plain words before anything is written. At the
    /// console every core hashes passwords (generated accounts, a demo school); the server
    /// passes its own limits.
    func open(
        mustExist: Bool = true, now: @escaping @Sendable () -> Date = { Date() },
        signInLimits: SignInLimits = SignInLimits(hashingThreads: ProcessInfo.processInfo.activeProcessorCount)
    ) throws -> JournalService {
        try JournalService.open(path: path, now: now, mustExist: mustExist, signInLimits: signInLimits)
    }
}

/// Where a new school's rules come from: a directory given with `--rules`, or the defaults
/// built into the executable.
struct RulesOption: ParsableArguments {
    @Option(help: "A directory of rule scripts to start with, instead of the built-in defaults (rules/ of the source).")
    var rules: String?

    func load() throws -> RuleFiles {
        guard let rules else { return RuleFiles(DefaultRules.files) }
        return try RuleFiles.load(directory: rules)
    }

    var origin: String { rules.map { "\($0)/" } ?? "the built-in defaults" }
}

extension DatabaseOption {
    /// Runs `body` on a database it creates, with the clock `now`; when `body` fails, nothing
    /// is left behind — no empty or half-made school in a file that did not exist before.
    func creating(
        now: @escaping @Sendable () -> Date = { Date() }, _ body: (JournalService) async throws -> Void
    ) async throws {
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            try await body(try open(mustExist: false, now: now))
        } catch {
            if !existed {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw error
        }
    }
}

/// The clock of a command run `--today DAY`: the real clock moved by whole days so that it
/// reads DAY now and runs on from there; the real clock without `--today`.
func shiftedClock(today: String?) -> @Sendable () -> Date {
    guard let day = today.flatMap(LocalDate.init) else { return { Date() } }
    let shift = TimeInterval((day.dayNumber - LocalDate.today.dayNumber) * 86_400)
    return { Date(timeIntervalSinceNow: shift) }
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
let consoleCaller: Caller = {
    var caller = Caller.system("console (\(ProcessInfo.processInfo.environment["USER"] ?? "administrator"))")
    // The command and its subcommand, `journal rules activate`: never its paths or options.
    let words = CommandLine.arguments.dropFirst().prefix { !$0.hasPrefix("-") && !$0.contains("/") }.prefix(2)
    caller.actor.via = (["journal"] + words).joined(separator: " ")
    return caller
}()

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
