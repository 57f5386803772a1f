import Foundation
import RoundTable
import Testing

/// How the planner's claims fell over a batch of random cases.
struct StatusTally: CustomStringConvertible {
    var optimal = 0
    var feasible = 0
    var infeasible = 0
    var unknown = 0
    /// Cases the exhaustive search proved infeasible.
    var exhaustiveInfeasible = 0
    var cases = 0

    mutating func count(_ status: SolveStatus) {
        cases += 1
        switch status {
        case .optimal: optimal += 1
        case .feasible: feasible += 1
        case .infeasible: infeasible += 1
        case .unknown: unknown += 1
        }
    }

    var description: String {
        "\(cases) cases: \(optimal) optimal, \(feasible) feasible, \(infeasible) infeasible, \(unknown) unknown; exhaustive search: \(cases - exhaustiveInfeasible) feasible, \(exhaustiveInfeasible) infeasible"
    }
}

/// Tiny random requests (MODEL.md v1) planned by the library and solved by exhaustive search:
/// every claim the planner makes (status, total, each term, bound, validity) must hold.
@Suite("Planner claims match an exhaustive search on tiny requests")
struct BruteForceTests {
    static let options = SolveOptions(timeLimit: 10)

    /// Plans the case of `seed` and checks it against the exhaustive optimum.
    static func check(
        seed: UInt64, shape: RequestShape, options: SolveOptions = options, tally: inout StatusTally
    ) async {
        var generator = RequestGenerator(seed: seed)
        let request = generator.request(shape)
        await check(request, context: "seed \(seed): \(RequestJSONWriter.string(request))", options: options, tally: &tally)
    }

    /// Plans `request` and checks every claim against the exhaustive optimum. With the default
    /// options a plan must be found whenever one exists; with tighter ones, `unknown` is allowed.
    static func check(
        _ request: SeatingRequest, context: String, options: SolveOptions = options, tally: inout StatusTally
    ) async {
        let generous = options.timeLimit >= Self.options.timeLimit && options.relativeGap == 0
        let issues = request.validationIssues()
        #expect(issues.isEmpty, "a valid v1 request was rejected: \(issues); \(context)")
        guard issues.isEmpty else { return }

        let exhaustive = ExhaustiveSearch(request).solve()
        let model = ReferenceModel(request)
        if let seat = exhaustive.seat, let optimum = exhaustive.optimum {
            // The search's fast arithmetic must agree with the reference scorer on its own answer.
            let rescored = model.score(seat: seat)
            #expect(rescored.isValid, "exhaustive search chose an invalid seating: \(rescored); \(context)")
            #expect(agrees(rescored.total, optimum), "exhaustive total \(optimum) vs reference \(rescored.total); \(context)")
        } else {
            tally.exhaustiveInfeasible += 1
        }

        let plan: SeatingPlan
        do {
            // The async planner runs on its own thread and leaves Swift's cooperative pool free
            // for the other suites running in parallel.
            plan = try await Planner.plan(request, options: options)
        } catch {
            Issue.record("plan threw \(error) on a valid request; \(context)")
            return
        }
        tally.count(plan.status)
        let claim = "status \(plan.status), objective \(String(describing: plan.objective)), bound \(String(describing: plan.bound)), method \(plan.method)"

        guard let optimum = exhaustive.optimum else {
            #expect(
                plan.status == .infeasible || plan.status == .unknown,
                "no valid seating exists, but the planner claims \(claim); \(context)")
            return
        }
        #expect(plan.status != .infeasible, "planner claims infeasible; exhaustive optimum \(optimum); \(context)")
        // A few hundred seatings at most: ten seconds is ample to find a valid one.
        #expect(!generous || plan.status != .unknown, "planner found no plan; exhaustive optimum \(optimum); \(context)")
        guard plan.status == .optimal || plan.status == .feasible else { return }

        let reference = ReferenceScorer.score(request, plan.assignments)
        #expect(reference.isValid, "the plan breaks hard constraints: \(reference.violations); \(context)")
        guard let objective = plan.objective else {
            Issue.record("a \(plan.status) plan has no objective; \(context)")
            return
        }
        for (term, claimed, actual) in [
            ("balance", objective.balance, reference.balance), ("size", objective.size, reference.size),
            ("topics", objective.topics, reference.topics), ("repeats", objective.repeats, reference.repeats),
            ("rules", objective.rules, reference.rules), ("total", objective.total, reference.total),
        ] {
            #expect(agrees(claimed, actual), "\(term): plan reports \(claimed), reference scorer \(actual); \(context)")
        }
        var ignored: [String] = []
        let planSeat = model.seating(plan.assignments, violations: &ignored)
        #expect(plan.peopleMet == model.peopleMet(seat: planSeat), "peopleMet differs; \(context)")

        let total = objective.total
        switch plan.status {
        case .optimal:
            #expect(agrees(total, optimum), "claims optimal \(total), true optimum \(optimum); \(claim); \(context)")
            if let bound = plan.bound {
                #expect(agrees(bound, optimum), "optimal plan's bound \(bound) vs true optimum \(optimum); \(context)")
            } else {
                Issue.record("an optimal plan has no bound; \(context)")
            }
        default:
            #expect(total >= optimum - tolerance(optimum), "feasible total \(total) below the true optimum \(optimum); \(context)")
            if let bound = plan.bound {
                #expect(bound <= optimum + tolerance(optimum), "bound \(bound) above the true optimum \(optimum); \(context)")
            }
            // On tiny requests the time limit never binds: the search stops at the gap asked for.
            if options.timeLimit >= Self.options.timeLimit {
                #expect(
                    (plan.relativeGap ?? .infinity) <= options.relativeGap + 1e-6,
                    "stopped at gap \(String(describing: plan.relativeGap)), asked for \(options.relativeGap); \(claim); \(context)")
            }
        }
    }

    static func run(seeds: Range<UInt64>, shape: RequestShape) async -> StatusTally {
        var tally = StatusTally()
        for seed in seeds { await check(seed: seed, shape: shape, tally: &tally) }
        return tally
    }

    @Test func singleSessionClaimsMatchTheExhaustiveOptimum() async {
        let shape = RequestShape(attendees: 3...6, tables: 2...3, sessions: 1...1, rules: 0...2, hardRule: 0.3, extras: 0.3)
        let tally = await Self.run(seeds: 1000..<1090, shape: shape)
        #expect(tally.optimal >= (tally.cases - tally.exhaustiveInfeasible) * 9 / 10, "\(tally)")
        #expect(tally.optimal > 0 && tally.exhaustiveInfeasible > 0, "both kinds must be exercised: \(tally)")
        print("single session: \(tally)")
    }

    @Test func multiSessionClaimsWithRepeatsMatchTheExhaustiveOptimum() async {
        let two = RequestShape(attendees: 3...6, tables: 2...3, sessions: 2...2, rules: 0...1, hardRule: 0.3, extras: 0.3)
        var tally = await Self.run(seeds: 2000..<2060, shape: two)
        let three = RequestShape(attendees: 3...4, tables: 2...3, sessions: 3...3, rules: 0...1, hardRule: 0.3, extras: 0.3)
        let more = await Self.run(seeds: 3000..<3025, shape: three)
        tally.optimal += more.optimal
        tally.feasible += more.feasible
        tally.infeasible += more.infeasible
        tally.unknown += more.unknown
        tally.exhaustiveInfeasible += more.exhaustiveInfeasible
        tally.cases += more.cases
        #expect(tally.optimal >= (tally.cases - tally.exhaustiveInfeasible) * 9 / 10, "\(tally)")
        #expect(tally.optimal > 0 && tally.exhaustiveInfeasible > 0, "both kinds must be exercised: \(tally)")
        print("multi session: \(tally)")
    }

    @Test func topicClaimsMatchTheExhaustiveOptimum() async {
        let shape = RequestShape(attendees: 3...5, tables: 2...3, sessions: 1...3, topics: true, rules: 0...1, hardRule: 0.2, extras: 0.25)
        var tally = StatusTally()
        for seed in UInt64(4000)..<4070 {
            var shape = shape
            // Three sessions only with few attendees, so exhaustive search stays small.
            if seed % 3 == 0 { shape.attendees = 3...4 } else { shape.sessions = 1...2 }
            await Self.check(seed: seed, shape: shape, tally: &tally)
        }
        #expect(tally.optimal >= (tally.cases - tally.exhaustiveInfeasible) * 9 / 10, "\(tally)")
        #expect(tally.optimal > 0, "\(tally)")
        print("topics: \(tally)")
    }

    @Test func hardRuleInfeasibilityMatchesExhaustiveSearch() async {
        let shape = RequestShape(
            attendees: 3...6, tables: 2...3, sessions: 1...2, rules: 1...2, hardRule: 0.9, extras: 0.35, enoughSeats: 0.95)
        let tally = await Self.run(seeds: 5000..<5070, shape: shape)
        #expect(tally.optimal > 0 && tally.infeasible > 0, "both outcomes must be exercised: \(tally)")
        #expect(tally.infeasible == tally.exhaustiveInfeasible, "\(tally)")
        print("hard rules: \(tally)")
    }

    /// Stopping early (a relative gap, or a very short time limit) must not make any claim
    /// untrue: a `feasible` total is never below the optimum, a bound never above it.
    @Test func claimsHoldWhenStoppingEarly() async {
        var tally = StatusTally()
        for seed in UInt64(9000)..<9060 {
            let shape = RequestShape(attendees: 4...6, tables: 2...3, sessions: 1...2, topics: seed % 3 == 0, rules: 0...2, hardRule: 0.3)
            let options = seed % 2 == 0 ? SolveOptions(timeLimit: 10, relativeGap: 0.3) : SolveOptions(timeLimit: 0.02)
            await Self.check(seed: seed, shape: shape, options: options, tally: &tally)
        }
        #expect(tally.optimal + tally.feasible > 0, "\(tally)")
        print("stopping early: \(tally)")
    }

    /// Requests too big for exhaustive search: two runs with different seeds must agree on what
    /// they prove. A proven bound of one run never exceeds the other run's valid total, and two
    /// optimal claims have the same total.
    @Test func runsWithDifferentSeedsAgreeOnMediumRequests() async throws {
        var optimal = 0
        for seed in UInt64(11_000)..<11_005 {
            var generator = RequestGenerator(seed: seed)
            let request = generator.request(
                RequestShape(attendees: 10...16, tables: 3...4, sessions: 2...3, topics: true, rules: 1...2, hardRule: 0.3, extras: 0.3,
                             capacity: 3...6))
            let context = "seed \(seed): \(RequestJSONWriter.string(request))"
            var plans: [SeatingPlan] = []
            for runSeed: UInt64 in [1, 2] {
                plans.append(try await Planner.plan(request, options: SolveOptions(timeLimit: 3, seed: runSeed)))
            }
            let statuses = plans.map(\.status)
            #expect(!(statuses.contains(.infeasible) && (statuses.contains(.optimal) || statuses.contains(.feasible))), "\(statuses); \(context)")
            for plan in plans where plan.status == .optimal || plan.status == .feasible {
                let reference = ReferenceScorer.score(request, plan.assignments)
                #expect(reference.isValid, "\(reference.violations); \(context)")
                #expect(agrees(plan.objective?.total ?? .nan, reference.total), "\(String(describing: plan.objective)) vs \(reference); \(context)")
                for other in plans {
                    guard let bound = other.bound else { continue }
                    #expect(bound <= reference.total + tolerance(reference.total), "bound \(bound) above a valid total \(reference.total); \(context)")
                }
            }
            if statuses == [.optimal, .optimal] {
                optimal += 1
                #expect(agrees(plans[0].objective?.total ?? .nan, plans[1].objective?.total ?? .nan), "two optima differ; \(context)")
            }
        }
        print("medium requests: \(optimal) of 5 proved optimal twice")
    }

    /// Rules on a multi-valued attribute count an attendee once per value held, so a
    /// small table can hold more distinct values than seats.
    @Test func multiValuedRuleClaimsMatchExhaustiveSearch() async {
        let shape = RequestShape(
            attendees: 3...6, tables: 2...3, sessions: 1...1, rules: 1...2, hardRule: 0.7, extras: 0.2, enoughSeats: 1,
            capacity: 1...2, multiValued: 1, languageRules: 1, languagesHeld: 2...4, ruleForms: [0, 1, 2, 3, 3, 3])
        let tally = await Self.run(seeds: 7100..<7180, shape: shape)
        #expect(tally.optimal > 0 && tally.infeasible > 0, "both outcomes must be exercised: \(tally)")
        #expect(tally.infeasible == tally.exhaustiveInfeasible, "\(tally)")
        print("multi-valued rules: \(tally)")
    }

    /// `request.score` and the reference scorer agree on every term and on validity, for random
    /// well-formed seatings (valid or breaking hard constraints) and for malformed ones.
    @Test func libraryScoreMatchesTheReferenceScorerOnRandomSeatings() async throws {
        var valid = 0
        var invalid = 0
        var malformed = 0
        for seed in UInt64(6000)..<6150 {
            var generator = RequestGenerator(seed: seed)
            let shape = RequestShape(
                attendees: 3...8, tables: 2...4, sessions: 1...3, topics: seed % 2 == 0, rules: 0...3, hardRule: 0.5,
                extras: 0.4)
            let request = generator.request(shape)
            await Task.yield()  // CPU-bound: let other suites' tasks run
            let context = "seed \(seed): \(RequestJSONWriter.string(request))"
            guard request.validationIssues().isEmpty else {
                Issue.record("a valid v1 request was rejected; \(context)")
                continue
            }
            let model = ReferenceModel(request)
            var rng = SplitMix64(seed: seed &* 7919)
            var seatings: [[[Int?]]] = []
            for _ in 0..<12 {
                seatings.append((0..<model.sessionCount).map { s in
                    let tables = model.tables(in: s)
                    return (0..<model.attendeeCount).map { i in
                        model.attends[i][s] && !tables.isEmpty ? rng.pick(tables) : nil
                    }
                })
            }
            if model.attendeeCount <= 5, model.sessionCount <= 2, let best = ExhaustiveSearch(request).solve().seat {
                seatings.append(best)
            }
            for (k, seat) in seatings.enumerated() {
                var assignments = model.assignments(seat: seat)
                if model.sessionCount == 1, rng.chance(0.3) {
                    assignments = assignments.map { Assignment(attendee: $0.attendee, session: nil, table: $0.table) }
                }
                let broken = k % 4 == 3 ? Self.breakStructure(&assignments, model: model, rng: &rng) : nil
                let report = try request.score(assignments)
                let reference = ReferenceScorer.score(request, assignments)
                let where_ = "seating \(assignments), \(broken ?? "well-formed"); \(context)"
                #expect(
                    report.isValid == reference.isValid,
                    "library violations \(report.violations.map(\.message)), reference \(reference.violations); \(where_)")
                if broken != nil {
                    malformed += 1
                    #expect(!report.isValid, "a malformed plan (\(broken ?? "")) is reported valid; \(where_)")
                    continue
                }
                if reference.isValid { valid += 1 } else { invalid += 1 }
                let terms = report.breakdown
                for (term, library, ours) in [
                    ("balance", terms.balance, reference.balance), ("size", terms.size, reference.size),
                    ("topics", terms.topics, reference.topics), ("repeats", terms.repeats, reference.repeats),
                    ("rules", terms.rules, reference.rules), ("total", terms.total, reference.total),
                ] {
                    #expect(agrees(library, ours), "\(term): library \(library), reference \(ours); \(where_)")
                }
                #expect(report.peopleMet == model.peopleMet(seat: seat), "peopleMet differs; \(where_)")
            }
        }
        #expect(valid > 50 && invalid > 50 && malformed > 50, "valid \(valid), invalid \(invalid), malformed \(malformed)")
        print("scorer agreement: \(valid) valid, \(invalid) invalid, \(malformed) malformed seatings")
    }

    /// Breaks a well-formed plan in one of the ways MODEL.md calls invalid; returns how.
    static func breakStructure(_ assignments: inout [Assignment], model: ReferenceModel, rng: inout SplitMix64) -> String? {
        let sessionOf: (Int) -> String? = { s in model.sessionCount == 1 ? nil : model.sessionNames[s] }
        var options: [String] = ["unknown attendee", "unknown table", "unknown session"]
        if !assignments.isEmpty { options += ["missing seat", "second entry", "second entry elsewhere"] }
        if model.sessionCount > 1, !assignments.isEmpty { options.append("no session") }
        let absent = (0..<model.sessionCount).flatMap { s in
            (0..<model.attendeeCount).filter { !model.attends[$0][s] }.map { (s, $0) }
        }
        if !absent.isEmpty, model.tableCount > 0 { options.append("absent attendee seated") }
        let closed = (0..<model.sessionCount).flatMap { s in (0..<model.tableCount).filter { !model.available[$0][s] }.map { (s, $0) } }
        let presentWithClosed = closed.filter { s, _ in assignments.contains { $0.session == model.sessionNames[s] } }
        if !presentWithClosed.isEmpty { options.append("unavailable table") }
        let how = rng.pick(options)
        switch how {
        case "unknown attendee":
            assignments.append(Assignment(attendee: "nobody", session: sessionOf(0), table: model.tableIDs[0]))
        case "unknown table":
            let k = assignments.indices.randomElement(using: &rng)
            if let k { assignments[k].table = "T99" } else {
                assignments.append(Assignment(attendee: model.attendeeIDs[0], session: sessionOf(0), table: "T99"))
            }
        case "unknown session":
            assignments.append(Assignment(attendee: model.attendeeIDs[0], session: "Sun", table: model.tableIDs[0]))
        case "missing seat":
            assignments.remove(at: Int.random(in: 0..<assignments.count, using: &rng))
        case "second entry":
            assignments.append(rng.pick(assignments))
        case "second entry elsewhere":
            var entry = rng.pick(assignments)
            entry.table = model.tableIDs.first { $0 != entry.table } ?? "T99"
            assignments.append(entry)
        case "no session":
            let k = Int.random(in: 0..<assignments.count, using: &rng)
            assignments[k].session = nil
        case "absent attendee seated":
            let (s, i) = rng.pick(absent)
            assignments.append(Assignment(attendee: model.attendeeIDs[i], session: model.sessionNames[s], table: rng.pick(model.tableIDs)))
        default:  // unavailable table
            let (s, t) = rng.pick(presentWithClosed)
            let k = assignments.indices.filter { assignments[$0].session == model.sessionNames[s] }.randomElement(using: &rng) ?? 0
            assignments[k].table = model.tableIDs[t]
        }
        return how
    }
}
