/// A lower bound on the repeats term that holds for every valid plan, with the reason
/// in organizer terms.
///
/// Two counting arguments, the larger wins:
/// - **Meetings.** Each session seats its attendees at tables; spreading them as evenly
///   as capacities allow gives the fewest pairs sharing a table (Σ C(n_t, 2) is convex).
///   Pairs inside a group always sit together and do not count. Summed over sessions this
///   is a number of meetings M; at most E pairs can ever meet (not one group, no avoid,
///   a session in common), so repeats ≥ M − E.
/// - **Per person.** Attendee i meets, in session s, at least the smallest table they can
///   sit at, less one and less their group mates; over the event that is meets_i, among at
///   most distinct_i people, so i is in at least meets_i − distinct_i repeated meetings,
///   and repeats ≥ ½ Σ_i max(0, meets_i − distinct_i).
///
/// - **Pairs of sessions.** A table of a people in one session spreads them over the
///   other session's tables, so at least fewestPairs(a, those capacities) of its pairs sit
///   together again (``spreadPairs(_:from:into:)``): X pairs share a table in two sessions,
///   over all pairs of sessions. A pair meeting m times makes
///   C(m, 2) of those and m − 1 repeats, at most w/2 per repeat (w sessions), so the
///   fewest repeats R are the least with f(R) ≥ X, f(R) the most C(m, 2) that R repeats
///   make (whole pairs at w meetings first). This is the pigeonhole argument that 12
///   people in 3 tables of 4 cannot meet new people only even twice: 3 sessions force 6.
///
/// All are relaxations (minimum sizes only enter the per-person count), so the bound is
/// valid for any request; it is 0 when the counting shows nothing.
struct RepeatBound: Sendable {
    /// The bound on the repeats term (weight included).
    let value: Double
    /// Why, in one sentence; `nil` when the bound is 0.
    let proof: String?

    init(_ instance: Instance) {
        let weight = instance.weights.repeats
        guard weight > 0, instance.sessionCount > 1 else {
            value = 0
            proof = nil
            return
        }
        let n = instance.attendeeCount
        var meetings = 0
        var perSession: [(present: Int, tables: Int, least: Int)] = []
        // Members of each group present in each session.
        var groupPresent: [[Int: Int]] = []
        for s in 0..<instance.sessionCount {
            let present = instance.presentIn[s]
            let least = Self.fewestPairs(people: present.count, capacities: instance.tablesIn[s].map { instance.capacity[$0] })
            var grouped = 0
            var groupCount: [Int: Int] = [:]
            for i in present { if let g = instance.group[i] { groupCount[g, default: 0] += 1 } }
            for (_, k) in groupCount { grouped += k * (k - 1) / 2 }
            groupPresent.append(groupCount)
            let meet = max(0, least - grouped)
            meetings += meet
            perSession.append((present.count, instance.tablesIn[s].count, meet))
        }
        // Pairs that can meet at all, and per person how many distinct people they can meet.
        var eligible = 0
        var distinct = [Int](repeating: 0, count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                guard !instance.sameGroup(i, j), !instance.avoid[i].contains(j) else { continue }
                guard (0..<instance.sessionCount).contains(where: { instance.present[i][$0] && instance.present[j][$0] }) else { continue }
                eligible += 1
                distinct[i] += 1
                distinct[j] += 1
            }
        }
        let byMeetings = max(0, meetings - eligible)

        var personExcess = 0
        var example: (person: Int, meets: Int, distinct: Int)?
        for i in 0..<n {
            var meets = 0
            for s in 0..<instance.sessionCount where instance.present[i][s] {
                let present = instance.presentIn[s].count
                let total = instance.totalCapacity(session: s)
                let mates = instance.group[i].flatMap { groupPresent[s][$0] } ?? 1
                let allowed = instance.pin[i][s].map { [$0] } ?? instance.tablesIn[s]
                // The smallest table i can be at: at least its minimum, i's group, and what the other tables cannot hold.
                let smallest = allowed.map { t in max(mates, instance.minSize[t], present - (total - instance.capacity[t])) }.min() ?? mates
                meets += max(0, smallest - mates)
            }
            let excess = meets - distinct[i]
            if excess > 0 {
                personExcess += excess
                if example == nil { example = (i, meets, distinct[i]) }
            }
        }
        let byPerson = (personExcess + 1) / 2

        let pairs = Self.sessionPairs(instance)
        let count = max(byMeetings, byPerson, pairs?.repeats ?? 0)
        value = weight * Double(count)
        guard count > 0 else {
            proof = nil
            return
        }
        let scale = weight == 1 ? "" : " (\(formatNumber(value)) at weight \(formatNumber(weight)))"
        if let pairs, pairs.repeats == count, pairs.repeats > max(byMeetings, byPerson) {
            proof = "Repeats are at least \(pairs.repeats)\(scale): the tables of any two sessions force at least \(pairs.example) pairs to sit together in both (a table's people outnumber the tables they can spread to), \(pairs.together) over all pairs of sessions, and one repeated meeting accounts for at most \(instance.sessionCount)/2 of those."
        } else if byMeetings >= byPerson {
            let uniform = Set(perSession.map { "\($0.present) \($0.tables) \($0.least)" }).count == 1
            let detail = uniform
                ? "\(instance.sessionCount) sessions × at least \(perSession[0].least) pairs sharing a table = \(meetings) meetings"
                : "the sessions seat at least \(meetings) pairs at shared tables in all"
            proof = "Repeats are at least \(byMeetings)\(scale): \(detail) among \(eligible) pairs who can meet."
        } else if let example {
            proof = "Repeats are at least \(byPerson)\(scale): some attendees share a table with more people over the sessions than they can meet (e.g. \(instance.attendeeIDs[example.person].debugDescription) meets at least \(example.meets) times among \(example.distinct) people); half the total excess."
        } else {
            proof = nil
        }
    }

    /// The pairs-of-sessions argument: `together` = X, the pairs (not of one group) sharing
    /// a table in two sessions, over all pairs of sessions; `example` the fewest for one
    /// pair of sessions; and the repeats they force. `nil` when the count shows nothing.
    ///
    /// For sessions s and t with c attendees in common: s seats them at its tables (sizes
    /// a_A ≤ capacity), and each table's a_A spread over t's tables puts at least
    /// g(a_A) = fewestPairs(a_A, t's capacities) pairs together again. g is convex, so
    /// Σ g(a_A) is least when the c are spread as evenly as s's capacities allow (minimum
    /// sizes relaxed); the same with s and t swapped, the larger wins. Pairs of a group
    /// present in both may be among them and are taken off.
    static func sessionPairs(_ instance: Instance) -> (repeats: Int, together: Int, example: Int)? {
        let w = instance.sessionCount
        guard w >= 2 else { return nil }
        let capacities = (0..<w).map { s in instance.tablesIn[s].map { instance.capacity[$0] }.filter { $0 > 0 } }
        let present = (0..<w).map { Set(instance.presentIn[$0]) }
        var together = 0
        var example = Int.max
        for s in 0..<w {
            for t in (s + 1)..<w {
                let common = present[s].intersection(present[t])
                // A table of s holding more of them than t has tables: nothing to count otherwise.
                let forward = spreadPairs(common.count, from: capacities[s], into: capacities[t])
                let backward = spreadPairs(common.count, from: capacities[t], into: capacities[s])
                var grouped: [Int: Int] = [:]
                for i in common { if let g = instance.group[i] { grouped[g, default: 0] += 1 } }
                let groupPairs = grouped.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
                let pair = max(0, max(forward, backward) - groupPairs)
                together += pair
                example = min(example, pair)
            }
        }
        guard together > 0 else { return nil }
        // f(R): R repeats make at most ⌊R/(w−1)⌋·C(w, 2) + C(R mod (w−1) + 1, 2) such pairs.
        func most(_ r: Int) -> Int {
            let (whole, rest) = r.quotientAndRemainder(dividingBy: w - 1)
            return whole * w * (w - 1) / 2 + rest * (rest + 1) / 2
        }
        var repeats = 0
        while most(repeats) < together { repeats += 1 }
        return (repeats, together, example)
    }

    /// The fewest pairs that `people`, seated at tables of capacities `from`, still share a
    /// table with when reseated at tables of capacities `into`: Σ over tables of
    /// fewestPairs(a_A, into) at the evenest sizes a_A. 0 when no table can hold more
    /// people than `into` has tables, or when they do not fit.
    static func spreadPairs(_ people: Int, from: [Int], into: [Int]) -> Int {
        guard people > 0, let largest = from.max(), largest > into.count, from.reduce(0, +) >= people else { return 0 }
        var memo: [Int: Int] = [:]
        return evenSizes(people: people, capacities: from).reduce(0) { total, a in
            if let known = memo[a] { return total + known }
            let pairs = fewestPairs(people: a, capacities: into)
            memo[a] = pairs
            return total + pairs
        }
    }

    /// The fewest pairs sharing a table when `people` sit at tables of `capacities`: as even
    /// as the capacities allow. 0 when they do not fit (no valid plan then).
    static func fewestPairs(people: Int, capacities: [Int]) -> Int {
        guard people > 0, capacities.reduce(0, +) >= people else { return 0 }
        return evenSizes(people: people, capacities: capacities).reduce(0) { $0 + $1 * ($1 - 1) / 2 }
    }

    /// Table sizes seating `people` as evenly as `capacities` allow (smallest tables first;
    /// empty tables left out): the least Σ f(size) for any convex f.
    static func evenSizes(people: Int, capacities: [Int]) -> [Int] {
        var sizes: [Int] = []
        var rest = people
        var tables = capacities.count
        for capacity in capacities.sorted() {
            guard tables > 0, rest > 0 else { break }
            if capacity * tables <= rest {
                // The smallest table left fills up even at an even spread.
                sizes.append(capacity)
                rest -= capacity
                tables -= 1
            } else {
                // The rest share the remaining tables evenly.
                let (level, extra) = rest.quotientAndRemainder(dividingBy: tables)
                sizes += [Int](repeating: level + 1, count: extra) + [Int](repeating: level, count: tables - extra)
                break
            }
        }
        return sizes
    }
}
