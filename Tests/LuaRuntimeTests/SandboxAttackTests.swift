import Foundation
import LuaRuntime
import Testing

@Suite("The sandbox contains every attack of the corpus")
struct SandboxAttackTests {
    static let attacks = CorpusScript.load("attacks")

    @Test func corpusHasAtLeastTwentyFiveAttacks() {
        #expect(Self.attacks.count >= 25)
        #expect(Self.attacks.allSatisfy { !$0.acceptedOutcomes.isEmpty && $0.expectation != "" })
    }

    @Test(arguments: attacks)
    func attackIsContainedAndThePoolKeepsServing(_ attack: CorpusScript) async throws {
        let pool = LuaStatePool(capacity: 1)
        let clock = ContinuousClock()
        let started = clock.now
        var outcome = "ok"
        do {
            _ = try await pool.withState { try $0.evaluate(attack.script, limits: attack.limits) }
        } catch let error as LuaError {
            outcome = error.kind.rawValue
            #expect(error.chunk == attack.name, "\(error)")
            #expect(!error.message.isEmpty)
            #expect(!error.message.contains("0x"), "no pointers in messages: \(error)")
        }
        let elapsed = clock.now - started
        #expect(attack.acceptedOutcomes.contains(outcome), "ended with \(outcome)")
        // Generous on a shared 2-core machine: the point is that it stops, near its limit.
        #expect(elapsed < attack.limits.timeout * 4 + .seconds(3), "took \(elapsed)")

        let after = try await pool.withState { state in
            try state.evaluate(
                LuaScript(name: "after.lua", source: "return ('ok'):upper() .. math.floor(2.5) .. tostring(string.rep)")
            )
        }
        #expect(after.stringValue?.hasPrefix("OK2function") == true, "the next evaluation works: \(after)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/sandbox-escaped"))
    }

    @Test func budgetErrorsCarryThePositionOfTheLoop() throws {
        let state = try LuaState()
        let script = LuaScript(name: "loops/spin.lua", source: "local x = 0\n\nwhile true do x = x + 1 end")
        #expect {
            try state.evaluate(script, limits: LuaLimits(instructions: 5_000))
        } throws: { error in
            let error = error as? LuaError
            return error?.kind == .instructionBudget && error?.line == 3 && error?.chunk == "loops/spin.lua"
        }
        #expect(state.isBroken)
        #expect(throws: LuaError.self) { try state.evaluate(LuaScript(name: "x.lua", source: "return 1")) }
    }

    @Test func memoryCapIsPerEvaluationAndConfigurable() throws {
        let state = try LuaState()
        let script = LuaScript(
            name: "memory.lua", source: "local t = {} for i = 1, 200000 do t[i] = i end return #t")
        #expect(try state.evaluate(script, limits: LuaLimits(memoryBytes: 16 << 20)) == .integer(200_000))
        let small = try LuaState()
        #expect(throws: LuaError.self) { try small.evaluate(script, limits: LuaLimits(memoryBytes: 1 << 20)) }
    }

    @Test func instructionBudgetIsConfigurable() throws {
        let script = LuaScript(name: "count.lua", source: "local n = 0 for i = 1, 100000 do n = n + i end return n")
        #expect(try LuaState().evaluate(script, limits: LuaLimits(instructions: 2_000_000)) == .integer(5_000_050_000))
        #expect {
            try LuaState().evaluate(script, limits: LuaLimits(instructions: 10_000))
        } throws: { ($0 as? LuaError)?.kind == .instructionBudget }
    }

    @Test func oversizedSourceIsRefusedBeforeParsing() throws {
        let source = "return 1\n" + String(repeating: "-- padding\n", count: 30_000)
        #expect {
            try LuaState().evaluate(LuaScript(name: "big.lua", source: source))
        } throws: { ($0 as? LuaError)?.kind == .forbidden }
    }
}
