import Synchronization
public import Workers

/// A fixed number of sandboxed states shared by concurrent callers.
///
/// A state serves one evaluation at a time: `withState` waits for a free one, lends it to
/// the body and takes it back. A state that a limit broke is thrown away and a fresh one
/// takes its place, set up again by `configure`. Scripts compile once per state, on first use.
///
/// Given worker threads, the bodies run on them, never on the caller's thread: a script that
/// runs to its limits then holds a worker, not one of the threads that serve requests.
public final class LuaStatePool: Sendable {
    public let capacity: Int
    /// Where bodies run; nil runs them on the caller's thread (tools, tests).
    public let threads: WorkerThreads?
    private let configure: @Sendable (LuaState) throws -> Void
    private let inventory = Mutex(Inventory())

    private struct Inventory {
        var idle: [LuaState] = []
        var created = 0
        /// Waiters get a state, or nil: "a slot is free, make your own".
        var waiters: [CheckedContinuation<LuaState?, Never>] = []
    }

    /// - Parameters:
    ///   - capacity: the most states alive at once.
    ///   - configure: registers Swift functions on each new state.
    ///   - threads: the threads bodies run on; nil for the caller's own.
    public init(
        capacity: Int, threads: WorkerThreads? = nil,
        configure: @escaping @Sendable (LuaState) throws -> Void = { _ in }
    ) {
        precondition(capacity > 0, "a pool needs at least one state")
        self.capacity = capacity
        self.threads = threads
        self.configure = configure
    }

    /// Lends a state to `body`. The state must not escape the body.
    public func withState<Result>(_ body: (LuaState) throws -> Result) async throws -> Result {
        let state = try await acquire()
        defer { release(state) }
        guard let threads else { return try body(state) }
        return try await threads.run { try body(state) }
    }

    /// Lends a state to an asynchronous `body`, which runs on the caller's task (never on the
    /// pool's threads): for a caller that must hold this state while it waits for another
    /// pool's. The state must not escape the body.
    public func withStateHeld<Result>(_ body: (LuaState) async throws -> Result) async throws -> Result {
        let state = try await acquire()
        defer { release(state) }
        return try await body(state)
    }

    /// How many states exist now, idle or lent.
    public var statesCreated: Int { inventory.withLock { $0.created } }

    private enum Claim {
        case state(LuaState)
        case make
        case wait
    }

    private func acquire() async throws -> LuaState {
        let claim: Claim = inventory.withLock { inventory in
            if let state = inventory.idle.popLast() { return .state(state) }
            if inventory.created < capacity {
                inventory.created += 1
                return .make
            }
            return .wait
        }
        switch claim {
        case .state(let state):
            return state
        case .make:
            return try makeState()
        case .wait:
            let handed = await withCheckedContinuation { continuation in
                let immediate: Claim? = inventory.withLock { inventory in
                    if let state = inventory.idle.popLast() { return .state(state) }
                    if inventory.created < capacity {
                        inventory.created += 1
                        return .make
                    }
                    inventory.waiters.append(continuation)
                    return nil
                }
                switch immediate {
                case .state(let state): continuation.resume(returning: state)
                case .make: continuation.resume(returning: nil)
                default: break
                }
            }
            if let handed { return handed }
            return try makeState()
        }
    }

    /// Creates a state for a slot already counted in `created`; gives the slot back on failure.
    private func makeState() throws -> LuaState {
        do {
            let state = try LuaState()
            try configure(state)
            return state
        } catch {
            freeSlot()
            throw error
        }
    }

    private func release(_ state: LuaState) {
        guard !state.isBroken else {
            freeSlot()
            return
        }
        let waiter = inventory.withLock { inventory in
            if inventory.waiters.isEmpty {
                inventory.idle.append(state)
                return nil as CheckedContinuation<LuaState?, Never>?
            }
            return inventory.waiters.removeFirst()
        }
        waiter?.resume(returning: state)
    }

    private func freeSlot() {
        let waiter = inventory.withLock { inventory in
            if inventory.waiters.isEmpty {
                inventory.created -= 1
                return nil as CheckedContinuation<LuaState?, Never>?
            }
            return inventory.waiters.removeFirst()  // the slot passes to the waiter
        }
        waiter?.resume(returning: nil)
    }
}
