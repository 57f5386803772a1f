import Foundation

/// An orthogonal array OA(k, n): n² rows of k symbols below n, in which every two
/// positions hold every ordered pair of symbols exactly once (k − 2 mutually orthogonal
/// Latin squares of order n; a transversal design TD(k, n)).
///
/// Golfer schedules read it as rounds that cross k − 1 columns of n players: a row
/// (x_0, …, x_{k−2}, r) seats player x_j of every column j at group x_0 in round r. Two
/// players of different columns then meet exactly once over the n rounds, and each round
/// seats everyone once (the last position and any other hold every pair once).
struct OrthogonalArray: Sendable {
    let order: Int
    let rows: [[Int]]

    /// An OA(4, 18), where no ring serves (18 = 2·9, and GF(2) has no two orthogonal
    /// squares): a (14, 4; 1, 1; 4) quasi-difference matrix over Z_14 (each row four
    /// blanks, every two rows differing by each nonzero residue once and by 0 once where
    /// both are filled), each column developed over Z_14 with row r's blanks as the points
    /// 14..17, plus an OA(4, 4) over GF(4) on those points: 22 · 14 + 16 = 324 rows. The
    /// matrix was found by annealing (changing one entry at a time, costing the differences
    /// each two rows repeat); the construction is the Handbook of Combinatorial Designs'
    /// (III.3.5). Gives 54 players in groups of 3 their 18 crossing rounds.
    static let eighteen: OrthogonalArray = {
        let quasi: [[Int]] = [
            [-1, -1, -1, -1, 1, 11, 5, 0, 13, 2, 8, 2, 7, 11, 3, 11, 13, 0, 11, 12, 3, 4],
            [12, 10, 10, 12, -1, -1, -1, -1, 6, 11, 0, 3, 11, 11, 8, 7, 10, 12, 10, 6, 6, 6],
            [13, 5, 8, 9, 1, 9, 6, 8, -1, -1, -1, -1, 4, 0, 12, 3, 1, 4, 10, 5, 8, 0],
            [3, 7, 2, 8, 6, 1, 3, 9, 5, 13, 4, 10, -1, -1, -1, -1, 13, 7, 10, 0, 4, 7],
        ]
        let n = 14
        var rows: [[Int]] = []
        for column in quasi[0].indices {
            for shift in 0..<n {
                rows.append(quasi.map { row in
                    // The t-th blank of a row is the point n + t.
                    row[column] >= 0 ? (row[column] + shift) % n : n + row[..<column].filter { $0 < 0 }.count
                })
            }
        }
        let four = fields(order: 4, factors: 4)?.rows ?? []
        rows += four.map { $0.map { n + $0 } }
        return OrthogonalArray(order: 18, rows: rows)
    }()

    /// OA(k, q) over GF(q) for k ≤ q + 1: rows (i, j, i + c·j …) for k − 2 distinct
    /// nonzero c. Nil unless q is a prime power.
    static func fields(order q: Int, factors k: Int) -> OrthogonalArray? {
        guard k >= 2, k <= q + 1, let field = FiniteField(order: q) else { return nil }
        var rows: [[Int]] = []
        for i in 0..<q {
            for j in 0..<q {
                rows.append([i, j] + (1..<(k - 1)).map { field.add(i, field.multiply($0, j)) })
            }
        }
        return OrthogonalArray(order: q, rows: rows)
    }

    /// Whether every two positions hold every ordered pair of symbols exactly once.
    var isOrthogonal: Bool {
        let n = order
        guard rows.count == n * n, let k = rows.first?.count, rows.allSatisfy({ $0.count == k && $0.allSatisfy { (0..<n).contains($0) } }) else {
            return false
        }
        for a in 0..<k {
            for b in (a + 1)..<max(a + 1, k) where Set(rows.map { $0[a] * n + $0[b] }).count != n * n { return false }
        }
        return true
    }

    /// The n rounds (`[round][player] → group`) crossing k − 1 columns of n players
    /// (player j·n + x of column j), as in the type's comment.
    func crossingRounds() -> [[Int]] {
        let n = order
        guard let k = rows.first?.count, k >= 3 else { return [] }
        var rounds = [[Int]](repeating: [Int](repeating: -1, count: (k - 1) * n), count: n)
        for row in rows {
            for j in 0..<(k - 1) { rounds[row[k - 1]][j * n + row[j]] = row[0] }
        }
        return rounds
    }
}
