import Dispatch
import Foundation
import MIP
import RoundTable
import RoundTableJSON
import Testing

/// Results written from several threads.
private final class Results<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Value] = [:]

    func set(_ index: Int, _ value: Value) { lock.withLock { values[index] = value } }
    func get(_ index: Int) -> Value? { lock.withLock { values[index] } }
}

@Suite("Planning concurrently and cancelling")
struct ConcurrencyTests {
    /// Eight small requests that the planner solves to optimality in well under a second each.
    static func smallRequests() throws -> [SeatingRequest] {
        let names = Array(FixtureFiles.named("valid_").prefix(8))
        #expect(names.count == 8)
        return try names.map { try RequestReader.read(FixtureFiles.data($0), file: $0) }
    }

    static let options = SolveOptions(timeLimit: 30)

    /// The sequential baseline: every request is solved to optimality.
    static func sequentialTotals(_ requests: [SeatingRequest]) throws -> [Double] {
        try requests.map { request in
            let plan = try Planner.plan(request, options: options)
            try #require(plan.status == .optimal, "sequential run: \(plan.status)")
            return try #require(plan.objective).total
        }
    }

    static func checkPlan(_ plan: SeatingPlan, for request: SeatingRequest, expected total: Double, _ label: String) {
        #expect(plan.status == .optimal, "\(label): \(plan.status)")
        let reference = ReferenceScorer.score(request, plan.assignments)
        #expect(reference.isValid, "\(label): \(reference.violations)")
        guard let objective = plan.objective else {
            Issue.record("\(label): no objective")
            return
        }
        #expect(agrees(objective.total, reference.total), "\(label): plan \(objective.total), reference \(reference.total)")
        #expect(agrees(objective.total, total), "\(label): concurrent total \(objective.total), sequential \(total)")
    }

    @Test func concurrentAsyncPlansMatchSequentialPlans() async throws {
        let requests = try Self.smallRequests()
        let totals = try Self.sequentialTotals(requests)
        let plans = try await withThrowingTaskGroup(of: (Int, SeatingPlan).self) { group in
            for (index, request) in requests.enumerated() {
                group.addTask { (index, try await Planner.plan(request, options: Self.options)) }
            }
            var plans: [Int: SeatingPlan] = [:]
            for try await (index, plan) in group { plans[index] = plan }
            return plans
        }
        #expect(plans.count == requests.count)
        for (index, request) in requests.enumerated() {
            guard let plan = plans[index] else { continue }
            Self.checkPlan(plan, for: request, expected: totals[index], "request \(index) (async)")
        }
    }

    @Test func concurrentSyncPlansMatchSequentialPlans() throws {
        let requests = try Self.smallRequests()
        let totals = try Self.sequentialTotals(requests)
        let results = Results<Result<SeatingPlan, RequestError>>()
        DispatchQueue.concurrentPerform(iterations: requests.count) { index in
            results.set(index, Result { () throws(RequestError) in try Planner.plan(requests[index], options: Self.options) })
        }
        for (index, request) in requests.enumerated() {
            switch results.get(index) {
            case nil: Issue.record("request \(index): no result")
            case .failure(let error): Issue.record("request \(index): \(error)")
            case .success(let plan): Self.checkPlan(plan, for: request, expected: totals[index], "request \(index) (sync)")
            }
        }
    }

    @Test func asyncPlanOfAnInvalidRequestThrowsTheRequestError() async {
        let request = SeatingRequest(tables: [Table(id: "T1", capacity: 0)], attendees: [Attendee(id: "a1")])
        do {
            let plan = try await Planner.plan(request, options: SolveOptions(timeLimit: 5))
            Issue.record("planned an invalid request: \(plan.status)")
        } catch {
            #expect(error.issues.contains { $0.location.contains("capacity") }, "\(error)")
        }
    }

    /// 120 attendees, 12 tables of 11 (minSize 6), 3 sessions, balance, a hard rule and repeats:
    /// far too big to prove optimal within a second.
    static func largeRequest() -> SeatingRequest {
        var rng = SplitMix64(seed: 120)
        let sessions = ["Thu", "Fri", "Sat"]
        let tables = (1...12).map { Table(id: "T\($0)", capacity: 11, minSize: 6, topic: $0 <= 4 ? "topic\($0 % 3)" : nil) }
        let attendees = (1...120).map { i in
            Attendee(
                id: "a\(i)",
                attributes: [
                    "party": .single(rng.pick(["A", "B", "C", "D", "E"])), "country": .single(rng.pick(["MX", "US", "CA"])),
                    "role": .single(i <= 30 ? "legislator" : rng.pick(["sponsor", "expert", "staff"])),
                ],
                sessions: i % 7 == 0 ? ["Thu", "Sat"] : nil,
                topics: i % 3 == 0 ? ["topic1", "topic2"] : [])
        }
        return SeatingRequest(
            sessions: sessions, tables: tables, attendees: attendees,
            objective: Objective(balance: ["party": 2, "country": 1], size: 1, topics: 1, repeats: 1),
            rules: [Rule(attribute: "role", value: "legislator", min: 1), Rule(attribute: "party", maxPerValue: 4, weight: 2)])
    }

    /// Seconds within which a stopped 60 s plan must return. Alone, a debug build returns in about
    /// 2.5 s; the whole suite runs in parallel on two cores, which can slow that down severalfold.
    static let promptly = 10.0

    static func checkStoppedPlan(_ plan: SeatingPlan, for request: SeatingRequest) {
        #expect([.feasible, .optimal, .unknown].contains(plan.status), "status \(plan.status): \(plan.explanation)")
        guard plan.status == .feasible || plan.status == .optimal else { return }
        let reference = ReferenceScorer.score(request, plan.assignments)
        #expect(reference.isValid, "\(reference.violations.prefix(5))")
        if let objective = plan.objective {
            #expect(agrees(objective.total, reference.total), "plan \(objective.total), reference \(reference.total)")
            if let bound = plan.bound { #expect(bound <= objective.total + tolerance(objective.total)) }
        } else {
            Issue.record("a \(plan.status) plan without objective")
        }
    }

    /// Cancels the task once the planner has run for half a second. Times are taken on the
    /// planner's side (its progress reports and `seconds`), so a busy cooperative pool in a
    /// parallel test run cannot blur them.
    @Test func cancellingAnAsyncPlanReturnsPromptly() async throws {
        let request = Self.largeRequest()
        try request.validate()
        let started = Results<Date>()
        let progress: @Sendable (SolveProgress) -> Void = { report in
            if started.get(0) == nil { started.set(0, Date().addingTimeInterval(-report.elapsed)) }
        }
        let task = Task { try await Planner.plan(request, options: SolveOptions(timeLimit: 60, progress: progress)) }
        while started.get(0) == nil { try await Task.sleep(nanoseconds: 10_000_000) }
        let planStart = try #require(started.get(0))
        let wait = 0.5 - Date().timeIntervalSince(planStart)
        if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
        let cancelled = Date()
        task.cancel()
        let plan = try await task.value
        let planEnd = planStart.addingTimeInterval(plan.seconds)
        #expect(planEnd > cancelled, "the plan ended before the cancellation: nothing was tested")
        let waited = planEnd.timeIntervalSince(cancelled)
        #expect(waited < Self.promptly, "returned \(waited) s after cancellation")
        print("cancelled plan: \(plan.status) \(String(format: "%.2f", waited)) s after cancellation")
        Self.checkStoppedPlan(plan, for: request)
    }

    @Test func planInAnAlreadyCancelledTaskReturnsPromptly() async throws {
        let request = Self.largeRequest()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await Planner.plan(request, options: SolveOptions(timeLimit: 60))
        }
        let plan = try await task.value
        // Cancelled before it starts, a plan has nothing to do beyond reading the request and a
        // first construction (about 0.3 s in a debug build), even on a busy machine.
        #expect(plan.seconds < 2, "took \(plan.seconds) s although cancelled before starting")
        Self.checkStoppedPlan(plan, for: request)
    }

    @Test func stopFlagStopsASyncPlanPromptly() throws {
        let request = Self.largeRequest()
        let stop = StopFlag()
        let stoppedAt = Results<Date>()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) {
            stoppedAt.set(0, Date())
            stop.stop()
        }
        let started = Date()
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 60, stop: stop))
        let stopped = try #require(stoppedAt.get(0), "the plan returned before the stop")
        let waited = started.addingTimeInterval(plan.seconds).timeIntervalSince(stopped)
        #expect(waited < Self.promptly, "returned \(waited) s after the stop")
        Self.checkStoppedPlan(plan, for: request)
    }
}
