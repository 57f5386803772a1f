import Foundation

/// Golfer schedules in which every round is one group and its translates: `groups` = g
/// groups of `size` = s, over an abelian group A of order g.
///
/// Player (x, i), x in A and i < s (player number i·g + x), sits in round r at group
/// x − d(i, r). Each group of a round holds one player of every i, so exactly s. Players
/// (x, i) and (y, j), i ≠ j, meet in round r exactly when x − y = d(i, r) − d(j, r), and
/// players with the same i never meet; so no meeting repeats when, for every i ≠ j, the
/// differences d(i, r) − d(j, r) are distinct over the rounds (hence rounds ≤ g).
/// Translating one i's players changes nothing, so d(i, 0) = 0 for every i; the rest of
/// the matrix is found by randomized depth-first search with restarts, in each abelian
/// group of order g in turn, the most split first (Z₂ × Z₂ × Z₃ before Z₁₂).
///
/// The transversal designs are the linear case d(i, r) = r·x_i over a field. The search
/// also finds rounds that no ring gives when g is no prime power, in milliseconds
/// (measured): 10 × 6 × 7 (1 repeat before), 10 × 6 × 8, 10 × 8 × 5 (17 s of tabu search
/// before), 10 × 7 × 6, 14 × 6 × 10, and 12 × 5 × 12 in Z₂ × Z₂ × Z₃. None exists in
/// Z₁₂: with as many rounds as groups, every two rows differ by each element once, and in
/// a cyclic group of even order three rows cannot (the differences of the second and
/// third would sum to 0 and to g/2 at once).
struct DifferenceSchedule: Sendable {
    let groups: Int
    let size: Int
    let rounds: Int
    /// The orders of A's cyclic factors; an element's mixed-radix digits (the first factor's
    /// lowest) are its components.
    let factors: [Int]
    /// d(i, r) at `shifts[i * rounds + r]`.
    let shifts: [Int]

    /// A matrix found by `deadline`, or nil (none exists with these shapes, or none was
    /// found in time). Needs 2 ≤ rounds ≤ groups ≤ 256 and size ≥ 2 (each abelian group's
    /// table of differences takes groups² entries: at most 22 groups of order 256).
    init?(groups: Int, size: Int, rounds: Int, seed: UInt64, deadline: Date, stop: () -> Bool) {
        guard groups >= 2, groups <= 256, size >= 2, rounds >= 2, rounds <= groups, size * size * groups <= 4_000_000 else { return nil }
        let candidates = Self.abelianGroups(order: groups)
        var open = Array(candidates.indices)  // groups not yet shown to have no matrix
        var searches = candidates.map { factors in
            Search(groups: groups, size: size, rounds: rounds, difference: Self.differences(factors), seed: seed)
        }
        // Restarts with a growing node limit, taking turns between the groups: a run that
        // wanders into a barren subtree is cut short, and a hard instance still gets long runs.
        var limit = 2_000
        while !open.isEmpty && Date() < deadline && !stop() {
            for k in open {
                switch searches[k].run(nodeLimit: limit, deadline: deadline, stop: stop) {
                case .found:
                    self.groups = groups
                    self.size = size
                    self.rounds = rounds
                    self.factors = candidates[k]
                    self.shifts = searches[k].shifts
                    return
                case .impossible:
                    open.removeAll { $0 == k }
                case .gaveUp:
                    break
                }
            }
            limit = min(limit * 3 / 2, 1_000_000)
        }
        return nil
    }

    /// The rounds as `[round][player] → group`.
    func schedule() -> [[Int]] {
        let difference = Self.differences(factors)
        return (0..<rounds).map { r in
            (0..<(size * groups)).map { p in
                let (i, x) = (p / groups, p % groups)
                return difference[x * groups + shifts[i * rounds + r]]
            }
        }
    }

    /// Every abelian group of order `order` as the orders of its cyclic factors (prime
    /// powers), those with more factors first.
    static func abelianGroups(order: Int) -> [[Int]] {
        var rest = order
        var choices: [[[Int]]] = []  // per prime: each way to split its power
        var p = 2
        while p * p <= rest || rest > 1 {
            if p * p > rest { p = rest }
            var exponent = 0
            while rest % p == 0 {
                rest /= p
                exponent += 1
            }
            if exponent > 0 {
                choices.append(partitions(exponent).map { parts in parts.map { Int(pow(Double(p), Double($0)).rounded()) } })
            }
            p += 1
        }
        var all: [[Int]] = [[]]
        for options in choices {
            all = all.flatMap { prefix in options.map { prefix + $0 } }
        }
        return all.sorted { $0.count > $1.count }
    }

    /// The partitions of `n` into positive parts, each in non-increasing order.
    static func partitions(_ n: Int, largest: Int? = nil) -> [[Int]] {
        guard n > 0 else { return [[]] }
        return (1...min(n, largest ?? n)).reversed().flatMap { first in
            partitions(n - first, largest: first).map { [first] + $0 }
        }
    }

    /// `difference[a * g + b]` = a − b in the product of cyclic groups of orders `factors`.
    static func differences(_ factors: [Int]) -> [Int] {
        let g = factors.reduce(1, *)
        var table = [Int](repeating: 0, count: g * g)
        for a in 0..<g {
            for b in 0..<g {
                var (x, y, result, scale) = (a, b, 0, 1)
                for m in factors {
                    result += ((x % m - y % m + m) % m) * scale
                    (x, y, scale) = (x / m, y / m, scale * m)
                }
                table[a * g + b] = result
            }
        }
        return table
    }

    /// The search over d(i, r), i ≥ 1 and r ≥ 1 (row 0 and column 0 stay 0).
    private struct Search {
        enum Outcome { case found, impossible, gaveUp }

        let groups: Int
        let size: Int
        let rounds: Int
        /// `difference[a * groups + b]`: a − b in the group.
        let difference: [Int]
        var shifts: [Int]
        /// `used[(i * size + j) * groups + d]`, j < i: whether d(i, r) − d(j, r) = d for a
        /// round r already set.
        var used: [Bool]
        var rng: SplitMix64

        init(groups: Int, size: Int, rounds: Int, difference: [Int], seed: UInt64) {
            self.difference = difference
            self.groups = groups
            self.size = size
            self.rounds = rounds
            shifts = [Int](repeating: 0, count: size * rounds)
            used = [Bool](repeating: false, count: size * size * groups)
            rng = SplitMix64(seed: seed)
        }

        /// One depth-first search over the cells (i, r), row by row, each trying the values
        /// in a random order (a random start and a random step coprime to g: cheaper than a
        /// shuffle, and as varied across restarts). Iterative, so deep matrices cannot
        /// exhaust a thread's stack.
        mutating func run(nodeLimit: Int, deadline: Date, stop: () -> Bool) -> Outcome {
            for k in used.indices { used[k] = false }
            for k in shifts.indices { shifts[k] = 0 }
            for i in 0..<size {
                for j in 0..<i { used[(i * size + j) * groups] = true }  // round 0: every difference 0
            }
            let cells = (size - 1) * (rounds - 1)
            var next = [Int](repeating: 0, count: cells)
            var start = [Int](repeating: 0, count: cells)
            var step = [Int](repeating: 1, count: cells)
            var placed = [Bool](repeating: false, count: cells)
            var nodes = 0
            var depth = 0
            begin(0, &next, &start, &step)
            while depth >= 0 {
                if depth == cells { return .found }
                let (i, r) = (depth / (rounds - 1) + 1, depth % (rounds - 1) + 1)
                if placed[depth] {
                    mark(i, r, false)
                    placed[depth] = false
                }
                while next[depth] < groups {
                    let v = (start[depth] + next[depth] * step[depth]) % groups
                    next[depth] += 1
                    if fits(i, r, v) {
                        shifts[i * rounds + r] = v
                        mark(i, r, true)
                        placed[depth] = true
                        break
                    }
                }
                guard placed[depth] else {
                    depth -= 1
                    continue
                }
                nodes += 1
                if nodes > nodeLimit || (nodes & 1023 == 0 && (Date() >= deadline || stop())) { return .gaveUp }
                depth += 1
                if depth < cells { begin(depth, &next, &start, &step) }
            }
            return .impossible
        }

        private mutating func begin(_ cell: Int, _ next: inout [Int], _ start: inout [Int], _ step: inout [Int]) {
            next[cell] = 0
            start[cell] = Int(rng.next() % UInt64(groups))
            var s = 1 + Int(rng.next() % UInt64(groups))
            while Self.gcd(s, groups) != 1 { s = s % groups + 1 }
            step[cell] = s
        }

        /// Whether d(i, r) = v keeps every difference with the rows before i new.
        private func fits(_ i: Int, _ r: Int, _ v: Int) -> Bool {
            for j in 0..<i where used[(i * size + j) * groups + difference[v * groups + shifts[j * rounds + r]]] { return false }
            return true
        }

        /// Records (or forgets) the differences of d(i, r) with the rows before i.
        private mutating func mark(_ i: Int, _ r: Int, _ value: Bool) {
            let v = shifts[i * rounds + r]
            for j in 0..<i { used[(i * size + j) * groups + difference[v * groups + shifts[j * rounds + r]]] = value }
        }

        static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    }
}
