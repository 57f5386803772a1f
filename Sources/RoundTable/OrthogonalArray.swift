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

    /// An OA(4, n) for n ≥ 3 but 6 (none exists), where this type has one: over GF(n)
    /// for prime powers, ``ten`` and ``eighteen``, and products of those (30 = 3·10,
    /// 54 = 3·18, 36 = 4·9). Nil for 2, 6 and orders with no such factors (14, 22, 42 …).
    static func four(order n: Int) -> OrthogonalArray? {
        if let field = fields(order: n, factors: 4) { return field }
        if n == 10 { return ten }
        if n == 18 { return eighteen }
        for a in stride(from: 3, through: n / 3, by: 1) where n % a == 0 {
            if let left = four(order: a), let right = four(order: n / a) { return left.product(right) }
        }
        return nil
    }

    /// An OA(4, 10) (two orthogonal Latin squares of order 10): a (7, 4; 1, 1; 3)
    /// quasi-difference matrix over Z_7 (``developed(_:modulus:blanks:)``) and the OA(4, 3)
    /// of GF(3) on its three points at infinity.
    static let ten: OrthogonalArray = developed(
        [
            [-1, -1, -1, 4, 2, 4, 6, 0, 6, 1, 6, 0, 1],
            [1, 3, 1, -1, -1, -1, 2, 6, 4, 3, 3, 1, 1],
            [6, 6, 3, 2, 4, 0, -1, -1, -1, 0, 3, 0, 2],
            [0, 4, 3, 6, 3, 3, 6, 4, 4, -1, -1, -1, 4],
        ], modulus: 7, blanks: 3)

    /// An OA(4, 18), where no ring serves (18 = 2·9, and GF(2) has no two orthogonal
    /// squares): a (14, 4; 1, 1; 4) quasi-difference matrix over Z_14 and the OA(4, 4) of
    /// GF(4) on its four points at infinity. Gives 54 players in groups of 3 their 18
    /// crossing rounds.
    static let eighteen: OrthogonalArray = developed(
        [
            [-1, -1, -1, -1, 1, 11, 5, 0, 13, 2, 8, 2, 7, 11, 3, 11, 13, 0, 11, 12, 3, 4],
            [12, 10, 10, 12, -1, -1, -1, -1, 6, 11, 0, 3, 11, 11, 8, 7, 10, 12, 10, 6, 6, 6],
            [13, 5, 8, 9, 1, 9, 6, 8, -1, -1, -1, -1, 4, 0, 12, 3, 1, 4, 10, 5, 8, 0],
            [3, 7, 2, 8, 6, 1, 3, 9, 5, 13, 4, 10, -1, -1, -1, -1, 13, 7, 10, 0, 4, 7],
        ], modulus: 14, blanks: 4)

    /// The OA(4, n + u) of an (n, 4; 1, 1; u) quasi-difference matrix (Handbook of
    /// Combinatorial Designs, III.3.5): 4 rows of n − 1 + 2u + 1 entries modulo n, each row
    /// with u blanks (−1), no column with two, and every two rows differing by each nonzero
    /// residue once and by 0 once where both are filled. Each column is developed over Z_n,
    /// a row's t-th blank becoming the point n + t, and an OA(4, u) over GF(u) joins the
    /// points at infinity. The two matrices here were found by annealing (one entry changed
    /// at a time, costing the differences two rows repeat): seconds for Z_7, a minute for
    /// Z_14, in Python. ``isOrthogonal`` checks the result in the tests.
    static func developed(_ matrix: [[Int]], modulus n: Int, blanks u: Int) -> OrthogonalArray {
        var rows: [[Int]] = []
        for column in matrix[0].indices {
            // A row's t-th blank is the point n + t, the same under every shift.
            let infinity = matrix.map { row in n + row[..<column].filter { $0 < 0 }.count }
            for shift in 0..<n {
                rows.append(matrix.indices.map { r in
                    matrix[r][column] >= 0 ? (matrix[r][column] + shift) % n : infinity[r]
                })
            }
        }
        let infinite = fields(order: u, factors: 4)?.rows ?? []
        rows += infinite.map { $0.map { n + $0 } }
        return OrthogonalArray(order: n + u, rows: rows)
    }

    /// The product OA(k, n·m): row (a, b) has symbol a_t·m + b_t at position t.
    func product(_ other: OrthogonalArray) -> OrthogonalArray {
        let m = other.order
        return OrthogonalArray(order: order * m, rows: rows.flatMap { a in other.rows.map { b in zip(a, b).map { $0 * m + $1 } } })
    }

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
