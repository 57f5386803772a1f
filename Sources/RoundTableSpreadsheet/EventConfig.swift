import RoundTable

/// What an event's YAML config says: everything of a seating request except the
/// attendees (sessions, tables, objective, rules), how to read the attendee
/// spreadsheet (which column is what, how cells with several values are split), and
/// a time limit for planning.
///
/// Read one with ``init(yaml:file:)`` or ``read(contentsOf:name:)``;
/// `Fixtures/spreadsheets/event.yaml` documents every key with an example.
public struct EventConfig: Sendable, Equatable {
    /// Session names, in order (`sessions`); one session named `main` when absent.
    public var sessions: [String]
    /// Every table, with shorthand groups expanded (`tables`).
    public var tables: [Table]
    /// Balance and term weights (`objective`), as in MODEL.md.
    public var objective: Objective
    /// Rules (`rules`), as in MODEL.md.
    public var rules: [Rule]
    /// Seconds that `roundtable plan` may spend (`timeLimit`); `nil` leaves it to the command.
    public var timeLimit: Double?
    /// Which spreadsheet column holds what (`columns`).
    public var columns: Columns
    /// How cells are separated and split (`separators`).
    public var separators: Separators
    /// Where each key was written, for error messages (key path to line).
    var origins = Origins()

    public init(
        sessions: [String] = ["main"], tables: [Table], objective: Objective = Objective(), rules: [Rule] = [],
        timeLimit: Double? = nil, columns: Columns = Columns(), separators: Separators = Separators()
    ) {
        self.sessions = sessions
        self.tables = tables
        self.objective = objective
        self.rules = rules
        self.timeLimit = timeLimit
        self.columns = columns
        self.separators = separators
    }

    /// The spreadsheet's columns: which header holds each attendee field of MODEL.md,
    /// and which columns become attributes.
    ///
    /// A field left `nil` is taken from the column whose header is the field's own
    /// name, ignoring case (`id`, `ID`, `Name`, ...), when there is one.
    public struct Columns: Sendable, Equatable {
        /// The attendee id column; required (configured, or a column named `id`).
        public var id: String?
        public var name: String?
        /// The family or party column: attendees with the same value sit together.
        public var group: String?
        /// Ids of attendees never to share a table with, split by ``Separators/list``.
        public var avoid: String?
        /// Sessions attended, split by ``Separators/list``; an empty cell means every session.
        public var sessions: String?
        /// A table (`T3`: every session) or per-session tables (`Thu:T1; Sat:T4`).
        public var pin: String?
        /// Preferred topics, best first, split by ``Separators/list``.
        public var topics: String?
        /// Attribute columns, each an attribute name and its header; `nil` makes every
        /// other column (neither a field above nor ignored) an attribute named by its header.
        public var attributes: [AttributeColumn]?
        /// Attributes whose cells hold several values split by ``Separators/list``
        /// (always read as lists, even with one value).
        public var multiValued: [String]
        /// Attributes every attendee must have: an empty cell is an error.
        public var required: [String]
        /// Headers of columns to leave out entirely.
        public var ignore: [String]

        public init(
            id: String? = nil, name: String? = nil, group: String? = nil, avoid: String? = nil,
            sessions: String? = nil, pin: String? = nil, topics: String? = nil,
            attributes: [AttributeColumn]? = nil, multiValued: [String] = [], required: [String] = [],
            ignore: [String] = []
        ) {
            self.id = id
            self.name = name
            self.group = group
            self.avoid = avoid
            self.sessions = sessions
            self.pin = pin
            self.topics = topics
            self.attributes = attributes
            self.multiValued = multiValued
            self.required = required
            self.ignore = ignore
        }
    }

    /// One attribute read from a column: `name` in the request, `header` in the spreadsheet.
    public struct AttributeColumn: Sendable, Equatable {
        public var name: String
        public var header: String

        public init(name: String, header: String) {
            self.name = name
            self.header = header
        }
    }

    /// How the spreadsheet's text is cut into values.
    public struct Separators: Sendable, Equatable {
        /// Between cells of a row: `,` (CSV), `;` (some European exports) or a tab.
        public var field: Unicode.Scalar
        /// Between values in one cell, e.g. `;` in `en; es`; spaces around values are dropped.
        public var list: String
        /// Between session and table in a pin cell, e.g. `:` in `Thu:T1`.
        public var pin: String

        public init(field: Unicode.Scalar = ",", list: String = ";", pin: String = ":") {
            self.field = field
            self.list = list
            self.pin = pin
        }
    }

    /// Source lines of the config's keys, and the entry each expanded table came from.
    struct Origins: Sendable, Equatable {
        /// Line of each key path written, e.g. `tables[0].capacity`, `objective.balance.party`.
        var lines: [String: Int] = [:]
        /// For each table of ``EventConfig/tables``, the path of the entry that made it.
        var tablePaths: [String] = []

        /// `path (line N)`, or `path` when the line is unknown.
        func locate(_ path: String) -> String {
            var key = path
            while true {
                if let line = lines[key] { return "\(path) (line \(line))" }
                guard let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) else { return path }
                key = String(key[..<cut])
            }
        }
    }

    /// Every attribute the config refers to (balance, rules, multiValued, required),
    /// with where it is named: `(attribute, key path)` in order of appearance.
    var attributeReferences: [(attribute: String, path: String)] {
        var references: [(String, String)] = []
        for name in objective.balance.keys.sorted() { references.append((name, "objective.balance.\(name)")) }
        for (n, rule) in rules.enumerated() { references.append((rule.attribute, "rules[\(n)].attribute")) }
        for (n, name) in columns.multiValued.enumerated() { references.append((name, "columns.multiValued[\(n)]")) }
        for (n, name) in columns.required.enumerated() { references.append((name, "columns.required[\(n)]")) }
        return references
    }
}
