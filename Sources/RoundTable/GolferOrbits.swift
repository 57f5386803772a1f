import Foundation

/// A symmetric shape for golfer schedules: the cyclic group Z_h turns each of a few base
/// rounds into h rounds, so a search needs only the base rounds.
///
/// Players are (i, j) with i in Z_h and j < `cycles`, plus `fixed` players the group
/// leaves alone; the shift by k sends (i, j) to (i + k, j). Round (b, k) is base round b
/// shifted by k. Two players then meet once for every base pair in their orbit, so the
/// schedule has no repeat exactly when the base rounds use every orbit of pairs at most
/// once and never a pair whose orbit is shorter than h (two fixed players, or (i, j) and
/// (i + h/2, j)): those classes start at 1 in ``preset``. This is the classical
/// difference method for resolvable designs, with the base rounds found by search.
struct GolferOrbits: Sendable {
    let groups: Int
    let size: Int
    /// h: rounds per base round.
    let shift: Int
    let baseRounds: Int
    let cycles: Int
    let fixed: Int
    /// `pairClass[p * players + q]`: the orbit of the pair.
    let pairClass: [Int]
    /// 1 for orbits no pair may use, else 0.
    let preset: [Int]

    var players: Int { groups * size }

    init?(groups: Int, size: Int, rounds: Int, shift h: Int, fixed f: Int) {
        let n = groups * size
        guard h >= 2, rounds % h == 0, f >= 0, f <= groups, f < n, (n - f) % h == 0 else { return nil }
        let c = (n - f) / h
        // Enough usable orbits for the pairs of the base rounds.
        let usable = c * (c - 1) / 2 * h + c * ((h - 1) / 2) + f * c
        guard usable >= rounds / h * groups * size * (size - 1) / 2 else { return nil }
        self.groups = groups
        self.size = size
        self.shift = h
        self.baseRounds = rounds / h
        self.cycles = c
        self.fixed = f
        var index: [[Int]: Int] = [:]
        var preset: [Int] = []
        var pairClass = [Int](repeating: 0, count: n * n)
        func key(_ p: Int, _ q: Int) -> [Int] {
            let (a, b) = (min(p, q), max(p, q))
            if a >= c * h { return [0, a, b] }  // two fixed players: always together
            let (ia, ja) = (a % h, a / h)
            if b >= c * h { return [1, b - c * h, ja] }
            let (ib, jb) = (b % h, b / h)
            if ja != jb { return [2, ja, jb, ((ib - ia) % h + h) % h] }
            let d = ((ib - ia) % h + h) % h
            return [3, ja, min(d, h - d)]
        }
        for p in 0..<n {
            for q in 0..<n where p != q {
                let k = key(p, q)
                if let id = index[k] {
                    pairClass[p * n + q] = id
                } else {
                    index[k] = preset.count
                    pairClass[p * n + q] = preset.count
                    let short = k[0] == 0 || (k[0] == 3 && 2 * k[2] == h)
                    preset.append(short ? 1 : 0)
                }
            }
        }
        self.pairClass = pairClass
        self.preset = preset
    }

    /// Shapes with one base round for `rounds` rounds or more (the extra rounds are
    /// dropped), up to the most rounds without a repeat that counting allows. Measured on
    /// 8–10 tables of 4: two or more base rounds (smaller h) never found a schedule the
    /// single-round shapes missed, so they are not tried.
    static func shapes(groups: Int, size: Int, rounds: Int) -> [GolferOrbits] {
        let n = groups * size
        guard size >= 2, groups >= 2 else { return [] }
        let most = (n - 1) / (size - 1)
        guard rounds >= 2, rounds <= most else { return [] }
        var list: [GolferOrbits] = []
        for h in rounds...most {
            for f in 0...groups {
                if let shape = GolferOrbits(groups: groups, size: size, rounds: h, shift: h, fixed: f) { list.append(shape) }
            }
        }
        return list
    }

    /// The first `count` rounds (`[round][player] → group`) the base rounds give.
    func expand(_ base: [[Int]], count: Int) -> [[Int]] {
        let n = players
        let h = shift
        var rounds: [[Int]] = []
        for labels in base {
            for k in 0..<h {
                rounds.append((0..<n).map { p in
                    guard p < cycles * h else { return labels[p] }
                    let (i, j) = (p % h, p / h)
                    return labels[j * h + ((i - k) % h + h) % h]
                })
            }
        }
        return Array(rounds.prefix(count))
    }
}
