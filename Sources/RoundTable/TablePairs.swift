import Foundation

/// Exact re-splitting of two tables: the people of two tables of one session shared
/// between them in the best way, over every split that keeps the hard rules (groups
/// together, pins, avoids, capacity, minSize, hard rules), by exhaustive search with
/// pruning. Annealing moves one or two items at a time; this makes changes of any size
/// within two tables, including emptying one of them or opening an empty one.
///
/// The objective is the plan's total as MODEL.md scores it (the pair's balance, size and
/// soft rules, the topics and repeats its people add given the other sessions), plus the
/// session guard's cost when given.
struct TablePairs {
    let instance: Instance
    let items: SessionItems
    let sessionGuard: SessionGuard?

    /// Splits looked at per pair at most; a pair with more is left as it is.
    static let largestSplitCount = 400_000

    private let session: Int
    /// Values counted per table (of the balanced and ruled attributes).
    private let width: Int
    /// Balance terms, flat: count index, weight, share.
    private let balanceIndex: [Int]
    private let balanceWeight: [Double]
    private let balanceShare: [Double]
    private let rules: [(limits: Instance.RuleLimits, start: Int, count: Int, weight: Double?)]
    /// Each item's value counts (`width` each).
    private let itemCounts: [[Int]]

    init(instance: Instance, items: SessionItems, sessionGuard: SessionGuard?) {
        self.instance = instance
        self.items = items
        self.sessionGuard = sessionGuard
        let s = items.session
        session = s
        var used = Set(instance.balance.map(\.attribute))
        for rule in instance.rules { used.insert(rule.attribute) }
        // Each counted attribute's values start at `offset[a]` in a count vector of `width`.
        var offset = [Int](repeating: -1, count: instance.attributeNames.count)
        var width = 0
        for a in instance.attributeNames.indices where used.contains(a) {
            offset[a] = width
            width += instance.valueNames[a].count
        }
        self.width = width
        let terms = SessionShares(instance: instance, session: s).terms.flatMap { term in
            term.shares.map { (index: offset[term.attribute] + $0.value, weight: term.weight, share: $0.share) }
        }
        balanceIndex = terms.map(\.index)
        balanceWeight = terms.map(\.weight)
        balanceShare = terms.map(\.share)
        rules = instance.rules.map { ($0.limits, offset[$0.attribute], instance.valueNames[$0.attribute].count, $0.weight) }
        itemCounts = items.members.map { members in
            var counts = [Int](repeating: 0, count: width)
            for i in members {
                for a in instance.attributeNames.indices where offset[a] >= 0 {
                    for v in instance.holds[a][i] { counts[offset[a] + v] += 1 }
                }
            }
            return counts
        }
    }

    /// Re-splits pairs of tables of the session in `seat` while that lowers the objective,
    /// until no pair can gain (a pair is looked at again only after one of its tables
    /// changed), `until` passes or `stop` says so. Returns the number of changes made.
    @discardableResult
    func polish(_ seat: inout [[Int]], until: Date, stop: () -> Bool = { false }) -> Int {
        let tables = items.tables
        let T = tables.count
        // settled[x * T + y]: pair (x, y) has no better split as the seating is now.
        var settled = [Bool](repeating: false, count: T * T)
        var changes = 0
        var changed = true
        while changed {
            changed = false
            for x in 0..<T {
                for y in (x + 1)..<max(x + 1, T) where !settled[x * T + y] {
                    if Date() >= until || stop() { return changes }
                    settled[x * T + y] = true
                    guard improve(&seat, tables[x], tables[y]) else { continue }
                    changes += 1
                    changed = true
                    for z in 0..<T {
                        settled[min(z, x) * T + max(z, x)] = false
                        settled[min(z, y) * T + max(z, y)] = false
                    }
                }
            }
        }
        return changes
    }

    /// The best split of tables `t1` and `t2` in `seat`, applied when it is better than the
    /// current one; whether it was.
    func improve(_ seat: inout [[Int]], _ t1: Int, _ t2: Int) -> Bool {
        let s = session
        // The items at either table; those that may not sit at the other stay.
        var pool: [Int] = []
        for (x, members) in items.members.enumerated() {
            let t = seat[s][members[0]]
            if t == t1 || t == t2 { pool.append(x) }
        }
        guard !pool.isEmpty else { return false }
        let forced = pool.map { x -> Int in
            let one = items.allowed[x].contains(t1)
            let two = items.allowed[x].contains(t2)
            return one && two ? 0 : (one ? 1 : 2)
        }
        let order = pool.indices.sorted { (forced[$0] == 0 ? 1 : 0, $0) < (forced[$1] == 0 ? 1 : 0, $1) }
        let X = order.map { pool[$0] }
        let fixed = order.map { forced[$0] }
        let M = X.count
        let sizes = X.map { items.members[$0].count }
        let people = sizes.reduce(0, +)
        // Splits by size alone: skip pairs with too many.
        guard splitCount(sizes: sizes, fixed: fixed, t1: t1, t2: t2) <= Self.largestSplitCount else { return false }

        // Topics each item adds at either table, and repeats between items (given the other sessions).
        var topic1 = [Double](repeating: 0, count: M)
        var topic2 = [Double](repeating: 0, count: M)
        if instance.weights.topics > 0 {
            var probe = seat
            for (k, x) in X.enumerated() {
                for i in items.members[x] where instance.topicLength[i] > 0 {
                    probe[s][i] = t1
                    topic1[k] += instance.weights.topics * Double(instance.topicCost(attendee: i, seat: probe))
                    probe[s][i] = t2
                    topic2[k] += instance.weights.topics * Double(instance.topicCost(attendee: i, seat: probe))
                    probe[s][i] = seat[s][i]
                }
            }
        }
        var pen = [Double](repeating: 0, count: M * M)
        var rowSum = [Double](repeating: 0, count: M)
        var penTotal = 0.0
        if instance.weights.repeats > 0 && instance.sessionCount > 1 {
            for a in 0..<M {
                for b in (a + 1)..<max(a + 1, M) {
                    var cost = 0.0
                    for i in items.members[X[a]] {
                        for j in items.members[X[b]] where !instance.sameGroup(i, j) {
                            let elsewhere = (0..<instance.sessionCount).contains { r in
                                r != s && seat[r][i] >= 0 && seat[r][i] == seat[r][j]
                            }
                            if elsewhere { cost += instance.weights.repeats }
                        }
                    }
                    pen[a * M + b] = cost
                    pen[b * M + a] = cost
                    rowSum[a] += cost
                    rowSum[b] += cost
                    penTotal += cost
                }
            }
        }
        // Avoids between items of the pool.
        var avoids = [[Int]](repeating: [], count: M)
        let position = Dictionary(uniqueKeysWithValues: X.enumerated().map { ($1, $0) })
        for (k, x) in X.enumerated() {
            for i in items.members[x] {
                for j in instance.avoid[i] {
                    let item = items.itemOf[j]
                    if item >= 0, let other = position[item], other != k { avoids[k].append(other) }
                }
            }
        }
        var total = [Int](repeating: 0, count: width)
        for x in X { for v in 0..<width { total[v] += itemCounts[x][v] } }

        let ownBefore = instance.sessionCost(seat, session: s)
        var search = Split(
            owner: self, t1: t1, t2: t2, X: X, fixed: fixed, sizes: sizes, people: people, topic1: topic1, topic2: topic2,
            pen: pen, rowSum: rowSum, penTotal: penTotal, avoids: avoids, total: total, ownBefore: ownBefore,
            side: [Bool](repeating: false, count: M), counts1: [Int](repeating: 0, count: width), scratch: [Int](repeating: 0, count: width))
        // The current split, scored the same way.
        let current = X.map { seat[s][items.members[$0][0]] == t1 }
        guard let before = search.own(of: current) else { return false }
        search.pairBefore = before
        guard let now = search.cost(of: current) else { return false }
        search.bestCost = now - 1e-9 * max(1, abs(now))
        search.run()
        guard let best = search.best else { return false }
        var next = seat
        for (k, x) in X.enumerated() {
            for i in items.members[x] { next[s][i] = best[k] ? t1 : t2 }
        }
        // Rescored in full before it is taken (never a worse or broken plan).
        func guarded(_ candidate: [[Int]]) -> Double {
            instance.score(candidate).total + (sessionGuard?.cost(of: candidate, in: instance) ?? 0)
        }
        guard instance.violations(next, sessions: [s]).isEmpty, guarded(next) < guarded(seat) - 1e-9 else { return false }
        seat = next
        return true
    }

    /// The number of splits of items of `sizes` that fit both tables' capacities (the
    /// search looks at no more), capped just above the largest allowed.
    private func splitCount(sizes: [Int], fixed: [Int], t1: Int, t2: Int) -> Int {
        let cap1 = instance.capacity[t1]
        let cap2 = instance.capacity[t2]
        let people = sizes.reduce(0, +)
        // ways[n]: splits with n people at t1.
        var ways = [Int](repeating: 0, count: cap1 + 1)
        ways[0] = 1
        for (k, size) in sizes.enumerated() {
            var next = [Int](repeating: 0, count: cap1 + 1)
            for n in 0...cap1 where ways[n] > 0 {
                if fixed[k] != 1 { next[n] = min(Self.largestSplitCount + 1, next[n] + ways[n]) }
                if fixed[k] != 2, n + size <= cap1 { next[n + size] = min(Self.largestSplitCount + 1, next[n + size] + ways[n]) }
            }
            ways = next
        }
        var count = 0
        for n in 0...cap1 where people - n <= cap2 { count = min(Self.largestSplitCount + 1, count + ways[n]) }
        return count
    }

    /// The cost of one table at `n` people with value counts `counts` (balance, size, soft
    /// rules), nil when it breaks a hard rule or its size.
    fileprivate func tableCost(_ t: Int, n: Int, counts: [Int]) -> Double? {
        if n > instance.capacity[t] || (n > 0 && n < instance.minSize[t]) { return nil }
        var cost = instance.weights.size * abs(Double(n) - instance.targetSize(session: session, table: t))
        guard n > 0 else { return cost }
        for k in balanceIndex.indices {
            cost += balanceWeight[k] * abs(Double(counts[balanceIndex[k]]) - balanceShare[k] * Double(n))
        }
        for rule in rules {
            let units = rule.limits.violation(size: n, counts: counts[rule.start..<(rule.start + rule.count)])
            guard units > 0 else { continue }
            guard let weight = rule.weight else { return nil }
            cost += weight * Double(units)
        }
        return cost
    }

    /// The depth-first search over the splits of one pair of tables.
    fileprivate struct Split {
        let owner: TablePairs
        let t1: Int
        let t2: Int
        /// The pool's items, forced ones first.
        let X: [Int]
        let fixed: [Int]
        let sizes: [Int]
        let people: Int
        let topic1: [Double]
        let topic2: [Double]
        let pen: [Double]
        let rowSum: [Double]
        let penTotal: Double
        let avoids: [[Int]]
        let total: [Int]
        let ownBefore: Double
        var bestCost = Double.infinity
        var best: [Bool]?
        var M: Int { X.count }
        /// The state of the search: which side each placed item took, counts at t1.
        var side: [Bool] = []
        var counts1: [Int] = []
        /// Counts at t2, filled at each leaf.
        var scratch: [Int] = []
        var n1 = 0
        var n2 = 0
        /// The pair's own cost (balance, size, soft rules) as it is now.
        var pairBefore = 0.0
        var within1 = 0.0
        var sum1 = 0.0
        var topics = 0.0

        /// Value counts at t1 of a full split (`true`: at t1), and its people there.
        private func counts(of split: [Bool]) -> (counts: [Int], people: Int) {
            var c1 = [Int](repeating: 0, count: owner.width)
            var n = 0
            for k in 0..<M where split[k] {
                for v in 0..<owner.width { c1[v] += owner.itemCounts[X[k]][v] }
                n += sizes[k]
            }
            return (c1, n)
        }

        /// The objective of a full split, nil when it breaks a hard rule.
        mutating func cost(of split: [Bool]) -> Double? {
            for k in 0..<M {
                for j in avoids[k] where split[j] == split[k] { return nil }
                if fixed[k] == 1 && !split[k] || fixed[k] == 2 && split[k] { return nil }
            }
            var w1 = 0.0
            var s1 = 0.0
            var topic = 0.0
            for k in 0..<M {
                if split[k] {
                    s1 += rowSum[k]
                    topic += topic1[k]
                    for j in 0..<k where split[j] { w1 += pen[k * M + j] }
                } else {
                    topic += topic2[k]
                }
            }
            let (c1, n) = counts(of: split)
            return leaf(n: n, counts: c1, within: w1, sum: s1, topic: topic)
        }

        /// The pair's own cost (balance, size, soft rules) for a full split, nil when broken.
        func own(of split: [Bool]) -> Double? {
            let (c1, n) = counts(of: split)
            let c2 = (0..<owner.width).map { total[$0] - c1[$0] }
            guard let one = owner.tableCost(t1, n: n, counts: c1), let two = owner.tableCost(t2, n: people - n, counts: c2) else { return nil }
            return one + two
        }

        mutating func leaf(n: Int, counts: [Int], within: Double, sum: Double, topic: Double) -> Double? {
            guard let one = owner.tableCost(t1, n: n, counts: counts) else { return nil }
            for v in 0..<owner.width { scratch[v] = total[v] - counts[v] }
            guard let two = owner.tableCost(t2, n: people - n, counts: scratch) else { return nil }
            let within2 = penTotal + within - sum
            var cost = one + two + topic + within + within2
            if let sessionGuard = owner.sessionGuard {
                cost += sessionGuard.excess(session: owner.session, cost: ownBefore - pairBefore + one + two)
            }
            return cost
        }

        mutating func run() { place(0) }

        mutating func place(_ k: Int) {
            if k == M {
                if let cost = leaf(n: n1, counts: counts1, within: within1, sum: sum1, topic: topics), cost < bestCost {
                    bestCost = cost
                    best = side
                }
                return
            }
            let x = X[k]
            let size = sizes[k]
            // At t1.
            if fixed[k] != 2, n1 + size <= owner.instance.capacity[t1], !avoids[k].contains(where: { $0 < k && side[$0] }) {
                side[k] = true
                let counts = owner.itemCounts[x]
                for v in 0..<owner.width { counts1[v] += counts[v] }
                var added = 0.0
                for j in 0..<k where side[j] { added += pen[k * M + j] }
                n1 += size
                within1 += added
                sum1 += rowSum[k]
                topics += topic1[k]
                place(k + 1)
                n1 -= size
                within1 -= added
                sum1 -= rowSum[k]
                topics -= topic1[k]
                for v in 0..<owner.width { counts1[v] -= counts[v] }
            }
            // At t2.
            if fixed[k] != 1, n2 + size <= owner.instance.capacity[t2], !avoids[k].contains(where: { $0 < k && !side[$0] }) {
                side[k] = false
                n2 += size
                topics += topic2[k]
                place(k + 1)
                topics -= topic2[k]
                n2 -= size
            }
        }
    }
}
