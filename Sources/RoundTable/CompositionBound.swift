import Foundation
import GLPKBackend
import MIP

/// A lower bound on one session's balance and size terms that keeps what the other
/// bounds relax: the coupling between attributes (one attendee carries a value of
/// every attribute) and the hard rules on balanced attributes.
///
/// A unit is an ungrouped attendee or a group (its members sit together); units whose
/// members have the same values of every balanced attribute form a class. A table's
/// *composition* is how many units of each class it seats. The session is then a choice of
/// one composition per table such that every class is seated exactly (Dantzig–Wolfe
/// decomposition). Its LP relaxation is solved by column generation: GLPK solves the
/// master LP over the compositions known so far, and a small integer program per table
/// size (classes × values) prices the best new composition. For any class multipliers
/// π, Σ_c π_c N_c + Σ_tables min over compositions of (cost − π·counts) is a valid
/// bound (Lagrangian relaxation of the class totals), so the bound holds at every
/// iteration, not only at convergence.
///
/// Kept as well: hard rules on other attributes for the values where they bind (see
/// ``bindingRules(_:session:)``); units holding such a value form classes of their own.
/// Relaxed (so the bound stays valid): avoid, pins, topics, repeats, soft rules, and the
/// other hard rules.
struct CompositionBound {
    /// A table's composition.
    struct Composition: Hashable, Sendable {
        let tableClass: Int
        let size: Int
        /// Units of each class.
        let counts: [Int]
    }

    struct Outcome: Sendable {
        /// A valid lower bound on the session's balance + size cost.
        let bound: Double
        /// The master LP's optimum over the compositions generated (an upper estimate of
        /// the bound at convergence).
        let masterObjective: Double?
        /// Compositions with a positive weight in the last master LP, and their weights.
        let compositions: [(composition: Composition, weight: Double)]
        /// Every composition generated (the restricted master's columns).
        let columns: [Composition]
        let iterations: Int
    }

    let instance: Instance
    let session: Int
    private let components: [BalanceComponent]
    let items: SessionItems
    /// `classOf[item]`: the class of each unit.
    let classOf: [Int]
    /// Units in each class.
    let classSize: [Int]
    /// Attendees in one unit of each class.
    let unitSize: [Int]
    /// `holders[a][v]`: the classes with members holding value `v` of component `a`, and how many per unit.
    private let holders: [[[(unitClass: Int, count: Int)]]]
    /// Tables interchangeable for this bound: same capacity and minSize.
    let tableClasses: [[Int]]
    let sizeOptions: [[Int]]
    let sizeCost: [[Double]]

    init(instance: Instance, session s: Int, items: SessionItems) {
        self.instance = instance
        self.session = s
        self.items = items
        let binding = Self.bindingRules(instance, session: s)
        let components = BalanceComponent.components(instance, session: s) + binding.map(\.component)
        self.components = components
        // What a class key holds of each component: every value of a balanced attribute; of
        // another attribute, the position of each value a rule binds (the others are left out).
        let keyed: [(attribute: Int, position: [Int: Int]?)] =
            instance.balance.map { ($0.attribute, nil) } + binding.map { ($0.attribute, $0.position) }
        var classOf = [Int](repeating: -1, count: items.members.count)
        var keys: [[[[Int]]]: Int] = [:]
        var classSize: [Int] = []
        var unitSize: [Int] = []
        var classKeys: [[[[Int]]]] = []
        for (item, members) in items.members.enumerated() where !members.isEmpty {
            let key = members.map { i in
                keyed.map { part in instance.holds[part.attribute][i].compactMap { v in part.position.map { $0[v] } ?? v }.sorted() }
            }
                .sorted { $0.lexicographicallyPrecedes($1) { $0.lexicographicallyPrecedes($1) } }
            if let c = keys[key] {
                classOf[item] = c
                classSize[c] += 1
            } else {
                keys[key] = classSize.count
                classOf[item] = classSize.count
                classSize.append(1)
                unitSize.append(members.count)
                classKeys.append(key)
            }
        }
        self.classOf = classOf
        self.classSize = classSize
        self.unitSize = unitSize
        var holders: [[[(unitClass: Int, count: Int)]]] = components.map { [[(unitClass: Int, count: Int)]](repeating: [], count: $0.totals.count) }
        for (c, key) in classKeys.enumerated() {
            for a in components.indices {
                var count: [Int: Int] = [:]
                for member in key { for v in member[a] { count[v, default: 0] += 1 } }
                for (v, n) in count { holders[a][v].append((c, n)) }
            }
        }
        self.holders = holders
        let tableClasses = instance.interchangeableTables(session: s)
        let sizeOptions = tableClasses.map { instance.sizeChoices(session: s, table: $0[0]) }
        let sizeCost = zip(tableClasses, sizeOptions).map { instance.sizeCosts(session: s, table: $0[0], sizes: $1) }
        self.tableClasses = tableClasses
        self.sizeOptions = sizeOptions
        self.sizeCost = sizeCost
    }

    /// The balance cost of a table seating `counts` (per class), `size` in all.
    func balanceCost(_ counts: [Int], size: Int) -> Double {
        var cost = 0.0
        for (a, component) in components.enumerated() {
            for v in component.totals.indices where !component.isNone(v) && component.totals[v] > 0 {
                var held = 0
                for (c, n) in holders[a][v] { held += n * counts[c] }
                cost += component.weight * abs(Double(held) - component.shares[v] * Double(size))
            }
        }
        return cost
    }

    /// Hard rules on attributes that are not balanced, for the values where they force every
    /// table: a component of weight 0 each, whose values are those (the others are relaxed,
    /// so the bound stays valid). A maximum forces a value held by at least what the tables
    /// may seat of it (an organization of 13 at 13 tables under "one per organization": one
    /// at every table), a minimum a value held by at most what they need. Measured on one
    /// session of `mixing-100x6-seed7` alone (95 attendees, 13 tables, an organization of 13;
    /// 10 s): the bound rose from 156.9 to 177.6 under a plan of 179.9. Values that only
    /// nearly force are left out: each splits the classes of its holders, and column
    /// generation converges later with more classes. A first version that kept values held
    /// by half of what forces raised another session's bound (155.0 to 159.3) and lowered
    /// one of a generated workshop's (88.7 to 88.2 in 10 s).
    static func bindingRules(_ instance: Instance, session s: Int) -> [(attribute: Int, position: [Int: Int], component: BalanceComponent)] {
        let balanced = Set(instance.balance.map(\.attribute))
        let tables = instance.tablesIn[s].count
        var result: [(attribute: Int, position: [Int: Int], component: BalanceComponent)] = []
        for a in Set(instance.rules.filter { $0.isHard && !balanced.contains($0.attribute) }.map(\.attribute)).sorted() {
            let totals = instance.valueTotals(attribute: a, session: s)
            let (lower, upper) = BalanceComponent.hardLimits(instance, attribute: a, totals: totals)
            let bound = totals.indices.filter { v in
                totals[v] > 0 && (totals[v] >= upper[v] * tables || totals[v] <= lower[v] * tables)
            }
            guard !bound.isEmpty else { continue }
            let component = BalanceComponent(
                weight: 0, shares: bound.map { _ in 0 }, totals: bound.map { totals[$0] }, isComposition: false,
                lower: bound.map { lower[$0] }, upper: bound.map { upper[$0] })
            result.append((a, Dictionary(uniqueKeysWithValues: bound.enumerated().map { ($1, $0) }), component))
        }
        return result
    }

    /// Whether `counts` keeps the hard rules on balanced attributes, and those
    /// ``bindingRules(_:session:)`` keeps.
    func keepsRules(_ counts: [Int], size: Int) -> Bool {
        guard size > 0 else { return true }
        for (a, component) in components.enumerated() {
            for v in component.totals.indices {
                var held = 0
                for (c, n) in holders[a][v] { held += n * counts[c] }
                if held < component.lower[v] || held > component.upper[v] { return false }
            }
        }
        return true
    }

    /// The compositions of the tables of a seating of this session.
    func compositions(of seat: [[Int]]) -> [Composition] {
        let s = session
        var counts = [Int: [Int]]()
        for (item, members) in items.members.enumerated() where classOf[item] >= 0 {
            let t = seat[s][members[0]]
            guard t >= 0 else { continue }
            counts[t, default: [Int](repeating: 0, count: classSize.count)][classOf[item]] += 1
        }
        var result: [Composition] = []
        for (g, tables) in tableClasses.enumerated() {
            for t in tables {
                let x = counts[t] ?? [Int](repeating: 0, count: classSize.count)
                let size = zip(x, unitSize).reduce(0) { $0 + $1.0 * $1.1 }
                result.append(Composition(tableClass: g, size: size, counts: x))
            }
        }
        return result
    }

    /// Column generation from the compositions of `seat` (a valid seating) until
    /// `deadline`, `stop`, or convergence. `nil` when no bound was established.
    func solve(from seat: [[Int]], deadline: Date, stop: (() -> Bool)? = nil) -> Outcome? {
        guard !classSize.isEmpty, !tableClasses.isEmpty else { return nil }
        let run = generate(
            units: classSize, tables: tableClasses.map(\.count), columns: compositions(of: seat), slack: nil,
            deadline: deadline, stop: stop)
        guard run.bound.isFinite else { return nil }
        let safe = run.bound - 1e-7 * max(1, abs(run.bound))
        return Outcome(bound: safe, masterObjective: run.master, compositions: run.weights, columns: run.columns, iterations: run.iterations)
    }

    /// One column generation: seat `units[c]` units of each class at `tables[g]` tables of
    /// each table class, starting from `columns`. With a `slack` cost, a class may be left
    /// short at that price per unit (so that any start is feasible); `bound` is then a
    /// bound only for the slack problem.
    func generate(
        units: [Int], tables: [Int], columns start: [Composition], slack: Double?, deadline: Date,
        maxIterations: Int = .max, stop: (() -> Bool)? = nil
    ) -> (bound: Double, master: Double?, weights: [(Composition, Double)], columns: [Composition], iterations: Int) {
        let C = classSize.count
        let G = tableClasses.count
        var columns: [Composition] = []
        var known = Set<Composition>()
        func add(_ composition: Composition) {
            guard composition.size == 0 || keepsRules(composition.counts, size: composition.size) else { return }
            guard zip(composition.counts, units).allSatisfy({ $0 <= $1 }), tables[composition.tableClass] > 0 else { return }
            if known.insert(composition).inserted { columns.append(composition) }
        }
        for composition in start { add(composition) }
        for g in 0..<G where sizeOptions[g].contains(0) {
            add(Composition(tableClass: g, size: 0, counts: [Int](repeating: 0, count: C)))
        }
        var best = -Double.infinity
        var master: Double?
        var weights: [(Composition, Double)] = []
        var iterations = 0
        var center: [Double]?
        var smooth = slack == nil
        let sizes = Array(Set(sizeOptions.flatMap { $0 }.filter { $0 > 0 })).sorted()
        while Date() < deadline && stop?() != true && iterations < maxIterations {
            iterations += 1
            // Master LP over the known compositions.
            var program = IntegerProgram()
            var classTerms = [[IntegerProgram.Term]](repeating: [], count: C)
            var tableTerms = [[IntegerProgram.Term]](repeating: [], count: G)
            for (j, column) in columns.enumerated() {
                let g = column.tableClass
                let k = sizeOptions[g].firstIndex(of: column.size) ?? 0
                let index = program.addColumn("l\(j)", cost: sizeCost[g][k] + balanceCost(column.counts, size: column.size))
                for c in 0..<C where column.counts[c] > 0 { classTerms[c].append(.init(index, Double(column.counts[c]))) }
                tableTerms[g].append(.init(index, 1))
            }
            if let slack {
                for c in 0..<C where units[c] > 0 {
                    classTerms[c].append(.init(program.addColumn("short\(c)", cost: slack * Double(unitSize[c])), 1))
                }
            }
            for c in 0..<C { program.addRow("c\(c)", classTerms[c], lower: Double(units[c]), upper: Double(units[c])) }
            for g in 0..<G {
                let n = Double(tables[g])
                program.addRow("g\(g)", tableTerms[g], lower: n, upper: n)
            }
            guard let lp = try? GLPKSolver.solveRelaxation(program, timeLimit: max(0.01, deadline.timeIntervalSinceNow)),
                lp.status == .optimal, let duals = lp.rowDuals, let values = lp.values
            else { break }
            master = lp.objective
            weights = columns.indices.filter { values[$0] > 1e-9 }.map { (columns[$0], values[$0]) }
            let dualPi = Array(duals.prefix(C))
            let mu = Array(duals.suffix(G))
            // Wentges smoothing: price between the multipliers of the best bound so far and
            // the master's duals (fewer iterations); right at the duals after a miss.
            var pi = dualPi
            if let center, smooth {
                pi = zip(center, dualPi).map { 0.5 * $0 + 0.5 * $1 }
            }

            // Pricing: the best composition of each size.
            var priced: [Int: (value: Double, bound: Double, counts: [Int]?)] = [:]
            var complete = true
            for k in sizes {
                guard Date() < deadline, stop?() != true else {
                    complete = false
                    break
                }
                guard let result = price(size: k, pi: pi, units: units, deadline: deadline) else {
                    complete = false
                    break
                }
                priced[k] = result
            }
            guard complete else { break }
            // The Lagrangian bound for these multipliers (meaningful without slack only).
            var bound = 0.0
            for c in 0..<C { bound += pi[c] * Double(units[c]) }
            var added = 0
            for g in 0..<G where tables[g] > 0 {
                var least = Double.infinity
                for (index, k) in sizeOptions[g].enumerated() {
                    let value = k == 0 ? 0 : (priced[k]?.bound ?? .infinity)
                    least = min(least, sizeCost[g][index] + value)
                    if k > 0, let found = priced[k], let counts = found.counts,
                        sizeCost[g][index] + balanceCost(counts, size: k) - zip(dualPi, counts).reduce(0.0, { $0 + $1.0 * Double($1.1) }) - mu[g] < -1e-7
                    {
                        let before = columns.count
                        add(Composition(tableClass: g, size: k, counts: counts))
                        added += columns.count - before
                    }
                }
                bound += Double(tables[g]) * least
            }
            if slack == nil, bound.isFinite, bound > best {
                best = bound
                center = pi
            }
            if added == 0 {
                // Converged when priced at the duals themselves; otherwise a miss.
                if !smooth || center == nil { break }
                smooth = false
                continue
            }
            smooth = slack == nil
            if let master, master - best <= 1e-7 * max(1, abs(master)) { break }
        }
        return (best, master, weights, columns, iterations)
    }

    /// min over compositions x of size `k` of balance(x) − π·x: the best value found,
    /// a proven lower bound on the minimum, and the composition.
    private func price(size k: Int, pi: [Double], units: [Int], deadline: Date) -> (value: Double, bound: Double, counts: [Int]?)? {
        var program = IntegerProgram()
        let C = classSize.count
        var x: [Int] = []
        var all: [IntegerProgram.Term] = []
        for c in 0..<C {
            let column = program.addColumn("x\(c)", lower: 0, upper: Double(min(k / unitSize[c], units[c])), integer: true, cost: -pi[c])
            x.append(column)
            all.append(.init(column, Double(unitSize[c])))
        }
        program.addRow("size", all, lower: Double(k), upper: Double(k))
        // |y - t| written by unit segments between integers: the LP sees the convex
        // interpolation of the integer costs, far tighter than |y - t| itself.
        var constant = 0.0
        for (a, component) in components.enumerated() {
            for v in component.totals.indices where component.totals[v] > 0 {
                let terms = holders[a][v].map { IntegerProgram.Term(x[$0.unitClass], Double($0.count)) }
                if component.isNone(v) { continue }
                if component.lower[v] > 0 {
                    program.addRow("r\(a)_\(v)", terms, lower: Double(component.lower[v]))
                }
                let target = component.shares[v] * Double(k)
                constant += component.weight * target
                let most = min(k, component.totals[v], component.upper[v])
                var segments: [IntegerProgram.Term] = []
                for j in 0..<most {
                    let slope = component.weight * (abs(Double(j + 1) - target) - abs(Double(j) - target))
                    segments.append(.init(program.addColumn("s\(a)_\(v)_\(j)", lower: 0, upper: 1, cost: slope), -1))
                }
                program.addRow("y\(a)_\(v)", terms + segments, lower: 0, upper: 0)
            }
        }
        program.objectiveConstant = constant
        let limit = max(0.01, min(2, deadline.timeIntervalSinceNow))
        guard let result = try? GLPKSolver.solve(program, options: MIPOptions(timeLimit: limit)) else { return nil }
        switch result.termination {
        case .optimal:
            guard let objective = result.objective, let values = result.values else { return nil }
            return (objective, objective, x.map { Int(values[$0].rounded()) })
        case .infeasible:
            return (.infinity, .infinity, nil)
        default:
            guard let bound = result.bound else { return nil }
            let counts = result.values.map { values in x.map { Int(values[$0].rounded()) } }
            return (result.objective ?? .infinity, bound, counts)
        }
    }
}
