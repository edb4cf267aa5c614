public import JournalModel
public import JournalPlugins
import JournalService
import JournalStore

/// A tiny plugin for tests of the plugins' pages and API: after every mark entered it flags
/// the student "риск неаттестации" in the mark's subject, gives the class teacher a task
/// about them and makes a report of the marks. Its settings have one field of each kind.
extension TestSchool {
    public static let watchPlugin = PluginPackage(
        folder: "watch",
        files: [
            "plugin.lua": """
            return plugin {
              id = "watch",
              title = { ru = "Наблюдение за отметками", en = "Marks watch" },
              description = { ru = "Помечает ученика после каждой отметки.", en = "Flags a student after every mark." },
              version = "1.0.0",
              api = 1,
              events = { "mark.entered" },
              capabilities = { "flags.write", "tasks.write", "reports.write" },
              config = {
                in_a_row = { type = "integer", min = 2, max = 10, default = 3,
                             title = { ru = "Неудовлетворительных отметок подряд", en = "Failing marks in a row" } },
                note = { type = "string", max_length = 40, default = "",
                         title = { ru = "Пометка", en = "Note" } },
                strict = { type = "boolean", default = false, title = { ru = "Строго", en = "Strict" } },
                mode = { type = "enum", values = { "flag", "quiet" }, default = "flag",
                         title = { ru = "Режим", en = "Mode" } },
              },
            }
            """,
            "main.lua": """
            return {
              ["mark.entered"] = function(event, school, config)
                return {
                  { kind = "flag", student = event.student, subject = event.subject, text = "риск неаттестации" },
                  { kind = "task", to = "class_teacher", student = event.student,
                    text = "Поговорить с учеником", due = "2026-11-30" },
                  { kind = "report", report = "marks", title = "Отметки за ноябрь", period = "2026-11",
                    columns = { "Ученик", "Отметка" }, rows = { { event.student, event.value } } },
                }
              end,
            }
            """,
        ])

    /// A plugin whose manifest does not load: its version is not major.minor.patch.
    public static let brokenPlugin = PluginPackage(
        folder: "broken",
        files: [
            "plugin.lua": """
            return plugin {
              id = "broken", title = "Сломанный", version = "один", api = 1,
              events = { "mark.entered" }, capabilities = {}, config = {},
            }
            """,
            "main.lua": "return { [\"mark.entered\"] = function() return nil end }",
        ])

    /// Installs ``watchPlugin`` in the school, disabled as every plugin starts; with `broken`,
    /// ``brokenPlugin`` too, which the catalog refuses.
    public func installWatchPlugin(broken: Bool = false) async throws {
        let packages = broken ? [Self.watchPlugin, Self.brokenPlugin] : [Self.watchPlugin]
        try await service.installPlugins(await PluginCatalog.load(packages, lock: nil))
    }

    /// Gives `staff` a task from the plugin and returns its id.
    @discardableResult
    public func addPluginTask(for staff: StaffID, student: StudentID?, text: String) async throws -> Int64 {
        try await service.database.write(actor: .system("test")) { writer in
            let now = writer.now
            return try writer.insert(
                StaffTask(
                    pluginID: "watch", pluginVersion: "1.0.0", kind: .task, staffID: staff, studentID: student,
                    text: text, due: LocalDate("2026-11-30"), createdAt: now)
            ).id!
        }
    }

    /// A report of the plugin, made now; returns its id.
    @discardableResult
    public func addPluginReport() async throws -> Int64 {
        try await service.database.write(actor: .system("test")) { writer in
            let now = writer.now
            return try writer.insert(
                PluginReport(
                    pluginID: "watch", pluginVersion: "1.0.0", report: "marks", period: "2026-11",
                    title: "Отметки за ноябрь", columns: #"["Ученик","Отметка"]"#,
                    rows: #"[["Иванова Анна","=2"],["Петров Пётр","5"]]"#, madeAt: now)
            ).id!
        }
    }
}

extension TestSchool {
    /// The people of the school who are on its staff, in ``Person``'s order.
    public var staffPeople: [Person] { Person.allCases.filter { content.staff[$0] != nil } }

    /// The plugin for the authorization matrix: installed, a report (id 1), and a task for
    /// each member of staff in ``staffPeople``'s order (ids from 1).
    public func addAuthorizationPlugins() async throws {
        try await installWatchPlugin()
        try await addPluginReport()
        for person in staffPeople {
            try await addPluginTask(for: staff(person).id!, student: nil, text: "Задача для \(person)")
        }
    }

    /// The task ``addAuthorizationPlugins()`` gave `person`, or the first one for someone not on the staff.
    public func authorizationTask(_ person: Person) -> Int64 {
        Int64((staffPeople.firstIndex(of: person) ?? 0) + 1)
    }
}

extension TestSchool {
    /// Whether the plugin is enabled, as its page would say.
    public func pluginEnabled(_ id: String) async throws -> Bool {
        try await service.pluginStatus(id, caller: .system("test")).enabled
    }

    /// A setting's value as the settings form shows it.
    public func pluginSetting(_ id: String, _ field: String) async throws -> String? {
        try await service.pluginStatus(id, caller: .system("test")).config.first { $0.field.name == field }?.value
            .description
    }
}
