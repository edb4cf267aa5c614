import ArgumentParser
import Foundation
import LuaRuntime

struct ScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Run Lua scripts in the rules sandbox.",
        subcommands: [Run.self]
    )

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run FILE.lua in the sandbox and print its return value as JSON.",
            discussion: """
                On failure prints the kind of error, file:line and the message on standard error \
                and exits with status 1. Kinds: syntax, runtime, instruction-budget, memory-limit, \
                time-limit, forbidden.
                """
        )

        @Argument(help: "The Lua script to run.")
        var file: String

        @Option(help: "Instruction budget.")
        var instructions: Int = LuaLimits.default.instructions

        @Option(name: .customLong("memory-mb"), help: "Memory cap in MiB.")
        var memoryMB: Int = LuaLimits.default.memoryBytes >> 20

        @Option(name: .customLong("timeout-ms"), help: "Wall-clock limit in milliseconds.")
        var timeoutMS: Int = 1000

        func validate() throws {
            guard (1...1_000_000_000_000).contains(instructions) else {
                throw ValidationError("--instructions must be between 1 and 10^12 (got \(instructions))")
            }
            guard (1...4096).contains(memoryMB) else {
                throw ValidationError("--memory-mb must be between 1 and 4096 (got \(memoryMB))")
            }
            guard (1...600_000).contains(timeoutMS) else {
                throw ValidationError("--timeout-ms must be between 1 and 600000 (got \(timeoutMS))")
            }
        }

        func run() throws {
            do {
                try runScript()
            } catch let failure as ScriptFailure {
                printError(failure.description)
                throw ExitCode.failure
            }
        }

        private func runScript() throws {
            let source: String
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: file))
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ScriptFailure("\(file): the file is not UTF-8 text")
                }
                source = text
            } catch let failure as ScriptFailure {
                throw failure
            } catch {
                throw ScriptFailure("\(file): cannot read the file (\(error.localizedDescription))")
            }
            let limits = LuaLimits(
                instructions: instructions, memoryBytes: memoryMB << 20, timeout: .milliseconds(timeoutMS))
            let state = try LuaState()
            do {
                let value = try state.evaluate(LuaScript(name: file, source: source), limits: limits)
                for line in state.logLines { printError("log: \(line)") }
                print(value.prettyJSON)
            } catch let error as LuaError {
                for line in state.logLines { printError("log: \(line)") }
                throw ScriptFailure("\(error.kind.rawValue) error: \(error.description)")
            }
        }
    }
}

/// A failure the CLI reports as one line on standard error with exit status 1.
struct ScriptFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
