public import JournalModel
public import JournalPlugins
import JournalStore

/// A task or notice from a plugin as its owner reads it: with the student's name and the
/// plugin's title, so that the home page and the API need not look them up.
public struct StaffTaskItem: Sendable, Hashable {
    public var task: StaffTask
    public var studentName: String?
    /// The plugin's title, or nil when the plugin is no longer installed.
    public var pluginTitle: PluginText?
}

extension JournalService {
    /// The caller's open tasks and notices from plugins, newest first, each with its student's
    /// name and its plugin's title.
    public func myTaskItems(caller: Caller) async throws -> [StaffTaskItem] {
        let tasks = try await myTasks(caller: caller)
        let catalog = plugins
        let names = try await database.read { reader in
            var names: [StudentID: String] = [:]
            for id in Set(tasks.compactMap(\.studentID)) {
                if let student = try reader.student(id) { names[id] = student.name.description }
            }
            return names
        }
        return tasks.map { task in
            StaffTaskItem(
                task: task, studentName: task.studentID.flatMap { names[$0] },
                pluginTitle: catalog.plugin(task.pluginID)?.manifest.title)
        }
    }
}
