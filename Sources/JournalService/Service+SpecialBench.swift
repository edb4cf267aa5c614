public import Foundation
import JournalAccess
public import JournalModel
import JournalStore

/// What `journal bench special-reads` measures: the check a medical page makes on its student
/// without the trace, and with it (the check and the written trace of the read).
public struct SpecialReadBench: Sendable {
    public var checked: [Duration]
    public var checkedAndLogged: [Duration]
}

extension JournalService {
    /// Times, for `samples` students in turn, the medical worker's access check alone and
    /// ``openSpecial(_:_:domain:about:what:)`` (the check and the trace), interleaved so that
    /// the machine's noise falls on both alike.
    public func benchSpecialReads(samples: Int) async throws -> SpecialReadBench {
        let (account, students) = try await database.read { reader in
            (try reader.accountRoleRows(role: .medical).first?.accountID, try reader.allStudents().compactMap(\.id))
        }
        guard let account, !students.isEmpty else {
            throw JournalError.refused(.init("error.bench_no_medical"))
        }
        let caller = Caller.person(try await subject(account: account))
        let clock = ContinuousClock()
        var checked: [Duration] = []
        var logged: [Duration] = []
        for index in 0..<(samples + 20) {
            let student = students[index % students.count]
            var started = clock.now
            let object = try await studentObject(student, for: .healthView, caller: caller)
            try await authorize(caller, .healthView, object)
            let check = clock.now - started
            started = clock.now
            try await openSpecial(
                caller, .healthView, domain: .health, about: .students([student]), what: "health.card")
            let both = clock.now - started
            // The first runs warm the caches and are not counted.
            if index >= 20 {
                checked.append(check)
                logged.append(both)
            }
        }
        return SpecialReadBench(checked: checked, checkedAndLogged: logged)
    }
}
