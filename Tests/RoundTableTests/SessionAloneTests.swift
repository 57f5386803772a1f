import Foundation
import RoundTable
import Testing

/// `SeatingRequest.alone(session:)`: one session of an event as a request of its own.
@Suite("One session as a request of its own")
struct SessionAloneTests {
    /// Two sessions with partial attendance, a table open in one, a per-session pin, an
    /// avoid naming someone absent, a family, a soft rule and a previous plan.
    static let event = SeatingRequest(
        sessions: ["mon", "tue"],
        tables: [Table(id: "T1", capacity: 4), Table(id: "T2", capacity: 4), Table(id: "T3", capacity: 3, sessions: ["tue"])],
        attendees: [
            Attendee(id: "a", attributes: ["party": .single("D"), "country": .single("US")], pin: .perSession(["tue": "T3"])),
            Attendee(id: "b", attributes: ["party": .single("R"), "country": .single("MX")], avoid: ["c", "e"]),
            Attendee(id: "c", attributes: ["party": .single("D"), "country": .single("MX")], sessions: ["tue"]),
            Attendee(id: "d", attributes: ["party": .single("R"), "country": .single("US")], group: "fam"),
            Attendee(id: "e", attributes: ["party": .single("R"), "country": .single("US")], group: "fam"),
            Attendee(id: "f", attributes: ["party": .single("D"), "country": .single("US")]),
            Attendee(id: "g", attributes: ["party": .single("R"), "country": .single("MX")], sessions: ["mon"]),
        ],
        objective: Objective(balance: ["party": 2, "country": 1], repeats: 3),
        rules: [Rule(attribute: "country", minDistinct: 2, weight: 5)],
        previous: PreviousPlan(assignments: [Assignment(attendee: "a", session: "mon", table: "T1")]))

    @Test("keeps the session's attendees, tables, pins and avoids, and nothing of the others")
    func restricts() throws {
        let monday = Self.event.alone(session: "mon")
        #expect(monday.sessions == ["mon"])
        #expect(monday.attendees.map(\.id) == ["a", "b", "d", "e", "f", "g"])
        #expect(monday.tables.map(\.id) == ["T1", "T2"])
        #expect(monday.attendees.allSatisfy { $0.sessions == nil })
        #expect(monday.tables.allSatisfy { $0.sessions == nil })
        #expect(monday.attendees.first { $0.id == "a" }?.pin == nil, "a is pinned on Tuesday only")
        #expect(monday.attendees.first { $0.id == "b" }?.avoid == ["e"], "c is absent on Monday")
        #expect(monday.previous == nil)
        #expect(monday.objective == Self.event.objective && monday.rules == Self.event.rules)

        let tuesday = Self.event.alone(session: "tue")
        #expect(tuesday.attendees.map(\.id) == ["a", "b", "c", "d", "e", "f"])
        #expect(tuesday.tables.map(\.id) == ["T1", "T2", "T3"])
        #expect(tuesday.attendees.first { $0.id == "a" }?.pin == .table("T3"))
        #expect(tuesday.attendees.first { $0.id == "b" }?.avoid == ["c", "e"])
        #expect(try Planner.repeatBound(tuesday).value == 0, "a valid request of one session: nobody meets twice")
    }

    @Test("scores each session of a plan as the whole event scores it, less repeats and repeated topics")
    func scoresSessions() throws {
        let plan = try Planner.plan(Self.event, options: SolveOptions(timeLimit: 2))
        let whole = try #require(plan.objective)
        var balance = 0.0
        var size = 0.0
        var rules = 0.0
        for name in Self.event.sessions {
            let part = plan.assignments.filter { $0.session == name }.map { Assignment(attendee: $0.attendee, session: nil, table: $0.table) }
            #expect(!part.isEmpty)
            let report = try Self.event.alone(session: name).score(part)
            #expect(report.isValid, "session \(name): \(report.violations.map(\.message))")
            #expect(report.breakdown.repeats == 0)
            balance += report.breakdown.balance
            size += report.breakdown.size
            rules += report.breakdown.rules
        }
        #expect(abs(balance - whole.balance) <= 1e-9, "balance \(balance) against \(whole.balance)")
        #expect(abs(size - whole.size) <= 1e-9, "size \(size) against \(whole.size)")
        #expect(abs(rules - whole.rules) <= 1e-9, "rules \(rules) against \(whole.rules)")
    }
}
