import LuaRuntime
import Testing

@Suite("The pool of states")
struct LuaStatePoolTests {
    static let script = LuaScript(
        name: "pool/grade.lua",
        source: "return { grade = function(avg) if avg >= 4.5 then return 5 elseif avg >= 3.5 then return 4 "
            + "elseif avg >= 2.5 then return 3 else return 2 end end }")

    static func expected(_ average: Double) -> Int64 {
        average >= 4.5 ? 5 : average >= 3.5 ? 4 : average >= 2.5 ? 3 : 2
    }

    @Test func manyConcurrentCallersGetCorrectResults() async throws {
        let pool = LuaStatePool(capacity: 4)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<400 {
                group.addTask {
                    let average = 1.0 + Double(task % 41) / 10
                    let result = try await pool.withState { try $0.call(Self.script, "grade", [.number(average)]) }
                    #expect(result == .integer(Self.expected(average)))
                }
            }
            try await group.waitForAll()
        }
        #expect(pool.statesCreated <= 4)
    }

    @Test func brokenStatesAreReplacedWhileOthersKeepWorking() async throws {
        let pool = LuaStatePool(capacity: 2)
        let spin = LuaScript(name: "pool/spin.lua", source: "while true do end")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<60 {
                group.addTask {
                    if task % 5 == 0 {
                        await #expect(throws: LuaError.self) {
                            try await pool.withState { try $0.evaluate(spin, limits: LuaLimits(instructions: 100_000)) }
                        }
                    } else {
                        let value = try await pool.withState { try $0.call(Self.script, "grade", [4.6]) }
                        #expect(value == 5)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(pool.statesCreated <= 2)
    }

    @Test func configureRunsOnEveryNewState() async throws {
        let pool = LuaStatePool(capacity: 1) { state in
            state.register("answer") { _ in 42 }
        }
        let spin = LuaScript(name: "spin.lua", source: "while true do end")
        _ = try? await pool.withState { try $0.evaluate(spin, limits: LuaLimits(instructions: 1000)) }
        let value = try await pool.withState { try $0.evaluate(LuaScript(name: "a.lua", source: "return answer()")) }
        #expect(value == 42)
    }
}
