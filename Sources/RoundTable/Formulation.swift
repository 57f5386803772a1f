import MIP

/// How the value of a column follows from earlier columns, so that a seating can
/// be turned into a full column vector (a warm start) without a solver.
enum Derivation: Sendable {
    /// A decision column whose value the encoder sets.
    case decision
    /// `max(floor, max_k affine_k)`.
    case maxOf([Affine], floor: Double)
    /// 1 when the affine value is positive, else 0.
    case indicator(Affine)
    /// `min(1, affine)`.
    case minOne(Affine)
}

/// `sum(coefficient * column) + constant`.
struct Affine: Sendable {
    var terms: [IntegerProgram.Term]
    var constant: Double

    init(_ terms: [IntegerProgram.Term], _ constant: Double = 0) {
        self.terms = terms
        self.constant = constant
    }

    func value(_ values: [Double]) -> Double {
        terms.reduce(constant) { $0 + $1.coefficient * values[$1.column] }
    }

    func scaled(_ factor: Double) -> Affine {
        Affine(terms.map { IntegerProgram.Term($0.column, $0.coefficient * factor) }, constant * factor)
    }

    static func + (lhs: Affine, rhs: Affine) -> Affine { Affine(lhs.terms + rhs.terms, lhs.constant + rhs.constant) }
    static func - (lhs: Affine, rhs: Affine) -> Affine { lhs + rhs.scaled(-1) }
}

/// The integer program of one or more sessions of a request: a pure function of
/// the instance (MODEL.md score and hard constraints), with no solver involved.
///
/// Per session, interchangeable items (same size, attribute counts, allowed tables
/// and topic costs, no avoid) form a class, and an integer column counts the items
/// of a class at a table. With `linked`, every item is its own class and the
/// cross-session terms (repeats, topics beyond the first session) are modelled
/// exactly on those binaries; without it, topics cost `rank` per session, which
/// never exceeds the true topics term, so the optimum is a valid lower bound.
struct SeatingFormulation: Sendable {
    struct SessionBlock: Sendable {
        let items: SessionItems
        /// Items of each class.
        let classes: [[Int]]
        let classOfItem: [Int]
        /// `y[k][t]`: the column counting class `k` at table `t`.
        let y: [[Int: Int]]
    }

    private(set) var program = IntegerProgram()
    private(set) var derivations: [Derivation] = []
    private(set) var blocks: [SessionBlock] = []
    let linked: Bool

    /// - Parameter pairCosts: extra costs for two attendees sharing a table, per
    ///   session block (e.g. repeats with other sessions kept fixed); their items get
    ///   item-level columns.
    init(instance: Instance, items: [SessionItems], linked: Bool, pairCosts: [(Int, Int, Double)] = []) {
        self.linked = linked
        let paired = Set(pairCosts.flatMap { [$0.0, $0.1] })
        for block in items { addSession(instance, block, separate: paired) }
        if linked { addLinks(instance) }
        for (i, j, cost) in pairCosts where cost > 0 { addPairCost(instance, i, j, cost) }
    }

    /// Charges `cost` in every block where `i` and `j` share a table.
    private mutating func addPairCost(_ instance: Instance, _ i: Int, _ j: Int, _ cost: Double) {
        for b in blocks.indices {
            let s = blocks[b].items.session
            var together: [Affine] = []
            for t in blocks[b].items.tables {
                if let ci = seatColumn(b, i, t), let cj = seatColumn(b, j, t) {
                    together.append(Affine([.init(ci, 1), .init(cj, 1)], -1))
                }
            }
            guard !together.isEmpty else { continue }
            let meet = column("pair_\(i)_\(j)_\(s)", upper: 1, cost: cost, .maxOf(together, floor: 0))
            for (n, expression) in together.enumerated() {
                program.addRow("pairc_\(i)_\(j)_\(s)_\(n)", [.init(meet, 1)] + expression.scaled(-1).terms, lower: expression.constant)
            }
        }
    }

    private mutating func column(
        _ name: String, lower: Double = 0, upper: Double = .infinity, integer: Bool = false, cost: Double = 0,
        _ derivation: Derivation
    ) -> Int {
        derivations.append(derivation)
        return program.addColumn(name, lower: lower, upper: upper, integer: integer, cost: cost)
    }

    // MARK: One session

    private mutating func addSession(_ instance: Instance, _ items: SessionItems, separate: Set<Int>) {
        let s = items.session
        let avoiders = Set(items.members.indices.filter { item in
            items.members[item].contains { !instance.avoid[$0].isEmpty || separate.contains($0) }
        })
        // Classes of interchangeable items.
        var classes: [[Int]] = []
        var classOfItem = [Int](repeating: -1, count: items.members.count)
        var classByKey: [String: Int] = [:]
        for item in items.members.indices {
            let key = linked || avoiders.contains(item) ? "item\(item)" : classKey(instance, items, item)
            if let k = classByKey[key] {
                classes[k].append(item)
                classOfItem[item] = k
            } else {
                classByKey[key] = classes.count
                classOfItem[item] = classes.count
                classes.append([item])
            }
        }
        // Count columns.
        var y: [[Int: Int]] = []
        for (k, members) in classes.enumerated() {
            let first = members[0]
            var columns: [Int: Int] = [:]
            for t in items.allowed[first] {
                let most = min(members.count, instance.capacity[t] / items.members[first].count)
                var cost = linked ? 0 : instance.weights.topics * topicCost(instance, items.members[first], table: t)
                for i in items.members[first] { cost += instance.moveCost(i, session: s, table: t) }
                columns[t] = column("y_\(s)_\(k)_\(t)", upper: Double(most), integer: true, cost: cost, .decision)
            }
            y.append(columns)
            program.addRow(
                "assign_\(s)_\(k)", columns.values.sorted().map { IntegerProgram.Term($0, 1) },
                lower: Double(members.count), upper: Double(members.count))
        }
        let block = SessionBlock(items: items, classes: classes, classOfItem: classOfItem, y: y)
        blocks.append(block)

        let shares = SessionShares(instance: instance, session: s)
        let totals = instance.attributeNames.indices.map { instance.valueTotals(attribute: $0, session: s) }
        let needsOccupancy = instance.rules.contains { rule in
            (rule.rule.min ?? 0) > 0 || (rule.rule.minDistinct ?? 0) > 0
        }
        for t in items.tables {
            // Size and value counts at t as affine expressions of the count columns.
            var size = Affine([])
            var counts: [[Affine]] = instance.valueNames.map { [Affine](repeating: Affine([]), count: $0.count) }
            for (k, members) in classes.enumerated() {
                guard let column = y[k][t] else { continue }
                let item = items.members[members[0]]
                size.terms.append(.init(column, Double(item.count)))
                for a in instance.attributeNames.indices {
                    var held: [Int: Int] = [:]
                    for i in item { for v in instance.holds[a][i] { held[v, default: 0] += 1 } }
                    for (v, c) in held { counts[a][v].terms.append(.init(column, Double(c))) }
                }
            }
            let capacity = Double(instance.capacity[t])
            var occupied: Affine?
            if instance.minSize[t] > 0 || needsOccupancy {
                let occ = column("o_\(s)_\(t)", upper: 1, integer: true, .indicator(size))
                occupied = Affine([.init(occ, 1)])
                program.addRow("cap_\(s)_\(t)", size.terms + [.init(occ, -capacity)], upper: 0)
                program.addRow("min_\(s)_\(t)", size.terms + [.init(occ, -Double(max(1, instance.minSize[t])))], lower: 0)
            } else if !size.terms.isEmpty {
                program.addRow("cap_\(s)_\(t)", size.terms, upper: capacity)
            }
            // Balance: d >= |c - p n|.
            for term in shares.terms {
                for (v, p) in term.shares {
                    let deviation = counts[term.attribute][v] - size.scaled(p)
                    guard !deviation.terms.isEmpty else { continue }
                    addAbsolute("d_\(s)_\(t)_\(term.attribute)_\(v)", deviation, cost: term.weight)
                }
            }
            // Size: e >= |n - q|.
            if instance.weights.size > 0 {
                let target = instance.targetSize(session: s, table: t)
                if size.terms.isEmpty {
                    program.objectiveConstant += instance.weights.size * target
                } else {
                    addAbsolute("e_\(s)_\(t)", size + Affine([], -target), cost: instance.weights.size)
                }
            }
            // Rules.
            for rule in instance.rules where rule.weight != 0 {
                addRule(instance, rule, session: s, table: t, counts: counts[rule.attribute], totals: totals[rule.attribute], occupied: occupied)
            }
        }
        // Avoid: two avoiders never share a table.
        for i in instance.presentIn[s] where items.itemOf[i] >= 0 {
            for j in instance.avoid[i] where j > i && instance.present[j][s] && items.itemOf[j] >= 0 {
                let (ci, cj) = (classOfItem[items.itemOf[i]], classOfItem[items.itemOf[j]])
                for (t, column) in y[ci] {
                    guard let other = y[cj][t] else { continue }
                    program.addRow("avoid_\(s)_\(i)_\(j)_\(t)", [.init(column, 1), .init(other, 1)], upper: 1)
                }
            }
        }
    }

    private func classKey(_ instance: Instance, _ items: SessionItems, _ item: Int) -> String {
        let members = items.members[item]
        var parts: [String] = ["\(members.count)", items.allowed[item].map(String.init).joined(separator: ",")]
        for a in instance.attributeNames.indices {
            var held: [Int: Int] = [:]
            for i in members { for v in instance.holds[a][i] { held[v, default: 0] += 1 } }
            parts.append(held.sorted { $0.key < $1.key }.map { "\($0.key)x\($0.value)" }.joined(separator: ","))
        }
        if instance.weights.topics > 0 {
            parts.append(items.allowed[item].map { String(topicCost(instance, members, table: $0)) }.joined(separator: ","))
        }
        if instance.weights.moves > 0 {
            parts.append(members.map { String(instance.previousSeat[items.session][$0]) }.sorted().joined(separator: ","))
        }
        return parts.joined(separator: "|")
    }

    /// Sum of the members' ranks of table `t`'s topic (0 for a table without one).
    private func topicCost(_ instance: Instance, _ members: [Int], table t: Int) -> Double {
        guard let x = instance.tableTopic[t] else { return 0 }
        return Double(members.reduce(0) { $0 + (instance.topicLength[$1] > 0 ? instance.topicRank[$1][x] : 0) })
    }

    /// A column `d >= |expression|` costing `cost` per unit.
    private mutating func addAbsolute(_ name: String, _ expression: Affine, cost: Double) {
        let d = column(name, cost: cost, .maxOf([expression, expression.scaled(-1)], floor: 0))
        program.addRow(name + "_p", [.init(d, 1)] + expression.scaled(-1).terms, lower: expression.constant)
        program.addRow(name + "_n", [.init(d, 1)] + expression.terms, lower: -expression.constant)
    }

    /// `expression <= 0` when hard, or a penalty column `u >= expression` when soft.
    private mutating func addAtMostZero(_ name: String, _ expression: Affine, weight: Double?) {
        guard !expression.terms.isEmpty else {
            if expression.constant > 0, let weight { program.objectiveConstant += weight * expression.constant }
            if expression.constant > 0, weight == nil {
                program.addRow(name, [], upper: -1)  // unsatisfiable, recorded for the infeasibility proof
            }
            return
        }
        if let weight {
            let u = column(name, cost: weight, .maxOf([expression], floor: 0))
            program.addRow(name, [.init(u, 1)] + expression.scaled(-1).terms, lower: expression.constant)
        } else {
            program.addRow(name, expression.terms, upper: -expression.constant)
        }
    }

    private mutating func addRule(
        _ instance: Instance, _ rule: Instance.NormalizedRule, session s: Int, table t: Int, counts: [Affine],
        totals: [Int], occupied: Affine?
    ) {
        let prefix = "r\(rule.index)_\(s)_\(t)"
        if let value = rule.value {
            let held = value >= 0 ? counts[value] : Affine([])
            if let low = rule.rule.min, low > 0, let occupied {
                addAtMostZero(prefix + "_min", occupied.scaled(Double(low)) - held, weight: rule.weight)
            }
            if let high = rule.rule.max {
                addAtMostZero(prefix + "_max", held + Affine([], -Double(high)), weight: rule.weight)
            }
        }
        if let cap = rule.rule.maxPerValue {
            for (v, total) in totals.enumerated() where total > cap {
                addAtMostZero(prefix + "_mpv\(v)", counts[v] + Affine([], -Double(cap)), weight: rule.weight)
            }
        }
        if let want = rule.rule.minDistinct, want > 0, let occupied {
            var distinct = Affine([])
            for (v, total) in totals.enumerated() where total > 0 && !counts[v].terms.isEmpty {
                let h = column(prefix + "_h\(v)", upper: 1, .minOne(counts[v]))
                program.addRow(prefix + "_hc\(v)", [.init(h, 1)] + counts[v].scaled(-1).terms, upper: 0)
                distinct.terms.append(.init(h, 1))
            }
            addAtMostZero(prefix + "_md", occupied.scaled(Double(want)) - distinct, weight: rule.weight)
        }
    }

    // MARK: Across sessions (linked mode)

    /// The binary column seating attendee `i` at table `t` in block `b`, if any.
    private func seatColumn(_ b: Int, _ i: Int, _ t: Int) -> Int? {
        let block = blocks[b]
        let item = block.items.itemOf[i]
        guard item >= 0 else { return nil }
        return block.y[block.classOfItem[item]][t]
    }

    private mutating func addLinks(_ instance: Instance) {
        if instance.weights.topics > 0 {
            for i in 0..<instance.attendeeCount where instance.topicLength[i] > 0 {
                let length = Double(instance.topicLength[i])
                for x in instance.topicNames.indices {
                    var count = Affine([])
                    for b in blocks.indices {
                        for t in blocks[b].items.tables where instance.tableTopic[t] == x {
                            if let column = seatColumn(b, i, t) { count.terms.append(.init(column, 1)) }
                        }
                    }
                    guard !count.terms.isEmpty else { continue }
                    for term in count.terms { program.addCost(term.column, instance.weights.topics * length) }
                    let first = length - Double(instance.topicRank[i][x])
                    guard first > 0 else { continue }
                    let z = column("z_\(i)_\(x)", upper: 1, cost: -instance.weights.topics * first, .minOne(count))
                    program.addRow("zc_\(i)_\(x)", [.init(z, 1)] + count.scaled(-1).terms, upper: 0)
                }
            }
        }
        guard instance.weights.repeats > 0, blocks.count > 1 else { return }
        for i in 0..<instance.attendeeCount {
            for j in (i + 1)..<max(i + 1, instance.attendeeCount) where !instance.sameGroup(i, j) && !instance.avoid[i].contains(j) {
                var meets: [Int] = []
                for b in blocks.indices {
                    let s = blocks[b].items.session
                    guard instance.present[i][s], instance.present[j][s] else { continue }
                    var together: [Affine] = []
                    for t in blocks[b].items.tables {
                        if let ci = seatColumn(b, i, t), let cj = seatColumn(b, j, t) {
                            together.append(Affine([.init(ci, 1), .init(cj, 1)], -1))
                        }
                    }
                    guard !together.isEmpty else { continue }
                    let meet = column("m_\(i)_\(j)_\(s)", upper: 1, .maxOf(together, floor: 0))
                    for (n, expression) in together.enumerated() {
                        program.addRow("mc_\(i)_\(j)_\(s)_\(n)", [.init(meet, 1)] + expression.scaled(-1).terms, lower: expression.constant)
                    }
                    meets.append(meet)
                }
                guard meets.count > 1 else { continue }
                let extra = Affine(meets.map { .init($0, 1) }, -1)
                let r = column("rep_\(i)_\(j)", cost: instance.weights.repeats, .maxOf([extra], floor: 0))
                program.addRow("repc_\(i)_\(j)", [.init(r, 1)] + extra.scaled(-1).terms, lower: extra.constant)
            }
        }
    }

    // MARK: Seatings and column vectors

    /// Reads a column vector back into seats of the modelled sessions (others stay as in `base`).
    func decode(_ values: [Double], into seat: inout [[Int]]) {
        for block in blocks {
            let s = block.items.session
            for (k, items) in block.classes.enumerated() {
                var queue = items[...]
                for (t, column) in block.y[k].sorted(by: { $0.key < $1.key }) {
                    var count = Int(values[column].rounded())
                    while count > 0, let item = queue.popFirst() {
                        for i in block.items.members[item] { seat[s][i] = t }
                        count -= 1
                    }
                }
            }
        }
    }

    /// The full column vector of a seating, or `nil` when a seat has no column.
    func encode(_ seat: [[Int]]) -> [Double]? {
        var values = [Double](repeating: 0, count: program.columns.count)
        for block in blocks {
            let s = block.items.session
            for (item, members) in block.items.members.enumerated() {
                let t = seat[s][members[0]]
                guard let column = block.y[block.classOfItem[item]][t] else { return nil }
                values[column] += 1
            }
        }
        for (column, derivation) in derivations.enumerated() {
            switch derivation {
            case .decision: break
            case .maxOf(let expressions, let floor):
                values[column] = expressions.reduce(floor) { max($0, $1.value(values)) }
            case .indicator(let expression):
                values[column] = expression.value(values) > 0.5 ? 1 : 0
            case .minOne(let expression):
                values[column] = min(1, expression.value(values))
            }
        }
        return values
    }
}
