/// A mixed-integer linear program as a plain value: columns, rows, sparse
/// coefficients and bounds. Minimisation only.
///
/// Building one never touches a solver; `GLPKBackend` turns it into GLPK calls
/// after ``validate()`` has checked every index, bound and number.
public struct IntegerProgram: Sendable, Equatable {
    /// One column (decision variable).
    public struct Column: Sendable, Equatable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public var isInteger: Bool
        public var cost: Double

        public init(name: String, lower: Double, upper: Double, isInteger: Bool, cost: Double) {
            self.name = name
            self.lower = lower
            self.upper = upper
            self.isInteger = isInteger
            self.cost = cost
        }
    }

    /// One row: `lower <= sum(coefficient * column) <= upper`; an infinite side is absent.
    public struct Row: Sendable, Equatable {
        public var name: String
        public var terms: [Term]
        public var lower: Double
        public var upper: Double

        public init(name: String, terms: [Term], lower: Double, upper: Double) {
            self.name = name
            self.terms = terms
            self.lower = lower
            self.upper = upper
        }
    }

    /// A coefficient of one column in a row.
    public struct Term: Sendable, Equatable {
        public var column: Int
        public var coefficient: Double

        public init(_ column: Int, _ coefficient: Double) {
            self.column = column
            self.coefficient = coefficient
        }
    }

    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []
    /// A constant added to the objective.
    public var objectiveConstant: Double = 0

    public init() {}

    /// Adds a column and returns its index.
    @discardableResult
    public mutating func addColumn(
        _ name: String, lower: Double = 0, upper: Double = .infinity, integer: Bool = false, cost: Double = 0
    ) -> Int {
        columns.append(Column(name: name, lower: lower, upper: upper, isInteger: integer, cost: cost))
        return columns.count - 1
    }

    /// Adds `lower <= terms <= upper`; repeated columns in `terms` are merged.
    public mutating func addRow(
        _ name: String, _ terms: [Term], lower: Double = -.infinity, upper: Double = .infinity
    ) {
        rows.append(Row(name: name, terms: Self.merged(terms), lower: lower, upper: upper))
    }

    /// The same constraints with a zero objective: a pure feasibility question.
    public func feasibilityProgram() -> IntegerProgram {
        var copy = self
        for index in copy.columns.indices { copy.columns[index].cost = 0 }
        copy.objectiveConstant = 0
        return copy
    }

    /// Adds to the cost of an existing column.
    public mutating func addCost(_ column: Int, _ cost: Double) {
        columns[column].cost += cost
    }

    static func merged(_ terms: [Term]) -> [Term] {
        var byColumn: [Int: Double] = [:]
        var order: [Int] = []
        for term in terms {
            if byColumn[term.column] == nil { order.append(term.column) }
            byColumn[term.column, default: 0] += term.coefficient
        }
        return order.compactMap { column in
            guard let value = byColumn[column], value != 0 else { return nil }
            return Term(column, value)
        }
    }

    /// The objective value of a full column vector.
    public func objective(of values: [Double]) -> Double {
        var total = objectiveConstant
        for (index, column) in columns.enumerated() where column.cost != 0 {
            total += column.cost * values[index]
        }
        return total
    }

    /// Whether `values` satisfies every bound, row and integrality within `tolerance`.
    public func isFeasible(_ values: [Double], tolerance: Double = 1e-6) -> Bool {
        guard values.count == columns.count else { return false }
        for (index, column) in columns.enumerated() {
            let value = values[index]
            guard value.isFinite, value >= column.lower - tolerance, value <= column.upper + tolerance else {
                return false
            }
            if column.isInteger, abs(value - value.rounded()) > tolerance { return false }
        }
        for row in rows {
            var activity = 0.0
            for term in row.terms { activity += term.coefficient * values[term.column] }
            let slack = tolerance * max(1, abs(activity))
            if activity < row.lower - slack || activity > row.upper + slack { return false }
        }
        return true
    }
}
