import Foundation
import LuaRuntime
import Testing

/// Limits that hold in total, not only per call, and work charged by what it costs (issue 9,
/// item 4: a check of 150 slow tests, each within its own limits, froze the server for 54 s).
@Suite("Budgets across many evaluations")
struct BudgetTests {
    static let spin = LuaScript(
        name: "spin.lua",
        source: "return { run = function(n) local x = 0 for i = 1, n do x = x + i end return x end }")

    @Test func aSharedBudgetStopsTheCallsOnceSpent() throws {
        let state = try LuaState()
        let budget = LuaBudget(instructions: 100_000, timeout: .seconds(30), purpose: "this test")
        state.budget = budget
        var completed = 0
        var failure: LuaError?
        for _ in 0..<20 {
            do {
                _ = try state.call(Self.spin, "run", [.integer(5_000)], limits: LuaLimits(instructions: 1_000_000))
                completed += 1
            } catch let error as LuaError {
                failure = error
                break
            }
        }
        // Each call runs about 20,000 instructions: a handful fit, never all twenty.
        #expect(completed >= 2 && completed < 20, "\(completed) calls completed")
        #expect(failure?.kind == .instructionBudget)
        #expect(budget.isSpent || failure != nil)
        // Once spent, a call fails at once with a message that names the budget.
        let fresh = try LuaState()
        fresh.budget = budget
        if budget.isSpent {
            #expect {
                try fresh.call(Self.spin, "run", [.integer(1)])
            } throws: { ($0 as? LuaError)?.message == "the budget of 100000 instructions for this test is spent" }
        }
        // Without the budget the state's own limits apply again.
        fresh.budget = nil
        #expect(try fresh.call(Self.spin, "run", [.integer(10)]) == .integer(55))
    }

    @Test func aBudgetsTimeIsSharedToo() async throws {
        let budget = LuaBudget(instructions: 1_000_000_000, timeout: .milliseconds(1), purpose: "a short page")
        try await Task.sleep(for: .milliseconds(5))
        let state = try LuaState()
        state.budget = budget
        #expect {
            try state.call(Self.spin, "run", [.integer(1)])
        } throws: { ($0 as? LuaError)?.kind == .timeLimit }
    }

    /// Comparing two distinct 1 MiB strings is one VM instruction and a megabyte of memcmp: it
    /// is charged by the CPU time it takes, so the instruction budget, not only the clock,
    /// stops the loop. Uncharged, four million instructions of it run for about forty seconds.
    @Test func longStringComparisonsAreChargedByTheirCPUTime() throws {
        let script = LuaScript(
            name: "compare.lua",
            source: """
                local a = ("x"):rep(1000000) .. "a"
                local b = ("x"):rep(1000000) .. "a"
                local n = 0
                while true do if a == b then n = n + 1 end end
                """)
        let started = ContinuousClock.now
        #expect {
            try LuaState().evaluate(script, limits: LuaLimits(instructions: 4_000_000, timeout: .seconds(120)))
        } throws: { ($0 as? LuaError)?.kind == .instructionBudget }
        // Generous on a shared machine: the budget stands for about 0.1 s of CPU.
        #expect(ContinuousClock.now - started < .seconds(15))
    }
}
