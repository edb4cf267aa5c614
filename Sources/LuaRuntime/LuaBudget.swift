import Synchronization

/// A budget shared by many evaluations — the loading and tests of a rules check, a dry-run
/// over the whole school, the rule calls behind one page — so that limits set per call cannot
/// add up to minutes. Each evaluation runs under the tighter of its own ``LuaLimits`` and what
/// is left of the budget; once it is spent, further evaluations fail at once.
public final class LuaBudget: Sendable {
    /// What the budget is for, in messages: "this check", "this page".
    public let purpose: String
    public let instructions: Int
    public let timeout: Duration
    private let deadline: ContinuousClock.Instant
    private let spentInstructions = Atomic<Int>(0)

    public init(instructions: Int, timeout: Duration, purpose: String) {
        self.instructions = instructions
        self.timeout = timeout
        self.purpose = purpose
        self.deadline = ContinuousClock.now.advanced(by: timeout)
    }

    /// The instructions the evaluations have used so far.
    public var spent: Int { spentInstructions.load(ordering: .relaxed) }

    /// Whether nothing is left: no instructions, or no time.
    public var isSpent: Bool { spent >= instructions || ContinuousClock.now >= deadline }

    /// The limits for the next evaluation of `chunk`: its own, cut to what is left.
    func limits(for call: LuaLimits, chunk: String) throws -> LuaLimits {
        let left = instructions - spent
        guard left > 0 else {
            throw LuaError(kind: .instructionBudget, chunk: chunk, message: spentMessage(.instructionBudget))
        }
        let time = deadline - ContinuousClock.now
        guard time > .zero else { throw LuaError(kind: .timeLimit, chunk: chunk, message: spentMessage(.timeLimit)) }
        return LuaLimits(
            instructions: min(call.instructions, left), memoryBytes: call.memoryBytes, timeout: min(call.timeout, time))
    }

    func spend(_ used: Int) { spentInstructions.add(used, ordering: .relaxed) }

    /// Why an evaluation stopped when this budget, not its own limits, ran out.
    func spentMessage(_ kind: LuaError.Kind) -> String {
        kind == .timeLimit
            ? "the time allowed for \(purpose) (\(timeout)) is over"
            : "the budget of \(instructions) instructions for \(purpose) is spent"
    }
}
