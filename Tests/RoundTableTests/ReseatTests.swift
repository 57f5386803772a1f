import Foundation
import RoundTable
import RoundTableJSON
import Testing

/// Re-seating after late registrations and cancellations keeps people where they were.
@Suite("Re-seating with a previous plan moves few people")
struct ReseatTests {
    /// The bundled conference with 5% of attendees cancelled and 5% new registrations.
    static func changedConference(_ original: SeatingRequest) -> SeatingRequest {
        var request = original
        let count = original.attendees.count / 20
        let cancelled = Set(original.attendees.filter { $0.group == nil && $0.pin == nil && $0.avoid.isEmpty }
            .enumerated().filter { $0.offset % 9 == 4 }.prefix(count).map(\.element.id))
        request.attendees.removeAll { cancelled.contains($0.id) }
        for i in request.attendees.indices { request.attendees[i].avoid.removeAll { cancelled.contains($0) } }
        let templates = request.attendees.filter { $0.group == nil && $0.pin == nil && $0.avoid.isEmpty }
        for k in 0..<count {
            var late = templates[(k * 7) % templates.count]
            late.id = "late-\(k)"
            late.name = "Late Registrant \(k)"
            request.attendees.append(late)
        }
        return request
    }

    static func movedAttendees(_ plan: SeatingPlan, from previous: SeatingPlan) -> Set<String> {
        var before: [String: String] = [:]
        for seat in previous.assignments { before["\(seat.attendee)|\(seat.session ?? "")"] = seat.table }
        return Set(plan.assignments.filter { seat in
            before["\(seat.attendee)|\(seat.session ?? "")"].map { $0 != seat.table } ?? false
        }.map(\.attendee))
    }

    @Test func lateChangesMoveFarFewerPeopleThanPlanningAgain() throws {
        let original = try RequestReader.read(FixtureFiles.data("conference.json"), file: "conference.json")
        // The previous plan as an organizer would have it, given time: the less converged it
        // is, the more moves pay (a debug build on a busy machine is far from converged in 5 s).
        let first = try Planner.plan(original, options: SolveOptions(timeLimit: 10))
        #expect(first.status == .feasible || first.status == .optimal)
        var changed = Self.changedConference(original)
        // Planning from scratch gets 15 s: twice in full runs of the suite (once on CI), a
        // debug build planning the bundled conference in 5 s beside the other tests found no
        // valid plan.
        let scratch = try Planner.plan(changed, options: SolveOptions(timeLimit: 15, seed: 2))
        #expect(scratch.status == .feasible || scratch.status == .optimal, "from scratch: \(scratch.status), \(scratch.explanation)")
        changed.previous = PreviousPlan(assignments: first.assignments)
        let reseated = try Planner.plan(changed, options: SolveOptions(timeLimit: 5))
        #expect(try changed.score(reseated.assignments).isValid)
        let movedFromScratch = Self.movedAttendees(scratch, from: first).count
        let moved = Self.movedAttendees(reseated, from: first).count
        print("re-seating: \(moved) attendees moved with the previous plan, \(movedFromScratch) when planning from scratch")
        #expect(moved * 5 < movedFromScratch, "moved \(moved), from scratch \(movedFromScratch)")
        // Few in absolute terms too. How many moves pay depends on how converged the first plan
        // is, which depends on the machine's load: 0-7 here, 17 once on a busy CI machine (of
        // 155 attendees), so the cap is a fifth. `moved * 5 < movedFromScratch` above and
        // "every move pays" below are the claims that do not depend on the machine.
        #expect(moved <= changed.attendees.count / 5)
        // Every moved seat is reported with a reason, and nothing else is.
        let reported = Set(reseated.moves.map(\.attendee))
        #expect(reported == Self.movedAttendees(reseated, from: first))
        #expect(reseated.moves.allSatisfy { !$0.reason.isEmpty })
        // The moves term is the weight times the seats moved.
        let seatsMoved = reseated.moves.count
        #expect(abs((reseated.objective?.moves ?? -1) - 10 * Double(seatsMoved)) < 1e-9)
        // Every move pays: no moved attendee on their own goes back, alone or trading places
        // with someone at their old table, to a valid plan with a lower total.
        let total = try changed.score(reseated.assignments).breakdown.total
        let grouped = Set(changed.attendees.filter { $0.group != nil }.map(\.id))
        var alternatives = 0
        for move in reseated.moves where !grouped.contains(move.attendee) {
            let seatAt = { (a: Assignment) in (a.session ?? "") == move.session }
            let mover = try #require(reseated.assignments.firstIndex { $0.attendee == move.attendee && seatAt($0) })
            var back = reseated.assignments
            back[mover].table = move.from
            var candidates = [back]
            for (k, other) in reseated.assignments.enumerated()
            where seatAt(other) && other.table == move.from && !grouped.contains(other.attendee) {
                var swapped = back
                swapped[k].table = move.to
                candidates.append(swapped)
            }
            for candidate in candidates {
                let report = try changed.score(candidate)
                guard report.isValid else { continue }
                alternatives += 1
                #expect(report.breakdown.total >= total - 1e-6, "\(move.attendee) back at \(move.from): \(report.breakdown.total) < \(total)")
            }
        }
        print("re-seating: \(alternatives) valid ways back for moved attendees, none lower")
    }

    @Test func lockedAttendeesKeepTheirTables() throws {
        let original = try RequestReader.read(FixtureFiles.data("valid_families.json"), file: "valid_families.json")
        let first = try Planner.plan(original, options: SolveOptions(timeLimit: 5))
        var changed = original
        // Everything changes: a heavy balance weight that would reshuffle the tables.
        changed.objective.balance = changed.objective.balance.mapValues { $0 * 100 }
        let locked = Array(Set(first.assignments.map(\.attendee))).sorted().prefix(3)
        changed.previous = PreviousPlan(assignments: first.assignments, locked: Array(locked))
        changed.objective.moves = 0
        let plan = try Planner.plan(changed, options: SolveOptions(timeLimit: 5))
        for id in locked {
            let before = first.assignments.filter { $0.attendee == id }.map(\.table)
            let after = plan.assignments.filter { $0.attendee == id }.map(\.table)
            #expect(before == after, "\(id) moved from \(before) to \(after)")
        }
    }

    @Test func aMoveTheOptimumNeedsIsReportedWithItsGain() throws {
        // Two tables of 2; previously both A's sat together. Balance on party asks to split them.
        let request = SeatingRequest(
            tables: [Table(id: "T1", capacity: 2), Table(id: "T2", capacity: 2)],
            attendees: [
                Attendee(id: "a1", attributes: ["party": .single("A")]), Attendee(id: "a2", attributes: ["party": .single("A")]),
                Attendee(id: "b1", attributes: ["party": .single("B")]), Attendee(id: "b2", attributes: ["party": .single("B")]),
            ],
            objective: Objective(balance: ["party": 10], size: 0, moves: 1),
            previous: PreviousPlan(assignments: [
                Assignment(attendee: "a1", session: nil, table: "T1"), Assignment(attendee: "a2", session: nil, table: "T1"),
                Assignment(attendee: "b1", session: nil, table: "T2"), Assignment(attendee: "b2", session: nil, table: "T2"),
            ]))
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 5))
        #expect(plan.status == .optimal)
        // Splitting the A's costs 2 moves and saves 40 of balance.
        #expect(abs((plan.objective?.total ?? -1) - 2) < 1e-9)
        #expect(plan.moves.count == 2)
        // Moving one back alone would overfill its old table: the reason says so.
        #expect(plan.moves.allSatisfy { $0.reason.contains("back at \"\($0.from)\"") && $0.reason.contains("capacity") })
    }
}
