import JournalModel

/// The order plugins run in: `after` and `before` are constraints between names, never
/// numeric priorities. Plugins no constraint relates keep the order of their ids. A name
/// that is not installed constrains nothing (an optional companion); a cycle is refused.
public enum PluginOrder {
    /// The ids of `manifests` in running order, or the plugins of a cycle.
    public static func sorted(_ manifests: [PluginManifest]) throws -> [String] {
        let ids = Set(manifests.map(\.id))
        // An edge a → b: a runs before b.
        var successors: [String: Set<String>] = [:]
        var predecessors: [String: Int] = Dictionary(uniqueKeysWithValues: ids.map { ($0, 0) })
        func edge(_ from: String, _ to: String) {
            guard ids.contains(from), ids.contains(to), successors[from, default: []].insert(to).inserted else {
                return
            }
            predecessors[to, default: 0] += 1
        }
        for manifest in manifests {
            for other in manifest.after { edge(other, manifest.id) }
            for other in manifest.before { edge(manifest.id, other) }
        }
        var ready = ids.filter { predecessors[$0] == 0 }.sorted()
        var order: [String] = []
        while !ready.isEmpty {
            let next = ready.removeFirst()
            order.append(next)
            for successor in (successors[next] ?? []).sorted() {
                predecessors[successor]! -= 1
                if predecessors[successor] == 0 {
                    ready.append(successor)
                    ready.sort()
                }
            }
        }
        guard order.count == ids.count else {
            let cycle = ids.subtracting(order).sorted()
            throw JournalError.refused(.init("plugin.order.cycle", ["plugins": cycle.joined(separator: ", ")]))
        }
        return order
    }
}
