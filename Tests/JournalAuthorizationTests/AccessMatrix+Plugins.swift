import Foundation
import HTTPTypes
import JournalAccess
import JournalModel
import JournalService
import JournalTestSupport

extension Operation {
    /// An operation on the school's plugins: the administrator's.
    private static func manager(
        _ method: HTTPRequest.Method, _ path: String, changesData: Bool, uri: String, json: String? = nil
    ) -> Operation {
        Operation(
            method: method, path: path, capability: .pluginsManage, changesData: changesData, targets: [.school],
            request: { _ in (uri, json) }, object: { _ in .school })
    }

    /// A read of the reports plugins made.
    private static func reportReader(_ path: String, uri: String) -> Operation {
        Operation(
            method: .get, path: path, capability: .reportsView, changesData: false, targets: [.school],
            request: { _ in (uri, nil) }, object: { _ in .school })
    }

    static let listPlugins = manager(.get, "/api/v1/plugins", changesData: false, uri: "/api/v1/plugins")
    static let pluginDetail = manager(
        .get, "/api/v1/plugins/{pluginID}", changesData: false, uri: "/api/v1/plugins/watch")
    static let enablePlugin = manager(
        .post, "/api/v1/plugins/{pluginID}/enable", changesData: true, uri: "/api/v1/plugins/watch/enable")
    static let disablePlugin = manager(
        .post, "/api/v1/plugins/{pluginID}/disable", changesData: true, uri: "/api/v1/plugins/watch/disable")
    static let configurePlugin = manager(
        .put, "/api/v1/plugins/{pluginID}/config", changesData: true, uri: "/api/v1/plugins/watch/config",
        json: #"{"in_a_row": 4}"#)
    static let pluginHistory = manager(
        .get, "/api/v1/plugins/{pluginID}/history", changesData: false, uri: "/api/v1/plugins/watch/history")
    static let listReports = reportReader("/api/v1/reports", uri: "/api/v1/reports")
    static let reportDetail = reportReader("/api/v1/reports/{reportID}", uri: "/api/v1/reports/1")
    static let reportCSV = reportReader("/api/v1/reports/{reportID}/csv", uri: "/api/v1/reports/1/csv")

    /// One's own tasks from plugins: whose they are decides, not a grant.
    static let myTasks = Operation(
        method: .get, path: "/api/v1/tasks", capability: nil, changesData: false, targets: [.school],
        request: { _ in ("/api/v1/tasks", nil) }, object: { _ in .school })
    /// Each completes the task given to them; those not on the staff are told they have none (422).
    static let completeTask = Operation(
        method: .post, path: "/api/v1/tasks/{taskID}/done", capability: nil, changesData: true, targets: [.school],
        request: { ("/api/v1/tasks/\($0.school.authorizationTask(Person($0.role)))/done", nil) },
        object: { _ in .school })
}

extension AccessMatrix {
    // MARK: School plugins (issue 15)

    /// The administrator manages the plugins; nobody else sees them. Management and the
    /// psychologist read the reports plugins made, and so does HR, by the school's rights
    /// extension ("hr prepares staffing reports"). Each reads and completes their own tasks.
    static let plugins: [MatrixRow] =
        [
            Operation.listPlugins, .pluginDetail, .enablePlugin, .disablePlugin, .configurePlugin, .pluginHistory,
        ].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: .school)], .management: [.refused], .teacher: [.refused],
                    .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                    .psychologist: [.refused], .hr: [.refused],
                ])
        }
        + [Operation.listReports, .reportDetail, .reportCSV].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.refused], .management: [.allowed(by: .school)], .teacher: [.refused],
                    .student: [.refused], .parent: [.refused], .secretary: [.refused], .medical: [.refused],
                    .psychologist: [.allowed(by: .school)], .hr: [.extended(.school)],
                ])
        }
        + [Operation.myTasks, .completeTask].map { operation in
            MatrixRow(
                operation,
                [
                    .administrator: [.allowed(by: nil)], .management: [.allowed(by: nil)],
                    .teacher: [.allowed(by: nil)], .student: [.allowed(by: nil)], .parent: [.allowed(by: nil)],
                    .secretary: [.allowed(by: nil)], .medical: [.allowed(by: nil)],
                    .psychologist: [.allowed(by: nil)], .hr: [.allowed(by: nil)],
                ])
        }

    /// The plugins' pages, as the matrix above for the API: who gets the page (200) and who
    /// the 403 page.
    static let pluginPages: [(path: String, allowed: Set<Role>)] = [
        ("/admin/plugins", [.administrator]),
        ("/admin/plugins/watch", [.administrator]),
        ("/reports", [.management, .psychologist, .hr]),
        ("/reports/1", [.management, .psychologist, .hr]),
        ("/reports/1.csv", [.management, .psychologist, .hr]),
    ]
}
