import Foundation
import RoundTable
import Testing

/// One hand-made request at a corner of MODEL.md.
struct EdgeCase: Sendable, CustomTestStringConvertible {
    var name: String
    var request: SeatingRequest
    var testDescription: String { name }
}

/// Corners of MODEL.md that random generation reaches rarely, each planned and checked
/// against the exhaustive search exactly like the random cases.
@Suite("Corner cases of the model plan to the exhaustive optimum")
struct EdgeCaseTests {
    static let cases: [EdgeCase] = {
        func t(_ id: String, _ capacity: Int, minSize: Int = 0, topic: String? = nil, sessions: [String]? = nil) -> Table {
            Table(id: id, capacity: capacity, minSize: minSize, topic: topic, sessions: sessions)
        }
        func a(_ id: String, _ attributes: [String: AttributeValue] = [:], group: String? = nil, avoid: [String] = [],
               sessions: [String]? = nil, pin: Pin? = nil, topics: [String] = []) -> Attendee {
            Attendee(id: id, attributes: attributes, group: group, avoid: avoid, sessions: sessions, pin: pin, topics: topics)
        }
        let trilingual: AttributeValue = .multiple(["es", "en", "fr"])
        return [
            EdgeCase(name: "no attendees", request: SeatingRequest(tables: [t("T1", 2)], attendees: [])),
            EdgeCase(
                name: "a session nobody attends",
                request: SeatingRequest(
                    sessions: ["S0", "S1"], tables: [t("T1", 2), t("T2", 2)],
                    attendees: [a("a1", sessions: ["S0"]), a("a2", sessions: ["S0"]), a("a3", sessions: ["S0"])])),
            EdgeCase(
                name: "an attendee attending no session",
                request: SeatingRequest(
                    sessions: ["S0", "S1"], tables: [t("T1", 2), t("T2", 2)],
                    attendees: [a("a1", sessions: []), a("a2"), a("a3")])),
            EdgeCase(
                name: "a table available in no session",
                request: SeatingRequest(
                    sessions: ["S0", "S1"], tables: [t("T1", 3), t("T2", 3, sessions: [])],
                    attendees: [a("a1"), a("a2"), a("a3")])),
            EdgeCase(
                name: "minDistinct above the largest table, met by multi-valued attendees",
                request: SeatingRequest(
                    tables: [t("T1", 2), t("T2", 2)],
                    attendees: [a("a1", ["language": trilingual]), a("a2", ["language": trilingual]), a("a3", ["language": trilingual])],
                    rules: [Rule(attribute: "language", minDistinct: 3)])),
            EdgeCase(
                name: "minDistinct 3 at tables of 2 from two bilingual attendees",
                request: SeatingRequest(
                    tables: [t("T1", 2), t("T2", 2)],
                    attendees: [
                        a("a1", ["language": .multiple(["es", "en"])]), a("a2", ["language": .multiple(["fr", "en"])]),
                        a("a3", ["language": .multiple(["es", "fr"])]), a("a4", ["language": .multiple(["es", "en"])]),
                    ],
                    rules: [Rule(attribute: "language", minDistinct: 3)])),
            EdgeCase(
                name: "a group of three with a member absent in one session and a pinned member",
                request: SeatingRequest(
                    sessions: ["S0", "S1"], tables: [t("T1", 3), t("T2", 3)],
                    attendees: [
                        a("a1", group: "g"), a("a2", group: "g", sessions: ["S1"]), a("a3", group: "g", pin: .perSession(["S0": "T2"])),
                        a("a4"), a("a5", avoid: ["a1"]),
                    ])),
            EdgeCase(
                name: "a string pin to a table closed in an attended session",
                request: SeatingRequest(
                    sessions: ["S0", "S1"], tables: [t("T1", 3, sessions: ["S1"]), t("T2", 3)],
                    attendees: [a("a1", pin: .table("T1")), a("a2")])),
            EdgeCase(
                name: "a soft min on a value nobody holds",
                request: SeatingRequest(
                    tables: [t("T1", 2), t("T2", 2)], attendees: [a("a1"), a("a2"), a("a3")],
                    rules: [Rule(attribute: "role", value: "legislator", min: 1, weight: 2)])),
            EdgeCase(
                name: "a hard min on a value nobody holds",
                request: SeatingRequest(
                    tables: [t("T1", 2), t("T2", 2)], attendees: [a("a1"), a("a2")],
                    rules: [Rule(attribute: "role", value: "legislator", min: 1)])),
            EdgeCase(
                name: "a weight-0 rule is free",
                request: SeatingRequest(
                    tables: [t("T1", 3)], attendees: [a("a1", ["party": .single("A")]), a("a2", ["party": .single("A")])],
                    rules: [Rule(attribute: "party", maxPerValue: 1, weight: 0)])),
            EdgeCase(
                name: "min, max, maxPerValue and minDistinct in one soft rule",
                request: SeatingRequest(
                    tables: [t("T1", 3), t("T2", 3)],
                    attendees: (1...5).map { a("a\($0)", ["party": .single($0 <= 3 ? "A" : "B")]) },
                    rules: [Rule(attribute: "party", value: "A", min: 2, max: 2, maxPerValue: 1, minDistinct: 3, weight: 1.5)])),
            EdgeCase(
                name: "balance on an attribute nobody has, and an empty multi-value",
                request: SeatingRequest(
                    tables: [t("T1", 2), t("T2", 2)],
                    attendees: [a("a1", ["language": .multiple([])]), a("a2", ["language": .single("es")]), a("a3")],
                    objective: Objective(balance: ["country": 2, "language": 1]))),
            EdgeCase(
                name: "topics listed twice, unlisted, empty, over three sessions",
                request: SeatingRequest(
                    sessions: ["S0", "S1", "S2"],
                    tables: [t("T1", 2, topic: "rail"), t("T2", 2, topic: "water"), t("T3", 2)],
                    attendees: [
                        a("a1", topics: ["rail", "rail", "energy"]), a("a2", topics: ["food"]), a("a3", topics: []),
                        a("a4", topics: ["water", "rail"]),
                    ],
                    objective: Objective(size: 0, topics: 1, repeats: 0))),
            EdgeCase(
                name: "repeats between group members are free",
                request: SeatingRequest(
                    sessions: ["S0", "S1", "S2"], tables: [t("T1", 2), t("T2", 2)],
                    attendees: [a("a1", group: "g"), a("a2", group: "g"), a("a3"), a("a4")],
                    objective: Objective(size: 1, repeats: 2))),
            EdgeCase(
                name: "minSize forces one table to stay empty",
                request: SeatingRequest(
                    tables: [t("T1", 4, minSize: 3), t("T2", 4, minSize: 3)], attendees: (1...4).map { a("a\($0)") })),
            EdgeCase(
                name: "avoid listed by both sides",
                request: SeatingRequest(
                    tables: [t("T1", 2), t("T2", 2)],
                    attendees: [a("a1", avoid: ["a2"]), a("a2", avoid: ["a1"]), a("a3", avoid: ["a4"]), a("a4")])),
        ]
    }()

    @Test(arguments: cases)
    func cornerCasePlansToTheExhaustiveOptimum(_ example: EdgeCase) async {
        var tally = StatusTally()
        await BruteForceTests.check(
            example.request, context: "\(example.name): \(RequestJSONWriter.string(example.request))", tally: &tally)
        #expect(tally.cases == 1)
    }

    @Test func zeroTimeLimitStillReturnsAnHonestStatus() throws {
        var generator = RequestGenerator(seed: 77)
        let request = generator.request(RequestShape(attendees: 6...6, tables: 3...3, sessions: 2...2))
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 0))
        if plan.status == .optimal || plan.status == .feasible {
            let reference = ReferenceScorer.score(request, plan.assignments)
            #expect(reference.isValid, "\(reference.violations)")
            #expect(agrees(plan.objective?.total ?? .nan, reference.total))
        }
        if plan.status == .infeasible {
            #expect(ExhaustiveSearch(request).solve().optimum == nil, "claims infeasible with no time to prove it")
        }
    }

    @Test func negativeOrNonFiniteSolveOptionsAreRequestErrors() {
        let request = SeatingRequest(tables: [Table(id: "T1", capacity: 2)], attendees: [Attendee(id: "a1")])
        let invalid = [
            SolveOptions(timeLimit: -1), SolveOptions(timeLimit: .nan), SolveOptions(timeLimit: 5, relativeGap: -0.1),
            SolveOptions(timeLimit: 5, sessionTolerance: -0.01), SolveOptions(timeLimit: 5, sessionTolerance: .infinity),
        ]
        for options in invalid {
            #expect(throws: RequestError.self) { try Planner.plan(request, options: options) }
        }
    }
}
