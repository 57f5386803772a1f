import Foundation
import MIP
import Testing

@testable import RoundTable

/// The integer program, without any solver: every valid seating is a feasible point whose
/// objective is its MODEL.md score, and no seating that breaks a hard constraint is feasible.
@Suite("The formulation encodes seatings faithfully")
struct FormulationTests {
    /// `seat[s][i]` with -1 for no seat, from the reference model's optional seats.
    static func indices(_ seat: [[Int?]]) -> [[Int]] { seat.map { $0.map { $0 ?? -1 } } }

    @Test func validSeatingsAreFeasiblePointsScoredExactly() throws {
        var checked = 0
        var rejected = 0
        for seed in UInt64(10_000)..<10_080 {
            var generator = RequestGenerator(seed: seed)
            let request = generator.request(
                RequestShape(attendees: 3...5, tables: 2...3, sessions: 1...3, topics: seed % 2 == 0, rules: 0...2, hardRule: 0.5))
            let context = "seed \(seed): \(RequestJSONWriter.string(request))"
            let instance = try request.makeInstance().get()
            let items = (0..<instance.sessionCount).map { SessionItems(instance: instance, session: $0) }
            guard items.allSatisfy(\.conflicts.isEmpty) else { continue }
            let model = ReferenceModel(request)
            let linked = SeatingFormulation(instance: instance, items: items, linked: true)
            let perSession = SeatingFormulation(instance: instance, items: items, linked: false)
            #expect(throws: Never.self) { try linked.program.validate() }

            var seatings: [[[Int?]]] = []
            if let best = ExhaustiveSearch(request).solve().seat { seatings.append(best) }
            var rng = SplitMix64(seed: seed)
            for _ in 0..<20 {
                seatings.append((0..<model.sessionCount).map { s in
                    let tables = model.tables(in: s)
                    return (0..<model.attendeeCount).map { i in model.attends[i][s] && !tables.isEmpty ? rng.pick(tables) : nil }
                })
            }
            for seat in seatings {
                let reference = model.score(seat: seat)
                let encoded = linked.encode(Self.indices(seat))
                if reference.isValid {
                    checked += 1
                    let values = try #require(encoded, "a valid seating has no columns; \(context)")
                    #expect(linked.program.isFeasible(values), "a valid seating breaks a row; \(seat); \(context)")
                    let objective = linked.program.objective(of: values)
                    #expect(agrees(objective, reference.total), "linked objective \(objective), score \(reference.total); \(seat); \(context)")
                    if let values = perSession.encode(Self.indices(seat)) {
                        #expect(perSession.program.isFeasible(values), "\(seat); \(context)")
                        let bound = perSession.program.objective(of: values)
                        // Per session, topics cost their rank in each session: never more than the true term.
                        #expect(bound <= reference.total + tolerance(reference.total), "\(bound) > \(reference.total); \(context)")
                        if model.sessionCount == 1 {
                            #expect(agrees(bound, reference.total), "single session: \(bound) vs \(reference.total); \(context)")
                        }
                    } else {
                        Issue.record("a valid seating has no per-session columns; \(seat); \(context)")
                    }
                } else if groupsSitTogether(seat, model) {
                    // The program must not admit it (a split group cannot even be written as columns).
                    rejected += 1
                    if let values = encoded {
                        #expect(!linked.program.isFeasible(values), "an invalid seating is feasible: \(reference.violations); \(seat); \(context)")
                    }
                }
            }
        }
        #expect(checked > 40 && rejected > 200, "checked \(checked) valid, \(rejected) invalid seatings")
    }

    private func groupsSitTogether(_ seat: [[Int?]], _ model: ReferenceModel) -> Bool {
        for s in 0..<model.sessionCount {
            for i in 0..<model.attendeeCount {
                for j in 0..<model.attendeeCount where model.sameGroup[i][j] && model.attends[i][s] && model.attends[j][s] {
                    if seat[s][i] != seat[s][j] { return false }
                }
            }
        }
        return true
    }
}
