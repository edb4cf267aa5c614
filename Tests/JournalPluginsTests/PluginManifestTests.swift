import Foundation
import JournalModel
import JournalPlugins
import JournalRules
import Localization
import LuaRuntime
import Testing

/// A plugin folder in memory: a manifest with `fields` spliced in, and handlers.
func package(
    id: String = "probe", manifest fields: String = "", events: String = "\"mark.entered\"",
    capabilities: String = "\"marks.read\", \"flags.write\"", main: String? = nil, specs: [String: String] = [:]
) -> PluginPackage {
    let manifest = """
        return plugin {
          id = "\(id)",
          title = { ru = "Проба", en = "Probe" },
          version = "1.2.3",
          api = 1,
          events = { \(events) },
          capabilities = { \(capabilities) },
          \(fields)
        }
        """
    let handlers =
        main ?? """
            local M = {}
            M["mark.entered"] = function(event, school, config) return {} end
            return M
            """
    var files = ["plugin.lua": manifest, "main.lua": handlers]
    for (name, text) in specs { files["spec/\(name)"] = text }
    return PluginPackage(folder: id, files: files)
}

/// The first problem loading `package` reports, as `file:line: message`.
func loadProblem(_ package: PluginPackage) async -> String? {
    do {
        _ = try await LoadedPlugin.load(package)
        return nil
    } catch let failure as RulesFailure {
        return failure.errors.first?.text(.en)
    } catch {
        return "\(error)"
    }
}

@Suite("Plugin manifests, configuration schemas and the running order")
struct PluginManifestTests {
    @Test func aCompleteManifestLoads() async throws {
        let plugin = try await LoadedPlugin.load(
            package(
                manifest: """
                    config = {
                      in_a_row = { type = "integer", min = 2, max = 10, default = 2, title = { ru = "Подряд", en = "In a row" } },
                      share = { type = "number", min = 0, max = 1, default = 0.3, title = "Доля" },
                      mode = { type = "enum", values = { "soft", "hard" }, default = "soft", title = "Режим" },
                    },
                    after = { "other" },
                    """))
        #expect(plugin.manifest.id == "probe")
        #expect(plugin.manifest.version.description == "1.2.3")
        #expect(plugin.manifest.events == [.markEntered])
        #expect(plugin.manifest.capabilities == [.flagsWrite, .marksRead])
        #expect(plugin.manifest.config.map(\.name) == ["in_a_row", "mode", "share"])
        #expect(plugin.manifest.after == ["other"])
        #expect(plugin.hash.count == 64)
    }

    @Test(arguments: [
        ("version = \"1.0\",", "probe/plugin.lua:", "major.minor.patch"),
        ("colour = \"red\",", "probe/plugin.lua:8:", "'colour' is not a field"),
        ("api = 2,", "probe/plugin.lua:", "plugin API 2"),
    ])
    func aBadManifestIsRefusedAtItsLine(field: String, place: String, words: String) async throws {
        // The spliced field overrides or adds one of the manifest's.
        var broken = package(manifest: field)
        broken.files["plugin.lua"] = broken.files["plugin.lua"]!
            .replacingOccurrences(of: field.hasPrefix("version") ? "version = \"1.2.3\",\n" : "\u{0}", with: "")
            .replacingOccurrences(of: field.hasPrefix("api") ? "api = 1,\n" : "\u{0}", with: "")
        let problem = try #require(await loadProblem(broken))
        #expect(problem.hasPrefix(place), "\(problem)")
        #expect(problem.contains(words), "\(problem)")
    }

    @Test func unknownEventsAndCapabilitiesAreNamed() async throws {
        let event = try #require(await loadProblem(package(events: "\"mark.eaten\"")))
        #expect(event.contains("probe/plugin.lua:6:") && event.contains("'mark.eaten' is not an event"), "\(event)")
        let capability = try #require(await loadProblem(package(capabilities: "\"everything\"")))
        #expect(capability.contains("probe/plugin.lua:7:") && capability.contains("'everything' is not a capability"))
    }

    @Test func theIdMustBeTheFolderAndHandlersMustMatchTheEvents() async throws {
        var moved = package()
        moved.folder = "elsewhere"
        #expect(try #require(await loadProblem(moved)).contains("must equal the plugin's folder name 'elsewhere'"))
        let missing = try #require(await loadProblem(package(events: "\"mark.entered\", \"tick.daily\"")))
        #expect(missing.contains("no handler for it"), "\(missing)")
        let undeclared = try #require(
            await loadProblem(
                package(
                    main: """
                        return { ["mark.entered"] = function() end, ["tick.daily"] = function() end }
                        """)))
        #expect(undeclared.contains("'tick.daily'"), "\(undeclared)")
        let syntax = try #require(await loadProblem(package(main: "local x = \n\nreturn {")))
        #expect(syntax.hasPrefix("probe/main.lua:3:"), "\(syntax)")
    }

    @Test func aConfigurationSchemaChecksTypesRangesEnumsAndItsOwnCheck() async throws {
        let plugin = try await LoadedPlugin.load(
            package(
                manifest: """
                    config = {
                      low = { type = "integer", min = 1, max = 5, default = 2, title = "Нижняя" },
                      high = { type = "integer", min = 1, max = 5, default = 4, title = "Верхняя" },
                      mode = { type = "enum", values = { "soft", "hard" }, default = "soft", title = "Режим" },
                      loud = { type = "boolean", default = false, title = "Громко" },
                    },
                    check = function(config)
                      if config.low >= config.high then return "нижняя граница должна быть меньше верхней" end
                    end,
                    """))
        let defaults = try await plugin.configuration([:])
        #expect(
            defaults.values == [
                "low": .integer(2), "high": .integer(4), "mode": .string("soft"), "loud": .boolean(false),
            ])
        #expect(try await plugin.configuration(["low": .integer(3)]).values["low"] == .integer(3))
        let field = try #require(plugin.manifest.field("low"))
        #expect(throws: PluginConfigProblem.self) { try field.accept(text: "9") }
        #expect(throws: PluginConfigProblem.self) { try field.accept(text: "два") }
        #expect(try field.accept(text: " 5 ") == .integer(5))
        #expect(throws: PluginConfigProblem.self) { try plugin.manifest.field("mode")!.accept(text: "loud") }
        await #expect(throws: PluginConfigProblem.self) { try await plugin.configuration(["nothing": .integer(1)]) }
        do {
            _ = try await plugin.configuration(["low": .integer(4)])
            Issue.record("the plugin's own check should refuse low ≥ high")
        } catch let problem as PluginConfigProblem {
            #expect(problem.message.text(.ru).contains("нижняя граница должна быть меньше верхней"))
        }
        let badDefault = try #require(
            await loadProblem(
                package(
                    manifest: "config = { n = { type = \"integer\", min = 1, max = 3, default = 7, title = \"N\" } },"))
        )
        #expect(badDefault.contains("the default does not pass the schema"), "\(badDefault)")
    }

    @Test func orderFollowsAfterAndBeforeAndACycleIsRefused() async throws {
        func manifest(_ id: String, after: [String] = [], before: [String] = []) async throws -> PluginManifest {
            let order =
                "after = { \(after.map { "\"\($0)\"" }.joined(separator: ", ")) }, before = { \(before.map { "\"\($0)\"" }.joined(separator: ", ")) },"
            return try await LoadedPlugin.load(package(id: id, manifest: order)).manifest
        }
        let a = try await manifest("alpha", after: ["gamma"])
        let b = try await manifest("beta")
        let c = try await manifest("gamma", before: ["beta"])
        #expect(try PluginOrder.sorted([a, b, c]) == ["gamma", "alpha", "beta"])
        // A name that is not installed constrains nothing.
        let d = try await manifest("delta", after: ["absent"])
        #expect(try PluginOrder.sorted([b, d]) == ["beta", "delta"])
        let loop1 = try await manifest("one", after: ["two"])
        let loop2 = try await manifest("two", after: ["one"])
        #expect(throws: JournalError.self) { try PluginOrder.sorted([loop1, loop2, b]) }
        let catalog = await PluginCatalog.load(
            [
                package(id: "one", manifest: "after = { \"two\" },"),
                package(id: "two", manifest: "after = { \"one\" },"),
                package(id: "beta"),
            ], lock: nil)
        #expect(catalog.plugins.map(\.id) == ["beta"])
        #expect(Set(catalog.refused.map(\.id)) == ["one", "two"])
        #expect(catalog.refused.allSatisfy { $0.reason.contains("one, two") })
    }

    @Test func theLockPinsVersionAndContent() async throws {
        let plugin = try await LoadedPlugin.load(package())
        var lock = PluginLock()
        lock.entries["probe"] = .init(id: "probe", version: plugin.manifest.version, hash: plugin.hash)
        let parsed = try PluginLock.parse(lock.text)
        #expect(parsed == lock)
        #expect(parsed.problem(with: plugin) == nil)
        var edited = package()
        edited.files["main.lua"]! += "\n-- changed\n"
        let catalog = await PluginCatalog.load([edited], lock: parsed)
        #expect(catalog.plugins.isEmpty)
        #expect(catalog.refused.first?.reason.contains("изменились") == true, "\(catalog.refused)")
        let unlocked = await PluginCatalog.load([package()], lock: PluginLock())
        #expect(unlocked.refused.first?.id == "probe")
        #expect(throws: RulesError.self) { try PluginLock.parse("probe 1.0 sha256:abc\n") }
    }
}
