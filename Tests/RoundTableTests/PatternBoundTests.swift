import Foundation
import Testing

@testable import RoundTable

/// The size-pattern and composition bounds: never above the exhaustive optimum, equal to
/// (or above) the transportation bound when sizes are forced, and groups counted whole.
@Suite("The size-pattern and composition bounds are valid and tight")
struct PatternBoundTests {
    @Test("never exceeds the exhaustive optimum of a tiny request")
    func validOnTinyRequests() throws {
        var checked = 0
        for seed in UInt64(1)...150 {
            var generator = RequestGenerator(seed: seed &* 7 &+ 3)
            let request = generator.request(RequestShape(attendees: 3...7, tables: 2...3))
            guard let instance = try? request.makeInstance().get() else { continue }
            guard let optimum = ExhaustiveSearch(request).solve().optimum else { continue }
            let outcome = PatternBound(instance: instance, session: 0).solve(deadline: Date().addingTimeInterval(5))
            guard let outcome else { continue }
            checked += 1
            #expect(outcome.bound <= optimum + 1e-6, "seed \(seed): bound \(outcome.bound) above optimum \(optimum)")
        }
        #expect(checked >= 50, "too few feasible cases were checked: \(checked)")
    }

    @Test("equals the transportation bound when every table must be full, and its sizes seat everyone")
    func matchesTransportationWhenSizesAreForced() throws {
        for seed in UInt64(1)...6 {
            var rng = SplitMix64(seed: seed)
            let tables = 3 + Int(rng.next() % 4)
            let people = tables * 8
            let parties = ["D", "R", "Morena", "PAN", "PRI"]
            let industries = ["Gov", "Auto", "Energy", "Finance", "Retail", "Health"]
            let attendees = (0..<people).map { i in
                Attendee(id: "a\(i)", attributes: [
                    "party": .single(parties[Int(rng.next() % UInt64(parties.count))]),
                    "industry": .single(industries[Int(rng.next() % UInt64(industries.count))]),
                ])
            }
            let request = SeatingRequest(
                tables: (0..<tables).map { Table(id: "T\($0)", capacity: 8) }, attendees: attendees,
                objective: Objective(balance: ["party": 3, "industry": 1]))
            let instance = try request.makeInstance().get()
            let deadline = Date().addingTimeInterval(10)
            let pattern = try #require(PatternBound(instance: instance, session: 0).solve(deadline: deadline))
            let transportation = try #require(TransportationBound.bound(instance: instance, session: 0, deadline: deadline))
            #expect(pattern.exact)
            #expect(abs(pattern.bound - transportation) <= 1e-6 * max(1, transportation), "seed \(seed): \(pattern.bound) vs \(transportation)")
            let sizes = try #require(pattern.sizes)
            #expect(sizes.reduce(0, +) == people)
            #expect(sizes.allSatisfy { $0 == 8 })
        }
    }

    @Test("its sizes respect capacity and minSize and seat everyone when sizes are free")
    func sizesAreAPattern() throws {
        var rng = SplitMix64(seed: 11)
        let roles = ["legislator", "sponsor", "expert", "staff"]
        let attendees = (0..<53).map { i in
            Attendee(id: "a\(i)", attributes: ["role": .single(roles[Int(rng.next() % 4)])])
        }
        let request = SeatingRequest(
            tables: (0..<9).map { Table(id: "T\($0)", capacity: $0 < 4 ? 10 : 6, minSize: 4) }, attendees: attendees,
            objective: Objective(balance: ["role": 2]))
        let instance = try request.makeInstance().get()
        let outcome = try #require(PatternBound(instance: instance, session: 0).solve(deadline: Date().addingTimeInterval(10)))
        let sizes = try #require(outcome.sizes)
        #expect(sizes.reduce(0, +) == 53)
        for t in 0..<9 {
            #expect(sizes[t] == 0 || (sizes[t] >= 4 && sizes[t] <= instance.capacity[t]), "table \(t): \(sizes[t])")
        }
        // The plan found by the planner never beats the bound.
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 5))
        let total = try #require(plan.objective?.total)
        #expect(outcome.bound <= total + 1e-6)
    }

    @Test("the composition bound never exceeds the exhaustive optimum of a tiny request")
    func compositionBoundIsValid() throws {
        var checked = 0
        var forced = 0
        for seed in UInt64(1)...400 {
            var generator = RequestGenerator(seed: seed &* 13 &+ 5)
            let request = generator.request(RequestShape(attendees: 3...7, tables: 2...3))
            guard let instance = try? request.makeInstance().get() else { continue }
            let exhaustive = ExhaustiveSearch(request).solve()
            guard let optimum = exhaustive.optimum, let seat = exhaustive.seat else { continue }
            let items = SessionItems(instance: instance, session: 0)
            let bound = CompositionBound(instance: instance, session: 0, items: items)
            let start = seat.map { $0.map { $0 ?? -1 } }
            guard let outcome = bound.solve(from: start, deadline: Date().addingTimeInterval(5)) else { continue }
            checked += 1
            if !CompositionBound.bindingRules(instance, session: 0).isEmpty { forced += 1 }
            #expect(outcome.bound <= optimum + 1e-6, "seed \(seed): bound \(outcome.bound) above optimum \(optimum)")
        }
        #expect(checked >= 130, "too few cases were checked: \(checked)")
        // Hard rules on attributes that are not balanced, forcing every table, are kept.
        #expect(forced >= 8, "too few cases with a forcing rule on an attribute that is not balanced: \(forced)")
    }

    @Test("the composition bound is at least the transportation bound when sizes are forced")
    func compositionBoundDominatesTransportation() throws {
        for seed in UInt64(1)...4 {
            var rng = SplitMix64(seed: seed &+ 100)
            let tables = 4 + Int(rng.next() % 4)
            let roles = ["legislator", "official", "sponsor", "expert"]
            let countries = ["US", "MX"]
            let attendees = (0..<(tables * 8)).map { i in
                Attendee(id: "a\(i)", attributes: [
                    "role": .single(roles[Int(rng.next() % 4)]), "country": .single(countries[Int(rng.next() % 2)]),
                ])
            }
            let request = SeatingRequest(
                tables: (0..<tables).map { Table(id: "T\($0)", capacity: 8) }, attendees: attendees,
                objective: Objective(balance: ["role": 1, "country": 2]))
            let instance = try request.makeInstance().get()
            let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 3))
            let total = try #require(plan.objective?.total)
            var seat = [[Int]](repeating: [Int](repeating: -1, count: attendees.count), count: 1)
            let index = Dictionary(uniqueKeysWithValues: instance.tableIDs.enumerated().map { ($1, $0) })
            for assignment in plan.assignments { seat[0][Int(assignment.attendee.dropFirst()) ?? 0] = index[assignment.table] ?? -1 }
            let items = SessionItems(instance: instance, session: 0)
            let outcome = try #require(CompositionBound(instance: instance, session: 0, items: items).solve(from: seat, deadline: Date().addingTimeInterval(10)))
            let transportation = try #require(TransportationBound.bound(instance: instance, session: 0, deadline: Date().addingTimeInterval(10)))
            #expect(outcome.bound >= transportation - 1e-5 * max(1, transportation), "seed \(seed): \(outcome.bound) below \(transportation)")
            #expect(outcome.bound <= total + 1e-6, "seed \(seed): \(outcome.bound) above the plan's \(total)")
        }
    }

    @Test("a group that must sit together is counted whole")
    func groupsAreUnits() throws {
        // Four "A" in one group and four single "B" at two tables of four: the group fills
        // one table, so each table is 2 off in both values (w = 1): 8 in all. Bounds that
        // split groups see a perfect 2 + 2 mix and prove only 0.
        let attendees = (0..<4).map { Attendee(id: "a\($0)", attributes: ["party": .single("A")], group: "family") }
            + (0..<4).map { Attendee(id: "b\($0)", attributes: ["party": .single("B")]) }
        let request = SeatingRequest(
            tables: [Table(id: "T1", capacity: 4), Table(id: "T2", capacity: 4)], attendees: attendees,
            objective: Objective(balance: ["party": 1]))
        let instance = try request.makeInstance().get()
        let seat = [[0, 0, 0, 0, 1, 1, 1, 1]]
        let items = SessionItems(instance: instance, session: 0)
        let outcome = try #require(CompositionBound(instance: instance, session: 0, items: items).solve(from: seat, deadline: Date().addingTimeInterval(10)))
        #expect(abs(outcome.bound - 8) <= 1e-5, "bound \(outcome.bound)")
        let pattern = try #require(PatternBound(instance: instance, session: 0).solve(deadline: Date().addingTimeInterval(10)))
        #expect(pattern.bound <= 1e-6)
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 5))
        #expect(plan.status == .optimal)
        #expect(abs((plan.bound ?? 0) - 8) <= 1e-5)
    }

    @Test("a hard rule on an attribute that is not balanced counts where it binds")
    func bindingRulesCount() throws {
        // Two tables of two; party A, A, B, B (balance wants A + B at each). Every table needs
        // a speaker of "v" and of "w": b0 speaks both, a0 only v, a1 only w. So b0's table
        // needs no one else, the other needs a0 and a1: {b0, b1} and {a0, a1}, 2 off at each
        // table in both values, 4 in all. Without the rules the bound is 0.
        let attendees = [
            Attendee(id: "a0", attributes: ["party": .single("A"), "language": .multiple(["v"])]),
            Attendee(id: "a1", attributes: ["party": .single("A"), "language": .multiple(["w"])]),
            Attendee(id: "b0", attributes: ["party": .single("B"), "language": .multiple(["v", "w"])]),
            Attendee(id: "b1", attributes: ["party": .single("B"), "language": .multiple([])]),
        ]
        let rules = [Rule(attribute: "language", value: "v", min: 1), Rule(attribute: "language", value: "w", min: 1)]
        let request = SeatingRequest(
            tables: [Table(id: "T1", capacity: 2), Table(id: "T2", capacity: 2)], attendees: attendees,
            objective: Objective(balance: ["party": 1]), rules: rules)
        let optimum = try #require(ExhaustiveSearch(request).solve().optimum)
        #expect(abs(optimum - 4) <= 1e-9, "optimum \(optimum)")
        let instance = try request.makeInstance().get()
        let items = SessionItems(instance: instance, session: 0)
        let outcome = try #require(
            CompositionBound(instance: instance, session: 0, items: items).solve(from: [[1, 1, 0, 0]], deadline: Date().addingTimeInterval(10)))
        #expect(abs(outcome.bound - optimum) <= 1e-5, "bound \(outcome.bound), optimum \(optimum)")
        var relaxed = request
        relaxed.rules = []
        let loose = try relaxed.makeInstance().get()
        let free = try #require(
            CompositionBound(instance: loose, session: 0, items: SessionItems(instance: loose, session: 0))
                .solve(from: [[1, 1, 0, 0]], deadline: Date().addingTimeInterval(10)))
        #expect(free.bound <= 1e-6, "without the rules: \(free.bound)")
    }

    @Test("with an organization forced at every table, the composition bound stays below the exhaustive optimum and gains")
    func forcedOrganizationsKeepTheBoundValid() throws {
        var checked = 0
        var gained = 0
        for seed in UInt64(1)...60 {
            var rng = SplitMix64(seed: seed &+ 900)
            let tables = 2 + Int(rng.next() % 2)
            let count = tables + 1 + Int(rng.next() % UInt64(8 - tables))
            // The first `tables` attendees are one organization, one at every table.
            let attendees = (0..<count).map { i in
                Attendee(id: "a\(i)", attributes: [
                    "party": .single(["A", "B"][Int(rng.next() % 2)]), "country": .single(["US", "MX", "CA"][Int(rng.next() % 3)]),
                    "organization": .single(i < tables ? "org" : "own\(i)"),
                ])
            }
            let request = SeatingRequest(
                tables: (0..<tables).map { Table(id: "T\($0)", capacity: count) }, attendees: attendees,
                objective: Objective(balance: ["party": 2, "country": 1]), rules: [Rule(attribute: "organization", maxPerValue: 1)])
            let instance = try request.makeInstance().get()
            #expect(!CompositionBound.bindingRules(instance, session: 0).isEmpty, "seed \(seed): the organization is not kept")
            let exhaustive = ExhaustiveSearch(request).solve()
            guard let optimum = exhaustive.optimum, let seat = exhaustive.seat else { continue }
            let start = seat.map { $0.map { $0 ?? -1 } }
            let outcome = try #require(
                CompositionBound(instance: instance, session: 0, items: SessionItems(instance: instance, session: 0))
                    .solve(from: start, deadline: Date().addingTimeInterval(5)))
            checked += 1
            #expect(outcome.bound <= optimum + 1e-6, "seed \(seed): bound \(outcome.bound) above optimum \(optimum)")
            var relaxed = request
            relaxed.rules = []
            let loose = try relaxed.makeInstance().get()
            let free = try #require(
                CompositionBound(instance: loose, session: 0, items: SessionItems(instance: loose, session: 0))
                    .solve(from: start, deadline: Date().addingTimeInterval(5)))
            if outcome.bound > free.bound + 1e-6 { gained += 1 }
        }
        #expect(checked >= 50, "too few cases were checked: \(checked)")
        #expect(gained >= 5, "the organization raised the bound in only \(gained) cases")
    }

    @Test("rounding the composition LP seats everyone, families together, within capacity, never below the bound")
    func roundingSeatsEveryone() throws {
        var rng = SplitMix64(seed: 77)
        let roles = ["legislator", "official", "sponsor", "expert", "staff"]
        let countries = ["US", "MX"]
        var attendees: [Attendee] = []
        var family = 0
        while attendees.count < 90 {
            let country = countries[Int(rng.next() % 2)]
            var person = Attendee(id: "a\(attendees.count)", attributes: [
                "role": .single(roles[Int(rng.next() % 5)]), "country": .single(country),
            ])
            if rng.next() % 6 == 0 {
                person.group = "f\(family)"
                attendees.append(person)
                attendees.append(Attendee(id: "a\(attendees.count)", attributes: ["role": .single("family"), "country": .single(country)], group: "f\(family)"))
                family += 1
            } else {
                attendees.append(person)
            }
        }
        let request = SeatingRequest(
            tables: (0..<12).map { Table(id: "T\($0)", capacity: 10, minSize: 5) }, attendees: attendees,
            objective: Objective(balance: ["role": 1, "country": 2]))
        let instance = try request.makeInstance().get()
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 3))
        var seat = [[Int]](repeating: [Int](repeating: -1, count: attendees.count), count: 1)
        let index = Dictionary(uniqueKeysWithValues: instance.tableIDs.enumerated().map { ($1, $0) })
        for assignment in plan.assignments { seat[0][Int(assignment.attendee.dropFirst()) ?? 0] = index[assignment.table] ?? -1 }
        let items = SessionItems(instance: instance, session: 0)
        let bound = CompositionBound(instance: instance, session: 0, items: items)
        let outcome = try #require(bound.solve(from: seat, deadline: Date().addingTimeInterval(10)))
        let rounded = try #require(CompositionRounding(bound: bound).seat(columns: outcome.columns, from: seat, deadline: Date().addingTimeInterval(10), seed: 1))
        #expect(rounded[0].allSatisfy { $0 >= 0 }, "someone is left unseated")
        for member in items.members where member.count > 1 {
            #expect(Set(member.map { rounded[0][$0] }).count == 1, "a family is split")
        }
        var sizes = [Int](repeating: 0, count: 12)
        for t in rounded[0] where t >= 0 { sizes[t] += 1 }
        #expect(sizes.allSatisfy { $0 == 0 || (5...10).contains($0) }, "sizes \(sizes)")
        let cost = instance.sessionCost(rounded, session: 0)
        #expect(cost >= outcome.bound - 1e-6, "rounded cost \(cost) below the bound \(outcome.bound)")
        #expect(instance.violations(rounded).isEmpty)
    }
}
