import Foundation
import JournalModel
public import JournalPlugins
import JournalStore

/// What `journal bench plugins` measured: mark events handed through the enabled plugins end
/// to end, and a mark's latency with the plugins running beside it and without.
public struct PluginBenchReport: Sendable {
    public var events = 0
    public var runs: PluginsRunReport = PluginsRunReport()
    public var runTime: Duration = .zero
    public var markLatencyOff: [Duration] = []
    public var markLatencyOn: [Duration] = []
    public var pluginRunsDuring = 0
}

extension JournalService {
    /// Enables every plugin of `catalog`, changes `marks` marks of the school in transactions
    /// of 500 (a quarter of them to a failing 2), then times the plugins' run over all those
    /// events; then changes `latencyMarks` marks one by one through the service, in blocks of
    /// 50 alternating without the plugins and with them running every `interval`.
    public func benchPlugins(
        _ catalog: PluginCatalog, marks count: Int, latencyMarks: Int, interval: Duration
    ) async throws -> PluginBenchReport {
        let system = Caller.system("bench plugins")
        try await installPlugins(catalog)
        for plugin in catalog.plugins { try await setPluginEnabled(plugin.id, true, caller: system) }
        _ = try await runPlugins()
        var report = PluginBenchReport()
        let marks = try await database.read { reader in
            try reader.recentMarks(limit: count + latencyMarks)
        }
        // The newest marks (in the open period) for the latency, the others as the events.
        let changed = Array(marks.dropFirst(latencyMarks))
        var random = SystemRandomNumberGenerator()
        for start in stride(from: 0, to: changed.count, by: 500) {
            let block = changed[start..<min(start + 500, changed.count)]
            let values = block.map { _ in ["2", "3", "4", "5"].randomElement(using: &random)! }
            try await database.write(actor: system.actor, reason: "bench: plugins") { writer in
                for (mark, value) in zip(block, values) {
                    var mark = mark
                    mark.value = mark.value == value ? (value == "2" ? "3" : "2") : value
                    try writer.update(mark)
                }
            }
        }
        report.events = changed.count
        let clock = ContinuousClock()
        let started = clock.now
        report.runs = try await runPlugins()
        report.runTime = clock.now - started

        let latency = Array(marks.prefix(latencyMarks))
        for blockStart in stride(from: 0, to: latency.count, by: 50) {
            let on = (blockStart / 50) % 2 == 1
            let runner: Task<Int, Never>? =
                on
                ? Task {
                    var runs = 0
                    while !Task.isCancelled {
                        _ = try? await self.runPlugins()
                        runs += 1
                        try? await Task.sleep(for: interval)
                    }
                    return runs
                } : nil
            for mark in latency[blockStart..<min(blockStart + 50, latency.count)] {
                let current = try await database.read { try $0.mark(mark.id!) } ?? mark
                let value = current.value == "2" ? "3" : "2"
                let began = clock.now
                _ = try await changeMark(
                    current.id!, version: current.version, value: value, comment: current.comment, caller: system,
                    reason: "bench")
                if on {
                    report.markLatencyOn.append(clock.now - began)
                } else {
                    report.markLatencyOff.append(clock.now - began)
                }
            }
            if let runner {
                runner.cancel()
                report.pluginRunsDuring += await runner.value
            }
        }
        return report
    }
}
