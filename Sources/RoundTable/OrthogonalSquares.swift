import Foundation

/// Golfer schedules n × n × 4 from two orthogonal Latin squares of order n, found by
/// search where no ring gives them (n = 10).
///
/// Players are the cells (r, c) of an n × n grid; the rounds group them by row, by column,
/// by symbol of the first square and by symbol of the second. Two cells share at most one
/// of the four: that is what Latin and orthogonal mean.
///
/// The search: a random Latin square, built row by row as random perfect matchings of
/// columns to the symbols each column still lacks; its transversals, by depth-first
/// search; and n pairwise disjoint ones, by exact cover (the cell with fewest fitting
/// transversals first). The transversal a cell lies in is its symbol in the mate. Random
/// squares of order 10 mostly have mates; when one has none within a node limit, the
/// next square is tried.
struct OrthogonalSquares: Sendable {
    let order: Int
    let first: [[Int]]
    let second: [[Int]]

    /// Cells of the grid as bits of two words: orders up to 11.
    private struct Cells {
        var low: UInt64 = 0
        var high: UInt64 = 0
        mutating func insert(_ cell: Int) {
            if cell < 64 { low |= UInt64(1) << UInt64(cell) } else { high |= UInt64(1) << UInt64(cell - 64) }
        }
        func disjoint(_ other: Cells) -> Bool { low & other.low == 0 && high & other.high == 0 }
        func union(_ other: Cells) -> Cells { Cells(low: low | other.low, high: high | other.high) }
    }

    /// A pair for `order` (3 to 11; none exists for 6), or `nil` when none is found by `deadline`.
    init?(order n: Int, seed: UInt64, deadline: Date, stop: () -> Bool) {
        guard n >= 3, n <= 11, n != 6 else { return nil }
        var rng = SplitMix64(seed: seed)
        while Date() < deadline && !stop() {
            let square = Self.latinSquare(order: n, rng: &rng)
            let transversals = Self.transversals(of: square)
            let found = Self.mate(of: square, from: transversals, nodeLimit: 200_000, deadline: deadline, stop: stop)
            guard let mate = found else { continue }
            order = n
            first = square
            second = mate
            return
        }
        return nil
    }

    /// The 4 rounds (`[round][player] → group`), player numbers in cell order.
    func rounds() -> [[Int]] {
        let n = order
        let cells = (0..<(n * n)).map { (row: $0 / n, column: $0 % n) }
        return [
            cells.map(\.row), cells.map(\.column), cells.map { first[$0.row][$0.column] }, cells.map { second[$0.row][$0.column] },
        ]
    }

    /// Rows as random perfect matchings of columns to symbols not yet in them.
    static func latinSquare(order n: Int, rng: inout SplitMix64) -> [[Int]] {
        var square: [[Int]] = []
        var missing = [[Bool]](repeating: [Bool](repeating: true, count: n), count: n)  // [column][symbol]
        for _ in 0..<n {
            var symbolAt = [Int](repeating: -1, count: n)  // column → symbol
            var columnOf = [Int](repeating: -1, count: n)  // symbol → column
            var columns = Array(0..<n)
            columns.shuffle(using: &rng)
            for start in columns {
                var visited = [Bool](repeating: false, count: n)
                var order = Array(0..<n)
                order.shuffle(using: &rng)
                // Kuhn's augmenting path from column `start`.
                func augment(_ column: Int) -> Bool {
                    for symbol in order where missing[column][symbol] && !visited[symbol] {
                        visited[symbol] = true
                        if columnOf[symbol] < 0 || augment(columnOf[symbol]) {
                            columnOf[symbol] = column
                            symbolAt[column] = symbol
                            return true
                        }
                    }
                    return false
                }
                _ = augment(start)
            }
            for column in 0..<n { missing[column][symbolAt[column]] = false }
            square.append(symbolAt)
        }
        return square
    }

    /// Every transversal of `square` (up to 200,000), as its column per row and its cells.
    private static func transversals(of square: [[Int]]) -> [(columns: [Int], cells: Cells)] {
        let n = square.count
        var transversals: [(columns: [Int], cells: Cells)] = []
        var columns = [Int](repeating: -1, count: n)
        var usedColumns = 0
        var usedSymbols = 0
        func enumerate(_ row: Int) {
            guard transversals.count < 200_000 else { return }
            if row == n {
                var cells = Cells()
                for r in 0..<n { cells.insert(r * n + columns[r]) }
                transversals.append((columns, cells))
                return
            }
            for c in 0..<n where usedColumns & (1 << c) == 0 && usedSymbols & (1 << square[row][c]) == 0 {
                columns[row] = c
                usedColumns |= 1 << c
                usedSymbols |= 1 << square[row][c]
                enumerate(row + 1)
                usedColumns &= ~(1 << c)
                usedSymbols &= ~(1 << square[row][c])
            }
        }
        enumerate(0)
        return transversals
    }

    /// An orthogonal mate of `square` made of n disjoint `transversals`, or `nil` (none, or
    /// not found within `nodeLimit` nodes).
    private static func mate(of square: [[Int]], from transversals: [(columns: [Int], cells: Cells)], nodeLimit: Int, deadline: Date, stop: () -> Bool
    ) -> [[Int]]? {
        let n = square.count
        guard transversals.count >= n else { return nil }
        // Exact cover of the cells by n transversals.
        let through = (0..<(n * n)).map { cell in transversals.indices.filter { transversals[$0].columns[cell / n] == cell % n } }
        var chosen: [Int] = []
        var nodes = 0
        func cover(_ covered: Cells, _ coveredCells: [Bool]) -> Bool {
            if chosen.count == n { return true }
            nodes += 1
            if nodes > nodeLimit || (nodes % 1024 == 0 && (Date() >= deadline || stop())) { return false }
            // Each transversal covers one cell of row 0: branch on the uncovered one there
            // with the fewest transversals that fit.
            var best: [Int]?
            for cell in 0..<n where !coveredCells[cell] {
                let fitting = through[cell].filter { transversals[$0].cells.disjoint(covered) }
                if fitting.isEmpty { return false }
                if best == nil || fitting.count < best?.count ?? 0 { best = fitting }
            }
            guard let candidates = best else { return false }
            for t in candidates {
                chosen.append(t)
                var cells = coveredCells
                for r in 0..<n { cells[r * n + transversals[t].columns[r]] = true }
                if cover(covered.union(transversals[t].cells), cells) { return true }
                chosen.removeLast()
                if nodes > nodeLimit { return false }
            }
            return false
        }
        guard cover(Cells(), [Bool](repeating: false, count: n * n)) else { return nil }
        var mate = [[Int]](repeating: [Int](repeating: -1, count: n), count: n)
        for (symbol, t) in chosen.enumerated() {
            for r in 0..<n { mate[r][transversals[t].columns[r]] = symbol }
        }
        return mate
    }
}
