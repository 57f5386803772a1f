import Foundation
import Testing

/// The organizer's workflow through the real `roundtable` binary: spreadsheets in, CSV and
/// HTML out, rendering saved plans, re-seating, infeasible events, model export, progress.
/// Every planning run is short (`--time-limit 3` or less).
@Suite("roundtable for organizers")
struct OrganizerCLITests {
    static let families = CLI.fixture("valid_families.json")
    static let smallEvent = CLI.spreadsheet("small_event.yaml")

    /// A valid seating of valid_families.json that is not optimal (total 14.67; the
    /// optimum is 13.08): a plan the planner would not write itself.
    static let handSeating: [String: String] = [
        "a1": "T1", "a2": "T1", "a3": "T1", "a7": "T1", "a4": "T2", "a5": "T2", "a6": "T3", "a8": "T3",
    ]

    static func planObject(_ seating: [String: String], status: String = "feasible") -> [String: Any] {
        [
            "status": status,
            "assignments": seating.sorted { $0.key < $1.key }.map { ["attendee": $0.key, "table": $0.value] },
        ]
    }

    /// Plans valid_families.json into `name` in `scratch`, quietly, and returns the path.
    static func planFamilies(into scratch: Scratch, _ name: String = "p1.json") throws -> String {
        let path = scratch.path(name)
        let run = try CLI.roundtable(["plan", families, "-o", path, "-q", "--time-limit", "3"])
        #expect(run.status == 0, "\(run)")
        return path
    }

    // MARK: Spreadsheets

    @Test(arguments: [
        ("valid_small.csv", "small_event.yaml"),
        ("conference.csv", "event.yaml"),
    ])
    func spreadsheetPlanIsValidForTheRequestThatConvertWrites(_ sheet: String, _ config: String) throws {
        let scratch = try Scratch()
        let (csv, yaml) = (CLI.spreadsheet(sheet), CLI.spreadsheet(config))
        let planned = try CLI.roundtable(["plan", csv, "--config", yaml, "-o", scratch.path("out.json"), "-q", "--time-limit", "3"])
        #expect(planned.status == 0, "\(planned)")
        #expect(planned.stdout.isEmpty, "the plan goes to the -o file: \(planned)")

        let converted = try CLI.roundtable(["convert", csv, "--config", yaml, "-o", scratch.path("req.json")])
        #expect(converted.status == 0, "\(converted)")
        let request = try Output.jsonObject(atPath: scratch.path("req.json"))
        #expect((request["attendees"] as? [Any])?.isEmpty == false, "\(request.keys)")

        let validated = try CLI.roundtable(["validate", scratch.path("req.json")])
        #expect(validated.status == 0, "\(validated)")
        #expect(validated.stdout.contains("valid"), "\(validated)")

        let scored = try CLI.roundtable(["score", scratch.path("req.json"), scratch.path("out.json")])
        #expect(scored.status == 0, "\(scored)")
        let report = try #require(scored.json, "\(scored)")
        #expect(report["valid"] as? Bool == true, "\(scored)")
        #expect((report["violations"] as? [Any])?.isEmpty == true, "\(scored)")
        // The JSON is the same event as the sheet: it scores the plan as the planner did.
        let plan = try Output.jsonObject(atPath: scratch.path("out.json"))
        let (planTotal, scoreTotal) = (try Output.total(plan), try Output.total(report))
        #expect(abs(planTotal - scoreTotal) <= 1e-6 * max(1, abs(planTotal)), "plan \(planTotal), score \(scoreTotal)")
    }

    @Test func spreadsheetWithoutConfigExitsTwoAskingForConfig() throws {
        let run = try CLI.roundtable(["plan", CLI.spreadsheet("valid_small.csv"), "-q", "--time-limit", "3"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--config"), "\(run)")
        #expect(run.stderr.contains("valid_small.csv"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test(arguments: [
        ("invalid_duplicate_id.csv", #"row 6, column "ID""#),
        ("invalid_unknown_avoid.csv", #"row 2, column "Avoid""#),
        ("invalid_empty_required_cell.csv", #"row 3, column "Country""#),
        ("invalid_pin_unknown_table.csv", #"row 2, column "Pin""#),
        ("invalid_unknown_session.csv", #"row 3, column "Sessions""#),
        ("invalid_shifted_row.csv", "row 3, column L"),
    ])
    func brokenSpreadsheetExitsTwoNamingRowAndColumn(_ sheet: String, _ location: String) throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable([
            "plan", CLI.spreadsheet("broken/" + sheet), "--config", Self.smallEvent, "-o", scratch.path("out.json"),
            "--time-limit", "3",
        ])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains(sheet), "stderr names the sheet: \(run)")
        #expect(run.stderr.contains(location), "stderr names \(location): \(run)")
        #expect(run.stderr.contains("Fix:"), "\(run)")
        #expect(!scratch.exists("out.json"), "no plan is written for a broken sheet")
    }

    // MARK: CSV and HTML

    @Test func planToACSVFileWritesOneValidRowPerAttendee() throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable(["plan", Self.families, "-o", scratch.path("out.csv"), "-q", "--time-limit", "3"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        let rows = Output.csvRows(try scratch.text("out.csv"))
        let header = try #require(rows.first, "empty CSV")
        #expect(Array(header.prefix(2)) == ["id", "name"], "header \(header)")
        let people = try RequestPeople(path: Self.families)
        #expect(rows.dropFirst().map(\.first) == people.ids, "one row per attendee, in request order: \(rows)")
        #expect(rows.dropFirst().allSatisfy { $0.count == header.count }, "\(rows)")
        for row in rows.dropFirst() where row.count >= 2 {
            #expect(row[1] == people.names[row[0]], "name of \(row[0]): \(row)")
        }
        // The tables in the CSV are a valid plan of the request.
        let column = try #require(header.firstIndex(of: "table"), "no table column in \(header)")
        let seating = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0[column]) })
        let plan = try scratch.writeJSON(Self.planObject(seating), to: "fromcsv.json")
        let scored = try CLI.roundtable(["score", Self.families, plan])
        #expect(scored.status == 0, "the CSV's tables break the request: \(scored)")
    }

    @Test func planToAnHTMLFileNamesEveryAttendee() throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable(["plan", Self.families, "-o", scratch.path("out.html"), "-q", "--time-limit", "3"])
        #expect(run.status == 0, "\(run)")
        let html = try scratch.text("out.html")
        #expect(html.lowercased().contains("<html"), "\(html.prefix(300))")
        #expect(html.contains("size: A4"), "A4 is the default paper")
        for name in try RequestPeople(path: Self.families).names.values {
            #expect(html.contains(Output.htmlEscaped(name)), "the page lacks \(name)")
        }
    }

    @Test func formatHTMLWritesThePageToStdout() throws {
        let run = try CLI.roundtable(["plan", Self.families, "--format", "html", "-q", "--time-limit", "3"])
        #expect(run.status == 0, "\(run)")
        let page = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(page.lowercased().hasPrefix("<!doctype html"), "\(run)")
        #expect(page.lowercased().hasSuffix("</html>"), "\(run)")
        for name in try RequestPeople(path: Self.families).names.values {
            #expect(page.contains(Output.htmlEscaped(name)), "the page lacks \(name)")
        }
    }

    @Test(arguments: ["letter", "LETTER"])
    func paperLetterPrintsOnLetter(_ paper: String) throws {
        let run = try CLI.roundtable(["plan", Self.families, "--format", "html", "--paper", paper, "-q", "--time-limit", "3"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("size: letter"), "@page size is not letter: \(run.stdout.prefix(1500))")
        #expect(!run.stdout.contains("size: A4"))
    }

    @Test(arguments: ["plan", "render"])
    func unknownPaperIsAUsageErrorBeforeAnythingRuns(_ command: String) throws {
        let scratch = try Scratch()
        let plan = try scratch.writeJSON(Self.planObject(Self.handSeating), to: "plan.json")
        var arguments = [command, Self.families]
        if command == "render" { arguments.append(plan) }
        arguments += ["--paper", "legal", "-o", scratch.path("out.html")]
        if command == "plan" { arguments += ["--time-limit", "3"] }
        let run = try CLI.roundtable(arguments)
        #expect(run.status == 64, "ValidationError exits with EX_USAGE: \(run)")
        #expect(run.stderr.contains("legal") && run.stderr.contains("letter"), "\(run)")
        #expect(!scratch.exists("out.html"), "nothing is written for a rejected --paper")
    }

    // MARK: Render

    @Test func renderWritesTheGivenPlanWithoutPlanningAgain() throws {
        let scratch = try Scratch()
        let plan = try scratch.writeJSON(Self.planObject(Self.handSeating), to: "hand.json")
        let scored = try CLI.roundtable(["score", Self.families, plan])
        #expect(scored.status == 0, "the hand seating must be valid: \(scored)")
        let handTotal = try Output.total(try #require(scored.json, "\(scored)"))

        let (csvRun, csvSeconds) = try CLI.timedRoundtable(["render", Self.families, plan, "-o", scratch.path("x.csv")])
        #expect(csvRun.status == 0, "\(csvRun)")
        let rows = Output.csvRows(try scratch.text("x.csv"))
        let header = try #require(rows.first)
        #expect(Array(header.prefix(2)) == ["id", "name"], "\(header)")
        let column = try #require(header.firstIndex(of: "table"), "\(header)")
        let seating = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0[column]) })
        #expect(seating == Self.handSeating, "render changed the seating")

        let (htmlRun, htmlSeconds) = try CLI.timedRoundtable(["render", Self.families, plan, "-o", scratch.path("x.html")])
        #expect(htmlRun.status == 0, "\(htmlRun)")
        let html = try scratch.text("x.html")
        for name in try RequestPeople(path: Self.families).names.values {
            #expect(html.contains(Output.htmlEscaped(name)), "the page lacks \(name)")
        }

        // JSON keeps the given seats, rescored (the planner would have found 13.08).
        let jsonRun = try CLI.roundtable(["render", Self.families, plan])
        #expect(jsonRun.status == 0, "\(jsonRun)")
        let rendered = try #require(jsonRun.json, "\(jsonRun)")
        #expect(try Output.tables(ofPlan: rendered) == Self.handSeating)
        #expect(abs(try Output.total(rendered) - handTotal) < 1e-9, "\(jsonRun)")
        #expect(csvSeconds < 5 && htmlSeconds < 5, "render took \(csvSeconds) s and \(htmlSeconds) s")
    }

    @Test func renderOfAPlanOverATableCapacityExitsOne() throws {
        let scratch = try Scratch()
        var seating = try Output.tables(ofPlanAt: try Self.planFamilies(into: scratch))
        // Seat the second-fullest table's people at the fullest one: 8 people at 3 tables
        // put at least 6 at those two, over the capacity 4.
        let counts = Dictionary(grouping: seating.values, by: { $0 }).mapValues(\.count)
        let byFill = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        try #require(byFill.count >= 2, "\(seating)")
        for (attendee, table) in seating where table == byFill[1] { seating[attendee] = byFill[0] }
        let broken = try scratch.writeJSON(Self.planObject(seating), to: "broken.json")

        let run = try CLI.roundtable(["render", Self.families, broken, "-o", scratch.path("x.html")])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("capacity") && run.stderr.contains(byFill[0]), "\(run)")
        #expect(run.stderr.contains("Fix:"), "\(run)")
        #expect(!scratch.exists("x.html"), "no page for a broken plan")
    }

    @Test func renderOfAPlanSeatingAnAttendeeTwiceExitsOne() throws {
        let scratch = try Scratch()
        var plan = try Output.jsonObject(atPath: try Self.planFamilies(into: scratch))
        var assignments = try #require(plan["assignments"] as? [[String: Any]])
        let first = try #require(assignments.first)
        let other = try #require(["T1", "T2", "T3"].first { $0 != first["table"] as? String })
        var twice = first
        twice["table"] = other
        assignments.append(twice)
        plan["assignments"] = assignments
        let broken = try scratch.writeJSON(plan, to: "twice.json")

        let run = try CLI.roundtable(["render", Self.families, broken, "-o", scratch.path("x.csv")])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("two seats") && run.stderr.contains(first["attendee"] as? String ?? "?"), "\(run)")
        #expect(!scratch.exists("x.csv"), "no CSV for a broken plan")
    }

    // MARK: Re-seating

    @Test func replanningAgainstTheSamePlanMovesNobody() throws {
        let scratch = try Scratch()
        let p1 = try Self.planFamilies(into: scratch)
        let run = try CLI.roundtable(["plan", Self.families, "--previous", p1, "-o", scratch.path("p2.json"), "-q", "--time-limit", "3"])
        #expect(run.status == 0, "\(run)")
        #expect(try Output.tables(ofPlanAt: scratch.path("p2.json")) == (try Output.tables(ofPlanAt: p1)))
        let p2 = try Output.jsonObject(atPath: scratch.path("p2.json"))
        #expect((p2["moves"] as? [Any])?.isEmpty ?? (p2["moves"] == nil), "moves: \(p2["moves"] ?? "")")
        #expect(((p2["objective"] as? [String: Any])?["moves"] as? Double ?? 0) == 0, "\(p2)")
    }

    @Test(arguments: [["--lock", "a1"], ["--lock-all"]])
    func lockWithoutPreviousIsARequestError(_ lock: [String]) throws {
        let run = try CLI.roundtable(["plan", Self.families, "-q", "--time-limit", "3"] + lock)
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("--previous"), "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
    }

    @Test func missingPreviousPlanIsARequestError() throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable(["plan", Self.families, "--previous", scratch.path("missing.json"), "-q", "--time-limit", "3"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("missing.json"), "\(run)")
    }

    /// valid_families.json with one more attendee, written to `scratch`.
    static func familiesWithNewcomer(in scratch: Scratch) throws -> String {
        var request = try Output.jsonObject(atPath: families)
        var attendees = try #require(request["attendees"] as? [[String: Any]])
        attendees.append(["id": "a9", "name": "Nora Vance", "attributes": ["country": "MX", "role": "expert"]])
        request["attendees"] = attendees
        return try scratch.writeJSON(request, to: "changed.json")
    }

    @Test func lockAllKeepsEveryPreviousAttendeeAndSeatsTheNewcomer() throws {
        let scratch = try Scratch()
        let p1 = try Self.planFamilies(into: scratch)
        let changed = try Self.familiesWithNewcomer(in: scratch)
        let run = try CLI.roundtable([
            "plan", changed, "--previous", p1, "--lock-all", "-o", scratch.path("p2.json"), "-q", "--time-limit", "3",
        ])
        #expect(run.status == 0, "\(run)")
        let before = try Output.tables(ofPlanAt: p1)
        let after = try Output.tables(ofPlanAt: scratch.path("p2.json"))
        for (attendee, table) in before { #expect(after[attendee] == table, "\(attendee) moved from \(table)") }
        #expect(["T1", "T2", "T3"].contains(after["a9"] ?? ""), "the newcomer is not seated: \(after)")
        let scored = try CLI.roundtable(["score", changed, scratch.path("p2.json")])
        #expect(scored.status == 0, "\(scored)")
    }

    /// From a worse previous seating, moving pays (cheap moves), yet locked attendees stay.
    @Test func locksHoldEvenWhenMovingWouldScoreBetter() throws {
        let scratch = try Scratch()
        let previous = try scratch.writeJSON(Self.planObject(Self.handSeating), to: "previous.json")
        let changed = try Self.familiesWithNewcomer(in: scratch)
        let base = ["plan", changed, "--previous", previous, "--move-weight", "0.1", "-q", "--time-limit", "3"]

        let free = try CLI.roundtable(base + ["-o", scratch.path("free.json")])
        #expect(free.status == 0, "\(free)")
        let freeSeating = try Output.tables(ofPlanAt: scratch.path("free.json"))
        let moved = Self.handSeating.keys.filter { freeSeating[$0] != Self.handSeating[$0] }.sorted()
        try #require(!moved.isEmpty, "premise: without locks someone moves to a better table: \(freeSeating)")
        let freePlan = try Output.jsonObject(atPath: scratch.path("free.json"))
        let moves = try #require(freePlan["moves"] as? [[String: Any]], "the moves are listed: \(freePlan)")
        #expect(Set(moves.compactMap { $0["attendee"] as? String }) == Set(moved), "\(moves)")

        let all = try CLI.roundtable(base + ["--lock-all", "-o", scratch.path("all.json")])
        #expect(all.status == 0, "\(all)")
        let allSeating = try Output.tables(ofPlanAt: scratch.path("all.json"))
        for (attendee, table) in Self.handSeating { #expect(allSeating[attendee] == table, "\(attendee) moved despite --lock-all") }
        #expect(allSeating["a9"] != nil, "\(allSeating)")

        let some = try CLI.roundtable(base + ["--lock"] + moved + ["-o", scratch.path("some.json")])
        #expect(some.status == 0, "\(some)")
        let someSeating = try Output.tables(ofPlanAt: scratch.path("some.json"))
        for attendee in moved { #expect(someSeating[attendee] == Self.handSeating[attendee], "\(attendee) moved despite --lock") }
    }

    // MARK: Infeasible

    @Test func infeasibleRequestExitsThreeWithExplanationAndFixes() throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable(["plan", CLI.fixture("infeasible_capacity.json"), "-o", scratch.path("x.json"), "--time-limit", "3"])
        #expect(run.status == 3, "\(run)")
        let plan = try Output.jsonObject(atPath: scratch.path("x.json"))
        #expect(plan["status"] as? String == "infeasible", "\(plan)")
        #expect((plan["explanation"] as? [String])?.isEmpty == false, "\(plan)")
        let fixes = try #require(plan["fixes"] as? [String], "\(plan)")
        #expect(!fixes.isEmpty && fixes.allSatisfy { !$0.isEmpty }, "\(plan)")
        #expect(run.stderr.contains("Fix:"), "\(run)")
    }

    // MARK: Export

    @Test func exportWritesACPLEXLPFile() throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable(["export", Self.families, "-o", scratch.path("model.lp")])
        #expect(run.status == 0, "\(run)")
        let lp = try scratch.text("model.lp")
        let start = lp.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(start.hasPrefix("\\") || start.lowercased().hasPrefix("minimize"), "\(lp.prefix(200))")
        #expect(lp.lowercased().contains("subject to"), "\(lp.prefix(200))")
        #expect(start.lowercased().hasSuffix("end"), "\(lp.suffix(200))")
        #expect(run.stderr.contains("columns"), "size summary: \(run)")
    }

    @Test func exportWithFormatMPSWritesRows() throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable(["export", Self.families, "-o", scratch.path("model.mps"), "--format", "mps"])
        #expect(run.status == 0, "\(run)")
        let lines = try scratch.text("model.mps").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        for section in ["ROWS", "COLUMNS", "ENDATA"] { #expect(lines.contains(section), "no \(section) section") }
    }

    /// glpsol (Debian glpk-utils) solves the exported program to the plan's optimum.
    @Test(.enabled(if: CLI.glpsol != nil, "glpsol is not on PATH"), arguments: ["lp", "mps"])
    func glpsolSolvesTheExportedModelToThePlannedOptimum(_ format: String) throws {
        let scratch = try Scratch()
        let glpsol = try #require(CLI.glpsol)
        let model = scratch.path("model." + format)
        let exported = try CLI.roundtable(["export", Self.families, "-o", model, "--format", format])
        #expect(exported.status == 0, "\(exported)")
        let solved = try CLI.execute(
            glpsol, [format == "lp" ? "--lp" : "--freemps", model, "--tmlim", "30", "-o", scratch.path("solution.txt")])
        #expect(solved.status == 0, "\(solved)")
        #expect(solved.stdout.contains("INTEGER OPTIMAL SOLUTION FOUND"), "\(solved)")
        let solution = try scratch.text("solution.txt")
        // "Objective:  obj = 13.08333333 (MINimum)"
        let objectiveLine = solution.split(separator: "\n").first { $0.hasPrefix("Objective:") }.map(String.init) ?? ""
        let number = objectiveLine.split(separator: "=").last?.split(separator: "(").first.map(String.init) ?? ""
        let value = try #require(Double(number.trimmingCharacters(in: .whitespaces)), "no objective in \(solution.prefix(500))")

        let plan = try Output.jsonObject(atPath: try Self.planFamilies(into: scratch))
        #expect(plan["status"] as? String == "optimal", "\(plan)")
        let total = try Output.total(plan)
        #expect(abs(value - total) <= 1e-6 * max(1, abs(total)), "glpsol \(value), plan \(total)")
    }

    // MARK: Progress

    static func progressLines(_ stderr: String) -> [Substring] {
        stderr.split(whereSeparator: \.isNewline).filter { $0.contains("best") && $0.contains("bound") }
    }

    // The bundled conference (150 attendees) in a debug build, beside the other tests on two
    // cores: in 2 s one CI run found no valid plan (exit 4), so these runs get 6 s.
    @Test func planPrintsPlainProgressLinesWhenStderrIsNotATerminal() throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable(["plan", CLI.fixture("conference.json"), "--time-limit", "6", "-o", scratch.path("c.json")])
        #expect(run.status == 0, "\(run)")
        #expect(!Self.progressLines(run.stderr).isEmpty, "no progress lines: \(run)")
        #expect(!run.stderr.contains("\r") && !run.stderr.contains("\u{1B}"), "in-place progress on a file: \(run)")
        #expect(run.stderr.contains("Status:"), "the summary follows the progress: \(run)")
    }

    @Test func quietPlanPrintsNoProgress() throws {
        let scratch = try Scratch()
        let run = try CLI.roundtable(["plan", CLI.fixture("conference.json"), "--time-limit", "6", "-q", "-o", scratch.path("c.json")])
        #expect(run.status == 0, "\(run)")
        #expect(Self.progressLines(run.stderr).isEmpty, "\(run)")
        #expect(!run.stderr.contains("Status:"), "\(run)")
        #expect(scratch.exists("c.json"))
    }
}
