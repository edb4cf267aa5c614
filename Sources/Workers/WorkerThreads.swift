import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A fixed set of dedicated threads for CPU-bound work — Lua evaluation, password hashing —
/// so that the cooperative thread pool, which serves every request, is never held by it.
///
/// Swift's cooperative pool has one thread per core: a handler that runs a second of Lua or
/// a bcrypt hash on it stalls every other request, health checks included. Work submitted
/// here runs on the pool's own threads while the submitting task is suspended; when more
/// than `queueLimit` jobs wait, new work is refused at once with ``WorkerThreads/Busy``
/// instead of queueing without bound.
public final class WorkerThreads: Sendable {
    /// Work refused because every thread is busy and the queue is full.
    public struct Busy: Error, Sendable, CustomStringConvertible {
        public var pool: String
        public var waiting: Int
        public var description: String {
            "the \(pool) workers are busy (\(waiting) jobs waiting); try again in a moment"
        }
    }

    public let name: String
    public let threadCount: Int
    public let queueLimit: Int
    private let queue: JobQueue

    /// Starts `threads` threads named `name`; at most `queueLimit` jobs wait for one of them
    /// (jobs running are not counted). The threads live as long as the pool.
    public init(name: String, threads: Int, queueLimit: Int) {
        precondition(threads > 0 && queueLimit > 0, "a pool needs a thread and room for a job")
        self.name = name
        self.threadCount = threads
        self.queueLimit = queueLimit
        self.queue = JobQueue()
        for index in 0..<threads {
            let label = PoolLabel("\(name)-\(index)")
            let thread = Thread { [queue] in
                pthread_setspecific(PoolLabel.key, Unmanaged.passRetained(label).toOpaque())
                queue.serve()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    deinit { queue.stop() }

    /// The pool thread the caller runs on (`rules-1`), or nil off the pools' threads.
    public static var currentThread: String? {
        guard let pointer = pthread_getspecific(PoolLabel.key) else { return nil }
        return Unmanaged<PoolLabel>.fromOpaque(pointer).takeUnretainedValue().name
    }

    /// Jobs waiting for a thread, not counting those running.
    public var waiting: Int { queue.waiting }

    /// Runs `body` on one of the pool's threads and returns its result; the calling task is
    /// suspended meanwhile, so the body may use what the caller lent it. Throws ``Busy``
    /// without running it when the queue is full.
    public func run<T>(_ body: () throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { escapable in
            // The worker lets go of the body before it resumes the caller: the body must not
            // outlive this call, and `withoutActuallyEscaping` checks that it does not.
            let lent = Lent(escapable)
            let outcome: UnsafeTransfer<Result<T, any Error>> = try await withCheckedThrowingContinuation {
                continuation in
                let accepted = queue.submit(limit: queueLimit) {
                    continuation.resume(returning: UnsafeTransfer(lent.runOnce()))
                }
                if !accepted {
                    _ = lent.take()
                    continuation.resume(throwing: Busy(pool: name, waiting: queue.waiting))
                }
            }
            return try outcome.value.get()
        }
    }
}

/// A body lent to a worker for one run; taken out before the run so nothing keeps it after.
private final class Lent<T>: @unchecked Sendable {
    private var body: (() throws -> T)?

    init(_ body: @escaping () throws -> T) { self.body = body }

    func take() -> (() throws -> T)? {
        defer { body = nil }
        return body
    }

    /// Runs the body and releases it before returning.
    func runOnce() -> Result<T, any Error> {
        guard let body = take() else { return .failure(CancellationError()) }
        return Result { try body() }
    }
}

/// The name of a pool's thread, kept in thread-specific storage (Foundation's `Thread.name`
/// is not dependable on Linux right after a thread starts).
private final class PoolLabel: Sendable {
    let name: String
    init(_ name: String) { self.name = name }

    nonisolated(unsafe) static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()
}

/// A value handed to another thread while its owner waits for the answer: the handover is
/// sequential, so no two threads use it at once.
private struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// The jobs and the condition the threads sleep on.
private final class JobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [(() -> Void)?] = []
    private var head = 0
    private var stopped = false

    var waiting: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobs.count - head
    }

    /// Adds a job unless `limit` jobs already wait.
    func submit(limit: Int, _ job: @escaping () -> Void) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped, jobs.count - head < limit else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// A thread's life: take the next job, run it, until the pool stops.
    func serve() {
        while let job = next() { job() }
    }

    private func next() -> (() -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !stopped { condition.wait() }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        jobs[head] = nil
        head += 1
        if head > 64 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }
}
