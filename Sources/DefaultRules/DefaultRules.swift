/// The rules a new school starts with: the files under `rules/` of this repository, built into
/// the executable (Plugins/EmbedRulesPlugin), so `journal init` and `journal demo` need no
/// directory of rules beside them. `--rules DIR` uses a school's own instead.
public enum DefaultRules {
    /// Each file's text by its path under `rules/`: `scales/five.lua`.
    /// Survey templates (`surveys/…`) are not rules of the school; they are listed apart.
    public static var files: [String: String] { embeddedRuleFiles.filter { !$0.key.hasPrefix(surveysFolder) } }

    /// The survey templates under `rules/surveys/`, by name: `school_meals`.
    public static var surveyTemplates: [String: String] {
        var templates: [String: String] = [:]
        for (path, source) in embeddedRuleFiles where path.hasPrefix(surveysFolder) && path.hasSuffix(".lua") {
            templates[String(path.dropFirst(surveysFolder.count).dropLast(4))] = source
        }
        return templates
    }

    static let surveysFolder = "surveys/"
}
