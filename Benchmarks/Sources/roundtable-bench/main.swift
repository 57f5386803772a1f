import Foundation
import RoundTable
import RoundTableJSON

// Each row runs in a child process so that its peak memory is its own.
// Usage: roundtable-bench [PREFIX|all]   (child mode: roundtable-bench --row NAME)
//        roundtable-bench mixing [PREFIX|mixing-NxS-seedK ...]   multi-session mixing against
//        each session alone; mixing-NxS-seedK is a generated event no table here was tuned on,
//        FILE.json[@SECONDS] a request file (30 s up to 200 attendees, 60 s above)
//        roundtable-bench golfers [LIMIT]   a sweep of social golfer instances (default 2 s each)
//        roundtable-bench --dump NAME FILE   writes a row's request as JSON (MODEL.md), so
//        that other solvers and scorers can be run on exactly the same request.

struct Row {
    let name: String
    let make: () -> SeatingRequest
    let timeLimit: Double
}

func rows() -> [Row] {
    var list: [Row] = []
    list.append(Row(name: "balance3-400x40", make: { var g = Generator(seed: 400); return g.balanceOnly(attendees: 400, tables: 40) }, timeLimit: 30))
    list.append(Row(name: "conference-fixture", make: {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/conference.json")
        return (try? loadRequest(url)) ?? SeatingRequest(tables: [], attendees: [])
    }, timeLimit: 60))
    // The issue's target row: 1,000 attendees, one session, 10 s.
    list.append(Row(name: "conference-1000x1-10s", make: { var g = Generator(seed: 1000); return g.conference(attendees: 1000, sessions: 1) }, timeLimit: 10))
    for seed in [2001, 3002] as [UInt64] {
        list.append(Row(name: "conference-1000x1-10s-seed\(seed)", make: { var g = Generator(seed: seed); return g.conference(attendees: 1000, sessions: 1) }, timeLimit: 10))
    }
    // The growth rows (same generator, 30 s each).
    for n in [250, 500, 1000, 2000, 5000, 10000] {
        list.append(Row(name: "conference-\(n)x1", make: { var g = Generator(seed: UInt64(n)); return g.conference(attendees: n, sessions: 1) }, timeLimit: 30))
    }
    list.append(Row(name: "conference-400x3", make: { var g = Generator(seed: 43); return g.conference(attendees: 400, sessions: 3) }, timeLimit: 60))
    list.append(Row(name: "conference-1000x4", make: { var g = Generator(seed: 44); return g.conference(attendees: 1000, sessions: 4) }, timeLimit: 60))
    for (groups, size, rounds) in [(5, 3, 7), (8, 4, 9), (8, 4, 10), (9, 4, 10), (9, 4, 11), (10, 4, 10), (10, 4, 11), (8, 4, 15), (7, 7, 8), (13, 13, 14), (6, 3, 8), (7, 3, 10), (3, 4, 3)] {
        list.append(Row(name: "golfer-\(groups)x\(size)x\(rounds)", make: { Generator.golfer(groups: groups, size: size, rounds: rounds) }, timeLimit: 10))
    }
    return list
}

func loadRequest(_ url: URL) throws -> SeatingRequest {
    let data = try Data(contentsOf: url)
    return try RequestReader.read(data, file: url.path)
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

func runRow(_ row: Row) {
    let request = row.make()
    let start = Date()
    let firstPlan = FirstPlanClock()
    let plan: SeatingPlan
    do {
        plan = try Planner.plan(request, options: SolveOptions(timeLimit: row.timeLimit, progress: { progress in
            if let total = progress.bestTotal { firstPlan.mark(progress.elapsed, total: total) }
        }))
    } catch {
        print("ROW\t\(row.name)\terror: \(error)")
        return
    }
    let seconds = Date().timeIntervalSince(start)
    let total = plan.objective?.total
    func f(_ x: Double?, _ digits: Int = 2) -> String { x.map { String(format: "%.\(digits)f", $0) } ?? "-" }
    let sessions = request.sessions.count
    print([
        "ROW", row.name, "\(request.attendees.count)", "\(request.tables.count)", "\(sessions)", f(row.timeLimit, 0),
        f(firstPlan.value), f(firstPlan.best(plan.objective?.total) ?? seconds), f(seconds), plan.status.rawValue, f(total), f(plan.bound),
        plan.relativeGap.map { String(format: "%.2f%%", $0 * 100) } ?? "-", f(peakMemoryMiB(), 0), plan.method,
    ].joined(separator: "\t"))
}

/// When the first plan and each better one were reported.
final class FirstPlanClock: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Double?
    private var improvements: [(time: Double, total: Double)] = []
    func mark(_ t: Double, total: Double) {
        lock.withLock {
            if first == nil { first = t }
            if improvements.last.map({ total < $0.total - 1e-9 }) ?? true { improvements.append((t, total)) }
        }
    }
    var value: Double? { lock.withLock { first } }
    /// When the final total was first reported.
    func best(_ total: Double?) -> Double? {
        guard let total else { return nil }
        return lock.withLock { improvements.first { $0.total <= total + 1e-6 * max(1, abs(total)) }?.time }
    }
}

/// Multi-session mixing: the joint plan's repeats against the repeat bound, and each
/// session's balance + size against that session planned alone (same share of time).
struct MixingRow {
    let name: String
    let make: () -> SeatingRequest
    let timeLimit: Double
    /// The session guard's tolerance (`SolveOptions.sessionTolerance`); nil turns it off.
    var tolerance: Double? = SolveOptions().sessionTolerance
}

func mixingRows() -> [MixingRow] {
    var list = [(100, 2, 20.0), (100, 6, 30.0), (200, 3, 30.0), (400, 3, 60.0), (400, 6, 60.0), (1000, 2, 60.0), (1000, 4, 60.0), (1000, 6, 60.0)].map { n, sessions, limit in
        MixingRow(name: "mixing-\(n)x\(sessions)", make: { var g = Generator(seed: UInt64(n * 10 + sessions)); return g.conference(attendees: n, sessions: sessions) }, timeLimit: limit)
    }
    // The smallest event again with three times the time (each session alone too): how much
    // of its balance cost is the search's and how much the price of new faces.
    list.insert(MixingRow(name: "mixing-100x2-60s", make: { var g = Generator(seed: 1002); return g.conference(attendees: 100, sessions: 2) }, timeLimit: 60), at: 1)
    // The smallest event without the session guard: the price of new faces then falls on
    // one session, and the total is lower.
    list.insert(MixingRow(name: "mixing-100x2-noguard", make: { var g = Generator(seed: 1002); return g.conference(attendees: 100, sessions: 2) }, timeLimit: 20, tolerance: nil), at: 1)
    // A generated event that once got no valid plan: repair had closed two of its 13 tables
    // while an organization of 12-13 needed one each ("one per organization per table").
    list.append(MixingRow(name: "mixing-100x6-seed7", make: { var g = Generator(seed: 7); return g.conference(attendees: 100, sessions: 6) }, timeLimit: 30))
    // The largest event with a sixth of the time: whether it still meets nobody twice.
    list.append(MixingRow(name: "mixing-1000x6-10s", make: { var g = Generator(seed: 10006); return g.conference(attendees: 1000, sessions: 6) }, timeLimit: 10))
    // A small event where repeats are forced: 40 people at 5 tables, 6 sessions (each
    // meets about 7 a session, 42 in all, among 39). The generator gives so few
    // organizations at this size that "one per organization per table" cannot hold, so
    // that rule is left out.
    list.insert(MixingRow(name: "mixing-40x6-tight", make: {
        var g = Generator(seed: 406)
        var request = g.conference(attendees: 40, sessions: 6)
        request.rules.removeAll { $0.attribute == "organization" }
        return request
    }, timeLimit: 20), at: 0)
    return list
}

/// A mixing row by name: one of `mixingRows()`, or `mixing-NxS-seedK` for a conference of
/// N attendees over S sessions that the generator makes from seed K (30 s up to 200
/// attendees, 60 s above), to try events that no table here was tuned on, or a request
/// file `FILE.json` with the same limits (`FILE.json@SECONDS` sets the limit).
func mixingRow(named name: String) -> MixingRow? {
    if let row = mixingRows().first(where: { $0.name == name }) { return row }
    let file = name.split(separator: "@", maxSplits: 1).map(String.init)
    if file[0].hasSuffix(".json") {
        // A request file (MODEL.md JSON), e.g. one written by --dump and then edited;
        // FILE.json@SECONDS sets the time limit.
        guard let request = try? loadRequest(URL(fileURLWithPath: file[0])) else { return nil }
        let limit = file.count == 2 ? Double(file[1]) : (request.attendees.count <= 200 ? 30 : 60)
        guard let limit, limit > 0 else { return nil }
        return MixingRow(name: name, make: { request }, timeLimit: limit)
    }
    let parts = name.split(separator: "-")
    guard parts.count == 3, parts[0] == "mixing", parts[2].hasPrefix("seed"), let seed = UInt64(parts[2].dropFirst(4)) else { return nil }
    let shape = parts[1].split(separator: "x").compactMap { Int($0) }
    guard shape.count == 2, shape[0] >= 10, shape[1] >= 1 else { return nil }
    let (n, sessions) = (shape[0], shape[1])
    return MixingRow(name: name, make: { var g = Generator(seed: seed); return g.conference(attendees: n, sessions: sessions) }, timeLimit: n <= 200 ? 30 : 60)
}

/// How many times each session is planned alone (seeds 1 to this): one run of a session
/// alone is a draw from a spread of a few percent (workshop day 1, 97 attendees at tables of
/// 6, 8 and 10: 90.0-95.5 over 16 runs of 5-20 s), so the joint plan's sessions are compared
/// with the mean of these runs, and with the best of them.
let aloneRuns = 3

func runMixing(_ row: MixingRow) {
    let request = row.make()
    guard let plan = try? Planner.plan(request, options: SolveOptions(timeLimit: row.timeLimit, sessionTolerance: row.tolerance)), let total = plan.objective else {
        print("MIX\t\(row.name)\tno plan")
        return
    }
    let repeatBound = (try? Planner.repeatBound(request))?.value ?? 0
    var worst = -Double.infinity
    var worstBest = -Double.infinity
    var spread = 0.0
    var ratios: [String] = []
    for name in request.sessions {
        let single = request.alone(session: name)
        let assignments = plan.assignments.filter { $0.session == name }.map { Assignment(attendee: $0.attendee, session: nil, table: $0.table) }
        guard let joint = try? single.score(assignments).breakdown else { continue }
        let own = (1...aloneRuns).compactMap { seed -> Double? in
            let options = SolveOptions(timeLimit: row.timeLimit / Double(request.sessions.count), seed: UInt64(seed))
            return (try? Planner.plan(single, options: options))?.objective.map { $0.balance + $0.size }
        }
        guard let best = own.min(), let highest = own.max() else { continue }
        let mean = own.reduce(0, +) / Double(own.count)
        let jointCost = joint.balance + joint.size
        func rise(over reference: Double) -> Double { reference > 0 ? (jointCost - reference) / reference : 0 }
        worst = max(worst, rise(over: mean))
        worstBest = max(worstBest, rise(over: best))
        if mean > 0 { spread = max(spread, (highest - best) / mean) }
        ratios.append(String(format: "%+.1f%%", rise(over: mean) * 100))
    }
    print([
        "MIX", row.name, "\(request.attendees.count)", "\(request.sessions.count)", String(format: "%.0f", row.timeLimit),
        String(format: "%.2f", total.total), String(format: "%.0f", total.topics),
        String(format: "%.0f", total.repeats), String(format: "%.0f", repeatBound), ratios.joined(separator: " "),
        String(format: "%+.1f%%", worst * 100), String(format: "%+.1f%%", worstBest * 100), String(format: "%.1f%%", spread * 100),
        plan.relativeGap.map { String(format: "%.2f%%", $0 * 100) } ?? "-",
    ].joined(separator: "\t"))
}

/// Runs this program as a child (`mode`, `name`) and returns the tab-separated fields of
/// its output lines that start with `tag`, echoing them to stderr as they come.
func childRows(_ mode: String, _ name: String, tag: String) -> [[String]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = [mode, name]
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch {
        FileHandle.standardError.write(Data("cannot run \(name): \(error)\n".utf8))
        return []
    }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return output.split(separator: "\n").filter { $0.hasPrefix(tag + "\t") }.map { line in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().map(String.init)
        FileHandle.standardError.write(Data((fields.joined(separator: "  ") + "\n").utf8))
        return fields
    }
}

/// Prints `table` (header first) as a Markdown table with aligned columns.
func printMarkdown(_ table: [[String]]) {
    let columns = table.map(\.count).max() ?? 0
    let widths = (0..<columns).map { c in table.map { $0.indices.contains(c) ? $0[c].count : 0 }.max() ?? 0 }
    for (index, line) in table.enumerated() {
        print("| " + line.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: " | ") + " |")
        if index == 0 { print("|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|") }
    }
}

let arguments = CommandLine.arguments
if arguments.count >= 3 && arguments[1] == "--mix" {
    if let row = mixingRow(named: arguments[2]) { runMixing(row) }
    exit(0)
}
if arguments.count >= 2 && arguments[1] == "mixing" {
    let header = [
        "request", "attendees", "sessions", "limit s", "total", "topics", "repeats", "repeat bound",
        "balance+size vs session alone (mean of \(aloneRuns))", "worst", "worst vs best alone", "alone spread", "gap",
    ]
    var table: [[String]] = [header]
    // Each argument: a prefix of the table's rows, else a generated row (mixing-NxS-seedK).
    let all = mixingRows()
    let selected = arguments.count < 3 ? all : arguments.dropFirst(2).flatMap { name in
        let matching = all.filter { $0.name.hasPrefix(name) }
        return matching.isEmpty ? (mixingRow(named: name).map { [$0] } ?? []) : matching
    }
    for row in selected {
        table += childRows("--mix", row.name, tag: "MIX")
    }
    printMarkdown(table)
    exit(0)
}
/// When the best total last improved, from progress reports (which may come from any thread).
final class LastImprovement: @unchecked Sendable {
    private let lock = NSLock()
    private var total = Double.infinity
    private var time = 0.0
    func note(_ best: Double?, at seconds: Double) {
        guard let best else { return }
        lock.lock()
        defer { lock.unlock() }
        if best < total - 1e-9 {
            total = best
            time = seconds
        }
    }
    var seconds: Double {
        lock.lock()
        defer { lock.unlock() }
        return time
    }
}

/// Social golfer instances beyond the issue's table: the design-theory maxima for groups of
/// 3 and 4 (Kirkman and nearly Kirkman systems, resolvable designs), rounds below the
/// maximum for larger groups (where local search has to do it), instances with forced
/// repeats, and a few that no method here solves at this limit.
let golferSweep: [(Int, Int, Int)] = [
    (3, 3, 4), (4, 3, 4), (5, 3, 7), (6, 3, 8), (7, 3, 10), (8, 3, 11), (9, 3, 13), (10, 3, 14), (11, 3, 16), (13, 3, 19),
    (4, 4, 5), (5, 4, 5), (6, 4, 6), (7, 4, 9), (8, 4, 10), (9, 4, 11), (10, 4, 13), (12, 4, 15), (13, 4, 17),
    (5, 5, 6), (6, 5, 6), (7, 5, 6), (8, 5, 6), (9, 5, 7), (9, 5, 8), (10, 5, 9), (10, 5, 10), (8, 5, 8),
    (6, 6, 3), (7, 6, 4), (8, 6, 5), (10, 6, 6), (8, 6, 6), (10, 6, 7), (7, 7, 8), (8, 7, 4), (10, 7, 5), (8, 8, 9), (9, 8, 3), (10, 8, 4),
    (10, 9, 3), (10, 10, 3), (11, 11, 12), (9, 9, 10), (12, 12, 4), (20, 20, 5), (10, 10, 4), (10, 9, 4), (10, 8, 5),
    (10, 6, 8), (10, 7, 6), (12, 5, 12), (12, 6, 11), (14, 6, 10), (15, 7, 10), (20, 5, 19), (10, 8, 6), (18, 3, 26), (14, 4, 16), (13, 5, 15),
    (6, 6, 4), (9, 5, 10), (8, 5, 9), (12, 7, 9), (6, 5, 7), (11, 4, 14), (14, 4, 17),
    (3, 4, 3), (4, 5, 3), (8, 4, 11), (8, 8, 10), (10, 4, 14), (9, 4, 12),
    (19, 4, 25), (22, 4, 29), (28, 4, 37), (25, 4, 33), (49, 4, 65), (31, 3, 46), (29, 3, 43), (26, 3, 38), (13, 5, 16),
    (30, 3, 44), (36, 3, 53), (39, 3, 58), (45, 3, 67), (48, 3, 71), (52, 4, 69), (20, 4, 25), (39, 3, 59), (34, 3, 50),
    (41, 3, 61), (28, 3, 41), (35, 3, 52), (35, 3, 50), (47, 3, 70),
    (38, 3, 56), (44, 3, 65), (55, 3, 82), (26, 3, 39), (40, 3, 60),
    (65, 5, 81), (69, 3, 103), (10, 5, 11), (11, 5, 12), (10, 6, 9), (21, 6, 20), (12, 4, 16), (12, 4, 17), (9, 4, 13), (14, 4, 15),
    (85, 5, 100), (43, 4, 57), (43, 4, 58), (79, 4, 105), (79, 4, 106), (65, 5, 82),
]

if arguments.count >= 2 && arguments[1] == "golfers" {
    let limit = arguments.count >= 3 ? Double(arguments[2]) ?? 2 : 2
    var table: [[String]] = [["instance", "players", "limit s", "repeats", "bound", "status", "best s", "time s", "method"]]
    var zero = 0
    var proven = 0
    for (groups, size, rounds) in golferSweep {
        let request = Generator.golfer(groups: groups, size: size, rounds: rounds)
        let started = Date()
        let best = LastImprovement()
        let options = SolveOptions(timeLimit: limit, progress: { update in best.note(update.bestTotal, at: Date().timeIntervalSince(started)) })
        guard let plan = try? Planner.plan(request, options: options), let total = plan.objective else {
            table.append(["\(groups)-\(size)-\(rounds)", "\(groups * size)", String(format: "%.0f", limit), "no plan"])
            continue
        }
        if total.repeats == 0 { zero += 1 }
        if plan.status == .optimal { proven += 1 }
        let row = [
            "\(groups)-\(size)-\(rounds)", "\(groups * size)", String(format: "%.0f", limit), String(format: "%.0f", total.repeats),
            plan.bound.map { String(format: "%.0f", $0) } ?? "-", plan.status.rawValue,
            String(format: "%.2f", min(best.seconds, plan.seconds)), String(format: "%.2f", plan.seconds), plan.method,
        ]
        FileHandle.standardError.write(Data((row.joined(separator: "  ") + "\n").utf8))
        table.append(row)
    }
    printMarkdown(table)
    print("\n\(golferSweep.count) instances: \(zero) without a repeat, \(proven) proven optimal.")
    exit(0)
}
if arguments.count >= 3 && arguments[1] == "--row" {
    if let row = rows().first(where: { $0.name == arguments[2] }) { runRow(row) }
    exit(0)
}
if arguments.count >= 4 && arguments[1] == "--dump" {
    let named = rows().map { ($0.name, $0.make) } + mixingRows().map { ($0.name, $0.make) }
        + (mixingRow(named: arguments[2]).map { [($0.name, $0.make)] } ?? [])
    guard let row = named.first(where: { $0.0 == arguments[2] }).map({ Row(name: $0.0, make: $0.1, timeLimit: 0) }) else {
        FileHandle.standardError.write(Data("no row named \(arguments[2])\n".utf8))
        exit(2)
    }
    do { try RequestWriter.encode(row.make()).write(to: URL(fileURLWithPath: arguments[3])) } catch {
        FileHandle.standardError.write(Data("cannot write \(arguments[3]): \(error)\n".utf8))
        exit(1)
    }
    exit(0)
}
let filter = arguments.count >= 2 ? arguments[1] : "all"
let header = ["request", "attendees", "tables", "sessions", "limit s", "first plan s", "best s", "time s", "status", "score", "bound", "gap", "peak MiB", "method"]
var table: [[String]] = [header]
for row in rows() where filter == "all" || row.name.hasPrefix(filter) {
    table += childRows("--row", row.name, tag: "ROW")
}
printMarkdown(table)

// Growth past 1,000 attendees: least-squares slopes on log-log scales over the growth rows.
let growth = table.dropFirst().filter { $0.first.map { $0.hasPrefix("conference-") && $0.hasSuffix("x1") } ?? false }
    .compactMap { row -> (size: Double, first: Double, memory: Double)? in
        guard row.count > 12, let n = Double(row[1]), let t = Double(row[2]), n >= 1000,
            let first = Double(row[5]), let memory = Double(row[12]), first > 0, memory > 0
        else { return nil }
        return (n * t, first, memory)
    }
if growth.count >= 3 {
    func slope(_ ys: [Double]) -> Double {
        let xs = growth.map { log($0.size) }
        let ly = ys.map { log($0) }
        let mx = xs.reduce(0, +) / Double(xs.count)
        let my = ly.reduce(0, +) / Double(ly.count)
        let num = zip(xs, ly).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
        let den = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        return den > 0 ? num / den : .nan
    }
    print("")
    print(String(format: "Growth over %d rows from 1,000 attendees (attendees x tables %.0f to %.0f): time to first plan ~ (attendees x tables)^%.2f, peak memory ~ (attendees x tables)^%.2f.",
        growth.count, growth.map(\.size).min() ?? 0, growth.map(\.size).max() ?? 0, slope(growth.map(\.first)), slope(growth.map(\.memory))))
}
