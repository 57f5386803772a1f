import Foundation
import RoundTable
import RoundTableJSON
import Testing

/// `firstPlan`: the registration server's mode. The first valid plan comes back at once,
/// scored as MODEL.md says, with a bound that holds.
@Suite("The first valid plan, returned early on request")
struct FirstPlanTests {
    @Test("the bundled conference: a valid plan, scored exactly, with a valid bound, well before the limit")
    func conferenceFirstPlan() async throws {
        let request = try RequestReader.read(try FixtureFiles.data("conference.json"), file: "conference.json")
        let first = try await Planner.plan(request, options: SolveOptions(timeLimit: 60, firstPlan: true))
        #expect(first.method == "first-plan")
        #expect(first.status == .feasible || first.status == .optimal)
        let reference = ReferenceScorer.score(request, first.assignments)
        #expect(reference.isValid, "invalid first plan: \(reference.violations.prefix(3))")
        let total = try #require(first.objective?.total)
        #expect(abs(reference.total - total) <= 1e-6 * max(1, abs(total)), "reported \(total), reference \(reference.total)")
        // It stopped at the first plan: far from the 60 s limit.
        #expect(first.seconds < 30, "took \(first.seconds) s")
        // Its bound holds against a full run's plan too. The full run gets 20 s: this test
        // runs beside the heaviest ones (it took 121 s in all on CI), and once, in a debug
        // build on two busy cores, a 5 s run found no valid plan.
        let full = try await Planner.plan(request, options: SolveOptions(timeLimit: 20))
        let bound = try #require(first.bound)
        let fullTotal = try #require(full.objective?.total, "full run: \(full.status), \(full.explanation)")
        #expect(bound <= fullTotal + 1e-6)
        #expect(bound <= total + 1e-6)
    }
}
