import ArgumentParser
import Foundation
import RoundTable
import RoundTableJSON

@main
struct RoundTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roundtable",
        abstract: "Seat conference attendees at round tables: balanced, rule-abiding, with proven quality.",
        discussion: """
            Exit codes:
              0  success (a valid plan; a valid request; a valid plan scored)
              1  the scored plan breaks a hard constraint, or a file could not be written
              2  the request (or plan file) is malformed: the message names the field, cause and fix
              3  the request is infeasible: no plan satisfies every hard rule (the reasons are printed)
              4  no valid plan was found within the time limit (status unknown)
            """,
        subcommands: [Plan.self, Render.self, Score.self, Validate.self, Convert.self, Export.self]
    )
}

enum ExitStatus {
    static let invalidPlan: Int32 = 1
    static let requestError: Int32 = 2
    static let infeasible: Int32 = 3
    static let unknown: Int32 = 4
}

func readRequest(_ path: String) throws -> SeatingRequest {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        printError("error: \(path): cannot be read (\(error.localizedDescription)). Fix: check the path.")
        throw ExitCode(ExitStatus.requestError)
    }
    do {
        return try RequestReader.read(data, file: path)
    } catch {
        printError("error: \(error.description)")
        throw ExitCode(ExitStatus.requestError)
    }
}

/// Reads a plan JSON file; errors name the file and exit 2.
func readPlan(_ path: String) throws -> SeatingPlan {
    do {
        return try PlanJSON.decode(try Data(contentsOf: URL(fileURLWithPath: path)), file: path)
    } catch let error as RequestError {
        printError("error: \(error.description)")
        throw ExitCode(ExitStatus.requestError)
    } catch {
        printError("error: \(path): cannot be read (\(error.localizedDescription)). Fix: check the path.")
        throw ExitCode(ExitStatus.requestError)
    }
}

/// Scores `assignments`; a request error names `file` and exits 2.
func score(_ request: SeatingRequest, _ assignments: [Assignment], file: String) throws -> ScoreReport {
    do {
        return try request.score(assignments)
    } catch {
        var error = error
        error.file = file
        printError("error: \(error.description)")
        throw ExitCode(ExitStatus.requestError)
    }
}

/// The request argument shared by every command: JSON, or a spreadsheet with `--config`.
struct RequestOptions: ParsableArguments {
    @Argument(help: "The request: a JSON file (MODEL.md), or a registration spreadsheet (CSV) with --config.")
    var request: String

    @Option(name: .long, help: "The event config (YAML) for a spreadsheet: sessions, tables, balance, rules, columns.")
    var config: String?

    func load() throws -> (SeatingRequest, timeLimit: Double?) { try loadRequest(path: request, config: config) }
}

/// Where and how a plan is written: shared by `plan` and `render`.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "The file to write (.json, .csv or .html picks the format); stdout when absent.")
    var output: String?

    @Option(name: .long, help: "json, csv or html (default: from the output file's extension, else json).")
    var format: PlanFormat?

    @Option(name: .long, help: "The attribute that colors names on the HTML page (default: the heaviest balanced one).")
    var colorBy: String?

    @Option(name: .long, help: "Paper for the HTML page: a4 or letter.")
    var paper: String?

    func validate() throws { _ = try planPaper(paper) }

    func write(_ plan: SeatingPlan, for request: SeatingRequest) throws {
        let chosen = format ?? PlanFormat.infer(fromPath: output)
        try emit(renderPlan(plan, request: request, format: chosen, colorBy: colorBy, paper: paper), to: output)
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

func emit(_ data: Data, to path: String?) throws {
    if let path {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            printError("error: cannot write \(path): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.invalidPlan)
        }
    } else {
        FileHandle.standardOutput.write(data)
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

struct Plan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plan a seating and write the plan (JSON, CSV or printable HTML); a summary goes to stderr.")

    @OptionGroup var input: RequestOptions

    @OptionGroup var out: OutputOptions

    @Option(name: .long, help: "Time limit in seconds (default: the config's timeLimit, else 60).")
    var timeLimit: Double?

    @Option(name: .long, help: "Stop when the relative gap to the bound is at most this (e.g. 0.01).")
    var gap: Double = 0

    @Option(
        name: .long,
        help: """
            Multi-session plans: how far (a fraction) a session's balance may rise above its lower bound before the search \
            weighs it more, so no session pays for meeting new people; none minimises the total only \
            (default \(SolveOptions().sessionTolerance.map { "\($0)" } ?? "none")).
            """)
    var sessionTolerance: String?

    @Flag(name: .long, help: "Return the first valid plan at once (with the bounds found without search), as a registration server would.")
    var firstPlan = false

    @Option(name: .long, help: "Seed of the local search (default 1): runs with the same seed and time make the same choices, up to timing.")
    var seed: UInt64 = 1

    @Flag(name: .shortAndLong, help: "Print no summary.")
    var quiet = false

    @Option(name: .long, help: "A previous plan (JSON) to stay close to: re-seat with the fewest moves.")
    var previous: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Attendee ids already notified: they keep their previous tables (with --previous).")
    var lock: [String] = []

    @Flag(name: .long, help: "Lock every attendee of the previous plan (only newcomers are seated).")
    var lockAll = false

    @Option(name: .long, help: "Cost of one attendee-session moved from the previous plan (default 10).")
    var moveWeight: Double?

    func validate() throws {
        if let timeLimit, !(timeLimit.isFinite && timeLimit >= 0) {
            throw ValidationError("--time-limit must be a non-negative number of seconds")
        }
        guard gap.isFinite, gap >= 0 else { throw ValidationError("--gap must be a non-negative number") }
        _ = try tolerance()
    }

    /// `--session-tolerance` as a fraction (the library's default when absent), nil for `none`.
    func tolerance() throws -> Double? {
        guard let sessionTolerance else { return SolveOptions().sessionTolerance }
        if sessionTolerance.lowercased() == "none" { return nil }
        guard let value = Double(sessionTolerance), value.isFinite, value >= 0 else {
            throw ValidationError("--session-tolerance must be a non-negative fraction such as 0.015, or none (got \(sessionTolerance.debugDescription))")
        }
        return value
    }

    func run() throws {
        let (loaded, configuredLimit) = try input.load()
        var request = loaded
        let timeLimit = self.timeLimit ?? configuredLimit ?? 60
        if let previous {
            let assignments = try readPlan(previous).assignments
            let known = Set(request.attendees.map(\.id))
            let locked = lockAll ? Array(Set(assignments.map(\.attendee)).intersection(known)).sorted() : lock
            request.previous = PreviousPlan(assignments: assignments, locked: locked)
        } else if !lock.isEmpty || lockAll {
            printError("error: --lock and --lock-all need --previous PLAN.json. Fix: pass the plan the attendees were notified of.")
            throw ExitCode(ExitStatus.requestError)
        }
        if let moveWeight { request.objective.moves = moveWeight }
        let tolerance = try self.tolerance()
        let plan: SeatingPlan
        do {
            let reporter = ProgressReporter(enabled: !quiet)
            plan = try Planner.plan(
                request, options: SolveOptions(
                    timeLimit: timeLimit, relativeGap: gap, progress: reporter.report, seed: seed, firstPlan: firstPlan,
                    sessionTolerance: tolerance))
            reporter.finish()
        } catch {
            var error = error
            error.file = input.request
            printError("error: \(error.description)")
            throw ExitCode(ExitStatus.requestError)
        }
        try out.write(plan, for: request)
        if !quiet { printError(plan.summary(for: request)) }
        switch plan.status {
        case .optimal, .feasible: return
        case .infeasible: throw ExitCode(ExitStatus.infeasible)
        case .unknown: throw ExitCode(ExitStatus.unknown)
        }
    }
}

struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score a plan against a request (MODEL.md) and list broken hard constraints as JSON.")

    @OptionGroup var input: RequestOptions

    @Argument(help: "The plan JSON file.")
    var plan: String

    func run() throws {
        let request = try input.load().0
        let report = try score(request, try readPlan(plan).assignments, file: input.request)
        try emit(PlanJSON.encode(report), to: nil)
        if !report.isValid { throw ExitCode(ExitStatus.invalidPlan) }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check a request and report every error (exit 2 on any).")

    @OptionGroup var input: RequestOptions

    func run() throws {
        let parsed = try input.load().0
        let request = input.request
        do {
            try parsed.validate()
        } catch {
            var error = error
            error.file = request
            printError("error: \(error.description)")
            throw ExitCode(ExitStatus.requestError)
        }
        print("\(request): valid (\(parsed.attendees.count) attendees, \(parsed.tables.count) tables, \(parsed.sessions.count) sessions, \(parsed.rules.count) rules)")
    }
}

/// Prints solver progress to stderr: in place on a terminal, as plain lines otherwise.
final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let enabled: Bool
    private let inPlace = isatty(STDERR_FILENO) == 1
    private var lastPrint = Date.distantPast
    private var lastPhase = ""
    private var printedInPlace = false

    init(enabled: Bool) { self.enabled = enabled }

    var report: @Sendable (SolveProgress) -> Void {
        { [self] progress in self.show(progress) }
    }

    private func show(_ progress: SolveProgress) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            guard progress.phase != lastPhase || now.timeIntervalSince(lastPrint) >= 1 else { return }
            lastPhase = progress.phase
            lastPrint = now
            let best = progress.bestTotal.map { String(format: "%.4f", $0) } ?? "-"
            let bound = progress.bound.map { String(format: "%.4f", $0) } ?? "-"
            var gap = "-"
            if let total = progress.bestTotal, let low = progress.bound {
                gap = String(format: "%.2f%%", max(0, total - low) / max(1, abs(total)) * 100)
            }
            let line = String(format: "%7.1fs  %@  best %@  bound %@  gap %@", progress.elapsed, progress.phase, best, bound, gap)
            if inPlace {
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
                printedInPlace = true
            } else {
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
        }
    }

    func finish() {
        lock.withLock { if printedInPlace { FileHandle.standardError.write(Data("\n".utf8)) } }
    }
}

extension ModelExport.Format: ExpressibleByArgument {}
extension ModelExport.Formulation: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the integer program of a request in LP or MPS format (for other solvers and research).")

    @Argument(help: "The request JSON file.")
    var request: String

    @Option(name: [.short, .long], help: "The file to write.")
    var output: String

    @Option(help: "lp or mps.")
    var format: ModelExport.Format = .lp

    @Option(help: "sessions (counts per interchangeable attendees, sessions apart) or exact (binaries, repeats across sessions).")
    var formulation: ModelExport.Formulation = .sessions

    func run() throws {
        let parsed = try readRequest(request)
        do {
            let size = try ModelExport.write(parsed, to: output, format: format, formulation: formulation)
            printError("\(output): \(size.columns) columns (\(size.integerColumns) integer), \(size.rows) rows, \(size.nonzeros) nonzeros")
        } catch {
            var error = error
            if error.file == nil { error.file = request }
            printError("error: \(error.description)")
            throw ExitCode(ExitStatus.requestError)
        }
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an existing plan as CSV or a printable HTML page (or JSON), without planning again.")

    @OptionGroup var input: RequestOptions

    @Argument(help: "The plan JSON file written by `roundtable plan`.")
    var plan: String

    @OptionGroup var out: OutputOptions

    func run() throws {
        let request = try input.load().0
        var decoded = try readPlan(plan)
        let report = try score(request, decoded.assignments, file: input.request)
        if decoded.status == .optimal || decoded.status == .feasible {
            guard report.isValid else {
                printError("error: \(plan): the plan breaks hard constraints of this request: \(report.violations.prefix(3).map(\.message).joined(separator: "; ")). Fix: plan again.")
                throw ExitCode(ExitStatus.invalidPlan)
            }
            decoded.objective = report.breakdown
            decoded.peopleMet = report.peopleMet
        }
        try out.write(decoded, for: request)
    }
}
