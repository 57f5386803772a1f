import Foundation

/// Tabu search for the social golfer problem: `players` people, `groups` groups of
/// `size` in each of `rounds` rounds, fewest repeated meetings.
///
/// Dotú & Van Hentenryck's method ("Scheduling social golfers locally", CPAIOR 2005):
/// a move swaps two players of different groups within one round, one of whom meets a
/// group mate for at least the second time; the best non-tabu move is taken (a tabu one
/// when it beats the best schedule), the swapped pair stays tabu in that round for a few
/// iterations, and a stalled search restarts from the best schedule with random swaps.
/// Rounds are first built greedily, in the spirit of Triska & Musliu ("An effective
/// greedy heuristic for the social golfer problem", 2012): each player joins the group
/// where they add the fewest repeats and leave the most freedom to those still unseated.
/// The meeting counts are kept incrementally, so a move is evaluated in O(size).
/// Round 0 never changes: relabelling players makes any schedule start with it.
struct GolferSearch: Sendable {
    let groups: Int
    let size: Int
    let rounds: Int
    var players: Int { groups * size }
    /// `group[r][p]`: the group of player p in round r.
    private(set) var group: [[Int]]
    /// `members[r][g]`: the players of group g in round r.
    private var members: [[[Int]]]
    /// `met[p * players + q]`: rounds in which p and q share a group.
    private var met: [Int]
    /// Repeated meetings: Σ over pairs of max(0, met − 1).
    private(set) var cost: Int
    private(set) var best: [[Int]]
    private(set) var bestCost: Int
    private var rng: SplitMix64

    /// A greedy schedule, or `start` when given (a `[round][player] → group` array of the
    /// right shape, every group exactly `size`).
    init(groups: Int, size: Int, rounds: Int, seed: UInt64, start: [[Int]]? = nil) {
        self.groups = groups
        self.size = size
        self.rounds = rounds
        let n = groups * size
        rng = SplitMix64(seed: seed)
        group = [[Int]](repeating: [Int](repeating: 0, count: n), count: rounds)
        members = [[[Int]]](repeating: [[Int]](repeating: [], count: groups), count: rounds)
        met = [Int](repeating: 0, count: n * n)
        cost = 0
        best = []
        bestCost = 0
        if let start, start.count == rounds, start.allSatisfy({ $0.count == n }) {
            for r in 0..<rounds { place(round: r, start[r]) }
        } else {
            for r in 0..<rounds { place(round: r, greedyRound(r)) }
        }
        best = group
        bestCost = cost
    }

    /// Sets round `r` to `labels` and counts its meetings.
    private mutating func place(round r: Int, _ labels: [Int]) {
        let n = players
        group[r] = labels
        members[r] = [[Int]](repeating: [], count: groups)
        for p in 0..<n { members[r][labels[p]].append(p) }
        for g in 0..<groups {
            let list = members[r][g]
            for x in 0..<list.count {
                for y in (x + 1)..<max(x + 1, list.count) {
                    let (a, b) = (list[x], list[y])
                    if met[a * n + b] >= 1 { cost += 1 }
                    met[a * n + b] += 1
                    met[b * n + a] += 1
                }
            }
        }
    }

    /// Round `r` built group by group: each next player adds the fewest repeats with the
    /// group so far, then leaves the most unseated players who have met nobody in it.
    private mutating func greedyRound(_ r: Int) -> [Int] {
        let n = players
        if r == 0 { return (0..<n).map { $0 / size } }
        var labels = [Int](repeating: -1, count: n)
        var unseated = Array(0..<n)
        for g in 0..<groups {
            var current: [Int] = []
            while current.count < size {
                var chosen = -1
                var bestKey = (Int.max, Int.max)
                var ties = 0
                for (k, x) in unseated.enumerated() {
                    var repeats = 0
                    for y in current where met[x * n + y] > 0 { repeats += 1 }
                    // Freedom: unseated players who have met neither x nor the group.
                    var blocked = 0
                    for u in unseated where u != x {
                        if met[x * n + u] > 0 || current.contains(where: { met[$0 * n + u] > 0 }) { blocked += 1 }
                    }
                    let key = (repeats, blocked)
                    if key < bestKey {
                        bestKey = key
                        chosen = k
                        ties = 1
                    } else if key == bestKey {
                        ties += 1
                        if rng.next() % UInt64(ties) == 0 { chosen = k }
                    }
                }
                let x = unseated.remove(at: chosen)
                current.append(x)
                labels[x] = g
            }
        }
        return labels
    }

    /// Change of `cost` if `a` and `b` (different groups of round `r`) swapped.
    private func delta(_ r: Int, _ a: Int, _ b: Int) -> Int {
        let n = players
        var d = 0
        for x in members[r][group[r][a]] where x != a {
            if met[a * n + x] >= 2 { d -= 1 }
            if met[b * n + x] >= 1 { d += 1 }
        }
        for y in members[r][group[r][b]] where y != b {
            if met[b * n + y] >= 2 { d -= 1 }
            if met[a * n + y] >= 1 { d += 1 }
        }
        return d
    }

    private mutating func swap(_ r: Int, _ a: Int, _ b: Int) {
        let n = players
        let (ga, gb) = (group[r][a], group[r][b])
        cost += delta(r, a, b)
        for x in members[r][ga] where x != a {
            met[a * n + x] -= 1; met[x * n + a] -= 1
            met[b * n + x] += 1; met[x * n + b] += 1
        }
        for y in members[r][gb] where y != b {
            met[b * n + y] -= 1; met[y * n + b] -= 1
            met[a * n + y] += 1; met[y * n + a] += 1
        }
        if let k = members[r][ga].firstIndex(of: a) { members[r][ga][k] = b }
        if let k = members[r][gb].firstIndex(of: b) { members[r][gb][k] = a }
        group[r][a] = gb
        group[r][b] = ga
    }

    /// Searches until the cost reaches `target`, `deadline` passes or `stop` returns true;
    /// the best schedule is in ``best``.
    mutating func run(target: Int, deadline: Date, stop: () -> Bool) {
        let n = players
        guard rounds > 1, groups > 1, size > 1 else { return }
        var tabu = [Int](repeating: 0, count: rounds * n * n)
        var iteration = 0
        var stall = 0
        // Short tenures and early restarts from the best schedule: measured best on 10×4×10
        // (tenure 4–53 and restarts after 4n idle moves stalled at 1 repeat for 10 s).
        let patience = 100
        var conflicting = [Bool](repeating: false, count: n)
        while bestCost > target {
            iteration += 1
            if iteration & 63 == 0, Date() >= deadline || stop() { return }
            var pick = (r: -1, a: -1, b: -1)
            var pickDelta = Int.max
            var ties = 0
            for r in 1..<rounds {
                for p in 0..<n {
                    conflicting[p] = members[r][group[r][p]].contains { $0 != p && met[p * n + $0] >= 2 }
                }
                for a in 0..<n where conflicting[a] {
                    for b in 0..<n where group[r][b] != group[r][a] && (!conflicting[b] || a < b) {
                        let d = delta(r, a, b)
                        if d > pickDelta { continue }
                        if tabu[(r * n + a) * n + b] > iteration && cost + d >= bestCost { continue }
                        if d < pickDelta {
                            pickDelta = d
                            pick = (r, a, b)
                            ties = 1
                        } else {
                            ties += 1
                            if rng.next() % UInt64(ties) == 0 { pick = (r, a, b) }
                        }
                    }
                }
            }
            guard pick.r >= 0 else {
                perturb(&tabu)
                continue
            }
            swap(pick.r, pick.a, pick.b)
            let tenure = 2 + Int(rng.next() % 5)
            tabu[(pick.r * n + pick.a) * n + pick.b] = iteration + tenure
            tabu[(pick.r * n + pick.b) * n + pick.a] = iteration + tenure
            if cost < bestCost {
                bestCost = cost
                best = group
                stall = 0
            } else {
                stall += 1
                if stall > patience {
                    stall = 0
                    perturb(&tabu)
                }
            }
        }
    }

    /// Back to the best schedule, then a few random swaps; the tabu list is cleared.
    private mutating func perturb(_ tabu: inout [Int]) {
        let n = players
        met = [Int](repeating: 0, count: n * n)
        cost = 0
        let restart = best
        for r in 0..<rounds { place(round: r, restart[r]) }
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            let r = 1 + Int(rng.next() % UInt64(rounds - 1))
            let a = Int(rng.next() % UInt64(n))
            let b = Int(rng.next() % UInt64(n))
            if group[r][a] != group[r][b] { swap(r, a, b) }
        }
        for k in tabu.indices { tabu[k] = 0 }
    }
}
