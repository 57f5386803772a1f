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

    /// Uniform in [0, 1): the top 53 bits of the next number.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// Every session about as balanced as it would be alone: each unit of a session's own cost
/// (balance, size, soft rules) above its level costs `weight` more.
struct SessionGuard: Sendable {
    /// Per session, the level.
    let limits: [Double]
    let weight: Double

    /// What session `s`, at own cost `cost`, adds.
    func excess(session s: Int, cost: Double) -> Double { weight * max(0, cost - limits[s]) }

    /// What `seat` adds over all sessions.
    func cost(of seat: [[Int]], in instance: Instance) -> Double {
        limits.indices.reduce(0) { $0 + excess(session: $1, cost: instance.sessionCost(seat, session: $1)) }
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
    /// Value counts are kept flat: attribute `a`'s value `v` is the `offset(a) + v`-th of
    /// `valueTotal`, and table `t` of session `s` starts at `(s * tableCount + t) * valueTotal`.
    private let valueTotal: Int
    // The annealer's inner loop reads these for every move. They are kept flat (one array
    // each, with start offsets) rather than nested: reading a nested array retains and
    // releases it, which took about a fifth of the annealing time.
    /// Attendee `i`'s flat values: `heldValues[heldStart[i] ..< heldStart[i + 1]]`.
    private let heldValues: [Int]
    private let heldStart: [Int]
    /// Attendee `i`'s avoid list: `avoidValues[avoidStart[i] ..< avoidStart[i + 1]]`.
    private let avoidValues: [Int]
    private let avoidStart: [Int]
    /// Members of item `item` of session `s`: `groupValues[groupStart[k] ..< groupStart[k + 1]]`
    /// with `k = itemBase[s] + item`.
    private let groupValues: [Int]
    private let groupStart: [Int]
    private let itemBase: [Int]
    /// `itemOf[s * attendeeCount + i]`: the item of attendee `i` in session `s` (-1: absent).
    private let itemOf: [Int]
    /// Each balanced value present in session `s` (`balanceStart[s] ..< balanceStart[s + 1]`):
    /// its flat index, weight and share p(s,v).
    private let balanceIndex: [Int]
    private let balanceWeight: [Double]
    private let balanceShare: [Double]
    private let balanceStart: [Int]
    /// q(s,t), `targetSize[s][t]`.
    private let targetSize: [[Double]]
    /// Each rule: what it counts, where its attribute's values start, how many there are, its
    /// weight (nil: hard), and whether it waits until construction ends (hard minimums).
    private let ruleChecks: [(limits: Instance.RuleLimits, first: Int, count: Int, weight: Double?, waits: Bool)]
    /// The rules that count each flat value: `valueRules[valueRuleStart[v] ..< valueRuleStart[v + 1]]`.
    private let valueRules: [Int]
    private let valueRuleStart: [Int]
    /// Per cell and rule (`cell * ruleChecks.count + r`): the counts over the rule's
    /// "maxPerValue" summed over its values, and how many of its values are held there.
    /// Kept as people move, so that a table's rules take no pass over every value of their
    /// attribute (an organization rule at 10,000 attendees has 2,591 values).
    private var ruleExcess: [Int]
    private var ruleDistinct: [Int]
    /// Cost of one unit of broken hard constraint.
    let penalty: Double
    private(set) var seat: [[Int]]
    /// `itemTable[s][item]`, -1 when not seated.
    private(set) var itemTable: [[Int]]
    /// Who sits where: table `t` of session `s` (cell `s * tableCount + t`) holds
    /// `occupancy[cell]` attendees, at `slots[cell * width ..< cell * width + occupancy[cell]]`;
    /// `width` doubles when a table outgrows it.
    private var slots: [Int]
    private var occupancy: [Int]
    private var width: Int
    /// `slot[s * attendeeCount + i]`: attendee `i`'s place among its table's attendees.
    private var slot: [Int]
    private var counts: [Int]
    /// Per cell (`s * tableCount + t`): the table's penalized cost and broken units.
    private var tableCost: [Double]
    /// Per session, its tables' own cost without penalties: balance, size, soft rules.
    private var sessionCost: [Double]
    /// The planner's session guard, when set: its cost is part of ``cost``.
    /// Setting it re-prices the best seating kept so far too: left at its unguarded cost, it
    /// outbid every guarded seating the annealer found after (on a warm search given a guard,
    /// none was ever taken).
    var sessionGuard: SessionGuard? {
        didSet {
            recomputeCosts()
            // `bestScore` is the best seating's score, with or without a guard.
            if let bestSeat { bestCost = bestScore + (sessionGuard?.cost(of: bestSeat, in: instance) ?? 0) }
        }
    }
    private var topicCost: [Int]
    private var meet: [UInt8]
    private let tracksRepeats: Bool
    /// Each attendee's near twins: attendees whose values differ in at most one attribute
    /// (balanced or ruled), the same values first, at most ``twinLimit`` of them;
    /// `twins[twinStart[i] ..< twinStart[i + 1]]`. Empty unless repeats are tracked, and
    /// above ``largestTwinned`` attendees.
    private let twins: [Int]
    private let twinStart: [Int]
    /// Whether twins are listed (and so half the swaps aimed at repeats go to them).
    private let twinned: Bool
    static let twinLimit = 32
    /// Attendees above which no twins are listed. Measured with 3 seeds of 30 s (2 at 300
    /// attendees): mean totals 0.2-1.1 % lower at 100-200 attendees, 0.2 % at 300 over 6
    /// sessions; at 1,000 over 6 sessions in 10 s, 0.3 % higher (no repeats left to part).
    static let largestTwinned = 500
    /// Whether ``improve(until:patience:stopWhenValid:target:temperatureScale:endRatio:sessions:stop:onBest:)``
    /// now and then closes a table or opens one (``restructure(session:)``). Off when
    /// re-seating, where every move has its price.
    let restructures: Bool
    /// The penalized objective of the current seating.
    private(set) var cost: Double
    /// While constructing, lower bounds (minSize, rule minimums) are not yet
    /// penalized, and tables fill in proportion to their capacity.
    private var constructing = false
    /// Table sizes aimed at while constructing (`targets[s][t]`).
    private var targets: [[Int]] = []
    private var tableBroken: [Int]
    /// What the last change did, for ``undo()``: each item's former table, in order, and
    /// each touched table's former cost and broken units.
    private var journal: [(session: Int, item: Int, from: Int)] = []
    private var saved: [(session: Int, table: Int, cost: Double, broken: Int)] = []
    /// The tables a ``moveAll(session:_:)`` touched (kept to reuse its storage).
    private var touched: [Int] = []
    /// Hard-constraint units broken now, kept up to date by every move.
    private(set) var broken = 0
    /// The best valid seating seen by ``improve(until:patience:stop:)``, its cost (its true
    /// score plus the session guard's cost) and its true score.
    private(set) var bestSeat: [[Int]]?
    private(set) var bestCost = Double.infinity
    private(set) var bestScore = Double.infinity
    var rng: SplitMix64

    init(instance: Instance, items: [SessionItems], seed: UInt64 = 1) {
        self.instance = instance
        self.items = items
        var offsets: [Int] = []
        var total = 0
        for names in instance.valueNames {
            offsets.append(total)
            total += names.count
        }
        valueTotal = total
        let held = (0..<instance.attendeeCount).map { i in
            instance.attributeNames.indices.flatMap { a in instance.holds[a][i].map { offsets[a] + $0 } }
        }
        (heldValues, heldStart) = Self.flatten(held)
        (avoidValues, avoidStart) = Self.flatten(instance.avoid)
        (groupValues, groupStart) = Self.flatten(items.flatMap(\.members))
        itemBase = items.indices.map { s in items[..<s].reduce(0) { $0 + $1.members.count } }
        itemOf = items.flatMap(\.itemOf)
        let terms = (0..<instance.sessionCount).map { s in
            SessionShares(instance: instance, session: s).terms.flatMap { term in
                term.shares.map { (index: offsets[term.attribute] + $0.value, weight: term.weight, share: $0.share) }
            }
        }
        balanceIndex = terms.flatMap { $0.map(\.index) }
        balanceWeight = terms.flatMap { $0.map(\.weight) }
        balanceShare = terms.flatMap { $0.map(\.share) }
        balanceStart = terms.indices.map { s in terms[..<s].reduce(0) { $0 + $1.count } } + [terms.reduce(0) { $0 + $1.count }]
        ruleChecks = instance.rules.map { rule in
            let waits = rule.isHard && ((rule.rule.min ?? 0) > 0 || (rule.rule.minDistinct ?? 0) > 0)
            return (rule.limits, offsets[rule.attribute], instance.valueNames[rule.attribute].count, rule.weight, waits)
        }
        var rulesOfValue = [[Int]](repeating: [], count: total)
        for (r, rule) in ruleChecks.enumerated() {
            for v in rule.first..<(rule.first + rule.count) { rulesOfValue[v].append(r) }
        }
        (valueRules, valueRuleStart) = Self.flatten(rulesOfValue)
        targetSize = (0..<instance.sessionCount).map { s in (0..<instance.tableCount).map { instance.targetSize(session: s, table: $0) } }
        let weights = [instance.weights.size, instance.weights.topics, instance.weights.repeats]
            + instance.balance.map(\.weight) + instance.rules.compactMap(\.weight)
        self.penalty = 1000 * max(1, weights.max() ?? 1) * Double(max(1, instance.attendeeCount))
        let S = instance.sessionCount
        seat = [[Int]](repeating: [Int](repeating: -1, count: instance.attendeeCount), count: S)
        itemTable = items.map { [Int](repeating: -1, count: $0.members.count) }
        let cells = S * instance.tableCount
        // Room for twice the largest table, but never more than a session's attendees (a
        // capacity may be far above the people there); `widen(to:)` makes more when needed.
        let present = instance.presentIn.map(\.count).max() ?? 0
        width = max(4, min(2 * (instance.capacity.max() ?? 1), present))
        slots = [Int](repeating: -1, count: cells * width)
        occupancy = [Int](repeating: 0, count: cells)
        slot = [Int](repeating: -1, count: S * instance.attendeeCount)
        counts = [Int](repeating: 0, count: cells * total)
        tableCost = [Double](repeating: 0, count: cells)
        sessionCost = [Double](repeating: 0, count: S)
        tableBroken = [Int](repeating: 0, count: cells)
        ruleExcess = [Int](repeating: 0, count: cells * ruleChecks.count)
        ruleDistinct = [Int](repeating: 0, count: cells * ruleChecks.count)
        topicCost = [Int](repeating: 0, count: instance.attendeeCount)
        // Meetings are counted in bytes (a pair meets at most once a session): no tracking
        // beyond 255 sessions, where a count could overflow and trap.
        tracksRepeats = S > 1 && S <= Int(UInt8.max) && instance.weights.repeats > 0 && instance.attendeeCount <= 8000
        meet = tracksRepeats ? [UInt8](repeating: 0, count: instance.attendeeCount * instance.attendeeCount) : []
        twinned = tracksRepeats && instance.attendeeCount <= Self.largestTwinned
        (twins, twinStart) = Self.flatten(twinned ? Self.nearTwins(instance) : Array(repeating: [], count: instance.attendeeCount))
        restructures = instance.request.previous == nil
        rng = SplitMix64(seed: seed)
        cost = 0
        recomputeCosts()
    }

    /// Each attendee's near twins (see ``twins``). Attendees are bucketed by their values
    /// with at most one attribute left out, so this takes time in proportion to attendees
    /// times attributes, not to pairs.
    static func nearTwins(_ instance: Instance) -> [[Int]] {
        let A = instance.attributeNames.count
        let N = instance.attendeeCount
        guard A > 0 else { return Array(repeating: [], count: N) }
        // Each attendee's values of each attribute as one code (the same values, the same code).
        var codes: [[[Int]: Int]] = Array(repeating: [:], count: A)
        let profile = (0..<N).map { i in
            (0..<A).map { a in
                let held = instance.holds[a][i]
                if let code = codes[a][held] { return code }
                codes[a][held] = codes[a].count
                return codes[a].count - 1
            }
        }
        // Each attendee's keys: key a < A is the profile with attribute a left out, key A the
        // whole profile (each key ends with its a, so that keys of different a never meet).
        let keys = profile.map { p in (0...A).map { a in p.enumerated().map { $0.offset == a ? -1 : $0.element } + [a] } }
        var buckets: [[Int]: [Int]] = [:]
        for (i, own) in keys.enumerated() {
            for key in own { buckets[key, default: []].append(i) }
        }
        return keys.enumerated().map { i, own in
            var list = Array((buckets[own[A]] ?? []).filter { $0 != i }.prefix(twinLimit))
            var seen = Set(list)
            for a in 0..<A where list.count < twinLimit {
                for j in buckets[own[a]] ?? [] where j != i && !seen.contains(j) && list.count < twinLimit {
                    seen.insert(j)
                    list.append(j)
                }
            }
            return list
        }
    }

    /// The lists as one array and each list's start (one more start than lists).
    private static func flatten(_ lists: [[Int]]) -> (values: [Int], start: [Int]) {
        var start = [0]
        for list in lists { start.append(start[start.count - 1] + list.count) }
        return (lists.flatMap { $0 }, start)
    }

    /// Where in `slots` the attendees at table `t` of session `s` are.
    private func seats(_ s: Int, _ t: Int) -> Range<Int> {
        let cell = s * instance.tableCount + t
        return (cell * width)..<(cell * width + occupancy[cell])
    }

    /// Where in `groupValues` the members of item `item` of session `s` are.
    private func members(_ s: Int, _ item: Int) -> Range<Int> {
        groupStart[itemBase[s] + item]..<groupStart[itemBase[s] + item + 1]
    }

    /// Whether seating the members `joining` at table `t` of session `s` while the members
    /// `leaving` go (both ranges of `groupValues`) surely breaks a hard limit there that
    /// holds now: its capacity, its minSize, or a capped count. Only for a valid seating
    /// after construction, where any such change costs the penalty and is refused: the
    /// annealer skips it without scoring it (measured on a workshop session of 97
    /// attendees under "one per organization": 57 % of the changes it drew).
    private func surelyBreaks(_ s: Int, _ t: Int, joining: Range<Int>, leaving: Range<Int>) -> Bool {
        guard t >= 0 else { return false }
        let cell = s * instance.tableCount + t
        let n = occupancy[cell] + joining.count - leaving.count
        if n > instance.capacity[t] || (n > 0 && n < instance.minSize[t]) { return true }
        let base = cell * valueTotal
        func holders(_ range: Range<Int>, _ v: Int) -> Int {
            var count = 0
            for g in range {
                let i = groupValues[g]
                for h in heldStart[i]..<heldStart[i + 1] where heldValues[h] == v { count += 1 }
            }
            return count
        }
        for g in joining {
            let i = groupValues[g]
            for h in heldStart[i]..<heldStart[i + 1] {
                let v = heldValues[h]
                // The hard rules that cap this value: "maxPerValue", or "max" of this value.
                for k in valueRuleStart[v]..<valueRuleStart[v + 1] {
                    let rule = ruleChecks[valueRules[k]]
                    guard rule.weight == nil else { continue }
                    let after = counts[base + v] + holders(joining, v) - holders(leaving, v)
                    if let most = rule.limits.maxPerValue, after > most { return true }
                    if let value = rule.limits.value, value >= 0, rule.first + value == v, let most = rule.limits.max, after > most { return true }
                }
            }
        }
        return false
    }

    /// Whether moving item `item` of session `s` from table `from` to `to`, and item `other`
    /// (if any) the other way, surely breaks a hard limit that holds now (see
    /// ``surelyBreaks(_:_:joining:leaving:)``).
    func surelyBreaks(_ s: Int, item: Int, from: Int, to: Int, other: Int? = nil) -> Bool {
        let moving = members(s, item)
        let coming = other.map { members(s, $0) } ?? 0..<0
        return surelyBreaks(s, to, joining: moving, leaving: coming) || surelyBreaks(s, from, joining: coming, leaving: moving)
    }

    /// The attendees at table `t` of session `s`.
    private func people(_ s: Int, _ t: Int) -> ArraySlice<Int> { slots[seats(s, t)] }

    /// The items seated at table `t` of session `s`, each once, in increasing order: a
    /// fixed order, so that ties between them (and so a seed's plan) do not depend on a
    /// set's order, which varies between processes.
    private func itemsAt(_ s: Int, _ t: Int) -> [Int] {
        Set(people(s, t).map { items[s].itemOf[$0] }).sorted()
    }

    /// Doubles `width` until every table has room for `needed` attendees.
    private mutating func widen(to needed: Int) {
        var wider = width
        while wider < needed { wider *= 2 }
        var grown = [Int](repeating: -1, count: occupancy.count * wider)
        for cell in occupancy.indices {
            for k in 0..<occupancy[cell] { grown[cell * wider + k] = slots[cell * width + k] }
        }
        slots = grown
        width = wider
    }

    /// Penalized cost of one table (balance, size, soft rules, and a penalty per
    /// hard-constraint unit) and its broken units.
    private func tableState(_ s: Int, _ t: Int) -> (cost: Double, broken: Int) {
        let n = occupancy[s * instance.tableCount + t]
        let base = (s * instance.tableCount + t) * valueTotal
        var total = 0.0
        for k in balanceStart[s]..<balanceStart[s + 1] {
            total += balanceWeight[k] * abs(Double(counts[base + balanceIndex[k]]) - balanceShare[k] * Double(n))
        }
        let spread = abs(Double(n) - targetSize[s][t])
        total += (constructing ? max(1, instance.weights.size) : instance.weights.size) * spread
        var broken = max(0, n - (constructing ? targets[s][t] : instance.capacity[t]))
        if n > 0 && n < instance.minSize[t] && !constructing { broken += instance.minSize[t] - n }
        let tally = (s * instance.tableCount + t) * ruleChecks.count
        for (r, rule) in ruleChecks.enumerated() {
            if constructing && rule.waits { continue }
            let held = rule.limits.value.map { $0 >= 0 ? counts[base + rule.first + $0] : 0 } ?? 0
            let units = rule.limits.violation(size: n, held: held, excess: ruleExcess[tally + r], distinct: ruleDistinct[tally + r])
            if let weight = rule.weight { total += weight * Double(units) } else { broken += units }
        }
        return (total + penalty * Double(broken), broken)
    }

    /// Moves item `item` of session `s` to table `to` (-1: unseat) and returns the change in
    /// cost. ``undo()`` takes it back.
    @discardableResult
    mutating func move(session s: Int, item: Int, to: Int) -> Double {
        let from = itemTable[s][item]
        journal.removeAll(keepingCapacity: true)
        saved.removeAll(keepingCapacity: true)
        guard from != to else { return 0 }
        let delta = shift(session: s, item: item, to: to) + settle(s, from) + settle(s, to)
        cost += delta
        return delta
    }

    /// Moves `item` to `to` and `other` to `otherTo` (both of session `s`) as one change,
    /// each table's cost recomputed once; returns the change in cost. ``undo()`` takes it back.
    @discardableResult
    mutating func move(session s: Int, item: Int, to: Int, and other: Int, to otherTo: Int) -> Double {
        moveAll(session: s, [(item, to), (other, otherTo)])
    }

    /// Moves several items of session `s` as one change, each table's cost recomputed once;
    /// returns the change in cost. ``undo()`` takes it back.
    @discardableResult
    mutating func moveAll(session s: Int, _ moves: [(item: Int, to: Int)]) -> Double {
        journal.removeAll(keepingCapacity: true)
        saved.removeAll(keepingCapacity: true)
        var delta = 0.0
        touched.removeAll(keepingCapacity: true)
        for (item, to) in moves {
            let from = itemTable[s][item]
            guard from != to else { continue }
            delta += shift(session: s, item: item, to: to)
            if from >= 0 && !touched.contains(from) { touched.append(from) }
            if to >= 0 && !touched.contains(to) { touched.append(to) }
        }
        for t in touched { delta += settle(s, t) }
        cost += delta
        return delta
    }

    /// Takes back the last ``move(session:item:to:)`` or ``moveAll(session:_:)``, restoring
    /// the tables' costs as they were.
    mutating func undo() {
        var delta = 0.0
        for (s, item, from) in journal.reversed() { delta += shift(session: s, item: item, to: from, recording: false) }
        for (s, t, tableCost, tableBroken) in saved {
            let cell = s * instance.tableCount + t
            delta += tableCost - self.tableCost[cell]
            delta += retally(s, (tableCost - penalty * Double(tableBroken)) - ownCost(s, t))
            broken += tableBroken - self.tableBroken[cell]
            self.tableCost[cell] = tableCost
            self.tableBroken[cell] = tableBroken
        }
        journal.removeAll(keepingCapacity: true)
        saved.removeAll(keepingCapacity: true)
        cost += delta
    }

    /// Recomputes table `t` of session `s` (nothing when `t` is -1), saving its former cost
    /// for ``undo()``; returns the change in cost.
    private mutating func settle(_ s: Int, _ t: Int) -> Double {
        guard t >= 0 else { return 0 }
        let cell = s * instance.tableCount + t
        saved.append((s, t, tableCost[cell], tableBroken[cell]))
        let updated = tableState(s, t)
        var delta = updated.cost - tableCost[cell]
        delta += retally(s, (updated.cost - penalty * Double(updated.broken)) - ownCost(s, t))
        broken += updated.broken - tableBroken[cell]
        tableCost[cell] = updated.cost
        tableBroken[cell] = updated.broken
        return delta
    }

    /// Table `t`'s own cost in session `s`, without penalties.
    private func ownCost(_ s: Int, _ t: Int) -> Double {
        let cell = s * instance.tableCount + t
        return tableCost[cell] - penalty * Double(tableBroken[cell])
    }

    /// Adds `change` to session `s`'s own cost and returns the change in the guard's cost.
    private mutating func retally(_ s: Int, _ change: Double) -> Double {
        let before = sessionCost[s]
        sessionCost[s] += change
        guard let sessionGuard else { return 0 }
        return sessionGuard.excess(session: s, cost: sessionCost[s]) - sessionGuard.excess(session: s, cost: before)
    }

    /// The part of ``cost`` that the session guard adds (0 without one).
    var guardCost: Double {
        guard let sessionGuard else { return 0 }
        return sessionCost.indices.reduce(0) { $0 + sessionGuard.excess(session: $1, cost: sessionCost[$1]) }
    }

    /// Moves `item` of session `s` to `to`: seats, value counts, and the costs that are not
    /// per table (avoid, repeats, topics, moves), whose change it returns. The tables'
    /// own costs are left for ``settle(_:_:)``.
    private mutating func shift(session s: Int, item: Int, to: Int, recording: Bool = true) -> Double {
        let from = itemTable[s][item]
        guard from != to else { return 0 }
        if recording { journal.append((s, item, from)) }
        var delta = 0.0
        let N = instance.attendeeCount
        let T = instance.tableCount
        let group = members(s, item)
        // Avoid and repeats with the people left and joined.
        for g in group {
            let i = groupValues[g]
            for a in avoidStart[i]..<avoidStart[i + 1] {
                let there = seat[s][avoidValues[a]]
                if from >= 0 && there == from {
                    delta -= penalty
                    broken -= 1
                }
                if to >= 0 && there == to {
                    delta += penalty
                    broken += 1
                }
            }
        }
        if tracksRepeats, from >= 0 {
            delta -= instance.weights.repeats * Double(tallyMeetings(session: s, item: item, table: from, by: -1))
        }
        // Leave `from`.
        if from >= 0 {
            let cell = s * T + from
            let base = cell * valueTotal
            for g in group {
                let i = groupValues[g]
                let p = slot[s * N + i]
                occupancy[cell] -= 1
                let last = slots[cell * width + occupancy[cell]]
                if last != i {
                    slots[cell * width + p] = last
                    slot[s * N + last] = p
                }
                for h in heldStart[i]..<heldStart[i + 1] { count(heldValues[h], at: cell, base: base, by: -1) }
            }
        }
        if to >= 0 {
            let cell = s * T + to
            if tracksRepeats {
                delta += instance.weights.repeats * Double(tallyMeetings(session: s, item: item, table: to, by: 1))
            }
            if occupancy[cell] + group.count > width { widen(to: occupancy[cell] + group.count) }
            let base = cell * valueTotal
            for g in group {
                let i = groupValues[g]
                slot[s * N + i] = occupancy[cell]
                slots[cell * width + occupancy[cell]] = i
                occupancy[cell] += 1
                for h in heldStart[i]..<heldStart[i + 1] { count(heldValues[h], at: cell, base: base, by: 1) }
            }
        }
        if from < 0 { broken -= 1 }
        if to < 0 { broken += 1 }
        if instance.weights.moves > 0 {
            for g in group {
                let i = groupValues[g]
                guard instance.previousSeat[s][i] >= 0 else { continue }
                let before = from >= 0 ? instance.moveCost(i, session: s, table: from) : 0
                let after = to >= 0 ? instance.moveCost(i, session: s, table: to) : 0
                delta += after - before
            }
        }
        itemTable[s][item] = to
        for g in group { seat[s][groupValues[g]] = to }
        if instance.weights.topics > 0 {
            for g in group {
                let i = groupValues[g]
                guard instance.topicLength[i] > 0 else { continue }
                let updated = instance.topicCost(attendee: i, seat: seat)
                delta += instance.weights.topics * Double(updated - topicCost[i])
                topicCost[i] = updated
            }
        }
        return delta
    }

    /// Adds `step` to the count of flat value `v` at cell `cell` (its counts start at
    /// `base`), and keeps the rules' tallies of that cell with it.
    private mutating func count(_ v: Int, at cell: Int, base: Int, by step: Int) {
        let before = counts[base + v]
        let after = before + step
        counts[base + v] = after
        let R = ruleChecks.count
        for k in valueRuleStart[v]..<valueRuleStart[v + 1] {
            let r = valueRules[k]
            if let most = ruleChecks[r].limits.maxPerValue { ruleExcess[cell * R + r] += max(0, after - most) - max(0, before - most) }
            if before == 0 { ruleDistinct[cell * R + r] += 1 } else if after == 0 { ruleDistinct[cell * R + r] -= 1 }
        }
    }

    /// Adds `step` (1: joining, -1: leaving) to how often each member of `item` meets each
    /// other attendee at table `t` of session `s`, and returns how many of those pairs meet
    /// more than once with the larger count: the repeated meetings the change adds or takes away.
    private mutating func tallyMeetings(session s: Int, item: Int, table t: Int, by step: Int) -> Int {
        let N = instance.attendeeCount
        let (seats, group) = (seats(s, t), members(s, item))
        // Local copies: reading them inside the closure must not overlap its write access
        // to `meet`. They are released on return, before `slots` changes.
        let (groupValues, slots, itemOf) = (self.groupValues, self.slots, self.itemOf)
        var repeated = 0
        meet.withUnsafeMutableBufferPointer { meet in
            for g in group {
                let i = groupValues[g]
                for k in seats {
                    let j = slots[k]
                    if itemOf[s * N + j] == item { continue }
                    let before = Int(meet[i * N + j])
                    let after = before + step
                    if max(before, after) >= 2 { repeated += 1 }
                    meet[i * N + j] = UInt8(after)
                    meet[j * N + i] = UInt8(after)
                }
            }
        }
        return repeated
    }

    /// Seats every item: pinned first, then larger items, each where it adds least cost.
    /// `sizes[s]`, when given, are the table sizes aimed at in session `s` (indexed by
    /// table); otherwise tables fill in proportion to capacity.
    mutating func construct(sizes: [[Int]?]? = nil) {
        targets = (0..<instance.sessionCount).map { s in
            if let given = sizes?[s] { return given.map { max(0, $0) } }
            return Self.targetSizes(instance, session: s)
        }
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
                // On large sessions, a sample of tables keeps construction near-linear.
                for t in sample(items[s].allowed[item], atMost: 48) {
                    let delta = move(session: s, item: item, to: t)
                    undo()
                    if best == nil || delta < best?.delta ?? 0 { best = (t, delta) }
                }
                if let best { move(session: s, item: item, to: best.table) }
            }
        }
    }

    /// Sizes that seat a session's attendees in proportion to capacity, opening as
    /// many tables as minSize allows.
    static func targetSizes(_ instance: Instance, session s: Int) -> [Int] {
        var targets = [Int](repeating: 0, count: instance.tableCount)
        let people = instance.presentIn[s].count
        let tables = instance.tablesIn[s].sorted { instance.capacity[$0] > instance.capacity[$1] }
        guard people > 0, !tables.isEmpty else { return targets }
        // A hard "min k holders of v" rule lets at most holders/k tables be used.
        let most = instance.mostOpenTables(session: s)
        for open in stride(from: max(1, most), through: 1, by: -1) {
            let chosen = Array(tables.prefix(open))
            let seats = chosen.reduce(0) { $0 + instance.capacity[$1] }
            let least = chosen.reduce(0) { $0 + instance.minSize[$1] }
            guard seats >= people, least <= people else { continue }
            var sizes = chosen.map { max(instance.minSize[$0], min(instance.capacity[$0], people * instance.capacity[$0] / seats)) }
            var total = sizes.reduce(0, +)
            var index = 0
            var guardCount = 0
            while total != people && guardCount < 100 * chosen.count {
                let t = chosen[index % chosen.count]
                let k = index % chosen.count
                if total < people && sizes[k] < instance.capacity[t] {
                    sizes[k] += 1
                    total += 1
                } else if total > people && sizes[k] > instance.minSize[t] {
                    sizes[k] -= 1
                    total -= 1
                }
                index += 1
                guardCount += 1
            }
            guard total == people else { continue }
            for (k, t) in chosen.enumerated() { targets[t] = sizes[k] }
            return targets
        }
        for t in tables { targets[t] = instance.capacity[t] }
        return targets
    }

    private mutating func recomputeCosts() {
        broken = 0
        for s in 0..<instance.sessionCount {
            for t in instance.tablesIn[s] {
                let cell = s * instance.tableCount + t
                (tableCost[cell], tableBroken[cell]) = tableState(s, t)
                broken += tableBroken[cell]
            }
            broken += itemTable[s].filter { $0 < 0 }.count
        }
        var total = tableCost.reduce(0, +)
        for s in 0..<instance.sessionCount {
            sessionCost[s] = instance.tablesIn[s].reduce(0) { $0 + ownCost(s, $1) }
        }
        total += guardCost
        for s in 0..<instance.sessionCount {
            for i in instance.presentIn[s] where seat[s][i] >= 0 {
                for j in instance.avoid[i] where j > i && seat[s][j] == seat[s][i] {
                    total += penalty
                    broken += 1
                }
            }
        }
        total += instance.weights.topics * Double(topicCost.reduce(0, +))
        for s in 0..<instance.sessionCount {
            for i in instance.presentIn[s] where seat[s][i] >= 0 { total += instance.moveCost(i, session: s, table: seat[s][i]) }
        }
        if tracksRepeats {
            for i in 0..<instance.attendeeCount {
                for j in (i + 1)..<max(i + 1, instance.attendeeCount) where meet[i * instance.attendeeCount + j] > 1 {
                    total += instance.weights.repeats * Double(meet[i * instance.attendeeCount + j] - 1)
                }
            }
        }
        cost = total
    }

    /// Seats items where the previous plan had them (extension), before construction.
    mutating func loadPrevious() {
        for s in 0..<instance.sessionCount {
            for (item, group) in items[s].members.enumerated() where itemTable[s][item] < 0 {
                let previous = instance.previousSeat[s]
                guard let t = group.map({ previous[$0] }).first(where: { $0 >= 0 }), items[s].allowed[item].contains(t)
                else { continue }
                move(session: s, item: item, to: t)
            }
        }
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

    /// A random item to swap `item` (at table `from` of session `s`) with: one seated at
    /// another table `item` may take, that may take `from`. Nil when the draw fails.
    private mutating func swapPartner(session s: Int, item: Int, from: Int) -> (other: Int, to: Int)? {
        let allowed = items[s].allowed[item]
        let to = allowed[Int(rng.next() % UInt64(allowed.count))]
        guard to != from, to >= 0 else { return nil }
        let cell = s * instance.tableCount + to
        guard occupancy[cell] > 0 else { return nil }
        let other = itemOf[s * instance.attendeeCount + slots[cell * width + Int(rng.next() % UInt64(occupancy[cell]))]]
        guard items[s].allowed[other].contains(from) else { return nil }
        return (other, to)
    }

    /// A random near twin of single item `item` (at table `from` of session `s`) to swap
    /// with: a single attendee of that session seated at another table `item` may take, who
    /// may take `from`. Nil when the draw fails.
    private mutating func twinPartner(session s: Int, item: Int, from: Int) -> (other: Int, to: Int)? {
        let range = members(s, item)
        guard range.count == 1 else { return nil }
        let i = groupValues[range.lowerBound]
        let count = twinStart[i + 1] - twinStart[i]
        guard count > 0 else { return nil }
        let other = itemOf[s * instance.attendeeCount + twins[twinStart[i] + Int(rng.next() % UInt64(count))]]
        guard other >= 0, members(s, other).count == 1 else { return nil }
        let to = itemTable[s][other]
        guard to != from, to >= 0, items[s].allowed[item].contains(to), items[s].allowed[other].contains(from) else { return nil }
        return (other, to)
    }

    /// Whether a member of `item` shares table `t` of session `s` with someone they also
    /// meet in another session.
    func meetsAgain(session s: Int, item: Int, at t: Int) -> Bool {
        let N = instance.attendeeCount
        for g in members(s, item) {
            let i = groupValues[g]
            for k in seats(s, t) {
                let j = slots[k]
                if meet[i * N + j] >= 2 && itemOf[s * N + j] != item { return true }
            }
        }
        return false
    }

    /// Re-seating (extension): brings moved items back to their previous tables, alone or
    /// by trading places with an item seated there, whenever that lowers the cost; repeated
    /// until no such change is left. Starts from and keeps a valid seating.
    mutating func returnHome() {
        guard broken == 0 else { return }
        var changed = true
        var passes = 0
        while changed && passes < 20 {
            changed = false
            passes += 1
            for s in 0..<instance.sessionCount {
                for (item, group) in items[s].members.enumerated() {
                    let from = itemTable[s][item]
                    guard from >= 0, let home = group.map({ instance.previousSeat[s][$0] }).first(where: { $0 >= 0 }),
                        home != from, items[s].allowed[item].contains(home)
                    else { continue }
                    if move(session: s, item: item, to: home) < -1e-9 && broken == 0 {
                        changed = true
                        continue
                    }
                    undo()
                    for other in itemsAt(s, home) where items[s].allowed[other].contains(from) {
                        if move(session: s, item: item, to: home, and: other, to: from) < -1e-9 && broken == 0 {
                            changed = true
                            break
                        }
                        undo()
                    }
                }
            }
        }
        noteBest()
    }

    /// Steepest descent from the best seating on the items that meet someone again: each
    /// takes its best move, or swap with an item at another table of that session, when
    /// that lowers the cost and keeps every hard constraint; until no such change is left,
    /// `deadline` or `stop`. Annealing samples these changes; this tries them all.
    mutating func settleRepeats(until deadline: Date, stop: () -> Bool) {
        guard tracksRepeats, let start = bestSeat else { return }
        load(start)
        guard broken == 0 else { return }
        var improved = true
        while improved && Date() < deadline && !stop() {
            improved = false
            for s in 0..<instance.sessionCount where Date() < deadline && !stop() {
                for item in items[s].members.indices {
                    let from = itemTable[s][item]
                    guard from >= 0, meetsAgain(session: s, item: item, at: from) else { continue }
                    var best: (to: Int, other: Int?, delta: Double)?
                    for to in items[s].allowed[item] where to != from && to >= 0 {
                        var delta = move(session: s, item: item, to: to)
                        if broken == 0 && delta < (best?.delta ?? -1e-9) { best = (to, nil, delta) }
                        undo()
                        for other in itemsAt(s, to) where items[s].allowed[other].contains(from) {
                            delta = move(session: s, item: item, to: to, and: other, to: from)
                            if broken == 0 && delta < (best?.delta ?? -1e-9) { best = (to, other, delta) }
                            undo()
                        }
                    }
                    guard let best else { continue }
                    if let other = best.other {
                        move(session: s, item: item, to: best.to, and: other, to: from)
                    } else {
                        move(session: s, item: item, to: best.to)
                    }
                    improved = true
                }
            }
        }
        noteBest()
    }

    /// Records the current seating as the best when it is valid and better.
    mutating func noteBest() {
        guard broken == 0, cost < bestCost - 1e-9 else { return }
        bestCost = cost
        bestScore = cost - guardCost
        bestSeat = seat
    }

    /// Simulated annealing over moves and swaps until `deadline`, `stop`, or no new
    /// best for `patience` seconds. Keeps the best valid seating in ``bestSeat``.
    /// `sessions`, when given, limits the changes to those sessions, and `onBest` then gets
    /// their own cost (balance, size, soft rules) rather than the total.
    /// Returns the number of accepted changes.
    @discardableResult
    mutating func improve(
        until deadline: Date, patience: Double, stopWhenValid: Bool = false, target: Double? = nil,
        temperatureScale: Double = 1, endRatio: Double = 1e-4, sessions: Set<Int>? = nil, stop: (() -> Bool)? = nil,
        onBest: ((Double) -> Void)? = nil
    ) -> Int {
        noteBest()
        func figure() -> Double { sessions.map { $0.reduce(0) { $0 + sessionCost[$1] } } ?? bestScore }
        if let onBest, bestSeat != nil { onBest(figure()) }
        if broken == 0, let target, cost <= target { return 0 }
        let movable = (0..<instance.sessionCount).filter { sessions?.contains($0) ?? true }.flatMap { s in
            items[s].members.indices.filter { items[s].allowed[$0].count > 1 }.map { (s, $0) }
        }
        guard !movable.isEmpty else { return 0 }
        let begin = Date()
        let budget = max(1e-3, deadline.timeIntervalSince(begin))
        let startTemperature = initialTemperature(movable) * temperatureScale
        let endTemperature = startTemperature * endRatio
        var temperature = startTemperature
        var accepted = 0
        var lastBest = Date()
        var lastReport = Date.distantPast
        var iteration = 0
        func accept(_ delta: Double, _ rng: inout SplitMix64) -> Bool {
            if delta <= 1e-12 { return true }
            guard delta < penalty / 2, temperature > 0 else { return false }
            return rng.unit() < exp(-delta / temperature)
        }
        while true {
            iteration += 1
            if iteration % 64 == 0 {
                let now = Date()
                if now >= deadline || now.timeIntervalSince(lastBest) > patience || stop?() == true { break }
                let progress = min(1, now.timeIntervalSince(begin) / budget)
                temperature = startTemperature * pow(endTemperature / startTemperature, progress)
            }
            if broken > 0 && iteration % 256 == 0 {
                repairOneTable()
                continue
            }
            if restructures && broken == 0 && iteration % Self.restructureInterval == 0
                && (startTemperature <= 0 || temperature <= startTemperature * Self.restructureHeat)
            {
                let (s, _) = movable[Int(rng.next() % UInt64(movable.count))]
                if restructure(session: s) { accepted += 1 }
            } else {
                let (s, item) = movable[Int(rng.next() % UInt64(movable.count))]
                let from = itemTable[s][item]
                let allowed = items[s].allowed[item]
                let kind = rng.next() % 8
                // Changes that surely break a hard limit are refused without scoring them.
                let screen = broken == 0 && !constructing
                if kind == 0 {
                    // Best move to another table (of a sample, at large sessions).
                    var best: (table: Int, delta: Double)?
                    for t in sample(allowed, atMost: 24) where t != from {
                        if screen && surelyBreaks(s, item: item, from: from, to: t) { continue }
                        let delta = move(session: s, item: item, to: t)
                        undo()
                        if best == nil || delta < best?.delta ?? 0 { best = (t, delta) }
                    }
                    if let best, accept(best.delta, &rng) {
                        move(session: s, item: item, to: best.table)
                        accepted += 1
                    }
                } else if kind < 4 {
                    let to = allowed[Int(rng.next() % UInt64(allowed.count))]
                    guard to != from, !(screen && surelyBreaks(s, item: item, from: from, to: to)) else { continue }
                    let delta = move(session: s, item: item, to: to)
                    if accept(delta, &rng) { accepted += 1 } else { undo() }
                } else if kind < 6 && items[s].members[item].count > 1 && from >= 0 {
                    // A group trades places with as many single attendees of another table,
                    // so that both tables keep their sizes.
                    let to = allowed[Int(rng.next() % UInt64(allowed.count))]
                    guard to != from, to >= 0 else { continue }
                    let need = items[s].members[item].count
                    let singles = people(s, to).map { items[s].itemOf[$0] }
                        .filter { items[s].members[$0].count == 1 && items[s].allowed[$0].contains(from) }
                    guard singles.count >= need else { continue }
                    let chosen = sample(singles, atMost: need)
                    let delta = moveAll(session: s, [(item, to)] + chosen.map { ($0, from) })
                    if accept(delta, &rng) { accepted += 1 } else { undo() }
                } else if kind == 7 && tracksRepeats && from >= 0 && meetsAgain(session: s, item: item, at: from) {
                    // An item that meets someone again: its best swap among a sample of items at
                    // other tables (measured at 100 attendees over 6 sessions, 3 seeds of 30 s:
                    // totals 10-32 lower, fewer repeats at the same balance). Half the sample are
                    // near twins, whose swap leaves balance nearly as it is (measured on four events
                    // of 100-200 attendees, 3 seeds of 30 s: mean totals 0.2-1.1 % lower, at 100 × 6
                    // 58 repeated meetings against 64, balance the same; see ``largestTwinned``).
                    var best: (other: Int, to: Int, delta: Double)?
                    for draw in 0..<16 {
                        let partner = twinned && draw < 8 ? twinPartner(session: s, item: item, from: from) : swapPartner(session: s, item: item, from: from)
                        guard let (other, to) = partner, !(screen && surelyBreaks(s, item: item, from: from, to: to, other: other)) else { continue }
                        let delta = move(session: s, item: item, to: to, and: other, to: from)
                        undo()
                        if best == nil || delta < best?.delta ?? 0 { best = (other, to, delta) }
                    }
                    if let best, accept(best.delta, &rng) {
                        move(session: s, item: item, to: best.to, and: best.other, to: from)
                        accepted += 1
                    }
                } else {
                    // Swap with an item at another allowed table.
                    guard let (other, to) = swapPartner(session: s, item: item, from: from),
                        !(screen && surelyBreaks(s, item: item, from: from, to: to, other: other))
                    else { continue }
                    let delta = move(session: s, item: item, to: to, and: other, to: from)
                    if accept(delta, &rng) { accepted += 1 } else { undo() }
                }
            }
            if broken == 0 && cost < bestCost - 1e-9 {
                let first = bestSeat == nil
                noteBest()
                lastBest = Date()
                if let onBest, first || lastBest.timeIntervalSince(lastReport) >= 0.5 {
                    lastReport = lastBest
                    onBest(figure())
                }
                if stopWhenValid || cost <= target ?? -.infinity { break }
            }
        }
        return accepted
    }

    /// Iterations between two tries at closing or opening a table.
    static let restructureInterval = 4096

    /// Closes a random open table of session `s` (its items each to their best other table)
    /// or opens a random empty one (filled to its minSize with the items that cost least
    /// there), then descends briefly on that session, and keeps the whole change when it
    /// lowers the cost; otherwise puts the session back as it was.
    /// Single moves cannot do either once tables have a minSize (a table of 5 cannot lose
    /// one person), so without this the number of open tables stays where construction or
    /// rounding left it.
    private mutating func restructure(session s: Int) -> Bool {
        let T = instance.tableCount
        let open = instance.tablesIn[s].filter { occupancy[s * T + $0] > 0 }
        let empty = instance.tablesIn[s].filter { occupancy[s * T + $0] == 0 }
        guard !open.isEmpty else { return false }
        let closing = empty.isEmpty || (open.count > 1 && rng.next() % 2 == 0)
        let movable = items[s].members.indices.filter { items[s].allowed[$0].count > 1 }
        let t = closing ? open[Int(rng.next() % UInt64(open.count))] : empty[Int(rng.next() % UInt64(empty.count))]
        var here = closing ? itemsAt(s, t) : []
        guard !movable.isEmpty, !closing || (open.count > 1 && here.allSatisfy { items[s].allowed[$0].count > 1 }) else { return false }
        // The same descent first from where things are (the items of the table to close, or
        // as many of the session as the table to open needs): the comparison below is then
        // between two seatings that each had it. Without it, the descent after the change
        // found gains of its own in a seating not yet settled, and tables were closed one
        // after another (measured on a workshop of 120 over 4 sessions: 15-16 tables where
        // 17-18 did better).
        let baseline = closing ? here : (0..<max(1, instance.minSize[t])).map { _ in movable[Int(rng.next() % UInt64(movable.count))] }
        descend(session: s, from: baseline, tries: Self.restructureDescent * baseline.count)
        // The descent may have traded some of them for others.
        if closing { here = itemsAt(s, t) }
        let before = itemTable[s]
        let start = cost
        let moved: [Int]
        if closing {
            here.shuffle(using: &rng)
            moved = disperse(session: s, here, from: t, openOnly: true, sampled: Self.restructureSample)
        } else {
            let candidates = movable.filter { items[s].allowed[$0].contains(t) }
            moved = gather(session: s, into: t, from: candidates, sampled: Self.restructureSample).map(\.item)
        }
        // The people moved sit where the greedy step put them: a short descent from them.
        guard !moved.isEmpty else { return false }
        descend(session: s, from: moved, tries: Self.restructureDescent * moved.count)
        if broken == 0 && cost <= start + 1e-12 { return true }
        let back = items[s].members.indices.filter { itemTable[s][$0] != before[$0] }.map { (item: $0, to: before[$0]) }
        moveAll(session: s, back)
        return false
    }

    /// `list` when it holds at most `count` elements, else `count` of them drawn at random.
    private mutating func sample(_ list: [Int], atMost count: Int) -> [Int] {
        guard list.count > count else { return list }
        var drawn = list
        for k in 0..<count { drawn.swapAt(k, k + Int(rng.next() % UInt64(drawn.count - k))) }
        return Array(drawn.prefix(count))
    }

    /// `tries` changes of session `s`, each moving an item of `list` to a random allowed
    /// table or swapping it with an item of another table, each kept when it lowers the cost.
    private mutating func descend(session s: Int, from list: [Int], tries: Int) {
        guard !list.isEmpty else { return }
        for _ in 0..<tries {
            let item = list[Int(rng.next() % UInt64(list.count))]
            let from = itemTable[s][item]
            let delta: Double
            if rng.next() % 2 == 0, let (other, to) = swapPartner(session: s, item: item, from: from) {
                delta = move(session: s, item: item, to: to, and: other, to: from)
            } else {
                let allowed = items[s].allowed[item]
                let to = allowed[Int(rng.next() % UInt64(allowed.count))]
                guard to != from else { continue }
                delta = move(session: s, item: item, to: to)
            }
            if delta >= -1e-12 { undo() }
        }
    }

    /// The share of the starting temperature below which tables are closed or opened: the
    /// change is kept only when it lowers the cost, which says little of a hot seating (there
    /// the descent after it finds gains of its own, and tables closed one after another).
    static let restructureHeat = 0.05
    /// Tries of the descent after ``restructure(session:)``, per item moved.
    static let restructureDescent = 30
    /// Items weighed for each seat of a table being opened, and tables for each item of a
    /// table being closed, at most.
    static let restructureSample = 48

    /// Takes a table that breaks a hard constraint and applies the best move or swap
    /// of one of its items with any item of the session, if it lowers the cost.
    private mutating func repairOneTable() {
        var broken: [(Int, Int)] = []
        for s in 0..<instance.sessionCount { for t in instance.tablesIn[s] where tableBroken[s * instance.tableCount + t] > 0 { broken.append((s, t)) } }
        guard !broken.isEmpty else { return }
        let (s, t) = broken[Int(rng.next() % UInt64(broken.count))]
        let here = itemsAt(s, t).filter { items[s].allowed[$0].count > 1 }
        var best: (a: Int, b: Int?, to: Int, delta: Double)?
        // Items elsewhere that could come to t: moved in, or swapped with an item of t.
        for other in items[s].members.indices where itemTable[s][other] != t && items[s].allowed[other].contains(t) {
            let from = itemTable[s][other]
            let delta = move(session: s, item: other, to: t)
            undo()
            if delta < (best?.delta ?? -1e-9) { best = (other, nil, t, delta) }
            for item in here where items[s].allowed[item].contains(from) {
                let swap = move(session: s, item: other, to: t, and: item, to: from)
                undo()
                if swap < (best?.delta ?? -1e-9) { best = (other, item, t, swap) }
            }
        }
        for item in here {
            for to in items[s].allowed[item] where to != t {
                let delta = move(session: s, item: item, to: to)
                undo()
                if delta < (best?.delta ?? -1e-9) { best = (item, nil, to, delta) }
            }
        }
        if let best {
            let from = itemTable[s][best.a]
            if let b = best.b {
                move(session: s, item: best.a, to: best.to, and: b, to: from)
            } else {
                move(session: s, item: best.a, to: best.to)
            }
            return
        }
        // No single change helps: a table more (an organization with more members than
        // open tables under "one per table") or one less.
        let empty = instance.tablesIn[s].filter { occupancy[s * instance.tableCount + $0] == 0 }
        if !empty.isEmpty, openTable(session: s, table: empty[Int(rng.next() % UInt64(empty.count))]) { return }
        closeTable(session: s, table: t)
    }

    /// Fills empty table `t` up to its minSize, each time with the item whose move there
    /// costs least; keeps the change only when the total cost falls. The counterpart of
    /// ``closeTable(session:table:)``: single moves cannot open a table that has a minSize.
    /// Measured on a generated event of 100 attendees over 6 sessions (13 tables of 5-10,
    /// an organization of 12-13, "one per organization per table"): repair had closed two
    /// tables, and no valid plan was found in 60 s.
    @discardableResult
    private mutating func openTable(session s: Int, table t: Int) -> Bool {
        let start = cost
        let candidates = items[s].members.indices.filter { items[s].allowed[$0].count > 1 && items[s].allowed[$0].contains(t) }
        let done = gather(session: s, into: t, from: candidates, sampled: .max)
        if occupancy[s * instance.tableCount + t] >= max(1, instance.minSize[t]) && cost - start < -1e-9 { return true }
        for (item, from) in done.reversed() { move(session: s, item: item, to: from) }
        return false
    }

    /// Empties table `t`, each of its items going where it adds least; keeps the
    /// change only when the total cost falls (opening and closing tables are
    /// otherwise out of reach of single moves when tables have a minSize).
    private mutating func closeTable(session s: Int, table t: Int) {
        let here = itemsAt(s, t)
        guard here.allSatisfy({ items[s].allowed[$0].count > 1 }) else { return }
        let start = cost
        let done = disperse(session: s, here, from: t, openOnly: false, sampled: .max)
        if done.count == here.count && cost - start < -1e-9 { return }
        for item in done { move(session: s, item: item, to: t) }
    }

    /// Moves each of `list` (items at table `t` of session `s`) to the table where it adds
    /// least, of at most `sampled` of its allowed tables (only tables with people at them
    /// when `openOnly`); stops at an item with nowhere to go. Returns the items moved, in order.
    private mutating func disperse(session s: Int, _ list: [Int], from t: Int, openOnly: Bool, sampled: Int) -> [Int] {
        var moved: [Int] = []
        for item in list {
            var best: (table: Int, delta: Double)?
            for to in sample(items[s].allowed[item], atMost: sampled)
            where to != t && (!openOnly || (to >= 0 && occupancy[s * instance.tableCount + to] > 0)) {
                let delta = move(session: s, item: item, to: to)
                undo()
                if best == nil || delta < best?.delta ?? 0 { best = (to, delta) }
            }
            guard let best else { break }
            move(session: s, item: item, to: best.table)
            moved.append(item)
        }
        return moved
    }

    /// Fills empty table `t` of session `s` up to its minSize, each seat with the item of
    /// `candidates` (at most `sampled` of them, drawn anew for each seat) whose move there
    /// costs least; stops when none is left. Returns the items moved and the tables they left.
    private mutating func gather(session s: Int, into t: Int, from candidates: [Int], sampled: Int) -> [(item: Int, from: Int)] {
        let least = max(1, instance.minSize[t])
        var moved: [(item: Int, from: Int)] = []
        while occupancy[s * instance.tableCount + t] < least {
            var best: (item: Int, delta: Double)?
            for item in sample(candidates, atMost: sampled) where itemTable[s][item] != t {
                let delta = move(session: s, item: item, to: t)
                undo()
                if best == nil || delta < best?.delta ?? 0 { best = (item, delta) }
            }
            guard let best else { break }
            moved.append((best.item, itemTable[s][best.item]))
            move(session: s, item: best.item, to: t)
        }
        return moved
    }

    /// A starting temperature from the typical cost change of a random move.
    private mutating func initialTemperature(_ movable: [(Int, Int)]) -> Double {
        var deltas: [Double] = []
        for _ in 0..<min(200, movable.count * 4) {
            let (s, item) = movable[Int(rng.next() % UInt64(movable.count))]
            let from = itemTable[s][item]
            let allowed = items[s].allowed[item]
            let to = allowed[Int(rng.next() % UInt64(allowed.count))]
            guard to != from else { continue }
            let delta = move(session: s, item: item, to: to)
            undo()
            if delta > 1e-9 && delta < penalty / 2 { deltas.append(delta) }
        }
        guard !deltas.isEmpty else { return 0 }
        deltas.sort()
        return deltas[deltas.count / 2] * 0.3
    }
}
