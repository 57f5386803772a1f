import Foundation

/// Golfer schedules for 2v players built from two schedules of v "pairs".
///
/// Player (p, s), p < v, s ∈ {0, 1}, is the s-th member of pair p; the two members of a
/// pair never meet. A round of the small schedule with a sign x_p ∈ {0, 1} per point
/// lifts to a round of the large one: each group B of the small round becomes the two
/// groups {(p, x_p) : p ∈ B} and {(p, 1 − x_p) : p ∈ B}. Points p and q of B then make
/// their members meet "straight" ((p, 0)–(q, 0) and (p, 1)–(q, 1)) when x_p = x_q and
/// "crossed" otherwise: two of their four cross pairs.
///
/// So when the small rounds cover each pair of points at most twice, and the two covers
/// of a pair are one straight and one crossed, the large schedule has no repeated
/// meeting. That is a linear system over GF(2): for each pair {p, q} covered in rounds r
/// and t, x[r][p] + x[r][q] + x[t][p] + x[t][q] = 1, solved by Gaussian elimination.
/// Three points sharing a group in both rounds would sum three equations to 0 = 1, so the
/// second small schedule is relabelled first, by a permutation that leaves no triple of
/// points in a group of both (hill-climbing on swaps).
///
/// With two affine-space schedules of v = p^m points (every pair met exactly once each)
/// this gives 2(v − 1)/(k − 1) rounds for 2v players in groups of k, the most any
/// schedule can have: 8 × 4 × 10 (the original social golfer problem, first solved by
/// Aguado's construction in 2004) from two spreads of GF(2)^4, and 6 × 3 × 8 from two
/// relabelled affine planes of order 3. Two spreads with no subspace in common share no
/// triple, so the identity relabelling already works there.
struct DoubledSchedule {
    /// v: points of the small schedule (pairs of players).
    let points: Int
    let size: Int
    /// Rounds of one small schedule without a repeat: (v − 1)/(k − 1).
    let classes: Int
    let space: AffineSpaceSchedule

    /// The construction for `players` in groups of `size` over `rounds` rounds, when
    /// players/2 points in groups of `size` form an affine space and `rounds` is within
    /// twice its rounds without a repeat.
    init?(players: Int, size: Int, rounds: Int) {
        guard players % 2 == 0, size >= 3, rounds >= 1 else { return nil }
        let v = players / 2
        // The GF(2) system has a row per pair of points and a column per point and round.
        guard v <= 256, let space = AffineSpaceSchedule(players: v, size: size) else { return nil }
        let classes = (v - 1) / (size - 1)
        guard (v - 1) % (size - 1) == 0, rounds <= 2 * classes else { return nil }
        self.points = v
        self.size = size
        self.classes = classes
        self.space = space
    }

    /// `rounds` rounds (`[round][player] → group`, player 2p + s) with no repeated
    /// meeting, or `nil` when none was found by `deadline`.
    func schedule(rounds: Int, seed: UInt64, deadline: Date, stop: () -> Bool) -> [[Int]]? {
        var rng = SplitMix64(seed: seed)
        var attempt: UInt64 = 0
        repeat {
            attempt += 1
            let first = space.schedule(rounds: classes, seed: rng.next(), deadline: deadline, stop: stop)
            guard first.overlap == 0, first.rounds.count == classes else { continue }
            let firstBlocks = first.rounds.map(Self.blocks)
            if rounds <= classes {
                return Self.lift(Array(firstBlocks.prefix(rounds)), signs: [[Int]](repeating: [Int](repeating: 0, count: points), count: rounds), points: points)
            }
            let second = space.schedule(rounds: rounds - classes, seed: rng.next(), deadline: deadline, stop: stop)
            guard second.overlap == 0, second.rounds.count == rounds - classes else { continue }
            guard let relabel = separatingPermutation(firstBlocks, second.rounds.map(Self.blocks), rng: &rng, deadline: deadline, stop: stop) else {
                continue
            }
            let secondBlocks = second.rounds.map { labels in Self.blocks(labels).map { block in block.map { relabel[$0] } } }
            let all = firstBlocks + secondBlocks
            if let signs = Self.signs(all, points: points) { return Self.lift(all, signs: signs, points: points) }
        } while Date() < deadline && !stop() && attempt < 10_000
        return nil
    }

    /// The groups of a round given as `[point] → group`.
    static func blocks(_ labels: [Int]) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: (labels.max() ?? -1) + 1)
        for (p, g) in labels.enumerated() { groups[g].append(p) }
        return groups.filter { !$0.isEmpty }
    }

    /// A relabelling of the second schedule's points after which no three points share a
    /// group in both schedules; `nil` if the hill-climb stalls.
    func separatingPermutation(_ first: [[[Int]]], _ second: [[[Int]]], rng: inout SplitMix64, deadline: Date, stop: () -> Bool) -> [Int]? {
        let v = points
        var together = [Bool](repeating: false, count: v * v * v)
        for round in first {
            for block in round { Self.forEachTriple(block) { together[($0 * v + $1) * v + $2] = true } }
        }
        func shared(_ perm: [Int]) -> Int {
            var count = 0
            for round in second {
                for block in round {
                    Self.forEachTriple(block.map { perm[$0] }) { if together[($0 * v + $1) * v + $2] { count += 1 } }
                }
            }
            return count
        }
        var perm = Array(0..<v)
        var current = shared(perm)
        var tries = 0
        while current > 0 {
            tries += 1
            if tries & 255 == 0, Date() >= deadline || stop() { return nil }
            guard tries <= 200 * v else { return nil }
            let a = Int(rng.next() % UInt64(v))
            let b = Int(rng.next() % UInt64(v))
            guard a != b else { continue }
            perm.swapAt(a, b)
            let next = shared(perm)
            if next <= current {
                current = next
            } else {
                perm.swapAt(a, b)
            }
        }
        return perm
    }

    static func forEachTriple(_ block: [Int], _ body: (Int, Int, Int) -> Void) {
        let sorted = block.sorted()
        for x in 0..<sorted.count {
            for y in (x + 1)..<sorted.count {
                for z in (y + 1)..<sorted.count { body(sorted[x], sorted[y], sorted[z]) }
            }
        }
    }

    /// Signs `x[round][point]` making every pair covered twice once straight and once
    /// crossed, or `nil` when the system has no solution (or a pair is covered 3 times).
    static func signs(_ rounds: [[[Int]]], points v: Int) -> [[Int]]? {
        let columns = rounds.count * v
        let words = (columns + 63) / 64
        // The round of each pair's first cover, -1 before it; a second cover adds a row.
        var firstCover = [Int](repeating: -1, count: v * v)
        var covers = [Int](repeating: 0, count: v * v)
        // Pivot rows by leading column: bits, right-hand side.
        var pivot = [[UInt64]?](repeating: nil, count: columns)
        var pivotSide = [Bool](repeating: false, count: columns)
        for (r, round) in rounds.enumerated() {
            for block in round {
                for x in 0..<block.count {
                    for y in (x + 1)..<block.count {
                        let (p, q) = (min(block[x], block[y]), max(block[x], block[y]))
                        covers[p * v + q] += 1
                        guard covers[p * v + q] <= 2 else { return nil }
                        guard covers[p * v + q] == 2 else {
                            firstCover[p * v + q] = r
                            continue
                        }
                        let t = firstCover[p * v + q]
                        var row = [UInt64](repeating: 0, count: words)
                        for column in [r * v + p, r * v + q, t * v + p, t * v + q] { row[column >> 6] ^= 1 << UInt64(column & 63) }
                        var side = true
                        // Reduce by the pivots from the highest column down.
                        while let lead = Self.leading(row) {
                            guard let pivotRow = pivot[lead] else {
                                pivot[lead] = row
                                pivotSide[lead] = side
                                break
                            }
                            for w in 0..<words { row[w] ^= pivotRow[w] }
                            side = side != pivotSide[lead]
                        }
                        if Self.leading(row) == nil && side { return nil }  // 0 = 1
                    }
                }
            }
        }
        // Back-substitution from the lowest pivot up; free columns are 0.
        var value = [Bool](repeating: false, count: columns)
        for column in 0..<columns {
            guard let row = pivot[column] else { continue }
            var side = pivotSide[column]
            for w in 0...(column >> 6) {
                var bits = row[w]
                while bits != 0 {
                    let other = w * 64 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    if other < column && value[other] { side.toggle() }
                }
            }
            value[column] = side
        }
        return (0..<rounds.count).map { r in (0..<v).map { value[r * v + $0] ? 1 : 0 } }
    }

    static func leading(_ row: [UInt64]) -> Int? {
        for w in stride(from: row.count - 1, through: 0, by: -1) where row[w] != 0 {
            return w * 64 + 63 - row[w].leadingZeroBitCount
        }
        return nil
    }

    /// The rounds for 2v players (`[round][player] → group`, player 2p + s).
    static func lift(_ rounds: [[[Int]]], signs: [[Int]], points v: Int) -> [[Int]] {
        rounds.enumerated().map { r, round in
            var labels = [Int](repeating: 0, count: 2 * v)
            for (b, block) in round.enumerated() {
                for p in block {
                    labels[2 * p + signs[r][p]] = 2 * b
                    labels[2 * p + 1 - signs[r][p]] = 2 * b + 1
                }
            }
            return labels
        }
    }
}
