import Foundation
import GLPKBackend
import MIP

/// An exact lower bound on one session's balance and size terms when its table
/// sizes are forced (every available table must be full): for fixed sizes each
/// balanced attribute is a transportation problem (tables by values) with a convex
/// cost written piecewise-linearly between integers, whose LP optimum is integral.
/// The sum over attributes is a valid bound; it relaxes groups, avoid, pins, topics,
/// repeats, soft rules and the coupling between attributes.
enum TransportationBound {
    /// The bound, or `nil` when sizes are not forced or GLPK gives no answer.
    static func bound(instance: Instance, session s: Int, deadline: Date) -> Double? {
        let present = instance.presentIn[s]
        let tables = instance.tablesIn[s]
        guard !present.isEmpty, tables.reduce(0, { $0 + instance.capacity[$1] }) == present.count else { return nil }
        let sizes = tables.map { instance.capacity[$0] }
        var total = 0.0
        for t in tables { total += instance.weights.size * abs(Double(instance.capacity[t]) - instance.targetSize(session: s, table: t)) }
        for (a, weight) in instance.balance {
            let totals = instance.valueTotals(attribute: a, session: s)
            let shares = totals.map { Double($0) / Double(present.count) }
            let single = present.allSatisfy { instance.holds[a][$0].count <= 1 }
            let values = totals.indices.filter { totals[$0] > 0 }
            if single {
                let none = present.filter { instance.holds[a][$0].isEmpty }.count
                guard let part = solve(sizes: sizes, values: values.map { (shares[$0], totals[$0]) }, none: none, weight: weight, deadline: deadline) else { return nil }
                total += part
            } else {
                for v in values {
                    guard let part = solve(sizes: sizes, values: [(shares[v], totals[v])], none: present.count - totals[v], weight: weight, deadline: deadline) else { return nil }
                    total += part
                }
            }
        }
        return total
    }

    /// min Σ_t Σ_v w |c_tv - p_v n_t| over integer c with row sums n_t (a free "none"
    /// column absorbs `none` attendees) and column sums N_v.
    private static func solve(sizes: [Int], values: [(share: Double, total: Int)], none: Int, weight: Double, deadline: Date) -> Double? {
        guard !values.isEmpty else { return 0 }
        var program = IntegerProgram()
        var constant = 0.0
        var rowTerms = [[IntegerProgram.Term]](repeating: [], count: sizes.count)
        var columnTerms = [[IntegerProgram.Term]](repeating: [], count: values.count + 1)
        for (t, n) in sizes.enumerated() {
            for (v, value) in values.enumerated() {
                let target = value.share * Double(n)
                constant += weight * target
                for k in 0..<min(n, value.total) {
                    let slope = weight * (abs(Double(k + 1) - target) - abs(Double(k) - target))
                    let column = program.addColumn("s_\(t)_\(v)_\(k)", lower: 0, upper: 1, cost: slope)
                    rowTerms[t].append(.init(column, 1))
                    columnTerms[v].append(.init(column, 1))
                }
            }
            if none > 0 {
                let column = program.addColumn("none_\(t)", lower: 0, upper: Double(min(n, none)))
                rowTerms[t].append(.init(column, 1))
                columnTerms[values.count].append(.init(column, 1))
            }
        }
        for (t, n) in sizes.enumerated() { program.addRow("size_\(t)", rowTerms[t], lower: Double(n), upper: Double(n)) }
        for (v, value) in values.enumerated() {
            program.addRow("total_\(v)", columnTerms[v], lower: Double(value.total), upper: Double(value.total))
        }
        if none > 0 { program.addRow("total_none", columnTerms[values.count], lower: Double(none), upper: Double(none)) }
        program.objectiveConstant = constant
        let limit = max(0.01, deadline.timeIntervalSinceNow)
        guard let result = try? GLPKSolver.solve(program, options: MIPOptions(timeLimit: limit)),
            result.termination == .optimal, let objective = result.objective
        else { return nil }
        // The LP optimum is integral; stay on the safe side of floating-point noise.
        return objective - 1e-9 * max(1, abs(objective))
    }
}
