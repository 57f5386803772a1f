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
/// difference method for resolvable designs, with the base round found by a randomized
/// depth-first search (``baseRound(symmetric:seed:nodeLimit:)``).
///
/// A shape may also have ``fixedRounds``: rounds the shift leaves as they are, made of
/// orbits of transversal groups {(i + o_1, j_1), …, (i + o_k, j_k)} (one player from each
/// of k cycles, i over Z_h). Each uses h pairs of every orbit it touches, once, so the
/// base round must avoid those orbits. With h = q odd, 3 cycles and (q − 1)/2 fixed
/// rounds this is the shape of Ray-Chaudhuri and Wilson's Kirkman triple systems of order
/// 3q: 7 × 3 × 10 (21 players) in milliseconds.
struct GolferOrbits: Sendable {
    let groups: Int
    let size: Int
    /// h: rounds per base round.
    let shift: Int
    let baseRounds: Int
    let cycles: Int
    let fixed: Int
    /// Rounds after the shifted ones that the shift maps to themselves (0 unless the
    /// shape was made with ``init(groups:size:shift:fixedRounds:)`` or
    /// ``init(groups:size:cosetShift:)``).
    let fixedRounds: Int
    /// Whether the one fixed round is the coset round of ``init(groups:size:cosetShift:)``
    /// (else fixed rounds are drawn from transversal groups).
    let cosetRound: Bool
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
        self.fixedRounds = 0
        self.cosetRound = false
        (pairClass, preset) = Self.classes(players: n, shift: h, cycles: c)
    }

    /// One base round shifted h times, then `t` fixed rounds (0 < t < h): h must divide
    /// the players and the group size the number of cycles, and there are no fixed players.
    init?(groups: Int, size: Int, shift h: Int, fixedRounds t: Int) {
        let n = groups * size
        guard h >= 3, t >= 1, t < h, n % h == 0, size >= 2 else { return nil }
        let c = n / h
        guard c % size == 0 else { return nil }
        let usable = c * (c - 1) / 2 * h + c * ((h - 1) / 2)
        let needed = groups * size * (size - 1) / 2 + t * (c / size) * size * (size - 1) / 2
        guard usable >= needed else { return nil }
        self.groups = groups
        self.size = size
        self.shift = h
        self.baseRounds = 1
        self.cycles = c
        self.fixed = 0
        self.fixedRounds = t
        self.cosetRound = false
        (pairClass, preset) = Self.classes(players: n, shift: h, cycles: c)
    }

    /// The shape of a resolvable design of n = (k − 1)·h + k players in groups of k
    /// (k = `size`), every pair meeting once in h + 1 rounds, the most there can be: k − 1
    /// cycles of h players and k fixed players; one base round shifted h times, and one
    /// round the shift maps to itself, the coset round: the fixed players together, and
    /// each cycle cut into the h/k cosets {(i + m·h/k, j) : m < k} of the subgroup of
    /// order k. The coset round uses the orbits of pairs (i, j), (i + m·h/k, j) whole, so
    /// the base round must use every other orbit exactly once (the counts agree: the base
    /// round's n/k groups hold as many pairs as there are orbits left). k must divide h,
    /// and h be odd when k is (else the orbits (i, j), (i + h/2, j), which hold h/2 pairs,
    /// are met by no round).
    ///
    /// With k = 3 these are Kirkman triple systems of 2h + 3 players, h ≡ 3 (mod 6). Over
    /// GF(q), q = 2h + 1, the cycles would be the squares and the non-squares, the cosets
    /// the classes of the cube roots of unity and the shift multiplication by a square;
    /// the shape itself needs no field. A base round symmetric under σ (cycles swapped,
    /// two fixed players swapped, the third left) exists only when h ≡ 3 (mod 12): its
    /// group with the third fixed player is σ-invariant and the others come in pairs B,
    /// σB, which use the same differences within cycle 0 as within cycle 1; with p groups
    /// inside cycle 0 and m pairs of mixed groups, cycle 0's h players are 3 + 3p + 3m and
    /// its (h − 3)/2 orbits of pairs 3p + m, so p = (h − 3)/12. The symmetric search finds
    /// 105 players (h = 51) in 0.1-1.2 s and 33 (h = 15) in milliseconds (measured, release
    /// build). 69 and 141 (h ≡ 9 mod 12) have no such round: their base rounds, and 165's
    /// and 177's, were found once by a slower search and are stored (``StoredSchedule``).
    /// The scheduler does not try groups of 4 (136 = 3·44 + 4, 172 = 3·56 + 4), 5
    /// (65 = 4·15 + 5), 6 or 8, where the symmetric search found no base round in 6 s.
    init?(groups: Int, size k: Int, cosetShift h: Int) {
        guard k >= 3, h >= k, h % k == 0, k % 2 == 0 || h % 2 == 1, groups * k == (k - 1) * h + k else { return nil }
        self.groups = groups
        self.size = k
        self.shift = h
        self.baseRounds = 1
        self.cycles = k - 1
        self.fixed = k
        self.fixedRounds = 1
        self.cosetRound = true
        (pairClass, preset) = Self.classes(players: groups * k, shift: h, cycles: k - 1)
    }

    /// The orbit of every pair of players under the shift, and 1 for the orbits that no
    /// pair may use (two fixed players, or (i, j) and (i + h/2, j)).
    private static func classes(players n: Int, shift h: Int, cycles c: Int) -> (pairClass: [Int], preset: [Int]) {
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
        return (pairClass, preset)
    }

    /// Shapes with one base round for `rounds` to `rounds + 2` rounds (the extra rounds
    /// are dropped), no more than the most rounds without a repeat that counting allows. Measured on
    /// 8–10 tables of 4: two or more base rounds (smaller h) never found a schedule the
    /// single-round shapes missed, so they are not tried.
    static func shapes(groups: Int, size: Int, rounds: Int) -> [GolferOrbits] {
        let n = groups * size
        guard size >= 2, groups >= 2 else { return [] }
        let most = (n - 1) / (size - 1)
        // Each shape holds a class per pair of players; beyond 256 players they cost too much.
        guard rounds >= 2, rounds <= most, n <= 256 else { return [] }
        var list: [GolferOrbits] = []
        // A few extra rounds at most (9×4×10 and 10×4×11 were found as 11 and 12 rounds cut short).
        for h in rounds...min(most, rounds + 2) {
            for f in 0...groups {
                if let shape = GolferOrbits(groups: groups, size: size, rounds: h, shift: h, fixed: f) { list.append(shape) }
            }
        }
        // A shifted base round and a few fixed rounds: rounds = h + t with t < h.
        for h in stride(from: max(3, rounds / 2 + 1), to: rounds, by: 1) {
            if let shape = GolferOrbits(groups: groups, size: size, shift: h, fixedRounds: rounds - h) { list.append(shape) }
        }
        return list
    }

    /// A base round using no orbit of pairs twice, by depth-first search in random order
    /// that gives up after `nodeLimit` nodes (`nil` then; restart with another seed).
    ///
    /// With `symmetric`, the round is also required to be invariant under σ: (i, j) →
    /// (i, j + 1 mod c), fixed players cycled c at a time (the rest left alone), so a
    /// group is placed with its images under σ. That shrinks the search enough to find
    /// 9×4×11 and 10×4×11 within milliseconds (measured), where the plain search needs
    /// seconds; it also rules some shapes out, so both are tried.
    func baseRound(symmetric: Bool, seed: UInt64, nodeLimit: Int) -> [Int]? {
        var search = BaseRoundSearch(shape: self, used: preset, symmetric: symmetric, seed: seed, nodeLimit: nodeLimit)
        return search.solve(group: 0) ? search.label : nil
    }

    /// The first `count` rounds (`[round][player] → group`) of a schedule of this shape:
    /// the ``fixedRounds`` drawn at random (orbits of transversal groups using no orbit of
    /// pairs twice), then a base round found as ``baseRound(symmetric:seed:nodeLimit:)``
    /// says around them, shifted; `nil` when either draw fails (restart with another seed).
    func schedule(symmetric: Bool, seed: UInt64, nodeLimit: Int, count: Int) -> [[Int]]? {
        var rng = SplitMix64(seed: seed)
        guard let (used, fixedLabels) = drawFixedRounds(rng: &rng) else { return nil }
        var search = BaseRoundSearch(shape: self, used: used, symmetric: symmetric, seed: rng.next(), nodeLimit: nodeLimit)
        guard search.solve(group: 0) else { return nil }
        return Array((expand([search.label], count: shift * baseRounds) + fixedLabels).prefix(count))
    }

    /// The first `rounds` rounds of a schedule of this shape without a repeat, by
    /// depth-first attempts of 50,000 nodes each, symmetric under σ, until `deadline`;
    /// nil when none succeeds, and at once for a coset shape of groups of 3 with
    /// h ≢ 3 (mod 12), which has no such round (``init(groups:size:cosetShift:)``).
    func search(rounds: Int, seed: UInt64, deadline: Date, stop: () -> Bool) -> [[Int]]? {
        guard !(cosetRound && size == 3 && shift % 12 != 3) else { return nil }
        var restart: UInt64 = 0
        while Date() < deadline && !stop() {
            restart += 1
            if let built = schedule(symmetric: true, seed: seed &+ restart &* 0x9E37_79B9_7F4A_7C15, nodeLimit: 50_000, count: rounds) {
                return built
            }
        }
        return nil
    }

    /// An annealer for this shape's base round (``BaseRoundAnnealer``), with the
    /// ``fixedRounds`` drawn at random first; `nil` when they cannot be drawn.
    func annealer(seed: UInt64) -> BaseRoundAnnealer? {
        var rng = SplitMix64(seed: seed)
        guard let (used, fixedLabels) = drawFixedRounds(rng: &rng) else { return nil }
        return BaseRoundAnnealer(shape: self, used: used, fixedLabels: fixedLabels, seed: rng.next())
    }

    /// The ``fixedRounds`` drawn at random (``fixedRound(used:rng:)``), and the orbits they
    /// and ``preset`` leave no base round; `nil` when a draw fails.
    private func drawFixedRounds(rng: inout SplitMix64) -> (used: [Int], labels: [[Int]])? {
        var used = preset
        if cosetRound {
            let labels = cosets(used: &used)
            return (used, [labels])
        }
        var labels: [[Int]] = []
        for _ in 0..<fixedRounds {
            guard let round = fixedRound(used: &used, rng: &rng) else { return nil }
            labels.append(round)
        }
        return (used, labels)
    }

    /// The coset round of ``init(groups:size:cosetShift:)`` (group 0 the fixed players,
    /// then each cycle's cosets in turn), its orbits of pairs marked `used`.
    private func cosets(used: inout [Int]) -> [Int] {
        let (h, n, k) = (shift, players, size)
        for j in 0..<cycles {
            for m in 1..<k { used[pairClass[(j * h) * n + j * h + m * (h / k)]] += 1 }
        }
        return Self.cosetRound(shift: h, cycles: cycles, size: k, players: n)
    }

    /// A coset round (`[player] → group`): the fixed players (from `cycles`·h on) in group 0,
    /// then each cycle's cosets {(i + m·h/k, j) : m < k}, i < h/k, in turn.
    static func cosetRound(shift h: Int, cycles: Int, size k: Int, players n: Int) -> [Int] {
        let step = h / k
        var labels = [Int](repeating: 0, count: n)
        for j in 0..<cycles {
            for i in 0..<h { labels[j * h + i] = 1 + j * step + i % step }
        }
        return labels
    }

    /// A round the shift maps to itself: the cycles dealt at random into sets of `size`,
    /// each the orbit of one transversal group with random offsets whose pairs use
    /// orbits not yet `used` (then marked used); `nil` after 50 tries on one set.
    private func fixedRound(used: inout [Int], rng: inout SplitMix64) -> [Int]? {
        let (h, n) = (shift, players)
        var labels = [Int](repeating: -1, count: n)
        var order = Array(0..<cycles)
        order.shuffle(using: &rng)
        var group = 0
        for start in stride(from: 0, to: cycles, by: size) {
            let chosen = Array(order[start..<(start + size)])
            var placed = false
            for _ in 0..<50 where !placed {
                let offsets = chosen.indices.map { $0 == 0 ? 0 : Int(rng.next() % UInt64(h)) }
                let members = zip(chosen, offsets).map { j, o in j * h + o }
                var classes: [Int] = []
                for x in 0..<size {
                    for y in (x + 1)..<size {
                        let c = pairClass[members[x] * n + members[y]]
                        if used[c] == 0 && !classes.contains(c) { classes.append(c) }
                    }
                }
                guard classes.count == size * (size - 1) / 2 else { continue }
                for c in classes { used[c] += 1 }
                for i in 0..<h {
                    for (j, o) in zip(chosen, offsets) { labels[j * h + (o + i) % h] = group + i }
                }
                group += h
                placed = true
            }
            guard placed else { return nil }
        }
        return labels
    }

    /// The first `count` rounds (`[round][player] → group`) the base rounds give.
    func expand(_ base: [[Int]], count: Int) -> [[Int]] {
        Array(base.flatMap { Self.shifted($0, shift: shift, cycles: cycles, rounds: shift) }.prefix(count))
    }

    /// Base round `base` (`[player] → group`) shifted by 0, 1, …, `rounds` − 1: (i, j) (player
    /// j·h + i, j < `cycles`) to (i + k, j); players from `cycles`·h on stay where they are.
    static func shifted(_ base: [Int], shift h: Int, cycles: Int, rounds: Int) -> [[Int]] {
        (0..<rounds).map { k in
            base.indices.map { p in
                guard p < cycles * h else { return base[p] }
                let (i, j) = (p % h, p / h)
                return base[j * h + ((i - k) % h + h) % h]
            }
        }
    }
}

/// The depth-first search of ``GolferOrbits/baseRound(symmetric:seed:nodeLimit:)``.
private struct BaseRoundSearch {
    let shape: GolferOrbits
    let n: Int
    let nodeLimit: Int
    /// Players in σ's order (the identity when not symmetric).
    let sigma: [Int]
    /// Uses of each orbit of pairs (``GolferOrbits/preset`` to start).
    var used: [Int]
    /// Group of each player, -1 while unplaced.
    var label: [Int]
    var rng: SplitMix64
    var nodes = 0

    init(shape: GolferOrbits, used: [Int], symmetric: Bool, seed: UInt64, nodeLimit: Int) {
        self.shape = shape
        n = shape.players
        self.nodeLimit = nodeLimit
        self.used = used
        label = [Int](repeating: -1, count: shape.players)
        rng = SplitMix64(seed: seed)
        let (h, c) = (shape.shift, shape.cycles)
        var sigma = Array(0..<shape.players)
        if symmetric {
            for p in 0..<(c * h) { sigma[p] = ((p / h + 1) % c) * h + p % h }
            for q in 0..<(shape.fixed / c * c) { sigma[c * h + q] = c * h + q / c * c + (q % c + 1) % c }
        }
        self.sigma = sigma
    }

    /// Fills groups from `group` on; true when every player is placed.
    mutating func solve(group: Int) -> Bool {
        guard let p = label.firstIndex(of: -1) else { return true }
        guard group < shape.groups else { return false }
        label[p] = group
        var candidates = (0..<n).filter { label[$0] < 0 && used[shape.pairClass[p * n + $0]] == 0 }
        candidates.shuffle(using: &rng)
        if extend([p], candidates[...], group) { return true }
        label[p] = -1
        return false
    }

    /// Adds players from `candidates` to `block` (group `group`) until it is full.
    mutating func extend(_ block: [Int], _ candidates: ArraySlice<Int>, _ group: Int) -> Bool {
        nodes += 1
        guard nodes <= nodeLimit else { return false }
        if block.count == shape.size { return placeImages(of: block, group: group) }
        for (k, q) in zip(candidates.indices, candidates) {
            var classes: [Int] = []
            for b in block {
                let c = shape.pairClass[b * n + q]
                if used[c] != 0 || classes.contains(c) { break }
                classes.append(c)
            }
            guard classes.count == block.count else { continue }
            for c in classes { used[c] += 1 }
            label[q] = group
            if extend(block + [q], candidates[(k + 1)...], group) { return true }
            label[q] = -1
            for c in classes { used[c] -= 1 }
            guard nodes <= nodeLimit else { return false }
        }
        return false
    }

    /// Places the images of a full `block` under σ as the next groups, then goes on.
    mutating func placeImages(of block: [Int], group: Int) -> Bool {
        var images: [[Int]] = []
        let original = Set(block)
        var current = block
        while true {
            current = current.map { sigma[$0] }
            if Set(current) == original { break }
            images.append(current)
            guard images.count < shape.groups else { return false }
        }
        guard group + 1 + images.count <= shape.groups else { return false }
        var seen = original
        var classes: [Int] = []
        for image in images {
            for q in image {
                guard label[q] < 0, seen.insert(q).inserted else { return false }
            }
            for x in 0..<image.count {
                for y in (x + 1)..<image.count {
                    let c = shape.pairClass[image[x] * n + image[y]]
                    guard used[c] == 0, !classes.contains(c) else { return false }
                    classes.append(c)
                }
            }
        }
        for c in classes { used[c] += 1 }
        for (m, image) in images.enumerated() { for q in image { label[q] = group + 1 + m } }
        if solve(group: group + 1 + images.count) { return true }
        for c in classes { used[c] -= 1 }
        for image in images { for q in image { label[q] = -1 } }
        return false
    }
}

/// A base round of a ``GolferOrbits`` shape by simulated annealing, in slices of time
/// (``run(until:stop:)`` resumes where the last slice stopped). Moves swap two players of
/// different groups; the cost counts, per orbit of pairs, its uses beyond one, and every
/// use of an orbit the shape or its fixed rounds already hold. Cost 0 is a schedule
/// without a repeat, and a near miss repeats only in the orbits it uses twice.
///
/// It complements the depth-first search, which completes a round rarely where the round
/// must use nearly every orbit once (14 × 4 × 16: 84 of 93 orbits; no 10,000-node attempt
/// succeeded in 2 s, the planner's annealing run finds one in about 0.6 s), and is the
/// quicker elsewhere (12 × 4 × 15). Measured: Benchmarks/README.md.
struct BaseRoundAnnealer: Sendable {
    let shape: GolferOrbits
    let fixedLabels: [[Int]]
    /// Per orbit: 1 when one use is free, 0 when every use costs.
    private let allowed: [Int]
    private var uses: [Int]
    /// `members[g * size + k]`; the group and slot of each player.
    private var members: [Int]
    private var group: [Int]
    private var slot: [Int]
    private var cost = 0
    private(set) var best: [Int]
    private(set) var bestCost: Int
    private var rng: SplitMix64
    private var iteration = 0
    /// Iterations per cooling leg, from 0.6 to 0.03 (then reheated): 2 million, about 0.15 s
    /// in a release build (12-16 million a second on 11 × 4 × 14, the other core busy). A C
    /// prototype with legs of 0.1-0.3 s found 14 × 4 × 16 in 0.14-0.67 s.
    static let leg = 2_000_000

    init(shape: GolferOrbits, used: [Int], fixedLabels: [[Int]], seed: UInt64) {
        self.shape = shape
        self.fixedLabels = fixedLabels
        allowed = used.map { $0 > 0 ? 0 : 1 }
        uses = [Int](repeating: 0, count: used.count)
        rng = SplitMix64(seed: seed)
        let (n, size) = (shape.players, shape.size)
        members = Array(0..<n)
        members.shuffle(using: &rng)
        group = [Int](repeating: 0, count: n)
        slot = [Int](repeating: 0, count: n)
        for (k, p) in members.enumerated() {
            group[p] = k / size
            slot[p] = k % size
        }
        for g in 0..<shape.groups {
            for x in 0..<size {
                for y in (x + 1)..<size {
                    let c = shape.pairClass[members[g * size + x] * n + members[g * size + y]]
                    uses[c] += 1
                    cost += max(0, uses[c] - allowed[c]) - max(0, uses[c] - 1 - allowed[c])
                }
            }
        }
        best = group
        bestCost = cost
    }

    /// The first `count` rounds of the schedule the best base round gives, fixed rounds last.
    func schedule(count: Int) -> [[Int]] {
        Array((shape.expand([best], count: shape.shift * shape.baseRounds) + fixedLabels).prefix(count))
    }

    /// Anneals until the best cost is 0, `deadline` passes or `stop` returns true.
    mutating func run(until deadline: Date, stop: () -> Bool) {
        let (n, size) = (shape.players, shape.size)
        let pairClass = shape.pairClass
        // Each slice starts with 4,096 swaps at the starting temperature, a short reheat,
        // before it goes on along the leg. (Starting where the leg stood found 18 × 3 × 26 in
        // 2 of 6 runs of 2 s; this way found it in 5 of 8: not told apart.)
        var temperature = 0.6
        while bestCost > 0 {
            iteration += 1
            if iteration & 4095 == 0 {
                if Date() >= deadline || stop() { return }
                temperature = 0.6 * pow(0.05, Double(iteration % Self.leg) / Double(Self.leg))
            }
            let a = Int(rng.next() % UInt64(n))
            let b = Int(rng.next() % UInt64(n))
            let (ga, gb) = (group[a], group[b])
            guard ga != gb else { continue }
            // a's and b's pairs out, the swapped ones in, scored as it goes.
            var delta = 0
            for k in 0..<size {
                let x = members[ga * size + k]
                if x != a {
                    let c = pairClass[a * n + x]
                    uses[c] -= 1
                    if uses[c] >= allowed[c] { delta -= 1 }
                }
                let y = members[gb * size + k]
                if y != b {
                    let c = pairClass[b * n + y]
                    uses[c] -= 1
                    if uses[c] >= allowed[c] { delta -= 1 }
                }
            }
            for k in 0..<size {
                let y = members[gb * size + k]
                if y != b {
                    let c = pairClass[a * n + y]
                    if uses[c] >= allowed[c] { delta += 1 }
                    uses[c] += 1
                }
                let x = members[ga * size + k]
                if x != a {
                    let c = pairClass[b * n + x]
                    if uses[c] >= allowed[c] { delta += 1 }
                    uses[c] += 1
                }
            }
            if delta <= 0 || rng.unit() < exp(-Double(delta) / temperature) {
                members[ga * size + slot[a]] = b
                members[gb * size + slot[b]] = a
                (slot[a], slot[b]) = (slot[b], slot[a])
                (group[a], group[b]) = (gb, ga)
                cost += delta
                if cost < bestCost {
                    bestCost = cost
                    best = group
                }
            } else {
                for k in 0..<size {
                    let x = members[ga * size + k]
                    if x != a {
                        uses[pairClass[a * n + x]] += 1
                        uses[pairClass[b * n + x]] -= 1
                    }
                    let y = members[gb * size + k]
                    if y != b {
                        uses[pairClass[b * n + y]] += 1
                        uses[pairClass[a * n + y]] -= 1
                    }
                }
            }
        }
    }
}
