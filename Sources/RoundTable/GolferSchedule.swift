import Foundation

/// A dedicated scheduler for requests that are a social golfer problem in disguise: only
/// repeats cost anything that the seating can change, everyone attends every session, and
/// every table in use holds exactly the same number of people.
///
/// Detection is conservative: any group, pin, avoid, rule, topic, balance, previous plan,
/// partial attendance or table availability, or sizes that are not forced, and the request
/// is left to the general planner.
struct GolferSchedule: Sendable {
    let instance: Instance
    /// The tables used in every session, in order (all of them hold `size`).
    let tables: [Int]
    let size: Int
    /// Repeats (unweighted) no schedule can go below; the search stops when it gets there.
    let target: Int
    /// Whether the search fits (a tabu entry per round and pair of players, at most 32 MB);
    /// otherwise only constructions are tried.
    let searchable: Bool

    init?(_ instance: Instance, bound: RepeatBound) {
        let n = instance.attendeeCount
        let sessions = instance.sessionCount
        guard instance.weights.repeats > 0, sessions >= 2, n >= 2, instance.tableCount >= 1 else { return nil }
        guard instance.rules.isEmpty, instance.balance.isEmpty, instance.request.previous == nil else { return nil }
        guard instance.groupMembers.allSatisfy({ $0.count <= 1 }), instance.avoid.allSatisfy(\.isEmpty) else { return nil }
        guard instance.pin.allSatisfy({ $0.allSatisfy { $0 == nil } }), instance.present.allSatisfy({ $0.allSatisfy { $0 } }) else { return nil }
        guard instance.available.allSatisfy({ $0.allSatisfy { $0 } }) else { return nil }
        // Topics: no table has one or nobody lists any, so the term is 0 whatever the seating.
        guard instance.weights.topics == 0 || instance.tableTopic.allSatisfy({ $0 == nil }) || instance.topicLength.allSatisfy({ $0 == 0 }) else {
            return nil
        }
        let capacity = instance.capacity[0]
        guard capacity >= 1, instance.capacity.allSatisfy({ $0 == capacity }), n % capacity == 0 else { return nil }
        let used = n / capacity
        guard used <= instance.tableCount else { return nil }
        // Sizes forced: every seat is taken, or a used table must be full. Then every
        // seating has the same size term, and only repeats differ.
        guard used == instance.tableCount || instance.minSize.allSatisfy({ $0 == capacity }) else { return nil }
        guard bound.value.isFinite else { return nil }
        // The search keeps a tabu entry per round and pair of players: at most 32 MB. Past
        // that only a construction takes it (25 × 20 × 25: 500 players; 65 × 5 × 81: 325
        // players in columns), and nothing is searched.
        // Past the most rounds without a repeat, a construction of the most will do: the
        // rounds past it come round again (``seating(seed:deadline:stop:)``).
        let searchable = n * n * sessions <= 4_000_000
        let most = Self.most(players: n, size: capacity, rounds: sessions)
        func made(_ k: Int) -> Bool {
            Self.constructed(groups: n / capacity, size: capacity, rounds: k) || Self.columnsApply(groups: n / capacity, size: capacity, rounds: k)
        }
        guard searchable || made(sessions) || (sessions > most && most >= 1 && made(most)) else { return nil }
        self.searchable = searchable
        self.instance = instance
        self.tables = Array(0..<used)
        self.size = capacity
        self.target = Int((bound.value / instance.weights.repeats).rounded())
    }

    var groups: Int { tables.count }

    /// The most rounds without a repeat that pairs allow ((n − 1)/(size − 1)); the rounds
    /// asked for groups of 1.
    private var most: Int { Self.most(players: instance.attendeeCount, size: size, rounds: instance.sessionCount) }

    private static func most(players n: Int, size: Int, rounds: Int) -> Int {
        size >= 2 ? (n - 1) / (size - 1) : rounds
    }

    /// A seating (`seat[s][i]`) with the fewest repeats found by `deadline`: a construction
    /// (``TransversalSchedule``, ``RotationalSchedule``, ``StoredSchedule``, ``columns(_:seed:deadline:stop:)``,
    /// ``OrthogonalSquares``, ``DifferenceSchedule``, ``AffineSpaceSchedule``,
    /// ``DoubledSchedule``) when one applies and reaches ``target``, else
    /// ``searched(from:seed:deadline:stop:)`` (from the construction when there is one).
    /// Returns as soon as ``target`` is reached.
    func seating(seed: UInt64, deadline: Date, stop: @Sendable () -> Bool) -> [[Int]] {
        let rounds = instance.sessionCount
        let design = TransversalSchedule(groups: groups, size: size, rounds: rounds)
        if let design {
            let built = design.rounds(rounds)
            if built.count == rounds, Self.repeats(built, groups: groups) == 0 { return seat(built) }
        }
        if let rotational = RotationalSchedule(groups: groups, size: size, rounds: rounds) {
            // 3q + 1 or 4q players in groups of 4, 3q or 2q + 1 in groups of 3 (19 × 4 × 25
            // took 6 s of search before; 22 × 4 × 29, 25 × 4 × 33, 28 × 4 × 37 were not found
            // in 10 s, 31 × 3 × 46, 29 × 3 × 43, 41 × 3 × 61 in 2 s).
            let built = rotational.schedule()
            if Self.repeats(built, groups: groups) == 0 { return seat(built) }
        }
        if let stored = StoredSchedule(groups: groups, size: size, rounds: rounds) {
            // Nearly Kirkman systems of 24-204 players, Kirkman systems of 69, 141, 165, 177,
            // coverings one round past nearly Kirkman systems (26 × 3 × 38, 28 × 3 × 41,
            // 47 × 3 × 70 and most of these orders from 150 players on were not found in 2 s
            // before; 26 × 3 × 39 reached 52 repeats, the covering has 39, the bound).
            let built = stored.schedule()
            if Self.repeats(built, groups: groups) <= target { return seat(built) }
        }
        if target == 0 {
            // Columns crossed by a transversal design, then a smaller schedule in every
            // column (117 = 3 × 39 players: 39 rounds crossing and a Kirkman system of 39 in
            // each column, 58 in all; none of them was found in 2 s before).
            let quick = Date().addingTimeInterval(max(0.05, deadline.timeIntervalSinceNow * 0.3))
            if let built = columns(rounds, seed: seed, deadline: min(deadline, quick), stop: stop) { return seat(built) }
        }
        if target == 0, size == 3, let shape = GolferOrbits(groups: groups, size: size, cosetShift: (instance.attendeeCount - 3) / 2),
            rounds <= shape.shift + 1, rounds + 2 >= shape.shift + 1 {
            // Kirkman triple systems of 2h + 3 players, h ≡ 3 (mod 12), around a coset round
            // (``GolferOrbits/init(groups:size:cosetShift:)``), at or near the most rounds:
            // 105 players (35 × 3 × 52, not found in 2 s before) in 0.1-1.2 s.
            let quick = Date().addingTimeInterval(max(0.05, deadline.timeIntervalSinceNow * 0.6))
            if let built = shape.search(rounds: rounds, seed: seed, deadline: min(deadline, quick), stop: stop),
                Self.repeats(built, groups: groups) == 0 {
                return seat(built)
            }
        }
        if design == nil, rounds == 4, size == groups {
            // Two orthogonal Latin squares by search (order 10: 0.1 s, measured).
            let quick = Date().addingTimeInterval(min(1, max(0.05, deadline.timeIntervalSinceNow * 0.3)))
            if let squares = OrthogonalSquares(order: groups, seed: seed, deadline: min(deadline, quick), stop: stop),
                Self.repeats(squares.rounds(), groups: groups) == 0 {
                return seat(squares.rounds())
            }
        }
        if design == nil, target == 0 {
            // Rounds of translates, by search (10 × 6 × 7 and 10 × 8 × 5 in milliseconds; a
            // search that finds none gives up within its share).
            let quick = Date().addingTimeInterval(min(0.3, max(0.05, deadline.timeIntervalSinceNow * 0.1)))
            if let built = translates(rounds, seed: seed, until: min(deadline, quick), stop: stop) { return seat(built) }
        }
        var start: [[Int]]?
        if let space = AffineSpaceSchedule(players: instance.attendeeCount, size: size) {
            // The construction is cheap: a small share of the time is plenty.
            let quick = Date().addingTimeInterval(min(0.5, max(0.05, deadline.timeIntervalSinceNow * 0.1)))
            let built = space.schedule(rounds: rounds, seed: seed, deadline: min(deadline, quick), stop: stop)
            if built.rounds.count == rounds {
                start = built.rounds
                if Self.repeats(built.rounds, groups: groups) <= target { return seat(built.rounds) }
            }
        }
        if target == 0, let doubled = DoubledSchedule(players: instance.attendeeCount, size: size, rounds: rounds) {
            // Measured: 8 × 4 × 10 and 6 × 3 × 8 in a few milliseconds; a failure is quick too.
            let quick = Date().addingTimeInterval(min(1, max(0.05, deadline.timeIntervalSinceNow * 0.2)))
            if let built = doubled.schedule(rounds: rounds, seed: seed, deadline: min(deadline, quick), stop: stop),
                Self.repeats(built, groups: groups) == 0 {
                return seat(built)
            }
        }
        if start.map({ Self.repeats($0, groups: groups) > target }) ?? true, let first = firstRounds(seed: seed, deadline: deadline, stop: stop) {
            // Fewer rounds without a repeat beat all of them with more than needed (8 × 8 × 10:
            // the affine plane's 9 rounds and any other, where the affine space gave 64 more).
            start = first
        }
        // Fewer rounds: those rounds again in turn, every meeting of a copy a repeat; past a
        // design in which every pair has met, that is the bound (43 × 4 × 62: 1,290, against
        // 1,484-1,599 from the planner's own plan in 2 s).
        func again(_ first: [[Int]]) -> [[Int]] { (0..<rounds).map { first[$0 % first.count] } }
        if let first = start, !first.isEmpty, first.count < rounds {
            let repeated = again(first)
            if Self.repeats(repeated, groups: groups) <= target { return seat(repeated) }
        }
        guard searchable else {
            // Too large to search: the constructions' rounds, or fewer (a design of the most
            // rounds, from the columns too) and those again, even above the bound (79 × 4 ×
            // 106: 474, the bound, against 9,240 from the planner's own plan; 65 × 5 × 82:
            // 650, against 7,502). Else the same groups every round (the planner keeps its
            // own plan, which is better).
            if let first = start, !first.isEmpty { return seat(again(first)) }
            let same = (0..<instance.attendeeCount).map { $0 / size }
            return seat(Array(repeating: same, count: rounds))
        }
        return seat(searched(from: start, seed: seed, deadline: deadline, stop: stop))
    }

    /// Up to 3 rounds less than asked (or, further past the most rounds without a repeat,
    /// the most), without a repeat, from a construction: the tabu
    /// search starts from them and adds the others (10 × 5 × 10 from 9 rounds of translates,
    /// 39 × 3 × 59 from the 58 of ``columns(_:seed:deadline:stop:)``: see
    /// Benchmarks/README.md). Nil when none applies.
    private func firstRounds(seed: UInt64, deadline: Date, stop: @Sendable () -> Bool) -> [[Int]]? {
        let rounds = instance.sessionCount
        for k in stride(from: rounds - 1, through: max(2, rounds - 3), by: -1) where !stop() {
            // Where every pair has met once, each further round's meetings are all repeats:
            // the fewest (25 × 4 × 34: 150, the bound; 347 from search in 2 s).
            if let built = designed(k) { return built }
            if target > 0 {
                // 39 × 3 × 59 from the 58 rounds of 39 × 3 × 58 (117 repeats, the bound).
                let share = Date().addingTimeInterval(max(0.02, deadline.timeIntervalSinceNow * 0.2))
                if let built = columns(k, seed: seed, deadline: min(deadline, share), stop: stop) { return built }
            }
            let quick = Date().addingTimeInterval(min(0.1, max(0.02, deadline.timeIntervalSinceNow * 0.03)))
            if let built = translates(k, seed: seed, until: min(deadline, quick), stop: stop) { return built }
            // Where repeats are forced, one round less by search before fewer, or the most
            // rounds pairs allow (9 × 4 × 12 from the 11 rounds of 9 × 4 × 11: players meet
            // someone twice in the last round only; 12 × 4 × 17 from 15 rounds).
            // (Two rounds without a repeat need no more players a group than groups, and no
            // player can meet more than everyone once.)
            if target > 0, size >= 2, size <= groups, k == min(rounds - 1, most),
                let fewer = roundsBySearch(k, seed: seed, deadline: deadline, stop: stop) { return fewer }
        }
        // Further past the most rounds, a design of the most (43 × 4 × 62 from 57; 65 × 5 × 85
        // from the 81 of the columns), not searched for: where none exists the search had the
        // time (14 × 4 × 22 reaches 308, the bound, in 0.3 s; 18 rounds of 56 players cannot be).
        if target > 0, most >= 2, most < rounds - 3 {
            if let built = designed(most) { return built }
            let share = Date().addingTimeInterval(max(0.02, deadline.timeIntervalSinceNow * 0.2))
            if let built = columns(most, seed: seed, deadline: min(deadline, share), stop: stop) { return built }
        }
        // Further below, a design alone, down to half the rounds: the search adds the rest
        // (17 × 5 × 21 from the 17 rounds of the transversal design of order 17: 138 repeats
        // in 2 s against 278 from greedy rounds; 23 × 5 × 28 148 against 504).
        for k in stride(from: min(rounds - 4, most), through: max(2, (rounds + 1) / 2), by: -1) where !stop() {
            if let built = designed(k) { return built }
        }
        return nil
    }

    /// `k` rounds without a repeat from a transversal design, a ``RotationalSchedule`` or a
    /// ``StoredSchedule``, the first that gives them; nil when none does.
    private func designed(_ k: Int) -> [[Int]]? {
        if let design = TransversalSchedule(groups: groups, size: size, rounds: k) {
            let built = design.rounds(k)
            if built.count == k, Self.repeats(built, groups: groups) == 0 { return built }
        }
        if let design = RotationalSchedule(groups: groups, size: size, rounds: k) {
            let built = design.schedule()
            if Self.repeats(built, groups: groups) == 0 { return built }
        }
        if let design = StoredSchedule(groups: groups, size: size, rounds: k) {
            let built = design.schedule()
            if Self.repeats(built, groups: groups) == 0 { return built }
        }
        return nil
    }

    /// Whether a transversal design, a ``RotationalSchedule`` or a ``StoredSchedule`` applies
    /// to `groups` groups of `size` over `rounds` rounds.
    static func constructed(groups: Int, size: Int, rounds: Int) -> Bool {
        TransversalSchedule(groups: groups, size: size, rounds: rounds) != nil
            || RotationalSchedule(groups: groups, size: size, rounds: rounds) != nil
            || StoredSchedule(groups: groups, size: size, rounds: rounds) != nil
    }

    /// `k` rounds without a repeat from this scheduler itself on the same players over `k`
    /// rounds (every construction, then the search on both cores with the shapes' depth-first
    /// attempts and annealing), for at most half the time left; nil when none is found.
    /// (The tabu search and the shapes alone on one core, for 30 % of the time and at most
    /// 1 s, missed 12 × 4 × 15 in about half the runs of 12 × 4 × 16, whose search from
    /// greedy rounds then ended at 66-72 repeats against 36 from the 15 rounds.)
    private func roundsBySearch(_ k: Int, seed: UInt64, deadline: Date, stop: @Sendable () -> Bool) -> [[Int]]? {
        let end = min(deadline, Date().addingTimeInterval(max(0.05, deadline.timeIntervalSinceNow * 0.5)))
        guard let fewer = Self.scheduler(groups: groups, size: size, rounds: k), fewer.target == 0 else { return nil }
        let built = fewer.seating(seed: seed, deadline: end, stop: stop)
        return built.count == k && Self.repeats(built, groups: groups) == 0 ? built : nil
    }

    /// One randomized attempt at `k` rounds of `shape` without a repeat: 10,000 nodes, a few
    /// milliseconds. Measured against 5,000 / 20,000 / 50,000 on 12-4-15, 18-3-26 and 21-3-31
    /// (five 5-s runs each): 10,000 found 21-3-31 in 0.27 s and 12-4-15 in 0.12 s every time,
    /// where 20,000 took 1.2 s and 0.4-0.9 s. 18-3-26 stays a matter of timing: 5 of 10
    /// runs of 2 s (about two in three before), all in 5 s.
    private func attempt(_ shape: GolferOrbits, symmetric: Bool, seed: UInt64, rounds k: Int) -> [[Int]]? {
        guard let schedule = shape.schedule(symmetric: symmetric, seed: seed, nodeLimit: 10_000, count: k), schedule.count == k,
            Self.repeats(schedule, groups: groups) == 0
        else { return nil }
        return schedule
    }

    /// g rounds in which every two players of different columns (of s columns of g, player
    /// j·g + i) meet exactly once: a ``TransversalSchedule`` that crosses them, or for 3
    /// columns ``OrthogonalArray/four(order:)`` (18, 30, 54 …). Nil when neither applies.
    static func crossing(groups g: Int, size s: Int) -> [[Int]]? {
        if let design = TransversalSchedule(groups: g, size: s, rounds: g), design.crossesEveryPair {
            let rounds = design.rounds(g)
            return rounds.count == g ? rounds : nil
        }
        if s == 3, let array = OrthogonalArray.four(order: g) { return array.crossingRounds() }
        return nil
    }

    /// This scheduler for `groups` full groups of `size` over `rounds` rounds, as a request of
    /// its own (repeats only); nil where it does not apply (fewer than two rounds, say).
    static func scheduler(groups: Int, size: Int, rounds: Int) -> GolferSchedule? {
        guard groups >= 1, size >= 1, rounds >= 1 else { return nil }
        let request = SeatingRequest(
            sessions: (1...rounds).map { "round\($0)" },
            tables: (1...groups).map { Table(id: "G\($0)", capacity: size, minSize: size) },
            attendees: (1...(groups * size)).map { Attendee(id: "p\($0)") },
            objective: Objective(size: 0, topics: 0, repeats: 1))
        guard case .success(let instance) = request.makeInstance() else { return nil }
        return GolferSchedule(instance, bound: RepeatBound(instance))
    }

    /// Whether ``columns(_:seed:deadline:stop:)`` can make `k` > g rounds: the columns are
    /// crossed in g rounds (``columnsFit(groups:size:rounds:)`` and a crossing exists).
    static func columnsApply(groups g: Int, size s: Int, rounds k: Int) -> Bool {
        s >= 2 && columnsFit(groups: g, size: s, rounds: k) && crossing(groups: g, size: s) != nil
    }

    /// Whether each column of g players can seat g/s groups over the k − g rounds past the
    /// crossing, no more than its players can meet without a repeat.
    private static func columnsFit(groups g: Int, size s: Int, rounds k: Int) -> Bool {
        k > g && g % s == 0 && g / s >= 2 && (k - g) * (s - 1) <= g - 1
    }

    /// `k` rounds without a repeat made of columns: players (i, j), i < g groups, j < s
    /// seats (player j·g + i). The first g rounds cross the columns (``crossing(groups:size:)``);
    /// the other k − g seat each column on its own, every column with the
    /// same schedule of g players in g/s groups, found by this scheduler (any of its
    /// constructions or searches) until `deadline`. With groups of 3 this is the classical
    /// tripling of Kirkman triple systems: 3g players in (3g − 1)/2 rounds from g in
    /// (g − 1)/2 (and nearly Kirkman systems, (3g − 2)/2 from (g − 2)/2). Nil when the
    /// columns are not crossed in g rounds or no column schedule is found (k ≤ g: the
    /// first k crossing rounds).
    func columns(_ k: Int, seed: UInt64, deadline: Date, stop: @Sendable () -> Bool) -> [[Int]]? {
        let (g, s) = (groups, size)
        let perColumn = g / s
        guard s >= 2, k >= 1, let crossing = Self.crossing(groups: g, size: s) else { return nil }
        if k <= g { return Array(crossing.prefix(k)) }
        guard Self.columnsFit(groups: g, size: s, rounds: k) else { return nil }
        // No nearly Kirkman triple system of order 6 or 12 exists (Kotzig and Rosa): 12
        // × 3 × 17 would spend the search's share on 4 × 3 × 5 in vain.
        guard !(s == 3 && (g == 6 || g == 12) && k - g >= (g - 2) / 2) else { return nil }
        guard let column = Self.scheduler(groups: perColumn, size: s, rounds: k - g), column.target == 0 else { return nil }
        let within = column.seating(seed: seed, deadline: deadline, stop: stop)
        guard within.count == k - g, Self.repeats(within, groups: perColumn) == 0 else { return nil }
        let built = crossing + within.map { labels in
            (0..<(g * s)).map { p in
                let (j, i) = p.quotientAndRemainder(dividingBy: g)
                return j * perColumn + labels[i]
            }
        }
        return Self.repeats(built, groups: g) == 0 ? built : nil
    }

    /// `k` rounds of translates without a repeat (``DifferenceSchedule``), searched until
    /// `until`; nil when none is found.
    private func translates(_ k: Int, seed: UInt64, until: Date, stop: () -> Bool) -> [[Int]]? {
        guard let shifted = DifferenceSchedule(groups: groups, size: size, rounds: k, seed: seed, deadline: until, stop: stop) else { return nil }
        let built = shifted.schedule()
        return Self.repeats(built, groups: groups) == 0 ? built : nil
    }

    /// Rounds (`[round][player] → group`) with the fewest repeats found by search alone by
    /// `deadline`, from `start` (rounds of the right shape) or greedy rounds: independent
    /// runs on every core (up to two), each with its own seed, until one reaches ``target``.
    func searched(from start: [[Int]]?, seed: UInt64, deadline: Date, stop: @Sendable () -> Bool) -> [[Int]] {
        let workers = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard workers > 1 else { return searchedOnce(from: start, seed: seed, deadline: deadline, stop: stop) }
        let best = Seatings.race(workers: workers) { k, raceWon in
            // The second run also anneals base rounds; the first keeps all its time for the
            // tabu search and the depth-first attempts (with both annealing, 12 × 4 × 15
            // took 0.1-1.8 s in six runs, against 0.11-0.12 s before).
            let rounds = searchedOnce(from: start, seed: seed &+ 7919 &* UInt64(k), deadline: deadline, anneal: k == 1) { raceWon() || stop() }
            let repeats = Self.repeats(rounds, groups: groups)
            return (rounds, Double(repeats), repeats <= target)
        }
        return best?.seat ?? searchedOnce(from: start, seed: seed, deadline: deadline, stop: stop)
    }

    /// Until when a search's greedy start may build rounds: half the time left before
    /// `deadline`, so that large schedules leave the tabu search time.
    static func greedyShare(of deadline: Date) -> Date {
        Date().addingTimeInterval(max(0, deadline.timeIntervalSinceNow) * 0.5)
    }

    /// One run of ``searched(from:seed:deadline:stop:)``.
    private func searchedOnce(from start: [[Int]]?, seed: UInt64, deadline: Date, anneal: Bool = true, stop: () -> Bool) -> [[Int]] {
        let rounds = instance.sessionCount
        // Tabu search on the whole schedule, taking turns with randomized searches for the
        // base round of a symmetric schedule without repeats (when one may exist), in
        // slices that lengthen each pass so that no method starves the others.
        var search = GolferSearch(groups: groups, size: size, rounds: rounds, seed: seed, start: start, greedyUntil: Self.greedyShare(of: deadline))
        guard groups >= 2, size >= 2 else { return search.best }  // nothing to move
        let shapes = target == 0 ? GolferOrbits.shapes(groups: groups, size: size, rounds: rounds) : []
        var slice = 0.05
        var restart: UInt64 = 0
        // Annealing only where the shift makes every round (no fixed rounds, none cut off):
        // annealing every shape took time from the depth-first attempts (18 × 3 × 26 missed
        // in one sweep of two; 12 × 4 × 15 in 1.0 s instead of 0.4).
        var annealers = shapes.indices.compactMap { k in
            anneal && shapes[k].fixedRounds == 0 && shapes[k].shift == rounds ? shapes[k].annealer(seed: seed &+ UInt64(k) &* 0x9E37_79B9_7F4A_7C15) : nil
        }
        while Date() < deadline && !stop() {
            // Tabu first: it settles instances well below the most rounds in milliseconds
            // (10 × 9 × 3: 0.01 s, where the shapes' first pass alone took 1.3 s).
            search.run(target: target, deadline: min(deadline, Date().addingTimeInterval(slice)), stop: stop)
            guard search.bestCost > target else { break }
            if target > 0 {
                // Forced repeats: each round re-grouped against the others (12 × 4 × 16).
                search.polishRounds(target: target, deadline: min(deadline, Date().addingTimeInterval(slice)), stop: stop)
                guard search.bestCost > target else { break }
            }
            for symmetric in [true, false] {
                for shape in shapes {
                    let end = min(deadline, Date().addingTimeInterval(slice))
                    while Date() < end && !stop() {
                        restart += 1
                        if let schedule = attempt(shape, symmetric: symmetric, seed: seed &+ restart &* 0x9E37_79B9_7F4A_7C15, rounds: rounds) { return schedule }
                    }
                }
            }
            // Then each shape's base round by annealing, resumed where the last pass left
            // it: a schedule without a repeat ends the search, and a near miss with fewer
            // repeats than the tabu search holds becomes its new start (14 × 4 × 17: one
            // orbit used twice, 17 repeats, where the tabu search stalled at 31-41).
            for k in annealers.indices where Date() < deadline && !stop() {
                let before = annealers[k].bestCost
                annealers[k].run(until: min(deadline, Date().addingTimeInterval(slice)), stop: stop)
                guard annealers[k].bestCost < before || annealers[k].bestCost == 0 else { continue }
                let annealed = annealers[k].schedule(count: rounds)
                guard annealed.count == rounds else { continue }
                let repeats = Self.repeats(annealed, groups: groups)
                if repeats == 0 { return annealed }
                if repeats < search.bestCost {
                    restart += 1
                    search = GolferSearch(
                        groups: groups, size: size, rounds: rounds, seed: seed &+ restart, start: annealed, greedyUntil: Self.greedyShare(of: deadline))
                }
            }
            slice *= 1.5
        }
        return search.best
    }

    /// ``seating(seed:deadline:stop:)`` unless `current` (a valid seating) already has no
    /// more repeats than ``target``; `nil` then.
    func seating(unless current: [[Int]]?, seed: UInt64, deadline: Date, stop: @Sendable () -> Bool) -> [[Int]]? {
        if let current, instance.violations(current).isEmpty,
            instance.score(current).repeats <= Double(target) * instance.weights.repeats + 1e-9 {
            return nil
        }
        return seating(seed: seed, deadline: deadline, stop: stop)
    }

    /// Rounds of group labels as a seating of the instance's tables.
    func seat(_ rounds: [[Int]]) -> [[Int]] {
        rounds.map { labels in labels.map { tables[$0] } }
    }

    /// Repeated meetings of a schedule (`[round][player] → group`), counted pair by pair.
    static func repeats(_ rounds: [[Int]], groups: Int) -> Int {
        guard let n = rounds.first?.count else { return 0 }
        var met = [Int](repeating: 0, count: n * n)
        var total = 0
        for labels in rounds {
            var members = [[Int]](repeating: [], count: groups)
            for (p, g) in labels.enumerated() where g >= 0 && g < groups { members[g].append(p) }
            for list in members {
                for x in 0..<list.count {
                    for y in (x + 1)..<max(x + 1, list.count) {
                        if met[list[x] * n + list[y]] > 0 { total += 1 }
                        met[list[x] * n + list[y]] += 1
                    }
                }
            }
        }
        return total
    }
}
