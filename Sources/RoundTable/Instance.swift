/// A validated request with every name resolved to an index; the form that
/// scoring, formulation and search work on.
///
/// Attendees are `0..<attendeeCount`, tables `0..<tableCount`, sessions
/// `0..<sessionCount`, in request order.
struct Instance: Sendable {
    struct NormalizedRule: Sendable {
        let index: Int
        let rule: Rule
        let attribute: Int
        /// The value counted by `min`/`max`; `nil` when the rule has none, -1 when no attendee holds it.
        let value: Int?
        let weight: Double?
        var isHard: Bool { weight == nil }
        var limits: RuleLimits {
            RuleLimits(value: value, min: rule.min, max: rule.max, maxPerValue: rule.maxPerValue, minDistinct: rule.minDistinct)
        }
    }

    /// What a rule counts at one table, without names (cheap to copy in hot loops).
    struct RuleLimits: Sendable {
        let value: Int?
        let min: Int?
        let max: Int?
        let maxPerValue: Int?
        let minDistinct: Int?

        /// Units of violation at a table of `size` attendees whose value counts (of the
        /// rule's attribute) are `counts`; value `v` is at `counts.startIndex + v`.
        func violation<Counts: RandomAccessCollection<Int>>(size: Int, counts: Counts) -> Int where Counts.Index == Int {
            guard size > 0 else { return 0 }
            let held = value.map { $0 >= 0 ? counts[counts.startIndex + $0] : 0 } ?? 0
            let excess = maxPerValue.map { most in counts.reduce(0) { $0 + Swift.max(0, $1 - most) } } ?? 0
            let distinct = minDistinct == nil ? 0 : counts.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
            return violation(size: size, held: held, excess: excess, distinct: distinct)
        }

        /// Units of violation at a table of `size` attendees where `held` have the rule's
        /// value, the counts over `maxPerValue` add up to `excess`, and `distinct` values are
        /// held: the same as ``violation(size:counts:)``, from tallies kept elsewhere.
        func violation(size: Int, held: Int, excess: Int, distinct: Int) -> Int {
            guard size > 0 else { return 0 }
            var units = 0
            if value != nil {
                if let min, held < min { units += min - held }
                if let max, held > max { units += held - max }
            }
            if maxPerValue != nil { units += excess }
            if let minDistinct, distinct < minDistinct { units += minDistinct - distinct }
            return units
        }
    }

    let request: SeatingRequest
    let sessionCount: Int
    let tableCount: Int
    let attendeeCount: Int
    let capacity: [Int]
    let minSize: [Int]
    /// Topic index of each table, if it has one.
    let tableTopic: [Int?]
    let topicNames: [String]
    /// `available[t][s]`.
    let available: [[Bool]]
    let tablesIn: [[Int]]
    /// `present[i][s]`.
    let present: [[Bool]]
    let presentIn: [[Int]]
    let group: [Int?]
    let groupMembers: [[Int]]
    /// Symmetric, sorted, without duplicates.
    let avoid: [[Int]]
    /// `pin[i][s]`: the pinned table, if any.
    let pin: [[Int?]]
    /// Attributes that are balanced or ruled, in a fixed order.
    let attributeNames: [String]
    let valueNames: [[String]]
    /// `holds[a][i]`: value indices attendee `i` holds for attribute `a`.
    let holds: [[[Int]]]
    /// Balanced attributes with a positive weight.
    let balance: [(attribute: Int, weight: Double)]
    let rules: [NormalizedRule]
    /// `topicRank[i][x]`: rank of topic `x` for attendee `i` (L when unlisted); empty when `i` lists none.
    let topicRank: [[Int]]
    let topicLength: [Int]
    let weights: Objective
    /// `previousSeat[s][i]`: the table in the previous plan, -1 when none (extension).
    let previousSeat: [[Int]]
    /// Each attendee's and table's id, kept rather than derived from the request on every
    /// use: the plan's assignments read them once per seat (at 10,000 attendees, mapping
    /// the request's attendees for each seat took about a tenth of a first plan's time).
    let attendeeIDs: [String]
    let tableIDs: [String]

    /// The moves cost of seating `i` at `t` in session `s`.
    func moveCost(_ i: Int, session s: Int, table t: Int) -> Double {
        let before = previousSeat[s][i]
        return before >= 0 && before != t ? weights.moves : 0
    }

    var sessionNames: [String] { request.sessions }

    /// Whether `i` and `j` are in the same group.
    func sameGroup(_ i: Int, _ j: Int) -> Bool {
        guard let gi = group[i], let gj = group[j] else { return false }
        return gi == gj
    }

    /// Number of present attendees of session `s` holding each value of attribute `a`.
    func valueTotals(attribute a: Int, session s: Int) -> [Int] {
        var totals = [Int](repeating: 0, count: valueNames[a].count)
        for i in presentIn[s] { for v in holds[a][i] { totals[v] += 1 } }
        return totals
    }

    /// Total capacity of the tables available in `s`.
    func totalCapacity(session s: Int) -> Int { tablesIn[s].reduce(0) { $0 + capacity[$1] } }

    /// q(s,t): the proportional share of session `s`'s attendees at table `t`.
    func targetSize(session s: Int, table t: Int) -> Double {
        let total = totalCapacity(session: s)
        guard total > 0 else { return 0 }
        return Double(presentIn[s].count) * Double(capacity[t]) / Double(total)
    }

    /// The sizes table `t` may have in session `s`: 0 (empty), or from its minSize (at
    /// least 1) to its capacity, never more than the session's attendance.
    func sizeChoices(session s: Int, table t: Int) -> [Int] {
        let smallest = max(1, minSize[t])
        let attendance = presentIn[s].count
        return [0] + (smallest...max(smallest, capacity[t])).filter { $0 <= capacity[t] && $0 <= attendance }
    }

    /// The size term of table `t` in session `s` at each of `sizes`.
    func sizeCosts(session s: Int, table t: Int, sizes: [Int]) -> [Double] {
        let q = targetSize(session: s, table: t)
        return sizes.map { weights.size * abs(Double($0) - q) }
    }

    /// The tables of session `s` grouped by capacity and minSize (interchangeable for the
    /// bounds, which relax pins and topics), in first-seen order.
    func interchangeableTables(session s: Int) -> [[Int]] {
        var index: [[Int]: Int] = [:]
        var classes: [[Int]] = []
        for t in tablesIn[s] {
            let key = [capacity[t], minSize[t]]
            if let c = index[key] {
                classes[c].append(t)
            } else {
                index[key] = classes.count
                classes.append([t])
            }
        }
        return classes
    }

    /// The most tables session `s` can open: a hard "at least k holders of v" rule allows
    /// at most holders / k.
    func mostOpenTables(session s: Int) -> Int {
        var most = tablesIn[s].count
        for rule in rules where rule.isHard {
            guard let value = rule.value, let low = rule.rule.min, low > 0 else { continue }
            let holders = value >= 0 ? valueTotals(attribute: rule.attribute, session: s)[value] : 0
            most = min(most, holders / low)
        }
        return most
    }
}
