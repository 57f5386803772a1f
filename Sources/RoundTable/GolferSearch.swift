import Foundation

/// Tabu search for the social golfer problem: `players` people, `groups` groups of
/// `size` in each of `rounds` rounds, fewest repeated meetings.
///
/// Dotú & Van Hentenryck's method ("Scheduling social golfers locally", CPAIOR 2005):
/// a move swaps two players of different groups within one round, one of whom meets a
/// group mate for at least the second time; the best non-tabu move is taken (a tabu one
/// when it beats the best schedule), the swapped pair stays tabu in that round for a few
/// iterations, and a stalled search restarts from the best schedule with random swaps.
/// Rounds are first built greedily as Triska & Musliu do ("An effective greedy heuristic
/// for the social golfer problem", 2012): groups are filled two players at a time, with the
/// pair of most freedom among those adding the fewest repeats (a third fewer repeats to
/// start from than seating one player at a time on groups of 5; the tabu search ends at
/// the same level from either, so this mostly helps short time limits).
///
/// Every move is scored in O(1) from two tables kept up to date by each swap: how many
/// members of each group of each round a player has met at least once, and at least
/// twice (a swap changes O(size) meeting counts, each touching one entry per round).
/// Scoring a move by walking both groups instead gave 10 times fewer iterations per
/// second on groups of 5 (measured on 9×5×8, 8×5×8 and 10×5×10).
/// Round 0 never changes: relabelling players makes any schedule start with it.
struct GolferSearch: Sendable {
    let groups: Int
    let size: Int
    let rounds: Int
    var players: Int { groups * size }
    /// `label[r * players + p]`: the group of player p in round r.
    private var label: [Int]
    /// `seat[(r * groups + g) * size + k]`: the k-th member of group g in round r.
    private var seat: [Int]
    /// `slot[r * players + p]`: where p sits in their group's run of `seat`.
    private var slot: [Int]
    /// `met[p * players + q]`: rounds in which p and q share a group.
    private var met: [Int]
    /// `once[(r * players + p) * groups + g]`: members of group g in round r that p has met
    /// in at least one round (p itself never counts); `twice`: in at least two.
    private var once: [Int]
    private var twice: [Int]
    /// Repeated meetings: Σ over pairs of max(0, met − 1).
    private(set) var cost: Int
    private(set) var best: [[Int]]
    private(set) var bestCost: Int
    private var rng: SplitMix64

    /// `start`'s rounds (a `[round][player] → group` array of at most `rounds` rounds,
    /// every group exactly `size`), then greedy rounds for the rest, and past `greedyUntil`
    /// rounds filled one player at a time (``quickRound()``): a greedy round costs
    /// O(players³) (50 × 5 × 50, 250 players: 3.6 s for all rounds, where the request
    /// allowed 1 s).
    init(groups: Int, size: Int, rounds: Int, seed: UInt64, start: [[Int]]? = nil, greedyUntil: Date = .distantFuture) {
        self.groups = groups
        self.size = size
        self.rounds = rounds
        let n = groups * size
        rng = SplitMix64(seed: seed)
        label = [Int](repeating: 0, count: rounds * n)
        seat = [Int](repeating: 0, count: rounds * n)
        slot = [Int](repeating: 0, count: rounds * n)
        met = [Int](repeating: 0, count: n * n)
        once = [Int](repeating: 0, count: rounds * n * groups)
        twice = once
        cost = 0
        best = []
        bestCost = 0
        // The rounds given (none unless `start` is of the right shape), then greedy rounds.
        let given = start.flatMap { $0.count <= rounds && $0.allSatisfy { $0.count == n } ? $0 : nil } ?? []
        for r in 0..<rounds {
            let round = r < given.count ? given[r] : Date() < greedyUntil ? greedyRound(r) : quickRound()
            for p in 0..<n { label[r * n + p] = round[p] }
            countMeetings(round: r)
        }
        rebuild()
        best = schedule
        bestCost = cost
    }

    /// The current schedule as `[round][player] → group`.
    private var schedule: [[Int]] {
        let n = players
        return (0..<rounds).map { r in Array(label[(r * n)..<((r + 1) * n)]) }
    }

    /// Sets every round to `rounds` and recomputes all the tables.
    private mutating func load(_ rounds: [[Int]]) {
        let n = players
        for k in met.indices { met[k] = 0 }
        for r in 0..<self.rounds {
            for p in 0..<n { label[r * n + p] = rounds[r][p] }
            countMeetings(round: r)
        }
        rebuild()
    }

    /// Adds the meetings of round `r` (from `label`) to `met`.
    private mutating func countMeetings(round r: Int) {
        let n = players
        var members = [[Int]](repeating: [], count: groups)
        for p in 0..<n { members[label[r * n + p]].append(p) }
        for list in members {
            for x in 0..<list.count {
                for y in (x + 1)..<max(x + 1, list.count) {
                    met[list[x] * n + list[y]] += 1
                    met[list[y] * n + list[x]] += 1
                }
            }
        }
    }

    /// `seat`, `slot`, `cost`, `once` and `twice` from `label` and `met`.
    private mutating func rebuild() {
        let n = players
        var filled = [Int](repeating: 0, count: rounds * groups)
        for r in 0..<rounds {
            for p in 0..<n {
                let g = label[r * n + p]
                let k = filled[r * groups + g]
                filled[r * groups + g] += 1
                seat[(r * groups + g) * size + k] = p
                slot[r * n + p] = k
            }
        }
        cost = 0
        for p in 0..<n {
            for q in (p + 1)..<n where met[p * n + q] > 1 { cost += met[p * n + q] - 1 }
        }
        for k in once.indices {
            once[k] = 0
            twice[k] = 0
        }
        for r in 0..<rounds {
            for p in 0..<n {
                for q in 0..<n where q != p {
                    let m = met[p * n + q]
                    guard m >= 1 else { continue }
                    let g = label[r * n + q]
                    once[(r * n + p) * groups + g] += 1
                    if m >= 2 { twice[(r * n + p) * groups + g] += 1 }
                }
            }
        }
    }

    /// Players in random order, each to the open group holding the fewest people they have
    /// met (the first such): O(players²) a round.
    private mutating func quickRound() -> [Int] {
        let n = players
        var order = Array(0..<n)
        order.shuffle(using: &rng)
        var labels = [Int](repeating: -1, count: n)
        var members = [[Int]](repeating: [], count: groups)
        for player in order {
            var chosen = -1
            var fewest = Int.max
            for g in 0..<groups where members[g].count < size {
                var known = 0
                for other in members[g] where met[player * n + other] > 0 { known += 1 }
                if known < fewest {
                    fewest = known
                    chosen = g
                }
            }
            labels[player] = chosen
            members[chosen].append(player)
        }
        return labels
    }

    /// Round `r` filled two players at a time (Triska & Musliu's greedy heuristic): each
    /// group takes the unseated pair that adds the fewest repeats, and among those the pair
    /// with the most freedom, the players who have met neither of them so far; a last odd
    /// seat takes the single player likewise. Ties are broken at random, so every call
    /// gives another schedule of the same quality.
    private mutating func greedyRound(_ r: Int) -> [Int] {
        let n = players
        if r == 0 { return (0..<n).map { $0 / size } }
        // Freedom of each pair, from the meetings of the rounds before.
        var freedom = [Int](repeating: 0, count: n * n)
        for x in 0..<n {
            for y in (x + 1)..<n {
                var free = 0
                for z in 0..<n where z != x && z != y && met[z * n + x] == 0 && met[z * n + y] == 0 { free += 1 }
                freedom[x * n + y] = free
                freedom[y * n + x] = free
            }
        }
        var labels = [Int](repeating: -1, count: n)
        var unseated = Array(0..<n)
        for g in 0..<groups {
            var current: [Int] = []
            while current.count < size {
                if size - current.count >= 2 {
                    var chosen = (-1, -1)
                    var bestKey = (Int.max, Int.min)
                    var ties = 0
                    for i in 0..<unseated.count {
                        let x = unseated[i]
                        var xRepeats = 0
                        for c in current where met[x * n + c] > 0 { xRepeats += 1 }
                        for j in (i + 1)..<unseated.count {
                            let y = unseated[j]
                            var repeats = xRepeats + (met[x * n + y] > 0 ? 1 : 0)
                            for c in current where met[y * n + c] > 0 { repeats += 1 }
                            let key = (repeats, freedom[x * n + y])
                            if key.0 < bestKey.0 || (key.0 == bestKey.0 && key.1 > bestKey.1) {
                                bestKey = key
                                chosen = (i, j)
                                ties = 1
                            } else if key == bestKey {
                                ties += 1
                                if rng.next() % UInt64(ties) == 0 { chosen = (i, j) }
                            }
                        }
                    }
                    let (x, y) = (unseated[chosen.0], unseated[chosen.1])
                    unseated.remove(at: chosen.1)
                    unseated.remove(at: chosen.0)
                    current += [x, y]
                    labels[x] = g
                    labels[y] = g
                } else {
                    var chosen = -1
                    var bestKey = (Int.max, Int.min)
                    var ties = 0
                    for (i, x) in unseated.enumerated() {
                        var repeats = 0
                        for c in current where met[x * n + c] > 0 { repeats += 1 }
                        var free = 0
                        for z in 0..<n where z != x && met[z * n + x] == 0 { free += 1 }
                        let key = (repeats, free)
                        if key.0 < bestKey.0 || (key.0 == bestKey.0 && key.1 > bestKey.1) {
                            bestKey = key
                            chosen = i
                            ties = 1
                        } else if key == bestKey {
                            ties += 1
                            if rng.next() % UInt64(ties) == 0 { chosen = i }
                        }
                    }
                    let x = unseated.remove(at: chosen)
                    current.append(x)
                    labels[x] = g
                }
            }
        }
        return labels
    }

    /// Change of `cost` if `a` and `b` (different groups of round `r`) swapped: the pairs
    /// each leaves that were repeats, the repeats each makes in the other's group (less the
    /// other player, who leaves it).
    @inline(__always)
    private func delta(_ r: Int, _ a: Int, _ b: Int) -> Int {
        let n = players
        let (ga, gb) = (label[r * n + a], label[r * n + b])
        let rowA = (r * n + a) * groups
        let rowB = (r * n + b) * groups
        let both = met[a * n + b] >= 1 ? 2 : 0
        return once[rowA + gb] + once[rowB + ga] - twice[rowA + ga] - twice[rowB + gb] - both
    }

    /// Adds `change` (±1) to the meetings of `p` and `q`, keeping `cost`, `once` and
    /// `twice` right for the current groups of every round.
    private mutating func meet(_ p: Int, _ q: Int, _ change: Int) {
        let n = players
        let old = met[p * n + q]
        let new = old + change
        met[p * n + q] = new
        met[q * n + p] = new
        cost += max(0, new - 1) - max(0, old - 1)
        let first = (new >= 1 ? 1 : 0) - (old >= 1 ? 1 : 0)
        let second = (new >= 2 ? 1 : 0) - (old >= 2 ? 1 : 0)
        guard first != 0 || second != 0 else { return }
        for r in 0..<rounds {
            let atP = (r * n + p) * groups + label[r * n + q]
            let atQ = (r * n + q) * groups + label[r * n + p]
            once[atP] += first
            once[atQ] += first
            twice[atP] += second
            twice[atQ] += second
        }
    }

    private mutating func swap(_ r: Int, _ a: Int, _ b: Int) {
        let n = players
        let (ga, gb) = (label[r * n + a], label[r * n + b])
        // Meetings first, with the groups as they are; then the tables of round r follow
        // a and b to their new groups, with the new meetings.
        for k in 0..<size {
            let x = seat[(r * groups + ga) * size + k]
            if x != a {
                meet(a, x, -1)
                meet(b, x, 1)
            }
            let y = seat[(r * groups + gb) * size + k]
            if y != b {
                meet(b, y, -1)
                meet(a, y, 1)
            }
        }
        for x in 0..<n {
            let metA = met[x * n + a]
            let metB = met[x * n + b]
            let first = (metB >= 1 ? 1 : 0) - (metA >= 1 ? 1 : 0)
            let second = (metB >= 2 ? 1 : 0) - (metA >= 2 ? 1 : 0)
            guard first != 0 || second != 0 else { continue }
            let row = (r * n + x) * groups
            once[row + ga] += first
            once[row + gb] -= first
            twice[row + ga] += second
            twice[row + gb] -= second
        }
        let (sa, sb) = (slot[r * n + a], slot[r * n + b])
        seat[(r * groups + ga) * size + sa] = b
        seat[(r * groups + gb) * size + sb] = a
        slot[r * n + a] = sb
        slot[r * n + b] = sa
        label[r * n + a] = gb
        label[r * n + b] = ga
    }

    /// Whether `p` meets a group mate of round `r` for at least the second time.
    @inline(__always)
    private func conflicting(_ r: Int, _ p: Int) -> Bool {
        let n = players
        return twice[(r * n + p) * groups + label[r * n + p]] > 0
    }

    /// Searches until the cost reaches `target`, `deadline` passes or `stop` returns true;
    /// the best schedule is in ``best``.
    mutating func run(target: Int, deadline: Date, stop: () -> Bool) {
        let n = players
        guard rounds > 1, groups > 1, size > 1 else { return }
        var tabu = [Int](repeating: 0, count: rounds * n * n)
        var iteration = 0
        var stall = 0
        // Short tenures and restarts from the best schedule: measured best on 10×4×10
        // (tenure 4–53 and restarts after 4n idle moves stalled at 1 repeat for 10 s). With
        // moves scored in O(1), 500 idle moves before a restart beat 100 and 2,000 (groups
        // of 5: 9×5×8, 9×5×9, 10×5×10, 8×5×8, 2 s each); restarting from the current schedule
        // instead of the best, longer tenures (5–14, fixed 10) and pair weights that rise at
        // local minima (breakout) did not help.
        let patience = 500
        // The clock every 64 moves, or every move where one scans over 100,000 pairs
        // (33 × 6 × 40: 64 moves took 0.3 s).
        let mask = rounds * n * n > 100_000 ? 0 : 63
        while bestCost > target {
            iteration += 1
            if iteration & mask == 0, Date() >= deadline || stop() { return }
            var pick = (r: -1, a: -1, b: -1)
            var pickDelta = Int.max
            var ties = 0
            for r in 1..<rounds {
                for a in 0..<n where conflicting(r, a) {
                    let ga = label[r * n + a]
                    for b in 0..<n where label[r * n + b] != ga && (a < b || !conflicting(r, b)) {
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
                best = schedule
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

    /// Anneals one round at a time with the others held, from the best schedule: random
    /// swaps within the round, a worse one taken with probability e^(−Δ/T) as T cools from
    /// 2 to 0.05 over 200 moves a player; the last round first, then the others in turn,
    /// until `deadline`, `target`, or a pass over every round without a gain. Where repeats
    /// are forced (a round past the most), the round that holds them must group the pairs
    /// that have not met yet, which the tabu search's conflict moves do poorly: on 12 × 4 ×
    /// 16 from 15 rounds without a repeat, 54 repeats from the tabu search, 36 this way.
    mutating func polishRounds(target: Int, deadline: Date, stop: () -> Bool) {
        let n = players
        guard rounds > 1, groups > 1, size > 1, bestCost > target else { return }
        load(best)
        let moves = 200 * n
        let cooling = pow(0.05 / 2.0, 1.0 / Double(moves))
        var r = rounds - 1
        var idle = 0
        while bestCost > target, idle < rounds - 1 {
            if Date() >= deadline || stop() { return }
            let before = bestCost
            var temperature = 2.0
            for step in 0..<moves {
                if bestCost <= target || (step & 1023 == 0 && Date() >= deadline) { break }
                temperature *= cooling
                let a = Int(rng.next() % UInt64(n))
                let b = Int(rng.next() % UInt64(n))
                guard label[r * n + a] != label[r * n + b] else { continue }
                let d = delta(r, a, b)
                guard d <= 0 || rng.unit() < exp(-Double(d) / temperature) else { continue }
                swap(r, a, b)
                if cost < bestCost {
                    bestCost = cost
                    best = schedule
                }
            }
            load(best)
            idle = bestCost < before ? 0 : idle + 1
            r = r == 1 ? rounds - 1 : r - 1
        }
    }

    /// Back to the best schedule, then a few random swaps; the tabu list is cleared.
    private mutating func perturb(_ tabu: inout [Int]) {
        let n = players
        load(best)
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            let r = 1 + Int(rng.next() % UInt64(rounds - 1))
            let a = Int(rng.next() % UInt64(n))
            let b = Int(rng.next() % UInt64(n))
            if label[r * n + a] != label[r * n + b] { swap(r, a, b) }
        }
        for k in tabu.indices { tabu[k] = 0 }
    }
}
