import Testing

@testable import LuaRuntime

@Suite("Errors a methodologist can act on")
struct LuaErrorTests {
    @Test func runtimeErrorNamesChunkAndLine() throws {
        let source = (1...11).map { "-- line \($0)" }.joined(separator: "\n") + "\nlocal x = nil; return x < 3\n"
        let state = try LuaState()
        do {
            _ = try state.evaluate(LuaScript(name: "scales/five.lua", source: source))
            Issue.record("expected an error")
        } catch let error as LuaError {
            #expect(error.kind == .runtime)
            #expect(error.description == "scales/five.lua:12: attempt to compare nil with number")
            #expect(error.line == 12)
            #expect(error.message == "attempt to compare nil with number")
        }
    }

    @Test func syntaxErrorNamesLine() throws {
        let state = try LuaState()
        #expect {
            try state.evaluate(LuaScript(name: "calendar.lua", source: "return {\n  a = 1,\n  b = = 2\n}"))
        } throws: { error in
            guard let error = error as? LuaError else { return false }
            return error.kind == .syntax && error.line == 3 && error.chunk == "calendar.lua"
                && error.message.contains("unexpected symbol")
        }
    }

    @Test func errorObjectThatIsATableStillGetsAPosition() throws {
        #expect {
            try LuaState().evaluate(LuaScript(name: "t.lua", source: "\nerror({ code = 1 })"))
        } throws: { error in
            let error = error as? LuaError
            return error?.message == "error object is a table value" && error?.line == 2
        }
    }

    @Test func swiftFunctionErrorSurfacesAsLuaErrorWithItsMessage() throws {
        let state = try LuaState()
        state.register("check") { arguments in
            guard arguments.first?.integerValue == 5 else { throw LuaScriptError("expected 5, got \(arguments)") }
            return .boolean(true)
        }
        #expect(try state.evaluate(LuaScript(name: "ok.lua", source: "return check(5)")) == .boolean(true))
        #expect {
            try state.evaluate(LuaScript(name: "rules/x.lua", source: "local a = 1\nreturn check(4)"))
        } throws: { error in
            let error = error as? LuaError
            return error?.kind == .runtime && error?.line == 2 && error?.message.hasPrefix("check: expected 5") == true
        }
        // The script can catch it like any Lua error, and the state stays usable.
        let caught = try state.evaluate(
            LuaScript(name: "catch.lua", source: "local ok, m = pcall(check, 1) return { ok, m }"))
        #expect(caught.arrayValue?.first == .boolean(false))
        #expect(caught.arrayValue?.last?.stringValue?.contains("check: expected 5") == true)
        #expect(!state.isBroken)
    }

    @Test func swiftErrorsOfOtherTypesNameNoSwiftType() throws {
        struct InternalFailure: Error {}
        let state = try LuaState()
        state.register("fails") { _ in throw InternalFailure() }
        #expect {
            try state.evaluate(LuaScript(name: "f.lua", source: "return fails()"))
        } throws: { error in
            let text = (error as? LuaError)?.description ?? ""
            return text == "f.lua:1: fails failed" && !text.contains("InternalFailure")
        }
    }

    @Test func messageWithoutPositionUsesTheRecordedOne() throws {
        #expect {
            try LuaState().evaluate(LuaScript(name: "lvl.lua", source: "local a\nerror('plain', 0)"))
        } throws: { error in
            let error = error as? LuaError
            return error?.message == "plain" && error?.chunk == "lvl.lua" && error?.line == 2
        }
    }

    @Test func splitPositionHandlesNamesWithColonsAndNoPosition() {
        #expect(LuaError.splitPosition("a/b.lua:7: boom")! == ("a/b.lua", 7, "boom"))
        #expect(LuaError.splitPosition("no position here") == nil)
        #expect(LuaError.splitPosition("x:y.lua:3: z")! == ("x:y.lua", 3, "z"))
    }
}
