import Foundation
import Hummingbird
import JournalModel
import JournalPlugins
import JournalService
import Localization

extension HomePage {
    /// The notices and tasks plugins gave the signed-in member of staff, until done (issue 15).
    func taskValues(caller: Caller, language: Language) async throws -> [String: Any] {
        let items = try await web.service.myTaskItems(caller: caller)
        guard !items.isEmpty else { return [:] }
        return [
            "hasTasks": true,
            "tasks": items.map { item -> [String: Any] in
                let task = item.task
                return [
                    "id": task.id ?? 0, "text": task.text, "student": item.studentName as Any,
                    "due": task.due.map { Strings.text("home.tasks_due", language, ["due": DateText.full($0)]) } as Any,
                    "plugin": item.pluginTitle?.text(language) ?? task.pluginID,
                    "kind": Strings.text("home.tasks_kind.\(task.kind.rawValue)", language),
                ]
            },
        ]
    }
}

/// Marks one of one's own tasks from plugins done, from the home page.
struct TaskPages {
    let web: WebSupport

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.post("/tasks/:task/done", use: done)
    }

    @Sendable func done(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        try await web.service.completeTask(try context.parameters.id("task"), caller: session.caller)
        return WebResponse.redirect("/?done=1")
    }
}
