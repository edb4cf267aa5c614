import Foundation
import JournalModel
import JournalPlugins
import JournalService
import JournalStore
import JournalTestSupport
import Testing

/// A plugin folder in memory with `handlers` as its main.lua.
func plugin(
    _ id: String, events: [String] = ["mark.entered"], capabilities: [String] = ["marks.read", "flags.write"],
    config: String = "", handlers: String
) -> PluginPackage {
    let list = { (names: [String]) in names.map { "\"\($0)\"" }.joined(separator: ", ") }
    return PluginPackage(
        folder: id,
        files: [
            "plugin.lua": """
            return plugin {
              id = "\(id)", title = { ru = "Модуль \(id)", en = "Plugin \(id)" }, version = "1.0.0", api = 1,
              events = { \(list(events)) }, capabilities = { \(list(capabilities)) },
              \(config)
            }
            """,
            "main.lua": handlers,
        ])
}

/// Flags the student of every mark entered with the mark's value.
let flagEveryMark = """
    return { ["mark.entered"] = function(event, school, config)
      return { { kind = "flag", student = event.student, subject = event.subject, text = "отметка " .. event.value } }
    end }
    """

@Suite("Plugins receive the journal's events and their effects are applied")
struct PluginRunnerTests {
    let admin = Caller.system("администратор")

    func school(_ packages: [PluginPackage], storage: TestSchool.Storage = .memory) async throws -> TestSchool {
        let school = try await TestSchool.make(
            [.fiveA, .marks], accounts: [.administrator, .teacher], storage: storage)
        try await school.service.installPlugins(await PluginCatalog.load(packages, lock: nil))
        return school
    }

    func enterMark(_ school: TestSchool, _ value: String, student index: Int = 0) async throws {
        let test = school.test
        let student = school.students[index]
        try await school.build { builder in
            let work = try builder.work("answer", in: try builder.writer.reader.lesson(test.lessonID!)!)
            _ = try builder.mark(value, for: student, in: work)
        }
    }

    func flags(_ school: TestSchool) async throws -> [StudentFlag] {
        try await school.service.studentFlags(school.students.map { $0.id! }, subject: nil).values.flatMap { $0 }
    }

    @Test func anEnabledPluginFlagsAndItsEffectsAreAuditedUnderItsNameAndVersion() async throws {
        let school = try await school([plugin("flagger", handlers: flagEveryMark)])
        try await school.service.setPluginEnabled("flagger", true, caller: admin)
        try await enterMark(school, "2")
        let report = try await school.service.runPlugins()
        #expect(report.handled == 1 && report.effects == 1 && report.failures == 0)
        let raised = try await flags(school)
        #expect(raised.map(\.text) == ["отметка 2"])
        #expect(raised.first?.subjectID == school.math.id)
        let audit = try await school.service.database.read {
            try $0.auditEntries(entity: "studentFlag", entityID: raised.first?.id)
        }
        #expect(audit.first?.actorName == "plugin:flagger@1.0.0")
        // Nothing twice: the position moved with the effects.
        let again = try await school.service.runPlugins()
        #expect(again.handled == 0)
    }

    @Test func aDisabledPluginReceivesNothingAndStartsAtTheEndWhenEnabledAgain() async throws {
        let school = try await school([plugin("flagger", handlers: flagEveryMark)])
        try await enterMark(school, "2")
        #expect(try await school.service.runPlugins().handled == 0)
        try await school.service.setPluginEnabled("flagger", true, caller: admin)
        try await school.service.setPluginEnabled("flagger", false, caller: admin)
        try await enterMark(school, "3")
        #expect(try await school.service.runPlugins().handled == 0)
        try await school.service.setPluginEnabled("flagger", true, caller: admin)
        #expect(try await school.service.runPlugins().handled == 0)
        #expect(try await flags(school).isEmpty)
        try await enterMark(school, "4")
        #expect(try await school.service.runPlugins().handled == 1)
        #expect(try await flags(school).map(\.text) == ["отметка 4"])
    }

    @Test func anEventCommittedBeforeACrashIsHandledByTheNextServer() async throws {
        let school = try await school([plugin("flagger", handlers: flagEveryMark)], storage: .temporaryFile)
        defer { school.cleanUp() }
        try await school.service.setPluginEnabled("flagger", true, caller: admin)
        try await enterMark(school, "2")
        // The server stops between the commit and the plugin's run: nothing handled yet.
        try school.close()
        let restarted = try school.openAgain()
        try await restarted.installPlugins(
            await PluginCatalog.load([plugin("flagger", handlers: flagEveryMark)], lock: nil))
        let report = try await restarted.runPlugins()
        #expect(report.handled == 1)
        let raised = try await restarted.studentFlags(school.students.map { $0.id! }, subject: nil)
        #expect(raised.values.flatMap { $0 }.map(\.text) == ["отметка 2"])
        #expect(try await restarted.runPlugins().handled == 0)
    }

    @Test func effectsAreAtomicAndABadOneKeepsTheEventForARetry() async throws {
        let handlers = """
            return { ["mark.entered"] = function(event, school, config)
              return {
                { kind = "flag", student = event.student, subject = event.subject, text = "первое" },
                { kind = "teleport", student = event.student },
              }
            end }
            """
        let school = try await school([plugin("half", handlers: handlers)])
        try await school.service.setPluginEnabled("half", true, caller: admin)
        try await enterMark(school, "2")
        let report = try await school.service.runPlugins()
        #expect(report.failures == 1 && report.handled == 0)
        #expect(try await flags(school).isEmpty)
        let status = try await school.service.pluginStatus("half", caller: admin)
        #expect(
            status.lastError?.message?.contains("'teleport' is not an effect") == true,
            "\(String(describing: status.lastError))")
        #expect(status.waiting == 1)
    }

    @Test func aPluginCannotNameAStudentItHasNotSeen() async throws {
        let handlers = """
            return { ["mark.entered"] = function(event, school, config)
              return { { kind = "flag", student = event.student + 1000, text = "чужой" } }
            end }
            """
        let school = try await school([plugin("nosy", handlers: handlers)])
        try await school.service.setPluginEnabled("nosy", true, caller: admin)
        try await enterMark(school, "2")
        #expect(try await school.service.runPlugins().failures == 1)
        let status = try await school.service.pluginStatus("nosy", caller: admin)
        #expect(status.lastError?.message?.contains("has seen") == true)
    }

    @Test func aCapabilityNotDeclaredCannotBeReadThrough() async throws {
        let handlers = """
            return { ["mark.entered"] = function(event, school, config)
              local absences = school.absences{ student = event.student }
              return { { kind = "flag", student = event.student, text = #absences .. " пропусков" } }
            end }
            """
        let school = try await school([
            plugin("reader", capabilities: ["marks.read", "flags.write"], handlers: handlers)
        ])
        try await school.service.setPluginEnabled("reader", true, caller: admin)
        try await enterMark(school, "2")
        #expect(try await school.service.runPlugins().failures == 1)
        let status = try await school.service.pluginStatus("reader", caller: admin)
        #expect(status.lastError?.message?.contains("needs the capability attendance.read") == true)
        #expect(try await flags(school).isEmpty)
    }

    @Test func healthDataIsNeverGrantedToAPlugin() async throws {
        let school = try await school([
            plugin("medic", capabilities: ["health.read", "flags.write"], handlers: flagEveryMark)
        ])
        await #expect(throws: JournalError.self) {
            try await school.service.setPluginEnabled("medic", true, caller: self.admin)
        }
    }

    @Test func aPluginThatKeepsFailingIsDisabledAndItsEventWaitsForIt() async throws {
        let looping = """
            return { ["mark.entered"] = function(event, school, config)
              while true do end
            end }
            """
        let school = try await school([plugin("looper", handlers: looping)])
        try await school.service.setPluginEnabled("looper", true, caller: admin)
        try await enterMark(school, "2")
        for _ in 1..<JournalService.pluginFailureLimit {
            let report = try await school.service.runPlugins()
            #expect(report.failures == 1 && report.disabled.isEmpty)
        }
        let last = try await school.service.runPlugins()
        #expect(last.disabled == ["looper"])
        let status = try await school.service.pluginStatus("looper", caller: admin)
        #expect(!status.enabled)
        #expect(status.disabledReason?.contains("3") == true)
        #expect(status.recentRuns.first?.outcome == .budget)
        // Disabled: nothing more runs, and the rest of the school goes on.
        #expect(try await school.service.runPlugins().failures == 0)
        // Enabled again, it resumes at the event it failed on.
        try await school.service.setPluginEnabled("looper", true, caller: admin)
        #expect(try await school.service.runPlugins().failures == 1)
    }

    @Test func ticksComeOnceADayAndReportsReplaceTheirPeriod() async throws {
        let handlers = """
            return { ["tick.daily"] = function(event, school, config)
              local rows = {}
              for _, line in ipairs(school.attendance{ from = school.date(event.date, -30), to = event.date }) do
                rows[#rows + 1] = { line.class, line.name, line.lessons, line.missed }
              end
              return { { kind = "report", report = "absences", title = "Пропуски", period = event.date:sub(1, 7),
                         columns = { "Класс", "Ученик", "Уроков", "Пропущено" }, rows = rows } }
            end }
            """
        let school = try await school([
            plugin(
                "reporter", events: ["tick.daily"],
                capabilities: ["students.read", "attendance.read", "reports.write"],
                handlers: handlers)
        ])
        try await school.service.setPluginEnabled("reporter", true, caller: admin)
        #expect(try await school.service.runPlugins().handled == 1)
        #expect(try await school.service.runPlugins().handled == 0)
        school.clock.advance(by: 86_400)
        #expect(try await school.service.runPlugins().handled == 1)
        let reports = try await school.service.pluginReports(caller: admin)
        #expect(reports.count == 1)
        let report = try #require(reports.first)
        #expect(report.period == "2026-11")
        #expect(report.columnTitles == ["Класс", "Ученик", "Уроков", "Пропущено"])
        #expect(report.cells.count == school.students.count)
        // Дарья was absent from the lesson of 16.11.
        #expect(report.cells.contains { $0[1].hasPrefix("Кузнецова") && $0[3] == "1" }, "\(report.cells)")
        let csv = try await school.service.pluginReportCSV(report.id!, caller: admin)
        #expect(csv.hasPrefix("Класс,Ученик,Уроков,Пропущено\r\n"))
    }

    @Test func familiesAndStaffAreToldThroughTheirOwnChannels() async throws {
        let handlers = """
            return { ["mark.entered"] = function(event, school, config)
              return {
                { kind = "notify", to = "family", student = event.student, text = "Отметка " .. event.value },
                { kind = "notify", to = "class_teacher", student = event.student, text = "Посмотрите отметку" },
                { kind = "task", to = "role:administrator", text = "Проверить", due = "2026-11-30" },
              }
            end }
            """
        let school = try await school([
            plugin("teller", capabilities: ["notify.family", "notify.staff", "tasks.write"], handlers: handlers)
        ])
        try await school.service.setPluginEnabled("teller", true, caller: admin)
        try await enterMark(school, "2")
        let report = try await school.service.runPlugins()
        #expect(report.effects == 3, "\(report)")
        let teacher = Caller.person(try await school.service.subject(account: school.account(.teacher)))
        let notices = try await school.service.myTasks(caller: teacher)
        #expect(notices.map(\.text) == ["Посмотрите отметку"])
        #expect(notices.first?.kind == .notice)
        let administrator = Caller.person(try await school.service.subject(account: school.account(.administrator)))
        #expect(try await school.service.myTasks(caller: administrator).map(\.due) == [LocalDate("2026-11-30")])
        // Only its owner completes a task.
        await #expect(throws: JournalError.self) {
            try await school.service.completeTask(notices[0].id!, caller: administrator)
        }
        try await school.service.completeTask(notices[0].id!, caller: teacher)
        #expect(try await school.service.myTasks(caller: teacher).isEmpty)
    }
}

@Suite("Plugins hear of missed deadlines and recorded lessons")
struct PluginMonitorEventTests {
    @Test func aLessonLeftUnrecordedPastItsDeadlineBecomesAnEventNextDay() async throws {
        let handlers = """
            return { ["deadline.missed"] = function(event, school, config)
              return { { kind = "report", report = "missed", title = "Просрочено", period = event.date,
                         columns = { "Обязанность", "Урок", "Срок" }, rows = { { event.duty, event.lesson, event.due } } } }
            end }
            """
        let school = try await TestSchool.make([.fiveA, .week], accounts: [.administrator])
        try await school.service.installPlugins(
            await PluginCatalog.load(
                [plugin("monitor", events: ["deadline.missed"], capabilities: ["reports.write"], handlers: handlers)],
                lock: nil))
        let admin = Caller.system("администратор")
        try await school.service.setPluginEnabled("monitor", true, caller: admin)
        for _ in 0..<3 {
            _ = try await school.service.runPlugins()
            school.clock.advance(by: 86_400)
        }
        let reports = try await school.service.pluginReports(caller: admin)
        let lessons = reports.flatMap(\.cells).map { $0[1] }
        // Today's lesson, left unrecorded, is missed once its deadline passes.
        #expect(lessons.contains(String(school.todayLesson.id!.rawValue)), "\(reports.map(\.cells))")
    }

    @Test func recordingALessonAndSettingHomeworkAreEvents() async throws {
        let handlers = """
            local function note(event)
              return { { kind = "report", report = "lessons", title = "Уроки", period = event.kind,
                         columns = { "Урок", "Тема", "Задание" }, rows = { { event.lesson, event.topic or "", event.text or "" } } } }
            end
            return { ["lesson.recorded"] = note, ["homework.set"] = note }
            """
        let school = try await TestSchool.make([.fiveA, .week], accounts: [.administrator, .teacher])
        try await school.service.installPlugins(
            await PluginCatalog.load(
                [
                    plugin(
                        "lessons", events: ["lesson.recorded", "homework.set"], capabilities: ["reports.write"],
                        handlers: handlers)
                ],
                lock: nil))
        let admin = Caller.system("администратор")
        try await school.service.setPluginEnabled("lessons", true, caller: admin)
        let lesson = school.plainLesson
        try await school.build { builder in
            var recorded = try builder.writer.reader.lesson(lesson.id!)!
            recorded.topic = "Десятичные дроби"
            recorded.homework = "№ 12, 14"
            recorded.status = .held
            recorded.recordedAt = builder.writer.now
            recorded.homeworkSetAt = builder.writer.now
            _ = try builder.writer.update(recorded)
        }
        let report = try await school.service.runPlugins()
        #expect(report.handled == 2, "\(report)")
        let cells = try await school.service.pluginReports(caller: admin).reduce(into: [String: [String]]()) {
            $0[$1.period] = $1.cells.first
        }
        #expect(cells["lesson.recorded"]?[1] == "Десятичные дроби")
        #expect(cells["homework.set"]?[2] == "№ 12, 14")
    }
}

@Suite("Plugins that misbehave do not hurt the school")
struct PluginMisbehaviourTests {
    let admin = Caller.system("администратор")

    @Test func anInfiniteReportCellIsPrintedNotFatal() async throws {
        let handlers = """
            return { ["mark.entered"] = function(event, school, config)
              return { { kind = "report", report = "odd", title = "Странные числа", period = "x",
                         columns = { "a", "b", "c" }, rows = { { 1/0, -1/0, 2^63 } } } }
            end }
            """
        let school = try await TestSchool.make([.fiveA, .marks])
        try await school.service.installPlugins(
            await PluginCatalog.load([plugin("odd", capabilities: ["reports.write"], handlers: handlers)], lock: nil))
        try await school.service.setPluginEnabled("odd", true, caller: admin)
        let test = school.test
        let student = school.students[0]
        try await school.build { builder in
            _ = try builder.mark(
                "4", for: student, in: try builder.work("answer", in: try builder.writer.reader.lesson(test.lessonID!)!)
            )
        }
        #expect(try await school.service.runPlugins().effects == 1)
        let cells = try await school.service.pluginReports(caller: admin).first?.cells.first
        #expect(cells?[0] == "inf" && cells?[1] == "-inf")
    }

    @Test func aNewVersionAskingForMoreRightsWaitsForTheAdministrator() async throws {
        let school = try await TestSchool.make([.fiveA, .marks])
        try await school.service.installPlugins(
            await PluginCatalog.load([plugin("grower", handlers: flagEveryMark)], lock: nil))
        try await school.service.setPluginEnabled("grower", true, caller: admin)
        var newer = plugin(
            "grower", capabilities: ["marks.read", "flags.write", "notify.family"], handlers: flagEveryMark)
        newer.files["plugin.lua"] = newer.files["plugin.lua"]!.replacingOccurrences(of: "1.0.0", with: "1.1.0")
        try await school.service.installPlugins(await PluginCatalog.load([newer], lock: nil))
        let status = try await school.service.pluginStatus("grower", caller: admin)
        #expect(!status.enabled)
        #expect(
            status.disabledReason?.contains("notify.family") == true, "\(String(describing: status.disabledReason))")
        try await school.service.setPluginEnabled("grower", true, caller: admin)
        #expect(try await school.service.pluginStatus("grower", caller: admin).enabled)
    }

    @Test func aPluginRefusedByTheLockCanStillBeDisabledAndNeverRuns() async throws {
        let school = try await TestSchool.make([.fiveA, .marks])
        let package = plugin("pinned", handlers: flagEveryMark)
        try await school.service.installPlugins(await PluginCatalog.load([package], lock: nil))
        try await school.service.setPluginEnabled("pinned", true, caller: admin)
        var edited = package
        edited.files["main.lua"]! += "\n-- edited after review\n"
        let loaded = try await LoadedPlugin.load(package)
        var lock = PluginLock()
        lock.entries["pinned"] = .init(id: "pinned", version: loaded.manifest.version, hash: loaded.hash)
        let catalog = await PluginCatalog.load([edited], lock: lock)
        #expect(catalog.plugins.isEmpty && catalog.refused.map(\.id) == ["pinned"])
        try await school.service.installPlugins(catalog)
        #expect(try await school.service.runPlugins().handled == 0)
        try await school.service.setPluginEnabled("pinned", false, caller: admin)
        await #expect(throws: JournalError.self) {
            try await school.service.setPluginEnabled("pinned", true, caller: self.admin)
        }
    }
}

@Suite("Plugins' messages to staff reach only those who may see the student")
struct PluginStaffRecipientTests {
    @Test func aRoleNoticeAboutAStudentSkipsTeachersWhoDoNotTeachThem() async throws {
        let handlers = """
            return { ["mark.entered"] = function(event, school, config)
              return {
                { kind = "notify", to = "role:teacher", student = event.student, text = "О ученике" },
                { kind = "task", to = "teacher", student = event.student, text = "Проверьте работу" },
              }
            end }
            """
        let school = try await TestSchool.make([.fiveA, .marks, .sixB], accounts: [.teacher, .otherTeacher])
        try await school.service.installPlugins(
            await PluginCatalog.load(
                [plugin("staffer", capabilities: ["notify.staff", "tasks.write"], handlers: handlers)], lock: nil))
        let admin = Caller.system("администратор")
        try await school.service.setPluginEnabled("staffer", true, caller: admin)
        let test = school.test
        let anna = school.students[0]
        try await school.build { builder in
            let work = try builder.work("answer", in: try builder.writer.reader.lesson(test.lessonID!)!)
            _ = try builder.mark("2", for: anna, in: work)
        }
        let report = try await school.service.runPlugins()
        #expect(report.failures == 0 && report.effects == 2, "\(report)")
        let teacher = Caller.person(try await school.service.subject(account: school.account(.teacher)))
        let other = Caller.person(try await school.service.subject(account: school.account(.otherTeacher)))
        // Петрова teaches Анна and is the teacher of the work: the notice and the task.
        #expect(Set(try await school.service.myTasks(caller: teacher).map(\.kind)) == [.notice, .task])
        // Сидоров teaches 6Б only: nothing about Анна reaches him.
        #expect(try await school.service.myTasks(caller: other).isEmpty)
    }
}
