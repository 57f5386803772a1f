import Foundation
import RoundTableJSON
import Testing

@testable import RoundTable

/// Re-splitting two tables exactly (``TablePairs``), checked against an exhaustive search.
@Suite("Two tables re-split exactly")
struct TablePairsTests {
    /// A valid seating of `instance` from local search, nil when none is found quickly.
    static func validSeat(_ instance: Instance, items: [SessionItems], seed: UInt64) -> [[Int]]? {
        guard items.allSatisfy({ $0.conflicts.isEmpty }) else { return nil }
        var search = SeatingSearch(instance: instance, items: items, seed: seed)
        search.construct()
        search.improve(until: Date().addingTimeInterval(0.5), patience: 0.5, stopWhenValid: true)
        return search.bestSeat
    }

    /// On random tiny requests (groups, avoids, pins, partial attendance, hard and soft
    /// rules, topics, repeats over up to 3 sessions, sometimes a session guard), the split
    /// of every pair of tables in every session is the best of all the valid splits of
    /// their people, as enumerating every split finds (the other tables and sessions
    /// staying), and it is taken only when better than the current one.
    @Test func theSplitOfTwoTablesIsTheBestOfAllSplits() {
        let shape = RequestShape(attendees: 4...9, tables: 2...4, sessions: 1...3, topics: true, rules: 0...2, extras: 0.35, capacity: 2...5)
        var pairsChecked = 0
        var improved = 0
        for seed in UInt64(1)...60 {
            var generator = RequestGenerator(seed: seed &* 7_919)
            let request = generator.request(shape)
            guard case .success(let instance) = request.makeInstance() else { continue }
            let items = (0..<instance.sessionCount).map { SessionItems(instance: instance, session: $0) }
            guard let start = Self.validSeat(instance, items: items, seed: seed) else { continue }
            let sessionGuard = seed % 3 == 0
                ? SessionGuard(limits: (0..<instance.sessionCount).map { instance.sessionCost(start, session: $0) * 0.9 }, weight: 4)
                : nil
            func cost(_ seat: [[Int]]) -> Double { instance.score(seat).total + (sessionGuard?.cost(of: seat, in: instance) ?? 0) }
            for s in 0..<instance.sessionCount {
                let tables = instance.tablesIn[s]
                let pairs = TablePairs(instance: instance, items: items[s], sessionGuard: sessionGuard)
                for a in tables.indices {
                    for b in tables.indices where b > a {
                        let (t1, t2) = (tables[a], tables[b])
                        // Every split of the items at t1 or t2.
                        let pool = items[s].members.indices.filter { [t1, t2].contains(start[s][items[s].members[$0][0]]) }
                        var best = cost(start)
                        for mask in 0..<(1 << pool.count) {
                            var seat = start
                            var allowed = true
                            for (k, x) in pool.enumerated() {
                                let t = mask & (1 << k) != 0 ? t1 : t2
                                if !items[s].allowed[x].contains(t) { allowed = false }
                                for i in items[s].members[x] { seat[s][i] = t }
                            }
                            guard allowed, instance.violations(seat).isEmpty else { continue }
                            best = min(best, cost(seat))
                        }
                        var seat = start
                        let changed = pairs.improve(&seat, t1, t2)
                        let context = "seed \(seed), session \(s), tables \(t1) and \(t2): \(RequestJSONWriter.string(request))"
                        #expect(instance.violations(seat).isEmpty, "\(context)")
                        #expect(abs(cost(seat) - best) <= 1e-6 * max(1, abs(best)), "split \(cost(seat)), exhaustive \(best); \(context)")
                        #expect(changed == (best < cost(start) - 1e-6 * max(1, abs(best))), "\(context)")
                        // Only the two tables of that session change.
                        for r in 0..<instance.sessionCount {
                            for i in 0..<instance.attendeeCount where r != s || ![t1, t2].contains(start[r][i]) {
                                #expect(seat[r][i] == start[r][i], "\(context)")
                            }
                        }
                        pairsChecked += 1
                        if changed { improved += 1 }
                    }
                }
            }
        }
        // The cases exercise the search: many pairs, some improved.
        #expect(pairsChecked >= 100, "\(pairsChecked) pairs checked")
        #expect(improved >= 10, "\(improved) pairs improved")
    }

    /// On the bundled conference (150 attendees over 3 sessions, groups, pins, rules), a
    /// rough valid seating re-split pair by pair in its first session for a few seconds:
    /// still valid, everyone present seated, and a lower total.
    @Test func polishingTheConferenceKeepsItValidAndLowersTheTotal() throws {
        let request = try RequestReader.read(FixtureFiles.data("conference.json"), file: "conference.json")
        let instance = try request.makeInstance().get()
        let items = (0..<instance.sessionCount).map { SessionItems(instance: instance, session: $0) }
        var search = SeatingSearch(instance: instance, items: items, seed: 5)
        search.construct()
        search.improve(until: Date().addingTimeInterval(20), patience: 20, stopWhenValid: true)
        let start = try #require(search.bestSeat)
        var seat = start
        var changes = 0
        changes += TablePairs(instance: instance, items: items[0], sessionGuard: nil).polish(&seat, until: Date().addingTimeInterval(5))
        #expect(changes > 0)
        #expect(instance.violations(seat).isEmpty)
        #expect(instance.score(seat).total < instance.score(start).total - 1e-9)
        for s in 0..<instance.sessionCount {
            #expect(Set(instance.presentIn[s]) == Set((0..<instance.attendeeCount).filter { seat[s][$0] >= 0 }))
        }
    }
}
