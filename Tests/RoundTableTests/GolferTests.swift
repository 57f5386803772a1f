import Foundation
import Testing

@testable import RoundTable

/// The social golfer scheduler (constructions and searches) and the counting bound on repeats.
@Suite("Golfer schedules and the repeat bound")
struct GolferTests {
    /// `groups` tables of exactly `size` over `rounds` sessions, repeats only (as the benchmark's).
    static func golfer(groups: Int, size: Int, rounds: Int) -> SeatingRequest {
        SeatingRequest(
            sessions: (1...rounds).map { "round\($0)" },
            tables: (1...groups).map { Table(id: "G\($0)", capacity: size, minSize: size) },
            attendees: (1...(groups * size)).map { Attendee(id: "p\($0)") },
            objective: Objective(size: 0, topics: 0, repeats: 1))
    }

    /// Repeated meetings (Σ over pairs of max(0, m − 1)) counted from rounds of group labels,
    /// independently of the library; also checks every round seats everyone in groups of `size`.
    static func repeats(_ rounds: [[Int]], size: Int) -> Int? {
        var met: [[Int]: Int] = [:]
        for labels in rounds {
            var members: [Int: [Int]] = [:]
            for (player, group) in labels.enumerated() { members[group, default: []].append(player) }
            guard members.values.allSatisfy({ $0.count == size }) else { return nil }
            for list in members.values {
                for a in list { for b in list where a < b { met[[a, b], default: 0] += 1 } }
            }
        }
        return met.values.reduce(0) { $0 + max(0, $1 - 1) }
    }

    /// The pairs of players (a·n + b, a < b, n players) that share a group in some round,
    /// counted independently of the library.
    static func pairsMet(_ rounds: [[Int]]) -> Set<Int> {
        var met = Set<Int>()
        for labels in rounds {
            for a in labels.indices { for b in labels.indices where a < b && labels[a] == labels[b] { met.insert(a * labels.count + b) } }
        }
        return met
    }

    /// Repeats of a plan counted from its assignments alone.
    static func repeats(_ plan: SeatingPlan) -> Int {
        var tables: [String: [String: [String]]] = [:]
        for entry in plan.assignments { tables[entry.session ?? "", default: [:]][entry.table, default: []].append(entry.attendee) }
        var met: [String: Int] = [:]
        for session in tables.values {
            for people in session.values {
                for a in people { for b in people where a < b { met["\(a) \(b)", default: 0] += 1 } }
            }
        }
        return met.values.reduce(0) { $0 + max(0, $1 - 1) }
    }

    static func instance(_ request: SeatingRequest) throws -> Instance {
        try request.makeInstance().get()
    }

    // MARK: Constructions

    @Test(arguments: [(32, 4, 9), (16, 4, 5), (9, 3, 4), (27, 3, 13), (81, 9, 10), (64, 8, 9)])
    func affineSpaceRoundsNeverRepeatAMeeting(players: Int, size: Int, rounds: Int) throws {
        let space = try #require(AffineSpaceSchedule(players: players, size: size))
        let built = space.schedule(rounds: rounds, seed: 1, deadline: Date().addingTimeInterval(30)) { false }
        #expect(built.rounds.count == rounds)
        #expect(built.overlap == 0)
        #expect(Self.repeats(built.rounds, size: size) == 0)
    }

    /// Why 8×4×10 cannot start from the 9-round construction: the pairs its rounds leave
    /// unmet (4 differences of GF(2)^5, 64 pairs) hold no 4 players who all have yet to
    /// meet, so no tenth round avoids a repeat. Checked by brute force over the unmet graph.
    @Test func nineCosetRoundsOfThirtyTwoPlayersLeaveNoTableForATenth() throws {
        let space = try #require(AffineSpaceSchedule(players: 32, size: 4))
        let built = space.schedule(rounds: 9, seed: 1, deadline: Date().addingTimeInterval(30)) { false }
        #expect(built.rounds.count == 9)
        #expect(Self.repeats(built.rounds, size: 4) == 0)
        var met = [[Bool]](repeating: [Bool](repeating: false, count: 32), count: 32)
        for labels in built.rounds {
            for a in 0..<32 { for b in 0..<32 where a != b && labels[a] == labels[b] { met[a][b] = true } }
        }
        let unmet = (0..<32).map { a in (0..<32).filter { $0 != a && !met[a][$0] } }
        #expect(unmet.allSatisfy { $0.count == 31 - 27 })
        var cliques = 0
        for a in 0..<32 {
            for b in unmet[a] where b > a {
                for c in unmet[a] where c > b && !met[b][c] {
                    for d in unmet[a] where d > c && !met[b][d] && !met[c][d] { cliques += 1 }
                }
            }
        }
        #expect(cliques == 0)
    }

    @Test func affineSpaceRoundsMeetEveryPairWhenThereAreMoreRoundsThanPairs() throws {
        // 15 rounds of 8 groups of 4: 720 meetings among 496 pairs, so at least 224 repeats.
        let space = try #require(AffineSpaceSchedule(players: 32, size: 4))
        let built = space.schedule(rounds: 15, seed: 1, deadline: Date().addingTimeInterval(30)) { false }
        #expect(Self.repeats(built.rounds, size: 4) == 224)
    }

    /// The fields behind the transversal schedules: every prime power up to 128 (and 243),
    /// checked against the field axioms; other orders have none.
    @Test(arguments: [2, 3, 4, 5, 7, 8, 9, 16, 25, 27, 32, 49, 64, 81, 121, 125, 128, 243])
    func finiteFieldsObeyTheAxioms(order: Int) throws {
        let field = try #require(FiniteField(order: order))
        var rng = SplitMix64(seed: UInt64(order))
        let elements = Array(0..<order)
        let triples = order <= 16
            ? elements.flatMap { a in elements.flatMap { b in elements.map { c in (a, b, c) } } }
            : (0..<3000).map { _ in (Int(rng.next() % UInt64(order)), Int(rng.next() % UInt64(order)), Int(rng.next() % UInt64(order))) }
        for (a, b, c) in triples {
            #expect(field.multiply(a, field.add(b, c)) == field.add(field.multiply(a, b), field.multiply(a, c)))
            #expect(field.multiply(field.multiply(a, b), c) == field.multiply(a, field.multiply(b, c)))
            #expect(field.add(field.add(a, b), c) == field.add(a, field.add(b, c)))
        }
        for a in 1..<order {
            #expect(field.multiply(a, 1) == a)
            #expect(elements.filter { field.multiply(a, $0) == 1 }.count == 1)  // one inverse
            #expect(elements.filter { field.add(a, $0) == 0 }.count == 1)  // one negative
            #expect(field.add(a, field.negate(a)) == 0)
        }
    }

    @Test func ordersThatAreNotPrimePowersHaveNoField() {
        for order in [1, 6, 10, 12, 15, 100] { #expect(FiniteField(order: order) == nil) }
    }

    /// Transversal designs: a round per field element (and the columns when groups and
    /// size are equal), or per multiplier modulo a composite number of groups, or in the
    /// product of the fields of its prime-power factors (12 = 4·3, 20 = 4·5, 21 = 3·7).
    @Test(arguments: [
        (8, 5, 8), (9, 5, 9), (11, 10, 11), (13, 7, 13), (4, 4, 5), (16, 12, 16), (10, 10, 3), (10, 4, 2), (12, 3, 2),
        (12, 12, 4), (20, 20, 5), (20, 9, 4), (21, 21, 4), (28, 28, 5),
    ])
    func transversalSchedulesNeverRepeatAMeeting(groups: Int, size: Int, rounds: Int) throws {
        let design = try #require(TransversalSchedule(groups: groups, size: size, rounds: rounds))
        let built = design.rounds(rounds)
        #expect(built.count == rounds)
        #expect(Self.repeats(built, size: size) == 0)
    }

    /// Two orthogonal Latin squares by search: rows, columns and the two squares' symbols
    /// give 10 × 10 × 4 (and 7 × 7 × 4), which no ring gives; none exist of order 6.
    @Test(arguments: [10, 7])
    func orthogonalSquaresNeverRepeatAMeeting(order: Int) throws {
        let squares = try #require(OrthogonalSquares(order: order, seed: 5, deadline: Date().addingTimeInterval(60), stop: { false }))
        for square in [squares.first, squares.second] {
            for k in 0..<order {
                #expect(Set(square[k]).count == order)  // rows
                #expect(Set(square.map { $0[k] }).count == order)  // columns
            }
        }
        let pairs = Set((0..<order).flatMap { r in (0..<order).map { [squares.first[r][$0], squares.second[r][$0]] } })
        #expect(pairs.count == order * order)  // orthogonal
        let built = squares.rounds()
        #expect(built.count == 4)
        #expect(Self.repeats(built, size: order) == 0)
        #expect(OrthogonalSquares(order: 6, seed: 1, deadline: Date().addingTimeInterval(1), stop: { false }) == nil)
    }

    /// Rounds of translates over an abelian group, by search: where no ring gives them (10 is
    /// no prime power; 12 × 5 × 12 only in Z₂ × Z₂ × Z₃), and a linear case (9 × 4 × 9).
    @Test(arguments: [(10, 6, 7), (10, 8, 5), (10, 6, 8), (10, 9, 4), (12, 5, 12), (14, 6, 10), (9, 4, 9)])
    func differenceSchedulesNeverRepeatAMeeting(groups: Int, size: Int, rounds: Int) throws {
        let shifted = try #require(
            DifferenceSchedule(groups: groups, size: size, rounds: rounds, seed: 3, deadline: Date().addingTimeInterval(60), stop: { false }))
        #expect(shifted.factors.reduce(1, *) == groups)
        let built = shifted.schedule()
        #expect(built.count == rounds)
        #expect(built.allSatisfy { $0.count == groups * size })
        #expect(Self.repeats(built, size: size) == 0)
    }

    /// None exists for 6 × 6 × 3 (Z₆ has no orthomorphism, so the search proves it has no
    /// matrix) nor for more rounds than groups; the transversal design gives 6 × 6 × 3.
    @Test func differenceSchedulesNeedRoundsThatTheGroupCanSeparate() {
        #expect(DifferenceSchedule(groups: 6, size: 6, rounds: 3, seed: 1, deadline: Date().addingTimeInterval(60), stop: { false }) == nil)
        #expect(DifferenceSchedule(groups: 5, size: 3, rounds: 6, seed: 1, deadline: Date().addingTimeInterval(60), stop: { false }) == nil)
        #expect(DifferenceSchedule(groups: 10, size: 6, rounds: 7, seed: 1, deadline: Date().addingTimeInterval(60), stop: { true }) == nil)
    }

    @Test func abelianGroupsOfAnOrderAreEveryProductOfCyclicPrimePowers() {
        #expect(DifferenceSchedule.abelianGroups(order: 12) == [[2, 2, 3], [4, 3]])
        #expect(DifferenceSchedule.abelianGroups(order: 10) == [[2, 5]])
        #expect(DifferenceSchedule.abelianGroups(order: 7) == [[7]])
        let sixteen = DifferenceSchedule.abelianGroups(order: 16)
        #expect(Set(sixteen) == [[2, 2, 2, 2], [4, 2, 2], [4, 4], [8, 2], [16]])
        #expect(DifferenceSchedule.abelianGroups(order: 72).count == 6)  // 3 ways for 2³, 2 for 3²
        for factors in [[2, 2, 3], [4, 3], [3, 3], [2, 5]] {
            let g = factors.reduce(1, *)
            let difference = DifferenceSchedule.differences(factors)
            for a in 0..<g {
                #expect(difference[a * g + a] == 0)
                #expect(Set((0..<g).map { difference[a * g + $0] }).count == g)  // b ↦ a − b is one-to-one
                for b in 0..<g {
                    for c in 0..<g {
                        // (a − c) − (b − c) = a − b: differences do not depend on where they start.
                        #expect(difference[difference[a * g + c] * g + difference[b * g + c]] == difference[a * g + b])
                    }
                }
            }
        }
    }

    /// 3q + 1 players in groups of 4, q ≡ 1 (mod 4) a prime power, over q rounds (the most
    /// any schedule can have: each player meets 3 a round, 3q others in all) and fewer:
    /// GF(9), GF(13), GF(25), GF(29), GF(37), GF(49), and GF(5), the affine plane of order 4.
    /// And 4q players, q ≡ 1 (mod 12), over q + (q − 1)/3 rounds (GF(25), GF(49), GF(61)) and
    /// fewer (some of the rounds the shift fixes, or none); 3q players in groups of 3,
    /// q ≡ 1 (mod 6), over (3q − 1)/2 rounds (Kirkman triple systems) and fewer; and 2q + 1
    /// players in groups of 3, q ≡ 1 (mod 6), over q rounds (GF(43), GF(61), GF(25), GF(49),
    /// GF(7), GF(13)) and fewer.
    @Test(arguments: [
        (7, 4, 9), (10, 4, 13), (19, 4, 25), (22, 4, 29), (28, 4, 37), (37, 4, 49), (4, 4, 5), (19, 4, 7), (31, 4, 2),
        (25, 4, 33), (49, 4, 65), (61, 4, 81), (25, 4, 30), (25, 4, 20),
        (7, 3, 10), (13, 3, 19), (31, 3, 46), (25, 3, 37), (49, 3, 73), (31, 3, 40), (31, 3, 20),
        (29, 3, 43), (41, 3, 61), (17, 3, 25), (33, 3, 49), (5, 3, 7), (9, 3, 13), (29, 3, 12),
    ])
    func rotationalSchedulesNeverRepeatAMeeting(groups: Int, size: Int, rounds: Int) throws {
        let design = try #require(RotationalSchedule(groups: groups, size: size, rounds: rounds))
        let built = design.schedule()
        #expect(built.count == rounds)
        #expect(built.allSatisfy { $0.count == groups * size })
        #expect(Self.repeats(built, size: size) == 0)
        // At the most rounds every pair of players meets exactly once.
        if rounds == (groups * size - 1) / (size - 1) {
            #expect(Self.pairsMet(built).count == groups * size * (groups * size - 1) / 2)
        }
    }

    @Test func rotationalSchedulesNeedTheirShapesPlayerCounts() throws {
        #expect(RotationalSchedule(groups: 25, size: 4, rounds: 34) == nil)  // 100 players meet 99 others, 3 a round
        #expect(RotationalSchedule(groups: 16, size: 4, rounds: 21) == nil)  // 21 is no prime power, 16 ≢ 1 (mod 12)
        // Four levels over GF(13) and GF(37) have no offsets; 52 and 148 players are 3q + 1 as well.
        #expect(RotationalSchedule.offsets(try #require(FiniteField(order: 13))) == nil)
        #expect(RotationalSchedule.offsets(try #require(FiniteField(order: 37))) == nil)
        #expect(RotationalSchedule.offsets(try #require(FiniteField(order: 25))) != nil)
        #expect(RotationalSchedule(groups: 10, size: 4, rounds: 14) == nil)  // more rounds than GF(13) has elements
        #expect(RotationalSchedule(groups: 11, size: 4, rounds: 5) == nil)  // 44 players: 43 is not 3q + 1
        #expect(RotationalSchedule(groups: 29, size: 3, rounds: 44) == nil)  // 87 = 2·43 + 1: 43 rounds at most
        #expect(RotationalSchedule(groups: 23, size: 3, rounds: 34) == nil)  // 69 = 3·23 = 2·34 + 1, neither 1 (mod 6)
        #expect(RotationalSchedule(groups: 15, size: 3, rounds: 22) == nil)  // 45 = 3·15 = 2·22 + 1
        #expect(RotationalSchedule(groups: 12, size: 3, rounds: 5) == nil)  // 36 players: even
        #expect(RotationalSchedule(groups: 31, size: 3, rounds: 47) == nil)  // 93 players meet 92 others, 2 a round
        #expect(RotationalSchedule(groups: 9, size: 3, rounds: 13)?.shape == .infinityTriples)  // 27 = 2·13 + 1, not 3q with q ≡ 1 (mod 6)
        #expect(RotationalSchedule(groups: 7, size: 5, rounds: 4) == nil)  // groups of 5
        #expect(RotationalSchedule(groups: 25, size: 4, rounds: 0) == nil)
    }

    @Test func transversalSchedulesStopAtTheirLastRound() {
        #expect(TransversalSchedule(groups: 8, size: 5, rounds: 9) == nil)  // 8 field elements, 5 < 8
        #expect(TransversalSchedule(groups: 7, size: 7, rounds: 8) != nil)  // the affine plane
        #expect(TransversalSchedule(groups: 10, size: 9, rounds: 3) == nil)  // 2 multipliers modulo 10
        #expect(TransversalSchedule(groups: 12, size: 12, rounds: 5) == nil)  // 3 multipliers in GF(4) × GF(3), and the columns
        #expect(TransversalSchedule(groups: 4, size: 5, rounds: 2) == nil)  // more per group than groups
    }

    /// In a product of fields the columns are labelled j in every component, so 36 = 4·9,
    /// 48 = 16·3 and 12 = 4·3 cross three columns in as many rounds as groups (with j itself
    /// only 4 or 3 rounds did); 10 cannot (a field of 2).
    @Test(arguments: [(36, true), (48, true), (12, true), (20, true), (10, false), (18, false)])
    func transversalSchedulesCrossThreeColumnsInEveryRoundOfAProductOfFields(groups: Int, crosses: Bool) throws {
        let design = TransversalSchedule(groups: groups, size: 3, rounds: groups)
        #expect((design?.crossesEveryPair ?? false) == crosses)
        guard crosses, let design else { return }
        let built = design.rounds(groups)
        #expect(built.count == groups)
        #expect(Self.repeats(built, size: 3) == 0)
        // Every pair of players in different columns (player j·g + i) meets exactly once.
        let met = Self.pairsMet(built)
        #expect(met.count == 3 * groups * groups)
        #expect(met.allSatisfy { ($0 / (3 * groups)) / groups != ($0 % (3 * groups)) / groups })
    }

    /// The OA(4, 10) and OA(4, 18) from quasi-difference matrices, those of fields, and
    /// products (30 = 3·10, 12 = 3·4); counted here, not by the type's own check.
    @Test(arguments: [18, 10, 30, 12, 4, 5, 9])
    func orthogonalArraysHoldEveryPairOfSymbolsOnce(order: Int) throws {
        let array = try #require(OrthogonalArray.four(order: order))
        #expect(array.order == order)
        #expect(array.rows.count == order * order)
        for a in 0..<4 {
            for b in (a + 1)..<4 {
                var seen = Set<[Int]>()
                for row in array.rows where (0..<order).contains(row[a]) && (0..<order).contains(row[b]) { seen.insert([row[a], row[b]]) }
                #expect(seen.count == order * order, "positions \(a), \(b)")
            }
        }
        #expect(array.isOrthogonal)
        var broken = array.rows
        broken[0][2] = (broken[0][2] + 1) % order
        #expect(!OrthogonalArray(order: order, rows: broken).isOrthogonal)
        // As rounds: everyone seated once a round, every two players of different columns once.
        let rounds = array.crossingRounds()
        #expect(rounds.count == order)
        #expect(Self.repeats(rounds, size: 3) == 0)
        #expect(Self.pairsMet(rounds).count == 3 * order * order)
    }

    @Test func orthogonalArraysOfFourAreMissingWhereNoConstructionHere() {
        #expect(OrthogonalArray.four(order: 2) == nil)
        #expect(OrthogonalArray.four(order: 6) == nil)  // Euler's officers: none exists
        #expect(OrthogonalArray.four(order: 14) == nil)  // exists, but not from fields, 10, 18 or products
        #expect(OrthogonalArray.fields(order: 4, factors: 6) == nil)  // at most q + 1 positions
        #expect(OrthogonalArray.fields(order: 10, factors: 4) == nil)
    }

    /// Columns crossed in g rounds and a schedule of g players in every column: the tripled
    /// Kirkman systems of 3·39 and 3·45 players (45 itself tripled from 15), nearly Kirkman
    /// systems of 3·18 and 3·30 (crossed by orthogonal arrays), 3·36 and 3·48, 4·52
    /// players in groups of 4 (13 × 4 × 17 in each column), and fewer rounds than the most.
    @Test(arguments: [(39, 3, 58), (45, 3, 67), (36, 3, 53), (48, 3, 71), (52, 4, 69), (20, 4, 25), (39, 3, 45), (15, 3, 22), (18, 3, 26), (18, 3, 12), (30, 3, 44)])
    func columnSchedulesNeverRepeatAMeeting(groups: Int, size: Int, rounds: Int) throws {
        let instance = try Self.instance(Self.golfer(groups: groups, size: size, rounds: rounds))
        let golfer = try #require(GolferSchedule(instance, bound: RepeatBound(instance)))
        let built = try #require(golfer.columns(rounds, seed: 3, deadline: Date().addingTimeInterval(120)) { false })
        #expect(built.count == rounds)
        #expect(built.allSatisfy { $0.count == groups * size })
        #expect(Self.repeats(built, size: size) == 0)
        // No repeat, so as many pairs as meetings: at the most rounds, every pair (Kirkman)
        // or all but one partner each (nearly Kirkman).
        #expect(Self.pairsMet(built).count == rounds * groups * size * (size - 1) / 2)
    }

    @Test func columnSchedulesNeedColumnsThatCanBeSeated() throws {
        func columns(_ groups: Int, _ size: Int, _ rounds: Int) throws -> [[Int]]? {
            let instance = try Self.instance(Self.golfer(groups: groups, size: size, rounds: rounds))
            let golfer = try #require(GolferSchedule(instance, bound: RepeatBound(instance)))
            return golfer.columns(rounds, seed: 1, deadline: Date().addingTimeInterval(30)) { false }
        }
        #expect(try columns(12, 3, 17) == nil)  // no nearly Kirkman system of 12 for the columns
        #expect(try columns(23, 3, 34) == nil)  // 23 groups are no columns of 3
        #expect(try columns(39, 3, 59) == nil)  // 20 rounds for 39 players meeting 2 a round
        #expect(try columns(42, 3, 62) == nil)  // no OA(4, 42) here (42 = 2·21 = 3·14 = 6·7)
    }

    /// Two small schedules of v points, signed by a GF(2) system, give 2v players the most
    /// rounds possible: 8 × 4 × 10 (the original problem) and 6 × 3 × 8, and fewer rounds too.
    @Test(arguments: [(8, 4, 10), (6, 3, 8), (8, 4, 7), (6, 3, 3), (32, 4, 42)])
    func doubledSchedulesNeverRepeatAMeeting(groups: Int, size: Int, rounds: Int) throws {
        let doubled = try #require(DoubledSchedule(players: groups * size, size: size, rounds: rounds))
        let built = try #require(doubled.schedule(rounds: rounds, seed: 7, deadline: Date().addingTimeInterval(120)) { false })
        #expect(built.count == rounds)
        #expect(built.allSatisfy { $0.count == groups * size })
        #expect(Self.repeats(built, size: size) == 0)
        // Each pair's two members never meet; everyone else meets once when rounds are at most.
        if 2 * (groups * size / 2 - 1) == rounds * (size - 1) {
            for labels in built { #expect((0..<(groups * size / 2)).allSatisfy { labels[2 * $0] != labels[2 * $0 + 1] }) }
        }
    }

    /// Where repeats are forced, regrouping one round against the others finds the fewest:
    /// 8 × 4 × 10 without a repeat (each player misses one other) and an 11th round that
    /// copies the first (48 repeats); the 11th can hold the 16 pairs that have not met two to
    /// a group, 32 repeats, the bound.
    @Test func polishingRoundsRegroupsTheRoundThatRepeats() throws {
        let doubled = try #require(DoubledSchedule(players: 32, size: 4, rounds: 10))
        let ten = try #require(doubled.schedule(rounds: 10, seed: 7, deadline: Date().addingTimeInterval(120)) { false })
        var search = GolferSearch(groups: 8, size: 4, rounds: 11, seed: 3, start: ten + [ten[0]])
        #expect(search.bestCost == 48)
        search.polishRounds(target: 32, deadline: Date().addingTimeInterval(60)) { false }
        #expect(search.bestCost == 32)
        #expect(Self.repeats(search.best, size: 4) == 32)
        #expect(Array(search.best.prefix(10)) == ten)  // only the round that repeated changed
    }

    @Test func doublingNeedsAnAffineSpaceOfHalfThePlayersAndNoMoreRoundsThanPairsAllow() {
        #expect(DoubledSchedule(players: 32, size: 4, rounds: 11) == nil)  // 33 meetings per player > 31
        #expect(DoubledSchedule(players: 30, size: 3, rounds: 5) == nil)  // 15 is no prime power
        #expect(DoubledSchedule(players: 33, size: 3, rounds: 5) == nil)  // odd
    }

    /// The GF(2) system: two rounds that both hold points 0, 1, 2 together ask for three
    /// pairs each straight once and crossed once, which no signs give; a fourth point in
    /// one round only leaves it solvable.
    @Test func signsFailExactlyWhenThreePointsShareAGroupTwice() throws {
        #expect(DoubledSchedule.signs([[[0, 1, 2]], [[0, 1, 2]]], points: 3) == nil)
        let rounds = [[[0, 1, 2], [3, 4, 5]], [[0, 1, 3], [2, 4, 5]]]
        let signs = try #require(DoubledSchedule.signs(rounds, points: 6))
        let lifted = DoubledSchedule.lift(rounds, signs: signs, points: 6)
        #expect(Self.repeats(lifted, size: 3) == 0)
    }

    @Test func sizesThatAreNotPowersOfOnePrimeHaveNoAffineSpace() {
        #expect(AffineSpaceSchedule(players: 36, size: 4) == nil)
        #expect(AffineSpaceSchedule(players: 27, size: 27) == nil)
        #expect(AffineSpaceSchedule(players: 32, size: 3) == nil)
    }

    /// The first schedule `build` makes from the shapes in turn, seeds 1, 2, …, within 120 s.
    static func firstSchedule(_ shapes: [GolferOrbits], build: (GolferOrbits, UInt64) -> [[Int]]?) -> [[Int]]? {
        var seed: UInt64 = 0
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            for shape in shapes {
                seed += 1
                if let schedule = build(shape, seed) { return schedule }
            }
        }
        return nil
    }

    @Test(arguments: [(9, 4, 11, true), (10, 4, 11, true), (5, 3, 7, false), (9, 4, 10, false)])
    func symmetricBaseRoundsExpandToSchedulesWithoutRepeats(groups: Int, size: Int, rounds: Int, symmetric: Bool) throws {
        let shapes = GolferOrbits.shapes(groups: groups, size: size, rounds: rounds).filter { $0.fixedRounds == 0 }
        #expect(!shapes.isEmpty)
        let found = Self.firstSchedule(shapes) { shape, seed in
            shape.baseRound(symmetric: symmetric, seed: seed, nodeLimit: 20_000).map { shape.expand([$0], count: rounds) }
        }
        let schedule = try #require(found)
        #expect(schedule.count == rounds)
        #expect(Self.repeats(schedule, size: size) == 0)
    }

    /// Kirkman triple systems of order 3q (q odd): one base round shifted q times and
    /// (q − 1)/2 rounds the shift fixes, as Ray-Chaudhuri and Wilson's construction has it.
    @Test(arguments: [(7, 3, 10), (11, 3, 16), (7, 4, 9)])
    func shiftedAndFixedRoundsGiveSchedulesWithoutRepeats(groups: Int, size: Int, rounds: Int) throws {
        let shapes = GolferOrbits.shapes(groups: groups, size: size, rounds: rounds).filter { $0.fixedRounds > 0 }
        #expect(!shapes.isEmpty)
        #expect(shapes.allSatisfy { $0.shift + $0.fixedRounds == rounds })
        let found = Self.firstSchedule(shapes) { shape, seed in
            shape.schedule(symmetric: seed % 2 == 0, seed: seed, nodeLimit: 20_000, count: rounds)
        }
        let schedule = try #require(found)
        #expect(schedule.count == rounds)
        #expect(Self.repeats(schedule, size: size) == 0)
    }

    /// The cost of base round `label` counted afresh: per orbit of pairs, its uses beyond
    /// one, and every use of an orbit the shape rules out.
    static func conflicts(_ label: [Int], _ shape: GolferOrbits) -> Int {
        let n = shape.players
        var uses = [Int](repeating: 0, count: shape.preset.count)
        for p in 0..<n {
            for q in (p + 1)..<n where label[p] == label[q] { uses[shape.pairClass[p * n + q]] += 1 }
        }
        return uses.indices.reduce(0) { $0 + max(0, uses[$1] - (shape.preset[$1] > 0 ? 0 : 1)) }
    }

    /// 14 × 4 × 16's base round must use 84 of its shape's 93 orbits once each (8 fixed
    /// players, 3 cycles of 16): annealing finds one, where the depth-first search's
    /// attempts do not in seconds.
    @Test(arguments: [(14, 4, 16), (10, 4, 10)])
    func annealedBaseRoundsExpandToSchedulesWithoutRepeats(groups: Int, size: Int, rounds: Int) throws {
        let shapes = GolferOrbits.shapes(groups: groups, size: size, rounds: rounds).filter { $0.fixedRounds == 0 && $0.shift == rounds }
        #expect(!shapes.isEmpty)
        var found: [[Int]]?
        let deadline = Date().addingTimeInterval(120)
        var seed: UInt64 = 0
        while found == nil && Date() < deadline {
            for shape in shapes where found == nil {
                seed += 1
                var annealer = try #require(shape.annealer(seed: seed))
                annealer.run(until: min(deadline, Date().addingTimeInterval(10))) { false }
                #expect(annealer.bestCost == Self.conflicts(annealer.best, shape))
                if annealer.bestCost == 0 { found = annealer.schedule(count: rounds) }
            }
        }
        let schedule = try #require(found)
        #expect(schedule.count == rounds)
        #expect(Self.repeats(schedule, size: size) == 0)
    }

    /// Where annealing stops short, the cost it keeps is the round's, and the schedule
    /// repeats exactly when the cost is positive, at most a shift's worth of meetings per unit.
    @Test(arguments: [(11, 4, 14), (6, 5, 7), (7, 3, 10)])
    func aNearMissKeepsItsCostAndBoundsItsRepeats(groups: Int, size: Int, rounds: Int) throws {
        let shapes = GolferOrbits.shapes(groups: groups, size: size, rounds: rounds)
        #expect(!shapes.isEmpty)
        for (k, shape) in shapes.enumerated() {
            guard var annealer = shape.annealer(seed: UInt64(k + 1)) else { continue }
            annealer.run(until: Date().addingTimeInterval(0.2)) { false }
            if shape.fixedRounds == 0 { #expect(annealer.bestCost == Self.conflicts(annealer.best, shape)) }
            let schedule = annealer.schedule(count: rounds)
            #expect(schedule.count == rounds)
            let repeats = try #require(Self.repeats(schedule, size: size))  // nil: a group not of `size`
            #expect((repeats == 0) == (annealer.bestCost == 0))
            #expect(repeats <= annealer.bestCost * shape.shift)
        }
    }

    /// Kirkman triple systems of 2h + 3 players around a coset round, h ≡ 3 (mod 12): 33
    /// players (h = 15) and 105 (h = 51), every pair met exactly once, the fixed players
    /// together in the last round and each cycle cut into cosets of h/3.
    @Test(arguments: [(11, 15), (35, 51)])
    func cosetRoundsGiveKirkmanTripleSystems(groups: Int, h: Int) throws {
        let shape = try #require(GolferOrbits(groups: groups, size: 3, cosetShift: h))
        #expect(shape.cycles == 2 && shape.fixed == 3 && shape.fixedRounds == 1 && shape.cosetRound)
        let n = groups * 3
        let built = try #require(shape.search(rounds: h + 1, seed: 1, deadline: Date().addingTimeInterval(120)) { false })
        #expect(built.count == h + 1)
        #expect(Self.repeats(built, size: 3) == 0)
        #expect(Self.pairsMet(built).count == n * (n - 1) / 2)
        let last = try #require(built.last)
        #expect(Set(last[(2 * h)...]).count == 1)
        for p in 0..<(2 * h) { #expect(last[p] == last[p / h * h + (p % h + h / 3) % h]) }
    }

    /// Every stored nearly Kirkman base round, expanded: (n − 2)/2 rounds of n = 2m + 2
    /// players in groups of 3, no pair twice, and the pairs that never meet a perfect
    /// matching (each player misses exactly one other), counted independently.
    @Test(arguments: StoredSchedule.nearlyKirkman.keys.sorted())
    func storedNearlyKirkmanSystemsMissOnlyAMatching(m: Int) throws {
        let n = 2 * m + 2
        let design = try #require(StoredSchedule(groups: n / 3, size: 3, rounds: m))
        let built = design.schedule()
        #expect(built.count == m)
        #expect(Self.repeats(built, size: 3) == 0)
        let met = Self.pairsMet(built)
        #expect(met.count == n * (n - 1) / 2 - n / 2)
        for a in 0..<n {
            let missed = (0..<n).filter { b in b != a && !met.contains(min(a, b) * n + max(a, b)) }
            #expect(missed.count == 1, "player \(a) misses \(missed)")
        }
    }

    /// Every stored Kirkman base round around a coset round: (n − 1)/2 rounds, every pair
    /// met exactly once, the fixed players together in the last round.
    @Test(arguments: StoredSchedule.kirkman.keys.sorted())
    func storedKirkmanSystemsMeetEveryPairOnce(h: Int) throws {
        let n = 2 * h + 3
        let design = try #require(StoredSchedule(groups: n / 3, size: 3, rounds: h + 1))
        let built = design.schedule()
        #expect(built.count == h + 1)
        #expect(Self.repeats(built, size: 3) == 0)
        #expect(Self.pairsMet(built).count == n * (n - 1) / 2)
        let last = try #require(built.last)
        #expect(Set(last[(2 * h)...]).count == 1)
    }

    /// Every stored covering: n/2 rounds of n = 2h players, every pair met, and exactly h
    /// repeats, the fewest there can be (each player meets n − 1 others in n − 1 + 1 meetings).
    @Test(arguments: StoredSchedule.coverings.keys.sorted())
    func storedCoveringsMeetEveryPairWithTheFewestRepeats(h: Int) throws {
        let n = 2 * h
        let design = try #require(StoredSchedule(groups: n / 3, size: 3, rounds: h))
        let built = design.schedule()
        #expect(built.count == h)
        #expect(Self.repeats(built, size: 3) == h)
        #expect(Self.pairsMet(built).count == n * (n - 1) / 2)
    }

    /// Every stored whole schedule, and every design kept as base groups (expanded): all its
    /// rounds, groups of its size, no pair meeting twice (counted independently), so as many
    /// pairs met as meetings; 65 and 85 players in groups of 5, 172 and 316 in groups of 4 meet
    /// every pair (2,080, 3,570, 14,706 and 49,770 pairs). Fewer rounds are its first ones, and
    /// one more is not stored.
    @Test(arguments: (Array(StoredSchedule.schedules.keys) + Array(StoredSchedule.multiplied.keys) + Array(StoredSchedule.packings.keys)).sorted())
    func storedWholeSchedulesNeverRepeatAMeeting(n: Int) throws {
        let stored = try #require(StoredSchedule.design(players: n))
        let (size, most) = (stored.size, stored.rounds.count)
        let design = try #require(StoredSchedule(groups: n / size, size: size, rounds: most))
        #expect(design.kind == .whole)
        let built = design.schedule()
        #expect(built.count == most)
        for round in built {
            #expect(round.count == n)
            #expect(Dictionary(grouping: round, by: { $0 }).values.allSatisfy { $0.count == size })
        }
        #expect(Self.repeats(built, size: size) == 0)
        #expect(Self.pairsMet(built).count == most * n * (size - 1) / 2)
        if n == 65 || StoredSchedule.multiplied[n] != nil || StoredSchedule.packings[n] != nil {
            #expect(Self.pairsMet(built).count == n * (n - 1) / 2)
        }
        #expect(StoredSchedule(groups: n / size, size: size, rounds: 3)?.schedule() == Array(built.prefix(3)))
        #expect(StoredSchedule(groups: n / size, size: size, rounds: most + 1) == nil)
    }

    /// 325 players in groups of 5 over 81 rounds, every pair once: too large for the search
    /// (a tabu entry per round and pair), so only constructions are tried: 65 columns of 5
    /// crossed in 65 rounds (four orthogonal Latin squares of order 65 = 5 · 13), then the
    /// stored resolution of 65 in every column.
    @Test func columnsOfAStoredResolutionSeatThreeHundredTwentyFive() throws {
        let instance = try Self.instance(Self.golfer(groups: 65, size: 5, rounds: 81))
        let golfer = try #require(GolferSchedule(instance, bound: RepeatBound(instance)))
        #expect(!golfer.searchable)
        let seat = golfer.seating(seed: 1, deadline: Date().addingTimeInterval(120)) { false }
        #expect(seat.count == 81)
        let report = instance.score(seat)
        #expect(instance.violations(seat).isEmpty)
        #expect(report.repeats == 0)
        #expect(Self.pairsMet(seat).count == 325 * 324 / 2)
    }

    /// Past a design in which every pair meets, too large to search: its rounds, then its
    /// first ones again, whose meetings all repeat, so the bound. One round past the stored
    /// design of 316 players (79 × 4 × 105): 79 · 6 = 474; four past the 81 rounds of 325
    /// players in columns: 4 · 65 · 10 = 2,600.
    @Test(arguments: [(79, 4, 106, 474), (65, 5, 85, 2600)])
    func pastADesignTooLargeToSearchItsFirstRoundsComeAgain(groups: Int, size: Int, rounds: Int, fewest: Int) throws {
        let instance = try Self.instance(Self.golfer(groups: groups, size: size, rounds: rounds))
        let bound = RepeatBound(instance)
        let golfer = try #require(GolferSchedule(instance, bound: bound))
        #expect(!golfer.searchable)
        let seat = golfer.seating(seed: 1, deadline: Date().addingTimeInterval(120)) { false }
        #expect(seat.count == rounds)
        #expect(instance.violations(seat).isEmpty)
        #expect(instance.score(seat).repeats == Double(fewest))
        #expect(bound.value == Double(fewest))
        let n = groups * size
        #expect(Self.pairsMet(seat).count == n * (n - 1) / 2)
    }

    /// The orders the stored rounds promise (every nearly Kirkman order from 24 to 204
    /// players, Kirkman systems of 69, 141, 165, 177, coverings of 18 to 186 but where
    /// h = n/2 ≡ 2 mod 4), and none where there is no stored round or too many rounds are asked.
    @Test func storedSchedulesCoverTheirOrdersAndNoOthers() {
        for n in stride(from: 24, through: 204, by: 6) {
            #expect(StoredSchedule(groups: n / 3, size: 3, rounds: (n - 2) / 2) != nil, "\(n) players")
        }
        for h in stride(from: 9, through: 93, by: 3) where h % 4 != 2 {
            #expect(StoredSchedule(groups: 2 * h / 3, size: 3, rounds: h)?.kind == .covering, "\(2 * h) players")
        }
        for n in [69, 141, 165, 177] {
            #expect(StoredSchedule(groups: n / 3, size: 3, rounds: (n - 1) / 2)?.kind == .kirkman, "\(n) players")
        }
        #expect(StoredSchedule(groups: 26, size: 3, rounds: 20)?.schedule().count == 20)  // the first 20 rounds
        #expect(StoredSchedule(groups: 26, size: 3, rounds: 39)?.kind == .covering)  // 78 players, one round past 38
        #expect(StoredSchedule(groups: 26, size: 3, rounds: 40) == nil)  // 78 players: two rounds past
        #expect(StoredSchedule(groups: 12, size: 3, rounds: 18) == nil)  // 36 players: no covering stored (h = 18)
        #expect(StoredSchedule(groups: 6, size: 3, rounds: 8) == nil)  // 18 players: none of this shape
        #expect(StoredSchedule(groups: 4, size: 3, rounds: 5) == nil)  // 12 players: none exists
        #expect(StoredSchedule(groups: 20, size: 4, rounds: 20) == nil)  // groups of 4
        #expect(StoredSchedule(groups: 25, size: 3, rounds: 10) == nil)  // 75 players: no round stored
        #expect(StoredSchedule(groups: 26, size: 3, rounds: 0) == nil)
        #expect(StoredSchedule(groups: 13, size: 5, rounds: 16)?.kind == .whole)  // 65 players
        #expect(StoredSchedule(groups: 14, size: 4, rounds: 17)?.kind == .whole)  // 56 players
        #expect(StoredSchedule(groups: 17, size: 5, rounds: 21)?.kind == .whole)  // 85 players, PG(3, 4)
        #expect(StoredSchedule(groups: 17, size: 5, rounds: 22) == nil)
        #expect(StoredSchedule(groups: 5, size: 13, rounds: 5) == nil)  // 65 players, groups of 13
    }

    @Test func cosetShapesNeedTheirPlayerCounts() {
        #expect(GolferOrbits(groups: 7, size: 3, cosetShift: 9) != nil)  // 21 = 2·9 + 3
        #expect(GolferOrbits(groups: 34, size: 4, cosetShift: 44) != nil)  // 136 = 3·44 + 4
        #expect(GolferOrbits(groups: 13, size: 5, cosetShift: 15) != nil)  // 65 = 4·15 + 5
        #expect(GolferOrbits(groups: 5, size: 3, cosetShift: 6) == nil)  // h even, groups of 3
        #expect(GolferOrbits(groups: 9, size: 5, cosetShift: 10) == nil)  // h even, groups of 5
        #expect(GolferOrbits(groups: 11, size: 3, cosetShift: 14) == nil)  // 33 ≠ 2·14 + 3
        #expect(GolferOrbits(groups: 4, size: 4, cosetShift: 4) != nil)  // 16 = 3·4 + 4
        #expect(GolferOrbits(groups: 4, size: 2, cosetShift: 4) == nil)  // pairs: no cosets to cut
        // h = 9 ≢ 3 (mod 12): no round symmetric under σ, so the search does not start.
        let nine = GolferOrbits(groups: 7, size: 3, cosetShift: 9)
        #expect(nine?.search(rounds: 10, seed: 1, deadline: Date().addingTimeInterval(60)) { false } == nil)
    }

    @Test func fixedRoundsNeedTheGroupSizeToDivideTheCycles() {
        #expect(GolferOrbits(groups: 7, size: 3, shift: 7, fixedRounds: 3) != nil)
        #expect(GolferOrbits(groups: 7, size: 3, shift: 3, fixedRounds: 3) == nil)  // t < h
        #expect(GolferOrbits(groups: 6, size: 4, shift: 8, fixedRounds: 1) == nil)  // 3 cycles, groups of 4
        #expect(GolferOrbits(groups: 8, size: 4, shift: 7, fixedRounds: 3) == nil)  // 7 does not divide 32
        // Two or three rounds leave no room for fixed rounds (and must not trap).
        for rounds in [2, 3] {
            #expect(GolferOrbits.shapes(groups: 4, size: 3, rounds: rounds).allSatisfy { $0.fixedRounds == 0 })
        }
    }

    // MARK: Search

    @Test(arguments: [(5, 3, 7), (8, 4, 9)])
    func searchAloneReachesNoRepeats(groups: Int, size: Int, rounds: Int) throws {
        let instance = try Self.instance(Self.golfer(groups: groups, size: size, rounds: rounds))
        let golfer = try #require(GolferSchedule(instance, bound: RepeatBound(instance)))
        #expect(golfer.target == 0)
        let rounds = golfer.searched(from: nil, seed: 1, deadline: Date().addingTimeInterval(300)) { false }
        #expect(Self.repeats(rounds, size: size) == 0)
    }

    @Test func tabuSearchSolvesKirkmansSchoolgirls() {
        var search = GolferSearch(groups: 5, size: 3, rounds: 7, seed: 3)
        search.run(target: 0, deadline: Date().addingTimeInterval(300)) { false }
        #expect(search.bestCost == 0)
        #expect(Self.repeats(search.best, size: 3) == 0)
    }

    /// The pair-by-pair greedy start seats everyone once per round in groups of exactly
    /// `size`, and the cost the search keeps incrementally is the one counted afresh.
    /// So does the quick start (one player at a time) that replaces it past `greedyUntil`.
    @Test(arguments: [(9, 5, 8), (5, 3, 7), (10, 6, 7), (7, 3, 10)])
    func greedyStartSeatsEveryoneInFullGroups(groups: Int, size: Int, rounds: Int) {
        let search = GolferSearch(groups: groups, size: size, rounds: rounds, seed: 7)
        #expect(search.best.count == rounds)
        #expect(search.best.allSatisfy { $0.count == groups * size && $0.allSatisfy { (0..<groups).contains($0) } })
        #expect(Self.repeats(search.best, size: size) == search.bestCost)
        let quick = GolferSearch(groups: groups, size: size, rounds: rounds, seed: 7, greedyUntil: .distantPast)
        #expect(quick.best.count == rounds)
        #expect(quick.best.allSatisfy { $0.count == groups * size && $0.allSatisfy { (0..<groups).contains($0) } })
        #expect(Self.repeats(quick.best, size: size) == quick.bestCost)
    }

    /// Over a larger schedule the quick start repeats less than players in random order
    /// (each round a shuffle cut into groups), counted here.
    @Test func quickStartRepeatsLessThanRandomRounds() throws {
        let (groups, size, rounds) = (20, 5, 12)
        let quick = GolferSearch(groups: groups, size: size, rounds: rounds, seed: 3, greedyUntil: .distantPast)
        var rng = SplitMix64(seed: 3)
        let random = (0..<rounds).map { _ -> [Int] in
            var order = Array(0..<(groups * size))
            order.shuffle(using: &rng)
            var labels = [Int](repeating: 0, count: groups * size)
            for (position, player) in order.enumerated() { labels[player] = position / size }
            return labels
        }
        let randomRepeats = try #require(Self.repeats(random, size: size))
        let quickRepeats = try #require(Self.repeats(quick.best, size: size))
        #expect(quickRepeats < randomRepeats)
    }

    /// A start of fewer rounds is kept as the first rounds, the rest filled greedily: 9
    /// rounds of translates of 10 × 5 and a tenth (from which the planner finds 10 × 5 × 10).
    @Test func tabuSearchKeepsTheFirstRoundsItIsGiven() throws {
        let shifted = try #require(
            DifferenceSchedule(groups: 10, size: 5, rounds: 9, seed: 1, deadline: Date().addingTimeInterval(60), stop: { false }))
        let first = shifted.schedule()
        var search = GolferSearch(groups: 10, size: 5, rounds: 10, seed: 4, start: first)
        #expect(Array(search.best.prefix(9)) == first)
        #expect(search.best.count == 10)
        #expect(Self.repeats(search.best, size: 5) == search.bestCost)
        #expect(Self.repeats(first, size: 5) == 0)
        search.run(target: 0, deadline: Date().addingTimeInterval(0.5)) { false }
        #expect(Self.repeats(search.best, size: 5) == search.bestCost)
        // A start of the wrong shape (groups of 4 in a 10 × 5 schedule) is ignored.
        let wrong = GolferSearch(groups: 10, size: 5, rounds: 3, seed: 4, start: [Array(0..<40).map { $0 % 10 }])
        #expect(wrong.best.allSatisfy { $0.count == 50 })
        #expect(Self.repeats(wrong.best, size: 5) == wrong.bestCost)
    }

    /// After many swaps the incrementally kept cost still matches a fresh count.
    @Test func tabuSearchCostMatchesAFreshCount() {
        var search = GolferSearch(groups: 9, size: 5, rounds: 9, seed: 2)
        search.run(target: 0, deadline: Date().addingTimeInterval(0.5)) { false }
        #expect(Self.repeats(search.best, size: 5) == search.bestCost)
        #expect(GolferSchedule.repeats(search.best, groups: 9) == search.bestCost)
    }

    @Test func tabuSearchStopsWhenAsked() {
        var search = GolferSearch(groups: 8, size: 4, rounds: 10, seed: 1)
        let started = Date()
        search.run(target: 0, deadline: Date().addingTimeInterval(300)) { Date().timeIntervalSince(started) > 0.2 }
        #expect(Date().timeIntervalSince(started) < 60)
        #expect(Self.repeats(search.best, size: 4) == search.bestCost)
    }

    // MARK: Planning

    // 14 × 4 × 16 and 14 × 4 × 17 come from a stored schedule: the search alone found 16
    // only now and then in a few seconds (4 of 10 runs of 2 s in a release build), and 17
    // once in 26 s of a 240-s run (which is the schedule stored).
    @Test(arguments: [
        (5, 3, 7), (8, 4, 9), (8, 4, 10), (6, 3, 8), (7, 3, 10), (9, 5, 9), (9, 4, 11), (10, 4, 11), (7, 7, 8), (10, 10, 4), (12, 12, 4),
        (10, 6, 7), (10, 8, 5), (12, 5, 12), (10, 5, 10), (22, 4, 29), (25, 4, 33), (31, 3, 46), (39, 3, 58), (36, 3, 53), (18, 3, 26), (29, 3, 43),
        (35, 3, 52), (26, 3, 38), (47, 3, 70), (13, 5, 16), (13, 5, 15), (14, 4, 16), (14, 4, 17), (43, 4, 57),
        (17, 5, 21), (17, 5, 20),
    ])
    func plannerSeatsGolfersWithoutRepeatsAndProvesIt(groups: Int, size: Int, rounds: Int) throws {
        let request = Self.golfer(groups: groups, size: size, rounds: rounds)
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 120))
        let report = try request.score(plan.assignments)
        #expect(report.isValid)
        #expect(report.breakdown.repeats == 0)
        #expect(Self.repeats(plan) == 0)
        #expect(plan.status == .optimal)
    }

    /// Where repeats are forced, the planner reaches the fewest possible and proves it.
    /// 8 tables of 4 over 15 rounds: 720 meetings among 496 pairs. 8 tables of 8 over 10
    /// rounds: the affine plane of order 8 seats every pair once in 9 rounds, so the 10th
    /// round's 224 meetings are all repeats (the planner starts from those 9 rounds; an
    /// affine space over GF(2) gave 288).
    /// 25 tables of 4 over 34 rounds, 31 tables of 3 over 47, 39 over 59 and 29 over 44: one
    /// round past a design in which every pair meets once, so every meeting of the last
    /// round repeats (25·6, 31·3, 39·3, 29·3). 26 tables of 3 over 39 rounds: each of 78
    /// players meets 77 others in 78 meetings, so 39 repeats at least (a stored covering).
    /// 9 tables of 4 over 13 rounds: two past the most (11), from 11 rounds without a repeat
    /// and two regrouped against them: 72, the bound. 43 tables of 4 over 58 and 62 rounds: one
    /// and five past the stored design of 172 players (43 · 6 a round; for 62, the design's
    /// first five rounds again).
    @Test(arguments: [
        (8, 4, 15, 224), (8, 8, 10, 224), (25, 4, 34, 150), (31, 3, 47, 93), (39, 3, 59, 117), (29, 3, 44, 87), (26, 3, 39, 39), (9, 4, 13, 72),
        (43, 4, 58, 258), (43, 4, 62, 1290),
    ])
    func plannerReachesTheFewestForcedRepeats(groups: Int, size: Int, rounds: Int, fewest: Int) throws {
        let request = Self.golfer(groups: groups, size: size, rounds: rounds)
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 60))
        #expect(Self.repeats(plan) == fewest)
        #expect(try request.score(plan.assignments).breakdown.repeats == Double(fewest))
        #expect(plan.status == .optimal)
        #expect(plan.bound == Double(fewest))
    }

    /// More than three rounds past a design, the search still starts from the design and adds
    /// the rest. 19 tables of 5 over 23 rounds: the transversal design of order 19 seats 19
    /// rounds without a repeat, and the planner ends near 115 repeats in a second or two of a
    /// release build; from greedy rounds it ended at 313 in two. 17 tables of 4 over 22 rounds:
    /// 14-17 against 100-113. (A debug build under parallel tests is several times slower:
    /// 186 for the first in one second, hence five and a margin.)
    @Test(arguments: [(19, 5, 23, 220), (17, 4, 22, 60)])
    func roundsFarPastADesignStartFromIt(groups: Int, size: Int, rounds: Int, most: Int) throws {
        let request = Self.golfer(groups: groups, size: size, rounds: rounds)
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 5))
        let report = try request.score(plan.assignments)
        #expect(report.isValid)
        let repeats = Self.repeats(plan)
        #expect(repeats <= most)
        #expect(report.breakdown.repeats == Double(repeats))
    }

    /// No score is negative, so neither is a bound: the LP's round-off once reported −5e−9
    /// for these two (each planned without a repeat and proven).
    @Test(arguments: [(100, 10, 5), (120, 8, 3)])
    func boundsOfPlansWithoutRepeatsAreZero(groups: Int, size: Int, rounds: Int) throws {
        let request = Self.golfer(groups: groups, size: size, rounds: rounds)
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 30))
        #expect(Self.repeats(plan) == 0)
        #expect(plan.status == .optimal)
        #expect(plan.bound == 0)
        #expect(plan.relativeGap == 0)
    }

    @Test func eightTablesOfFourOverFifteenRoundsPrintTheProof() throws {
        let request = Self.golfer(groups: 8, size: 4, rounds: 15)
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 60))
        let proof = try #require(plan.boundProof)
        #expect(proof.contains("224"))
        #expect(proof.contains("720 meetings among 496 pairs"))
        #expect(plan.summary(for: request).contains("Proof: Repeats are at least 224"))
    }

    @Test func requestsThatAreNotGolfersAreLeftToThePlanner() throws {
        var grouped = Self.golfer(groups: 5, size: 3, rounds: 7)
        grouped.attendees[0].group = "pair"
        grouped.attendees[1].group = "pair"
        #expect(GolferSchedule(try Self.instance(grouped), bound: RepeatBound(try Self.instance(grouped))) == nil)
        var loose = Self.golfer(groups: 5, size: 3, rounds: 7)
        loose.tables[0].minSize = 0
        loose.tables.append(Table(id: "extra", capacity: 3))
        #expect(GolferSchedule(try Self.instance(loose), bound: RepeatBound(try Self.instance(loose))) == nil)
        var absent = Self.golfer(groups: 5, size: 3, rounds: 7)
        absent.attendees[2].sessions = ["round1"]
        #expect(GolferSchedule(try Self.instance(absent), bound: RepeatBound(try Self.instance(absent))) == nil)
        var balanced = Self.golfer(groups: 5, size: 3, rounds: 7)
        balanced.attendees[0].attributes["party"] = .single("A")
        balanced.objective.balance = ["party": 1]
        #expect(GolferSchedule(try Self.instance(balanced), bound: RepeatBound(try Self.instance(balanced))) == nil)
        // Spare tables are fine when a used table must be full.
        var spare = Self.golfer(groups: 5, size: 3, rounds: 7)
        spare.tables.append(Table(id: "spare", capacity: 3, minSize: 3))
        #expect(GolferSchedule(try Self.instance(spare), bound: RepeatBound(try Self.instance(spare))) != nil)
    }

    // MARK: The repeat bound

    @Test func repeatBoundCountsMeetingsAgainstPairs() throws {
        let bound = RepeatBound(try Self.instance(Self.golfer(groups: 8, size: 4, rounds: 15)))
        #expect(bound.value == 224)
        #expect(bound.proof == "Repeats are at least 224: 15 sessions × at least 48 pairs sharing a table = 720 meetings among 496 pairs who can meet.")
    }

    @Test(arguments: [(5, 3, 7), (8, 4, 10), (9, 4, 11), (13, 13, 14), (10, 4, 13)])
    func repeatBoundIsZeroWhereNoRepeatIsReachable(groups: Int, size: Int, rounds: Int) throws {
        let bound = RepeatBound(try Self.instance(Self.golfer(groups: groups, size: size, rounds: rounds)))
        #expect(bound.value == 0)
        #expect(bound.proof == nil)
    }

    @Test func repeatBoundScalesWithTheWeight() throws {
        // 5 people at a full table of 3 and a full table of 2 in each of 5 sessions.
        var request = SeatingRequest(
            sessions: ["a", "b", "c", "d", "e"],
            tables: [Table(id: "T1", capacity: 3, minSize: 3), Table(id: "T2", capacity: 2, minSize: 2)],
            attendees: (1...5).map { Attendee(id: "p\($0)") },
            objective: Objective(size: 0, topics: 0, repeats: 2))
        let bound = RepeatBound(try Self.instance(request))
        // 5 sessions × (3 + 1) = 20 meetings among 10 pairs: at least 10 repeats, 20 at weight 2.
        #expect(bound.value == 20)
        request.objective.repeats = 0
        #expect(RepeatBound(try Self.instance(request)).value == 0)
    }

    @Test func fewestPairsSpreadsPeopleEvenlyWithinCapacities() {
        #expect(RepeatBound.fewestPairs(people: 10, capacities: [4, 4, 4]) == 3 + 3 + 6)  // 4, 3, 3
        #expect(RepeatBound.fewestPairs(people: 10, capacities: [2, 8, 8]) == 1 + 6 + 6)  // 2, 4, 4
        #expect(RepeatBound.fewestPairs(people: 12, capacities: [4, 4, 4]) == 18)
        #expect(RepeatBound.fewestPairs(people: 13, capacities: [4, 4, 4]) == 0)  // cannot seat: no plan
    }

    /// The fewest repeats of any valid plan (weight included), by trying every seating of
    /// every session (judged by ``ReferenceModel``) and every combination of the distinct
    /// sets of pairs they seat together; `nil` when some session has no valid seating.
    static func fewestRepeats(_ request: SeatingRequest) -> Double? {
        let model = ReferenceModel(request)
        let n = model.attendeeCount
        var options: [[UInt64]] = []
        for s in 0..<model.sessionCount {
            let present = model.present(in: s)
            let tables = model.tables(in: s)
            var found = Set<UInt64>()
            if present.isEmpty { found.insert(0) }
            if !present.isEmpty && !tables.isEmpty {
                var digits = [Int](repeating: 0, count: present.count)
                while true {
                    var tableOf = [Int?](repeating: nil, count: n)
                    for (k, i) in present.enumerated() { tableOf[i] = tables[digits[k]] }
                    if model.violations(session: s, seat: tableOf, firstOnly: true).isEmpty {
                        var pairs: UInt64 = 0
                        for i in 0..<n {
                            for j in (i + 1)..<max(i + 1, n) where !model.sameGroup[i][j] {
                                if let t = tableOf[i], tableOf[j] == t { pairs |= 1 << UInt64(i * n + j) }
                            }
                        }
                        found.insert(pairs)
                    }
                    if !ExhaustiveSearch.advance(&digits, base: tables.count) { break }
                }
            }
            guard !found.isEmpty else { return nil }
            options.append(Array(found))
        }
        var best = Int.max
        func descend(_ s: Int, _ meetings: Int, _ union: UInt64) {
            guard s < options.count else {
                best = min(best, meetings - union.nonzeroBitCount)
                return
            }
            for pairs in options[s] { descend(s + 1, meetings + pairs.nonzeroBitCount, union | pairs) }
        }
        descend(0, 0, 0)
        return Double(best) * request.objective.repeats
    }

    /// On tiny random requests (groups, avoids, pins, partial attendance, minimum sizes), the
    /// bound never exceeds the fewest repeats any valid plan has, and it is positive, and
    /// sometimes exact, often enough to mean something.
    /// Two tables of 3 or 4 over 2–4 sessions: more people per table than tables, so any
    /// two sessions seat some pairs together again (pigeonhole). The pairs-of-sessions
    /// count proves more than meetings alone, never more than exhaustive search finds, and
    /// exactly that on some.
    @Test func sessionPairsBoundRepeatsByPigeonhole() throws {
        var tight = 0
        var stronger = 0
        for (groups, size, rounds) in [(2, 3, 2), (2, 3, 3), (2, 3, 4), (2, 4, 2), (2, 4, 3)] {
            let request = Self.golfer(groups: groups, size: size, rounds: rounds)
            let instance = try Self.instance(request)
            let fewest = try #require(Self.fewestRepeats(request))
            let pairs = try #require(RepeatBound.sessionPairs(instance))
            let bound = RepeatBound(instance)
            #expect(bound.value == Double(pairs.repeats) || bound.value > Double(pairs.repeats))
            #expect(bound.value <= fewest + 1e-9, "\(groups)×\(size)×\(rounds): bound \(bound.value) above \(fewest)")
            // Meetings alone: rounds × pairs per round − pairs.
            let players = groups * size
            let byMeetings = max(0, rounds * groups * size * (size - 1) / 2 - players * (players - 1) / 2)
            if pairs.repeats > byMeetings { stronger += 1 }
            if abs(bound.value - fewest) < 1e-9 { tight += 1 }
            if pairs.repeats == Int(bound.value) && pairs.repeats > byMeetings {
                #expect(bound.proof?.contains("any two sessions") == true)
            }
        }
        #expect(stronger >= 3)
        #expect(tight >= 2)
    }

    @Test func repeatBoundNeverExceedsTheFewestRepeatsPossible() throws {
        var positive = 0
        var tight = 0
        var checked = 0
        var pigeonhole = 0
        for seed in UInt64(1)...400 {
            var generator = RequestGenerator(seed: seed)
            var request = generator.request(RequestShape(attendees: 3...6, tables: 1...3, sessions: 2...3, rules: 0...0, extras: 0.4, capacity: 1...4))
            request.objective = Objective(size: 0, topics: 0, repeats: 1 + Double(seed % 3))
            guard request.validationIssues().isEmpty, let fewest = Self.fewestRepeats(request) else { continue }
            let bound = RepeatBound(try Self.instance(request)).value
            checked += 1
            #expect(bound <= fewest + 1e-9, "seed \(seed): bound \(bound) above the fewest repeats \(fewest): \(RequestJSONWriter.string(request))")
            if bound > 0 { positive += 1 }
            if bound > 0 && abs(bound - fewest) < 1e-9 { tight += 1 }
            if let pairs = RepeatBound.sessionPairs(try Self.instance(request)), pairs.repeats > 0 { pigeonhole += 1 }
        }
        // The pairs-of-sessions count is checked here on its own too (it is within the bound).
        #expect(pigeonhole >= 5, "the pairs-of-sessions count was positive in only \(pigeonhole) cases")
        #expect(checked >= 100)
        #expect(positive >= 10, "the bound was positive in only \(positive) of \(checked) cases")
        #expect(tight >= 1)
    }
}
