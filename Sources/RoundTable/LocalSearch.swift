import Foundation

/// A deterministic random number generator (SplitMix64), so runs repeat exactly.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Local search over whole seatings: moves and swaps of items (groups move as one)
/// between tables of a session, scored exactly by MODEL.md plus a large penalty per
/// unit of broken hard constraint (capacity, minSize, avoid, hard rules), so that
/// it both repairs and improves. Pins and groups always hold: pinned items have
/// one allowed table, and a group is one item.
struct SeatingSearch {
    let instance: Instance
    let items: [SessionItems]
    let shares: [SessionShares]
    /// Cost of one unit of broken hard constraint.
    let penalty: Double
    private(set) var seat: [[Int]]
    /// `itemTable[s][item]`, -1 when not seated.
    private(set) var itemTable: [[Int]]
    private var members: [[[Int]]]
    private var position: [[Int]]
    private var counts: [[[[Int]]]]
    private var tableCost: [[Double]]
    private var topicCost: [Int]
    private var meet: [UInt8]
    private let tracksRepeats: Bool
    /// The penalized objective of the current seating.
    private(set) var cost: Double
    /// While constructing, lower bounds (minSize, rule minimums) are not yet
    /// penalized, and tables fill in proportion to their capacity.
    private var constructing = false
    var rng: SplitMix64

    init(instance: Instance, items: [SessionItems], seed: UInt64 = 1) {
        self.instance = instance
        self.items = items
        self.shares = (0..<instance.sessionCount).map { SessionShares(instance: instance, session: $0) }
        let weights = [instance.weights.size, instance.weights.topics, instance.weights.repeats]
            + instance.balance.map(\.weight) + instance.rules.compactMap(\.weight)
        self.penalty = 1000 * max(1, weights.max() ?? 1) * Double(max(1, instance.attendeeCount))
        let S = instance.sessionCount
        seat = [[Int]](repeating: [Int](repeating: -1, count: instance.attendeeCount), count: S)
        itemTable = items.map { [Int](repeating: -1, count: $0.members.count) }
        members = [[[Int]]](repeating: [[Int]](repeating: [], count: instance.tableCount), count: S)
        position = [[Int]](repeating: [Int](repeating: -1, count: instance.attendeeCount), count: S)
        let empty = instance.valueNames.map { [Int](repeating: 0, count: $0.count) }
        counts = [[[[Int]]]](repeating: [[[Int]]](repeating: empty, count: instance.tableCount), count: S)
        tableCost = [[Double]](repeating: [Double](repeating: 0, count: instance.tableCount), count: S)
        topicCost = [Int](repeating: 0, count: instance.attendeeCount)
        tracksRepeats = S > 1 && instance.weights.repeats > 0 && instance.attendeeCount <= 8000
        meet = tracksRepeats ? [UInt8](repeating: 0, count: instance.attendeeCount * instance.attendeeCount) : []
        rng = SplitMix64(seed: seed)
        cost = 0
        for s in 0..<S { for t in instance.tablesIn[s] { tableCost[s][t] = computeTableCost(s, t) } }
        cost = tableCost.joined().reduce(0, +)
    }

    /// Penalized cost of one table: balance, size, soft rules, and hard-constraint units.
    private func computeTableCost(_ s: Int, _ t: Int) -> Double {
        let n = members[s][t].count
        var total = shares[s].balance(size: n, counts: counts[s][t])
        let spread = abs(Double(n) - instance.targetSize(session: s, table: t))
        total += (constructing ? max(1, instance.weights.size) : instance.weights.size) * spread
        var broken = max(0, n - instance.capacity[t])
        if n > 0 && n < instance.minSize[t] && !constructing { broken += instance.minSize[t] - n }
        for rule in instance.rules {
            if constructing && rule.isHard && ((rule.rule.min ?? 0) > 0 || (rule.rule.minDistinct ?? 0) > 0) { continue }
            let units = instance.ruleViolation(rule, size: n, counts: counts[s][t][rule.attribute])
            if let weight = rule.weight { total += weight * Double(units) } else { broken += units }
        }
        return total + penalty * Double(broken)
    }

    /// Hard-constraint units still broken (0 means the seating is valid).
    var brokenUnits: Int {
        var broken = 0
        for s in 0..<instance.sessionCount {
            for t in instance.tablesIn[s] {
                let n = members[s][t].count
                broken += max(0, n - instance.capacity[t])
                if n > 0 && n < instance.minSize[t] { broken += instance.minSize[t] - n }
                for rule in instance.rules where rule.isHard {
                    broken += instance.ruleViolation(rule, size: n, counts: counts[s][t][rule.attribute])
                }
                for i in members[s][t] { for j in instance.avoid[i] where j > i && seat[s][j] == t { broken += 1 } }
            }
            if itemTable[s].contains(-1) { broken += 1 }
        }
        return broken
    }

    /// Moves item `item` of session `s` to table `to` (-1: unseat) and returns the change in cost.
    @discardableResult
    mutating func move(session s: Int, item: Int, to: Int) -> Double {
        let from = itemTable[s][item]
        guard from != to else { return 0 }
        var delta = 0.0
        let group = items[s].members[item]
        // Avoid and repeats with the people left and joined.
        for i in group {
            if from >= 0 {
                for j in instance.avoid[i] where seat[s][j] == from { delta -= penalty }
            }
            if to >= 0 {
                for j in instance.avoid[i] where seat[s][j] == to { delta += penalty }
            }
        }
        if tracksRepeats {
            let N = instance.attendeeCount
            let weight = instance.weights.repeats
            for i in group {
                if from >= 0 {
                    for j in members[s][from] where items[s].itemOf[j] != item {
                        let m = meet[i * N + j]
                        if m >= 2 { delta -= weight }
                        meet[i * N + j] = m - 1
                        meet[j * N + i] = m - 1
                    }
                }
            }
        }
        // Leave `from`.
        if from >= 0 {
            for i in group {
                let p = position[s][i]
                let last = members[s][from].removeLast()
                if last != i {
                    members[s][from][p] = last
                    position[s][last] = p
                }
                for a in instance.attributeNames.indices { for v in instance.holds[a][i] { counts[s][from][a][v] -= 1 } }
            }
            let updated = computeTableCost(s, from)
            delta += updated - tableCost[s][from]
            tableCost[s][from] = updated
        }
        if tracksRepeats, to >= 0 {
            let N = instance.attendeeCount
            let weight = instance.weights.repeats
            for i in group {
                for j in members[s][to] {
                    let m = meet[i * N + j]
                    if m >= 1 { delta += weight }
                    meet[i * N + j] = m + 1
                    meet[j * N + i] = m + 1
                }
            }
        }
        if to >= 0 {
            for i in group {
                position[s][i] = members[s][to].count
                members[s][to].append(i)
                for a in instance.attributeNames.indices { for v in instance.holds[a][i] { counts[s][to][a][v] += 1 } }
            }
            let updated = computeTableCost(s, to)
            delta += updated - tableCost[s][to]
            tableCost[s][to] = updated
        }
        itemTable[s][item] = to
        for i in group { seat[s][i] = to }
        if instance.weights.topics > 0 {
            for i in group where instance.topicLength[i] > 0 {
                let updated = instance.topicCost(attendee: i, seat: seat)
                delta += instance.weights.topics * Double(updated - topicCost[i])
                topicCost[i] = updated
            }
        }
        cost += delta
        return delta
    }

    /// Seats every item: pinned first, then larger items, each where it adds least cost.
    mutating func construct() {
        constructing = true
        defer {
            constructing = false
            recomputeCosts()
        }
        for s in 0..<instance.sessionCount {
            var order = Array(items[s].members.indices)
            order.shuffle(using: &rng)
            order.sort { a, b in
                let (pa, pb) = (items[s].allowed[a].count == 1, items[s].allowed[b].count == 1)
                if pa != pb { return pa }
                return items[s].members[a].count > items[s].members[b].count
            }
            for item in order where itemTable[s][item] < 0 {
                var best: (table: Int, delta: Double)?
                for t in items[s].allowed[item] {
                    let delta = move(session: s, item: item, to: t)
                    move(session: s, item: item, to: -1)
                    if best == nil || delta < best?.delta ?? 0 { best = (t, delta) }
                }
                if let best { move(session: s, item: item, to: best.table) }
            }
        }
    }

    private mutating func recomputeCosts() {
        for s in 0..<instance.sessionCount { for t in instance.tablesIn[s] { tableCost[s][t] = computeTableCost(s, t) } }
        var total = tableCost.joined().reduce(0, +)
        for s in 0..<instance.sessionCount {
            for i in instance.presentIn[s] where seat[s][i] >= 0 {
                for j in instance.avoid[i] where j > i && seat[s][j] == seat[s][i] { total += penalty }
            }
        }
        total += instance.weights.topics * Double(topicCost.reduce(0, +))
        if tracksRepeats {
            for i in 0..<instance.attendeeCount {
                for j in (i + 1)..<max(i + 1, instance.attendeeCount) where meet[i * instance.attendeeCount + j] > 1 {
                    total += instance.weights.repeats * Double(meet[i * instance.attendeeCount + j] - 1)
                }
            }
        }
        cost = total
    }

    /// Loads a full seating (every present attendee seated at an allowed table).
    mutating func load(_ seating: [[Int]]) {
        for s in 0..<instance.sessionCount {
            for (item, group) in items[s].members.enumerated() {
                let t = seating[s][group[0]]
                if t >= 0 && items[s].allowed[item].contains(t) { move(session: s, item: item, to: t) }
            }
        }
    }

    /// Improves the seating by moves and swaps until `deadline`, `stop`, or no
    /// improvement for `patience` seconds. Returns the number of accepted changes.
    @discardableResult
    mutating func improve(until deadline: Date, patience: Double, stop: (() -> Bool)? = nil) -> Int {
        let movable = (0..<instance.sessionCount).flatMap { s in
            items[s].members.indices.filter { items[s].allowed[$0].count > 1 }.map { (s, $0) }
        }
        guard !movable.isEmpty else { return 0 }
        var accepted = 0
        var lastGain = Date()
        var iteration = 0
        while true {
            iteration += 1
            if iteration % 32 == 0 {
                let now = Date()
                if now >= deadline || now.timeIntervalSince(lastGain) > patience || stop?() == true { break }
            }
            let (s, item) = movable[Int(rng.next() % UInt64(movable.count))]
            let from = itemTable[s][item]
            let allowed = items[s].allowed[item]
            if rng.next() % 2 == 0 {
                // Best move to another table.
                var best: (table: Int, delta: Double)?
                for t in allowed where t != from {
                    let delta = move(session: s, item: item, to: t)
                    move(session: s, item: item, to: from)
                    if best == nil || delta < best?.delta ?? 0 { best = (t, delta) }
                }
                if let best, best.delta < -1e-9 || (best.delta <= 1e-12 && rng.next() % 4 == 0) {
                    move(session: s, item: item, to: best.table)
                    if best.delta < -1e-9 { accepted += 1; lastGain = Date() }
                }
            } else {
                // Swap with an item at another allowed table.
                let to = allowed[Int(rng.next() % UInt64(allowed.count))]
                guard to != from, to >= 0, !members[s][to].isEmpty else { continue }
                let other = items[s].itemOf[members[s][to][Int(rng.next() % UInt64(members[s][to].count))]]
                guard items[s].allowed[other].contains(from) else { continue }
                let delta = move(session: s, item: item, to: to) + move(session: s, item: other, to: from)
                if delta < -1e-9 {
                    accepted += 1
                    lastGain = Date()
                } else if !(delta <= 1e-12 && rng.next() % 4 == 0) {
                    move(session: s, item: other, to: to)
                    move(session: s, item: item, to: from)
                }
            }
        }
        return accepted
    }
}
