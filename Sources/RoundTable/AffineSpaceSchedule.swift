import Foundation

/// Golfer schedules from the affine space GF(p)^m: when there are p^m players and groups
/// of p^d, every d-dimensional subspace U splits the players into its cosets x + U, a
/// round of groups of p^d. Players x and y meet in that round exactly when x − y ∈ U, so
/// rounds from subspaces that share only the zero vector never repeat a meeting (for
/// m = 2d these are the affine planes of prime-power order), and rounds whose subspaces
/// together cover every nonzero vector meet every pair at least once, the fewest repeats
/// possible when there are more rounds than pairs allow.
///
/// Subspaces are chosen greedily, each overlapping the vectors already covered as little
/// as possible, over randomized restarts.
struct AffineSpaceSchedule {
    let prime: Int
    /// m: players are the p^m vectors.
    let dimension: Int
    /// d: groups are cosets of d-dimensional subspaces.
    let groupDimension: Int

    /// The space for `players` in groups of `size`, when both are powers of one prime
    /// and groups are smaller than the whole.
    init?(players: Int, size: Int) {
        guard size >= 2, players > size, let (p, m) = Self.primePower(players), let (q, d) = Self.primePower(size), p == q, d < m else {
            return nil
        }
        prime = p
        dimension = m
        groupDimension = d
    }

    var players: Int { Self.power(prime, dimension) }

    /// `(p, e)` with n = p^e, p prime, e ≥ 1.
    static func primePower(_ n: Int) -> (Int, Int)? {
        guard n >= 2 else { return nil }
        var p = 2
        while p * p <= n && n % p != 0 { p += 1 }
        if n % p != 0 { p = n }
        var rest = n
        var e = 0
        while rest % p == 0 {
            rest /= p
            e += 1
        }
        return rest == 1 ? (p, e) : nil
    }

    static func power(_ base: Int, _ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent { result *= base }
        return result
    }

    /// x + y, digit-wise modulo p.
    func add(_ x: Int, _ y: Int) -> Int { Self.add(x, y, prime: prime, digits: dimension) }

    /// x + y for vectors of `digits` base-`prime` digits, digit-wise modulo `prime` (also
    /// the addition of ``FiniteField``).
    static func add(_ x: Int, _ y: Int, prime: Int, digits: Int) -> Int {
        var (x, y, result, place) = (x, y, 0, 1)
        for _ in 0..<digits {
            result += ((x % prime + y % prime) % prime) * place
            x /= prime
            y /= prime
            place *= prime
        }
        return result
    }

    /// c · x, digit-wise modulo p.
    func scale(_ x: Int, by c: Int) -> Int {
        var (x, result, place) = (x, 0, 1)
        for _ in 0..<dimension {
            result += ((x % prime) * c % prime) * place
            x /= prime
            place *= prime
        }
        return result
    }

    /// The span of `basis`, or `nil` when it is not independent.
    func span(_ basis: [Int]) -> [Int]? {
        var elements = [0]
        for v in basis {
            if elements.contains(v) { return nil }
            var next = elements
            for c in 1..<prime {
                let w = scale(v, by: c)
                for e in elements { next.append(add(e, w)) }
            }
            elements = next
        }
        return elements
    }

    /// The round of cosets of `subspace`: each player's group index.
    func round(_ subspace: [Int]) -> [Int] {
        var label = [Int](repeating: -1, count: players)
        var next = 0
        for x in 0..<players where label[x] < 0 {
            for u in subspace { label[add(x, u)] = next }
            next += 1
        }
        return label
    }

    /// `rounds` rounds whose subspaces overlap as little as the greedy search finds by
    /// `deadline`; with `overlap` the number of nonzero vectors covered more than once,
    /// counted with multiplicity (0: no repeated meeting).
    func schedule(rounds: Int, seed: UInt64, deadline: Date, stop: () -> Bool) -> (rounds: [[Int]], overlap: Int) {
        var rng = SplitMix64(seed: seed)
        let n = players
        var bestChoice: [[Int]] = []
        var bestOverlap = Int.max
        // The least overlap possible: every nonzero vector covered before any twice.
        let perSubspace = Self.power(prime, groupDimension) - 1
        let floor = max(0, rounds * perSubspace - (n - 1))
        var attempt = 0
        while attempt < 2000 {
            attempt += 1
            var covered = [Int](repeating: 0, count: n)
            var chosen: [[Int]] = []
            var overlap = 0
            while chosen.count < rounds {
                var pick: [Int]?
                var pickOverlap = Int.max
                for _ in 0..<200 {
                    let basis = (0..<groupDimension).map { _ in 1 + Int(rng.next() % UInt64(n - 1)) }
                    guard let subspace = span(basis) else { continue }
                    let o = subspace.reduce(0) { $0 + ($1 != 0 && covered[$1] > 0 ? 1 : 0) }
                    if o < pickOverlap {
                        pickOverlap = o
                        pick = subspace
                        if o == 0 { break }
                    }
                }
                guard let subspace = pick else { break }
                for u in subspace where u != 0 { covered[u] += 1 }
                overlap += pickOverlap
                chosen.append(subspace)
            }
            if chosen.count == rounds && overlap < bestOverlap {
                bestOverlap = overlap
                bestChoice = chosen
            }
            if bestOverlap <= floor || Date() >= deadline || stop() { break }
        }
        return (bestChoice.map(round), bestOverlap)
    }
}
