import LuaRuntime
import Testing

@Suite("Loading, calling and converting")
struct LuaStateTests {
    static let grading = LuaScript(
        name: "scales/grade.lua",
        source: """
            local calls = 0
            return {
              title = "Пятибалльная",
              marks = { "5", "4", "3", "2" },
              grade = function(avg)
                calls = calls + 1
                seen = (seen or 0) + 1
                if avg >= 4.5 then return "5" elseif avg >= 3.5 then return "4"
                elseif avg >= 2.5 then return "3" else return "2" end
              end,
              globals_seen = function() return seen end,
              calls = function() return calls end,
              echo = function(...) return ... end,
              poke = function(t) t.changed = true return t end,
              whoami = function() return user end,
            }
            """)

    @Test func moduleDataConvertsToSwift() throws {
        let state = try LuaState()
        let module = try state.module(Self.grading)
        #expect(module["title"] == "Пятибалльная")
        #expect(module["marks"] == ["5", "4", "3", "2"])
        #expect(module["grade"] == .function)
    }

    @Test(arguments: [(4.5, "5"), (4.49, "4"), (3.5, "4"), (2.5, "3"), (2.49, "2")])
    func callsAFunctionOfTheModule(average: Double, expected: String) throws {
        let state = try LuaState()
        #expect(try state.call(Self.grading, "grade", [.number(average)]) == .string(expected))
    }

    @Test func eachCallGetsAFreshEnvironmentButTheModuleIsCompiledOnce() throws {
        let state = try LuaState()
        for _ in 0..<3 { _ = try state.call(Self.grading, "grade", [4.0]) }
        #expect(try state.call(Self.grading, "globals_seen", []) == .nil)
        #expect(try state.call(Self.grading, "calls", []) == .integer(3))
    }

    @Test func bindingsReachOnlyTheirCall() throws {
        let state = try LuaState()
        #expect(try state.call(Self.grading, "whoami", [], bindings: ["user": "ivanova"]) == "ivanova")
        #expect(try state.call(Self.grading, "whoami", []) == .nil)
    }

    @Test func argumentsAreReadOnly() throws {
        let state = try LuaState()
        #expect {
            try state.call(Self.grading, "poke", [["a": 1]])
        } throws: { ($0 as? LuaError)?.kind == .forbidden }
    }

    @Test func missingFunctionIsAClearError() throws {
        let state = try LuaState()
        #expect(try !state.hasFunction("nothing", in: Self.grading))
        #expect(try state.hasFunction("grade", in: Self.grading))
        #expect {
            try state.call(Self.grading, "nothing", [])
        } throws: { ($0 as? LuaError)?.message == "'nothing' in the table the script returns is not a function" }
    }

    @Test func valuesRoundTrip() throws {
        let state = try LuaState()
        let values: [LuaValue] = [
            .nil, true, 42, 2.5, "строка", ["a", 1, 2.0], ["k": ["nested": [1, 2]]], .integer(.max), .integer(.min),
        ]
        for value in values {
            #expect(try state.call(Self.grading, "echo", [value]) == value)
        }
    }

    @Test func mixedAndSparseTablesBecomeMaps() throws {
        let state = try LuaState()
        let value = try state.evaluate(
            LuaScript(name: "m.lua", source: "return { sparse = { [1] = 'a', [3] = 'c' }, mixed = { 'x', k = 'y' } }"))
        #expect(value["sparse"] == ["1": "a", "3": "c"])
        #expect(value["mixed"] == ["1": "x", "k": "y"])
    }

    @Test func unsupportedKeysAreRefused() throws {
        #expect {
            try LuaState().evaluate(LuaScript(name: "k.lua", source: "return { [true] = 1 }"))
        } throws: { ($0 as? LuaError)?.message.contains("table keys must be strings or integers") == true }
    }

    @Test func logCollectsLines() throws {
        let state = try LuaState()
        _ = try state.evaluate(LuaScript(name: "log.lua", source: "log('avg', 4.5, { 1 }) return 1"))
        #expect(state.logLines == ["avg 4.5 [1]"])
    }

    @Test func registeredFunctionsInATableAreReadOnly() throws {
        let state = try LuaState()
        state.register("today", in: "school") { _ in "2026-11-29" }
        #expect(try state.evaluate(LuaScript(name: "d.lua", source: "return school.today()")) == "2026-11-29")
        #expect {
            try state.evaluate(LuaScript(name: "d2.lua", source: "school.today = nil"))
        } throws: { ($0 as? LuaError)?.kind == .forbidden }
    }

    @Test func jsonIsStableAndEscaped() {
        let value: LuaValue = ["b": [1, 2.5, "a\"b\n"], "a": .nil, "c": .number(.nan)]
        #expect(value.json == #"{"a":null,"b":[1,2.5,"a\"b\n"],"c":"nan"}"#)
    }
}

@Suite struct LuaLibraryTests {
    @Test func installedGlobalsReachLaterScriptsButStayReadOnly() throws {
        let state = try LuaState()
        try state.installGlobals(
            from: LuaScript(
                name: "prelude.lua",
                source: "return { tag = function(t) t.kind = 'scale' return t end, answer = 42 }"))
        #expect(try state.evaluate(LuaScript(name: "s.lua", source: "return tag({ id = 1 }).kind")) == "scale")
        #expect(try state.evaluate(LuaScript(name: "a.lua", source: "answer = 1 return answer")) == 1)
        #expect(try state.evaluate(LuaScript(name: "b.lua", source: "return answer")) == 42)
    }
}

@Suite struct SandboxHousekeepingTests {
    @Test func aStateThatHoardsMemoryAcrossCallsIsRetired() throws {
        let state = try LuaState()
        state.retainedMemoryLimit = 16 << 20
        let hoarder = LuaScript(
            name: "hoard.lua",
            source: """
                local kept = {}
                return { hoard = function()
                  for i = 1, 4 do kept[#kept + 1] = ("x"):rep(1000000) .. #kept end
                  return #kept
                end }
                """)
        var calls = 0
        while !state.isBroken && calls < 20 {
            _ = try state.call(hoarder, "hoard", [])
            calls += 1
        }
        #expect(state.isBroken, "the state kept growing for \(calls) calls")
        #expect(calls <= 6)
    }

    @Test func bindingsDoNotOutliveTheirCall() throws {
        let state = try LuaState()
        let script = LuaScript(name: "env.lua", source: "return { peek = function() return secret end }")
        #expect(try state.call(script, "peek", [], bindings: ["secret": "pupil 42"]) == "pupil 42")
        #expect(try state.call(script, "peek", []) == .nil)
    }

    @Test func tostringAndFormatShowNoAddresses() throws {
        let value = try LuaState().evaluate(
            LuaScript(name: "t.lua", source: "return tostring(next) .. tostring({}) .. string.format('%s', pcall)"))
        #expect(value == "functiontablefunction")
    }

    @Test func convertingAHugeResultIsRefused() throws {
        #expect {
            try LuaState().evaluate(
                LuaScript(
                    name: "big.lua",
                    source: "local s = ('x'):rep(1000000) local t = {} for i = 1, 100 do t[i] = s end return t"))
        } throws: { ($0 as? LuaError)?.message.contains("MiB of text") == true }
    }
}
