import Foundation
import JournalModel
import JournalPlugins
import JournalService
import Localization

/// A plugin's flag on a student as the journal shows it beside the name: "⚑ риск
/// неаттестации", with the plugin's title as its tooltip (issue 15).
struct PluginFlagBadge: Hashable {
    var text: String
    var plugin: String

    var html: String {
        "<span class=\"flag\" data-plugin-flag title=\"\(plugin.htmlEscaped)\">⚑ \(text.htmlEscaped)</span>"
    }

    var values: [String: Any] { ["text": text, "plugin": plugin] }

    /// The flags of `students` in `subject` or in none. Only for pages that already show
    /// those students to the reader: the grid and the lesson.
    static func badges(
        _ service: JournalService, students: [StudentID], subject: SubjectID?, _ language: Language
    ) async throws -> [StudentID: [PluginFlagBadge]] {
        let catalog = service.plugins
        let flags = try await service.journalFlags(students, subject: subject)
        let badges = flags.plugins.mapValues { flags in
            flags.map { flag in
                PluginFlagBadge(
                    text: flag.text,
                    plugin: catalog.plugin(flag.pluginID)?.manifest.title.text(language) ?? flag.pluginID)
            }
        }
        // The medical office's flags (`health_flags.lua`), never the records behind them.
        let health = flags.health.mapValues { flags in
            flags.map { PluginFlagBadge(text: $0.text, plugin: Strings.text("health.flag_tooltip", language)) }
        }
        return badges.merging(health) { $1 + $0 }
    }
}
