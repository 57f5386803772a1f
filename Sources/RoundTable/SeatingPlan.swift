/// How a plan's quality stands (MODEL.md "The plan").
public enum SolveStatus: String, Sendable, Equatable, CaseIterable {
    /// A valid plan whose total equals a proven lower bound.
    case optimal
    /// A valid plan, not proven optimal.
    case feasible
    /// Proven: no valid plan exists.
    case infeasible
    /// No valid plan found within the limits, and no proof that none exists.
    case unknown
}

/// The score terms of a plan (MODEL.md "The score"); lower is better.
public struct ScoreBreakdown: Sendable, Equatable {
    public var balance: Double
    public var size: Double
    public var topics: Double
    public var repeats: Double
    /// Soft-rule penalties.
    public var rules: Double
    /// Extension: the moves term, `moves` weight times attendee-sessions seated away
    /// from the previous plan (0 without one).
    public var moves: Double

    public init(balance: Double = 0, size: Double = 0, topics: Double = 0, repeats: Double = 0, rules: Double = 0, moves: Double = 0) {
        self.balance = balance
        self.size = size
        self.topics = topics
        self.repeats = repeats
        self.rules = rules
        self.moves = moves
    }

    public var total: Double { balance + size + topics + repeats + rules + moves }
}

/// One seat: an attendee at a table in a session.
public struct Assignment: Sendable, Equatable, Hashable {
    public var attendee: String
    /// May be `nil` only when the request has one session.
    public var session: String?
    public var table: String

    public init(attendee: String, session: String?, table: String) {
        self.attendee = attendee
        self.session = session
        self.table = table
    }
}

/// A seating plan with its proven quality.
public struct SeatingPlan: Sendable, Equatable {
    public var status: SolveStatus
    /// The score terms; `nil` when there is no valid plan.
    public var objective: ScoreBreakdown?
    /// A proven lower bound on the total of any valid plan, when known.
    public var bound: Double?
    public var assignments: [Assignment]
    /// Why the request is infeasible, in organizer terms (when `status == .infeasible`,
    /// or `.unknown` with a diagnosis).
    public var explanation: [String]
    /// Per attendee, the number of distinct other people met over all sessions.
    public var peopleMet: [String: Int]
    /// Wall-clock seconds spent.
    public var seconds: Double
    /// How the plan was found (e.g. `exact-mip`, `session-mip`, `local-search`).
    public var method: String
    /// With a previous plan: every attendee-session seated elsewhere, and why.
    public var moves: [Move]
    /// For an infeasible request: changes that make it feasible, each checked by re-solving.
    public var fixes: [Fix]
    /// Extension: why the bound holds when a counting argument gives part of it, in
    /// organizer terms (e.g. the fewest repeated meetings any plan can have).
    public var boundProof: String?

    public init(
        status: SolveStatus, objective: ScoreBreakdown? = nil, bound: Double? = nil, assignments: [Assignment] = [],
        explanation: [String] = [], peopleMet: [String: Int] = [:], seconds: Double = 0, method: String = "",
        moves: [Move] = [], fixes: [Fix] = [], boundProof: String? = nil
    ) {
        self.status = status
        self.objective = objective
        self.bound = bound
        self.assignments = assignments
        self.explanation = explanation
        self.peopleMet = peopleMet
        self.seconds = seconds
        self.method = method
        self.moves = moves
        self.fixes = fixes
        self.boundProof = boundProof
    }

    /// `(total - bound) / max(1, |total|)`, when both are known.
    public var relativeGap: Double? {
        guard let total = objective?.total, let bound else { return nil }
        return max(0, total - bound) / max(1, abs(total))
    }
}

/// An attendee seated, in one session, away from their table in the previous plan.
public struct Move: Sendable, Equatable {
    public var attendee: String
    public var session: String
    public var from: String
    public var to: String
    /// Why, in organizer terms: what moving them back would break or cost.
    public var reason: String

    public init(attendee: String, session: String, from: String, to: String, reason: String) {
        self.attendee = attendee
        self.session = session
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// A change that makes an infeasible request feasible, checked by re-solving.
public struct Fix: Sendable, Equatable, CustomStringConvertible {
    /// What to change.
    public enum Change: Sendable, Equatable {
        /// Give rule `index` (of `request.rules`) a weight, so it is soft.
        case makeRuleSoft(index: Int, weight: Double)
        /// Add `count` tables of `capacity` seats available in `session`.
        case addTables(session: String, count: Int, capacity: Int)
        /// Set every table's minSize to 0.
        case dropMinSizes
        /// Remove the attendee's pin.
        case unpin(attendee: String)
        /// Let the group's members sit apart.
        case splitGroup(group: String)
        /// Remove the avoid between two attendees (both directions).
        case dropAvoid(String, String)
        /// All of these changes together.
        indirect case all([Change])
    }

    public var change: Change
    /// The change in organizer terms.
    public var description: String

    public init(change: Change, description: String) {
        self.change = change
        self.description = description
    }

    /// `request` with this change made.
    public func apply(to request: SeatingRequest) -> SeatingRequest {
        Self.apply(change, to: request)
    }

    private static func apply(_ change: Change, to request: SeatingRequest) -> SeatingRequest {
        var request = request
        switch change {
        case .all(let changes):
            for part in changes { request = apply(part, to: request) }
        case .makeRuleSoft(let index, let weight):
            if request.rules.indices.contains(index) { request.rules[index].weight = weight }
        case .addTables(let session, let count, let capacity):
            var number = 1
            for _ in 0..<count {
                while request.tables.contains(where: { $0.id == "added-\(number)" }) { number += 1 }
                request.tables.append(Table(id: "added-\(number)", capacity: capacity, sessions: [session]))
                number += 1
            }
        case .dropMinSizes:
            for t in request.tables.indices { request.tables[t].minSize = 0 }
        case .unpin(let attendee):
            for i in request.attendees.indices where request.attendees[i].id == attendee { request.attendees[i].pin = nil }
        case .splitGroup(let group):
            for i in request.attendees.indices where request.attendees[i].group == group { request.attendees[i].group = nil }
        case .dropAvoid(let a, let b):
            for i in request.attendees.indices {
                if request.attendees[i].id == a { request.attendees[i].avoid.removeAll { $0 == b } }
                if request.attendees[i].id == b { request.attendees[i].avoid.removeAll { $0 == a } }
            }
        }
        return request
    }
}
