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

    @Test func twoRunsReturnAValidSeatingNoWorseThanTheStart() throws {
        let (run, search, start) = try Self.conference()
        let instance = run.instance
        let seat = try #require(
            run.anneal(search, workers: 2, until: Date().addingTimeInterval(1.5), target: nil, scale: 1, endRatio: 1e-2, floor: nil))
        #expect(instance.violations(seat).isEmpty)
        #expect(instance.score(seat).total <= instance.score(start).total + 1e-9)
        // Everyone present is seated in every session they attend, and nobody else.
        for s in 0..<instance.sessionCount {
            #expect(Set(instance.presentIn[s]) == Set((0..<instance.attendeeCount).filter { seat[s][$0] >= 0 }))
        }
    }

    /// A target the start already meets ends every run at once, with the start kept.
    @Test func aTargetTheStartMeetsStopsAtOnce() throws {
        let (run, search, start) = try Self.conference()
        let total = run.instance.score(start).total
        let begin = Date()
        let seat = try #require(
            run.anneal(search, workers: 2, until: Date().addingTimeInterval(20), target: total + 1e-6, scale: 1, endRatio: 1e-2, floor: nil))
        #expect(Date().timeIntervalSince(begin) < 10)
        #expect(run.instance.score(seat).total <= total + 1e-9)
    }
}
