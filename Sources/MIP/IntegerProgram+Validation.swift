/// A reason a program cannot be handed to a solver safely.
public struct ProgramError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension IntegerProgram {
    /// The longest name GLPK accepts.
    public static let maximumNameLength = 255

    /// Checks everything a solver would otherwise abort on: indices in range, no
    /// duplicate coefficients, finite numbers, `lower <= upper`, integral bounds on
    /// integer columns, names of printable ASCII within 255 characters.
    public func validate() throws(ProgramError) {
        guard !columns.isEmpty else { throw ProgramError("the program has no columns") }
        for (index, column) in columns.enumerated() {
            try Self.checkName(column.name, what: "column \(index)")
            guard column.cost.isFinite else { throw ProgramError("column \(column.name) has cost \(column.cost)") }
            guard !column.lower.isNaN, !column.upper.isNaN, column.lower != .infinity, column.upper != -.infinity,
                column.lower <= column.upper
            else {
                throw ProgramError("column \(column.name) has bounds [\(column.lower), \(column.upper)]")
            }
            if column.isInteger {
                for bound in [column.lower, column.upper] where bound.isFinite && bound != bound.rounded() {
                    throw ProgramError("integer column \(column.name) has a fractional bound \(bound)")
                }
            }
        }
        for (index, row) in rows.enumerated() {
            try Self.checkName(row.name, what: "row \(index)")
            guard !row.lower.isNaN, !row.upper.isNaN, row.lower != .infinity, row.upper != -.infinity,
                row.lower <= row.upper
            else {
                throw ProgramError("row \(row.name) has bounds [\(row.lower), \(row.upper)]")
            }
            var seen = Set<Int>()
            for term in row.terms {
                guard term.column >= 0, term.column < columns.count else {
                    throw ProgramError("row \(row.name) names column \(term.column) of \(columns.count)")
                }
                guard seen.insert(term.column).inserted else {
                    throw ProgramError("row \(row.name) names column \(term.column) twice")
                }
                guard term.coefficient.isFinite, term.coefficient != 0 else {
                    throw ProgramError("row \(row.name) has coefficient \(term.coefficient)")
                }
            }
        }
        guard objectiveConstant.isFinite else { throw ProgramError("objective constant is \(objectiveConstant)") }
    }

    private static func checkName(_ name: String, what: String) throws(ProgramError) {
        guard !name.isEmpty, name.utf8.count <= maximumNameLength,
            name.utf8.allSatisfy({ $0 > 32 && $0 < 127 })
        else {
            throw ProgramError("\(what) has name \(name.debugDescription): use 1 to 255 printable ASCII characters")
        }
    }
}
