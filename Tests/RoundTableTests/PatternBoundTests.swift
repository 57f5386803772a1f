import Foundation
import Testing

@testable import RoundTable

/// The size-pattern bound: never above the exhaustive optimum, equal to the
/// transportation bound when sizes are forced, and its pattern seats everyone.
@Suite("The size-pattern bound is valid and exact for its relaxation")
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
}
