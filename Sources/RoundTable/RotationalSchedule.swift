import Foundation

/// Golfer schedules of 3q + 1 players in groups of 4 over up to q rounds, q ≡ 1 (mod 4) a
/// prime power: the most rounds any schedule of that many players can have ((n − 1) / 3),
/// a resolvable (3q + 1, 4, 1) design, 1-rotational over the additive group of GF(q).
///
/// Players are ∞ and (x, j), x in GF(q), j < 3 (player number 1 + j·q + x, ∞ is 0). Round r
/// is the base round shifted by r: (x, j) ↦ (x + r, j), ∞ fixed. With ω a primitive element,
/// i = ω^((q−1)/4) (so i² = −1) and t = (q − 1)/4, the base round is
/// {∞, (0, 0), (0, 1), (0, 2)} and, for e < t, ω^e times each of
/// A = {(±1, 0), (±i, 1)}, B = {(±i, 0), (±1, 2)}, C = {(±1, 1), (±i, 2)}.
/// These cover every nonzero x of every level once (±ω^e, ±iω^e over e < t are the q − 1
/// nonzero elements). Two players meet in as many rounds as their pair's difference
/// (x − y between levels j and k, ±(x − y) within a level) is made by a pair of the base
/// round; that is once: within a level the base pairs {±ω^e}, {±iω^e} make ±2ω^e, ±2iω^e,
/// every nonzero difference once; between two levels a block's two pairs {±a}, {±ia} make
/// (1 − i)·a·{1, i, −1, −i}, over e < t every nonzero difference once, and the first block
/// makes 0. So no meeting repeats (checked over the rounds: 7 × 4 × 9, 10 × 4 × 13,
/// 19 × 4 × 25, 22 × 4 × 29, 28 × 4 × 37, 37 × 4 × 49 in the tests).
struct RotationalSchedule: Sendable {
    let field: FiniteField
    let rounds: Int

    /// `nil` unless `groups` groups of `size` = 4 are 3q + 1 players, q ≡ 1 (mod 4) a prime
    /// power (odd: −1 needs a square root other than 1), and `rounds` ≤ q.
    init?(groups: Int, size: Int, rounds: Int) {
        guard size == 4, groups >= 1, rounds >= 1 else { return nil }
        let players = groups * size
        guard (players - 1) % 3 == 0 else { return nil }
        let q = (players - 1) / 3
        guard q % 4 == 1, rounds <= q, let field = FiniteField(order: q), field.prime != 2 else { return nil }
        self.field = field
        self.rounds = rounds
    }

    /// The base round's groups as (x, level) points; the first holds ∞ (level −1) too.
    func baseRound() -> [[(x: Int, level: Int)]] {
        let q = field.order
        let t = (q - 1) / 4
        let i = field.primitivePower(t)
        let one = 1
        // (value, level) pairs: each entry stands for ±value at its level.
        let shapes: [[(Int, Int)]] = [[(one, 0), (i, 1)], [(i, 0), (one, 2)], [(one, 1), (i, 2)]]
        var groups: [[(x: Int, level: Int)]] = [[(0, -1), (0, 0), (0, 1), (0, 2)]]
        for e in 0..<t {
            let w = field.primitivePower(e)
            for shape in shapes {
                groups.append(shape.flatMap { value, level -> [(x: Int, level: Int)] in
                    let a = field.multiply(w, value)
                    return [(a, level), (field.negate(a), level)]
                })
            }
        }
        return groups
    }

    /// The rounds (`[round][player] → group`).
    func schedule() -> [[Int]] {
        let q = field.order
        let base = baseRound()
        return (0..<rounds).map { r in
            var labels = [Int](repeating: 0, count: 3 * q + 1)
            for (g, members) in base.enumerated() {
                for point in members {
                    if point.level < 0 {
                        labels[0] = g
                    } else {
                        labels[1 + point.level * q + field.add(point.x, r)] = g
                    }
                }
            }
            return labels
        }
    }
}
