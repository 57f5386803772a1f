import MIP

/// Limits and hooks for one planning run.
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds for the whole run (validation included).
    public var timeLimit: Double
    /// Stop once `(total - bound) / max(1, |total|)` is at most this (0: prove optimality).
    public var relativeGap: Double
    /// Set it to stop early; the best plan so far is returned.
    public var stop: StopFlag?
    /// Called now and then from the solving thread with the best total and bound so far.
    public var progress: (@Sendable (SolveProgress) -> Void)?
    /// Seed of the local search, so runs repeat exactly.
    public var seed: UInt64
    /// Return the first valid plan at once, with the bounds that cost no search (for a
    /// registration server that re-plans on every change). Its status is `optimal` only
    /// when those bounds already prove it.
    public var firstPlan: Bool
    /// The session guard of multi-session plans: how far (a fraction) each session's own
    /// cost (balance, size and soft rules) may rise above that session's lower bound before
    /// the search weighs it more, so that meeting new people over the event is not paid for
    /// by one session's balance. `nil` minimises the total alone. The plan is always scored
    /// by MODEL.md; the guard only chooses among plans, and may give a higher total (measured:
    /// the difference goes to topics and repeats).
    public var sessionTolerance: Double?

    public init(
        timeLimit: Double = 60, relativeGap: Double = 0, stop: StopFlag? = nil,
        progress: (@Sendable (SolveProgress) -> Void)? = nil, seed: UInt64 = 1, firstPlan: Bool = false,
        sessionTolerance: Double? = 0.015
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.stop = stop
        self.progress = progress
        self.seed = seed
        self.firstPlan = firstPlan
        self.sessionTolerance = sessionTolerance
    }
}

/// A progress report while planning.
public struct SolveProgress: Sendable, Equatable {
    /// Seconds since the run started.
    public var elapsed: Double
    /// What the planner is doing, e.g. `search`, `mip session Thu`.
    public var phase: String
    /// The best valid total found so far, if any.
    public var bestTotal: Double?
    /// The best proven lower bound so far, if any.
    public var bound: Double?

    public init(elapsed: Double, phase: String, bestTotal: Double?, bound: Double?) {
        self.elapsed = elapsed
        self.phase = phase
        self.bestTotal = bestTotal
        self.bound = bound
    }
}
