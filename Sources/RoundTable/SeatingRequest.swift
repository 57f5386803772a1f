/// A seating request (shared/MODEL.md, "The request"): who comes, which tables
/// exist in which sessions, what makes a table good, and which rules must hold.
///
/// Build one in code or read one with `RoundTableJSON`; call ``validated()``
/// (or let ``Planner`` do it) before solving.
public struct SeatingRequest: Sendable, Equatable {
    /// Session names, in order. MODEL.md: absent means one session named `main`.
    public var sessions: [String]
    public var tables: [Table]
    public var attendees: [Attendee]
    public var objective: Objective
    public var rules: [Rule]
    /// Extension (EXTENSIONS.md): an earlier plan to stay close to when re-seating.
    public var previous: PreviousPlan?

    public init(
        sessions: [String] = ["main"], tables: [Table], attendees: [Attendee],
        objective: Objective = Objective(), rules: [Rule] = [], previous: PreviousPlan? = nil
    ) {
        self.sessions = sessions
        self.tables = tables
        self.attendees = attendees
        self.objective = objective
        self.rules = rules
        self.previous = previous
    }
}

/// Extension (EXTENSIONS.md): the plan organizers already have, when re-seating after
/// late registrations, cancellations or changed rules.
public struct PreviousPlan: Sendable, Equatable {
    /// The earlier seats. Entries naming attendees, sessions or tables that no longer
    /// exist are ignored (cancellations, removed tables).
    public var assignments: [Assignment]
    /// Attendees already notified: they keep their earlier table in every session
    /// where they had one (as if pinned there).
    public var locked: [String]

    public init(assignments: [Assignment], locked: [String] = []) {
        self.assignments = assignments
        self.locked = locked
    }
}

/// A round table.
public struct Table: Sendable, Equatable {
    public var id: String
    /// Maximum seats; a positive integer.
    public var capacity: Int
    /// Fewest attendees when the table is used (0 to `capacity`).
    public var minSize: Int
    public var topic: String?
    /// Sessions the table is available in; `nil` means all.
    public var sessions: [String]?

    public init(id: String, capacity: Int, minSize: Int = 0, topic: String? = nil, sessions: [String]? = nil) {
        self.id = id
        self.capacity = capacity
        self.minSize = minSize
        self.topic = topic
        self.sessions = sessions
    }
}

/// One attribute value: a string, or a set of strings for multi-valued attributes.
public enum AttributeValue: Sendable, Equatable {
    case single(String)
    case multiple([String])

    /// The distinct values held, in first-seen order.
    public var values: [String] {
        switch self {
        case .single(let value): return [value]
        case .multiple(let values):
            var seen = Set<String>()
            return values.filter { seen.insert($0).inserted }
        }
    }
}

/// Where an attendee is pinned.
public enum Pin: Sendable, Equatable {
    /// This table in every session the attendee attends.
    case table(String)
    /// A table per session (session name to table id).
    case perSession([String: String])
}

/// One person.
public struct Attendee: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var attributes: [String: AttributeValue]
    /// Members of one group sit together.
    public var group: String?
    /// Attendees never to share a table with (symmetric).
    public var avoid: [String]
    /// Sessions attended; `nil` means all.
    public var sessions: [String]?
    public var pin: Pin?
    /// Preferred topics, best first.
    public var topics: [String]

    public init(
        id: String, name: String? = nil, attributes: [String: AttributeValue] = [:], group: String? = nil,
        avoid: [String] = [], sessions: [String]? = nil, pin: Pin? = nil, topics: [String] = []
    ) {
        self.id = id
        self.name = name
        self.attributes = attributes
        self.group = group
        self.avoid = avoid
        self.sessions = sessions
        self.pin = pin
        self.topics = topics
    }
}

/// Objective weights (all finite and non-negative).
public struct Objective: Sendable, Equatable {
    /// Balanced attributes and their weights; empty means no balance term.
    public var balance: [String: Double]
    public var size: Double
    public var topics: Double
    public var repeats: Double
    /// Extension: the cost of seating an attendee, in one session, away from their
    /// table in ``SeatingRequest/previous`` (default 10; unused without a previous plan).
    public var moves: Double

    public init(
        balance: [String: Double] = [:], size: Double = 1, topics: Double = 1, repeats: Double = 1, moves: Double = 10
    ) {
        self.balance = balance
        self.size = size
        self.topics = topics
        self.repeats = repeats
        self.moves = moves
    }
}

/// A rule on the attendees of one attribute at every non-empty table.
public struct Rule: Sendable, Equatable {
    public var attribute: String
    public var value: String?
    public var min: Int?
    public var max: Int?
    public var maxPerValue: Int?
    public var minDistinct: Int?
    /// `nil`: hard. Otherwise each unit of violation costs `weight`.
    public var weight: Double?

    public init(
        attribute: String, value: String? = nil, min: Int? = nil, max: Int? = nil, maxPerValue: Int? = nil,
        minDistinct: Int? = nil, weight: Double? = nil
    ) {
        self.attribute = attribute
        self.value = value
        self.min = min
        self.max = max
        self.maxPerValue = maxPerValue
        self.minDistinct = minDistinct
        self.weight = weight
    }

    public var isHard: Bool { weight == nil }

    /// A short organizer-readable form, e.g. `role=legislator min 1`.
    public var summary: String {
        var parts: [String] = [value.map { "\(attribute)=\($0)" } ?? attribute]
        if let min { parts.append("min \(min)") }
        if let max { parts.append("max \(max)") }
        if let maxPerValue { parts.append("maxPerValue \(maxPerValue)") }
        if let minDistinct { parts.append("minDistinct \(minDistinct)") }
        if let weight { parts.append("(soft, weight \(formatNumber(weight)))") }
        return parts.joined(separator: " ")
    }
}

func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
}
