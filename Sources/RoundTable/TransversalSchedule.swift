import Foundation

/// Golfer schedules from a transversal design: `groups` = g groups of `size` = s ≤ g.
///
/// Player (i, j), i < g, j < s (player number j·g + i), sits in round k at group
/// i + k·x_j, with x_j distinct (x_j = j, or in a product of fields j in every component,
/// so that every difference of two is invertible when s is at most the smallest field's
/// order: 36 = 4·9 then makes 36 rounds of 3 columns). Two players (i, j) and (i', j')
/// with j ≠ j' meet in round k exactly when i − i' = k·(x_j' − x_j), and players with the
/// same j never meet. Over a
/// field of order g (a prime power) that k is unique, so every k of the field is a round:
/// g rounds without a repeat (8 × 5 × 8, 9 × 5 × 9, 11 × 10 × 11, 13 × 7 × 13), one more
/// (the columns j) when s = g, the affine plane. For other g two rings serve, whichever
/// gives more rounds: the integers modulo g, and the product of the fields of g's
/// prime-power factors (MacNeish's mutually orthogonal Latin squares: 12 = 4·3 and
/// 20 = 4·5 give 12 × 12 × 4 and 20 × 20 × 5). In either, multipliers are kept when no
/// k − k' times a difference x_j − x_j' is 0; at least 2 rounds, and 3 when s = g
/// (10 × 10 × 3).
struct TransversalSchedule: Sendable {
    let groups: Int
    let size: Int
    let ring: Ring
    /// The multipliers k, one per round (before the columns round).
    let multipliers: [Int]
    /// x_j, one per column.
    let labels: [Int]

    /// A commutative ring on the elements 0..<g.
    enum Ring: Sendable {
        case field(FiniteField)
        /// The integers modulo g.
        case integers(Int)
        /// Fields of coprime prime-power orders; an element's mixed-radix digits (the
        /// first field's lowest) are its components.
        case product([FiniteField])

        func add(_ a: Int, _ b: Int) -> Int {
            switch self {
            case .field(let field): return field.add(a, b)
            case .integers(let g): return (a + b) % g
            case .product(let fields): return Self.componentwise(fields, a, b) { $0.add($1, $2) }
            }
        }

        func multiply(_ a: Int, _ b: Int) -> Int {
            switch self {
            case .field(let field): return field.multiply(a, b)
            case .integers(let g): return (a * b) % g
            case .product(let fields): return Self.componentwise(fields, a, b) { $0.multiply($1, $2) }
            }
        }

        /// a − b.
        func subtract(_ a: Int, _ b: Int) -> Int {
            switch self {
            case .field(let field): return field.subtract(a, b)
            case .integers(let g): return ((a - b) % g + g) % g
            case .product(let fields): return Self.componentwise(fields, a, b) { $0.subtract($1, $2) }
            }
        }

        private static func componentwise(_ fields: [FiniteField], _ a: Int, _ b: Int, _ operation: (FiniteField, Int, Int) -> Int) -> Int {
            var (a, b, result, scale) = (a, b, 0, 1)
            for field in fields {
                let q = field.order
                result += scale * operation(field, a % q, b % q)
                (a, b, scale) = (a / q, b / q, scale * q)
            }
            return result
        }

        /// The fields of the prime-power factors of `g`, when it has two or more.
        static func factors(_ g: Int) -> [FiniteField]? {
            var fields: [FiniteField] = []
            var rest = g
            var p = 2
            while rest > 1 {
                if p * p > rest { p = rest }
                if rest % p == 0 {
                    var q = 1
                    while rest % p == 0 {
                        rest /= p
                        q *= p
                    }
                    guard let field = FiniteField(order: q) else { return nil }
                    fields.append(field)
                }
                p += 1
            }
            return fields.count > 1 ? fields : nil
        }
    }

    init?(groups g: Int, size s: Int, rounds: Int) {
        guard s >= 2, s <= g, rounds >= 1 else { return nil }
        groups = g
        size = s
        if let field = FiniteField(order: g) {
            ring = .field(field)
            multipliers = Array(0..<g)
            labels = Array(0..<s)
        } else {
            // Greedy in each ring: keep k when k − k' times every difference of two
            // column labels stays nonzero.
            func chosen(_ ring: Ring, _ labels: [Int]) -> [Int] {
                let differences = Set(labels.flatMap { x in labels.filter { $0 != x }.map { ring.subtract(x, $0) } })
                var kept: [Int] = []
                for k in 0..<g where kept.allSatisfy({ other in differences.allSatisfy { ring.multiply(ring.subtract(k, other), $0) != 0 } }) {
                    kept.append(k)
                }
                return kept
            }
            let integers = chosen(.integers(g), Array(0..<s))
            if let fields = Ring.factors(g), case let diagonal = Self.diagonal(s, fields),
                case let product = chosen(.product(fields), diagonal), product.count > integers.count
            {
                ring = .product(fields)
                multipliers = product
                labels = diagonal
            } else {
                ring = .integers(g)
                multipliers = integers
                labels = Array(0..<s)
            }
        }
        guard rounds <= multipliers.count + (s == g ? 1 : 0) else { return nil }
    }

    /// Column labels in a product of fields: j in every component when s is at most the
    /// smallest order (all differences invertible), else j itself.
    private static func diagonal(_ s: Int, _ fields: [FiniteField]) -> [Int] {
        guard let smallest = fields.map(\.order).min(), s <= smallest else { return Array(0..<s) }
        return (0..<s).map { j in
            var (label, scale) = (0, 1)
            for field in fields {
                label += scale * j
                scale *= field.order
            }
            return label
        }
    }

    /// Every round of columns met across: `groups` rounds in which each pair of players in
    /// different columns meets exactly once (players of one column never meet).
    var crossesEveryPair: Bool { multipliers.count == groups }

    /// The first `count` rounds (`[round][player] → group`), the columns round last.
    func rounds(_ count: Int) -> [[Int]] {
        let (g, s) = (groups, size)
        var result: [[Int]] = []
        for k in multipliers.prefix(count) {
            result.append((0..<(g * s)).map { p in
                let (j, i) = p.quotientAndRemainder(dividingBy: g)
                return ring.add(i, ring.multiply(k, labels[j]))
            })
        }
        if result.count < count && s == g { result.append((0..<(g * s)).map { $0 / g }) }
        return result
    }
}

/// The finite field of prime-power order q = p^m: elements 0..<q are polynomials over
/// Z_p (base-p digits, lowest first) modulo a primitive polynomial of degree m, found by
/// trying the monic ones in turn; multiplication by logarithm tables.
struct FiniteField: Sendable {
    let order: Int
    let prime: Int
    let degree: Int
    /// `power[e]` = x^e, e < q − 1; `logarithm[a]` for a ≠ 0.
    private let power: [Int]
    private let logarithm: [Int]

    /// `nil` unless `order` is a prime power of at most 4,096.
    init?(order q: Int) {
        guard q >= 2, q <= 4096, let (p, m) = AffineSpaceSchedule.primePower(q) else { return nil }
        order = q
        prime = p
        degree = m
        // x^e modulo f (monic, degree m, low coefficients `tail`), digits base p.
        func times(_ a: Int, _ tail: [Int]) -> Int {
            // a·x: shift the digits up; the digit leaving (coefficient of x^m) folds back as −tail.
            var digits = (0..<m).map { (a / AffineSpaceSchedule.power(p, $0)) % p }
            let top = digits[m - 1]
            digits = [0] + digits.dropLast()
            for d in 0..<m { digits[d] = ((digits[d] - top * tail[d]) % p + p) % p }
            return digits.enumerated().reduce(0) { $0 + $1.element * AffineSpaceSchedule.power(p, $1.offset) }
        }
        var found: [Int]?
        for code in 0..<AffineSpaceSchedule.power(p, m) {
            let tail = (0..<m).map { (code / AffineSpaceSchedule.power(p, $0)) % p }
            guard tail[0] != 0 || m == 1 else { continue }
            // x generates the q − 1 nonzero elements: then f is primitive.
            var powers = [1]
            var current = 1
            var seen = Set([1])
            var primitive = true
            for _ in 1..<(q - 1) {
                current = times(current, tail)
                if !seen.insert(current).inserted || current == 0 {
                    primitive = false
                    break
                }
                powers.append(current)
            }
            if primitive && times(current, tail) == 1 {
                found = powers
                break
            }
        }
        // m = 1: x is the residue p − tail[0]; the search above still finds a generator.
        guard let powers = found, powers.count == q - 1 else { return nil }
        power = powers
        var logs = [Int](repeating: -1, count: q)
        for (e, a) in powers.enumerated() { logs[a] = e }
        logarithm = logs
    }

    func add(_ a: Int, _ b: Int) -> Int { AffineSpaceSchedule.add(a, b, prime: prime, digits: degree) }

    /// −a (each base-p digit negated).
    func negate(_ a: Int) -> Int {
        var (rest, result, scale) = (a, 0, 1)
        for _ in 0..<degree {
            result += scale * ((prime - rest % prime) % prime)
            rest /= prime
            scale *= prime
        }
        return result
    }

    /// a − b.
    func subtract(_ a: Int, _ b: Int) -> Int { add(a, negate(b)) }

    func multiply(_ a: Int, _ b: Int) -> Int {
        guard a != 0, b != 0 else { return 0 }
        return power[(logarithm[a] + logarithm[b]) % (order - 1)]
    }

    /// ω^e for the field's primitive element ω (e ≥ 0): every nonzero element once as e
    /// runs over 0..<q − 1.
    func primitivePower(_ e: Int) -> Int { power[e % (order - 1)] }

    /// The e < q − 1 with ω^e = a (a ≠ 0).
    func exponent(of a: Int) -> Int { logarithm[a] }

    /// 1 / a (a ≠ 0).
    func inverse(_ a: Int) -> Int { power[(order - 1 - logarithm[a]) % (order - 1)] }
}
