import Foundation
import Testing

/// What one run of the binary printed and returned.
struct CLIRun: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
    }

    var description: String { "exit \(status)\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(2000))" }
}

/// Locates and runs the built `roundtable` executable on the fixtures.
enum CLI {
    /// The package root: this file is `Tests/RoundTableCLITests/CLITests.swift`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures")
    static let snapshots = packageRoot.appendingPathComponent("Tests/Snapshots")

    /// The `roundtable` built beside the test bundle (the same products folder `swift test` builds into).
    static let binary: URL? = {
        var folders: [URL] = []
        let bundle = Bundle.main.bundleURL
        folders += [bundle, bundle.deletingLastPathComponent()]
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        if let first = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
        }
        // An xctest bundle on Darwin: .../debug/X.xctest/Contents/MacOS/X.
        folders += folders.map { $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }
        return folders.map { $0.appendingPathComponent("roundtable") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A fresh temporary folder for one test's files.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("roundtable-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs the binary with `arguments`; output goes through files, so no pipe can fill and
    /// block, and a hang is stopped (see `execute` in OrganizerCLISupport.swift).
    static func run(_ arguments: [String]) throws -> CLIRun {
        let binary = try #require(binary, "no built roundtable next to \(Bundle.main.bundleURL.path)")
        return try execute(binary, arguments)
    }
}

@Suite("The roundtable command line")
struct CLITests {
    @Test func planWritesAPlanFileAndExitsZero() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let planPath = folder.appendingPathComponent("plan.json").path
        let run = try CLI.run(["plan", CLI.fixture("valid_minimal.json"), "--time-limit", "10", "-o", planPath, "-q"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty, "-q prints no summary: \(run)")
        let data = try Data(contentsOf: URL(fileURLWithPath: planPath))
        let plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(plan["status"] as? String == "optimal")
        let assignments = try #require(plan["assignments"] as? [[String: Any]])
        #expect(assignments.count == 4)
        #expect(Set(assignments.compactMap { $0["attendee"] as? String }) == ["a1", "a2", "a3", "a4"])
        #expect(assignments.allSatisfy { ["T1", "T2"].contains($0["table"] as? String ?? "") })
        let objective = try #require(plan["objective"] as? [String: Any])
        for term in ["total", "balance", "size", "topics", "repeats", "rules"] {
            #expect(objective[term] is NSNumber, "objective lacks \(term)")
        }
        #expect((objective["total"] as? Double) == 0)
    }

    @Test func firstPlanReturnsAValidPlanThatScoreAgreesWith() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let planPath = folder.appendingPathComponent("plan.json").path
        let request = CLI.fixture("conference.json")
        let planned = try CLI.run(["plan", request, "--first-plan", "--time-limit", "60", "-o", planPath, "-q"])
        #expect(planned.status == 0, "\(planned)")
        let (plan, total) = try Self.scoredPlan(request, planPath)
        #expect(plan["method"] as? String == "first-plan")
        let bound = try #require(plan["bound"] as? Double)
        #expect(bound <= total + 1e-6)
    }

    /// The plan written at `planPath` and its total, after checking that `roundtable score`
    /// finds it valid with the same total.
    static func scoredPlan(_ request: String, _ planPath: String) throws -> (plan: [String: Any], total: Double) {
        let plan = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planPath))) as? [String: Any])
        let total = try #require((plan["objective"] as? [String: Any])?["total"] as? Double)
        let scored = try CLI.run(["score", request, planPath])
        #expect(scored.status == 0, "\(scored)")
        let score = try #require(scored.json)
        #expect(score["valid"] as? Bool == true)
        let scoredTotal = try #require((score["objective"] as? [String: Any])?["total"] as? Double)
        #expect(abs(scoredTotal - total) <= 1e-6 * max(1, total))
        return (plan, total)
    }

    @Test func planWithoutOutputPrintsThePlanJSONAndASummary() throws {
        let run = try CLI.run(["plan", CLI.fixture("valid_families.json"), "--time-limit", "20"])
        #expect(run.status == 0, "\(run)")
        let plan = try #require(run.json, "stdout is not a JSON object: \(run)")
        #expect(["optimal", "feasible"].contains(plan["status"] as? String ?? ""))
        #expect(plan["bound"] != nil)
        #expect(run.stderr.contains("Status:"), "summary on stderr: \(run)")
    }

    @Test func scoreOfAPlannedSeatingIsValidAndMatchesThePlan() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let planPath = folder.appendingPathComponent("plan.json").path
        let request = CLI.fixture("valid_multi_session_repeats.json")
        let planned = try CLI.run(["plan", request, "-o", planPath, "-q", "--time-limit", "20"])
        #expect(planned.status == 0, "\(planned)")
        let plan = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: planPath))) as? [String: Any])
        let planTotal = try #require((plan["objective"] as? [String: Any])?["total"] as? Double)

        let scored = try CLI.run(["score", request, planPath])
        #expect(scored.status == 0, "\(scored)")
        let report = try #require(scored.json, "\(scored)")
        #expect(report["valid"] as? Bool == true)
        #expect((report["violations"] as? [Any])?.isEmpty == true)
        let total = try #require((report["objective"] as? [String: Any])?["total"] as? Double)
        #expect(abs(total - planTotal) <= 1e-6 * max(1, abs(planTotal)), "score \(total), plan \(planTotal)")
    }

    @Test func scoreOfABrokenPlanExitsOneAndNamesTheViolations() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Everyone at T1, which seats 2: over capacity.
        let broken = folder.appendingPathComponent("broken.json")
        try Data(
            #"{"status": "feasible", "assignments": [{"attendee": "a1", "table": "T1"}, {"attendee": "a2", "table": "T1"}, {"attendee": "a3", "table": "T1"}, {"attendee": "a4", "table": "T1"}]}"#
                .utf8
        ).write(to: broken)
        let run = try CLI.run(["score", CLI.fixture("valid_minimal.json"), broken.path])
        #expect(run.status == 1, "\(run)")
        let report = try #require(run.json, "\(run)")
        #expect(report["valid"] as? Bool == false)
        let violations = try #require(report["violations"] as? [[String: Any]])
        #expect(violations.contains { ($0["kind"] as? String) == "overCapacity" }, "\(violations)")
        #expect(violations.contains { ($0["message"] as? String ?? "").contains("T1") }, "\(violations)")
    }

    @Test func planToAnUnwritableFileExitsOne() throws {
        let run = try CLI.run(["plan", CLI.fixture("valid_minimal.json"), "-q", "-o", "/nonexistent-folder/plan.json"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("/nonexistent-folder/plan.json"), "\(run)")
    }

    @Test func scoreOfAMissingPlanFileIsARequestError() throws {
        let run = try CLI.run(["score", CLI.fixture("valid_minimal.json"), "/nonexistent/plan.json"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("plan.json"), "\(run)")
    }

    @Test(arguments: [
        ("invalid_capacity_zero.json", "capacity"), ("invalid_unknown_avoid.json", "avoid"),
        ("invalid_unknown_pin_table.json", "pin"), ("invalid_not_json.json", "JSON"),
        ("invalid_minsize_above_capacity.json", "minSize"), ("invalid_wrong_type_capacity.json", "capacity"),
    ])
    func validateOfAnInvalidRequestExitsTwoNamingFileAndField(_ name: String, _ field: String) throws {
        let run = try CLI.run(["validate", CLI.fixture(name)])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains(name), "stderr names the file: \(run)")
        #expect(run.stderr.contains(field), "stderr names \(field): \(run)")
        #expect(run.stderr.contains("Fix"), "stderr says how to fix it: \(run)")
    }

    @Test func validateOfAValidRequestExitsZero() throws {
        let run = try CLI.run(["validate", CLI.fixture("valid_families.json")])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("valid"), "\(run)")
    }

    @Test func planOfAnInvalidRequestExitsTwo() throws {
        let run = try CLI.run(["plan", CLI.fixture("invalid_unknown_session.json"), "-q"])
        #expect(run.status == 2, "\(run)")
        #expect(run.stderr.contains("invalid_unknown_session.json") && run.stderr.contains("sessions"), "\(run)")
    }

    @Test(arguments: ["infeasible_capacity.json", "infeasible_pins_conflict.json"])
    func planOfAnInfeasibleRequestExitsThreeWithReasons(_ name: String) throws {
        let run = try CLI.run(["plan", CLI.fixture(name), "--time-limit", "10", "-q"])
        #expect(run.status == 3, "\(run)")
        let plan = try #require(run.json, "\(run)")
        #expect(plan["status"] as? String == "infeasible")
        #expect((plan["explanation"] as? [String])?.isEmpty == false, "\(run)")
    }

    @Test func helpListsTheExitCodes() throws {
        let run = try CLI.run(["--help"])
        #expect(run.status == 0, "\(run)")
        let help = run.stdout + run.stderr
        for code in ["0", "1", "2", "3", "4"] {
            #expect(help.contains("  \(code)  "), "help lacks exit code \(code): \(help)")
        }
        for word in ["plan", "score", "validate", "infeasible"] { #expect(help.contains(word), "help lacks \(word)") }
    }

    @Test func negativeTimeLimitIsAUsageError() throws {
        let run = try CLI.run(["plan", CLI.fixture("valid_minimal.json"), "--time-limit", "-1"])
        #expect(run.status != 0 && run.status != 3 && run.status != 4, "\(run)")
        #expect(run.stderr.contains("time-limit"), "\(run)")
    }

    @Test func badSessionToleranceIsAUsageErrorThatNamesTheFlag() throws {
        try Self.expectUsageErrors("--session-tolerance", ["-0.1", "abc", "inf"])
    }

    /// `plan` with `flag` set to each of `values` ends with a usage error that names the flag.
    static func expectUsageErrors(_ flag: String, _ values: [String]) throws {
        for value in values {
            let run = try CLI.run(["plan", CLI.fixture("valid_multi_session_repeats.json"), "--time-limit", "3", flag, value])
            #expect(run.status != 0 && run.status != 3 && run.status != 4, "\(run)")
            #expect(run.stderr.contains(flag), "\(run)")
        }
    }

    /// `plan` of `request` with `flag` set to each of `values` writes a valid plan (scored
    /// again by `score`, which agrees with its total).
    static func expectValidPlans(_ request: String, seconds: Int, _ flag: String, _ values: [String]) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for value in values {
            let planPath = folder.appendingPathComponent("plan-\(value).json").path
            let planned = try CLI.run(["plan", request, "--time-limit", "\(seconds)", flag, value, "-o", planPath, "-q"])
            #expect(planned.status == 0, "\(planned)")
            let (plan, _) = try scoredPlan(request, planPath)
            #expect(plan["status"] as? String == "feasible" || plan["status"] as? String == "optimal")
        }
    }

    /// `--seed` takes a whole number (a plan, valid, for each of two seeds) and names itself
    /// when given anything else.
    @Test func seedIsPassedOnAndCheckedByTheCommandLine() throws {
        try Self.expectValidPlans(CLI.fixture("valid_multi_session_repeats.json"), seconds: 3, "--seed", ["2", "18446744073709551615"])
        try Self.expectUsageErrors("--seed", ["abc", "1.5", "18446744073709551616"])
    }

    /// With the session guard (a tolerance) or without it (none), a multi-session plan is
    /// valid and `score` agrees with its reported total.
    @Test func sessionToleranceOrNoneBothGiveValidPlans() throws {
        try Self.expectValidPlans(CLI.fixture("conference.json"), seconds: 5, "--session-tolerance", ["0.01", "none"])
    }

    /// The score report of a fixed broken plan, byte for byte (Tests/Snapshots). Set
    /// RECORD_SNAPSHOTS=1 to rewrite the snapshot after an intended change, and review the diff.
    @Test func scoreReportMatchesTheSnapshot() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = folder.appendingPathComponent("plan.json")
        try Data(
            #"{"assignments": [{"attendee": "a1", "session": "main", "table": "T1"}, {"attendee": "a2", "table": "T1"}, {"attendee": "a3", "table": "T1"}, {"attendee": "a4", "table": "T9"}]}"#
                .utf8
        ).write(to: plan)
        let run = try CLI.run(["score", CLI.fixture("valid_minimal.json"), plan.path])
        #expect(run.status == 1, "\(run)")
        let snapshot = CLI.snapshots.appendingPathComponent("score_valid_minimal_broken.json")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try FileManager.default.createDirectory(at: CLI.snapshots, withIntermediateDirectories: true)
            try Data(run.stdout.utf8).write(to: snapshot)
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(run.stdout == expected)
    }
}
