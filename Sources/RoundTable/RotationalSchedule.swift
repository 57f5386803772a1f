import Foundation

/// Golfer schedules in which every pair meets exactly once over the most rounds possible
/// ((n − 1)/(k − 1) for n players in groups of k): resolvable (n, k, 1) designs whose rounds
/// are a base round shifted over the additive group of GF(q), and in two of the three shapes
/// some rounds the shift leaves as they are. q is a prime power. In groups of 4:
///
/// - **n = 3q + 1, q ≡ 1 (mod 4)**, q rounds. Players ∞ and (x, j), x in GF(q), j < 3
///   (player number 1 + j·q + x, ∞ is 0); round r shifts (x, j) to (x + r, j), ∞ fixed.
///   With ω a primitive element, i = ω^t (i² = −1), t = (q − 1)/4, the base round is
///   {∞, (0, 0), (0, 1), (0, 2)} and, for e < t, ω^e times each of A = {(±1, 0), (±i, 1)},
///   B = {(±i, 0), (±1, 2)}, C = {(±1, 1), (±i, 2)}. Two players meet in as many rounds as
///   their pair's difference (x − y between levels, ±(x − y) within one) is made by a pair
///   of the base round. Within a level the pairs {±ω^e}, {±iω^e} make ±2ω^e, ±2iω^e: every
///   nonzero difference once. Between two levels a block {±a} × {±ia} makes
///   a(1 − i)·{1, i, −1, −i}, over e < t every nonzero difference once, and the first block
///   makes 0. (7 × 4 × 9, 10 × 4 × 13, 19 × 4 × 25, 22 × 4 × 29, 28 × 4 × 37, 37 × 4 × 49.)
/// - **n = 4q, q ≡ 1 (mod 12)**, q + (q − 1)/3 rounds. Players (x, j), j < 4 (number
///   j·q + x). H = {±1, ±i}; its cosets in GF(q)* fall in three classes by the exponent of a
///   representative modulo 3. Each class goes with one of the three 4-cycles of the levels
///   (K₄ is three perfect matchings; a 4-cycle is K₄ without one), and each coset aH of the
///   class gives the four blocks {(±a, u), (±ia, v)} along its cycle's edges u → v, so each
///   level holds ±a and ±ia once. The base round is those blocks and {(0, j) : j < 4}; the
///   other rounds are the shift-fixed rounds {(x + c·u_j, j) : j < 4}, x in GF(q), for c in
///   H times the cubes' coset representatives. Within a level: as above. Between levels j
///   and l, the blocks make (1 − i)aH over the cosets of the two cycles through the edge,
///   the fixed rounds c(u_j − u_l), and the cycle missing the edge (the one of the edge's
///   matching) must be exactly (u_j − u_l)/(1 − i) times the cubes: found when the cubic
///   class of u_j − u_l is the same on both edges of each matching and differs between
///   matchings (u = (0, 1, u₂, u₃), searched; none exists for q = 13 or 37, one for 25, 49,
///   61, 73, 97, 109, 121, 157, 169, 181, checked). (25 × 4 × 33, 49 × 4 × 65.)
///
/// In groups of 3, Ray-Chaudhuri and Wilson's shape for Kirkman triple systems:
/// - **n = 3q, q ≡ 1 (mod 6)**, q + (q − 1)/2 rounds. Players (x, j), j < 3 (number
///   j·q + x). With
///   t = (q − 1)/6, ζ = ω^(2t) (a cube root of 1) and D = {ω^e ζ^m : e < t, m < 3} (half of
///   GF(q)*, −D the other half), p = (1, 2, 3): the base round is {(0, j) : j < 3}, the
///   triples −p_j ω^e {1, ζ, ζ²} at each level j (e < t) and the transversal triples
///   d·(p₀, p₁, p₂), d in D; the other rounds are the shift-fixed rounds
///   {(x + d p_j, j) : j < 3}, d in −D. Within a level, −p_j ω^e (1 − ζ) ζ^m (and negatives)
///   make every nonzero difference once; between levels j and l the base round makes 0 and
///   (p_j − p_l)·D, the fixed rounds (p_j − p_l)·(−D). (31 × 3 × 46, 37 × 3 × 55.)
/// - **n = 2q + 1, q ≡ 1 (mod 6)**, q rounds (1-rotational Kirkman triple systems). Players
///   ∞ and (x, j), j < 2 (number 1 + j·q + x). Write q − 1 = 2^k·m, m odd; K, the elements
///   of odd order, is ω^(2^k) generated, and −1 is not in it. R, the ω^e K with
///   e mod 2^k < 2^(k − 1), holds one of each ±x; t = (y + 1)/(y − 1) for y = −ω^(2^k)
///   (so that (t + 1)/(t − 1) = y is in −K). The base round is {∞, (0, 0), (0, 1)}, the
///   triples {(±x, 0), (tx, 1)}, x in R, and the level-1 triples s·{1, ζ, ζ²} (ζ a cube
///   root of 1, in K) that partition t·(−R). Within level 0 the pairs make ±2x, every
///   nonzero difference once; between the levels (t − 1)R and (t + 1)R = (t − 1)yR are
///   disjoint halves of GF(q)*, and the first triple makes 0; within level 1 the triples
///   make s(1 − ζ)·{±1, ±ζ, ±ζ²} over cosets of the sixth roots, once each. (29 × 3 × 43,
///   87 players; 41 × 3 × 61, 123.)
struct RotationalSchedule: Sendable {
    enum Shape: Sendable, Equatable {
        /// 3q + 1 players, one of them fixed by the shift.
        case infinity
        /// 4q players, with the levels' offsets of the fixed rounds.
        case fourLevels(offsets: [Int])
        /// 3q players in groups of 3.
        case triples
        /// 2q + 1 players in groups of 3, one of them fixed by the shift.
        case infinityTriples
    }

    let field: FiniteField
    let shape: Shape
    let rounds: Int

    /// `nil` unless `groups` groups of `size` = 4 are 3q + 1 players with q ≡ 1 (mod 4) and
    /// `rounds` ≤ q, or 4q players with q ≡ 1 (mod 12), `rounds` ≤ q + (q − 1)/3 and offsets
    /// found, or groups of 3 are 3q players with q ≡ 1 (mod 6) and `rounds` ≤ q + (q − 1)/2,
    /// or 2q + 1 players with q ≡ 1 (mod 6) and `rounds` ≤ q; q a prime power (of a prime
    /// above 3 for 3q players, so that 1, 2, 3 differ).
    init?(groups: Int, size: Int, rounds: Int) {
        guard size == 3 || size == 4, groups >= 1, rounds >= 1 else { return nil }
        let players = groups * size
        self.rounds = rounds
        if size == 3 {
            let q = groups
            if q % 6 == 1, rounds <= q + (q - 1) / 2, let field = FiniteField(order: q), field.prime > 3 {
                self.field = field
                shape = .triples
                return
            }
            let h = (players - 1) / 2
            guard players % 2 == 1, h % 6 == 1, rounds <= h, let field = FiniteField(order: h) else { return nil }
            self.field = field
            shape = .infinityTriples
            return
        }
        if (players - 1) % 3 == 0, case let q = (players - 1) / 3, q % 4 == 1, rounds <= q, let field = FiniteField(order: q), field.prime != 2 {
            self.field = field
            shape = .infinity
            return
        }
        let q = players / 4
        guard q % 12 == 1, rounds <= q + (q - 1) / 3, let field = FiniteField(order: q), let offsets = Self.offsets(field) else { return nil }
        self.field = field
        shape = .fourLevels(offsets: offsets)
    }

    /// The perfect matchings of the levels 0-3 (each as its two edges) and, for each, the
    /// 4-cycle without its edges, as directed edges.
    static let matchings = [[(0, 1), (2, 3)], [(0, 2), (1, 3)], [(0, 3), (1, 2)]]
    static let cycles = [[(0, 2), (2, 1), (1, 3), (3, 0)], [(0, 1), (1, 2), (2, 3), (3, 0)], [(0, 1), (1, 3), (3, 2), (2, 0)]]

    /// Offsets u = (0, 1, u₂, u₃) whose differences have the same cubic class on the two
    /// edges of each matching, and three different classes over the matchings.
    static func offsets(_ field: FiniteField) -> [Int]? {
        let q = field.order
        func cubic(_ a: Int, _ b: Int) -> Int { field.exponent(of: field.subtract(a, b)) % 3 }
        for u2 in 2..<q {
            for u3 in 2..<q where u3 != u2 {
                let u = [0, 1, u2, u3]
                let classes = matchings.map { edges in edges.map { cubic(u[$0.0], u[$0.1]) } }
                guard classes.allSatisfy({ $0[0] == $0[1] }), Set(classes.map { $0[0] }).count == 3 else { continue }
                return u
            }
        }
        return nil
    }

    /// The base round's groups as (x, level) points; for `.infinity` the first holds ∞ (level −1) too.
    func baseRound() -> [[(x: Int, level: Int)]] {
        let q = field.order
        let t = (q - 1) / 4
        let i = field.primitivePower(t)
        func pair(_ a: Int, _ level: Int) -> [(x: Int, level: Int)] { [(a, level), (field.negate(a), level)] }
        switch shape {
        case .infinity:
            var groups: [[(x: Int, level: Int)]] = [[(0, -1), (0, 0), (0, 1), (0, 2)]]
            for e in 0..<t {
                let w = field.primitivePower(e)
                let iw = field.multiply(i, w)
                groups.append(pair(w, 0) + pair(iw, 1))
                groups.append(pair(iw, 0) + pair(w, 2))
                groups.append(pair(w, 1) + pair(iw, 2))
            }
            return groups
        case .fourLevels(let u):
            var groups: [[(x: Int, level: Int)]] = [(0..<4).map { (0, $0) }]
            let scale = field.inverse(field.subtract(1, i))  // 1 / (1 − i)
            for (k, edges) in Self.matchings.enumerated() {
                let (j, l) = edges[0]
                let d = field.multiply(scale, field.subtract(u[j], u[l]))
                for m in 0..<(t / 3) {
                    let a = field.multiply(d, field.primitivePower(3 * m))
                    let ia = field.multiply(i, a)
                    for (from, to) in Self.cycles[k] { groups.append(pair(a, from) + pair(ia, to)) }
                }
            }
            return groups
        case .triples:
            var groups: [[(x: Int, level: Int)]] = [(0..<3).map { (0, $0) }]
            let t = (q - 1) / 6
            for j in 0..<3 {
                for e in 0..<t {
                    let a = field.negate(field.multiply(j + 1, field.primitivePower(e)))
                    groups.append((0..<3).map { (field.multiply(a, field.primitivePower(2 * t * $0)), j) })
                }
            }
            for d in halfOfUnits() { groups.append((0..<3).map { (field.multiply(d, $0 + 1), $0) }) }
            return groups
        case .infinityTriples:
            var groups: [[(x: Int, level: Int)]] = [[(0, -1), (0, 0), (0, 1)]]
            var two = 1
            while (q - 1) % (2 * two) == 0 { two *= 2 }  // 2^k
            let y = field.negate(field.primitivePower(two))
            let t = field.multiply(field.add(y, 1), field.inverse(field.subtract(y, 1)))
            let half = (1..<q).filter { field.exponent(of: $0) % two < two / 2 }  // R
            for x in half { groups.append(pair(x, 0) + [(field.multiply(t, x), 1)]) }
            let zeta = field.primitivePower((q - 1) / 3)
            let other = half.map { field.multiply(t, field.negate($0)) }  // t·(−R)
            var rest = Set(other)
            for s in other where rest.contains(s) {
                let triple = [s, field.multiply(s, zeta), field.multiply(s, field.multiply(zeta, zeta))]
                rest.subtract(triple)
                groups.append(triple.map { ($0, 1) })
            }
            return groups
        }
    }

    /// D = {ω^e ζ^m : e < (q − 1)/6, m < 3} for ``Shape/triples``.
    private func halfOfUnits() -> [Int] {
        let t = (field.order - 1) / 6
        return (0..<3).flatMap { m in (0..<t).map { e in field.primitivePower(e + 2 * t * m) } }
    }

    /// The levels' offsets and the multipliers c of the rounds the shift fixes,
    /// {(x + c·offset_j, j)} over x (none for ``Shape/infinity``).
    private func fixedRounds() -> (offsets: [Int], multipliers: [Int]) {
        let q = field.order
        switch shape {
        case .infinity, .infinityTriples:
            return ([], [])
        case .fourLevels(let u):
            let i = field.primitivePower((q - 1) / 4)
            let units = [1, i, field.negate(1), field.negate(i)]
            return (u, (0..<((q - 1) / 12)).flatMap { m in units.map { field.multiply($0, field.primitivePower(3 * m)) } })
        case .triples:
            return ([1, 2, 3], halfOfUnits().map { field.negate($0) })
        }
    }

    /// The rounds (`[round][player] → group`).
    func schedule() -> [[Int]] {
        let q = field.order
        let base = baseRound()
        switch shape {
        case .infinity, .infinityTriples:
            let levels = base[0].count - 1
            return (0..<rounds).map { r in
                var labels = [Int](repeating: 0, count: levels * q + 1)
                for (g, members) in base.enumerated() {
                    for point in members {
                        if point.level < 0 { labels[0] = g } else { labels[1 + point.level * q + field.add(point.x, r)] = g }
                    }
                }
                return labels
            }
        case .fourLevels, .triples:
            let (offsets, multipliers) = fixedRounds()
            let levels = offsets.count
            return (0..<rounds).map { r in
                var labels = [Int](repeating: 0, count: levels * q)
                if r < q {
                    for (g, members) in base.enumerated() {
                        for point in members { labels[point.level * q + field.add(point.x, r)] = g }
                    }
                } else {
                    let c = multipliers[r - q]
                    for x in 0..<q {
                        for j in 0..<levels { labels[j * q + field.add(x, field.multiply(c, offsets[j]))] = x }
                    }
                }
                return labels
            }
        }
    }
}
