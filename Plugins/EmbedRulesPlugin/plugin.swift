import Foundation
import PackagePlugin

/// Builds the school's default rules (`rules/**/*.lua`) into the `DefaultRules` module, so
/// that `journal init` and `journal demo` work from any directory: the rules travel inside
/// the executable. Rebuilt whenever a rule file changes.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let rules = context.package.directoryURL.appending(path: "rules")
        var inputs: [URL] = []
        if let files = FileManager.default.enumerator(at: rules, includingPropertiesForKeys: nil) {
            for case let url as URL in files where url.pathExtension == "lua" { inputs.append(url) }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedRules.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) rule files",
                executable: try context.tool(named: "embed-rules").url,
                arguments: [output.path, rules.path] + inputs.map(\.path),
                inputFiles: inputs, outputFiles: [output])
        ]
    }
}
