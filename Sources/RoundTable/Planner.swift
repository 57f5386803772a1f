import Foundation
import GLPKBackend
import MIP

/// Plans seatings: validates a request, searches for a good plan, and proves how
/// good it is with GLPK.
///
/// Safe to call from many threads at once; each call owns all its state.
public enum Planner {
    /// Plans `request` on the calling thread, which it blocks for up to `options.timeLimit` seconds.
    ///
    /// - Throws: ``RequestError`` when the request is invalid (nothing is solved then).
    public static func plan(_ request: SeatingRequest, options: SolveOptions = SolveOptions()) throws(RequestError) -> SeatingPlan {
        let instance = try request.makeInstance().get()
        guard options.timeLimit.isFinite, options.timeLimit >= 0 else {
            throw RequestError(issues: [RequestIssue(location: "time limit", cause: "\(options.timeLimit) is not a non-negative number of seconds", fix: "give a time limit such as 60")])
        }
        guard options.relativeGap.isFinite, options.relativeGap >= 0 else {
            throw RequestError(issues: [RequestIssue(location: "relative gap", cause: "\(options.relativeGap) is not a non-negative number", fix: "give a gap such as 0.01")])
        }
        if let tolerance = options.sessionTolerance, !tolerance.isFinite || tolerance < 0 {
            throw RequestError(issues: [RequestIssue(location: "session tolerance", cause: "\(tolerance) is not a non-negative number", fix: "give a fraction such as 0.015, or none to minimise the total only")])
        }
        let run = PlanningRun(instance: instance, options: options)
        return run.execute()
    }

    /// The counting lower bound on `request`'s repeats term (weight included) that every
    /// plan's bound contains, and why in one sentence (`nil` when it is 0).
    ///
    /// - Throws: ``RequestError`` when the request is invalid.
    public static func repeatBound(_ request: SeatingRequest) throws(RequestError) -> (value: Double, reason: String?) {
        let bound = RepeatBound(try request.makeInstance().get())
        return (bound.value, bound.proof)
    }

    /// Plans `request` on a dedicated thread, so Swift's cooperative pool is never
    /// blocked while GLPK runs. Cancelling the task stops the search and returns the
    /// best plan found so far.
    public static func plan(_ request: SeatingRequest, options: SolveOptions = SolveOptions()) async throws(RequestError) -> SeatingPlan {
        let stop = options.stop ?? StopFlag()
        var options = options
        options.stop = stop
        let result: Result<SeatingPlan, RequestError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread { [options] in
                    do throws(RequestError) {
                        continuation.resume(returning: .success(try plan(request, options: options)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
                thread.stackSize = 16 << 20
                thread.start()
            }
        } onCancel: {
            stop.stop()
        }
        return try result.get()
    }
}

/// The state of one call to ``Planner/plan(_:options:)``.
struct PlanningRun {
    let instance: Instance
    let options: SolveOptions
    let start = Date()
    /// When searching stops: the time limit less a little time kept to tighten the bound.
    let deadline: Date
    /// The time limit itself.
    let hardDeadline: Date
    let items: [SessionItems]

    init(instance: Instance, options: SolveOptions) {
        self.instance = instance
        self.options = options
        let reserve = options.timeLimit >= 4 ? min(1.5, options.timeLimit * 0.05) : 0
        self.hardDeadline = Date().addingTimeInterval(options.timeLimit)
        self.deadline = hardDeadline.addingTimeInterval(-reserve)
        self.items = (0..<instance.sessionCount).map { SessionItems(instance: instance, session: $0) }
    }

    var elapsed: Double { Date().timeIntervalSince(start) }
    /// Explaining an infeasible request (its conflict and checked fixes) may use the rest
    /// of the time limit; it returns as soon as it is done.
    var analysisDeadline: Date { hardDeadline }
    var remaining: Double { max(0, deadline.timeIntervalSinceNow) }
    var stopped: Bool { options.stop?.isStopped == true }

    /// Sessions whose composition bound reached its LP optimum (nothing more to gain there).
    let converged = Flags()

    /// The best total and bound reported so far, so that every phase reports the plan's
    /// figures (GLPK's own incumbents and bounds are per session).
    let known = ProgressFigures()

    /// Reports progress; `replacing` reports `best` even when an earlier best was lower (the
    /// final plan, which the session guard may have chosen over a lower total).
    func report(_ phase: String, best: Double?, bound: Double?, replacing: Bool = false) {
        let (bestTotal, lowerBound) = known.update(best: best, bound: bound, replacing: replacing)
        options.progress?(SolveProgress(elapsed: elapsed, phase: phase, bestTotal: bestTotal, bound: lowerBound))
    }

    func execute() -> SeatingPlan {
        let conflicts = Diagnosis.conflicts(instance, items)
        if !conflicts.isEmpty {
            let sessions = Array(Set(conflicts.map(\.session))).sorted()
            let analysis = ConflictAnalysis(instance: instance, deadline: analysisDeadline).explain(sessions: sessions)
            return SeatingPlan(
                status: .infeasible, explanation: conflicts.map(\.message) + analysis.conflicts, seconds: elapsed,
                method: "counting", fixes: analysis.fixes)
        }

        guard !stopped else {
            return SeatingPlan(status: .unknown, explanation: ["stopped before a plan was found"], seconds: elapsed, method: "stopped")
        }

        // A first plan from local search; it also seeds GLPK.
        // The least balance + size cost over every choice of table sizes, per session,
        // and sizes that reach it: construction aims at them.
        let patterns = (0..<instance.sessionCount).map { s -> PatternBound.Outcome? in
            guard !stopped else { return nil }
            return PatternBound(instance: instance, session: s)
                .solve(deadline: Date().addingTimeInterval(max(0.05, min(2, options.timeLimit * 0.02))), stop: options.stop)
        }
        var search = SeatingSearch(instance: instance, items: items, seed: options.seed)
        // Re-seating starts from the previous plan (and anneals at `heat`, to stay near it).
        if reseating {
            search.loadPrevious()
            search.construct()
        } else {
            search.construct(sizes: patterns.map { $0?.sizes })
        }
        // Repeats are bounded by counting; a golfer-like request gets its own scheduler.
        let repeatBound = RepeatBound(instance)
        let golfer = GolferSchedule(instance, bound: repeatBound)
        // Large sessions are left to annealing (measured: from 1,000 attendees up it beats
        // GLPK neighborhoods), once the bounds are known; smaller ones go to GLPK early.
        // Sessions too large for GLPK whole (linked or not), and whether the request is
        // made only of such unlinked sessions.
        let broad = items.contains { $0.extent > Self.largestWholeSession }
        let large = !isCoupled && broad
        let warmup = large
            ? min(options.timeLimit * 0.1, 1)
            : min(options.timeLimit * 0.1, 0.3 + Double(instance.attendeeCount * instance.sessionCount) / 2000)
        let patience = large ? options.timeLimit : warmup
        if options.firstPlan {
            // Returned at the first valid plan, with the bounds known without search.
            search.improve(until: deadline, patience: options.timeLimit, stopWhenValid: true, temperatureScale: heat) { stopped }
            var first = search.bestSeat
            if let designed = AffinePlane.seating(instance) { first = better(first, designed) }
            if let seat = first {
                let floors = patterns.map { $0?.bound }
                let floor = floors.allSatisfy { $0 != nil } ? floors.reduce(repeatBound.value) { $0 + ($1 ?? 0) } : nil
                return finish(seat, bound: floor, method: "first-plan", tighten: false, repeatBound: repeatBound)
            }
        }
        // On large sessions this plan also gives the composition bound its first columns:
        // a better one makes column generation converge sooner.
        search.improve(
            until: min(deadline, start.addingTimeInterval(golfer == nil ? warmup : 0)), patience: patience, temperatureScale: heat,
            stop: { stopped },
            onBest: { total in report("search", best: total, bound: nil) })
        if search.bestSeat == nil && golfer == nil {
            // Still repairing: keep at it a while, GLPK needs a valid plan to start from (and
            // sessions too large for GLPK whole have nothing else to start from).
            let repair = start.addingTimeInterval(max(warmup, options.timeLimit * (large ? 0.7 : 0.3)))
            search.improve(until: min(deadline, repair), patience: options.timeLimit, stopWhenValid: true, temperatureScale: heat) { stopped }
        }
        var best: [[Int]]? = search.bestSeat
        if let designed = AffinePlane.seating(instance) { best = better(best, designed) }
        if let golfer, let designed = golfer.seating(unless: best, seed: options.seed, deadline: min(deadline, start.addingTimeInterval(options.timeLimit * 0.95)), stop: { stopped }) {
            best = better(best, designed)
        }
        report("search", best: best.map { instance.score($0).total }, bound: nil)

        // Bounds that need no branching: Lagrangian over value totals, transportation for forced
        // sizes (both dominated by the composition bound on large sessions), then compositions.
        var floors = (0..<instance.sessionCount).map { s in
            let cheap = broad ? nil : cheapBound(session: s, best: best)
            let value = max(cheap ?? -.infinity, patterns[s]?.bound ?? -.infinity)
            return value.isFinite ? value : nil
        }
        var compositions: [Int: [CompositionBound.Composition]] = [:]
        if let seat = best {
            // Each session's bound depends on that session alone: two at once on two cores.
            let budget = remaining * (large ? 0.4 : 0.25) / Double(instance.sessionCount)
            let outcomes = Self.eachSession(instance.sessionCount, workers: cores) { s in
                compositionBound(session: s, seat: seat, until: Date().addingTimeInterval(budget))
            }
            for (s, outcome) in outcomes {
                floors[s] = max(floors[s] ?? -.infinity, outcome.bound)
                converged[s] = outcome.converged
                compositions[s] = outcome.columns
            }
        }
        report("bounds", best: best.map { instance.score($0).total }, bound: floors.allSatisfy { $0 != nil } ? floors.reduce(repeatBound.value) { $0 + ($1 ?? 0) } : nil)

        let coupled = isCoupled
        var method: String
        if let seat = best, floors.allSatisfy({ $0 != nil }) {
            let floor = floors.reduce(repeatBound.value) { $0 + ($1 ?? 0) }
            let total = instance.score(seat).total
            if total - floor <= 1e-6 * max(1, abs(total)) {
                // Already proven optimal by the bounds alone.
                return finish(seat, bound: floor, method: golfer == nil ? "search+bounds" : "golfer+bounds", repeatBound: repeatBound)
            }
        }
        let rounding = large || (!(coupled && linkedModelIsSmall) && items.contains { $0.extent > Self.smallestRoundedSession })
        if rounding, var seat = best {
            // Round the composition LP (price-and-dive) and anneal from there for the rest of
            // the time, stopping early if it meets the bound.
            let floor = floors.allSatisfy { $0 != nil } ? floors.reduce(repeatBound.value) { $0 + ($1 ?? 0) } : nil
            let target = floor.map { $0 + 1e-6 * max(1, abs($0)) }
            var rounded = false
            // Re-seating starts from the previous plan, which rounding would discard.
            // Each session is rounded on its own (two at once on two cores), in 35 % of the
            // time left in all (measured at 1,000 attendees over 6 sessions in 10 s: rounding
            // one session after another in turn took 65 % of the time left, and the plans
            // ended 0.5-1 % higher).
            let budget = remaining * 0.35 / Double(instance.sessionCount) * Double(min(cores, instance.sessionCount))
            let (start, columnsBySession) = (seat, compositions)
            // Sessions small enough to anneal in full from the rounded plan.
            let hot = items.allSatisfy { $0.extent <= Self.largestHotSession }
            // Not a session whose bound has not converged in its time, when a full anneal
            // follows: that anneal keeps little of a rounded plan's structure, the columns are
            // few, and the session is large for the time given, so the anneal gets the time.
            // Measured at 143-150 attendees (release build, 2 cores), bounds not converged:
            // five sessions planned alone in 6 s (9 seeds each) summed 693.0 with rounding and
            // 680.0 without, their spread 1.2-2.4 → 0.2-1.0; the five planned together in
            // 30 s (6 seeds), totals 850.7 → 842.4 and the worst session's balance + size
            // +4.3 % → +2.5 % over it alone (one run with rounding ended a session 10.6 %
            // over). Sessions of 100-120 attendees in 7.5-10 s converge and still round
            // (skipping it there made no difference or cost up to 0.7 %).
            let dealt = reseating ? [:] : Self.eachSession(instance.sessionCount, workers: cores) { s -> [Int]? in
                guard !hot || converged[s] else { return nil }
                guard let columns = columnsBySession[s] else { return nil }
                let bound = CompositionBound(instance: instance, session: s, items: items[s])
                return CompositionRounding(bound: bound)
                    .seat(columns: columns, from: start, deadline: Date().addingTimeInterval(budget), seed: options.seed &+ UInt64(s), stop: { stopped })?[s]
            }
            for (s, row) in dealt {
                seat[s] = row
                rounded = true
            }
            var polish = search
            var scale = 1.0
            if rounded {
                polish = SeatingSearch(instance: instance, items: items, seed: options.seed &+ 2)
                polish.load(seat)
                polish.construct()
                // Small sessions anneal in full from it (measured at 100 attendees: 2-5 %
                // lower totals than at a low temperature, with or without repeats). Larger
                // ones keep the rounded plan's structure at a low temperature (measured at
                // 400 attendees over 3 sessions: a full anneal ended 0.3 % higher).
                scale = hot ? 1 : 0.05
            }
            if reseating {
                polish.load(seat)
                scale = heat
            }
            // With every composition bound converged, the time kept for tightening bounds is
            // better spent here.
            let proven = (0..<instance.sessionCount).allSatisfy { converged[$0] }
            let end = proven ? hardDeadline.addingTimeInterval(-0.05) : deadline
            // Below the large-session limit, independent runs on every core (up to two): one
            // run's result varies by 2-3 % with its seed at 100 attendees, the best of two
            // less. Full anneals cool to a hundredth of the starting temperature, not a
            // ten-thousandth (measured at 100 attendees over 2 sessions: the colder runs froze
            // for their last 40 % and ended 1.2 % higher on average; 1e-2 to 1e-1 did alike).
            // Sessions too large for GLPK whole anneal one run per core, each on its share of
            // the sessions, then one run over all of them.
            let workers = broad ? 1 : cores
            let split = broad && cores > 1 && instance.sessionCount > 1
            // Every session about as balanced as it would be alone: above `tolerance` over its
            // lower bound, a session's own cost (balance, size, soft rules) weighs more.
            // Measured at 100 attendees over 2 sessions: without it the price of meeting new
            // people (no repeats, different topics) fell on one session, up to 3 % above that
            // session planned alone; with it every session came within 1 %, the difference
            // going to topics.
            // Not when re-seating: there each move has its price, and the guard would outbid it.
            if let tolerance = options.sessionTolerance, instance.sessionCount > 1, !reseating,
                floors.allSatisfy({ $0 != nil })
            {
                polish.sessionGuard = SessionGuard(limits: floors.map { ($0 ?? 0) * (1 + tolerance) }, weight: Self.sessionGuardWeight)
            }
            let endRatio = hot ? 1e-2 : 1e-4
            // Small sessions end with pairs of tables re-split exactly, in the last
            // `pairShare` of the time (not when re-seating, where each move has its price).
            let pairs = hot && !reseating
            let annealEnd = pairs ? end.addingTimeInterval(-max(0, end.timeIntervalSinceNow) * Self.pairShare) : end
            if let improved = split
                ? annealSplit(polish, workers: cores, until: end, scale: scale, endRatio: endRatio, floor: floor, fallback: best)
                : anneal(
                    polish, workers: workers, legs: hot ? Self.annealLegs : 1, until: annealEnd, target: target, scale: scale, endRatio: endRatio,
                    floor: floor, fallback: best)
            {
                best = better(best, improved, guard: polish.sessionGuard)
            }
            if pairs, let seat = best {
                best = better(best, splitPairs(seat, until: end, guard: polish.sessionGuard, target: target), guard: polish.sessionGuard)
            }
            if let seat = best {
                return finish(seat, bound: floor, method: rounded ? "compositions+local-search" : "search+bounds", floors: floors, repeatBound: repeatBound)
            }
        }
        var infeasibleSessions: [Int] = []
        var bound: Double?

        if coupled && linkedModelIsSmall {
            method = "exact-mip"
            let formulation = SeatingFormulation(instance: instance, items: items, linked: true)
            let floor = floors.allSatisfy { $0 != nil } ? floors.reduce(repeatBound.value) { $0 + ($1 ?? 0) } : nil
            // GLPK proves small cases; local search, which suits repeats better, gets the rest.
            let outcome = solve(formulation, warm: best, budget: remaining * 0.5, floor: floor, phase: "mip")
            if outcome.termination == .infeasible { infeasibleSessions = Array(0..<instance.sessionCount) }
            if let values = outcome.values {
                var seat = best ?? search.seat
                formulation.decode(values, into: &seat)
                best = better(best, seat)
            }
            let joint = max(outcome.bound ?? -.infinity, floor ?? -.infinity)
            bound = joint.isFinite ? joint : nil
            if outcome.termination != .optimal, outcome.termination != .gapReached, let current = best {
                method += "+local-search"
                best = better(best, polish(current, bound: bound))
            }
        } else {
            method = "session-mip"
            var seat = best ?? search.seat
            var found = best != nil
            let sessions = (0..<instance.sessionCount).filter { !instance.presentIn[$0].isEmpty }
            let share = coupled ? 0.3 : 1.0
            let phaseEnd = Date().addingTimeInterval(remaining * share)
            for (n, s) in sessions.enumerated() where !stopped {
                if let floor = floors[s], found, sessionObjective(seat, session: s) <= floor + 1e-6 * max(1, abs(floor)) {
                    continue  // already proven optimal for this session
                }
                let sessionEnd = Date().addingTimeInterval(phaseEnd.timeIntervalSinceNow / Double(sessions.count - n))
                // The whole session at once, briefly (it proves small sessions optimal);
                // too large a model only costs time GLPK cannot use, so large sessions go
                // straight to neighborhoods.
                if items[s].extent > Self.largestWholeSession {
                    // Never built whole (it would take gigabytes): neighborhoods when there is a plan.
                    guard found else { continue }
                    method = "session-lns"
                    neighborhoodSearch(session: s, seat: &seat, until: sessionEnd, floor: floors[s])
                    continue
                }
                let whole = SeatingFormulation(instance: instance, items: [items[s]], linked: false)
                let wholeBudget = sessionEnd.timeIntervalSinceNow * (found ? 0.3 : 1)
                let outcome = solve(whole, warm: found ? seat : nil, budget: wholeBudget, floor: floors[s], phase: "mip session \(instance.sessionNames[s])")
                if outcome.termination == .infeasible {
                    infeasibleSessions.append(s)
                    continue
                }
                if let mipBound = outcome.bound { floors[s] = max(floors[s] ?? -.infinity, mipBound) }
                if let values = outcome.values {
                    var candidate = seat
                    whole.decode(values, into: &candidate)
                    if !found || sessionObjective(candidate, session: s) < sessionObjective(seat, session: s) - 1e-9 {
                        seat = candidate
                    }
                }
                if !found {
                    // Without a valid plan in the other sessions there is nothing to refine yet.
                    continue
                }
                if outcome.termination != .optimal && outcome.termination != .gapReached {
                    method = "session-mip+lns"
                    neighborhoodSearch(session: s, seat: &seat, until: sessionEnd, floor: floors[s])
                }
                if instance.violations(seat).isEmpty {
                    report("session \(instance.sessionNames[s]) done", best: instance.score(seat).total, bound: nil)
                }
            }
            if infeasibleSessions.isEmpty, instance.violations(seat).isEmpty {
                found = true
                best = better(best, seat)
            }
            if floors.allSatisfy({ $0 != nil }) { bound = floors.reduce(repeatBound.value) { $0 + ($1 ?? 0) } }
            if coupled, let current = best, infeasibleSessions.isEmpty {
                method += "+local-search"
                best = better(best, polish(current, bound: bound))
            }
        }

        if !infeasibleSessions.isEmpty {
            var explanation = infeasibleSessions.map { s in
                "no seating of session \(instance.sessionNames[s].debugDescription) satisfies every hard constraint (proved by GLPK)"
            }
            let analysis = ConflictAnalysis(instance: instance, deadline: analysisDeadline).explain(sessions: infeasibleSessions)
            explanation += analysis.conflicts
            return SeatingPlan(status: .infeasible, explanation: explanation, seconds: elapsed, method: method, fixes: analysis.fixes)
        }
        if best == nil, infeasibleSessions.isEmpty, !stopped, remaining > 0.05 {
            // Neither search nor GLPK has a valid plan yet: keep repairing for the rest of the
            // time rather than give up with time left.
            search.improve(until: deadline, patience: options.timeLimit, stopWhenValid: true, temperatureScale: heat) { stopped }
            if let found = search.bestSeat {
                method += "+local-search"
                best = better(found, polish(found, bound: bound))
            }
        }
        guard let seat = best, instance.violations(seat).isEmpty else {
            return SeatingPlan(
                status: .unknown, bound: bound,
                explanation: ["no valid plan was found within \(formatNumber(options.timeLimit)) s; give more time"],
                seconds: elapsed, method: method)
        }
        return finish(seat, bound: bound, method: method, floors: floors, repeatBound: repeatBound)
    }

    /// The plan for a valid seating: rescored, the bound tightened when time was kept for
    /// it, `optimal` only when total and bound meet.
    func finish(
        _ seat: [[Int]], bound: Double?, method: String, floors: [Double?] = [], tighten: Bool = true, repeatBound: RepeatBound? = nil
    ) -> SeatingPlan {
        var bound = bound
        var seat = seat
        if reseating {
            // No moved attendee who could go back at a lower total (measured on the bundled
            // conference with both cores busy: annealing alone left 4-12 such moves).
            var home = SeatingSearch(instance: instance, items: items, seed: options.seed)
            home.load(seat)
            home.returnHome()
            if let returned = home.bestSeat { seat = better(seat, returned) }
        }
        let score = instance.score(seat)
        let total = score.total
        if tighten, bound.map({ total - $0 > 1e-6 * max(1, abs(total)) }) ?? true {
            // Tighten the Lagrangian bounds aiming at the final plan's session costs.
            var refined = repeatBound?.value ?? 0
            var complete = true
            for s in 0..<instance.sessionCount {
                let share = hardDeadline.timeIntervalSinceNow / Double(instance.sessionCount - s)
                var value = s < floors.count ? floors[s] ?? -.infinity : -.infinity
                if !converged[s], let outcome = compositionBound(session: s, seat: seat, until: Date().addingTimeInterval(max(0.02, share * 0.7))) {
                    value = max(value, outcome.bound)
                }
                let lagrangian = LagrangianBound(instance: instance, session: s)
                    .bound(target: instance.sessionCost(seat, session: s), iterations: 3000, deadline: Date().addingTimeInterval(max(0.02, share * 0.3))) { stopped }
                value = max(value, lagrangian)
                if value.isFinite { refined += value } else { complete = false }
            }
            if complete { bound = max(bound ?? -.infinity, refined) }
        }
        report("done", best: total, bound: bound, replacing: true)
        var status = SolveStatus.feasible
        if let known = bound {
            // Every score term is a weight (validated non-negative) times a non-negative count
            // or deviation, so 0 is a bound too; LP round-off left -5e-9 in the plan JSON
            // (100 × 10 × 5 golfers).
            bound = min(max(known, 0), total)
            if total - known <= 1e-6 * max(1, abs(total)) { status = .optimal }
        }
        let met = instance.peopleMet(seat)
        return SeatingPlan(
            status: status, objective: score, bound: bound, assignments: instance.assignments(from: seat),
            peopleMet: Dictionary(uniqueKeysWithValues: zip(instance.attendeeIDs, met)), seconds: elapsed,
            method: method, moves: MoveExplainer(instance: instance, items: items).moves(seat), boundProof: repeatBound?.proof)
    }

    /// Items times tables above which sessions are planned by rounding the composition LP
    /// (measured: at 250 attendees and up it beats GLPK on the whole session).
    static let smallestRoundedSession = 1_000

    /// Items times tables above which a rounded session is annealed at a low temperature.
    static let largestHotSession = 10_000

    /// Legs of a full anneal on more than one core (see ``anneal(_:workers:legs:until:target:scale:endRatio:floor:fallback:)``).
    /// Measured on five events of 100-150 attendees over 3-6 sessions in 30 s (release build,
    /// 2 cores, 2-3 runs each): mean totals 0.8-2.3 % lower than with independent runs
    /// (mixing-100x6 1,228.9 to 1,217.9, seed7 1,240.3 to 1,230.6, workshop 150 × 5 739.1
    /// to 721.9), balance + size no higher; on workshop 100 × 3, 340.9 to 324.5 in three
    /// runs, but 332.7 over six, within the spread. 4 legs did about as well, 12 worse on
    /// that workshop (335.8); a single session alone in 10 s did alike (93.0 and 92.8).
    static let annealLegs = 6

    /// The share of a full anneal's time kept for re-splitting pairs of tables exactly
    /// (``splitPairs(_:until:guard:target:)``). Measured at 100-150 attendees over 3-6
    /// sessions in 30 s (release build, 2 cores, 3-6 runs each, some at a 10 % share, mean
    /// totals without → with): workshop 100 × 3 339.2 → 327.4, workshop 120 × 4 575.0 →
    /// 552.2, workshop 150 × 5 746.9 → 739.8, mixing-100x6 1,213.6 → 1,203.9, seed7
    /// 1,238.4 → 1,221.6, the bundled conference 719.5 → 704.6; mostly fewer repeated
    /// meetings and better topics, balance + size alike. At 100 attendees over 6 sessions
    /// every pair of every session settled in about 4 s; this share ends sooner there, yet
    /// 30 % did worse (3 runs each: seed7 1,218.4 → 1,227.5, workshop 100 × 3 322.8 → 333.4).
    static let pairShare = 0.15

    /// How much more a unit of a session's own cost weighs above the session guard's level.
    /// Measured against each session planned alone (same share of the time): at 100
    /// attendees over 2 sessions, 3 and 8 both kept every session within 1 %; over 6
    /// sessions, 3 let sessions go 2.6-3.5 % above (3 seeds) and 8 kept them within 2 %
    /// (1.3-2.0 % over 9 runs), with more repeats; 15 did no better than 8.
    static let sessionGuardWeight = 8.0

    /// The annealing temperature when re-seating, as a share of the usual one: low
    /// throughout, to stay near the previous plan (measured on the bundled conference with
    /// 5 % late changes, 5 s, in the debug test suite with both cores busy: at the full
    /// temperature the first valid plan had scattered people and 11-24 ended away from
    /// their tables; at this one, 0-4).
    static let reseatingTemperature = 0.05

    /// Whether the request re-seats a previous plan (extension).
    var reseating: Bool { instance.request.previous != nil }

    /// The share of the usual annealing temperature for this request: low when re-seating.
    var heat: Double { reseating ? Self.reseatingTemperature : 1 }

    /// Items times tables above which a session is not given to GLPK whole.
    static let largestWholeSession = 60_000

    /// Anneals from `search`'s seating in `workers` runs at once (each with its own seed),
    /// until `end` or until one meets `target`; the best valid seating found. The cooling is
    /// cut into `legs` of equal time: after each, every run goes on from the best seating any
    /// run has found, at the temperature where the schedule left off (with one leg, the runs
    /// are independent). A run that starts broken and is still broken after a tenth of its
    /// time restarts from `fallback` (a valid seating), so that no run ends without a valid plan.
    func anneal(
        _ search: SeatingSearch, workers: Int, legs: Int = 1, until end: Date, target: Double?, scale: Double, endRatio: Double,
        floor: Double?, fallback: [[Int]]? = nil
    ) -> [[Int]]? {
        let legs = workers > 1 ? max(1, legs) : 1
        let begin = Date()
        let span = max(0, end.timeIntervalSince(begin))
        var current = search
        var result: [[Int]]?
        for leg in 0..<legs {
            let last = leg == legs - 1
            let legEnd = last ? end : begin.addingTimeInterval(span * Double(leg + 1) / Double(legs))
            let start = current
            let found = Seatings.race(workers: workers) { k, raceWon in
                var run = start
                if k > 0 || leg > 0 { run.rng = SplitMix64(seed: options.seed &+ 7919 &* UInt64(k) &+ 104_729 &* UInt64(leg)) }
                if leg == 0 { repair(&run, until: end, scale: scale, endRatio: endRatio, fallback: fallback) { raceWon() } }
                run.improve(
                    until: legEnd, patience: options.timeLimit, target: target,
                    temperatureScale: scale * pow(endRatio, Double(leg) / Double(legs)), endRatio: pow(endRatio, 1 / Double(legs)),
                    stop: { stopped || raceWon() }, onBest: { total in report("search", best: total, bound: floor) })
                // Measured at 1,000 attendees over 6 sessions in 10 s (4 seeds): 5-7 repeated
                // meetings were left without it, none with it, found in 0.01-0.06 s.
                if last { run.settleRepeats(until: hardDeadline.addingTimeInterval(-0.02)) { stopped } }
                guard let seat = run.bestSeat else { return nil }
                return (seat, run.bestCost, target.map { run.bestCost <= $0 } ?? false)
            }
            guard let found else { break }
            result = found.seat
            if last || stopped || found.met { break }
            current.load(found.seat)
        }
        return result
    }

    /// `seat` with pairs of tables re-split exactly (``TablePairs``), session after session
    /// (each in an equal share of the time left), again while a round over the sessions
    /// changes anything (the repeats and topics of one session depend on the others), until
    /// `end` or `target`.
    func splitPairs(_ seat: [[Int]], until end: Date, guard sessionGuard: SessionGuard?, target: Double?) -> [[Int]] {
        var seat = seat
        let sessions = (0..<instance.sessionCount).filter { !instance.presentIn[$0].isEmpty }
        let splitters = sessions.map { TablePairs(instance: instance, items: items[$0], sessionGuard: sessionGuard) }
        var changed = true
        while changed && Date() < end && !stopped {
            changed = false
            for (n, splitter) in splitters.enumerated() where !stopped {
                if let target, instance.score(seat).total <= target { return seat }
                let until = Date().addingTimeInterval(max(0, end.timeIntervalSinceNow) / Double(sessions.count - n))
                if splitter.polish(&seat, until: until, stop: { stopped }) > 0 { changed = true }
            }
            // One session alone: nothing else changed, so a second round would change nothing.
            if sessions.count <= 1 { break }
        }
        report("search", best: instance.score(seat).total, bound: nil)
        return seat
    }

    /// Repairs a broken seating for up to a tenth of the time left, else takes `fallback`.
    /// Measured at 100 attendees over 6 sessions: in half the runs the rounded plan kept one
    /// broken rule (an organization twice at a table) through the whole anneal, and the plan
    /// fell back to the first search's, 7 % higher.
    func repair(
        _ run: inout SeatingSearch, until end: Date, scale: Double, endRatio: Double, fallback: [[Int]]?, stop: @escaping () -> Bool
    ) {
        guard run.broken > 0, let fallback else { return }
        let repair = Date().addingTimeInterval(max(0, end.timeIntervalSinceNow) * 0.1)
        run.improve(
            until: repair, patience: options.timeLimit, stopWhenValid: true, temperatureScale: scale, endRatio: endRatio,
            stop: { stopped || stop() })
        if run.broken > 0 { run.load(fallback) }
    }

    /// Anneals from `search`'s seating with the sessions shared out among `workers` runs at
    /// once (run k takes sessions k, k + workers, ...), each seeing the others' sessions as
    /// they were at the start; the best session of each run makes one seating, whose
    /// repeated meetings are settled, and one run over every session finishes. For events
    /// too large for GLPK whole, where the second core had nothing to do. Never worse than
    /// the (repaired) start; nil when neither it nor `fallback` is valid.
    func annealSplit(
        _ search: SeatingSearch, workers: Int, until end: Date, scale: Double, endRatio: Double, floor: Double?, fallback: [[Int]]?
    ) -> [[Int]]? {
        let S = instance.sessionCount
        var start = search
        // Repaired first, as one run (a run may change only its own sessions).
        repair(&start, until: end, scale: scale, endRatio: endRatio, fallback: fallback) { false }
        guard start.broken == 0 else { return nil }
        // Progress: the starting total less what each run has gained on its sessions' own
        // costs (repeats are settled at the end).
        let startTotal = instance.score(start.seat).total
        let gains = SessionResults<Double>()
        // The runs take the first 60 % of the time; one run over every session takes the
        // rest, cooling on from where they stopped (measured at 1,000 attendees, release
        // build: over 4 sessions in 60 s, runs to the end left 1.1 % over the bound and 95
        // repeated meetings that settling had no time left for, against 0.47 % and none;
        // over 6 sessions in 10 s, totals 9,681-9,689 against 9,713-9,721 with no runs at
        // once, and 9,517 against 9,521 in 60 s).
        let share = 0.6
        let splitEnd = Date().addingTimeInterval(max(0, end.timeIntervalSinceNow) * share)
        let runs = Self.eachSession(workers, workers: workers) { [start] k -> [[Int]]? in
            var run = start
            run.rng = SplitMix64(seed: options.seed &+ 7919 &* UInt64(k + 1))
            var before: Double?
            run.improve(
                until: splitEnd, patience: options.timeLimit, temperatureScale: scale, endRatio: pow(endRatio, share),
                sessions: Set(stride(from: k, to: S, by: workers)), stop: { stopped },
                onBest: { own in
                    if before == nil { before = own }
                    gains.set(k, (before ?? own) - own)
                    report("search", best: startTotal - gains.values.values.reduce(0, +), bound: floor)
                })
            return run.bestSeat
        }
        guard runs.count == workers, var merged = runs[0] else { return start.seat }
        for s in 0..<S { if let seat = runs[s % workers] { merged[s] = seat[s] } }
        // Each run settled its repeats against the other runs' sessions as they were at the
        // start: the seating put together meets people again until settled.
        var joint = SeatingSearch(instance: instance, items: items, seed: options.seed)
        joint.sessionGuard = search.sessionGuard
        joint.load(merged)
        joint.noteBest()
        joint.settleRepeats(until: hardDeadline.addingTimeInterval(-0.02)) { stopped }
        // One run over every session for the rest of the time.
        if joint.bestSeat != nil {
            joint.improve(
                until: end, patience: options.timeLimit, temperatureScale: scale * pow(endRatio, share), endRatio: pow(endRatio, 1 - share),
                stop: { stopped }, onBest: { total in report("search", best: total, bound: floor) })
            joint.settleRepeats(until: hardDeadline.addingTimeInterval(-0.02)) { stopped }
        }
        guard let seat = joint.bestSeat, joint.bestCost <= start.cost + 1e-9 else { return start.seat }
        return seat
    }

    /// Cores for work that splits by session (at most two).
    var cores: Int { min(2, max(1, ProcessInfo.processInfo.activeProcessorCount)) }

    /// `body(s)` for every session `s` below `count`, on `workers` threads at once (each takes
    /// the next session left); the results that are not nil, by session.
    static func eachSession<T>(_ count: Int, workers: Int, _ body: @Sendable (Int) -> T?) -> [Int: T] {
        let results = SessionResults<T>()
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while let s = results.next(below: count) {
                if let value = body(s) { results.set(s, value) }
            }
        }
        return results.values
    }

    /// Anneals the whole event from `seat` until the deadline, or until the total meets `bound`.
    func polish(_ seat: [[Int]], bound: Double?) -> [[Int]] {
        var search = SeatingSearch(instance: instance, items: items, seed: options.seed &+ 1)
        search.load(seat)
        report("search", best: instance.score(seat).total, bound: bound)
        let target = bound.map { $0 + 1e-6 * max(1, abs($0)) }
        return anneal(search, workers: 1, until: deadline, target: target, scale: heat, endRatio: 1e-4, floor: bound) ?? seat
    }

    /// The session MIP's objective for a seating: balance, size and soft rules of
    /// session `s`, plus each attendee's topic rank there.
    func sessionObjective(_ seat: [[Int]], session s: Int) -> Double {
        var total = instance.sessionCost(seat, session: s)
        for i in instance.presentIn[s] where seat[s][i] >= 0 { total += instance.moveCost(i, session: s, table: seat[s][i]) }
        if instance.weights.topics > 0 {
            for i in instance.presentIn[s] where instance.topicLength[i] > 0 && seat[s][i] >= 0 {
                if let x = instance.tableTopic[seat[s][i]] { total += instance.weights.topics * Double(instance.topicRank[i][x]) }
            }
        }
        return total
    }

    /// The composition (Dantzig–Wolfe) bound of session `s`, started from the tables of
    /// `seat` (a valid seating).
    func compositionBound(session s: Int, seat: [[Int]], until: Date) -> (bound: Double, converged: Bool, columns: [CompositionBound.Composition])? {
        guard !stopped, !instance.presentIn[s].isEmpty, until > Date() else { return nil }
        let bound = CompositionBound(instance: instance, session: s, items: items[s])
        guard let outcome = bound.solve(from: seat, deadline: until, stop: { stopped }) else { return nil }
        let converged = outcome.masterObjective.map { $0 - outcome.bound <= 1e-6 * max(1, abs($0)) } ?? false
        return (outcome.bound, converged, outcome.columns)
    }

    /// The best of the Lagrangian and transportation bounds of one session.
    func cheapBound(session s: Int, best: [[Int]]?) -> Double? {
        let target = best.map { instance.sessionCost($0, session: s) }
        let budget = max(0.05, min(2, remaining * 0.05))
        guard !stopped else { return nil }
        let lagrangian = LagrangianBound(instance: instance, session: s).bound(target: target, deadline: Date().addingTimeInterval(budget)) { stopped }
        guard !stopped else { return lagrangian.isFinite ? lagrangian : nil }
        let exact = TransportationBound.bound(instance: instance, session: s, deadline: Date().addingTimeInterval(budget))
        let value = max(lagrangian, exact ?? -.infinity)
        return value.isFinite ? value : nil
    }

    /// Re-optimizes a few tables of session `s` at a time with GLPK, keeping every
    /// other seat, until `until` or the session reaches `floor`.
    func neighborhoodSearch(session s: Int, seat: inout [[Int]], until: Date, floor: Double?) {
        var rng = SplitMix64(seed: options.seed &+ UInt64(s) &* 7919)
        let tables = instance.tablesIn[s]
        guard tables.count > 2 else { return }
        let average = max(1, Double(instance.presentIn[s].count) / Double(tables.count))
        // About 20 people per neighborhood, 1 s per GLPK call: measured best on the bundled conference.
        let people = 20.0
        let subLimit = 1.0
        let size = min(tables.count - 1, max(2, Int((people / average).rounded())))
        var current = sessionObjective(seat, session: s)
        report("lns session \(instance.sessionNames[s])", best: nil, bound: nil)
        var attempts = 0
        while Date() < until && !stopped && attempts < 100_000 {
            attempts += 1
            if let floor, current <= floor + 1e-6 * max(1, abs(floor)) { break }
            var pool = tables
            for k in pool.indices.reversed() where k > 0 { pool.swapAt(k, Int(rng.next() % UInt64(k + 1))) }
            let subset = Array(pool.prefix(size))
            let neighborhood = SessionItems(restricting: items[s], to: subset, seat: seat, attendeeCount: instance.attendeeCount)
            guard neighborhood.members.contains(where: { $0.count > 0 }) else { continue }
            let formulation = SeatingFormulation(instance: instance, items: [neighborhood], linked: false, pairCosts: repeatCosts(seat, neighborhood))
            guard let warm = formulation.encode(seat) else { continue }
            let before = formulation.program.objective(of: warm)
            let budget = min(until.timeIntervalSinceNow, subLimit)
            guard budget > 0.01 else { break }
            let outcome = solve(formulation, warm: seat, budget: budget, floor: nil, phase: "lns session \(instance.sessionNames[s])")
            guard let values = outcome.values, let after = outcome.objective, after < before - 1e-7 else { continue }
            formulation.decode(values, into: &seat)
            current = sessionObjective(seat, session: s)
        }
    }

    /// Costs for pairs in a neighborhood who already share a table in another session.
    func repeatCosts(_ seat: [[Int]], _ neighborhood: SessionItems) -> [(Int, Int, Double)] {
        guard instance.sessionCount > 1, instance.weights.repeats > 0 else { return [] }
        let s = neighborhood.session
        let people = neighborhood.members.flatMap { $0 }
        var costs: [(Int, Int, Double)] = []
        for x in 0..<people.count {
            for y in (x + 1)..<max(x + 1, people.count) {
                let (i, j) = (min(people[x], people[y]), max(people[x], people[y]))
                if instance.sameGroup(i, j) { continue }
                let elsewhere = (0..<instance.sessionCount).filter { $0 != s && seat[$0][i] >= 0 && seat[$0][i] == seat[$0][j] }.count
                if elsewhere > 0 { costs.append((i, j, instance.weights.repeats)) }
            }
        }
        return costs
    }

    /// Whether the score couples sessions (repeats, or topics over several sessions).
    var isCoupled: Bool {
        guard instance.sessionCount > 1 else { return false }
        let attendsSeveral = (0..<instance.attendeeCount).filter { i in instance.present[i].filter { $0 }.count > 1 }
        if instance.weights.repeats > 0 && attendsSeveral.count > 1 { return true }
        if instance.weights.topics > 0 && instance.tableTopic.contains(where: { $0 != nil }) {
            return attendsSeveral.contains { instance.topicLength[$0] > 0 }
        }
        return false
    }

    /// Whether the exact model with pair variables stays small enough for GLPK.
    var linkedModelIsSmall: Bool {
        let seats = (0..<instance.sessionCount).reduce(0) { $0 + instance.presentIn[$1].count * instance.tablesIn[$1].count }
        let pairs = instance.attendeeCount * (instance.attendeeCount - 1) / 2
        let pairTerms = pairs * instance.sessionCount * instance.tableCount
        return seats <= 2000 && pairTerms <= 60000
    }

    /// The better valid seating of two: the lower total, plus the session guard's cost when given.
    func better(_ a: [[Int]]?, _ b: [[Int]], guard sessionGuard: SessionGuard? = nil) -> [[Int]] {
        guard instance.violations(b).isEmpty else { return a ?? b }
        guard let a else { return b }
        func cost(_ seat: [[Int]]) -> Double { instance.score(seat).total + (sessionGuard?.cost(of: seat, in: instance) ?? 0) }
        return cost(b) < cost(a) - 1e-9 ? b : a
    }

    func solve(_ formulation: SeatingFormulation, warm: [[Int]]?, budget: Double, floor: Double?, phase: String) -> MIPResult {
        guard !stopped else { return MIPResult(termination: .stopped, values: nil, objective: nil, bound: nil, seconds: 0) }
        let seed = warm.flatMap(formulation.encode)
        let options = MIPOptions(
            timeLimit: max(0, min(budget, remaining)), relativeGap: self.options.relativeGap, objectiveFloor: floor)
        let hook = self.options.progress
        let started = start
        let known = self.known
        do {
            return try GLPKSolver.solve(formulation.program, options: options, warmStart: seed, stop: self.options.stop) { progress in
                let (best, bound) = known.update(best: nil, bound: nil)
                hook?(SolveProgress(elapsed: Date().timeIntervalSince(started), phase: phase, bestTotal: best, bound: bound))
            }
        } catch {
            return MIPResult(termination: .failed(error.description), values: nil, objective: nil, bound: nil, seconds: 0)
        }
    }
}

/// The best seating found by parallel runs.
final class Seatings: @unchecked Sendable {
    private let lock = NSLock()
    private var seat: [[Int]]?
    private var total = Double.infinity

    func add(_ candidate: [[Int]], total candidateTotal: Double) {
        lock.withLock {
            if candidateTotal < total {
                seat = candidate
                total = candidateTotal
            }
        }
    }

    var best: [[Int]]? { lock.withLock { seat } }

    /// Runs `run(k, stop)` for k in 0..<`workers` at once and returns the seating with the
    /// lowest total among those returned, and whether a run met its target. A run returns
    /// its seating, its total, and whether it met its target; once one has, the others'
    /// `stop()` turns true.
    static func race(
        workers: Int, _ run: @Sendable (Int, _ stop: @escaping @Sendable () -> Bool) -> (seat: [[Int]], total: Double, met: Bool)?
    ) -> (seat: [[Int]], met: Bool)? {
        let found = Seatings()
        let met = StopFlag()
        DispatchQueue.concurrentPerform(iterations: workers) { k in
            guard let result = run(k, { met.isStopped }) else { return }
            found.add(result.seat, total: result.total)
            if result.met { met.stop() }
        }
        return found.best.map { ($0, met.isStopped) }
    }
}

/// Per-session results gathered by threads, and the next session to work on.
final class SessionResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var taken = 0
    private var results: [Int: T] = [:]

    /// The next session not yet taken (nil once all `count` are).
    func next(below count: Int) -> Int? {
        lock.withLock {
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }

    func set(_ session: Int, _ value: T) { lock.withLock { results[session] = value } }

    var values: [Int: T] { lock.withLock { results } }
}

/// Per-session yes/no marks shared by the phases of one run.
final class Flags: @unchecked Sendable {
    private let lock = NSLock()
    private var marked = Set<Int>()
    subscript(_ index: Int) -> Bool {
        get { lock.withLock { marked.contains(index) } }
        set { lock.withLock { if newValue { marked.insert(index) } else { marked.remove(index) } } }
    }
}

/// The best total and bound a run has reported, shared with GLPK's progress callback.
final class ProgressFigures: @unchecked Sendable {
    private let lock = NSLock()
    private var best: Double?
    private var bound: Double?

    /// Records new figures (the lower total unless `replacing`, the higher bound) and returns
    /// the current ones.
    func update(best newBest: Double?, bound newBound: Double?, replacing: Bool = false) -> (Double?, Double?) {
        lock.withLock {
            if let newBest { best = replacing ? newBest : min(best ?? newBest, newBest) }
            if let newBound { bound = max(bound ?? newBound, newBound) }
            return (best, bound)
        }
    }
}
