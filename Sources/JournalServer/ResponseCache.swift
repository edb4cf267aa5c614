import Synchronization

/// Encoded answers kept while the journal data they were built from is unchanged: a diary
/// week is read far more often than anything in it is written. Any committed write moves
/// the data epoch on and so retires every entry; access is still checked on every request.
final class ResponseCache: Sendable {
    private struct Entry {
        var epoch: UInt64
        var bytes: [UInt8]
    }

    private let entries = Mutex<[String: Entry]>([:])
    let capacity: Int

    init(capacity: Int = 4096) { self.capacity = capacity }

    func get(_ key: String, epoch: UInt64) -> [UInt8]? {
        entries.withLock { entries in
            guard let entry = entries[key], entry.epoch == epoch else { return nil }
            return entry.bytes
        }
    }

    func put(_ key: String, epoch: UInt64, bytes: [UInt8]) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(epoch: epoch, bytes: bytes)
        }
    }
}
