import ArgumentParser
import LuaRuntime

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the hot paths and print median and p99 figures.",
        subcommands: [
            LuaBench.self, MarksBench.self, AccessBench.self, ExportBench.self, TargetsBench.self,
            ComplianceBench.self, DeliveryBench.self, PrintoutsBench.self, SurveysBench.self, PluginsBench.self,
            SpecialReadsBench.self, HealthFlagsBench.self,
        ]
    )
}

struct LuaBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lua",
        abstract: "The rules runtime: a pooled grading call, a new sandboxed state, a fresh-environment evaluation."
    )

    @Option(help: "Measured repetitions of each case.")
    var iterations: Int = 200_000

    func validate() throws {
        guard (100...100_000_000).contains(iterations) else {
            throw ValidationError("--iterations must be between 100 and 100000000 (got \(iterations))")
        }
    }

    static let gradingScript = LuaScript(
        name: "bench/grade.lua",
        source: """
            return { grade = function(avg)
              if avg >= 4.5 then return "5"
              elseif avg >= 3.5 then return "4"
              elseif avg >= 2.5 then return "3"
              else return "2" end
            end }
            """)

    func run() async throws {
        let pool = LuaStatePool(capacity: 1)
        let averages: [LuaValue] = (0..<64).map { .number(2.0 + Double($0) / 21.0) }
        let call = try await pool.withState { state in
            var index = 0
            return try Stopwatch.measure(iterations: iterations) {
                index = (index + 1) & 63
                _ = try state.call(Self.gradingScript, "grade", [averages[index]])
            }
        }
        print(call.line("(a) 6-line grading function, pooled state"))

        let creation = try Stopwatch.measure(iterations: max(iterations / 100, 100)) { _ = try LuaState() }
        print(creation.line("(b) new sandboxed state"))

        let chunk = LuaScript(name: "bench/chunk.lua", source: "local x = ... or 3\nreturn x * 2 + 1")
        let evaluation = try await pool.withState { state in
            try Stopwatch.measure(iterations: iterations) { _ = try state.evaluate(chunk) }
        }
        print(evaluation.line("(c) evaluation with a fresh _ENV"))
        print("target (a): median ≤ 1 µs → \(call.median <= .microseconds(1) ? "met" : "missed")")
    }
}
