import Synchronization

/// Encoded answers kept while the data they were built from is unchanged: a diary week is
/// read far more often than anything in it is written. Each entry carries the tag of what it
/// was built from; a write retires only the entries whose tag it changes (a mark, the one
/// student's weeks); access is still checked on every request.
final class ResponseCache: Sendable {
    private struct Entry {
        var tag: String
        var bytes: [UInt8]
    }

    private let entries = Mutex<[String: Entry]>([:])
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
}
