import Foundation
import RoundTableJSON
import Testing

@testable import RoundTable

/// The planner's parallel annealing runs (one per core, each with its own seed).
@Suite("Parallel annealing")
struct AnnealTests {
    /// The bundled conference (150 attendees, 3 sessions linked by repeats), a valid
    /// first seating of it from local search, and a planning run to anneal it in.
    static func conference() throws -> (run: PlanningRun, search: SeatingSearch, start: [[Int]]) {
        let request = try RequestReader.read(FixtureFiles.data("conference.json"), file: "conference.json")
        let instance = try request.makeInstance().get()
        let run = PlanningRun(instance: instance, options: SolveOptions(timeLimit: 30))
        var search = SeatingSearch(instance: instance, items: run.items, seed: 3)
        search.construct()
        search.improve(until: Date().addingTimeInterval(20), patience: 20, stopWhenValid: true)
        let start = try #require(search.bestSeat)
        return (run, search, start)
    }

    /// Two runs, independent (one leg) or each leg going on from the best seating of the one
    /// before: a valid seating that seats everyone present and is better than the start.
    @Test(arguments: [1, 3]) func twoRunsReturnAValidSeatingBetterThanTheStart(legs: Int) throws {
        let (run, search, start) = try Self.conference()
        let instance = run.instance
        let seat = try #require(
            run.anneal(
                search, workers: 2, legs: legs, until: Date().addingTimeInterval(1.5), target: nil, scale: 1, endRatio: 1e-2, floor: nil))
        #expect(instance.violations(seat).isEmpty)
        #expect(instance.score(seat).total < instance.score(start).total - 1e-9)
        // Everyone present is seated in every session they attend, and nobody else.
        for s in 0..<instance.sessionCount {
            #expect(Set(instance.presentIn[s]) == Set((0..<instance.attendeeCount).filter { seat[s][$0] >= 0 }))
        }
    }

    /// Near twins (partners for the swaps aimed at repeated meetings) are exactly the
    /// attendees who differ in at most one attribute, those who differ in none first, as an
    /// all-pairs comparison finds them.
    @Test func nearTwinsDifferInAtMostOneAttributeTheSameFirst() throws {
        let request = try RequestReader.read(FixtureFiles.data("conference.json"), file: "conference.json")
        let instance = try request.makeInstance().get()
        let twins = SeatingSearch.nearTwins(instance)
        let A = instance.attributeNames.count
        #expect(A >= 3)
        func differ(_ i: Int, _ j: Int) -> Int { (0..<A).filter { instance.holds[$0][i] != instance.holds[$0][j] }.count }
        var listed = 0
        for i in 0..<instance.attendeeCount {
            let exact = (0..<instance.attendeeCount).filter { $0 != i && differ(i, $0) == 0 }
            let near = (0..<instance.attendeeCount).filter { $0 != i && differ(i, $0) == 1 }
            let list = twins[i]
            #expect(Set(list).count == list.count, "attendee \(i) lists a twin twice")
            #expect(list.count == min(SeatingSearch.twinLimit, exact.count + near.count), "attendee \(i)")
            #expect(Set(list.prefix(exact.count)) == Set(exact.prefix(SeatingSearch.twinLimit)), "attendee \(i): the same values first")
            #expect(Set(list).isSubset(of: Set(exact + near)), "attendee \(i)")
            listed += list.count
        }
        #expect(listed > instance.attendeeCount)
    }

    /// A target the start already meets ends every run at once, with the start kept, in
    /// one leg or several.
    @Test(arguments: [1, 3]) func aTargetTheStartMeetsStopsAtOnce(legs: Int) throws {
        let (run, search, start) = try Self.conference()
        let total = run.instance.score(start).total
        let begin = Date()
        let seat = try #require(
            run.anneal(
                search, workers: 2, legs: legs, until: Date().addingTimeInterval(20), target: total + 1e-6, scale: 1, endRatio: 1e-2,
                floor: nil))
        #expect(Date().timeIntervalSince(begin) < 10)
        #expect(run.instance.score(seat).total <= total + 1e-9)
    }

    /// A start that breaks hard constraints and cannot be repaired in the time given (here
    /// nobody is seated, and the time is already up) is replaced by the valid fallback:
    /// the runs still return a valid seating, no worse than the fallback.
    @Test func aBrokenStartFallsBackToTheValidSeating() throws {
        let (run, _, start) = try Self.conference()
        let empty = SeatingSearch(instance: run.instance, items: run.items, seed: 5)
        #expect(empty.broken > 0)
        let seat = try #require(
            run.anneal(empty, workers: 2, until: Date(), target: nil, scale: 1, endRatio: 1e-2, floor: nil, fallback: start))
        #expect(run.instance.violations(seat).isEmpty)
        #expect(run.instance.score(seat).total <= run.instance.score(start).total + 1e-9)
        #expect(run.anneal(empty, workers: 2, until: Date(), target: nil, scale: 1, endRatio: 1e-2, floor: nil) == nil)
    }

    /// Sessions shared out between two runs (run k anneals sessions k, k + 2, ...): the
    /// seating put together is valid, seats everyone present, and is no worse than the start;
    /// an annealing limited to one session leaves the others as they were.
    @Test func runsSharingOutSessionsReturnAValidSeatingNoWorseThanTheStart() throws {
        let (run, search, start) = try Self.conference()
        let instance = run.instance
        let seat = try #require(run.annealSplit(search, workers: 2, until: Date().addingTimeInterval(1.5), scale: 1, endRatio: 1e-2, floor: nil, fallback: nil))
        #expect(instance.violations(seat).isEmpty)
        #expect(instance.score(seat).total < instance.score(start).total - 1e-9)
        for s in 0..<instance.sessionCount {
            #expect(Set(instance.presentIn[s]) == Set((0..<instance.attendeeCount).filter { seat[s][$0] >= 0 }))
        }

        var one = search
        one.improve(until: Date().addingTimeInterval(0.5), patience: 10, temperatureScale: 1, endRatio: 1e-2, sessions: [1])
        let annealed = try #require(one.bestSeat)
        #expect(annealed[0] == start[0] && annealed[2] == start[2])
        #expect(annealed[1] != start[1])
    }

    /// A broken start is repaired or replaced by the fallback before the sessions are shared
    /// out; with neither, there is no seating to return.
    @Test func runsSharingOutSessionsFallBackToTheValidSeating() throws {
        let (run, _, start) = try Self.conference()
        let empty = SeatingSearch(instance: run.instance, items: run.items, seed: 5)
        let seat = try #require(run.annealSplit(empty, workers: 2, until: Date(), scale: 1, endRatio: 1e-2, floor: nil, fallback: start))
        #expect(run.instance.violations(seat).isEmpty)
        #expect(run.instance.score(seat).total <= run.instance.score(start).total + 1e-9)
        #expect(run.annealSplit(empty, workers: 2, until: Date(), scale: 1, endRatio: 1e-2, floor: nil, fallback: nil) == nil)
    }

    /// Work split by session: every session is done once, on up to `workers` threads, and
    /// the results that are not nil come back under their session.
    @Test func eachSessionDoesEverySessionOnce() {
        let calls = SessionResults<Int>()
        let results = PlanningRun.eachSession(7, workers: 2) { s -> Int? in
            calls.set(s, (calls.values[s] ?? 0) + 1)
            return s == 3 ? nil : s * s
        }
        #expect(results == [0: 0, 1: 1, 2: 4, 4: 16, 5: 25, 6: 36])
        #expect((0..<7).map { calls.values[$0] } == Array(repeating: 1, count: 7))
        #expect(PlanningRun.eachSession(0, workers: 2) { $0 }.isEmpty)
    }

    /// Moves, paired moves and undos keep the search's running cost equal to the score
    /// recomputed from scratch (plus the penalty per broken unit), and an undo restores
    /// the seating and cost exactly as they were.
    /// Settling the people who meet again lowers the cost of a first seating and keeps the
    /// running cost equal to the score: on the bundled conference, and on 16 people at 4
    /// tables of 4 over 6 sessions, where repeats are forced (18 meetings each among 15
    /// people) and none of the moves or swaps of those who still meet again would lower it.
    @Test func settlingRepeatsLeavesNoBetterMoveForWhoMeetsAgain() throws {
        let (run, search, start) = try Self.conference()
        var settled = search
        settled.settleRepeats(until: Date().addingTimeInterval(120)) { false }
        let seat = try #require(settled.bestSeat)
        #expect(run.instance.violations(seat).isEmpty)
        #expect(run.instance.score(seat).total < run.instance.score(start).total - 1e-9)
        #expect(run.instance.score(seat).repeats < run.instance.score(start).repeats)
        #expect(abs(settled.cost - run.instance.score(seat).total) < 1e-6)

        let instance = try GolferTests.golfer(groups: 4, size: 4, rounds: 6).makeInstance().get()
        let items = (0..<instance.sessionCount).map { SessionItems(instance: instance, session: $0) }
        var forced = SeatingSearch(instance: instance, items: items, seed: 2)
        forced.construct()
        forced.improve(until: Date().addingTimeInterval(20), patience: 20, stopWhenValid: true)
        let first = try #require(forced.bestSeat)
        forced.settleRepeats(until: Date().addingTimeInterval(120)) { false }
        let settledSeat = try #require(forced.bestSeat)
        #expect(instance.score(settledSeat).total < instance.score(first).total - 1e-9)
        #expect(abs(forced.cost - instance.score(settledSeat).total) < 1e-6)
        var checked = 0
        for s in 0..<instance.sessionCount {
            for item in items[s].members.indices {
                let from = forced.itemTable[s][item]
                guard from >= 0, forced.meetsAgain(session: s, item: item, at: from) else { continue }
                for to in items[s].allowed[item] where to != from && to >= 0 {
                    let delta = forced.move(session: s, item: item, to: to)
                    if forced.broken == 0 { #expect(delta >= -1e-9) }
                    forced.undo()
                    for other in items[s].members.indices where forced.itemTable[s][other] == to && items[s].allowed[other].contains(from) {
                        let swapped = forced.move(session: s, item: item, to: to, and: other, to: from)
                        if forced.broken == 0 { #expect(swapped >= -1e-9) }
                        forced.undo()
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 0)  // people still meet again (they must), and their swaps were all tried
    }

    /// A seating that leaves a table empty while an organization has more members than the
    /// open tables ("one per organization per table"): no single move or swap repairs it,
    /// since the empty table needs 3 people at once. The search opens it and gets valid.
    @Test func repairOpensAnEmptyTableWhenNoSingleChangeHelps() throws {
        let people = ["A1", "A2", "A3", "b1", "b2", "b3", "b4", "b5", "b6"].map { id in
            Attendee(id: id, attributes: id.hasPrefix("A") ? ["organization": .single("A")] : [:])
        }
        let request = SeatingRequest(
            tables: (1...3).map { Table(id: "T\($0)", capacity: 5, minSize: 3) }, attendees: people,
            rules: [Rule(attribute: "organization", maxPerValue: 1)])
        let instance = try request.makeInstance().get()
        let items = [SessionItems(instance: instance, session: 0)]
        var search = SeatingSearch(instance: instance, items: items, seed: 1)
        // T1: A1 A2 b1 b2 b3; T2: A3 b4 b5 b6; T3 empty.
        search.load([[0, 0, 1, 0, 0, 0, 1, 1, 1]])
        #expect(search.broken == 1)
        search.improve(until: Date().addingTimeInterval(5), patience: 5, stopWhenValid: true)
        let seat = try #require(search.bestSeat)
        #expect(instance.violations(seat).isEmpty)
        #expect(Set(seat[0]) == [0, 1, 2])
    }

    /// Twelve people at three tables of 6 with a minSize of 4: no single move can close or
    /// open a table (a table of 4 cannot lose one, an empty one cannot take one), and swaps
    /// keep every size. When four of each of three parties sit at tables of 4, each table is
    /// off balance by 4/3 (weight 3: 12 in all, sizes on target); at two tables of 6 (2 of
    /// each party) balance is exact and the sizes cost 2 + 2 + 4 = 8. The search closes a
    /// table to get there; with balance not weighed it opens the table again (cost 0).
    @Test(arguments: [3.0, 0.0]) func theSearchClosesOrOpensATableThatSingleMovesCannot(party weight: Double) throws {
        let people = (0..<12).map { Attendee(id: "p\($0)", attributes: ["party": .single(["a", "b", "c"][$0 % 3])]) }
        let request = SeatingRequest(
            tables: (1...3).map { Table(id: "T\($0)", capacity: 6, minSize: 4) }, attendees: people,
            objective: Objective(balance: ["party": weight], size: 1))
        let instance = try request.makeInstance().get()
        let items = [SessionItems(instance: instance, session: 0)]
        var search = SeatingSearch(instance: instance, items: items, seed: 4)
        // Closing is the way down from three tables of 4, opening from two tables of 6.
        let start = weight > 0 ? (0..<12).map { $0 / 4 } : (0..<12).map { $0 / 6 }
        search.load([start])
        #expect(search.broken == 0)
        let startTotal = instance.score([start]).total
        #expect(abs(startTotal - (weight > 0 ? 12 : 8)) < 1e-9)
        search.improve(until: Date().addingTimeInterval(10), patience: 10, target: weight > 0 ? 8 + 1e-9 : 1e-9)
        let seat = try #require(search.bestSeat)
        #expect(instance.violations(seat).isEmpty)
        #expect(Set(seat[0]).count == (weight > 0 ? 2 : 3))
        #expect(abs(instance.score(seat).total - (weight > 0 ? 8 : 0)) < 1e-9)
    }

    @Test func runningCostMatchesTheScoreThroughMovesAndUndos() throws {
        let (run, initial, _) = try Self.conference()
        var search = initial
        try Self.exercise(&search, run.instance)
    }

    /// A table holding more people than the search first made room for (twice the largest
    /// capacity): seating everyone it can take in one session there keeps the running cost
    /// equal to the score, and seating them back restores the valid start exactly.
    @Test func aTableBeyondItsRoomKeepsTheRunningCost() throws {
        let (run, initial, start) = try Self.conference()
        let instance = run.instance
        var search = initial
        search.load(start)
        let startCost = search.cost
        let t = try #require(instance.tablesIn[0].first)
        let crowd = search.items[0].members.indices.filter { search.items[0].allowed[$0].contains(t) }
        for item in crowd { search.move(session: 0, item: item, to: t) }
        let seated = instance.presentIn[0].filter { search.seat[0][$0] == t }.count
        #expect(seated > 2 * (instance.capacity.max() ?? 0))
        let exact = instance.score(search.seat).total + search.penalty * Double(search.broken)
        #expect(abs(search.cost - exact) <= 1e-6 * max(1, abs(exact)))
        try Self.exercise(&search, instance)
        search.load(start)
        #expect(search.seat == start)
        #expect(search.broken == 0)
        #expect(abs(search.cost - startCost) <= 1e-6 * max(1, abs(startCost)))
    }

    /// The same with a session guard whose levels sit near the sessions' costs, so that
    /// moves cross them both ways: the running cost is the score plus the guard's weight
    /// times each session's own cost above its level.
    @Test func runningCostWithASessionGuardMatchesTheScore() throws {
        let (run, initial, seat) = try Self.conference()
        let instance = run.instance
        var search = initial
        let limits = (0..<instance.sessionCount).map { instance.sessionCost(seat, session: $0) * 0.995 }
        search.sessionGuard = SessionGuard(limits: limits, weight: 3)
        #expect(search.guardCost > 0)
        try Self.exercise(&search, instance, guardCost: { seat in
            (0..<instance.sessionCount).reduce(0) { $0 + 3 * max(0, instance.sessionCost(seat, session: $1) - limits[$1]) }
        })
        // The annealer's best is chosen by the guarded cost and reported by its true score.
        search.improve(until: Date().addingTimeInterval(0.5), patience: 1)
        let best = try #require(search.bestSeat)
        #expect(abs(search.bestScore - instance.score(best).total) <= 1e-6 * max(1, search.bestScore))
    }

    /// A guard set on a search that already holds a best seating re-prices that seating, so
    /// that the guarded seatings found after it can replace it.
    @Test func aGuardSetAfterABestRepricesIt() throws {
        let (run, initial, _) = try Self.conference()
        let instance = run.instance
        var search = initial
        search.improve(until: Date().addingTimeInterval(0.3), patience: 1)
        let best = try #require(search.bestSeat)
        let limits = (0..<instance.sessionCount).map { instance.sessionCost(best, session: $0) * 0.9 }
        let sessionGuard = SessionGuard(limits: limits, weight: 3)
        search.sessionGuard = sessionGuard
        let guarded = instance.score(best).total + sessionGuard.cost(of: best, in: instance)
        #expect(search.guardCost > 0)
        #expect(abs(search.bestCost - guarded) <= 1e-6 * max(1, guarded))
        #expect(abs(search.bestScore - instance.score(best).total) <= 1e-6 * max(1, guarded))
        // The seating in hand is the best one: its guarded running cost is the best cost.
        search.load(best)
        #expect(abs(search.cost - search.bestCost) <= 1e-6 * max(1, guarded))
    }

    /// Annealing (every kind of move, including the swaps of people who meet someone again)
    /// keeps the running cost equal to the exact score, and the repeat check tells who meets
    /// someone again exactly as the seating says.
    @Test func annealingKeepsTheRunningCostAndFindsWhoMeetsAgain() throws {
        let (run, initial, _) = try Self.conference()
        let instance = run.instance
        var search = initial
        search.improve(until: Date().addingTimeInterval(1), patience: 1)
        let exact = instance.score(search.seat).total + search.penalty * Double(search.broken)
        #expect(abs(search.cost - exact) <= 1e-6 * max(1, abs(exact)))
        func checkEveryItem() -> Int {
            var again = 0
            for s in 0..<instance.sessionCount {
                for (item, group) in search.items[s].members.enumerated() where search.itemTable[s][item] >= 0 {
                    let t = search.itemTable[s][item]
                    let expected = group.contains { i in
                        (0..<instance.attendeeCount).contains { j in
                            search.items[s].itemOf[j] != item && search.seat[s][j] == t
                                && (0..<instance.sessionCount).contains {
                                    $0 != s && search.seat[$0][i] >= 0 && search.seat[$0][i] == search.seat[$0][j]
                                }
                        }
                    }
                    #expect(search.meetsAgain(session: s, item: item, at: t) == expected)
                    if expected { again += 1 }
                }
            }
            return again
        }
        _ = checkEveryItem()
        // Seat two people together in the first two sessions: both meet again.
        let singles = (0..<instance.attendeeCount).filter { i in
            (0..<2).allSatisfy { s in
                let item = search.items[s].itemOf[i]
                return item >= 0 && search.items[s].members[item].count == 1 && search.items[s].allowed[item].count > 1
            }
        }
        let (i, j) = (singles[0], singles[1])
        for s in 0..<2 {
            let t = search.seat[s][i]
            search.move(session: s, item: search.items[s].itemOf[j], to: t)
        }
        #expect(search.meetsAgain(session: 0, item: search.items[0].itemOf[i], at: search.seat[0][i]))
        #expect(checkEveryItem() >= 2)
    }

    /// The annealer refuses without scoring the changes that surely break a hard limit
    /// (capacity, minSize, one per organization). Over every move of a valid conference
    /// seating, and every swap of its first session, each change it refuses does break a
    /// hard constraint; and it refuses many of them.
    @Test func changesRefusedUnscoredDoBreakAHardLimit() throws {
        var (_, search, start) = try Self.conference()
        let instance = search.instance
        search.load(start)
        try #require(search.broken == 0)
        var (screened, breaking, tried) = (0, 0, 0)
        func check(_ s: Int, _ item: Int, _ from: Int, _ to: Int, _ other: Int?) {
            let refused = search.surelyBreaks(s, item: item, from: from, to: to, other: other)
            if let other { search.move(session: s, item: item, to: to, and: other, to: from) } else { search.move(session: s, item: item, to: to) }
            let breaks = search.broken > 0
            search.undo()
            tried += 1
            if breaks { breaking += 1 }
            if refused {
                screened += 1
                #expect(breaks, "session \(s): item \(item) from table \(from) to \(to), other \(other ?? -1)")
            }
        }
        for s in 0..<instance.sessionCount {
            for item in search.items[s].members.indices {
                let from = search.itemTable[s][item]
                for to in search.items[s].allowed[item] where to != from && to >= 0 {
                    check(s, item, from, to, nil)
                    guard s == 0 else { continue }
                    for other in search.items[s].members.indices
                    where search.itemTable[s][other] == to && search.items[s].allowed[other].contains(from) {
                        check(s, item, from, to, other)
                    }
                }
            }
        }
        #expect(search.broken == 0)
        #expect(tried > 10_000)
        // Most changes of a full, valid seating break something; the screen finds most of those.
        #expect(screened * 2 > breaking, "screened \(screened) of \(breaking) breaking changes (\(tried) tried)")
    }

    /// 3,000 random moves, paired moves, group trades and undos on `search`, checking the
    /// running cost against the exact score (plus `guardCost` of the seating) as it goes.
    static func exercise(_ search: inout SeatingSearch, _ instance: Instance, guardCost: ([[Int]]) -> Double = { _ in 0 }) throws {
        var rng = SplitMix64(seed: 11)
        func check() {
            let exact = instance.score(search.seat).total + search.penalty * Double(search.broken) + guardCost(search.seat)
            #expect(abs(search.cost - exact) <= 1e-6 * max(1, abs(exact)))
            #expect((search.broken == 0) == instance.violations(search.seat).isEmpty)
        }
        check()
        var undone = 0
        for step in 0..<3000 {
            let s = Int(rng.next() % UInt64(instance.sessionCount))
            let movable = search.items[s].members.indices.filter { search.items[s].allowed[$0].count > 1 }
            let item = movable[Int(rng.next() % UInt64(movable.count))]
            let allowed = search.items[s].allowed[item]
            let to = allowed[Int(rng.next() % UInt64(allowed.count))]
            let from = search.itemTable[s][item]
            let (seatBefore, costBefore, brokenBefore) = (search.seat, search.cost, search.broken)
            if step % 3 == 0, let other = search.items[s].members.indices.first(where: {
                search.itemTable[s][$0] == to && to != from && search.items[s].allowed[$0].contains(from)
            }) {
                search.move(session: s, item: item, to: to, and: other, to: from)
            } else if step % 3 == 1 {
                let others = search.items[s].members.indices.filter { $0 != item && search.items[s].allowed[$0].contains(from) }
                let other = others[Int(rng.next() % UInt64(others.count))]
                search.moveAll(session: s, [(item, to), (other, from), (item, from)])
            } else {
                search.move(session: s, item: item, to: to)
            }
            if step % 50 == 0 { check() }
            if rng.next() % 2 == 0 {
                search.undo()
                undone += 1
                #expect(search.seat == seatBefore)
                #expect(abs(search.cost - costBefore) <= 1e-6 * max(1, abs(costBefore)))
                #expect(search.broken == brokenBefore)
            }
        }
        check()
        #expect(undone > 1000)
    }
}
