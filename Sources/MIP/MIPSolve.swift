import Foundation

/// How a MIP solve ended.
public enum MIPTermination: Sendable, Equatable {
    /// The search finished: the incumbent is optimal (within the relative gap asked for).
    case optimal
    /// The search proved that no integer solution exists.
    case infeasible
    /// The time limit was reached.
    case timeLimit
    /// The caller asked to stop.
    case stopped
    /// The requested relative gap was reached, or the incumbent met the objective floor.
    case gapReached
    /// The solver failed (numerical trouble, bad root LP); no proof either way.
    case failed(String)
}

/// A snapshot of the search, handed to the progress callback.
public struct MIPProgress: Sendable, Equatable {
    public var elapsed: Double
    public var incumbent: Double?
    public var bound: Double?

    public init(elapsed: Double, incumbent: Double?, bound: Double?) {
        self.elapsed = elapsed
        self.incumbent = incumbent
        self.bound = bound
    }
}

/// Limits and switches for one solve.
public struct MIPOptions: Sendable {
    /// Wall-clock limit in seconds; `nil` means none.
    public var timeLimit: Double?
    /// Stop once `(incumbent - bound) / max(1, |incumbent|)` is at most this.
    public var relativeGap: Double
    /// Use GLPK's MIP presolver (warm starts are ignored when it is on).
    public var presolve: Bool
    /// Use mixed-integer rounding cuts.
    public var cuts: Bool
    /// A lower bound on the optimum proven elsewhere: the search stops as soon as an
    /// incumbent reaches it (within 1e-9 relative), since nothing better exists.
    public var objectiveFloor: Double?

    public init(
        timeLimit: Double? = nil, relativeGap: Double = 0, presolve: Bool = false, cuts: Bool = true,
        objectiveFloor: Double? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.cuts = cuts
        self.objectiveFloor = objectiveFloor
    }
}

/// What a solve returns.
public struct MIPResult: Sendable {
    public var termination: MIPTermination
    /// The best integer solution found, one value per column, integers rounded.
    public var values: [Double]?
    /// Its objective value.
    public var objective: Double?
    /// A proven lower bound on the optimum, when one is known.
    public var bound: Double?
    public var seconds: Double

    public init(termination: MIPTermination, values: [Double]?, objective: Double?, bound: Double?, seconds: Double) {
        self.termination = termination
        self.values = values
        self.objective = objective
        self.bound = bound
        self.seconds = seconds
    }
}

/// A thread-safe flag that a caller sets to stop a running solve.
public final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    public init() {}
    public func stop() { lock.withLock { stopped = true } }
    public var isStopped: Bool { lock.withLock { stopped } }
}

/// What an LP solve (the continuous relaxation of a program) returns.
public struct LPResult: Sendable {
    public enum Status: Sendable, Equatable {
        case optimal
        case infeasible
        case unbounded
        /// Time limit, numerical trouble or another status: no optimum is known.
        case undecided(String)
    }

    public var status: Status
    /// Column values and the objective at the optimum (`status == .optimal`).
    public var values: [Double]?
    public var objective: Double?
    /// The dual value of each row at the optimum.
    public var rowDuals: [Double]?

    public init(status: Status, values: [Double]?, objective: Double?, rowDuals: [Double]?) {
        self.status = status
        self.values = values
        self.objective = objective
        self.rowDuals = rowDuals
    }
}
