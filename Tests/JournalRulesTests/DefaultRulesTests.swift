import DefaultRules
import Foundation
import JournalRules
import Testing

/// The rules built into the executable are the files under rules/, and they load.
@Suite("The built-in default rules")
struct DefaultRulesTests {
    @Test func theBuiltInRulesAreTheFilesUnderRules() throws {
        let files = try RuleFiles.load(directory: RulesFixtures.directory)
        #expect(RuleFiles(DefaultRules.files).files == files.files)
    }

    @Test func theBuiltInRulesLoadAndPassTheirTests() async throws {
        let rules = try await RulesFixtures.load(RuleFiles(DefaultRules.files))
        #expect(rules.scales["five"] != nil)
    }
}
