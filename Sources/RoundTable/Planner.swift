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
        let run = PlanningRun(instance: instance, options: options)
        return run.execute()
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
    let deadline: Date
    let items: [SessionItems]

    init(instance: Instance, options: SolveOptions) {
        self.instance = instance
        self.options = options
        self.deadline = Date().addingTimeInterval(options.timeLimit)
        self.items = (0..<instance.sessionCount).map { SessionItems(instance: instance, session: $0) }
    }

    var elapsed: Double { Date().timeIntervalSince(start) }
    var remaining: Double { max(0, deadline.timeIntervalSinceNow) }
    var stopped: Bool { options.stop?.isStopped == true }

    func report(_ phase: String, best: Double?, bound: Double?) {
        options.progress?(SolveProgress(elapsed: elapsed, phase: phase, bestTotal: best, bound: bound))
    }

    func execute() -> SeatingPlan {
        let conflicts = Diagnosis.conflicts(instance, items)
        if !conflicts.isEmpty {
            return SeatingPlan(status: .infeasible, explanation: conflicts, seconds: elapsed, method: "counting")
        }

        // A first plan from local search; it also seeds GLPK.
        var search = SeatingSearch(instance: instance, items: items, seed: options.seed)
        search.construct()
        let warmup = min(options.timeLimit * 0.15, 0.3 + Double(instance.attendeeCount * instance.sessionCount) / 2000)
        let dbgWarm = Double(ProcessInfo.processInfo.environment["RT_WARM"] ?? "") ?? warmup
        search.improve(until: min(deadline, start.addingTimeInterval(dbgWarm)), patience: dbgWarm) { stopped }
        if ProcessInfo.processInfo.environment["RT_DEBUG"] != nil { print("after construct+improve broken", search.brokenUnits, "cost", search.cost, "elapsed", elapsed); for v in instance.violations(search.seat) { print(v) } }
        var best: [[Int]]? = search.brokenUnits == 0 ? search.seat : nil
        report("search", best: best.map { instance.score($0).total }, bound: nil)

        let coupled = isCoupled
        var bound: Double? = nil
        var method = "local-search"
        var infeasibleSessions: [Int] = []
        var unknownSessions: [Int] = []

        if coupled && linkedModelIsSmall {
            method = "exact-mip"
            let formulation = SeatingFormulation(instance: instance, items: items, linked: true)
            let outcome = solve(formulation, warm: best, budget: remaining, phase: "mip")
            switch outcome.termination {
            case .infeasible: infeasibleSessions = Array(0..<instance.sessionCount)
            default: break
            }
            if let values = outcome.values {
                var seat = best ?? search.seat
                formulation.decode(values, into: &seat)
                best = better(best, seat)
            } else if best == nil, outcome.termination != .infeasible {
                unknownSessions = Array(0..<instance.sessionCount)
            }
            bound = outcome.bound
        } else {
            method = coupled ? "session-mip+local-search" : "session-mip"
            var total = 0.0
            var proven = true
            var seat = best ?? search.seat
            let sessions = (0..<instance.sessionCount).filter { !instance.presentIn[$0].isEmpty }
            for s in 0..<instance.sessionCount where instance.presentIn[s].isEmpty {
                total += emptySessionCost(s)
            }
            for (n, s) in sessions.enumerated() {
                let share = coupled ? 0.6 : 1.0
                let budget = remaining * share / Double(sessions.count - n)
                let formulation = SeatingFormulation(instance: instance, items: [items[s]], linked: false)
                let outcome = solve(formulation, warm: best, budget: budget, phase: "mip session \(instance.sessionNames[s])")
                if outcome.termination == .infeasible {
                    infeasibleSessions.append(s)
                    proven = false
                    continue
                }
                if let values = outcome.values {
                    var candidate = seat
                    formulation.decode(values, into: &candidate)
                    if let warm = best.flatMap(formulation.encode),
                        formulation.program.objective(of: warm) < (outcome.objective ?? .infinity) - 1e-9
                    {
                        // Keep the search's session: GLPK did not beat it.
                    } else {
                        seat = candidate
                    }
                } else if best == nil {
                    unknownSessions.append(s)
                }
                if let sessionBound = outcome.bound { total += sessionBound } else { proven = false }
            }
            if infeasibleSessions.isEmpty && unknownSessions.isEmpty {
                if instance.violations(seat).isEmpty { best = better(best, seat) }
            }
            bound = proven ? total : nil
            if coupled, var current = best, infeasibleSessions.isEmpty {
                var polish = SeatingSearch(instance: instance, items: items, seed: options.seed &+ 1)
                polish.load(current)
                report("search", best: instance.score(current).total, bound: bound)
                polish.improve(until: deadline, patience: max(1, min(5, options.timeLimit * 0.05))) { stopped }
                if polish.brokenUnits == 0 { current = polish.seat }
                best = better(best, current)
            }
        }

        if !infeasibleSessions.isEmpty {
            var explanation = infeasibleSessions.map { s in
                "no seating of session \(instance.sessionNames[s].debugDescription) satisfies every hard constraint (proved by GLPK)"
            }
            explanation += RelaxationProbe(instance: instance, items: items, deadline: deadline).culprits(sessions: infeasibleSessions)
            return SeatingPlan(status: .infeasible, explanation: explanation, seconds: elapsed, method: method)
        }
        guard let seat = best, instance.violations(seat).isEmpty else {
            return SeatingPlan(
                status: .unknown, bound: bound,
                explanation: ["no valid plan was found within \(formatNumber(options.timeLimit)) s; give more time"],
                seconds: elapsed, method: method)
        }
        let score = instance.score(seat)
        let total = score.total
        var status = SolveStatus.feasible
        if let known = bound {
            bound = min(known, total)
            if total - known <= 1e-6 * max(1, abs(total)) { status = .optimal }
        }
        let met = instance.peopleMet(seat)
        return SeatingPlan(
            status: status, objective: score, bound: bound, assignments: instance.assignments(from: seat),
            peopleMet: Dictionary(uniqueKeysWithValues: zip(instance.attendeeIDs, met)), seconds: elapsed,
            method: method)
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

    /// The size cost of a session nobody attends (its tables stay empty).
    func emptySessionCost(_ s: Int) -> Double { 0 }

    func better(_ a: [[Int]]?, _ b: [[Int]]) -> [[Int]] {
        guard instance.violations(b).isEmpty else { return a ?? b }
        guard let a else { return b }
        return instance.score(b).total < instance.score(a).total - 1e-9 ? b : a
    }

    func solve(_ formulation: SeatingFormulation, warm: [[Int]]?, budget: Double, phase: String) -> MIPResult {
        let seed = warm.flatMap(formulation.encode)
        let options = MIPOptions(timeLimit: max(0, min(budget, remaining)), relativeGap: self.options.relativeGap)
        let hook = self.options.progress
        let started = start
        do {
            return try GLPKSolver.solve(formulation.program, options: options, warmStart: seed, stop: self.options.stop) { progress in
                hook?(SolveProgress(elapsed: Date().timeIntervalSince(started), phase: phase, bestTotal: progress.incumbent, bound: progress.bound))
            }
        } catch {
            return MIPResult(termination: .failed(error.description), values: nil, objective: nil, bound: nil, seconds: 0)
        }
    }
}
