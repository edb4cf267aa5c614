import ArgumentParser
import Foundation
import JournalModel
import JournalPlugins
import JournalRules
import JournalService
import Localization

/// `journal plugins`: check and test a plugin's folder, pin the installed ones in
/// `plugins.lock`, and enable or disable them for a school.
struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "Check, test, lock, enable and disable the school's plugins (plugins/).",
        subcommands: [
            PluginsList.self, PluginsCheck.self, PluginsTest.self, PluginsLock.self, PluginsEnable.self,
            PluginsDisable.self, PluginsRun.self,
        ])
}

/// `--plugins DIR`: where the installed plugins are.
struct PluginsDirectoryOption: ParsableArguments {
    @Option(name: .customLong("plugins"), help: "The directory of installed plugins, with plugins.lock.")
    var directory = "plugins"
}

/// Loads one plugin folder, or fails with each problem at its file and line.
func loadPlugin(_ path: String) async throws -> LoadedPlugin {
    do {
        return try await LoadedPlugin.load(try PluginPackage.read(directory: path))
    } catch let failure as RulesFailure {
        throw CommandFailure(failure.errors.map { $0.text(.en) }.joined(separator: "\n"))
    } catch let error as RulesError {
        throw CommandFailure(error.text(.en))
    }
}

struct PluginsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the installed plugins: version, lock, order; with --db, enabled or not.")

    @OptionGroup var plugins: PluginsDirectoryOption
    @Option(name: .customLong("db"), help: "The school database, to show which plugins it enabled.")
    var database: String?

    func run() async throws {
        try await reportingErrors {
            let catalog = try await PluginCatalog.load(directory: plugins.directory)
            var enabled: [String: Bool] = [:]
            if let database {
                let service = try JournalService.open(
                    path: database, mustExist: true, signInLimits: SignInLimits(hashingThreads: 1))
                try await service.installPlugins(catalog)
                for status in try await service.pluginStatuses(caller: consoleCaller) {
                    enabled[status.id] = status.enabled
                }
            }
            for (index, plugin) in catalog.plugins.enumerated() {
                let state = enabled[plugin.id].map { $0 ? "enabled" : "disabled" } ?? "locked"
                print(
                    "\(index + 1). \(plugin.id) \(plugin.manifest.version) — \(plugin.manifest.title.en) [\(state)]")
            }
            for refusal in catalog.refused {
                print("✗ \(refusal.id) \(refusal.version ?? ""): \(refusal.reason)")
            }
            if catalog.plugins.isEmpty && catalog.refused.isEmpty { print("no plugins in \(plugins.directory)") }
        }
    }
}

struct PluginsCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Load a plugin's folder: its manifest, configuration schema and handlers.")

    @Argument(help: "The plugin's folder, such as plugins/marks-alert.")
    var folder: String

    func run() async throws {
        try await reportingErrors {
            let plugin = try await loadPlugin(folder)
            let manifest = plugin.manifest
            print("\(manifest.id) \(manifest.version): \(manifest.title.ru) / \(manifest.title.en)")
            print("events: \(manifest.events.map(\.rawValue).joined(separator: ", "))")
            print("capabilities: \(manifest.capabilities.map(\.rawValue).joined(separator: ", "))")
            for field in manifest.config {
                print("config \(field.name) (\(field.kind.rawValue)) = \(field.defaultValue)")
            }
            if !manifest.after.isEmpty { print("after: \(manifest.after.joined(separator: ", "))") }
            if !manifest.before.isEmpty { print("before: \(manifest.before.joined(separator: ", "))") }
            print("sha256: \(plugin.hash)")
        }
    }
}

struct PluginsTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a plugin's spec/*.lua: each case feeds an event to a fixture school and checks the effects.")

    @Argument(help: "The plugins' folders, such as plugins/marks-alert.")
    var folders: [String]

    func run() async throws {
        try await reportingErrors {
            var failed = 0
            var passed = 0
            for folder in folders {
                let plugin = try await loadPlugin(folder)
                let results = try await plugin.runSpecs()
                if results.isEmpty { print("\(plugin.id): no spec/*.lua") }
                for result in results {
                    if let failure = result.failure {
                        failed += 1
                        print("✗ \(result.file): \(result.name)\n    \(failure)")
                    } else {
                        passed += 1
                        print("✓ \(result.file): \(result.name)")
                    }
                }
            }
            print("\(passed) passed, \(failed) failed")
            if failed > 0 { throw CommandFailure("\(failed) spec case(s) failed") }
        }
    }
}

struct PluginsLock: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock",
        abstract: "Pin every plugin of the directory, as its files are now, in plugins.lock (after reviewing them).")

    @OptionGroup var plugins: PluginsDirectoryOption

    func run() async throws {
        try await reportingErrors {
            var lock = PluginLock()
            for package in try PluginPackage.readAll(directory: plugins.directory) {
                let plugin = try await loadPlugin(
                    URL(fileURLWithPath: plugins.directory).appendingPathComponent(package.folder).path)
                lock.entries[plugin.id] = .init(id: plugin.id, version: plugin.manifest.version, hash: plugin.hash)
                print("\(plugin.id) \(plugin.manifest.version) sha256:\(plugin.hash)")
            }
            let path = URL(fileURLWithPath: plugins.directory).appendingPathComponent(PluginLock.fileName).path
            do {
                try lock.text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
            }
            print("wrote \(path)")
        }
    }
}

/// Opens the school with the installed plugins, for enable, disable and run.
func openWithPlugins(_ database: DatabaseOption, _ plugins: PluginsDirectoryOption) async throws -> JournalService {
    let service = try database.open(signInLimits: SignInLimits(hashingThreads: 1))
    try await service.installPlugins(try await PluginCatalog.load(directory: plugins.directory))
    return service
}

struct PluginsEnable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable", abstract: "Enable a locked plugin for the school, optionally setting its configuration.")

    @Argument(help: "The plugin's id.")
    var id: String
    @OptionGroup var database: DatabaseOption
    @OptionGroup var plugins: PluginsDirectoryOption
    @Option(name: .customLong("set"), help: "A setting, name=value; repeat for several.")
    var settings: [String] = []

    func run() async throws {
        try await reportingErrors {
            let service = try await openWithPlugins(database, plugins)
            var form: [String: String] = [:]
            for setting in settings {
                let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw CommandFailure("--set takes name=value, not '\(setting)'") }
                form[parts[0]] = parts[1]
            }
            do {
                if !form.isEmpty {
                    // Every other setting keeps its value: only the fields given are sent.
                    let status = try await service.pluginStatus(id, caller: consoleCaller)
                    for (field, value) in status.config where form[field.name] == nil {
                        form[field.name] = value.description
                    }
                    try await service.configurePlugin(id, form: form, caller: consoleCaller)
                }
                try await service.setPluginEnabled(id, true, caller: consoleCaller)
            } catch let error as JournalError {
                throw CommandFailure(error.text(.en))
            }
            print("\(id) enabled")
        }
    }
}

struct PluginsDisable: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable", abstract: "Disable a plugin for the school: it receives nothing until enabled again.")

    @Argument(help: "The plugin's id.")
    var id: String
    @OptionGroup var database: DatabaseOption
    @OptionGroup var plugins: PluginsDirectoryOption

    func run() async throws {
        try await reportingErrors {
            let service = try await openWithPlugins(database, plugins)
            do {
                try await service.setPluginEnabled(id, false, caller: consoleCaller)
            } catch let error as JournalError {
                throw CommandFailure(error.text(.en))
            }
            print("\(id) disabled")
        }
    }
}

struct PluginsRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Hand the enabled plugins the events since their last run, once.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup var plugins: PluginsDirectoryOption

    func run() async throws {
        try await reportingErrors {
            let service = try await openWithPlugins(database, plugins)
            let report = try await service.runPlugins()
            print(
                "handled \(report.handled) events, \(report.effects) effects, \(report.failures) failures"
                    + (report.disabled.isEmpty ? "" : "; disabled: \(report.disabled.joined(separator: ", "))"))
        }
    }
}
