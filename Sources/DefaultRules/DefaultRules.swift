/// The rules a new school starts with: the files under `rules/` of this repository, built into
/// the executable (Plugins/EmbedRulesPlugin), so `journal init` and `journal demo` need no
/// directory of rules beside them. `--rules DIR` uses a school's own instead.
public enum DefaultRules {
    /// Each file's text by its path under `rules/`: `scales/five.lua`.
    public static var files: [String: String] { embeddedRuleFiles }
}
