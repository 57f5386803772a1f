import Foundation
import RoundTable
import RoundTableJSON
import Testing

/// Infeasible requests name what conflicts, and every suggested fix, applied, gives a plan.
@Suite("Infeasible requests: the conflict named, fixes that work")
struct InfeasibilityTests {
    static func conference() throws -> SeatingRequest {
        try RequestReader.read(FixtureFiles.data("conference.json"), file: "conference.json")
    }

    /// Plans `request` briefly and expects the infeasibility explained with at least one fix,
    /// each of which yields a valid plan when applied.
    @discardableResult
    static func expectExplainedWithWorkingFixes(_ request: SeatingRequest, mentioning words: [String]) throws -> SeatingPlan {
        // A generous limit: finding and checking fixes re-solves many times, and the suite runs
        // tests in parallel on two cores. The planner returns as soon as the analysis is done.
        let plan = try Planner.plan(request, options: SolveOptions(timeLimit: 90))
        #expect(plan.status == .infeasible, "status \(plan.status)")
        let text = plan.explanation.joined(separator: "\n")
        for word in words { #expect(text.contains(word), "explanation does not mention \(word): \(text)") }
        #expect(!plan.fixes.isEmpty, "no fix suggested: \(text)")
        for fix in plan.fixes {
            let fixed = fix.apply(to: request)
            let replanned = try Planner.plan(fixed, options: SolveOptions(timeLimit: 5))
            #expect([.optimal, .feasible].contains(replanned.status), "fix \(fix.description) gave \(replanned.status)")
            if replanned.status == .optimal || replanned.status == .feasible {
                #expect(try fixed.score(replanned.assignments).isValid)
            }
        }
        return plan
    }

    @Test("every infeasible fixture is explained and its fixes work", arguments: FixtureFiles.named("infeasible_"))
    func infeasibleFixture(_ name: String) throws {
        let request = try RequestReader.read(FixtureFiles.data(name), file: name)
        try Self.expectExplainedWithWorkingFixes(request, mentioning: [])
    }

    @Test func tooFewTablesForTheConferenceAsksForTables() throws {
        var request = try Self.conference()
        // Thursday loses all but ten tables: 100 seats for 115 attendees.
        for t in request.tables.indices where t >= 10 {
            request.tables[t].sessions = ["Fri", "Sat"]
        }
        let plan = try Self.expectExplainedWithWorkingFixes(request, mentioning: ["Thu", "seat"])
        #expect(plan.fixes.contains { if case .addTables(session: "Thu", _, _) = $0.change { return true } else { return false } })
    }

    @Test func aLegislatorRuleTooStrictIsNamedAndMadeSoft() throws {
        var request = try Self.conference()
        let index = try #require(request.rules.firstIndex { $0.value == "legislator" })
        request.rules[index].min = 4
        let plan = try Self.expectExplainedWithWorkingFixes(request, mentioning: ["role=legislator min 4"])
        #expect(plan.fixes.contains { $0.change == .makeRuleSoft(index: index, weight: 10) })
    }

    @Test func tooManyPinsAtOneTableAreNamedAndOneUnpinned() throws {
        var request = try Self.conference()
        let free = request.attendees.indices.filter { request.attendees[$0].pin == nil && request.attendees[$0].group == nil && request.attendees[$0].sessions == nil }
        for i in free.prefix(11) { request.attendees[i].pin = .table("T3") }
        try Self.expectExplainedWithWorkingFixes(request, mentioning: ["pinned", "T3"])
    }

    /// Counting explanations speak of one holder and one table in the singular.
    @Test func countingExplanationsSayOneHolderAndOneTable() throws {
        let us = (0..<4).map { Attendee(id: "u\($0)", attributes: ["country": .single("US")]) }
        let oneTable = SeatingRequest(
            tables: [Table(id: "T1", capacity: 6)], attendees: us, rules: [Rule(attribute: "country", value: "US", max: 3)])
        let capped = try Self.expectExplainedWithWorkingFixes(oneTable, mentioning: ["at most 3 holders of country=US at the one table of"])
        #expect(!capped.explanation.joined().contains("1 tables"))
        let org = (0..<3).map { Attendee(id: "o\($0)", attributes: ["organization": .single("GM")]) }
        let twoTables = SeatingRequest(
            tables: [Table(id: "T1", capacity: 4), Table(id: "T2", capacity: 4)], attendees: org,
            rules: [Rule(attribute: "organization", maxPerValue: 1)])
        let spread = try Self.expectExplainedWithWorkingFixes(twoTables, mentioning: ["at most 1 holder of organization=GM per table, 2 over the 2 tables"])
        #expect(!spread.explanation.joined().contains("1 holders"))
    }
}
