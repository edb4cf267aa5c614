import Foundation
import Hummingbird
import JournalAccess
import JournalModel
import JournalPlugins
import JournalService
import Localization

/// The school's plugins in the browser (issue 15), for those who manage them: the installed
/// plugins in their running order, and each one's description, rights, switch, settings
/// form, history and run log.
struct PluginPages {
    let web: WebSupport
    var service: JournalService { web.service }

    func addRoutes(to group: RouterGroup<JournalRequestContext>) {
        group.get("/admin/plugins", use: listPage)
            .get("/admin/plugins/:plugin", use: pluginPage)
            .post("/admin/plugins/:plugin/enable", use: enable)
            .post("/admin/plugins/:plugin/disable", use: disable)
            .post("/admin/plugins/:plugin/config", use: configure)
    }

    // MARK: - The list

    @Sendable func listPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        var page = startPage(request, session, "plugin.pages.title")
        let language = page.language
        let statuses = try await service.pluginStatuses(caller: session.caller)
        page.values = [
            "plugins": statuses.map { status -> [String: Any] in
                [
                    "id": status.id, "title": status.title?.text(language) ?? status.id,
                    "version": status.version ?? "—", "order": status.order.map(String.init) ?? "—",
                    "state": Self.state(status, language), "enabled": status.enabled,
                    "refused": status.state == .refused, "refusal": status.refusal as Any,
                    "disabledReason": status.disabledReason as Any, "runs": status.runs,
                    "failures": status.failedRuns,
                    "peak": Strings.text(
                        "plugin.pages.peak_of", language,
                        [
                            "peak": Self.grouped(status.peakInstructions),
                            "budget": Self.grouped(status.instructionBudget),
                        ]),
                ]
            },
            "none": statuses.isEmpty,
        ]
        return web.render("plugins", page)
    }

    /// Enabled, disabled or refused, in the page's language.
    static func state(_ status: PluginStatus, _ language: Language) -> String {
        let key =
            status.state == .refused
            ? "plugin.pages.state.refused"
            : status.enabled ? "plugin.pages.state.enabled" : "plugin.pages.state.disabled"
        return Strings.text(key, language)
    }

    // MARK: - A plugin

    @Sendable func pluginPage(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        var page = startPage(request, session, "plugin.pages.title")
        if request.query("enabled") != nil { page.flash = Strings.text("plugin.pages.enabled", page.language) }
        if request.query("disabled") != nil { page.flash = Strings.text("plugin.pages.disabled", page.language) }
        if request.query("saved") != nil { page.flash = Strings.text("plugin.pages.saved", page.language) }
        let status = try await service.pluginStatus(try Self.id(context), caller: session.caller)
        return try await render(page, status, form: nil, errors: [:])
    }

    @Sendable func enable(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await setEnabled(true, request, context)
    }

    @Sendable func disable(_ request: Request, context: JournalRequestContext) async throws -> Response {
        try await setEnabled(false, request, context)
    }

    private func setEnabled(_ enabled: Bool, _ request: Request, _ context: JournalRequestContext) async throws
        -> Response
    {
        let session = try context.signedIn
        let id = try Self.id(context)
        do {
            try await service.setPluginEnabled(id, enabled, caller: session.caller)
        } catch let error as JournalError {
            guard case .refused = error else { throw error }
            var page = startPage(request, session, "plugin.pages.title")
            page.error = Strings.text("web.refused", page.language, ["reason": error.text(page.language)])
            let status = try await service.pluginStatus(id, caller: session.caller)
            return try await render(page, status, form: nil, errors: [:], status: .unprocessableContent)
        }
        return WebResponse.redirect("/admin/plugins/\(id)?\(enabled ? "enabled" : "disabled")=1")
    }

    /// Saves the settings form; a value the schema or the plugin refuses is shown at its field
    /// with everything typed kept, and nothing is saved.
    @Sendable func configure(_ request: Request, context: JournalRequestContext) async throws -> Response {
        let session = try context.signedIn
        let id = try Self.id(context)
        let status = try await service.pluginStatus(id, caller: session.caller)
        var body = request
        let posted = try await FormData.read(&body)
        var form: [String: String] = [:]
        for (field, _) in status.config { form[field.name] = posted[field.name] }
        do {
            // An HTML form: an unticked checkbox is not sent, and means no.
            try await service.configurePlugin(id, form: form, checkboxes: true, caller: session.caller)
        } catch JournalError.invalid(let name, let message) {
            var page = startPage(request, session, "plugin.pages.title")
            let field = status.config.first { $0.field.name == name }?.field
            let text = Self.configMessage(message, field: field, page.language)
            if field == nil { page.error = text }
            var typed = form
            for (field, _) in status.config where field.kind == .boolean && typed[field.name] == nil {
                typed[field.name] = "false"
            }
            return try await render(page, status, form: typed, errors: [name: text], status: .unprocessableContent)
        }
        return WebResponse.redirect("/admin/plugins/\(id)?saved=1")
    }

    /// A refusal of a setting in the page's language, naming the field by its title.
    static func configMessage(_ message: JournalError.Message, field: PluginConfigField?, _ language: Language)
        -> String
    {
        var values = message.values
        if let field { values["field"] = field.title.text(language) }
        return Strings.text(message.key, language, values)
    }

    private func render(
        _ page: WebPage, _ status: PluginStatus, form: [String: String]?, errors: [String: String],
        status code: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var page = page
        let language = page.language
        let caller = page.session!.caller
        let time = TimeText(timeZone: try await service.school().timeZone)
        page.title = status.title?.text(language) ?? status.id
        let history = status.state == .ready ? try await service.pluginHistory(status.id, caller: caller) : []
        page.values = [
            "id": status.id, "heading": page.title, "version": status.version ?? "—",
            "hash": status.hash.map { String($0.prefix(12)) } as Any,
            "description": status.description?.text(language) as Any,
            "state": Self.state(status, language), "enabled": status.enabled, "ready": status.state == .ready,
            "refusal": status.refusal as Any, "disabledReason": status.disabledReason as Any,
            "order": status.order.map(String.init) as Any,
            "events": status.events.map { event in
                ["name": event.rawValue, "text": Strings.text("plugin.pages.event.\(event.rawValue)", language)]
            },
            "capabilities": status.capabilities.map { capability in
                [
                    "name": capability.rawValue,
                    "text": Strings.text("plugin.pages.capability.\(capability.rawValue)", language),
                ]
            },
            "hasConfig": !status.config.isEmpty,
            "fields": status.config.map { field, value in
                PluginConfigForm.values(
                    field, value: form?[field.name] ?? value.description, errors[field.name], language)
            },
            "runs": status.runs, "failures": status.failedRuns, "inARow": status.failuresInARow,
            "peak": Strings.text(
                "plugin.pages.peak_of", language,
                ["peak": Self.grouped(status.peakInstructions), "budget": Self.grouped(status.instructionBudget)]),
            "waiting": status.waiting.map(String.init) as Any,
            "history": history.map { ["time": time($0.at), "actor": $0.actor, "what": $0.what] },
            "noHistory": history.isEmpty,
            "recentRuns": status.recentRuns.map { Self.runValues($0, time, language) },
            "noRuns": status.recentRuns.isEmpty,
            "lastError": status.lastError.map { Self.runValues($0, time, language) } as Any,
        ]
        return web.render("plugin", page, status: code)
    }

    static func runValues(_ run: PluginRun, _ time: TimeText, _ language: Language) -> [String: Any] {
        [
            "time": time(run.at), "event": run.eventKind,
            "outcome": Strings.text("plugin.pages.outcome.\(run.outcome.rawValue)", language),
            "failed": run.outcome != .ok,
            "ms": String(format: "%.1f", Double(run.micros) / 1000), "instructions": Self.grouped(run.instructions),
            "effects": run.effects, "message": run.message ?? "",
        ]
    }

    static func id(_ context: JournalRequestContext) throws -> String {
        guard let id = context.parameters.get("plugin"), PluginID.isValid(id) else {
            throw Problem.notFound("plugin.pages.no_plugin")
        }
        return id
    }

    func startPage(_ request: Request, _ session: AuthenticatedSession, _ title: String) -> WebPage {
        let language = web.language(request)
        var page = WebPage(title: Strings.text(title, language), language: language, session: session)
        page.active = "/admin/plugins"
        return page
    }
}

/// One field of a plugin's settings form, generated from its schema.
enum PluginConfigForm {
    static func values(_ field: PluginConfigField, value: String, _ error: String?, _ language: Language)
        -> [String: Any]
    {
        var values: [String: Any] = [
            "name": field.name, "title": field.title.text(language), "value": value, "fieldError": error as Any,
            "invalid": error != nil,
        ]
        switch field.kind {
        case .integer, .number:
            values["isNumber"] = true
            values["step"] = field.kind == .integer ? "1" : "any"
            values["min"] = field.minimum.map { PluginConfigValue.number($0).description } as Any
            values["max"] = field.maximum.map { PluginConfigValue.number($0).description } as Any
        case .boolean:
            values["isBoolean"] = true
            values["checked"] = (try? field.accept(text: value)) == .boolean(true)
        case .enum:
            values["isEnum"] = true
            values["options"] = field.values.map { ["value": $0, "selected": $0 == value] as [String: Any] }
        case .string:
            values["isString"] = true
            values["maxLength"] = field.maximumLength
        }
        return values
    }
}

extension PluginPages {
    /// 20000000 as "20 000 000": digits grouped by three with a narrow no-break space.
    static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (number < 0 ? "-" : "") + groups.joined(separator: "\u{202F}")
    }
}
