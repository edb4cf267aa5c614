import LuaRuntime
import Testing

@Suite("Ordinary scripts keep working in the sandbox")
struct WorkingScriptTests {
    static let scripts = CorpusScript.load("working")

    @Test func corpusIsPresent() { #expect(Self.scripts.count >= 10) }

    @Test(arguments: scripts)
    func scriptReturnsWhatItsHeaderSays(_ script: CorpusScript) throws {
        let state = try LuaState()
        let value = try state.evaluate(script.script)
        #expect(value.json == script.expectation)
        // A second evaluation on the same state sees a fresh environment and the same result.
        #expect(try state.evaluate(script.script).json == script.expectation)
    }
}
