import Foundation
import Synchronization
import Testing
import Workers

@Suite struct WorkerThreadsTests {
    @Test func runsTheBodyOnAWorkerThreadAndReturnsItsResult() async throws {
        let pool = WorkerThreads(name: "test", threads: 2, queueLimit: 4)
        let name = try await pool.run { WorkerThreads.currentThread ?? "" }
        #expect(name.hasPrefix("test-"))
        #expect(WorkerThreads.currentThread == nil)
        let sum = try await pool.run { (1...100).reduce(0, +) }
        #expect(sum == 5050)
    }

    @Test func rethrowsTheBodysError() async {
        struct Failure: Error {}
        let pool = WorkerThreads(name: "test", threads: 1, queueLimit: 1)
        await #expect(throws: Failure.self) { try await pool.run { throw Failure() } }
    }

    @Test func refusesWorkBeyondTheQueueLimitInsteadOfWaiting() async throws {
        let pool = WorkerThreads(name: "busy", threads: 1, queueLimit: 1)
        let release = Atomic<Bool>(false)
        let started = Atomic<Bool>(false)
        // One job holds the only thread, a second waits in the queue: a third is refused.
        async let first: Void = pool.run {
            started.store(true, ordering: .sequentiallyConsistent)
            while !release.load(ordering: .sequentiallyConsistent) { usleep(1000) }
        }
        while !started.load(ordering: .sequentiallyConsistent) { try await Task.sleep(for: .milliseconds(1)) }
        async let second: Int = pool.run { 2 }
        while pool.waiting < 1 { try await Task.sleep(for: .milliseconds(1)) }
        await #expect(throws: WorkerThreads.Busy.self) { try await pool.run { 3 } }
        release.store(true, ordering: .sequentiallyConsistent)
        try await first
        #expect(try await second == 2)
        #expect(try await pool.run { 4 } == 4)
    }

    @Test func manyConcurrentCallersAllGetTheirOwnAnswer() async throws {
        let pool = WorkerThreads(name: "many", threads: 2, queueLimit: 1000)
        let results = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for index in 0..<200 { group.addTask { (index, try await pool.run { index * index }) } }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0.value == $0.key * $0.key })
    }
}
