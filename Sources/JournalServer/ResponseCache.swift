import Synchronization

/// Encoded answers kept while the data they were built from is unchanged: a diary week is
/// read far more often than anything in it is written. Each entry carries the tag of what it
/// was built from; a write retires only the entries whose tag it changes (a mark, the one
/// student's weeks); access is still checked on every request.
///
/// When an entry is stale, the requests that find it so wait for one of them to build it anew
/// instead of all building it at once (64 connections to one week would otherwise each build
/// and encode it after every mark).
final class ResponseCache: Sendable {
    private struct Entry {
        var tag: String
        var bytes: [UInt8]
    }

    private struct Building: Hashable {
        var key: String
        var tag: String
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let building = Mutex<[Building: Task<[UInt8], any Error>]>([:])
    let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    func get(_ key: String, tag: String) -> [UInt8]? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.tag == tag else { return nil }
            return entry.bytes
        }
    }

    func put(_ key: String, tag: String, bytes: [UInt8]) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(tag: tag, bytes: bytes)
        }
    }

    /// The entry for `key` as of `tag`: kept, being built by another request, or built now.
    func value(_ key: String, tag: String, build: @escaping @Sendable () async throws -> [UInt8]) async throws
        -> [UInt8]
    {
        if let bytes = get(key, tag: tag) { return bytes }
        let id = Building(key: key, tag: tag)
        let task: Task<[UInt8], any Error> = building.withLock { building in
            if let running = building[id] { return running }
            let task = Task { try await build() }
            building[id] = task
            return task
        }
        do {
            let bytes = try await task.value
            put(key, tag: tag, bytes: bytes)
            building.withLock { _ = $0.removeValue(forKey: id) }
            return bytes
        } catch {
            building.withLock { _ = $0.removeValue(forKey: id) }
            throw error
        }
    }
}
