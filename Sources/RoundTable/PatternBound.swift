import Foundation
import GLPKBackend
import MIP

/// A lower bound on one session's balance and size terms over every choice of table
/// sizes, and the size pattern that attains it.
///
/// For fixed table sizes, each balanced attribute is a transportation problem (tables
/// by values, convex cost |c - p n| written piecewise-linearly between integers) whose
/// LP optimum is integral (GLPK-NOTES). Tables that are interchangeable for this bound
/// (same capacity and minSize) are aggregated: `m[c][k]` counts the tables of class `c`
/// seating `k`, and a table's unit segments become segments bounded by `m[c][k]`, so
/// `m · f(X / m)` stays linear. With `m` integer this is exactly the least sum of the
/// per-attribute transportation optima plus the size term over all size patterns; the
/// MIP has only (classes × sizes) integer columns, so GLPK proves it quickly.
///
/// Relaxed (so the bound stays valid): groups, avoid, pins, topics, repeats, soft rules,
/// hard rules on unbalanced attributes, and the coupling between attributes.
struct PatternBound: Sendable {
    struct Outcome: Sendable {
        /// A valid lower bound on the session's balance + size cost.
        let bound: Double
        /// Whether `bound` is the exact optimum of this relaxation.
        let exact: Bool
        /// A size for every table of the session (indexed by table), from the best pattern
        /// found; -1 for tables not available in the session.
        let sizes: [Int]?
    }

    let instance: Instance
    let session: Int

    /// Solves the pattern MIP within `deadline`; `nil` when GLPK gives neither a bound nor a pattern.
    func solve(deadline: Date, stop: StopFlag? = nil) -> Outcome? {
        let s = session
        let present = instance.presentIn[s]
        let attendance = present.count
        let tables = instance.tablesIn[s]
        guard attendance > 0, !tables.isEmpty else { return nil }
        let components = BalanceComponent.components(instance, session: s)

        // Classes of interchangeable tables, in first-seen order.
        let classes = instance.interchangeableTables(session: s)

        var program = IntegerProgram()
        var countTerms: [IntegerProgram.Term] = []
        // m[c] = [(size, column)]
        var m: [[(size: Int, column: Int)]] = []
        for (c, members) in classes.enumerated() {
            let options = instance.sizeChoices(session: s, table: members[0])
            let sizeCosts = instance.sizeCosts(session: s, table: members[0], sizes: options)
            var row: [(Int, Int)] = []
            var classTerms: [IntegerProgram.Term] = []
            for (k, sizeCost) in zip(options, sizeCosts) {
                var cost = sizeCost
                if k > 0 { for component in components { cost += component.costAtZero(size: k) } }
                let column = program.addColumn("m_\(c)_\(k)", lower: 0, upper: Double(members.count), integer: true, cost: cost)
                row.append((k, column))
                classTerms.append(.init(column, 1))
                if k > 0 { countTerms.append(.init(column, Double(k))) }
            }
            let n = Double(members.count)
            program.addRow("tables_\(c)", classTerms, lower: n, upper: n)
            m.append(row)
        }
        program.addRow("attendance", countTerms, lower: Double(attendance), upper: Double(attendance))
        // A hard "at least k holders of v" rule opens at most holders / k tables.
        let most = instance.mostOpenTables(session: s)
        if most < tables.count {
            let open = m.flatMap { $0.filter { $0.size > 0 }.map { IntegerProgram.Term($0.column, 1) } }
            program.addRow("open", open, upper: Double(most))
        }

        for (a, component) in components.enumerated() {
            var totalTerms = [[IntegerProgram.Term]](repeating: [], count: component.totals.count)
            for (c, row) in m.enumerated() {
                for (k, mColumn) in row where k > 0 {
                    var composition: [IntegerProgram.Term] = []
                    for v in component.totals.indices where component.totals[v] > 0 {
                        if component.isNone(v) {
                            let column = program.addColumn("x_\(a)_\(c)_\(k)_none")
                            composition.append(.init(column, 1))
                            totalTerms[v].append(.init(column, 1))
                            continue
                        }
                        let target = component.shares[v] * Double(k)
                        let most = min(k, component.totals[v], component.upper[v])
                        var segments: [IntegerProgram.Term] = []
                        for j in 0..<most {
                            let slope = component.weight * (abs(Double(j + 1) - target) - abs(Double(j) - target))
                            let column = program.addColumn("u_\(a)_\(c)_\(k)_\(v)_\(j)", cost: slope)
                            program.addRow("seg_\(a)_\(c)_\(k)_\(v)_\(j)", [.init(column, 1), .init(mColumn, -1)], upper: 0)
                            segments.append(.init(column, 1))
                            totalTerms[v].append(.init(column, 1))
                        }
                        if component.lower[v] > 0 {
                            program.addRow("low_\(a)_\(c)_\(k)_\(v)", segments + [.init(mColumn, -Double(component.lower[v]))], lower: 0)
                        }
                        composition += segments
                    }
                    if component.isComposition {
                        program.addRow("mix_\(a)_\(c)_\(k)", composition + [.init(mColumn, -Double(k))], lower: 0, upper: 0)
                    }
                }
            }
            for v in component.totals.indices where component.totals[v] > 0 {
                let total = Double(component.totals[v])
                program.addRow("total_\(a)_\(v)", totalTerms[v], lower: total, upper: total)
            }
        }

        let limit = max(0.01, deadline.timeIntervalSinceNow)
        guard let result = try? GLPKSolver.solve(program, options: MIPOptions(timeLimit: limit), stop: stop) else { return nil }
        let slack = 1e-9
        var sizes: [Int]?
        if let values = result.values {
            var chosen = [Int](repeating: -1, count: instance.tableCount)
            // Pinned tables must be open: they get sizes first.
            func pinned(_ t: Int) -> Bool { present.contains { instance.pin[$0][s] == t } }
            for (c, row) in m.enumerated() {
                let ordered = classes[c].filter(pinned) + classes[c].filter { !pinned($0) }
                var members = ordered[...]
                for (k, column) in row.sorted(by: { $0.size > $1.size }) {
                    let count = Int(values[column].rounded())
                    for t in members.prefix(count) { chosen[t] = k }
                    members = members.dropFirst(count)
                }
                for t in members { chosen[t] = 0 }
            }
            sizes = chosen
        }
        switch result.termination {
        case .optimal:
            guard let objective = result.objective else { return nil }
            return Outcome(bound: objective - slack * max(1, abs(objective)), exact: true, sizes: sizes)
        case .infeasible:
            return nil
        default:
            guard let bound = result.bound, bound.isFinite else { return nil }
            return Outcome(bound: bound - slack * max(1, abs(bound)), exact: false, sizes: sizes)
        }
    }
}

/// One balanced attribute's share of a table's cost, as both lower bounds see it.
struct BalanceComponent: Sendable {
    let weight: Double
    /// Share p(s,v) of each value; for a composition the last entry is "holds none", with share 0.
    let shares: [Double]
    let totals: [Int]
    /// A composition: the values partition the table (single-valued attribute).
    /// Otherwise each value is counted on its own.
    let isComposition: Bool
    /// Hard rule bounds per value at non-empty tables.
    let lower: [Int]
    let upper: [Int]

    func isNone(_ v: Int) -> Bool { isComposition && v == totals.count - 1 }

    /// The cost at a table of `k` holding no value: Σ_v w p_v k.
    func costAtZero(size k: Int) -> Double {
        var cost = 0.0
        for v in totals.indices where !isNone(v) && totals[v] > 0 { cost += weight * shares[v] * Double(k) }
        return cost
    }

    static func components(_ instance: Instance, session s: Int) -> [BalanceComponent] {
        let present = instance.presentIn[s]
        var components: [BalanceComponent] = []
        for (a, weight) in instance.balance {
            let totals = instance.valueTotals(attribute: a, session: s)
            let count = Double(max(1, present.count))
            let single = present.allSatisfy { instance.holds[a][$0].count <= 1 }
            var shares = totals.map { Double($0) / count }
            var allTotals = totals
            if single {
                let none = present.filter { instance.holds[a][$0].isEmpty }.count
                shares.append(0)
                allTotals.append(none)
            }
            var lower = [Int](repeating: 0, count: allTotals.count)
            var upper = allTotals
            if single {
                let limits = hardLimits(instance, attribute: a, totals: totals)
                lower = limits.lower + [0]
                upper = limits.upper + [allTotals[totals.count]]
            }
            components.append(BalanceComponent(weight: weight, shares: shares, totals: allTotals, isComposition: single, lower: lower, upper: upper))
        }
        return components
    }

    /// What the hard rules on attribute `a` allow of each value at a non-empty table: at
    /// least `lower[v]`, at most `upper[v]` (starting from `totals[v]`, everyone holding it).
    static func hardLimits(_ instance: Instance, attribute a: Int, totals: [Int]) -> (lower: [Int], upper: [Int]) {
        var lower = [Int](repeating: 0, count: totals.count)
        var upper = totals
        for rule in instance.rules where rule.isHard && rule.attribute == a {
            if let value = rule.value, value >= 0 {
                if let low = rule.rule.min { lower[value] = max(lower[value], low) }
                if let high = rule.rule.max { upper[value] = min(upper[value], high) }
            }
            if let cap = rule.rule.maxPerValue { for v in totals.indices { upper[v] = min(upper[v], cap) } }
        }
        return (lower, upper)
    }
}
