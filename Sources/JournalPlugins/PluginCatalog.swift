import Foundation
import JournalModel
import JournalRules
import Localization

/// The plugins installed in `plugins/`: those that loaded, passed the lock and fit the
/// order, ready to run; and those refused, each with the reason the administrator sees.
public struct PluginCatalog: Sendable {
    public struct Refusal: Sendable, Hashable {
        public var id: String
        public var title: PluginText?
        public var version: String?
        public var reason: String
    }

    /// Runnable plugins in running order.
    public var plugins: [LoadedPlugin]
    public var refused: [Refusal]

    public init(plugins: [LoadedPlugin] = [], refused: [Refusal] = []) {
        self.plugins = plugins
        self.refused = refused
    }

    public static let empty = PluginCatalog()

    public func plugin(_ id: String) -> LoadedPlugin? { plugins.first { $0.id == id } }

    /// Loads every package; with a lock, a plugin it does not pin as it is gets refused.
    public static func load(_ packages: [PluginPackage], lock: PluginLock?) async -> PluginCatalog {
        var loaded: [LoadedPlugin] = []
        var refused: [Refusal] = []
        for package in packages.sorted(by: { $0.folder < $1.folder }) {
            // Files the lock does not pin as they are never run, not even their manifest.
            if let lock, let problem = lock.problem(with: package) {
                refused.append(
                    Refusal(
                        id: package.folder, title: nil, version: lock.entries[package.folder]?.version.description,
                        reason: problem.text(.ru)))
                continue
            }
            do {
                let plugin = try await LoadedPlugin.load(package)
                if let lock, let problem = lock.problem(with: plugin) {
                    refused.append(
                        Refusal(
                            id: plugin.id, title: plugin.manifest.title, version: plugin.manifest.version.description,
                            reason: problem.text(.ru)))
                    continue
                }
                loaded.append(plugin)
            } catch let failure as RulesFailure {
                refused.append(
                    Refusal(id: package.folder, reason: failure.errors.map { $0.text(.ru) }.joined(separator: "\n")))
            } catch {
                refused.append(Refusal(id: package.folder, reason: String(describing: error)))
            }
        }
        do {
            let order = try PluginOrder.sorted(loaded.map(\.manifest))
            loaded.sort { order.firstIndex(of: $0.id)! < order.firstIndex(of: $1.id)! }
        } catch let error as JournalError {
            // Plugins caught in a cycle run in none of its orders: all of them are refused.
            let cycle = Set((try? PluginOrder.cycleMembers(loaded.map(\.manifest))) ?? [])
            for plugin in loaded where cycle.contains(plugin.id) {
                refused.append(
                    Refusal(
                        id: plugin.id, title: plugin.manifest.title, version: plugin.manifest.version.description,
                        reason: error.localizedText(.ru)))
            }
            loaded.removeAll { cycle.contains($0.id) }
        } catch {}
        return PluginCatalog(plugins: loaded, refused: refused)
    }

    /// Reads `directory` (each folder with a `plugin.lua`) and its `plugins.lock`. Without a
    /// lock file every plugin is refused: the server runs only what the school pinned.
    public static func load(directory: String) async throws -> PluginCatalog {
        let packages = try PluginPackage.readAll(directory: directory)
        let lockPath = URL(fileURLWithPath: directory).appendingPathComponent(PluginLock.fileName).path
        let lock: PluginLock
        if let data = FileManager.default.contents(atPath: lockPath) {
            lock = try PluginLock.parse(String(decoding: data, as: UTF8.self), file: lockPath)
        } else {
            lock = PluginLock()
        }
        return await load(packages, lock: lock)
    }
}

extension PluginOrder {
    /// The plugins left over when a cycle stops the ordering.
    static func cycleMembers(_ manifests: [PluginManifest]) throws -> [String] {
        do {
            _ = try sorted(manifests)
            return []
        } catch let JournalError.refused(message) {
            return (message.values["plugins"] ?? "").components(separatedBy: ", ")
        }
    }
}

extension JournalError {
    /// The error's words in `language`, for a line of a status page.
    func localizedText(_ language: Language) -> String {
        switch self {
        case .refused(let message), .invalid(_, let message): message.text(language)
        default: String(describing: self)
        }
    }
}
